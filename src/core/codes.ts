import type { Cell } from "./grid";
import { cleanText } from "./text";

/** A code as written in the code column, before it is mapped to the official code. */
export type WrittenCode =
  | { readonly kind: "roman"; readonly value: number; readonly text: string }
  | { readonly kind: "dotted"; readonly parts: ReadonlyArray<number>; readonly trailingDot: boolean; readonly text: string }
  /** Bullets and letters under an item ("a)", "-", "+"): explanation rows, never criteria. */
  | { readonly kind: "bullet"; readonly text: string }
  | { readonly kind: "none" }
  /** Anything else that is not a code (a long text, "TỔNG ĐIỂM", a note). */
  | { readonly kind: "text"; readonly text: string };

const ROMAN = /^(?=[IVXLC])(C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/;
const ROMAN_VALUES: Readonly<Record<string, number>> = { I: 1, V: 5, X: 10, L: 50, C: 100 };

export function romanValue(s: string): number | undefined {
  if (!ROMAN.test(s)) return undefined;
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN_VALUES[s[i] ?? ""] ?? 0;
    const next = ROMAN_VALUES[s[i + 1] ?? ""] ?? 0;
    total += v < next ? -v : v;
  }
  return total > 0 ? total : undefined;
}

/**
 * The text of a code cell as Excel shows it. A code typed as 1.1 is often stored as the number 1.1; its display
 * text is what the author meant, and a Vietnamese-locale Excel shows it with a decimal comma ("1,1").
 */
export function codeTextOf(cell: Cell): string {
  if (cell.kind === "number") return (cell.text || String(cell.value)).trim().replace(",", ".");
  if (cell.kind === "text") return cleanText(String(cell.value));
  return "";
}

/**
 * Punctuation people type around a code: "(1.1.1)", "1.1.1)", "1.1.1-", "1.1.1:", "II.", "III-", "(II)". Only the
 * trailing dot is remembered (a numbering style of its own); the rest is dropped.
 */
const AROUND_CODE = /^\(\s*(.*?)\s*\)$|^(.*?)\s*([.):\-–—])$/u;

/** The highest field number read from a roman numeral (XXX). */
const MAX_ROMAN_FIELD = 30;

export function parseWrittenCode(text: string): WrittenCode {
  const t = text.trim();
  if (t === "") return { kind: "none" };
  const around = AROUND_CODE.exec(t);
  const bare = around ? (around[1] ?? around[2] ?? t).replace(/[.]$/, "") : t;
  const trailingDot = around?.[3] === "." || (around?.[1] !== undefined && /\.$/.test(around[1]));
  const roman = /^([IVXLC]{1,7})$/.exec(bare);
  if (roman?.[1] !== undefined) {
    const value = romanValue(roman[1]);
    // Fields numbered in roman go to XX or so; a lone "C" (100) or "L" (50) is a letter, e.g. group C above its fields.
    if (value !== undefined && value <= MAX_ROMAN_FIELD) return { kind: "roman", value, text: t };
  }
  const dotted = /^(\d{1,3}(?:\s*\.\s*\d{1,3}){0,4})$/.exec(bare);
  if (dotted?.[1] !== undefined && bare !== "") {
    const parts = dotted[1].split(".").map((p) => Number(p.trim()));
    if (parts.every((p) => Number.isInteger(p) && p >= 0)) {
      return { kind: "dotted", parts, trailingDot, text: t };
    }
  }
  if (/^([a-zđ]\s*[).]|[-+•*–—·]|\(?[a-zđ]\))$/iu.test(t) || /^[-+•*–—·]\s/u.test(t)) return { kind: "bullet", text: t };
  return { kind: "text", text: t };
}

/** The items above `code` that `byCode` holds, the topmost first ("1", then "1.2" for "1.2.3"). */
export function ancestorsOf<T>(code: string, byCode: ReadonlyMap<string, T>): T[] {
  const out: T[] = [];
  for (let p = parentCode(code); p !== undefined; p = parentCode(p)) {
    const a = byCode.get(p);
    if (a !== undefined) out.unshift(a);
  }
  return out;
}

/** "1.2.3" → "1.2"; "1" → undefined. */
export function parentCode(code: string): string | undefined {
  const i = code.lastIndexOf(".");
  return i < 0 ? undefined : code.slice(0, i);
}

export function codeDepth(code: string): number {
  return code.split(".").length;
}

/** Sort key so that 1.2 < 1.10 < 2. */
export function compareCodes(a: string, b: string): number {
  // Hot path (sorting 54,000 items below target ties on their gap): codes of digits and dots compare in place, with
  // no arrays; anything else, or a segment too long for exact integers, takes the general path.
  let i = 0;
  let j = 0;
  for (;;) {
    const aHas = i <= a.length;
    const bHas = j <= b.length;
    if (!aHas) return bHas ? -1 : 0;
    if (!bHas) return 1;
    let x = 0;
    const i0 = i;
    for (let c = a.charCodeAt(i); i < a.length && c !== 0x2e; c = a.charCodeAt(++i)) {
      if (c < 0x30 || c > 0x39) return compareCodesSplit(a, b);
      x = x * 10 + (c - 0x30);
    }
    let y = 0;
    const j0 = j;
    for (let c = b.charCodeAt(j); j < b.length && c !== 0x2e; c = b.charCodeAt(++j)) {
      if (c < 0x30 || c > 0x39) return compareCodesSplit(a, b);
      y = y * 10 + (c - 0x30);
    }
    if (i - i0 > 15 || j - j0 > 15) return compareCodesSplit(a, b);
    if (x !== y) return x - y;
    i++;
    j++;
  }
}

/** compareCodes by its definition: dot-separated segments as numbers, a missing segment first. */
export function compareCodesSplit(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  const n = Math.max(pa.length, pb.length);
  for (let i = 0; i < n; i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x !== y) return x - y;
  }
  return 0;
}
