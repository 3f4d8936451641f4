import { closeSync, constants as FS, fstatSync, openSync, readSync, statSync } from "node:fs";
import { copyFile, link, lstat, readdir, readFile, rename, stat, unlink, mkdir } from "node:fs/promises";
import { basename, extname, join, resolve } from "node:path";
import type { SheetAnalysis } from "../core/analyze";
import { analyzeWorkbook } from "../core/workbook";
import type { CriteriaSet } from "../core/criteria";
import { cellAt, type Grid } from "../core/grid";
import { conversionPlan, type EditPlan, editPlansOf } from "../core/editPlan";
import { decodeGrid } from "../core/legacy";
import type { ResponsibilityCatalogue } from "../core/responsibility";
import type { Translator } from "../i18n";
import { buildFeedbackSheet, buildReportSheet } from "../i18n/report";
import { readWorkbook } from "../host/xlsx/grids";
import { isOurCopy, patchWorkbook, RowOrderError, type SkipReason } from "../host/xlsx/patch";
import { FileReadError } from "../host/xlsx/sniff";
import type { CheckOptions } from "./args";
import { realPathOf, writeTemp } from "./files";
import { nodeDeflate } from "./nativeZip";

export { realPathOf };

export interface CheckContext {
  readonly sets: ReadonlyArray<CriteriaSet>;
  readonly forcedSetId?: string;
  readonly rules: ResponsibilityCatalogue;
  readonly options: CheckOptions;
  readonly tr: Translator;
  readonly version: string;
  readonly date: string;
  /** Real paths (links resolved) of every input of the run: a copy is never written onto one of them. */
  readonly inputs: ReadonlySet<string>;
  /** When the run started: a copy this tool made after it belongs to another run and is not replaced. */
  readonly startedAt: number;
}

export type FileErrorCode =
  | "not-found"
  | "not-xlsx"
  | "legacy-or-encrypted"
  | "encrypted"
  | "broken"
  | "empty-file"
  | "unreadable"
  | "unreadable-folder"
  | "not-a-file"
  | "too-large"
  | "internal";

export interface FileError {
  readonly code: FileErrorCode;
  readonly detail?: string;
}

export interface CopyResult {
  readonly written: boolean;
  readonly path?: string;
  readonly reason?: "failed" | "rows-out-of-order";
  readonly detail?: string;
  /** With "rows-out-of-order": the first row stored after a row of a higher number (1-based). */
  readonly rowOrder?: { readonly sheet: string; readonly row: number; readonly after: number };
  readonly filled?: number;
  /** With --unicode: legacy-encoded cells written as Unicode. */
  readonly converted?: number;
  readonly highlighted?: number;
  readonly reportSheet?: string;
  /** The "Góp ý" sheet added for the reply letter, when the agency has something to correct. */
  readonly feedbackSheet?: string;
  readonly protectedSheets?: ReadonlyArray<string>;
  readonly skipped?: ReadonlyArray<{ readonly sheet: string; readonly cell: string; readonly reason: SkipReason }>;
}

export interface FileResult {
  readonly file: string;
  readonly error?: FileError;
  readonly analyses: ReadonlyArray<SheetAnalysis>;
  readonly copy?: CopyResult;
  /** The text of each appendix's rows above its header, by sheet (only when a summary is asked for: agency names). */
  readonly titles?: Readonly<Record<string, ReadonlyArray<string>>>;
}

/** Workbooks a folder scan picks up; an .xls is listed so that its message ("save it as .xlsx") is seen. */
const WORKBOOK = /\.(xlsx|xlsm|xls)$/i;
/** The infix of copies this tool writes: X.xlsx → X.kiem-tra.xlsx, X.xlsm → X.kiem-tra.xlsm. */
export const COPY_INFIX = ".kiem-tra";
/** Largest input read (bytes). A real appendix is well under 5 MB; a 60,000-row sheet about 3 MB. */
export const INPUT_LIMIT = 200 * 1024 * 1024;

export type Entry =
  | { readonly path: string; readonly kind: "file" }
  | { readonly path: string; readonly kind: "unreadable-folder"; readonly detail: string }
  | { readonly path: string; readonly kind: "empty-folder" };

/** Paths given that do not exist: a usage error, as other linters treat them. */
export async function missingPaths(paths: ReadonlyArray<string>): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    try {
      await stat(p);
    } catch {
      out.push(p);
    }
  }
  return out;
}

/** Expand folders (recursively, without following links to folders) into workbooks; keep files as given. */
export async function* collectFiles(paths: ReadonlyArray<string>): AsyncGenerator<Entry> {
  for (const p of paths) {
    let s;
    try {
      s = await stat(p);
    } catch {
      continue;
    }
    if (!s.isDirectory()) {
      yield { path: p, kind: "file" };
      continue;
    }
    let any = false;
    for await (const e of walk(p)) {
      if (e.kind === "file") any = true;
      yield e;
    }
    if (!any) yield { path: p, kind: "empty-folder" };
  }
}

async function* walk(dir: string): AsyncGenerator<Entry> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    yield { path: dir, kind: "unreadable-folder", detail: errorText(e) };
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(p);
    // "~$name.xlsx" is Excel's lock file for an open workbook, not a workbook.
    else if (WORKBOOK.test(entry.name) && !entry.name.startsWith("~$")) yield { path: p, kind: "file" };
  }
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Read an input: only a regular file (a FIFO or a device named .xlsx is refused, never read), at most INPUT_LIMIT.
 * Synchronous on purpose: files are checked one after another, and five thread-pool round trips per file (stat, open,
 * fstat, read, close) cost a batch of small files more idle time than reading them.
 */
async function readInput(path: string): Promise<Uint8Array | FileError> {
  let s;
  try {
    s = statSync(path);
  } catch (e) {
    return { code: "unreadable", detail: errorText(e) };
  }
  if (!s.isFile()) return { code: "not-a-file" };
  if (s.size > INPUT_LIMIT) return { code: "too-large", detail: `${s.size} bytes` };
  let fd: number | undefined;
  try {
    // O_NONBLOCK: a file that turned into a FIFO between stat and open does not hang the run.
    fd = openSync(path, FS.O_RDONLY | FS.O_NONBLOCK);
    const again = fstatSync(fd);
    if (!again.isFile()) return { code: "not-a-file" };
    if (again.size > INPUT_LIMIT) return { code: "too-large", detail: `${again.size} bytes` };
    const bytes = new Uint8Array(again.size);
    let at = 0;
    while (at < bytes.length) {
      const n = readSync(fd, bytes, at, bytes.length - at, at);
      if (n === 0) break;
      at += n;
    }
    // A file that shrank while it was read is read as it now is; one that grew is read up to its size at open.
    return at === bytes.length ? bytes : bytes.subarray(0, at);
  } catch (e) {
    return { code: "unreadable", detail: errorText(e) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Check one file; any failure becomes the file's error and the run goes on. */
export async function checkFile(path: string, ctx: CheckContext, usedOutputs: Set<string>): Promise<FileResult> {
  try {
    return await checkFileUnsafe(path, ctx, usedOutputs);
  } catch (e) {
    return { file: path, error: { code: "internal", detail: e instanceof Error ? (e.stack ?? e.message).split("\n").slice(0, 3).join(" | ") : String(e) }, analyses: [] };
  }
}

async function checkFileUnsafe(path: string, ctx: CheckContext, usedOutputs: Set<string>): Promise<FileResult> {
  const input = await readInput(path);
  if (!(input instanceof Uint8Array)) return { file: path, error: input, analyses: [] };
  const bytes = input;
  const { options } = ctx;
  let read;
  try {
    read = readWorkbook(bytes, { forCopy: options.out !== undefined });
  } catch (e) {
    if (e instanceof FileReadError) {
      const p = e.problem;
      return { file: path, error: { code: p.code, ...("detail" in p ? { detail: p.detail } : {}) }, analyses: [] };
    }
    throw e;
  }
  const selected = options.sheet !== undefined ? read.grids.filter((g) => g.sheetName === options.sheet) : read.grids;
  const analyses = analyzeWorkbook(selected, {
      criteriaSets: ctx.sets,
      rules: ctx.rules,
      fill: { scope: options.fillScope, overwrite: options.overwrite },
      ...(ctx.forcedSetId !== undefined ? { forcedSetId: ctx.forcedSetId } : {}),
      ...(options.scoreColumn !== undefined ? { scoreColumn: options.scoreColumn } : {}),
      ...(options.targetColumn !== undefined ? { targetColumn: options.targetColumn } : {}),
  });
  const titles = options.summary !== undefined ? titleRows(read.grids, analyses) : undefined;
  if (options.out === undefined) return { file: path, analyses, ...(titles ? { titles } : {}) };
  const edits: EditPlan[] = [];
  const protectedSheets: string[] = [];
  for (const a of analyses) {
    if (!a.recognized) continue;
    for (const plan of editPlansOf(a, undefined, undefined, options.unicode ? conversionPlan(a) : [])) {
      // A protected sheet gets no highlight and no fill, also when it is one sheet of an appendix over several.
      if (read.grids.find((g) => g.sheetName === plan.sheetName)?.protected === true) {
        protectedSheets.push(plan.sheetName);
        continue;
      }
      edits.push(plan);
    }
  }
  try {
    const report = buildReportSheet(ctx.tr, analyses, { version: ctx.version, date: ctx.date });
    // The letter back: what the agency must correct, when there is anything (errors and warnings).
    const actionable = analyses.some((a) => a.recognized && a.findings.some((f) => f.severity !== "info"));
    const sheets = actionable ? [report, buildFeedbackSheet(ctx.tr, analyses, { version: ctx.version, date: ctx.date })] : [report];
    // What each planned cell stands for, decoded as the analysis read it (legacy text compares as Unicode); decoded
    // when first asked (only a fill or a conversion asks: a sheet that only gets highlights never is).
    const texts = new Map(
      read.grids
        .filter((g) => edits.some((e) => e.sheetName === g.sheetName))
        .map((g) => {
          let decoded: Grid | undefined;
          return [g.sheetName, (r: number, c: number) => cellAt((decoded ??= decodeGrid(g).grid), r, c).text] as const;
        }),
    );
    const patched = patchWorkbook(read.workbook, edits, sheets, texts, { overwrite: options.overwrite, marker: `phuluc ${ctx.version}: ${basename(path)}`, deflate: nodeDeflate });
    const target = await writeCopy(path, options.out, patched.bytes, ctx, usedOutputs);
    return {
      file: path,
      analyses,
      ...(titles ? { titles } : {}),
      copy: { written: true, path: target, filled: patched.filled, ...(options.unicode ? { converted: patched.converted } : {}), highlighted: patched.highlighted, protectedSheets, skipped: patched.skipped, ...(patched.reportSheet !== undefined ? { reportSheet: patched.reportSheet } : {}), ...(patched.addedSheets[1] !== undefined ? { feedbackSheet: patched.addedSheets[1] } : {}) },
    };
  } catch (e) {
    const copy: CopyResult =
      e instanceof RowOrderError
        ? { written: false, reason: "rows-out-of-order", detail: errorText(e), rowOrder: { sheet: e.sheet, row: e.row, after: e.after } }
        : { written: false, reason: "failed", detail: errorText(e) };
    return { file: path, analyses, ...(titles ? { titles } : {}), copy };
  }
}

/** Each recognised appendix's rows above its header, as text (decoded when legacy-encoded). */
function titleRows(grids: ReadonlyArray<Grid>, analyses: ReadonlyArray<SheetAnalysis>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const a of analyses) {
    if (!a.recognized) continue;
    const g = grids.find((x) => x.sheetName === a.sheetName);
    if (!g) continue;
    const decoded = decodeGrid(g).grid;
    out[a.sheetName] = decoded.rows.slice(0, a.layout.headerRow).map((row) => row.map((c) => c?.text ?? "").filter((t) => t.trim() !== "").join(" "));
  }
  return out;
}

/** The name of a copy: "X.xlsx" → "X.kiem-tra.xlsx", "X.xlsm" → "X.kiem-tra.xlsm", then "X (2).kiem-tra.xlsx"... */
export function copyName(input: string, n: number): string {
  const ext = extname(input).toLowerCase() === ".xlsm" ? ".xlsm" : ".xlsx";
  const base = basename(input, extname(input));
  return `${base}${n > 1 ? ` (${n})` : ""}${COPY_INFIX}${ext}`;
}


/**
 * May `candidate` receive a copy? Free when nothing is there. Something there is replaced only when it is a regular
 * file (not a link), not an input of this run, and a copy this tool made before this run started; anything else
 * keeps its name and the copy takes the next free one.
 */
async function mayWrite(candidate: string, ctx: CheckContext, used: ReadonlySet<string>): Promise<"free" | "replace" | "taken"> {
  if (used.has(candidate)) return "taken";
  let s;
  try {
    s = await lstat(candidate);
  } catch {
    return "free";
  }
  if (!s.isFile()) return "taken";
  if (ctx.inputs.has(await realPathOf(candidate))) return "taken";
  if (s.mtimeMs >= ctx.startedAt) return "taken";
  return (await readsAsOurCopy(candidate, s.size)) ? "replace" : "taken";
}

/** True when a regular file of `size` bytes carries the marker of a copy this tool made. */
export async function readsAsOurCopy(path: string, size: number): Promise<boolean> {
  if (size > INPUT_LIMIT) return false;
  try {
    return isOurCopy(new Uint8Array(await readFile(path)));
  } catch {
    return false;
  }
}

/**
 * Names are chosen one copy at a time, in the order of the inputs (a run's `used` set stands for the run): the batch
 * overlaps one file's write with the next file's check, and the first input must still get the first free name.
 */
const namingTurns = new WeakMap<Set<string>, Promise<void>>();
/** The real path of each --out folder, made once per run (a run's `used` set stands for the run). */
const outFolders = new WeakMap<Set<string>, Map<string, Promise<string>>>();

/** Write a copy: to a temporary file in the target folder, flushed, then moved into place in one step. */
async function writeCopy(input: string, outDir: string, bytes: Uint8Array, ctx: CheckContext, used: Set<string>): Promise<string> {
  // Take a turn now, before any await: the turn order is the order in which the files were checked.
  const before = namingTurns.get(used) ?? Promise.resolve();
  let done!: () => void;
  namingTurns.set(used, new Promise<void>((r) => (done = r)));
  try {
    const folder = resolve(outDir);
    let folders = outFolders.get(used);
    if (!folders) outFolders.set(used, (folders = new Map()));
    let made = folders.get(folder);
    if (!made) {
      made = mkdir(folder, { recursive: true }).then(() => realPathOf(folder));
      folders.set(folder, made);
      // A folder that could not be made is tried again for the next copy (and its error reported for this one).
      made.catch(() => folders.delete(folder));
    }
    const realFolder = await made;
    // The slow part (writing and flushing) needs no turn.
    const tmp = await writeTemp(realFolder, basename(input), bytes);
    await before;
    return await placeCopy(input, realFolder, tmp, ctx, used);
  } finally {
    done();
  }
}

async function placeCopy(input: string, realFolder: string, tmp: string, ctx: CheckContext, used: Set<string>): Promise<string> {
  try {
    for (let n = 1; n < 10_000; n++) {
      const candidate = join(realFolder, copyName(input, n));
      const verdict = await mayWrite(candidate, ctx, used);
      if (verdict === "taken") continue;
      used.add(candidate);
      if (verdict === "free") {
        // link() fails if another run created the name meanwhile: then the next name.
        try {
          await link(tmp, candidate);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          if (code === "EEXIST") continue;
          // A file system without hard links: an exclusive copy is just as safe, if not atomic.
          if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EXDEV") throw e;
          try {
            await copyFile(tmp, candidate, FS.COPYFILE_EXCL);
          } catch (e2) {
            if ((e2 as NodeJS.ErrnoException).code === "EEXIST") continue;
            throw e2;
          }
        }
      } else await rename(tmp, candidate);
      return candidate;
    }
    throw new Error("no free name for the copy");
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}
