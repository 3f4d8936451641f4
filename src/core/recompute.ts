/** Parents recomputed from their leaves: shared by the comparison and by “Sửa tổng” (kept small: the pane loads it at start). */
import type { Item } from "./body";

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

/** Each item's value in `col`: a leaf's number, a parent's sum of its leaves (null when no leaf has one). */
export function recomputedValues(items: ReadonlyArray<Item>, col: number): { value: Map<string, number | null>; leaf: Set<string> } {
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

