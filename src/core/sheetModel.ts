/**
 * A sheet to be written as a new workbook part, described by the core and written by a host (the CLI's package
 * writer, the pane's Office.js writer). Pure data: values, formulas with their cached results, formats.
 */
import { REPORT_ROW_FORMAT, type ReportSheet } from "./editPlan";
import { type MergedArea, toA1 } from "./grid";

export interface ModelStyle {
  readonly font?: string;
  readonly size?: number;
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly wrap?: boolean;
  readonly align?: "left" | "center" | "right";
  readonly valign?: "top" | "center" | "bottom";
  /** Thin borders all round. */
  readonly border?: boolean;
  /** Excel number format code ("0.00", "@"). */
  readonly numFmt?: string;
  /** Solid fill, ARGB ("FFD9E1F2"). */
  readonly fill?: string;
}

export interface ModelCell {
  /** Text is always written as text, never as a formula, whatever it starts with. */
  readonly value: string | number | null;
  /** A formula without its "=" ("SUM(D7:D9)"), written with `value` as its cached result. */
  readonly formula?: string;
  readonly style?: ModelStyle;
}

export interface ModelRow {
  readonly cells: ReadonlyArray<ModelCell | null>;
  /** Points; omitted: the default height. */
  readonly height?: number;
}

export interface SheetModel {
  readonly name: string;
  /** Column widths in characters. */
  readonly columns: ReadonlyArray<number>;
  readonly rows: ReadonlyArray<ModelRow>;
  readonly merges: ReadonlyArray<MergedArea>;
  readonly print?: {
    readonly landscape: boolean;
    /** 0-based first and last rows repeated at the top of every printed page. */
    readonly titleRows?: readonly [number, number];
    /** Fit every column on the page's width. */
    readonly fitToWidth?: boolean;
  };
  /** Rows frozen at the top when scrolling. */
  readonly freeze?: { readonly rows: number };
}

/** The height a wrapped text needs in a column of `width` characters, in points (a line of 12-point text ≈ 16 pt). */
export function wrappedHeight(text: string, width: number, lineHeight = 16): number {
  const perLine = Math.max(8, Math.floor(width * 1.05));
  const lines = text.split("\n").reduce((n, line) => n + Math.max(1, Math.ceil(line.length / perLine)), 0);
  return Math.max(lineHeight, lines * lineHeight);
}

/** What a sheet holds once written, cell by cell ("A1" → text, number, or "=SUM(…)"): what "Hoàn tác" compares with. */
export function modelContents(sheet: SheetModel): Map<string, string | number> {
  const out = new Map<string, string | number>();
  sheet.rows.forEach((row, r) =>
    row.cells.forEach((c, col) => {
      if (!c) return;
      if (c.formula !== undefined) out.set(toA1(r, col), `=${c.formula}`);
      else if (typeof c.value === "number" || (typeof c.value === "string" && c.value !== "")) out.set(toA1(r, col), c.value);
    }),
  );
  return out;
}

/** The cells whose content differs from what was written (A1 addresses), given what a sheet holds now. */
export function changedSince(written: ReadonlyMap<string, string | number>, now: ReadonlyMap<string, string | number>): string[] {
  const out: string[] = [];
  const same = (a: string | number | undefined, b: string | number | undefined): boolean =>
    a === b || (typeof a === "number" && typeof b === "number" && Math.abs(a - b) < 1e-9) || (a !== undefined && b !== undefined && String(a) === String(b));
  for (const [a, v] of written) if (!same(v, now.get(a))) out.push(a);
  for (const [a, v] of now) if (!written.has(a) && v !== "") out.push(a);
  return out;
}

/** What the tool wrote into a sheet: every cell, or, where it is kept with the document, only a digest of them. */
export type WrittenContents = ReadonlyMap<string, string | number> | { readonly digest: string };

/** A cell's content as compared after a round trip through Excel (numbers and their text compare equal). */
const canonical = (v: string | number): string => (typeof v === "number" ? String(Number(v.toPrecision(12))) : v);

/**
 * A short fingerprint of a sheet's contents (64-bit FNV-1a over its cells in address order), kept with the document
 * instead of the contents themselves, so that "Hoàn tác" in a later session still knows whether the user typed into it.
 */
export function contentsDigest(cells: ReadonlyMap<string, string | number>): string {
  const parts = [...cells].filter(([, v]) => v !== "").map(([a, v]) => `${a}\u0000${canonical(v)}`).sort();
  let h = 0xcbf29ce484222325n;
  const text = parts.join("\u0001");
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return `${parts.length}:${h.toString(16)}`;
}

/**
 * Whether a sheet was changed since the tool wrote it: the changed cells when every cell written is known, only
 * "edited" when the document kept a digest.
 */
export function editedSince(written: WrittenContents, now: ReadonlyMap<string, string | number>): { readonly edited: boolean; readonly cells: ReadonlyArray<string> } {
  if (written instanceof Map) {
    const cells = changedSince(written, now);
    return { edited: cells.length > 0, cells };
  }
  return { edited: contentsDigest(now) !== (written as { readonly digest: string }).digest, cells: [] };
}

/** What a host's writeReport puts in each cell: the values, and a link's text. */
export function reportContents(report: ReportSheet): Map<string, string | number> {
  const out = new Map<string, string | number>();
  report.rows.forEach((row, r) =>
    row.cells.forEach((c, col) => {
      if (c === null) return;
      const v = typeof c === "object" ? c.text : c;
      if (v !== "") out.set(toA1(r, col), v);
    }),
  );
  return out;
}

/**
 * A report sheet (the tool's own row styles) as a sheet model, for hosts that add sheets from models: the "Góp ý"
 * sheet in the pane. Links become HYPERLINK formulas showing their text; long text wraps in rows tall enough.
 */
export function reportAsModel(report: ReportSheet): SheetModel {
  const rows: ModelRow[] = report.rows.map((row) => {
    const f = REPORT_ROW_FORMAT[row.style];
    const style: ModelStyle = {
      font: "Times New Roman",
      size: f.size ?? 12,
      ...(f.bold ? { bold: true } : {}),
      ...(f.italic ? { italic: true } : {}),
      ...(f.wraps ? { wrap: true, valign: "top" as const } : {}),
      ...(f.fill ? { fill: `FF${f.fill.slice(1)}` } : {}),
      ...(row.style === "header" ? { border: true, align: "center" as const } : {}),
    };
    const cells = row.cells.map((c): ModelCell | null => {
      if (c === null) return null;
      if (typeof c === "object") return { value: c.text, formula: `HYPERLINK("#${c.link.sheet.replace(/"/g, '""')}!${c.link.cell}","${c.text.replace(/"/g, '""')}")`, style };
      return { value: c, style };
    });
    const height = f.wraps ? Math.max(...row.cells.map((c, i) => (typeof c === "string" ? wrappedHeight(c, report.columnWidths[i] ?? 10) : 16)), 16) : undefined;
    return { cells, ...(height !== undefined && height > 16 ? { height } : {}) };
  });
  const header = report.rows.findIndex((r) => r.style === "header");
  return { name: report.name, columns: report.columnWidths, rows, merges: [], print: { landscape: true, fitToWidth: true, ...(header >= 0 ? { titleRows: [header, header] as const } : {}) } };
}
