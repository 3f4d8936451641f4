import type { Layout, ScoreColumn, ScoreKind, TargetColumn } from "./layout";

/** Most authoritative first: an appraisal overrides the result, which overrides a self-assessment. */
export const SCORE_AUTHORITY: ReadonlyArray<ScoreKind> = ["appraised", "achieved", "self", "survey"];

/**
 * The default score column: the latest score year, and within it the most authoritative kind
 * (appraised, else achieved, else self-assessed; a survey-only column last).
 */
export function defaultScoreColumn(scores: ReadonlyArray<ScoreColumn>): ScoreColumn | null {
  if (scores.length === 0) return null;
  const years = scores.map((s) => s.year ?? Number.NEGATIVE_INFINITY);
  const latest = Math.max(...years);
  const ofYear = scores.filter((s) => (s.year ?? Number.NEGATIVE_INFINITY) === latest);
  for (const kind of SCORE_AUTHORITY) {
    const found = ofYear.find((s) => s.kind === kind);
    if (found) return found;
  }
  return ofYear[0] ?? null;
}

/**
 * The default target column: the first target year after the score's year; with no year to compare, the first
 * target column. Null when the sheet has no target column (below-target then compares with max points).
 */
export function defaultTargetColumn(targets: ReadonlyArray<TargetColumn>, scoreYear: number | null): TargetColumn | null {
  if (targets.length === 0) return null;
  if (scoreYear !== null) {
    const after = targets.filter((t) => t.year !== null && t.year > scoreYear).sort((a, b) => (a.year ?? 0) - (b.year ?? 0));
    if (after[0]) return after[0];
  }
  return targets.find((t) => t.year === null) ?? targets[0] ?? null;
}

export interface ColumnChoice {
  readonly score: ScoreColumn | null;
  /** Null: compare with max points. */
  readonly target: TargetColumn | null;
  readonly scoreChosenBy: "default" | "user";
  readonly targetChosenBy: "default" | "user" | "max";
}

/** Columns for below-target, with the caller's choice (0-based column indexes) taking precedence. */
export function chooseColumns(layout: Layout, wanted: { score?: number; target?: number | "max" } = {}): ColumnChoice {
  const userScore = wanted.score !== undefined ? layout.scores.find((s) => s.col === wanted.score) : undefined;
  const score = userScore ?? defaultScoreColumn(layout.scores);
  if (wanted.target === "max") {
    return { score, target: null, scoreChosenBy: userScore ? "user" : "default", targetChosenBy: "max" };
  }
  const userTarget = wanted.target !== undefined ? layout.targets.find((t) => t.col === wanted.target) : undefined;
  const target = userTarget ?? defaultTargetColumn(layout.targets, score?.year ?? null);
  return {
    score,
    target,
    scoreChosenBy: userScore ? "user" : "default",
    targetChosenBy: userTarget ? "user" : target ? "default" : "max",
  };
}
