/** Issue 8 §1 (part): two score columns of one appendix, and two appendices, compared by code. */
import { compareAppendices, compareColumns } from "../../src/core/compare";
import { FIELD1, FIELD1_SET, field1With, grid, HEADER, recognized, analyze, type V } from "../helpers";
import { rejectionMessage, translator } from "../../src/i18n";
import "../../src/i18n/languages";
import { comparisonReport, comparisonSheetModel } from "../../src/i18n/compareSheet";

const sheet = (rows: ReturnType<typeof field1With>) => recognized(analyze(grid([HEADER, ...rows]), { criteriaSets: [FIELD1_SET] }));

test("self-assessed (D) against target (E): leaves compared as written, parents recomputed from their leaves", () => {
  // 1.3's written score (1) is right; 1.1's written 1.25 is changed to 0 to show the parent is recomputed, not read.
  const s = sheet(field1With(["1.1", 3, 0]));
  const c = compareColumns(s, 3, 4);
  const byCode = new Map(c.items.map((it) => [it.code, it]));
  expect(byCode.get("1.1")).toMatchObject({ a: 1.25, b: 1.25, diff: 0, leaf: false });
  expect(byCode.get("1.3")).toMatchObject({ a: 1, b: 2, diff: 1, leaf: false });
  expect(byCode.get("1.3.2")).toMatchObject({ a: 0, b: 1, diff: 1, leaf: true, rowA: 8 });
  expect(byCode.get("1")).toMatchObject({ a: 7, b: 9, diff: 2, max: 9 });
  expect([c.totalA, c.totalB]).toEqual([7, 9]);
  // Leaves that differ, the largest first, then in sheet order.
  expect(c.largest.map((it) => [it.code, it.diff])).toEqual([["1.3.2", 1], ["1.5", 1]]);
  expect([c.onlyA, c.onlyB]).toEqual([[], []]);
});

test("two appendices by code: items on one side only are listed, a blank leaf has no difference", () => {
  const last = sheet(FIELD1.filter((r) => r[0] !== "1.6"));
  const now = sheet(field1With(["1.5", 3, 2], ["1.2", 3, null]));
  const c = compareAppendices(last, 3, now, 3);
  expect(c.onlyA).toEqual([]);
  expect(c.onlyB).toEqual(["1.6"]);
  const byCode = new Map(c.items.map((it) => [it.code, it]));
  expect(byCode.get("1.5")).toMatchObject({ a: 1, b: 2, diff: 1 });
  expect(byCode.get("1.2")).toMatchObject({ a: 1.75, b: null, diff: null });
  expect(byCode.get("1.6")).toMatchObject({ a: null, b: 1, rowA: null });
  expect(c.largest.map((it) => it.code)).toEqual(["1.5"]);
  // 1.2 is on both sides but scored on one only: said apart, never counted as "no difference"; 1.6 is on one side.
  expect(c.scoredOnOneSide.map((it) => it.code)).toEqual(["1.2"]);
});

test("codes renumbered between criteria sets: paired by name (with the similarity), max changes listed", () => {
  const last = sheet(FIELD1);
  // This year 1.5 and 1.6 swapped places (codes moved), and 1.2's max went from 1.75 to 2.
  const now = sheet(
    FIELD1.map((r) => (r[0] === "1.5" ? ["1.6", ...r.slice(1)] : r[0] === "1.6" ? ["1.5", ...r.slice(1)] : r[0] === "1.2" ? [r[0], r[1], 2, ...r.slice(3)] : r)),
  );
  const c = compareAppendices(last, 3, now, 3);
  // Same codes exist on both sides, so they align by code first: 1.5 (last) against 1.5 (now, the old 1.6's name).
  expect(c.pairedByName).toEqual([]);
  const renamed = sheet(FIELD1.map((r) => (r[0] === "1.6" ? ["1.7", ...r.slice(1)] : r)));
  const d = compareAppendices(last, 3, renamed, 3);
  expect(d.pairedByName.map((it) => [it.code, it.codeB, it.nameSimilarity])).toEqual([["1.6", "1.7", 1]]);
  expect([d.onlyA, d.onlyB]).toEqual([[], []]);
  // …so their max points differ too, and 1.2's really changed.
  expect(c.maxChanged.map((it) => [it.code, it.maxA, it.maxB])).toEqual([["1.2", 1.75, 2], ["1.5", 2, 1], ["1.6", 1, 2]]);
});

describe("the comparison sheet the tool writes is not taken for an appendix; an appraisal appendix with the same columns is", () => {
  const rows = (c: ReturnType<typeof compareColumns>) => c.items.map((i) => [i.code, i.name, i.a, i.b, i.diff, null] as V[]);
  const c = compareColumns(sheet(field1With(["1.1", 3, 0])), 3, 4);
  const tr = translator("vi");

  test.each([
    ["the pane's sheet (title, subtitle, blank row, header)", comparisonSheetModel(tr, c, "D", "E", "PL").rows.map((r) => r.cells.map((x) => (x ? x.value : null)) as V[])],
    ["the CLI copy's sheet (title, note, header)", comparisonReport(tr, c, "D", "E", "PL").rows.map((r) => r.cells.map((x) => (x !== null && typeof x === "object" ? x.text : x)) as V[])],
    ["an English one", comparisonReport(translator("en"), c, "D", "E", "PL").rows.map((r) => r.cells.map((x) => (x !== null && typeof x === "object" ? x.text : x)) as V[])],
  ])("%s", (_what, sheetRows) => {
    const a = analyze(grid(sheetRows), { criteriaSets: [FIELD1_SET] });
    expect(a.recognized).toBe(false);
    expect(!a.recognized && a.rejection).toEqual({ reason: "catalogue-sheet", kind: "comparison" });
    expect(!a.recognized && rejectionMessage(tr, a.rejection)).toContain("Đây là trang so sánh do công cụ này ghi ra");
  });

  test("an appraisal appendix: its own title, a max column, then Tự chấm | Thẩm định | Chênh lệch | Lý do", () => {
    const appraisal = [
      ["BẢNG THẨM ĐỊNH KẾT QUẢ TỰ ĐÁNH GIÁ CHỈ SỐ CCHC"],
      ["Stt", "Tiêu chí", "Điểm tối đa", "Tự chấm", "Thẩm định", "Chênh lệch", "Lý do"],
      ...rows(c).map((r) => [r[0]!, r[1]!, 1, r[2]!, r[3]!, r[4]!, null]),
    ] as V[][];
    expect(analyze(grid(appraisal), { criteriaSets: [] }).recognized).toBe(true);
    // And a title that only starts like ours, over an appendix's own header.
    const soSanh = [["SO SÁNH KẾT QUẢ VỚI NĂM TRƯỚC"], ["Mã", "Tiêu chí", "Điểm tối đa", "Năm 2018", "Năm 2019", "Ghi chú"], ...rows(c).map((r) => [r[0]!, r[1]!, 1, r[2]!, r[3]!, null])] as V[][];
    expect(analyze(grid(soSanh), { criteriaSets: [] }).recognized).toBe(true);
  });
});
