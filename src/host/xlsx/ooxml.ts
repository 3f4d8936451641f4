/**
 * The .xlsx reader of the CLI: one reader for both the check and the copy, so the two can never disagree.
 *
 * It follows the package's relationships as the format requires (ECMA-376 part 2: `_rels/.rels` → workbook →
 * worksheets, shared strings, styles), wherever the parts live, and reads each part with a real XML parser
 * (xml.ts) and a real inflater (zip.ts). What a cell shows comes from numfmt, a maintained implementation of
 * Excel's number-format language. Work is bounded on hostile packages: see ZIP_LIMITS, CELL_TEXT_LIMIT and the
 * clipping of merges to the cells that hold values.
 */
import { format as numfmtFormat, isDateFormat } from "numfmt";
import type { Cell, Grid, MergedArea } from "../../core/grid";
import { columnIndex, columnLetter, formatGeneral, parseA1 } from "../../core/grid";
import { BUILTIN_NUMBER_FORMATS } from "./builtinFormats";
import { attr, closeTagStart, decodeCellText, decodePart, prefixedAttr, scanXml, XmlError, type XmlElement } from "./xml";
import { inflateEntry, readZip, ZIP_LIMITS, ZipError, type ZipEntry } from "./zip";

/** Excel's sheet size: 1,048,576 rows of 16,384 columns. */
const EXCEL_ROWS = 1_048_576;
const EXCEL_COLUMNS = 16_384;
/** Excel's own limit on the text of one cell. */
export const CELL_TEXT_LIMIT = 32_767;
/** Longest number format code that is rendered; a longer one (hostile or broken) shows the number as General. */
const FORMAT_CODE_LIMIT = 255;

export class PackageError extends Error {
  constructor(
    readonly code: "not-xlsx" | "broken" | "encrypted" | "too-large",
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = "PackageError";
  }
}

export interface Relationship {
  readonly id: string;
  readonly type: string;
  /** Resolved part name (no leading slash), or the raw target of an external relationship. */
  readonly target: string;
  readonly external: boolean;
}

/** An opened zip package: its entries by part name (case-insensitive, as OPC part names are). */
export class Package {
  readonly entries: ZipEntry[];
  private readonly byName = new Map<string, ZipEntry>();
  private readonly cache = new Map<string, string>();
  private inflated = 0;

  constructor(readonly bytes: Uint8Array) {
    try {
      this.entries = readZip(bytes);
    } catch (e) {
      throw packageError(e);
    }
    for (const e of this.entries) this.byName.set(partKey(e.name), e);
  }

  entry(part: string): ZipEntry | undefined {
    return this.byName.get(partKey(part));
  }

  has(part: string): boolean {
    return this.entry(part) !== undefined;
  }

  bytesOf(part: string): Uint8Array | undefined {
    const e = this.entry(part);
    if (!e) return undefined;
    this.inflated += e.size;
    if (this.inflated > ZIP_LIMITS.totalBytes) throw new PackageError("too-large", `more than ${ZIP_LIMITS.totalBytes} bytes inflated`);
    try {
      return inflateEntry(e);
    } catch (err) {
      throw packageError(err);
    }
  }

  text(part: string): string | undefined {
    const key = partKey(part);
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const b = this.bytesOf(part);
    if (b === undefined) return undefined;
    const t = decodePart(b);
    this.cache.set(key, t);
    return t;
  }

  /** Relationships of a part (`xl/workbook.xml` → `xl/_rels/workbook.xml.rels`); "" is the package itself. */
  relationships(part: string): Relationship[] {
    const relsPart = relsPartOf(part);
    const xml = this.text(relsPart);
    if (xml === undefined) return [];
    const base = part.includes("/") ? part.slice(0, part.lastIndexOf("/") + 1) : "";
    const out: Relationship[] = [];
    parse(relsPart, xml, {
      open: (el) => {
        if (el.name !== "Relationship") return;
        const id = attr(el, "Id");
        const type = attr(el, "Type");
        const target = attr(el, "Target");
        if (id === undefined || type === undefined || target === undefined) return;
        const external = attr(el, "TargetMode") === "External";
        out.push({ id, type, external, target: external ? target : resolvePart(base, target) });
      },
    });
    return out;
  }
}

/**
 * How a part is looked up: OPC part names are case-insensitive, and some producers write zip entries with
 * backslashes ("xl\\workbook.xml") that Excel accepts.
 */
export function partKey(name: string): string {
  return name.replace(/\\/g, "/").replace(/^\//, "").toLowerCase();
}

export function relsPartOf(part: string): string {
  if (part === "") return "_rels/.rels";
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

/** A relationship target resolved against its source folder: "worksheets/sheet1.xml" from "xl/" → "xl/worksheets/sheet1.xml". */
export function resolvePart(base: string, target: string): string {
  let t: string;
  try {
    t = decodeURIComponent(target);
  } catch {
    t = target;
  }
  const parts = (t.startsWith("/") ? t.slice(1) : base + t).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p !== "." && p !== "") out.push(p);
  }
  return out.join("/");
}

function packageError(e: unknown): PackageError {
  if (e instanceof PackageError) return e;
  if (e instanceof ZipError) {
    const code = e.code === "not-zip" ? "not-xlsx" : e.code === "encrypted" ? "encrypted" : e.code === "too-large" ? "too-large" : "broken";
    return new PackageError(code, e.detail);
  }
  return new PackageError("broken", e instanceof Error ? e.message : String(e));
}

function parse(part: string, xml: string, h: Parameters<typeof scanXml>[1]): void {
  try {
    scanXml(xml, h);
  } catch (e) {
    if (e instanceof XmlError) throw new PackageError("broken", `${part}: ${e.detail}`);
    throw e;
  }
}

const isType = (r: Relationship, suffix: string): boolean => r.type.endsWith(`/${suffix}`);

export interface SheetRef {
  readonly name: string;
  readonly sheetId: string;
  readonly relId: string;
  /** The worksheet part, or undefined for a chart sheet, dialog sheet or a sheet whose part is missing. */
  readonly part: string | undefined;
  readonly state: string;
}

export interface CellStyle {
  readonly numFmtId: number;
  readonly fontId: number;
}

export interface Styles {
  readonly formats: ReadonlyMap<number, string>;
  readonly xfs: ReadonlyArray<CellStyle>;
  readonly fontNames: ReadonlyArray<string | undefined>;
}

export interface Workbook {
  readonly pkg: Package;
  readonly part: string;
  readonly rels: ReadonlyArray<Relationship>;
  readonly sheets: ReadonlyArray<SheetRef>;
  readonly date1904: boolean;
  readonly stylesPart: string | undefined;
  readonly stringsPart: string | undefined;
  readonly styles: Styles;
  readonly strings: ReadonlyArray<string>;
}

/** Open an .xlsx/.xlsm package and read its workbook, styles and shared strings. Throws PackageError. */
export function openWorkbook(bytes: Uint8Array): Workbook {
  const pkg = new Package(bytes);
  const office = pkg.relationships("").find((r) => isType(r, "officeDocument") && !r.external);
  const part = office?.target ?? (pkg.has("xl/workbook.xml") ? "xl/workbook.xml" : undefined);
  if (part === undefined || !pkg.has(part)) throw new PackageError("not-xlsx", "no workbook part");
  const rels = pkg.relationships(part);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const xml = pkg.text(part) ?? "";
  const sheets: SheetRef[] = [];
  let date1904 = false;
  parse(part, xml, {
    open: (el) => {
      if (el.name === "workbookPr") date1904 = truthy(attr(el, "date1904"));
      if (el.name !== "sheet") return;
      const name = attr(el, "name");
      const relId = prefixedAttr(el, "id") ?? "";
      const rel = byId.get(relId);
      if (name === undefined) throw new PackageError("broken", `${part}: a sheet without a name`);
      const isWorksheet = rel !== undefined && !rel.external && isType(rel, "worksheet") && pkg.has(rel.target);
      sheets.push({ name, sheetId: attr(el, "sheetId") ?? "", relId, part: isWorksheet ? rel.target : undefined, state: attr(el, "state") ?? "visible" });
    },
  });
  if (!sheets.some((s) => s.part !== undefined)) throw new PackageError("broken", "no worksheet");
  const stylesPart = rels.find((r) => isType(r, "styles") && !r.external)?.target;
  const stringsPart = rels.find((r) => isType(r, "sharedStrings") && !r.external)?.target;
  const stylesXml = stylesPart !== undefined ? pkg.text(stylesPart) : undefined;
  const stringsXml = stringsPart !== undefined ? pkg.text(stringsPart) : undefined;
  return {
    pkg,
    part,
    rels,
    sheets,
    date1904,
    stylesPart,
    stringsPart,
    styles: stylesXml !== undefined && stylesPart !== undefined ? readStyles(stylesPart, stylesXml) : { formats: new Map(), xfs: [], fontNames: [] },
    strings: stringsXml !== undefined && stringsPart !== undefined ? readSharedStrings(stringsPart, stringsXml) : [],
  };
}

const truthy = (v: string | undefined): boolean => v === "1" || v === "true";

function readStyles(part: string, xml: string): Styles {
  const formats = new Map<number, string>();
  const xfs: CellStyle[] = [];
  const fontNames: Array<string | undefined> = [];
  const stack: string[] = [];
  parse(part, xml, {
    open: (el) => {
      const parent = stack[stack.length - 1];
      if (el.name === "numFmt") {
        const id = Number(attr(el, "numFmtId"));
        const code = attr(el, "formatCode");
        if (Number.isInteger(id) && code !== undefined) formats.set(id, code);
      } else if (el.name === "xf" && parent === "cellXfs") {
        xfs.push({ numFmtId: Number(attr(el, "numFmtId") ?? 0) || 0, fontId: Number(attr(el, "fontId") ?? 0) || 0 });
      } else if (el.name === "font" && parent === "fonts") fontNames.push(undefined);
      else if (el.name === "name" && parent === "font" && stack[stack.length - 2] === "fonts") fontNames[fontNames.length - 1] = attr(el, "val");
      if (!el.selfClosing) stack.push(el.name);
    },
    close: (_name, _end, el) => {
      if (!el.selfClosing) stack.pop();
    },
  });
  return { formats, xfs, fontNames };
}

/** Shared strings: the text of each `<si>`, runs joined, phonetic runs (`<rPh>`) left out. */
function readSharedStrings(part: string, xml: string): string[] {
  const out: string[] = [];
  let current: string[] | undefined;
  let inT = false;
  let inPhonetic = 0;
  parse(part, xml, {
    open: (el) => {
      if (el.name === "si") current = [];
      else if (el.name === "rPh") inPhonetic++;
      else if (el.name === "t" && inPhonetic === 0) inT = true;
    },
    close: (name) => {
      if (name === "si") {
        out.push(capText(decodeCellText((current ?? []).join(""))));
        current = undefined;
      } else if (name === "rPh") inPhonetic--;
      else if (name === "t") inT = false;
    },
    text: (t) => {
      if (inT && current) current.push(t);
    },
  });
  return out;
}

const capText = (s: string): string => (s.length > CELL_TEXT_LIMIT ? s.slice(0, CELL_TEXT_LIMIT) : s);

/** The format code of a style, or undefined for General. */
export function styleFormat(styles: Styles, styleId: number): string | undefined {
  const xf = styles.xfs[styleId];
  if (!xf || xf.numFmtId === 0) return undefined;
  const code = styles.formats.get(xf.numFmtId) ?? BUILTIN_NUMBER_FORMATS[xf.numFmtId];
  return code === undefined || /^general$/i.test(code) ? undefined : code;
}

const formatCache = new Map<string, { date: boolean }>();

/** What Excel shows for a number under a format code (numfmt), General when the code cannot be rendered. */
export function displayNumber(value: number, code: string | undefined): string {
  if (code === undefined || code === "" || /^general$/i.test(code) || code.length > FORMAT_CODE_LIMIT) return formatGeneral(value);
  try {
    const text = numfmtFormat(code, value, { locale: "en-US", throws: false, nbsp: false });
    return typeof text === "string" ? text.trim() : formatGeneral(value);
  } catch {
    return formatGeneral(value);
  }
}

function isDateCode(code: string | undefined): boolean {
  if (code === undefined || code.length > FORMAT_CODE_LIMIT) return false;
  let hit = formatCache.get(code);
  if (!hit) {
    let date = false;
    try {
      date = isDateFormat(code);
    } catch {
      date = false;
    }
    hit = { date };
    formatCache.set(code, hit);
  }
  return hit.date;
}

function serialDateText(serial: number, date1904: boolean): string {
  const d = new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
  return dmy(d);
}

function dmy(d: Date): string {
  if (Number.isNaN(d.getTime())) return "";
  const p = (x: number): string => String(x).padStart(2, "0");
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** exceljs-compatible shared-formula translation: relative references move with the cell, absolute ones stay. */
export function slideFormula(formula: string, from: { rowIndex: number; colIndex: number }, to: { rowIndex: number; colIndex: number }): string {
  return formula.replace(/(([a-z_\-0-9]*)!)?([a-z0-9_$]{2,})([(])?/gi, (whole, sheet: string | undefined, _s: string | undefined, addr: string, paren: string | undefined) => {
    if (paren) return whole;
    const m = /^([$])?([a-z]+)([$])?([1-9][0-9]*)$/i.exec(addr);
    if (!m) return whole;
    const colDollar = m[1] ?? "";
    const colStr = (m[2] ?? "").toUpperCase();
    const rowDollar = m[3] ?? "";
    if (colStr.length > 3 || (colStr.length === 3 && colStr > "XFD")) return whole;
    let col = columnIndex(colStr) ?? 0;
    let row = parseInt(m[4] ?? "", 10);
    if (!colDollar) col += to.colIndex - from.colIndex;
    if (!rowDollar) row += to.rowIndex - from.rowIndex;
    if (col < 0 || row < 1) return "#REF!";
    return `${sheet ?? ""}${colDollar}${columnLetter(col)}${rowDollar}${row}`;
  });
}

/**
 * Where each row and cell of a worksheet part is, as the reader met them: the copy writer parses only the start tags
 * of the rows and cells it writes to, and what comes before the first row and after `</sheetData>` (a sheet of 60,000
 * rows, or one formatted down to row 1,048,576, is not parsed twice). Recorded only for a part whose every row states
 * its number (`r`), in increasing order, and whose every addressed cell lies in its own row.
 */
export interface SheetRows {
  /** The text's length: the index belongs to this text only. */
  readonly length: number;
  /** 0-based row numbers and the offsets of their `<row` in the part's text, in document order. */
  readonly rows: ReadonlyArray<number>;
  readonly starts: ReadonlyArray<number>;
  /** Per row, ROW_STRIDE numbers: end of its start tag, its end, index of its first cell, flags (ROW_*). */
  readonly rowData: Int32Array;
  /** Per cell, CELL_STRIDE numbers: offset of `<c`, end of its start tag, its end, 0-based column, style, flags. */
  readonly cells: Int32Array;
  /** The root's start tag as written (its namespace declarations) and qualified names. */
  readonly rootHead: string;
  readonly rootQname: string;
  readonly sheetDataQname: string;
  /** Offsets of `</sheetData>` and just after it. */
  readonly sheetDataCloseStart: number;
  readonly sheetDataEnd: number;
}

export const ROW_STRIDE = 4;
export const CELL_STRIDE = 6;
/** Row flags: written `<row/>`; holds a cell without `r`. */
export const ROW_SELF_CLOSING = 1;
export const ROW_UNADDRESSED = 2;
/** Cell flags: written `<c/>`; holds a formula; the formula is a master (shared with a range, array, data table). */
export const CELL_SELF_CLOSING = 1;
export const CELL_FORMULA = 2;
export const CELL_FORMULA_MASTER = 4;

/** A growable list of 32-bit integers (the index of a sheet of a million rows stays a few flat arrays). */
class IntList {
  private data = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  set(i: number, v: number): void {
    this.data[i] = v;
  }
  get(i: number): number {
    return this.data[i] as number;
  }
  done(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

const rowIndexes = new WeakMap<Workbook, Map<string, SheetRows>>();

/** The row index the reader recorded for a part of this workbook, if it could. */
export function sheetRows(wb: Workbook, part: string): SheetRows | undefined {
  return rowIndexes.get(wb)?.get(part);
}

/** The area of a `<mergeCell ref="A1:B2"/>` (corners in either order), or undefined for a ref that is not one. */
export function mergeCellArea(el: XmlElement): MergedArea | undefined {
  const [a = "", b = a] = (attr(el, "ref") ?? "").split(":");
  const p = parseA1(a);
  const q = parseA1(b);
  return p && q ? { top: Math.min(p.rowIndex, q.rowIndex), left: Math.min(p.colIndex, q.colIndex), bottom: Math.max(p.rowIndex, q.rowIndex), right: Math.max(p.colIndex, q.colIndex) } : undefined;
}

interface RawCell {
  rowIndex: number;
  colIndex: number;
  t: string | undefined;
  s: number;
  v: string[] | undefined;
  f: string[] | undefined;
  fAttrs: Readonly<Record<string, string>> | undefined;
  inline: string[] | undefined;
}

/**
 * One worksheet as the core's grid. Rows and cells without values cost only their parsing. `index`: also record where
 * its rows and cells are, for the copy writer (SheetRows).
 */
export function sheetGrid(wb: Workbook, sheet: SheetRef, index = false): Grid {
  const part = sheet.part;
  const xml = part !== undefined ? wb.pkg.text(part) : undefined;
  if (part === undefined || xml === undefined) return { sheetName: sheet.name, rowCount: 0, colCount: 0, rows: [], merges: [] };
  const rows: Array<Array<Cell | undefined>> = [];
  const rawMerges: MergedArea[] = [];
  const masters = new Map<string, { formula: string; at: { rowIndex: number; colIndex: number } }>();
  let isProtected = false;
  let rowIndex = -1;
  let colIndex = -1;
  let cell: RawCell | undefined;
  let collect: string[] | undefined;
  let inInline = false;
  let phonetic = 0;
  let lastRow = -1;
  let colCount = 0;
  // The row index for the copy writer (see SheetRows).
  const rowNumbers: number[] = [];
  const rowStarts: number[] = [];
  const rowData = new IntList();
  const cellData = new IntList();
  /** Index in rowData / cellData of the open row and cell, or -1. */
  let openRow = -1;
  let openCell = -1;
  // A check that writes no copy does not pay for the index (about a fifth of the reading time).
  let indexable = index;
  let root: XmlElement | undefined;
  let sheetDataEl: XmlElement | undefined;
  let sheetDataClose: { start: number; end: number } | undefined;

  const finish = (c: RawCell): void => {
    // Beyond Excel's last row or column a cell cannot exist; a file that puts one there is damaged there.
    if (c.rowIndex >= EXCEL_ROWS || c.colIndex >= EXCEL_COLUMNS) return;
    const built = buildCell(c, wb, masters);
    if (built === undefined) return;
    const row = (rows[c.rowIndex] ??= []);
    row[c.colIndex] = built;
    if (c.rowIndex > lastRow) lastRow = c.rowIndex;
    if (c.colIndex + 1 > colCount) colCount = c.colIndex + 1;
  };

  parse(part, xml, {
    open: (el: XmlElement) => {
      root ??= el;
      switch (el.name) {
        case "row": {
          const r = Number(attr(el, "r"));
          if (!(Number.isInteger(r) && r >= 1) || (rowNumbers.length > 0 && r - 1 <= (rowNumbers[rowNumbers.length - 1] as number))) indexable = false;
          rowIndex = Number.isInteger(r) && r >= 1 ? r - 1 : rowIndex + 1;
          colIndex = -1;
          if (openRow >= 0) indexable = false;
          if (indexable) {
            rowNumbers.push(rowIndex);
            rowStarts.push(el.start);
            openRow = rowData.length;
            rowData.push(el.headEnd);
            rowData.push(el.headEnd);
            rowData.push(cellData.length / CELL_STRIDE);
            rowData.push(el.selfClosing ? ROW_SELF_CLOSING : 0);
          }
          break;
        }
        case "sheetData":
          if (sheetDataEl) indexable = false;
          sheetDataEl = el;
          break;
        case "c": {
          const ref = attr(el, "r");
          const at = ref !== undefined ? parseA1(ref) : undefined;
          if (indexable && (openRow < 0 || openCell >= 0 || (at !== undefined && at.rowIndex !== rowIndex))) indexable = false;
          if (at) {
            rowIndex = at.rowIndex;
            colIndex = at.colIndex;
          } else colIndex++;
          if (indexable) {
            if (!at) rowData.set(openRow + 3, rowData.get(openRow + 3) | ROW_UNADDRESSED);
            openCell = cellData.length;
            cellData.push(el.start);
            cellData.push(el.headEnd);
            cellData.push(el.headEnd);
            cellData.push(colIndex);
            cellData.push(Number(attr(el, "s") ?? 0) || 0);
            cellData.push(el.selfClosing ? CELL_SELF_CLOSING : 0);
          }
          cell = { rowIndex: Math.max(rowIndex, 0), colIndex: Math.max(colIndex, 0), t: attr(el, "t"), s: Number(attr(el, "s") ?? 0) || 0, v: undefined, f: undefined, fAttrs: undefined, inline: undefined };
          break;
        }
        case "v":
          if (cell) collect = cell.v = [];
          break;
        case "f":
          if (cell) {
            collect = cell.f = [];
            cell.fAttrs = el.attrs;
          }
          if (openCell >= 0) {
            const t = attr(el, "t");
            const master = (t === "shared" && attr(el, "ref") !== undefined) || t === "array" || t === "dataTable";
            cellData.set(openCell + 5, cellData.get(openCell + 5) | CELL_FORMULA | (master ? CELL_FORMULA_MASTER : 0));
          }
          break;
        case "is":
          if (cell) {
            inInline = true;
            cell.inline = [];
          }
          break;
        case "rPh":
          phonetic++;
          break;
        case "t":
          if (cell && inInline && phonetic === 0) collect = cell.inline ?? undefined;
          break;
        case "mergeCell": {
          const area = mergeCellArea(el);
          if (area) rawMerges.push(area);
          break;
        }
        case "sheetProtection":
          isProtected = truthy(attr(el, "sheet"));
          break;
        default:
          break;
      }
    },
    close: (name, end, el) => {
      if (name === "sheetData" && el === sheetDataEl && !el.selfClosing) sheetDataClose = { start: closeTagStart(xml, end), end };
      if (name === "c" && openCell >= 0) {
        cellData.set(openCell + 2, end);
        openCell = -1;
      } else if (name === "row" && openRow >= 0) {
        rowData.set(openRow + 1, end);
        openRow = -1;
      }
      if (name === "c" && cell) {
        finish(cell);
        cell = undefined;
      } else if (name === "v" || name === "f" || name === "t") collect = undefined;
      else if (name === "is") inInline = false;
      else if (name === "rPh") phonetic--;
    },
    text: (t) => {
      if (collect) collect.push(t);
    },
  });

  if (indexable && root && sheetDataEl && sheetDataClose && root !== sheetDataEl) {
    const parts = rowIndexes.get(wb) ?? new Map<string, SheetRows>();
    rowIndexes.set(wb, parts);
    parts.set(part, {
      length: xml.length,
      rows: rowNumbers,
      starts: rowStarts,
      rowData: rowData.done(),
      cells: cellData.done(),
      rootHead: xml.slice(root.start, root.headEnd),
      rootQname: root.qname,
      sheetDataQname: sheetDataEl.qname,
      sheetDataCloseStart: sheetDataClose.start,
      sheetDataEnd: sheetDataClose.end,
    });
  }

  // Merges are clipped to the cells that hold values: a merge down to row 1,048,576 costs no more than its content.
  const merges: MergedArea[] = [];
  for (const m of rawMerges) {
    if (m.top > lastRow || m.left >= colCount) continue;
    const area = { top: m.top, left: m.left, bottom: Math.min(m.bottom, lastRow), right: Math.min(m.right, colCount - 1) };
    merges.push(area);
    // Excel shows a covered cell empty, whatever the file holds in it.
    for (let r = area.top; r <= area.bottom; r++) {
      const row = rows[r];
      if (!row) continue;
      for (let c = area.left; c <= area.right; c++) if ((r !== area.top || c !== area.left) && row[c] !== undefined) row[c] = undefined;
    }
  }
  const out: Array<ReadonlyArray<Cell | undefined>> = [];
  for (let r = 0; r <= lastRow; r++) out.push(rows[r] ?? []);
  return { sheetName: sheet.name, rowCount: out.length, colCount, rows: out, merges, protected: isProtected, ...(sheet.state === "hidden" || sheet.state === "veryHidden" ? { hidden: true } : {}) };
}

function buildCell(c: RawCell, wb: Workbook, masters: Map<string, { formula: string; at: { rowIndex: number; colIndex: number } }>): Cell | undefined {
  const code = styleFormat(wb.styles, c.s);
  const fontName = wb.styles.fontNames[wb.styles.xfs[c.s]?.fontId ?? 0];
  const at = { rowIndex: c.rowIndex, colIndex: c.colIndex };
  let formula: string | undefined;
  const fText = c.f?.join("") ?? "";
  if (c.f !== undefined) {
    const fa = c.fAttrs ?? {};
    if (fa.t === "shared" && fa.si !== undefined) {
      if (fText !== "") {
        if (fa.ref !== undefined) masters.set(fa.si, { formula: fText, at });
        formula = fText;
      } else {
        const m = masters.get(fa.si);
        if (m) formula = slideFormula(m.formula, m.at, at);
      }
    } else if (fText !== "") formula = fText;
  }
  // One shape for every cell (hot path: no object spreads), optional fields only when present.
  const cell = (kind: Cell["kind"], value: Cell["value"], text: string): Cell => {
    const made: { -readonly [K in keyof Cell]: Cell[K] } = { kind, value, text };
    if (formula !== undefined) made.formula = `=${formula}`;
    if (code !== undefined) made.numberFormat = code;
    if (fontName !== undefined) made.font = fontName;
    return made;
  };
  const raw = c.t === "inlineStr" ? c.inline?.join("") : c.v?.join("");
  if (raw === undefined || raw === "") {
    if (formula !== undefined) return cell("empty", null, "");
    return undefined;
  }
  switch (c.t) {
    case "s": {
      const text = wb.strings[Number(raw)];
      if (text === undefined || text === "") return formula !== undefined ? cell("empty", null, "") : undefined;
      return cell("text", text, text);
    }
    case "str":
    case "inlineStr": {
      const text = capText(decodeCellText(raw));
      if (text === "") return formula !== undefined ? cell("empty", null, "") : undefined;
      return cell("text", text, text);
    }
    case "b": {
      const b = Number(raw) !== 0;
      return cell("boolean", b, b ? "TRUE" : "FALSE");
    }
    case "e":
      return cell("error", raw, raw);
    case "d": {
      const d = dmy(new Date(raw.length <= 10 ? `${raw}T00:00:00Z` : /Z|[+-]\d\d:?\d\d$/.test(raw) ? raw : `${raw}Z`));
      return d === "" ? cell("text", raw, raw) : cell("text", d, d);
    }
    default: {
      const n = Number(raw);
      if (!Number.isFinite(n)) return cell("text", raw, raw);
      if (isDateCode(code)) {
        const d = serialDateText(n, wb.date1904);
        return cell("text", d, d);
      }
      return cell("number", n, displayNumber(n, code));
    }
  }
}

/** Grids of every worksheet, in workbook order (chart sheets and sheets without a part are left out). */
export function workbookGrids(wb: Workbook, index = false): Grid[] {
  return wb.sheets.filter((s) => s.part !== undefined).map((s) => sheetGrid(wb, s, index));
}
