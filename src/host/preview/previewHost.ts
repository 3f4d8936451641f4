/**
 * The preview host: the same WorkbookHost contract as the Office host, over a workbook held in the browser. It lets
 * the real task pane run beside a rendering of a workbook on a page without Excel, for development, demonstrations
 * and browser tests. It is not Excel: formulas are not recalculated and formats are only fills.
 */
import { HIGHLIGHT_COLOR, type HighlightEdit, REPORT_ROW_FORMAT, type ReportSheet } from "../../core/editPlan";
import { type Cell, freeSheetName, type Grid, type MergedArea, parseA1, qualified, toA1 } from "../../core/grid";
import { gridOfModel } from "../../core/newAppendix";
import { editedSince, type SheetModel, type WrittenContents } from "../../core/sheetModel";
import { formatNumber } from "../../core/numberFormat";
import { cleanText } from "../../core/text";
import type { AddedSheet, ReportReplace, ReportWritten, SheetRemoval, CellTextEdit, ChangeEvent, FillRecord, FillSnapshot, HighlightRecord, HostResult, NamedSheetRead, SheetRead, WorkbookHost } from "../host";
import { fail, ok, SHEET_LIMITS, tooLarge } from "../host";

export interface PreviewCell {
  value: string | number | boolean | null;
  formula?: string;
  numberFormat?: string;
  error?: boolean;
  fill: FillSnapshot;
  link?: { sheet: string; cell: string };
  /** The cell's font name, where the workbook it came from says (legacy encodings are told by it). */
  font?: string;
}

/** What a preview sheet holds, cell by cell, as Excel's `formulas` would return it. */
function contentsOf(sheet: PreviewSheet): Map<string, string | number> {
  const now = new Map<string, string | number>();
  for (const [a, c] of sheet.cells) {
    const v = c.formula ?? c.value;
    if (v !== null && v !== "" && typeof v !== "boolean") now.set(a, v);
  }
  return now;
}

export interface PreviewSheet {
  readonly id: string;
  name: string;
  cells: Map<string, PreviewCell>;
  merges: MergedArea[];
  protected: boolean;
  widths: number[];
}

const NO_FILL: FillSnapshot = { pattern: "None" };

export class PreviewWorkbook {
  sheets: PreviewSheet[] = [];
  active = 0;
  selection: { sheet: string; address: string } | null = null;
  settings: unknown = null;
  private nextId = 1;
  private readonly viewListeners = new Set<() => void>();
  readonly activeListeners = new Set<() => void>();

  addSheet(name: string, grid?: Grid, fills: ReadonlyMap<string, FillSnapshot> = new Map(), widths: number[] = []): PreviewSheet {
    const cells = new Map<string, PreviewCell>();
    grid?.rows.forEach((row, r) =>
      row.forEach((c, col) => {
        if (!c) return;
        const address = toA1(r, col);
        cells.set(address, {
          value: c.kind === "empty" ? null : c.value,
          ...(c.formula !== undefined ? { formula: c.formula } : {}),
          ...(c.numberFormat !== undefined ? { numberFormat: c.numberFormat } : {}),
          ...(c.kind === "error" ? { error: true } : {}),
          ...(c.font !== undefined ? { font: c.font } : {}),
          fill: fills.get(address) ?? NO_FILL,
        });
      }),
    );
    for (const [address, fill] of fills) if (!cells.has(address)) cells.set(address, { value: null, fill });
    const sheet: PreviewSheet = { id: `{preview-${this.nextId++}}`, name, cells, merges: [...(grid?.merges ?? [])], protected: grid?.protected === true, widths };
    this.sheets.push(sheet);
    return sheet;
  }

  sheet(nameOrId: string): PreviewSheet | undefined {
    return this.sheets.find((s) => s.name === nameOrId || s.id === nameOrId);
  }

  activeSheet(): PreviewSheet | undefined {
    return this.sheets[this.active];
  }

  activate(name: string): void {
    const i = this.sheets.findIndex((s) => s.name === name);
    if (i < 0 || i === this.active) return;
    this.active = i;
    this.changed();
    for (const l of this.activeListeners) l();
  }

  subscribe(listener: () => void): () => void {
    this.viewListeners.add(listener);
    return () => this.viewListeners.delete(listener);
  }

  changed(): void {
    for (const l of this.viewListeners) l();
  }

  /** The text the view shows for a cell. */
  static display(c: PreviewCell | undefined): string {
    if (!c || c.value === null) return "";
    if (typeof c.value === "number") return formatNumber(c.value, c.numberFormat);
    if (typeof c.value === "boolean") return c.value ? "TRUE" : "FALSE";
    return c.value;
  }

  toGrid(sheet: PreviewSheet): Grid {
    const rows: Array<Array<Cell | undefined>> = [];
    let colCount = 0;
    for (const [address, c] of sheet.cells) {
      const at = parseA1(address);
      if (!at || (c.value === null && c.formula === undefined)) continue;
      const { rowIndex: row, colIndex: col } = at;
      const text = PreviewWorkbook.display(c);
      const extra = { ...(c.formula !== undefined ? { formula: c.formula } : {}), ...(c.numberFormat !== undefined ? { numberFormat: c.numberFormat } : {}), ...(c.font !== undefined ? { font: c.font } : {}) };
      const cell: Cell =
        c.value === null
          ? { kind: "empty", value: null, text: "", ...extra }
          : c.error
            ? { kind: "error", value: String(c.value), text, ...extra }
            : typeof c.value === "number"
              ? { kind: "number", value: c.value, text, ...extra }
              : typeof c.value === "boolean"
                ? { kind: "boolean", value: c.value, text, ...extra }
                : { kind: "text", value: c.value, text, ...extra };
      (rows[row] ??= [])[col] = cell;
      colCount = Math.max(colCount, col + 1);
    }
    for (let i = 0; i < rows.length; i++) rows[i] ??= [];
    return { sheetName: sheet.name, rowCount: rows.length, colCount, rows, merges: sheet.merges, protected: sheet.protected };
  }
}

function cellText(c: PreviewCell | undefined): string {
  return c?.value === null || c?.value === undefined ? "" : cleanText(String(c.value));
}

/** Formula-like text in a preview cell stays text, as in a Text-formatted Excel cell. */
export class PreviewHost implements WorkbookHost {
  readonly kind = "preview" as const;
  readonly limits = SHEET_LIMITS;
  /** Round trips, for the tests that count them as for Excel. */
  roundTrips = 0;
  private readonly changeListeners = new Set<(e: ChangeEvent) => void>();

  constructor(readonly workbook: PreviewWorkbook, private readonly language = "vi-VN") {}

  private trip<T>(f: () => HostResult<T>): Promise<HostResult<T>> {
    this.roundTrips++;
    return Promise.resolve().then(f);
  }

  private need(name: string): PreviewSheet | HostResult<never> {
    const s = this.workbook.sheet(name);
    return s ?? fail({ code: "sheet-missing", detail: name });
  }

  readActiveSheet(reportSheetId?: string): Promise<HostResult<SheetRead>> {
    return this.trip(() => {
      const sheet = this.workbook.activeSheet();
      if (!sheet) return fail({ code: "sheet-missing" });
      const grid = this.workbook.toGrid(sheet);
      const refused = tooLarge(grid.rowCount, grid.colCount);
      if (refused) return fail(refused);
      const report = reportSheetId !== undefined ? this.workbook.sheet(reportSheetId) : undefined;
      return ok({ grid, reportSheet: report ? { id: report.id, name: report.name } : null, sheets: this.workbook.sheets.map((s) => s.name) });
    });
  }

  readSheets(names: ReadonlyArray<string>): Promise<HostResult<ReadonlyArray<NamedSheetRead>>> {
    if (names.length === 0) return Promise.resolve(ok([]));
    return this.trip(() => {
      const sheets = names.map((name) => this.need(name));
      const missing = sheets.find((s): s is HostResult<never> => "ok" in s);
      if (missing) return missing;
      return ok(
        (sheets as PreviewSheet[]).map((sheet): NamedSheetRead => {
          const grid = this.workbook.toGrid(sheet);
          const refused = tooLarge(grid.rowCount, grid.colCount);
          return refused ? { name: sheet.name, error: refused } : { name: sheet.name, grid };
        }),
      );
    });
  }

  /**
   * The sheets named by an action's cells (`sheet`, or the action's own sheet), or the error of the first missing;
   * for a write (`writes`), "protected" when a cell is on a protected sheet.
   */
  private sheetsFor(sheetName: string, cells: ReadonlyArray<{ readonly sheet?: string }>, writes = false): Map<string, PreviewSheet> | HostResult<never> {
    const out = new Map<string, PreviewSheet>();
    for (const name of [sheetName, ...cells.map((c) => c.sheet ?? sheetName)]) {
      if (out.has(name)) continue;
      const s = this.need(name);
      if ("ok" in s) return s;
      out.set(name, s);
    }
    if (writes && cells.some((c) => out.get(c.sheet ?? sheetName)!.protected)) return fail({ code: "protected" });
    return out;
  }

  applyFills(sheetName: string, fills: ReadonlyArray<CellTextEdit>): Promise<HostResult<FillRecord>> {
    return this.trip(() => {
      const sheets = this.sheetsFor(sheetName, fills, true);
      if (!(sheets instanceof Map)) return sheets;
      const at = (f: CellTextEdit): PreviewSheet => sheets.get(f.sheet ?? sheetName)!;
      const other = (f: { readonly sheet?: string }): { sheet: string } | Record<string, never> => (f.sheet !== undefined && f.sheet !== sheetName ? { sheet: f.sheet } : {});
      const stale = fills.filter((f) => cellText(at(f).cells.get(toA1(f.row, f.col))) !== cleanText(f.from ?? f.old));
      if (stale.length > 0) return fail({ code: "stale", params: { cells: stale.map((f) => qualified(other(f).sheet, toA1(f.row, f.col))).join(", ") } });
      const cells = fills.map((f) => {
        const address = toA1(f.row, f.col);
        const sheet = at(f);
        const c = sheet.cells.get(address) ?? { value: null, fill: NO_FILL };
        const record = {
          address,
          before: (c.formula ?? c.value ?? "") as string | number | boolean,
          beforeFormat: c.numberFormat ?? "General",
          written: f.value,
          ...(f.font !== undefined ? { beforeFont: c.font ?? "" } : {}),
          ...other(f),
        };
        const { formula: _f, ...rest } = c;
        sheet.cells.set(address, { ...rest, value: f.number ?? f.value, ...(f.formula !== undefined ? { formula: f.formula } : {}), ...(f.numberFormat !== undefined ? { numberFormat: f.numberFormat } : {}), ...(f.font !== undefined ? { font: f.font } : {}) });
        return record;
      });
      this.workbook.changed();
      return ok({ sheetName, cells });
    });
  }

  undoFills(record: FillRecord): Promise<HostResult<{ restored: number; kept: string[] }>> {
    return this.trip(() => {
      const sheets = this.sheetsFor(record.sheetName, record.cells);
      if (!(sheets instanceof Map)) return sheets;
      const kept: string[] = [];
      let restored = 0;
      for (const c of record.cells) {
        const sheet = sheets.get(c.sheet ?? record.sheetName)!;
        const cur = sheet.cells.get(c.address) ?? { value: null, fill: NO_FILL };
        // A cell the user typed into since the fill keeps the user's text.
        if (cleanText(String(cur.formula ?? cur.value ?? "")) !== cleanText(c.written)) {
          kept.push(qualified(c.sheet, c.address));
          continue;
        }
        const { formula: _f, numberFormat: _n, font: _font, ...rest } = cur;
        const isFormula = typeof c.before === "string" && c.before.startsWith("=");
        sheet.cells.set(c.address, {
          ...rest,
          value: isFormula || c.before === "" ? null : c.before,
          ...(isFormula ? { formula: String(c.before) } : {}),
          ...(c.beforeFormat !== "General" ? { numberFormat: c.beforeFormat } : {}),
          ...(c.beforeFont !== undefined ? (c.beforeFont !== "" ? { font: c.beforeFont } : {}) : cur.font !== undefined ? { font: cur.font } : {}),
        });
        restored++;
      }
      this.workbook.changed();
      return ok({ restored, kept });
    });
  }

  highlight(sheetName: string, cells: ReadonlyArray<HighlightEdit>): Promise<HostResult<HighlightRecord>> {
    return this.trip(() => {
      const sheets = this.sheetsFor(sheetName, cells, true);
      if (!(sheets instanceof Map)) return sheets;
      const record = cells.map((c) => {
        const address = toA1(c.row, c.col);
        const sheet = sheets.get(c.sheet ?? sheetName)!;
        const cur = sheet.cells.get(address) ?? { value: null, fill: NO_FILL };
        sheet.cells.set(address, { ...cur, fill: { color: HIGHLIGHT_COLOR, pattern: "Solid" } });
        return { address, before: { ...cur.fill }, ...(c.sheet !== undefined && c.sheet !== sheetName ? { sheet: c.sheet } : {}) };
      });
      this.workbook.changed();
      return ok({ sheetName, color: HIGHLIGHT_COLOR, cells: record });
    });
  }

  clearHighlight(record: HighlightRecord, skip: ReadonlySet<string> = new Set()): Promise<HostResult<number>> {
    return this.trip(() => {
      const sheets = this.sheetsFor(record.sheetName, record.cells);
      if (!(sheets instanceof Map)) return sheets;
      let n = 0;
      for (const c of record.cells) {
        if (skip.has(qualified(c.sheet, c.address))) continue;
        const sheet = sheets.get(c.sheet ?? record.sheetName)!;
        const cur = sheet.cells.get(c.address) ?? { value: null, fill: NO_FILL };
        sheet.cells.set(c.address, { ...cur, fill: { ...c.before } });
        n++;
      }
      this.workbook.changed();
      return ok(n);
    });
  }

  writeReport(report: ReportSheet, replace: ReportReplace | null): Promise<HostResult<ReportWritten>> {
    return this.trip(() => {
      const old = replace ? this.workbook.sheet(replace.id) : undefined;
      let kept: SheetRemoval | null = null;
      let replaced = false;
      if (replace && old) {
        const edit = editedSince(replace.written, contentsOf(old));
        if (edit.edited) kept = { removed: false, edited: true, changed: edit.cells };
        else {
          const at = this.workbook.sheets.indexOf(old);
          this.workbook.sheets = this.workbook.sheets.filter((s) => s !== old);
          if (this.workbook.active > at) this.workbook.active--;
          replaced = true;
        }
      }
      const name = freeSheetName(replaced && replace ? replace.name : report.name, this.workbook.sheets.map((x) => x.name));
      const sheet = this.workbook.addSheet(name, undefined, new Map(), [...report.columnWidths]);
      report.rows.forEach((row, r) =>
        row.cells.forEach((cell, c) => {
          if (cell === null) return;
          const address = toA1(r, c);
          const color = REPORT_ROW_FORMAT[row.style].fill;
          const fill = color !== undefined ? { color, pattern: "Solid" } : NO_FILL;
          if (typeof cell === "object") sheet.cells.set(address, { value: cell.text, link: cell.link, fill });
          else sheet.cells.set(address, { value: cell, fill });
        }),
      );
      this.workbook.active = this.workbook.sheets.indexOf(sheet);
      this.workbook.changed();
      return ok({ id: sheet.id, name: sheet.name, replaced, kept });
    });
  }

  addSheet(model: SheetModel): Promise<HostResult<AddedSheet>> {
    return this.trip(() => {
      const name = freeSheetName(model.name, this.workbook.sheets.map((x) => x.name));
      const sheet = this.workbook.addSheet(name, gridOfModel(model), new Map(), [...model.columns]);
      this.workbook.active = this.workbook.sheets.indexOf(sheet);
      this.workbook.changed();
      for (const l of this.workbook.activeListeners) l();
      return ok({ id: sheet.id, name: sheet.name });
    });
  }

  removeAddedSheet(added: AddedSheet, written: WrittenContents): Promise<HostResult<SheetRemoval>> {
    return this.trip<SheetRemoval>(() => {
      const sheet = this.workbook.sheet(added.id);
      if (!sheet) return ok({ removed: false, edited: false, changed: [] });
      const edit = editedSince(written, contentsOf(sheet));
      if (edit.edited) return ok({ removed: false, edited: true, changed: edit.cells });
      const wasActive = this.workbook.activeSheet() === sheet;
      this.workbook.sheets = this.workbook.sheets.filter((x) => x !== sheet);
      if (wasActive) this.workbook.active = 0;
      else this.workbook.active = Math.min(this.workbook.active, this.workbook.sheets.length - 1);
      this.workbook.changed();
      if (wasActive) for (const l of this.workbook.activeListeners) l();
      return ok({ removed: true, edited: false, changed: [] });
    });
  }

  select(sheetName: string, address: string): Promise<HostResult<void>> {
    return this.trip(() => {
      const i = this.workbook.sheets.findIndex((s) => s.name === sheetName);
      if (i < 0) return fail({ code: "sheet-missing", detail: sheetName });
      this.workbook.selection = { sheet: sheetName, address };
      // As in Excel, activating another sheet fires its activation event (the pane re-checks).
      if (i !== this.workbook.active) this.workbook.activate(sheetName);
      else this.workbook.changed();
      return ok(undefined);
    });
  }

  onActiveSheetChanged(listener: () => void): () => void {
    this.workbook.activeListeners.add(listener);
    return () => this.workbook.activeListeners.delete(listener);
  }

  onChange(listener: (e: ChangeEvent) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** A user's edit in the preview (the view's cell editor), announced like Excel's onChanged. */
  userEdit(sheetName: string, address: string, value: string): void {
    const sheet = this.workbook.sheet(sheetName);
    if (!sheet) return;
    const cur = sheet.cells.get(address) ?? { value: null, fill: NO_FILL };
    const n = Number(value.replace(",", "."));
    sheet.cells.set(address, { ...cur, value: value === "" ? null : Number.isFinite(n) && /^[\d.,-]+$/.test(value) ? n : value });
    this.workbook.changed();
    for (const l of this.changeListeners) l({ sheetName, address, kind: "value", byThisAddin: false });
  }

  loadSettings(): unknown {
    return this.workbook.settings;
  }

  saveSettings(settings: unknown): Promise<HostResult<void>> {
    this.workbook.settings = JSON.parse(JSON.stringify(settings)) as unknown;
    return Promise.resolve(ok(undefined));
  }

  displayLanguage(): string {
    return this.language;
  }

  prefersDark(): boolean {
    return false;
  }
}
