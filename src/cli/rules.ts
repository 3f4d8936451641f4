/**
 * The "Thực hiện" catalogue on the command line: `--rules` takes a JSON file or an .xlsx with a "Danh mục phân
 * công" sheet; `phuluc rules export -o file.xlsx` writes that sheet, `phuluc rules import file.xlsx -o rules.json`
 * turns one into JSON (nothing written while a cell is wrong), `phuluc rules coverage` shows which items of a
 * criteria set each rule fills and which no rule covers.
 */
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { BUILTIN_RULES } from "../catalogues";
import type { CriteriaSet } from "../core/criteria";
import type { Grid } from "../core/grid";
import { parseResponsibilityCatalogue, type ResponsibilityCatalogue } from "../core/responsibility";
import { ruleCoverage, rulesFromSheet, type RulesSheetProblem, rulesSheetModel } from "../core/rulesSheet";
import { fileErrorMessage, type MessageKey, type Translator } from "../i18n";
import { zodErrorMap } from "../i18n/zod";
import { newWorkbook } from "../host/xlsx/create";
import { readWorkbook } from "../host/xlsx/grids";
import { FileReadError } from "../host/xlsx/sniff";
import type { RulesCommand } from "./args";
import { refusalMessage } from "./criteria";
import { writeNewFile } from "./files";
import { safeJson, terminalSafe } from "./output";

interface Io {
  stdout(s: string): void;
  stderr(s: string): void;
}

export class RulesFileError extends Error {}

export function rulesProblemLine(tr: Translator, p: RulesSheetProblem): string {
  return `${p.cell !== "" ? `${p.cell}: ` : ""}${tr.t(p.key as MessageKey, p.params)}`;
}

/** The first sheet of a workbook that holds a catalogue (or the one named), with its problems. */
export function catalogueFromWorkbook(grids: ReadonlyArray<Grid>, sheet?: string): { sheet: string; result: ReturnType<typeof rulesFromSheet> } | undefined {
  const candidates = sheet !== undefined ? grids.filter((g) => g.sheetName === sheet) : grids;
  let first: { sheet: string; result: ReturnType<typeof rulesFromSheet> } | undefined;
  for (const g of candidates) {
    const result = rulesFromSheet(g);
    first ??= { sheet: g.sheetName, result };
    if (!result.problems.some((p) => p.key === "rules-sheet.no-header")) return { sheet: g.sheetName, result };
  }
  return first;
}

/** --rules: a JSON catalogue or a workbook with a "Danh mục phân công" sheet. Throws RulesFileError with the lines to print. */
export function loadRules(file: string | undefined, tr: Translator): ResponsibilityCatalogue {
  if (file === undefined) return BUILTIN_RULES;
  const head = [tr.t("rules.file-error", { file })];
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new RulesFileError(tr.t("cli.file-error.unreadable", { detail: e instanceof Error ? e.message : String(e) }));
  }
  if ([".xlsx", ".xlsm"].includes(extname(file).toLowerCase())) {
    let grids: ReadonlyArray<Grid>;
    try {
      grids = readWorkbook(new Uint8Array(bytes)).grids;
    } catch (e) {
      throw new RulesFileError([tr.t("cli.rules.sheet-error", { file }), `  ${e instanceof FileReadError ? fileErrorMessage(tr, e.problem) : e instanceof Error ? e.message : String(e)}`].join("\n"));
    }
    const found = catalogueFromWorkbook(grids);
    if (!found?.result.catalogue) throw new RulesFileError([tr.t("cli.rules.sheet-error", { file }), ...(found?.result.problems ?? []).map((p) => `  ${rulesProblemLine(tr, p)}`)].join("\n"));
    return found.result.catalogue;
  }
  let data: unknown;
  try {
    data = JSON.parse(bytes.toString("utf8").replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new RulesFileError(tr.t("set.not-json", { file, detail: e instanceof Error ? e.message : String(e) }));
  }
  const r = parseResponsibilityCatalogue(data, zodErrorMap(tr.lang));
  if (!r.ok) throw new RulesFileError([...head, ...r.problems.map((p) => `  ${p}`)].join("\n"));
  return r.catalogue;
}

export async function runRules(cmd: RulesCommand, io: Io, tr: Translator, sets: ReadonlyArray<CriteriaSet>, forced: string | undefined): Promise<number> {
  if (cmd.action === "import") {
    const file = cmd.paths[0]!;
    let grids: ReadonlyArray<Grid>;
    try {
      grids = readWorkbook(new Uint8Array(readFileSync(file))).grids;
    } catch (e) {
      io.stderr(`${terminalSafe(`${file}: ${e instanceof FileReadError ? fileErrorMessage(tr, e.problem) : e instanceof Error ? e.message : String(e)}`)}\n`);
      return 1;
    }
    const found = catalogueFromWorkbook(grids, cmd.sheet);
    if (!found) {
      io.stderr(`${terminalSafe(tr.t("cli.compare.no-sheet", { sheet: cmd.sheet ?? "", file }))}\n`);
      return 1;
    }
    const { result } = found;
    io.stdout(`${terminalSafe([tr.t("cli.rules.read", { sheet: found.sheet, file, rules: result.rules }), ...result.problems.map((p) => `  ${tr.t("severity.error")} ${rulesProblemLine(tr, p)}`)].join("\n"))}\n`);
    if (!result.catalogue) {
      io.stderr(`${tr.t("cli.rules.errors", { count: result.problems.length })}\n`);
      return 1;
    }
    const w = await writeNewFile(cmd.output!, new TextEncoder().encode(`${JSON.stringify(result.catalogue, null, 1)}\n`), { overwrite: cmd.overwrite, inputs: [file] });
    if ("reason" in w) {
      io.stderr(`${terminalSafe(refusalMessage(tr, w))}\n`);
      return 1;
    }
    io.stdout(`${terminalSafe(tr.t("cli.rules.saved", { title: result.catalogue.title, file: cmd.output! }))}\n`);
    return 0;
  }
  let catalogue: ResponsibilityCatalogue;
  try {
    catalogue = loadRules(cmd.rules, tr);
  } catch (e) {
    if (!(e instanceof RulesFileError)) throw e;
    io.stderr(`${terminalSafe(e.message)}\n`);
    return 2;
  }
  if (cmd.action === "export") {
    const w = await writeNewFile(cmd.output!, newWorkbook([rulesSheetModel(catalogue)], { title: catalogue.title }), { overwrite: cmd.overwrite, inputs: cmd.rules !== undefined ? [cmd.rules] : [] });
    if ("reason" in w) {
      io.stderr(`${terminalSafe(refusalMessage(tr, w))}\n`);
      return 1;
    }
    io.stdout(`${terminalSafe(tr.t("cli.rules.exported", { title: catalogue.title, rules: catalogue.rules.length, file: cmd.output! }))}\n`);
    return 0;
  }
  // coverage
  const set = sets.find((s) => s.id === (forced ?? catalogue.criteriaSets[0])) ?? sets[0]!;
  const c = ruleCoverage(catalogue, set);
  if (cmd.json) {
    io.stdout(`${safeJson({ catalogue: catalogue.id, criteriaSet: set.id, byRule: Object.fromEntries(c.byRule), uncovered: c.uncovered }, 2)}\n`);
    return 0;
  }
  const lines = [tr.t("cli.rules.coverage", { title: catalogue.title, set: set.title })];
  const unused: string[] = [];
  for (const r of catalogue.rules) {
    const codes = c.byRule.get(r.id) ?? [];
    if (codes.length === 0) unused.push(r.id);
    else lines.push(`  ${tr.t("cli.rules.coverage.rule", { id: r.id, lead: r.lead, count: codes.length, codes: codes.join(", ") })}`);
  }
  if (unused.length > 0) lines.push(tr.t("cli.rules.coverage.unused", { ids: unused.join(", ") }));
  lines.push(c.uncovered.length > 0 ? tr.t("cli.rules.coverage.uncovered", { count: c.uncovered.length, codes: c.uncovered.join(", ") }) : tr.t("cli.rules.coverage.all"));
  io.stdout(`${terminalSafe(lines.join("\n"))}\n`);
  return 0;
}
