import type { Cell } from "./grid";
import { normalizeText } from "./text";

/**
 * What a point cell holds, read the way a Sở Nội vụ reviewer reads it: numeric cells, and text pasted from Word
 * with a decimal comma or point and stray spaces ("1,5", "0.25", "87, 99").
 */
export type PointValue =
  /** An empty cell, or a dash typed for "nothing here" (`mark`). */
  | { readonly kind: "blank"; readonly mark?: string }
  | { readonly kind: "number"; readonly value: number; readonly fromText: boolean; readonly formula?: string }
  /** Text that is not a number ("đạt", "x", "95%"). */
  | { readonly kind: "not-a-number"; readonly text: string }
  /** "Không đánh giá", "KĐG", "Không áp dụng": the unit is not assessed on this item; not a number, not an error. */
  | { readonly kind: "not-assessed"; readonly text: string }
  /** #REF!, #DIV/0! and the like. */
  | { readonly kind: "error"; readonly text: string; readonly formula?: string }
  /** A formula whose result was never computed (a file written by a program that does not calculate). */
  | { readonly kind: "no-result"; readonly formula: string };

/** What a unit writes for an item it is not assessed on. */
const NOT_ASSESSED = /^(kh[ôo]ng\s+(đánh\s+giá|chấm(\s+điểm)?|áp\s+dụng|thực\s+hiện\s+đánh\s+giá)|kđg|kdg|kad|n\/a|na)\.?$/iu;

/** Dashes that reviewers type for "nothing here"; read as blank rather than as text in a number cell. */
const BLANK_MARKS = new Set(["-", "–", "—", "_", "..."]);

/**
 * Parse number text with either decimal separator. Points never reach a thousand, so a single separator is a
 * decimal one ("97,685" is 97.685); with both, the last one is the decimal separator ("1.234,5").
 */
export function parseNumberText(raw: string): number | undefined {
  // Dashes typed as a minus sign ("– 0,5") count as one; the rest of the clean-up is the one normalisation.
  const s = normalizeText(raw).replace(/\s+/g, "").replace(/^[\u2010-\u2015](?=[\d.,])/, "-");
  if (s === "") return undefined;
  const m = /^([+-]?)(\d*)(?:([.,])(\d*))?(?:([.,])(\d+))?$/.exec(s);
  if (!m) return undefined;
  const [, sign = "", a = "", sep1, b = "", sep2, c = ""] = m;
  let text: string;
  if (sep2 !== undefined) {
    if (sep1 === sep2) {
      // "1.234.567" (thousands only) is not a point value; "1,2,3" is not a number.
      return undefined;
    }
    text = `${a}${b}.${c}`;
  } else if (sep1 !== undefined) {
    if (a === "" && b === "") return undefined;
    text = `${a === "" ? "0" : a}.${b === "" ? "0" : b}`;
  } else {
    if (a === "") return undefined;
    text = a;
  }
  const n = Number(`${sign}${text}`);
  return Number.isFinite(n) ? n : undefined;
}

/** A number followed by the word for points: "0,5 điểm", "1 đ", "2đ." (the number is group 1). */
const WITH_UNIT = /^([+-]?[\d.,\s]*\d)\s*(?:điểm|đ)\.?$/iu;

export function readPoint(cell: Cell): PointValue {
  switch (cell.kind) {
    case "number":
      return cell.formula !== undefined
        ? { kind: "number", value: cell.value as number, fromText: false, formula: cell.formula }
        : { kind: "number", value: cell.value as number, fromText: false };
    case "error":
      return cell.formula !== undefined
        ? { kind: "error", text: String(cell.value), formula: cell.formula }
        : { kind: "error", text: String(cell.value) };
    case "boolean":
      return { kind: "not-a-number", text: cell.text || String(cell.value) };
    case "empty":
      return cell.formula !== undefined ? { kind: "no-result", formula: cell.formula } : { kind: "blank" };
    case "text": {
      const text = String(cell.value);
      const trimmed = normalizeText(text).trim();
      if (trimmed === "") return { kind: "blank" };
      if (BLANK_MARKS.has(trimmed)) return { kind: "blank", mark: trimmed };
      if (NOT_ASSESSED.test(trimmed)) return { kind: "not-assessed", text: trimmed };
      // "0,5 điểm", "1đ": the number with its unit, typed as text (read as the number; SUM skips it all the same).
      const n = parseNumberText(trimmed) ?? parseNumberText(WITH_UNIT.exec(trimmed)?.[1] ?? "");
      if (n === undefined) return { kind: "not-a-number", text: trimmed };
      return { kind: "number", value: n, fromText: true };
    }
  }
}

/**
 * A score written as a percentage of the item's maximum: text "75%", "75,5 %", or a number cell formatted as a
 * percentage (0.75 shown as 75%). The percentage, or undefined.
 */
export function percentIn(cell: Cell): number | undefined {
  if (cell.kind === "number") return /%\s*$/.test(cell.text) ? roundPoints((cell.value as number) * 100, 6) : undefined;
  if (cell.kind !== "text") return undefined;
  const t = normalizeText(String(cell.value)).trim();
  if (!t.endsWith("%") && !t.endsWith("％")) return undefined;
  const n = parseNumberText(t.slice(0, -1));
  return n !== undefined && n >= 0 && n <= 1000 ? n : undefined;
}

export function numberOf(p: PointValue): number | undefined {
  return p.kind === "number" ? p.value : undefined;
}

/** Half a unit of the 4th decimal: 0.00005, the tolerance for sums of points. */
export const POINT_TOLERANCE = 0.00005;

export function samePoints(a: number, b: number): boolean {
  return Math.abs(a - b) <= POINT_TOLERANCE + 1e-12;
}

/** Sum that avoids binary drift for point values (at most 6 decimals in practice). */
export function sumPoints(values: ReadonlyArray<number>): number {
  let total = 0;
  for (const v of values) total += Math.round(v * 1e9);
  return total / 1e9;
}

export function roundPoints(n: number, digits = 5): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
