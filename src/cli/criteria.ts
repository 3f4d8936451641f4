/**
 * Criteria sets on the command line: the user's folder of sets (read by check, compare and new like the built-in
 * ones), `phuluc criteria [list]`, `phuluc criteria import <file.xlsx>` (a set read from a sheet, stored only when
 * it has no error) and `phuluc criteria export <set> -o <file.xlsx>` (the "Bộ tiêu chí" sheet staff edit).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { lstat, readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { basename, extname, join } from "node:path";
import { BUILTIN_SETS } from "../catalogues";
import { type CriteriaSet, type CriteriaSetData, parseCriteriaSet, plainSetData } from "../core/criteria";
import { criteriaFromSheet, criteriaSheetModel, type SheetSetProblem, type SheetSetResult } from "../core/criteriaSheet";
import { fileErrorMessage, type MessageKey, setProblemMessage, type Translator } from "../i18n";
import { zodErrorMap } from "../i18n/zod";
import { newWorkbook } from "../host/xlsx/create";
import { readWorkbook } from "../host/xlsx/grids";
import { FileReadError } from "../host/xlsx/sniff";
import type { CriteriaCommand } from "./args";
import { type WriteRefusal, writeNewFile } from "./files";
import { safeJson, terminalSafe } from "./output";

interface Io {
  stdout(s: string): void;
  stderr(s: string): void;
}

/**
 * The folder of the user's criteria sets: --criteria-dir, else $PHULUC_CRITERIA_DIR, else the user's configuration
 * folder (%APPDATA%\phuluc\criteria on Windows, $XDG_CONFIG_HOME/phuluc/criteria or ~/.config/phuluc/criteria).
 */
export function criteriaDir(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (option !== undefined) return option;
  if (env.PHULUC_CRITERIA_DIR) return env.PHULUC_CRITERIA_DIR;
  if (process.platform === "win32" && env.APPDATA) return join(env.APPDATA, "phuluc", "criteria");
  return join(env.XDG_CONFIG_HOME || join(homedir(), ".config"), "phuluc", "criteria");
}

export interface UserSet {
  readonly set: CriteriaSet;
  readonly file: string;
}

/** The sets in the user's folder; files that are not valid sets are named on stderr and skipped, never fatal. */
export function loadUserSets(dir: string, tr: Translator, warn: (line: string) => void): UserSet[] {
  if (!existsSync(dir)) return [];
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) return [];
    names = readdirSync(dir).filter((n) => extname(n).toLowerCase() === ".json").sort();
  } catch (e) {
    warn(tr.t("cli.criteria.dir-unreadable", { dir, detail: e instanceof Error ? e.message : String(e) }));
    return [];
  }
  const out: UserSet[] = [];
  for (const name of names) {
    const file = join(dir, name);
    try {
      const r = parseCriteriaSet(JSON.parse(readFileSync(file, "utf8").replace(/^\uFEFF/, "")), zodErrorMap(tr.lang));
      if (r.ok) out.push({ set: r.set, file });
      else warn(tr.t("cli.criteria.dir-bad", { file, detail: r.problems.map((p) => setProblemMessage(tr, p)).slice(0, 3).join("; ") }));
    } catch (e) {
      warn(tr.t("cli.criteria.dir-bad", { file, detail: e instanceof Error ? e.message : String(e) }));
    }
  }
  return out;
}

/** Built-in sets, then the user's (a user's set with a built-in id replaces it). */
export function allSets(user: ReadonlyArray<UserSet>): CriteriaSet[] {
  const ids = new Set(user.map((u) => u.set.id));
  return [...BUILTIN_SETS.filter((s) => !ids.has(s.id)), ...user.map((u) => u.set)];
}


export function problemLine(tr: Translator, p: SheetSetProblem): string {
  const where = p.cell !== "" ? `${p.cell}: ` : "";
  return `${tr.t(p.severity === "error" ? "severity.error" : "severity.warning")} ${where}${tr.t(p.key as MessageKey, p.params)}`;
}

export function refusalMessage(tr: Translator, r: WriteRefusal): string {
  return tr.t(`cli.write.${r.reason}` as MessageKey, { file: r.path });
}

async function readSheets(path: string, tr: Translator): Promise<{ grids: ReturnType<typeof readWorkbook>["grids"] } | string> {
  try {
    const st = await lstat(path);
    if (!st.isFile()) return tr.t("cli.compare.not-file", { path });
    return { grids: readWorkbook(new Uint8Array(await readFile(path))).grids };
  } catch (e) {
    if (e instanceof FileReadError) return fileErrorMessage(tr, e.problem);
    return tr.t("cli.compare.failed", { detail: e instanceof Error ? e.message : String(e) });
  }
}

export async function runCriteria(cmd: CriteriaCommand, io: Io, tr: Translator): Promise<number> {
  const dir = criteriaDir(cmd.criteriaDir);
  const warn = (line: string) => io.stderr(`${terminalSafe(line)}\n`);
  if (cmd.action === "list") {
    const user = loadUserSets(dir, tr, warn);
    const row = (s: CriteriaSet, file?: string) => ({ id: s.id, title: s.title, legalBasis: s.legalBasis, years: s.years, totalPoints: s.totalPoints, items: s.items.length, ...(s.unitLevel ? { unitLevel: s.unitLevel } : {}), ...(file ? { file } : {}) });
    if (cmd.json) {
      io.stdout(`${safeJson({ builtin: BUILTIN_SETS.map((s) => row(s)), user: user.map((u) => row(u.set, u.file)), dir }, 2)}\n`);
      return 0;
    }
    for (const s of BUILTIN_SETS) io.stdout(`${tr.t("cli.criteria.item", { id: s.id, title: s.title, years: s.years.join(", "), items: s.items.length, total: s.totalPoints })}\n`);
    io.stdout(`${terminalSafe(tr.t(user.length > 0 ? "cli.criteria.dir" : "cli.criteria.dir-empty", { dir }))}\n`);
    for (const u of user) io.stdout(`${terminalSafe(tr.t("cli.criteria.item", { id: u.set.id, title: u.set.title, years: u.set.years.join(", "), items: u.set.items.length, total: u.set.totalPoints }))}  (${terminalSafe(basename(u.file))})\n`);
    return 0;
  }
  if (cmd.action === "export") {
    const wanted = cmd.paths[0]!;
    let set: CriteriaSetData | undefined;
    if (existsSync(wanted) && statSync(wanted).isFile()) {
      try {
        const r = parseCriteriaSet(JSON.parse(readFileSync(wanted, "utf8").replace(/^\uFEFF/, "")), zodErrorMap(tr.lang));
        if (!r.ok) {
          io.stderr(`${terminalSafe([tr.t("set.file-error", { file: wanted }), ...r.problems.map((p) => `  ${setProblemMessage(tr, p)}`)].join("\n"))}\n`);
          return 2;
        }
        set = plainSetData(r.set);
      } catch (e) {
        io.stderr(`${terminalSafe(tr.t("set.not-json", { file: wanted, detail: e instanceof Error ? e.message : String(e) }))}\n`);
        return 2;
      }
    } else {
      const found = allSets(loadUserSets(dir, tr, warn)).find((s) => s.id === wanted);
      if (!found) {
        io.stderr(`${terminalSafe(tr.t("set.forced-unknown", { id: wanted }))} (${allSets(loadUserSets(dir, tr, () => undefined)).map((s) => s.id).join(", ")})\n`);
        return 2;
      }
      set = plainSetData(found);
    }
    const bytes = newWorkbook([criteriaSheetModel(set)], { title: set.title });
    const w = await writeNewFile(cmd.output!, bytes, { overwrite: cmd.overwrite, inputs: existsSync(wanted) ? [wanted] : [] });
    if ("reason" in w) {
      io.stderr(`${terminalSafe(refusalMessage(tr, w))}\n`);
      return 1;
    }
    io.stdout(`${terminalSafe(tr.t("cli.export.done", { title: set.title, items: set.items.length, file: cmd.output! }))}\n`);
    return 0;
  }

  // import
  const file = cmd.paths[0]!;
  const read = await readSheets(file, tr);
  if (typeof read === "string") {
    io.stderr(`${terminalSafe(`${file}: ${read}`)}\n`);
    return 1;
  }
  const options = { fallbackId: basename(file, extname(file)), fallbackTitle: basename(file, extname(file)) };
  let chosen: { sheet: string; result: SheetSetResult } | undefined;
  if (cmd.sheet !== undefined) {
    const g = read.grids.find((x) => x.sheetName === cmd.sheet);
    if (!g) {
      io.stderr(`${terminalSafe(tr.t("cli.compare.no-sheet", { sheet: cmd.sheet, file: basename(file) }))}\n`);
      return 1;
    }
    chosen = { sheet: g.sheetName, result: criteriaFromSheet(g, options) };
  } else {
    // The first sheet that holds a list or an appendix.
    for (const g of read.grids) {
      const result = criteriaFromSheet(g, options);
      if (!result.problems.some((p) => p.key === "import.no-list")) {
        chosen = { sheet: g.sheetName, result };
        break;
      }
    }
  }
  if (!chosen) {
    io.stderr(`${terminalSafe(`${file}: ${tr.t("import.no-list")}`)}\n`);
    return 1;
  }
  const { result, sheet } = chosen;
  const d = result.draft;
  const errors = result.problems.filter((p) => p.severity === "error");
  const target = cmd.output ?? join(dir, `${d.id}.json`);
  if (cmd.json) {
    io.stdout(`${safeJson({ file, sheet, mode: result.mode, ok: errors.length === 0, counts: result.counts, set: d, problems: result.problems.map((p) => ({ ...p, message: problemLine(tr, p) })), ...(errors.length === 0 ? { savedTo: target } : {}) }, 2)}\n`);
  } else {
    io.stdout(
      `${terminalSafe(
        [
          tr.t("cli.import.read", { sheet, file: basename(file), mode: tr.t(result.mode === "list" ? "cli.import.mode.list" : "cli.import.mode.appendix"), fields: result.counts.fields, criteria: result.counts.criteria, subs: result.counts.subs, total: d.totalPoints }),
          tr.t("cli.import.meta", { id: d.id, title: d.title, years: d.years.length > 0 ? d.years.join(", ") : "—" }),
          ...result.problems.map((p) => `  ${problemLine(tr, p)}`),
        ].join("\n"),
      )}\n`,
    );
  }
  if (errors.length > 0 || !result.set) {
    if (!cmd.json) io.stderr(`${tr.t("cli.import.errors", { count: errors.length })}\n`);
    return 1;
  }
  const bytes = new TextEncoder().encode(`${JSON.stringify(result.set, null, 1)}\n`);
  const w = await writeNewFile(target, bytes, { overwrite: cmd.overwrite, inputs: [file] });
  if ("reason" in w) {
    io.stderr(`${terminalSafe(refusalMessage(tr, w))}\n`);
    return 1;
  }
  if (!cmd.json) io.stdout(`${terminalSafe(tr.t("cli.import.saved", { title: result.set.title, file: target, id: result.set.id }))}\n`);
  return 0;
}
