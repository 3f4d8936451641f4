import { PreviewWorkbook } from "../host/preview/previewHost";
import { cellFills, columnWidths, loadWorkbook } from "../host/xlsx/read";

/** An .xlsx file into the preview's in-browser workbook: values, formulas, merges, protection, fills, widths. */
export async function previewWorkbookFrom(bytes: Uint8Array): Promise<PreviewWorkbook> {
  const { workbook, grids } = await loadWorkbook(bytes);
  const wb = new PreviewWorkbook();
  workbook.worksheets.forEach((ws, i) => {
    const grid = grids[i];
    if (grid) wb.addSheet(ws.name, grid, cellFills(ws), columnWidths(ws));
  });
  return wb;
}
