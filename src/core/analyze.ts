import { belowTargetItems, type BelowTargetItem, itemStatuses, type StatusInfo } from "./belowTarget";
import { type Body, demoteLettered, readBody, rootItems } from "./body";
import { parentCode } from "./codes";
import { runChecks } from "./checks";
import { chooseColumns, type ColumnChoice } from "./columns";
import { type CriteriaSet, chooseCriteriaSet, likeStructure, type SetChoice } from "./criteria";
import { type Finding, finding } from "./findings";
import { readPoint, roundPoints } from "./numbers";
import { type DecodedCell, decodeGrid, type DecodedGrid } from "./legacy";
import { cellAt, columnLetter, type Grid, MergeIndex, quoteSheetName, toA1 } from "./grid";
import { fold } from "./text";
import { applyOverrides, classifyHeader, type ColumnOverride, type ColumnRole, findHeader, type HeaderRejection, namesCarryCodes, type Layout, type ScoreColumn, type ScoreKind } from "./layout";
import { type FillOptions, type FillPlan, planFills, type ResponsibilityCatalogue } from "./responsibility";

export interface AnalyzeOptions {
  readonly criteriaSets: ReadonlyArray<CriteriaSet>;
  /** Use this set whatever the match (its id). */
  readonly forcedSetId?: string;
  readonly overrides?: ReadonlyArray<ColumnOverride>;
  /** 0-based column of the score to compare with the target (default: see `defaultScoreColumn`). */
  readonly scoreColumn?: number;
  /** 0-based column of the target, or "max" to compare with max points (default: see `defaultTargetColumn`). */
  readonly targetColumn?: number | "max";
  readonly rules?: ResponsibilityCatalogue;
  readonly fill?: FillOptions;
  /** Where a row of a stacked grid is on its own sheet (an appendix over several sheets; see workbook.ts). */
  readonly place?: (row: number) => { readonly sheetName: string; readonly row: number };
}

export type Rejection =
  | HeaderRejection
  /** A criteria-set sheet or a "Thực hiện" catalogue sheet (what the tool exports for editing), not an appendix. */
  | { readonly reason: "catalogue-sheet"; readonly kind: "criteria" | "rules" | "comparison" }
  | { readonly reason: "no-items"; readonly row: number }
  | { readonly reason: "no-hierarchy"; readonly row: number; readonly items: number };

export interface ColumnInfo {
  readonly col: number;
  readonly role: ColumnRole;
  readonly header: string;
  readonly year?: number | null;
  readonly kind?: ScoreKind;
}

export interface Counts {
  readonly fields: number;
  readonly criteria: number;
  readonly subs: number;
}

export interface RecognizedSheet {
  readonly recognized: true;
  readonly sheetName: string;
  readonly layout: Layout;
  readonly body: Body;
  readonly columns: ReadonlyArray<ColumnInfo>;
  readonly counts: Counts;
  readonly confidence: number;
  readonly setChoice: SetChoice;
  readonly set: CriteriaSet | null;
  readonly findings: ReadonlyArray<Finding>;
  readonly columnChoice: ColumnChoice;
  readonly belowTarget: ReadonlyArray<BelowTargetItem>;
  readonly statuses: ReadonlyMap<string, StatusInfo>;
  readonly fills: FillPlan | null;
  readonly protected: boolean;
  /** The workbook hides the sheet: said wherever it is reported; a summary prefers a file's visible appendices. */
  readonly hidden?: boolean;
  /** Cells whose legacy-encoded text (TCVN3, VNI) was decoded for the check: what "Chuyển sang Unicode" converts. */
  readonly legacyCells: ReadonlyArray<DecodedCell & { readonly sheet?: string }>;
  /** An appendix over several sheets: which rows of the analysis are which sheet's (see workbook.ts). */
  readonly spans?: ReadonlyArray<import("./workbook").SheetSpan>;
}

export interface RejectedSheet {
  readonly recognized: false;
  readonly sheetName: string;
  readonly rejection: Rejection;
}

export type SheetAnalysis = RecognizedSheet | RejectedSheet;

/**
 * Recognise the appendix in a sheet and run everything on it: checks against itself and its criteria set,
 * below-target items, and the "Thực hiện" fill plan. Pure: the grid in, data out.
 */
export function analyzeSheet(source: Grid, options: AnalyzeOptions): SheetAnalysis {
  // Text in a legacy Vietnamese encoding is decoded before anything reads the sheet, and the user is told.
  const { grid, cells: decoded } = decodeGrid(source);
  const catalogue = catalogueSheetKind(grid);
  if (catalogue) return { recognized: false, sheetName: grid.sheetName, rejection: { reason: "catalogue-sheet", kind: catalogue } };
  const found = findHeader(grid);
  if (!("code" in found)) return { recognized: false, sheetName: grid.sheetName, rejection: found };
  const overrides: ColumnOverride[] = [...(options.overrides ?? [])];
  // A score or target column chosen by the caller that the header did not name becomes one.
  if (options.scoreColumn !== undefined && !found.scores.some((s) => s.col === options.scoreColumn)) {
    overrides.push({ col: options.scoreColumn, role: "score" });
  }
  if (typeof options.targetColumn === "number" && !found.targets.some((t) => t.col === options.targetColumn)) {
    overrides.push({ col: options.targetColumn, role: "target" });
  }
  let layout = applyOverrides(found, overrides);
  let body = readBody(grid, layout);
  let counts = countLevels(body);
  // An "STT" column that only counts rows (1, 2, 3 …) beside names that start with their codes ("1.1. Kế hoạch
  // CCHC"): the codes are the names'.
  if (counts.criteria + counts.subs === 0 && layout.codeInName !== true && namesCarryCodes(grid, new MergeIndex(grid.merges), layout.bodyStart, layout.name)) {
    const inNames: Layout = { ...layout, code: layout.name, codeInName: true, rowCounter: layout.code };
    const again = readBody(grid, inNames);
    const againCounts = countLevels(again);
    if (againCounts.criteria + againCounts.subs > 0) {
      layout = inNames;
      body = again;
      counts = againCounts;
    }
  }
  if (body.items.length === 0) return { recognized: false, sheetName: grid.sheetName, rejection: { reason: "no-items", row: layout.headerRow } };
  if (counts.criteria + counts.subs === 0) {
    // A budget or task table numbered 1, 2, 3 is not a scoring appendix: those have criteria under fields.
    return { recognized: false, sheetName: grid.sheetName, rejection: { reason: "no-hierarchy", row: layout.headerRow, items: body.items.length } };
  }
  const scoreYears = layout.scores.map((s) => s.year).filter((y): y is number => y !== null);
  const chosen = chooseCriteriaSet(options.criteriaSets, body.items, scoreYears, options.forcedSetId);
  const like = chosen.kind === "none" ? likeStructure(counts) : undefined;
  const setChoice: SetChoice = chosen.kind === "none" && like ? { ...chosen, like } : chosen;
  const set = setChoice.kind === "forced" || setChoice.kind === "matched" ? setChoice.match.set : null;
  // Letters in the code column under a criterion that the set gives no sub-criteria are its scoring rules.
  if (set) {
    const rules = new Set(body.items.filter((i) => i.lettered === true && (set.childrenOf.get(parentCode(i.code) ?? "")?.length ?? 0) === 0).map((i) => i.code));
    if (rules.size > 0) {
      body = demoteLettered(body, rules);
      counts = countLevels(body);
    }
  }
  const findings: Finding[] = [...legacyFindings(decoded, refOf(options)), ...percentFindings(body.percentCells, refOf(options)), ...notAssessedFindings(body, layout, refOf(options)), ...runChecks({ grid, layout, body, set })];
  const wanted: { score?: number; target?: number | "max" } = {};
  if (options.scoreColumn !== undefined) wanted.score = options.scoreColumn;
  if (options.targetColumn !== undefined) wanted.target = options.targetColumn;
  const columnChoice = chooseColumns(layout, wanted);
  findings.push(...ambiguousColumns(layout, columnChoice), ...unreadColumns(grid, layout, body, refOf(options)));
  const statuses = itemStatuses(body, layout, columnChoice, set);
  const belowTarget = belowTargetItems(body, layout, columnChoice, set, statuses);
  const fills = options.rules ? planFills(body, layout, statuses, options.rules, { ...options.fill, set }) : null;
  return {
    recognized: true,
    sheetName: grid.sheetName,
    layout,
    body,
    columns: describeColumns(layout),
    counts,
    confidence: confidenceOf(layout, body, setChoice),
    setChoice,
    set,
    findings,
    columnChoice,
    belowTarget,
    statuses,
    fills,
    protected: grid.protected === true,
    ...(grid.hidden === true ? { hidden: true } : {}),
    legacyCells: decoded,
  };
}

/**
 * The sheets the tool writes for staff to edit carry a header block whose first label names them: "Mã bộ tiêu chí"
 * (a criteria set) or "Mã danh mục" (the "Thực hiện" catalogue). Their lists look like an appendix but are not one.
 * The comparison sheet ("So sánh") is told by its title ("SO SÁNH “…” VỚI “…”") over a header that ends with
 * "Chênh lệch | Lý do" in columns E–F, and no max column: an appraisal appendix with such columns has a title of its
 * own and a max column, and stays an appendix.
 */
function catalogueSheetKind(grid: Grid): "criteria" | "rules" | "comparison" | undefined {
  const text = (r: number, c: number): string => {
    const cell = grid.rows[r]?.[c];
    return cell && cell.kind === "text" ? fold(String(cell.value)) : "";
  };
  for (let r = 0; r < Math.min(grid.rows.length, 8); r++) {
    const f = text(r, 0);
    if (f === "ma bo tieu chi") return "criteria";
    if (f === "ma danh muc") return "rules";
  }
  const title = text(0, 0);
  if (/^so sanh .+ voi /.test(title) || / compared with /.test(title)) {
    for (let r = 1; r < Math.min(grid.rows.length, 6); r++) {
      if (["ma", "code"].includes(text(r, 0)) && ["chenh lech", "difference"].includes(text(r, 4)) && /^(ly do|reason)\b/.test(text(r, 5))) return "comparison";
    }
  }
  return undefined;
}

/**
 * Score columns that cannot be told apart (two "2019" columns whose kind is not stated): never a silent guess. Each
 * group is one finding, naming the column the below-target list uses when it is one of them.
 */
function ambiguousColumns(layout: Layout, choice: ColumnChoice): Finding[] {
  const groups = new Map<string, ScoreColumn[]>();
  for (const s of layout.scores) {
    const key = `${s.year ?? "?"}:${s.kind}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const out: Finding[] = [];
  for (const cols of groups.values()) {
    if (cols.length < 2) continue;
    const first = cols[0]!;
    const used = choice.score && cols.some((c) => c.col === choice.score?.col) ? choice.score : null;
    out.push(
      finding(
        "ambiguous-columns",
        { row: layout.headerRow, col: used?.col ?? first.col },
        { actual: cols.map((c) => columnLetter(c.col)).join(", ") },
        { columns: cols.map((c) => columnLetter(c.col)).join(", "), header: first.header, used: used ? columnLetter(used.col) : "" },
        used ? "used" : undefined,
      ),
    );
  }
  return out;
}

/**
 * Columns with points under a header that names no role ("Năm 2021" with nothing saying score or target, an empty
 * header cell): their numbers are not checked, so the user is told which column, with an example, and how to choose
 * it. A column counts when at least three item rows, and a quarter of them, hold a number there; a running count
 * (1, 2, 3 …) is not points, and a second code or name column is not either.
 */
function unreadColumns(grid: Grid, layout: Layout, body: Body, ref: CellName): Finding[] {
  const claimed = new Set<number>([layout.code, layout.name, ...layout.scores.map((s) => s.col), ...layout.targets.map((t) => t.col)]);
  for (const c of [layout.max, layout.responsibility, layout.support, layout.notes]) if (c !== null) claimed.add(c);
  const items = body.items.filter((i) => i.duplicateOf === undefined);
  const out: Finding[] = [];
  for (let col = 0; col < Math.min(grid.colCount, 60); col++) {
    if (claimed.has(col)) continue;
    const header = layout.headers[col] ?? "";
    const role = classifyHeader(header)?.role;
    if (role === "code" || role === "name" || role === "notes") continue;
    const cells: Array<{ readonly row: number; readonly value: number }> = [];
    for (const it of items) {
      const p = readPoint(cellAt(grid, it.row, col));
      if (p.kind === "number") cells.push({ row: it.row, value: p.value });
    }
    if (cells.length < 3 || cells.length * 4 < items.length) continue;
    if (cells.every((c, i) => i === 0 || c.value === (cells[i - 1]?.value ?? NaN) + 1)) continue;
    const first = cells[0]!;
    out.push(
      finding(
        "unread-column",
        { row: layout.headerRow, col },
        { actual: cells.length },
        { header, count: cells.length, example: ref(first.row, col), value: first.value },
        header === "" ? "no-header" : undefined,
      ),
    );
  }
  return out;
}

/** What is not assessed for this unit, and how much maximum it takes out of the total. */
export function notAssessedSummary(body: Body, layout: Layout): { readonly codes: ReadonlyArray<string>; readonly reduced: number; readonly total: number | null } | null {
  if (body.notAssessed.length === 0) return null;
  const byCode = new Map(body.items.map((i) => [i.code, i]));
  const maxOf = (code: string): number => {
    const p = layout.max !== null ? byCode.get(code)?.points.get(layout.max) : undefined;
    return p?.kind === "number" ? p.value : 0;
  };
  const roots = rootItems(body.items);
  const total = layout.max !== null ? roundPoints(roots.reduce((s, r) => s + maxOf(r.code), 0)) : null;
  return { codes: body.notAssessed, reduced: roundPoints(body.notAssessed.reduce((s, c) => s + maxOf(c), 0)), total };
}

function notAssessedFindings(body: Body, layout: Layout, ref: CellName): Finding[] {
  const s = notAssessedSummary(body, layout);
  if (!s) return [];
  const first = body.items.find((i) => i.code === s.codes[0]);
  const col = layout.scores[0]?.col ?? null;
  return [
    finding(
      "not-assessed",
      { code: s.codes[0] ?? null, row: first?.row ?? null, col },
      { actual: s.codes.join(", ") },
      { codes: s.codes.join(", "), reduced: s.reduced, remaining: s.total !== null ? roundPoints(s.total - s.reduced) : "", total: s.total ?? "", at: first && col !== null ? ref(first.row, col) : "" },
      s.total !== null ? undefined : "no-max",
    ),
  ];
}

/** At most twelve cells named, then "…": the list a finding about many cells shows. */
function cellList(cells: ReadonlyArray<{ readonly row: number; readonly col: number }>, ref: CellName): string {
  const refs = cells.slice(0, 12).map((c) => ref(c.row, c.col));
  return `${refs.join(", ")}${cells.length > refs.length ? ", …" : ""}`;
}

/** A cell as the user finds it: "D5", or "'PL2'!D5" in an appendix over several sheets. */
type CellName = (row: number, col: number) => string;

function refOf(options: AnalyzeOptions): CellName {
  const place = options.place;
  if (!place) return toA1;
  return (row, col) => {
    const p = place(row);
    return `${quoteSheetName(p.sheetName)}!${toA1(p.row, col)}`;
  };
}

/** One info finding per column whose scores or targets are written as a percentage of the maximum. */
function percentFindings(cells: Body["percentCells"], ref: CellName): Finding[] {
  const byCol = new Map<number, Body["percentCells"][number][]>();
  for (const c of cells) byCol.set(c.col, [...(byCol.get(c.col) ?? []), c]);
  return [...byCol.values()].map((list) => {
    const first = list[0]!;
    return finding(
      "percent-score",
      { row: first.row, col: first.col },
      { actual: `${first.percent}%` },
      {
        count: list.length,
        column: columnLetter(first.col),
        cell: ref(first.row, first.col),
        percent: first.percent,
        max: first.max,
        points: first.points,
        cells: cellList(list, ref),
      },
    );
  });
}

function legacyFindings(cells: DecodedGrid["cells"], ref: CellName): Finding[] {
  const first = cells[0];
  if (!first) return [];
  const encodings = [...new Set(cells.map((c) => c.encoding))];
  return [
    finding(
      "legacy-encoding",
      { row: first.row, col: first.col },
      { actual: encodings.join(", ") },
      { count: cells.length, encoding: encodings.map((e) => (e === "tcvn3" ? "TCVN3 (ABC)" : "VNI")).join(", "), cells: cellList(cells, ref) },
    ),
  ];
}

export function countLevels(body: Body): Counts {
  let fields = 0;
  let criteria = 0;
  let subs = 0;
  for (const i of body.items) {
    if (i.duplicateOf !== undefined) continue;
    if (i.level === "field") fields++;
    else if (i.level === "criterion") criteria++;
    else subs++;
  }
  return { fields, criteria, subs };
}

export function describeColumns(layout: Layout): ColumnInfo[] {
  const cols: ColumnInfo[] = [];
  const h = (c: number): string => layout.headers[c] ?? "";
  cols.push({ col: layout.code, role: "code", header: h(layout.code) });
  cols.push({ col: layout.name, role: "name", header: h(layout.name) });
  if (layout.max !== null) cols.push({ col: layout.max, role: "max", header: h(layout.max) });
  for (const s of layout.scores) cols.push({ col: s.col, role: "score", header: s.header, year: s.year, kind: s.kind });
  for (const t of layout.targets) cols.push({ col: t.col, role: "target", header: t.header, year: t.year });
  if (layout.responsibility !== null) cols.push({ col: layout.responsibility, role: "responsibility", header: h(layout.responsibility) });
  if (layout.support !== null) cols.push({ col: layout.support, role: "support", header: h(layout.support) });
  if (layout.notes !== null) cols.push({ col: layout.notes, role: "notes", header: h(layout.notes) });
  return cols.sort((a, b) => a.col - b.col);
}

/**
 * 0..1: how complete the header is, how much of the body was placed (items, continuations, rules), and how well
 * the criteria set fits (a neutral half when no set is known).
 */
function confidenceOf(layout: Layout, body: Body, choice: SetChoice): number {
  let header = 0.4;
  if (layout.max !== null) header += 0.2;
  if (layout.scores.length > 0) header += 0.2;
  if (layout.targets.length > 0) header += 0.1;
  if (layout.responsibility !== null) header += 0.1;
  const placed = body.items.length + body.ruleRows.length;
  const bodyScore = placed / (placed + body.unplacedRows + body.orphanRows.length);
  const setScore = choice.kind === "matched" || choice.kind === "forced" ? Math.min(1, choice.match.score) : 0.5;
  return Math.round((0.35 * header + 0.35 * bodyScore + 0.3 * setScore) * 100) / 100;
}
