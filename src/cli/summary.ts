/**
 * `phuluc check <folder> --summary tong-hop.xlsx`: every appendix of the run in one workbook, ranked, and where the
 * province is weak (core/summary.ts builds it; this writes it, never onto an input).
 */
import { basename, dirname, relative, resolve } from "node:path";
import { type AgencyRow, agencyRow, rankAgencies, type SummaryLabels, summaryModels } from "../core/summary";
import type { Translator } from "../i18n";
import { newWorkbook } from "../host/xlsx/create";
import type { FileResult } from "./check";
import { refusalMessage } from "./criteria";
import { writeNewFile } from "./files";

export function summaryLabels(tr: Translator, date: string, count: number): SummaryLabels {
  return {
    title: tr.t("summary.title"),
    subtitle: tr.t("summary.subtitle", { count, date }),
    sheetRanking: tr.t("summary.sheet.ranking"),
    sheetCriteria: tr.t("summary.sheet.criteria"),
    rank: tr.t("summary.rank"),
    agency: tr.t("summary.agency"),
    set: tr.t("summary.set"),
    total: (header) => tr.t("summary.total", { header }),
    field: (code) => tr.t("summary.field", { code }),
    share: tr.t("summary.share"),
    errors: tr.t("summary.errors"),
    warnings: tr.t("summary.warnings"),
    below: tr.t("summary.below"),
    copy: tr.t("summary.copy"),
    open: tr.t("summary.open"),
    file: tr.t("summary.file"),
    code: tr.t("summary.code"),
    criterion: tr.t("summary.criterion"),
    max: tr.t("summary.max"),
    lost: tr.t("summary.lost"),
    pointsLost: tr.t("summary.points-lost"),
    mean: tr.t("summary.mean"),
    criteriaTitle: tr.t("summary.criteria-title"),
  };
}

/** The summary's rows for one checked file (every recognised appendix in it). */
export function agencyRowsOf(r: FileResult, summaryPath: string): AgencyRow[] {
  const out: AgencyRow[] = [];
  // A hidden appendix beside a visible one is most often last year's, kept out of sight: the visible ones count.
  const left = new Set(hiddenLeftOut(r));
  for (const a of r.analyses) {
    if (!a.recognized || left.has(a.sheetName)) continue;
    const copy = r.copy?.written === true && r.copy.path !== undefined ? relative(dirname(resolve(summaryPath)), r.copy.path) : undefined;
    out.push(agencyRow(r.file, basename(r.file), a, r.titles?.[a.sheetName] ?? [], copy));
  }
  return out;
}

/** The hidden appendices of a file that the summary leaves out (the file has a visible one). */
export function hiddenLeftOut(r: FileResult): string[] {
  const anyVisible = r.analyses.some((a) => a.recognized && a.hidden !== true);
  return anyVisible ? r.analyses.filter((a) => a.recognized && a.hidden === true).map((a) => a.sheetName) : [];
}

export function rankingJson(rows: ReadonlyArray<AgencyRow>): unknown {
  return rankAgencies(rows).map((r, i) => ({
    rank: i + 1,
    agency: r.agency,
    file: r.file,
    sheet: r.sheet,
    criteriaSet: r.set,
    score: r.chosenHeader,
    total: r.chosen,
    max: r.max,
    fields: Object.fromEntries(r.fields.map((f) => [f.code, { points: f.points, max: f.max, share: f.share === null ? null : Math.round(f.share * 10000) / 10000 }])),
    errors: r.errors,
    warnings: r.warnings,
    belowTarget: r.below,
    ...(r.copy !== undefined ? { copy: r.copy } : {}),
  }));
}

/** Write the summary workbook; the line to print (done, or why not). */
export async function writeSummary(path: string, rows: ReadonlyArray<AgencyRow>, tr: Translator, date: string, inputs: ReadonlyArray<string>, overwrite: boolean): Promise<{ ok: boolean; line: string }> {
  const bytes = newWorkbook(summaryModels(rows, summaryLabels(tr, date, rows.length)), { title: tr.t("summary.title") });
  const w = await writeNewFile(path, bytes, { overwrite, inputs });
  if ("reason" in w) return { ok: false, line: refusalMessage(tr, w) };
  const top = rankAgencies(rows)[0];
  return { ok: true, line: tr.t("summary.done", { file: path, count: rows.length, header: top?.chosenHeader ?? "—" }) };
}
