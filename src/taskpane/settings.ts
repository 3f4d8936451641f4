/**
 * What the pane keeps with the document (Office document settings): per-sheet choices, imported catalogues, and the
 * records that let "Xóa tô sáng" and "Hoàn tác" work in a later session. Parsed with zod when read: settings saved by
 * another version, or edited by hand, fall back to defaults instead of breaking the pane.
 */
import * as z from "zod/mini";
import { type CriteriaSetData, CriteriaSetSchema } from "../core/criteria";
import { type ResponsibilityCatalogue, ResponsibilityCatalogueSchema } from "../core/responsibility";
import type { FillRecord, HighlightRecord } from "../host/host";

const ColumnOverrideSchema = z.object({
  col: z.int().check(z.nonnegative()),
  role: z.enum(["code", "name", "max", "score", "target", "responsibility", "support", "notes", "ignore"]),
  year: z.optional(z.nullable(z.int())),
  kind: z.optional(z.enum(["achieved", "self", "appraised", "survey"])),
});

const SheetChoiceSchema = z.object({
  /** "auto", "none" or a set id. */
  set: z._default(z.string(), "auto"),
  overrides: z._default(z.array(ColumnOverrideSchema), []),
  scoreColumn: z.optional(z.int().check(z.nonnegative())),
  targetColumn: z.optional(z.union([z.int().check(z.nonnegative()), z.literal("max")])),
});

const FillSnapshotSchema = z.object({
  color: z.optional(z.string()),
  pattern: z.optional(z.string()),
  patternColor: z.optional(z.string()),
  tintAndShade: z.optional(z.number()),
  patternTintAndShade: z.optional(z.number()),
});

export const HighlightRecordSchema = z.object({
  sheetName: z.string(),
  color: z.string(),
  cells: z.array(z.object({ address: z.string(), before: FillSnapshotSchema, sheet: z.optional(z.string()) })),
});

export const FillRecordSchema = z.object({
  sheetName: z.string(),
  cells: z.array(z.object({ address: z.string(), before: z.union([z.string(), z.number(), z.boolean()]), beforeFormat: z.string(), written: z.string(), beforeFont: z.optional(z.string()), sheet: z.optional(z.string()) })),
});

export const PaneSettingsSchema = z.object({
  version: z.literal(1),
  sheets: z._default(z.record(z.string(), SheetChoiceSchema), {}),
  rules: z._default(z.string(), ""),
  userSets: z._default(z.array(CriteriaSetSchema), []),
  userRules: z._default(z.array(ResponsibilityCatalogueSchema), []),
  highlights: z._default(z.array(HighlightRecordSchema), []),
  lastFill: z._default(z.nullable(FillRecordSchema), null),
  reportSheet: z._default(z.nullable(z.object({ id: z.string(), name: z.string() })), null),
});

export type SheetChoice = z.infer<typeof SheetChoiceSchema>;

/** The settings' type in the host's own terms (the schema above only checks the shape of what was stored). */
export interface PaneSettings {
  readonly version: 1;
  readonly sheets: Readonly<Record<string, SheetChoice>>;
  readonly rules: string;
  readonly userSets: ReadonlyArray<CriteriaSetData>;
  readonly userRules: ReadonlyArray<ResponsibilityCatalogue>;
  readonly highlights: ReadonlyArray<HighlightRecord>;
  readonly lastFill: FillRecord | null;
  readonly reportSheet: { readonly id: string; readonly name: string } | null;
}

export const DEFAULT_SETTINGS: PaneSettings = parseSettings({ version: 1 });

export function parseSettings(raw: unknown): PaneSettings {
  const r = PaneSettingsSchema.safeParse(raw);
  // zod's optional fields are "| undefined" where the host's are absent; the shapes are otherwise the same.
  return (r.success ? r.data : PaneSettingsSchema.parse({ version: 1 })) as unknown as PaneSettings;
}

/** The defaults, one object: callers memoise on identity. */
const DEFAULT_CHOICE: SheetChoice = Object.freeze(SheetChoiceSchema.parse({})) as SheetChoice;

export function sheetChoice(settings: PaneSettings, sheet: string): SheetChoice {
  return settings.sheets[sheet] ?? DEFAULT_CHOICE;
}

/** A planned fill's key in the pane's selection: its sheet (for an appendix over several sheets) and cell. */
export const fillKey = (e: { readonly row: number; readonly col: number; readonly sheet?: string }): string => `${e.sheet ?? ""}!${e.row}:${e.col}`;

/**
 * The rows of a new fill plan that are ticked: a row the user saw before keeps the user's choice (a row unticked on
 * purpose stays unticked after “Điền” and after “Kiểm tra lại”); a row new to the plan is ticked only when its cell
 * is empty, so switching “Ghi đè” on ticks nothing that already has text.
 */
export function nextSelection(
  edits: ReadonlyArray<{ readonly row: number; readonly col: number; readonly old: string; readonly sheet?: string }>,
  seen: ReadonlySet<string>,
  selected: ReadonlySet<string>,
): Set<string> {
  const out = new Set<string>();
  for (const e of edits) {
    const key = fillKey(e);
    if (seen.has(key) ? selected.has(key) : e.old === "") out.add(key);
  }
  return out;
}
