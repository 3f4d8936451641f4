/**
 * The "Thực hiện" rules catalogue as a sheet staff edit in Excel ("Danh mục phân công"): a header block, then one
 * rule per row. Both directions, pure; every problem names its cell; the round trip catalogue → sheet → catalogue is
 * exact. Also: which items of a criteria set each rule fills, and which items no rule covers.
 */
import { ancestorsOf } from "./codes";
import type { CriteriaSet } from "./criteria";
import { cellAt, type Cell, type Grid, toA1 } from "./grid";
import { decodeGrid } from "./legacy";
import { chooseRule, parseResponsibilityCatalogue, type ResponsibilityCatalogue, type ResponsibilityRule } from "./responsibility";
import type { ModelCell, ModelRow, ModelStyle, SheetModel } from "./sheetModel";
import { wrappedHeight } from "./sheetModel";
import { cleanText, fold } from "./text";

export const RULES_SHEET = {
  sheetName: "Danh mục phân công",
  heading: "DANH MỤC PHÂN CÔNG THỰC HIỆN CÁC TIÊU CHÍ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH",
  meta: {
    id: "Mã danh mục",
    title: "Tên danh mục",
    description: "Mô tả",
    criteriaSets: "Mã của bộ tiêu chí",
    neutral: "Câu khi chưa có điểm",
    surveyMet: "Câu cho tiêu chí khảo sát đạt",
    surveyBelow: "Câu cho tiêu chí khảo sát dưới mục tiêu",
  },
  columns: {
    id: "Mã quy tắc",
    codes: "Đúng các mã",
    prefixes: "Mã và mọi mục con",
    keywords: "Từ khóa trong tên",
    lead: "Cơ quan chủ trì",
    support: "Cơ quan phối hợp",
    met: "Câu khi đạt",
    below: "Câu khi dưới mục tiêu",
    source: "Căn cứ",
  },
  note:
    "Mỗi dòng một quy tắc. Mã cách nhau bởi dấu phẩy; từ khóa và cơ quan phối hợp cách nhau bởi dấu chấm phẩy. Trong câu: {lead} cơ quan chủ trì, {support} cơ quan phối hợp, {name} tên tiêu chí, {code} mã, {score} điểm, {target} mục tiêu; phần trong [ ] bị bỏ khi chỗ trống bên trong không có giá trị.",
} as const;

type MetaKey = keyof typeof RULES_SHEET.meta;
type ColumnKey = keyof typeof RULES_SHEET.columns;

export type RulesSheetProblemKey =
  | "rules-sheet.no-header"
  | "rules-sheet.missing-column"
  | "rules-sheet.no-rules"
  | "rules-sheet.id-missing"
  | "rules-sheet.id-duplicate"
  | "rules-sheet.bad-code"
  | "rules-sheet.no-match"
  | "rules-sheet.empty"
  | "rules-sheet.placeholder"
  | "rules-sheet.brackets"
  | "rules-sheet.meta-missing";

export interface RulesSheetProblem {
  readonly cell: string;
  readonly key: RulesSheetProblemKey;
  readonly params: Readonly<Record<string, string | number>>;
}

export interface RulesSheetResult {
  readonly catalogue?: ResponsibilityCatalogue;
  readonly problems: ReadonlyArray<RulesSheetProblem>;
  readonly rules: number;
}

const PLACEHOLDERS = new Set(["lead", "support", "name", "code", "score", "target"]);
const SEARCH_ROWS = 30;

function text(cell: Cell): string {
  return cleanText(cell.text !== "" ? cell.text : cell.value === null ? "" : String(cell.value));
}

function labelKey<K extends string>(labels: Readonly<Record<K, string>>, s: string): K | undefined {
  const f = fold(s).replace(/\s*:$/, "");
  return (Object.keys(labels) as K[]).find((k) => fold(labels[k]) === f);
}

const list = (s: string, sep: RegExp): string[] => s.split(sep).map((x) => x.trim()).filter((x) => x !== "");

/** Read a catalogue from a sheet laid out as `rulesSheetModel` writes it (labels matched without regard to case or accents). */
export function rulesFromSheet(source: Grid): RulesSheetResult {
  const grid = decodeGrid(source).grid;
  const problems: RulesSheetProblem[] = [];
  const problem = (cell: string, key: RulesSheetProblemKey, params: Record<string, string | number> = {}) => problems.push({ cell, key, params });
  let headerRow = -1;
  const col = new Map<ColumnKey, number>();
  for (let r = 0; r < Math.min(grid.rows.length, SEARCH_ROWS) && headerRow < 0; r++) {
    const found = new Map<ColumnKey, number>();
    (grid.rows[r] ?? []).forEach((c, j) => {
      const k = c ? labelKey(RULES_SHEET.columns, text(c)) : undefined;
      if (k !== undefined && !found.has(k)) found.set(k, j);
    });
    if (found.has("lead") && (found.has("codes") || found.has("prefixes") || found.has("keywords"))) {
      headerRow = r;
      for (const [k, v] of found) col.set(k, v);
    }
  }
  if (headerRow < 0) {
    problem("", "rules-sheet.no-header");
    return { problems, rules: 0 };
  }
  for (const k of ["id", "lead", "met", "below"] as const) {
    if (!col.has(k)) problem(toA1(headerRow, 0), "rules-sheet.missing-column", { column: RULES_SHEET.columns[k] });
  }
  if (problems.length > 0) return { problems, rules: 0 };

  const meta: Partial<Record<MetaKey, { text: string; at: string }>> = {};
  for (let r = 0; r < headerRow; r++) {
    const row = grid.rows[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      const k = row[c] ? labelKey(RULES_SHEET.meta, text(row[c]!)) : undefined;
      if (k === undefined) continue;
      const value = row.slice(c + 1, c + 4).find((v) => v && text(v) !== "");
      const at = row.indexOf(value);
      meta[k] = { text: value ? text(value) : "", at: toA1(r, at >= 0 ? at : c + 1) };
      break;
    }
  }
  const rules: ResponsibilityRule[] = [];
  const firstRow = new Map<string, string>();
  const get = (r: number, k: ColumnKey): string => (col.has(k) ? text(cellAt(grid, r, col.get(k)!)) : "");
  const at = (r: number, k: ColumnKey): string => toA1(r, col.get(k) ?? 0);
  for (let r = headerRow + 1; r < grid.rows.length; r++) {
    const values = Object.fromEntries((Object.keys(RULES_SHEET.columns) as ColumnKey[]).map((k) => [k, get(r, k)])) as Record<ColumnKey, string>;
    if (Object.values(values).every((v) => v === "")) continue;
    const id = values.id;
    if (id === "") problem(at(r, "id"), "rules-sheet.id-missing");
    else if (firstRow.has(id)) problem(at(r, "id"), "rules-sheet.id-duplicate", { id, first: firstRow.get(id)! });
    else firstRow.set(id, at(r, "id"));
    const codes = list(values.codes, /[,;\s]+/);
    const prefixes = list(values.prefixes, /[,;\s]+/);
    const keywords = list(values.keywords, /;|\n/);
    for (const [k, cs] of [["codes", codes], ["prefixes", prefixes]] as const) {
      for (const c of cs) if (!/^\d+(\.\d+)*$/.test(c)) problem(at(r, k), "rules-sheet.bad-code", { code: c });
    }
    if (codes.length + prefixes.length + keywords.length === 0) problem(at(r, "codes"), "rules-sheet.no-match", { id });
    for (const k of ["lead", "met", "below"] as const) if (values[k] === "") problem(at(r, k), "rules-sheet.empty", { column: RULES_SHEET.columns[k] });
    for (const k of ["met", "below"] as const) checkTemplate(values[k], at(r, k), problem);
    rules.push({
      id,
      match: { codes, prefixes, keywords },
      lead: values.lead,
      support: list(values.support, /;|\n/),
      met: values.met,
      below: values.below,
      source: values.source,
    });
  }
  if (rules.length === 0) problem(toA1(headerRow + 1, 0), "rules-sheet.no-rules");
  for (const k of ["id", "title"] as const) if (!meta[k] || meta[k]!.text === "") problem(meta[k]?.at ?? "", "rules-sheet.meta-missing", { label: RULES_SHEET.meta[k] });
  for (const k of ["neutral", "surveyMet", "surveyBelow"] as const) if (meta[k]) checkTemplate(meta[k]!.text, meta[k]!.at, problem);
  if (problems.length > 0) return { problems, rules: rules.length };
  const data = {
    id: meta.id!.text,
    title: meta.title!.text,
    description: meta.description?.text ?? "",
    ...(meta.neutral && meta.neutral.text !== "" ? { neutral: meta.neutral.text } : {}),
    criteriaSets: list(meta.criteriaSets?.text ?? "", /[,;\s]+/),
    ...(meta.surveyMet && meta.surveyMet.text !== "" ? { surveyMet: meta.surveyMet.text } : {}),
    ...(meta.surveyBelow && meta.surveyBelow.text !== "" ? { surveyBelow: meta.surveyBelow.text } : {}),
    rules,
  };
  const parsed = parseResponsibilityCatalogue(data);
  if (!parsed.ok) {
    for (const p of parsed.problems) problem("", "rules-sheet.empty", { column: p });
    return { problems, rules: rules.length };
  }
  return { catalogue: parsed.catalogue, problems, rules: rules.length };
}

function checkTemplate(template: string, cell: string, problem: (cell: string, key: RulesSheetProblemKey, params?: Record<string, string | number>) => void): void {
  for (const m of template.matchAll(/\{(\w*)\}/g)) if (!PLACEHOLDERS.has(m[1] ?? "")) problem(cell, "rules-sheet.placeholder", { placeholder: m[0] });
  let depth = 0;
  for (const ch of template) {
    if (ch === "[") depth++;
    else if (ch === "]") depth--;
    if (depth < 0 || depth > 1) break;
  }
  if (depth !== 0) problem(cell, "rules-sheet.brackets");
}

const S = {
  heading: { bold: true, size: 14, align: "center", font: "Times New Roman" } as ModelStyle,
  label: { bold: true, font: "Times New Roman", size: 12, valign: "top" } as ModelStyle,
  value: { font: "Times New Roman", size: 12, wrap: true, valign: "top" } as ModelStyle,
  note: { italic: true, font: "Times New Roman", size: 11, wrap: true } as ModelStyle,
  head: { bold: true, font: "Times New Roman", size: 12, align: "center", valign: "center", wrap: true, border: true, fill: "FFD9E1F2" } as ModelStyle,
  cell: { font: "Times New Roman", size: 12, wrap: true, valign: "top", border: true } as ModelStyle,
  code: { font: "Times New Roman", size: 12, wrap: true, valign: "top", border: true, numFmt: "@" } as ModelStyle,
};
const WIDTHS = [24, 12, 12, 30, 24, 30, 40, 40, 34];

/** The "Danh mục phân công" sheet of a catalogue. */
export function rulesSheetModel(c: ResponsibilityCatalogue): SheetModel {
  const L = RULES_SHEET;
  const t = (v: string, style: ModelStyle): ModelCell => ({ value: v, style });
  const metaRow = (k: MetaKey, v: string): ModelRow => ({ cells: [t(L.meta[k], S.label), t(v, S.value)], height: wrappedHeight(v, 180) });
  const rows: ModelRow[] = [
    { cells: [t(L.heading, S.heading)], height: 24 },
    metaRow("id", c.id),
    metaRow("title", c.title),
    metaRow("description", c.description),
    metaRow("criteriaSets", c.criteriaSets.join(", ")),
    metaRow("neutral", c.neutral),
    metaRow("surveyMet", c.surveyMet),
    metaRow("surveyBelow", c.surveyBelow),
    { cells: [t(L.note, S.note)], height: 48 },
    { cells: (Object.keys(L.columns) as ColumnKey[]).map((k) => t(L.columns[k], S.head)), height: 32 },
  ];
  const headerRow = rows.length - 1;
  for (const r of c.rules) {
    const cells = [
      t(r.id, S.code),
      t(r.match.codes.join(", "), S.code),
      t(r.match.prefixes.join(", "), S.code),
      t(r.match.keywords.join("; "), S.cell),
      t(r.lead, S.cell),
      t(r.support.join("; "), S.cell),
      t(r.met, S.cell),
      t(r.below, S.cell),
      t(r.source, S.cell),
    ];
    const height = Math.max(...cells.map((x, i) => wrappedHeight(String(x.value ?? ""), WIDTHS[i]!)));
    rows.push({ cells, height });
  }
  const merges = [{ top: 0, left: 0, bottom: 0, right: 8 }, ...[1, 2, 3, 4, 5, 6, 7].map((r) => ({ top: r, left: 1, bottom: r, right: 8 })), { top: 8, left: 0, bottom: 8, right: 8 }];
  return { name: L.sheetName, columns: WIDTHS, rows, merges, print: { landscape: true, titleRows: [headerRow, headerRow], fitToWidth: true }, freeze: { rows: headerRow + 1 } };
}

export interface RuleCoverage {
  /** Items of the set each rule would fill (by rule id, in the set's order). */
  readonly byRule: ReadonlyMap<string, ReadonlyArray<string>>;
  /** Fields and criteria of the set that no rule covers. */
  readonly uncovered: ReadonlyArray<string>;
}

/** Which items of a criteria set each rule fills, as the fill plan would choose (the set's own names). */
export function ruleCoverage(catalogue: ResponsibilityCatalogue, set: CriteriaSet): RuleCoverage {
  const byRule = new Map<string, string[]>(catalogue.rules.map((r) => [r.id, []]));
  const uncovered: string[] = [];
  for (const it of set.items) {
    const choice = chooseRule(catalogue, it, ancestorsOf(it.code, set.byCode), set);
    if (choice.kind === "match") byRule.get(choice.match.rule.id)?.push(it.code);
    else uncovered.push(it.code);
  }
  return { byRule, uncovered };
}
