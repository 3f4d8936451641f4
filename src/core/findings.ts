/**
 * Findings are data: a stable rule id, a severity, where, what was expected and what was found, and a message key
 * with its parameters. Messages are rendered at the edge (src/i18n), never here.
 */

export type Severity = "error" | "warning" | "info";

/** The rule ids are a contract: the CLI's JSON and the add-in use them. Add new ones; never rename. */
export const RULES = {
  "not-a-number": { severity: "error" },
  "number-as-text": { severity: "warning" },
  "formula-error": { severity: "error" },
  "formula-no-result": { severity: "warning" },
  negative: { severity: "error" },
  "over-max": { severity: "error" },
  "max-mismatch": { severity: "error" },
  "sum-mismatch": { severity: "error" },
  "sum-formula-skips": { severity: "warning" },
  "total-mismatch": { severity: "error" },
  "missing-total": { severity: "info" },
  "missing-criterion": { severity: "warning" },
  "unknown-criterion": { severity: "warning" },
  "duplicate-code": { severity: "error" },
  "name-mismatch": { severity: "info" },
  "target-below-score": { severity: "warning" },
  "blank-score": { severity: "warning" },
  "orphan-row": { severity: "warning" },
  "code-as-number": { severity: "info" },
  "part-sum-mismatch": { severity: "warning" },
  "legacy-encoding": { severity: "info" },
  "ambiguous-columns": { severity: "warning" },
  "percent-score": { severity: "info" },
  "not-assessed": { severity: "info" },
  "unread-column": { severity: "warning" },
  "group-sum-mismatch": { severity: "error" },
} as const satisfies Record<string, { severity: Severity }>;

export type RuleId = keyof typeof RULES;

export const RULE_IDS = Object.keys(RULES) as RuleId[];

export type ParamValue = string | number;

export interface Finding {
  readonly rule: RuleId;
  readonly severity: Severity;
  /** The official code of the criterion concerned, or null (a total row, a row without code). */
  readonly code: string | null;
  /** 0-based row and column of the cell concerned, or null when the finding has no cell. */
  readonly row: number | null;
  readonly col: number | null;
  /** The sheet of the cell, when the appendix runs over several sheets (else the analysis's own sheet). */
  readonly sheet?: string;
  readonly expected: number | string | null;
  readonly actual: number | string | null;
  /** A key of the message catalogue: "finding.<rule>" or one of its variants ("finding.sum-mismatch.missing-exact"). */
  readonly messageKey: string;
  readonly params: Readonly<Record<string, ParamValue>>;
}

export function finding(
  rule: RuleId,
  at: { code?: string | null; row?: number | null; col?: number | null },
  values: { expected?: number | string | null; actual?: number | string | null },
  params: Record<string, ParamValue> = {},
  variant?: string,
): Finding {
  return {
    rule,
    severity: RULES[rule].severity,
    code: at.code ?? null,
    row: at.row ?? null,
    col: at.col ?? null,
    expected: values.expected ?? null,
    actual: values.actual ?? null,
    messageKey: variant ? `finding.${rule}.${variant}` : `finding.${rule}`,
    params,
  };
}

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** Errors first, then by row, then by column: the order a reviewer walks the sheet. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    (a.row ?? Number.MAX_SAFE_INTEGER) - (b.row ?? Number.MAX_SAFE_INTEGER) ||
    (a.col ?? 0) - (b.col ?? 0)
  );
}

export function countBySeverity(findings: ReadonlyArray<Finding>): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
