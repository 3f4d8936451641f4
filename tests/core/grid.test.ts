import { columnIndex, parseA1 } from "../../src/core/grid";

/** The definitions the in-place parsers replace. */
function columnIndexByRegex(letters: string): number | undefined {
  const m = /^[A-Za-z]{1,3}$/.exec(letters.trim());
  if (!m) return undefined;
  let n = 0;
  for (const ch of letters.trim().toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}
function parseA1ByRegex(ref: string): { rowIndex: number; colIndex: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref.trim());
  if (!m || m[1] === undefined || m[2] === undefined) return undefined;
  const colIndex = columnIndexByRegex(m[1]);
  const row = Number(m[2]);
  if (colIndex === undefined || row < 1) return undefined;
  return { rowIndex: row - 1, colIndex };
}

test("parseA1 and columnIndex agree with their regular-expression definitions", () => {
  const fixed = ["A1", "a1", "$A$1", "A$1", "$A1", "XFD1048576", "ZZZ9999999", "AAAA1", "A0", "A00", "A01", " B12 ", "B12 x", "1A", "", "$", "$$A1", "A$$1", "@1", "[1", "`1", "{1", "Ä1", "A1.5", "A-1", "A12345678", "ＡＢ1", "\u00a0C3\u00a0", "A", "12"];
  let seed = 5;
  const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
  const alphabet = "AZaz$09@[`{ \u00c4Ｚ.";
  const random = Array.from({ length: 5000 }, () => Array.from({ length: rnd(10) }, () => alphabet[rnd(alphabet.length)] ?? "").join(""));
  for (const s of [...fixed, ...random]) {
    expect([s, parseA1(s)]).toEqual([s, parseA1ByRegex(s)]);
    expect([s, columnIndex(s)]).toEqual([s, columnIndexByRegex(s)]);
  }
  expect(parseA1("XFD1048576")).toEqual({ rowIndex: 1_048_575, colIndex: 16_383 });
});
