/**
 * exceljs's table of built-in number formats (numFmtId → format code), taken from exceljs itself so that the lean
 * reader resolves a style's format exactly as exceljs does.
 */
import table from "exceljs/lib/xlsx/defaultnumformats";

export const EXCELJS_DEFAULT_FORMATS: Readonly<Record<number, string | undefined>> = Object.fromEntries(
  Object.entries(table).map(([id, entry]) => [Number(id), entry.f]),
);
