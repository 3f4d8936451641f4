/**
 * The comparison of two score columns as a sheet for the reviewer (issue 8 §1): every item aligned by code, both
 * values, the difference, and an empty “Lý do” column to write the reason in. Built by the core's sheet model, written
 * by the pane's host (undoable) like every added sheet.
 */
import type { Comparison } from "../core/compare";
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
  for (const i of c.items) {
    const style: ModelStyle = { ...base, ...(i.depth === 0 ? { bold: true } : i.depth >= 2 ? { italic: true } : {}) };
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
