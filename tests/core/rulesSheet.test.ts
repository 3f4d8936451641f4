import { BUILTIN_RULES, BUILTIN_SETS } from "../../src/catalogues";
import { cellFromValue, type Grid } from "../../src/core/grid";
import { gridOfModel } from "../../src/core/newAppendix";
import { ruleCoverage, rulesFromSheet, rulesSheetModel } from "../../src/core/rulesSheet";
import { translator } from "../../src/i18n";

const tr = translator("vi");
const sheet = (): Grid => gridOfModel(rulesSheetModel(BUILTIN_RULES));
const edit = (g: Grid, changes: Array<[number, number, string]>): Grid => {
  const rows = g.rows.map((r) => [...r]);
  for (const [r, c, v] of changes) {
    const row = rows[r] ?? (rows[r] = []);
    row[c] = cellFromValue(v);
  }
  return { ...g, rows };
};
const messages = (g: Grid) => rulesFromSheet(g).problems.map((p) => `${p.cell}: ${tr.t(p.key, p.params)}`);

test("catalogue → sheet → catalogue is exact (the built-in 65 rules), and sheet → catalogue → sheet too", () => {
  const r = rulesFromSheet(sheet());
  expect(r.problems).toEqual([]);
  expect(r.catalogue).toEqual(BUILTIN_RULES);
  expect(rulesSheetModel(r.catalogue!)).toEqual(rulesSheetModel(BUILTIN_RULES));
});

// Row 10 (0-based 9) is the header; the first rule is on row 11 (0-based 10).
test.each<[string, Array<[number, number, string]>, string[]]>([
  ["a duplicate rule id", [[11, 0, "linh-vuc-1-chi-dao-dieu-hanh"]], ["A12: mã quy tắc “linh-vuc-1-chi-dao-dieu-hanh” bị trùng (đã có ở ô A11)."]],
  ["a code that is not a code", [[10, 2, "1, I"]], ["C11: “I” không phải mã tiêu chí (dạng 1, 1.1, 1.1.1)."]],
  ["an empty lead agency", [[10, 4, ""]], ["E11: ô “Cơ quan chủ trì” đang trống."]],
  ["an unknown placeholder and unbalanced brackets", [[10, 6, "{lead} tiếp tục [phối hợp {ten}"]], ["G11: {ten} không phải chỗ trống được dùng; chỉ có {lead}, {support}, {name}, {code}, {score}, {target}.", "G11: dấu [ ] không khớp (mỗi [ cần một ] đóng, không lồng nhau)."]],
  ["a rule that matches nothing", [[10, 2, ""], [10, 3, ""]], ["B11: quy tắc “linh-vuc-1-chi-dao-dieu-hanh” cần ít nhất một mã, một mã cha hoặc một từ khóa."]],
  ["a missing column", [[9, 6, "Ghi chú"]], ["A10: thiếu cột “Câu khi đạt”."]],
  ["no title", [[2, 1, ""]], ["B3: thiếu “Tên danh mục” ở phần đầu trang."]],
])("%s is said with its cell, and no catalogue comes out", (_, changes, expected) => {
  const g = edit(sheet(), changes);
  expect(messages(g)).toEqual(expected);
  expect(rulesFromSheet(g).catalogue).toBeUndefined();
});

test("an empty sheet is not a catalogue", () => {
  expect(messages({ sheetName: "Trống", rowCount: 0, colCount: 0, rows: [], merges: [] })[0]).toMatch(/^: Trang này không có danh mục phân công/);
});

test("coverage: which items each rule fills, and the ones no rule covers", () => {
  const set = BUILTIN_SETS[0]!;
  const all = ruleCoverage(BUILTIN_RULES, set);
  expect(all.uncovered).toEqual([]);
  expect(all.byRule.get("3.3-mot-cua")).toEqual(["3.3", "3.3.1", "3.3.2", "3.3.3"]);
  const without7 = { ...BUILTIN_RULES, rules: BUILTIN_RULES.rules.filter((r) => !r.id.startsWith("7") && r.id !== "linh-vuc-7-hien-dai-hoa") };
  const c = ruleCoverage(without7, set);
  expect(c.uncovered).toContain("7.2");
  expect(c.uncovered.every((code) => code.startsWith("7"))).toBe(true);
});
