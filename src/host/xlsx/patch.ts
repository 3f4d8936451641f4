/**
 * An annotated copy is the original package, patched. Every part is copied byte for byte (its compressed bytes
 * included) except the few that must change:
 *  - the worksheets that get highlights or fills: only the touched `<c>` elements are rewritten (a new `<c>` or
 *    `<row>` is inserted where none was), plus a fixed row height that is too small for a new text;
 *  - the styles part: new cell formats appended, each cloned from a cell's current format with only its fill or
 *    its wrapping changed (and the report sheet's few formats);
 *  - for the report sheet: its new part, the workbook's sheet list (and a print-titles name), the workbook's
 *    relationships and `[Content_Types].xml`;
 *  - the custom document properties, which mark the file as a copy this tool made (copyMarker).
 * Text is written as inline strings, so a value is never a formula whatever it starts with, and the shared
 * strings part is left as it was. Edits are positioned with the XML parser's offsets (xml.ts), never by regular
 * expressions over XML.
 */
import { type EditPlan, estimatedRowHeight, HIGHLIGHT_COLOR, REPORT_ROW_FORMAT, type ReportCell, type ReportRowFormat, type ReportSheet } from "../../core/editPlan";
import { columnLetter, freeSheetName, type MergedArea, parseA1, quoteSheetName, toA1 } from "../../core/grid";
import { unicodeFont } from "../../core/legacy";
import { cleanText } from "../../core/text";
import { CELL_FORMULA, CELL_FORMULA_MASTER, CELL_STRIDE, mergeCellArea, Package, partKey, relsPartOf, ROW_SELF_CLOSING, ROW_STRIDE, ROW_UNADDRESSED, type SheetRows, sheetRows, type Workbook } from "./ooxml";
import { attr, closeTagStart, decodePart, editStartTag, encodeCellText, escapeXml, prefixOf, readStartTag, scanXml, startTag, type XmlElement } from "./xml";
import { type Deflater, writeZip, type ZipOutput } from "./zip";

const NS = {
  main: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  rel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  pkgRel: "http://schemas.openxmlformats.org/package/2006/relationships",
  worksheetRel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet",
  stylesRel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles",
  customRel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties",
  vt: "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
  custom: "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
  worksheetType: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  stylesType: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
  customType: "application/vnd.openxmlformats-officedocument.custom-properties+xml",
} as const;

/** The custom document property that marks a copy made by this tool; its value names the input it came from. */
export const COPY_MARKER_PROPERTY = "PhulucKiemTra";

export class PatchError extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = "PatchError";
  }
}

/**
 * A sheet whose rows are stored out of order or twice (the format wants them ascending; Excel repairs such a file):
 * a row written into would be found in the wrong place or written twice, so the copy is refused. Rows 1-based.
 */
export class RowOrderError extends PatchError {
  constructor(readonly row: number, readonly after: number, readonly sheet = "") {
    super(`rows out of order: row ${row} after row ${after}${sheet !== "" ? ` in sheet ${sheet}` : ""}`);
    this.name = "RowOrderError";
  }
}

export type SkipReason = "changed" | "formula" | "shared-formula" | "unaddressed-row" | "merged";

export interface PatchResult {
  readonly bytes: Uint8Array;
  readonly filled: number;
  /** Legacy-encoded cells written as Unicode. */
  readonly converted: number;
  readonly highlighted: number;
  /** Planned fills not applied, with their cell and why. */
  readonly skipped: ReadonlyArray<{ readonly sheet: string; readonly cell: string; readonly reason: SkipReason }>;
  readonly reportSheet: string | undefined;
  /** Every sheet added, in order (the report first, then the "Góp ý" sheet when there is one). */
  readonly addedSheets: ReadonlyArray<string>;
  /** Parts whose bytes differ from the input's (new parts included), for tests and for the user's information. */
  readonly changedParts: ReadonlyArray<string>;
}

export interface PatchOptions {
  /** Fill cells that hold a formula or text (the CLI's --overwrite). */
  readonly overwrite: boolean;
  /** Value of the copy marker (the input's file name and the tool's version). */
  readonly marker: string;
  readonly now?: Date;
  readonly deflate?: Deflater;
}

interface Splice {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Splices in the order they apply: by start, then by end (an insertion before an edit at the same place); stable. */
const spliceOrder = (a: Splice, b: Splice): number => a.start - b.start || a.end - b.end;

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** `splices` applied to `text` from offset `from` into `out`; returns the offset up to which `text` was written. */
function spliceInto(out: Utf8Sink, text: string, splices: Splice[], from: number): number {
  splices.sort(spliceOrder);
  let at = from;
  for (const s of splices) {
    if (s.start < at) throw new PatchError("overlapping edits");
    out.add(text.slice(at, s.start));
    out.add(s.text);
    at = s.end;
  }
  return at;
}

/** applySplices, as UTF-8 built piece by piece (a big sheet's new text is never one string; see Utf8Sink). */
function applySplicesUtf8(text: string, splices: Splice[]): Uint8Array {
  const out = new Utf8Sink();
  out.add(text.slice(spliceInto(out, text, splices, 0)));
  return out.bytes();
}

function applySplices(text: string, splices: Splice[]): string {
  splices.sort(spliceOrder);
  let out = "";
  let at = 0;
  for (const s of splices) {
    if (s.start < at) throw new PatchError("overlapping edits");
    out += text.slice(at, s.start) + s.text;
    at = s.end;
  }
  return out + text.slice(at);
}

/** Attributes of an element in their order, with some replaced, added (at the end) or removed (value undefined). */
function withAttrs(el: XmlElement, changes: Readonly<Record<string, string | undefined>>): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const done = new Set<string>();
  for (const [k, v] of Object.entries(el.attrs)) {
    if (k in changes) {
      done.add(k);
      const nv = changes[k];
      if (nv !== undefined) out.push([k, nv]);
    } else out.push([k, v]);
  }
  for (const [k, v] of Object.entries(changes)) if (!done.has(k) && v !== undefined) out.push([k, v]);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Styles

interface Collection {
  el: XmlElement;
  count: number;
  closeStart: number;
  end: number;
}

interface FormatChange {
  readonly highlight?: boolean;
  readonly wrap?: boolean;
  /** A font name for the cell (a legacy font replaced by its Unicode counterpart). */
  readonly font?: string;
}

/** The styles part, with formats appended on demand and written back with only those additions. */
class StylesPatcher {
  private readonly collections = new Map<string, Collection>();
  private readonly xfs: Array<{ el: XmlElement; end: number }> = [];
  private readonly fonts: Array<{ el: XmlElement; end: number }> = [];
  private readonly added = { fonts: [] as string[], fills: [] as string[], borders: [] as string[], cellXfs: [] as string[] };
  private readonly derived = new Map<number | string, number>();
  private highlightFill: number | undefined;
  private readonly prefix: string;

  private readonly xml: string;

  constructor(source: string) {
    const xml = withStyleCollections(source);
    this.xml = xml;
    const stack: string[] = [];
    let prefix = "";
    const COLLECTIONS = ["fonts", "fills", "borders", "cellXfs"];
    scanXml(xml, {
      open: (el) => {
        const depth = stack.length;
        if (depth === 0) prefix = prefixOf(el.qname);
        else if (depth === 1 && COLLECTIONS.includes(el.name) && !this.collections.has(el.name)) {
          this.collections.set(el.name, { el, count: 0, closeStart: el.headEnd, end: el.headEnd });
        } else if (depth === 2) {
          const c = this.collections.get(stack[1] ?? "");
          if (c) c.count++;
        }
        if (!el.selfClosing) stack.push(el.name);
      },
      close: (name, end, el) => {
        if (!el.selfClosing) stack.pop();
        const depth = stack.length;
        if (depth === 2) {
          if (stack[1] === "cellXfs" && name === "xf") this.xfs.push({ el, end });
          if (stack[1] === "fonts" && name === "font") this.fonts.push({ el, end });
        } else if (depth === 1) {
          const c = this.collections.get(name);
          if (c && c.el === el) {
            c.end = end;
            c.closeStart = el.selfClosing ? el.start : closeTagStart(xml, end);
          }
        }
      },
    });
    this.prefix = prefix;
    for (const k of COLLECTIONS) if (!this.collections.has(k)) throw new PatchError(`styles part has no <${k}>`);
  }

  private index(kind: keyof StylesPatcher["added"], xml: string): number {
    const c = this.collections.get(kind);
    const list = this.added[kind];
    list.push(xml);
    return (c?.count ?? 0) + list.length - 1;
  }

  /** The format of style `s` with a solid highlight fill and/or wrapped text; `s` itself where nothing changes. */
  derive(s: number, change: FormatChange): number {
    // Hot (once per written cell): a number for the key unless a font changes.
    const flags = s * 4 + (change.highlight ? 2 : 0) + (change.wrap ? 1 : 0);
    const key = change.font === undefined ? flags : `${flags}:${change.font}`;
    const hit = this.derived.get(key);
    if (hit !== undefined) return hit;
    const base = this.xfs[s] ?? this.xfs[0];
    if (!base) throw new PatchError("styles part has no cell format");
    const p = this.prefix;
    const changes: Record<string, string | undefined> = {};
    if (change.highlight) {
      this.highlightFill ??= this.index("fills", `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="FF${HIGHLIGHT_COLOR.slice(1)}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`);
      changes.fillId = String(this.highlightFill);
      changes.applyFill = "1";
    }
    if (change.font !== undefined) {
      changes.fontId = String(this.withFontName(Number(attr(base.el, "fontId") ?? 0) || 0, change.font));
      changes.applyFont = "1";
    }
    let body = base.el.selfClosing ? "" : this.xml.slice(base.el.headEnd, closeTagStart(this.xml, base.end));
    if (change.wrap) {
      changes.applyAlignment = "1";
      body = wrapAlignment(body, p);
    }
    const xf = `${startTag(base.el.qname, withAttrs(base.el, changes), body === "")}${body === "" ? "" : `${body}</${base.el.qname}>`}`;
    const id = this.index("cellXfs", xf);
    this.derived.set(key, id);
    return id;
  }

  private readonly renamedFonts = new Map<string, number>();
  private readonly fontNames = new Map<number, string | undefined>();

  /** The font name of cell format `s` (undefined when the format or its font has none). */
  fontNameOf(s: number): string | undefined {
    const xf = this.xfs[s] ?? this.xfs[0];
    const id = xf ? Number(attr(xf.el, "fontId") ?? 0) || 0 : 0;
    if (this.fontNames.has(id)) return this.fontNames.get(id);
    const font = this.fonts[id];
    let name: string | undefined;
    if (font && !font.el.selfClosing) {
      scanXml(this.xml.slice(font.el.start, font.end), { open: (el) => void (el.name === "name" && name === undefined && (name = attr(el, "val"))) });
    }
    this.fontNames.set(id, name);
    return name;
  }

  /** Font `id` with another name: its own size, colour and emphasis kept; a theme scheme dropped (it would win). */
  private withFontName(id: number, name: string): number {
    const key = `${id}:${name}`;
    const hit = this.renamedFonts.get(key);
    if (hit !== undefined) return hit;
    const p = this.prefix;
    const font = this.fonts[id] ?? this.fonts[0];
    const children: string[] = [];
    if (font && !font.el.selfClosing) {
      let depth = 0;
      scanXml(this.xml.slice(font.el.start, font.end), {
        open: (el) => {
          depth++;
          if (depth === 2 && !["name", "scheme", "charset"].includes(el.name)) children.push(startTag(el.qname, Object.entries(el.attrs), true));
          if (el.selfClosing) depth--;
        },
        close: (_n, _e, el) => {
          if (!el.selfClosing) depth--;
        },
      });
    }
    const out = this.index("fonts", `<${p}font>${children.join("")}<${p}name val="${escapeXml(name)}"/></${p}font>`);
    this.renamedFonts.set(key, out);
    return out;
  }

  /** A format for a report row (and, for a link, blue and underlined), built on the default font and format. */
  reportStyle(f: ReportRowFormat, link: boolean): number {
    let memo = this.reportStyles.get(f);
    if (memo === undefined) this.reportStyles.set(f, (memo = new Map<boolean, number>()));
    const hit = memo.get(link);
    if (hit !== undefined) return hit;
    const p = this.prefix;
    const font0 = this.fonts[0];
    let fontId = 0;
    const color = link ? "#0563C1" : f.color;
    if (f.bold || f.italic || f.size !== undefined || color !== undefined || link) {
      // The default font's own children (name, family, scheme...), with size, colour and emphasis set.
      const children: string[] = [];
      if (font0 && !font0.el.selfClosing) {
        scanXml(this.xml.slice(font0.el.start, font0.end), {
          open: (el) => {
            if (["b", "i", "u", "sz", "color"].includes(el.name) || el.name === "font") return;
            children.push(startTag(el.qname, Object.entries(el.attrs), true));
          },
        });
      }
      const own = [
        ...(f.bold ? [`<${p}b/>`] : []),
        ...(f.italic ? [`<${p}i/>`] : []),
        ...(link ? [`<${p}u/>`] : []),
        `<${p}sz val="${f.size ?? 11}"/>`,
        ...(color !== undefined ? [`<${p}color rgb="FF${color.slice(1)}"/>`] : []),
      ];
      fontId = this.index("fonts", `<${p}font>${own.join("")}${children.join("")}</${p}font>`);
    }
    const fillId = f.fill !== undefined ? this.index("fills", `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="FF${f.fill.slice(1)}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`) : 0;
    const borderId = f.ruled ? this.index("borders", `<${p}border><${p}left/><${p}right/><${p}top/><${p}bottom style="thin"><${p}color auto="1"/></${p}bottom><${p}diagonal/></${p}border>`) : 0;
    const xf = `<${p}xf numFmtId="0" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><${p}alignment vertical="top"${f.wraps ? ' wrapText="1"' : ""}/></${p}xf>`;
    const id = this.index("cellXfs", xf);
    memo.set(link, id);
    return id;
  }

  private readonly reportStyles = new WeakMap<ReportRowFormat, Map<boolean, number>>();

  get changed(): boolean {
    return Object.values(this.added).some((l) => l.length > 0);
  }

  serialize(): string {
    const splices: Splice[] = [];
    for (const [kind, list] of Object.entries(this.added)) {
      if (list.length === 0) continue;
      const c = this.collections.get(kind);
      if (!c) continue;
      const total = c.count + list.length;
      const head = startTag(c.el.qname, withAttrs(c.el, { count: String(total) }));
      if (c.el.selfClosing) splices.push({ start: c.el.start, end: c.end, text: `${head}${list.join("")}</${c.el.qname}>` });
      else {
        splices.push({ start: c.el.start, end: c.el.headEnd, text: head });
        splices.push({ start: c.closeStart, end: c.closeStart, text: list.join("") });
      }
    }
    return applySplices(this.xml, splices);
  }
}

/** CT_Stylesheet's children in their order, with the defaults Excel assumes for the four a copy appends to. */
const STYLE_ORDER = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"];
const STYLE_DEFAULTS: Readonly<Record<string, (p: string) => string>> = {
  fonts: (p) => `<${p}fonts count="1"><${p}font><${p}sz val="11"/><${p}name val="Calibri"/><${p}family val="2"/></${p}font></${p}fonts>`,
  fills: (p) => `<${p}fills count="2"><${p}fill><${p}patternFill patternType="none"/></${p}fill><${p}fill><${p}patternFill patternType="gray125"/></${p}fill></${p}fills>`,
  borders: (p) => `<${p}borders count="1"><${p}border><${p}left/><${p}right/><${p}top/><${p}bottom/><${p}diagonal/></${p}border></${p}borders>`,
  cellXfs: (p) => `<${p}cellXfs count="1"><${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></${p}cellXfs>`,
};

/** A styles part with the collections a copy appends to, inserted in schema order where a producer left them out. */
function withStyleCollections(xml: string): string {
  const info = rootInfo(xml);
  const present = new Map(info.children.map((c) => [c.el.name, c]));
  const missing = Object.keys(STYLE_DEFAULTS).filter((k) => !present.has(k));
  if (missing.length === 0) return xml;
  const p = prefixOf(info.root.qname);
  const splices: Splice[] = [];
  for (const name of missing) {
    const later = STYLE_ORDER.slice(STYLE_ORDER.indexOf(name) + 1).map((n) => present.get(n)).find((c) => c !== undefined);
    const at = later ? later.el.start : info.closeStart;
    if (at < 0) return appendToRoot(xml, missing.map((m) => STYLE_DEFAULTS[m]!(p)).join(""));
    splices.push({ start: at, end: at, text: STYLE_DEFAULTS[name]!(p) });
  }
  return applySplices(xml, splices);
}

/** An xf's children with wrapText="1" on its alignment (added first, as CT_Xf orders alignment first). */
function wrapAlignment(body: string, p: string): string {
  let found: XmlElement | undefined;
  let end = 0;
  if (body !== "") {
    scanXml(`<r>${body}</r>`, {
      close: (name, e, el) => {
        if (name === "alignment" && found === undefined) {
          found = el;
          end = e;
        }
      },
    });
  }
  if (!found) return `<${p}alignment wrapText="1"/>${body}`;
  const el = found;
  const shift = 3; // the "<r>" wrapper
  const head = startTag(el.qname, withAttrs(el, { wrapText: "1" }), el.selfClosing);
  return body.slice(0, el.start - shift) + head + body.slice(el.headEnd - shift, Math.max(end, el.headEnd) - shift) + body.slice(Math.max(end, el.headEnd) - shift);
}

const MINIMAL_STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="${NS.main}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

// ---------------------------------------------------------------------------------------------------------------
// Worksheets

interface CellWrite {
  readonly row: number;
  readonly col: number;
  readonly highlight: boolean;
  /** Text to write (always as an inline string), or undefined to keep the value. */
  readonly text?: string;
  /** What the plan saw in the cell; a cell that no longer shows it is left alone. */
  readonly old?: string;
  /** A Unicode font for a converted legacy cell. */
  readonly font?: string;
  /** The write converts legacy text (counted apart from fills). */
  readonly conversion?: boolean;
  /** The merged area the cell starts, if it runs over several rows or columns. */
  readonly span?: { readonly top: number; readonly left: number; readonly bottom: number; readonly right: number };
}

interface CellSite {
  readonly start: number;
  readonly headEnd: number;
  readonly end: number;
  readonly col: number;
  readonly style: number;
  readonly formula: "none" | "plain" | "master";
}

interface RowSite {
  readonly start: number;
  readonly headEnd: number;
  end: number;
  readonly selfClosing: boolean;
  unaddressed: boolean;
  /** Style of the nearest cell above in each written column: what a new cell there is formatted like. */
  readonly above: ReadonlyMap<number, number>;
  /** Its cells in order (a full parse), or where the reader's index holds them (cells from..to of `index`). */
  readonly cells: CellSite[] | { readonly index: Int32Array; readonly from: number; readonly to: number };
  /** The start tag's attributes, read when first needed. */
  attrs?: Readonly<Record<string, string>>;
}

function indexedCell(index: Int32Array, k: number): CellSite {
  const c = k * CELL_STRIDE;
  const flags = index[c + 5] as number;
  return { start: index[c] as number, headEnd: index[c + 1] as number, end: index[c + 2] as number, col: index[c + 3] as number, style: index[c + 4] as number, formula: flags & CELL_FORMULA_MASTER ? "master" : flags & CELL_FORMULA ? "plain" : "none" };
}

/** The row's first cell at column `col` or after it (`after`: strictly after it). */
function cellFrom(site: RowSite, col: number, after: boolean): CellSite | undefined {
  const cells = site.cells;
  if (Array.isArray(cells)) return cells.find((c) => (after ? c.col > col : c.col === col));
  for (let k = cells.from; k < cells.to; k++) {
    const at = cells.index[k * CELL_STRIDE + 3] as number;
    if (after ? at > col : at === col) return indexedCell(cells.index, k);
  }
  return undefined;
}

function rowAttr(xml: string, site: RowSite, name: string): string | undefined {
  site.attrs ??= readStartTag(xml.slice(site.start, site.headEnd)).attrs;
  return site.attrs[name];
}

/** Default column width (characters) of a sheet and its `<col>` widths, for the height a wrapped text needs. */
interface Widths {
  readonly byCol: Map<number, number>;
  readonly fallback: number;
}

function widthOf(w: Widths, col: number): number {
  return w.byCol.get(col) ?? w.fallback;
}

/** Points needed by `text` wrapped in a column `width` characters wide (the same estimate as the report rows). */
function heightFor(text: string, width: number, size = 11): number {
  return estimatedRowHeight({ cells: [text], style: "plain" }, [width]) * (size / 11);
}

interface SheetPatch {
  /** The sheet's new bytes (UTF-8), or undefined when nothing in it changed. */
  readonly bytes: Uint8Array | undefined;
  readonly filled: number;
  readonly converted: number;
  readonly highlighted: number;
  readonly skipped: Array<{ cell: string; reason: SkipReason }>;
  readonly formulaRemoved: boolean;
}

/**
 * A sheet whose rows and cells the reader indexed (SheetRows) is not parsed again: only what comes before its first
 * row, what follows `</sheetData>` and the start tags of the rows and cells written to are. Tests turn it off to
 * compare both paths on every fixture.
 */
export const PATCH_TUNING = { useIndex: true, /** How many sheets were patched that way (for tests). */ indexed: 0 };

/** Everything the writer needs to know about a sheet before it changes it. */
interface Sites {
  prefix: string;
  dimension: XmlElement | undefined;
  widths: Widths;
  defaultHeight: number;
  merges: MergedArea[];
  sheetData: { el: XmlElement; closeStart: number; end: number } | undefined;
  /** The target rows that exist. */
  rows: Map<number, RowSite>;
  /** Where a target row that does not exist is inserted (before this offset), and the styles above it. */
  rowInsert: Map<number, number>;
  aboveNew: Map<number, ReadonlyMap<number, number>>;
  /** The styles above the end of the sheet (for rows inserted at its end). */
  styleAbove: Map<number, number>;
}

function formulaKind(el: XmlElement): CellSite["formula"] {
  const t = attr(el, "t");
  return (t === "shared" && attr(el, "ref") !== undefined) || t === "array" || t === "dataTable" ? "master" : "plain";
}

/** The sites of a sheet from the elements before its rows (dimension, formats, columns) and after (merged areas). */
function outerHandlers(sites: Sites, xml: string): Parameters<typeof scanXml>[1] {
  let depth = 0;
  return {
    open: (el) => {
      if (depth === 0) sites.prefix = prefixOf(el.qname);
      if (!el.selfClosing) depth++;
      switch (el.name) {
        case "dimension":
          sites.dimension = el;
          break;
        case "sheetFormatPr": {
          const d = Number(attr(el, "defaultColWidth") ?? NaN);
          const b = Number(attr(el, "baseColWidth") ?? NaN);
          sites.widths = { byCol: sites.widths.byCol, fallback: Number.isFinite(d) ? d : Number.isFinite(b) ? b + 0.71 : 8.43 };
          const h = Number(attr(el, "defaultRowHeight") ?? NaN);
          if (Number.isFinite(h) && h > 0) sites.defaultHeight = h;
          break;
        }
        case "col": {
          const min = Number(attr(el, "min"));
          const max = Math.min(Number(attr(el, "max")), min + 16384);
          const w = Number(attr(el, "width"));
          if (Number.isFinite(w) && Number.isInteger(min)) for (let c = min; c <= max; c++) sites.widths.byCol.set(c - 1, w);
          break;
        }
        case "sheetData":
          sites.sheetData = { el, closeStart: el.headEnd, end: el.headEnd };
          break;
        case "mergeCell": {
          const area = mergeCellArea(el);
          if (area) sites.merges.push(area);
          break;
        }
        default:
          break;
      }
    },
    close: (name, end, el) => {
      if (!el.selfClosing) depth--;
      if (name === "sheetData" && sites.sheetData && sites.sheetData.el === el) {
        sites.sheetData.end = end;
        sites.sheetData.closeStart = el.selfClosing ? el.start : closeTagStart(xml, end);
      }
    },
  };
}

function emptySites(): Sites {
  return { prefix: "", dimension: undefined, widths: { byCol: new Map(), fallback: 8.43 }, defaultHeight: 15, merges: [], sheetData: undefined, rows: new Map(), rowInsert: new Map(), aboveNew: new Map(), styleAbove: new Map() };
}

/** The sites from a parse of the whole sheet. */
function parsedSites(xml: string, targetRows: ReadonlyArray<number>, targetCols: ReadonlySet<number>): Sites {
  const sites = emptySites();
  const outer = outerHandlers(sites, xml);
  const { styleAbove, rows, rowInsert, aboveNew } = sites;
  let pointer = 0;
  let rowIndex = -1;
  let colIndex = -1;
  let current: RowSite | undefined;
  let rowEl: XmlElement | undefined;
  let cell: { el: XmlElement; col: number; formula: CellSite["formula"] } | undefined;
  // Noted here and thrown after the parse (scanXml reports whatever a handler throws as malformed XML).
  let disorder: RowOrderError | undefined;
  scanXml(xml, {
    open: (el) => {
      outer.open?.(el);
      if (el.name === "row") {
        const r = Number(attr(el, "r"));
        const previous = rowIndex;
        rowIndex = Number.isInteger(r) && r >= 1 ? r - 1 : rowIndex + 1;
        if (rowIndex <= previous) disorder ??= new RowOrderError(rowIndex + 1, previous + 1);
        colIndex = -1;
        while (pointer < targetRows.length && (targetRows[pointer] as number) < rowIndex) {
          aboveNew.set(targetRows[pointer] as number, new Map(styleAbove));
          rowInsert.set(targetRows[pointer++] as number, el.start);
        }
        if (pointer < targetRows.length && targetRows[pointer] === rowIndex) {
          current = { start: el.start, headEnd: el.headEnd, end: el.headEnd, selfClosing: el.selfClosing, cells: [], unaddressed: attr(el, "r") === undefined, above: new Map(styleAbove), attrs: el.attrs };
          rowEl = el;
          rows.set(rowIndex, current);
          pointer++;
        } else current = undefined;
      } else if (el.name === "c") {
        const ref = attr(el, "r");
        const at = ref !== undefined ? parseA1(ref) : undefined;
        colIndex = at ? at.colIndex : colIndex + 1;
        if (targetCols.has(colIndex)) styleAbove.set(colIndex, Number(attr(el, "s") ?? 0) || 0);
        if (current) {
          if (!at) current.unaddressed = true;
          cell = { el, col: colIndex, formula: "none" };
        }
      } else if (el.name === "f" && cell) cell.formula = formulaKind(el);
    },
    close: (name, end, el) => {
      outer.close?.(name, end, el);
      if (name === "c" && cell && cell.el === el && current) {
        (current.cells as CellSite[]).push({ start: el.start, headEnd: el.headEnd, end, col: cell.col, style: Number(attr(el, "s") ?? 0) || 0, formula: cell.formula });
        cell = undefined;
      } else if (name === "row" && current && rowEl === el) current.end = end;
    },
  });
  if (disorder) throw disorder;
  return sites;
}

/**
 * The sites from the reader's index: the text before the first row is parsed as a document of its own (closed where
 * it was cut), then what follows `</sheetData>`; of the rows written to, only their start tags are read. Every offset
 * kept is an offset of the original text.
 */
function indexedSites(xml: string, index: SheetRows, targetRows: ReadonlyArray<number>, targetCols: ReadonlySet<number>): Sites {
  const sites = emptySites();
  const { styleAbove, rows, rowInsert, aboveNew } = sites;
  const first = index.starts[0] as number;
  scanXml(`${xml.slice(0, first)}</${index.sheetDataQname}></${index.rootQname}>`, outerHandlers(sites, xml));
  if (!sites.sheetData) throw new PatchError("worksheet without <sheetData>");
  sites.sheetData.closeStart = index.sheetDataCloseStart;
  sites.sheetData.end = index.sheetDataEnd;
  scanXml(`${index.rootHead}${xml.slice(index.sheetDataEnd)}`, {
    open: (el) => {
      const area = el.name === "mergeCell" ? mergeCellArea(el) : undefined;
      if (area) sites.merges.push(area);
    },
  });
  const { rowData, cells } = index;
  // The styles above, copied only when they changed since the last copy (most rows change none).
  let snapshot: ReadonlyMap<number, number> = new Map();
  let dirty = false;
  const above = (): ReadonlyMap<number, number> => {
    if (dirty) snapshot = new Map(styleAbove);
    dirty = false;
    return snapshot;
  };
  let pointer = 0;
  for (let i = 0; i < index.rows.length && pointer < targetRows.length; i++) {
    const rowIndex = index.rows[i] as number;
    const start = index.starts[i] as number;
    const r = i * ROW_STRIDE;
    while (pointer < targetRows.length && (targetRows[pointer] as number) < rowIndex) {
      aboveNew.set(targetRows[pointer] as number, above());
      rowInsert.set(targetRows[pointer++] as number, start);
    }
    const firstCell = rowData[r + 2] as number;
    const lastCell = i + 1 < index.rows.length ? (rowData[r + ROW_STRIDE + 2] as number) : cells.length / CELL_STRIDE;
    if (pointer < targetRows.length && targetRows[pointer] === rowIndex) {
      const flags = rowData[r + 3] as number;
      rows.set(rowIndex, { start, headEnd: rowData[r] as number, end: rowData[r + 1] as number, selfClosing: (flags & ROW_SELF_CLOSING) !== 0, cells: { index: cells, from: firstCell, to: lastCell }, unaddressed: (flags & ROW_UNADDRESSED) !== 0, above: above() });
      pointer++;
    }
    for (let k = firstCell; k < lastCell; k++) {
      const col = cells[k * CELL_STRIDE + 3] as number;
      const style = cells[k * CELL_STRIDE + 4] as number;
      if (targetCols.has(col) && styleAbove.get(col) !== style) {
        styleAbove.set(col, style);
        dirty = true;
      }
    }
  }
  PATCH_TUNING.indexed++;
  return sites;
}

/** `writes`: one a cell, in row then column order (cellWrites). */
function patchSheet(xml: string, writes: ReadonlyArray<CellWrite>, styles: StylesPatcher, overwrite: boolean, currentText: (row: number, col: number) => string, index?: SheetRows): SheetPatch {
  // The rows written to, and where each one's writes start in `writes` (rowFrom[k]..rowFrom[k + 1]).
  const targetRows: number[] = [];
  const rowFrom: number[] = [];
  const targetCols = new Set<number>();
  for (let i = 0; i < writes.length; i++) {
    const w = writes[i] as CellWrite;
    if (i === 0 || w.row !== (writes[i - 1] as CellWrite).row) {
      targetRows.push(w.row);
      rowFrom.push(i);
    }
    targetCols.add(w.col);
  }
  rowFrom.push(writes.length);
  const sites = PATCH_TUNING.useIndex && index && index.length === xml.length && index.rows.length > 0 ? indexedSites(xml, index, targetRows, targetCols) : parsedSites(xml, targetRows, targetCols);
  const { prefix, dimension, widths, defaultHeight, merges, sheetData, rows, rowInsert, aboveNew, styleAbove } = sites;
  if (!sheetData) throw new PatchError("worksheet without <sheetData>");
  const sd = sheetData;
  // Edits before <sheetData> (the dimension), and every edit when they cannot be streamed.
  const splices: Splice[] = [];
  // Target rows whose places in the sheet are in order and do not overlap (as in any sheet a real producer writes):
  // each row's edits are applied to the new sheet as soon as they are made, so no edit outlives its row — on a sheet
  // with 215,636 highlighted cells, the garbage collector no longer copies hundreds of thousands of edits from one
  // heap generation to the next. Otherwise every edit is collected, sorted and applied at the end.
  let streaming = !sd.el.selfClosing && (!dimension || dimension.start < sd.el.start);
  for (let i = 0, lastEnd = sd.el.start; streaming && i < targetRows.length; i++) {
    const r = targetRows[i] as number;
    const site = rows.get(r);
    const at = site ? site.start : (rowInsert.get(r) ?? sd.closeStart);
    if (at < lastEnd) streaming = false;
    lastEnd = site ? site.end : at;
  }
  const body = streaming ? new Utf8Sink() : undefined;
  let bodyAt = sd.el.start;
  let edits = 0;
  const emit = (list: Splice[]): void => {
    edits += list.length;
    if (body === undefined) for (const sp of list) splices.push(sp);
    else bodyAt = spliceInto(body, xml, list, bodyAt);
  };
  const skipped: Array<{ cell: string; reason: SkipReason }> = [];
  let filled = 0;
  let converted = 0;
  let highlighted = 0;
  let formulaRemoved = false;
  let maxRow = -1;
  let maxCol = -1;

  const newCell = (w: CellWrite, s: number): string => {
    const sAttr = s !== 0 ? ` s="${s}"` : "";
    const ref = toA1(w.row, w.col);
    if (w.text === undefined) return `<${prefix}c r="${ref}"${sAttr}/>`;
    return `<${prefix}c r="${ref}"${sAttr} t="inlineStr"><${prefix}is><${prefix}t xml:space="preserve">${encodeCellText(w.text)}</${prefix}t></${prefix}is></${prefix}c>`;
  };
  // A written cell's start tag keeps every byte but the attributes that change (see editStartTag).
  const inline = (cell: CellSite, s: number, text: string): string => {
    const tag = xml.slice(cell.start, cell.headEnd);
    const head = editStartTag(tag, { s: s !== 0 ? String(s) : undefined, t: "inlineStr", cm: undefined, vm: undefined }, false);
    return `${head}<${prefix}is><${prefix}t xml:space="preserve">${encodeCellText(text)}</${prefix}t></${prefix}is></${readStartTag(tag).qname}>`;
  };

  // New rows when <sheetData/> was self-closing (it is replaced whole).
  const intoEmptySheetData: string[] = [];
  for (let t = 0; t < targetRows.length; t++) {
    const r = targetRows[t] as number;
    const list = writes.slice(rowFrom[t], rowFrom[t + 1]);
    const site = rows.get(r);
    let needed = 0;
    const inserts: Array<{ at: number; text: string }> = [];
    const rowSplices: Splice[] = [];
    const newCells: string[] = [];
    for (const w of list) {
      const cell = site ? cellFrom(site, w.col, false) : undefined;
      // A new cell is formatted like the nearest cell above it in its column (the table's own format), else like
      // its row.
      const above = (site ? site.above : (aboveNew.get(w.row) ?? styleAbove)).get(w.col);
      const s = cell ? cell.style : (above ?? (site ? Number(rowAttr(xml, site, "s") ?? 0) || 0 : 0));
      if (w.text !== undefined) {
        // Excel shows a cell inside a merged area (not its top-left cell) empty: a value written there is lost.
        if (merges.some((m) => w.row >= m.top && w.row <= m.bottom && w.col >= m.left && w.col <= m.right && (w.row !== m.top || w.col !== m.left))) {
          skipped.push({ cell: toA1(w.row, w.col), reason: "merged" });
          continue;
        }
        if (cell?.formula === "master") {
          skipped.push({ cell: toA1(w.row, w.col), reason: "shared-formula" });
          continue;
        }
        if (cell?.formula === "plain" && !overwrite) {
          skipped.push({ cell: toA1(w.row, w.col), reason: "formula" });
          continue;
        }
        // The plan's definition of the cell's text (invisible characters and spacing aside), so "empty" means the same.
        if (w.old !== undefined && cleanText(currentText(w.row, w.col)) !== cleanText(w.old)) {
          skipped.push({ cell: toA1(w.row, w.col), reason: "changed" });
          continue;
        }
      }
      if (!cell && site?.unaddressed) {
        skipped.push({ cell: toA1(w.row, w.col), reason: "unaddressed-row" });
        continue;
      }
      // Unicode text in a cell whose font is a legacy one (.VnTime, VNI-Times) would show as garbage: the cell gets the
      // Unicode counterpart of its font.
      const font = w.font ?? (w.text !== undefined ? unicodeFont(styles.fontNameOf(s)) : undefined);
      const style = styles.derive(s, { highlight: w.highlight, wrap: w.text !== undefined && w.conversion !== true, ...(font !== undefined ? { font } : {}) });
      if (w.conversion === true) converted++;
      else if (w.text !== undefined) {
        filled++;
        // Merged across columns, a text wraps in their width; merged over several rows, in all of them: the area's
        // first row grows only by what the area lacks (its other rows counted at the sheet's default height, as
        // those below are not read yet).
        let width = 0;
        for (let c = w.col; c <= (w.span?.right ?? w.col); c++) width += widthOf(widths, c);
        const below = w.span !== undefined ? (w.span.bottom - w.span.top) * defaultHeight : 0;
        needed = Math.max(needed, heightFor(w.text, width) - below);
        if (cell?.formula === "plain") formulaRemoved = true;
      }
      if (w.highlight) highlighted++;
      maxRow = Math.max(maxRow, w.row);
      maxCol = Math.max(maxCol, w.col);
      if (cell) {
        if (w.text !== undefined) rowSplices.push({ start: cell.start, end: cell.end, text: inline(cell, style, w.text) });
        else rowSplices.push({ start: cell.start, end: cell.headEnd, text: editStartTag(xml.slice(cell.start, cell.headEnd), { s: style !== 0 ? String(style) : undefined }) });
      } else if (site) {
        const next = cellFrom(site, w.col, true);
        inserts.push({ at: next ? next.start : site.selfClosing ? -1 : closeTagStart(xml, site.end), text: newCell(w, style) });
      } else newCells.push(newCell(w, style));
    }
    if (!site && newCells.length > 0) {
      const rowText = `<${prefix}row r="${r + 1}"${needed > defaultHeight ? ` ht="${needed}" customHeight="1"` : ""}>${newCells.join("")}</${prefix}row>`;
      if (sd.el.selfClosing) intoEmptySheetData.push(rowText);
      else {
        // Before the next row that exists (several new rows at one place follow each other in order).
        const at = rowInsert.get(r) ?? sd.closeStart;
        rowSplices.push({ start: at, end: at, text: rowText });
      }
    }
    if (site) {
      // A row shows at its stored height (or the sheet's default): neither Excel nor LibreOffice refits it on
      // opening, so a row too low for the new text grows, and nothing else about it changes.
      const stored = needed > 0 ? Number(rowAttr(xml, site, "ht") ?? NaN) : NaN;
      const ht = Number.isFinite(stored) ? stored : defaultHeight;
      const grow = needed > ht;
      const spans = inserts.length > 0 ? rowAttr(xml, site, "spans") : undefined;
      const changes: Record<string, string | undefined> = grow ? { ht: String(needed), customHeight: "1" } : {};
      if (spans !== undefined && inserts.length > 0) {
        const [lo = 1, hi = 1] = spans.split(":").map(Number);
        const cols = list.map((w) => w.col + 1);
        changes.spans = `${Math.min(lo, ...cols)}:${Math.max(hi, ...cols)}`;
      }
      const selfClosingInserts = inserts.filter((i) => i.at === -1);
      if (site.selfClosing && selfClosingInserts.length > 0) {
        const tag = xml.slice(site.start, site.headEnd);
        rowSplices.push({ start: site.start, end: site.end, text: `${editStartTag(tag, changes, false)}${selfClosingInserts.map((i) => i.text).join("")}</${readStartTag(tag).qname}>` });
      } else {
        if (Object.keys(changes).length > 0) rowSplices.push({ start: site.start, end: site.headEnd, text: editStartTag(xml.slice(site.start, site.headEnd), changes) });
        const grouped = new Map<number, string[]>();
        for (const i of inserts) grouped.set(i.at, [...(grouped.get(i.at) ?? []), i.text]);
        for (const [at, texts] of grouped) rowSplices.push({ start: at, end: at, text: texts.join("") });
      }
    }
    emit(rowSplices);
  }
  // (Never streamed: a self-closing <sheetData/> turns streaming off.)
  if (intoEmptySheetData.length > 0) {
    splices.push({ start: sd.el.start, end: sd.end, text: `${startTag(sd.el.qname, Object.entries(sd.el.attrs))}${intoEmptySheetData.join("")}</${sd.el.qname}>` });
  }
  if (dimension && maxRow >= 0) {
    const ref = attr(dimension, "ref") ?? "A1";
    const [a = "A1", b = a] = ref.split(":");
    const p = parseA1(a);
    const q = parseA1(b);
    if (p && q && (maxRow > q.rowIndex || maxCol > q.colIndex)) {
      const wider = `${toA1(p.rowIndex, p.colIndex)}:${toA1(Math.max(q.rowIndex, maxRow), Math.max(q.colIndex, maxCol))}`;
      splices.push({ start: dimension.start, end: dimension.headEnd, text: startTag(dimension.qname, withAttrs(dimension, { ref: wider }), dimension.selfClosing) });
    }
  }
  let bytes: Uint8Array | undefined;
  if (body !== undefined && edits > 0) {
    // Streamed: the part before <sheetData> (its dimension edited) then the sheet data and what follows it.
    body.add(xml.slice(bodyAt));
    bytes = concatBytes(applySplicesUtf8(xml.slice(0, sd.el.start), splices), body.bytes());
  } else if (splices.length > 0) bytes = applySplicesUtf8(xml, splices);
  return { bytes, filled, converted, highlighted, skipped, formulaRemoved };
}

// ---------------------------------------------------------------------------------------------------------------
// The report sheet

function reportSheetXml(report: ReportSheet, styles: StylesPatcher, ns: { main: string; rel: string }): Uint8Array {
  // Hot path on a big appendix (a report of 54,000 rows below target for a sheet of 60,000): one string per row,
  // built in one loop, column letters computed once, written to UTF-8 as it goes.
  const width = report.rows.reduce((n, r) => Math.max(n, r.cells.length), report.columnWidths.length);
  const letters = Array.from({ length: width }, (_, j) => columnLetter(j));
  const lastCol = columnLetter(Math.max(0, report.columnWidths.length - 1));
  const cols = report.columnWidths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("");
  const out = new Utf8Sink();
  out.add(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="${ns.main}" xmlns:r="${ns.rel}"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><dimension ref="A1:${lastCol}${Math.max(1, report.rows.length)}"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>${cols !== "" ? `<cols>${cols}</cols>` : ""}<sheetData>`);
  for (let i = 0; i < report.rows.length; i++) {
    const row = report.rows[i] as ReportSheet["rows"][number];
    const format = REPORT_ROW_FORMAT[row.style];
    const r = String(i + 1);
    let cells = "";
    for (let j = 0; j < row.cells.length; j++) {
      const c = row.cells[j] ?? null;
      if (c !== null) cells += reportCell(c, `${letters[j] as string}${r}`, format, styles);
    }
    const ht = format.wraps ? ` ht="${estimatedRowHeight(row, report.columnWidths)}" customHeight="1"` : "";
    out.add(`<row r="${r}"${ht}>${cells}</row>`);
  }
  out.add(`</sheetData><pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/></worksheet>`);
  return out.bytes();
}

const isXmlSpaceCode = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;

function reportCell(c: ReportCell, ref: string, format: ReportRowFormat, styles: StylesPatcher): string {
  if (c === null) return "";
  if (typeof c === "number") return `<c r="${ref}" s="${styles.reportStyle(format, false)}"><v>${c}</v></c>`;
  if (typeof c === "string") {
    // xml:space only where it matters (leading or trailing white space), as openpyxl writes it: the report of a
    // sheet of 60,000 rows is a quarter smaller.
    const space = c.length > 0 && (isXmlSpaceCode(c.charCodeAt(0)) || isXmlSpaceCode(c.charCodeAt(c.length - 1))) ? ' xml:space="preserve"' : "";
    return `<c r="${ref}" s="${styles.reportStyle(format, false)}" t="inlineStr"><is><t${space}>${encodeCellText(c)}</t></is></c>`;
  }
  // A HYPERLINK formula with its cached text: Excel and LibreOffice both follow "#'Sheet'!A1" targets.
  return `<c r="${ref}" s="${styles.reportStyle(format, true)}" t="str"><f>${escapeXml(linkFormula(c.link.sheet, c.link.cell, c.text))}</f><v>${encodeCellText(c.text)}</v></c>`;
}

/** The HYPERLINK formula of an in-workbook link. */
export function linkFormula(sheet: string, cell: string, text: string): string {
  const target = `#${quoteSheetName(sheet)}!${cell}`.replace(/"/g, '""');
  return `HYPERLINK("${target}","${text.slice(0, 250).replace(/"/g, '""')}")`;
}

// ---------------------------------------------------------------------------------------------------------------
// Package-level edits

interface RootInfo {
  root: XmlElement;
  closeStart: number;
  children: Array<{ el: XmlElement; end: number }>;
}

function rootInfo(xml: string): RootInfo {
  let root: XmlElement | undefined;
  let closeStart = -1;
  let depth = 0;
  const children: Array<{ el: XmlElement; end: number }> = [];
  scanXml(xml, {
    open: (el) => {
      if (depth === 0) root = el;
      if (!el.selfClosing) depth++;
    },
    close: (_n, end, el) => {
      if (!el.selfClosing) depth--;
      if (el === root) closeStart = el.selfClosing ? -1 : closeTagStart(xml, end);
      else if (depth === 1) children.push({ el, end });
    },
  });
  if (!root) throw new PatchError("empty part");
  return { root, closeStart, children };
}

/** Append children to a part's root element (a self-closing root is opened). */
function appendToRoot(xml: string, text: string): string {
  const info = rootInfo(xml);
  if (info.closeStart < 0) {
    const r = info.root;
    return xml.slice(0, r.start) + startTag(r.qname, Object.entries(r.attrs)) + text + `</${r.qname}>` + xml.slice(r.headEnd);
  }
  return xml.slice(0, info.closeStart) + text + xml.slice(info.closeStart);
}

const STRICT_REL = "http://purl.oclc.org/ooxml/officeDocument/relationships";

function isStrict(wb: Workbook): boolean {
  return wb.rels.some((r) => r.type.startsWith(`${STRICT_REL}/`));
}

/** The namespace a root element declares for a prefix ("" for the default namespace). */
function declaredUri(root: XmlElement, prefix: string): string | undefined {
  return prefix === "" ? root.attrs.xmlns : root.attrs[`xmlns:${prefix.slice(0, -1)}`];
}

/** The prefix a root element declares for a namespace ("r:"), or undefined. */
function declaredPrefix(root: XmlElement, uri: string): string | undefined {
  if (root.attrs.xmlns === uri) return "";
  for (const [k, v] of Object.entries(root.attrs)) if (k.startsWith("xmlns:") && v === uri) return `${k.slice(6)}:`;
  return undefined;
}

function nextRelId(rels: string): string {
  const ids = new Set<string>();
  scanXml(rels, { open: (el) => void (el.name === "Relationship" && ids.add(attr(el, "Id") ?? "")) });
  for (let n = ids.size + 1; ; n++) if (!ids.has(`rId${n}`)) return `rId${n}`;
}

const relsDoc = (body: string): string => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.pkgRel}">${body}</Relationships>`;

/**
 * UTF-8 built piece by piece: pieces gather into runs of about 64 K characters, each encoded as soon as it is full.
 * A big part (the report of 54,000 rows below target of a 60,000-row sheet, 21 MB; that sheet itself, 14 MB) is then
 * never one giant string, and its text dies young instead of being copied from one heap generation to the next
 * (the garbage collector's share of `--out` on that sheet: 870 → 560 ms). Pieces must not split a surrogate pair
 * (they are whole tags, rows or slices between tags).
 */
class Utf8Sink {
  private static readonly encoder = new TextEncoder();
  // One buffer, doubled when full (a few allocations in all: a new buffer per run made V8 collect the whole heap
  // again and again for the external memory).
  private buffer = new Uint8Array(1 << 16);
  private used = 0;
  private run = "";

  add(piece: string): void {
    this.run += piece;
    if (this.run.length >= 65_536) this.flush();
  }

  private flush(): void {
    if (this.run === "") return;
    // A UTF-16 code unit takes at most 3 bytes of UTF-8 (a surrogate pair, two units, takes 4).
    const need = this.used + this.run.length * 3;
    if (need > this.buffer.length) {
      let size = this.buffer.length * 2;
      while (size < need) size *= 2;
      const bigger = new Uint8Array(size);
      bigger.set(this.buffer.subarray(0, this.used));
      this.buffer = bigger;
    }
    const { read, written } = Utf8Sink.encoder.encodeInto(this.run, this.buffer.subarray(this.used));
    if (read !== this.run.length) throw new PatchError("UTF-8 buffer too small");
    this.used += written;
    this.run = "";
  }

  bytes(): Uint8Array {
    this.flush();
    return this.buffer.subarray(0, this.used);
  }
}

/** Package edits collected as whole-part texts, then written with every other part copied as it is. */
class PackageWriter {
  /** A part's new text, or its bytes (UTF-8) when it was built piece by piece (Utf8Sink). */
  readonly parts = new Map<string, string | Uint8Array>();
  readonly removed = new Set<string>();
  constructor(readonly pkg: Package) {}

  text(part: string): string | undefined {
    const t = this.parts.get(partKey(part));
    if (t !== undefined) return typeof t === "string" ? t : decodePart(t);
    return this.removed.has(partKey(part)) ? undefined : this.pkg.text(part);
  }

  set(part: string, text: string | Uint8Array): void {
    this.parts.set(partKey(part), text);
    this.names.set(partKey(part), part);
  }
  private readonly names = new Map<string, string>();

  exists(part: string): boolean {
    return this.parts.has(partKey(part)) || (this.pkg.has(part) && !this.removed.has(partKey(part)));
  }

  addRelationship(source: string, type: string, target: string): string {
    const relsPart = relsPartOf(source);
    const rels = this.text(relsPart) ?? relsDoc("");
    const id = nextRelId(rels);
    this.set(relsPart, appendToRoot(rels, `<Relationship Id="${id}" Type="${type}" Target="${escapeXml(target)}"/>`));
    return id;
  }

  addOverride(part: string, contentType: string): void {
    const ct = this.text("[Content_Types].xml");
    if (ct === undefined) throw new PatchError("no [Content_Types].xml");
    this.set("[Content_Types].xml", appendToRoot(ct, `<Override PartName="/${escapeXml(part)}" ContentType="${contentType}"/>`));
  }

  removePart(part: string): void {
    this.removed.add(partKey(part));
  }

  write(now: Date, deflate?: Deflater): { bytes: Uint8Array; changed: string[] } {
    const outputs: ZipOutput[] = [];
    const enc = new TextEncoder();
    const changed: string[] = [];
    const written = new Set<string>();
    for (const e of this.pkg.entries) {
      const key = partKey(e.name);
      if (this.removed.has(key)) {
        changed.push(e.name);
        continue;
      }
      const t = this.parts.get(key);
      if (t !== undefined && (typeof t !== "string" || t !== this.pkg.text(e.name))) {
        outputs.push({ name: e.name, data: typeof t === "string" ? enc.encode(t) : t });
        changed.push(e.name);
      } else outputs.push({ copy: e });
      written.add(key);
    }
    for (const [key, t] of this.parts) {
      if (written.has(key)) continue;
      const name = this.names.get(key) ?? key;
      outputs.push({ name, data: typeof t === "string" ? enc.encode(t) : t });
      changed.push(name);
    }
    return { bytes: writeZip(outputs, now, deflate), changed };
  }
}

/** Mark the package as a copy made by this tool, in its custom document properties. */
function markCopy(w: PackageWriter, value: string, strict: boolean): void {
  const rels = w.pkg.relationships("");
  const existing = rels.find((r) => r.type.endsWith("/custom-properties") && !r.external);
  const part = existing?.target ?? "docProps/custom.xml";
  const xml = existing ? w.text(part) : undefined;
  const fmtid = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}";
  if (xml !== undefined) {
    const info = rootInfo(xml);
    let pid = 1;
    let present = false;
    scanXml(xml, {
      open: (el) => {
        if (el.name !== "property") return;
        pid = Math.max(pid, Number(attr(el, "pid") ?? 1) || 1);
        if (attr(el, "name") === COPY_MARKER_PROPERTY) present = true;
      },
    });
    if (present) return;
    const vt = declaredPrefix(info.root, NS.vt);
    const p = prefixOf(info.root.qname);
    const value1 = vt !== undefined ? `<${vt}lpwstr>${escapeXml(value)}</${vt}lpwstr>` : `<vt:lpwstr xmlns:vt="${NS.vt}">${escapeXml(value)}</vt:lpwstr>`;
    w.set(part, appendToRoot(xml, `<${p}property fmtid="${fmtid}" pid="${pid + 1}" name="${COPY_MARKER_PROPERTY}">${value1}</${p}property>`));
    return;
  }
  w.set(part, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="${NS.custom}" xmlns:vt="${NS.vt}"><property fmtid="${fmtid}" pid="2" name="${COPY_MARKER_PROPERTY}"><vt:lpwstr>${escapeXml(value)}</vt:lpwstr></property></Properties>`);
  w.addRelationship("", strict ? `${STRICT_REL}/customProperties` : NS.customRel, part);
  w.addOverride(part, NS.customType);
}

/** True when a package carries the copy marker: a file this tool wrote and may replace. */
export function isOurCopy(bytes: Uint8Array): boolean {
  try {
    const pkg = new Package(bytes);
    const rel = pkg.relationships("").find((r) => r.type.endsWith("/custom-properties") && !r.external);
    const xml = rel ? pkg.text(rel.target) : undefined;
    if (xml === undefined) return false;
    let found = false;
    scanXml(xml, { open: (el) => void (el.name === "property" && attr(el, "name") === COPY_MARKER_PROPERTY && (found = true)) });
    return found;
  } catch {
    return false;
  }
}

function relativeTarget(fromPart: string, toPart: string): string {
  const from = fromPart.split("/").slice(0, -1);
  const to = toPart.split("/");
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => ".."), ...to.slice(i)].join("/");
}

/**
 * One write per cell, in row then column order: a text (a fill, or a conversion of legacy text) with the cell's
 * highlight. Hot path on a big sheet (215,636 highlights): the highlights, already in order from the plan, are not
 * put in a map; only the few texts are.
 */
function cellWrites(e: EditPlan): CellWrite[] {
  const key = (row: number, col: number): number => row * 16_384 + col; // exact in a double
  const texts = new Map<number, CellWrite>();
  for (const c of e.conversions ?? []) texts.set(key(c.row, c.col), { row: c.row, col: c.col, highlight: false, text: c.value, old: c.old, conversion: true, ...(c.font !== undefined ? { font: c.font } : {}) });
  for (const f of e.fills) {
    const prev = texts.get(key(f.row, f.col));
    // A fill replaces a converted cell's text; the conversion's font stays (the new text is Unicode too).
    texts.set(key(f.row, f.col), { row: f.row, col: f.col, highlight: false, text: f.value, old: f.old, ...(prev?.font !== undefined ? { font: prev.font } : {}), ...(f.span !== undefined ? { span: f.span } : {}) });
  }
  const out: CellWrite[] = [];
  for (const h of e.highlights) {
    const t = texts.get(key(h.row, h.col));
    out.push(t ? { ...t, highlight: true } : { row: h.row, col: h.col, highlight: true });
  }
  for (const t of texts.values()) out.push(t);
  out.sort((a, b) => a.row - b.row || a.col - b.col);
  // A cell met twice (a highlight listed twice, or a highlighted text and the text itself): one write, with its text
  // and its highlight.
  let n = 0;
  for (const w of out) {
    const last = out[n - 1];
    if (last !== undefined && last.row === w.row && last.col === w.col) out[n - 1] = { ...(last.text !== undefined ? last : w), highlight: last.highlight || w.highlight };
    else out[n++] = w;
  }
  out.length = n;
  return out;
}

/**
 * The annotated copy of a workbook: highlights and fills of `edits`, the report sheet, the copy marker. The input
 * package is not modified; the result is a new zip.
 */
export function patchWorkbook(wb: Workbook, edits: ReadonlyArray<EditPlan>, report: ReportSheet | ReadonlyArray<ReportSheet> | undefined, grids: ReadonlyMap<string, (row: number, col: number) => string>, options: PatchOptions): PatchResult {
  const w = new PackageWriter(wb.pkg);
  let stylesPart = wb.stylesPart;
  if (stylesPart === undefined) {
    stylesPart = wb.part.replace(/[^/]*$/, "styles.xml");
    w.set(stylesPart, MINIMAL_STYLES);
    w.addRelationship(wb.part, isStrict(wb) ? `${STRICT_REL}/styles` : NS.stylesRel, relativeTarget(wb.part, stylesPart));
    w.addOverride(stylesPart, NS.stylesType);
  }
  const styles = new StylesPatcher(w.text(stylesPart) ?? MINIMAL_STYLES);
  let filled = 0;
  let converted = 0;
  let highlighted = 0;
  let formulaRemoved = false;
  const skipped: Array<{ sheet: string; cell: string; reason: SkipReason }> = [];
  for (const e of edits) {
    const sheet = wb.sheets.find((s) => s.name === e.sheetName);
    if (!sheet?.part) continue;
    const xml = w.text(sheet.part);
    if (xml === undefined) continue;
    const writes = cellWrites(e);
    if (writes.length === 0) continue;
    const text = grids.get(e.sheetName) ?? (() => "");
    let p: SheetPatch;
    try {
      p = patchSheet(xml, writes, styles, options.overwrite, text, sheetRows(wb, sheet.part));
    } catch (err) {
      throw err instanceof RowOrderError ? new RowOrderError(err.row, err.after, e.sheetName) : err;
    }
    filled += p.filled;
    converted += p.converted;
    highlighted += p.highlighted;
    formulaRemoved ||= p.formulaRemoved;
    skipped.push(...p.skipped.map((s) => ({ sheet: e.sheetName, ...s })));
    if (p.bytes !== undefined) w.set(sheet.part, p.bytes);
  }
  // The report sheet, then any others (the "Góp ý" sheet), each under a free name, appended in order.
  const reports = report === undefined ? [] : "rows" in report ? [report as ReportSheet] : (report as ReadonlyArray<ReportSheet>);
  const added: string[] = [];
  for (const r of reports) added.push(addReportSheet(w, wb, r, styles, added));
  const reportSheet: string | undefined = added[0];
  if (styles.changed) w.set(stylesPart, styles.serialize());
  if (formulaRemoved) dropCalcChain(w, wb);
  markCopy(w, options.marker, isStrict(wb));
  const { bytes, changed } = w.write(options.now ?? new Date(), options.deflate);
  return { bytes, filled, converted, highlighted, skipped, reportSheet, addedSheets: added, changedParts: changed };
}

/** Excel lists every formula cell in calcChain.xml and calls a file corrupt when one has lost its formula. */
function dropCalcChain(w: PackageWriter, wb: Workbook): void {
  const rel = wb.rels.find((r) => r.type.endsWith("/calcChain") && !r.external);
  if (!rel) return;
  w.removePart(rel.target);
  const relsPart = relsPartOf(wb.part);
  const rels = w.text(relsPart);
  if (rels !== undefined) w.set(relsPart, removeElement(rels, "Relationship", (el) => attr(el, "Id") === rel.id));
  const ct = w.text("[Content_Types].xml");
  if (ct !== undefined) w.set("[Content_Types].xml", removeElement(ct, "Override", (el) => (attr(el, "PartName") ?? "").toLowerCase() === `/${rel.target.toLowerCase()}`));
}

function removeElement(xml: string, name: string, which: (el: XmlElement) => boolean): string {
  const splices: Splice[] = [];
  scanXml(xml, { close: (n, end, el) => void (n === name && which(el) && splices.push({ start: el.start, end, text: "" })) });
  return applySplices(xml, splices);
}

function addReportSheet(w: PackageWriter, wb: Workbook, report: ReportSheet, styles: StylesPatcher, added: ReadonlyArray<string> = []): string {
  const name = freeSheetName(report.name, [...wb.sheets.map((s) => s.name), ...added]);
  const folder = (wb.sheets.find((s) => s.part !== undefined)?.part ?? `${wb.part.replace(/[^/]*$/, "")}worksheets/sheet1.xml`).replace(/[^/]*$/, "");
  let n = wb.sheets.length + 1;
  while (w.exists(`${folder}sheet${n}.xml`)) n++;
  const part = `${folder}sheet${n}.xml`;
  const xml = w.text(wb.part) ?? "";
  const info = rootInfo(xml);
  // A Strict Open XML workbook (ISO 29500 strict) names its namespaces and relationship types differently.
  const strict = isStrict(wb);
  const ns = { main: declaredUri(info.root, prefixOf(info.root.qname)) ?? NS.main, rel: strict ? STRICT_REL : NS.rel };
  w.set(part, reportSheetXml(report, styles, ns));
  const relId = w.addRelationship(wb.part, strict ? `${STRICT_REL}/worksheet` : NS.worksheetRel, relativeTarget(wb.part, part));
  w.addOverride(part, NS.worksheetType);

  const p = prefixOf(info.root.qname);
  const r = declaredPrefix(info.root, ns.rel);
  const ids = wb.sheets.map((s) => Number(s.sheetId)).filter(Number.isFinite);
  const sheetId = Math.max(0, ...ids) + 1 + added.length;
  const relAttr = r !== undefined && r !== "" ? `${r}id="${relId}"` : `xmlns:r="${ns.rel}" r:id="${relId}"`;
  const sheetEl = `<${p}sheet name="${escapeXml(name)}" sheetId="${sheetId}" ${relAttr}/>`;
  const splices: Splice[] = [];
  const sheets = info.children.find((c) => c.el.name === "sheets");
  if (!sheets) throw new PatchError("workbook without <sheets>");
  const sheetsClose = sheets.el.selfClosing ? -1 : closeTagStart(xml, sheets.end);
  if (sheetsClose < 0) splices.push({ start: sheets.el.start, end: sheets.end, text: `${startTag(sheets.el.qname, Object.entries(sheets.el.attrs))}${sheetEl}</${sheets.el.qname}>` });
  else splices.push({ start: sheetsClose, end: sheetsClose, text: sheetEl });

  // The report's header rows repeat on every printed page (a print-titles name local to the new sheet).
  const headerRow = report.rows.findIndex((row) => row.style === "header");
  if (headerRow >= 0) {
    const defined = `<${p}definedName name="_xlnm.Print_Titles" localSheetId="${wb.sheets.length + added.length}">${escapeXml(`${quoteSheetName(name)}!$${headerRow + 1}:$${headerRow + 1}`)}</${p}definedName>`;
    const names = info.children.find((c) => c.el.name === "definedNames");
    if (names && !names.el.selfClosing) {
      const at = closeTagStart(xml, names.end);
      splices.push({ start: at, end: at, text: defined });
    } else if (names) splices.push({ start: names.el.start, end: names.end, text: `<${p}definedNames>${defined}</${p}definedNames>` });
    else {
      // CT_Workbook: definedNames follows sheets, functionGroups and externalReferences.
      const after = [...info.children].reverse().find((c) => ["sheets", "functionGroups", "externalReferences"].includes(c.el.name)) ?? sheets;
      splices.push({ start: after.end, end: after.end, text: `<${p}definedNames>${defined}</${p}definedNames>` });
    }
  }
  w.set(wb.part, applySplices(xml, splices));
  return name;
}
