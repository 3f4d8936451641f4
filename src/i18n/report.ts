import type { SheetAnalysis } from "../core/analyze";
import type { ReportRow, ReportSheet } from "../core/editPlan";
import { countBySeverity, type Finding } from "../core/findings";
import { quoteSheetName, toA1 } from "../core/grid";
import { addMessages, explainAnalysis, findingCell, isMessageKey, rejectionMessage, renderFinding, ruleTitle, setChoiceMessage, severityLabel, sheetsLabel, type Translator } from "./index";
import { viReport } from "./vi-report";

// The sheets' Vietnamese travels with the code that writes them: the task pane loads this module on demand.
addMessages("vi", viReport);

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

/**
 * The "Góp ý" sheet (issue 8 §3): what the agency must correct, ready to paste into the reply letter — `Stt | Tiêu
 * chí | Nội dung cần điều chỉnh | Đề nghị`, one row per error or warning (notes left out), grouped by field, the same
 * kind of problem met three times or more in a field said once with its items; no rule ids; with the criteria set
 * and the date of the review.
 */
export function buildFeedbackSheet(tr: Translator, analyses: ReadonlyArray<SheetAnalysis>, meta: ReportMeta): ReportSheet {
  const rows: ReportRow[] = [];
  rows.push({ style: "title", cells: [tr.t("feedback.title")] });
  for (const a of analyses) {
    if (!a.recognized) continue;
    rows.push({ style: "note", cells: [tr.t("feedback.meta", { sheet: sheetsLabel(a), set: a.set?.title ?? tr.t("feedback.no-set"), date: meta.date })] });
    rows.push({ style: "header", cells: [tr.t("feedback.col.no"), tr.t("feedback.col.criterion"), tr.t("feedback.col.content"), tr.t("feedback.col.advice")] });
    const actionable = a.findings.filter((f) => f.severity !== "info");
    if (actionable.length === 0) {
      rows.push({ style: "plain", cells: [null, null, tr.t("feedback.none"), null] });
      continue;
    }
    const items = new Map(a.body.items.map((i) => [i.code, i]));
    const fieldOf = (code: string | null): string => (code === null ? "" : (code.split(".")[0] ?? ""));
    const groups = new Map<string, typeof actionable>();
    for (const f of actionable) {
      const k = fieldOf(f.code);
      groups.set(k, [...(groups.get(k) ?? []), f]);
    }
    let n = 0;
    const fields = [...groups.keys()].sort((x, y) => (x === "" ? 1 : y === "" ? -1 : Number(x) - Number(y)));
    for (const field of fields) {
      const fs = groups.get(field) ?? [];
      const name = field !== "" ? (items.get(field)?.name ?? a.set?.byCode.get(field)?.name ?? "") : "";
      rows.push({ style: "section", cells: [null, field !== "" ? tr.t("feedback.field", { code: field, name }) : tr.t("feedback.general")] });
      const byRule = new Map<string, typeof fs>();
      for (const f of fs) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
      for (const list of byRule.values()) {
        if (list.length >= 3 && GROUPED.has(list[0]!.rule)) {
          n++;
          const codes = [...new Set(list.map((f) => (f.code !== null ? f.code : (findingCell(f) ?? ""))).filter((x) => x !== ""))];
          rows.push({
            style: list[0]!.severity,
            cells: [n, codes.join(", "), tr.t("feedback.grouped", { title: ruleTitle(tr, list[0]!.rule), count: list.length, cells: list.map((f) => findingCell(f)).filter(Boolean).join(", ") }), advice(tr, list[0]!)],
          });
          continue;
        }
        for (const f of list) {
          n++;
          const it = f.code !== null ? items.get(f.code) : undefined;
          const label = f.code !== null ? `${f.code}${it ? ` ${it.name}` : ""}` : "";
          rows.push({ style: f.severity, cells: [n, label, renderFinding(tr, f), advice(tr, f)] });
        }
      }
    }
  }
  return { name: tr.t("feedback.sheet"), columnWidths: [6, 40, 70, 50], rows };
}

/** Problems of cell format, said once per field with their cells; the rest are said item by item. */
const GROUPED = new Set<string>(["number-as-text", "blank-score", "formula-no-result", "formula-error"]);

/** What the agency should do about a finding, as a reviewer would write it. */
function advice(tr: Translator, f: Finding): string {
  const key = `advice.${f.rule}`;
  const values = { ...f.params, expected: f.expected ?? "", actual: f.actual ?? "" } as Record<string, string | number>;
  return isMessageKey(key) ? tr.t(key, values) : tr.t("advice.default");
}
