/**
 * Issue 7 §4: an appendix over several sheets ("PL1", "PL2 (tiếp theo)": the same header, codes continuing) is one
 * appendix, checked as one; findings keep their own sheet and cell.
 */
import type { RecognizedSheet } from "../../src/core/analyze";
import { editPlansOf } from "../../src/core/editPlan";
import { analyzeWorkbook, NEIGHBOUR_SHEETS, OTHER_SHEETS, placeOf, sheetsToReadAround } from "../../src/core/workbook";
import { explainAnalysis, findingCell, translator } from "../../src/i18n";
import { buildReportSheet } from "../../src/i18n/report";
import { FIELD1, FIELD1_SET, field1With, grid, HEADER, RULES, table, type V } from "../helpers";

const options = { criteriaSets: [FIELD1_SET], rules: RULES };
const TITLE: V[] = ["PHỤ LỤC"];
/** Field 1 split after 1.3.2: PL1 holds rows 1 .. 1.3.2, PL2 the rest. */
function split(rows: V[][], { header2 = true, total = false }: { header2?: boolean; total?: boolean } = {}) {
  const at = rows.findIndex((r) => r[0] === "1.4");
  const pl1 = grid([TITLE, HEADER, ...rows.slice(0, at)], [], "PL1");
  const tail: V[][] = [...rows.slice(at), ...(total ? [["TỔNG ĐIỂM (PL1 + PL2)", null, 9, 7, 9, null] as V[]] : [])];
  const pl2 = grid(header2 ? [["PHỤ LỤC (tiếp theo)"], HEADER, ...tail] : tail, [], "PL2 (tiếp theo)");
  return [pl1, pl2];
}

function one(grids: ReturnType<typeof split>): RecognizedSheet {
  const out = analyzeWorkbook(grids, options);
  expect(out).toHaveLength(1);
  const a = out[0]!;
  if (!a.recognized) throw new Error("not recognized");
  return a;
}

describe("an appendix over several sheets", () => {
  test("is read as one: every item, one set match, no finding on a correct table", () => {
    const a = one(split(FIELD1));
    expect(a.spans?.map((s) => s.sheetName)).toEqual(["PL1", "PL2 (tiếp theo)"]);
    expect(a.body.items.map((i) => i.code)).toEqual(FIELD1.map((r) => r[0]));
    expect(table(a.findings)).toEqual([]);
    expect(explainAnalysis(translator("vi"), a)).toContain("phụ lục gồm 2 trang tính, đọc như một bảng: PL1, PL2 (tiếp theo)");
    // 1.4 is row 3 of PL2 (title, header, then 1.4).
    const item14 = a.body.items.find((i) => i.code === "1.4")!;
    expect(placeOf(a, item14.row)).toEqual({ sheetName: "PL2 (tiếp theo)", row: 2 });
  });

  test("sums run across sheets, and each finding names its own sheet and cell", () => {
    // 1.4 (PL2) scores 0.5 instead of 1: field 1 (PL1) no longer adds up; 1.4.2 scores 0: 1.4 does not either.
    const a = one(split(field1With(["1.4", 3, 0.5], ["1.6", 3, 0])));
    expect(a.findings.map((f) => [f.rule, f.code, findingCell(f)])).toEqual([
      ["sum-mismatch", "1", "PL1!D3"],
      ["sum-mismatch", "1.4", "'PL2 (tiếp theo)'!D3"],
    ]);
  });

  test("one missing-criterion list over the sheets", () => {
    const a = one(split(FIELD1.filter((r) => r[0] !== "1.6")));
    expect(a.findings.filter((f) => f.rule === "missing-criterion").map((f) => [f.code, findingCell(f)])).toEqual([["1.6", "PL1!A3"]]);
  });

  test("a continuation without its own header, and the total on the last sheet", () => {
    const a = one(split(FIELD1, { header2: false, total: true }));
    expect(a.body.total).not.toBeNull();
    expect(placeOf(a, a.body.total!.row)).toEqual({ sheetName: "PL2 (tiếp theo)", row: 5 });
    expect(explainAnalysis(translator("vi"), a)).toContain("dòng tổng ở dòng 6 (PL2 (tiếp theo))");
    expect(table(a.findings)).toEqual([]);
  });

  test("fills and highlights are planned on each sheet's own rows", () => {
    const a = one(split(field1With(["1.4.2", 3, 0], ["1.4", 3, 0.5], ["1", 3, 6.5])));
    const plans = editPlansOf(a);
    expect(plans.map((p) => p.sheetName)).toEqual(["PL1", "PL2 (tiếp theo)"]);
    const pl2 = plans[1]!;
    // 1.4.2 is PL2's fourth body row: title, header, 1.4, 1.4.1, 1.4.2 → row index 4.
    expect(pl2.highlights.some((h) => h.code === "1.4.2" && h.row === 4)).toBe(true);
    expect(pl2.fills.find((f) => f.code === "1.4.2")).toMatchObject({ row: 4, col: 5, sheet: "PL2 (tiếp theo)" });
    expect(plans[0]!.fills.every((f) => (f.sheet ?? "PL1") === "PL1" && f.row <= 9)).toBe(true);
    const report = buildReportSheet(translator("vi"), [a], { version: "t", date: "d" });
    const links = report.rows.flatMap((r) => r.cells).filter((c): c is { text: string; link: { sheet: string; cell: string } } => typeof c === "object" && c !== null && "link" in c);
    expect(links).toContainEqual({ text: "'PL2 (tiếp theo)'!D5", link: { sheet: "PL2 (tiếp theo)", cell: "D5" } });
  });

  test("two complete appendices on two sheets (two agencies) stay two", () => {
    const out = analyzeWorkbook([grid([HEADER, ...FIELD1], [], "Sở A"), grid([HEADER, ...FIELD1], [], "Sở B")], options);
    expect(out.map((a) => [a.sheetName, a.recognized && a.spans === undefined])).toEqual([["Sở A", true], ["Sở B", true]]);
  });

  test("a sheet after a completed appendix (its total reached) is not a continuation", () => {
    const [pl1] = split(FIELD1);
    const done = grid([HEADER, ...FIELD1, ["Tổng điểm", null, 9, 7, 9, null]], [], "PL1");
    const other = grid([HEADER, ["2", "XÂY DỰNG VÀ TỔ CHỨC THỰC HIỆN VBQPPL", 2, 2, 2, null], ["2.1", "Theo dõi thi hành pháp luật", 2, 2, 2, null]], [], "PL2");
    expect(analyzeWorkbook([done, other], options).map((a) => a.sheetName)).toEqual(["PL1", "PL2"]);
    expect(pl1).toBeDefined();
  });

  test("a cover sheet or budget table between is not stacked", () => {
    const [pl1, pl2] = split(FIELD1);
    const cover = grid([["UBND TỈNH"], ["Kế hoạch CCHC năm 2020"]], [], "Bìa");
    const out = analyzeWorkbook([cover, pl1!, pl2!], options);
    expect(out.map((a) => a.sheetName)).toEqual(["Bìa", "PL1"]);
  });
});

describe("which sheets the pane reads around the active one", () => {

  const list = Array.from({ length: 20 }, (_, i) => `S${i}`);
  test("nothing to look for: the active sheet alone (one round trip)", () => {
    expect(sheetsToReadAround(list, "S5", { before: false, after: false })).toEqual(["S5"]);
  });
  test("no total yet: the next sheets; codes after field I: the previous ones; never the report sheet", () => {
    expect(sheetsToReadAround(list, "S5", { before: false, after: true })).toEqual(["S5", "S6", "S7", "S8"].slice(0, NEIGHBOUR_SHEETS + 1));
    expect(sheetsToReadAround(list, "S1", { before: true, after: false })).toEqual(["S0", "S1"]);
    expect(sheetsToReadAround(["S0", "Kết quả kiểm tra", "S1"], "S1", { before: true, after: false }, "Kết quả kiểm tra")).toEqual(["S0", "S1"]);
  });
  test("not an appendix: the nearest other sheets, in workbook order, to say where the appendix is", () => {
    const got = sheetsToReadAround(list, "S15", { before: false, after: false, elsewhere: true });
    expect(got).toHaveLength(OTHER_SHEETS + 1);
    expect(got).toContain("S15");
    expect(got).toEqual([...got].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))));
    // S16–S19 are taken first (nearer), then the earlier ones down to S7.
    expect(got[0]).toBe("S7");
    expect(got[got.length - 1]).toBe("S19");
  });
});
