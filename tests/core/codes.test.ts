import { codeTextOf, compareCodes, compareCodesSplit, parseWrittenCode, romanValue } from "../../src/core/codes";
import type { Cell } from "../../src/core/grid";

describe("parseWrittenCode: every numbering style of the reference notes", () => {
  test.each([
    ["1", { kind: "dotted", parts: [1], trailingDot: false }],
    ["1.1", { kind: "dotted", parts: [1, 1], trailingDot: false }],
    ["1.1.1", { kind: "dotted", parts: [1, 1, 1], trailingDot: false }],
    ["1.", { kind: "dotted", parts: [1], trailingDot: true }],
    ["1.1.", { kind: "dotted", parts: [1, 1], trailingDot: true }],
    ["3.2.5.", { kind: "dotted", parts: [3, 2, 5], trailingDot: true }],
    ["1. 2", { kind: "dotted", parts: [1, 2], trailingDot: false }],
    ["I", { kind: "roman", value: 1 }],
    ["IV.", { kind: "roman", value: 4 }],
    ["VIII", { kind: "roman", value: 8 }],
    ["XX", { kind: "roman", value: 20 }],
    // A lone C (100) or L (50) is a letter (a group of fields), not a field number.
    ["C", { kind: "text" }],
    ["L", { kind: "text" }],
    ["a)", { kind: "bullet" }],
    ["-", { kind: "bullet" }],
    ["+", { kind: "bullet" }],
    ["TỔNG ĐIỂM", { kind: "text" }],
    ["", { kind: "none" }],
  ])("%j", (text, expected) => {
    expect(parseWrittenCode(text)).toMatchObject(expected);
  });
});

test.each([
  ["I", 1],
  ["IX", 9],
  ["XIV", 14],
  ["IIII", undefined],
])("romanValue(%s) = %p", (s, v) => {
  expect(romanValue(s)).toBe(v);
});

describe("codeTextOf reads what the cell shows", () => {
  test.each<[string, Cell, string]>([
    ["number shown 1.1", { kind: "number", value: 1.1, text: "1.1" }, "1.1"],
    ["number shown with a decimal comma (vi-VN Excel)", { kind: "number", value: 2.3, text: "2,3" }, "2.3"],
    ["number formatted 0.00 shows 1.10", { kind: "number", value: 1.1, text: "1.10", numberFormat: "0.00" }, "1.10"],
    ["text", { kind: "text", value: " 1.1.2 ", text: " 1.1.2 " }, "1.1.2"],
  ])("%s", (_, cell, text) => {
    expect(codeTextOf(cell)).toBe(text);
  });
});

test("compareCodes orders 1.2 < 1.10 < 2", () => {
  expect(["2", "1.10", "1.2", "1"].sort(compareCodes)).toEqual(["1", "1.2", "1.10", "2"]);
});

test("compareCodes (in place) agrees in sign with its definition on every kind of code", () => {
  const fixed = ["", ".", "1", "1.", ".1", "1..2", "01", "1.2", "1.10", "1.2.3", "10", "2", "0", "00.0", "1a", "a", "I.1", "1.2b", "9999999999999999", "99999999999999999.1", "1.2 ", " 1"];
  let seed = 7;
  const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
  const random = Array.from({ length: 300 }, () => Array.from({ length: 1 + rnd(4) }, () => (rnd(9) === 0 ? "" : String(rnd(3) === 0 ? rnd(1000) : rnd(12)))).join("."));
  const codes = [...fixed, ...random];
  for (const a of codes) for (const b of codes) expect([a, b, Math.sign(compareCodes(a, b))]).toEqual([a, b, Math.sign(compareCodesSplit(a, b))]);
});
