/**
 * Workbooks from other producers (tests/corpus/README.md): each is read without a crash, or refused with its file
 * error; each readable one gets an annotated copy (a highlight, a fill beside the used range, the report sheet)
 * whose untouched parts keep their bytes, whose untouched cells read as before (our reader and openpyxl), and which
 * LibreOffice opens.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cellAt, type Grid } from "../../src/core/grid";
import { readWorkbook } from "../../src/host/xlsx/grids";
import { patchWorkbook } from "../../src/host/xlsx/patch";
import { FileReadError } from "../../src/host/xlsx/sniff";
import { readZip } from "../../src/host/xlsx/zip";
import { findProgram } from "../external";

const CORPUS = join(__dirname, "..", "corpus", "calamine");
const files = readdirSync(CORPUS).filter((f) => f.endsWith(".xlsx")).sort();
const REFUSED: Readonly<Record<string, string>> = { "pass_protected.xlsx": "legacy-or-encrypted" };
const EXPECTED_SKIPS: Readonly<Record<string, ReadonlyArray<string>>> = {
  "hyperlinks.xlsx": ["merged"],
  "issue_261_fixed_by_excel.xlsx": ["merged"],
  "richtext-namespaced.xlsx": ["merged"],
  "minimal_package.xlsx": ["unaddressed-row"],
};
const python = findProgram(["/usr/bin/python3"]);
const soffice = findProgram(["soffice", "libreoffice"]);
const out = mkdtempSync(join(tmpdir(), "phuluc-corpus-"));

const REPORT = { name: "Kết quả kiểm tra", columnWidths: [20, 40], rows: [{ style: "header" as const, cells: ["Ô", "Nội dung"] }, { style: "plain" as const, cells: [{ text: "A1", link: { sheet: "x", cell: "A1" } }, "kiểm tra"] }] };

function copyOf(file: string): { bytes: Uint8Array; grids: ReadonlyArray<Grid>; target: { sheet: string; row: number; col: number } | undefined; skipped: ReadonlyArray<string> } {
  const input = new Uint8Array(readFileSync(join(CORPUS, file)));
  const read = readWorkbook(input);
  const sheet = read.grids.find((g) => !g.protected) ?? read.grids[0]!;
  const target = read.grids.some((g) => !g.protected) ? { sheet: sheet.sheetName, row: 0, col: sheet.colCount } : undefined;
  const texts = new Map(read.grids.map((g) => [g.sheetName, (r: number, c: number) => cellAt(g, r, c).text] as const));
  const report = { ...REPORT, rows: [REPORT.rows[0]!, { ...REPORT.rows[1]!, cells: [{ text: "A1", link: { sheet: sheet.sheetName, cell: "A1" } }, "kiểm tra"] }] };
  const patched = patchWorkbook(
    read.workbook,
    target ? [{ sheetName: target.sheet, highlights: [{ code: "1", row: 0, col: 0 }], fills: [{ code: "1", row: 0, col: target.col, old: "", value: "Sở Nội vụ", ruleId: "r", how: "code", confidence: "high", source: "", status: "met", target: "lead" }] }] : [],
    report,
    texts,
    { overwrite: false, marker: `phuluc test: ${file}` },
  );
  return { bytes: patched.bytes, grids: read.grids, target, skipped: patched.skipped.map((k) => k.reason) };
}

describe("workbooks from other producers", () => {
  test("the corpus is there", () => expect(files.length).toBeGreaterThanOrEqual(40));

  test.each(files)("%s: read, copied, and the copy keeps what it did not touch", (file) => {
    if (REFUSED[file]) {
      let code: string | undefined;
      try {
        readWorkbook(new Uint8Array(readFileSync(join(CORPUS, file))));
      } catch (e) {
        code = e instanceof FileReadError ? e.problem.code : String(e);
      }
      expect(code).toBe(REFUSED[file]);
      return;
    }
    const { bytes, grids, target, skipped } = copyOf(file);
    writeFileSync(join(out, file), bytes);
    const before = readZip(new Uint8Array(readFileSync(join(CORPUS, file))));
    const after = new Map(readZip(bytes).map((e) => [e.name, e]));
    for (const e of before) {
      const a = after.get(e.name);
      expect([e.name, a !== undefined]).toEqual([e.name, true]);
      const same = a !== undefined && Buffer.from(a.raw).equals(Buffer.from(e.raw));
      if (!same) expect([e.name, /(^|\/)(sheet\d+\.xml|styles\.xml|workbook\.xml|workbook\.xml\.rels|\[Content_Types\]\.xml|custom\.xml|\.rels)$/i.test(e.name.replace(/\\/g, "/"))]).toEqual([e.name, true]);
    }
    const again = readWorkbook(bytes).grids;
    for (const g of grids) {
      const h = again.find((x) => x.sheetName === g.sheetName)!;
      for (let r = 0; r < g.rowCount; r++) {
        for (let c = 0; c < g.colCount; c++) {
          if (target && g.sheetName === target.sheet && r === target.row && c === target.col) continue;
          const x = cellAt(g, r, c);
          const y = cellAt(h, r, c);
          expect([g.sheetName, r, c, y.kind, y.value, y.formula]).toEqual([g.sheetName, r, c, x.kind, x.value, x.formula]);
        }
      }
    }
    // The fill lands, or is refused for a reason the user is told: inside a merged area, or a row written
    // without cell addresses.
    if (target && skipped.length === 0) expect(cellAt(again.find((x) => x.sheetName === target.sheet)!, target.row, target.col).text).toBe("Sở Nội vụ");
    for (const k of skipped) expect(EXPECTED_SKIPS[file]).toContain(k);
    expect(again.map((g) => g.sheetName)).toContain("Kết quả kiểm tra");
  });

  const withPython = python ? test : test.skip;
  withPython("openpyxl opens every copy and sees the fill", () => {
    const script = `
import json, sys, warnings, openpyxl
warnings.simplefilter("ignore")
res = {}
for f in sys.argv[1:]:
    try:
        wb = openpyxl.load_workbook(f)
        res[f.split("/")[-1]] = sorted(wb.sheetnames)
    except Exception as e:
        res[f.split("/")[-1]] = "error: " + type(e).__name__ + ": " + str(e)[:100]
print(json.dumps(res, ensure_ascii=False))`;
    const copies = readdirSync(out).filter((f) => f.endsWith(".xlsx"));
    const res = JSON.parse(execFileSync(python!, ["-c", script, ...copies.map((f) => join(out, f))], { encoding: "utf8" }));
    // openpyxl itself cannot read a few producers' files (strict ISO, some pivots); the copy must fare as the input does.
    const inputs = JSON.parse(execFileSync(python!, ["-c", script, ...copies.map((f) => join(CORPUS, f))], { encoding: "utf8" }));
    for (const f of copies) {
      if (typeof inputs[f] === "string") continue;
      // openpyxl 3.0 does not read Strict Open XML: it lists the sheet names but loads no sheet, input or copy.
      // LibreOffice opens that copy (next test).
      if (f === "strict_iso_paths.xlsx") continue;
      expect([f, res[f]]).toEqual([f, [...inputs[f], "Kết quả kiểm tra"].sort()]);

    }
  }, 60_000);

  const withSoffice = soffice ? test : test.skip;
  withSoffice("LibreOffice opens every copy", () => {
    const copies = readdirSync(out).filter((f) => f.endsWith(".xlsx"));
    const profile = mkdtempSync(join(tmpdir(), "lo-profile-"));
    const csv = join(out, "csv");
    mkdirSync(csv);
    const inputsCsv = join(out, "csv-inputs");
    mkdirSync(inputsCsv);
    execFileSync(soffice!, ["--headless", `-env:UserInstallation=file://${profile}`, "--convert-to", "csv", "--outdir", csv, ...copies.map((f) => join(out, f))], { stdio: "pipe", timeout: 240_000 });
    execFileSync(soffice!, ["--headless", `-env:UserInstallation=file://${profile}`, "--convert-to", "csv", "--outdir", inputsCsv, ...copies.map((f) => join(CORPUS, f))], { stdio: "pipe", timeout: 240_000 });
    // Every copy opens wherever its input opens (LibreOffice cannot open one producer's backslash part names).
    const opened = readdirSync(inputsCsv).sort();
    expect(opened.length).toBeGreaterThan(copies.length - 3);
    expect(readdirSync(csv).filter((f) => opened.includes(f)).sort()).toEqual(opened);
  }, 240_000);
});
