import { zodErrorMap } from "../../src/i18n/zod";
import { chooseCriteriaSet, parseCriteriaSet } from "../../src/core/criteria";
import { BUILTIN_SETS } from "../../src/catalogues";
import { setProblemMessage, translator } from "../../src/i18n";
import { analyze, FIELD1, FIELD1_SET, grid, HEADER, recognized } from "../helpers";

const tr = translator("vi");
const base = { id: "thu", title: "Bộ thử", totalPoints: 2 };

describe("the built-in 2018 set", () => {
  const set = BUILTIN_SETS[0]!;
  test("has 145 items: 8 fields, 41 criteria, 96 sub-criteria, summing to 100", () => {
    expect(set.items).toHaveLength(145);
    expect(set.items.filter((i) => i.level === "field")).toHaveLength(8);
    expect(set.items.filter((i) => i.level === "criterion")).toHaveLength(41);
    expect(set.items.filter((i) => i.level === "sub")).toHaveLength(96);
    expect(set.fields.reduce((s, f) => s + f.maxPoints, 0)).toBe(100);
    expect(set.legalBasis).toMatch(/2636\/QĐ-BNV/);
  });
  test("includes 3.2.5 and marks the survey-scored criteria", () => {
    expect(set.byCode.get("3.2.5")?.maxPoints).toBe(0.75);
    expect(set.items.filter((i) => i.level === "criterion" && i.survey).map((i) => i.code)).toEqual(["2.4", "4.4", "5.8", "5.9", "6.4", "7.5", "8.1"]);
  });
});

describe("a user's criteria set: errors say where", () => {
  test.each<[string, unknown, string[]]>([
    ["not an object", 42, ["(gốc): cần đối tượng {...}, nhưng là số"]],
    [
      "a wrong type deep inside",
      { ...base, items: [{ code: "1", name: "A", maxPoints: "2", level: "field" }] },
      ["items[0].maxPoints: cần số, nhưng là chuỗi ký tự"],
    ],
    [
      "a code that is not a code",
      { ...base, items: [{ code: "I", name: "A", maxPoints: 2, level: "field" }] },
      ['items[0].code: mã phải có dạng "1", "1.1" hoặc "1.1.1"'],
    ],
    [
      "a duplicate, an orphan and a wrong level",
      {
        ...base,
        items: [
          { code: "1", name: "A", maxPoints: 2, level: "field" },
          { code: "1.1", name: "B", maxPoints: 2, level: "sub" },
          { code: "1.1", name: "B", maxPoints: 2, level: "criterion" },
          { code: "2.1", name: "D", maxPoints: 0, level: "criterion" },
        ],
      },
      [
        "items[1].level: mã 1.1 không khớp cấp “sub”.",
        "items[2].code: mã 1.1 bị trùng.",
        "items[3].code: 2.1 không có tiêu chí cha 2.",
      ],
    ],
  ])("%s", (_, input, messages) => {
    const r = parseCriteriaSet(input, zodErrorMap("vi"));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => setProblemMessage(tr, p))).toEqual(messages);
  });
});

// Official sets have arithmetic slips of their own: the set is usable, and the slips are said.
describe("a user's criteria set: sums that do not add up are warnings", () => {
  test.each<[string, unknown, string[]]>([
    [
      "a parent that is not the sum of its children",
      {
        ...base,
        totalPoints: 2,
        items: [
          { code: "1", name: "A", maxPoints: 2, level: "field" },
          { code: "1.1", name: "B", maxPoints: 1, level: "criterion" },
          { code: "1.2", name: "C", maxPoints: 0.5, level: "criterion" },
        ],
      },
      ["items[0].maxPoints: 1 có điểm tối đa 2 nhưng tổng các tiêu chí con là 1,5."],
    ],
    ["fields that do not reach the total", { ...base, items: [{ code: "1", name: "A", maxPoints: 1, level: "field" }] }, ["totalPoints: tổng điểm 2 nhưng các lĩnh vực cộng lại được 1."]],
  ])("%s", (_, input, messages) => {
    const r = parseCriteriaSet(input, zodErrorMap("vi"));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.warnings.map((p) => setProblemMessage(tr, p))).toEqual(messages);
  });
});

describe("choosing the set for a sheet", () => {
  const sheet = recognized(analyze(grid([HEADER, ...FIELD1]), { criteriaSets: [] }));
  test("by codes, names and year", () => {
    const c = chooseCriteriaSet([...BUILTIN_SETS, FIELD1_SET], sheet.body.items, [2018]);
    expect(c.kind).toBe("matched");
    if (c.kind === "matched") {
      expect(c.match.set.id).toBe("field-1");
      expect(c.match.codeMatch).toBe(1);
    }
  });
  test("none fits: structural checks only, and the sheet says so", () => {
    const rows = [["1", "Công tác xây dựng Đảng", 10, 8, 10, null], ["1.1", "Học tập nghị quyết", 10, 8, 10, null]];
    const a = recognized(analyze(grid([HEADER, ...rows])));
    expect(a.setChoice.kind).toBe("none");
    expect(a.set).toBeNull();
  });
  test("the user forces one", () => {
    const a = recognized(analyze(grid([HEADER, ...FIELD1]), { forcedSetId: "par-tinh-2636-2018" }));
    expect(a.setChoice.kind).toBe("forced");
    expect(a.findings.filter((f) => f.rule === "missing-criterion")).toHaveLength(7);
  });
  test("an unknown forced id is said, and no set is used", () => {
    const a = recognized(analyze(grid([HEADER, ...FIELD1]), { forcedSetId: "khong-co" }));
    expect(a.setChoice).toEqual({ kind: "forced-unknown", id: "khong-co" });
  });
});
