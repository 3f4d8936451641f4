import { BUILTIN_RULES, BUILTIN_SETS } from "../../src/catalogues";
import { chooseRule, keywordsOfName, matchRule, midSentence, renderTemplate, ResponsibilityCatalogueSchema, type ResponsibilityCatalogue, startsLikeFormula } from "../../src/core/responsibility";
import { toA1 } from "../../src/core/grid";
import { fold } from "../../src/core/text";
import { analyze, analyzeField1, field1With, FIELD1, FIELD1_SET, grid, type V } from "../helpers";

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
      ["F10", "1.4", "met", "1.4-tuyen-truyen"],
      ["F13", "1.5", "below", "1.5-sang-kien"],
      ["F14", "1.6", "met", "1.6-nhiem-vu-chinh-phu-giao"],
    ]);
    // 1.3.2 is below target too, but its text would repeat 1.3's word for word: 1.3's row carries it.
    expect(a.fills?.sameAsParent).toEqual(["1.3.2"]);
    expect(a.fills?.edits.every((e) => e.confidence === "high")).toBe(true);
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
    // 13 items, 3 of whose texts would repeat their parent's word for word.
    ["all", 10],
  ] as const)("scope %s", (scope, count) => {
    expect(analyzeField1(FIELD1, { fill: { scope } }).fills?.edits).toHaveLength(count);
  });

  test("values that would start like a formula are flagged for the hosts", () => {
    expect(["=1+1", "+84", "-  Sở", "@SUM(A1)", "Sở Nội vụ"].map(startsLikeFormula)).toEqual([true, true, true, true, false]);
  });
});

describe("rules follow the meaning of an item, not the 2018 numbering", () => {
  const set = BUILTIN_SETS[0]!;
  const field = (code: string) => set.items.filter((i) => i.code === code || i.code.startsWith(`${code}.`));
  // Fields 6 and 7 of the 2018 set swapped: "Hiện đại hóa hành chính" numbered 6, "Tài chính công" numbered 7.
  const swapped = [
    ...set.items.filter((i) => !/^[67](\.|$)/.test(i.code)),
    ...field("7").map((i) => ({ ...i, code: `6${i.code.slice(1)}` })),
    ...field("6").map((i) => ({ ...i, code: `7${i.code.slice(1)}` })),
  ];
  const rows: V[][] = [["Stt", "Tiêu chí", "Điểm chuẩn", "Điểm đạt được năm 2023", "Mục tiêu năm 2024", "Thực hiện"]];
  for (const it of swapped.sort((a, b) => a.code.localeCompare(b.code, "en", { numeric: true }))) rows.push([it.code, it.name, it.maxPoints, 0, it.maxPoints, null]);

  test("with fields 6 and 7 swapped, e-government goes to Sở Thông tin và Truyền thông, with its own texts", () => {
    const a = analyze(grid(rows), { criteriaSets: BUILTIN_SETS, rules: BUILTIN_RULES });
    if (!a.recognized) throw new Error("not recognised");
    const fills = a.fills!.edits;
    const it = fills.find((e) => e.code === "6.1")!;
    expect(it.value).toMatch(/^Sở Thông tin và Truyền thông/);
    expect(it).toMatchObject({ ruleId: "7.1-ung-dung-cntt", how: "keyword", overrode: "6.1-tai-chinh-ngan-sach" });
    // No e-government item gets the finance department or a text about saving and waste.
    for (const e of fills.filter((x) => x.code.startsWith("6"))) {
      expect([e.code, /Sở Tài chính|tiết kiệm|lãng phí/.test(e.value)]).toEqual([e.code, false]);
    }
    // And public finance, now numbered 7, goes to Sở Tài chính.
    expect(fills.find((e) => e.code === "7.2")?.value).toMatch(/^Sở Tài chính/);
    expect(fills.every((e) => e.confidence !== "high" || !e.code.match(/^[67]/))).toBe(true);
  });

  test("on a set the catalogue does not name, codes are not used: names decide", () => {
    const other = { ...FIELD1_SET, id: "bo-2022" };
    const c = chooseRule(BUILTIN_RULES, { code: "1.4.2", name: "Thực hiện các hình thức tuyên truyền CCHC" }, [{ code: "1", name: "Công tác chỉ đạo, điều hành" }], other);
    expect(c).toMatchObject({ kind: "match", match: { how: "keyword", rule: { id: "1.4.2-hinh-thuc-tuyen-truyen" } }, confidence: "medium" });
    const none = chooseRule(BUILTIN_RULES, { code: "1.1", name: "Nội dung chưa có trong danh mục" }, [], other);
    expect(none.kind).toBe("none");
  });

  test("a code whose name is another item's, with nothing in the names to go by, is uncertain: listed, not filled", () => {
    const a = analyze(
      grid([
        ["Stt", "Tiêu chí", "Điểm chuẩn", "Điểm đạt được năm 2023", "Mục tiêu năm 2024", "Thực hiện"],
        ...FIELD1.map((r) => (r[0] === "1.2" ? ["1.2", "Nội dung hoàn toàn khác", 1.75, 1, 1.75, null] : r[0] === "1" ? ["1", "Lĩnh vực thứ nhất", ...r.slice(2)] : r)),
      ]),
      { criteriaSets: BUILTIN_SETS, rules: BUILTIN_RULES },
    );
    if (!a.recognized) throw new Error("not recognised");
    expect(a.fills?.uncertain).toEqual([{ code: "1.2", row: 5, ruleId: "1.2-che-do-bao-cao", setName: "Thực hiện chế độ báo cáo định kỳ" }]);
    expect(a.fills?.edits.some((e) => e.code === "1.2")).toBe(false);
  });

  test("names read mid-sentence: capitals of a field name lowered, acronyms kept", () => {
    expect(midSentence("CẢI CÁCH THỦ TỤC HÀNH CHÍNH")).toBe("cải cách thủ tục hành chính");
    expect(midSentence("CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC")).toBe("công tác chỉ đạo, điều hành CCHC");
    expect(midSentence("Kế hoạch CCHC")).toBe("kế hoạch CCHC");
    expect(midSentence("TTHC liên thông")).toBe("TTHC liên thông");
  });

  test("a survey-scored criterion below target gets a text that fits a survey result", () => {
    const a = analyze(
      grid([
        ["Stt", "Tiêu chí", "Điểm chuẩn", "Điểm đạt được năm 2023", "Mục tiêu năm 2024", "Thực hiện"],
        ["8", "TÁC ĐỘNG CỦA CCHC ĐẾN NGƯỜI DÂN", 3, 1, 3, null],
        ["8.1", "Sự hài lòng của người dân, tổ chức (qua điều tra XHH)", 3, 1, 3, null],
      ]),
      { criteriaSets: BUILTIN_SETS, rules: BUILTIN_RULES },
    );
    if (!a.recognized) throw new Error("not recognised");
    expect(a.fills?.edits.find((e) => e.code === "8.1")?.value).toMatch(/nâng cao mức độ hài lòng .*\(đánh giá qua điều tra xã hội học\)$/);
  });
});

test("keywords found through their first word are exactly those a scan of every keyword finds, in catalogue order", () => {
  // Every built-in keyword, and odd ones: a keyword repeated, one with doubled spaces, one that is a single letter.
  const catalogue: ResponsibilityCatalogue = {
    ...BUILTIN_RULES,
    rules: [...BUILTIN_RULES.rules, { ...BUILTIN_RULES.rules[0]!, id: "odd", match: { codes: [], prefixes: [], keywords: ["kế  hoạch", "kế hoạch", "ab"] } }],
  };
  const all = catalogue.rules.flatMap((r) => r.match.keywords.map((k) => [r.id, ` ${fold(k)} `] as const));
  const words = [...new Set(all.flatMap(([, k]) => k.trim().split(" ")))];
  let seed = 11;
  const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
  const names = [
    ...set.items.map((i) => i.name),
    ...Array.from({ length: 400 }, () => Array.from({ length: 1 + rnd(12) }, () => (rnd(5) === 0 ? "xyz" : (words[rnd(words.length)] ?? ""))).join(rnd(7) === 0 ? "  " : " ")),
  ];
  for (const name of names) {
    const padded = ` ${fold(name)} `;
    const scanned = all.filter(([, k]) => padded.includes(k)).map(([id, k]) => [id, k.trim()]);
    expect([name, keywordsOfName(catalogue, name)]).toEqual([name, scanned]);
  }
});

describe("a “Thực hiện” cell merged over several rows (the field's cell over its criteria)", () => {
  const HEADER_ROW: V[] = ["Stt", "Tiêu chí", "Điểm chuẩn", "Điểm đạt được năm 2018", "Mục tiêu năm 2019", "Thực hiện"];
  const run = (rows: V[][], overwrite = false) =>
    analyze(grid([HEADER_ROW, ...rows], ["F2:F14"]), { criteriaSets: [FIELD1_SET], rules: BUILTIN_RULES, fill: { overwrite } });

  test("empty: the field's cell is filled (the text wraps in the whole area), the rows it covers share it and are named", () => {
    const a = run(FIELD1);
    if (!a.recognized) throw new Error("not recognized");
    expect(a.fills?.edits.map((e) => [toA1(e.row, e.col), e.code])).toEqual([["F2", "1"]]);
    expect(a.fills?.edits[0]?.span).toEqual({ top: 1, left: 5, bottom: 13, right: 5 });
    expect(a.fills?.inMerge.map((m) => [toA1(m.row, m.col), m.code, m.sharedWith])).toEqual([
      ["F3", "1.1", "1"], ["F6", "1.2", "1"], ["F7", "1.3", "1"], ["F10", "1.4", "1"], ["F13", "1.5", "1"], ["F14", "1.6", "1"],
    ]);
  });

  test("with a text: the rows it covers keep it; overwriting writes the field's cell only, never a covered one", () => {
    const rows = FIELD1.map((r) => (r[0] === "1" ? [...r.slice(0, 5), "Sở Nội vụ chủ trì thực hiện"] : r));
    const kept = run(rows);
    if (!kept.recognized) throw new Error("not recognized");
    expect(kept.fills?.edits).toEqual([]);
    expect(kept.fills?.keptNonEmpty).toEqual(["1", "1.1", "1.2", "1.3", "1.3.2", "1.4", "1.5", "1.6"]);
    const over = run(rows, true);
    if (!over.recognized) throw new Error("not recognized");
    expect(over.fills?.edits.map((e) => toA1(e.row, e.col))).toEqual(["F2"]);
    expect(over.fills?.inMerge.every((m) => m.sharedWith === "1")).toBe(true);
  });
});
