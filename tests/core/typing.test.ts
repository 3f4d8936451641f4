/**
 * Issue 7 §1 and §3, the part done so far: invisible and look-alike characters, and the punctuation people type
 * around codes. One normalisation (core/text normalizeText) serves codes, names, numbers and headers; a damage test
 * plants random combinations into the Hà Nam appendix and asserts the findings are exactly the clean file's.
 */
import { encodeLegacy } from "../../src/core/legacy";
import { parseWrittenCode } from "../../src/core/codes";
import type { Cell, Grid } from "../../src/core/grid";
import { parseNumberText } from "../../src/core/numbers";
import { cleanText, normalizeText } from "../../src/core/text";
import { rng } from "../../scripts/fixtures";
import { analyze, fixtureGrids, recognized } from "../helpers";

describe("normalizeText: one normalisation of invisible and look-alike characters", () => {
  test.each([
    ["zero-width space, joiner, non-joiner, word joiner", "1\u200b.\u200c1\u200d.\u20601", "1.1.1"],
    ["BOM and soft hyphen", "\ufeffTiêu\u00ad chí", "Tiêu chí"],
    ["no-break, thin, figure and ideographic spaces", "a\u00a0b\u2009c\u2007d\u3000e", "a b c d e"],
    ["full-width digits, dot, comma and letters", "１．２，５ ＡＢ", "1.2,5 AB"],
    ["minus signs", "\u22120,5 \ufe631", "-0,5 -1"],
    ["decomposed Vietnamese (NFD) becomes NFC", "Tiê\u0301u chi\u0301", "Tiếu chí"],
  ])("%s", (_, input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  test("cleanText adds only the white-space collapsing", () => {
    expect(cleanText("  Lĩnh\u00a0vực\u200b\n 1  ")).toBe("Lĩnh vực 1");
  });
});

describe("numbers typed with invisible or look-alike characters read as numbers", () => {
  test.each([
    ["1,5\u200b", 1.5],
    ["\ufeff0.25", 0.25],
    ["１，５", 1.5],
    ["\u22120,5", -0.5],
    ["– 0,5", -0.5],
    ["2\u00a0,\u00a05", 2.5],
  ])("%j → %p", (text, value) => {
    expect(parseNumberText(text)).toBe(value);
  });
});

describe("every punctuation people type around a code", () => {
  test.each([
    ["1.1.1", [1, 1, 1], false],
    ["1.1.1.", [1, 1, 1], true],
    ["1.1.1)", [1, 1, 1], false],
    ["(1.1.1)", [1, 1, 1], false],
    ["1.1.1-", [1, 1, 1], false],
    ["1.1.1:", [1, 1, 1], false],
    ["1. 1. 1", [1, 1, 1], false],
    ["1 . 2 .", [1, 2], true],
  ])("%j", (text, parts, trailingDot) => {
    expect(parseWrittenCode(text)).toMatchObject({ kind: "dotted", parts, trailingDot });
  });

  test.each([
    ["I", 1],
    ["II.", 2],
    ["III-", 3],
    ["(IV)", 4],
    ["VIII)", 8],
  ])("roman %j", (text, value) => {
    expect(parseWrittenCode(text)).toMatchObject({ kind: "roman", value });
  });

  test.each(["a)", "b.", "(c)", "-", "+", "–"])("%j stays a bullet, not a criterion", (text) => {
    expect(parseWrittenCode(text).kind).toBe("bullet");
  });
});

describe("damage test: planted invisible characters and code punctuation change no finding", () => {
  let clean: Grid;
  let baseline: string[];
  // The planted legacy encoding is said (and checked below); every other finding must be the clean file's.
  const key = (g: Grid): string[] =>
    recognized(analyze(g))
      .findings.filter((f) => f.rule !== "legacy-encoding")
      .map((f) => `${f.rule} ${f.code ?? ""} ${f.row ?? ""}:${f.col ?? ""}`)
      .sort();

  beforeAll(async () => {
    clean = (await fixtureGrids("ha-nam-1800-2019.xlsx"))[0]!;
    baseline = key(clean);
  });

  const INVISIBLES = ["\u200b", "\ufeff", "\u00ad", "\u2060", "\u200c"];
  const SPACES = ["\u00a0", "\u2009", "\u202f"];
  const AROUND = [(c: string) => `${c})`, (c: string) => `(${c})`, (c: string) => `${c}-`, (c: string) => `${c}:`, (c: string) => c.replace(/\./g, ". ")];

  function damaged(seed: number): Grid {
    const r = rng(seed);
    const pick = <T>(xs: ReadonlyArray<T>): T => xs[Math.floor(r() * xs.length)]!;
    // Whole-sheet variants: the names typed in TCVN3 with the .VnTime font; a stray note beside the header row.
    const tcvn3 = seed % 3 === 0;
    const rows = clean.rows.map((row, i) =>
      row.map((cell, j): Cell | undefined => {
        if (tcvn3 && j === 1 && i > 4 && cell?.kind === "text") {
          const t = encodeLegacy(String(cell.value), "tcvn3");
          return { ...cell, value: t, text: t, font: ".VnTime" };
        }
        if (!cell || cell.kind !== "text" || i < 5 || r() > 0.3) return cell;
        let t = String(cell.value);
        if (j === 0 && /^\d+(\.\d+)+$/.test(t) && r() < 0.5) t = pick(AROUND)(t);
        else if (r() < 0.5) t = `${t.slice(0, 1)}${pick(INVISIBLES)}${t.slice(1)}`;
        else t = `${pick(SPACES)}${t}${pick(INVISIBLES)}`;
        return { ...cell, value: t, text: t };
      }),
    );
    if (seed % 2 === 0) rows[4] = [...(rows[4] ?? []), undefined, { kind: "text", value: "Biểu 01", text: "Biểu 01" }];
    return { ...clean, rows };
  }

  test("the baseline has the Hà Nam findings", () => {
    expect(baseline.length).toBeGreaterThan(80);
  });

  test("200 seeded combinations give exactly the clean file's findings", () => {
    for (let seed = 1; seed <= 200; seed++) expect([seed, key(damaged(seed))]).toEqual([seed, baseline]);
    const encoded = recognized(analyze(damaged(3)));
    expect(encoded.findings.filter((f) => f.rule === "legacy-encoding")).toHaveLength(1);
    expect(encoded.legacyCells.length).toBeGreaterThan(100);
  });
});

/*
 * Issue 7 §2–§4 (part): what real submissions put between the rows. Each table's findings must be exactly the clean
 * field 1's (none), so the test fails on a false finding as well as on a missed one.
 */
import { analyzeField1, FIELD1, FIELD1_SET, field1With, grid, table as findingTable, type V } from "../helpers";
import { explainAnalysis, renderFinding, translator } from "../../src/i18n";
import "../../src/i18n/languages";

describe("rows that real submissions put in the table", () => {
  const clean = findingTable(analyzeField1(FIELD1).findings);

  test("the clean field has no finding (the baseline)", () => {
    expect(clean).toEqual([]);
  });

  test.each([
    ["TỔNG ĐIỂM (PL1 + PL2)"],
    ["TỔNG CỘNG (I+II+…+VIII)"],
    ["Tổng số điểm"],
    ["Cộng"],
    ["Tổng điểm đạt được (100)"],
  ])("%j is the total row", (label) => {
    const a = analyzeField1([...FIELD1, [null, label, 9, 7, 9, null]]);
    expect(a.body.total?.label).toBe(label);
    expect(findingTable(a.findings)).toEqual(clean);
  });

  test("a name starting with “Tổng” that is not a total is not taken for one: its points are an orphan row, said", () => {
    const a = analyzeField1([...FIELD1, [null, "Tổng hợp, báo cáo kết quả", 1, 1, 1, null]]);
    expect(a.body.total).toBeNull();
    expect(findingTable(a.findings, ["orphan-row"])).toEqual([["orphan-row", null, "A15"]]);
  });

  test("a header repeated on every page, with its column numbers and “Trang 2/3”, is skipped", () => {
    const header: V[] = ["Stt", "Tiêu chí", "Điểm chuẩn", "Điểm đạt được năm 2018", "Mục tiêu năm 2019", "Thực hiện"];
    const rows = [...FIELD1.slice(0, 6), [null, "Trang 2/3", null, null, null, null], header, ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"], ...FIELD1.slice(6)];
    const a = analyzeField1(rows);
    expect(a.body.repeatedHeaderRows).toEqual([7, 8]);
    expect(a.body.items.map((i) => i.code)).toEqual(FIELD1.map((r) => r[0]));
    expect(findingTable(a.findings)).toEqual(clean);
  });

  test("a code written at the start of the name cell, with the code cell empty", () => {
    const rows = FIELD1.map((r) => (r[0] === "1.4" || r[0] === "1.4.1" || r[0] === "1" ? [null, `${r[0]}. ${String(r[1])}`, ...r.slice(2)] : r));
    const a = analyzeField1(rows);
    expect(a.body.items.map((i) => i.code)).toEqual(FIELD1.map((r) => r[0]));
    expect(a.body.items.find((i) => i.code === "1.4")?.name).toBe("Công tác tuyên truyền CCHC");
    expect(findingTable(a.findings)).toEqual(clean);
  });

  test("a row with points is never dropped without a finding, whatever its code cell holds", () => {
    const a = analyzeField1([...FIELD1.slice(0, 3), ["x", "Ghi thêm của đơn vị", 0.5, 0.5, 0.5, null], ...FIELD1.slice(3)]);
    expect(findingTable(a.findings, ["orphan-row"])).toEqual([["orphan-row", null, "A5"]]);
  });
});

describe("bonus and penalty rows; roots", () => {
  const TOTAL_ROW = (max: number, score: number, target: number): V[] => [null, "TỔNG ĐIỂM", max, score, target, null];

  test("“Điểm thưởng” and “Điểm trừ” are not items, and the total reconciles as fields + bonus − penalty", () => {
    const a = analyzeField1([...FIELD1, [null, "Điểm thưởng (sáng kiến được công nhận)", 1, 1, 1, null], [null, "Điểm trừ", null, -0.5, null, null], TOTAL_ROW(9, 7.5, 10)]);
    expect(a.body.adjustments.map((x) => x.kind)).toEqual(["bonus", "penalty"]);
    expect(a.body.items).toHaveLength(FIELD1.length);
    expect(findingTable(a.findings)).toEqual([]);
  });

  test("a total that leaves the bonus out is a total mismatch", () => {
    const a = analyzeField1([...FIELD1, [null, "Điểm cộng", null, 1, null, null], TOTAL_ROW(9, 7, 9)]);
    expect(findingTable(a.findings, ["total-mismatch"])).toEqual([["total-mismatch", null, "D16"]]);
  });

  test("a deleted criterion's sub-criteria are not counted as fields in the total", () => {
    const rows = FIELD1.filter((r) => r[0] !== "1.3");
    const a = analyzeField1([...rows, TOTAL_ROW(9, 7, 9)]);
    expect(findingTable(a.findings, ["total-mismatch"])).toEqual([]);
    expect(findingTable(a.findings, ["missing-criterion"]).map((f) => f[1])).toEqual(["1.3"]);
  });
});

describe("numbers Excel turned into dates, and items not assessed", () => {
  const dateCell = (text: string): V => ({ kind: "text", value: text, text, numberFormat: "dd/mm/yyyy" }) as V;

  test("a score shown as 01/05/2026 under a date format: Excel converted 1.5, and the finding says so", () => {
    const a = analyzeField1(field1With(["1.4.1", 3, dateCell("01/05/2026")]));
    const f = a.findings.find((x) => x.rule === "not-a-number");
    expect(f).toMatchObject({ code: "1.4.1", messageKey: "finding.not-a-number.date", expected: 1.5 });
    expect(renderFinding(translator("vi"), f!)).toContain("Excel đã tự đổi số vừa gõ thành ngày tháng. Có lẽ ô này là 1,5 điểm");
  });

  test("the same text without a date format is an ordinary not-a-number", () => {
    const a = analyzeField1(field1With(["1.4.1", 3, "01/05/2026"]));
    expect(a.findings.find((x) => x.rule === "not-a-number")?.messageKey).toBe("finding.not-a-number");
  });

  test.each(["Không đánh giá", "KĐG", "Không áp dụng", "không chấm điểm", "N/A"])("%j: no not-a-number, no blank-score, no sum to reconcile", (mark) => {
    const rows = field1With(["1.3", 3, mark], ["1.3.1", 3, mark], ["1.3.2", 3, mark], ["1", 3, 6]);
    const a = analyzeField1(rows);
    expect(a.body.items.find((i) => i.code === "1.3.1")?.points.get(3)).toEqual({ kind: "not-assessed", text: mark });
    // Said once, as an info, with the maximum reduced: 9 − 2 = 7.
    expect(findingTable(a.findings)).toEqual([["not-assessed", "1.3", "D7"]]);
    expect(a.findings[0]?.params).toMatchObject({ codes: "1.3", reduced: 2, remaining: 7, total: 9 });
  });

  test("dashes in every score and target cell of a whole criterion mean the same; the field's other criteria still add up", () => {
    const rows = field1With(["1.3", 3, "—"], ["1.3.1", 3, "-"], ["1.3.2", 3, "—"], ["1.3", 4, "—"], ["1.3.1", 4, "—"], ["1.3.2", 4, "—"], ["1", 3, 6], ["1", 4, 7]);
    const a = analyzeField1(rows);
    expect(findingTable(a.findings)).toEqual([["not-assessed", "1.3", "D7"]]);
    expect(explainAnalysis(translator("vi"), a)).toContain("không đánh giá 1.3: điểm tối đa còn 7/9");
    // A field score that still counts the criterion is found.
    expect(findingTable(analyzeField1(rows.map((r) => (r[0] === "1" ? [r[0], r[1], 9, 7, 7, null] : r))).findings)).toEqual([["not-assessed", "1.3", "D7"], ["sum-mismatch", "1", "D2"]]);
  });

  test("a dash in one leaf alone is a blank score, not “not assessed”", () => {
    const a = analyzeField1(field1With(["1.4.2", 3, "—"], ["1.4", 3, 0.5], ["1", 3, 6.5]));
    expect(findingTable(a.findings)).toEqual([["blank-score", "1.4.2", "D12"]]);
  });
});


describe("survey-scored leaves", () => {
  test("a leaf whose only value is in the “Điều tra XHH” column gets no blank-score", () => {
    const header: V[] = ["Stt", "Tiêu chí", "Điểm chuẩn", "Tự chấm năm 2018", "Điểm điều tra XHH năm 2018", "Mục tiêu năm 2019"];
    const rows: V[][] = FIELD1.map((r) => (r[0] === "1.4.1" ? [r[0], r[1], r[2], null, 0.5, r[4]] : [r[0], r[1], r[2], r[3], null, r[4]]));
    const g = grid([header, ...rows]);
    const a = recognized(analyze(g, { criteriaSets: [FIELD1_SET] }));
    expect(a.layout.scores.map((s) => s.kind)).toEqual(["self", "survey"]);
    expect(findingTable(a.findings, ["blank-score"])).toEqual([]);
    // A leaf blank everywhere is still said.
    const b = recognized(analyze(grid([header, ...rows.map((r) => (r[0] === "1.4.2" ? [r[0], r[1], r[2], null, null, r[5]] : r))]), { criteriaSets: [FIELD1_SET] }));
    expect(findingTable(b.findings, ["blank-score"])).toEqual([["blank-score", "1.4.2", "D12"]]);
  });
});

describe("lettered parts under a sub-criterion", () => {
  const withParts = (a: number, b: number): V[][] => {
    const i = FIELD1.findIndex((r) => r[0] === "1.3.1");
    return [...FIELD1.slice(0, i + 1), [null, "a) Kiểm tra cấp tỉnh", 0.5, a, 0.5, null], [null, "b) Kiểm tra cấp huyện", 0.5, b, 0.5, null], ...FIELD1.slice(i + 1)];
  };

  test("parts that add up to their sub-criterion give no finding, and are not criteria", () => {
    const a = analyzeField1(withParts(0.5, 0.5));
    expect(a.body.items).toHaveLength(FIELD1.length);
    expect(a.body.parts.map((p) => p.label)).toEqual(["a) Kiểm tra cấp tỉnh", "b) Kiểm tra cấp huyện"]);
    expect(findingTable(a.findings)).toEqual([]);
  });

  test("parts that do not add up are a finding of their own, on the sub-criterion's cell", () => {
    const a = analyzeField1(withParts(0.5, 0.25));
    expect(findingTable(a.findings)).toEqual([["part-sum-mismatch", "1.3.1", "D8"]]);
    expect(renderFinding(translator("vi"), a.findings[0]!)).toBe("1.3.1: cột “Điểm đạt được năm 2018” ghi 1, nhưng các ý a) Kiểm tra cấp tỉnh, b) Kiểm tra cấp huyện cộng lại là 0,75.");
  });
});

describe("score columns that cannot be told apart", () => {
  test("two “2018” score columns without a kind: a finding naming the column the below-target list uses", () => {
    const header: V[] = ["Stt", "Tiêu chí", "Điểm chuẩn", "Điểm năm 2018", "Điểm năm 2018", "Mục tiêu năm 2019"];
    const rows: V[][] = FIELD1.map((r) => [r[0], r[1], r[2], r[3], r[3], r[4]]);
    const a = recognized(analyze(grid([header, ...rows]), { criteriaSets: [FIELD1_SET] }));
    expect(findingTable(a.findings)).toEqual([["ambiguous-columns", null, "D1"]]);
    expect(renderFinding(translator("vi"), a.findings[0]!)).toContain("danh sách dưới mục tiêu đang dùng cột D");
  });

  test("“Tự chấm” and “Thẩm định” of the same year are told apart: no finding", () => {
    const header: V[] = ["Stt", "Tiêu chí", "Điểm chuẩn", "Tự chấm năm 2018", "Thẩm định năm 2018", "Mục tiêu năm 2019"];
    const rows: V[][] = FIELD1.map((r) => [r[0], r[1], r[2], r[3], r[3], r[4]]);
    const a = recognized(analyze(grid([header, ...rows]), { criteriaSets: [FIELD1_SET] }));
    expect(findingTable(a.findings)).toEqual([]);
  });
});

describe("a column with points whose header names no role", () => {
  // Field 1 with a seventh column: its header, and what each row holds there.
  const withColumn = (header: V, value: (row: V[], i: number) => V): V[][] => [
    ["Stt", "Tiêu chí", "Điểm chuẩn", "Điểm đạt được năm 2018", "Mục tiêu năm 2019", "Thực hiện", header],
    ...FIELD1.map((r, i) => [...r, value(r, i)]),
  ];

  test("“Năm 2020” alone: a warning on its header cell, with the count, an example and how to choose it", () => {
    const a = recognized(analyze(grid(withColumn("Năm 2020", (r) => r[3])), { criteriaSets: [FIELD1_SET] }));
    expect(findingTable(a.findings)).toEqual([["unread-column", null, "G1"]]);
    expect(renderFinding(translator("vi"), a.findings[0]!)).toBe(
      "Cột G (“Năm 2020”) có số ở 13 dòng tiêu chí (ví dụ G2: 7) nhưng tiêu đề không cho biết đó là điểm hay mục tiêu, nên các số này không được kiểm tra. Nếu đó là cột điểm, chọn nó bằng --score-column G hoặc trong ngăn tác vụ.",
    );
    // Chosen as the score column, it is read and checked like any other.
    const chosen = recognized(analyze(grid(withColumn("Năm 2020", (r) => r[3])), { criteriaSets: [FIELD1_SET], scoreColumn: 6 }));
    expect(findingTable(chosen.findings)).toEqual([]);
    expect(chosen.layout.scores.map((s) => s.col)).toContain(6);
  });

  test("numbers typed as text count; an empty header has its own message", () => {
    const a = recognized(analyze(grid(withColumn(null, (r) => String(r[3]).replace(".", ","))), { criteriaSets: [FIELD1_SET] }));
    expect(findingTable(a.findings)).toEqual([["unread-column", null, "G1"]]);
    expect(renderFinding(translator("vi"), a.findings[0]!)).toContain("Cột G không có tiêu đề nhưng có số ở 13 dòng tiêu chí");
  });

  test("a running count, a few stray numbers, words, and a second code column are not points", () => {
    for (const [header, value] of [
      ["", (_: V[], i: number) => i + 1],
      ["Năm 2020", (_: V[], i: number) => (i < 2 ? 5 : null)],
      ["Ghi chú", (r: V[]) => r[3]],
      ["Mã", (r: V[]) => r[0]],
      ["Minh chứng", () => "Văn bản số 12/UBND"],
    ] as Array<[V, (r: V[], i: number) => V]>) {
      const a = recognized(analyze(grid(withColumn(header, value)), { criteriaSets: [FIELD1_SET] }));
      expect([header, findingTable(a.findings)]).toEqual([header, []]);
    }
  });
});

describe("sub-criteria lettered in the code column under their criterion", () => {
  // Field 1 with its sub-criteria written a, b (Vietnamese lists: a, b, c, d, đ, e …).
  const letteredRows = (): V[][] =>
    FIELD1.map((r) => {
      const p = String(r[0]).split(".");
      return p.length === 3 ? [String.fromCharCode(96 + Number(p[2])), ...r.slice(1)] : r;
    });

  test("read as 1.1.1, 1.1.2 …, with the sheet's letter as label: the set matches and nothing is missing", () => {
    const a = recognized(analyze(grid([["Stt", "Tiêu chí", "Điểm chuẩn", "Điểm đạt được năm 2018", "Mục tiêu năm 2019", "Thực hiện"], ...letteredRows()]), { criteriaSets: [FIELD1_SET] }));
    expect(a.body.items.map((i) => [i.code, i.label])).toEqual(FIELD1.map((r) => [r[0], String(r[0]).split(".").length === 3 ? String.fromCharCode(96 + Number(String(r[0]).split(".")[2])) : r[0]]));
    expect(findingTable(a.findings)).toEqual([]);
  });

  test("a letter that does not continue the list, or one under a sub-criterion, is not a sub-criterion", () => {
    const i = FIELD1.findIndex((r) => r[0] === "1.3.1");
    const underSub: V[][] = [...FIELD1.slice(0, i + 1), ["a)", "Kiểm tra cấp tỉnh", 0.5, 0.5, 0.5, null], ["b)", "Kiểm tra cấp huyện", 0.5, 0.5, 0.5, null], ...FIELD1.slice(i + 1)];
    const s = recognized(analyze(grid([["Stt", "Tiêu chí", "Điểm chuẩn", "Điểm đạt được năm 2018", "Mục tiêu năm 2019", "Thực hiện"], ...underSub]), { criteriaSets: [FIELD1_SET] }));
    expect(s.body.parts.map((p) => p.label)).toEqual(["a)", "b)"]);
    expect(s.body.items).toHaveLength(FIELD1.length);
    const j = FIELD1.findIndex((r) => r[0] === "1.2");
    const skipped: V[][] = [...FIELD1.slice(0, j + 1), ["a", "Báo cáo quý", 1, 1, 1, null], ["c", "Báo cáo năm", 0.75, 0.75, 0.75, null], ...FIELD1.slice(j + 1)];
    const k = recognized(analyze(grid([["Stt", "Tiêu chí", "Điểm chuẩn", "Điểm đạt được năm 2018", "Mục tiêu năm 2019", "Thực hiện"], ...skipped]), { criteriaSets: [] }));
    expect(k.body.items.map((x) => x.code)).toContain("1.2.1");
    expect(k.body.items.map((x) => x.code)).not.toContain("1.2.2");
    expect(k.body.orphanRows).toEqual([j + 3]);
  });
});

test("letters under a criterion the criteria set gives no sub-criteria are its scoring rules (parts), not sub-criteria", () => {
  const j = FIELD1.findIndex((r) => r[0] === "1.2");
  // 1.2 has no sub-criteria in the set: "a", "b" under it are the ways to earn its 1,75 points.
  const rows: V[][] = [...FIELD1.slice(0, j + 1), ["a", "Báo cáo đúng hạn", 1, 1, 1, null], ["b", "Báo cáo đủ nội dung", 0.75, 0.75, 0.75, null], ...FIELD1.slice(j + 1)];
  const header: V[] = ["Stt", "Tiêu chí", "Điểm chuẩn", "Điểm đạt được năm 2018", "Mục tiêu năm 2019", "Thực hiện"];
  const withSet = recognized(analyze(grid([header, ...rows]), { criteriaSets: [FIELD1_SET] }));
  expect(withSet.body.items.map((i) => i.code)).toEqual(FIELD1.map((r) => r[0]));
  expect(withSet.body.parts.map((p) => [p.label, withSet.body.items[p.item]?.code])).toEqual([["a) Báo cáo đúng hạn", "1.2"], ["b) Báo cáo đủ nội dung", "1.2"]]);
  expect(findingTable(withSet.findings)).toEqual([]);
  // Without a set nothing says so: they are read as 1.2.1, 1.2.2.
  const without = recognized(analyze(grid([header, ...rows]), { criteriaSets: [] }));
  expect(without.body.items.map((i) => i.code)).toContain("1.2.2");
});
