/**
 * Office's range arrays to the core's grid. Pure (no Office types at run time), so that it is tested on plain data
 * and on what office-addin-mock returns. What Excel sent is validated first: a property that was never loaded or
 * never synced arrives as an error string, and must fail loudly rather than become an empty sheet.
 */
import * as z from "zod/mini";
import type { Cell, Grid, MergedArea } from "../../core/grid";
import { parseA1 } from "../../core/grid";
import { jsonPath } from "../../core/jsonPath";

const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const Matrix = <T extends z.ZodMiniType>(t: T) => z.array(z.array(t));

export const LoadedRangeSchema = z.object({
  values: Matrix(Scalar),
  text: Matrix(z.string()),
  numberFormat: Matrix(Scalar),
  formulas: Matrix(Scalar),
  valueTypes: Matrix(z.string()),
});

export type LoadedRange = z.infer<typeof LoadedRangeSchema>;

export const LoadedExtentSchema = z.object({ rowCount: z.int().check(z.nonnegative()), columnCount: z.int().check(z.nonnegative()) });

export class LoadError extends Error {
  constructor(what: string, issues: string) {
    super(`Excel returned unexpected data for ${what}: ${issues}`);
    this.name = "LoadError";
  }
}

export function validated<T>(schema: z.ZodMiniType<T>, data: unknown, what: string): T {
  const r = schema.safeParse(data);
  if (!r.success) throw new LoadError(what, r.error.issues.map((i) => `${jsonPath(i.path)}: ${i.message}`).join("; "));
  return r.data;
}

/** "Sheet1!A1:B2, 'Phụ lục'!C3:D4" (a RangeAreas address) → merged areas. */
export function mergesFromAddress(address: string | null | undefined): MergedArea[] {
  if (!address) return [];
  const out: MergedArea[] = [];
  for (const part of address.split(",")) {
    const ref = part.trim().replace(/^.*!/, "");
    const [a = "", b = a] = ref.split(":");
    const tl = parseA1(a);
    const br = parseA1(b);
    if (tl && br) out.push({ top: tl.rowIndex, left: tl.colIndex, bottom: br.rowIndex, right: br.colIndex });
  }
  return out;
}

function toCell(value: unknown, text: string, type: string, format: unknown, formula: unknown): Cell | undefined {
  const numberFormat = typeof format === "string" && format !== "General" ? { numberFormat: format } : {};
  const f = typeof formula === "string" && formula.startsWith("=") ? { formula } : {};
  switch (type) {
    case "Empty":
      return f.formula !== undefined ? { kind: "empty", value: null, text: "", ...f, ...numberFormat } : undefined;
    case "Double":
    case "Integer":
      return typeof value === "number" ? { kind: "number", value, text, ...numberFormat, ...f } : undefined;
    case "Boolean":
      return { kind: "boolean", value: value === true, text, ...numberFormat, ...f };
    case "Error":
      return { kind: "error", value: String(value), text: String(value), ...numberFormat, ...f };
    default: {
      // "String", and "RichValue"/"Unknown" (data types, images in cells) read as what they show.
      const s = typeof value === "string" ? value : text;
      return s === "" && f.formula === undefined ? undefined : { kind: "text", value: s, text, ...numberFormat, ...f };
    }
  }
}

/** Build a grid from what one sync returned. Row 0 of the arrays is row 1 of the sheet (the read starts at A1). */
export function gridFromOffice(
  sheetName: string,
  range: LoadedRange,
  merges: ReadonlyArray<MergedArea>,
  isProtected: boolean,
  /** Font names by cell (a top-left part of the range, or none): kept on text cells. */
  fonts: ReadonlyArray<ReadonlyArray<string>> = [],
): Grid {
  const rows: Array<Array<Cell | undefined>> = [];
  let colCount = 0;
  range.values.forEach((vals, r) => {
    const out: Array<Cell | undefined> = [];
    vals.forEach((v, c) => {
      const read = toCell(v, range.text[r]?.[c] ?? "", range.valueTypes[r]?.[c] ?? "Empty", range.numberFormat[r]?.[c], range.formulas[r]?.[c]);
      const font = fonts[r]?.[c];
      const cell = read && read.kind === "text" && font ? { ...read, font } : read;
      if (cell) {
        out[c] = cell;
        if (c + 1 > colCount) colCount = c + 1;
      }
    });
    rows.push(out);
  });
  while (rows.length > 0 && (rows[rows.length - 1]?.length ?? 0) === 0) rows.pop();
  return { sheetName, rowCount: rows.length, colCount, rows, merges, protected: isProtected };
}
