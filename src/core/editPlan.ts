import type { RecognizedSheet } from "./analyze";
import { childrenByParent, pointRow } from "./body";
import { recomputedValues } from "./recompute";
import { type Cell, cellAt, type Grid, toA1 } from "./grid";
import type { Finding } from "./findings";
import { unicodeFont } from "./legacy";
import type { FillEdit } from "./responsibility";

/** The fill colour of highlighted below-target cells: a light gold that prints legibly in black and white. */
export const HIGHLIGHT_COLOR = "#FFE699";

export interface HighlightEdit {
  readonly code: string;
  readonly row: number;
  readonly col: number;
  /** The cell's sheet, when the appendix runs over several sheets. */
  readonly sheet?: string;
}

export type ReportCell =
  | string
  | number
  | null
  | { readonly text: string; readonly link: { readonly sheet: string; readonly cell: string } };

export type ReportRowStyle = "title" | "note" | "header" | "section" | "strong" | "error" | "warning" | "info" | "plain";

/** How a report row looks. Every host reads it from here and applies what it can (the preview shows fills only). */
export interface ReportRowFormat {
  readonly bold?: boolean;
  readonly italic?: boolean;
  /** Font size in points; the host's default when absent. */
  readonly size?: number;
  /** Font colour, "#RRGGBB". */
  readonly color?: string;
  /** Solid fill, "#RRGGBB". */
  readonly fill?: string;
  /** A thin line under the row (where the host draws borders). */
  readonly ruled?: boolean;
  /** Wrapped and top-aligned, with a row height that shows every line (estimatedRowHeight). */
  readonly wraps: boolean;
}

export const REPORT_ROW_FORMAT: Readonly<Record<ReportRowStyle, ReportRowFormat>> = {
  title: { bold: true, size: 14, wraps: false },
  section: { bold: true, size: 12, wraps: false },
  /** A bold row whose text may be long (a field of the comparison sheet): wrapped like the plain rows. */
  strong: { bold: true, wraps: true },
  header: { bold: true, fill: "#D9D9D9", ruled: true, wraps: true },
  note: { italic: true, color: "#404040", wraps: false },
  error: { color: "#9C0006", wraps: true },
  warning: { color: "#9C5700", wraps: true },
  info: { wraps: true },
  plain: { wraps: true },
};

export interface ReportRow {
  readonly cells: ReadonlyArray<ReportCell>;
  readonly style: ReportRowStyle;
}

/** The "Kết quả kiểm tra" sheet, as data: both hosts write it the same way. Every string is written as text. */
export interface ReportSheet {
  readonly name: string;
  readonly columnWidths: ReadonlyArray<number>;
  readonly rows: ReadonlyArray<ReportRow>;
}

/** One legacy-encoded cell converted: its Unicode text, and the Unicode font for its legacy one (if it had one). */
export interface ConversionEdit {
  readonly row: number;
  readonly col: number;
  /** What the cell stands for now, decoded (as every plan's `old` is): a cell that no longer does is left alone. */
  readonly old: string;
  readonly value: string;
  /** The legacy text as stored. */
  readonly from: string;
  readonly font?: string;
  readonly sheet?: string;
}

/** The conversions of an analysis ("Chuyển sang Unicode"): every decoded cell of its sheet(s). */
export function conversionPlan(a: RecognizedSheet): ConversionEdit[] {
  return a.legacyCells.map((c) => {
    // A host that does not read fonts (the task pane) still needs one: legacy text shows only in a legacy font, so
    // its Unicode text needs a Unicode one.
    const font = c.font === undefined ? "Times New Roman" : unicodeFont(c.font);
    return { row: c.row, col: c.col, old: c.text, value: c.text, from: c.from, ...(font !== undefined ? { font } : {}), ...(c.sheet !== undefined ? { sheet: c.sheet } : {}) };
  });
}

/** A number stored as text written back as the number ("Chuyển thành số"). */
export interface NumberEdit {
  readonly row: number;
  readonly col: number;
  /** What the cell shows now; `from`, the text it holds as stored (a cell that no longer does is left alone). */
  readonly old: string;
  readonly from: string;
  /** The number, and its text as the undo record compares it. */
  readonly number: number;
  readonly value: string;
  /** "General" for a cell formatted as Text ("@"), where Excel would keep even a number as text. */
  readonly numberFormat?: string;
  readonly sheet?: string;
}

/**
 * The numbers stored as text of an analysis, where the number is certain (the checks read it from the text):
 * "Chuyển thành số" writes each back as a number, the format of a Text-formatted cell made General.
 */
export function numberPlan(a: RecognizedSheet, grids: ReadonlyArray<Grid>): NumberEdit[] {
  return findingCells(a, grids, "number-as-text").flatMap(({ f, cell }): NumberEdit[] => {
    if (cell.kind !== "text" || typeof cell.value !== "string" || typeof f.expected !== "number") return [];
    return [
      {
        row: cell.row,
        col: cell.col,
        old: cell.text,
        from: cell.value,
        number: f.expected,
        value: String(f.expected),
        ...(cell.numberFormat === "@" ? { numberFormat: "General" } : {}),
        ...(f.sheet !== undefined ? { sheet: f.sheet } : {}),
      },
    ];
  });
}

/** The cells of an analysis's findings of one rule, as the sheet holds them now, formulas left out. */
function findingCells(a: RecognizedSheet, grids: ReadonlyArray<Grid>, rule: Finding["rule"]): Array<{ f: Finding; cell: Cell & { row: number; col: number } }> {
  const out: Array<{ f: Finding; cell: Cell & { row: number; col: number } }> = [];
  for (const f of a.findings) {
    if (f.rule !== rule || f.row === null || f.col === null) continue;
    const grid = grids.find((g) => g.sheetName === (f.sheet ?? a.sheetName));
    if (!grid) continue;
    const cell = cellAt(grid, f.row, f.col);
    if (cell.formula === undefined) out.push({ f, cell: { ...cell, row: f.row, col: f.col } });
  }
  return out;
}

/** A code Excel stored as a number (1.10 shown as 1.1) written back as the text of its official code. */
export interface CodeEdit {
  readonly row: number;
  readonly col: number;
  /** What the cell shows now (a cell that no longer does is left alone). */
  readonly old: string;
  /** The code, as text in a Text-formatted cell ("@") so that Excel keeps its trailing zero. */
  readonly value: string;
  readonly numberFormat: "@";
  readonly sheet?: string;
}

/**
 * "Ghi lại mã dạng văn bản": the codes that lost a trailing zero (read back in order by the recogniser, finding
 * code-as-number), where the code is certain: the cell still holds that number and no formula.
 */
export function codePlan(a: RecognizedSheet, grids: ReadonlyArray<Grid>): CodeEdit[] {
  return findingCells(a, grids, "code-as-number").flatMap(({ f, cell }): CodeEdit[] =>
    cell.kind === "number" && typeof f.expected === "string" ? [{ row: cell.row, col: cell.col, old: cell.text, value: f.expected, numberFormat: "@", ...(f.sheet !== undefined ? { sheet: f.sheet } : {}) }] : [],
  );
}

/** A parent's points replaced by the sum of its children: `=SUM(...)` where the column's parents are formulas. */
export interface SumEdit {
  readonly row: number;
  readonly col: number;
  readonly code: string;
  /** What the cell shows, and holds as stored (a number): a cell that no longer does is left alone. */
  readonly old: string;
  readonly from: string;
  /** The sum (the value written, or the formula's result). */
  readonly number: number;
  /** "=SUM(D8,D9)" where the sheet computes its parents; absent where it writes them as numbers. */
  readonly formula?: string;
  /** What the cell will hold, as the undo record compares it: the formula, else the number's text. */
  readonly value: string;
}

/**
 * "Sửa tổng mục cha": the parents whose points are not the sum of their children, where that sum is certain — every
 * child a number or blank, no criterion of the set missing from the sheet (then the parent may be right and a child
 * absent), the parent a number typed in (a wrong formula is for the user to read). In a column whose other parents are
 * SUM formulas the fix is the formula over the children's cells; elsewhere the number. Score and target columns only.
 */
export function sumPlan(a: RecognizedSheet, grids: ReadonlyArray<Grid>): SumEdit[] {
  // One sheet only: a formula across the sheets of an appendix is not worth the risk.
  if (a.spans !== undefined) return [];
  const grid = grids.find((g) => g.sheetName === a.sheetName);
  if (!grid) return [];
  const items = a.body.items;
  const children = childrenByParent(items);
  const byCode = new Map(items.map((i, n) => [i.code, n] as const));
  // Per column, once: every parent's sum of its leaves, and whether the column's parents are SUM formulas.
  const columns = new Map<number, { readonly sums: ReadonlyMap<string, number | null>; readonly formulas: boolean }>();
  const column = (col: number) => {
    let c = columns.get(col);
    if (!c) {
      const formulas = [...children.keys()].some((code) => {
        const parent = items[byCode.get(code) ?? -1];
        return parent !== undefined && cellAt(grid, pointRow(parent, col), col).formula !== undefined;
      });
      c = { sums: recomputedValues(items, col).value, formulas };
      columns.set(col, c);
    }
    return c;
  };
  const parentOf = new Map<string, string>();
  for (const [code, kids] of children) for (const k of kids) parentOf.set(k.code, code);
  const out: SumEdit[] = [];
  const planned = new Set<string>();
  const mayMiss = new Set(a.findings.filter((f) => f.rule === "sum-mismatch" && f.messageKey !== "finding.sum-mismatch" && f.code !== null).map((f) => f.code!));
  /** The fix of one parent in one column, when its sum is certain and differs from what it holds. */
  const offer = (code: string, col: number): boolean => {
    const at = byCode.get(code);
    const kids = children.get(code) ?? [];
    if (at === undefined || kids.length === 0 || planned.has(`${code}:${col}`)) return false;
    const parent = items[at]!;
    const row = pointRow(parent, col);
    const cell = cellAt(grid, row, col);
    if (cell.kind !== "number" || cell.formula !== undefined || typeof cell.value !== "number") return false;
    // Every point below the parent is a number, blank or not assessed: then the sum of its leaves is certain.
    for (let j = at + 1; j < items.length && items[j]!.depth > parent.depth; j++) {
      const p = items[j]!.points.get(col);
      if (p !== undefined && p.kind !== "number" && p.kind !== "blank" && p.kind !== "not-assessed") return false;
      // A number stored as text is read by the check but skipped by Excel's SUM: "Chuyển thành số" comes first.
      if (p?.kind === "number" && cellAt(grid, pointRow(items[j]!, col), col).kind === "text") return false;
    }
    const { sums, formulas } = column(col);
    const sum = sums.get(code);
    // The parent may be right after all, and only a sub-total under it wrong: nothing to write here.
    if (sum === null || sum === undefined || Math.abs(sum - cell.value) < 1e-9) return false;
    const formula = formulas ? `=SUM(${kids.map((k) => toA1(pointRow(k, col), col)).join(",")})` : undefined;
    planned.add(`${code}:${col}`);
    out.push({ row, col, code, old: cell.text, from: String(cell.value), number: sum, ...(formula !== undefined ? { formula } : {}), value: formula ?? String(sum) });
    return true;
  };
  for (const { f, cell } of findingCells(a, grids, "sum-mismatch")) {
    // Scores and targets only: a max column that does not add up is a question for the criteria set, not a typo.
    if (f.messageKey !== "finding.sum-mismatch" || f.code === null || cell.col === a.layout.max) continue;
    if (!offer(f.code, cell.col)) continue;
    // A parent above that agreed with the wrong sub-total disagrees once it is fixed: fixed in the same write.
    // Not a parent that may be missing a criterion of the set (its sum is then not certain).
    for (let up = parentOf.get(f.code); up !== undefined && !mayMiss.has(up); up = parentOf.get(up)) offer(up, cell.col);
  }
  out.sort((x, y) => x.col - y.col || x.row - y.row);
  return out;
}

/** What an action writes into one sheet: planned here, previewed by the UI, applied in one batch by a host. */
export interface EditPlan {
  readonly sheetName: string;
  readonly fills: ReadonlyArray<FillEdit>;
  /** Legacy-encoded text written back as Unicode ("Chuyển sang Unicode"), when the user asks for it. */
  readonly conversions?: ReadonlyArray<ConversionEdit>;
  readonly highlights: ReadonlyArray<HighlightEdit>;
}

/**
 * Cells to highlight for the below-target items: the code, the name, the score and the target (or max) cell of
 * each, so the row reads as flagged without painting the user's whole table.
 */
export function highlightPlan(a: RecognizedSheet): HighlightEdit[] {
  const out: HighlightEdit[] = [];
  // Per sheet, the cells already added (row × 16,384 + column).
  const seen = new Map<string, Set<number>>();
  const add = (code: string, row: number, col: number, sheet: string | undefined): void => {
    let cells = seen.get(sheet ?? "");
    if (!cells) seen.set(sheet ?? "", (cells = new Set()));
    const key = row * 16_384 + col;
    if (cells.has(key)) return;
    cells.add(key);
    out.push(sheet !== undefined ? { code, row, col, sheet } : { code, row, col });
  };
  for (const b of a.belowTarget) {
    add(b.code, b.row, a.layout.code, b.sheet);
    add(b.code, b.row, a.layout.name, b.sheet);
    add(b.code, b.scoreCell.row, b.scoreCell.col, b.sheet);
    if (b.targetCell) add(b.code, b.targetCell.row, b.targetCell.col, b.sheet);
  }
  return out.sort((x, y) => x.row - y.row || x.col - y.col);
}

/**
 * What an analysis writes, one plan per sheet: an appendix over several sheets writes into each of them, in sheet
 * order. `fills` defaults to the analysis's whole fill plan.
 */
export function editPlansOf(
  a: RecognizedSheet,
  fills: ReadonlyArray<FillEdit> = a.fills?.edits ?? [],
  highlights: ReadonlyArray<HighlightEdit> = highlightPlan(a),
  conversions: ReadonlyArray<ConversionEdit> = [],
): EditPlan[] {
  const sheets = a.spans ? a.spans.map((s) => s.sheetName) : [a.sheetName];
  const on = (sheetName: string) => (x: { readonly sheet?: string }): boolean => (x.sheet ?? a.sheetName) === sheetName;
  return sheets
    .map((sheetName) => {
      const own = conversions.filter(on(sheetName));
      return {
        sheetName,
        fills: fills.filter(on(sheetName)),
        highlights: highlights.filter(on(sheetName)),
        ...(own.length > 0 ? { conversions: own } : {}),
      };
    })
    .filter((p, i) => i === 0 || p.fills.length > 0 || p.highlights.length > 0 || (p.conversions?.length ?? 0) > 0);
}

/**
 * A row height (points) that shows every wrapped line of a report row, for hosts that cannot autofit (a file
 * written by exceljs has no computed heights; Excel and LibreOffice keep the default 15 pt otherwise).
 */
export function estimatedRowHeight(row: ReportRow, widths: ReadonlyArray<number>): number {
  let lines = 1;
  row.cells.forEach((c, i) => {
    const text = c === null ? "" : typeof c === "object" ? c.text : String(c);
    // A column of width w holds about 1.25·w characters of an 11 pt proportional font.
    const perLine = Math.max(1, Math.floor((widths[i] ?? 10) * 1.25));
    lines = Math.max(lines, Math.ceil(text.length / perLine));
  });
  return 15 * Math.min(lines, 12);
}
