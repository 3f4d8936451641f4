/**
 * An appendix over several sheets ("PL1", "PL2 (tiếp theo)": the same header, codes continuing) is one appendix:
 * checked as one (sums across sheets, one missing-criterion list, one total). The sheets are stacked into one grid,
 * analysed once, and every row the results name is mapped back to its own sheet and row.
 */
import { analyzeSheet, type AnalyzeOptions, type RecognizedSheet, type SheetAnalysis } from "./analyze";
import { type Body, readBody } from "./body";
import { parseWrittenCode } from "./codes";
import type { Finding } from "./findings";
import { type Cell, type Grid, type MergedArea } from "./grid";
import type { Layout } from "./layout";
import type { FillEdit } from "./responsibility";
import type { BelowTargetItem } from "./belowTarget";

/** Rows `start`..`end` of the stacked grid are rows `sheetRow`.. of sheet `sheetName`. */
export interface SheetSpan {
  readonly sheetName: string;
  readonly start: number;
  readonly end: number;
  readonly sheetRow: number;
}

export interface SheetPlace {
  readonly sheetName: string;
  readonly row: number;
}

/** Where a row of a (possibly stacked) analysis is on the workbook's sheets. */
export function placeOf(a: Pick<RecognizedSheet, "sheetName" | "spans">, row: number): SheetPlace {
  const span = a.spans?.find((s) => row >= s.start && row <= s.end);
  return span ? { sheetName: span.sheetName, row: span.sheetRow + (row - span.start) } : { sheetName: a.sheetName, row };
}

/**
 * Analyse every sheet of a workbook, folding continuation sheets into the appendix they continue. The result has one
 * entry per appendix or other sheet, in sheet order; an appendix over several sheets carries `spans`, and its findings,
 * fills and below-target items name their own sheet (`sheet`) and that sheet's rows.
 */
export function analyzeWorkbook(grids: ReadonlyArray<Grid>, options: AnalyzeOptions): SheetAnalysis[] {
  const alone = grids.map((g) => analyzeSheet(g, options));
  const out: SheetAnalysis[] = [];
  for (let i = 0; i < grids.length; i++) {
    const first = alone[i];
    const grid = grids[i];
    if (!first || !grid || !first.recognized) {
      if (first) out.push(first);
      continue;
    }
    const parts: Array<{ grid: Grid; start: number; body: Body }> = [{ grid, start: 0, body: first.body }];
    const codes = new Set(first.body.items.map((it) => it.code));
    let j = i + 1;
    for (; j < grids.length; j++) {
      const next = continuation(parts[parts.length - 1]!.body, first.layout, codes, grids[j]!, alone[j]!);
      if (!next) break;
      for (const it of next.body.items) codes.add(it.code);
      parts.push({ grid: grids[j]!, ...next });
    }
    if (parts.length === 1) {
      out.push(first);
      continue;
    }
    out.push(stacked(parts, options));
    i = j - 1;
  }
  return out;
}

/** The part of `grid` that continues an appendix with `layout`, or undefined when it is a sheet of its own. */
function continuation(
  previous: Body,
  layout: Layout,
  seen: ReadonlySet<string>,
  grid: Grid,
  alone: SheetAnalysis,
): { start: number; body: Body } | undefined {
  // An appendix that has reached its total is complete.
  if (previous.total !== null || previous.notesRow !== null) return undefined;
  let start: number;
  let body: Body;
  if (alone.recognized) {
    if (!sameColumns(alone.layout, layout)) return undefined;
    start = alone.layout.bodyStart;
    body = alone.body;
  } else {
    // A continuation without its own header: the rows read with the first sheet's columns.
    if (alone.rejection.reason !== "no-header" && alone.rejection.reason !== "no-point-columns") return undefined;
    body = readBody(grid, { ...layout, headerRow: -1, headerRows: 0, bodyStart: 0 });
    start = 0;
    const firstRow = body.items[0]?.row;
    if (body.items.length < 2 || firstRow === undefined || firstRow > 15) return undefined;
  }
  const items = body.items;
  if (items.length === 0 || items.some((it) => seen.has(it.code))) return undefined;
  // Codes continue: the first field or criterion of this sheet comes after the last of the previous sheet.
  const last = previous.items[previous.items.length - 1];
  const head = items[0];
  if (!last || !head || fieldOf(head.code) < fieldOf(last.code)) return undefined;
  return { start, body };
}

function fieldOf(code: string): number {
  const w = parseWrittenCode(code.split(".")[0] ?? "");
  return w.kind === "dotted" ? (w.parts[0] ?? 0) : w.kind === "roman" ? w.value : 0;
}

function sameColumns(a: Layout, b: Layout): boolean {
  const cols = (l: Layout): string =>
    JSON.stringify([l.code, l.name, l.max, l.scores.map((s) => s.col), l.targets.map((t) => t.col), l.responsibility, l.support]);
  return cols(a) === cols(b);
}

function stacked(parts: ReadonlyArray<{ grid: Grid; start: number; body: Body }>, options: AnalyzeOptions): SheetAnalysis {
  const rows: Array<ReadonlyArray<Cell | undefined>> = [];
  const merges: MergedArea[] = [];
  const spans: SheetSpan[] = [];
  let colCount = 0;
  parts.forEach((p, k) => {
    const last = k === parts.length - 1;
    // Title rows above a continuation's header and its header itself are not stacked; notes under a sheet that is
    // not the last are not part of the table.
    const end = last ? p.grid.rowCount - 1 : Math.max(p.body.lastRow, p.start);
    const offset = rows.length;
    for (let r = p.start; r <= end; r++) rows.push(p.grid.rows[r] ?? []);
    for (const m of p.grid.merges) {
      if (m.top < p.start || m.bottom > end) continue;
      merges.push({ top: m.top - p.start + offset, bottom: m.bottom - p.start + offset, left: m.left, right: m.right });
    }
    spans.push({ sheetName: p.grid.sheetName, start: offset, end: offset + (end - p.start), sheetRow: p.start });
    colCount = Math.max(colCount, p.grid.colCount);
  });
  const first = parts[0]!.grid;
  const grid: Grid = {
    sheetName: first.sheetName,
    rowCount: rows.length,
    colCount,
    rows,
    merges,
    ...(parts.some((p) => p.grid.protected === true) ? { protected: true } : {}),
    ...(parts.every((p) => p.grid.hidden === true) ? { hidden: true } : {}),
  };
  const place = (row: number): SheetPlace => placeOf({ sheetName: first.sheetName, spans }, row);
  const a = analyzeSheet(grid, { ...options, place });
  if (!a.recognized) return a;
  const onSheet = <T extends { row: number }>(x: T): T & { sheet: string } => {
    const p = place(x.row);
    return { ...x, row: p.row, sheet: p.sheetName };
  };
  const findings: Finding[] = a.findings.map((f) => (f.row === null ? f : onSheet({ ...f, row: f.row })));
  const fills = a.fills ? { ...a.fills, edits: a.fills.edits.map((e): FillEdit => onSheet(e)) } : null;
  const belowTarget = a.belowTarget.map((b): BelowTargetItem => {
    const p = place(b.row);
    const cell = (c: { row: number; col: number }): { row: number; col: number } => ({ row: place(c.row).row, col: c.col });
    return { ...b, row: p.row, sheet: p.sheetName, scoreCell: cell(b.scoreCell), targetCell: b.targetCell ? cell(b.targetCell) : null };
  });
  const legacyCells = a.legacyCells.map((c) => onSheet(c));
  return { ...a, spans, findings, fills, belowTarget, legacyCells };
}

/** How many sheets on each side of the active one the pane reads to find the rest of its appendix. */
export const NEIGHBOUR_SHEETS = 3;

/**
 * Whether the sheet analysed alone may be one part of an appendix over several sheets: `after` when its table has
 * not reached a total or notes (it may go on on the next sheet), `before` when its first item is not the first field
 * or it has rows but no header of its own (it may continue the previous sheet); `elsewhere` when it is not an
 * appendix (the appendix may be on another sheet).
 */
export function mayContinue(a: SheetAnalysis): { readonly before: boolean; readonly after: boolean; readonly elsewhere: boolean } {
  if (!a.recognized) {
    const r = a.rejection.reason;
    return { before: r === "no-header" || r === "no-point-columns", after: false, elsewhere: true };
  }
  const first = a.body.items[0];
  return {
    before: first !== undefined && fieldOf(first.code) > 1,
    after: a.body.total === null && a.body.notesRow === null,
    elsewhere: false,
  };
}

function covers(a: SheetAnalysis, sheetName: string): boolean {
  return a.recognized && a.spans ? a.spans.some((s) => s.sheetName === sheetName) : a.sheetName === sheetName;
}

/**
 * The analysis of `sheetName` among the sheets read around it (in workbook order): the appendix it is part of, or its
 * own analysis; and the first sheets of the other appendices among them (where to send a user whose active sheet is
 * not an appendix).
 */
export function sheetAndOthers(grids: ReadonlyArray<Grid>, sheetName: string, options: AnalyzeOptions): { analysis: SheetAnalysis | undefined; appendices: string[] } {
  const all = analyzeWorkbook(grids, options);
  return { analysis: all.find((a) => covers(a, sheetName)), appendices: all.filter((a) => a.recognized && !covers(a, sheetName)).map((a) => a.sheetName) };
}

/** How many other sheets the pane reads to find an appendix when the active sheet is not one. */
export const OTHER_SHEETS = 12;

/**
 * The sheets to read, in workbook order, to check the active sheet with the rest of its appendix: the active one and
 * up to NEIGHBOUR_SHEETS on each side where `hint` says the appendix may go on (never the tool's own report sheet).
 * Just the active sheet when there is nothing to look for.
 */
export function sheetsToReadAround(
  sheets: ReadonlyArray<string>,
  active: string,
  hint: { readonly before: boolean; readonly after: boolean; readonly elsewhere?: boolean },
  reportSheet?: string,
): string[] {
  const list = sheets.filter((s) => s !== reportSheet);
  const i = list.indexOf(active);
  // Not an appendix (or a headerless part of one): the nearest other sheets, up to OTHER_SHEETS, in workbook order,
  // to find the appendix it continues or to say where the appendix is.
  if (hint.elsewhere === true && i >= 0) {
    const near = list.map((_, j) => j).sort((a, b) => Math.abs(a - i) - Math.abs(b - i) || a - b).slice(0, OTHER_SHEETS + 1);
    return near.sort((a, b) => a - b).map((j) => list[j]!);
  }
  if (i < 0) return [active];
  const from = hint.before ? Math.max(0, i - NEIGHBOUR_SHEETS) : i;
  const to = hint.after ? Math.min(list.length - 1, i + NEIGHBOUR_SHEETS) : i;
  return list.slice(from, to + 1);
}
