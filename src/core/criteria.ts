import * as z from "zod/mini";
import { codeDepth, compareCodes, parentCode } from "./codes";
import { jsonPath } from "./jsonPath";
import { POINT_TOLERANCE, samePoints, sumPoints } from "./numbers";
import { similarity } from "./text";
import type { Item, ItemLevel } from "./body";

export const CriteriaItemSchema = z.object({
  code: z.string().check(z.regex(/^\d{1,3}(\.\d{1,3}){0,4}$/, { error: 'mã phải có dạng "1", "1.1" hoặc "1.1.1"' })),
  name: z.string().check(z.trim(), z.minLength(1)),
  maxPoints: z.number().check(z.nonnegative()),
  level: z.enum(["field", "criterion", "sub"]),
  survey: z._default(z.boolean(), false),
  /**
   * Not every unit is assessed on it (units without administrative procedures skip a field, say): the checker then
   * expects it present, absent, or marked "không đánh giá", and the max of its parents and of the total reduced by
   * its max when it is absent.
   */
  optional: z.optional(z.boolean()),
});

export const CriteriaSetSchema = z.object({
  id: z.string().check(z.trim(), z.minLength(1), z.regex(/^[A-Za-z0-9._-]+$/, { error: "id chỉ gồm chữ không dấu, số, dấu chấm, gạch" })),
  title: z.string().check(z.trim(), z.minLength(1)),
  legalBasis: z._default(z.string(), ""),
  years: z._default(z.array(z.int().check(z.gte(1990), z.lte(2100))), []),
  /** The level of unit the set assesses: a province, a department (sở), a district (huyện), a commune (xã). */
  unitLevel: z.optional(z.enum(["tinh", "so", "huyen", "xa"])),
  totalPoints: z.number().check(z.positive()),
  /** Bonus points allowed outside the total ("Điểm thưởng"), and the most a penalty ("Điểm trừ") may take off. */
  bonusMax: z.optional(z.number().check(z.nonnegative())),
  penaltyMax: z.optional(z.number().check(z.nonnegative())),
  items: z.array(CriteriaItemSchema).check(z.minLength(1)),
});

export type CriteriaItem = z.infer<typeof CriteriaItemSchema>;
export type CriteriaSetData = z.infer<typeof CriteriaSetSchema>;

/** A criteria set with its lookups built once. */
export interface CriteriaSet extends CriteriaSetData {
  readonly byCode: ReadonlyMap<string, CriteriaItem>;
  readonly childrenOf: ReadonlyMap<string, ReadonlyArray<CriteriaItem>>;
  readonly fields: ReadonlyArray<CriteriaItem>;
}

/** A problem in a criteria set file, located by its JSON path ("items[12].maxPoints"). */
export interface SetProblem {
  readonly path: string;
  readonly key:
    | "set.schema"
    | "set.duplicate-code"
    | "set.level-depth"
    | "set.missing-parent"
    | "set.parent-sum"
    | "set.total";
  readonly params: Readonly<Record<string, string | number>>;
}

export type SetParseResult =
  /** `warnings`: parents whose children do not add up, fields that do not reach the total. Official sets have such
   * slips, so they do not stop a set from being used; the built-in sets have none. */
  | { readonly ok: true; readonly set: CriteriaSet; readonly warnings: ReadonlyArray<SetProblem> }
  | { readonly ok: false; readonly problems: ReadonlyArray<SetProblem> };

const LEVEL_DEPTH: Readonly<Record<ItemLevel, number>> = { field: 1, criterion: 2, sub: 3 };

/**
 * Parse and check a criteria set: the schema and its structure (errors), then its arithmetic (every parent equals the
 * sum of its children, the fields sum to the total: warnings). `localeError` renders zod's own messages (pass zod's "vi" locale for Vietnamese).
 */
export function parseCriteriaSet(input: unknown, localeError?: z.core.$ZodErrorMap): SetParseResult {
  const parsed = localeError ? CriteriaSetSchema.safeParse(input, { error: localeError }) : CriteriaSetSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => ({ path: jsonPath(i.path), key: "set.schema", params: { detail: i.message } })),
    };
  }
  const data = parsed.data;
  const problems: SetProblem[] = [];
  const warnings: SetProblem[] = [];
  const byCode = new Map<string, CriteriaItem>();
  data.items.forEach((it, i) => {
    if (byCode.has(it.code)) problems.push({ path: `items[${i}].code`, key: "set.duplicate-code", params: { code: it.code } });
    else byCode.set(it.code, it);
    const depth = codeDepth(it.code);
    if (Math.min(depth, 3) !== LEVEL_DEPTH[it.level]) {
      problems.push({ path: `items[${i}].level`, key: "set.level-depth", params: { code: it.code, level: it.level } });
    }
  });
  const childrenOf = new Map<string, CriteriaItem[]>();
  data.items.forEach((it, i) => {
    const p = parentCode(it.code);
    if (p === undefined) return;
    if (!byCode.has(p)) problems.push({ path: `items[${i}].code`, key: "set.missing-parent", params: { code: it.code, parent: p } });
    const list = childrenOf.get(p);
    if (list) list.push(it);
    else childrenOf.set(p, [it]);
  });
  data.items.forEach((it, i) => {
    const children = childrenOf.get(it.code);
    if (!children) return;
    const sum = sumPoints(children.map((c) => c.maxPoints));
    if (!samePoints(sum, it.maxPoints)) {
      warnings.push({ path: `items[${i}].maxPoints`, key: "set.parent-sum", params: { code: it.code, max: it.maxPoints, sum } });
    }
  });
  const fields = data.items.filter((it) => parentCode(it.code) === undefined);
  const fieldSum = sumPoints(fields.map((f) => f.maxPoints));
  if (Math.abs(fieldSum - data.totalPoints) > POINT_TOLERANCE) {
    warnings.push({ path: "totalPoints", key: "set.total", params: { total: data.totalPoints, sum: fieldSum } });
  }
  if (problems.length > 0) return { ok: false, problems };
  // Code order, whatever the file's order: findings about missing items come out in reading order.
  const items = [...data.items].sort((a, b) => compareCodes(a.code, b.code));
  return { ok: true, set: { ...data, items, byCode, childrenOf, fields }, warnings };
}

/** The plain data of a set (without its lookups), as stored in JSON and in the document's settings. */
export function plainSetData(set: CriteriaSet | CriteriaSetData): CriteriaSetData {
  const { byCode: _b, childrenOf: _c, fields: _f, ...plain } = set as CriteriaSet;
  return plain;
}

export interface SetMatch {
  readonly set: CriteriaSet;
  /** Share of the sheet's codes that the set knows. */
  readonly codeMatch: number;
  /** Mean name similarity over the shared codes. */
  readonly nameMatch: number;
  readonly yearMatch: boolean;
  readonly score: number;
}

/** How well a set fits the sheet's items: codes first, then names, then the score year. */
export function matchSet(set: CriteriaSet, items: ReadonlyArray<Item>, scoreYears: ReadonlyArray<number>): SetMatch {
  let shared = 0;
  let simSum = 0;
  const unique = items.filter((i) => i.duplicateOf === undefined);
  for (const it of unique) {
    const ref = set.byCode.get(it.code);
    if (!ref) continue;
    shared++;
    simSum += similarity(it.name, ref.name);
  }
  const codeMatch = unique.length === 0 ? 0 : shared / unique.length;
  const coverage = set.items.length === 0 ? 0 : shared / set.items.length;
  const nameMatch = shared === 0 ? 0 : simSum / shared;
  const yearMatch = scoreYears.some((y) => set.years.includes(y));
  const score = 0.45 * codeMatch + 0.15 * coverage + 0.3 * nameMatch + (yearMatch ? 0.1 : 0);
  return { set, codeMatch, nameMatch, yearMatch, score };
}

/** Thresholds below which no set fits and only the structural checks run. */
export const MIN_CODE_MATCH = 0.6;
export const MIN_NAME_MATCH = 0.55;

export type SetChoice =
  | { readonly kind: "forced"; readonly match: SetMatch }
  | { readonly kind: "matched"; readonly match: SetMatch; readonly others: ReadonlyArray<SetMatch> }
  | { readonly kind: "none"; readonly best: SetMatch | null; readonly like?: KnownStructure }
  | { readonly kind: "forced-unknown"; readonly id: string };

export function chooseCriteriaSet(
  sets: ReadonlyArray<CriteriaSet>,
  items: ReadonlyArray<Item>,
  scoreYears: ReadonlyArray<number>,
  forcedId?: string,
): SetChoice {
  if (forcedId !== undefined && forcedId !== "") {
    const forced = sets.find((s) => s.id === forcedId);
    if (!forced) return { kind: "forced-unknown", id: forcedId };
    return { kind: "forced", match: matchSet(forced, items, scoreYears) };
  }
  const matches = sets.map((s) => matchSet(s, items, scoreYears)).sort((a, b) => b.score - a.score);
  const best = matches[0];
  if (!best) return { kind: "none", best: null };
  if (best.codeMatch < MIN_CODE_MATCH || best.nameMatch < MIN_NAME_MATCH) return { kind: "none", best };
  return { kind: "matched", match: best, others: matches.slice(1) };
}

/**
 * Official sets the product cannot ship (their tables are not available to us), known only by their shape: how many
 * fields, criteria and sub-criteria they have. When no set fits a sheet, the explanation says which of these its
 * shape is like, and how to bring that set in. Counts only: never invented items.
 */
export interface KnownStructure {
  readonly title: string;
  readonly fields: number;
  readonly criteria: number;
  readonly subs: number;
}

export const KNOWN_STRUCTURES: ReadonlyArray<KnownStructure> = [
  // Quyết định 876/QĐ-BNV (2022), provincial level: 8 fields, 37 criteria, 88 sub-criteria (32 of 100 points by survey).
  { title: "876/QĐ-BNV năm 2022 (cấp tỉnh)", fields: 8, criteria: 37, subs: 88 },
];

/** The known structure a sheet's counts are like: the same fields, and criteria and sub-criteria within 10 %. */
export function likeStructure(counts: { readonly fields: number; readonly criteria: number; readonly subs: number }, known: ReadonlyArray<KnownStructure> = KNOWN_STRUCTURES): KnownStructure | undefined {
  const near = (a: number, b: number): boolean => Math.abs(a - b) <= Math.max(1, Math.round(b * 0.1));
  return known.find((k) => k.fields === counts.fields && near(counts.criteria, k.criteria) && near(counts.subs, k.subs));
}
