/**
 * A new appendix for the province's plan, correct by construction: one row per item of a criteria set, in order;
 * parents and the total as SUM formulas over their children (with their cached results), so that they cannot drift;
 * last year's scores taken from last year's appendix (by code, and by name where the codes moved); targets that
 * default to the max; "Thực hiện" filled from the rules with the wording of each item's status.
 */
import { analyzeSheet, type RecognizedSheet } from "./analyze";
import { defaultScoreColumn } from "./columns";
import { compareCodes, parentCode } from "./codes";
import type { CriteriaItem, CriteriaSet } from "./criteria";
import { pointsFormat } from "./criteriaSheet";
import { NAME_PAIRING_THRESHOLD } from "./compare";
import { cellFromValue, columnLetter, type Grid } from "./grid";
import { roundPoints } from "./numbers";
import type { ResponsibilityCatalogue } from "./responsibility";
import { type ModelCell, type ModelRow, type ModelStyle, type SheetModel, wrappedHeight } from "./sheetModel";
import { similarity } from "./text";

export interface NewAppendixOptions {
  readonly set: CriteriaSet;
  /** The year of the scores ("Điểm đạt được năm N"); the targets are for the years after it. */
  readonly year: number;
  /** How many target years (N+1, N+2, …); 2 by default, as the official appendices have. */
  readonly targetYears?: number;
  /** "tỉnh Hà Nam": goes into the title rows; placeholders when absent. */
  readonly province?: string;
  /** Last year's appendix: its scores become year N's. */
  readonly previous?: RecognizedSheet;
  /** Fill "Thực hiện" from this catalogue (none: the column is left empty). */
  readonly rules?: ResponsibilityCatalogue;
  readonly sheetName?: string;
}

/** How an item of the set got its score from last year's appendix. */
export interface ScoreSource {
  readonly code: string;
  /** Last year's code, when the item was paired by name with a different code. */
  readonly fromCode: string;
  readonly how: "code" | "name";
  readonly similarity: number;
}

export interface NewAppendix {
  readonly sheet: SheetModel;
  /** Leaves of the set that got a score from last year's appendix, and how. */
  readonly scored: ReadonlyArray<ScoreSource>;
  /** Leaves of the set that got none (no item of last year's appendix matched). */
  readonly unmatchedSet: ReadonlyArray<string>;
  /** Scored items of last year's appendix that matched nothing in the set. */
  readonly unmatchedPrevious: ReadonlyArray<string>;
  /** Rows of the items (0-based), by code; the total's row. */
  readonly rows: ReadonlyMap<string, number>;
  readonly totalRow: number;
  /** Cached totals per point column (max, score, targets). */
  readonly totals: ReadonlyArray<number>;
  /** Items the rules did not cover ("Thực hiện" left empty, never guessed). */
  readonly unfilled: ReadonlyArray<string>;
}

const FONT = "Times New Roman";
const HEADER_ROW = 4;
/** A code that matches by code only when the names agree at least this much (criteria sets reuse codes). */
const SAME_CODE_NAME = 0.5;

/** Placeholders that staff fill in: the plan's number and date. */
export const PLACEHOLDER = "…";

interface Labels {
  readonly heading: string;
  readonly title: (province: string | undefined, year: number) => string;
  readonly basis: (province: string | undefined) => string;
  readonly columns: (year: number, targets: ReadonlyArray<number>) => string[];
  readonly total: string;
}

/** The official wording of the appendix (its content is Vietnamese, whatever the user's language). */
const LABELS: Labels = {
  heading: "PHỤ LỤC",
  title: (province, year) => `MỤC TIÊU PHẤN ĐẤU NÂNG CAO CHỈ SỐ CẢI CÁCH HÀNH CHÍNH${province ? ` ${province.toLocaleUpperCase("vi")}` : ""} NĂM ${year} VÀ NHỮNG NĂM TIẾP THEO`,
  basis: (province) => `(Kèm theo Kế hoạch số ${PLACEHOLDER}/KH-UBND ngày ${PLACEHOLDER} của Ủy ban nhân dân ${province ?? `tỉnh ${PLACEHOLDER}`})`,
  columns: (year, targets) => ["Stt", "Lĩnh vực/Tiêu chí/Tiêu chí thành phần", "Điểm chuẩn", `Điểm đạt được năm ${year}`, ...targets.map((y) => `Mục tiêu năm ${y}`), "Thực hiện"],
  total: "TỔNG ĐIỂM",
};

/** Leaves of last year's appendix by code and name: its score per leaf (parents are sums, not taken). */
function previousScores(prev: RecognizedSheet): Array<{ code: string; name: string; depth: number; value: number }> {
  const score = defaultScoreColumn(prev.layout.scores);
  if (!score) return [];
  const codes = new Set(prev.body.items.map((i) => i.code));
  const hasChild = new Set([...codes].map((c) => parentCode(c)).filter((c): c is string => c !== undefined));
  return prev.body.items.flatMap((it) => {
    if (hasChild.has(it.code) || it.duplicateOf !== undefined) return [];
    const p = it.points.get(score.col);
    return p?.kind === "number" ? [{ code: it.code, name: it.name, depth: it.depth, value: p.value }] : [];
  });
}

function matchScores(leaves: ReadonlyArray<CriteriaItem>, prev: ReturnType<typeof previousScores>): { values: Map<string, number>; sources: ScoreSource[]; unmatchedPrevious: string[] } {
  const byCode = new Map(prev.map((p) => [p.code, p] as const));
  const used = new Set<string>();
  const values = new Map<string, number>();
  const sources: ScoreSource[] = [];
  const lone: CriteriaItem[] = [];
  for (const leaf of leaves) {
    const p = byCode.get(leaf.code);
    const sim = p ? similarity(p.name, leaf.name) : 0;
    if (p && sim >= SAME_CODE_NAME) {
      values.set(leaf.code, p.value);
      used.add(p.code);
      sources.push({ code: leaf.code, fromCode: p.code, how: "code", similarity: Math.round(sim * 100) / 100 });
    } else lone.push(leaf);
  }
  const candidates = lone
    .flatMap((x) => prev.filter((y) => !used.has(y.code)).map((y) => ({ x, y, sim: similarity(x.name, y.name) })))
    .filter((c) => c.sim >= NAME_PAIRING_THRESHOLD)
    .sort((a, b) => b.sim - a.sim || compareCodes(a.x.code, b.x.code));
  for (const c of candidates) {
    if (values.has(c.x.code) || used.has(c.y.code)) continue;
    values.set(c.x.code, c.y.value);
    used.add(c.y.code);
    sources.push({ code: c.x.code, fromCode: c.y.code, how: "name", similarity: Math.round(c.sim * 100) / 100 });
  }
  sources.sort((a, b) => compareCodes(a.code, b.code));
  return { values, sources, unmatchedPrevious: prev.filter((p) => !used.has(p.code)).map((p) => p.code) };
}

function style(level: CriteriaItem["level"] | "total" | "head", kind: "code" | "name" | "points" | "text", numFmt: string): ModelStyle {
  const bold = level === "field" || level === "total" || level === "head";
  const base: ModelStyle = { font: FONT, size: 12, border: true, valign: "center", bold, italic: level === "sub" };
  if (level === "head") return { ...base, align: "center", wrap: true };
  if (kind === "name" || kind === "text") return { ...base, wrap: true, ...(level === "total" ? { align: "center" } : {}) };
  if (kind === "code") return { ...base, align: "center", numFmt: "@" };
  return { ...base, align: "center", numFmt };
}

/** Build the appendix. Pure: the same options give the same sheet. */
export function newAppendix(options: NewAppendixOptions): NewAppendix {
  const { set, year } = options;
  const targets = Array.from({ length: Math.max(0, Math.min(options.targetYears ?? 2, 5)) }, (_, i) => year + 1 + i);
  const headers = LABELS.columns(year, targets);
  const last = headers.length - 1;
  // A parsed set is in code order, with its children and fields indexed (criteria.ts).
  const { items, childrenOf, fields } = set;
  const leaves = items.filter((i) => !childrenOf.has(i.code));
  const prev = options.previous ? previousScores(options.previous) : [];
  const matched = options.previous ? matchScores(leaves, prev) : { values: new Map<string, number>(), sources: [], unmatchedPrevious: [] };

  // Rows: titles, blank, header, items, total.
  const rowOf = new Map<string, number>();
  items.forEach((it, i) => rowOf.set(it.code, HEADER_ROW + 1 + i));
  const totalRow = HEADER_ROW + 1 + items.length;
  const pointCols = [2, 3, ...targets.map((_, i) => 4 + i)];
  // Values per column: leaves as given, parents as the sum of their children (their formulas' cached results).
  const leafValue = (it: CriteriaItem, col: number): number | null => (col === 3 ? (matched.values.get(it.code) ?? null) : it.maxPoints);
  const cache = new Map<string, number | null>();
  const valueOf = (it: CriteriaItem, col: number): number | null => {
    const key = `${it.code}:${col}`;
    if (cache.has(key)) return cache.get(key)!;
    const kids = childrenOf.get(it.code);
    let v: number | null;
    if (!kids) v = leafValue(it, col);
    else {
      const vs = kids.map((k) => valueOf(k, col)).filter((x): x is number => x !== null);
      // SUM over empty cells is 0: the cached result is what Excel computes.
      v = roundPoints(vs.reduce((s, x) => s + x, 0));
    }
    cache.set(key, v);
    return v;
  };
  const numFmt = pointsFormat(items.map((i) => i.maxPoints), [...items.map((i) => i.maxPoints), ...matched.values.values()]);
  const widths = [8, 58, 10, 11, ...targets.map(() => 11), 36];

  const rows: ModelRow[] = [];
  const merged = (text: string, s: ModelStyle, height?: number): ModelRow => ({ cells: [{ value: text, style: s }], ...(height !== undefined ? { height } : {}) });
  rows.push(merged(LABELS.heading, { font: FONT, size: 13, bold: true, align: "center" }));
  const title = LABELS.title(options.province, year + 1);
  rows.push(merged(title, { font: FONT, size: 13, bold: true, align: "center", wrap: true }, wrappedHeight(title, widths.reduce((a, b) => a + b, 0) * 0.85, 18)));
  rows.push(merged(LABELS.basis(options.province), { font: FONT, size: 12, italic: true, align: "center" }));
  rows.push({ cells: [] });
  rows.push({ cells: headers.map((h) => ({ value: h, style: style("head", "text", numFmt) })), height: 48 });
  const ref = (col: number, row: number): string => `${columnLetter(col)}${row + 1}`;
  for (const it of items) {
    const kids = childrenOf.get(it.code);
    const cells: ModelCell[] = [{ value: it.code, style: style(it.level, "code", numFmt) }, { value: it.name, style: style(it.level, "name", numFmt) }];
    for (const col of pointCols) {
      const v = valueOf(it, col);
      cells.push(
        kids
          ? { value: v, formula: `SUM(${kids.map((k) => ref(col, rowOf.get(k.code)!)).join(",")})`, style: style(it.level, "points", numFmt) }
          : { value: v, style: style(it.level, "points", numFmt) },
      );
    }
    cells.push({ value: "", style: style(it.level, "text", numFmt) });
    rows.push({ cells, ...(it.name.length > widths[1]! ? { height: wrappedHeight(it.name, widths[1]!) } : {}) });
  }
  const totals = pointCols.map((col) => roundPoints(fields.reduce((s, f) => s + (valueOf(f, col) ?? 0), 0)));
  rows.push({
    cells: [
      { value: "", style: style("total", "code", numFmt) },
      { value: LABELS.total, style: style("total", "name", numFmt) },
      ...pointCols.map((col, i) => ({ value: totals[i]!, formula: `SUM(${fields.map((f) => ref(col, rowOf.get(f.code)!)).join(",")})`, style: style("total", "points", numFmt) })),
      { value: "", style: style("total", "text", numFmt) },
    ],
  });
  const sheet: SheetModel = {
    name: options.sheetName ?? "Phụ lục",
    columns: widths,
    rows,
    merges: [0, 1, 2].map((r) => ({ top: r, left: 0, bottom: r, right: last })),
    print: { landscape: true, titleRows: [HEADER_ROW, HEADER_ROW], fitToWidth: true },
    freeze: { rows: HEADER_ROW + 1 },
  };

  // "Thực hiện": the rules' texts, planned by the checker on the sheet itself, so that each item's wording follows
  // its status (below target, on target) exactly as a fill in Excel would.
  let unfilled: string[] = [];
  let final = sheet;
  if (options.rules) {
    const a = analyzeSheet(gridOfModel(sheet), { criteriaSets: [set], forcedSetId: set.id, rules: options.rules });
    if (a.recognized && a.fills) {
      const byRow = new Map(a.fills.edits.filter((e) => e.target === "lead").map((e) => [e.row, e.value] as const));
      unfilled = [...a.fills.unmatched];
      final = {
        ...sheet,
        rows: sheet.rows.map((row, r) => {
          const text = byRow.get(r);
          if (text === undefined) return row;
          const cells = [...row.cells];
          const old = cells[last];
          cells[last] = { value: text, style: old?.style ?? style("sub", "text", numFmt) };
          const height = Math.max(row.height ?? 16, wrappedHeight(text, widths[last]!), wrappedHeight(String(cells[1]?.value ?? ""), widths[1]!));
          return { cells, height };
        }),
      };
    }
  }
  const leafCodes = new Set(leaves.map((l) => l.code));
  return {
    sheet: final,
    scored: matched.sources,
    unmatchedSet: options.previous ? [...leafCodes].filter((c) => !matched.values.has(c)).sort(compareCodes) : [],
    unmatchedPrevious: matched.unmatchedPrevious,
    rows: rowOf,
    totalRow,
    totals,
    unfilled,
  };
}

/** The grid a sheet model will read as (values and formulas), for the checker to run on before anything is written. */
export function gridOfModel(sheet: SheetModel): Grid {
  const rows = sheet.rows.map((row) =>
    row.cells.map((c) => {
      if (!c) return undefined;
      const cell = cellFromValue(c.value);
      const withFormat = c.style?.numFmt !== undefined && typeof c.value === "number" ? { ...cell, numberFormat: c.style.numFmt } : cell;
      return c.formula !== undefined ? { ...withFormat, formula: `=${c.formula}` } : withFormat;
    }),
  );
  return { sheetName: sheet.name, rowCount: rows.length, colCount: Math.max(sheet.columns.length, ...rows.map((r) => r.length)), rows, merges: sheet.merges };
}
