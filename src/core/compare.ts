/**
 * Comparing two score columns of one appendix ("Tự chấm" against "Thẩm định"), or the same column of two appendices
 * (this year against last), aligned by official code. Parents are recomputed from their leaves on both sides, so a
 * parent whose written sum is wrong does not hide where the points really moved.
 */
import type { RecognizedSheet } from "./analyze";
import type { Item } from "./body";

export interface ComparedItem {
  readonly code: string;
  readonly name: string;
  readonly depth: number;
  /** Max points (of side A, else side B), null when neither states one. */
  readonly max: number | null;
  /** The value on each side: the number written for a leaf, the sum of its leaves for a parent; null when absent. */
  readonly a: number | null;
  readonly b: number | null;
  /** b − a, null when either side is absent. */
  readonly diff: number | null;
  /** 0-based rows on each side (null: the item is not on that side). */
  readonly rowA: number | null;
  readonly rowB: number | null;
  readonly leaf: boolean;
}

export interface Comparison {
  readonly items: ReadonlyArray<ComparedItem>;
  /** Sum of the fields on each side (the total as recomputed from leaves). */
  readonly totalA: number;
  readonly totalB: number;
  /** Codes only on side A, only on side B. */
  readonly onlyA: ReadonlyArray<string>;
  readonly onlyB: ReadonlyArray<string>;
  /** Leaves whose values differ, the largest difference first (then in sheet order). */
  readonly largest: ReadonlyArray<ComparedItem>;
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

/** Each item's value in `col`: a leaf's number, a parent's sum of its leaves (null when no leaf has one). */
function values(items: ReadonlyArray<Item>, col: number): { value: Map<string, number | null>; leaf: Set<string> } {
  const value = new Map<string, number | null>();
  const leaf = new Set<string>();
  // Children are the items that follow, deeper, until an item at the same depth or above.
  const sum = (i: number): number | null => {
    const it = items[i]!;
    let j = i + 1;
    let total: number | null = null;
    let hasChild = false;
    while (j < items.length && items[j]!.depth > it.depth) {
      if (items[j]!.depth === it.depth + 1) {
        hasChild = true;
        const v = value.get(items[j]!.code) ?? null;
        if (v !== null) total = (total ?? 0) + v;
      }
      j++;
    }
    if (hasChild) return total === null ? null : round(total);
    leaf.add(it.code);
    const p = it.points.get(col);
    return p?.kind === "number" ? p.value : null;
  };
  // Deepest first, so that a parent's children are known when it is summed.
  const order = items.map((_, i) => i).sort((x, y) => items[y]!.depth - items[x]!.depth);
  for (const i of order) value.set(items[i]!.code, sum(i));
  return { value, leaf };
}

function compare(a: RecognizedSheet, colA: number, b: RecognizedSheet, colB: number): Comparison {
  const va = values(a.body.items, colA);
  const vb = values(b.body.items, colB);
  const byCodeB = new Map(b.body.items.map((it) => [it.code, it] as const));
  const codesA = new Set(a.body.items.map((it) => it.code));
  const maxOf = (s: RecognizedSheet, it: Item | undefined): number | null => {
    const p = it && s.layout.max !== null ? it.points.get(s.layout.max) : undefined;
    return p?.kind === "number" ? p.value : null;
  };
  const make = (itA: Item | undefined, itB: Item | undefined): ComparedItem => {
    const code = (itA ?? itB)!.code;
    const x = itA ? (va.value.get(code) ?? null) : null;
    const y = itB ? (vb.value.get(code) ?? null) : null;
    return {
      code,
      name: (itA ?? itB)!.name,
      depth: (itA ?? itB)!.depth,
      max: maxOf(a, itA) ?? maxOf(b, itB),
      a: x,
      b: y,
      diff: x !== null && y !== null ? round(y - x) : null,
      rowA: itA?.row ?? null,
      rowB: itB?.row ?? null,
      leaf: itA ? va.leaf.has(code) : vb.leaf.has(code),
    };
  };
  const items: ComparedItem[] = a.body.items.map((it) => make(it, byCodeB.get(it.code)));
  for (const it of b.body.items) if (!codesA.has(it.code)) items.push(make(undefined, it));
  const roots = (s: RecognizedSheet, v: Map<string, number | null>): number => {
    const top = Math.min(...s.body.items.map((it) => it.depth));
    return round(s.body.items.filter((it) => it.depth === top).reduce((t, it) => t + (v.get(it.code) ?? 0), 0));
  };
  const largest = items
    .filter((it) => it.leaf && it.diff !== null && it.diff !== 0)
    .map((it, i) => ({ it, i }))
    .sort((p, q) => Math.abs(q.it.diff!) - Math.abs(p.it.diff!) || p.i - q.i)
    .map((p) => p.it);
  return {
    items,
    totalA: roots(a, va.value),
    totalB: roots(b, vb.value),
    onlyA: a.body.items.filter((it) => !byCodeB.has(it.code)).map((it) => it.code),
    onlyB: b.body.items.filter((it) => !codesA.has(it.code)).map((it) => it.code),
    largest,
  };
}

/** Two score columns of one appendix (0-based columns), e.g. self-assessed against appraised. */
export function compareColumns(s: RecognizedSheet, colA: number, colB: number): Comparison {
  return compare(s, colA, s, colB);
}

/** The same kind of score in two appendices, aligned by official code (columns 0-based, one per appendix). */
export function compareAppendices(a: RecognizedSheet, colA: number, b: RecognizedSheet, colB: number): Comparison {
  return compare(a, colA, b, colB);
}
