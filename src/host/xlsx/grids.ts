/**
 * The CLI's reading of a workbook: one package reader (ooxml.ts) gives the grids the check needs and the opened
 * package the copy writer patches, so the check and the copy can never disagree.
 */
import type { Grid } from "../../core/grid";
import { openWorkbook, PackageError, type Workbook, workbookGrids } from "./ooxml";
import { FileReadError, sniff } from "./sniff";

export interface ReadWorkbook {
  readonly workbook: Workbook;
  readonly grids: ReadonlyArray<Grid>;
}

/**
 * Read an .xlsx/.xlsm from bytes; a file that is not one throws FileReadError with a code the CLI explains. `forCopy`:
 * the workbook will be patched, so the reader also indexes its rows and cells (the copy writer then parses no sheet).
 */
export function readWorkbook(bytes: Uint8Array, options: { readonly forCopy?: boolean } = {}): ReadWorkbook {
  const problem = sniff(bytes);
  if (problem) throw new FileReadError(problem);
  try {
    const workbook = openWorkbook(bytes);
    return { workbook, grids: workbookGrids(workbook, options.forCopy === true) };
  } catch (e) {
    if (!(e instanceof PackageError)) throw e;
    // It starts like a zip (sniff said so): a zip that is not sound is a damaged file, not a foreign one.
    if (e.code === "not-xlsx" && e.detail !== "no workbook part") throw new FileReadError({ code: "broken", detail: e.detail });
    if (e.code === "encrypted" || e.code === "too-large" || e.code === "not-xlsx" || e.code === "broken") throw new FileReadError({ code: e.code, detail: e.detail });
    throw e;
  }
}

/** Grids only (tests and the benchmark). */
export function readGrids(bytes: Uint8Array): ReadonlyArray<Grid> {
  return readWorkbook(bytes).grids;
}
