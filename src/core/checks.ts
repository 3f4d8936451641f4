import { type Body, childrenByParent, type Item, pointRow, rootItems } from "./body";
import { type Cell, cellAt, columnIndex, type Grid } from "./grid";
import { parentCode } from "./codes";
import type { CriteriaItem, CriteriaSet } from "./criteria";
import { compareFindings, type Finding, finding } from "./findings";
import { type Layout, pointColumns, type ScoreColumn } from "./layout";
import { numberOf, type PointValue, POINT_TOLERANCE, roundPoints, samePoints, sumPoints } from "./numbers";
import { firstWordDifference, nameKey } from "./text";
import { defaultScoreColumn } from "./columns";

export interface CheckInput {
  readonly grid: Grid;
  readonly layout: Layout;
  readonly body: Body;
  readonly set: CriteriaSet | null;
}

/** Run every check over a recognised sheet. Bad data becomes findings; nothing here throws on user data. */
export function runChecks(input: CheckInput): Finding[] {
  const ctx = new CheckContext(input);
  const out: Finding[] = [];
  out.push(...cellChecks(ctx));
  out.push(...structureChecks(ctx));
  out.push(...sumChecks(ctx));
  out.push(...groupChecks(ctx));
  out.push(...totalChecks(ctx));
  out.push(...partChecks(ctx));
  out.push(...setChecks(ctx));
  out.push(...scoreChecks(ctx));
  return out.sort(compareFindings);
}

class CheckContext {
  readonly grid: Grid;
  readonly layout: Layout;
  readonly body: Body;
  readonly set: CriteriaSet | null;
  readonly items: ReadonlyArray<Item>;
  readonly byCode: ReadonlyMap<string, Item>;
  readonly children: ReadonlyMap<string, Item[]>;
  readonly headerOf: (col: number) => string;

  constructor(input: CheckInput) {
    this.grid = input.grid;
    this.layout = input.layout;
    this.body = input.body;
    this.set = input.set;
    this.items = input.body.items.filter((i) => i.duplicateOf === undefined);
    this.byCode = new Map(this.items.map((i) => [i.code, i]));
    this.children = childrenByParent(input.body.items);
    this.headerOf = (col) => input.layout.headers[col] ?? "";
  }

  isLeaf(item: Item): boolean {
    return !this.children.has(item.code);
  }

  isSurvey(item: Item): boolean {
    if (this.set?.byCode.get(item.code)?.survey) return true;
    for (let code: string | undefined = item.code; code !== undefined; code = parentCode(code)) {
      if (this.byCode.get(code)?.surveyByName) return true;
    }
    return false;
  }

  /** Max points of an item: the sheet's, else the set's. */
  maxOf(item: Item): number | undefined {
    const own = this.layout.max !== null ? item.points.get(this.layout.max) : undefined;
    const v = own ? numberOf(own) : undefined;
    return v ?? this.set?.byCode.get(item.code)?.maxPoints;
  }
}

/**
 * A number Excel turned into a date: "1.5" typed where "." is read as a date separator becomes 1 May, shown as
 * 01/05/2026 under a date format. The number meant is most likely day.month.
 */
export function numberTurnedIntoDate(cell: Cell): number | undefined {
  if (cell.kind !== "text" || cell.numberFormat === undefined) return undefined;
  if (!/[dmy]/i.test(cell.numberFormat.replace(/"[^"]*"|\[[^\]]*\]/g, ""))) return undefined;
  const m = /^(\d{1,2})\/(\d{1,2})\/\d{4}$/.exec(String(cell.value).trim());
  if (!m?.[1] || !m[2]) return undefined;
  const guess = Number(`${Number(m[1])}.${Number(m[2])}`);
  return Number.isFinite(guess) ? guess : undefined;
}

function cellChecks(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const rows: Array<{ code: string | null; label: string; points: ReadonlyMap<number, PointValue>; row: number; pointRows?: ReadonlyMap<number, number> }> = ctx.body.items.map(
    (i) => ({ code: i.code, label: i.code, points: i.points, row: i.row, ...(i.pointRows ? { pointRows: i.pointRows } : {}) }),
  );
  const total = ctx.body.total;
  if (total) rows.push({ code: null, label: total.label, points: total.points, row: total.row });
  for (const r of rows) {
    for (const [col, p] of r.points) {
      const at = { code: r.code, row: pointRow(r, col), col };
      const header = ctx.headerOf(col);
      const code = r.label;
      switch (p.kind) {
        case "error":
          out.push(finding("formula-error", at, { actual: p.text }, { code, value: p.text, header }));
          break;
        case "no-result":
          out.push(finding("formula-no-result", at, { actual: p.formula }, { code, formula: p.formula, header }));
          break;
        case "not-a-number": {
          const guess = numberTurnedIntoDate(cellAt(ctx.grid, at.row, col));
          if (guess !== undefined) out.push(finding("not-a-number", at, { expected: guess, actual: p.text }, { code, value: p.text, header, guess }, "date"));
          else out.push(finding("not-a-number", at, { actual: p.text }, { code, value: p.text, header }));
          break;
        }
        case "number": {
          const cell = cellAt(ctx.grid, at.row, col);
          if (p.fromText) {
            out.push(
              finding("number-as-text", at, { expected: p.value, actual: String(cell.value) }, { code, text: String(cell.value), value: p.value, header }),
            );
          }
          if (p.value < 0) out.push(finding("negative", at, { expected: 0, actual: p.value }, { code, value: p.value, header }));
          break;
        }
        case "blank":
          break;
      }
    }
  }
  return out;
}

function structureChecks(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const item of ctx.body.items) {
    if (item.duplicateOf !== undefined) {
      const first = ctx.body.items[item.duplicateOf];
      out.push(
        finding(
          "duplicate-code",
          { code: item.code, row: item.row, col: ctx.layout.code },
          { expected: null, actual: item.label },
          { code: item.code, label: item.label, firstRow: (first?.row ?? 0) + 1 },
        ),
      );
    }
    if (item.codeRepaired) {
      out.push(
        finding("code-as-number", { code: item.code, row: item.row, col: ctx.layout.code }, { expected: item.code, actual: item.label }, { code: item.code, label: item.label }),
      );
    }
  }
  for (const row of ctx.body.orphanRows) {
    out.push(finding("orphan-row", { row, col: ctx.layout.code }, {}, { row: row + 1 }));
  }
  return out;
}

/**
 * The sum of some rows' points in one column, or undefined when it cannot be compared: a cell that is neither a
 * number, blank nor "not assessed", or no number at all. A row not assessed for this unit counts as nothing.
 */
function columnSum(values: ReadonlyArray<PointValue>): number | undefined {
  if (values.some((v) => v.kind !== "number" && v.kind !== "blank" && v.kind !== "not-assessed")) return undefined;
  if (values.every((v) => v.kind !== "number")) return undefined;
  return sumPoints(values.map((v) => numberOf(v) ?? 0));
}

/** A row grouping fields ("A | NHÓM A | 40") against the fields under it, in every numeric column. */
function groupChecks(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const cols = pointColumns(ctx.layout);
  for (const g of ctx.body.groups) {
    const fields = g.fields.map((c) => ctx.byCode.get(c)).filter((i): i is Item => i !== undefined);
    for (const col of cols) {
      const pv = g.points.get(col);
      const value = pv ? numberOf(pv) : undefined;
      if (value === undefined) continue;
      const sum = columnSum(fields.map((f) => f.points.get(col) ?? { kind: "blank" as const }));
      if (sum === undefined || samePoints(sum, value)) continue;
      out.push(
        finding(
          "group-sum-mismatch",
          { row: g.row, col },
          { expected: roundPoints(sum), actual: value },
          { label: g.label, name: g.name, header: ctx.headerOf(col), value, sum: roundPoints(sum), diff: roundPoints(value - sum), fields: g.fields.join(", ") },
        ),
      );
    }
  }
  return out;
}

function sumChecks(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const cols = pointColumns(ctx.layout);
  for (const parent of ctx.items) {
    const kids = ctx.children.get(parent.code);
    if (!kids || kids.length === 0) continue;
    const missing = missingChildren(ctx, parent);
    const missingMax = sumPoints(missing.map((m) => m.maxPoints));
    for (const col of cols) {
      const pv = parent.points.get(col);
      const value = pv ? numberOf(pv) : undefined;
      if (value === undefined) continue;
      const sum = columnSum(kids.map((k) => k.points.get(col) ?? { kind: "blank" as const }));
      if (sum === undefined) continue;
      checkFormulaRange(ctx, parent, kids, col, out);
      if (samePoints(sum, value)) continue;
      const diff = roundPoints(value - sum);
      const params = {
        code: parent.code,
        header: ctx.headerOf(col),
        value,
        sum: roundPoints(sum),
        diff,
        children: kids.map((k) => k.code).join(", "),
        missing: missing.map((m) => m.code).join(", "),
        missingMax,
      };
      const at = { code: parent.code, row: pointRow(parent, col), col };
      const values = { expected: roundPoints(sum), actual: value };
      // A parent's formula over children typed as text: Excel's SUM skips them, which is the whole difference.
      const asText = kids.filter((k) => { const p = k.points.get(col); return p?.kind === "number" && p.fromText; });
      const textSum = sumPoints(asText.map((k) => numberOf(k.points.get(col) ?? { kind: "blank" }) ?? 0));
      if (pv?.kind === "number" && pv.formula !== undefined && asText.length > 0 && textSum !== 0 && samePoints(-diff, textSum)) {
        out.push(finding("sum-mismatch", at, values, { ...params, textCodes: asText.map((k) => k.code).join(", ") }, "text-skipped"));
      } else if (missing.length > 0 && samePoints(diff, missingMax)) {
        out.push(finding("sum-mismatch", at, values, params, "missing-exact"));
      } else if (missing.length > 0 && diff > 0 && diff <= missingMax + POINT_TOLERANCE) {
        out.push(finding("sum-mismatch", at, values, params, "missing-possible"));
      } else {
        out.push(finding("sum-mismatch", at, values, params));
      }
    }
  }
  return out;
}

function missingChildren(ctx: CheckContext, parent: Item): ReadonlyArray<CriteriaItem> {
  const ref = ctx.set?.childrenOf.get(parent.code);
  if (!ref) return [];
  return ref.filter((c) => !ctx.byCode.has(c.code));
}

/** A parent's =SUM(...) that leaves out one of its children's rows (a range that skips a row). */
function checkFormulaRange(ctx: CheckContext, parent: Item, kids: ReadonlyArray<Item>, col: number, out: Finding[]): void {
  const formula = cellAt(ctx.grid, pointRow(parent, col), col).formula;
  if (formula === undefined) return;
  const rows = sumFormulaRows(formula, col);
  if (!rows) return;
  const skipped = kids.filter((k) => !rows.has(k.row));
  if (skipped.length === 0) return;
  out.push(
    finding(
      "sum-formula-skips",
      { code: parent.code, row: pointRow(parent, col), col },
      { expected: skipped.map((k) => k.code).join(", "), actual: formula },
      { code: parent.code, formula, skipped: skipped.map((k) => `${k.code} (${k.row + 1})`).join(", "), header: ctx.headerOf(col) },
    ),
  );
}

/**
 * Rows (0-based) summed by a formula such as "=SUM(D10:D14)" or "=SUM(D10,D12:D13)" in one column; undefined for
 * any other formula, which is then not second-guessed.
 */
export function sumFormulaRows(formula: string, col: number): Set<number> | undefined {
  const m = /^=\s*SUM\s*\((.*)\)\s*$/i.exec(formula.trim());
  if (!m?.[1]) return undefined;
  const rows = new Set<number>();
  for (const part of m[1].split(/[,;]/)) {
    const ref = /^\s*\$?([A-Z]{1,3})\$?(\d+)(?:\s*:\s*\$?([A-Z]{1,3})\$?(\d+))?\s*$/i.exec(part);
    if (!ref?.[1] || !ref[2]) return undefined;
    const c1 = columnIndex(ref[1]);
    const c2 = ref[3] ? columnIndex(ref[3]) : c1;
    if (c1 !== col || c2 !== col) return undefined;
    const r1 = Number(ref[2]) - 1;
    const r2 = ref[4] ? Number(ref[4]) - 1 : r1;
    if (Math.abs(r2 - r1) > 100_000) return undefined;
    for (let r = Math.min(r1, r2); r <= Math.max(r1, r2); r++) rows.add(r);
  }
  return rows;
}

/** Lettered parts that carry points must add up to their item, column by column. */
function partChecks(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const byItem = new Map<number, Array<(typeof ctx.body.parts)[number]>>();
  for (const p of ctx.body.parts) byItem.set(p.item, [...(byItem.get(p.item) ?? []), p]);
  for (const [index, parts] of byItem) {
    const item = ctx.body.items[index];
    if (!item) continue;
    for (const col of pointColumns(ctx.layout)) {
      const own = item.points.get(col);
      const value = own ? numberOf(own) : undefined;
      const vals = parts.map((p) => p.points.get(col) ?? ({ kind: "blank" } as const));
      if (value === undefined || vals.some((v) => v.kind !== "number" && v.kind !== "blank") || vals.every((v) => v.kind === "blank")) continue;
      const sum = sumPoints(vals.map((v) => numberOf(v) ?? 0));
      if (samePoints(sum, value)) continue;
      out.push(
        finding(
          "part-sum-mismatch",
          { code: item.code, row: pointRow(item, col), col },
          { expected: roundPoints(sum), actual: value },
          { code: item.code, header: ctx.headerOf(col), value, sum: roundPoints(sum), parts: parts.map((p) => p.label).join(", ") },
        ),
      );
    }
  }
  return out;
}

function totalChecks(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  // A root has no ancestor on the sheet: when a criterion row was deleted, its sub-criteria are not fields.
  const roots = rootItems(ctx.items, ctx.byCode);
  const adjustment = (col: number): number => {
    let sum = 0;
    for (const a of ctx.body.adjustments) {
      const v = a.points.get(col);
      const n = v ? numberOf(v) : undefined;
      if (n !== undefined) sum += a.kind === "bonus" ? n : -Math.abs(n);
    }
    return sum;
  };
  // Bonus and penalty rows outside the fields: within what the set allows.
  if (ctx.set) {
    const valueCols = [...ctx.layout.scores.map((x) => x.col), ...ctx.layout.targets.map((x) => x.col)];
    for (const a of ctx.body.adjustments) {
      const max = a.kind === "bonus" ? ctx.set.bonusMax : ctx.set.penaltyMax;
      if (max === undefined) continue;
      for (const col of valueCols) {
        const v = a.points.get(col);
        const n = v ? numberOf(v) : undefined;
        if (n !== undefined && Math.abs(n) > max + POINT_TOLERANCE) {
          out.push(finding("over-max", { code: null, row: a.row, col }, { expected: max, actual: n }, { code: a.label, value: n, max, header: ctx.headerOf(col) }));
        }
      }
    }
  }
  const total = ctx.body.total;
  if (!total) {
    if (roots.length >= 2 && ctx.items.length >= 10) out.push(finding("missing-total", {}, {}, {}));
    return out;
  }
  for (const col of pointColumns(ctx.layout)) {
    const tv = total.points.get(col);
    const value = tv ? numberOf(tv) : undefined;
    if (value === undefined) continue;
    const vals = roots.map((r) => r.points.get(col));
    if (vals.some((v) => v !== undefined && v.kind !== "number" && v.kind !== "blank")) continue;
    const fields = sumPoints(vals.map((v) => (v ? (numberOf(v) ?? 0) : 0)));
    // The total is fields + bonus − penalty; a maximum column may also leave the bonus's maximum out.
    const sum = roundPoints(fields + adjustment(col));
    if (!samePoints(sum, value) && !(col === ctx.layout.max && samePoints(fields, value))) {
      out.push(
        finding(
          "total-mismatch",
          { row: total.row, col },
          { expected: roundPoints(sum), actual: value },
          { header: ctx.headerOf(col), value, sum: roundPoints(sum), fields: roots.map((r) => r.code).join(", ") },
        ),
      );
    }
    if (col === ctx.layout.max && ctx.set && !samePoints(value, ctx.set.totalPoints) && !samePoints(value, roundPoints(ctx.set.totalPoints - absentOptional(ctx.set, ctx, undefined)))) {
      out.push(
        finding(
          "total-mismatch",
          { row: total.row, col },
          { expected: ctx.set.totalPoints, actual: value },
          { header: ctx.headerOf(col), value, total: ctx.set.totalPoints, set: ctx.set.id },
          "set",
        ),
      );
    }
  }
  return out;
}

/**
 * Max points of the set's optional items (and of their optional ancestors' subtrees) absent from the sheet or marked
 * not assessed, under `code` (undefined: the whole set). Only the topmost such item counts.
 */
function absentOptional(set: CriteriaSet, ctx: CheckContext, code: string | undefined): number {
  let sum = 0;
  const marked = new Set(ctx.body.notAssessed);
  for (const it of set.items) {
    if (it.optional !== true) continue;
    if (code !== undefined && !it.code.startsWith(`${code}.`)) continue;
    if (ctx.byCode.has(it.code) && !marked.has(it.code)) continue;
    // The topmost one only: an optional item under an optional absent parent is already in its parent's max.
    let covered = false;
    for (let p = parentCode(it.code); p !== undefined && p !== code; p = parentCode(p)) {
      const parent = set.byCode.get(p);
      if (parent?.optional === true && (!ctx.byCode.has(p) || marked.has(p))) covered = true;
    }
    if (!covered) sum += it.maxPoints;
  }
  return sum;
}

function setChecks(ctx: CheckContext): Finding[] {
  const set = ctx.set;
  if (!set) return [];
  const out: Finding[] = [];
  for (const item of ctx.items) {
    const ref = set.byCode.get(item.code);
    if (!ref) {
      out.push(
        finding("unknown-criterion", { code: item.code, row: item.row, col: ctx.layout.code }, { actual: item.code }, { code: item.code, label: item.label, set: set.id }),
      );
      continue;
    }
    if (ctx.layout.max !== null) {
      const pv = item.points.get(ctx.layout.max);
      const max = pv ? numberOf(pv) : undefined;
      // A parent whose optional children are absent from the sheet is worth that much less (issue 11 §1).
      const reduced = roundPoints(ref.maxPoints - absentOptional(set, ctx, ref.code));
      if (max !== undefined && !samePoints(max, ref.maxPoints) && !samePoints(max, reduced)) {
        out.push(
          finding(
            "max-mismatch",
            { code: item.code, row: ctx.layout.max !== null ? pointRow(item, ctx.layout.max) : item.row, col: ctx.layout.max },
            { expected: ref.maxPoints, actual: max },
            { code: item.code, value: max, max: ref.maxPoints, set: set.id },
          ),
        );
      }
    }
    if (item.name !== "" && nameKey(item.name) !== nameKey(ref.name)) {
      const diff = firstWordDifference(item.name, ref.name);
      out.push(
        finding(
          "name-mismatch",
          { code: item.code, row: item.row, col: ctx.layout.name },
          { expected: ref.name, actual: item.name },
          { code: item.code, name: item.name, expectedName: ref.name, word: diff?.actual ?? "", expectedWord: diff?.expected ?? "" },
          diff && diff.actual !== "" && diff.expected !== "" ? "word" : undefined,
        ),
      );
    }
  }
  // Only the topmost absent item is reported: a wholly absent field is one finding, not one per sub-criterion.
  for (const ref of set.items) {
    if (ctx.byCode.has(ref.code)) continue;
    // Items the set declares optional may be absent: not every unit is assessed on them.
    if (ref.optional === true) continue;
    const p = parentCode(ref.code);
    if (p !== undefined && !ctx.byCode.has(p)) continue;
    const parent = p !== undefined ? ctx.byCode.get(p) : undefined;
    const descendants = set.items.filter((i) => i.code.startsWith(`${ref.code}.`)).length;
    out.push(
      finding(
        "missing-criterion",
        { code: ref.code, row: parent?.row ?? null, col: parent ? ctx.layout.code : null },
        // The item is absent: there is no value to show (its code is not a value).
        { expected: null, actual: null },
        { code: ref.code, name: ref.name, max: ref.maxPoints, parent: p ?? "", descendants },
        descendants > 0 ? "with-children" : undefined,
      ),
    );
  }
  return out;
}

function scoreChecks(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const { layout } = ctx;
  // over-max: scores and targets above the item's max points.
  const valueCols = [...layout.scores.map((s) => s.col), ...layout.targets.map((t) => t.col)];
  for (const item of ctx.items) {
    const max = ctx.maxOf(item);
    if (max === undefined) continue;
    for (const col of valueCols) {
      const pv = item.points.get(col);
      const v = pv ? numberOf(pv) : undefined;
      if (v !== undefined && v > max + POINT_TOLERANCE) {
        out.push(
          finding("over-max", { code: item.code, row: pointRow(item, col), col }, { expected: max, actual: v }, { code: item.code, value: v, max, header: ctx.headerOf(col) }),
        );
      }
    }
  }
  // target-below-score: each target against the score of the latest year before it.
  for (const target of layout.targets) {
    const score = scoreColumnBefore(layout.scores, target.year);
    if (!score) continue;
    for (const item of ctx.items) {
      const t = numberOf(item.points.get(target.col) ?? { kind: "blank" });
      const s = numberOf(item.points.get(score.col) ?? { kind: "blank" });
      if (t === undefined || s === undefined) continue;
      // A score above max points is reported as over-max; a target below it says nothing more.
      const max = ctx.maxOf(item);
      if (max !== undefined && s > max + POINT_TOLERANCE) continue;
      if (t < s - POINT_TOLERANCE) {
        out.push(
          finding(
            "target-below-score",
            { code: item.code, row: pointRow(item, target.col), col: target.col },
            { expected: s, actual: t },
            { code: item.code, target: t, score: s, targetHeader: target.header, scoreHeader: score.header },
          ),
        );
      }
    }
  }
  // blank-score: a leaf left blank in a score column that others filled. Survey-scored items are scored by the
  // survey, not by the agencies, and are never flagged.
  // A leaf whose value is in a survey ("Điều tra XHH") column is survey-scored too, whatever the set says.
  const surveyCols = layout.scores.filter((s) => s.kind === "survey").map((s) => s.col);
  const scoredBySurvey = (item: Item): boolean => surveyCols.some((c) => numberOf(item.points.get(c) ?? { kind: "blank" }) !== undefined);
  for (const score of layout.scores) {
    if (score.kind === "survey") continue;
    // Filled: some cell holds a number someone typed (SUM formulas show 0 in a column nobody has filled yet).
    const filled = ctx.items.some((i) => {
      const p = i.points.get(score.col) ?? { kind: "blank" as const };
      return numberOf(p) !== undefined && !(p.kind === "number" && p.formula !== undefined);
    });
    if (!filled) continue;
    for (const item of ctx.items) {
      if (!ctx.isLeaf(item) || ctx.isSurvey(item) || scoredBySurvey(item)) continue;
      if (item.points.get(score.col)?.kind !== "blank") continue;
      out.push(finding("blank-score", { code: item.code, row: pointRow(item, score.col), col: score.col }, {}, { code: item.code, header: score.header }));
    }
  }
  return out;
}

/** The score column a target improves on: the latest score year before the target's year. */
function scoreColumnBefore(scores: ReadonlyArray<ScoreColumn>, year: number | null): ScoreColumn | undefined {
  const eligible = year === null ? scores : scores.filter((s) => s.year === null || s.year < year);
  return defaultScoreColumn(eligible) ?? undefined;
}
