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
  Spinner,
  type Theme,
  Text,
  tokens,
  webLightTheme,
} from "@fluentui/react-components";
import { type ChangeEvent as InputChange, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { BUILTIN_RULE_CATALOGUES, BUILTIN_SETS } from "../catalogues";
import { analyzeSheet, type AnalyzeOptions, type SheetAnalysis } from "../core/analyze";
import { mayContinue, sheetAndOthers, sheetsToReadAround } from "../core/workbook";
import { type CriteriaSet, parseCriteriaSet, plainSetData } from "../core/criteria";
import { modelContents, reportAsModel, type SheetModel } from "../core/sheetModel";
import { conversionPlan, highlightPlan } from "../core/editPlan";
import { expandRange, type Grid, qualified, quoteSheetName, toA1, unqualified } from "../core/grid";
import type { ColumnOverride } from "../core/layout";
import { parseResponsibilityCatalogue } from "../core/responsibility";
import type { HostError, NamedSheetRead, SheetRead, WorkbookHost } from "../host/host";
import { langFromLocale, type MessageKey, rejectionMessage, setProblemMessage, translator, type Translator } from "../i18n";
import { buildFeedbackSheet, buildReportSheet } from "../i18n/report";
import { HostContext, TrContext } from "./context";
import { nextSelection, type PaneSettings, parseSettings, sheetChoice, type SheetChoice } from "./settings";
import { type ToolPreview, ToolsView } from "./tools";
import { BelowView, fillKey, FillView, FindingsView, Intro, roleFromValue, type SetOption, Summary, Tabs, useStyles } from "./views";

export const VERSION = "0.1.0";
const INTRO_KEY = "phuluc-cchc.intro-seen";

type Tab = "findings" | "below" | "fill";

interface Notice {
  readonly intent: "error" | "warning" | "success" | "info";
  readonly text: string;
  readonly action?: { readonly label: string; readonly run: () => void };
}

const usePaneStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", minHeight: "100%", padding: "8px 10px", boxSizing: "border-box", gap: "6px", minWidth: 0 },
  header: { display: "flex", alignItems: "center", gap: "6px", flexWrap: "wrap" },
  title: { flexGrow: 1, fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400 },
  footer: { display: "flex", gap: "6px", alignItems: "center", flexWrap: "wrap", paddingBlock: "8px", borderTop: `1px solid ${tokens.colorNeutralStroke2}` },
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
  const [notice, setNotice] = useState<Notice | null>(null);
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
  const rulesInput = useRef<HTMLInputElement>(null);

  const sheetName = read?.grid.sheetName ?? "";
  const choice: SheetChoice = useMemo(() => sheetChoice(settings, sheetName), [settings, sheetName]);

  const sets: ReadonlyArray<CriteriaSet> = useMemo(() => {
    const user = settings.userSets.map((s) => parseCriteriaSet(s)).flatMap((r) => (r.ok ? [r.set] : []));
    return [...BUILTIN_SETS.filter((b) => !user.some((u) => u.id === b.id)), ...user];
  }, [settings.userSets]);
  const catalogues = useMemo(() => [...BUILTIN_RULE_CATALOGUES, ...settings.userRules], [settings.userRules]);
  const catalogue = catalogues.find((c) => c.id === settings.rules) ?? catalogues[0]!;

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
      rules: catalogue,
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
      checkStarted.current = performance.now();
      userFormatted.current = new Set();
      setChanged(false);
      setRead({ ...r.value, grids, skipped });
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

  const select = useCallback(
    (cell: string) => {
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
  const highlightRecord = settings.highlights.find((h) => h.sheetName === appendixSheet) ?? null;
  const canWrite = recognized !== null && !recognized.protected && !changed && busy === null;

  const doHighlight = async () => {
    if (!recognized) return;
    const cells = highlightPlan(recognized);
    const rec = await write(() => host.highlight(appendixSheet, cells));
    if (!rec) return;
    const now = settingsRef.current;
    await save({ ...now, highlights: [...now.highlights.filter((h) => h.sheetName !== appendixSheet), rec] });
    setNotice({ intent: "success", text: t.t("ui.below.highlighted", { count: rec.cells.length }) });
  };

  const doClear = async () => {
    if (!highlightRecord) return;
    const skip = new Set(highlightRecord.cells.filter((c) => userFormatted.current.has(`${c.sheet ?? highlightRecord.sheetName}!${c.address}`)).map((c) => qualified(c.sheet, c.address)));
    const n = await write(() => host.clearHighlight(highlightRecord, skip));
    if (n === null) return;
    const now = settingsRef.current;
    await save({ ...now, highlights: now.highlights.filter((h) => h.sheetName !== highlightRecord.sheetName) });
    setNotice({
      intent: "success",
      text: skip.size > 0 ? t.t("ui.below.cleared-skipped", { count: n, skipped: skip.size }) : t.t("ui.below.cleared", { count: n }),
    });
  };

  const doUndo = async () => {
    const record = settingsRef.current.lastFill;
    if (!record) return;
    const done = await write(() => host.undoFills(record));
    if (done === null) return;
    await save({ ...settingsRef.current, lastFill: null });
    setNotice({
      intent: "success",
      text:
        done.kept.length > 0
          ? t.t("ui.fill.undone-kept", { count: done.restored, kept: done.kept.length, cells: done.kept.slice(0, 10).join(", ") })
          : t.t("ui.fill.undone", { count: done.restored }),
    });
    await recheck();
  };

  const doFill = async () => {
    if (!recognized?.fills) return;
    const edits = recognized.fills.edits.filter((e) => selected.has(fillKey(e)));
    const record = await write(() => host.applyFills(appendixSheet, edits));
    if (!record) return;
    await save({ ...settingsRef.current, lastFill: record });
    setNotice({ intent: "success", text: t.t("ui.fill.done", { count: record.cells.length }), action: { label: t.t("ui.fill.undo"), run: () => void doUndo() } });
    await recheck();
  };

  /** "Chuyển sang Unicode": the decoded cells of the appendix (all its sheets) written back as Unicode, one write, undoable. */
  const conversions = useMemo(() => (recognized ? conversionPlan(recognized) : []), [recognized]);
  const doConvert = async () => {
    if (conversions.length === 0) return;
    const record = await write(() => host.applyFills(appendixSheet, conversions));
    if (!record) return;
    await save({ ...settingsRef.current, lastFill: record });
    setUnicodePreview(false);
    setNotice({ intent: "success", text: t.t("ui.unicode.done", { count: record.cells.length }), action: { label: t.t("ui.fill.undo"), run: () => void doUndo() } });
    await recheck();
  };

  const doExport = async () => {
    if (!analysis) return;
    const report = buildReportSheet(t, [analysis], { version: VERSION, date: new Date().toLocaleString(t.lang === "vi" ? "vi-VN" : "en-GB") });
    const made = await write(() => host.writeReport(report, read?.reportSheet ?? null));
    if (!made) return;
    await save({ ...settingsRef.current, reportSheet: made });
    setNotice({ intent: "success", text: t.t("ui.report.done", { sheet: made.name }) });
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
    const undo = async () => {
      const r = await write(() => host.removeAddedSheet(added, written));
      if (!r) return;
      if (r.removed) setNotice({ intent: "success", text: t.t("ui.added.undo-done", { sheet: added.name }) });
      else if (r.changed.length > 0) setNotice({ intent: "info", text: t.t("ui.added.undo-kept", { sheet: added.name, count: r.changed.length, cells: r.changed.slice(0, 5).join(", ") }) });
      else setNotice({ intent: "info", text: t.t("ui.added.gone", { sheet: added.name }) });
    };
    setNotice({ intent: "success", text: done(added.name), action: { label: t.t("ui.fill.undo"), run: () => void undo() } });
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
      await addSheet(rulesSheetModel(catalogue), (name) => t.t("ui.added.done", { sheet: name }));
    },
    onNew: async (year: number, province: string) => {
      if (!toolSet) return;
      const { newAppendix } = await import("./sheetTools");
      const built = newAppendix({ set: toolSet, year, ...(province !== "" ? { province } : {}), ...(recognized ? { previous: recognized } : {}), rules: catalogue, sheetName: `Phụ lục ${year + 1}` });
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
        <Button onClick={() => void recheck()} disabled={busy !== null} appearance="primary">
          {t.t("ui.recheck")}
        </Button>
        <Button onClick={() => setIntroOpen(!introOpen)} aria-label={t.t("ui.help")} aria-expanded={introOpen} className={styles.iconButton}>
          ?
        </Button>
      </header>

      {introOpen && (
        <Intro
          onClose={() => {
            setIntroOpen(false);
            storageSet(INTRO_KEY, "1");
          }}
        />
      )}
      {busy && <Spinner size="tiny" label={t.t(busy === "reading" ? "ui.reading" : "ui.writing")} />}
      {notice && (
        <MessageBar intent={notice.intent} layout="multiline" role={notice.intent === "error" ? "alert" : "status"}>
          <MessageBarBody style={{ whiteSpace: "pre-line" }}>{notice.text}</MessageBarBody>
          <MessageBarActions
            containerAction={
              <Button appearance="transparent" size="small" aria-label={t.t("ui.dismiss")} onClick={() => setNotice(null)}>
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
          {conversions.length > 0 && (
            <MessageBar intent="info" layout="multiline" data-testid="unicode">
              <MessageBarBody>
                <Text weight="semibold" block>
                  {t.t("ui.unicode.title")}
                </Text>
                <Text block>
                  {t.t("ui.unicode.body", {
                    count: conversions.length,
                    encoding: [...new Set(recognized.legacyCells.map((c) => (c.encoding === "tcvn3" ? "TCVN3 (ABC)" : "VNI")))].join(", "),
                  })}
                </Text>
                {unicodePreview && (
                  <ul className={view.muted} aria-label={t.t("ui.unicode.preview")}>
                    {conversions.slice(0, 30).map((c) => (
                      <li key={`${c.sheet ?? ""}!${c.row}:${c.col}`}>{`${qualified(c.sheet, toA1(c.row, c.col))}: ${c.from} → ${c.value}${c.font !== undefined ? ` (${c.font})` : ""}`}</li>
                    ))}
                    {conversions.length > 30 && <li>{t.t("ui.unicode.more", { count: conversions.length - 30 })}</li>}
                  </ul>
                )}
              </MessageBarBody>
              <MessageBarActions>
                <Button size="small" aria-expanded={unicodePreview} onClick={() => setUnicodePreview(!unicodePreview)}>
                  {t.t(unicodePreview ? "ui.unicode.hide" : "ui.unicode.preview")}
                </Button>
                <Button size="small" appearance="primary" disabled={!canWrite} onClick={() => void doConvert()}>
                  {t.t("ui.unicode.apply", { count: conversions.length })}
                </Button>
              </MessageBarActions>
            </MessageBar>
          )}
          <Summary
            analysis={recognized}
            setValue={choice.set}
            setOptions={setOptions}
            onSet={(v) => updateChoice({ set: v })}
            onRole={(col, value) => {
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
            ]}
          >
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
                catalogueTitle={catalogue.title}
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
          </Tabs>
        </>
      )}

      {read && (
        <ToolsView
          appendix={recognized !== null}
          set={toolSet}
          catalogue={catalogue}
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

      <footer className={styles.footer}>
        <Button disabled={!recognized || busy !== null} onClick={() => void doExport()}>
          {t.t("ui.export")}
        </Button>
        <Button
          disabled={!recognized || busy !== null}
          onClick={() => {
            if (!analysis) return;
            const sheet = buildFeedbackSheet(t, [analysis], { version: VERSION, date: new Date().toLocaleDateString(t.lang === "vi" ? "vi-VN" : "en-GB") });
            void addSheet(reportAsModel(sheet), (name) => t.t("ui.feedback.done", { sheet: name }));
          }}
        >
          {t.t("ui.feedback")}
        </Button>
        {settings.lastFill && (
          <Button disabled={busy !== null} onClick={() => void doUndo()}>
            {t.t("ui.fill.undo")}
          </Button>
        )}
        <Button appearance="subtle" size="small" onClick={() => setInput.current?.click()}>
          {t.t("ui.set.import")}
        </Button>
        <Button appearance="subtle" size="small" onClick={() => rulesInput.current?.click()}>
          {t.t("ui.rules.import")}
        </Button>
        {checkMs !== null && <Caption1 className={view.muted}>{t.t("ui.timing", { ms: checkMs })}</Caption1>}
      </footer>
      <input ref={setInput} className={styles.hidden} type="file" accept=".json,application/json" onChange={(e) => void importJson(e, "set")} aria-hidden="true" tabIndex={-1} />
      <input ref={rulesInput} className={styles.hidden} type="file" accept=".json,application/json" onChange={(e) => void importJson(e, "rules")} aria-hidden="true" tabIndex={-1} />
    </main>
  );
}
