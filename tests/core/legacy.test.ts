/**
 * Issue 7 §1: TCVN3 and VNI decoded with complete tables, proven on every Vietnamese letter with every tone, in
 * both cases, and on the seeds' own examples; detection never touches Unicode text.
 */
import { decodeLegacy, decodeTcvn3, decodeVni, detectLegacy, encodeLegacy, VIETNAMESE_LETTERS } from "../../src/core/legacy";

describe("complete tables", () => {
  test("there are 146 letters: 12 vowels × 6 tones and đ, in both cases", () => {
    expect(VIETNAMESE_LETTERS).toHaveLength(146);
    expect(new Set(VIETNAMESE_LETTERS).size).toBe(146);
  });

  test.each(VIETNAMESE_LETTERS)("VNI round trip of %s", (letter) => {
    const encoded = encodeLegacy(letter, "vni");
    // í and ì (Í, Ì) are the same characters in VNI; every other non-ASCII letter is written differently.
    if (/[^a-zA-ZíìÍÌ]/.test(letter)) expect(encoded).not.toBe(letter);
    expect(decodeVni(encoded)).toBe(letter);
  });

  test.each(VIETNAMESE_LETTERS.filter((l) => l === l.toLowerCase()))("TCVN3 round trip of %s (and its upper case through a .VnTimeH font)", (letter) => {
    const encoded = encodeLegacy(letter, "tcvn3");
    expect([...encoded]).toHaveLength(1);
    expect(decodeTcvn3(encoded)).toBe(letter);
    expect(decodeTcvn3(encoded, true)).toBe(letter.toUpperCase());
  });

  test("TCVN3's own upper-case letters: Ă Â Ê Ô Ơ Ư Đ", () => {
    expect(decodeTcvn3("\u00a1\u00a2\u00a3\u00a4\u00a5\u00a6\u00a7")).toBe("ĂÂÊÔƠƯĐ");
  });

  test("every letter in a word, both encodings", () => {
    const all = VIETNAMESE_LETTERS.join(" ");
    expect(decodeVni(encodeLegacy(all, "vni"))).toBe(all);
    const lower = VIETNAMESE_LETTERS.filter((l) => l === l.toLowerCase()).join(" ");
    expect(decodeTcvn3(encodeLegacy(lower, "tcvn3"))).toBe(lower);
  });
});

describe("the examples staff really send", () => {
  test.each([
    ["§iÓm chuÈn", "tcvn3", "Điểm chuẩn"],
    ["C¶i c¸ch thñ tôc hµnh chÝnh", "tcvn3", "Cải cách thủ tục hành chính"],
    ["C«ng t¸c chØ ®¹o, ®iÒu hµnh CCHC", "tcvn3", "Công tác chỉ đạo, điều hành CCHC"],
    ["Ñieåm chuaån", "vni", "Điểm chuẩn"],
    ["Caûi caùch thuû tuïc haønh chính", "vni", "Cải cách thủ tục hành chính"],
    ["Coâng taùc chæ ñaïo, ñieàu haønh", "vni", "Công tác chỉ đạo, điều hành"],
  ])("%j is %s: %j", (text, encoding, unicode) => {
    expect(detectLegacy(text)).toBe(encoding);
    expect(decodeLegacy(text, encoding as "tcvn3" | "vni")).toBe(unicode);
  });

  test("the font tells, even where the characters would not", () => {
    expect(detectLegacy("Tæng", ".VnTime")).toBe("tcvn3");
    expect(detectLegacy("Toång", "VNI-Times")).toBe("vni");
    expect(decodeLegacy("tæng ®iÓm", "tcvn3", ".VnTimeH")).toBe("TỔNG ĐIỂM");
  });

  test.each([
    "Điểm chuẩn",
    "Cải cách thủ tục hành chính",
    "Hoà Bình",
    "«Tên»",
    "· gạch đầu dòng",
    "Tên",
    "Mã",
    "Café crème",
    "Stt",
    "1.1.1",
  ])("Unicode or plain text is never taken for a legacy encoding: %j", (text) => {
    expect(detectLegacy(text)).toBeUndefined();
  });
});

import type { Cell, Grid } from "../../src/core/grid";
import { analyze, fixtureGrids, recognized } from "../helpers";
import { renderFinding, translator } from "../../src/i18n";
import "../../src/i18n/languages";

describe("a whole appendix typed in TCVN3 or VNI is checked as usual, and the user is told", () => {
  let clean: Grid;
  const key = (g: Grid): string[] =>
    recognized(analyze(g))
      .findings.filter((f) => f.rule !== "legacy-encoding")
      .map((f) => `${f.rule} ${f.code ?? ""} ${f.row ?? ""}:${f.col ?? ""}`)
      .sort();
  const encoded = (encoding: "tcvn3" | "vni", font?: string): Grid => ({
    ...clean,
    rows: clean.rows.map((row) =>
      row.map((cell): Cell | undefined => {
        if (!cell || cell.kind !== "text") return cell;
        const t = encodeLegacy(String(cell.value), encoding);
        return { ...cell, value: t, text: t, ...(font !== undefined ? { font } : {}) };
      }),
    ),
  });

  beforeAll(async () => {
    clean = (await fixtureGrids("ha-nam-1800-2019.xlsx"))[0]!;
  });

  test.each([
    ["TCVN3 in a .VnTime font", "tcvn3", ".VnTime"],
    ["TCVN3 told by its characters alone", "tcvn3", undefined],
    ["VNI told by its characters alone", "vni", undefined],
    ["VNI in a VNI-Times font", "vni", "VNI-Times"],
  ] as const)("%s", (_, encoding, font) => {
    const g = encoded(encoding, font);
    const a = recognized(analyze(g));
    expect(key(g)).toEqual(key(clean));
    const info = a.findings.filter((f) => f.rule === "legacy-encoding");
    expect(info).toHaveLength(1);
    expect(Number(info[0]!.params["count"])).toBeGreaterThan(100);
    expect(renderFinding(translator("vi"), info[0]!)).toMatch(/ô được gõ bằng bảng mã cũ (TCVN3 \(ABC\)|VNI)/);
  });

  test("the clean Unicode appendix has no legacy-encoding finding", () => {
    expect(recognized(analyze(clean)).findings.filter((f) => f.rule === "legacy-encoding")).toEqual([]);
  });
});
