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
}

export type Parsed =
  | CheckOptions
  | { readonly command: "help"; readonly lang: Lang }
  | { readonly command: "version" }
  | { readonly command: "criteria"; readonly json: boolean; readonly lang: Lang }
  | (CompareOptions & { readonly lang: Lang; readonly criteria?: string })
  | { readonly command: "usage-error"; readonly message: string; readonly lang: Lang };

const VALUE_FLAGS = new Set(["--columns", "--criteria", "--rules", "--score-column", "--target-column", "--out", "--sheet", "--fill-scope", "--lang"]);
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
  if (first === "criteria") return { command: "criteria", json: flags.has("--json"), lang };
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
    ...opt("--rules"),
    ...opt("--out"),
    ...opt("--sheet"),
    ...(scoreColumn !== undefined ? { scoreColumn } : {}),
    ...(targetColumn !== undefined ? { targetColumn } : {}),
  };
}
