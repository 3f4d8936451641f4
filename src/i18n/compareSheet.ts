/**
 * The comparison of two score columns as a sheet for the reviewer (issue 8 §1): every item aligned by code, both
 * values, the difference, and an empty “Lý do” column to write the reason in. Built by the core's sheet model, written
 * by the pane's host (undoable) like every added sheet.
 */
import type { Comparison } from "../core/compare";
import type { ReportCell, ReportRow, ReportSheet } from "../core/editPlan";
import type { SheetModel, ModelRow, ModelStyle } from "../core/sheetModel";
import type { Translator } from "./index";

const FONT = "Times New Roman";

export function comparisonSheetModel(t: Translator, c: Comparison, headerA: string, headerB: string, sheetLabel: string): SheetModel {
  const base: ModelStyle = { font: FONT, size: 12, border: true };
  const head: ModelStyle = { ...base, bold: true, align: "center", wrap: true, valign: "center", fill: "FFD9E1F2" };
  const title: ModelStyle = { font: FONT, size: 13, bold: true };
  const rows: ModelRow[] = [
    { cells: [{ value: t.t("compare.sheet.title", { a: headerA, b: headerB }), style: title }] },
    { cells: [{ value: t.t("compare.sheet.subtitle", { sheet: sheetLabel }), style: { font: FONT, size: 11, italic: true } }] },
    { cells: [] },
    {
      cells: [t.t("compare.col.code"), t.t("compare.col.name"), headerA, headerB, t.t("compare.col.diff"), t.t("compare.col.reason")].map((v) => ({ value: v, style: head })),
      height: 32,
    },
  ];
  const header = rows.length - 1;
  // Fields bold, sub-criteria italic, as in the appendix (depths counted from the fields, whatever the numbering).
  const top = Math.min(...c.items.map((i) => i.depth));
  for (const i of c.items) {
    const style: ModelStyle = { ...base, ...(i.depth === top ? { bold: true } : i.depth >= top + 2 ? { italic: true } : {}) };
    const num: ModelStyle = { ...style, numFmt: "0.0####", align: "center" };
    rows.push({
      cells: [
        { value: i.code, style: { ...style, numFmt: "@" } },
        { value: i.name, style: { ...style, wrap: true } },
        { value: i.a, style: num },
        { value: i.b, style: num },
        { value: i.diff, style: { ...num, ...(i.diff !== null && i.diff !== 0 ? { fill: "FFFFF2CC" } : {}) } },
        { value: "", style: { ...style, wrap: true } },
      ],
    });
  }
  rows.push({
    cells: [
      { value: "", style: base },
      { value: t.t("compare.col.total"), style: { ...base, bold: true } },
      { value: c.totalA, style: { ...base, bold: true, numFmt: "0.0####", align: "center" } },
      { value: c.totalB, style: { ...base, bold: true, numFmt: "0.0####", align: "center" } },
      { value: Math.round((c.totalB - c.totalA) * 1e6) / 1e6, style: { ...base, bold: true, numFmt: "0.0####", align: "center" } },
      { value: "", style: base },
    ],
  });
  return {
    name: t.t("compare.sheet.name"),
    columns: [9, 48, 12, 12, 12, 36],
    rows,
    merges: [],
    print: { landscape: true, fitToWidth: true, titleRows: [header, header] },
    freeze: { rows: header + 1 },
  };
}

/**
 * The same comparison as a report sheet, for a copy of a file (`phuluc compare … --out`): the package writer adds it
 * like the “Kết quả kiểm tra” sheet (A4 landscape, header row repeated). Each code links to the item's row on side A's
 * sheet (`link` gives the cell of a row of side A), so the reviewer can go from the reason to the cell; items paired by name show side B's code.
 */
export function comparisonReport(t: Translator, c: Comparison, headerA: string, headerB: string, sheetLabel: string, link?: (rowA: number) => { readonly sheet: string; readonly cell: string }): ReportSheet {
  const rows: ReportRow[] = [
    { style: "title", cells: [t.t("compare.sheet.title", { a: headerA, b: headerB })] },
    { style: "note", cells: [t.t("compare.sheet.subtitle", { sheet: sheetLabel })] },
    { style: "header", cells: [t.t("compare.col.code"), t.t("compare.col.name"), headerA, headerB, t.t("compare.col.diff"), t.t("compare.col.reason")] },
  ];
  const top = Math.min(...c.items.map((i) => i.depth));
  for (const i of c.items) {
    const code = i.codeB !== undefined && i.codeB !== i.code ? t.t("compare.sheet.code-b", { code: i.code, codeB: i.codeB }) : i.code;
    const codeCell: ReportCell = link && i.rowA !== null ? { text: code, link: link(i.rowA) } : code;
    const differs = i.diff !== null && i.diff !== 0;
    rows.push({ style: i.depth === top ? "strong" : differs ? "warning" : "plain", cells: [codeCell, i.name, i.a, i.b, i.diff, null] });
  }
  rows.push({ style: "section", cells: [null, t.t("compare.col.total"), c.totalA, c.totalB, Math.round((c.totalB - c.totalA) * 1e6) / 1e6, null] });
  if (c.onlyA.length > 0) rows.push({ style: "note", cells: [t.t("cli.compare.only-a", { codes: c.onlyA.join(", ") })] });
  if (c.onlyB.length > 0) rows.push({ style: "note", cells: [t.t("cli.compare.only-b", { codes: c.onlyB.join(", ") })] });
  return { name: t.t("compare.sheet.name"), columnWidths: [12, 48, 16, 16, 12, 30], rows };
}
