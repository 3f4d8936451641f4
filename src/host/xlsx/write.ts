/**
 * The .xlsx host, writing side: applies an edit plan and a report sheet to a loaded workbook and serialises it.
 * Used only on copies; the CLI never writes to an input file.
 */
import ExcelJS from "exceljs";
import { type EditPlan, estimatedRowHeight, HIGHLIGHT_COLOR, REPORT_ROW_FORMAT, type ReportCell, type ReportRowFormat, type ReportSheet } from "../../core/editPlan";
import { quoteSheetName } from "../../core/grid";

export interface ApplyResult {
  readonly filled: number;
  readonly highlighted: number;
  /** Planned fills skipped because the cell no longer held what the plan saw. */
  readonly skipped: number;
}

const ARGB = `FF${HIGHLIGHT_COLOR.slice(1).toUpperCase()}`;

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v.trim();
  return cell.text.trim();
}

export function applyEdits(workbook: ExcelJS.Workbook, edits: ReadonlyArray<EditPlan>): ApplyResult {
  let filled = 0;
  let highlighted = 0;
  let skipped = 0;
  for (const e of edits) {
    const ws = workbook.getWorksheet(e.sheetName);
    if (!ws) continue;
    for (const f of e.fills) {
      const cell = ws.getCell(f.row + 1, f.col + 1);
      if (cellText(cell) !== f.old.trim()) {
        skipped++;
        continue;
      }
      // A plain string: exceljs stores it as a shared string, never as a formula, whatever it starts with.
      cell.value = f.value;
      filled++;
    }
    for (const h of e.highlights) {
      const cell = ws.getCell(h.row + 1, h.col + 1);
      // exceljs shares one style object between the cells of a style id: replace it, never mutate it.
      cell.style = { ...cell.style, fill: { type: "pattern", pattern: "solid", fgColor: { argb: ARGB } } };
      highlighted++;
    }
  }
  return { filled, highlighted, skipped };
}

/** The HYPERLINK formula of an in-workbook link: exceljs's own internal links are unreliable in Excel. */
export function linkFormula(sheet: string, cell: string, text: string): string {
  const target = `#${quoteSheetName(sheet)}!${cell}`.replace(/"/g, '""');
  return `HYPERLINK("${target}","${text.replace(/"/g, '""')}")`;
}

/** The exceljs font of a report row's format, or undefined when the row keeps the default font. */
function reportFont(f: ReportRowFormat): Partial<ExcelJS.Font> | undefined {
  const font: Partial<ExcelJS.Font> = {
    ...(f.bold ? { bold: true } : {}),
    ...(f.italic ? { italic: true } : {}),
    ...(f.size !== undefined ? { size: f.size } : {}),
    ...(f.color !== undefined ? { color: { argb: `FF${f.color.slice(1)}` } } : {}),
  };
  return Object.keys(font).length > 0 ? font : undefined;
}

/** Write (or replace) the report sheet. An existing sheet of that name that is not ours is left alone. */
export function writeReportSheet(workbook: ExcelJS.Workbook, report: ReportSheet, ours: (ws: ExcelJS.Worksheet) => boolean): string {
  let name = report.name;
  const existing = workbook.getWorksheet(name);
  if (existing) {
    if (ours(existing)) workbook.removeWorksheet(existing.id);
    else {
      let n = 2;
      while (workbook.getWorksheet(`${report.name} (${n})`)) n++;
      name = `${report.name} (${n})`;
    }
  }
  const ws = workbook.addWorksheet(name, {
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = report.columnWidths.map((width) => ({ width }));
  report.rows.forEach((row, i) => {
    const r = ws.getRow(i + 1);
    row.cells.forEach((c, j) => setReportCell(r.getCell(j + 1), c));
    const format = REPORT_ROW_FORMAT[row.style];
    const font = reportFont(format);
    if (font) r.eachCell((cell) => (cell.font = { ...cell.font, ...font }));
    const fill = format.fill;
    if (fill !== undefined) r.eachCell((cell) => (cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: `FF${fill.slice(1)}` } }));
    if (format.ruled) r.eachCell((cell) => (cell.border = { bottom: { style: "thin" } }));
    r.alignment = { vertical: "top", wrapText: format.wraps };
    if (format.wraps) r.height = estimatedRowHeight(row, report.columnWidths);
  });
  return name;
}

function setReportCell(cell: ExcelJS.Cell, c: ReportCell): void {
  if (c === null) return;
  if (typeof c === "number") {
    cell.value = c;
    return;
  }
  if (typeof c === "string") {
    cell.value = c;
    return;
  }
  cell.value = { formula: linkFormula(c.link.sheet, c.link.cell, c.text), result: c.text };
  cell.font = { color: { argb: "FF0563C1" }, underline: true };
}

export async function serialize(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  const buf = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
