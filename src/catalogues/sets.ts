import { type CriteriaSet, parseCriteriaSet } from "../core/criteria";
import parTinh2018 from "./criteria/par-tinh-2636-2018.json";

/**
 * The built-in criteria sets, parsed with zod once at start-up. They are data (JSON files beside this one); a broken
 * edit fails here, loudly, and in the catalogue tests.
 */
function loadSet(data: unknown, file: string): CriteriaSet {
  const r = parseCriteriaSet(data);
  if (!r.ok) throw new Error(`Built-in criteria set ${file} is invalid: ${JSON.stringify(r.problems)}`);
  if (r.warnings.length > 0) throw new Error(`Built-in criteria set ${file} does not add up: ${JSON.stringify(r.warnings)}`);
  return r.set;
}

export const BUILTIN_SETS: ReadonlyArray<CriteriaSet> = [loadSet(parTinh2018, "criteria/par-tinh-2636-2018.json")];
