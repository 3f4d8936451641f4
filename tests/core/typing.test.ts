/**
 * Issue 7 §1 and §3, the part done so far: invisible and look-alike characters, and the punctuation people type
 * around codes. One normalisation (core/text normalizeText) serves codes, names, numbers and headers; a damage test
 * plants random combinations into the Hà Nam appendix and asserts the findings are exactly the clean file's.
 */
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
  const key = (g: Grid): string[] =>
    recognized(analyze(g))
      .findings.map((f) => `${f.rule} ${f.code ?? ""} ${f.cell ? `${f.cell.row}:${f.cell.col}` : ""}`)
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
    const rows = clean.rows.map((row, i) =>
      row.map((cell, j): Cell | undefined => {
        if (!cell || cell.kind !== "text" || i < 5 || r() > 0.3) return cell;
        let t = String(cell.value);
        if (j === 0 && /^\d+(\.\d+)+$/.test(t) && r() < 0.5) t = pick(AROUND)(t);
        else if (r() < 0.5) t = `${t.slice(0, 1)}${pick(INVISIBLES)}${t.slice(1)}`;
        else t = `${pick(SPACES)}${t}${pick(INVISIBLES)}`;
        return { ...cell, value: t, text: t };
      }),
    );
    return { ...clean, rows };
  }

  test("the baseline has the Hà Nam findings", () => {
    expect(baseline.length).toBeGreaterThan(80);
  });

  test("200 seeded combinations give exactly the clean file's findings", () => {
    for (let seed = 1; seed <= 200; seed++) expect([seed, key(damaged(seed))]).toEqual([seed, baseline]);
  });
});
