import { cellFromValue, type Cell } from "../../src/core/grid";
import { parseNumberText, readPoint, samePoints, sumPoints } from "../../src/core/numbers";

describe("parseNumberText reads points as reviewers write them", () => {
  test.each([
    ["1,5", 1.5],
    ["0,25", 0.25],
    ["97,685", 97.685],
    ["87, 99", 87.99],
    ["1.25", 1.25],
    [" 9 ", 9],
    ["-0,5", -0.5],
    [",5", 0.5],
    ["1.234,5", 1234.5],
    ["1,234.5", 1234.5],
    ["đạt", undefined],
    ["x", undefined],
    ["95%", undefined],
    ["1.2.3", undefined],
    ["", undefined],
  ])("%j → %p", (text, value) => {
    expect(parseNumberText(text)).toBe(value);
  });
});

const text = (s: string): Cell => ({ kind: "text", value: s, text: s });

describe("readPoint classifies a points cell", () => {
  test.each<[string, Cell, string]>([
    ["number", cellFromValue(1.25), "number"],
    ["text with decimal comma", text("1,5"), "number"],
    ["word", text("đạt"), "not-a-number"],
    ["dash means nothing", text("-"), "blank"],
    ["empty", cellFromValue(null), "blank"],
    ["error", cellFromValue("#REF!"), "error"],
    ["formula without result", { kind: "empty", value: null, text: "", formula: "=SUM(D5:D7)" }, "no-result"],
    ["boolean", cellFromValue(true), "not-a-number"],
  ])("%s → %s", (_, cell, kind) => {
    expect(readPoint(cell).kind).toBe(kind);
  });

  test("a number read from text says so", () => {
    expect(readPoint(text("0,75"))).toEqual({ kind: "number", value: 0.75, fromText: true });
  });

  test.each([
    ["0,5 điểm", 0.5],
    ["1đ", 1],
    ["2 Điểm", 2],
    ["1,25 đ.", 1.25],
  ])("a number with its unit, %j, is that number typed as text", (t, value) => {
    expect(readPoint(text(t))).toEqual({ kind: "number", value, fromText: true });
  });

  test.each(["điểm", "đạt", "0,5 điểm thưởng", "đ 0,5", "x đ"])("%j is not a number", (t) => {
    expect(readPoint(text(t)).kind).toBe("not-a-number");
  });
});

test("sums of points do not drift and compare within half a unit of the 4th decimal", () => {
  expect(sumPoints([0.1, 0.2])).toBe(0.3);
  expect(samePoints(2.1967, 2.19674)).toBe(true);
  expect(samePoints(2.1967, 2.196)).toBe(false);
  expect(samePoints(1, 1.00005)).toBe(true);
  expect(samePoints(1, 1.00006)).toBe(false);
});
