import * as z from "zod/mini";
import type { Body, Item } from "./body";
import { ancestorsOf, codeDepth, parentCode } from "./codes";
import { jsonPath } from "./jsonPath";
import type { ItemStatus, StatusInfo } from "./belowTarget";
import type { MergedArea } from "./grid";
import type { Layout } from "./layout";
import type { CriteriaSet } from "./criteria";
import { cleanText, fold, memoised, similarity } from "./text";

/**
 * The rules catalogue for the "Thực hiện" (responsibility) column: which agency leads a criterion, which support
 * it, and what the text says when the criterion is met or below target.
 */
const Code = z.string().check(z.regex(/^\d+(\.\d+)*$/));
const Text = z.string().check(z.trim(), z.minLength(1));

export const ResponsibilityRuleSchema = z.strictObject({
  id: Text,
  match: z
    .object({
      /** Exact official codes: the most specific match. */
      codes: z._default(z.array(Code), []),
      /** A code and everything under it ("3.2" covers 3.2.1 ... 3.2.5). */
      prefixes: z._default(z.array(Code), []),
      /** Phrases of the criterion name (case and diacritics ignored); any one matches. Survives a new criteria set. */
      keywords: z._default(z.array(z.string().check(z.trim(), z.minLength(2))), []),
    })
    .check(z.refine((m) => m.codes.length + m.prefixes.length + m.keywords.length > 0, { error: "cần ít nhất một trong codes, prefixes, keywords" })),
  lead: Text,
  support: z._default(z.array(Text), []),
  /**
   * Template when the criterion is met: placeholders {lead}, {support}, {name}, {code}, {score}, {target};
   * "[...]" is dropped when a placeholder inside it is empty.
   */
  met: Text,
  /** Template when it is below target. */
  below: Text,
  /** Where the assignment comes from (a document and its section). */
  source: z._default(z.string(), ""),
});

export const ResponsibilityCatalogueSchema = z.object({
  id: Text,
  title: Text,
  description: z._default(z.string(), ""),
  /** Template when an item has no score to compare (status unknown). */
  neutral: z._default(Text, "{lead} chủ trì[, phối hợp {support}] thực hiện"),
  /**
   * Criteria sets (ids) whose codes the rules' `codes` and `prefixes` are written for. On any other set the codes
   * mean other things, so rules match by the names of the item and its ancestors only. Empty: any set.
   */
  criteriaSets: z._default(z.array(Text), []),
  /** Templates for survey-scored items (their result is the people's judgement, not the agency's output). */
  surveyMet: z._default(Text, "{lead} chủ trì[, phối hợp {support}] tiếp tục duy trì, nâng cao mức độ hài lòng của người dân, tổ chức về {name} (đánh giá qua điều tra xã hội học)"),
  surveyBelow: z._default(Text, "{lead} chủ trì[, phối hợp {support}] có giải pháp nâng cao mức độ hài lòng của người dân, tổ chức về {name} (đánh giá qua điều tra xã hội học)"),
  rules: z.array(ResponsibilityRuleSchema).check(z.minLength(1)),
});

/**
 * Parse a "Thực hiện" catalogue (a user's file). Problems are "path: message" lines; `localeError` renders zod's
 * own messages in the user's language.
 */
export function parseResponsibilityCatalogue(
  input: unknown,
  localeError?: z.core.$ZodErrorMap,
): { readonly ok: true; readonly catalogue: ResponsibilityCatalogue } | { readonly ok: false; readonly problems: ReadonlyArray<string> } {
  const r = localeError ? ResponsibilityCatalogueSchema.safeParse(input, { error: localeError }) : ResponsibilityCatalogueSchema.safeParse(input);
  return r.success ? { ok: true, catalogue: r.data } : { ok: false, problems: r.error.issues.map((i) => `${jsonPath(i.path)}: ${i.message}`) };
}

export type ResponsibilityRule = z.infer<typeof ResponsibilityRuleSchema>;
export type ResponsibilityCatalogue = z.infer<typeof ResponsibilityCatalogueSchema>;

export interface RuleMatch {
  readonly rule: ResponsibilityRule;
  readonly how: "code" | "prefix" | "keyword" | "ancestor-keyword";
  readonly specificity: number;
}

interface CompiledRule {
  readonly rule: ResponsibilityRule;
  /** Keywords folded once, padded with spaces so that they match whole words only. */
  readonly keywords: ReadonlyArray<{ readonly key: string; readonly words: number }>;
}

interface CompiledCatalogue {
  readonly rules: ReadonlyArray<CompiledRule>;
  /** Rules by exact code and by prefix, in catalogue order. */
  readonly byCode: ReadonlyMap<string, ReadonlyArray<ResponsibilityRule>>;
  readonly byPrefix: ReadonlyMap<string, ReadonlyArray<ResponsibilityRule>>;
  /** Every rule's keywords in one list, in catalogue order. */
  readonly keywords: ReadonlyArray<{ readonly rule: ResponsibilityRule; readonly key: string; readonly words: number }>;
  /** Folded names met, and the keywords each holds (see keywordsIn). */
  readonly namesSeen: Map<string, ReadonlyArray<number>>;
  /** Keywords by their first word (a key ` a b ` can only be in a name that has the word `a`). */
  readonly byFirstWord: ReadonlyMap<string, ReadonlyArray<number>>;
  /** Keywords without a plain first word (not single-spaced): tried against every name. */
  readonly anyWord: ReadonlyArray<number>;
}

const compiled = new WeakMap<ResponsibilityCatalogue, CompiledCatalogue>();

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Index a catalogue once: codes and prefixes by code, keywords folded (matching runs once per item). */
function compile(catalogue: ResponsibilityCatalogue): CompiledCatalogue {
  let c = compiled.get(catalogue);
  if (!c) {
    const byCode = new Map<string, ResponsibilityRule[]>();
    const byPrefix = new Map<string, ResponsibilityRule[]>();
    const rules = catalogue.rules.map((rule) => {
      for (const code of rule.match.codes) push(byCode, code, rule);
      for (const p of rule.match.prefixes) push(byPrefix, p, rule);
      return {
        rule,
        keywords: rule.match.keywords.map((k) => {
          const f = fold(k);
          return { key: ` ${f} `, words: f.split(" ").length };
        }),
      };
    });
    const keywords = rules.flatMap(({ rule, keywords: ks }) => ks.map((k) => ({ rule, ...k })));
    const byFirstWord = new Map<string, number[]>();
    const anyWord: number[] = [];
    keywords.forEach((k, i) => {
      const first = k.key.slice(1).split(" ")[0] ?? "";
      if (first === "" || k.key.includes("  ")) anyWord.push(i);
      else push(byFirstWord, first, i);
    });
    c = { rules, byCode, byPrefix, keywords, namesSeen: new Map(), byFirstWord, anyWord };
    compiled.set(catalogue, c);
  }
  return c;
}

/**
 * The most specific rule for an item: an exact code beats a code prefix (longer prefixes first), which beats a
 * keyword of the item's own name, which beats a keyword of an ancestor's name. Ties go to the earlier rule.
 */
export function matchRule(
  catalogue: ResponsibilityCatalogue,
  item: { code: string; name: string },
  ancestors: ReadonlyArray<{ code: string; name: string }> = [],
): RuleMatch | undefined {
  return matchByCode(catalogue, item.code) ?? matchByName(catalogue, item, ancestors);
}

function matchByCode(catalogue: ResponsibilityCatalogue, code: string): RuleMatch | undefined {
  const c = compile(catalogue);
  const exact = c.byCode.get(code)?.[0];
  if (exact) return { rule: exact, how: "code", specificity: 1000 + codeDepth(code) };
  // The longest prefix first: "3.2.5", then "3.2", then "3".
  for (let p: string | undefined = code; p !== undefined; p = parentCode(p)) {
    const rule = c.byPrefix.get(p)?.[0];
    if (rule) return { rule, how: "prefix", specificity: 100 + codeDepth(p) * 10 };
  }
  return undefined;
}

/** The keywords (indexes into the catalogue's flat list, in order) that a folded, space-padded name contains. */
function keywordsIn(c: CompiledCatalogue, name: string): ReadonlyArray<number> {
  let hit = c.namesSeen.get(name);
  if (!hit) {
    // Only the keywords that start with one of the name's words can be in it (see byFirstWord): the same list as
    // trying every keyword, in the same order.
    const found: number[] = [];
    const tried = new Set<number>();
    const attempt = (i: number): void => {
      if (tried.has(i)) return;
      tried.add(i);
      if (name.includes((c.keywords[i] as CompiledCatalogue["keywords"][number]).key)) found.push(i);
    };
    for (const i of c.anyWord) attempt(i);
    for (const word of name.split(" ")) for (const i of c.byFirstWord.get(word) ?? []) attempt(i);
    hit = found.sort((a, b) => a - b);
    // Ancestors' names come back for every item below them; the cache is bounded by the names of one sheet or so.
    if (c.namesSeen.size > 50_000) c.namesSeen.clear();
    c.namesSeen.set(name, hit);
  }
  return hit;
}

/** The keywords of `catalogue` in a name, as [rule id, keyword as folded] in catalogue order (for tests). */
export function keywordsOfName(catalogue: ResponsibilityCatalogue, name: string): Array<[string, string]> {
  const c = compile(catalogue);
  return keywordsIn(c, ` ${fold(name)} `).map((i) => {
    const k = c.keywords[i] as CompiledCatalogue["keywords"][number];
    return [k.rule.id, k.key.trim()];
  });
}

function matchByName(catalogue: ResponsibilityCatalogue, item: { code: string; name: string }, ancestors: ReadonlyArray<{ code: string; name: string }>): RuleMatch | undefined {
  const c = compile(catalogue);
  // Codes say nothing: look at the names. Keywords in catalogue order (rules, then each rule's keywords).
  const ownHits = keywordsIn(c, ` ${fold(item.name)} `);
  const own: RuleMatch[] = ownHits.map((i) => {
    const k = c.keywords[i] as CompiledCatalogue["keywords"][number];
    return { rule: k.rule, how: "keyword", specificity: 50 + k.words };
  });
  // A keyword not in the item's own name counts from the first ancestor (in list order) whose name holds it.
  const ownSet = new Set(ownHits);
  const firstAncestor = new Map<number, number>();
  ancestors.forEach((a, n) => {
    for (const i of keywordsIn(c, ` ${fold(a.name)} `)) if (!ownSet.has(i) && !firstAncestor.has(i)) firstAncestor.set(i, n);
  });
  let fromAncestor: RuleMatch | undefined;
  for (const i of [...firstAncestor.keys()].sort((x, y) => x - y)) {
    const k = c.keywords[i] as CompiledCatalogue["keywords"][number];
    // Nearer ancestors (the end of the list) are more specific than farther ones.
    const m: RuleMatch = { rule: k.rule, how: "ancestor-keyword", specificity: 10 + (firstAncestor.get(i) as number) + k.words / 100 };
    if (!fromAncestor || m.specificity > fromAncestor.specificity) fromAncestor = m;
  }
  if (own.length === 0) return fromAncestor;
  // The longest keyword of the item's own name wins; between equals, the one whose agency the item's ancestors
  // point to ("… TTHC qua dịch vụ bưu chính công ích" under e-government is the post's, not the one-stop shop's).
  const top = Math.max(...own.map((m) => m.specificity));
  const best = own.filter((m) => m.specificity === top);
  return (fromAncestor && best.find((m) => m.rule.lead === fromAncestor!.rule.lead)) ?? best[0];
}

/** An item's name that is at least this similar to the set's name for its code: the code means what it says. */
export const CODE_NAME_AGREES = 0.6;

export type RuleChoice =
  | { readonly kind: "match"; readonly match: RuleMatch; readonly confidence: Confidence; readonly overrode?: string }
  | { readonly kind: "uncertain"; readonly match: RuleMatch; readonly setName: string }
  | { readonly kind: "none" };

/**
 * The rule for an item, following its meaning rather than its numbering. A rule's codes count only on the criteria
 * sets the catalogue names (or on any set, for a catalogue that names none), and only when the item's name is the
 * set's name for that code; where the name says otherwise, the rule its name (or an ancestor's) points to wins, and
 * when no name points anywhere the item is uncertain: said, never filled.
 */
export function chooseRule(
  catalogue: ResponsibilityCatalogue,
  item: { code: string; name: string },
  ancestors: ReadonlyArray<{ code: string; name: string }>,
  set: CriteriaSet | null | undefined,
): RuleChoice {
  const codesValid = catalogue.criteriaSets.length === 0 || (set != null && catalogue.criteriaSets.includes(set.id));
  const byCode = codesValid ? matchByCode(catalogue, item.code) : undefined;
  const nameConfidence = (m: RuleMatch): Confidence => (m.how === "keyword" ? "medium" : "low");
  if (byCode) {
    const ref = set?.byCode.get(item.code);
    // The usual case, the set's own item: decided by its code, without looking at the names.
    if (ref && similarity(item.name, ref.name) >= CODE_NAME_AGREES) return { kind: "match", match: byCode, confidence: "high" };
  }
  const byName = matchByName(catalogue, item, ancestors);
  if (byCode) {
    const ref = set?.byCode.get(item.code);
    if (!byName) return ref ? { kind: "uncertain", match: byCode, setName: ref.name } : { kind: "match", match: byCode, confidence: "medium" };
    // The code and the name agree on the agency: the code's rule is the more specific one.
    if (byName.rule === byCode.rule || byName.rule.lead === byCode.rule.lead) return { kind: "match", match: byCode, confidence: "medium" };
    return { kind: "match", match: byName, confidence: nameConfidence(byName), overrode: byCode.rule.id };
  }
  return byName ? { kind: "match", match: byName, confidence: nameConfidence(byName) } : { kind: "none" };
}

/**
 * Fill the placeholders of a template. A part in square brackets is dropped when a placeholder inside it is empty:
 * "{lead} chủ trì[, phối hợp {support}] thực hiện". Values are plain text; nothing here is ever a formula.
 */
export function renderTemplate(template: string, values: Readonly<Record<string, string>>): string {
  const fill = (part: string): string => part.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
  const withOptional = template.replace(/\[([^\[\]]*)\]/g, (_, inner: string) => {
    const keys = [...inner.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "");
    return keys.some((k) => (values[k] ?? "").trim() === "") ? "" : fill(inner);
  });
  return cleanText(fill(withOptional));
}

/** Which rows get a "Thực hiện" text. */
export type FillScope = "criteria-and-below" | "criteria" | "all";

export interface FillOptions {
  readonly scope?: FillScope;
  /** The criteria set the sheet was matched to: tells whether the rules' codes mean here what they were written for. */
  readonly set?: CriteriaSet | null;
  /** Replace non-empty cells too. Off by default: the user's text is never overwritten silently. */
  readonly overwrite?: boolean;
}

export interface FillEdit {
  readonly code: string;
  readonly row: number;
  readonly col: number;
  /** What the cell holds now ("" when empty). */
  readonly old: string;
  /** The text to write, always as text. */
  readonly value: string;
  readonly ruleId: string;
  readonly how: RuleMatch["how"];
  /** How sure the match is: "high" (code, and the item's name is the set's), "medium" (its own name, or a code the
   * name does not contradict), "low" (an ancestor's name only). */
  readonly confidence: Confidence;
  /** The rule the item's code pointed to, when its name pointed elsewhere and won. */
  readonly overrode?: string;
  /** Where the rule's assignment comes from (a document and its section), "" when the catalogue does not say. */
  readonly source: string;
  readonly status: ItemStatus;
  /** "lead" for the responsibility column, "support" for the "Đơn vị phối hợp" column. */
  readonly target: "lead" | "support";
  /** The cell's sheet, when the appendix runs over several sheets. */
  readonly sheet?: string;
  /** The merged area the cell starts (a field's cell over its criteria's rows): the text wraps in all of it. */
  readonly span?: MergedArea;
}

export type Confidence = "high" | "medium" | "low";

/** An item whose code points to a rule that its name does not bear out, and no name points anywhere: not filled. */
export interface UncertainFill {
  readonly code: string;
  readonly row: number;
  readonly ruleId: string;
  /** The name the criteria set gives that code, which the item's own name does not resemble. */
  readonly setName: string;
}

export interface FillPlan {
  readonly edits: ReadonlyArray<FillEdit>;
  /** Items in scope for which no rule matched (reported, never guessed). */
  readonly unmatched: ReadonlyArray<string>;
  /** Items whose only match is a code that means something else here (reported, never filled). */
  readonly uncertain: ReadonlyArray<UncertainFill>;
  /** Sub-items whose text would repeat their parent's: the parent's row already carries it. */
  readonly sameAsParent: ReadonlyArray<string>;
  /** Items in scope whose cell is not empty and was left alone. */
  readonly keptNonEmpty: ReadonlyArray<string>;
  /**
   * Items in scope whose cell lies inside a merged area it does not start (nothing written there would show), with
   * that area; the area's own text, when it has one, counts as the item's (kept, unless overwriting).
   */
  readonly inMerge: ReadonlyArray<MergedFill>;
}

export interface MergedFill {
  readonly code: string;
  readonly row: number;
  readonly col: number;
  readonly area: MergedArea;
  /** The item whose row starts the area when the area shows a text for it (there, or planned): the row shares it. */
  readonly sharedWith: string | null;
}

function inScope(item: Item, status: ItemStatus, leaf: boolean, survey: boolean, scope: FillScope): boolean {
  switch (scope) {
    case "all":
      return true;
    case "criteria":
      return item.level === "criterion";
    case "criteria-and-below":
      // Every criterion gets its lead agency; a sub-criterion only when it is below target (it then needs its own
      // action) and is not survey-scored (the survey's remedy is written once, on its criterion); fields are
      // headings whose responsibility is their criteria's, as in the official appendices.
      return item.level === "criterion" || (item.level === "sub" && status === "below" && leaf && !survey);
  }
}

/**
 * Plan the "Thực hiện" texts: for each item in scope with an empty cell (or any cell with `overwrite`), the text of
 * the most specific rule for the item's status. Nothing is written here; hosts apply the plan.
 */
export function planFills(
  body: Body,
  layout: Layout,
  statuses: ReadonlyMap<string, StatusInfo>,
  catalogue: ResponsibilityCatalogue,
  options: FillOptions = {},
): FillPlan {
  const scope = options.scope ?? "criteria-and-below";
  const edits: FillEdit[] = [];
  const unmatched: string[] = [];
  const uncertain: UncertainFill[] = [];
  const sameAsParent: string[] = [];
  const kept: string[] = [];
  const inMerge: MergedFill[] = [];
  /** Text planned at "row:col" (a merged area's first cell filled for the rows it covers). */
  const planned = new Map<string, string>();
  if (layout.responsibility === null) return { edits, unmatched, uncertain, sameAsParent, keptNonEmpty: kept, inMerge };
  // The text each item's row carries (planned or already there), so that a child does not repeat its parent's.
  const carried = new Map<string, string>();
  const byCode = new Map(body.items.filter((i) => i.duplicateOf === undefined).map((i) => [i.code, i]));
  // In sheet order: the order a reviewer reads the preview in.
  const items = [...byCode.values()];
  const byRow = new Map(items.map((i) => [i.row, i]));
  for (const item of items) {
    const info = statuses.get(item.code);
    const status = info?.status ?? "unknown";
    // A responsibility cell merged over the rows below it (a field's cell over its criteria) is the only place those
    // rows can get a text: its item is in scope whatever its level.
    const spansRows = item.responsibilitySpan !== undefined && item.responsibilitySpan.bottom > item.row;
    if (!inScope(item, status, info?.leaf ?? true, info?.survey ?? false, scope) && !spansRows) continue;
    const ancestors = ancestorsOf(item.code, byCode);
    const choice = chooseRule(catalogue, item, ancestors, options.set);
    if (choice.kind === "none") {
      unmatched.push(item.code);
      continue;
    }
    if (choice.kind === "uncertain") {
      uncertain.push({ code: item.code, row: item.row, ruleId: choice.match.rule.id, setName: choice.setName });
      continue;
    }
    const { match } = choice;
    const values: Record<string, string> = {
      lead: match.rule.lead,
      support: match.rule.support.join(", "),
      name: midSentence(cleanText(item.name)),
      code: item.code,
      score: info?.score !== undefined ? String(info.score) : "",
      target: info?.target !== undefined ? String(info.target) : "",
    };
    const survey = info?.survey ?? false;
    const surveyText = survey && (status === "below" || status === "met");
    const template = surveyText ? (status === "below" ? catalogue.surveyBelow : catalogue.surveyMet) : status === "below" ? match.rule.below : status === "met" ? match.rule.met : catalogue.neutral;
    // The survey templates say "(đánh giá qua điều tra xã hội học)" themselves: the name's own note is not repeated.
    if (surveyText) values["name"] = (values["name"] ?? "").replace(/\s*\((qua\s+)?(điều tra|khảo sát|đánh giá)[^()]*\)\s*$/iu, "");
    // A column for the lead unit ("Đơn vị chủ trì") gets the agency's name, not a sentence.
    const leadText = layout.responsibilityKind === "unit" ? match.rule.lead : renderTemplate(template, values);
    const parentText = ancestors.length > 0 ? carried.get(ancestors[ancestors.length - 1]!.code) : undefined;
    carried.set(item.code, item.responsibility !== "" && !options.overwrite ? item.responsibility : leadText);
    if (parentText !== undefined && fold(parentText) === fold(leadText) && item.responsibility === "") {
      sameAsParent.push(item.code);
      continue;
    }
    const targets: Array<{ col: number; text: string; target: "lead" | "support" }> = [{ col: layout.responsibility, text: leadText, target: "lead" }];
    if (layout.support !== null && match.rule.support.length > 0) {
      targets.push({ col: layout.support, text: match.rule.support.join("; "), target: "support" });
    }
    for (const t of targets) {
      const old = t.target === "lead" ? item.responsibility : item.supportText;
      const area = t.target === "lead" ? item.responsibilityMerge : item.supportMerge;
      // A cell inside a merged area shows the area's first cell: never written; said, with the item whose text the
      // area shows (already there, or planned above), if any.
      if (area) {
        const shown = old !== "" ? old : (planned.get(`${area.top}:${area.left}`) ?? "");
        const owner = byRow.get(area.top);
        if (old !== "" && !options.overwrite) {
          if (t.target === "lead") kept.push(item.code);
        } else inMerge.push({ code: item.code, row: item.row, col: t.col, area, sharedWith: shown !== "" && owner ? owner.code : null });
        continue;
      }
      // One definition of an empty cell: nothing but whitespace and invisible characters, and no formula.
      if ((old !== "" || (t.target === "lead" && item.responsibilityFormula === true)) && !options.overwrite) {
        if (t.target === "lead") kept.push(item.code);
        continue;
      }
      if (old === t.text) continue;
      planned.set(`${item.row}:${t.col}`, t.text);
      edits.push({
        code: item.code,
        row: item.row,
        col: t.col,
        old,
        value: t.text,
        ruleId: match.rule.id,
        how: match.how,
        confidence: choice.confidence,
        ...(choice.overrode !== undefined ? { overrode: choice.overrode } : {}),
        source: match.rule.source,
        status,
        target: t.target,
        ...(t.target === "lead" && item.responsibilitySpan ? { span: item.responsibilitySpan } : {}),
      });
    }
  }
  return { edits, unmatched, uncertain, sameAsParent, keptNonEmpty: kept, inMerge };
}

/** Abbreviations that stay in capitals inside a sentence. */
const ACRONYMS = new Set(["CCHC", "TTHC", "CNTT", "VBQPPL", "QPPL", "UBND", "HĐND", "ISO", "KT-XH", "XHH", "CBCCVC", "CBCC", "PAKN", "SNCL", "BCCCI", "PAR", "INDEX", "SIPAS", "PAPI", "TTĐT", "DVC", "DVCTT", "ĐVSNCL"]);

/**
 * A name as it reads mid-sentence: "Tỷ lệ hồ sơ" → "tỷ lệ hồ sơ"; a field name in capitals ("CẢI CÁCH THỦ TỤC
 * HÀNH CHÍNH") → "cải cách thủ tục hành chính"; acronyms stay ("CCHC", "TTHC").
 */
export const midSentence: (s: string) => string = memoised(computeMidSentence);

function computeMidSentence(s: string): string {
  const letters = s.replace(/[^\p{L}]/gu, "");
  const allCaps = letters.length > 3 && letters === letters.toLocaleUpperCase("vi") && /\p{Ll}/u.test(s.toLocaleLowerCase("vi"));
  if (allCaps) return s.split(/(\s+)/).map((w) => (ACRONYMS.has(w.replace(/[^\p{L}-]/gu, "")) ? w : w.toLocaleLowerCase("vi"))).join("");
  const first = /^\S*/.exec(s)?.[0] ?? "";
  if (first.length > 1 && first === first.toUpperCase()) return s;
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** Characters that make Excel read typed text as a formula; hosts write such values with a text prefix. */
export function startsLikeFormula(value: string): boolean {
  return /^[=+\-@\t\r]/.test(value);
}
