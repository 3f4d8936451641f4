/**
 * Grids of a workbook for checking only (no copy to write): the lean reader when it can, exceljs otherwise. Both
 * give the same grids (tests/host/lean.test.ts); exceljs also gives the model that writing a copy needs, and the
 * precise FileReadError for a broken file.
 */
import type { Grid } from "../../core/grid";
import { leanGrids } from "./lean";
import { FileReadError, loadWorkbook, sniff } from "./read";

export type Reader = "lean" | "exceljs";

export async function readGrids(bytes: Uint8Array, prefer: Reader = "lean"): Promise<{ grids: ReadonlyArray<Grid>; reader: Reader }> {
  const problem = sniff(bytes);
  if (problem) throw new FileReadError(problem);
  if (prefer === "lean") {
    try {
      return { grids: await leanGrids(bytes), reader: "lean" };
    } catch {
      // Not a file the lean reader is sure of (or not a sound package at all): exceljs reads it, or says what is wrong.
    }
  }
  return { grids: (await loadWorkbook(bytes)).grids, reader: "exceljs" };
}
