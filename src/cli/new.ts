/**
 * `phuluc new --criteria <set> --year N [--from last-year.xlsx] -o plan.xlsx`: a new appendix for the province's
 * plan, in the official layout, with parents and the total as SUM formulas (see core/newAppendix.ts).
 */
import { basename } from "node:path";
import type { CriteriaSet } from "../core/criteria";
import { newAppendix } from "../core/newAppendix";
import type { ResponsibilityCatalogue } from "../core/responsibility";
import { setProblemMessage, type Translator } from "../i18n";
import { newWorkbook } from "../host/xlsx/create";
import type { NewCommand } from "./args";
import { appendixOf } from "./compare";
import { refusalMessage } from "./criteria";
import { parseCriteriaSet, plainSetData } from "../core/criteria";
import { writeNewFile } from "./files";
import { safeJson, terminalSafe } from "./output";

interface Io {
  stdout(s: string): void;
  stderr(s: string): void;
}

export async function runNew(cmd: NewCommand, io: Io, tr: Translator, set: CriteriaSet, sets: ReadonlyArray<CriteriaSet>, rules: ResponsibilityCatalogue): Promise<number> {
  const year = cmd.year!;
  let previous;
  if (cmd.from !== undefined) {
    const a = await appendixOf(cmd.from, cmd.sheet, sets, tr);
    if (typeof a === "string") {
      io.stderr(`${terminalSafe(`${cmd.from}: ${a}`)}\n`);
      return 1;
    }
    previous = a;
  }
  const built = newAppendix({ set, year, targetYears: cmd.targets, ...(cmd.province !== undefined ? { province: cmd.province } : {}), ...(previous ? { previous } : {}), rules });
  const bytes = newWorkbook([built.sheet], { title: `Phụ lục — ${set.title}` });
  const w = await writeNewFile(cmd.output!, bytes, { overwrite: cmd.overwrite, inputs: cmd.from !== undefined ? [cmd.from] : [] });
  if ("reason" in w) {
    io.stderr(`${terminalSafe(refusalMessage(tr, w))}\n`);
    return 1;
  }
  const byName = built.scored.filter((s) => s.how === "name");
  // A set whose parents do not add up: the appendix's SUM formulas give the sum, which the set's own max contradicts.
  const parsed = parseCriteriaSet(plainSetData(set));
  const slips = parsed.ok ? parsed.warnings.map((w) => `${tr.t("severity.warning")} ${setProblemMessage(tr, w)} ${tr.t("cli.new.slip")}`) : [];
  if (cmd.json) {
    io.stdout(
      `${safeJson(
        { file: cmd.output, criteriaSet: set.id, setWarnings: parsed.ok ? parsed.warnings.map((w) => setProblemMessage(tr, w)) : [], year, targets: Array.from({ length: cmd.targets }, (_, i) => year + 1 + i), items: set.items.length, totals: built.totals, scored: built.scored, unmatchedSet: built.unmatchedSet, unmatchedPrevious: built.unmatchedPrevious, unfilled: built.unfilled },
        2,
      )}\n`,
    );
    return 0;
  }
  const lines = [
    ...slips,
    tr.t("cli.new.done", { file: cmd.output!, items: set.items.length, title: set.title, year: String(year), targets: Array.from({ length: cmd.targets }, (_, i) => year + 1 + i).join(", ") || "—" }),
  ];
  if (cmd.from !== undefined) {
    lines.push(tr.t("cli.new.scored", { year: String(year), from: basename(cmd.from), count: built.scored.length - byName.length, byName: byName.length, total: built.totals[1] ?? 0 }));
    for (const s of byName) lines.push(`  ${tr.t("cli.new.paired", { code: s.code, fromCode: s.fromCode, percent: Math.round(s.similarity * 100) })}`);
    if (built.unmatchedSet.length > 0) lines.push(tr.t("cli.new.unmatched-set", { codes: built.unmatchedSet.join(", ") }));
    if (built.unmatchedPrevious.length > 0) lines.push(tr.t("cli.new.unmatched-previous", { codes: built.unmatchedPrevious.join(", ") }));
  }
  if (built.unfilled.length > 0) lines.push(tr.t("cli.new.unfilled", { codes: built.unfilled.join(", ") }));
  lines.push(tr.t("cli.new.next", { file: cmd.output! }));
  io.stdout(`${terminalSafe(lines.join("\n"))}\n`);
  return 0;
}
