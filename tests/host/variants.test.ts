/** Every layout variant of ../shared/reference/README.md, as generated workbooks read through the .xlsx host. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { FileReadError, loadWorkbook } from "../../src/host/xlsx/read";
import { explainAnalysis, rejectionMessage, translator } from "../../src/i18n";
import { analyze, fixtureBytes, fixtureGrids, recognized, table } from "../helpers";
import { buildWorkbook, fixtureSpecs } from "../../scripts/fixtures";

const tr = translator("vi");

describe("Kon Tum: two-row merged header, roman fields numbered afresh, SUM formulas, notes under the table", () => {
  let a: ReturnType<typeof recognized>;
  beforeAll(async () => {
    a = recognized(analyze((await fixtureGrids("kon-tum-2019-hai-dong-tieu-de.xlsx"))[0]!));
  });
  test("layout", () => {
    expect(a.layout).toMatchObject({ headerRow: 3, headerRows: 2, code: 0, name: 1, max: 2, responsibility: 8, support: 9 });
    expect(a.layout.scores.map((s) => [s.col, s.year, s.kind])).toEqual([
      [3, 2019, "survey"],
      [4, 2019, "self"],
      [5, 2019, "appraised"],
    ]);
    expect(a.layout.targets.map((t) => [t.col, t.year])).toEqual([
      [6, 2020],
      [7, 2021],
    ]);
    expect(a.body.numbering).toBe("roman-restart");
    expect(a.counts).toEqual({ fields: 8, criteria: 41, subs: 96 });
    expect(a.body.ruleRows).toHaveLength(2);
    expect(a.body.notesRow).not.toBeNull();
    expect(explainAnalysis(tr, a)).toMatch(/^Phụ lục ở dòng 4–5; A = mã, B = tiêu chí, C = điểm chuẩn, D = điểm điều tra XHH năm 2019, E = điểm tự đánh giá năm 2019, F = điểm thẩm định năm 2019, G = mục tiêu năm 2020, H = mục tiêu năm 2021, I = thực hiện, J = đơn vị phối hợp/);
  });
  test("the field whose SUM leaves out 3.5 is the only problem", () => {
    expect(table(a.findings)).toEqual([
      ["sum-mismatch", "3", "C33"],
      ["max-mismatch", "3", "C33"],
      ["sum-mismatch", "3", "E33"],
      ["sum-mismatch", "3", "F33"],
      ["sum-mismatch", "3", "G33"],
      ["sum-mismatch", "3", "H33"],
      ["total-mismatch", null, "C154"],
      ["sum-formula-skips", "3", "C33"],
      ["sum-formula-skips", "3", "E33"],
      ["sum-formula-skips", "3", "F33"],
      ["sum-formula-skips", "3", "G33"],
      ["sum-formula-skips", "3", "H33"],
    ]);
  });
  test("below target uses the appraisal of 2019 against the 2020 target, survey items from the survey column", () => {
    expect([a.columnChoice.score?.col, a.columnChoice.target?.col]).toEqual([5, 6]);
    const survey = a.belowTarget.filter((b) => b.survey);
    expect(survey.length).toBeGreaterThan(0);
    expect(survey.every((b) => b.scoreCell.col === 3)).toBe(true);
  });
  test("the supporting-agencies column is filled too", () => {
    expect(a.fills?.edits.filter((e) => e.target === "support").length).toBeGreaterThan(30);
  });
});

describe("a department's workbook: cover, budget table, appendix with every kind of problem", () => {
  let grids: Awaited<ReturnType<typeof fixtureGrids>>;
  beforeAll(async () => {
    grids = await fixtureGrids("so-tu-cham-nhieu-trang.xlsx");
  });
  test("the cover and the budget table are rejected with their reason", () => {
    const [cover, budget] = grids.map((g) => analyze(g));
    expect(cover && !cover.recognized && rejectionMessage(tr, cover.rejection)).toMatch(/^Không tìm thấy dòng tiêu đề/);
    expect(budget && !budget.recognized && rejectionMessage(tr, budget.rejection)).toBe(
      "Dòng 2 có cột STT và Nội dung nhưng không có cột điểm (Điểm chuẩn, Điểm đạt, Mục tiêu): đây không phải phụ lục chấm điểm.",
    );
  });
  test("the appendix: trailing dots, responsibility before the scores, and each planted problem", () => {
    const a = recognized(analyze(grids[2]!));
    expect(a.body.numbering).toBe("trailing-dot");
    expect([a.layout.responsibility, a.layout.scores[0]?.col, a.layout.targets[0]?.col]).toEqual([3, 4, 5]);
    const found = table(a.findings).filter(([rule]) => rule !== "sum-mismatch");
    expect(found).toEqual([
      ["not-a-number", "1.3.2", "E11"],
      ["formula-error", "2.1.1", "E19"],
      ["duplicate-code", "2.4.4", "A28"],
      ["max-mismatch", "3.4.4", "C47"],
      ["negative", "4.2.1", "F57"],
      ["over-max", "6.1.3", "E93"],
      ["total-mismatch", null, "C135"],
      ["number-as-text", "2.1.2", "E20"],
      ["target-below-score", "4.2.1", "F57"],
      ["missing-criterion", "5.9", "A68"],
      ["orphan-row", null, "A109"],
      ["target-below-score", "7.3.2", "F123"],
      ["unknown-criterion", "7.6", "A134"],
      ["missing-criterion", "8", null],
      ["name-mismatch", "4.4.2", "B66"],
    ]);
    expect(a.findings.find((f) => f.code === "5" && f.col === 2)?.messageKey).toBe("finding.sum-mismatch.missing-exact");
  });
});

describe("hostile text stays data", () => {
  test("names with HTML and formulas are read as text and reported as text", async () => {
    const a = recognized(analyze((await fixtureGrids("noi-dung-doc-hai.xlsx"))[0]!));
    expect(a.sheetName).toBe("<Phụ lục>");
    const names = a.body.items.map((i) => i.name);
    expect(names).toContain("<img src=x onerror=alert(1)>");
    expect(names).toContain('=HYPERLINK("http://example.invalid","bấm vào đây")');
    expect(a.body.items.find((i) => i.code === "1.2")?.responsibility).toBe("<b>Sở Nội vụ</b> <a href=javascript:alert(2)>x</a>");
  });
});

describe("files that are not what they seem", () => {
  test("an empty sheet", async () => {
    const a = analyze((await fixtureGrids("trang-trong.xlsx"))[0]!);
    expect(!a.recognized && rejectionMessage(tr, a.rejection)).toBe("Trang tính trống.");
  });
  test("a protected sheet is read, and says it is protected", async () => {
    const a = recognized(analyze((await fixtureGrids("ha-nam-bao-ve.xlsx"))[0]!));
    expect(a.protected).toBe(true);
  });
  test.each([
    ["hong.xlsx", "broken"],
    ["khong-phai-xlsx.xlsx", "not-xlsx"],
    ["excel-97.xls", "legacy-or-encrypted"],
  ])("%s → %s", async (file, code) => {
    const err = await loadWorkbook(await fixtureBytes(file)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileReadError);
    expect((err as FileReadError).problem.code).toBe(code);
  });
  test("an empty file", async () => {
    await expect(loadWorkbook(new Uint8Array())).rejects.toMatchObject({ problem: { code: "empty-file" } });
  });
});

test("the bundled sample is the generator's output (golden file; `npm run fixtures` rewrites it)", async () => {
  const committed = await loadWorkbook(new Uint8Array(readFileSync(join(__dirname, "..", "..", "samples", "ha-nam-1800-2019.xlsx"))));
  const spec = fixtureSpecs().find((s) => s.file === "ha-nam-1800-2019.xlsx")!;
  const fresh = await loadWorkbook(await buildWorkbook(spec));
  expect(committed.grids).toEqual(fresh.grids);
});
