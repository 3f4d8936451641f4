/**
 * exceljs's reading of a workbook, for the preview page (in the browser) and for tests that build fixtures; the CLI
 * reads with ooxml.ts and writes copies with patch.ts.
 */
import ExcelJS from "exceljs";
import type { Cell, Grid, MergedArea } from "../../core/grid";
import { parseA1 } from "../../core/grid";
import { formatNumber } from "../../core/numberFormat";
import { FileReadError, sniff } from "./sniff";

export { FileReadError, sniff, type FileProblem } from "./sniff";

export interface LoadedWorkbook {
  readonly workbook: ExcelJS.Workbook;
  readonly grids: ReadonlyArray<Grid>;
}

/** Load an .xlsx from bytes; a file that is not one throws FileReadError (the CLI reports it and goes on). */
export async function loadWorkbook(bytes: Uint8Array): Promise<LoadedWorkbook> {
  const problem = sniff(bytes);
  if (problem) throw new FileReadError(problem);
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's types want a Node Buffer; a Uint8Array view of the same bytes serves.
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw new FileReadError({ code: "broken", detail: e instanceof Error ? e.message : String(e) });
  }
  if (workbook.worksheets.length === 0) throw new FileReadError({ code: "broken", detail: "no worksheet" });
  return { workbook, grids: workbook.worksheets.map(gridFromWorksheet) };
}

export function gridFromWorksheet(ws: ExcelJS.Worksheet): Grid {
  const merges: MergedArea[] = [];
  for (const range of (ws.model as { merges?: string[] }).merges ?? []) {
    const [a, b] = range.split(":");
    const tl = a ? parseA1(a) : undefined;
    const br = b ? parseA1(b) : tl;
    if (tl && br) merges.push({ top: tl.rowIndex, left: tl.colIndex, bottom: br.rowIndex, right: br.colIndex });
  }
  const rows: Array<Array<Cell | undefined>> = [];
  let colCount = 0;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const out: Array<Cell | undefined> = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const c = toCell(cell);
      if (c) {
        out[colNumber - 1] = c;
        if (colNumber > colCount) colCount = colNumber;
      }
    });
    rows[rowNumber - 1] = out;
  });
  for (let i = 0; i < rows.length; i++) if (!rows[i]) rows[i] = [];
  const sheetProtection = (ws as unknown as { sheetProtection?: { sheet?: boolean } | null }).sheetProtection;
  return {
    sheetName: ws.name,
    rowCount: rows.length,
    colCount,
    rows,
    merges,
    protected: sheetProtection?.sheet === true,
  };
}

function dateText(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, "0");
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

type ExcelValue = ExcelJS.CellValue;

function plainText(v: ExcelValue): string | undefined {
  if (typeof v === "string") return v;
  if (v && typeof v === "object" && "richText" in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join("");
  if (v && typeof v === "object" && "text" in v && typeof (v as { text: unknown }).text === "string") return (v as { text: string }).text;
  return undefined;
}

function toCell(cell: ExcelJS.Cell): Cell | undefined {
  if (cell.type === ExcelJS.ValueType.Merge) return undefined;
  const numberFormat = cell.numFmt || undefined;
  const fmt = numberFormat !== undefined ? { numberFormat } : {};
  const v = cell.value;
  if (cell.type === ExcelJS.ValueType.Formula) {
    const formula = `=${cell.formula}`;
    const result = cell.result;
    if (typeof result === "number") return { kind: "number", value: result, text: formatNumber(result, numberFormat), formula, ...fmt };
    if (typeof result === "string") return { kind: "text", value: result, text: result, formula, ...fmt };
    if (typeof result === "boolean") return { kind: "boolean", value: result, text: result ? "TRUE" : "FALSE", formula, ...fmt };
    if (result instanceof Date) return { kind: "text", value: dateText(result), text: dateText(result), formula, ...fmt };
    if (result && typeof result === "object" && "error" in result) {
      const e = String((result as { error: string }).error);
      return { kind: "error", value: e, text: e, formula, ...fmt };
    }
    return { kind: "empty", value: null, text: "", formula, ...fmt };
  }
  if (typeof v === "number") return { kind: "number", value: v, text: formatNumber(v, numberFormat), ...fmt };
  if (typeof v === "boolean") return { kind: "boolean", value: v, text: v ? "TRUE" : "FALSE", ...fmt };
  if (v instanceof Date) return { kind: "text", value: dateText(v), text: dateText(v), ...fmt };
  if (v && typeof v === "object" && "error" in v) {
    const e = String((v as { error: string }).error);
    return { kind: "error", value: e, text: e, ...fmt };
  }
  const text = plainText(v);
  if (text !== undefined) return text === "" ? undefined : { kind: "text", value: text, text, ...fmt };
  return undefined;
}

/** The fill of every filled cell of a worksheet, in Excel's terms (for the preview host's rendering). */
export function cellFills(ws: ExcelJS.Worksheet): Map<string, { color?: string; pattern: string }> {
  const out = new Map<string, { color?: string; pattern: string }>();
  ws.eachRow({ includeEmpty: false }, (row) =>
    row.eachCell({ includeEmpty: true }, (cell) => {
      const f = cell.fill;
      if (!f || f.type !== "pattern" || f.pattern === "none") return;
      const argb = f.fgColor?.argb;
      out.set(cell.address, { pattern: f.pattern === "solid" ? "Solid" : f.pattern, ...(argb ? { color: `#${argb.slice(-6).toUpperCase()}` } : {}) });
    }),
  );
  return out;
}

/** Column widths (Excel's character units) of a worksheet, for the preview host's rendering. */
export function columnWidths(ws: ExcelJS.Worksheet): number[] {
  return (ws.columns ?? []).map((c) => c.width ?? 9);
}
