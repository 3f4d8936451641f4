import type { RecognizedSheet, SheetAnalysis } from "../core/analyze";
import { countBySeverity, type Finding, type RuleId, type Severity } from "../core/findings";
import { columnLetter, toA1 } from "../core/grid";
import { columnLabel, explainAnalysis, fileErrorMessage, findingCell, findingColumn, type MessageKey, rejectionMessage, renderFinding, ruleTitle, setChoiceMessage, type Translator } from "../i18n";
import type { CopyResult, FileResult } from "./check";

const letter = (c: number | null): string | null => (c === null ? null : columnLetter(c));


/** The --json document. Field names are a contract (see README); add fields, never rename them. */
export function toJson(results: ReadonlyArray<FileResult>, tr: Translator, version: string): unknown {
  let appendices = 0;
  const totals = { error: 0, warning: 0, info: 0 };
  const files = results.map((r) => {
    const sheets = r.analyses.map((a) => {
      if (!a.recognized) {
        return { sheet: a.sheetName, recognized: false, reasonCode: a.rejection.reason, reason: rejectionMessage(tr, a.rejection) };
      }
      appendices++;
      const c = countBySeverity(a.findings);
      totals.error += c.error;
      totals.warning += c.warning;
      totals.info += c.info;
      return sheetJson(a, tr);
    });
    return {
      file: r.file,
      ...(r.error ? { error: { code: r.error.code, message: fileErrorMessage(tr, r.error) } } : {}),
      sheets,
      ...(r.copy ? { copy: copyJson(r.copy, tr) } : {}),
    };
  });
  return {
    version: 1,
    tool: { name: "phuluc", version },
    summary: {
      files: results.length,
      unreadable: results.filter((r) => r.error).length,
      appendices,
      errors: totals.error,
      warnings: totals.warning,
      infos: totals.info,
    },
    files,
  };
}

function sheetJson(a: RecognizedSheet, tr: Translator): unknown {
  const l = a.layout;
  const set = a.set;
  const choice = a.setChoice;
  return {
    sheet: a.sheetName,
    recognized: true,
    explanation: explainAnalysis(tr, a),
    confidence: a.confidence,
    protected: a.protected,
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
    total: a.body.total ? { row: a.body.total.row + 1, label: a.body.total.label } : null,
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
    items: a.body.items.map((i) => ({ code: i.code, label: i.label, row: i.row + 1, level: i.level, name: i.name })),
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
      value: e.value,
      rule: e.ruleId,
      status: e.status,
      column: e.target,
      old: e.old,
    })),
    fillsKept: a.fills?.keptNonEmpty ?? [],
    fillsUnmatched: a.fills?.unmatched ?? [],
  };
}

function findingJson(f: Finding, tr: Translator): unknown {
  return {
    rule: f.rule,
    severity: f.severity,
    code: f.code,
    cell: findingCell(f),
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
    ...(c.unsupported ? { unsupported: c.unsupported, message: unsupportedMessage(tr, c.unsupported) } : {}),
    ...(c.detail ? { detail: c.detail } : {}),
    ...(c.written ? { filled: c.filled, highlighted: c.highlighted, reportSheet: c.reportSheet, protectedSheets: c.protectedSheets } : {}),
  };
}

function unsupportedMessage(tr: Translator, parts: ReadonlyArray<string>): string {
  return tr.t("cli.copy.skipped-unsupported", { parts: parts.map((p) => tr.t(`part.${p}` as MessageKey)).join(", ") });
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

export function toText(results: ReadonlyArray<FileResult>, tr: Translator, o: TextOptions = { all: false }): string {
  const out: string[] = [];
  let appendices = 0;
  const totals = { error: 0, warning: 0, info: 0 };
  for (const r of results) {
    out.push(`━━ ${r.file}`);
    if (r.error) {
      out.push(`  ${fileErrorMessage(tr, r.error)}`, "");
      continue;
    }
    for (const a of r.analyses) {
      if (!a.recognized) {
        out.push(`  ${tr.t("cli.sheet.rejected", { sheet: a.sheetName, reason: rejectionMessage(tr, a.rejection) })}`);
        continue;
      }
      appendices++;
      const c = countBySeverity(a.findings);
      totals.error += c.error;
      totals.warning += c.warning;
      totals.info += c.info;
      out.push(...sheetText(a, tr, r.copy !== undefined, o));
    }
    if (r.copy) out.push(`  ${copyText(r.copy, tr)}`);
    out.push("");
  }
  out.push(
    tr.t("cli.summary", {
      files: results.length,
      appendices,
      failed: results.filter((r) => r.error).length,
      errors: totals.error,
      warnings: totals.warning,
      infos: totals.info,
    }),
  );
  return `${out.join("\n")}\n`;
}

function sheetText(a: RecognizedSheet, tr: Translator, copying: boolean, o: TextOptions): string[] {
  const out: string[] = [];
  const c = countBySeverity(a.findings);
  out.push(`  ${tr.t("cli.sheet", { sheet: a.sheetName })}: ${explainAnalysis(tr, a)}`);
  out.push(`  ${setChoiceMessage(tr, a.setChoice)}`);
  out.push(`  ${tr.t("cli.counts", { errors: c.error, warnings: c.warning, infos: c.info })}`);
  if (a.protected) out.push(`  ${tr.t("cli.sheet.protected")}`);
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
        cell: toA1(b.scoreCell.row, b.scoreCell.col),
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
      plan.edits.map((e) => `    ${tr.t("cli.fill.row", { cell: toA1(e.row, e.col), code: e.code, status: tr.t(`fill.status.${e.status}`), value: e.value })}`),
      tr,
      o,
    ),
  );
  if (plan.keptNonEmpty.length > 0) out.push(`  ${tr.t("cli.fill.kept", { count: plan.keptNonEmpty.length })}`);
  if (plan.unmatched.length > 0) out.push(`  ${tr.t("cli.fill.unmatched", { codes: cappedList(plan.unmatched, o) })}`);
  if (!copying && plan.edits.length > 0) out.push(`  ${tr.t("cli.fill.hint")}`);
  return out;
}

function copyText(c: CopyResult, tr: Translator): string {
  if (c.written) {
    const lines = [tr.t("cli.copy.written", { path: c.path ?? "", filled: c.filled ?? 0, highlighted: c.highlighted ?? 0, report: c.reportSheet ?? "" })];
    return lines.join("\n  ");
  }
  if (c.reason === "unsupported-content") return unsupportedMessage(tr, c.unsupported ?? []);
  return tr.t("cli.copy.failed", { detail: c.detail ?? "" });
}

export type { SheetAnalysis };
