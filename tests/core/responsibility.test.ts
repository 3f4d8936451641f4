import { BUILTIN_RULES, BUILTIN_SETS } from "../../src/catalogues";
import { matchRule, renderTemplate, ResponsibilityCatalogueSchema, type ResponsibilityCatalogue, startsLikeFormula } from "../../src/core/responsibility";
import { toA1 } from "../../src/core/grid";
import { analyzeField1, field1With, FIELD1 } from "../helpers";

const set = BUILTIN_SETS[0]!;

test("the built-in catalogue covers every field and every criterion of the 2018 set by its own code", () => {
  const uncovered = set.items
    .filter((i) => i.level !== "sub")
    .filter((i) => !BUILTIN_RULES.rules.some((r) => r.match.codes.includes(i.code) || r.match.prefixes.includes(i.code)))
    .map((i) => i.code);
  expect(uncovered).toEqual([]);
});

test("every item of the 2018 set gets a rule, and every template renders without leftovers", () => {
  for (const item of set.items) {
    const m = matchRule(BUILTIN_RULES, item);
    expect(m).toBeDefined();
    for (const tpl of [m!.rule.met, m!.rule.below, BUILTIN_RULES.neutral]) {
      const text = renderTemplate(tpl, { lead: m!.rule.lead, support: m!.rule.support.join(", "), name: item.name, code: item.code, score: "1", target: "2" });
      expect(text).not.toMatch(/[{}[\]]|\s{2}|\s,|phối hợp\s*$/);
    }
  }
});

describe("the most specific rule wins", () => {
  const cat: ResponsibilityCatalogue = ResponsibilityCatalogueSchema.parse({
    id: "t",
    title: "t",
    rules: [
      { id: "kw-tthc", match: { keywords: ["TTHC"] }, lead: "VP", met: "m", below: "b" },
      { id: "kw-truc-tuyen", match: { keywords: ["xử lý trực tuyến"] }, lead: "TTTT", met: "m", below: "b" },
      { id: "prefix-7", match: { prefixes: ["7"] }, lead: "TTTT7", met: "m", below: "b" },
      { id: "prefix-7.2", match: { prefixes: ["7.2"] }, lead: "TTTT72", met: "m", below: "b" },
      { id: "code-7.2.2", match: { codes: ["7.2.2"] }, lead: "X", met: "m", below: "b" },
    ],
  });
  test.each([
    [{ code: "7.2.2", name: "Tỷ lệ hồ sơ TTHC được xử lý trực tuyến mức độ 3" }, "code-7.2.2", "code"],
    [{ code: "7.2.3", name: "Tỷ lệ hồ sơ TTHC được xử lý trực tuyến mức độ 4" }, "prefix-7.2", "prefix"],
    [{ code: "7.1", name: "Ứng dụng CNTT" }, "prefix-7", "prefix"],
    [{ code: "9.1", name: "Tỷ lệ hồ sơ TTHC được xử lý trực tuyến" }, "kw-truc-tuyen", "keyword"],
    [{ code: "9.2", name: "Công khai TTHC" }, "kw-tthc", "keyword"],
  ])("%j → %s", (item, id, how) => {
    const m = matchRule(cat, item);
    expect([m?.rule.id, m?.how]).toEqual([id, how]);
  });
  test("a keyword of an ancestor's name, when the item's own name says nothing", () => {
    const m = matchRule(cat, { code: "9.3.1", name: "Mức độ 3" }, [{ code: "9", name: "Lĩnh vực" }, { code: "9.3", name: "Dịch vụ TTHC" }]);
    expect([m?.rule.id, m?.how]).toEqual(["kw-tthc", "ancestor-keyword"]);
  });
  test("rules survive a new criteria set: 2023 field names by keyword", () => {
    expect(matchRule(BUILTIN_RULES, { code: "1", name: "Cải cách thể chế" })?.rule.lead).toBe("Sở Nội vụ");
    expect(matchRule(BUILTIN_RULES, { code: "12", name: "Cải cách thể chế" })?.rule.lead).toBe("Sở Tư pháp");
    expect(matchRule(BUILTIN_RULES, { code: "16", name: "Xây dựng chính quyền điện tử, chính quyền số" })?.rule.lead).toBe("Sở Thông tin và Truyền thông");
  });
});

test("templates: optional parts are dropped when empty", () => {
  expect(renderTemplate("{lead} chủ trì[, phối hợp {support}] thực hiện", { lead: "Sở Nội vụ", support: "" })).toBe("Sở Nội vụ chủ trì thực hiện");
  expect(renderTemplate("{lead} chủ trì[, phối hợp {support}] thực hiện", { lead: "Sở Nội vụ", support: "Sở Tư pháp" })).toBe("Sở Nội vụ chủ trì, phối hợp Sở Tư pháp thực hiện");
});

describe("the fill plan", () => {
  test("fills every criterion row and the sub-criteria below target, each naming its rule, text only", () => {
    const a = analyzeField1(FIELD1);
    expect(a.fills?.edits.map((e) => [toA1(e.row, e.col), e.code, e.status, e.ruleId])).toEqual([
      ["F3", "1.1", "met", "1.1-ke-hoach-cchc"],
      ["F6", "1.2", "met", "1.2-che-do-bao-cao"],
      ["F7", "1.3", "below", "1.3-kiem-tra-cchc"],
      ["F9", "1.3.2", "below", "1.3-kiem-tra-cchc"],
      ["F10", "1.4", "met", "1.4-tuyen-truyen"],
      ["F13", "1.5", "below", "1.5-sang-kien"],
      ["F14", "1.6", "met", "1.6-nhiem-vu-chinh-phu-giao"],
    ]);
    expect(a.fills?.edits[0]?.value).toBe("Sở Nội vụ tiếp tục tham mưu thực hiện đúng tiến độ");
    expect(a.fills?.edits.find((e) => e.code === "1.3")?.value).toBe("Sở Nội vụ tăng cường kiểm tra CCHC, theo dõi, đôn đốc xử lý 100% vấn đề phát hiện qua kiểm tra");
  });

  test("never a non-empty cell, unless overwrite is asked for", () => {
    const rows = field1With(["1.2", 5, "Sở Nội vụ đã giao Phòng CCHC"]);
    const kept = analyzeField1(rows);
    expect(kept.fills?.edits.some((e) => e.code === "1.2")).toBe(false);
    expect(kept.fills?.keptNonEmpty).toEqual(["1.2"]);
    const over = analyzeField1(rows, { fill: { overwrite: true } });
    expect(over.fills?.edits.find((e) => e.code === "1.2")).toMatchObject({ old: "Sở Nội vụ đã giao Phòng CCHC", status: "met" });
  });

  test.each([
    ["criteria", 6],
    ["all", 13],
  ] as const)("scope %s", (scope, count) => {
    expect(analyzeField1(FIELD1, { fill: { scope } }).fills?.edits).toHaveLength(count);
  });

  test("values that would start like a formula are flagged for the hosts", () => {
    expect(["=1+1", "+84", "-  Sở", "@SUM(A1)", "Sở Nội vụ"].map(startsLikeFormula)).toEqual([true, true, true, true, false]);
  });
});
