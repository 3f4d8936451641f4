/**
 * Every agency of a folder in one table (issue 8 §2): one row per appendix, ranked by the chosen score, and per
 * criterion how many agencies lost points on it. Pure: analyses in, rows and sheet models out.
 */
import type { RecognizedSheet } from "./analyze";
import { defaultScoreColumn } from "./columns";
import { compareCodes } from "./codes";
import { recomputedValues } from "./recompute";
import { pointsFormat } from "./criteriaSheet";
import { countBySeverity } from "./findings";
import { roundPoints } from "./numbers";
import type { ModelCell, ModelRow, ModelStyle, SheetModel } from "./sheetModel";
import { wrappedHeight } from "./sheetModel";
import { cleanText } from "./text";

export interface AgencyField {
  readonly code: string;
  readonly name: string;
  readonly points: number | null;
  readonly max: number | null;
  /** points / max, 0..1, null when either is missing. */
  readonly share: number | null;
}

export interface AgencyRow {
  readonly file: string;
  readonly agency: string;
  readonly sheet: string;
  readonly set: string | null;
  /** Each score column's total, recomputed from the leaves (a wrong written sum does not change the ranking). */
  readonly scores: ReadonlyArray<{ readonly header: string; readonly total: number | null }>;
  /** The header of the score the ranking uses (the latest year's appraised score, else self-assessed). */
  readonly chosenHeader: string | null;
  readonly chosen: number | null;
  readonly max: number | null;
  readonly fields: ReadonlyArray<AgencyField>;
  readonly errors: number;
  readonly warnings: number;
  readonly below: number;
  /** Per leaf: its max and the chosen score (for the per-criterion sheet). */
  readonly leaves: ReadonlyArray<{ readonly code: string; readonly name: string; readonly max: number | null; readonly score: number | null }>;
  /** The annotated copy's path, relative to the summary workbook, when copies were written. */
  readonly copy?: string;
}

/**
 * Words that start an agency's name in a title row ("SỞ TÀI CHÍNH", "UBND huyện Kim Bảng", "Ban Quản lý …"), matched
 * on the upper-cased line; not inside another word or code ("KH-UBND").
 */
const AGENCY = /(?<![-/\p{L}])(SỞ \p{L}|BAN QUẢN LÝ|(ỦY|UỶ) BAN NHÂN DÂN (HUYỆN|THÀNH PHỐ|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN)|UBND (HUYỆN|THÀNH PHỐ|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN)|VĂN PHÒNG \p{L}|THANH TRA TỈNH|ĐÀI PHÁT THANH|HUYỆN \p{L}|THỊ XÃ \p{L}|THÀNH PHỐ \p{L}|TỈNH \p{L})/u;

/** The agency an appendix belongs to: from its title rows when they name one, else the file name. */
export function agencyName(titleRows: ReadonlyArray<string>, fileName: string): string {
  for (const line of titleRows) {
    const t = cleanText(line);
    // "(Kèm theo Kế hoạch … của Ủy ban nhân dân tỉnh)" names who issued the plan, not whose appendix it is.
    if (t.startsWith("(")) continue;
    const m = AGENCY.exec(t.toLocaleUpperCase("vi"));
    if (!m) continue;
    // From the agency's first word to the end of its phrase (a comma, a parenthesis, "năm 2023", a dash).
    const rest = (t.slice(m.index).split(/\s*[,(;:–—]\s*|\s+-\s+|\s+năm\s+\d{4}/iu)[0] ?? "").trim();
    if (rest.length >= 4) return rest.length > 80 ? `${rest.slice(0, 79)}…` : rest;
  }
  return fileName.replace(/\.[^.]+$/, "");
}

export function agencyRow(file: string, fileName: string, a: RecognizedSheet, titleRows: ReadonlyArray<string>, copy?: string): AgencyRow {
  const items = a.body.items.filter((i) => i.duplicateOf === undefined);
  const top = Math.min(...items.map((i) => i.depth));
  const fields = items.filter((i) => i.depth === top);
  const maxCol = a.layout.max;
  const maxOf = (it: (typeof items)[number]): number | null => {
    const p = maxCol !== null ? it.points.get(maxCol) : undefined;
    return p?.kind === "number" ? p.value : null;
  };
  const scores = a.layout.scores.map((s) => {
    const v = recomputedValues(items, s.col).value;
    const vs = fields.map((f) => v.get(f.code) ?? null);
    return { header: s.header, total: vs.every((x) => x === null) ? null : roundPoints(vs.reduce<number>((t, x) => t + (x ?? 0), 0)) };
  });
  const chosen = defaultScoreColumn(a.layout.scores);
  const values = chosen ? recomputedValues(items, chosen.col) : null;
  const counts = countBySeverity(a.findings);
  const maxTotal = maxCol === null ? null : roundPoints(fields.reduce((t, f) => t + (maxOf(f) ?? 0), 0));
  return {
    file,
    agency: agencyName(titleRows, fileName),
    sheet: a.sheetName,
    set: a.set?.id ?? null,
    scores,
    chosenHeader: chosen?.header ?? null,
    chosen: chosen ? (scores[a.layout.scores.indexOf(chosen)]?.total ?? null) : null,
    max: maxTotal,
    fields: fields.map((f) => {
      const points = values?.value.get(f.code) ?? null;
      const max = maxOf(f);
      return { code: f.code, name: f.name, points, max, share: points !== null && max !== null && max > 0 ? points / max : null };
    }),
    errors: counts.error,
    warnings: counts.warning,
    below: a.belowTarget.length,
    leaves: values ? items.filter((i) => values.leaf.has(i.code)).map((i) => ({ code: i.code, name: i.name, max: maxOf(i), score: values.value.get(i.code) ?? null })) : [],
    ...(copy !== undefined ? { copy } : {}),
  };
}

/** Highest chosen score first; agencies without one last, by name. */
export function rankAgencies(rows: ReadonlyArray<AgencyRow>): AgencyRow[] {
  return [...rows].sort((x, y) => (y.chosen ?? -Infinity) - (x.chosen ?? -Infinity) || x.agency.localeCompare(y.agency, "vi"));
}

export interface CriterionLoss {
  readonly code: string;
  readonly name: string;
  readonly max: number | null;
  /** Agencies that scored it, and those that scored less than its max. */
  readonly scored: number;
  readonly lost: number;
  readonly pointsLost: number;
  readonly mean: number | null;
}

/** Per leaf criterion over every agency: how many lost points on it and how many in all; the weakest first. */
export function criterionLosses(rows: ReadonlyArray<AgencyRow>): CriterionLoss[] {
  const by = new Map<string, { name: string; max: number | null; scores: number[]; lost: number; pointsLost: number }>();
  for (const r of rows) {
    for (const l of r.leaves) {
      const e = by.get(l.code) ?? { name: l.name, max: l.max, scores: [], lost: 0, pointsLost: 0 };
      if (l.score !== null) {
        e.scores.push(l.score);
        if (l.max !== null && l.score < l.max - 1e-9) {
          e.lost++;
          e.pointsLost += l.max - l.score;
        }
      }
      by.set(l.code, e);
    }
  }
  return [...by]
    .map(([code, e]) => ({
      code,
      name: e.name,
      max: e.max,
      scored: e.scores.length,
      lost: e.lost,
      pointsLost: roundPoints(e.pointsLost),
      mean: e.scores.length > 0 ? roundPoints(e.scores.reduce((a, b) => a + b, 0) / e.scores.length) : null,
    }))
    .sort((a, b) => b.pointsLost - a.pointsLost || b.lost - a.lost || compareCodes(a.code, b.code));
}

export interface SummaryLabels {
  readonly title: string;
  readonly subtitle: string;
  readonly sheetRanking: string;
  readonly sheetCriteria: string;
  readonly rank: string;
  readonly agency: string;
  readonly set: string;
  readonly total: (header: string) => string;
  readonly field: (code: string) => string;
  readonly share: string;
  readonly errors: string;
  readonly warnings: string;
  readonly below: string;
  readonly copy: string;
  readonly open: string;
  readonly file: string;
  readonly code: string;
  readonly criterion: string;
  readonly max: string;
  readonly lost: string;
  readonly pointsLost: string;
  readonly mean: string;
  readonly criteriaTitle: string;
}

const FONT = "Times New Roman";
const S = {
  title: { font: FONT, size: 14, bold: true, align: "center" } as ModelStyle,
  sub: { font: FONT, size: 12, italic: true, align: "center" } as ModelStyle,
  head: { font: FONT, size: 11, bold: true, align: "center", valign: "center", wrap: true, border: true, fill: "FFD9E1F2" } as ModelStyle,
  text: { font: FONT, size: 11, border: true, valign: "center", wrap: true } as ModelStyle,
  center: { font: FONT, size: 11, border: true, valign: "center", align: "center" } as ModelStyle,
};

/** The summary workbook: "Tổng hợp" (one row per agency, ranked) and "Theo tiêu chí" (where the province is weak). */
export function summaryModels(rows: ReadonlyArray<AgencyRow>, L: SummaryLabels): SheetModel[] {
  const ranked = rankAgencies(rows);
  // Fields by code over every agency (the columns of the table), in code order.
  const fieldCodes = [...new Set(ranked.flatMap((r) => r.fields.map((f) => f.code)))].sort(compareCodes);
  const fmt = pointsFormat(
    ranked.flatMap((r) => r.fields.map((f) => f.max ?? 0)),
    ranked.flatMap((r) => [...r.fields.map((f) => f.points ?? 0), r.chosen ?? 0]),
  );
  const num = (v: number | null, style: ModelStyle = S.center): ModelCell => ({ value: v, style: { ...style, numFmt: fmt } });
  const pct = (v: number | null): ModelCell => ({ value: v === null ? null : Math.round(v * 1000) / 1000, style: { ...S.center, numFmt: "0.0%" } });
  const t = (v: string, s: ModelStyle = S.text): ModelCell => ({ value: v, style: s });
  const hasCopies = ranked.some((r) => r.copy !== undefined);
  const head: ModelCell[] = [
    t(L.rank, S.head),
    t(L.agency, S.head),
    t(L.set, S.head),
    t(L.total(ranked[0]?.chosenHeader ?? ""), S.head),
    t(L.max, S.head),
    ...fieldCodes.flatMap((c) => [t(L.field(c), S.head), t(L.share, S.head)]),
    t(L.errors, S.head),
    t(L.warnings, S.head),
    t(L.below, S.head),
    t(L.file, S.head),
    ...(hasCopies ? [t(L.copy, S.head)] : []),
  ];
  const lines: ModelRow[] = [
    { cells: [t(L.title, S.title)], height: 22 },
    { cells: [t(L.subtitle, S.sub)] },
    { cells: [] },
    { cells: head, height: 44 },
  ];
  ranked.forEach((r, i) => {
    const fieldCells = fieldCodes.flatMap((c) => {
      const f = r.fields.find((x) => x.code === c);
      return [num(f?.points ?? null), pct(f?.share ?? null)];
    });
    const link: ModelCell[] = hasCopies
      ? [r.copy !== undefined ? { value: L.open, formula: `HYPERLINK("${r.copy.replace(/"/g, '""')}","${L.open.replace(/"/g, '""')}")`, style: { ...S.center } } : t("", S.center)]
      : [];
    lines.push({
      cells: [{ value: i + 1, style: S.center }, t(r.agency), t(r.set ?? "—", S.center), num(r.chosen), num(r.max), ...fieldCells, { value: r.errors, style: S.center }, { value: r.warnings, style: S.center }, { value: r.below, style: S.center }, t(r.file), ...link],
      height: Math.max(16, wrappedHeight(r.agency, 30, 15)),
    });
  });
  const widths = [6, 30, 16, 11, 9, ...fieldCodes.flatMap(() => [8, 8]), 7, 8, 9, 30, ...(hasCopies ? [9] : [])];
  const last = widths.length - 1;
  const ranking: SheetModel = {
    name: L.sheetRanking,
    columns: widths,
    rows: lines,
    merges: [0, 1].map((r) => ({ top: r, left: 0, bottom: r, right: last })),
    print: { landscape: true, titleRows: [3, 3], fitToWidth: true },
    freeze: { rows: 4 },
  };

  const losses = criterionLosses(ranked);
  const cl: ModelRow[] = [
    { cells: [t(L.criteriaTitle, S.title)], height: 22 },
    { cells: [t(L.subtitle, S.sub)] },
    { cells: [] },
    { cells: [t(L.code, S.head), t(L.criterion, S.head), t(L.max, S.head), t(L.lost, S.head), t(L.pointsLost, S.head), t(L.mean, S.head)], height: 44 },
    ...losses.map((c) => ({
      cells: [t(c.code, { ...S.center, numFmt: "@" }), t(c.name), num(c.max), { value: c.lost, style: S.center }, num(c.pointsLost), num(c.mean)],
      height: Math.max(16, wrappedHeight(c.name, 60, 15)),
    })),
  ];
  const criteria: SheetModel = {
    name: L.sheetCriteria,
    columns: [9, 60, 10, 12, 12, 11],
    rows: cl,
    merges: [0, 1].map((r) => ({ top: r, left: 0, bottom: r, right: 5 })),
    print: { landscape: true, titleRows: [3, 3], fitToWidth: true },
    freeze: { rows: 4 },
  };
  return [ranking, criteria];
}
