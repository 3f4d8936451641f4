/**
 * How often the "Thực hiện" rules give a row the lead agency the staff themselves wrote (the Hà Nam appendix,
 * seed 002), on the appendix as it is and on a copy whose fields and criteria are renumbered (the 2020, 2022 and
 * 2024 sets reorder fields and renumber criteria): the rules must follow an item's meaning, not its code.
 *
 * A row agrees when the staff's text begins with the lead agency of the rule chosen for it. Rows are the criteria
 * (level "criterion") whose "Thực hiện" cell the staff filled; the figure is also given over every filled row.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { BUILTIN_RULES, BUILTIN_SETS } from "../src/catalogues";
import { analyzeSheet, type RecognizedSheet } from "../src/core/analyze";
import { ancestorsOf } from "../src/core/codes";
import { gridFromValues, type Grid } from "../src/core/grid";
import { numberOf } from "../src/core/numbers";
import { chooseRule, matchRule, type ResponsibilityCatalogue } from "../src/core/responsibility";
import { fold } from "../src/core/text";
import { readGrids } from "../src/host/xlsx/grids";

export interface Agreement {
  readonly criteria: { readonly agree: number; readonly rows: number };
  readonly all: { readonly agree: number; readonly rows: number };
  readonly uncertain: number;
  /** Rows that disagree: code on the sheet, the lead chosen, the staff's text. */
  readonly misses: ReadonlyArray<string>;
}

/** Fields 3 ↔ 4 and 6 ↔ 7 swapped; within each field the criteria numbered in reverse. */
export function renumber(code: string, criteriaPerField: ReadonlyMap<string, number>): string {
  const parts = code.split(".");
  const f = parts[0]!;
  const swapped = ({ "3": "4", "4": "3", "6": "7", "7": "6" } as Record<string, string>)[f] ?? f;
  if (parts.length === 1) return swapped;
  const count = criteriaPerField.get(f) ?? 0;
  return [swapped, String(count + 1 - Number(parts[1])), ...parts.slice(2)].join(".");
}

function staffTexts(a: RecognizedSheet): Map<string, string> {
  return new Map(a.body.items.filter((i) => i.responsibility !== "").map((i) => [i.code, i.responsibility]));
}

/** The Hà Nam appendix rebuilt with other codes (same names, points, order by the new codes) and no "Thực hiện". */
export function renumberedGrid(a: RecognizedSheet): { grid: Grid; codeOf: Map<string, string> } {
  const perField = new Map<string, number>();
  for (const it of a.body.items) if (it.level === "criterion") perField.set(it.code.split(".")[0]!, (perField.get(it.code.split(".")[0]!) ?? 0) + 1);
  const codeOf = new Map(a.body.items.map((it) => [it.code, renumber(it.code, perField)]));
  const cols = [a.layout.max, ...a.layout.scores.map((s) => s.col), ...a.layout.targets.map((t) => t.col)].filter((c): c is number => c !== null);
  const rows = a.body.items
    .map((it) => ({ code: codeOf.get(it.code)!, row: [codeOf.get(it.code)!, it.name, ...cols.map((c) => numberOf(it.points.get(c) ?? { kind: "blank" }) ?? null), null] }))
    .sort((x, y) => x.code.localeCompare(y.code, "en", { numeric: true }))
    .map((r) => r.row);
  const header = [a.layout.headers[a.layout.code] ?? "Stt", a.layout.headers[a.layout.name] ?? "Tiêu chí", ...cols.map((c) => a.layout.headers[c] ?? ""), "Thực hiện"];
  return { grid: gridFromValues("Phụ lục", [header, ...rows]), codeOf };
}

type Chooser = typeof chooseRule;
/** The matching before rules followed meaning: code, then prefix, then names (for the figures "before"). */
const codesFirst: Chooser = (rules, item, ancestors) => {
  const m = matchRule(rules, item, ancestors);
  return m ? { kind: "match", match: m, confidence: "high" } : { kind: "none" };
};

function measure(a: RecognizedSheet, staff: ReadonlyMap<string, string>, originalOf: ReadonlyMap<string, string>, rules: ResponsibilityCatalogue, choose: Chooser = chooseRule): Agreement {
  const byCode = new Map(a.body.items.map((i) => [i.code, i]));
  const counts = { criteria: { agree: 0, rows: 0 }, all: { agree: 0, rows: 0 } };
  let uncertain = 0;
  const misses: string[] = [];
  for (const it of a.body.items) {
    const text = staff.get(originalOf.get(it.code) ?? it.code);
    if (text === undefined) continue;
    const choice = choose(rules, it, ancestorsOf(it.code, byCode), a.set);
    if (choice.kind === "uncertain") uncertain++;
    const lead = choice.kind === "match" ? choice.match.rule.lead : null;
    const agree = lead !== null && fold(text.replace(/^[-–]\s*/, "")).startsWith(fold(lead));
    counts.all.rows++;
    if (agree) counts.all.agree++;
    else if (it.level !== "criterion") misses.push(`  ${it.code}: ${lead ?? choice.kind} | ${text.slice(0, 60)}`);
    if (it.level === "criterion") {
      counts.criteria.rows++;
      if (agree) counts.criteria.agree++;
      else misses.push(`${it.code}: ${lead ?? choice.kind} | ${text.slice(0, 60)}`);
    }
  }
  return { ...counts, uncertain, misses };
}

export function fillAgreement(root: string = join(__dirname, "..", "..", "..")): { original: Agreement; renumbered: Agreement; renumberedCodesFirst: Agreement } {
  const grid = readGrids(new Uint8Array(readFileSync(join(root, "samples", "ha-nam-1800-2019.xlsx"))))[0]!;
  const a = analyzeSheet(grid, { criteriaSets: BUILTIN_SETS, rules: BUILTIN_RULES });
  if (!a.recognized) throw new Error("the Hà Nam sample is not recognised");
  const staff = staffTexts(a);
  const original = measure(a, staff, new Map(), BUILTIN_RULES);
  const { grid: moved, codeOf } = renumberedGrid(a);
  const b = analyzeSheet(moved, { criteriaSets: BUILTIN_SETS, rules: BUILTIN_RULES });
  if (!b.recognized) throw new Error("the renumbered copy is not recognised");
  const originalOf = new Map([...codeOf].map(([o, n]) => [n, o]));
  return { original, renumbered: measure(b, staff, originalOf, BUILTIN_RULES), renumberedCodesFirst: measure(b, staff, originalOf, BUILTIN_RULES, codesFirst) };
}

if (require.main === module) {
  const r = fillAgreement();
  const pct = (x: { agree: number; rows: number }) => `${((100 * x.agree) / x.rows).toFixed(1)} % (${x.agree}/${x.rows})`;
  for (const [k, v] of Object.entries(r)) {
    console.log(`${k}: criteria ${pct(v.criteria)}, every filled row ${pct(v.all)}, uncertain ${v.uncertain}`);
    for (const m of v.misses) console.log(`  ${m}`);
  }
}
