/**
 * A host-neutral snapshot of one worksheet. The Office host, the .xlsx host and the preview host all fill it;
 * nothing in the core ever sees an Excel or exceljs object.
 *
 * Indexes in the grid are 0-based (`rowIndex`, `colIndex`). Excel's 1-based rows and column letters exist only
 * at the edges, produced by `toA1` / `columnLetter` in this file and parsed back by `parseA1`.
 */

export type CellKind = "empty" | "number" | "text" | "boolean" | "error";

export interface Cell {
  readonly kind: CellKind;
  /** number for "number", string for "text" and "error" (e.g. "#REF!"), boolean for "boolean", null for "empty". */
  readonly value: number | string | boolean | null;
  /** What Excel displays (its own number formatting applied). */
  readonly text: string;
  readonly numberFormat?: string;
  /** Formula text including the leading "=", when the cell holds a formula. */
  readonly formula?: string;
  /** Font name of the cell's style, where the host knows it (legacy Vietnamese encodings are told by their fonts). */
  readonly font?: string;
}

export interface MergedArea {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export interface Grid {
  readonly sheetName: string;
  readonly rowCount: number;
  readonly colCount: number;
  /** Row-major, possibly ragged; a missing cell is empty. Row 0 is the sheet's first row (A1 is [0][0]). */
  readonly rows: ReadonlyArray<ReadonlyArray<Cell | undefined>>;
  readonly merges: ReadonlyArray<MergedArea>;
  /** True when the sheet is protected against edits (the hosts fill it; the core only reports it). */
  readonly protected?: boolean;
  /** True when the workbook hides the sheet (hidden or very hidden): the user does not see it. */
  readonly hidden?: boolean;
  /** Row and column of the top-left cell when the grid is a window of the sheet rather than the whole of it. */
  readonly origin?: { readonly rowIndex: number; readonly colIndex: number };
}

export const EMPTY_CELL: Cell = Object.freeze({ kind: "empty", value: null, text: "" });

export function cellAt(grid: Grid, rowIndex: number, colIndex: number): Cell {
  return grid.rows[rowIndex]?.[colIndex] ?? EMPTY_CELL;
}

export function isBlank(cell: Cell): boolean {
  return cell.kind === "empty" || (cell.kind === "text" && String(cell.value).trim() === "");
}

/** Column index (0-based) to letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(colIndex: number): string {
  let n = colIndex + 1;
  let letters = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** 0-based indexes to an A1 reference: (0, 0) → "A1". The single place where rows become 1-based. */
export function toA1(rowIndex: number, colIndex: number): string {
  return `${columnLetter(colIndex)}${excelRow(rowIndex)}`;
}

/** A merged area (or any rectangle) as an A1 range: "F2:F16". */
export function areaA1(a: { readonly top: number; readonly left: number; readonly bottom: number; readonly right: number }): string {
  return `${toA1(a.top, a.left)}:${toA1(a.bottom, a.right)}`;
}

/** 0-based row index to Excel's 1-based row number. */
export function excelRow(rowIndex: number): number {
  return rowIndex + 1;
}

export function columnIndex(letters: string): number | undefined {
  const s = letters.trim();
  if (s.length < 1 || s.length > 3) return undefined;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) | 0x20; // A–Z to a–z; nothing else lands in a–z
    if (c < 0x61 || c > 0x7a) return undefined;
    n = n * 26 + (c - 0x60);
  }
  return n - 1;
}

/**
 * "B12" → { rowIndex: 11, colIndex: 1 }: `$`?, 1–3 letters, `$`?, 1–7 digits, row ≥ 1 (`/^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/`
 * after trimming). Hot path (every cell the reader meets), so one pass without a regular expression.
 */
export function parseA1(ref: string): { rowIndex: number; colIndex: number } | undefined {
  const s = ref.trim();
  const n = s.length;
  let i = s.charCodeAt(0) === 0x24 ? 1 : 0;
  const c0 = i;
  let col = 0;
  for (; i < n && i - c0 < 4; i++) {
    const c = s.charCodeAt(i) | 0x20;
    if (c < 0x61 || c > 0x7a) break;
    col = col * 26 + (c - 0x60);
  }
  if (i - c0 < 1 || i - c0 > 3) return undefined;
  if (s.charCodeAt(i) === 0x24) i++;
  const d0 = i;
  let row = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return undefined;
    row = row * 10 + (c - 0x30);
  }
  if (i - d0 < 1 || i - d0 > 7 || row < 1) return undefined;
  return { rowIndex: row - 1, colIndex: col - 1 };
}

/** Quote a sheet name for use in a reference: Sheet1 → Sheet1, Phụ lục → 'Phụ lục', O'Neil → 'O''Neil'. */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** "D3", or "'PL2 (tiếp theo)'!D3" when the cell is on a sheet of its own (`sheet` given). */
export function qualified(sheet: string | undefined, address: string): string {
  return sheet !== undefined ? `${quoteSheetName(sheet)}!${address}` : address;
}

/** The sheet and address of "D3" or "'PL2 (tiếp theo)'!D3" (the inverse of `qualified`). */
export function unqualified(ref: string): { readonly sheet?: string; readonly address: string } {
  const bang = ref.lastIndexOf("!");
  if (bang < 0) return { address: ref };
  const raw = ref.slice(0, bang);
  const sheet = raw.startsWith("'") && raw.endsWith("'") && raw.length >= 2 ? raw.slice(1, -1).replace(/''/g, "'") : raw;
  return { sheet, address: ref.slice(bang + 1) };
}

/** Index of merged areas by their cells, so that "which area covers (r, c)" is O(1). */
export class MergeIndex {
  private readonly byCell = new Map<number, MergedArea>();
  constructor(merges: ReadonlyArray<MergedArea>, private readonly width = 16384) {
    for (const m of merges) {
      // Only the header band needs this lookup; areas are small, and huge ones are clipped to 10k cells.
      let budget = 10_000;
      for (let r = m.top; r <= m.bottom && budget > 0; r++) {
        for (let c = m.left; c <= m.right && budget > 0; c++, budget--) this.byCell.set(r * this.width + c, m);
      }
    }
  }
  areaAt(rowIndex: number, colIndex: number): MergedArea | undefined {
    return this.byCell.get(rowIndex * this.width + colIndex);
  }
  /** True for a cell that lies inside a merged area but is not its top-left cell (Excel shows it empty). */
  isCovered(rowIndex: number, colIndex: number): boolean {
    const m = this.areaAt(rowIndex, colIndex);
    return m !== undefined && (m.top !== rowIndex || m.left !== colIndex);
  }
}

/** Build a grid from plain values; used by tests and by hosts that only have values. */
export function gridFromValues(
  sheetName: string,
  values: ReadonlyArray<ReadonlyArray<string | number | boolean | null | undefined>>,
  merges: ReadonlyArray<MergedArea> = [],
): Grid {
  const rows = values.map((row) => row.map((v) => cellFromValue(v)));
  const colCount = rows.reduce((n, r) => Math.max(n, r.length), 0);
  return { sheetName, rowCount: rows.length, colCount, rows, merges };
}

export function cellFromValue(v: string | number | boolean | null | undefined): Cell {
  if (v === null || v === undefined || v === "") return EMPTY_CELL;
  if (typeof v === "number") return { kind: "number", value: v, text: formatGeneral(v) };
  if (typeof v === "boolean") return { kind: "boolean", value: v, text: v ? "TRUE" : "FALSE" };
  if (/^#(REF!|DIV\/0!|VALUE!|N\/A|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$/.test(v)) {
    return { kind: "error", value: v, text: v };
  }
  if (v.startsWith("=")) {
    return { kind: "empty", value: null, text: "", formula: v };
  }
  return { kind: "text", value: v, text: v };
}

/** Excel's "General" display of a number, close enough for codes and points (up to 11 significant digits). */
export function formatGeneral(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const plain = String(n);
  if (plain.length <= 12) return plain;
  return String(Number(n.toPrecision(11)));
}

/** "D5:F6" (or "'Sheet'!D5:F6") → ["D5","E5","F5","D6","E6","F6"], at most `limit` cells. */
export function expandRange(ref: string, limit = 10_000): string[] {
  const [a = "", b = a] = ref.replace(/^.*!/, "").split(":");
  const tl = parseA1(a);
  const br = parseA1(b);
  if (!tl || !br) return [];
  const out: string[] = [];
  for (let r = tl.rowIndex; r <= br.rowIndex; r++) {
    for (let c = tl.colIndex; c <= br.colIndex; c++) {
      if (out.length >= limit) return out;
      out.push(toA1(r, c));
    }
  }
  return out;
}

/**
 * Excel's rules for sheet names: at most 31 characters, none of : \\ / ? * [ ], no apostrophe at either end, unique
 * without regard to case. The wanted name, cleaned, or with " (2)", " (3)" … when it is taken.
 */
export function freeSheetName(wanted: string, taken: ReadonlyArray<string>): string {
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  const clean = (wanted.replace(/[:\\/?*[\]]/g, " ").replace(/^'+|'+$/g, "").trim() || "Sheet").slice(0, 31);
  if (!lower.has(clean.toLowerCase())) return clean;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const name = clean.slice(0, 31 - suffix.length) + suffix;
    if (!lower.has(name.toLowerCase())) return name;
  }
}
