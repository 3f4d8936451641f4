/**
 * The task pane: recognises the active sheet, lists findings, highlights below-target items and fills "Thực hiện".
 * Every write goes through the host (one round trip each) and is undoable; nothing is written without a click.
 */
import {
  Button,
  Caption1,
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  type Theme,
  Text,
  tokens,
  webLightTheme,
} from "@fluentui/react-components";
import { type ChangeEvent as InputChange, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { BUILTIN_SETS } from "../catalogues/sets";
import { analyzeSheet, type AnalyzeOptions, type RecognizedSheet, type SheetAnalysis } from "../core/analyze";
import { defaultScoreColumn } from "../core/columns";
import { mayContinue, sheetAndOthers, sheetsToReadAround } from "../core/workbook";
import { type CriteriaSet, parseCriteriaSet, plainSetData } from "../core/criteria";
import { contentsDigest, modelContents, reportAsModel, reportContents, type SheetModel } from "../core/sheetModel";
import { codePlan, conversionPlan, highlightPlan, numberPlan, type ReportSheet, sumPlan } from "../core/editPlan";
import { expandRange, type Grid, qualified, quoteSheetName, toA1, unqualified } from "../core/grid";
import type { ColumnOverride } from "../core/layout";
import { parseResponsibilityCatalogue, type ResponsibilityCatalogue } from "../core/responsibility";
import type { CellTextEdit, HostError, NamedSheetRead, SheetRead, WorkbookHost } from "../host/host";
import { langFromLocale, type MessageKey, rejectionMessage, setProblemMessage, translator, type Translator } from "../i18n";
import { CurrentCellContext, HostContext, TrContext, useT } from "./context";
import { CELL_WRITES, type HistoryEntry, highlightOf, nextSelection, type PaneSettings, parseSettings, sheetChoice, type SheetChoice, withEntry, withoutEntry } from "./settings";
import { type ToolPreview, ToolsView } from "./tools";
import { BelowView, comparableColumns, CompareView, fillKey, FillView, FindingsView, Intro, roleFromValue, type SetOption, Summary, Tabs, useStyles } from "./views";
import type { Comparison } from "../core/compare";

export const VERSION = "0.1.0";

/**
 * The built-in "Thực hiện" catalogue (≈ 7 KB gzip): loaded while Excel answers the first read, not in the pane's first
 * download. If it cannot be loaded the pane still checks; the fill tab then has no catalogue but the user's own.
 */
let builtinRules: ReadonlyArray<ResponsibilityCatalogue> = [];
const builtinRulesLoaded: Promise<void> = import("../catalogues/rules").then(
  (m) => void (builtinRules = m.BUILTIN_RULE_CATALOGUES),
  () => undefined,
);
const INTRO_KEY = "phuluc-cchc.intro-seen";

type Tab = "findings" | "below" | "fill" | "compare";

interface Notice {
  readonly intent: "error" | "warning" | "success" | "info";
  readonly text: string;
  readonly action?: { readonly label: string; readonly run: () => void };
  /** The sheet the notice is about: it goes when the user moves to another sheet (its undo stays in the history). */
  readonly sheet?: string;
}

const usePaneStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", minHeight: "100%", padding: "8px 10px", boxSizing: "border-box", gap: "6px", minWidth: 0 },
  header: { display: "flex", alignItems: "center", gap: "6px", flexWrap: "wrap" },
  title: { flexGrow: 1, fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400 },
  // Sticky at the bottom of the pane: a result is seen where the button was clicked, however long the lists above.
  footer: {
    position: "sticky",
    bottom: 0,
    zIndex: 1,
    display: "flex",
    flexDirection: "column",
    gap: "6px",
    marginTop: "auto",
    marginInline: "-10px",
    paddingInline: "10px",
    paddingBlock: "8px",
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    boxShadow: tokens.shadow4,
  },
  buttons: { display: "flex", gap: "6px", alignItems: "center", flexWrap: "wrap" },
  imports: { display: "flex", gap: "6px", flexWrap: "wrap" },
  notice: { outlineOffset: "2px", maxHeight: "40vh", overflowY: "auto" },
  history: { margin: 0, paddingInlineStart: "18px", display: "flex", flexDirection: "column", gap: "2px" },
  hidden: { display: "none" },
  iconButton: { minWidth: "32px", paddingInline: "6px" },
});

function storageGet(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function storageSet(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Private browsing or a locked-down Office web view: the explanation will simply show again next time.
  }
}

export function hostErrorText(t: Translator, e: HostError): string {
  return t.t(`host.${e.code}` as MessageKey, { ...(e.params ?? {}), detail: e.detail ?? "" }).trim();
}

/**
 * A certain, previewed, undoable correction offered above the results ("Chuyển sang Unicode", "Chuyển thành số",
 * "Ghi lại mã", "Sửa tổng"): what is
 * wrong, the cells and what each becomes (the first 30), and the one write. Nothing when there is nothing to fix.
 */
function QuickFix(props: {
  testId: string;
  intent: "warning" | "info";
  title: string;
  body: string;
  lines: ReadonlyArray<string>;
  open: boolean;
  onToggle: () => void;
  apply: string;
  onApply: () => void;
  canWrite: boolean;
}) {
  const t = useT();
  const view = useStyles();
  if (props.lines.length === 0) return null;
  return (
    <MessageBar intent={props.intent} layout="multiline" data-testid={props.testId}>
      <MessageBarBody>
        <MessageBarTitle>{props.title}</MessageBarTitle>
        <Text block>{props.body}</Text>
        {props.open && (
          <ul className={view.muted} aria-label={t.t("ui.unicode.preview")}>
            {props.lines.slice(0, 30).map((line) => (
              <li key={line}>{line}</li>
            ))}
            {props.lines.length > 30 && <li>{t.t("ui.unicode.more", { count: props.lines.length - 30 })}</li>}
          </ul>
        )}
      </MessageBarBody>
      <MessageBarActions>
        <Button size="small" aria-expanded={props.open} onClick={props.onToggle}>
          {t.t(props.open ? "ui.unicode.hide" : "ui.unicode.preview")}
        </Button>
        <Button size="small" appearance="primary" disabled={!props.canWrite} onClick={props.onApply}>
          {props.apply}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}

/** "Hoàn tác: điền 24 ô, 14:05": what a write of the history did and when (with the date when not today). */
export function undoLabel(t: Translator, e: HistoryEntry): string {
  const what = t.t(`ui.history.${e.kind}` as MessageKey, { count: e.count, sheet: e.sheetName });
  const at = e.at !== "" ? new Date(e.at) : null;
  if (!at || Number.isNaN(at.getTime())) return t.t("ui.history.undo-notime", { what });
  const locale = t.lang === "vi" ? "vi-VN" : "en-GB";
  const time = at.toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit" });
  const today = new Date().toDateString() === at.toDateString();
  const day = `${String(at.getDate()).padStart(2, "0")}/${String(at.getMonth() + 1).padStart(2, "0")}`;
  return t.t("ui.history.undo", { what, time: today ? time : `${time} ${day}` });
}

/** The pane with its providers: the host and the language come from outside, the theme from Office. */
export function Pane({ host }: { host: WorkbookHost }) {
  const t = useMemo(() => translator(langFromLocale(host.displayLanguage())), [host]);
  const [theme, setTheme] = useState<Theme>(webLightTheme);
  useEffect(() => {
    // The dark theme's tokens load only for an Office in a dark theme (they would cost every user otherwise).
    if (host.prefersDark()) {
      void import("@fluentui/react-components").then((m) => setTheme(m.webDarkTheme));
    }
  }, [host]);
  return (
    <HostContext.Provider value={host}>
      <TrContext.Provider value={t}>
        <FluentProvider theme={theme} style={{ minHeight: "100%" }} lang={t.lang}>
          <App host={host} t={t} />
        </FluentProvider>
      </TrContext.Provider>
    </HostContext.Provider>
  );
}

/** What the pane read: the active sheet, the sheet list, and the sheets read around it (in workbook order). */
type PaneRead = SheetRead & {
  /** The active sheet and, when it may be one part of an appendix over several sheets, its neighbours. */
  readonly grids: ReadonlyArray<Grid>;
  /** Neighbours that could not be read (too large). */
  readonly skipped: ReadonlyArray<NamedSheetRead>;
};

function App({ host, t }: { host: WorkbookHost; t: Translator }) {
  const styles = usePaneStyles();
  const view = useStyles();
  const [read, setRead] = useState<PaneRead | null>(null);
  const [busy, setBusy] = useState<null | "reading" | "writing">(null);
  const [settings, setSettings] = useState<PaneSettings>(() => parseSettings(host.loadSettings()));
  const [tab, setTab] = useState<Tab>("findings");
  const [changed, setChanged] = useState(false);
  const [introOpen, setIntroOpen] = useState(() => storageGet(INTRO_KEY) === null);
  const [overwrite, setOverwrite] = useState(false);
  const [unicodePreview, setUnicodePreview] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [checkMs, setCheckMs] = useState<number | null>(null);
  const [checks, setChecks] = useState(0);
  const checkStarted = useRef<number | null>(null);
  const lastWriteAt = useRef(0);
  const userFormatted = useRef(new Set<string>());
  const setInput = useRef<HTMLInputElement>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const recheckButton = useRef<HTMLButtonElement>(null);
  const exportButton = useRef<HTMLButtonElement>(null);
  const helpButton = useRef<HTMLButtonElement>(null);
  const promptFirst = useRef<HTMLButtonElement>(null);
  // A write's result takes the focus (it holds "Hoàn tác"): the button clicked may now be disabled or gone.
  const [notice, setNoticeState] = useState<Notice | null>(null);
  const focusNotice = useRef(false);
  const activeSheet = useRef("");
  const setNotice = useCallback((n: Notice | null) => {
    focusNotice.current = n !== null;
    setNoticeState(n && n.sheet === undefined && activeSheet.current !== "" ? { ...n, sheet: activeSheet.current } : n);
  }, []);
  useEffect(() => {
    if (notice && focusNotice.current) noticeRef.current?.focus();
    focusNotice.current = false;
  }, [notice]);
  const rulesInput = useRef<HTMLInputElement>(null);

  const sheetName = read?.grid.sheetName ?? "";
  const choice: SheetChoice = useMemo(() => sheetChoice(settings, sheetName), [settings, sheetName]);

  const sets: ReadonlyArray<CriteriaSet> = useMemo(() => {
    const user = settings.userSets.map((s) => parseCriteriaSet(s)).flatMap((r) => (r.ok ? [r.set] : []));
    return [...BUILTIN_SETS.filter((b) => !user.some((u) => u.id === b.id)), ...user];
  }, [settings.userSets]);
  // The built-in catalogue is there once the first read is (recheck waits for it): `read` is a dependency for that.
  const catalogues = useMemo(() => [...builtinRules, ...settings.userRules], [settings.userRules, read]);
  const catalogue: ResponsibilityCatalogue | undefined = catalogues.find((c) => c.id === settings.rules) ?? catalogues[0];

  // The active sheet's analysis; when other sheets were read with it, the appendix it is part of, and the other
  // appendices among them (where to send a user whose sheet is not one).
  const { analysis, elsewhere } = useMemo((): { analysis: SheetAnalysis | null; elsewhere: ReadonlyArray<string> } => {
    if (!read) return { analysis: null, elsewhere: [] };
    const options: AnalyzeOptions = {
      criteriaSets: choice.set === "none" ? [] : sets,
      ...(choice.set !== "auto" && choice.set !== "none" ? { forcedSetId: choice.set } : {}),
      overrides: choice.overrides as ReadonlyArray<ColumnOverride>,
      ...(choice.scoreColumn !== undefined ? { scoreColumn: choice.scoreColumn } : {}),
      ...(choice.targetColumn !== undefined ? { targetColumn: choice.targetColumn } : {}),
      ...(catalogue ? { rules: catalogue } : {}),
      fill: { overwrite },
    };
    if (read.grids.length <= 1) return { analysis: analyzeSheet(read.grid, options), elsewhere: [] };
    const found = sheetAndOthers(read.grids, read.grid.sheetName, options);
    const a = found.analysis ?? analyzeSheet(read.grid, options);
    return { analysis: a, elsewhere: a.recognized ? [] : found.appendices };
  }, [read, choice, sets, catalogue, overwrite]);

  // "From Kiểm tra lại to results shown": our own work (analysis and render), timed after Excel's answer arrives.
  useLayoutEffect(() => {
    if (checkStarted.current !== null && analysis) {
      setCheckMs(Math.round(performance.now() - checkStarted.current));
      setChecks((n) => n + 1);
      checkStarted.current = null;
    }
  }, [analysis]);

  // A new plan keeps the user's choices (see nextSelection); the rows it has seen are remembered per sheet.
  const seenFills = useRef(new Map<string, Set<string>>());
  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  useEffect(() => {
    if (!analysis?.recognized) {
      setSelected(new Set());
      return;
    }
    const edits = analysis.fills?.edits ?? [];
    const seen = seenFills.current.get(analysis.sheetName) ?? new Set<string>();
    setSelected(nextSelection(edits, seen, selectedRef.current));
    for (const e of edits) seen.add(fillKey(e));
    seenFills.current.set(analysis.sheetName, seen);
  }, [analysis]);

  // Actions may finish after later renders (a notice's "Hoàn tác" runs long after the fill): they read and update
  // the latest settings, never the ones of the render that created them.
  const settingsRef = useRef(settings);
  settingsRef.current = settings;

  const save = useCallback(
    async (next: PaneSettings) => {
      settingsRef.current = next;
      setSettings(next);
      const r = await host.saveSettings(next);
      if (!r.ok) setNotice({ intent: "warning", text: hostErrorText(t, r.error) });
    },
    [host, t],
  );

  const recheck = useCallback(async () => {
    setBusy("reading");
    try {
      const r = await host.readActiveSheet(settingsRef.current.reportSheet?.id);
      if (!r.ok) {
        setNotice({ intent: "error", text: hostErrorText(t, r.error) });
        return;
      }
      // One round trip reads the active sheet and the sheet list. Only when the sheet may be one part of an appendix
      // over several sheets (no total yet, codes that start after field I) or is not an appendix (to say where one
      // is) does a second one read other sheets (see mayContinue, sheetsToReadAround).
      const around = sheetsToReadAround(r.value.sheets, r.value.grid.sheetName, mayContinue(analyzeSheet(r.value.grid, { criteriaSets: [] })), settingsRef.current.reportSheet?.name);
      let grids: ReadonlyArray<Grid> = [r.value.grid];
      let skipped: ReadonlyArray<NamedSheetRead> = [];
      if (around.length > 1) {
        const others = await host.readSheets(around.filter((n) => n !== r.value.grid.sheetName));
        if (others.ok) {
          const byName = new Map(others.value.map((o) => [o.name, o]));
          grids = around.flatMap((n) => {
            if (n === r.value.grid.sheetName) return [r.value.grid];
            const o = byName.get(n);
            return o && "grid" in o ? [o.grid] : [];
          });
          skipped = others.value.filter((o) => "error" in o);
        } else {
          setNotice({ intent: "warning", text: `${t.t("ui.sheets.unread")} ${hostErrorText(t, others.error)}` });
        }
      }
      await builtinRulesLoaded;
      checkStarted.current = performance.now();
      userFormatted.current = new Set();
      setChanged(false);
      setRead({ ...r.value, grids, skipped });
      const active = r.value.grid.sheetName;
      activeSheet.current = active;
      setNoticeState((n) => (n && n.sheet !== undefined && n.sheet !== active ? null : n));
      const now = settingsRef.current;
      if (now.reportSheet && !r.value.reportSheet) void save({ ...now, reportSheet: null });
    } catch (e) {
      setNotice({ intent: "error", text: t.t("ui.unexpected", { detail: e instanceof Error ? e.message : String(e) }) });
    } finally {
      setBusy(null);
    }
  }, [host, settings, t]);

  const recheckRef = useRef(recheck);
  recheckRef.current = recheck;

  useEffect(() => {
    void recheckRef.current();
    const offSheet = host.onActiveSheetChanged(() => void recheckRef.current());
    const offChange = host.onChange((e) => {
      // Our own writes: ExcelApi 1.14 says so; older Excel cannot, so a change right after a write is taken as ours.
      if (e.byThisAddin === true || (e.byThisAddin === null && Date.now() - lastWriteAt.current < 2000)) return;
      setChanged(true);
      if (e.kind === "format") for (const a of expandRange(e.address, 5000)) userFormatted.current.add(`${e.sheetName}!${a}`);
    });
    return () => {
      offSheet();
      offChange();
    };
  }, [host]);

  /** Run a write; the pane keeps keyboard focus on what the user clicked. */
  const write = useCallback(
    async <T,>(action: () => Promise<{ ok: true; value: T } | { ok: false; error: HostError }>): Promise<T | null> => {
      const focused = document.activeElement as HTMLElement | null;
      setBusy("writing");
      try {
        lastWriteAt.current = Date.now();
        const r = await action();
        lastWriteAt.current = Date.now();
        if (!r.ok) {
          setNotice({ intent: "error", text: hostErrorText(t, r.error) });
          return null;
        }
        return r.value;
      } catch (e) {
        setNotice({ intent: "error", text: t.t("ui.unexpected", { detail: e instanceof Error ? e.message : String(e) }) });
        return null;
      } finally {
        setBusy(null);
        focused?.focus?.();
      }
    },
    [t],
  );

  // The item the user last clicked stays marked in its list (until another sheet is checked).
  const [lastCell, setLastCell] = useState<{ readonly sheet: string; readonly cell: string } | null>(null);
  const select = useCallback(
    (cell: string) => {
      setLastCell({ sheet: sheetName, cell });
      const focused = document.activeElement as HTMLElement | null;
      // A cell on another sheet of the appendix is named with its sheet ("'PL2 (tiếp theo)'!D3").
      const at = unqualified(cell);
      void host.select(at.sheet ?? sheetName, at.address).then((r) => {
        if (!r.ok) setNotice({ intent: "error", text: hostErrorText(t, r.error) });
        focused?.focus?.();
      });
    },
    [host, sheetName, t],
  );

  const updateChoice = (update: Partial<SheetChoice>) => {
    const now = settingsRef.current;
    void save({ ...now, sheets: { ...now.sheets, [sheetName]: { ...sheetChoice(now, sheetName), ...update } } });
  };

  const recognized = analysis?.recognized ? analysis : null;
  // An appendix over several sheets is written to as one: its records are kept under its first sheet.
  const appendixSheet = recognized?.sheetName ?? sheetName;
  const highlightEntry = highlightOf(settings, appendixSheet);
  const highlightRecord = highlightEntry?.highlight ?? null;
  const canWrite = recognized !== null && !recognized.protected && !changed && busy === null;
  const latest = settings.history[settings.history.length - 1] ?? null;

  // What this session knows beyond the document's history: every cell a sheet was written with (the history keeps a
  // digest), and the report a new one replaced (to put it back on "Hoàn tác").
  const memory = useRef(new Map<string, { readonly written: ReadonlyMap<string, string | number>; readonly report?: ReportSheet; readonly previous?: ReportSheet }>());
  const entryId = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const remember = async (entry: Omit<HistoryEntry, "id" | "at">, extra?: Partial<PaneSettings>): Promise<HistoryEntry> => {
    const full: HistoryEntry = { ...entry, id: entryId(), at: new Date().toISOString() };
    await save({ ...withEntry(settingsRef.current, full), ...(extra ?? {}) });
    return full;
  };
  const undoAction = (entry: HistoryEntry) => ({ label: undoLabel(t, entry), run: () => void undoEntry(entry) });

  const doHighlight = async () => {
    if (!recognized) return;
    const cells = highlightPlan(recognized);
    const rec = await write(() => host.highlight(appendixSheet, cells));
    if (!rec) return;
    const entry = await remember({ kind: "highlight", sheetName: appendixSheet, count: rec.cells.length, highlight: rec });
    setNotice({ intent: "success", text: t.t("ui.below.highlighted", { count: rec.cells.length }), action: undoAction(entry) });
  };

  const clearHighlight = async (entry: HistoryEntry): Promise<boolean> => {
    const rec = entry.highlight;
    if (!rec) return false;
    const skip = new Set(rec.cells.filter((c) => userFormatted.current.has(`${c.sheet ?? rec.sheetName}!${c.address}`)).map((c) => qualified(c.sheet, c.address)));
    const n = await write(() => host.clearHighlight(rec, skip));
    if (n === null) return false;
    await save(withoutEntry(settingsRef.current, entry.id));
    setNotice({
      intent: "success",
      text: skip.size > 0 ? t.t("ui.below.cleared-skipped", { count: n, skipped: skip.size }) : t.t("ui.below.cleared", { count: n }),
    });
    return true;
  };

  const doClear = async () => {
    if (highlightEntry) await clearHighlight(highlightEntry);
  };

  /** Undo one write of the history: each kind puts back only what still holds what the tool wrote. */
  const undoEntry = async (entry: HistoryEntry): Promise<void> => {
    if (!settingsRef.current.history.some((e) => e.id === entry.id)) return;
    if (entry.kind === "highlight") {
      await clearHighlight(entry);
      return;
    }
    // Every cell write (fill, conversion, numbers, codes, sums) keeps its FillRecord: its undo is the same.
    if (CELL_WRITES.has(entry.kind) && entry.fill) {
      const record = entry.fill;
      const done = await write(() => host.undoFills(record));
      if (done === null) return;
      await save(withoutEntry(settingsRef.current, entry.id));
      setNotice({
        intent: "success",
        text:
          done.kept.length > 0
            ? t.t("ui.fill.undone-kept", { count: done.restored, kept: done.kept.length, cells: done.kept.slice(0, 10).join(", ") })
            : t.t("ui.fill.undone", { count: done.restored }),
      });
      await recheck();
      return;
    }
    if (entry.added) {
      const added = entry.added;
      const mem = memory.current.get(entry.id);
      const r = await write(() => host.removeAddedSheet(added, mem?.written ?? { digest: added.digest }));
      if (!r) return;
      if (!r.removed && r.edited) {
        // The user typed into the sheet: it stays, and so does its entry (they may undo their own edits and retry).
        setNotice({ intent: "info", text: r.changed.length > 0 ? t.t("ui.added.undo-kept", { sheet: added.name, count: r.changed.length, cells: r.changed.slice(0, 5).join(", ") }) : t.t("ui.added.undo-kept-nocells", { sheet: added.name }) });
        return;
      }
      let next = withoutEntry(settingsRef.current, entry.id);
      let text = r.removed ? t.t("ui.added.undo-done", { sheet: added.name }) : t.t("ui.added.gone", { sheet: added.name });
      if (entry.kind === "report") {
        next = { ...next, reportSheet: null };
        // A report that replaced an earlier one puts the earlier one back (this session only: the document keeps no copy).
        if (r.removed && entry.replaced !== undefined) {
          if (mem?.previous) {
            const previous = mem.previous;
            const back = await write(() => host.writeReport(previous, null));
            if (back) {
              const written = reportContents(previous);
              memory.current.set(entry.id, { written, report: previous });
              next = { ...next, reportSheet: { id: back.id, name: back.name, digest: contentsDigest(written) } };
              text = t.t("ui.report.undo-restored", { sheet: back.name });
            }
          } else text = t.t("ui.report.undo-not-restored", { sheet: entry.replaced });
        }
      }
      await save(next);
      setNotice({ intent: "success", text });
    }
  };

  const doFill = async () => {
    if (!recognized?.fills) return;
    const edits = recognized.fills.edits.filter((e) => selected.has(fillKey(e)));
    const record = await write(() => host.applyFills(appendixSheet, edits));
    if (!record) return;
    const entry = await remember({ kind: "fill", sheetName: appendixSheet, count: record.cells.length, fill: record });
    setNotice({ intent: "success", text: t.t("ui.fill.done", { count: record.cells.length }), action: undoAction(entry) });
    await recheck();
  };

  /**
   * A cell correction of the appendix ("Chuyển sang Unicode", "Chuyển thành số", "Ghi lại mã", "Sửa tổng"): one write, kept in
   * the history, the notice with its undo, then a fresh check.
   */
  const applyEdits = async (kind: "convert" | "numbers" | "codes" | "sums", edits: ReadonlyArray<CellTextEdit>, done: MessageKey, close: () => void) => {
    if (edits.length === 0) return;
    const record = await write(() => host.applyFills(appendixSheet, edits));
    if (!record) return;
    const entry = await remember({ kind, sheetName: appendixSheet, count: record.cells.length, fill: record });
    close();
    setNotice({ intent: "success", text: t.t(done, { count: record.cells.length }), action: undoAction(entry) });
    await recheck();
  };

  /** "Chuyển sang Unicode": the decoded cells of the appendix (all its sheets) written back as Unicode, one write, undoable. */
  const conversions = useMemo(() => (recognized ? conversionPlan(recognized) : []), [recognized]);
  const doConvert = () => applyEdits("convert", conversions, "ui.unicode.done", () => setUnicodePreview(false));

  /** "Chuyển thành số": numbers stored as text written back as numbers, previewed, one write, undoable. */
  const numbers = useMemo(() => (recognized && read ? numberPlan(recognized, read.grids) : []), [recognized, read]);
  const [numbersPreview, setNumbersPreview] = useState(false);
  const doNumbers = () => applyEdits("numbers", numbers, "ui.numbers.done", () => setNumbersPreview(false));

  /** "Ghi lại mã dạng văn bản": codes Excel stored as numbers (1.10 → 1.1) written back as text, previewed, undoable. */
  const codes = useMemo(() => (recognized && read ? codePlan(recognized, read.grids) : []), [recognized, read]);
  const [codesPreview, setCodesPreview] = useState(false);
  const doCodes = () => applyEdits("codes", codes, "ui.codes.done", () => setCodesPreview(false));

  /** "Sửa tổng mục cha": parents set to the sum of their children (=SUM where the column's parents are formulas). */
  const sums = useMemo(() => (recognized && read ? sumPlan(recognized, read.grids) : []), [recognized, read]);
  const [sumsPreview, setSumsPreview] = useState(false);
  const doSums = () => applyEdits("sums", sums, "ui.sums.done", () => setSumsPreview(false));

  // "Xuất báo cáo": a second report does not silently replace the first (the user may have written notes in it).
  const [reportPrompt, setReportPrompt] = useState(false);
  useEffect(() => {
    if (reportPrompt) promptFirst.current?.focus();
  }, [reportPrompt]);
  const doFeedback = async () => {
    if (!analysis) return;
    const { buildFeedbackSheet } = await import("./sheetTools");
    const sheet = buildFeedbackSheet(t, [analysis], { version: VERSION, date: new Date().toLocaleDateString(t.lang === "vi" ? "vi-VN" : "en-GB") });
    await addSheet(reportAsModel(sheet), (name) => t.t("ui.feedback.done", { sheet: name }));
  };
  const doExport = async (mode: "ask" | "new" | "replace") => {
    if (!analysis) return;
    // The report written last (a check after it says whether it is still there; see recheck).
    const existing = settingsRef.current.reportSheet;
    if (mode === "ask" && existing) {
      setReportPrompt(true);
      return;
    }
    setReportPrompt(false);
    const { buildReportSheet } = await import("./sheetTools");
    const report = buildReportSheet(t, [analysis], { version: VERSION, date: new Date().toLocaleString(t.lang === "vi" ? "vi-VN" : "en-GB") });
    const before = existing ? [...settingsRef.current.history].reverse().find((e) => e.kind === "report" && e.added?.id === existing.id) : undefined;
    const beforeMem = before ? memory.current.get(before.id) : undefined;
    const replace = mode === "replace" && existing ? { id: existing.id, name: existing.name, written: beforeMem?.written ?? { digest: existing.digest ?? "" } } : null;
    const made = await write(() => host.writeReport(report, replace));
    if (!made) return;
    const written = reportContents(report);
    const digest = contentsDigest(written);
    const entry = await remember(
      { kind: "report", sheetName: made.name, count: written.size, added: { id: made.id, name: made.name, digest }, ...(made.replaced && existing ? { replaced: existing.name } : {}) },
      { reportSheet: { id: made.id, name: made.name, digest } },
    );
    memory.current.set(entry.id, { written, report, ...(made.replaced && beforeMem?.report ? { previous: beforeMem.report } : {}) });
    const text = made.kept
      ? made.kept.changed.length > 0
        ? t.t("ui.report.kept", { old: existing?.name ?? "", sheet: made.name, count: made.kept.changed.length, cells: made.kept.changed.slice(0, 5).join(", ") })
        : t.t("ui.report.kept-nocells", { old: existing?.name ?? "", sheet: made.name })
      : made.replaced
        ? t.t("ui.report.replaced", { sheet: made.name })
        : t.t("ui.report.done", { sheet: made.name });
    setNotice({ intent: made.kept ? "info" : "success", text, action: undoAction(entry) });
  };

  // Issue 8 §1: two columns of the appendix compared (by default the first two score or target columns), or this
  // appendix against the one on another sheet of the workbook (last year's, the appraisal), aligned by code.
  const [compareCols, setCompareCols] = useState<{ readonly a: number; readonly b: number } | null>(null);
  const [chosenWith, setCompareWith] = useState<string | null>(null);
  const [other, setOther] = useState<{ readonly name: string; readonly analysis: RecognizedSheet | null; readonly problem: string | null } | null>(null);
  // Sheets to compare with: the workbook's other sheets, not those this appendix runs over nor the report.
  const compareSheets = useMemo(() => {
    if (!read || !recognized) return [];
    const own = new Set([recognized.sheetName, ...(recognized.spans ?? []).map((x) => x.sheetName)]);
    return read.sheets.filter((n) => !own.has(n) && n !== settings.reportSheet?.name);
  }, [read, recognized, settings.reportSheet?.name]);
  // The chosen sheet, while it is another sheet than the one checked (the user may have moved to it).
  const compareWith = chosenWith !== null && compareSheets.includes(chosenWith) ? chosenWith : null;
  const comparable = useMemo(() => (recognized ? comparableColumns(recognized) : []), [recognized]);
  const comparableB = useMemo(() => (other?.analysis ? comparableColumns(other.analysis) : comparable), [other, comparable]);
  const withOther = compareWith !== null && other?.name === compareWith && other.analysis !== null ? other.analysis : null;
  const defaults = (): { a: number; b: number } | null => {
    if (withOther && recognized) {
      const a = defaultScoreColumn(recognized.layout.scores)?.col ?? comparable[0]?.col;
      const b = defaultScoreColumn(withOther.layout.scores)?.col ?? comparableB[0]?.col;
      return a !== undefined && b !== undefined ? { a, b } : null;
    }
    return comparable.length >= 2 ? { a: comparable[0]!.col, b: comparable[1]!.col } : null;
  };
  const cols = compareCols && comparable.some((c) => c.col === compareCols.a) && comparableB.some((c) => c.col === compareCols.b) ? compareCols : defaults();
  // The other sheet is read when it is chosen (one round trip) and analysed with the same criteria sets.
  useEffect(() => {
    if (compareWith === null || tab !== "compare") return;
    let live = true;
    void host.readSheets([compareWith]).then((r) => {
      if (!live) return;
      const got = r.ok ? r.value[0] : undefined;
      if (!r.ok || !got || !("grid" in got)) {
        setOther({ name: compareWith, analysis: null, problem: !r.ok ? hostErrorText(t, r.error) : got && "error" in got ? hostErrorText(t, got.error) : t.t("ui.compare.other-unread", { sheet: compareWith }) });
        return;
      }
      const a = analyzeSheet(got.grid, { criteriaSets: choice.set === "none" ? [] : sets });
      setOther(a.recognized ? { name: compareWith, analysis: a, problem: null } : { name: compareWith, analysis: null, problem: `${t.t("ui.compare.other-not-appendix", { sheet: compareWith })} ${rejectionMessage(t, a.rejection)}` });
    });
    return () => {
      live = false;
    };
    // Read again after every check of the active sheet: the other sheet may have been edited meanwhile.
  }, [compareWith, tab, host, sets, choice.set, t, read]);
  // The comparison code loads with the tab (it stays out of the pane's first download).
  const [comparison, setComparison] = useState<Comparison | null>(null);
  useEffect(() => {
    if (!recognized || !cols || tab !== "compare") return;
    if (compareWith !== null && !withOther) {
      setComparison(null);
      return;
    }
    let live = true;
    void import("./sheetTools").then((m) => live && setComparison(withOther ? m.compareAppendices(recognized, cols.a, withOther, cols.b) : m.compareColumns(recognized, cols.a, cols.b)));
    return () => {
      live = false;
    };
  }, [recognized, cols?.a, cols?.b, tab, withOther, compareWith]);
  const doCompareSheet = async () => {
    if (!recognized || !comparison || !cols) return;
    const { comparisonSheetModel } = await import("./sheetTools");
    const header = (list: ReadonlyArray<{ col: number; header: string }>, col: number) => list.find((c) => c.col === col)?.header ?? "";
    const headerA = withOther ? `${recognized.sheetName}: ${header(comparable, cols.a)}` : header(comparable, cols.a);
    const headerB = withOther ? `${withOther.sheetName}: ${header(comparableB, cols.b)}` : header(comparable, cols.b);
    const label = withOther ? `${recognized.sheetName} / ${withOther.sheetName}` : recognized.sheetName;
    void addSheet(comparisonSheetModel(t, comparison, headerA, headerB, label), (name) => t.t("ui.compare.done", { sheet: name }));
  };

  // Issue 11: criteria sets and the catalogue from and to sheets, and a new appendix. Reading uses the grid already
  // read (no round trip); each write adds one sheet, undoable while it still holds what was written.
  const [toolPreview, setToolPreview] = useState<ToolPreview | null>(null);
  const toolSet: CriteriaSet | null = recognized?.set ?? sets.find((s) => s.id === choice.set) ?? (choice.set === "none" ? null : (BUILTIN_SETS[0] ?? null));
  const latestScoreYear = recognized ? Math.max(0, ...recognized.layout.scores.map((x) => x.year ?? 0)) : 0;
  const defaultYear = latestScoreYear > 0 ? latestScoreYear : new Date().getFullYear() - 1;

  const addSheet = async (model: SheetModel, done: (name: string) => string) => {
    const added = await write(() => host.addSheet(model));
    if (!added) return;
    const written = modelContents(model);
    const entry = await remember({ kind: "sheet", sheetName: added.name, count: written.size, added: { id: added.id, name: added.name, digest: contentsDigest(written) } });
    memory.current.set(entry.id, { written });
    setNotice({ intent: "success", text: done(added.name), action: undoAction(entry), sheet: added.name });
  };

  const toolActions = {
    onReadSet: async () => {
      if (!read) return;
      const { criteriaFromSheet } = await import("./sheetTools");
      setToolPreview({ kind: "set", sheet: read.grid.sheetName, result: criteriaFromSheet(read.grid, { fallbackId: read.grid.sheetName, fallbackTitle: read.grid.sheetName }) });
    },
    onReadRules: async () => {
      if (!read) return;
      const { rulesFromSheet } = await import("./sheetTools");
      setToolPreview({ kind: "rules", sheet: read.grid.sheetName, result: rulesFromSheet(read.grid) });
    },
    onCancelPreview: () => setToolPreview(null),
    onSavePreview: async () => {
      const p = toolPreview;
      if (!p) return;
      const now = settingsRef.current;
      if (p.kind === "set" && p.result.set) {
        const plain = p.result.set;
        await save({ ...now, userSets: [...now.userSets.filter((x) => x.id !== plain.id), plain] });
        setNotice({ intent: "success", text: t.t("ui.preview-set.saved", { title: plain.title }) });
      } else if (p.kind === "rules" && p.result.catalogue) {
        const c = p.result.catalogue;
        await save({ ...now, userRules: [...now.userRules.filter((x) => x.id !== c.id), c], rules: c.id });
        setNotice({ intent: "success", text: t.t("ui.preview-rules.saved", { title: c.title }) });
      }
      setToolPreview(null);
    },
    onExportSet: async () => {
      const { criteriaSheetModel } = await import("./sheetTools");
      if (toolSet) await addSheet(criteriaSheetModel(plainSetData(toolSet)), (name) => t.t("ui.added.done", { sheet: name }));
    },
    onExportRules: async () => {
      const { rulesSheetModel } = await import("./sheetTools");
      if (catalogue) await addSheet(rulesSheetModel(catalogue), (name) => t.t("ui.added.done", { sheet: name }));
    },
    onNew: async (year: number, province: string) => {
      if (!toolSet) return;
      const { newAppendix } = await import("./sheetTools");
      const built = newAppendix({ set: toolSet, year, ...(province !== "" ? { province } : {}), ...(recognized ? { previous: recognized } : {}), ...(catalogue ? { rules: catalogue } : {}), sheetName: `Phụ lục ${year + 1}` });
      void addSheet(built.sheet, (name) =>
        built.scored.length > 0 && recognized
          ? t.t("ui.tools.new.done", { sheet: name, items: toolSet.items.length, scored: built.scored.length, from: recognized.sheetName })
          : t.t("ui.tools.new.done-empty", { sheet: name, items: toolSet.items.length }),
      );
    },
  };

  const importJson = async (e: InputChange<HTMLInputElement>, kind: "set" | "rules") => {
    const file = e.target.files?.[0];
    e.target.value = "";
    if (!file) return;
    const fail = (lines: string[]) => setNotice({ intent: "error", text: [t.t("ui.import.failed", { file: file.name }), ...lines].join("\n") });
    let data: unknown;
    try {
      data = JSON.parse((await file.text()).replace(/^\uFEFF/, ""));
    } catch (err) {
      fail([t.t("set.not-json", { file: file.name, detail: err instanceof Error ? err.message : String(err) })]);
      return;
    }
    // zod's messages are needed only here, on a rare action: loaded on demand.
    const { zodErrorMap } = await import("../i18n/zod");
    if (kind === "set") {
      const r = parseCriteriaSet(data, zodErrorMap(t.lang));
      if (!r.ok) return fail(r.problems.map((p) => setProblemMessage(t, p)));
      const { byCode: _b, childrenOf: _c, fields: _f, ...plain } = r.set;
      const now = settingsRef.current;
      await save({ ...now, userSets: [...now.userSets.filter((s) => s.id !== plain.id), plain], sheets: { ...now.sheets, [sheetName]: { ...sheetChoice(now, sheetName), set: plain.id } } });
      setNotice({ intent: "success", text: t.t("ui.import.done", { title: plain.title }) });
    } else {
      const r = parseResponsibilityCatalogue(data, zodErrorMap(t.lang));
      if (!r.ok) return fail([...r.problems]);
      const { catalogue } = r;
      const now = settingsRef.current;
      await save({ ...now, userRules: [...now.userRules.filter((c) => c.id !== catalogue.id), catalogue], rules: catalogue.id });
      setNotice({ intent: "success", text: t.t("ui.import.done", { title: catalogue.title }) });
    }
  };

  const setOptions: SetOption[] = [
    { value: "auto", label: t.t("ui.set.auto") },
    ...sets.map((s) => ({ value: s.id, label: s.title })),
    { value: "none", label: t.t("ui.set.none") },
  ];

  return (
    <main className={styles.root} data-testid="pane" data-check-ms={checkMs ?? ""} data-checks={checks} aria-busy={busy !== null}>
      <header className={styles.header}>
        <Text as="h1" className={styles.title}>
          {t.t("ui.title")}
        </Text>
        <Button ref={(el) => {
            recheckButton.current = el;
          }} onClick={() => void recheck()} disabled={busy !== null} appearance="primary">
          {t.t("ui.recheck")}
        </Button>
        <Button ref={(el) => {
            helpButton.current = el;
          }} onClick={() => setIntroOpen(!introOpen)} aria-label={t.t("ui.help")} aria-expanded={introOpen} className={styles.iconButton}>
          ?
        </Button>
      </header>

      {introOpen && (
        <Intro
          onClose={() => {
            setIntroOpen(false);
            storageSet(INTRO_KEY, "1");
            helpButton.current?.focus();
          }}
        />
      )}
      {analysis && !analysis.recognized && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <Text weight="semibold" block>
              {t.t("ui.rejected.title")}
            </Text>
            <Text block>{`${t.t("ui.sheet", { sheet: analysis.sheetName })}: ${rejectionMessage(t, analysis.rejection)}`}</Text>
            {elsewhere.length > 0 ? (
              <Text block data-testid="elsewhere">
                {t.t("ui.rejected.elsewhere", { sheets: elsewhere.map((n) => `“${n}”`).join(", ") })}
              </Text>
            ) : (
              <Text block>{t.t("ui.rejected.hint")}</Text>
            )}
          </MessageBarBody>
          {elsewhere.length > 0 && (
            <MessageBarActions>
              {elsewhere.slice(0, 3).map((n) => (
                <Button key={n} size="small" appearance="primary" onClick={() => select(`${quoteSheetName(n)}!A1`)}>
                  {t.t("ui.rejected.goto", { sheet: n })}
                </Button>
              ))}
            </MessageBarActions>
          )}
        </MessageBar>
      )}

      {recognized && (
        <>
          {recognized.protected && (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>{t.t("ui.protected")}</MessageBarBody>
            </MessageBar>
          )}
          {changed && (
            <MessageBar intent="info" layout="multiline">
              <MessageBarBody>{t.t("ui.changed")}</MessageBarBody>
            </MessageBar>
          )}
          {read && read.skipped.length > 0 && (
            <MessageBar intent="warning" layout="multiline" data-testid="sheets-skipped">
              <MessageBarBody>{t.t("ui.sheets.skipped", { sheets: read.skipped.map((s) => s.name).join(", ") })}</MessageBarBody>
            </MessageBar>
          )}
          <QuickFix
            testId="unicode"
            intent="info"
            title={t.t("ui.unicode.title")}
            body={t.t("ui.unicode.body", {
              count: conversions.length,
              encoding: [...new Set(recognized.legacyCells.map((c) => (c.encoding === "tcvn3" ? "TCVN3 (ABC)" : "VNI")))].join(", "),
            })}
            lines={conversions.map((c) => `${qualified(c.sheet, toA1(c.row, c.col))}: ${c.from} → ${c.value}${c.font !== undefined ? ` (${c.font})` : ""}`)}
            open={unicodePreview}
            onToggle={() => setUnicodePreview(!unicodePreview)}
            apply={t.t("ui.unicode.apply", { count: conversions.length })}
            onApply={() => void doConvert()}
            canWrite={canWrite}
          />
          <QuickFix
            testId="numbers"
            intent="warning"
            title={t.t("ui.numbers.title")}
            body={t.t("ui.numbers.body", { count: numbers.length })}
            lines={numbers.map((c) => `${qualified(c.sheet, toA1(c.row, c.col))}: “${c.from}” → ${t.num(c.number)}${c.numberFormat !== undefined ? ` (${c.numberFormat})` : ""}`)}
            open={numbersPreview}
            onToggle={() => setNumbersPreview(!numbersPreview)}
            apply={t.t("ui.numbers.apply", { count: numbers.length })}
            onApply={() => void doNumbers()}
            canWrite={canWrite}
          />
          <QuickFix
            testId="sums"
            intent="warning"
            title={t.t("ui.sums.title")}
            body={t.t("ui.sums.body", { count: sums.length })}
            lines={sums.map((c) => `${toA1(c.row, c.col)} (${c.code}): ${c.old} → ${c.formula !== undefined ? `${c.formula} = ${t.num(c.number)}` : t.num(c.number)}`)}
            open={sumsPreview}
            onToggle={() => setSumsPreview(!sumsPreview)}
            apply={t.t("ui.sums.apply", { count: sums.length })}
            onApply={() => void doSums()}
            canWrite={canWrite}
          />
          <QuickFix
            testId="codes"
            intent="info"
            title={t.t("ui.codes.title")}
            body={t.t("ui.codes.body", { count: codes.length })}
            lines={codes.map((c) => `${qualified(c.sheet, toA1(c.row, c.col))}: ${c.old} → “${c.value}”`)}
            open={codesPreview}
            onToggle={() => setCodesPreview(!codesPreview)}
            apply={t.t("ui.codes.apply", { count: codes.length })}
            onApply={() => void doCodes()}
            canWrite={canWrite}
          />
          <Summary
            analysis={recognized}
            setValue={choice.set}
            setOptions={setOptions}
            onSet={(v) => updateChoice({ set: v })}
            overridden={new Set(choice.overrides.map((o) => o.col))}
            onRole={(col, value) => {
              // "Tự động": the correction is dropped and the column is recognised again.
              if (value === "auto") return updateChoice({ overrides: choice.overrides.filter((o) => o.col !== col) });
              const r = roleFromValue(value);
              const override: ColumnOverride = { col, role: r.role, ...(r.kind ? { kind: r.kind } : {}) };
              updateChoice({ overrides: [...choice.overrides.filter((o) => o.col !== col), override] });
            }}
            disabled={busy !== null}
          />
          <Tabs
            value={tab}
            onChange={setTab}
            label={t.t("ui.tabs")}
            items={[
              { value: "findings" as Tab, label: t.t("ui.tab.findings", { count: recognized.findings.length }) },
              { value: "below" as Tab, label: t.t("ui.tab.below", { count: recognized.belowTarget.length }) },
              { value: "fill" as Tab, label: t.t("ui.tab.fill", { count: recognized.fills?.edits.length ?? 0 }) },
              { value: "compare" as Tab, label: t.t("ui.tab.compare") },
            ]}
          >
            <CurrentCellContext.Provider value={lastCell && lastCell.sheet === sheetName ? lastCell.cell : null}>
            {tab === "findings" && <FindingsView analysis={recognized} onSelect={select} />}
            {tab === "below" && (
              <BelowView
                analysis={recognized}
                highlighted={highlightRecord !== null}
                canWrite={canWrite}
                onScore={(col) => updateChoice({ scoreColumn: col })}
                onTarget={(col) => updateChoice({ targetColumn: col })}
                onHighlight={() => void doHighlight()}
                onClear={() => void doClear()}
                onSelect={select}
              />
            )}
            {tab === "fill" && (
              <FillView
                analysis={recognized}
                catalogueTitle={catalogue?.title ?? ""}
                selected={selected}
                onToggle={(key, on) => {
                  const next = new Set(selected);
                  if (on) next.add(key);
                  else next.delete(key);
                  setSelected(next);
                }}
                onAll={(on) => setSelected(new Set(on ? (recognized.fills?.edits ?? []).map(fillKey) : []))}
                overwrite={overwrite}
                onOverwrite={setOverwrite}
                canWrite={canWrite}
                onApply={() => void doFill()}
                onSelect={select}
              />
            )}
            {tab === "compare" && (
              <CompareView
                analysis={recognized}
                colA={cols?.a ?? -1}
                colB={cols?.b ?? -1}
                comparison={comparison}
                sheets={compareSheets}
                withSheet={compareWith}
                other={withOther}
                otherProblem={compareWith !== null && other?.name === compareWith ? other.problem : null}
                onWithSheet={(name) => {
                  setCompareWith(name);
                  setCompareCols(null);
                }}
                onColumns={(a, b) => setCompareCols({ a, b })}
                onSelect={select}
                onSheet={() => void doCompareSheet()}
                canWrite={busy === null && !recognized.protected}
              />
            )}
            </CurrentCellContext.Provider>
          </Tabs>
        </>
      )}

      {read && (
        <ToolsView
          appendix={recognized !== null}
          set={toolSet}
          {...(catalogue ? { catalogue } : {})}
          defaultYear={defaultYear}
          canWrite={busy === null}
          busy={busy !== null}
          preview={toolPreview}
          onReadSet={() => void toolActions.onReadSet()}
          onReadRules={() => void toolActions.onReadRules()}
          onSavePreview={() => void toolActions.onSavePreview()}
          onCancelPreview={toolActions.onCancelPreview}
          onExportSet={() => void toolActions.onExportSet()}
          onExportRules={() => void toolActions.onExportRules()}
          onNew={(year, province) => void toolActions.onNew(year, province)}
          onSelect={select}
        />
      )}

      {settings.history.length > 0 && (
        <details className={view.section} data-testid="history">
          <summary>{t.t("ui.history.title", { count: settings.history.length })}</summary>
          <Caption1 block className={view.muted}>
            {t.t("ui.history.hint")}
          </Caption1>
          <ol className={styles.history}>
            {[...settings.history].reverse().map((e, i) => (
              <li key={e.id}>
                <Button size="small" appearance={i === 0 ? "secondary" : "subtle"} disabled={busy !== null || i !== 0} onClick={() => void undoEntry(e)} title={i === 0 ? undefined : t.t("ui.history.older")}>
                  {undoLabel(t, e)}
                </Button>
              </li>
            ))}
          </ol>
        </details>
      )}
      <div className={styles.imports}>
        <Button appearance="subtle" size="small" onClick={() => setInput.current?.click()}>
          {t.t("ui.set.import")}
        </Button>
        <Button appearance="subtle" size="small" onClick={() => rulesInput.current?.click()}>
          {t.t("ui.rules.import")}
        </Button>
      </div>

      {/* The action bar: always in view at the bottom of the pane, with the progress, the result and "Hoàn tác". */}
      <footer className={styles.footer} aria-label={t.t("ui.bar")} data-testid="action-bar">
        {busy && <Spinner size="tiny" label={t.t(busy === "reading" ? "ui.reading" : "ui.writing")} />}
        {reportPrompt && settings.reportSheet && (
          <MessageBar intent="info" layout="multiline" data-testid="report-prompt">
            <MessageBarBody>{t.t("ui.report.ask", { sheet: settings.reportSheet.name })}</MessageBarBody>
            <MessageBarActions>
              <Button size="small" appearance="primary" ref={(el) => {
            promptFirst.current = el;
          }} onClick={() => void doExport("new")}>
                {t.t("ui.report.new")}
              </Button>
              <Button size="small" onClick={() => void doExport("replace")}>
                {t.t("ui.report.replace")}
              </Button>
              <Button size="small" appearance="subtle" onClick={() => { setReportPrompt(false); exportButton.current?.focus(); }}>
                {t.t("ui.report.cancel")}
              </Button>
            </MessageBarActions>
          </MessageBar>
        )}
        {notice && (
          <div ref={noticeRef} tabIndex={-1} className={styles.notice} data-testid="notice">
            <MessageBar intent={notice.intent} layout="multiline" role={notice.intent === "error" ? "alert" : "status"}>
              <MessageBarBody style={{ whiteSpace: "pre-line" }}>
                <MessageBarTitle>{t.t(`ui.notice.${notice.intent}`)}</MessageBarTitle>
                {notice.text}
              </MessageBarBody>
              <MessageBarActions
                containerAction={
                  <Button appearance="transparent" size="small" aria-label={t.t("ui.dismiss")} onClick={() => { setNotice(null); recheckButton.current?.focus(); }}>
                    ×
                  </Button>
                }
              >
                {notice.action && (
                  <Button
                    size="small"
                    onClick={() => {
                      setNotice(null);
                      notice.action?.run();
                    }}
                  >
                    {notice.action.label}
                  </Button>
                )}
              </MessageBarActions>
            </MessageBar>
          </div>
        )}
        <div className={styles.buttons}>
          <Button ref={(el) => {
            exportButton.current = el;
          }} disabled={!recognized || busy !== null} onClick={() => void doExport("ask")}>
            {t.t("ui.export")}
          </Button>
          <Button
            disabled={!recognized || busy !== null}
            onClick={() => void doFeedback()}
          >
            {t.t("ui.feedback")}
          </Button>
          {latest && (
            <Button disabled={busy !== null} onClick={() => void undoEntry(latest)} data-testid="undo-latest">
              {undoLabel(t, latest)}
            </Button>
          )}
        </div>
      </footer>
      <input ref={setInput} className={styles.hidden} type="file" accept=".json,application/json" onChange={(e) => void importJson(e, "set")} aria-hidden="true" tabIndex={-1} />
      <input ref={rulesInput} className={styles.hidden} type="file" accept=".json,application/json" onChange={(e) => void importJson(e, "rules")} aria-hidden="true" tabIndex={-1} />
    </main>
  );
}
