/**
 * A batch that survives any file, and inputs that are never touched (issue 10 §2–3). The generated corpus of
 * scripts/malformed.ts runs in one command with a good workbook after it, once as a check and once with --out, in
 * a child process whose peak memory is measured; then the cases that need a file system: a FIFO, a link to
 * /dev/zero, a link in the --out folder onto an input, an input named like a copy, two runs into one folder.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type MalformedCase, writeMalformed } from "../../scripts/malformed";
import { main } from "../../src/cli/main";
import { isOurCopy } from "../../src/host/xlsx/patch";
import { unzipSync } from "fflate";
import { fixtureBytes } from "../helpers";

const ROOT = join(__dirname, "..", "..");
const CLI = join(ROOT, "dist", "node", "src", "cli", "main.js");
const BIN = join(ROOT, "bin", "phuluc.js");
const sha = (p: string): string => createHash("sha256").update(readFileSync(p)).digest("hex");

/** The CLI in a child process, reporting its peak memory (maxRSS, KB) on stderr's last line. */
function child(args: string[]): { code: number; out: string; err: string; maxRssMb: number } {
  const preload = join(mkdtempSync(join(tmpdir(), "phuluc-rss-")), "rss.js");
  writeFileSync(preload, 'process.on("exit", () => process.stderr.write("\\nMAXRSS " + process.resourceUsage().maxRSS + "\\n"));');
  const r = spawnSync(process.execPath, ["--require", preload, BIN, ...args], { encoding: "utf8", maxBuffer: 256 << 20, timeout: 240_000 });
  const m = /MAXRSS (\d+)/.exec(r.stderr);
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr, maxRssMb: m ? Number(m[1]) / 1024 : NaN };
}

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(argv, { stdout: (s) => void (out += s), stderr: (s) => void (err += s) });
  return { code, out, err };
}

describe("the malformed corpus, each case followed by a good workbook", () => {
  const dir = mkdtempSync(join(tmpdir(), "phuluc-malformed-"));
  const inDir = join(dir, "in");
  let cases: MalformedCase[];
  let hashes: Map<string, string>;
  let check: ReturnType<typeof child>;
  let copy: ReturnType<typeof child>;
  let checkDoc: any;
  let copyDoc: any;

  beforeAll(async () => {
    cases = await writeMalformed(inDir);
    // "zz-" sorts last: the good workbook comes after every bad one.
    writeFileSync(join(inDir, "zz-good.xlsx"), await fixtureBytes("ha-nam-1800-2019.xlsx"));
    hashes = new Map(readdirSync(inDir).map((f) => [f, sha(join(inDir, f))]));
    if (!existsSync(CLI)) execFileSync("npx", ["tsc", "-p", "tsconfig.cli.json"], { cwd: ROOT });
    check = child([inDir, "--json"]);
    copy = child([inDir, "--json", "--out", join(dir, "out")]);
    checkDoc = JSON.parse(check.out);
    copyDoc = JSON.parse(copy.out);
  }, 300_000);

  test("at least 50 cases, and the run completes with exit code 0 both times", () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
    expect([check.code, copy.code]).toEqual([0, 0]);
    expect(checkDoc.files).toHaveLength(cases.length + 1);
  });

  test("each case gets what it must: its file error with a Vietnamese message, or a reading", () => {
    const got = cases.map((c) => {
      const f = checkDoc.files.find((x: { file: string }) => x.file.endsWith(`/${c.file}`));
      return [c.file, f.error ? f.error.code : "read"];
    });
    expect(got).toEqual(cases.map((c) => [c.file, c.expect]));
    for (const f of checkDoc.files) if (f.error) expect([f.file, /[\u00C0-\u1EF9]/.test(f.error.message)]).toEqual([f.file, true]);
    expect(checkDoc.files.some((f: any) => f.error?.code === "internal")).toBe(false);
  });

  test("the good workbook after them is still checked, with the same findings with and without --out", () => {
    const good = (d: any): any => d.files.find((f: { file: string }) => f.file.endsWith("zz-good.xlsx"));
    expect(good(checkDoc).sheets[0].recognized).toBe(true);
    expect(good(checkDoc).sheets[0].findings.length).toBeGreaterThan(50);
    checkDoc.files.forEach((f: any, i: number) => expect([f.file, f.sheets.map((s: any) => s.findings)]).toEqual([copyDoc.files[i].file, copyDoc.files[i].sheets.map((s: any) => s.findings)]));
    expect(good(copyDoc).copy.written).toBe(true);
  });

  test("no input changed, and memory stays bounded", () => {
    for (const [f, h] of hashes) expect([f, sha(join(inDir, f))]).toEqual([f, h]);
    expect(check.maxRssMb).toBeLessThan(600);
    expect(copy.maxRssMb).toBeLessThan(600);
  });

  test("a lone surrogate becomes U+FFFD in JSON; escape sequences never reach the terminal", async () => {
    const f = checkDoc.files.find((x: { file: string }) => x.file.endsWith("val-lone-surrogate.xlsx"));
    expect(f.sheets[0].recognized).toBe(false);
    expect(check.out).not.toMatch(/\\ud800/i);
    const text = await run(join(inDir, "val-terminal-escapes.xlsx"));
    // eslint-disable-next-line no-control-regex
    expect(text.out).not.toMatch(/[\u001b\u0007\u202e]/);
    expect(text.out).toContain("\\u{202E}");
  });
});

describe("inputs are sacred", () => {
  let dir: string;
  let good: Uint8Array;
  beforeAll(async () => {
    good = await fixtureBytes("ha-nam-1800-2019.xlsx");
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "phuluc-sacred-"));
  });

  test("an input named X.kiem-tra.xlsx next to X.xlsx is checked, never replaced", async () => {
    writeFileSync(join(dir, "X.xlsx"), good);
    writeFileSync(join(dir, "X.kiem-tra.xlsx"), good);
    const before = sha(join(dir, "X.kiem-tra.xlsx"));
    const r = await run(dir, "--out", dir, "--json");
    const doc = JSON.parse(r.out);
    expect(doc.files.map((f: any) => f.file.split("/").pop())).toEqual(["X.kiem-tra.xlsx", "X.xlsx"]);
    expect(sha(join(dir, "X.kiem-tra.xlsx"))).toBe(before);
    expect(doc.files.map((f: any) => f.copy.path.split("/").pop()).sort()).toEqual(["X (2).kiem-tra.xlsx", "X.kiem-tra.kiem-tra.xlsx"].sort());
    // A second run replaces its own earlier copies, and checks neither of them.
    const again = JSON.parse((await run(dir, "--out", dir, "--json")).out);
    expect(again.files.map((f: any) => f.file.split("/").pop())).toEqual(["X.kiem-tra.xlsx", "X.xlsx"]);
    expect(readdirSync(dir).sort()).toEqual(["X (2).kiem-tra.xlsx", "X.kiem-tra.kiem-tra.xlsx", "X.kiem-tra.xlsx", "X.xlsx"].sort());
  });

  test("a link in the --out folder is never followed: the input behind it is untouched and the copy takes another name", async () => {
    mkdirSync(join(dir, "in"));
    mkdirSync(join(dir, "out"));
    writeFileSync(join(dir, "in", "A.xlsx"), good);
    const other = join(dir, "other.xlsx");
    writeFileSync(other, good);
    symlinkSync(join(dir, "in", "A.xlsx"), join(dir, "out", "A.kiem-tra.xlsx"));
    symlinkSync(other, join(dir, "out", "A (2).kiem-tra.xlsx"));
    const before = [sha(join(dir, "in", "A.xlsx")), sha(other)];
    const doc = JSON.parse((await run(join(dir, "in"), "--out", join(dir, "out"), "--json")).out);
    expect([sha(join(dir, "in", "A.xlsx")), sha(other)]).toEqual(before);
    expect(doc.files[0].copy.path.split("/").pop()).toBe("A (3).kiem-tra.xlsx");
    expect(lstatSync(join(dir, "out", "A.kiem-tra.xlsx")).isSymbolicLink()).toBe(true);
  });

  test("a file this tool did not make is never replaced, even under a copy's name", async () => {
    writeFileSync(join(dir, "B.xlsx"), good);
    mkdirSync(join(dir, "out"));
    writeFileSync(join(dir, "out", "B.kiem-tra.xlsx"), "the user's own notes");
    const doc = JSON.parse((await run(join(dir, "B.xlsx"), "--out", join(dir, "out"), "--json")).out);
    expect(readFileSync(join(dir, "out", "B.kiem-tra.xlsx"), "utf8")).toBe("the user's own notes");
    expect(doc.files[0].copy.path.split("/").pop()).toBe("B (2).kiem-tra.xlsx");
    expect(isOurCopy(new Uint8Array(readFileSync(doc.files[0].copy.path)))).toBe(true);
    // No temporary file is left behind.
    expect(readdirSync(join(dir, "out")).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  test("two runs at once into one folder keep each other's copies", async () => {
    writeFileSync(join(dir, "C.xlsx"), good);
    const [a, b] = await Promise.all([run(join(dir, "C.xlsx"), "--out", join(dir, "out"), "--json"), run(join(dir, "C.xlsx"), "--out", join(dir, "out"), "--json")]);
    const paths = [JSON.parse(a.out).files[0].copy.path, JSON.parse(b.out).files[0].copy.path];
    expect(new Set(paths).size).toBe(2);
    expect(readdirSync(join(dir, "out")).sort()).toEqual(["C (2).kiem-tra.xlsx", "C.kiem-tra.xlsx"]);
  });

  test("two inputs of one name written while the batch overlaps them: each gets its own copy, the older copy replaced once", async () => {
    // a/D.xlsx and b/D.xlsx (different workbooks) into one folder that holds D.kiem-tra.xlsx from an earlier run.
    mkdirSync(join(dir, "in", "a"), { recursive: true });
    mkdirSync(join(dir, "in", "b"));
    writeFileSync(join(dir, "in", "a", "D.xlsx"), good);
    writeFileSync(join(dir, "in", "b", "D.xlsx"), await fixtureBytes("kon-tum-2019-hai-dong-tieu-de.xlsx"));
    await run(join(dir, "in", "a", "D.xlsx"), "--out", join(dir, "out"), "--json");
    expect(readdirSync(join(dir, "out"))).toEqual(["D.kiem-tra.xlsx"]);
    const doc = JSON.parse((await run(join(dir, "in"), "--out", join(dir, "out"), "--json")).out);
    expect(doc.files.map((f: any) => f.file.split("/").slice(-2).join("/"))).toEqual(["a/D.xlsx", "b/D.xlsx"]);
    const copies = doc.files.map((f: any) => f.copy.path.split("/").pop());
    expect(copies).toEqual(["D.kiem-tra.xlsx", "D (2).kiem-tra.xlsx"]);
    // Each copy holds its own input's appendix (the sheet's name and rows), not the other's.
    const sheetsOf = (p: string): string => {
      const xml = new TextDecoder().decode(unzipSync(new Uint8Array(readFileSync(p)))["xl/workbook.xml"]!);
      return [...xml.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1]).join(",");
    };
    expect(sheetsOf(doc.files[0].copy.path)).toBe(sheetsOf(join(dir, "in", "a", "D.xlsx")).concat(",Kết quả kiểm tra,Góp ý"));
    expect(sheetsOf(doc.files[1].copy.path).startsWith(sheetsOf(join(dir, "in", "b", "D.xlsx")))).toBe(true);
    expect(readdirSync(join(dir, "out")).sort()).toEqual(["D (2).kiem-tra.xlsx", "D.kiem-tra.xlsx"]);
  });

  test("a FIFO and a link to /dev/zero named .xlsx are reported, not read; the good file after them is checked", async () => {
    execFileSync("mkfifo", [join(dir, "a-pipe.xlsx")]);
    symlinkSync("/dev/zero", join(dir, "b-zero.xlsx"));
    copyFileSync(join(ROOT, "samples", "ha-nam-1800-2019.xlsx"), join(dir, "c-good.xlsx"));
    const doc = JSON.parse((await run(dir, "--json")).out);
    expect(doc.files.map((f: any) => [f.file.split("/").pop(), f.error?.code ?? "read"])).toEqual([
      ["a-pipe.xlsx", "not-a-file"],
      ["b-zero.xlsx", "not-a-file"],
      ["c-good.xlsx", "read"],
    ]);
  });

  test("a path that does not exist is a usage error (exit 2), named in the message", async () => {
    const r = await run(join(dir, "khong-co.xlsx"));
    expect(r.code).toBe(2);
    expect(r.err).toContain("Không tìm thấy");
    expect(r.out).toBe("");
  });

  test("--jsonl writes one JSON object per file, as each is done", async () => {
    writeFileSync(join(dir, "a.xlsx"), good);
    writeFileSync(join(dir, "b.xlsx"), "not a workbook");
    const r = await run(dir, "--jsonl");
    const lines = r.out.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.file.split("/").pop(), l.error?.code ?? "read"])).toEqual([
      ["a.xlsx", "read"],
      ["b.xlsx", "not-xlsx"],
    ]);
  });

  test("a closed pipe ends the run quietly", () => {
    for (let i = 0; i < 30; i++) writeFileSync(join(dir, `f${i}.xlsx`), good);
    const r = spawnSync("sh", ["-c", `node ${JSON.stringify(join(ROOT, "bin", "phuluc.js"))} ${JSON.stringify(dir)} | head -c 100 > /dev/null; echo "status=\${PIPESTATUS:-0}"`], { encoding: "utf8" });
    expect(r.stderr).not.toMatch(/EPIPE|Error/);
  }, 60_000);
});
