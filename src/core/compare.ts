/**
 * Comparing two score columns of one appendix ("Tự chấm" against "Thẩm định"), or the same column of two appendices
 * (this year against last), aligned by official code. Parents are recomputed from their leaves on both sides, so a
 * parent whose written sum is wrong does not hide where the points really moved.
 */
import type { RecognizedSheet } from "./analyze";
import type { Item } from "./body";
import { similarity } from "./text";

/** Names at least this similar (Dice over their words) pair two items whose codes differ between the two sides. */
export const NAME_PAIRING_THRESHOLD = 0.75;

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
  /** Max points on each side, when they are stated. */
  readonly maxA: number | null;
  readonly maxB: number | null;
  /** Side B's code, when the item was paired by name with a different code (criteria sets renumbered). */
  readonly codeB?: string;
  /** The names' similarity (0..1) of a pairing made by name. */
  readonly nameSimilarity?: number;
}

export interface Comparison {
  readonly items: ReadonlyArray<ComparedItem>;
  /** Sum of the fields on each side (the total as recomputed from leaves). */
  readonly totalA: number;
  readonly totalB: number;
  /** Codes only on side A, only on side B. */
  readonly onlyA: ReadonlyArray<string>;
  readonly onlyB: ReadonlyArray<string>;
  /** Leaves on both sides with a number on one side only (the other left blank, counted as 0 in the sums). */
  readonly scoredOnOneSide: ReadonlyArray<ComparedItem>;
  /** Leaves whose values differ, the largest difference first (then in sheet order). */
  readonly largest: ReadonlyArray<ComparedItem>;
  /** Items paired by name because their codes differ (each with its similarity): to be checked by a person. */
  readonly pairedByName: ReadonlyArray<ComparedItem>;
  /** Items whose max points differ between the two sides. */
  readonly maxChanged: ReadonlyArray<ComparedItem>;
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

import { recomputedValues } from "./recompute";

function compare(a: RecognizedSheet, colA: number, b: RecognizedSheet, colB: number): Comparison {
  const va = recomputedValues(a.body.items, colA);
  const vb = recomputedValues(b.body.items, colB);
  const byCodeB = new Map(b.body.items.map((it) => [it.code, it] as const));
  const codesA = new Set(a.body.items.map((it) => it.code));
  // Items whose code is on one side only are paired by name, at the same depth, best pairs first.
  const loneA = a === b ? [] : a.body.items.filter((it) => !byCodeB.has(it.code));
  const loneB = a === b ? [] : b.body.items.filter((it) => !codesA.has(it.code));
  const candidates = loneA
    .flatMap((x) => loneB.filter((y) => y.depth === x.depth).map((y) => ({ x, y, sim: similarity(x.name, y.name) })))
    .filter((p) => p.sim >= NAME_PAIRING_THRESHOLD)
    .sort((p, q) => q.sim - p.sim || p.x.row - q.x.row);
  const pairOfA = new Map<Item, { y: Item; sim: number }>();
  const pairedB = new Set<Item>();
  for (const p of candidates) {
    if (pairOfA.has(p.x) || pairedB.has(p.y)) continue;
    pairOfA.set(p.x, { y: p.y, sim: p.sim });
    pairedB.add(p.y);
  }
  const maxOf = (s: RecognizedSheet, it: Item | undefined): number | null => {
    const p = it && s.layout.max !== null ? it.points.get(s.layout.max) : undefined;
    return p?.kind === "number" ? p.value : null;
  };
  const make = (itA: Item | undefined, itB: Item | undefined, sim?: number): ComparedItem => {
    const code = (itA ?? itB)!.code;
    const x = itA ? (va.value.get(itA.code) ?? null) : null;
    const y = itB ? (vb.value.get(itB.code) ?? null) : null;
    const maxA = maxOf(a, itA);
    const maxB = maxOf(b, itB);
    return {
      code,
      name: (itA ?? itB)!.name,
      depth: (itA ?? itB)!.depth,
      max: maxA ?? maxB,
      a: x,
      b: y,
      diff: x !== null && y !== null ? round(y - x) : null,
      rowA: itA?.row ?? null,
      rowB: itB?.row ?? null,
      leaf: itA ? va.leaf.has(itA.code) : vb.leaf.has(itB!.code),
      maxA,
      maxB,
      ...(itA && itB && itB.code !== itA.code ? { codeB: itB.code, nameSimilarity: Math.round((sim ?? 0) * 100) / 100 } : {}),
    };
  };
  const items: ComparedItem[] = a.body.items.map((it) => {
    const paired = pairOfA.get(it);
    return paired ? make(it, paired.y, paired.sim) : make(it, byCodeB.get(it.code));
  });
  for (const it of b.body.items) if (!codesA.has(it.code) && !pairedB.has(it)) items.push(make(undefined, it));
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
    onlyA: items.filter((it) => it.rowB === null).map((it) => it.code),
    onlyB: items.filter((it) => it.rowA === null).map((it) => it.code),
    scoredOnOneSide: items.filter((it) => it.leaf && it.rowA !== null && it.rowB !== null && (it.a === null) !== (it.b === null)),
    largest,
    pairedByName: items.filter((it) => it.codeB !== undefined),
    maxChanged: items.filter((it) => it.maxA !== null && it.maxB !== null && it.maxA !== it.maxB),
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
