/**
 * npm run bench: medians of what the issues set targets for, printed as a table.
 *   core, 150-row appendix                < 5 ms
 *   core, 60,000-row sheet                < 1.5 s, linear in rows (15k / 30k / 60k shown)
 *   CLI over 40 workbooks vs exceljs read ≤ 1.3×
 *   whole phuluc process vs a bare inflate-and-scan process ≤ 3×; --out ≤ 1.5× check on every fixture and on the
 *   heavy files (styled to the last row, 40,000 merges, 60,000 rows); 10,000 files through --jsonl < 300 MB
 *   task pane bundle (gzip)               ≤ 200 KB (when dist/taskpane exists: npm run build)
 * Timing lives here, not in unit tests.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import ExcelJS from "exceljs";
import { analyzeSheet } from "../src/core/analyze";
import { BUILTIN_RULES, BUILTIN_SETS } from "../src/catalogues";
import { type Cell, type Grid } from "../src/core/grid";
import { clearTextCaches } from "../src/core/text";
import { loadWorkbook } from "../src/host/xlsx/read";
import { main } from "../src/cli/main";
import { packageRoot } from "../src/cli/root";
import { buildWorkbook, fixtureSpecs } from "./fixtures";

const ROOT = packageRoot(__dirname);
const BIN = join(ROOT, "bin", "phuluc.js");

/** What a reader of these files cannot do less than: read the directory, inflate every part, find every cell. */
const BASELINE_SCRIPT = `"use strict";
const fs = require("fs"), path = require("path"), zlib = require("zlib");
let cells = 0;
for (const f of fs.readdirSync(process.argv[2]).filter((x) => x.endsWith(".xlsx"))) {
  const b = fs.readFileSync(path.join(process.argv[2], f));
  let e = b.length - 22;
  while (b.readUInt32LE(e) !== 0x06054b50) e--;
  let p = b.readUInt32LE(e + 16);
  const n = b.readUInt16LE(e + 10);
  for (let i = 0; i < n; i++) {
    const method = b.readUInt16LE(p + 10), csize = b.readUInt32LE(p + 20), nl = b.readUInt16LE(p + 28), xl = b.readUInt16LE(p + 30), cl = b.readUInt16LE(p + 32), local = b.readUInt32LE(p + 42);
    const start = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    const raw = b.subarray(start, start + csize);
    const data = method === 8 ? zlib.inflateRawSync(raw) : raw;
    const text = data.toString("utf8");
    for (let at = text.indexOf("<c "); at >= 0; at = text.indexOf("<c ", at + 3)) cells++;
    p += 46 + nl + xl + cl;
  }
}
process.stdout.write(String(cells));
`;

let preload: string | undefined;
function rssPreload(): string {
  if (preload === undefined) {
    preload = join(mkdtempSync(join(tmpdir(), "phuluc-rss-")), "rss.js");
    writeFileSync(preload, 'process.on("exit", () => process.stderr.write("\\nMAXRSS " + process.resourceUsage().maxRSS + "\\n"));');
  }
  return preload;
}

/** A child process of node with `args`: wall time and peak memory. */
function proc(args: ReadonlyArray<string>): Promise<{ ms: number; rss: number }> {
  return new Promise((resolvePromise, reject) => {
    const t = process.hrtime.bigint();
    const child = spawn(process.execPath, ["--require", rssPreload(), ...args], { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr.on("data", (d: Buffer) => void (err += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      if (code !== 0) reject(new Error(`node ${args.join(" ")}: exit ${code}: ${err.slice(0, 300)}`));
      // Node does not give a parent its child's peak memory: a preload in the child prints it at exit.
      const m = /MAXRSS (\d+)/.exec(err);
      resolvePromise({ ms, rss: m ? Number(m[1]) / 1024 : NaN });
    });
  });
}

async function repeat(n: number, f: () => Promise<{ ms: number; rss: number }>): Promise<{ ms: number; rss: number }> {
  const r: Array<{ ms: number; rss: number }> = [];
  for (let i = 0; i < n; i++) r.push(await f());
  return { ms: median(r.map((x) => x.ms)), rss: Math.max(...r.map((x) => x.rss)) };
}

/** The Hà Nam appendix with its cells formatted down to row 1,048,576, as Excel writes a whole-column format. */
async function styledToBottom(bytes: Uint8Array): Promise<Uint8Array> {
  const files = unzipSync(bytes);
  const xml = strFromU8(files["xl/worksheets/sheet1.xml"]!);
  const last = Math.max(...[...xml.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1])));
  const rows: string[] = [];
  for (let r = last + 1; r <= 1_048_576; r++) rows.push(`<row r="${r}" s="1" customFormat="1"/>`);
  files["xl/worksheets/sheet1.xml"] = strToU8(xml.replace("</sheetData>", `${rows.join("")}</sheetData>`));
  return zipSync(files);
}

/** The Hà Nam appendix with `n` two-cell merges below its table. */
async function manyMerges(bytes: Uint8Array, n: number): Promise<Uint8Array> {
  const files = unzipSync(bytes);
  const xml = strFromU8(files["xl/worksheets/sheet1.xml"]!);
  const merges = Array.from({ length: n }, (_, i) => `<mergeCell ref="H${200 + i}:I${200 + i}"/>`).join("");
  const withMerges = xml.includes("<mergeCells") ? xml.replace(/<mergeCells count="(\d+)">/, (_m, c: string) => `<mergeCells count="${Number(c) + n}">${merges}`) : xml.replace("</sheetData>", `</sheetData><mergeCells count="${n}">${merges}</mergeCells>`);
  files["xl/worksheets/sheet1.xml"] = strToU8(withMerges);
  return zipSync(files);
}

/** A synthetic appendix of `rows` rows, written by exceljs. */
async function bigWorkbook(rows: number): Promise<Uint8Array> {
  const g = syntheticGrid(rows);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Lớn");
  g.rows.forEach((r, i) => r.forEach((c, j) => {
    if (c) ws.getCell(i + 1, j + 1).value = c.value as string | number;
  }));
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

async function time(runs: number, f: () => unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await f();
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out;
}

const num = (v: number): Cell => ({ kind: "number", value: v, text: String(v) });
const txt = (v: string): Cell => ({ kind: "text", value: v, text: v });

/** A synthetic appendix of about `rows` rows: fields, criteria and sub-criteria whose sums hold. */
export function syntheticGrid(rows: number): Grid {
  const out: Cell[][] = [[txt("Stt"), txt("Tiêu chí"), txt("Điểm chuẩn"), txt("Điểm đạt được năm 2018"), txt("Mục tiêu năm 2019"), txt("Thực hiện")]];
  let f = 0;
  while (out.length < rows) {
    f++;
    const fieldRow = out.length;
    out.push([txt(String(f)), txt(`LĨNH VỰC ${f}`), num(0), num(0), num(0)]);
    let fMax = 0;
    let fScore = 0;
    for (let c = 1; c <= 60 && out.length < rows; c++) {
      const critRow = out.length;
      out.push([txt(`${f}.${c}`), txt(`Tiêu chí ${f}.${c}`), num(0), num(0), num(0)]);
      let cMax = 0;
      let cScore = 0;
      for (let s = 1; s <= 9 && out.length < rows; s++) {
        const score = (s % 4) * 0.25;
        out.push([txt(`${f}.${c}.${s}`), txt(`Tiêu chí thành phần ${f}.${c}.${s}`), num(1), num(score), num(1)]);
        cMax += 1;
        cScore += score;
      }
      out[critRow] = [txt(`${f}.${c}`), txt(`Tiêu chí ${f}.${c}`), num(cMax), num(cScore), num(cMax)];
      fMax += cMax;
      fScore += cScore;
    }
    out[fieldRow] = [txt(String(f)), txt(`LĨNH VỰC ${f}`), num(fMax), num(fScore), num(fMax)];
  }
  return { sheetName: "Lớn", rowCount: out.length, colCount: 6, rows: out, merges: [] };
}

const options = { criteriaSets: BUILTIN_SETS, rules: BUILTIN_RULES };

import { fillAgreement } from "./fillAgreement";

async function bench(): Promise<void> {
  const lines: Array<[string, string, string]> = [];
  const haNamSpec = fixtureSpecs().find((s) => s.file === "ha-nam-1800-2019.xlsx");
  if (!haNamSpec) throw new Error("no Hà Nam fixture");
  const haNam = (await loadWorkbook(await buildWorkbook(haNamSpec))).grids[0];
  if (!haNam) throw new Error("no grid");

  for (let i = 0; i < 20; i++) analyzeSheet(haNam, options);
  const cold = median(
    await time(200, () => {
      clearTextCaches();
      analyzeSheet(haNam, options);
    }),
  );
  const small = median(await time(200, () => analyzeSheet(haNam, options)));
  lines.push([`core, Hà Nam appendix (${haNam.rowCount} rows), first run`, `${cold.toFixed(2)} ms`, "< 5 ms"]);
  lines.push([`core, Hà Nam appendix, re-run (“Kiểm tra lại”)`, `${small.toFixed(2)} ms`, "< 5 ms"]);

  const perRow: number[] = [];
  for (const n of [15_000, 30_000, 60_000]) {
    const g = syntheticGrid(n);
    analyzeSheet(g, options);
    const t = median(await time(5, () => analyzeSheet(g, options)));
    perRow.push((t * 1000) / n);
    lines.push([`core, ${n.toLocaleString("en-US")}-row sheet`, `${t.toFixed(0)} ms (${((t * 1000) / n).toFixed(1)} µs/row)`, n === 60_000 ? "< 1500 ms" : ""]);
  }
  const spread = Math.max(...perRow) / Math.min(...perRow);
  lines.push(["core, µs per row 15k→60k (1.0 = linear)", `${spread.toFixed(2)}× spread`, "linear"]);

  // 40 appendix workbooks: the three appendix fixtures, over and over.
  const dir = mkdtempSync(join(tmpdir(), "phuluc-bench-"));
  try {
    const specs = fixtureSpecs().filter((s) => ["ha-nam-1800-2019.xlsx", "kon-tum-2019-hai-dong-tieu-de.xlsx", "so-tu-cham-nhieu-trang.xlsx"].includes(s.file));
    const bytes = await Promise.all(specs.map((s) => buildWorkbook(s)));
    for (let i = 0; i < 40; i++) await writeFile(join(dir, `phu-luc-${String(i).padStart(2, "0")}.xlsx`), bytes[i % bytes.length] ?? new Uint8Array());
    const files = readdirSync(dir).map((f) => join(dir, f));
    const bare = async (): Promise<void> => {
      for (const f of files) {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(readFileSync(f) as unknown as ExcelJS.Buffer);
      }
    };
    const cli = async (): Promise<void> => {
      await main(["check", dir, "--json"], { stdout: () => undefined, stderr: () => undefined });
    };
    await bare();
    await cli();
    const tBare: number[] = [];
    const tCli: number[] = [];
    for (let i = 0; i < 5; i++) {
      tBare.push(...(await time(1, bare)));
      tCli.push(...(await time(1, cli)));
    }
    const b = median(tBare);
    const c = median(tCli);
    lines.push(["exceljs read of 40 workbooks (bare)", `${b.toFixed(0)} ms`, ""]);
    lines.push(["phuluc check --json, same 40 workbooks", `${c.toFixed(0)} ms (${(c / b).toFixed(2)}×)`, "≤ 1.3×"]);
    // Whole processes: the CLI against a dependency-free node process that only inflates the same parts and finds
    // every cell (the floor for any reader of these files).
    const baseline = join(dir, "baseline.js");
    await writeFile(baseline, BASELINE_SCRIPT);
    await proc([baseline, dir]);
    await proc([BIN, dir, "--json"]);
    const pBase = (await repeat(5, () => proc([baseline, dir]))).ms;
    const pCli = await repeat(5, () => proc([BIN, dir, "--json"]));
    lines.push(["process: inflate the parts and find every cell, 40 workbooks (no dependencies)", `${pBase.toFixed(0)} ms`, ""]);
    lines.push(["process: phuluc check --json, same 40", `${pCli.ms.toFixed(0)} ms (${(pCli.ms / pBase).toFixed(2)}×), ${pCli.rss.toFixed(0)} MB max RSS`, "≤ 3×"]);
    // The same with one workbook: what a process costs before its files (load, V8 warm-up), and each file after it.
    // (A folder of its own: the CLI walks sub-folders of `dir`.)
    const one = mkdtempSync(join(tmpdir(), "phuluc-bench-one-"));
    await writeFile(join(one, "phu-luc-00.xlsx"), bytes[0] ?? new Uint8Array());
    const pBase1 = (await repeat(5, () => proc([baseline, one]))).ms;
    const pCli1 = (await repeat(5, () => proc([BIN, one, "--json"]))).ms;
    const perFile = (forty: number, single: number): string => `${((forty - single) / 39).toFixed(1)} ms`;
    lines.push(["process, one workbook: phuluc check --json / the inflate-and-find process", `${pCli1.toFixed(0)} ms / ${pBase1.toFixed(0)} ms`, ""]);
    lines.push(["each further workbook (40 minus 1, over 39): phuluc / the inflate-and-find process", `${perFile(pCli.ms, pCli1)} / ${perFile(pBase, pBase1)}`, ""]);
    rmSync(one, { recursive: true, force: true });
    const empty = await repeat(5, () => proc(["-e", ""]));
    const version = await repeat(5, () => proc([BIN, "--version"]));
    lines.push(["process: phuluc --version / empty node", `${version.ms.toFixed(0)} ms / ${empty.ms.toFixed(0)} ms`, ""]);
    const out = join(dir, "copies");
    const pOut = await repeat(3, () => {
      rmSync(out, { recursive: true, force: true });
      return proc([BIN, dir, "--json", "--out", out]);
    });
    lines.push(["process: phuluc check --out, same 40 (40 annotated copies)", `${pOut.ms.toFixed(0)} ms (${(pOut.ms / pCli.ms).toFixed(2)}× check), ${pOut.rss.toFixed(0)} MB`, "≤ 1.5× check"]);
    // --out against check on each fixture and on the heavy realistic files.
    const heavy = join(dir, "heavy");
    mkdirSync(heavy);
    for (const s of specs) await writeFile(join(heavy, s.file), await buildWorkbook(s));
    await writeFile(join(heavy, "ha-nam-dinh-dang-den-dong-cuoi.xlsx"), await styledToBottom(bytes[0]!));
    await writeFile(join(heavy, "ha-nam-40000-o-gop.xlsx"), await manyMerges(bytes[0]!, 40_000));
    await writeFile(join(heavy, "60000-dong.xlsx"), await bigWorkbook(60_000));
    for (const f of readdirSync(heavy).sort()) {
      const file = join(heavy, f);
      const chk = await repeat(3, () => proc([BIN, file, "--json"]));
      const cp = await repeat(3, () => {
        rmSync(join(heavy, "out"), { recursive: true, force: true });
        return proc([BIN, file, "--json", "--out", join(heavy, "out")]);
      });
      lines.push([`--out vs check: ${f}`, `${cp.ms.toFixed(0)} / ${chk.ms.toFixed(0)} ms (${(cp.ms / chk.ms).toFixed(2)}×), ${cp.rss.toFixed(0)} / ${chk.rss.toFixed(0)} MB`, "≤ 1.5×"]);
    }
    // Issue 8: the province-wide summary over 200 agency workbooks (one row each, ranked; a per-criterion sheet).
    const agencies = join(dir, "agencies");
    mkdirSync(agencies);
    for (let i = 0; i < 200; i++) await writeFile(join(agencies, `don-vi-${String(i).padStart(3, "0")}.xlsx`), bytes[i % bytes.length] ?? new Uint8Array());
    const sum = await proc([BIN, agencies, "--json", "--summary", join(dir, "tong-hop.xlsx")]);
    lines.push(["process: --summary over 200 agency workbooks", `${(sum.ms / 1000).toFixed(2)} s, ${sum.rss.toFixed(0)} MB max RSS`, ""]);
    // 10,000 small files through --jsonl: memory flat in the number of files.
    const many = join(dir, "many");
    mkdirSync(many);
    const small = await buildWorkbook(specs.find((x) => x.file === "kon-tum-2019-hai-dong-tieu-de.xlsx") ?? specs[0]!);
    for (let i = 0; i < 10_000; i++) await writeFile(join(many, `don-vi-${String(i).padStart(5, "0")}.xlsx`), small);
    const jl = await proc([BIN, many, "--jsonl"]);
    lines.push(["process: 10,000 small workbooks through --jsonl", `${(jl.ms / 1000).toFixed(1)} s, ${jl.rss.toFixed(0)} MB max RSS`, "< 300 MB"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // Not a speed: how often the "Thực hiện" rules name the lead agency the Hà Nam staff wrote (issue 11 §3).
  const agreement = fillAgreement(ROOT);
  const pct = (x: { agree: number; rows: number }) => `${((100 * x.agree) / x.rows).toFixed(1)} % (${x.agree}/${x.rows})`;
  lines.push(["fills: lead agency = the staff's own, Hà Nam criteria (all filled rows)", `${pct(agreement.original.criteria)} (${pct(agreement.original.all)})`, ""]);
  lines.push(["fills: the same, fields and criteria renumbered", `${pct(agreement.renumbered.criteria)} (${pct(agreement.renumbered.all)})`, ""]);
  lines.push(["fills: renumbered, codes first (as before)", `${pct(agreement.renumberedCodesFirst.criteria)} (${pct(agreement.renumberedCodesFirst.all)})`, ""]);

  const web = join(ROOT, "dist", "web");
  if (existsSync(join(web, "taskpane.html"))) {
    const html = readFileSync(join(web, "taskpane.html"), "utf8");
    const main = [...html.matchAll(/src="?(taskpane\.[^"\s>]+\.js)/g)].map((m) => m[1] ?? "");
    const gz = (f: string): number => gzipSync(readFileSync(join(web, f))).length;
    const mainGz = main.reduce((n, f) => n + gz(f), 0);
    const lazy = readdirSync(web).filter((f) => /^\d+\.[0-9a-f]+\.js$/.test(f));
    lines.push(["task pane bundle, loaded at start (production, gzip)", `${(mainGz / 1024).toFixed(1)} KB`, "≤ 200 KB"]);
    lines.push(["task pane, chunks loaded on demand (English, dark theme, zod messages, “Thực hiện” catalogue, written sheets and tools)", lazy.map((f) => `${(gz(f) / 1024).toFixed(1)} KB`).join(" + "), ""]);
    const t = await paneTiming(web);
    lines.push(["pane: “Kiểm tra lại” → results shown, Hà Nam (core + render, Chromium)", t, "< 300 ms"]);
  } else {
    lines.push(["task pane bundle", "not built (npm run build)", "≤ 200 KB"]);
  }

  const w0 = Math.max(...lines.map((l) => l[0].length));
  const w1 = Math.max(...lines.map((l) => l[1].length));
  process.stdout.write(`phuluc bench: node ${process.version}, ${new Date().toISOString()}\n`);
  for (const [what, value, target] of lines) process.stdout.write(`  ${what.padEnd(w0)}  ${value.padEnd(w1)}  ${target}\n`);
}

/** Median time from "Kiểm tra lại" to results shown, measured by the pane itself in Chromium on the preview page. */
async function paneTiming(web: string): Promise<string> {
  const { CHROMIUM_PATH, launchChromium } = await import("./chromium");
  if (!existsSync(CHROMIUM_PATH)) return "Chromium not installed";
  const { serve } = await import("./serve");
  const { server, url } = await serve({ "/": web });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    // Strings, not functions: these run in the page, and this file is compiled without DOM types.
    await page.addInitScript('window.localStorage.setItem("phuluc-cchc.intro-seen", "1")');
    await page.goto(`${url}/preview.html`);
    await page.getByText("8 lĩnh vực · 41 tiêu chí").waitFor();
    const times: number[] = [];
    for (let i = 0; i < 9; i++) {
      const before = await page.getAttribute("[data-testid=pane]", "data-checks");
      await page.getByRole("button", { name: "Kiểm tra lại" }).click();
      for (let wait = 0; (await page.getAttribute("[data-testid=pane]", "data-checks")) === before; wait++) {
        if (wait > 2000) throw new Error("the pane did not finish a check");
        await page.waitForTimeout(5);
      }
      times.push(Number(await page.getAttribute("[data-testid=pane]", "data-check-ms")));
    }
    return `${median(times).toFixed(0)} ms (median of ${times.length}; Excel's round trip not included)`;
  } finally {
    await browser.close();
    server.close();
  }
}

if (require.main === module) bench().catch((e: unknown) => {
  process.stderr.write(`${String(e)}\n`);
  process.exitCode = 1;
});
