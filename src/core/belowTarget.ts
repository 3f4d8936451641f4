import { type Body, childrenByParent, type Item, pointRow } from "./body";
import { compareCodes, parentCode } from "./codes";
import type { ColumnChoice } from "./columns";
import type { CriteriaSet } from "./criteria";
import type { Layout } from "./layout";
import { numberOf, POINT_TOLERANCE, roundPoints } from "./numbers";

export interface CellRef {
  readonly row: number;
  readonly col: number;
}

export interface BelowTargetItem {
  readonly code: string;
  readonly name: string;
  readonly row: number;
  readonly score: number;
  readonly target: number;
  /** Points at stake: target − score, > 0. */
  readonly gap: number;
  readonly scoreCell: CellRef;
  /** The target cell, or the max-points cell when the comparison is with max points (null if none on the sheet). */
  readonly targetCell: CellRef | null;
  readonly targetSource: "target" | "max";
  readonly survey: boolean;
  /** The row's sheet, when the appendix runs over several sheets. */
  readonly sheet?: string;
}

export type ItemStatus = "met" | "below" | "unknown";

/**
 * Leaf items (sub-criteria, and criteria without sub-criteria) whose score is below target, ranked by points at
 * stake (largest gap first, then in code order).
 *
 * Where a survey-scored item has no value in the chosen score column, its value is read from the survey column of
 * the same year, since agencies do not score those items themselves. `statuses`: itemStatuses of the same
 * arguments, when the caller has them already.
 */
export function belowTargetItems(
  body: Body,
  layout: Layout,
  choice: ColumnChoice,
  set: CriteriaSet | null,
  statuses: ReadonlyMap<string, StatusInfo> = itemStatuses(body, layout, choice, set),
): BelowTargetItem[] {
  const out: BelowTargetItem[] = [];
  for (const s of statuses.values()) {
    if (s.status === "below" && s.leaf && s.score !== undefined && s.target !== undefined && s.scoreCell) {
      out.push({
        code: s.item.code,
        name: s.item.name,
        row: s.item.row,
        score: s.score,
        target: s.target,
        gap: roundPoints(s.target - s.score),
        scoreCell: s.scoreCell,
        targetCell: s.targetCell,
        targetSource: choice.target ? "target" : "max",
        survey: s.survey,
      });
    }
  }
  return out.sort((a, b) => b.gap - a.gap || compareCodes(a.code, b.code));
}

export interface StatusInfo {
  readonly item: Item;
  readonly status: ItemStatus;
  readonly leaf: boolean;
  readonly survey: boolean;
  readonly score?: number;
  readonly target?: number;
  readonly scoreCell?: CellRef;
  readonly targetCell: CellRef | null;
}

/** Met / below / unknown for every item; a parent is below when it or any of its descendants is. */
export function itemStatuses(body: Body, layout: Layout, choice: ColumnChoice, set: CriteriaSet | null): Map<string, StatusInfo> {
  const children = childrenByParent(body.items);
  const items = body.items.filter((i) => i.duplicateOf === undefined);
  const byCode = new Map(items.map((i) => [i.code, i]));
  const surveyOf = new Map<string, boolean>();
  const isSurvey = (item: Item): boolean => {
    let v = surveyOf.get(item.code);
    if (v === undefined) {
      const p = parentCode(item.code);
      const parent = p !== undefined ? byCode.get(p) : undefined;
      v = set?.byCode.get(item.code)?.survey === true || item.surveyByName || (parent !== undefined && isSurvey(parent));
      surveyOf.set(item.code, v);
    }
    return v;
  };
  const surveyCol =
    choice.score === null ? undefined : layout.scores.find((s) => s.kind === "survey" && s.year === choice.score?.year && s.col !== choice.score?.col);
  // Items under which some item has a number in the score column.
  const scored = new Set<string>();
  if (choice.score) {
    for (const it of items) {
      if (numberOf(it.points.get(choice.score.col) ?? { kind: "blank" }) === undefined || children.has(it.code)) continue;
      for (let p = parentCode(it.code); p !== undefined; p = parentCode(p)) scored.add(p);
    }
  }
  const anyScoredBelow = (code: string): boolean => scored.has(code);
  const result = new Map<string, StatusInfo>();
  for (const item of items) {
    const survey = isSurvey(item);
    let score: number | undefined;
    let scoreCell: CellRef | undefined;
    if (choice.score) {
      score = numberOf(item.points.get(choice.score.col) ?? { kind: "blank" });
      scoreCell = { row: pointRow(item, choice.score.col), col: choice.score.col };
      if (score === undefined && survey && surveyCol) {
        score = numberOf(item.points.get(surveyCol.col) ?? { kind: "blank" });
        scoreCell = { row: pointRow(item, surveyCol.col), col: surveyCol.col };
      }
    }
    let target: number | undefined;
    let targetCell: CellRef | null = null;
    if (choice.target) {
      target = numberOf(item.points.get(choice.target.col) ?? { kind: "blank" });
      targetCell = { row: pointRow(item, choice.target.col), col: choice.target.col };
    } else {
      const sheetMax = layout.max !== null ? numberOf(item.points.get(layout.max) ?? { kind: "blank" }) : undefined;
      target = sheetMax ?? set?.byCode.get(item.code)?.maxPoints;
      targetCell = layout.max !== null ? { row: pointRow(item, layout.max), col: layout.max } : null;
    }
    // A parent's SUM formula over children nobody has scored yet shows 0: nothing was scored, so nothing is compared.
    const formulaOverNothing = choice.score !== null && children.has(item.code) && item.points.get(choice.score.col)?.kind === "number" && (item.points.get(choice.score.col) as { formula?: string }).formula !== undefined && !anyScoredBelow(item.code);
    let status: ItemStatus = "unknown";
    if (score !== undefined && target !== undefined && !formulaOverNothing) status = target - score > POINT_TOLERANCE ? "below" : "met";
    const info: StatusInfo = {
      item,
      status,
      leaf: !children.has(item.code),
      survey,
      targetCell,
      ...(score !== undefined ? { score } : {}),
      ...(target !== undefined ? { target } : {}),
      ...(scoreCell !== undefined ? { scoreCell } : {}),
    };
    result.set(item.code, info);
  }
  // A parent with a child below target is below target too, whatever its own (possibly miscounted) total says.
  for (const info of result.values()) {
    if (info.status !== "below" || !info.leaf) continue;
    for (let p = parentCode(info.item.code); p !== undefined; p = parentCode(p)) {
      const parent = result.get(p);
      if (parent && parent.status !== "below") result.set(p, { ...parent, status: "below" });
    }
  }
  return result;
}

/** How many items were compared with their target (both a score and a target): 0 means "below target" says nothing. */
export function comparedCount(statuses: ReadonlyMap<string, { readonly status: string; readonly leaf: boolean }>): number {
  let n = 0;
  for (const s of statuses.values()) if (s.leaf && (s.status === "met" || s.status === "below")) n++;
  return n;
}
