import type { RecognizedSheet, SheetAnalysis } from "../core/analyze";
import { comparedCount } from "../core/belowTarget";
import { countBySeverity, type Finding, type RuleId, type Severity } from "../core/findings";
import { areaA1, columnLetter, quoteSheetName, toA1 } from "../core/grid";
import { columnLabel, explainAnalysis, fileErrorMessage, fillMatchText, findingCell, findingColumn, type MessageKey, rejectionMessage, renderFinding, ruleTitle, setChoiceMessage, sheetsLabel, type Translator, uncertainText, inMergeText } from "../i18n";
import { placeOf } from "../core/workbook";
import type { CopyResult, FileResult } from "./check";

const letter = (c: number | null): string | null => (c === null ? null : columnLetter(c));


/** Running totals of a run, kept as files are reported (the summary line and the JSON summary). */
export interface RunTotals {
  files: number;
  unreadable: number;
  appendices: number;
  errors: number;
  warnings: number;
  infos: number;
}

export function newTotals(): RunTotals {
  return { files: 0, unreadable: 0, appendices: 0, errors: 0, warnings: 0, infos: 0 };
}

function count(r: FileResult, t: RunTotals): void {
  t.files++;
  if (r.error) t.unreadable++;
  for (const a of r.analyses) {
    if (!a.recognized) continue;
    t.appendices++;
    const c = countBySeverity(a.findings);
    t.errors += c.error;
    t.warnings += c.warning;
    t.infos += c.info;
  }
}

/** One file of the --json document (and one line of --jsonl). Field names are a contract (see README). */
export function fileJson(r: FileResult, tr: Translator, totals?: RunTotals): unknown {
  if (totals) count(r, totals);
  const sheets = r.analyses.map((a) =>
    a.recognized ? sheetJson(a, tr) : { sheet: a.sheetName, recognized: false, reasonCode: a.rejection.reason, reason: rejectionMessage(tr, a.rejection) },
  );
  return {
    file: r.file,
    ...(r.error ? { error: { code: r.error.code, message: fileErrorMessage(tr, r.error) } } : {}),
    sheets,
    ...(r.copy ? { copy: copyJson(r.copy, tr) } : {}),
  };
}

export function jsonHead(version: string): { version: 1; tool: { name: string; version: string } } {
  return { version: 1, tool: { name: "phuluc", version } };
}

/** The --json document. Field names are a contract (see README); add fields, never rename them. */
export function toJson(results: ReadonlyArray<FileResult>, tr: Translator, version: string): unknown {
  const summary = newTotals();
  const files = results.map((r) => fileJson(r, tr, summary));
  return { ...jsonHead(version), summary, files };
}

/**
 * JSON text that is always valid UTF-8: a lone surrogate from a damaged cell becomes U+FFFD. JSON.stringify writes a
 * lone surrogate (and only a lone one) as a \\uD8xx–\\uDFxx escape; an escape preceded by an even run of
 * backslashes is such an escape, not text.
 */
export function safeJson(value: unknown, indent?: number): string {
  const text = JSON.stringify(value, null, indent);
  return text.includes("\\ud") ? text.replace(/(?<=(?:^|[^\\])(?:\\\\)*)\\ud[89a-f][0-9a-f]{2}/g, "\\ufffd") : text;
}

/**
 * Text for a terminal: control characters (ESC and the rest of C0 and C1, but line ends and tabs) and the
 * invisible bidirectional controls are shown as \\xHH or \\u{HHHH}, so no cell, sheet or file name can move
 * the cursor, recolour the terminal or reorder what the user reads.
 */
export function terminalSafe(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, (c) => {
    const n = c.charCodeAt(0);
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, "0")}` : `\\u{${n.toString(16).toUpperCase()}}`;
  });
}

function sheetJson(a: RecognizedSheet, tr: Translator): unknown {
  const l = a.layout;
  const set = a.set;
  const choice = a.setChoice;
  const onSheet = (row: number): { row: number; sheet?: string } => {
    if (!a.spans) return { row: row + 1 };
    const p = placeOf(a, row);
    return { row: p.row + 1, sheet: p.sheetName };
  };
  return {
    sheet: a.sheetName,
    ...(a.spans ? { sheets: a.spans.map((s) => s.sheetName) } : {}),
    recognized: true,
    explanation: explainAnalysis(tr, a),
    confidence: a.confidence,
    protected: a.protected,
    hidden: a.hidden === true,
    header: {
      row: l.headerRow + 1,
      rows: l.headerRows,
      columns: {
        code: letter(l.code),
        name: letter(l.name),
        max: letter(l.max),
        scores: l.scores.map((s) => ({ column: columnLetter(s.col), year: s.year, kind: s.kind, header: s.header })),
        targets: l.targets.map((t) => ({ column: columnLetter(t.col), year: t.year, header: t.header })),
        responsibility: letter(l.responsibility),
        support: letter(l.support),
        notes: letter(l.notes),
      },
    },
    numbering: a.body.numbering,
    counts: a.counts,
    total: a.body.total ? { ...onSheet(a.body.total.row), label: a.body.total.label } : null,
    criteriaSet: set
      ? {
          id: set.id,
          title: set.title,
          choice: choice.kind,
          codeMatch: choice.kind === "matched" || choice.kind === "forced" ? round(choice.match.codeMatch) : null,
          nameMatch: choice.kind === "matched" || choice.kind === "forced" ? round(choice.match.nameMatch) : null,
        }
      : null,
    criteriaSetMessage: setChoiceMessage(tr, choice),
    items: a.body.items.map((i) => ({ code: i.code, label: i.label, ...onSheet(i.row), level: i.level, name: i.name })),
    findings: a.findings.map((f) => findingJson(f, tr)),
    columnsUsed: {
      score: a.columnChoice.score ? columnLetter(a.columnChoice.score.col) : null,
      target: a.columnChoice.target ? columnLetter(a.columnChoice.target.col) : null,
      targetIsMax: a.columnChoice.target === null,
    },
    belowTarget: a.belowTarget.map((b) => ({
      code: b.code,
      name: b.name,
      row: b.row + 1,
      ...(b.sheet !== undefined ? { sheet: b.sheet } : {}),
      score: b.score,
      target: b.target,
      gap: b.gap,
      scoreCell: toA1(b.scoreCell.row, b.scoreCell.col),
      targetCell: b.targetCell ? toA1(b.targetCell.row, b.targetCell.col) : null,
      targetSource: b.targetSource,
      survey: b.survey,
    })),
    fills: (a.fills?.edits ?? []).map((e) => ({
      code: e.code,
      cell: toA1(e.row, e.col),
      ...(e.sheet !== undefined ? { sheet: e.sheet } : {}),
      value: e.value,
      rule: e.ruleId,
      how: e.how,
      confidence: e.confidence,
      ...(e.overrode !== undefined ? { overrode: e.overrode } : {}),
      status: e.status,
      column: e.target,
      old: e.old,
    })),
    fillsKept: a.fills?.keptNonEmpty ?? [],
    fillsUnmatched: a.fills?.unmatched ?? [],
    fillsUncertain: (a.fills?.uncertain ?? []).map((u) => ({ code: u.code, cell: toA1(u.row, a.layout.code), rule: u.ruleId, setName: u.setName })),
    fillsSameAsParent: a.fills?.sameAsParent ?? [],
    fillsInMerge: (a.fills?.inMerge ?? []).map((m) => ({ code: m.code, cell: toA1(m.row, m.col), area: areaA1(m.area) })),
  };
}

function findingJson(f: Finding, tr: Translator): unknown {
  return {
    rule: f.rule,
    severity: f.severity,
    code: f.code,
    cell: findingCell(f),
    ...(f.sheet !== undefined ? { sheet: f.sheet } : {}),
    column: findingColumn(f),
    row: f.row === null ? null : f.row + 1,
    expected: f.expected,
    actual: f.actual,
    message: renderFinding(tr, f),
  };
}

function copyJson(c: CopyResult, tr: Translator): unknown {
  return {
    written: c.written,
    path: c.path ?? null,
    ...(c.reason ? { reason: c.reason } : {}),
    ...(c.detail ? { detail: c.detail } : {}),
    ...(c.rowOrder !== undefined ? { rowOrder: c.rowOrder, message: copyText(c, tr) } : {}),
    ...(c.written
      ? {
          filled: c.filled,
          ...(c.converted !== undefined ? { converted: c.converted } : {}),
          highlighted: c.highlighted,
          reportSheet: c.reportSheet,
          ...(c.feedbackSheet !== undefined ? { feedbackSheet: c.feedbackSheet } : {}),
          protectedSheets: c.protectedSheets,
          skipped: (c.skipped ?? []).map((k) => ({ sheet: k.sheet, cell: k.cell, reason: k.reason, message: tr.t(`cli.copy.skip.${k.reason}` as MessageKey) })),
        }
      : {}),
  };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

// ---------------------------------------------------------------------------------------------------------------
// The readable report

/** Rules that tend to repeat cell after cell; more than a few are listed as one line of cells. */
const GROUPABLE: ReadonlySet<RuleId> = new Set(["number-as-text", "blank-score", "formula-no-result"]);
const GROUP_FROM = 4;

/** Lines of one long list (findings of a severity, below-target items, planned fills) the text report prints: more
 * than a whole appendix has items (145 in the 2018 set), so only pathological sheets are cut. */
export const TEXT_LIMIT = 150;

export interface TextOptions {
  /** Every line of every list (--all); otherwise the first TEXT_LIMIT and a line that says how many more. */
  readonly all: boolean;
}

function capped(lines: ReadonlyArray<string>, tr: Translator, o: TextOptions): string[] {
  if (o.all || lines.length <= TEXT_LIMIT) return [...lines];
  return [...lines.slice(0, TEXT_LIMIT), `    ${tr.t("cli.more", { count: lines.length - TEXT_LIMIT })}`];
}

/** A list of cells or codes on one line, shortened the same way. */
function cappedList(items: ReadonlyArray<string>, o: TextOptions): string {
  const limit = TEXT_LIMIT * 2;
  if (o.all || items.length <= limit) return items.join(", ");
  return `${items.slice(0, limit).join(", ")}, … (+${items.length - limit})`;
}

/** The text report of one file, ending with a blank line. */
export function fileText(r: FileResult, tr: Translator, o: TextOptions = { all: false }, totals?: RunTotals): string {
  if (totals) count(r, totals);
  const out: string[] = [`━━ ${r.file}`];
  if (r.error) out.push(`  ${fileErrorMessage(tr, r.error)}`);
  else {
    for (const a of r.analyses) {
      if (!a.recognized) out.push(`  ${tr.t("cli.sheet.rejected", { sheet: a.sheetName, reason: rejectionMessage(tr, a.rejection) })}`);
      else out.push(...sheetText(a, tr, r.copy !== undefined, o));
    }
    if (r.copy) out.push(`  ${copyText(r.copy, tr)}`);
  }
  out.push("");
  return terminalSafe(`${out.join("\n")}\n`);
}

export function summaryText(t: RunTotals, tr: Translator): string {
  return `${tr.t("cli.summary", { files: t.files, appendices: t.appendices, failed: t.unreadable, errors: t.errors, warnings: t.warnings, infos: t.infos })}\n`;
}

export function toText(results: ReadonlyArray<FileResult>, tr: Translator, o: TextOptions = { all: false }): string {
  const totals = newTotals();
  return results.map((r) => fileText(r, tr, o, totals)).join("") + summaryText(totals, tr);
}

function sheetText(a: RecognizedSheet, tr: Translator, copying: boolean, o: TextOptions): string[] {
  const out: string[] = [];
  const c = countBySeverity(a.findings);
  out.push(`  ${tr.t("cli.sheet", { sheet: sheetsLabel(a) })}: ${explainAnalysis(tr, a)}`);
  out.push(`  ${setChoiceMessage(tr, a.setChoice)}`);
  out.push(`  ${tr.t("cli.counts", { errors: c.error, warnings: c.warning, infos: c.info })}`);
  if (a.protected) out.push(`  ${tr.t("cli.sheet.protected")}`);
  if (a.hidden === true) out.push(`  ${tr.t("cli.sheet.hidden")}`);
  for (const severity of ["error", "warning", "info"] as Severity[]) {
    const list = a.findings.filter((f) => f.severity === severity);
    if (list.length === 0) continue;
    out.push(`  ${tr.t(`cli.section.${severity}`, { count: list.length })}`);
    const grouped = new Map<RuleId, Finding[]>();
    for (const f of list) {
      if (GROUPABLE.has(f.rule)) grouped.set(f.rule, [...(grouped.get(f.rule) ?? []), f]);
    }
    const printedGroups = new Set<RuleId>();
    const lines: string[] = [];
    for (const f of list) {
      const group = grouped.get(f.rule);
      if (group && group.length >= GROUP_FROM) {
        if (printedGroups.has(f.rule)) continue;
        printedGroups.add(f.rule);
        const cells = cappedList(group.map((g) => findingCell(g) ?? ""), o);
        lines.push(`    ${tr.t("cli.grouped", { title: ruleTitle(tr, f.rule), count: group.length, cells })}`);
        continue;
      }
      const cell = findingCell(f) ?? "";
      lines.push(`    ${cell.padEnd(6)} ${renderFinding(tr, f)}`);
    }
    out.push(...capped(lines, tr, o));
  }
  out.push(...belowText(a, tr, o));
  out.push(...fillText(a, tr, copying, o));
  return out;
}

function belowText(a: RecognizedSheet, tr: Translator, o: TextOptions): string[] {
  const choice = a.columnChoice;
  if (!choice.score) return [`  ${tr.t("below.no-score")}`];
  const scoreLabel = columnLabel(tr, { role: "score", year: choice.score.year, kind: choice.score.kind });
  const columns = choice.target
    ? tr.t("cli.below.columns", {
        score: scoreLabel,
        scoreLetter: columnLetter(choice.score.col),
        target: columnLabel(tr, { role: "target", year: choice.target.year }),
        targetLetter: columnLetter(choice.target.col),
      })
    : tr.t("cli.below.columns.max", { score: scoreLabel, scoreLetter: columnLetter(choice.score.col) });
  // "None below target" only when something was compared: an empty score column compares nothing.
  if (a.belowTarget.length === 0 && comparedCount(a.statuses) === 0) return [`  ${tr.t("below.nothing-compared", { header: choice.score.header })}`];
  if (a.belowTarget.length === 0) return [`  ${tr.t("below.none")} (${columns})`];
  const out = [`  ${tr.t("cli.below.title", { count: a.belowTarget.length, columns })}`];
  const lines: string[] = [];
  for (const b of a.belowTarget) {
    lines.push(
      `    ${tr.t("cli.below.row", {
        code: b.code.padEnd(6),
        score: b.score,
        target: b.target,
        gap: b.gap,
        cell: b.sheet !== undefined && b.sheet !== a.sheetName ? `${quoteSheetName(b.sheet)}!${toA1(b.scoreCell.row, b.scoreCell.col)}` : toA1(b.scoreCell.row, b.scoreCell.col),
        name: b.name.length > 70 ? `${b.name.slice(0, 69)}…` : b.name,
      })}`,
    );
  }
  out.push(...capped(lines, tr, o));
  return out;
}

function fillText(a: RecognizedSheet, tr: Translator, copying: boolean, o: TextOptions): string[] {
  if (a.layout.responsibility === null) return [`  ${tr.t("fill.no-column")}`];
  const plan = a.fills;
  if (!plan) return [];
  const header = a.layout.headers[a.layout.responsibility] ?? "";
  const out = [`  ${tr.t("cli.fill.title", { header, count: plan.edits.filter((e) => e.target === "lead").length })}`];
  out.push(
    ...capped(
      // How a fill matched is said where it is less than certain (a name, not the code, decided).
      plan.edits.map((e) => `    ${tr.t("cli.fill.row", { cell: toA1(e.row, e.col), code: e.code, status: tr.t(`fill.status.${e.status}`), value: e.value })}${e.confidence !== "high" ? `  (${fillMatchText(tr, e)})` : ""}`),
      tr,
      o,
    ),
  );
  if (plan.keptNonEmpty.length > 0) out.push(`  ${tr.t("cli.fill.kept", { count: plan.keptNonEmpty.length })}`);
  if (plan.unmatched.length > 0) out.push(`  ${tr.t("cli.fill.unmatched", { codes: cappedList(plan.unmatched, o) })}`);
  if (plan.uncertain.length > 0) out.push(`  ${uncertainText(tr, plan.uncertain)}`);
  if (plan.inMerge.length > 0) out.push(`  ${inMergeText(tr, plan.inMerge)}`);
  if (plan.sameAsParent.length > 0) out.push(`  ${tr.t("fill.same-as-parent", { count: plan.sameAsParent.length, codes: cappedList(plan.sameAsParent, o) })}`);
  if (!copying && plan.edits.length > 0) out.push(`  ${tr.t("cli.fill.hint")}`);
  return out;
}

function copyText(c: CopyResult, tr: Translator): string {
  if (!c.written && c.rowOrder !== undefined) return tr.t("cli.copy.rows-out-of-order", { sheet: c.rowOrder.sheet, row: c.rowOrder.row, after: c.rowOrder.after });
  if (!c.written) return tr.t("cli.copy.failed", { detail: c.detail ?? "" });
  // What was planned but not done is said on the same line as what was done.
  const parts = [tr.t("cli.copy.written", { path: c.path ?? "", filled: c.filled ?? 0, highlighted: c.highlighted ?? 0, report: c.reportSheet ?? "" })];
  if (c.feedbackSheet !== undefined) parts.push(tr.t("cli.copy.feedback", { sheet: c.feedbackSheet }));
  if (c.converted !== undefined) parts.push(tr.t("cli.copy.converted", { count: c.converted }));
  if ((c.protectedSheets ?? []).length > 0) parts.push(tr.t("cli.copy.protected", { sheets: (c.protectedSheets ?? []).join(", ") }));
  const skipped = c.skipped ?? [];
  if (skipped.length > 0) {
    const cells = skipped.slice(0, 20).map((k) => `${k.sheet}!${k.cell} (${tr.t(`cli.copy.skip.${k.reason}` as MessageKey)})`);
    parts.push(tr.t("cli.copy.skipped", { count: skipped.length, cells: cells.join(", ") + (skipped.length > 20 ? ", …" : "") }));
  }
  return parts.length === 1 ? parts[0]! : `${parts.map((t) => t.replace(/\.$/, "")).join("; ")}.`;
}

export type { SheetAnalysis };
