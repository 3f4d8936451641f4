/**
 * A lean .xlsx reader for checking: values, formulas, number formats, merges and protection, read straight from
 * the package's XML without building exceljs's workbook model (fonts, borders, fills, row and cell objects).
 *
 * It exists for speed (the batch checker without --out), so it must never change a result: it reproduces what
 * `gridFromWorksheet` makes of exceljs's model, including exceljs's own quirks (double entity decoding of
 * formula-string results, `_xHHHH_` escapes decoded only in shared strings, dates as dd/mm/yyyy, the style at
 * index 0 ignored). tests/host/lean.test.ts holds its grids equal to exceljs's on every fixture, on LibreOffice
 * re-saves of them and on randomly generated workbooks. Whatever it is not sure to read the same way (hyperlinks,
 * tables, inline rich text, ISO-dated cells, cells without addresses, prefixed XML, anything unexpected) throws
 * LeanUnsupported, and the caller reads the file with exceljs instead.
 */
import JSZip from "jszip";
import type { Cell, Grid, MergedArea } from "../../core/grid";
import { columnIndex, columnLetter, parseA1 } from "../../core/grid";
import { formatNumber } from "../../core/numberFormat";
import { EXCELJS_DEFAULT_FORMATS } from "./defaultFormats";

export class LeanUnsupported extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LeanUnsupported";
  }
}

const ENTITY: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** What an XML parser hands over for character data: line ends normalised, entities and character references resolved. */
function decodeXml(s: string): string {
  const t = s.includes("\r") ? s.replace(/\r\n?/g, "\n") : s;
  if (!t.includes("&")) return t;
  return t.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, e: string) => {
    if (e.startsWith("#x")) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith("#")) return String.fromCodePoint(Number(e.slice(1)));
    const named = ENTITY[e];
    if (named === undefined) throw new LeanUnsupported(`entity ${whole}`);
    return named;
  });
}

/** exceljs's TextXform: `_xHHHH_` escapes (upper-case hex only) in shared-string text. */
function decodeEscapes(s: string): string {
  return s.includes("_x") ? s.replace(/_x([0-9A-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : s;
}

/** exceljs's utils.xmlDecode, which it applies a second time to "str" values. */
function decodeAgain(s: string): string {
  return s.includes("&") ? s.replace(/&([a-z]*);/g, (c) => ({ "&lt;": "<", "&gt;": ">", "&amp;": "&", "&apos;": "'", "&quot;": '"' })[c] ?? c) : s;
}

const ATTR = /([A-Za-z_][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(ATTR)) out[m[1] ?? ""] = decodeXml(m[2] ?? m[3] ?? "");
  return out;
}

/** exceljs's utils.isDateFmt. */
function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  return /[ymdhMsb]+/.test(fmt.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));
}

/** exceljs's utils.excelToDate, shown the way the .xlsx host shows dates (dd/mm/yyyy, UTC). */
function dateText(v: unknown, date1904: boolean): string {
  const n = typeof v === "object" ? NaN : Number(v);
  const d = new Date(Math.round((n - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
  const p = (x: number): string => String(x).padStart(2, "0");
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** exceljs's shared-formula translation (utils/shared-formula.js), so that shared formulas read the same. */
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
    if (col < 0) throw new LeanUnsupported("shared formula slides off the sheet");
    return `${sheet ?? ""}${colDollar}${columnLetter(col)}${rowDollar}${row}`;
  });
}

/** A shared string: its text, or null for an <si> without text (a cell that counts as a value but shows nothing). */
type SharedString = string | null;

function sharedStrings(xml: string): SharedString[] {
  const out: SharedString[] = [];
  for (const m of xml.matchAll(/<si\b[^>]*?(?:\/>|>([\s\S]*?)<\/si>)/g)) {
    const body = (m[1] ?? "").replace(/<rPh\b[\s\S]*?<\/rPh>|<rPh\b[^>]*\/>/g, "");
    if (/<r\b/.test(body)) {
      if (/<t\b/.test(body.replace(/<r\b[\s\S]*?<\/r>/g, ""))) throw new LeanUnsupported("shared string mixes runs and text");
      let text = "";
      for (const r of body.matchAll(/<r\b[^>]*>([\s\S]*?)<\/r>/g)) {
        const t = /<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/.exec(r[1] ?? "");
        if (t) text += decodeEscapes(decodeXml(t[1] ?? ""));
      }
      out.push(text);
      continue;
    }
    let text: SharedString = null;
    for (const t of body.matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g)) text = decodeEscapes(decodeXml(t[1] ?? ""));
    out.push(text);
  }
  return out;
}

/** Number format of each cell style (index in <cellXfs>), as exceljs resolves it; undefined for General/none. */
function styleFormats(xml: string | undefined): Array<string | undefined> {
  if (xml === undefined) return [];
  const custom = new Map<number, string>();
  const numFmts = /<numFmts\b[^>]*>([\s\S]*?)<\/numFmts>/.exec(xml)?.[1] ?? "";
  for (const m of numFmts.matchAll(/<numFmt\b[^>]*>/g)) {
    const a = attributes(m[0]);
    if (a.numFmtId !== undefined && a.formatCode !== undefined) custom.set(parseInt(a.numFmtId, 10), a.formatCode.replace(/[\\](.)/g, "$1"));
  }
  const out: Array<string | undefined> = [];
  const xfs = /<cellXfs\b[^>]*?(?:\/>|>([\s\S]*?)<\/cellXfs>)/.exec(xml)?.[1] ?? "";
  for (const m of xfs.matchAll(/<xf\b[^>]*>/g)) {
    const id = parseInt(attributes(m[0]).numFmtId ?? "", 10);
    out.push(id ? custom.get(id) || EXCELJS_DEFAULT_FORMATS[id] || undefined : undefined);
  }
  return out;
}

const WORKSHEET_PART = /^xl\/worksheets\/sheet\d+\.xml$/;

/** Grids of every worksheet of an .xlsx, in workbook order, equal to what exceljs + gridFromWorksheet give. */
export async function leanGrids(bytes: Uint8Array): Promise<Grid[]> {
  const zip = await JSZip.loadAsync(bytes);
  const read = async (path: string): Promise<string | undefined> => zip.file(path)?.async("string");
  const workbook = await read("xl/workbook.xml");
  const rels = await read("xl/_rels/workbook.xml.rels");
  if (workbook === undefined || rels === undefined) throw new LeanUnsupported("no workbook part");
  for (const xml of [workbook, rels]) if (/<!--|<!\[CDATA\[|<\w+:(?:workbook|sheets|Relationships)\b/.test(xml)) throw new LeanUnsupported("unusual workbook XML");
  const workbookPr = /<workbookPr\b[^>]*>/.exec(workbook)?.[0];
  const date1904 = workbookPr !== undefined && attributes(workbookPr).date1904 === "1";
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const a = attributes(m[0]);
    if (a.Id !== undefined && a.Target !== undefined) targets.set(a.Id, `xl/${a.Target.replace(/^(\s|\/xl\/)+/, "")}`);
  }
  const refs: Array<{ name: string; path: string }> = [];
  const sheetIds = new Set<string>();
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const a = attributes(m[0]);
    const path = a["r:id"] !== undefined ? targets.get(a["r:id"]) : undefined;
    if (a.name === undefined || a.sheetId === undefined || path === undefined || !WORKSHEET_PART.test(path) || sheetIds.has(a.sheetId)) {
      throw new LeanUnsupported("a sheet exceljs may read differently");
    }
    sheetIds.add(a.sheetId);
    refs.push({ name: a.name, path });
  }
  if (refs.length === 0) throw new LeanUnsupported("no worksheet");
  const sst = await read("xl/sharedStrings.xml");
  const strings = sst !== undefined ? sharedStrings(sst) : [];
  const styles = await read("xl/styles.xml");
  const formats = styleFormats(styles);
  const grids: Grid[] = [];
  for (const ref of refs) {
    const xml = await read(ref.path);
    if (xml === undefined) throw new LeanUnsupported(`missing ${ref.path}`);
    grids.push(sheetGrid(ref.name, xml, { strings, formats, hasStyles: styles !== undefined, date1904 }));
  }
  return grids;
}

interface Shared {
  readonly strings: ReadonlyArray<SharedString>;
  readonly formats: ReadonlyArray<string | undefined>;
  readonly hasStyles: boolean;
  readonly date1904: boolean;
}

/** A cell as exceljs's model holds it before it becomes a grid cell; `counts` = its type is not Null (the row has values). */
interface Parsed {
  readonly cell: Cell | undefined;
  readonly counts: boolean;
}

const NOT_COUNTED: Parsed = { cell: undefined, counts: false };

function sheetGrid(name: string, xml: string, shared: Shared): Grid {
  if (/<!--|<!\[CDATA\[|<\w+:(?:worksheet|sheetData|row|c)\b|<hyperlinks?\b|<tableParts?\b/.test(xml)) {
    throw new LeanUnsupported("sheet content exceljs may read differently");
  }
  const rows: Array<Array<Cell | undefined>> = [];
  const counted: boolean[] = [];
  const masters = new Map<string, { formula: string; at: { rowIndex: number; colIndex: number } }>();
  const data = /<sheetData\b[^>]*?(?:\/>|>([\s\S]*?)<\/sheetData>)/.exec(xml)?.[1] ?? "";
  for (const rm of data.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const r = attributes(rm[1] ?? "").r;
    const rowIndex = r !== undefined && /^[1-9]\d*$/.test(r) ? Number(r) - 1 : undefined;
    if (rowIndex === undefined) throw new LeanUnsupported("row without number");
    for (const cm of (rm[2] ?? "").matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const head = attributes(cm[1] ?? "");
      const at = head.r !== undefined ? parseA1(head.r) : undefined;
      if (!at || at.rowIndex !== rowIndex) throw new LeanUnsupported("cell without address or outside its row");
      const parsed = parseCell(head, cm[2] ?? "", at, masters, shared);
      if (!parsed.counts) continue;
      counted[rowIndex] = true;
      const row = (rows[rowIndex] ??= []);
      row[at.colIndex] = parsed.cell;
    }
  }
  // Merges, as exceljs applies them: overlapping ones make the file unreadable; covered cells lose their values but
  // count as values (their rows are rows of the sheet).
  const merges: MergedArea[] = [];
  for (const m of xml.matchAll(/<mergeCell\b[^>]*>/g)) {
    const ref = attributes(m[0]).ref ?? "";
    const [a = "", b = a] = ref.split(":");
    const p = parseA1(a);
    const q = parseA1(b);
    if (!p || !q) throw new LeanUnsupported(`merge ${ref}`);
    const area = {
      top: Math.min(p.rowIndex, q.rowIndex),
      left: Math.min(p.colIndex, q.colIndex),
      bottom: Math.max(p.rowIndex, q.rowIndex),
      right: Math.max(p.colIndex, q.colIndex),
    };
    if (merges.some((o) => o.left <= area.right && o.right >= area.left && o.top <= area.bottom && o.bottom >= area.top)) {
      throw new LeanUnsupported("overlapping merges");
    }
    merges.push(area);
    for (let r = area.top; r <= area.bottom; r++) {
      for (let c = area.left; c <= area.right; c++) {
        if (r === area.top && c === area.left) continue;
        counted[r] = true;
        const row = rows[r];
        if (row && row[c] !== undefined) row[c] = undefined;
      }
    }
  }
  let colCount = 0;
  const out: Array<Array<Cell | undefined>> = [];
  for (let r = 0; r < counted.length; r++) {
    const row = counted[r] ? (rows[r] ?? []) : [];
    for (let c = row.length - 1; c >= colCount; c--) {
      if (row[c] !== undefined) {
        colCount = c + 1;
        break;
      }
    }
    out.push(row);
  }
  const protection = /<sheetProtection\b[^>]*>/.exec(xml)?.[0];
  return {
    sheetName: name,
    rowCount: out.length,
    colCount,
    rows: out,
    merges,
    protected: protection !== undefined && attributes(protection).sheet === "1",
  };
}

function parseCell(
  head: Record<string, string>,
  body: string,
  at: { rowIndex: number; colIndex: number },
  masters: Map<string, { formula: string; at: { rowIndex: number; colIndex: number } }>,
  shared: Shared,
): Parsed {
  const t = head.t;
  if (t === "d" || (t === "inlineStr" && /<r\b|<rPh\b/.test(body))) throw new LeanUnsupported(`cell type ${t}`);
  // exceljs: `if (node.attributes.s)` then parseInt; style 0 (or none) means "no style".
  const styleId = head.s ? parseInt(head.s, 10) : 0;
  if (styleId && !shared.hasStyles) throw new LeanUnsupported("style without styles part");
  const fmt = styleId ? shared.formats[styleId] : undefined;
  const numberFormat = fmt !== undefined ? { numberFormat: fmt } : {};

  const fm = /<f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/f>)/.exec(body);
  const fAttrs = fm ? attributes(fm[1] ?? "") : {};
  const fText = fm && fm[2] ? decodeXml(fm[2]) : "";
  const vm = /<v\b[^>]*?(?:\/>|>([\s\S]*?)<\/v>)/.exec(body);
  const tm = t === "inlineStr" ? /<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/.exec(body) : null;
  // A parser reports no text for an empty element: exceljs then has no value at all.
  const raw = vm?.[1] || tm?.[1] ? decodeXml(vm?.[1] || tm?.[1] || "") : undefined;

  if (fText !== "" || fAttrs.t !== undefined) {
    let formula: string;
    if (fAttrs.t === "shared") {
      const si = fAttrs.si ?? "";
      if (fAttrs.ref !== undefined) {
        if (fText === "") throw new LeanUnsupported("shared formula master without text");
        masters.set(si, { formula: fText, at });
        formula = fText;
      } else if (fText !== "") formula = fText;
      else {
        const master = masters.get(si);
        if (!master) throw new LeanUnsupported("shared formula without master");
        formula = slideFormula(master.formula, master.at, at);
      }
    } else if (fText !== "") formula = fText;
    else throw new LeanUnsupported("formula without text");
    const f = { formula: `=${formula}`, ...numberFormat };
    let result: number | string | boolean | { error: string } | undefined;
    if (raw) {
      if (t === "str") result = decodeAgain(raw);
      else if (t === "b") result = parseInt(raw, 10) !== 0;
      else if (t === "e") result = { error: raw };
      else result = parseFloat(raw);
    }
    if (result !== undefined && isDateFormat(fmt)) {
      const d = dateText(result, shared.date1904);
      return { cell: { kind: "text", value: d, text: d, ...f }, counts: true };
    }
    if (typeof result === "number") return { cell: { kind: "number", value: result, text: formatNumber(result, fmt), ...f }, counts: true };
    if (typeof result === "string") return { cell: { kind: "text", value: result, text: result, ...f }, counts: true };
    if (typeof result === "boolean") return { cell: { kind: "boolean", value: result, text: result ? "TRUE" : "FALSE", ...f }, counts: true };
    if (result !== undefined) return { cell: { kind: "error", value: result.error, text: result.error, ...f }, counts: true };
    return { cell: { kind: "empty", value: null, text: "", ...f }, counts: true };
  }

  if (raw === undefined) return NOT_COUNTED; // exceljs: Null (styled) or Merge (dropped) — neither is a value
  switch (t) {
    case "s": {
      const index = parseInt(raw, 10);
      if (!(index >= 0 && index < shared.strings.length)) throw new LeanUnsupported("shared string out of range");
      const text = shared.strings[index] ?? null;
      return { cell: text ? { kind: "text", value: text, text, ...numberFormat } : undefined, counts: true };
    }
    case "str":
    case "inlineStr": {
      const text = t === "str" ? decodeAgain(raw) : raw;
      return { cell: text ? { kind: "text", value: text, text, ...numberFormat } : undefined, counts: true };
    }
    case "b": {
      const b = parseInt(raw, 10) !== 0;
      return { cell: { kind: "boolean", value: b, text: b ? "TRUE" : "FALSE", ...numberFormat }, counts: true };
    }
    case "e":
      return { cell: { kind: "error", value: raw, text: raw, ...numberFormat }, counts: true };
    case undefined:
    case "n": {
      const n = parseFloat(raw);
      if (isDateFormat(fmt)) {
        const d = dateText(n, shared.date1904);
        return { cell: { kind: "text", value: d, text: d, ...numberFormat }, counts: true };
      }
      return { cell: { kind: "number", value: n, text: formatNumber(n, fmt), ...numberFormat }, counts: true };
    }
    default:
      throw new LeanUnsupported(`cell type ${t}`);
  }
}
