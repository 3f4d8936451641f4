/**
 * Issue 7 §6: a generated workbook for each category of real submissions (scripts/fixtures.ts, submissionSpecs),
 * read through the CLI's own reader and checked as the CLI checks it, with the exact findings written in the spec.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BUILTIN_RULES, BUILTIN_SETS } from "../../src/catalogues";
import { main } from "../../src/cli/main";
import { describeWith, findProgram } from "../external";
import { analyzeWorkbook } from "../../src/core/workbook";
import { readWorkbook } from "../../src/host/xlsx/grids";
import { explainAnalysis, findingCell, translator } from "../../src/i18n";
import { buildWorkbook, submissionSpecs } from "../../scripts/fixtures";

const python = ((): string | undefined => {
  const p = findProgram(["/usr/bin/python3"]);
  try {
    if (p) execFileSync(p, ["-c", "import openpyxl"], { stdio: "pipe" });
    return p;
  } catch {
    return undefined;
  }
})();

describe.each(submissionSpecs().map((s) => [s.file, s] as const))("%s", (_, spec) => {
  test(`${spec.description}: the exact findings`, async () => {
    const read = readWorkbook(await buildWorkbook(spec));
    const analyses = analyzeWorkbook(read.grids, { criteriaSets: BUILTIN_SETS, rules: BUILTIN_RULES });
    const appendices = analyses.filter((a) => a.recognized);
    expect(appendices).toHaveLength(spec.expected.length);
    appendices.forEach((a, i) => {
      if (!a.recognized) return;
      expect(a.counts).toEqual({ fields: 8, criteria: 41, subs: 96 });
      expect(a.setChoice.kind).toBe("matched");
      expect(a.findings.map((f) => [f.rule, f.code, findingCell(f)])).toEqual(spec.expected[i]);
      expect(explainAnalysis(translator("vi"), a)).not.toBe("");
    });
  });
});

describeWith(python, "python3-openpyxl (the independent reader)")("an appendix over several sheets, through phuluc check --out", () => {
  test("the copy highlights the below-target items on the sheet each one is on, read back by openpyxl", async () => {
    const dir = mkdtempSync(join(tmpdir(), "phuluc-pl2-"));
    const spec = submissionSpecs().find((s) => s.file === "nhieu-trang-tinh.xlsx")!;
    const input = join(dir, spec.file);
    writeFileSync(input, await buildWorkbook(spec));
    const out: string[] = [];
    const code = await main(["check", input, "--out", join(dir, "out"), "--json"], { stdout: (s) => out.push(s), stderr: () => undefined });
    expect(code).toBe(0);
    const json = JSON.parse(out.join("")) as { files: Array<{ sheets: Array<{ sheets?: string[]; belowTarget: Array<{ code: string; sheet?: string; scoreCell: string }> }> }> };
    const sheet = json.files[0]!.sheets[0]!;
    expect(sheet.sheets).toEqual(["PL1", "PL2 (tiếp theo)"]);
    const below = sheet.belowTarget;
    expect(new Set(below.map((b) => b.sheet))).toEqual(new Set(["PL1", "PL2 (tiếp theo)"]));
    const dump = JSON.parse(execFileSync(python!, [join(__dirname, "..", "tools", "dump_xlsx.py"), join(dir, "out", "nhieu-trang-tinh.kiem-tra.xlsx")], { encoding: "utf8", maxBuffer: 64 << 20 })) as Record<string, { cells: Record<string, unknown[]> }>;
    for (const b of below) {
      const cells = dump[b.sheet!]!.cells;
      expect([b.code, cells[b.scoreCell]?.[2]]).toEqual([b.code, "FFFFE699"]);
    }
  });
});
