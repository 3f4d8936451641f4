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

/** A sheet the tool added, as kept with the document: enough to remove it while it holds only what was written. */
const AddedRecordSchema = z.object({ id: z.string(), name: z.string(), digest: z.string() });

/** One write of the pane, kept with the document so that it can be undone later, newest last. */
export const HistoryEntrySchema = z.object({
  id: z.string(),
  /** When it was written (ISO 8601); "" for a record kept by an older version. */
  at: z.string(),
  kind: z.enum(["fill", "convert", "numbers", "codes", "sums", "highlight", "sheet", "report"]),
  /** The appendix's sheet (fills, conversions, highlights) or the sheet added. */
  sheetName: z.string(),
  /** Cells written (fills, conversions, highlights) or cells of the sheet added. */
  count: z.int().check(z.nonnegative()),
  fill: z.optional(FillRecordSchema),
  highlight: z.optional(HighlightRecordSchema),
  added: z.optional(AddedRecordSchema),
  /** A report that took the place of an earlier one: that report's sheet name. */
  replaced: z.optional(z.string()),
});

/** How many writes the document remembers; older ones can no longer be undone. */
export const HISTORY_LIMIT = 30;

export const PaneSettingsSchema = z.object({
  version: z.literal(1),
  sheets: z._default(z.record(z.string(), SheetChoiceSchema), {}),
  rules: z._default(z.string(), ""),
  userSets: z._default(z.array(CriteriaSetSchema), []),
  userRules: z._default(z.array(ResponsibilityCatalogueSchema), []),
  history: z._default(z.array(HistoryEntrySchema), []),
  /** Kept by versions before the history: read once and moved into it. */
  highlights: z.optional(z.array(HighlightRecordSchema)),
  lastFill: z.optional(z.nullable(FillRecordSchema)),
  reportSheet: z._default(z.nullable(z.object({ id: z.string(), name: z.string(), digest: z.optional(z.string()) })), null),
});

export type SheetChoice = z.infer<typeof SheetChoiceSchema>;

/** The settings' type in the host's own terms (the schema above only checks the shape of what was stored). */
export interface PaneSettings {
  readonly version: 1;
  readonly sheets: Readonly<Record<string, SheetChoice>>;
  readonly rules: string;
  readonly userSets: ReadonlyArray<CriteriaSetData>;
  readonly userRules: ReadonlyArray<ResponsibilityCatalogue>;
  readonly history: ReadonlyArray<HistoryEntry>;
  readonly reportSheet: { readonly id: string; readonly name: string; readonly digest?: string } | null;
}

export type HistoryKind = "fill" | "convert" | "numbers" | "codes" | "sums" | "highlight" | "sheet" | "report";

/** The kinds that wrote cells (their record is a FillRecord, undone cell by cell). */
export const CELL_WRITES: ReadonlySet<HistoryKind> = new Set<HistoryKind>(["fill", "convert", "numbers", "codes", "sums"]);

export interface HistoryEntry {
  readonly id: string;
  readonly at: string;
  readonly kind: HistoryKind;
  readonly sheetName: string;
  readonly count: number;
  readonly fill?: FillRecord;
  readonly highlight?: HighlightRecord;
  readonly added?: { readonly id: string; readonly name: string; readonly digest: string };
  readonly replaced?: string;
}

export const DEFAULT_SETTINGS: PaneSettings = parseSettings({ version: 1 });

export function parseSettings(raw: unknown): PaneSettings {
  const r = PaneSettingsSchema.safeParse(raw);
  const data = r.success ? r.data : PaneSettingsSchema.parse({ version: 1 });
  const { highlights = [], lastFill = null, ...rest } = data;
  // Records of an older version (one fill, one highlight per sheet) become the oldest entries of the history.
  const legacy: HistoryEntry[] = [
    ...highlights.map((h, i): HistoryEntry => ({ id: `legacy-h${i}`, at: "", kind: "highlight", sheetName: h.sheetName, count: h.cells.length, highlight: h as HighlightRecord })),
    ...(lastFill ? [{ id: "legacy-f", at: "", kind: "fill" as const, sheetName: lastFill.sheetName, count: lastFill.cells.length, fill: lastFill as FillRecord }] : []),
  ];
  // zod's optional fields are "| undefined" where the host's are absent; the shapes are otherwise the same.
  return { ...rest, history: [...legacy, ...(rest.history as unknown as HistoryEntry[])].slice(-HISTORY_LIMIT) } as unknown as PaneSettings;
}

/** The settings with one more write remembered (the oldest forgotten beyond HISTORY_LIMIT). */
export function withEntry(settings: PaneSettings, entry: HistoryEntry): PaneSettings {
  return { ...settings, history: [...settings.history, entry].slice(-HISTORY_LIMIT) };
}

export function withoutEntry(settings: PaneSettings, id: string): PaneSettings {
  return { ...settings, history: settings.history.filter((e) => e.id !== id) };
}

/** The sheet's current highlight: the newest highlight write on it still in the history. */
export function highlightOf(settings: PaneSettings, sheetName: string): HistoryEntry | null {
  return [...settings.history].reverse().find((e) => e.kind === "highlight" && e.sheetName === sheetName) ?? null;
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
