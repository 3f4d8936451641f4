import type { Cell } from "../../src/core/grid";
import { parseCriteriaSet } from "../../src/core/criteria";
import { RULE_IDS } from "../../src/core/findings";
import { codePlan, sumPlan } from "../../src/core/editPlan";
import { renderFinding, translator } from "../../src/i18n";
import { analyze, analyzeField1, field1With, FIELD1, grid, HEADER, recognized, table, type V } from "../helpers";

type Row = V[];

const withRow = (rows: Row[], afterCode: string, row: Row): Row[] => {
  const i = rows.findIndex((r) => r[0] === afterCode);
  return [...rows.slice(0, i + 1), row, ...rows.slice(i + 1)];
};
const without = (rows: Row[], ...codes: string[]): Row[] => rows.filter((r) => !codes.includes(String(r[0])));
const sumCell = (value: number, formula: string): Cell => ({ kind: "number", value, text: String(value), formula });

test("the clean field 1 has no finding", () => {
  expect(analyzeField1(FIELD1).findings).toEqual([]);
});

// Header at row 1: A Stt | B Tiêu chí | C Điểm chuẩn | D Điểm đạt 2018 | E Mục tiêu 2019 | F Thực hiện.
// Field 1 is at rows 2-14: 1 (2), 1.1 (3), 1.1.1 (4), 1.1.2 (5), 1.2 (6), 1.3 (7), 1.3.1 (8), 1.3.2 (9), 1.4 (10),
// 1.4.1 (11), 1.4.2 (12), 1.5 (13), 1.6 (14).
describe.each<[string, Row[], Array<[string, string | null, string | null]>]>([
  ["not-a-number", field1With(["1.1.1", 3, "đạt"]), [["not-a-number", "1.1.1", "D4"]]],
  ["number-as-text", field1With(["1.1.1", 3, "0,25"]), [["number-as-text", "1.1.1", "D4"]]],
  ["formula-error", field1With(["1.1.1", 3, "#REF!"]), [["formula-error", "1.1.1", "D4"]]],
  ["formula-no-result", field1With(["1.1.1", 3, "=SUM(X1:X2)"]), [["formula-no-result", "1.1.1", "D4"]]],
  [
    "negative",
    field1With(["1.4.1", 4, -0.5], ["1.4", 4, 0], ["1", 4, 8]),
    [
      ["negative", "1.4.1", "E11"],
      ["target-below-score", "1.4", "E10"],
      ["target-below-score", "1.4.1", "E11"],
    ],
  ],
  [
    "over-max",
    field1With(["1.1.1", 3, 0.5]),
    [
      ["sum-mismatch", "1.1", "D3"],
      ["over-max", "1.1.1", "D4"],
    ],
  ],
  [
    "max-mismatch",
    field1With(["1.5", 2, 2.5]),
    [
      ["sum-mismatch", "1", "C2"],
      ["max-mismatch", "1.5", "C13"],
    ],
  ],
  [
    "sum-mismatch",
    field1With(["1.3", 3, 1.5]),
    [
      ["sum-mismatch", "1", "D2"],
      ["sum-mismatch", "1.3", "D7"],
    ],
  ],
  [
    "sum-mismatch explained by a missing child, and the missing child",
    without(FIELD1, "1.1.2"),
    [
      ["sum-mismatch", "1.1", "C3"],
      ["sum-mismatch", "1.1", "D3"],
      ["sum-mismatch", "1.1", "E3"],
      ["missing-criterion", "1.1.2", "A3"],
    ],
  ],
  ["sum-formula-skips", field1With(["1.4", 3, sumCell(1, "=SUM(D11,D12)")], ["1.4", 4, sumCell(1, "=SUM(E11:E11)")]), [["sum-formula-skips", "1.4", "E10"]]],
  ["total-mismatch", [...FIELD1, ["TỔNG ĐIỂM", null, 9, 6, 9]], [["total-mismatch", null, "D15"]]],
  [
    "total-mismatch against the set's total",
    [...field1With(["1", 2, 10]), ["TỔNG ĐIỂM", null, 10, 7, 9]],
    [
      ["sum-mismatch", "1", "C2"],
      ["max-mismatch", "1", "C2"],
      ["total-mismatch", null, "C15"],
    ],
  ],
  ["missing-criterion, a whole criterion with its children as one finding", without(FIELD1, "1.3", "1.3.1", "1.3.2").map((r) => (r[0] === "1" ? ["1", r[1] ?? null, 7, 6, 7, null] : r)), [
    ["max-mismatch", "1", "C2"],
    ["missing-criterion", "1.3", "A2"],
  ]],
  ["unknown-criterion", withRow(FIELD1, "1.6", ["1.7", "Tiêu chí tỉnh tự đặt", 0, 0, 0, null]), [["unknown-criterion", "1.7", "A15"]]],
  ["duplicate-code", withRow(FIELD1, "1.6", ["1.6", "Thực hiện các nhiệm vụ (nhập lần hai)", 1, 1, 1, null]), [["duplicate-code", "1.6", "A15"]]],
  ["name-mismatch", field1With(["1.5", 1, "Sáng kiến hoặc giải pháp mới trong cái cách hành chính"]), [["name-mismatch", "1.5", "B13"]]],
  [
    "target-below-score",
    field1With(["1.5", 4, 0.5], ["1", 4, 7.5]),
    [["target-below-score", "1.5", "E13"]],
  ],
  [
    "blank-score",
    field1With(["1.4.2", 3, null], ["1.4", 3, 0.5], ["1", 3, 6.5]),
    [["blank-score", "1.4.2", "D12"]],
  ],
  ["orphan-row", withRow(FIELD1, "1.6", [null, null, 0.5, 0.5, 0.5, null]), [["orphan-row", null, "A15"]]],
])("%s", (_, rows, expected) => {
  test("reports exactly its findings", () => {
    expect(table(analyzeField1(rows).findings)).toEqual(expected);
  });
});

test("every rule id has a test above or below", () => {
  // Keeps this file honest: a new rule needs a row here.
  const covered = new Set([
    "not-a-number", "number-as-text", "formula-error", "formula-no-result", "negative", "over-max", "max-mismatch",
    "sum-mismatch", "sum-formula-skips", "total-mismatch", "missing-total", "missing-criterion", "unknown-criterion",
    "duplicate-code", "name-mismatch", "target-below-score", "blank-score", "orphan-row", "code-as-number",
    // tests/core/typing.test.ts, "lettered parts under a sub-criterion"
    "part-sum-mismatch",
    // tests/core/legacy.test.ts, "a whole appendix typed in TCVN3"
    "legacy-encoding",
    // tests/core/typing.test.ts, "score columns that cannot be told apart"
    "ambiguous-columns",
    // tests/core/headers.test.ts, "scores written as a percentage of the maximum"
    "percent-score",
    // tests/core/typing.test.ts, "items not assessed"
    "not-assessed",
    // tests/core/typing.test.ts, "a column with points whose header names no role"
    "unread-column",
    // tests/core/checks.test.ts, "rows that group fields"
    "group-sum-mismatch",
  ]);
  expect(RULE_IDS.filter((r) => !covered.has(r))).toEqual([]);
});

test("missing-total: a table of several fields without a total row (structural checks only)", () => {
  const rows: Row[] = [...FIELD1, ["2", "XÂY DỰNG VÀ TỔ CHỨC THỰC HIỆN VBQPPL TẠI TỈNH", 2, 2, 2, null], ["2.1", "Theo dõi thi hành pháp luật", 2, 2, 2, null]];
  const a = recognized(analyze(grid([HEADER, ...rows]), { criteriaSets: [] }));
  expect(a.setChoice.kind).toBe("none");
  expect(table(a.findings)).toEqual([["missing-total", null, null]]);
});

test("code-as-number: 1.10 stored as the number 1.1 is read back and noted", () => {
  const n = (v: number): Cell => ({ kind: "number", value: v, text: String(v) });
  const rows: Row[] = [["1", "Lĩnh vực", 10, 10, 10, null]];
  for (let i = 1; i <= 10; i++) rows.push([n(i === 10 ? 1.1 : Number(`1.${i}`)), `Tiêu chí ${i}`, 1, 1, 1, null]);
  const a = recognized(analyze(grid([HEADER, ...rows]), { criteriaSets: [] }));
  expect(table(a.findings)).toEqual([["code-as-number", "1.10", "A12"]]);
  // “Ghi lại mã”: the code written back as text in a Text-formatted cell, only where the cell still holds the number.
  const g = grid([HEADER, ...rows]);
  expect(codePlan(a, [g])).toEqual([{ row: 11, col: 0, old: "1.1", value: "1.10", numberFormat: "@" }]);
  const withFormula = grid([HEADER, ...rows.slice(0, -1), [{ kind: "number", value: 1.1, text: "1.1", formula: "1+0.1" }, "Tiêu chí 10", 1, 1, 1, null]]);
  expect(codePlan(a, [withFormula])).toEqual([]);
});

describe("survey-scored criteria are never flagged for blank scores", () => {
  const set = parseCriteriaSet({
    id: "khao-sat",
    title: "Thử",
    totalPoints: 3,
    items: [
      { code: "1", name: "Lĩnh vực", maxPoints: 3, level: "field" },
      { code: "1.1", name: "Tác động của cải cách (qua điều tra XHH)", maxPoints: 2, level: "criterion", survey: true },
      { code: "1.1.1", name: "Tính kịp thời", maxPoints: 1, level: "sub", survey: true },
      { code: "1.1.2", name: "Tính đầy đủ", maxPoints: 1, level: "sub", survey: true },
      { code: "1.2", name: "Kế hoạch", maxPoints: 1, level: "criterion" },
    ],
  });
  if (!set.ok) throw new Error("set");
  const rows: Row[] = [
    ["1", "Lĩnh vực", 3, 1, 3, null],
    ["1.1", "Tác động của cải cách (qua điều tra XHH)", 2, null, 2, null],
    ["1.1.1", "Tính kịp thời", 1, null, 1, null],
    ["1.1.2", "Tính đầy đủ", 1, null, 1, null],
    ["1.2", "Kế hoạch", 1, null, 1, null],
  ];
  test("by the criteria set", () => {
    const a = recognized(analyze(grid([HEADER, ...rows]), { criteriaSets: [set.set] }));
    expect(table(a.findings, ["blank-score"])).toEqual([["blank-score", "1.2", "D6"]]);
  });
  test("by the name, with no criteria set", () => {
    const a = recognized(analyze(grid([HEADER, ...rows]), { criteriaSets: [] }));
    expect(table(a.findings, ["blank-score"])).toEqual([["blank-score", "1.2", "D6"]]);
  });
});

test("findings carry expected and actual values", () => {
  const [f] = analyzeField1(field1With(["1.5", 2, 2.5])).findings.filter((x) => x.rule === "max-mismatch");
  expect(f).toMatchObject({ severity: "error", expected: 2, actual: 2.5, code: "1.5", row: 12, col: 2 });
});

describe("“Sửa tổng mục cha”: the parents whose points are not the sum of their children, where the sum is certain", () => {
  test("a wrong sub-total is set to the sum of its leaves; its field, right once it is fixed, is left alone", () => {
    // 1.1 written 0 (its leaves make 1,25); field 1 (7) is right when 1.1 is.
    const a = analyzeField1(field1With(["1.1", 3, 0]));
    const g = grid([HEADER, ...field1With(["1.1", 3, 0])]);
    expect(table(a.findings).filter((r) => r[0] === "sum-mismatch").map((r) => r[1])).toEqual(["1", "1.1"]);
    expect(sumPlan(a, [g])).toEqual([{ row: 2, col: 3, code: "1.1", old: "0", from: "0", number: 1.25, value: "1.25" }]);
  });

  test("where the column's parents are SUM formulas, the fix is the formula over the children's cells", () => {
    const rows = field1With(["1.3", 3, 5]).map((r) => (r[0] === "1.1" ? [r[0], r[1], r[2], { kind: "number", value: 1.25, text: "1.25", formula: "=SUM(D4:D5)" } as Cell, ...r.slice(4)] : r));
    const a = analyzeField1(rows);
    const plan = sumPlan(a, [grid([HEADER, ...rows])]);
    expect(plan.map((p) => [p.code, p.number, p.formula])).toEqual([["1.3", 1, "=SUM(D8,D9)"]]);
    expect(plan[0]!.value).toBe("=SUM(D8,D9)");
  });

  test("nothing is offered where a child is text, or a criterion of the set is missing (the parent may be right)", () => {
    const withText = field1With(["1.1", 3, 0], ["1.1.1", 3, "0,25"]);
    expect(sumPlan(analyzeField1(withText), [grid([HEADER, ...withText])])).toEqual([]);
    const missing = FIELD1.filter((r) => r[0] !== "1.3.2");
    const a = analyzeField1(missing);
    expect(a.findings.some((f) => f.rule === "sum-mismatch")).toBe(true);
    expect(sumPlan(a, [grid([HEADER, ...missing])])).toEqual([]);
  });
});

test("sum-mismatch: a parent's SUM over a child typed as text says that SUM skips it", () => {
  // 1.4 = SUM(D11:D12) shows 0.5 because Excel skips D12's "0,5"; the children add up to 1.
  const a = analyzeField1(field1With(["1.4", 3, sumCell(0.5, "=SUM(D11:D12)")], ["1.4.2", 3, "0,5"]));
  expect(table(a.findings, ["sum-mismatch", "number-as-text"])).toEqual([
    ["sum-mismatch", "1", "D2"],
    ["sum-mismatch", "1.4", "D10"],
    ["number-as-text", "1.4.2", "D12"],
  ]);
  const f = a.findings.find((x) => x.code === "1.4")!;
  expect(f.messageKey).toBe("finding.sum-mismatch.text-skipped");
  expect(renderFinding(translator("vi"), f)).toBe(
    "1.4: cột “Điểm đạt được năm 2018” ghi 0,5 (công thức), nhưng tổng các tiêu chí con (1.4.1, 1.4.2) là 1: hàm SUM của Excel bỏ qua 1.4.2 vì các ô đó lưu số dạng văn bản. Đổi các ô đó thành số thì công thức sẽ cho 1.",
  );
  // The same difference without a formula is an ordinary mismatch: nothing was skipped by a SUM.
  const typed = analyzeField1(field1With(["1.4", 3, 0.5], ["1.4.2", 3, "0,5"]));
  expect(typed.findings.find((x) => x.code === "1.4")?.messageKey).toBe("finding.sum-mismatch");
});

describe("rows that group fields", () => {
  // Two fields, each with one criterion, and a group row above each: "A" holds field 1, "Phần II" field 2.
  const rows = (a: V, b: V): V[][] => [
    ["A", "NHÓM A: CHỈ ĐẠO, ĐIỀU HÀNH", 9, a, 9, null],
    ...FIELD1,
    [null, "Phần II: THỂ CHẾ", 2, b, 2, null],
    ["2", "XÂY DỰNG VÀ TỔ CHỨC THỰC HIỆN VBQPPL TẠI TỈNH", 2, 2, 2, null],
    ["2.1", "Theo dõi thi hành pháp luật", 2, 2, 2, null],
  ];
  const run = (a: V, b: V) => recognized(analyze(grid([HEADER, ...rows(a, b)]), { criteriaSets: [] }));

  test("a group that adds up is neither an item nor an orphan", () => {
    const s = run(7, 2);
    expect(s.body.groups.map((g) => [g.label, g.fields])).toEqual([["A", ["1"]], ["Phần II", ["2"]]]);
    expect(s.body.orphanRows).toEqual([]);
    expect(s.body.items.map((i) => i.code)).not.toContain("A");
    expect(table(s.findings)).toEqual([["missing-total", null, null]]);
  });

  test("a group that does not add up is an error on its cell, naming its fields", () => {
    const s = run(8, 2);
    expect(table(s.findings, ["group-sum-mismatch"])).toEqual([["group-sum-mismatch", null, "D2"]]);
    expect(renderFinding(translator("vi"), s.findings.find((f) => f.rule === "group-sum-mismatch")!)).toBe(
      "Nhóm A (NHÓM A: CHỈ ĐẠO, ĐIỀU HÀNH): cột “Điểm đạt được năm 2018” ghi 8, nhưng tổng các lĩnh vực trong nhóm (1) là 7 (chênh 1).",
    );
  });

  test("a capital letter with points that is not above a field stays what it was: a part, or an orphan", () => {
    const i = FIELD1.findIndex((r) => r[0] === "1.3.1");
    const part = [...FIELD1.slice(0, i + 1), ["A.", "Kiểm tra cấp tỉnh", 1, 1, 1, null], ...FIELD1.slice(i + 1)];
    const s = recognized(analyze(grid([HEADER, ...part]), { criteriaSets: [] }));
    expect(s.body.groups).toEqual([]);
    expect(s.body.parts.map((p) => p.label)).toEqual(["A."]);
    const orphan = [...FIELD1.slice(0, i + 1), ["B", "Dòng lạ", 1, 1, 1, null], ...FIELD1.slice(i + 1)];
    expect(recognized(analyze(grid([HEADER, ...orphan]), { criteriaSets: [] })).body.orphanRows).toEqual([i + 2]);
    // "Phần mềm …" (software) right above a field is a row of its own, not group "Phần m".
    const software = [[null, "Phần mềm một cửa điện tử", 1, 1, 1, null], ...FIELD1];
    const s2 = recognized(analyze(grid([HEADER, ...software]), { criteriaSets: [] }));
    expect([s2.body.groups, s2.body.orphanRows]).toEqual([[], [1]]);
  });
});

test("groups A, B, C: “C” is a letter, not the roman 100, and the fields after it keep their codes", () => {
  const field = (n: number, max: number): V[][] => [
    [String(n), `LĨNH VỰC ${n}`, max, max, max, null],
    [`${n}.1`, `Tiêu chí ${n}.1`, max, max, max, null],
  ];
  const rows: V[][] = [["A", "NHÓM A", 2, 2, 2, null], ...field(1, 2), ["B", "NHÓM B", 3, 3, 3, null], ...field(2, 3), ["C", "NHÓM C", 4, 4, 4, null], ...field(3, 4)];
  const s = recognized(analyze(grid([HEADER, ...rows]), { criteriaSets: [] }));
  expect(s.body.items.map((i) => i.code)).toEqual(["1", "1.1", "2", "2.1", "3", "3.1"]);
  expect(s.body.groups.map((g) => [g.label, g.fields])).toEqual([["A", ["1"]], ["B", ["2"]], ["C", ["3"]]]);
  expect(table(s.findings)).toEqual([]);
});
