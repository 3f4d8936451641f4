import { BUILTIN_RULES, BUILTIN_SETS } from "../../src/catalogues";
import { parseCriteriaSet, type CriteriaSetData } from "../../src/core/criteria";
import { criteriaFromSheet, criteriaSheetModel, decimalsOf, pointsFormat } from "../../src/core/criteriaSheet";
import { encodeLegacy } from "../../src/core/legacy";
import { gridOfModel, newAppendix } from "../../src/core/newAppendix";
import { analyzeSheet } from "../../src/core/analyze";
import { cellFromValue } from "../../src/core/grid";
import { setChoiceMessage, translator } from "../../src/i18n";
import "../../src/i18n/languages";
import { grid, type V } from "../helpers";

const tr = translator("vi");
const opts = { fallbackId: "Bộ của Sở", fallbackTitle: "Bộ của Sở" };
const plain = (s: (typeof BUILTIN_SETS)[number]): CriteriaSetData => {
  const { byCode: _b, childrenOf: _c, fields: _f, ...rest } = s;
  return rest;
};
const builtin = plain(BUILTIN_SETS[0]!);
const messages = (r: ReturnType<typeof criteriaFromSheet>) => r.problems.map((p) => `${p.severity} ${p.cell}: ${tr.t(p.key, p.params)}`);

describe("a criteria set as a sheet, and back", () => {
  test("set → sheet → set is exact (the built-in 2018 set, 145 items)", () => {
    const r = criteriaFromSheet(gridOfModel(criteriaSheetModel(builtin)), opts);
    expect(r.mode).toBe("list");
    expect(r.problems).toEqual([]);
    expect(r.set).toEqual(builtin);
    expect(r.counts).toEqual({ fields: 8, criteria: 41, subs: 96 });
  });

  test("sheet → set → sheet is exact, with a unit level, survey marks and a total that is not 100", () => {
    const set: CriteriaSetData = {
      id: "so-2024",
      title: "Bộ tiêu chí đánh giá Chỉ số CCHC các sở",
      legalBasis: "Quyết định số …/QĐ-UBND",
      years: [2024, 2025],
      unitLevel: "so",
      totalPoints: 60,
      items: [
        { code: "1", name: "Công tác chỉ đạo", maxPoints: 20, level: "field", survey: false },
        { code: "1.1", name: "Kế hoạch", maxPoints: 12.5, level: "criterion", survey: false },
        { code: "1.2", name: "Sự hài lòng (điều tra XHH)", maxPoints: 7.5, level: "criterion", survey: true },
        { code: "2", name: "Thủ tục hành chính", maxPoints: 40, level: "field", survey: false },
        { code: "2.1", name: "Công khai", maxPoints: 40, level: "criterion", survey: false },
        { code: "2.1.1", name: "Đúng hạn", maxPoints: 25, level: "sub", survey: false },
        { code: "2.1.2", name: "Đầy đủ", maxPoints: 15, level: "sub", survey: false },
      ],
    };
    const sheet = criteriaSheetModel(set);
    const back = criteriaFromSheet(gridOfModel(sheet), opts);
    expect(back.set).toEqual(set);
    expect(criteriaSheetModel(back.set!)).toEqual(sheet);
  });

  test("the sheet prints: header row repeated, fits the width, codes stored as text", () => {
    const sheet = criteriaSheetModel(builtin);
    expect(sheet.print).toMatchObject({ titleRows: [10, 10], fitToWidth: true });
    expect(sheet.rows[11]?.cells[0]).toMatchObject({ value: "1", style: { numFmt: "@" } });
    expect(sheet.rows[11]?.cells[3]).toMatchObject({ value: 9, style: { numFmt: "0.00" } });
  });
});

const LIST_HEAD: V[] = ["Mã", "Tên tiêu chí", "Điểm tối đa", "Khảo sát"];

describe("a plain list staff typed", () => {
  test("code, name, max and survey columns under a title; the id comes from the file name", () => {
    const r = criteriaFromSheet(
      grid([
        ["BỘ TIÊU CHÍ CẤP HUYỆN"],
        [],
        LIST_HEAD,
        ["1", "Chỉ đạo điều hành", 10, ""],
        ["1.1", "Kế hoạch", 6, ""],
        ["1.2", "Hài lòng", 4, "x"],
        ["2.", "Thể chế", "5,5", ""],
        [null, "Tổng cộng", 15.5, null],
      ]),
      opts,
    );
    expect(messages(r)).toEqual([]);
    expect(r.set).toMatchObject({ id: "bo-cua-so", title: "Bộ của Sở", totalPoints: 15.5 });
    expect(r.set!.items.map((i) => [i.code, i.level, i.maxPoints, i.survey])).toEqual([
      ["1", "field", 10, false],
      ["1.1", "criterion", 6, false],
      ["1.2", "criterion", 4, true],
      ["2", "field", 5.5, false],
    ]);
  });

  test.each<[string, V[][], string[]]>([
    ["an empty sheet", [], ["error : Trang này không có danh sách tiêu chí: cần một dòng tiêu đề có cột Mã (hoặc Stt), cột tên (Lĩnh vực/Tiêu chí…) và cột Điểm tối đa (hoặc Điểm chuẩn), rồi mỗi dòng một mục; hoặc một phụ lục chấm điểm."]],
    ["a missing column (no max)", [["Mã", "Tên"], ["1", "A"], ["1.1", "B"]], ["error : Trang này không có danh sách tiêu chí: cần một dòng tiêu đề có cột Mã (hoặc Stt), cột tên (Lĩnh vực/Tiêu chí…) và cột Điểm tối đa (hoặc Điểm chuẩn), rồi mỗi dòng một mục; hoặc một phụ lục chấm điểm."]],
    [
      "a duplicate code",
      [LIST_HEAD, ["1", "A", 2, ""], ["1.1", "B", 1, ""], ["1.1", "C", 1, ""]],
      ["error A4: mã 1.1 bị trùng (đã có ở ô A3).", "warning C2: 1 có điểm tối đa 2 nhưng các mục con cộng lại được 1."],
    ],
    ["a max that is not a number", [LIST_HEAD, ["1", "A", "hai", ""], ["1.1", "B", 2, ""]], ["error C2: điểm tối đa của 1 không phải là số (“hai”)."]],
    ["a negative max", [LIST_HEAD, ["1", "A", -1, ""], ["1.1", "B", -1, ""]], ["error C2: điểm tối đa của 1 là số âm (-1).", "error C3: điểm tối đa của 1.1 là số âm (-1)."]],
    ["an orphan", [LIST_HEAD, ["1", "A", 2, ""], ["1.1", "B", 2, ""], ["2.1", "C", 1, ""]], ["error A4: 2.1 không có mục cha 2 trong danh sách."]],
    ["a code that is not a code among good ones", [LIST_HEAD, ["1", "A", 2, ""], ["1.1", "B", 1, ""], ["1.2", "C", 1, ""], ["1.3", "D", 0, ""], ["1.x", "E", 0, ""]], ["error A6: mã “1.x” không đúng dạng 1, 1.1 hoặc 1.1.1."]],
  ])("%s: said with its cell, and no set comes out", (_, rows, expected) => {
    const r = criteriaFromSheet(grid(rows), opts);
    expect(messages(r)).toEqual(expected);
    expect(r.set).toBeUndefined();
  });

  test("children that do not add up are a warning: the set is stored, the slip is said", () => {
    const r = criteriaFromSheet(grid([LIST_HEAD, ["1", "A", 3, ""], ["1.1", "B", 1, ""], ["1.2", "C", 1.5, ""]]), opts);
    expect(messages(r)).toEqual(["warning C2: 1 có điểm tối đa 3 nhưng các mục con cộng lại được 2,5."]);
    expect(r.set?.totalPoints).toBe(3);
  });

  test("a level column that contradicts the code, and a header block with a bad year and id", () => {
    const model = criteriaSheetModel({ ...builtin, items: builtin.items.slice(0, 4), totalPoints: 9 });
    const g = gridOfModel(model);
    const rows = g.rows.map((r) => [...r]);
    rows[1]![1] = cellFromValue("bộ có dấu");
    rows[4]![1] = cellFromValue("2024, 20x5");
    rows[13]![2] = cellFromValue("Lĩnh vực");
    const r = criteriaFromSheet({ ...g, rows }, opts);
    expect(messages(r)).toEqual([
      "error C14: 1.1.1 ghi cấp “Lĩnh vực” nhưng mã của nó là cấp “Tiêu chí thành phần”.",
      "error B5: năm áp dụng “2024, 20x5” cần là các năm cách nhau bởi dấu phẩy, ví dụ 2024, 2025.",
      "error B2: mã bộ “bộ có dấu” chỉ được gồm chữ không dấu, số, dấu chấm và gạch ngang, ví dụ “bo-co-dau”.",
      "warning D12: 1 có điểm tối đa 9 nhưng các mục con cộng lại được 1,25.",
    ]);
    expect(r.set).toBeUndefined();
  });

  test("legacy-encoded text (TCVN3, .VnTime) is read as Unicode", () => {
    const legacy = (s: string) => ({ kind: "text" as const, value: encodeLegacy(s, "tcvn3"), text: encodeLegacy(s, "tcvn3"), font: ".VnTime" });
    const r = criteriaFromSheet(grid([[legacy("Mã"), legacy("Tên tiêu chí"), legacy("Điểm tối đa")], ["1", legacy("Công tác chỉ đạo điều hành"), 2], ["1.1", legacy("Kế hoạch cải cách hành chính"), 2]]), opts);
    expect(r.set?.items.map((i) => i.name)).toEqual(["Công tác chỉ đạo điều hành", "Kế hoạch cải cách hành chính"]);
  });
});

describe("an appendix read as a set", () => {
  test("roman numerals and lettered sub-criteria go through the recognizer", () => {
    const r = criteriaFromSheet(
      grid([
        ["PHỤ LỤC"],
        ["BẢNG ĐIỂM NĂM 2023"],
        ["STT", "Lĩnh vực/Tiêu chí", "Điểm tối đa", "Tự chấm năm 2023"],
        ["I", "CÔNG TÁC CHỈ ĐẠO", 3, 2],
        ["1", "Kế hoạch", 2, 2],
        ["2", "Báo cáo", 1, 0],
        ["II", "THỂ CHẾ", 2, 1],
        ["1", "Văn bản", 2, 1],
      ]),
      opts,
    );
    expect(r.mode).toBe("appendix");
    expect(messages(r)).toEqual([]);
    expect(r.set).toMatchObject({ title: "BẢNG ĐIỂM NĂM 2023", years: [2023], totalPoints: 5 });
    expect(r.set!.items.map((i) => `${i.code}=${i.maxPoints}`)).toEqual(["1=3", "1.1=2", "1.2=1", "2=2", "2.1=2"]);
  });
});

test("decimals and the points' number format", () => {
  expect(decimalsOf([1, 0.25, 0.5])).toBe(2);
  expect(decimalsOf([0.12345], 5)).toBe(5);
  expect(pointsFormat([1, 2], [1, 2])).toBe("0");
  expect(pointsFormat([1, 0.25], [1, 0.25, 0.81413])).toBe("0.00###");
  expect(pointsFormat([1, 2], [1, 2.5])).toBe("0.0");
});

describe("a new appendix for the plan", () => {
  const set = BUILTIN_SETS[0]!;
  test("passes the checker with zero errors and zero warnings; parents and the total are SUM formulas", () => {
    const n = newAppendix({ set, year: 2019, province: "tỉnh Hà Nam", rules: BUILTIN_RULES });
    const a = analyzeSheet(gridOfModel(n.sheet), { criteriaSets: BUILTIN_SETS, rules: BUILTIN_RULES });
    if (!a.recognized) throw new Error("not recognised");
    expect(a.set?.id).toBe(set.id);
    expect(a.findings.map((f) => f.rule)).toEqual([]);
    expect(a.body.items).toHaveLength(145);
    const row = (code: string) => n.rows.get(code)! + 1;
    expect(n.sheet.rows[n.rows.get("1.1")!]!.cells[2]).toMatchObject({ formula: `SUM(C${row("1.1.1")},C${row("1.1.2")})`, value: 1.25 });
    expect(n.sheet.rows[n.totalRow]!.cells[2]).toMatchObject({ value: 100 });
    expect(n.totals).toEqual([100, 0, 100, 100]);
    expect(n.sheet.rows.slice(0, 5).map((r) => r.cells.map((c) => c?.value).join(" | "))).toEqual([
      "PHỤ LỤC",
      "MỤC TIÊU PHẤN ĐẤU NÂNG CAO CHỈ SỐ CẢI CÁCH HÀNH CHÍNH TỈNH HÀ NAM NĂM 2020 VÀ NHỮNG NĂM TIẾP THEO",
      "(Kèm theo Kế hoạch số …/KH-UBND ngày … của Ủy ban nhân dân tỉnh Hà Nam)",
      "",
      "Stt | Lĩnh vực/Tiêu chí/Tiêu chí thành phần | Điểm chuẩn | Điểm đạt được năm 2019 | Mục tiêu năm 2020 | Mục tiêu năm 2021 | Thực hiện",
    ]);
    // Every criterion's "Thực hiện" is filled from the rules; nothing is left for a rule that does not exist.
    expect(n.unfilled).toEqual([]);
    expect(n.sheet.rows[n.rows.get("1.1")!]!.cells[6]?.value).toMatch(/^Sở Nội vụ/);
  });

  test("an imported set of 60 points passes too", () => {
    const r = parseCriteriaSet({
      id: "so-60",
      title: "Bộ 60 điểm",
      totalPoints: 60,
      items: [
        { code: "1", name: "Chỉ đạo điều hành", maxPoints: 20, level: "field" },
        { code: "1.1", name: "Kế hoạch cải cách hành chính", maxPoints: 20, level: "criterion" },
        { code: "2", name: "Thủ tục hành chính", maxPoints: 40, level: "field" },
        { code: "2.1", name: "Công khai thủ tục hành chính", maxPoints: 25.5, level: "criterion" },
        { code: "2.2", name: "Giải quyết hồ sơ đúng hạn", maxPoints: 14.5, level: "criterion" },
      ],
    });
    if (!r.ok) throw new Error("set");
    const n = newAppendix({ set: r.set, year: 2024 });
    const a = analyzeSheet(gridOfModel(n.sheet), { criteriaSets: [...BUILTIN_SETS, r.set] });
    if (!a.recognized) throw new Error("not recognised");
    expect(a.set?.id).toBe("so-60");
    expect(a.findings.map((f) => f.rule)).toEqual([]);
    expect(n.totals).toEqual([60, 0, 60, 60]);
  });

  test("last year's scores by code, and by name where the codes moved (fields 6 and 7 swapped)", () => {
    const rows: V[][] = [["Stt", "Tiêu chí", "Điểm chuẩn", "Điểm đạt được năm 2023", "Mục tiêu năm 2024"]];
    const leafScore = new Map<string, number>();
    const codes = new Set(set.items.map((i) => i.code));
    const leaves = set.items.filter((i) => !set.items.some((j) => j.code.startsWith(`${i.code}.`)));
    const swap = (c: string) => (c.startsWith("6") ? `7${c.slice(1)}` : c.startsWith("7") ? `6${c.slice(1)}` : c);
    for (const it of [...set.items].sort((a, b) => swap(a.code).localeCompare(swap(b.code), "en", { numeric: true }))) {
      const leaf = leaves.includes(it);
      const v = leaf ? Math.round(it.maxPoints * 50) / 100 : null;
      if (leaf) leafScore.set(it.code, v!);
      rows.push([swap(it.code), it.name, it.maxPoints, v, it.maxPoints]);
    }
    expect(codes.size).toBe(145);
    const prev = analyzeSheet(grid(rows), { criteriaSets: [] });
    if (!prev.recognized) throw new Error("not recognised");
    const n = newAppendix({ set, year: 2023, previous: prev });
    expect(n.unmatchedSet).toEqual([]);
    expect(n.unmatchedPrevious).toEqual([]);
    const byName = n.scored.filter((s) => s.how === "name");
    expect(byName.map((s) => `${s.code}←${s.fromCode}`)).toContain("6.1.1←7.1.1");
    expect(byName.every((s) => s.code.startsWith("6") || s.code.startsWith("7"))).toBe(true);
    // Each leaf got its own score, wherever it stood last year.
    for (const [code, v] of leafScore) expect([code, n.sheet.rows[n.rows.get(code)!]!.cells[3]?.value]).toEqual([code, v]);
  });

  test("text that starts like a formula is a value, never a formula", () => {
    const r = parseCriteriaSet({ id: "x", title: "x", totalPoints: 1, items: [{ code: "1", name: "=HYPERLINK(\"http://x\")", maxPoints: 1, level: "field" }, { code: "1.1", name: "+1", maxPoints: 1, level: "criterion" }] });
    if (!r.ok) throw new Error("set");
    const n = newAppendix({ set: r.set, year: 2024 });
    const cells = n.sheet.rows.flatMap((row) => row.cells);
    expect(cells.filter((c) => c?.formula !== undefined).every((c) => /^SUM\(/.test(c!.formula!))).toBe(true);
    expect(cells.some((c) => c?.value === "=HYPERLINK(\"http://x\")" && c.formula === undefined)).toBe(true);
  });
});

test("no set fits a sheet shaped like 876/QĐ-BNV (8 fields, 37 criteria, 88 sub-criteria): the explanation says so, and how to bring it in", () => {
  const rows: V[][] = [["Stt", "Tiêu chí", "Điểm tối đa", "Điểm đạt được năm 2022"]];
  let subs = 0;
  for (let f = 1; f <= 8; f++) {
    rows.push([String(f), `Lĩnh vực mới số ${f}`, null, null]);
    for (let c = 1; c <= (f <= 5 ? 5 : 4); c++) {
      rows.push([`${f}.${c}`, `Nội dung đánh giá ${f}.${c}`, null, null]);
      for (let s = 1; s <= 3 && subs < 88 && !(c === 4 && f > 5 && s > 1); s++) {
        subs++;
        rows.push([`${f}.${c}.${s}`, `Thành phần ${f}.${c}.${s}`, 1, 1]);
      }
    }
  }
  const a = analyzeSheet(grid(rows), { criteriaSets: BUILTIN_SETS });
  if (!a.recognized) throw new Error("not recognised");
  expect(a.counts).toMatchObject({ fields: 8, criteria: 37 });
  expect(a.setChoice.kind).toBe("none");
  expect(setChoiceMessage(tr, a.setChoice)).toMatch(/giống bộ tiêu chí 876\/QĐ-BNV năm 2022 \(cấp tỉnh\) \(8 lĩnh vực, 37 tiêu chí, 88 tiêu chí thành phần\)\. Bộ này chưa có sẵn: nạp nó/);
  // A sheet of another shape gets no such hint.
  const small = analyzeSheet(grid(rows.slice(0, 20)), { criteriaSets: BUILTIN_SETS });
  expect(small.recognized && small.setChoice.kind === "none" && small.setChoice.like).toBeFalsy();
});

describe("items a type of unit is not assessed on, declared in the set", () => {
  const base = BUILTIN_SETS[0]!;
  const r = parseCriteriaSet({ ...plain(base), id: "so-khong-tthc", items: base.items.map((i) => (i.code === "3.5" ? { ...i, optional: true } : i)) });
  if (!r.ok) throw new Error("set");
  const set = r.set;
  const rows = (skip: (code: string) => boolean): V[][] => {
    const out: V[][] = [["Stt", "Tiêu chí", "Điểm chuẩn", "Điểm đạt được năm 2023", "Mục tiêu năm 2024"]];
    const reduced = (code: string, max: number) => (code === "3" ? max - 1 : max);
    for (const it of base.items) if (!skip(it.code)) out.push([it.code, it.name, reduced(it.code, it.maxPoints), reduced(it.code, it.maxPoints), reduced(it.code, it.maxPoints)]);
    out.push([null, "TỔNG ĐIỂM", 99, 99, 99]);
    return out;
  };
  test("absent: no missing item, and the parent's and the total's max are reduced by its max", () => {
    const a = analyzeSheet(grid(rows((c) => c === "3.5" || c.startsWith("3.5."))), { criteriaSets: [set], forcedSetId: set.id });
    if (!a.recognized) throw new Error("not recognised");
    expect(a.findings.map((f) => `${f.rule} ${f.code ?? ""}`)).toEqual([]);
  });
  test("an item the set does not declare optional is still missing", () => {
    const a = analyzeSheet(grid(rows((c) => c === "3.4" || c.startsWith("3.4."))), { criteriaSets: [set], forcedSetId: set.id });
    if (!a.recognized) throw new Error("not recognised");
    expect(a.findings.filter((f) => f.rule === "missing-criterion").map((f) => f.code)).toEqual(["3.4"]);
  });
  test("bonus and penalty allowed outside the total: checked on the sheet's rows, and kept by the sheet round trip", () => {
    const withBonus = parseCriteriaSet({ ...plain(base), id: "co-thuong", bonusMax: 2, penaltyMax: 3 });
    if (!withBonus.ok) throw new Error("set");
    const sheetRows = rows(() => false).map((r) => (r[1] === "TỔNG ĐIỂM" ? [null, "TỔNG ĐIỂM", 100, 102.5, 100] : r.map((v) => (typeof v === "number" && r[0] === "3" ? v + 1 : v))));
    sheetRows.splice(sheetRows.length - 1, 0, [null, "Điểm thưởng", null, 2.5, null]);
    const a = analyzeSheet(grid(sheetRows), { criteriaSets: [withBonus.set], forcedSetId: "co-thuong" });
    if (!a.recognized) throw new Error("not recognised");
    expect(a.findings.filter((f) => f.rule === "over-max").map((f) => [f.params["code"], f.expected, f.actual])).toEqual([["Điểm thưởng", 2, 2.5]]);
    const back = criteriaFromSheet(gridOfModel(criteriaSheetModel(plain(withBonus.set))), opts);
    expect(back.set).toEqual(plain(withBonus.set));
  });

  test("the mark survives the sheet round trip", () => {
    const back = criteriaFromSheet(gridOfModel(criteriaSheetModel(plain(set))), opts);
    expect(back.set?.items.find((i) => i.code === "3.5")?.optional).toBe(true);
    expect(back.set).toEqual(plain(set));
  });
});
