import { parseResponsibilityCatalogue, type ResponsibilityCatalogue } from "../core/responsibility";
import rules2018 from "./rules/trach-nhiem-par-tinh-2018.json";

/**
 * The built-in "Thực hiện" catalogue, parsed with zod once when loaded (the task pane loads it beside its first read
 * of the sheet, not in its first download). A broken edit fails here, loudly, and in the catalogue tests.
 */
export const BUILTIN_RULES: ResponsibilityCatalogue = (() => {
  const r = parseResponsibilityCatalogue(rules2018);
  if (!r.ok) throw new Error(`Built-in rules catalogue is invalid: ${r.problems.join("; ")}`);
  return r.catalogue;
})();

export const BUILTIN_RULE_CATALOGUES: ReadonlyArray<ResponsibilityCatalogue> = [BUILTIN_RULES];
