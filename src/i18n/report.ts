import type { SheetAnalysis } from "../core/analyze";
import type { ReportRow, ReportSheet } from "../core/editPlan";
import { countBySeverity } from "../core/findings";
import { quoteSheetName, toA1 } from "../core/grid";
import { explainAnalysis, findingCell, rejectionMessage, renderFinding, ruleTitle, setChoiceMessage, severityLabel, sheetsLabel, type Translator } from "./index";

export interface ReportMeta {
  readonly version: string;
  /** Shown as written; the caller formats the date (keeps this function pure and repeatable). */
  readonly date: string;
}

/**
 * The "Kết quả kiểm tra" sheet for one or more analysed sheets: for each, the layout found, the criteria set,
 * the findings with a link to their cell, and the below-target list with links.
 */
export function buildReportSheet(tr: Translator, analyses: ReadonlyArray<SheetAnalysis>, meta: ReportMeta): ReportSheet {
  const rows: ReportRow[] = [];
  rows.push({ style: "title", cells: [tr.t("report.title")] });
  rows.push({ style: "note", cells: [tr.t("report.generated", { version: meta.version, date: meta.date })] });
  for (const a of analyses) {
    rows.push({ style: "plain", cells: [] });
    rows.push({ style: "section", cells: [tr.t("report.sheet-line", { sheet: sheetsLabel(a) })] });
    if (!a.recognized) {
      rows.push({ style: "note", cells: [tr.t("report.not-appendix", { reason: rejectionMessage(tr, a.rejection) })] });
      continue;
    }
    rows.push({ style: "note", cells: [explainAnalysis(tr, a)] });
    rows.push({ style: "note", cells: [setChoiceMessage(tr, a.setChoice)] });
    const c = countBySeverity(a.findings);
    rows.push({ style: "note", cells: [tr.t("report.summary", { errors: c.error, warnings: c.warning, infos: c.info })] });
    rows.push({
      style: "header",
      cells: [
        tr.t("report.col.severity"),
        tr.t("report.col.rule"),
        tr.t("report.col.code"),
        tr.t("report.col.cell"),
        tr.t("report.col.message"),
        tr.t("report.col.expected"),
        tr.t("report.col.actual"),
      ],
    });
    if (a.findings.length === 0) rows.push({ style: "plain", cells: [tr.t("report.no-findings")] });
    for (const f of a.findings) {
      const cell = findingCell(f);
      const at = f.row !== null && f.col !== null ? toA1(f.row, f.col) : null;
      rows.push({
        style: f.severity,
        cells: [
          severityLabel(tr, f.severity),
          ruleTitle(tr, f.rule),
          f.code,
          cell && at ? { text: cell, link: { sheet: f.sheet ?? a.sheetName, cell: at } } : null,
          renderFinding(tr, f),
          f.expected,
          f.actual,
        ],
      });
    }
    if (a.belowTarget.length > 0) {
      rows.push({ style: "plain", cells: [] });
      rows.push({ style: "section", cells: [tr.t("report.below.title")] });
      rows.push({
        style: "header",
        cells: [
          tr.t("report.col.code"),
          tr.t("report.col.name"),
          tr.t("report.col.score"),
          tr.t("report.col.target"),
          tr.t("report.col.gap"),
          tr.t("report.col.cell"),
        ],
      });
      for (const b of a.belowTarget) {
        const cell = toA1(b.scoreCell.row, b.scoreCell.col);
        const sheet = b.sheet ?? a.sheetName;
        rows.push({
          style: "plain",
          cells: [b.code, b.name, b.score, b.target, b.gap, { text: sheet === a.sheetName ? cell : `${quoteSheetName(sheet)}!${cell}`, link: { sheet, cell } }],
        });
      }
    }
  }
  return { name: tr.t("report.sheet"), columnWidths: [12, 22, 9, 8, 70, 14, 14], rows };
}
