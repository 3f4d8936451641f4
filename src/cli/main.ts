import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { BUILTIN_RULES, BUILTIN_SETS } from "../catalogues";
import { type CriteriaSet, parseCriteriaSet } from "../core/criteria";
import { parseResponsibilityCatalogue, type ResponsibilityCatalogue } from "../core/responsibility";
import { type Lang, setProblemMessage, translator, type Translator } from "../i18n";
import "../i18n/languages";
import { zodErrorMap } from "../i18n/zod";
import { type CheckOptions, parseArgs } from "./args";
import { type CheckContext, checkFile, collectFiles, type FileResult } from "./check";
import { TEXT_LIMIT, toJson, toText } from "./output";
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
}

class ConfigError extends Error {}

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

/** --criteria: a JSON file (loaded and forced) or the id of a built-in set (forced). */
function criteriaFrom(arg: string | undefined, tr: Translator): { sets: CriteriaSet[]; forced?: string; loaded?: CriteriaSet } {
  const sets = [...BUILTIN_SETS];
  if (arg === undefined) return { sets };
  if (existsSync(arg)) {
    const r = parseCriteriaSet(readJson(arg, tr), zodErrorMap(tr.lang));
    if (!r.ok) {
      throw new ConfigError([tr.t("set.file-error", { file: arg }), ...r.problems.map((p) => `  ${setProblemMessage(tr, p)}`)].join("\n"));
    }
    return { sets: [...sets.filter((s) => s.id !== r.set.id), r.set], forced: r.set.id, loaded: r.set };
  }
  if (!sets.some((s) => s.id === arg)) {
    throw new ConfigError(tr.t("set.forced-unknown", { id: arg }) + ` (${sets.map((s) => s.id).join(", ")})`);
  }
  return { sets, forced: arg };
}

function rulesFrom(file: string | undefined, tr: Translator): ResponsibilityCatalogue {
  if (file === undefined) return BUILTIN_RULES;
  const r = parseResponsibilityCatalogue(readJson(file, tr), zodErrorMap(tr.lang));
  if (!r.ok) throw new ConfigError([tr.t("rules.file-error", { file }), ...r.problems.map((p) => `  ${p}`)].join("\n"));
  return r.catalogue;
}

/** Run the command line; returns the exit code (0 ran, 2 usage or configuration error). */
export async function main(argv: ReadonlyArray<string>, io: Io, defaultLang: Lang = "vi"): Promise<number> {
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
  if (parsed.command === "criteria") {
    if (parsed.json) {
      io.stdout(`${JSON.stringify(BUILTIN_SETS.map((s) => ({ id: s.id, title: s.title, legalBasis: s.legalBasis, years: s.years, totalPoints: s.totalPoints, items: s.items.length })), null, 2)}\n`);
    } else {
      for (const s of BUILTIN_SETS) {
        io.stdout(`${tr.t("cli.criteria.item", { id: s.id, title: s.title, years: s.years.join(", "), items: s.items.length, total: s.totalPoints })}\n`);
      }
    }
    return 0;
  }
  return runCheck(parsed, io, tr);
}

async function runCheck(options: CheckOptions, io: Io, tr: Translator): Promise<number> {
  let criteria: ReturnType<typeof criteriaFrom>;
  let rules: ResponsibilityCatalogue;
  try {
    criteria = criteriaFrom(options.criteria, tr);
    rules = rulesFrom(options.rules, tr);
  } catch (e) {
    if (e instanceof ConfigError) {
      io.stderr(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
  let paths = options.paths;
  if (paths.length === 0) {
    const sample = join(packageRoot(), SAMPLE);
    if (!options.json) io.stderr(`${tr.t("cli.sample", { file: relative(process.cwd(), sample) || sample })}\n`);
    paths = [sample];
  }
  const now = io.now?.() ?? new Date();
  const ctx: CheckContext = {
    sets: criteria.sets,
    ...(criteria.forced !== undefined ? { forcedSetId: criteria.forced } : {}),
    rules,
    options,
    tr,
    version: version(),
    date: now.toLocaleString(tr.lang === "vi" ? "vi-VN" : "en-GB"),
  };
  if (criteria.loaded && !options.json) {
    io.stderr(`${tr.t("cli.criteria.loaded", { file: options.criteria ?? "", title: criteria.loaded.title, items: criteria.loaded.items.length })}\n`);
  }
  const results: FileResult[] = [];
  const used = new Set<string>();
  for (const entry of await collectFiles(paths)) {
    if (entry.missing) {
      results.push({ file: entry.path, error: { code: "not-found" }, analyses: [] });
      continue;
    }
    if (entry.emptyFolder) {
      if (!options.json) io.stderr(`${tr.t("cli.no-files", { path: entry.path })}\n`);
      continue;
    }
    results.push(await checkFile(entry.path, ctx, used));
  }
  if (options.json) io.stdout(`${JSON.stringify(toJson(results, tr, ctx.version), null, io.tty ? 2 : undefined)}\n`);
  else io.stdout(toText(results, tr, { all: options.all }));
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2), { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s), tty: process.stdout.isTTY })
    .then((code) => {
      process.exitCode = code;
    })
    .catch((e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 1;
    });
}
