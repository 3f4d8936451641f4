/**
 * The contract between the task pane and a workbook: the Office host (real Excel) and the preview host (an
 * in-browser workbook) both implement it, so the pane never knows which one it talks to.
 *
 * Each action is one round trip to the workbook: read = one sync, each write = one sync.
 */
import type { HighlightEdit, ReportSheet } from "../core/editPlan";
import type { SheetModel, WrittenContents } from "../core/sheetModel";
import type { Grid } from "../core/grid";

export type HostErrorCode =
  | "protected"
  | "too-large"
  | "office-too-old"
  | "not-excel"
  | "cell-edit-mode"
  | "sheet-missing"
  | "stale"
  | "failed";

export interface HostError {
  readonly code: HostErrorCode;
  readonly params?: Readonly<Record<string, string | number>>;
  /** The host's own words (an Office error message), shown after ours. */
  readonly detail?: string;
}

export type HostResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: HostError };

export const ok = <T>(value: T): HostResult<T> => ({ ok: true, value });
export const fail = <T = never>(error: HostError): HostResult<T> => ({ ok: false, error });

/**
 * The largest sheet the pane reads in one round trip (Excel on the web caps a request at about 5 MB). The preview
 * host keeps the same limit, so that it refuses what Excel would.
 */
export const SHEET_LIMITS = { maxRows: 3000, maxCols: 40 } as const;

/** The "too-large" error of a sheet beyond SHEET_LIMITS, or undefined when it fits. */
export function tooLarge(rows: number, cols: number): HostError | undefined {
  const { maxRows, maxCols } = SHEET_LIMITS;
  return rows > maxRows || cols > maxCols ? { code: "too-large", params: { rows, cols, maxRows, maxCols } } : undefined;
}

/** What a sheet read returns: the grid, and what the pane needs to know about the workbook around it. */
export interface SheetRead {
  readonly grid: Grid;
  /** The report sheet this tool wrote earlier, if it still exists (asked for by id in the same round trip). */
  readonly reportSheet: { readonly id: string; readonly name: string } | null;
  /** The workbook's visible sheets in order, the active one included (loaded in the same round trip). */
  readonly sheets: ReadonlyArray<string>;
}

/** A sheet read by name: its grid, or why it was not read (too large, gone). */
export type NamedSheetRead = { readonly name: string; readonly grid: Grid } | { readonly name: string; readonly error: HostError };

/** A cell's fill as it was before the tool highlighted it (Excel's CellPropertiesFill). */
export interface FillSnapshot {
  readonly color?: string;
  readonly pattern?: string;
  readonly patternColor?: string;
  readonly tintAndShade?: number;
  readonly patternTintAndShade?: number;
}

/** What "Tô sáng" changed, kept with the document so that "Xóa tô sáng" can put it back even in a later session. */
export interface HighlightRecord {
  readonly sheetName: string;
  readonly color: string;
  readonly cells: ReadonlyArray<{ readonly address: string; readonly before: FillSnapshot; readonly sheet?: string }>;
}

/** What a fill wrote and what each cell held before, for "Hoàn tác". */
export interface FillRecord {
  readonly sheetName: string;
  readonly cells: ReadonlyArray<{
    readonly address: string;
    /** The cell's formula or constant before the write (Excel's `formulas`), "" when empty. */
    readonly before: string | number | boolean;
    readonly beforeFormat: string;
    readonly written: string;
    /** The cell's font before the write, when the write changed it (a legacy font replaced by a Unicode one). */
    readonly beforeFont?: string;
    /** The cell's sheet when it is not `sheetName` (an appendix over several sheets). */
    readonly sheet?: string;
  }>;
}

/**
 * One text written into a cell: a planned "Thực hiện" fill, or a legacy-encoded text converted to Unicode. `old` is
 * what the plan saw (decoded); `from`, when given, is the text the cell must still hold as stored; `font`, a font
 * for the cell (its legacy font's Unicode counterpart).
 */
export interface CellTextEdit {
  readonly row: number;
  readonly col: number;
  readonly old: string;
  readonly value: string;
  readonly from?: string;
  readonly font?: string;
  /** The cell's sheet when it is not the sheet the write is addressed to (an appendix over several sheets). */
  readonly sheet?: string;
  /** Write this number instead of the text `value` (which is its text, for the undo record): "Chuyển thành số". */
  readonly number?: number;
  /** A number format set before the value ("General" for a cell formatted as Text). */
  readonly numberFormat?: string;
  /** Write this formula ("=SUM(D8,D9)"; `value` is the same text, `number` its result for a host that cannot compute). */
  readonly formula?: string;
}

/** A sheet the tool added (a criteria set, a new appendix): what "Hoàn tác" needs to remove it safely. */
export interface AddedSheet {
  readonly id: string;
  readonly name: string;
}

/** The outcome of removing a sheet the tool added: removed, or kept because the user changed it (`edited`). */
export interface SheetRemoval {
  readonly removed: boolean;
  readonly edited: boolean;
  /** The cells changed since, when the whole of what was written is known (not after a reload: see WrittenContents). */
  readonly changed: ReadonlyArray<string>;
}

/** A report sheet the tool wrote before, that a new report may replace. */
export interface ReportReplace extends AddedSheet {
  readonly written: WrittenContents;
}

export interface ReportWritten extends AddedSheet {
  /** True when the old report was deleted and the new one took its name. */
  readonly replaced: boolean;
  /** The old report, kept because the user changed it since it was written. */
  readonly kept: SheetRemoval | null;
}

export interface ChangeEvent {
  readonly sheetName: string;
  readonly address: string;
  readonly kind: "value" | "format";
  /** True when the change was made by this add-in (ExcelApi 1.14 says so; older Excel cannot tell). */
  readonly byThisAddin: boolean | null;
}

export interface WorkbookHost {
  readonly kind: "excel" | "preview";
  /** The largest sheet the pane reads; larger sheets are refused with a message, not read in part. */
  readonly limits: { readonly maxRows: number; readonly maxCols: number };
  /** Read the active sheet; `reportSheetId` is the id of a report sheet the tool made before, to see if it exists. */
  readActiveSheet(reportSheetId?: string): Promise<HostResult<SheetRead>>;
  /**
   * Read other sheets by name, all in one round trip (the rest of an appendix over several sheets). A sheet beyond
   * the limits or gone since is returned with its error, not read in part.
   */
  readSheets(names: ReadonlyArray<string>): Promise<HostResult<ReadonlyArray<NamedSheetRead>>>;
  applyFills(sheetName: string, fills: ReadonlyArray<CellTextEdit>): Promise<HostResult<FillRecord>>;
  /**
   * Put back what the fill replaced, in every cell that still holds what the fill wrote; a cell the user changed
   * since keeps the user's text, and is returned in `kept`.
   */
  undoFills(record: FillRecord): Promise<HostResult<{ readonly restored: number; readonly kept: ReadonlyArray<string> }>>;
  highlight(sheetName: string, cells: ReadonlyArray<HighlightEdit>): Promise<HostResult<HighlightRecord>>;
  clearHighlight(record: HighlightRecord, skip?: ReadonlySet<string>): Promise<HostResult<number>>;
  /**
   * Write the report as a new sheet under a free name after `report.name`. With `replace` (a report the tool wrote
   * before), that sheet is deleted and the new one takes its name, but only while it still holds exactly what was
   * written: a report the user has typed notes into is kept, and the new one gets the next free name. One read, one write.
   */
  writeReport(report: ReportSheet, replace: ReportReplace | null): Promise<HostResult<ReportWritten>>;
  /**
   * Add a sheet holding what the core built (values, formulas with their results, formats, print setup), under a free
   * name after `model.name`, and activate it. One read (the sheet names) and one write.
   */
  addSheet(model: SheetModel): Promise<HostResult<AddedSheet>>;
  /**
   * Undo addSheet: the sheet is deleted only when it still holds exactly `written` (see modelContents); a sheet the
   * user has typed into since is kept, and the cells that differ are returned.
   */
  removeAddedSheet(added: AddedSheet, written: WrittenContents): Promise<HostResult<SheetRemoval>>;
  select(sheetName: string, address: string): Promise<HostResult<void>>;
  onActiveSheetChanged(listener: () => void): () => void;
  onChange(listener: (e: ChangeEvent) => void): () => void;
  loadSettings(): unknown;
  saveSettings(settings: unknown): Promise<HostResult<void>>;
  /** Office's display language ("vi-VN") or the browser's. */
  displayLanguage(): string;
  /** True when Office shows a dark theme. */
  prefersDark(): boolean;
}
