import { type ColumnInfo, notAssessedSummary, type Rejection, type SheetAnalysis } from "../core/analyze";
import { roundPoints } from "../core/numbers";
import { placeOf } from "../core/workbook";
import type { SetChoice, SetProblem } from "../core/criteria";
import type { FillEdit, MergedFill, UncertainFill } from "../core/responsibility";
import type { Finding, ParamValue, RuleId, Severity } from "../core/findings";
import { areaA1, columnLetter, quoteSheetName, toA1 } from "../core/grid";
import { HEADER_SEARCH_ROWS } from "../core/layout";
import { EN_NUMBER, formatNumber, VI_NUMBER } from "./number";
import { type MessageKey, vi } from "./vi";

export type Lang = "vi" | "en";
export type { MessageKey };

export type Catalogue = Readonly<Record<MessageKey, string>>;

/**
 * Vietnamese is always here, without the command line's messages (vi-cli.ts) unless they are registered; other
 * languages register themselves (src/i18n/languages.ts), so the task pane loads English only for an Office whose
 * display language is not Vietnamese.
 */
const catalogues: Partial<Record<Lang, Readonly<Partial<Record<MessageKey, string>>>>> = { vi };

export function registerCatalogue(lang: Lang, catalogue: Catalogue): void {
  catalogues[lang] = catalogue;
  translators.clear();
}

/**
 * Messages that arrive later than their catalogue (the written sheets' Vietnamese, loaded with the code that builds
 * them): merged into it. Translators read their catalogue when they translate, so those already made see them.
 */
export function addMessages(lang: Lang, messages: Readonly<Partial<Record<MessageKey, string>>>): void {
  catalogues[lang] = { ...(catalogues[lang] ?? (lang === "vi" ? vi : {})), ...messages };
}

export function hasCatalogue(lang: Lang): boolean {
  return catalogues[lang] !== undefined;
}

export interface Translator {
  readonly lang: Lang;
  t(key: MessageKey, params?: Readonly<Record<string, ParamValue | null | undefined>>): string;
  /** A number as the reader writes it: 0,25 in Vietnamese, 0.25 in English. */
  num(n: number): string;
}

/** Pick the language from an Office or browser locale ("vi-VN" → vi; anything else → en). */
export function langFromLocale(locale: string | undefined | null): Lang {
  return locale && /^vi\b/i.test(locale) ? "vi" : "en";
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(catalogues.vi ?? vi, key);
}

const translators = new Map<string, Translator>();

/**
 * Plural forms in a message, ICU style without nesting: "{count, plural, one {# cell} other {# cells}}", chosen by
 * Intl.PluralRules for the catalogue's language ("#" is the number). Vietnamese has one form and needs none.
 */
const PLURAL = /\{(\w+), plural, one \{([^{}]*)\} other \{([^{}]*)\}\}/g;

/** A translator for a language (one per language and catalogue). */
export function translator(wanted: Lang = "vi"): Translator {
  const lang: Lang = catalogues[wanted] ? wanted : "vi";
  const key = `${lang}:${catalogues[lang] ? "1" : "0"}`;
  const known = translators.get(key);
  if (known) return known;
  const made = makeTranslator(lang);
  translators.set(key, made);
  return made;
}

type Messages = Readonly<Partial<Record<MessageKey, string>>>;

function makeTranslator(lang: Lang): Translator {
  const separators = lang === "vi" ? VI_NUMBER : EN_NUMBER;
  const num = (n: number): string => formatNumber(n, separators);
  let plural: Intl.PluralRules | undefined;
  return {
    lang,
    num,
    t(key, params = {}) {
      // Looked up now, not when the translator was made: messages added since (addMessages) are found.
      const own: Messages = catalogues[lang] ?? vi;
      const fallback: Messages = catalogues.vi ?? vi;
      const template = (own[key] ?? fallback[key] ?? key).replace(PLURAL, (whole, name: string, one: string, other: string) => {
        const v = params[name];
        if (v === undefined || v === null) return whole;
        // A number given already formatted (a string) takes the general form.
        if (typeof v !== "number") return other.replace(/#/g, v);
        plural ??= new Intl.PluralRules(lang === "vi" ? "vi-VN" : "en-US");
        return (plural.select(v) === "one" ? one : other).replace(/#/g, num(v));
      });
      return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
        const v = params[name];
        if (v === undefined || v === null) return whole;
        return typeof v === "number" ? num(v) : v;
      });
    },
  };
}

export function severityLabel(tr: Translator, s: Severity): string {
  return tr.t(`severity.${s}`);
}

export function ruleTitle(tr: Translator, rule: RuleId): string {
  return tr.t(`rule.${rule}.title` as MessageKey);
}

export function ruleDescription(tr: Translator, rule: RuleId): string {
  return tr.t(`rule.${rule}.description` as MessageKey);
}

/** The Vietnamese (or English) message of a finding, with its cell written the way Excel writes it. */
export function renderFinding(tr: Translator, f: Finding, labels?: ReadonlyMap<string, string>): string {
  const key = isMessageKey(f.messageKey) ? f.messageKey : (`finding.${f.rule}` as MessageKey);
  const code = labels && typeof f.params["code"] === "string" ? { code: codeWithLabel(tr, f.params["code"], labels) } : {};
  return tr.t(key, { ...f.params, ...code, cell: findingCell(f) ?? "", column: findingColumn(f) ?? "" });
}

/**
 * The sheet's own label of each official code where the sheet numbers differently: "3.1" for 1.3.1 on a sheet that
 * restarts its numbering, "II" for field 2. A label that is the code with a trailing dot or bracket is the same.
 */
export function sheetLabels(a: { readonly body: { readonly items: ReadonlyArray<{ readonly code: string; readonly label: string }> } }): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (const i of a.body.items) {
    const label = String(i.label).trim().replace(/[.)]+$/, "");
    if (label !== "" && label !== i.code) out.set(i.code, label);
  }
  return out;
}

/** "1.3.1 (trên bảng: 3.1)" where the sheet's label differs, else the code. */
export function codeWithLabel(tr: Translator, code: string, labels: ReadonlyMap<string, string>): string {
  const label = labels.get(code);
  return label === undefined ? code : tr.t("code.on-sheet", { code, label });
}

/** "D5", or "'PL2 (tiếp)'!D5" when the appendix runs over several sheets. */
export function findingCell(f: Finding): string | null {
  if (f.row === null || f.col === null) return null;
  return f.sheet !== undefined ? `${quoteSheetName(f.sheet)}!${toA1(f.row, f.col)}` : toA1(f.row, f.col);
}

/** The sheets an analysis covers: "Phụ lục", or "PL1 + PL2 (tiếp theo)". */
export function sheetsLabel(a: { readonly sheetName: string; readonly spans?: ReadonlyArray<{ readonly sheetName: string }> }): string {
  return a.spans ? a.spans.map((s) => s.sheetName).join(" + ") : a.sheetName;
}

export function findingColumn(f: Finding): string | null {
  return f.col !== null ? columnLetter(f.col) : null;
}

/** A file that could not be read (batch checker, preview page): what happened and what to do. */
export function fileErrorMessage(tr: Translator, e: { readonly code: string; readonly detail?: string }): string {
  return tr.t(`cli.file-error.${e.code}` as MessageKey, { detail: e.detail ?? "" });
}

export function rejectionMessage(tr: Translator, r: Rejection): string {
  switch (r.reason) {
    case "empty-sheet":
      return tr.t("rejection.empty-sheet");
    case "no-header":
      return tr.t("rejection.no-header", { rows: HEADER_SEARCH_ROWS });
    case "no-code-column":
      return tr.t("rejection.no-code-column", { row: String(r.row + 1) });
    case "no-point-columns":
      return tr.t("rejection.no-point-columns", { row: String(r.row + 1) });
    case "no-items":
      return tr.t("rejection.no-items", { row: String(r.row + 1) });
    case "no-hierarchy":
      return tr.t("rejection.no-hierarchy", { row: String(r.row + 1), items: r.items });
    case "catalogue-sheet":
      return tr.t(r.kind === "criteria" ? "rejection.criteria-sheet" : r.kind === "rules" ? "rejection.rules-sheet" : "rejection.comparison-sheet");
  }
}

/** "điểm đạt năm 2018", "mục tiêu năm 2019", "thực hiện". */
export function columnLabel(tr: Translator, c: Pick<ColumnInfo, "role" | "year" | "kind">): string {
  const base = c.role === "score" ? tr.t(`kind.${c.kind ?? "achieved"}`) : tr.t(`role.${c.role}`);
  return c.year !== undefined && c.year !== null ? tr.t("column.year", { label: base, year: String(c.year) }) : base;
}

export function setChoiceMessage(tr: Translator, choice: SetChoice): string {
  const pct = (x: number): string => String(Math.round(x * 100));
  switch (choice.kind) {
    case "matched":
      return tr.t("set.matched", { title: choice.match.set.title, codeMatch: pct(choice.match.codeMatch), nameMatch: pct(choice.match.nameMatch) });
    case "forced":
      return tr.t("set.forced", { title: choice.match.set.title, codeMatch: pct(choice.match.codeMatch) });
    case "none":
      return choice.like ? `${tr.t("set.none")} ${tr.t("set.like", { title: choice.like.title, fields: choice.like.fields, criteria: choice.like.criteria, subs: choice.like.subs })}` : tr.t("set.none");
    case "forced-unknown":
      return tr.t("set.forced-unknown", { id: choice.id });
  }
}

/**
 * Cells inside merged areas, in one or two sentences: those whose area shows another row's text (shared), and those
 * left empty. "Không điền 3 ô nằm trong vùng ô gộp …: F3 (1.1, vùng F2:F16); …"
 */
export function inMergeText(tr: Translator, list: ReadonlyArray<MergedFill>): string {
  const shared = list.filter((m) => m.sharedWith !== null);
  const empty = list.filter((m) => m.sharedWith === null);
  const out: string[] = [];
  if (shared.length > 0) {
    out.push(tr.t("fill.in-merge.shared", { count: shared.length, items: shared.map((m) => tr.t("fill.in-merge.shared-item", { cell: toA1(m.row, m.col), code: m.code, area: areaA1(m.area), owner: m.sharedWith ?? "" })).join("; ") }));
  }
  if (empty.length > 0) {
    out.push(tr.t("fill.in-merge", { count: empty.length, items: empty.map((m) => tr.t("fill.in-merge.item", { cell: toA1(m.row, m.col), code: m.code, area: areaA1(m.area) })).join("; ") }));
  }
  return out.join(" ");
}

/** "Không điền vì chưa chắc chắn (2): 1.2 (mã này trong bộ tiêu chí là “…”); …" */
export function uncertainText(tr: Translator, list: ReadonlyArray<UncertainFill>): string {
  return tr.t("fill.uncertain", { count: list.length, items: list.map((u) => tr.t("fill.uncertain.item", { code: u.code, setName: u.setName })).join("; ") });
}

/** "khớp theo tên · khá chắc" */
export function fillMatchText(tr: Translator, e: Pick<FillEdit, "how" | "confidence">): string {
  return tr.t("ui.fill.match", { how: tr.t(`fill.how.${e.how}`), confidence: tr.t(`fill.confidence.${e.confidence}`) });
}

export function setProblemMessage(tr: Translator, p: SetProblem): string {
  return tr.t(p.key, { path: p.path, ...p.params });
}

/**
 * The explanation the pane and the CLI show: "Phụ lục ở dòng 5; A = mã, B = tiêu chí, C = điểm chuẩn,
 * D = điểm đạt năm 2018 ...; 8 lĩnh vực, 41 tiêu chí, 95 tiêu chí thành phần; ..."
 */
export function explainAnalysis(tr: Translator, a: SheetAnalysis): string {
  if (!a.recognized) return rejectionMessage(tr, a.rejection);
  const l = a.layout;
  const head =
    l.headerRows > 1
      ? tr.t("explain.header.two-rows", { row: String(l.headerRow + 1), row2: String(l.headerRow + l.headerRows) })
      : tr.t("explain.header", { row: String(l.headerRow + 1) });
  // Codes read from the names: the name column is not listed twice ("B = mã, B = tiêu chí").
  const shownColumns = l.codeInName === true ? a.columns.filter((c) => c.role !== "code") : a.columns;
  const cols = shownColumns.map((c) => tr.t("column.assign", { letter: columnLetter(c.col), label: columnLabel(tr, c) })).join(", ");
  const inNames =
    l.codeInName !== true
      ? []
      : l.rowCounter !== undefined
        ? [tr.t("explain.code-in-name.counter", { letter: columnLetter(l.name), counter: columnLetter(l.rowCounter) })]
        : [tr.t("explain.code-in-name", { letter: columnLetter(l.name) })];
  const parts = [
    `${head}; ${cols}`,
    ...inNames,
    ...((): string[] => {
      const s = notAssessedSummary(a.body, l);
      return s && s.total !== null ? [tr.t("explain.not-assessed", { codes: s.codes.join(", "), remaining: roundPoints(s.total - s.reduced), total: s.total })] : [];
    })(),
    ...(a.spans ? [tr.t("explain.sheets", { count: a.spans.length, sheets: a.spans.map((s) => s.sheetName).join(", ") })] : []),
    tr.t("explain.counts", { fields: a.counts.fields, criteria: a.counts.criteria, subs: a.counts.subs }),
    tr.t(`explain.numbering.${a.body.numbering}`),
  ];
  if (a.body.total) {
    // In an appendix over several sheets, the row on its own sheet ("148" of the stacked table is PL2's 83).
    const at = placeOf(a, a.body.total.row);
    parts.push(tr.t("explain.total", { row: at.sheetName === a.sheetName ? String(at.row + 1) : `${at.row + 1} (${at.sheetName})` }));
  }
  parts.push(tr.t("explain.confidence", { percent: String(Math.round(a.confidence * 100)) }));
  return `${parts.join("; ")}.`;
}
