/**
 * The Office host: the only code that touches Excel.* and Office.*. Each action is one Excel.run with one
 * context.sync(): reads queued before writes in the same batch return the state before the writes, which is how
 * an action snapshots what it changes (for "Hoàn tác" and "Xóa tô sáng") without a second round trip.
 *
 * Requirement sets: ExcelApi 1.9 is the minimum (getCellProperties/setCellProperties, WorksheetCollection.onChanged
 * and onFormatChanged). Used when present: 1.13 (merged areas), 1.14 (which add-in made a change), 1.20 (one undo
 * group per action).
 */
import * as z from "zod/mini";
import { HIGHLIGHT_COLOR, type HighlightEdit, REPORT_ROW_FORMAT, type ReportSheet, estimatedRowHeight } from "../../core/editPlan";
import { freeSheetName, qualified, quoteSheetName, toA1 } from "../../core/grid";
import { editedSince, type ModelStyle, type SheetModel, type WrittenContents } from "../../core/sheetModel";
import { startsLikeFormula } from "../../core/responsibility";
import type { AddedSheet, ReportReplace, ReportWritten, SheetRemoval, CellTextEdit, ChangeEvent, FillRecord, FillSnapshot, HighlightRecord, HostError, HostResult, NamedSheetRead, SheetRead, WorkbookHost } from "../host";
import type { Grid } from "../../core/grid";
import { fail, ok, SHEET_LIMITS, tooLarge } from "../host";
import { cleanText } from "../../core/text";
import { gridFromOffice, LoadError, LoadedExtentSchema, LoadedRangeSchema, mergesFromAddress, validated } from "./convert";

export const MIN_EXCEL_API = "1.9";

const SETTINGS_KEY = "phuluc-cchc";

type Ctx = Excel.RequestContext;

/** A used range's cells ("A1" → text, number, or "=formula"), after it was loaded with formulas and its position. */
function usedContents(used: Excel.Range): Map<string, string | number> {
  const now = new Map<string, string | number>();
  if (used.isNullObject) return now;
  (used.formulas as unknown[][]).forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== "" && v !== null) now.set(toA1(used.rowIndex + r, used.columnIndex + c), typeof v === "number" ? v : String(v));
    }),
  );
  return now;
}

function supports(version: string): boolean {
  try {
    return Office.context.requirements.isSetSupported("ExcelApi", version);
  } catch {
    return false;
  }
}

/** Office errors worth their own message; everything else is "failed" with Excel's words. */
function hostError(e: unknown): HostError {
  const code = typeof e === "object" && e !== null && "code" in e ? String((e as { code: unknown }).code) : "";
  const message = e instanceof Error ? e.message : String(e);
  if (code === "InvalidOperationInCellEditMode") return { code: "cell-edit-mode" };
  if (code === "AccessDenied" || code === "InsertDeleteConflict") return { code: "protected", detail: message };
  if (code === "ItemNotFound") return { code: "sheet-missing", detail: message };
  if (code === "RequestPayloadSizeLimitExceeded" || code === "ResponsePayloadSizeLimitExceeded") return { code: "too-large", detail: message };
  return { code: "failed", detail: message };
}

export class ExcelHost implements WorkbookHost {
  readonly kind = "excel" as const;
  readonly limits = SHEET_LIMITS;

  /** One Excel.run per action; an undo group when the Excel in use offers one (ExcelApi 1.20). */
  private async run<T>(batch: (ctx: Ctx) => Promise<T>): Promise<HostResult<T>> {
    try {
      const value = supports("1.20") ? await Excel.run({ mergeUndoGroup: true }, batch) : await Excel.run(batch);
      return ok(value);
    } catch (e) {
      if (e instanceof HostFailure) return fail(e.error);
      // Data that does not look like what was loaded is a bug in this host (a forgotten load), not a user problem.
      if (e instanceof LoadError) throw e;
      return fail(hostError(e));
    }
  }

  async readActiveSheet(reportSheetId?: string): Promise<HostResult<SheetRead>> {
    if (!supports(MIN_EXCEL_API)) return fail({ code: "office-too-old", params: { need: MIN_EXCEL_API } });
    return this.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      const report = reportSheetId !== undefined ? sheets.getItemOrNullObject(reportSheetId) : null;
      report?.load("id, name");
      // The sheet list, for the pane to know whether an appendix may go on on another sheet.
      sheets.load("items/name, items/visibility");
      const finish = queueSheet(sheets.getActiveWorksheet());
      await ctx.sync();

      const read = finish();
      if ("error" in read) throw new HostFailure(read.error);
      const reportSheet =
        report && !report.isNullObject ? { id: String(report.id), name: validated(LoadedNameSchema, report.name, "the report sheet name") } : null;
      const list = validated(LoadedSheetListSchema, sheets.items?.map((s) => ({ name: s.name, visibility: s.visibility })), "the sheet list");
      return { grid: read.grid, reportSheet, sheets: list.filter((s) => s.visibility === "Visible").map((s) => s.name) };
    });
  }

  async readSheets(names: ReadonlyArray<string>): Promise<HostResult<ReadonlyArray<NamedSheetRead>>> {
    if (names.length === 0) return ok([]);
    return this.run(async (ctx) => {
      // getItem, not getItemOrNullObject: nothing may be chained onto a null object. A sheet renamed or deleted
      // since the sheet list was read fails the batch with ItemNotFound ("sheet-missing"), and nothing is read.
      const queued = names.map((name) => ({ name, finish: queueSheet(ctx.workbook.worksheets.getItem(name)) }));
      await ctx.sync();
      return queued.map(({ name, finish }): NamedSheetRead => {
        const r = finish();
        return "error" in r ? { name, error: r.error } : { name, grid: r.grid };
      });
    });
  }

  async applyFills(sheetName: string, fills: ReadonlyArray<CellTextEdit>): Promise<HostResult<FillRecord>> {
    if (fills.length === 0) return ok({ sheetName, cells: [] });
    const result = await this.run(async (ctx) => {
      const sheetOf = sheetsOf(ctx);
      const cells = fills.map((f) => {
        const address = toA1(f.row, f.col);
        const range = sheetOf(f.sheet ?? sheetName).getRange(address);
        // Queued before the write: Excel returns what the cell held before it.
        range.load("formulas, numberFormat");
        if (f.font !== undefined) range.format.font.load("name");
        if (f.formula !== undefined) range.set({ formulas: [[f.formula]] });
        else if (f.number !== undefined) {
          if (f.numberFormat !== undefined) range.set({ numberFormat: [[f.numberFormat]] });
          range.set({ values: [[f.number]] });
        } else {
          if (f.numberFormat !== undefined || startsLikeFormula(f.value)) {
            // Text that Excel would parse as a formula ("=...", "- Sở ...") or as a number (a code "1.10") goes into
            // a Text-formatted cell.
            range.set({ numberFormat: [[f.numberFormat ?? "@"]] });
          }
          range.set({ values: [[f.value]] });
          // A "Thực hiện" text longer than its row shows: the row grows to fit it (Excel's autofit, this row only).
          if (f.font === undefined && f.numberFormat === undefined) range.format.autofitRows();
        }
        if (f.font !== undefined) range.format.font.set({ name: f.font });
        return { f, address, range };
      });
      await ctx.sync();
      return cells.map(({ f, address, range }) => ({
        address,
        before: (range.formulas?.[0]?.[0] ?? "") as string | number | boolean,
        beforeFormat: String(range.numberFormat?.[0]?.[0] ?? "General"),
        written: f.value,
        planned: f.from ?? f.old,
        ...(f.font !== undefined ? { beforeFont: String(range.format.font.name ?? "") } : {}),
        ...(f.sheet !== undefined && f.sheet !== sheetName ? { sheet: f.sheet } : {}),
      }));
    });
    if (!result.ok) return result;
    // The pane plans from its last read; if a cell was filled in since, the write just overwrote it. Put those
    // cells back at once (a second round trip only in this rare case) and say so.
    const clobbered = result.value.filter((c) => cleanText(String(c.before)) !== cleanText(c.planned));
    if (clobbered.length > 0) {
      const restore: FillRecord = { sheetName, cells: clobbered };
      await this.undoFills(restore);
      return fail({ code: "stale", params: { cells: clobbered.map((c) => qualified(c.sheet, c.address)).join(", ") } });
    }
    return ok({
      sheetName,
      cells: result.value.map(({ address, before, beforeFormat, written, beforeFont, sheet }) => ({
        address,
        before,
        beforeFormat,
        written,
        ...(beforeFont !== undefined ? { beforeFont } : {}),
        ...(sheet !== undefined ? { sheet } : {}),
      })),
    });
  }

  async undoFills(record: FillRecord): Promise<HostResult<{ restored: number; kept: string[] }>> {
    return this.run(async (ctx) => {
      const sheetOf = sheetsOf(ctx);
      // One read: what each cell holds now. A cell the user typed into since the fill is not ours to put back.
      const ranges = record.cells.map((c) => ({ c, range: sheetOf(c.sheet ?? record.sheetName).getRange(c.address).load("formulas") }));
      await ctx.sync();
      const kept: string[] = [];
      let restored = 0;
      for (const { c, range } of ranges) {
        const now = z.array(z.array(z.unknown())).parse(range.formulas)[0]?.[0];
        if (cleanText(String(now ?? "")) !== cleanText(c.written)) {
          kept.push(qualified(c.sheet, c.address));
          continue;
        }
        range.set({ numberFormat: [[c.beforeFormat]] });
        range.set({ formulas: [[c.before]] });
        if (c.beforeFont !== undefined && c.beforeFont !== "") range.format.font.set({ name: c.beforeFont });
        restored++;
      }
      // One write.
      if (restored > 0) await ctx.sync();
      return { restored, kept };
    });
  }

  async highlight(sheetName: string, cells: ReadonlyArray<HighlightEdit>): Promise<HostResult<HighlightRecord>> {
    return this.run(async (ctx) => {
      const sheetOf = sheetsOf(ctx);
      const queued = cells.map((c) => {
        const address = toA1(c.row, c.col);
        const range = sheetOf(c.sheet ?? sheetName).getRange(address);
        const before = range.getCellProperties({ format: { fill: { color: true, pattern: true, patternColor: true, tintAndShade: true, patternTintAndShade: true } } });
        range.format.fill.set({ color: HIGHLIGHT_COLOR });
        return { address, before, sheet: c.sheet !== undefined && c.sheet !== sheetName ? c.sheet : undefined };
      });
      await ctx.sync();
      return {
        sheetName,
        color: HIGHLIGHT_COLOR,
        cells: queued.map(({ address, before, sheet }) => ({ address, before: fillOf(before.value), ...(sheet !== undefined ? { sheet } : {}) })),
      };
    });
  }

  async clearHighlight(record: HighlightRecord, skip: ReadonlySet<string> = new Set()): Promise<HostResult<number>> {
    return this.run(async (ctx) => {
      const sheetOf = sheetsOf(ctx);
      let restored = 0;
      for (const c of record.cells) {
        if (skip.has(qualified(c.sheet, c.address))) continue;
        const range = sheetOf(c.sheet ?? record.sheetName).getRange(c.address);
        if (c.before.pattern === undefined || c.before.pattern === "None") range.format.fill.clear();
        else range.setCellProperties([[{ format: { fill: c.before as Excel.CellPropertiesFill } }]]);
        restored++;
      }
      await ctx.sync();
      return restored;
    });
  }

  async writeReport(report: ReportSheet, replace: ReportReplace | null): Promise<HostResult<ReportWritten>> {
    return this.run(async (ctx) => {
      // One read: the names taken, and what the old report holds now (a report with the user's notes is kept).
      const sheets = ctx.workbook.worksheets;
      sheets.load("items/name");
      const old = replace ? ctx.workbook.worksheets.getItemOrNullObject(replace.id) : null;
      const oldUsed = old?.getUsedRangeOrNullObject(true).load("formulas, rowIndex, columnIndex") ?? null;
      await ctx.sync();
      const names = sheets.items.map((x) => x.name);
      let kept: SheetRemoval | null = null;
      let name = freeSheetName(report.name, names);
      if (replace && old && oldUsed && !old.isNullObject) {
        const edit = editedSince(replace.written, usedContents(oldUsed));
        if (edit.edited) kept = { removed: false, edited: true, changed: edit.cells };
        else {
          old.delete();
          name = freeSheetName(replace.name, names.filter((n) => n !== replace.name));
        }
      }
      const sheet = sheets.add(name);
      sheet.load("id, name");
      report.rows.forEach((row, r) => {
        row.cells.forEach((cell, c) => {
          if (cell === null) return;
          const range = sheet.getRange(toA1(r, c));
          if (typeof cell === "number") range.set({ values: [[cell]] });
          else if (typeof cell === "string") {
            if (startsLikeFormula(cell)) range.set({ numberFormat: [["@"]] });
            range.set({ values: [[cell]] });
          } else {
            range.set({ hyperlink: { documentReference: `${quoteSheetName(cell.link.sheet)}!${cell.link.cell}`, textToDisplay: cell.text } });
          }
        });
        const line = sheet.getRangeByIndexes(r, 0, 1, Math.max(1, row.cells.length));
        const f = REPORT_ROW_FORMAT[row.style];
        const font = {
          ...(f.bold ? { bold: true } : {}),
          ...(f.italic ? { italic: true } : {}),
          ...(f.size !== undefined ? { size: f.size } : {}),
          ...(f.color !== undefined ? { color: f.color } : {}),
        };
        if (Object.keys(font).length > 0) line.format.font.set(font);
        if (f.fill !== undefined) line.format.fill.set({ color: f.fill });
        if (f.wraps) line.format.set({ wrapText: true, verticalAlignment: "Top", rowHeight: estimatedRowHeight(row, report.columnWidths) });
      });
      report.columnWidths.forEach((w, c) => {
        // Excel's column width is in points here; a character of the default font is about 7 points wide.
        sheet.getRangeByIndexes(0, c, 1, 1).format.set({ columnWidth: w * 7 });
      });
      sheet.pageLayout.set({ orientation: "Landscape", paperSize: "A4" });
      sheet.activate();
      await ctx.sync();
      return { id: String(sheet.id), name: String(sheet.name), replaced: replace !== null && kept === null && old !== null && !old.isNullObject, kept };
    });
  }

  async addSheet(model: SheetModel): Promise<HostResult<AddedSheet>> {
    return this.run(async (ctx) => {
      // One read: the names taken (Excel refuses a duplicate name), then one write of the whole sheet.
      const sheets = ctx.workbook.worksheets;
      sheets.load("items/name");
      await ctx.sync();
      const name = freeSheetName(model.name, sheets.items.map((x) => x.name));
      const sheet = sheets.add(name);
      sheet.load("id, name");
      queueModel(sheet, model);
      sheet.activate();
      await ctx.sync();
      return { id: String(sheet.id), name: String(sheet.name) };
    });
  }

  async removeAddedSheet(added: AddedSheet, written: WrittenContents): Promise<HostResult<SheetRemoval>> {
    return this.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItemOrNullObject(added.id);
      const used = sheet.getUsedRangeOrNullObject(true);
      used.load("formulas, rowIndex, columnIndex");
      await ctx.sync();
      if (sheet.isNullObject) return { removed: false, edited: false, changed: [] };
      const edit = editedSince(written, usedContents(used));
      if (edit.edited) return { removed: false, edited: true, changed: edit.cells };
      sheet.delete();
      await ctx.sync();
      return { removed: true, edited: false, changed: [] };
    });
  }

  async select(sheetName: string, address: string): Promise<HostResult<void>> {
    return this.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem(sheetName);
      sheet.activate();
      sheet.getRange(address).select();
      await ctx.sync();
    });
  }

  onActiveSheetChanged(listener: () => void): () => void {
    return this.subscribe((ctx) => ctx.workbook.worksheets.onActivated.add(async () => listener()));
  }

  onChange(listener: (e: ChangeEvent) => void): () => void {
    const names = new Map<string, string>();
    const nameOf = async (id: string): Promise<string> => {
      const known = names.get(id);
      if (known !== undefined) return known;
      const r = await Excel.run(async (ctx) => {
        const s = ctx.workbook.worksheets.getItem(id);
        s.load("name");
        await ctx.sync();
        return s.name;
      });
      names.set(id, r);
      return r;
    };
    const byAddin = (args: { triggerSource?: string }): boolean | null =>
      args.triggerSource === undefined ? null : args.triggerSource === "ThisLocalAddin";
    const offValues = this.subscribe((ctx) =>
      ctx.workbook.worksheets.onChanged.add(async (args) => {
        listener({ sheetName: await nameOf(args.worksheetId), address: args.address, kind: "value", byThisAddin: byAddin(args) });
      }),
    );
    const offFormats = this.subscribe((ctx) =>
      ctx.workbook.worksheets.onFormatChanged.add(async (args) => {
        listener({ sheetName: await nameOf(args.worksheetId), address: args.address, kind: "format", byThisAddin: byAddin(args as { triggerSource?: string }) });
      }),
    );
    return () => {
      offValues();
      offFormats();
    };
  }

  private subscribe(add: (ctx: Ctx) => OfficeExtension.EventHandlerResult<unknown>): () => void {
    let handler: OfficeExtension.EventHandlerResult<unknown> | undefined;
    void Excel.run(async (ctx) => {
      handler = add(ctx);
      await ctx.sync();
    }).catch(() => undefined);
    return () => {
      const h = handler;
      if (!h) return;
      void Excel.run(h.context, async (ctx) => {
        h.remove();
        await ctx.sync();
      }).catch(() => undefined);
    };
  }

  loadSettings(): unknown {
    try {
      return Office.context.document.settings.get(SETTINGS_KEY) ?? null;
    } catch {
      return null;
    }
  }

  saveSettings(settings: unknown): Promise<HostResult<void>> {
    return new Promise((resolve) => {
      try {
        Office.context.document.settings.set(SETTINGS_KEY, settings);
        Office.context.document.settings.saveAsync((r) => {
          resolve(r.status === Office.AsyncResultStatus.Succeeded ? ok(undefined) : fail({ code: "failed", detail: r.error?.message ?? "" }));
        });
      } catch (e) {
        resolve(fail(hostError(e)));
      }
    });
  }

  displayLanguage(): string {
    try {
      return Office.context.displayLanguage || "vi-VN";
    } catch {
      return "vi-VN";
    }
  }

  prefersDark(): boolean {
    try {
      const bg = Office.context.officeTheme?.bodyBackgroundColor;
      return typeof bg === "string" && luminance(bg) < 0.35;
    } catch {
      return false;
    }
  }
}

/** A failure the host decided on inside a batch (the sheet is too large), carried out of Excel.run. */
class HostFailure extends Error {
  constructor(readonly error: HostError) {
    super(error.code);
  }
}

/** The worksheets of one batch by name, each proxy made once. */
function sheetsOf(ctx: Ctx): (name: string) => Excel.Worksheet {
  const made = new Map<string, Excel.Worksheet>();
  return (name) => {
    let sheet = made.get(name);
    if (!sheet) {
      sheet = ctx.workbook.worksheets.getItem(name);
      made.set(name, sheet);
    }
    return sheet;
  };
}

/**
 * Queue the loads of one sheet (name, protection, extent, the cells within SHEET_LIMITS, merged areas) and return
 * what turns the loaded proxies into a grid after the sync. The sheet's extent runs from A1 to its last used cell;
 * loading only the capped window keeps the payload bounded even on a 60,000-row sheet, which is then refused, not
 * read in part.
 */
function queueSheet(sheet: Excel.Worksheet): () => { grid: Grid } | { error: HostError } {
  sheet.load("name");
  sheet.protection.load("protected");
  const extent = sheet.getRange("A1").getBoundingRect(sheet.getUsedRange(true));
  extent.load("rowCount, columnCount");
  const window = extent.getIntersection(sheet.getRangeByIndexes(0, 0, SHEET_LIMITS.maxRows, SHEET_LIMITS.maxCols));
  window.load("values, text, numberFormat, formulas, valueTypes");
  const merged = supports("1.13") ? window.getMergedAreasOrNullObject() : null;
  merged?.load("address");
  // Each cell's font name, by which legacy encodings (.VnTime, VNI-Times) are told, over the part of the sheet where
  // an appendix is (FONT_WINDOW): a font name per cell costs more than a value, so not over the whole window.
  const fontWindow = extent.getIntersection(sheet.getRangeByIndexes(0, 0, FONT_WINDOW.rows, FONT_WINDOW.cols));
  const fonts = fontWindow.getCellProperties({ format: { font: { name: true } } });
  return () => {
    const size = validated(LoadedExtentSchema, { rowCount: extent.rowCount, columnCount: extent.columnCount }, "the used range");
    const refused = tooLarge(size.rowCount, size.columnCount);
    if (refused) return { error: refused };
    const range = validated(
      LoadedRangeSchema,
      { values: window.values, text: window.text, numberFormat: window.numberFormat, formulas: window.formulas, valueTypes: window.valueTypes },
      "the sheet's cells",
    );
    const name = validated(LoadedNameSchema, sheet.name, "the sheet name");
    const isProtected = validated(LoadedBoolSchema, sheet.protection.protected, "the sheet protection");
    const merges = merged && !merged.isNullObject ? mergesFromAddress(merged.address) : [];
    const fontNames = validated(FontsSchema, fonts.value, "the cells' fonts").map((row) => row.map((c) => c.format?.font?.name ?? ""));
    return { grid: gridFromOffice(name, range, merges, isProtected, fontNames) };
  };
}

/** Where the Office host reads each cell's font name (rows × columns from A1). */
export const FONT_WINDOW = { rows: 1000, cols: 20 } as const;

const FontsSchema = z.array(z.array(z.object({ format: z.optional(z.object({ font: z.optional(z.object({ name: z.optional(z.nullable(z.string())) })) })) })));

const LoadedNameSchema = z.string();
const LoadedSheetListSchema = z.array(z.object({ name: z.string(), visibility: z.string() }));
const LoadedBoolSchema = z.boolean();

const FillSchema = z.object({
  format: z.optional(
    z.object({
      fill: z.optional(
        z.object({
          color: z.optional(z.string()),
          pattern: z.optional(z.string()),
          patternColor: z.optional(z.string()),
          tintAndShade: z.optional(z.nullable(z.number())),
          patternTintAndShade: z.optional(z.nullable(z.number())),
        }),
      ),
    }),
  ),
});

function fillOf(props: unknown): FillSnapshot {
  const cell = validated(z.array(z.array(FillSchema)), props, "a cell's format")[0]?.[0];
  const f = cell?.format?.fill ?? {};
  const out: { -readonly [K in keyof FillSnapshot]: FillSnapshot[K] } = {};
  if (f.color !== undefined) out.color = f.color;
  if (f.pattern !== undefined) out.pattern = f.pattern;
  if (f.patternColor !== undefined) out.patternColor = f.patternColor;
  if (typeof f.tintAndShade === "number") out.tintAndShade = f.tintAndShade;
  if (typeof f.patternTintAndShade === "number") out.patternTintAndShade = f.patternTintAndShade;
  return out;
}

function luminance(hex: string): number {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) return 1;
  const [r, g, b] = [m[1], m[2], m[3]].map((x) => parseInt(x ?? "ff", 16) / 255) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const BORDER_EDGES = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical"] as const;

/**
 * Queue a sheet model's contents and formats on a new sheet (no sync here). Text goes into Text-formatted cells, so
 * that nothing typed as text is ever read as a formula or a number ("1.1" stays a code); formulas are set after.
 */
function queueModel(sheet: Excel.Worksheet, model: SheetModel): void {
  const cols = Math.max(1, model.columns.length, ...model.rows.map((r) => r.cells.length));
  const rows = Math.max(1, model.rows.length);
  const values: Array<Array<string | number>> = [];
  const formats: string[][] = [];
  const formulas: Array<{ r: number; c: number; f: string }> = [];
  for (let r = 0; r < rows; r++) {
    const cells = model.rows[r]?.cells ?? [];
    const vr: Array<string | number> = [];
    const fr: string[] = [];
    for (let c = 0; c < cols; c++) {
      const cell = cells[c];
      const v = cell?.value;
      vr.push(typeof v === "number" && Number.isFinite(v) ? v : typeof v === "string" ? v : "");
      fr.push(typeof v === "string" && v !== "" && cell?.formula === undefined ? "@" : (cell?.style?.numFmt ?? "General"));
      if (cell?.formula !== undefined) formulas.push({ r, c, f: `=${cell.formula}` });
    }
    values.push(vr);
    formats.push(fr);
  }
  const all = sheet.getRangeByIndexes(0, 0, rows, cols);
  all.set({ numberFormat: formats });
  all.set({ values });
  for (const { r, c, f } of formulas) sheet.getRangeByIndexes(r, c, 1, 1).set({ formulas: [[f]] });
  // Formats by runs of cells with the same style on a row: one range each.
  model.rows.forEach((row, r) => {
    let start = 0;
    const key = (c: number) => JSON.stringify(row.cells[c]?.style ?? null);
    for (let c = 1; c <= row.cells.length; c++) {
      if (c < row.cells.length && key(c) === key(start)) continue;
      const style = row.cells[start]?.style;
      if (style) queueStyle(sheet.getRangeByIndexes(r, start, 1, c - start), style);
      start = c;
    }
    if (row.height !== undefined) sheet.getRangeByIndexes(r, 0, 1, 1).format.set({ rowHeight: row.height });
  });
  // Excel's column width is in points here; a character of the default font is about 7 points wide.
  model.columns.forEach((w, c) => sheet.getRangeByIndexes(0, c, 1, 1).format.set({ columnWidth: w * 7 }));
  for (const m of model.merges) sheet.getRangeByIndexes(m.top, m.left, m.bottom - m.top + 1, m.right - m.left + 1).merge(false);
  const p = model.print;
  if (p) {
    sheet.pageLayout.set({ orientation: p.landscape ? "Landscape" : "Portrait", paperSize: "A4", ...(p.fitToWidth ? { zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 } } : {}) });
    if (p.titleRows) sheet.pageLayout.setPrintTitleRows(`$${p.titleRows[0] + 1}:$${p.titleRows[1] + 1}`);
  }
  if (model.freeze && model.freeze.rows > 0) sheet.freezePanes.freezeRows(model.freeze.rows);
}

function queueStyle(range: Excel.Range, s: ModelStyle): void {
  range.format.font.set({
    name: s.font ?? "Times New Roman",
    ...(s.size !== undefined ? { size: s.size } : {}),
    ...(s.bold ? { bold: true } : {}),
    ...(s.italic ? { italic: true } : {}),
  });
  range.format.set({
    ...(s.wrap ? { wrapText: true } : {}),
    ...(s.align ? { horizontalAlignment: s.align === "left" ? "Left" : s.align === "center" ? "Center" : "Right" } : {}),
    ...(s.valign ? { verticalAlignment: s.valign === "top" ? "Top" : s.valign === "center" ? "Center" : "Bottom" } : {}),
  });
  if (s.fill) range.format.fill.set({ color: `#${s.fill.slice(-6)}` });
  if (s.border) for (const edge of BORDER_EDGES) range.format.borders.getItem(edge).set({ style: "Continuous", weight: "Thin" });
}
