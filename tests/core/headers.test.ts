/**
 * Issue 7 §2, §3, §5: header bands of one to four rows, stray notes beside the header, tables without a code column,
 * scores written as a percentage of the maximum, and a column for the lead unit. Each case states the exact layout
 * and the exact findings a correct checker gives on it.
 */
import { BUILTIN_RULES } from "../../src/catalogues";
import { explainAnalysis, renderFinding, translator } from "../../src/i18n";
import { analyze, FIELD1, FIELD1_SET, grid, recognized, table, type V } from "../helpers";

const check = (rows: V[][], merges: string[] = []) => recognized(analyze(grid(rows, merges), { criteriaSets: [FIELD1_SET], rules: BUILTIN_RULES }));
/** Field 1 as code | name | max | self | appraised | target. */
const SIX = FIELD1.map((r) => [r[0], r[1], r[2], r[3], r[3], r[4]] as V[]);

describe("header bands of one to four rows", () => {
  test("a group title over a year over a kind (three rows), merged cells inherited", () => {
    const a = check(
      [
        ["Stt", "Tiêu chí", "Điểm chuẩn", "ĐIỂM ĐÁNH GIÁ", null, "Mục tiêu"],
        [null, null, null, "Năm 2019", null, "Năm 2020"],
        [null, null, null, "Tự chấm", "Thẩm định", null],
        ...SIX,
      ],
      ["A1:A3", "B1:B3", "C1:C3", "D1:E1", "D2:E2", "F2:F3"],
    );
    expect(a.layout).toMatchObject({ headerRow: 0, headerRows: 3, bodyStart: 3, code: 0, name: 1, max: 2 });
    expect(a.layout.scores.map((s) => [s.col, s.year, s.kind])).toEqual([[3, 2019, "self"], [4, 2019, "appraised"]]);
    expect(a.layout.targets.map((t) => [t.col, t.year])).toEqual([[5, 2020]]);
    expect(table(a.findings)).toEqual([]);
    expect(a.body.items).toHaveLength(FIELD1.length);
    expect(explainAnalysis(translator("vi"), a)).toContain("Phụ lục ở dòng 1–3");
  });

  test("kind over year, in the other order, with a column-number row under the band (four rows in all)", () => {
    const a = check(
      [
        ["TT", "Nội dung", "Điểm tối đa", "Tự chấm", "Thẩm định", "Chỉ tiêu phấn đấu"],
        [null, null, null, 2019, 2019, 2020],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
        ...SIX,
      ],
      ["A1:A2", "B1:B2", "C1:C2"],
    );
    expect(a.layout).toMatchObject({ headerRows: 2, bodyStart: 2 });
    expect(a.layout.scores.map((s) => [s.col, s.year, s.kind])).toEqual([[3, 2019, "self"], [4, 2019, "appraised"]]);
    expect(table(a.findings)).toEqual([]);
  });

  test("four header rows: group, year, kind, and a second kind line", () => {
    const a = check(
      [
        ["Stt", "Tiêu chí", "Điểm chuẩn", "KẾT QUẢ", null, "Mục tiêu"],
        [null, null, null, "Năm 2019", null, "Năm 2020"],
        [null, null, null, "Đơn vị", "Hội đồng", null],
        [null, null, null, "tự chấm", "thẩm định", null],
        ...SIX,
      ],
      ["A1:A4", "B1:B4", "C1:C4", "D1:E1", "D2:E2", "F2:F4"],
    );
    expect(a.layout).toMatchObject({ headerRows: 4, bodyStart: 4 });
    expect(a.layout.scores.map((s) => [s.col, s.year, s.kind])).toEqual([[3, 2019, "self"], [4, 2019, "appraised"]]);
    expect(table(a.findings)).toEqual([]);
  });

  test("a year merged over the kinds in the row above the header row is inherited", () => {
    const a = check(
      [
        ["PHỤ LỤC"],
        [null, null, null, "Năm 2019", null, "Năm 2020"],
        ["Stt", "Tiêu chí", "Điểm chuẩn", "Tự chấm", "Thẩm định", "Mục tiêu"],
        ...SIX,
      ],
      ["A1:F1", "D2:E2"],
    );
    expect(a.layout).toMatchObject({ headerRow: 2, headerRows: 1, bodyStart: 3 });
    expect(a.layout.scores.map((s) => [s.col, s.year, s.kind])).toEqual([[3, 2019, "self"], [4, 2019, "appraised"]]);
    expect(a.layout.targets.map((t) => [t.col, t.year])).toEqual([[5, 2020]]);
    expect(table(a.findings)).toEqual([]);
  });

  test("a title row merged across the table lends nothing (its year is the plan's, not a column's)", () => {
    const a = check([["Kế hoạch CCHC năm 2021"], ["Stt", "Tiêu chí", "Điểm chuẩn", "Tự chấm", "Thẩm định", "Mục tiêu"], ...SIX], ["A1:F1"]);
    expect(a.layout.scores.map((s) => s.year)).toEqual([null, null]);
  });
});

describe("stray notes beside the header", () => {
  const FIVE = FIELD1.map((r) => [r[0], r[1], r[2], r[3], r[4]] as V[]);
  test("one stray number in a margin cell of the header row", () => {
    const a = check([["Stt", "Tiêu chí", "Điểm chuẩn", "Điểm đạt được năm 2018", "Mục tiêu năm 2019", null, 12], ...FIVE]);
    expect(a.layout).toMatchObject({ headerRow: 0, code: 0, name: 1, max: 2 });
    expect(table(a.findings)).toEqual([]);
  });
  test("the unit and the form's number beside the header are not columns", () => {
    const a = check([
      [null, null, null, null, null, null, "Đơn vị tính: điểm"],
      ["Stt", "Tiêu chí", "Điểm chuẩn", "Điểm đạt được năm 2018", "Mục tiêu năm 2019", null, "Biểu 01"],
      ...FIVE,
    ]);
    expect(a.layout).toMatchObject({ headerRow: 1, headerRows: 1 });
    expect(a.layout.scores.map((s) => s.col)).toEqual([3]);
    expect(table(a.findings)).toEqual([]);
  });
  test("a body row is still never a header: two numbers make a row of points", () => {
    const a = analyze(grid([["Stt", "Tiêu chí", "Điểm chuẩn", 5, 7], ...FIELD1]), { criteriaSets: [FIELD1_SET] });
    expect(a.recognized).toBe(false);
  });
});

describe("no code column: every name starts with its code", () => {
  const rows: V[][] = [["Lĩnh vực/Tiêu chí", "Điểm chuẩn", "Điểm đạt được năm 2018", "Mục tiêu năm 2019"], ...FIELD1.map((r) => [`${String(r[0])}. ${String(r[1])}`, r[2], r[3], r[4]] as V[])];
  test("read from the name column, checked as usual, and said in the explanation", () => {
    const a = check(rows);
    expect(a.layout).toMatchObject({ code: 0, name: 0, codeInName: true, max: 1 });
    expect(a.body.items.map((i) => i.code)).toEqual(FIELD1.map((r) => r[0]));
    expect(a.body.items[0]?.name).toBe("CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC");
    expect(table(a.findings)).toEqual([]);
    expect(explainAnalysis(translator("vi"), a)).toContain("không có cột STT: mã được đọc ở đầu tên tiêu chí (cột A)");
  });
  test("a sum error in such a table is found on its row", () => {
    const broken = rows.map((r, i) => (i === 2 ? [r[0], r[1], 0.5, r[3]] : r));
    expect(table(check(broken).findings)).toEqual([["sum-mismatch", "1", "C2"], ["sum-mismatch", "1.1", "C3"]]);
  });
  test("names without codes are still no appendix", () => {
    const a = analyze(grid([["Tiêu chí", "Điểm chuẩn"], ["Kế hoạch", 1], ["Báo cáo", 2], ["Kiểm tra", 3]]), { criteriaSets: [FIELD1_SET] });
    expect(a.recognized ? "recognized" : a.rejection.reason).toBe("no-code-column");
  });
});

describe("scores written as a percentage of the maximum", () => {
  const pct = (r: V[]): string => `${Math.round(((r[3] as number) / (r[2] as number)) * 100)}%`.replace(".", ",");
  test("text “75%” in a score column is read as its points, and said once per column", () => {
    // The field keeps its points (7 of 9 is no round percentage); every other score is a percentage.
    const rows: V[][] = [["Stt", "Tiêu chí", "Điểm chuẩn", "Điểm đạt được năm 2018", "Mục tiêu năm 2019"], ...FIELD1.map((r) => [r[0], r[1], r[2], r[0] === "1" ? r[3] : pct(r), r[4]])];
    const a = check(rows);
    expect(a.body.percentCells).toHaveLength(FIELD1.length - 1);
    expect(a.body.items[5]?.points.get(3)).toEqual({ kind: "number", value: 1, fromText: false });
    expect(table(a.findings)).toEqual([["percent-score", null, "D3"]]);
    const f = a.findings[0]!;
    expect(renderFinding(translator("vi"), f)).toContain("D3: 100% của 1,25 = 1,25 điểm");
  });
  test("numbers formatted as percentages (0.5 shown as 50%) are read the same way", () => {
    const cellPct = (v: number) => ({ kind: "number" as const, value: v, text: `${Math.round(v * 100)}%` });
    const rows: V[][] = [["Stt", "Tiêu chí", "Điểm chuẩn", "Điểm đạt được năm 2018", "Mục tiêu năm 2019"], ...FIELD1.map((r) => [r[0], r[1], r[2], r[0] === "1.3.2" ? cellPct(0) : r[0] === "1.3" ? cellPct(0.5) : r[3], r[4]])];
    const a = check(rows);
    expect(a.body.percentCells.map((c) => [c.row, c.points])).toEqual([[6, 1], [8, 0]]);
    expect(table(a.findings)).toEqual([["percent-score", null, "D7"]]);
  });
});

describe("lead-unit and supporting-agency columns", () => {
  test("“Đơn vị chủ trì” gets the lead agency's name; “Đơn vị phối hợp” the supporting agencies", () => {
    const rows: V[][] = [["Stt", "Tiêu chí", "Điểm chuẩn", "Điểm đạt được năm 2018", "Mục tiêu năm 2019", "Đơn vị chủ trì", "Đơn vị phối hợp"], ...FIELD1.map((r) => [r[0], r[1], r[2], r[3], r[4], null, null])];
    const a = check(rows);
    expect(a.layout).toMatchObject({ responsibility: 5, responsibilityKind: "unit", support: 6 });
    const leads = a.fills?.edits.filter((e) => e.target === "lead") ?? [];
    expect(leads.length).toBeGreaterThan(0);
    const agencies = new Set(BUILTIN_RULES.rules.map((r) => r.lead));
    expect(leads.every((e) => agencies.has(e.value))).toBe(true);
    expect(leads.find((e) => e.code === "1.1")?.value).toBe("Sở Nội vụ");
    expect(a.fills?.edits.find((e) => e.target === "support")?.value).toContain("các sở, ban, ngành tỉnh");
  });
  test("“Thực hiện” keeps its sentences", () => {
    const rows: V[][] = [["Stt", "Tiêu chí", "Điểm chuẩn", "Điểm đạt được năm 2018", "Mục tiêu năm 2019", "Thực hiện"], ...FIELD1];
    const a = check(rows);
    expect(a.layout.responsibilityKind).toBeUndefined();
    expect(a.fills?.edits[0]?.value).toMatch(/^Sở Nội vụ .+/);
  });
  test("a formula in the responsibility cell is content, even when it shows nothing", () => {
    const rows: V[][] = [["Stt", "Tiêu chí", "Điểm chuẩn", "Điểm đạt được năm 2018", "Mục tiêu năm 2019", "Thực hiện"], ...FIELD1.map((r) => (r[0] === "1.2" ? [...r.slice(0, 5), { kind: "empty" as const, value: null, text: "", formula: '=""' }] : r))];
    const a = check(rows);
    expect(a.fills?.edits.map((e) => e.code)).not.toContain("1.2");
    expect(a.fills?.keptNonEmpty).toContain("1.2");
  });
});

describe("a code cell merged over two rows", () => {
  test("the name on the first line and the points on the second are one item; its findings point at the cells that hold the points", () => {
    const rows: V[][] = [["Stt", "Tiêu chí", "Điểm chuẩn", "Điểm đạt được năm 2018", "Mục tiêu năm 2019", "Thực hiện"]];
    for (const r of FIELD1) {
      if (r[0] === "1.3") {
        rows.push([r[0], "Kiểm tra công tác", null, null, null, null]);
        // 1.3 scores 1.5 on the second line, but its sub-criteria add up to 1.
        rows.push([null, "CCHC", r[2], 1.5, r[4], null]);
      } else rows.push(r);
    }
    const a = check(rows, ["A7:A8"]);
    const item = a.body.items.find((i) => i.code === "1.3")!;
    expect([item.row, item.continuationRows, item.name]).toEqual([6, [7], "Kiểm tra công tác CCHC"]);
    expect(table(a.findings)).toEqual([["sum-mismatch", "1", "D2"], ["sum-mismatch", "1.3", "D8"]]);
  });
});

test("an STT column that only counts rows, beside names that start with their codes: the codes are the names'", () => {
  const rows: V[][] = [["STT", "Tiêu chí", "Điểm tối đa", "Điểm tự chấm"]];
  FIELD1.forEach((r, i) => rows.push([i + 1, `${String(r[0])}. ${String(r[1])}`, r[2], r[3]]));
  const a = recognized(analyze(grid(rows), { criteriaSets: [FIELD1_SET] }));
  expect(a.body.items.map((i) => i.code)).toEqual(FIELD1.map((r) => r[0]));
  expect(a.layout).toMatchObject({ code: 1, name: 1, codeInName: true, rowCounter: 0 });
  const text = explainAnalysis(translator("vi"), a);
  expect(text).toContain("Phụ lục ở dòng 1; B = tiêu chí, C = điểm chuẩn, D = điểm tự đánh giá; mã được đọc ở đầu tên tiêu chí (cột B); cột A chỉ đếm số thứ tự dòng");
  expect(a.findings.filter((f) => f.rule !== "missing-total")).toEqual([]);
});
