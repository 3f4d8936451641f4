import { chooseColumns, defaultScoreColumn, defaultTargetColumn } from "../../src/core/columns";
import type { ScoreColumn, TargetColumn } from "../../src/core/layout";
import { toA1 } from "../../src/core/grid";
import { analyze, analyzeField1, FIELD1, grid, recognized } from "../helpers";

const s = (col: number, year: number | null, kind: ScoreColumn["kind"]): ScoreColumn => ({ col, year, kind, header: "" });
const t = (col: number, year: number | null): TargetColumn => ({ col, year, header: "" });

describe("defaults (documented in README: 'Dưới mục tiêu')", () => {
  test.each<[string, ScoreColumn[], number | null]>([
    ["the latest year wins", [s(3, 2018, "appraised"), s(4, 2019, "self")], 4],
    ["appraised over achieved over self", [s(3, 2019, "self"), s(4, 2019, "achieved"), s(5, 2019, "appraised")], 5],
    ["achieved over self", [s(3, 2019, "self"), s(4, 2019, "achieved")], 4],
    ["a survey column only when nothing else", [s(3, 2019, "survey"), s(4, 2019, "self")], 4],
    ["no year at all", [s(3, null, "self"), s(4, null, "appraised")], 4],
    ["no score column", [], null],
  ])("score: %s", (_, scores, col) => {
    expect(defaultScoreColumn(scores)?.col ?? null).toBe(col);
  });

  test.each<[string, TargetColumn[], number | null, number | null]>([
    ["the first target year after the score year", [t(5, 2021), t(4, 2020), t(3, 2019)], 2019, 4],
    ["no year to compare: the first target", [t(3, 2019), t(4, 2020)], null, 3],
    ["no target column: compare with max points", [], 2018, null],
  ])("target: %s", (_, targets, scoreYear, col) => {
    expect(defaultTargetColumn(targets, scoreYear)?.col ?? null).toBe(col);
  });
});

test("below-target items are the leaves below target, ranked by points at stake, with both cells", () => {
  const a = analyzeField1(FIELD1);
  expect(a.belowTarget.map((b) => [b.code, b.score, b.target, b.gap, toA1(b.scoreCell.row, b.scoreCell.col), b.targetCell && toA1(b.targetCell.row, b.targetCell.col)])).toEqual([
    ["1.3.2", 0, 1, 1, "D9", "E9"],
    ["1.5", 1, 2, 1, "D13", "E13"],
  ]);
});

test("the caller chooses other columns: compare with max points", () => {
  const a = analyzeField1(FIELD1, { targetColumn: "max" });
  expect(a.columnChoice.targetChosenBy).toBe("max");
  expect(a.belowTarget.map((b) => [b.code, toA1(b.targetCell!.row, b.targetCell!.col)])).toEqual([
    ["1.3.2", "C9"],
    ["1.5", "C13"],
  ]);
});

test("a column the header did not name can be chosen as the score", () => {
  const rows = [["Stt", "Tiêu chí", "Điểm chuẩn", "Cột A", "Mục tiêu năm 2019"], ...FIELD1.map((r) => r.slice(0, 5))];
  const a = recognized(analyze(grid(rows), { scoreColumn: 3 }));
  expect(a.columnChoice.scoreChosenBy).toBe("user");
  expect(a.belowTarget.map((b) => b.code)).toEqual(["1.3.2", "1.5"]);
});

test("chooseColumns keeps the defaults when the caller's column is not a score column", () => {
  const a = analyzeField1(FIELD1);
  expect(chooseColumns(a.layout, { score: 99 }).score?.col).toBe(3);
});

test("a survey-scored item blank in the appraisal column is read from the survey column of the same year", () => {
  const rows = [
    ["TT", "Nội dung", "Điểm tối đa", "Điều tra XHH năm 2019", "SNV đánh giá năm 2019", "Mục tiêu năm 2020"],
    ["1", "Lĩnh vực", 3, 0.6, 1, 3],
    ["1.1", "Tác động của cải cách (qua điều tra XHH)", 2, 0.6, null, 2],
    ["1.1.1", "Tính kịp thời", 1, 0.6, null, 1],
    ["1.2", "Kế hoạch", 1, null, 1, 1],
  ];
  const a = recognized(analyze(grid(rows), { criteriaSets: [] }));
  expect(a.belowTarget.map((b) => [b.code, b.score, toA1(b.scoreCell.row, b.scoreCell.col), b.survey])).toEqual([["1.1.1", 0.6, "D4", true]]);
});
