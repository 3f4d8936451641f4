import { columnIndex } from "../core/grid";
import type { FillScope } from "../core/responsibility";
import type { Lang } from "../i18n";
import type { CompareOptions } from "./compare";

export interface CheckOptions {
  readonly command: "check";
  readonly paths: ReadonlyArray<string>;
  readonly json: boolean;
  /** One JSON object per file, one per line, written as each file is done (for very large folders). */
  readonly jsonl: boolean;
  readonly criteria?: string;
  readonly rules?: string;
  readonly scoreColumn?: number;
  readonly targetColumn?: number | "max";
  readonly out?: string;
  readonly sheet?: string;
  readonly overwrite: boolean;
  /** --unicode: copies also convert legacy-encoded text (TCVN3, VNI) to Unicode, with Unicode fonts. */
  readonly unicode: boolean;
  /** Text report: every line, not the first ones of each long list. */
  readonly all: boolean;
  readonly fillScope: FillScope;
  readonly lang: Lang;
  /** Folder of the user's criteria sets (see criteriaDir in criteria.ts). */
  readonly criteriaDir?: string;
  /** --summary: every appendix of the run in one ranked workbook (issue 8 §2). */
  readonly summary?: string;
}

export interface CriteriaCommand {
  readonly command: "criteria";
  readonly action: "list" | "import" | "export";
  readonly paths: ReadonlyArray<string>;
  readonly json: boolean;
  readonly overwrite: boolean;
  readonly lang: Lang;
  readonly sheet?: string;
  readonly output?: string;
  readonly criteriaDir?: string;
}

export interface RulesCommand {
  readonly command: "rules";
  readonly action: "export" | "import" | "coverage";
  readonly paths: ReadonlyArray<string>;
  readonly json: boolean;
  readonly overwrite: boolean;
  readonly lang: Lang;
  readonly rules?: string;
  readonly criteria?: string;
  readonly sheet?: string;
  readonly output?: string;
  readonly criteriaDir?: string;
}

export interface NewCommand {
  readonly command: "new";
  readonly criteria?: string;
  readonly year?: number;
  readonly from?: string;
  readonly province?: string;
  readonly targets: number;
  readonly output?: string;
  readonly overwrite: boolean;
  readonly rules?: string;
  readonly sheet?: string;
  readonly json: boolean;
  readonly lang: Lang;
  readonly criteriaDir?: string;
}

export type Parsed =
  | CheckOptions
  | { readonly command: "help"; readonly lang: Lang }
  | { readonly command: "version" }
  | CriteriaCommand
  | RulesCommand
  | NewCommand
  | (CompareOptions & { readonly lang: Lang; readonly criteria?: string; readonly criteriaDir?: string })
  | { readonly command: "usage-error"; readonly message: string; readonly lang: Lang };

const VALUE_FLAGS = new Set([
  "--columns", "--criteria", "--criteria-dir", "--rules", "--score-column", "--target-column", "--out", "--sheet", "--fill-scope", "--lang",
  "-o", "--output", "--year", "--from", "--province", "--targets", "--summary",
]);
const BOOL_FLAGS = new Set(["--json", "--jsonl", "--overwrite", "--unicode", "--all", "--help", "-h", "--version", "-v"]);

/** Parse the command line. Errors are returned (in the user's language), never thrown. */
export function parseArgs(argv: ReadonlyArray<string>, defaultLang: Lang = "vi"): Parsed {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const positional: string[] = [];
  let lang: Lang = defaultLang;
  const langAt = argv.indexOf("--lang");
  const langArg = langAt >= 0 ? argv[langAt + 1] : argv.find((a) => a.startsWith("--lang="))?.slice(7);
  if (langArg === "en" || langArg === "vi") lang = langArg;
  const err = (vi: string, en: string): Parsed => ({ command: "usage-error", message: lang === "vi" ? vi : en, lang });

  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    if (a === "--") {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith("--") && a.includes("=")) {
      const [k = "", ...rest] = a.split("=");
      if (!VALUE_FLAGS.has(k)) return err(`Không có tùy chọn ${k}.`, `Unknown option ${k}.`);
      values.set(k, rest.join("="));
      continue;
    }
    if (VALUE_FLAGS.has(a)) {
      const v = argv[i + 1];
      if (v === undefined || (v.startsWith("--") && v.length > 2)) return err(`Tùy chọn ${a} cần một giá trị.`, `Option ${a} needs a value.`);
      values.set(a, v);
      i++;
      continue;
    }
    if (BOOL_FLAGS.has(a)) {
      flags.add(a);
      continue;
    }
    if (a.startsWith("-") && a !== "-") return err(`Không có tùy chọn ${a}. Xem: phuluc --help`, `Unknown option ${a}. See: phuluc --help`);
    positional.push(a);
  }

  if (flags.has("--version") || flags.has("-v")) return { command: "version" };
  if (flags.has("--help") || flags.has("-h") || positional[0] === "help") return { command: "help", lang };
  // "phuluc a.xlsx" means "phuluc check a.xlsx": a first word that is not a command is a path.
  const first = positional[0];
  const criteriaDir = values.get("--criteria-dir");
  const dir = criteriaDir !== undefined ? { criteriaDir } : {};
  const output = values.get("-o") ?? values.get("--output");
  const out = output !== undefined ? { output } : {};
  const sheetOpt = values.get("--sheet") !== undefined ? { sheet: values.get("--sheet")! } : {};
  if (first === "criteria") {
    const action = positional[1] ?? "list";
    if (action !== "list" && action !== "import" && action !== "export") {
      return err(`phuluc criteria nhận list, import hoặc export (nhận “${action}”).`, `phuluc criteria takes list, import or export (got “${action}”).`);
    }
    const paths = positional.slice(2);
    if (action === "import" && paths.length !== 1) return err("phuluc criteria import cần đúng một tệp .xlsx.", "phuluc criteria import takes exactly one .xlsx file.");
    if (action === "export" && (paths.length !== 1 || output === undefined)) {
      return err("phuluc criteria export cần một bộ tiêu chí (mã hoặc tệp JSON) và -o <tệp.xlsx>.", "phuluc criteria export takes one criteria set (id or JSON file) and -o <file.xlsx>.");
    }
    return { command: "criteria", action, paths, json: flags.has("--json"), overwrite: flags.has("--overwrite"), lang, ...sheetOpt, ...out, ...dir };
  }
  if (first === "rules") {
    const action = positional[1] ?? "coverage";
    if (action !== "export" && action !== "import" && action !== "coverage") {
      return err(`phuluc rules nhận export, import hoặc coverage (nhận “${action}”).`, `phuluc rules takes export, import or coverage (got “${action}”).`);
    }
    const paths = positional.slice(2);
    if (action === "import" && (paths.length !== 1 || output === undefined)) return err("phuluc rules import cần đúng một tệp .xlsx và -o <tệp.json>.", "phuluc rules import takes exactly one .xlsx file and -o <file.json>.");
    if (action === "export" && output === undefined) return err("phuluc rules export cần -o <tệp.xlsx>.", "phuluc rules export takes -o <file.xlsx>.");
    const pick = (k: string, as: string): Record<string, string> => (values.get(k) !== undefined ? { [as]: values.get(k)! } : {});
    return { command: "rules", action, paths, json: flags.has("--json"), overwrite: flags.has("--overwrite"), lang, ...pick("--rules", "rules"), ...pick("--criteria", "criteria"), ...sheetOpt, ...out, ...dir };
  }
  if (first === "new") {
    if (positional.length > 1) return err(`phuluc new không nhận tệp “${positional[1]}”; dùng --from cho phụ lục năm trước.`, `phuluc new takes no file “${positional[1]}”; use --from for last year's appendix.`);
    const y = values.get("--year");
    const year = y !== undefined ? Number(y) : undefined;
    if (year !== undefined && (!Number.isInteger(year) || year < 2000 || year > 2100)) return err(`--year cần một năm, ví dụ 2024 (nhận “${y}”).`, `--year takes a year such as 2024 (got “${y}”).`);
    const t = values.get("--targets") ?? "2";
    const targets = Number(t);
    if (!Number.isInteger(targets) || targets < 0 || targets > 5) return err(`--targets cần số năm mục tiêu từ 0 đến 5 (nhận “${t}”).`, `--targets takes a number of target years from 0 to 5 (got “${t}”).`);
    const pick = (k: string, as: string): Record<string, string> => (values.get(k) !== undefined ? { [as]: values.get(k)! } : {});
    return {
      command: "new",
      targets,
      overwrite: flags.has("--overwrite"),
      json: flags.has("--json"),
      lang,
      ...(year !== undefined ? { year } : {}),
      ...pick("--criteria", "criteria"),
      ...pick("--from", "from"),
      ...pick("--province", "province"),
      ...pick("--rules", "rules"),
      ...sheetOpt,
      ...out,
      ...dir,
    };
  }
  if (first === "compare") {
    const cols = values.get("--columns");
    let columns: readonly [number, number] | undefined;
    if (cols !== undefined) {
      const parts = cols.split(/[,;]/).map((x) => columnIndex(x.trim()));
      const [x, y] = parts;
      if (parts.length !== 2 || x === undefined || y === undefined || x === y) {
        return err(`--columns cần hai chữ cái cột khác nhau, ví dụ D,E (nhận “${cols}”).`, `--columns takes two different column letters such as D,E (got “${cols}”).`);
      }
      columns = [x, y];
    }
    const sheet = values.get("--sheet");
    const criteria = values.get("--criteria");
    return {
      command: "compare",
      paths: positional.slice(1),
      json: flags.has("--json"),
      all: flags.has("--all"),
      lang,
      ...(columns ? { columns } : {}),
      ...(sheet !== undefined ? { sheet } : {}),
      ...(criteria !== undefined ? { criteria } : {}),
      ...out,
      ...(flags.has("--overwrite") ? { overwrite: true } : {}),
      ...dir,
    };
  }
  const paths = first === "check" ? positional.slice(1) : positional;

  let scoreColumn: number | undefined;
  const sc = values.get("--score-column");
  if (sc !== undefined) {
    scoreColumn = columnIndex(sc);
    if (scoreColumn === undefined) return err(`--score-column cần chữ cái của cột, ví dụ D (nhận “${sc}”).`, `--score-column takes a column letter such as D (got “${sc}”).`);
  }
  let targetColumn: number | "max" | undefined;
  const tc = values.get("--target-column");
  if (tc !== undefined) {
    targetColumn = tc.toLowerCase() === "max" ? "max" : columnIndex(tc);
    if (targetColumn === undefined) {
      return err(`--target-column cần chữ cái của cột (ví dụ E) hoặc “max” (nhận “${tc}”).`, `--target-column takes a column letter such as E, or “max” (got “${tc}”).`);
    }
  }
  const scope = values.get("--fill-scope") ?? "criteria-and-below";
  if (scope !== "criteria-and-below" && scope !== "criteria" && scope !== "all") {
    return err(`--fill-scope nhận criteria-and-below, criteria hoặc all (nhận “${scope}”).`, `--fill-scope takes criteria-and-below, criteria or all (got “${scope}”).`);
  }
  const opt = (k: string): Record<string, string> => {
    const v = values.get(k);
    return v !== undefined ? { [k.slice(2).replace(/-(\w)/g, (_, c: string) => c.toUpperCase())]: v } : {};
  };
  return {
    command: "check",
    paths,
    json: flags.has("--json") || flags.has("--jsonl"),
    jsonl: flags.has("--jsonl"),
    overwrite: flags.has("--overwrite"),
    unicode: flags.has("--unicode"),
    all: flags.has("--all"),
    fillScope: scope,
    lang,
    ...opt("--criteria"),
    ...opt("--criteria-dir"),
    ...opt("--summary"),
    ...opt("--rules"),
    ...opt("--out"),
    ...opt("--sheet"),
    ...(scoreColumn !== undefined ? { scoreColumn } : {}),
    ...(targetColumn !== undefined ? { targetColumn } : {}),
  };
}
