/**
 * The built-in catalogues: criteria sets (sets.ts) and the "Thực hiện" catalogue (rules.ts), data in the JSON files
 * beside them. Two modules, so that the task pane can load the second when it first reads a sheet.
 */
export { BUILTIN_SETS } from "./sets";
export { BUILTIN_RULE_CATALOGUES, BUILTIN_RULES } from "./rules";
