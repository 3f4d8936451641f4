import { existsSync, realpathSync } from "node:fs";
import { readdir, readFile, stat, writeFile, mkdir } from "node:fs/promises";
import { basename, dirname, extname, join, resolve } from "node:path";
import type ExcelJS from "exceljs";
import { analyzeSheet, type SheetAnalysis } from "../core/analyze";
import type { CriteriaSet } from "../core/criteria";
import type { Grid } from "../core/grid";
import { type EditPlan, highlightPlan } from "../core/editPlan";
import type { ResponsibilityCatalogue } from "../core/responsibility";
import type { Translator } from "../i18n";
import { buildReportSheet } from "../i18n/report";
import { readGrids } from "../host/xlsx/grids";
import { FileReadError, loadWorkbook, unsupportedContent } from "../host/xlsx/read";
import { applyEdits, serialize, writeReportSheet } from "../host/xlsx/write";
import type { CheckOptions } from "./args";

export interface CheckContext {
  readonly sets: ReadonlyArray<CriteriaSet>;
  readonly forcedSetId?: string;
  readonly rules: ResponsibilityCatalogue;
  readonly options: CheckOptions;
  readonly tr: Translator;
  readonly version: string;
  readonly date: string;
}

export interface FileError {
  readonly code: "not-found" | "not-xlsx" | "legacy-or-encrypted" | "broken" | "empty-file" | "unreadable";
  readonly detail?: string;
}

export interface CopyResult {
  readonly written: boolean;
  readonly path?: string;
  readonly reason?: "unsupported-content" | "failed";
  readonly unsupported?: ReadonlyArray<string>;
  readonly detail?: string;
  readonly filled?: number;
  readonly highlighted?: number;
  readonly reportSheet?: string;
  readonly protectedSheets?: ReadonlyArray<string>;
}

export interface FileResult {
  readonly file: string;
  readonly error?: FileError;
  readonly analyses: ReadonlyArray<SheetAnalysis>;
  readonly copy?: CopyResult;
}

/** Workbooks a folder scan picks up; an .xls is listed so that its message ("save it as .xlsx") is seen. */
const XLSX = /\.(xlsx|xlsm|xls)$/i;
/** Copies this tool writes; a folder scan skips them so a second run does not check its own output. */
export const COPY_SUFFIX = ".kiem-tra.xlsx";

/** Expand folders (recursively) into .xlsx/.xlsm files; keep files as given; report paths that do not exist. */
export async function collectFiles(paths: ReadonlyArray<string>): Promise<Array<{ path: string; missing?: boolean; emptyFolder?: boolean }>> {
  const out: Array<{ path: string; missing?: boolean; emptyFolder?: boolean }> = [];
  for (const p of paths) {
    let s;
    try {
      s = await stat(p);
    } catch {
      out.push({ path: p, missing: true });
      continue;
    }
    if (s.isDirectory()) {
      const found = await walk(p);
      if (found.length === 0) out.push({ path: p, emptyFolder: true });
      out.push(...found.sort().map((f) => ({ path: f })));
    } else out.push({ path: p });
  }
  return out;
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(p)));
    // "~$name.xlsx" is Excel's lock file for an open workbook, not a workbook.
    else if (XLSX.test(entry.name) && !entry.name.startsWith("~$") && !entry.name.endsWith(COPY_SUFFIX)) out.push(p);
  }
  return out;
}

export async function checkFile(path: string, ctx: CheckContext, usedOutputs: Set<string>): Promise<FileResult> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (e) {
    return { file: path, error: { code: "unreadable", detail: e instanceof Error ? e.message : String(e) }, analyses: [] };
  }
  const { options } = ctx;
  // A copy needs exceljs's whole model; a check needs only the grids, which the lean reader gives faster.
  let workbook: ExcelJS.Workbook | undefined;
  let grids: ReadonlyArray<Grid>;
  try {
    if (options.out !== undefined) ({ workbook, grids } = await loadWorkbook(bytes));
    else ({ grids } = await readGrids(bytes));
  } catch (e) {
    if (e instanceof FileReadError) {
      const p = e.problem;
      return { file: path, error: { code: p.code, ...("detail" in p ? { detail: p.detail } : {}) }, analyses: [] };
    }
    throw e;
  }
  const selected = options.sheet !== undefined ? grids.filter((g) => g.sheetName === options.sheet) : grids;
  const analyses = selected.map((grid) =>
    analyzeSheet(grid, {
      criteriaSets: ctx.sets,
      rules: ctx.rules,
      fill: { scope: options.fillScope, overwrite: options.overwrite },
      ...(ctx.forcedSetId !== undefined ? { forcedSetId: ctx.forcedSetId } : {}),
      ...(options.scoreColumn !== undefined ? { scoreColumn: options.scoreColumn } : {}),
      ...(options.targetColumn !== undefined ? { targetColumn: options.targetColumn } : {}),
    }),
  );
  if (options.out === undefined || workbook === undefined) return { file: path, analyses };
  const copy = await writeCopy(path, bytes, workbook, analyses, ctx, usedOutputs);
  return { file: path, analyses, copy };
}

/** The copy's path: <out>/<name>.kiem-tra.xlsx, never an input's path, never one already written in this run. */
export function copyPath(input: string, outDir: string, used: Set<string>): string {
  const base = basename(input, extname(input));
  let candidate = resolve(outDir, `${base}${COPY_SUFFIX}`);
  let n = 2;
  const inputReal = existsSync(input) ? realpathSync(input) : resolve(input);
  while (used.has(candidate) || candidate === inputReal) candidate = resolve(outDir, `${base} (${n++})${COPY_SUFFIX}`);
  used.add(candidate);
  return candidate;
}

async function writeCopy(
  path: string,
  bytes: Uint8Array,
  workbook: ExcelJS.Workbook,
  analyses: ReadonlyArray<SheetAnalysis>,
  ctx: CheckContext,
  used: Set<string>,
): Promise<CopyResult> {
  const unsupported = await unsupportedContent(bytes);
  if (unsupported.length > 0) return { written: false, reason: "unsupported-content", unsupported };
  const edits: EditPlan[] = [];
  const protectedSheets: string[] = [];
  for (const a of analyses) {
    if (!a.recognized) continue;
    if (a.protected) {
      protectedSheets.push(a.sheetName);
      continue;
    }
    edits.push({ sheetName: a.sheetName, fills: a.fills?.edits ?? [], highlights: highlightPlan(a) });
  }
  try {
    const applied = applyEdits(workbook, edits);
    const report = buildReportSheet(ctx.tr, analyses, { version: ctx.version, date: ctx.date });
    const reportSheet = writeReportSheet(workbook, report, (ws) => String(ws.getCell(1, 1).value ?? "") === report.rows[0]?.cells[0]);
    const out = await serialize(workbook);
    const target = copyPath(path, ctx.options.out ?? dirname(path), used);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, out, { flag: "wx" }).catch(async (e: NodeJS.ErrnoException) => {
      // An old copy from an earlier run may be replaced; an input file never (copyPath excludes inputs).
      if (e.code === "EEXIST") await writeFile(target, out);
      else throw e;
    });
    return { written: true, path: target, filled: applied.filled, highlighted: applied.highlighted, reportSheet, protectedSheets };
  } catch (e) {
    return { written: false, reason: "failed", detail: e instanceof Error ? e.message : String(e) };
  }
}
