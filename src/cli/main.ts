import { existsSync, readFileSync } from "node:fs";
import { stat } from "node:fs/promises";
import { basename, join, relative } from "node:path";
import { type CriteriaSet, parseCriteriaSet } from "../core/criteria";
import type { ResponsibilityCatalogue } from "../core/responsibility";
import { fileErrorMessage, type Lang, setProblemMessage, translator, type Translator } from "../i18n";
import "../i18n/languages";
import { zodErrorMap } from "../i18n/zod";
import { type CheckOptions, parseArgs } from "./args";
import { type CheckContext, checkFile, collectFiles, COPY_INFIX, type Entry, type FileResult, missingPaths, readsAsOurCopy, realPathOf } from "./check";
import { runCompare } from "./compare";
import { allSets, criteriaDir, loadUserSets, problemLine, runCriteria } from "./criteria";
import { criteriaFromSheet } from "../core/criteriaSheet";
import { readWorkbook } from "../host/xlsx/grids";
import { FileReadError } from "../host/xlsx/sniff";
import { useZipCodec } from "../host/xlsx/zip";
import { nativeZipCodec } from "./nativeZip";
import { runNew } from "./new";
import { agencyRowsOf, hiddenLeftOut, rankingJson, writeSummary } from "./summary";
import type { AgencyRow } from "../core/summary";
import { loadRules, RulesFileError, runRules } from "./rules";
import { fileJson, fileText, jsonHead, newTotals, safeJson, summaryText, terminalSafe, TEXT_LIMIT } from "./output";
import { packageRoot } from "./root";


export const SAMPLE = join("samples", "ha-nam-1800-2019.xlsx");

function version(): string {
  try {
    return (JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "0.0.0";
  }
}

export interface Io {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly now?: () => Date;
  /** Pretty-print JSON for a person at a terminal; compact for programs (and faster). */
  readonly tty?: boolean;
  /** Progress of a long run ("3/40 tệp: …"), shown in place on a terminal's stderr; "" clears it. */
  readonly progress?: (line: string) => void;
}

class ConfigError extends Error {}

/** Load configuration files; a ConfigError is printed and becomes `undefined` (the caller exits with 2). */
function configured<T>(io: Io, load: () => T): T | undefined {
  try {
    return load();
  } catch (e) {
    if (e instanceof ConfigError) {
      io.stderr(`${e.message}\n`);
      return undefined;
    }
    throw e;
  }
}

function readJson(file: string, tr: Translator): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new ConfigError(tr.t("cli.file-error.unreadable", { detail: e instanceof Error ? e.message : String(e) }));
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new ConfigError(tr.t("set.not-json", { file, detail: e instanceof Error ? e.message : String(e) }));
  }
}

/**
 * The sets a command may use: the built-in ones and the user's folder (--criteria-dir); --criteria is a JSON file
 * (loaded and forced) or the id of one of those sets (forced).
 */
function criteriaFrom(arg: string | undefined, tr: Translator, dirOption: string | undefined, warn: (line: string) => void): { sets: CriteriaSet[]; forced?: string; loaded?: CriteriaSet } {
  const sets = allSets(loadUserSets(criteriaDir(dirOption), tr, warn));
  if (arg === undefined) return { sets };
  if (existsSync(arg)) {
    // A workbook: the set read from its first sheet that holds one ("Bộ tiêu chí", a list, an appendix).
    const data = /\.xls[xm]$/i.test(arg) ? setFromWorkbook(arg, tr) : readJson(arg, tr);
    const r = parseCriteriaSet(data, zodErrorMap(tr.lang));
    if (!r.ok) {
      throw new ConfigError([tr.t("set.file-error", { file: arg }), ...r.problems.map((p) => `  ${setProblemMessage(tr, p)}`)].join("\n"));
    }
    for (const w of r.warnings) warn(`${tr.t("severity.warning")} ${setProblemMessage(tr, w)}`);
    return { sets: [...sets.filter((s) => s.id !== r.set.id), r.set], forced: r.set.id, loaded: r.set };
  }
  if (!sets.some((s) => s.id === arg)) {
    throw new ConfigError(tr.t("set.forced-unknown", { id: arg }) + ` (${sets.map((s) => s.id).join(", ")})`);
  }
  return { sets, forced: arg };
}

function setFromWorkbook(file: string, tr: Translator): unknown {
  let grids;
  try {
    grids = readWorkbook(new Uint8Array(readFileSync(file))).grids;
  } catch (e) {
    throw new ConfigError(`${tr.t("set.file-error", { file })}\n  ${e instanceof FileReadError ? fileErrorMessage(tr, e.problem) : e instanceof Error ? e.message : String(e)}`);
  }
  const name = basename(file).replace(/\.[^.]+$/, "");
  const results = grids.map((g) => criteriaFromSheet(g, { fallbackId: name, fallbackTitle: name }));
  const found = results.find((r) => !r.problems.some((p) => p.key === "import.no-list")) ?? results[0];
  if (!found?.set) throw new ConfigError([tr.t("set.file-error", { file }), ...(found?.problems ?? []).filter((p) => p.severity === "error").map((p) => `  ${problemLine(tr, p)}`)].join("\n"));
  return found.set;
}

function rulesFrom(file: string | undefined, tr: Translator): ResponsibilityCatalogue {
  try {
    return loadRules(file, tr);
  } catch (e) {
    if (e instanceof RulesFileError) throw new ConfigError(e.message);
    throw e;
  }
}

/** Run the command line; returns the exit code (0 ran, 2 usage or configuration error). */
export async function main(argv: ReadonlyArray<string>, io: Io, defaultLang: Lang = "vi"): Promise<number> {
  useZipCodec(nativeZipCodec);
  const parsed = parseArgs(argv, defaultLang);
  if (parsed.command === "version") {
    io.stdout(`${version()}\n`);
    return 0;
  }
  const tr = translator(parsed.lang);
  if (parsed.command === "usage-error") {
    io.stderr(`${tr.t("cli.usage-error", { message: parsed.message })}\n\n${tr.t("cli.usage", { limit: TEXT_LIMIT })}\n`);
    return 2;
  }
  if (parsed.command === "help") {
    io.stdout(`${tr.t("cli.usage", { limit: TEXT_LIMIT })}\n`);
    return 0;
  }
  const warn = (line: string) => io.stderr(`${terminalSafe(line)}\n`);
  if (parsed.command === "criteria") return runCriteria(parsed, io, tr);
  if (parsed.command === "compare") {
    const sets = configured(io, () => criteriaFrom(parsed.criteria, tr, parsed.criteriaDir, warn));
    return sets ? runCompare(parsed, io, tr, sets.sets) : 2;
  }
  if (parsed.command === "rules") {
    const sets = configured(io, () => criteriaFrom(parsed.criteria, tr, parsed.criteriaDir, warn));
    return sets ? runRules(parsed, io, tr, sets.sets, sets.forced) : 2;
  }
  if (parsed.command === "new") {
    if (parsed.criteria === undefined || parsed.year === undefined || parsed.output === undefined) {
      io.stderr(`${tr.t("cli.new.needs")}\n`);
      return 2;
    }
    const config = configured(io, () => ({ criteria: criteriaFrom(parsed.criteria, tr, parsed.criteriaDir, warn), rules: rulesFrom(parsed.rules, tr) }));
    if (!config) return 2;
    const set = config.criteria.sets.find((s) => s.id === config.criteria.forced)!;
    return runNew(parsed, io, tr, set, config.criteria.sets, config.rules);
  }
  return runCheck(parsed, io, tr);
}

async function runCheck(options: CheckOptions, io: Io, tr: Translator): Promise<number> {
  const warn = (line: string) => io.stderr(`${terminalSafe(line)}\n`);
  const config = configured(io, () => ({ criteria: criteriaFrom(options.criteria, tr, options.criteriaDir, warn), rules: rulesFrom(options.rules, tr) }));
  if (!config) return 2;
  const { criteria, rules } = config;
  let paths = options.paths;
  if (paths.length === 0) {
    const sample = join(packageRoot(), SAMPLE);
    if (!options.json) io.stderr(`${tr.t("cli.sample", { file: relative(process.cwd(), sample) || sample })}\n`);
    paths = [sample];
  }
  const missing = await missingPaths(paths);
  if (missing.length > 0) {
    io.stderr(`${terminalSafe(tr.t("cli.missing-path", { paths: missing.join(", ") }))}\n`);
    return 2;
  }
  const now = io.now?.() ?? new Date();
  if (criteria.loaded && !options.json) {
    io.stderr(`${tr.t("cli.criteria.loaded", { file: options.criteria ?? "", title: criteria.loaded.title, items: criteria.loaded.items.length })}\n`);
  }
  // Every input of the run, found before any copy is written: no copy may land on one of them.
  const entries: Entry[] = [];
  for await (const e of collectFiles(paths)) entries.push(e);
  // Copies this tool made, met in a folder scan, are neither checked again nor protected as inputs: a new run
  // may replace them. Only names shaped like a copy's are opened to look for the marker.
  const explicit = new Set(paths);
  const ownCopies = new Set<string>();
  const inputs = new Set<string>();
  for (const e of entries) {
    if (e.kind !== "file") continue;
    if (!explicit.has(e.path) && (await isCopyFile(e.path))) ownCopies.add(e.path);
    else inputs.add(await realPathOf(e.path));
  }
  const ctx: CheckContext = {
    sets: criteria.sets,
    ...(criteria.forced !== undefined ? { forcedSetId: criteria.forced } : {}),
    rules,
    options,
    tr,
    version: version(),
    date: now.toLocaleString(tr.lang === "vi" ? "vi-VN" : "en-GB"),
    inputs,
    startedAt: Date.now() - 1,
  };
  const totals = newTotals();
  const used = new Set<string>();
  const pretty = io.tty === true && !options.jsonl;
  const files = entries.filter((e) => e.kind === "file").length;
  let done = 0;
  let first = true;
  if (options.json && !options.jsonl) io.stdout(`${safeJson(jsonHead(ctx.version)).slice(0, -1)},"files":[`);
  // --summary: one row per appendix, kept small (not the analyses) so that memory stays flat in the number of files.
  const agencies: AgencyRow[] = [];
  /** Hidden appendices left out of the summary (a visible one in the same file counts): "file › sheet". */
  const hiddenSkipped: string[] = [];
  const emit = (r: FileResult): void => {
    if (options.summary !== undefined) {
      agencies.push(...agencyRowsOf(r, options.summary));
      hiddenSkipped.push(...hiddenLeftOut(r).map((sheet) => `${basename(r.file)} › ${sheet}`));
    }
    if (options.jsonl) io.stdout(`${safeJson(fileJson(r, tr, totals))}\n`);
    else if (options.json) {
      io.stdout(`${first ? "" : ","}${pretty ? "\n" : ""}${safeJson(fileJson(r, tr, totals), pretty ? 2 : undefined)}`);
      first = false;
    } else io.stdout(fileText(r, tr, { all: options.all }, totals));
  };
  let inFlight: Promise<void> | undefined;
  for (const entry of entries) {
    // Whatever is said about this entry comes after the previous file's result.
    if (entry.kind !== "file" || ownCopies.has(entry.path)) {
      await inFlight;
      inFlight = undefined;
    }
    if (entry.kind === "empty-folder") {
      if (!options.json) io.stderr(`${terminalSafe(tr.t("cli.no-files", { path: entry.path }))}\n`);
      continue;
    }
    if (entry.kind === "unreadable-folder") {
      emit({ file: entry.path, error: { code: "unreadable-folder", detail: entry.detail }, analyses: [] });
      continue;
    }
    done++;
    if (ownCopies.has(entry.path)) {
      if (!options.json) io.stderr(`${terminalSafe(tr.t("cli.own-copy", { path: entry.path }))}\n`);
      continue;
    }
    io.progress?.(tr.t("cli.progress", { done, total: files, file: terminalSafe(entry.path) }));
    // One file's copy is flushed to disk (thread pool) while the next file is read and checked (main thread); its
    // result is printed when it is done, in order. At most two files are held at once, so memory stays flat.
    const result = checkFile(entry.path, ctx, used);
    if (inFlight) await inFlight;
    inFlight = result.then(emit);
  }
  if (inFlight) await inFlight;
  io.progress?.("");
  let summaryLine: { ok: boolean; line: string } | undefined;
  if (options.summary !== undefined) summaryLine = await writeSummary(options.summary, agencies, tr, ctx.date, [...inputs, ...paths], options.overwrite);
  if (summaryLine?.ok === true && hiddenSkipped.length > 0) summaryLine = { ok: true, line: `${summaryLine.line}\n${tr.t("cli.summary.hidden-skipped", { count: hiddenSkipped.length, sheets: hiddenSkipped.join("; ") })}` };
  // The summary's line: on stderr beside JSON output (stdout stays one document), after the totals otherwise.
  const sayWritten = (): void => {
    if (summaryLine) (options.json || !summaryLine.ok ? io.stderr : io.stdout)(`${terminalSafe(summaryLine.line)}\n`);
  };
  if (options.jsonl) {
    sayWritten();
    return 0;
  }
  if (options.json) {
    const ranking = options.summary !== undefined ? `,"ranking":${safeJson(rankingJson(agencies))}` : "";
    io.stdout(`${pretty ? "\n" : ""}],"summary":${safeJson(totals)}${ranking}}\n`);
  } else io.stdout(summaryText(totals, tr));
  sayWritten();
  return 0;
}

async function isCopyFile(path: string): Promise<boolean> {
  if (!basename(path).toLowerCase().includes(COPY_INFIX)) return false;
  try {
    const s = await stat(path);
    return s.isFile() && (await readsAsOurCopy(path, s.size));
  } catch {
    return false;
  }
}

/** Progress on stderr, only when stderr is a terminal: one line rewritten in place, never mixed into stdout. */
function terminalProgress(): ((line: string) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let last = 0;
  return (line) => {
    const t = Date.now();
    if (line !== "" && t - last < 100) return;
    last = t;
    const width = Math.max(20, (process.stderr.columns ?? 80) - 1);
    process.stderr.write(`\r\x1b[K${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
  };
}

/** The command as a process runs it (bin/phuluc.js): real streams, progress on a terminal, a quiet end on a closed pipe. */
export function runFromProcess(argv: ReadonlyArray<string> = process.argv.slice(2)): void {
  // A closed pipe (`phuluc … | head`) ends the run quietly.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(0);
    throw e;
  });
  const progress = terminalProgress();
  main(argv, {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    tty: process.stdout.isTTY,
    ...(progress ? { progress } : {}),
  })
    .then((code) => {
      process.exitCode = code;
    })
    .catch((e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 1;
    });
}

if (require.main === module) runFromProcess();
