/**
 * The pane's sections. Presentational: data and callbacks come from App. Every cell text is rendered as React text
 * (never as HTML), so a cell holding "<img onerror=...>" shows those characters.
 */
import { Badge, Button, Caption1, Checkbox, Field, Input, makeStyles, mergeClasses, Select, Switch, Text, ToggleButton, tokens } from "@fluentui/react-components";
import { type KeyboardEvent, type ReactNode, useMemo, useRef, useState } from "react";
import type { RecognizedSheet } from "../core/analyze";
import type { Comparison } from "../core/compare";
import { placeOf } from "../core/workbook";
import { type BelowTargetItem, comparedCount } from "../core/belowTarget";
import { countBySeverity, type Finding, type Severity } from "../core/findings";
import { columnLetter, qualified, toA1 } from "../core/grid";
import type { ColumnRole, ScoreKind } from "../core/layout";
import { codeWithLabel, columnLabel, explainAnalysis, fillMatchText, findingCell, type MessageKey, renderFinding, setChoiceMessage, sheetLabels, sheetsLabel, uncertainText, inMergeText } from "../i18n";
import { useCurrentCell, useT } from "./context";
import { fillKey } from "./settings";

export const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: "8px", paddingBlock: "8px" },
  row: { display: "flex", flexWrap: "wrap", gap: "6px", alignItems: "center" },
  list: { display: "flex", flexDirection: "column", gap: "2px", margin: 0, padding: 0, listStyleType: "none" },
  /** The item the user last went to: a bar on its inline start and the selected background. */
  current: {
    backgroundColor: tokens.colorSubtleBackgroundSelected,
    borderInlineStartWidth: "3px",
    borderInlineStartStyle: "solid",
    borderInlineStartColor: tokens.colorBrandStroke1,
  },
  item: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    textAlign: "start",
    width: "100%",
    minWidth: 0,
    height: "auto",
    paddingBlock: "6px",
    paddingInline: "8px",
    fontWeight: tokens.fontWeightRegular,
    whiteSpace: "normal",
    overflowWrap: "anywhere",
  },
  muted: { color: tokens.colorNeutralForeground3 },
  strong: { fontWeight: tokens.fontWeightSemibold },
  fillRow: {
    display: "grid",
    gridTemplateColumns: "auto 1fr",
    columnGap: "4px",
    alignItems: "start",
    paddingBlock: "4px",
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  wrap: { whiteSpace: "normal", overflowWrap: "anywhere" },
  dropdown: { minWidth: "0", width: "100%" },
  details: { borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, paddingBlock: "2px" },
  summary: {
    cursor: "pointer",
    overflowWrap: "anywhere",
    paddingBlock: "6px",
    paddingInline: "4px",
    borderRadius: tokens.borderRadiusMedium,
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "1px" },
    ":hover": { backgroundColor: tokens.colorSubtleBackgroundHover },
  },
  tablist: { display: "flex", flexWrap: "wrap", gap: "2px", borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, marginBottom: "4px" },
  tab: { borderRadius: 0, borderBottomWidth: "2px", borderBottomStyle: "solid", borderBottomColor: "transparent", minWidth: 0 },
  tabSelected: { borderBottomColor: tokens.colorCompoundBrandStroke, fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground1 },
  intro: {
    border: `1px solid ${tokens.colorBrandStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: "8px 10px",
    backgroundColor: tokens.colorBrandBackground2,
  },
});

/**
 * Tabs with the WAI-ARIA tabs pattern (arrow keys, Home, End move between tabs; one tab stop), built on Fluent
 * buttons: Fluent's TabList would cost a tenth of the pane's download budget.
 */
export function Tabs<T extends string>(props: { value: T; onChange: (v: T) => void; items: ReadonlyArray<{ value: T; label: string }>; label: string; children: ReactNode }) {
  const styles = useStyles();
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  const index = props.items.findIndex((i) => i.value === props.value);
  const move = (e: KeyboardEvent) => {
    const n = props.items.length;
    const next = e.key === "ArrowRight" ? (index + 1) % n : e.key === "ArrowLeft" ? (index - 1 + n) % n : e.key === "Home" ? 0 : e.key === "End" ? n - 1 : -1;
    if (next < 0) return;
    e.preventDefault();
    const item = props.items[next];
    if (item) props.onChange(item.value);
    refs.current[next]?.focus();
  };
  return (
    <div>
      <div role="tablist" aria-label={props.label} className={styles.tablist} onKeyDown={move}>
        {props.items.map((item, i) => (
          <Button
            key={item.value}
            ref={(el) => {
              refs.current[i] = el;
            }}
            role="tab"
            id={`tab-${item.value}`}
            aria-selected={i === index}
            aria-controls={`panel-${item.value}`}
            tabIndex={i === index ? 0 : -1}
            appearance="subtle"
            size="small"
            className={mergeClasses(styles.tab, i === index && styles.tabSelected)}
            onClick={() => props.onChange(item.value)}
          >
            {item.label}
          </Button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${props.value}`} aria-labelledby={`tab-${props.value}`} tabIndex={0}>
        {props.children}
      </div>
    </div>
  );
}

/** A disclosure group: native <details>, keyboard-operable and announced by screen readers without extra code. */
export function Group(props: { title: ReactNode; open?: boolean; children: ReactNode }) {
  const styles = useStyles();
  return (
    <details className={styles.details} open={props.open}>
      <summary className={styles.summary}>{props.title}</summary>
      {props.children}
    </details>
  );
}

/** Props that mark a list item as the one the user last went to (styles.current, aria-current). */
function useMark(): (cell: string | null, base: string) => { className: string; "aria-current"?: "true" } {
  const current = useCurrentCell();
  const styles = useStyles();
  return (cell, base) => (cell !== null && cell === current ? { className: mergeClasses(base, styles.current), "aria-current": "true" } : { className: base });
}

const SEVERITIES: ReadonlyArray<Severity> = ["error", "warning", "info"];
const BADGE: Readonly<Record<Severity, "danger" | "warning" | "informative">> = { error: "danger", warning: "warning", info: "informative" };

export function SeverityBadges({ findings }: { findings: ReadonlyArray<Finding> }) {
  const t = useT();
  const styles = useStyles();
  const counts = countBySeverity(findings);
  return (
    <div className={styles.row}>
      {SEVERITIES.map((s) => (
        <Badge key={s} appearance={counts[s] > 0 ? "filled" : "outline"} color={BADGE[s]}>
          {`${counts[s]} ${t.t(`severity.${s}.plural`)}`}
        </Badge>
      ))}
    </div>
  );
}

// ------------------------------------------------------------------------------------------------------------------
// Summary: what was recognised, and the user's corrections

export interface SetOption {
  readonly value: string;
  readonly label: string;
}

const ROLE_OPTIONS: ReadonlyArray<{ value: string; role: ColumnRole | "ignore"; kind?: ScoreKind }> = [
  { value: "code", role: "code" },
  { value: "name", role: "name" },
  { value: "max", role: "max" },
  { value: "score:achieved", role: "score", kind: "achieved" },
  { value: "score:self", role: "score", kind: "self" },
  { value: "score:appraised", role: "score", kind: "appraised" },
  { value: "score:survey", role: "score", kind: "survey" },
  { value: "target", role: "target" },
  { value: "responsibility", role: "responsibility" },
  { value: "support", role: "support" },
  { value: "notes", role: "notes" },
  { value: "ignore", role: "ignore" },
];

export function roleFromValue(value: string): { role: ColumnRole | "ignore"; kind?: ScoreKind } {
  const o = ROLE_OPTIONS.find((r) => r.value === value);
  return o ? (o.kind ? { role: o.role, kind: o.kind } : { role: o.role }) : { role: "ignore" };
}

export function Summary(props: {
  analysis: RecognizedSheet;
  setValue: string;
  setOptions: ReadonlyArray<SetOption>;
  onSet: (value: string) => void;
  onRole: (col: number, value: string) => void;
  /** Columns whose role the user corrected: they offer a way back to the automatic choice. */
  overridden?: ReadonlySet<number>;
  disabled: boolean;
}) {
  const t = useT();
  const styles = useStyles();
  const a = props.analysis;
  const roleOf = (col: number): string => {
    const c = a.columns.find((x) => x.col === col);
    if (!c) return "ignore";
    return c.role === "score" ? `score:${c.kind ?? "achieved"}` : c.role;
  };
  const roleLabel = (value: string): string => {
    const r = roleFromValue(value);
    return r.role === "score" ? t.t(`kind.${r.kind ?? "achieved"}`) : t.t(`role.${r.role}` as MessageKey);
  };
  // Columns with a header, the ones recognised, and a column of numbers without a header (an "unread-column" finding),
  // so that the user can give it its role.
  const headerCols = a.layout.headers
    .map((h, col) => ({ h, col }))
    .filter(({ h, col }) => h !== "" || a.columns.some((c) => c.col === col) || a.findings.some((f) => f.rule === "unread-column" && f.col === col));
  return (
    <section className={styles.section} aria-label={t.t("ui.sheet", { sheet: sheetsLabel(a) })}>
      <Text weight="semibold" className={styles.wrap}>
        {t.t("ui.sheet", { sheet: sheetsLabel(a) })}
      </Text>
      <Text size={200} className={styles.wrap}>
        {t.t("ui.counts", { ...a.counts })}
      </Text>
      <SeverityBadges findings={a.findings} />
      <Field label={t.t("ui.set")} hint={setChoiceMessage(t, a.setChoice)}>
        <Select className={styles.dropdown} value={props.setValue} onChange={(_, d) => props.onSet(d.value)} disabled={props.disabled}>
          {props.setOptions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </Select>
      </Field>
      <Group title={t.t("ui.columns")}>
        <Caption1 block className={styles.wrap}>
          {explainAnalysis(t, a)}
        </Caption1>
        <Caption1 className={styles.muted} block>
          {t.t("ui.columns.hint")}
        </Caption1>
        {headerCols.map(({ h, col }) => (
          <Field key={col} label={t.t("ui.column.label", { letter: columnLetter(col), header: h || "—" })} size="small">
            <Select size="small" className={styles.dropdown} value={roleOf(col)} onChange={(_, d) => props.onRole(col, d.value)} disabled={props.disabled}>
              {props.overridden?.has(col) === true && <option value="auto">{t.t("ui.column.auto")}</option>}
              {ROLE_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {roleLabel(o.value)}
                </option>
              ))}
            </Select>
          </Field>
        ))}
      </Group>
    </section>
  );
}

// ------------------------------------------------------------------------------------------------------------------
// Findings: grouped by severity and by field, filterable; a click selects the cell in Excel

function fieldOf(f: Finding): string {
  return f.code === null ? "" : (f.code.split(".")[0] ?? "");
}

function shown(v: number | string | null, num: (n: number) => string): string {
  return v === null ? "—" : typeof v === "number" ? num(v) : v;
}

/** Several numbers stored as text in one group are one item (with their cells), not one item each. */
const asTextGroup = (group: ReadonlyArray<{ readonly f: Finding }>): boolean => group.filter((m) => m.f.rule === "number-as-text").length > 1;

export function FindingsView(props: { analysis: RecognizedSheet; onSelect: (cell: string) => void }) {
  const t = useT();
  const styles = useStyles();
  const [query, setQuery] = useState("");
  const [visible, setVisible] = useState<Record<Severity, boolean>>({ error: true, warning: true, info: true });
  const a = props.analysis;
  // A field's name from the sheet, else (a field missing from the sheet) from the criteria set.
  const fieldNames = useMemo(
    () => new Map([...(a.set?.items ?? []).filter((i) => !i.code.includes(".")).map((i) => [i.code, i.name] as const), ...a.body.items.filter((i) => i.level === "field").map((i) => [i.code, i.name] as const)]),
    [a],
  );
  // Codes as the criteria set writes them, with the sheet's own label beside them where it differs.
  const labels = useMemo(() => sheetLabels(a), [a]);
  const rendered = useMemo(() => a.findings.map((f) => ({ f, text: renderFinding(t, f, labels), cell: findingCell(f) })), [a, t, labels]);
  const mark = useMark();
  const counts = useMemo(() => countBySeverity(a.findings), [a]);
  const q = query.trim().toLowerCase();
  const matches = rendered.filter(({ f, text, cell }) => visible[f.severity] && (q === "" || text.toLowerCase().includes(q) || (cell ?? "").toLowerCase() === q || (f.code ?? "").startsWith(q)));
  if (a.findings.length === 0) return <Text>{t.t("ui.findings.none")}</Text>;
  return (
    <div className={styles.section}>
      <Input type="search" value={query} onChange={(_, d) => setQuery(d.value)} placeholder={t.t("ui.findings.filter")} aria-label={t.t("ui.findings.filter")} />
      <div className={styles.row} role="group" aria-label={t.t("ui.findings.filters")}>
        {SEVERITIES.map((s) => {
          const n = counts[s];
          return (
            <ToggleButton
              key={s}
              size="small"
              checked={visible[s]}
              onClick={() => setVisible({ ...visible, [s]: !visible[s] })}
              // Pressed and not pressed look different beyond the colour: a tick shows what is listed.
              icon={visible[s] ? <span aria-hidden="true">✓</span> : null}
              title={t.t("ui.findings.show", { severity: t.t(`severity.${s}.plural`), count: n })}
            >
              {`${t.t(`severity.${s}`)} (${n})`}
            </ToggleButton>
          );
        })}
      </div>
      <div>
        {SEVERITIES.flatMap((s) => {
          const ofSeverity = matches.filter((m) => m.f.severity === s);
          const fields = [...new Set(ofSeverity.map((m) => fieldOf(m.f)))].sort((x, y) => (x === "" ? 1 : y === "" ? -1 : Number(x) - Number(y)));
          return fields.map((field) => {
            const group = ofSeverity.filter((m) => fieldOf(m.f) === field);
            const title =
              field === ""
                ? t.t("ui.findings.other", { count: group.length })
                : t.t("ui.findings.field", { code: field, name: fieldNames.get(field) ?? "", count: group.length });
            return (
              <Group
                key={`${s}:${field}`}
                open={s === "error" || q !== ""}
                title={
                  <>
                    <Badge size="small" color={BADGE[s]}>
                      {t.t(`severity.${s}`)}
                    </Badge>{" "}
                    {title}
                  </>
                }
              >
                <ul className={styles.list}>
                  {asTextGroup(group) && (
                    <li key="as-text">
                      <Button appearance="subtle" className={styles.item} onClick={() => { const first = group.find((m) => m.f.rule === "number-as-text")?.cell; if (first) props.onSelect(first); }} data-rule="number-as-text">
                        <span className={styles.wrap}>
                          {(() => {
                            const cells = group.filter((m) => m.f.rule === "number-as-text").map((m) => m.cell ?? "");
                            return t.t("ui.findings.as-text", { count: cells.length, cells: cells.length > 8 ? `${cells.slice(0, 8).join(", ")}, …` : cells.join(", ") });
                          })()}
                        </span>
                      </Button>
                    </li>
                  )}
                  {group.filter((m) => !(asTextGroup(group) && m.f.rule === "number-as-text")).map(({ f, text, cell }, i) => (
                    <li key={`${f.rule}:${f.row ?? "x"}:${f.col ?? "x"}:${i}`}>
                      <Button
                        appearance="subtle"
                        {...mark(cell, styles.item)}
                        disabled={cell === null}
                        onClick={() => cell && props.onSelect(cell)}
                        title={cell ? t.t("ui.findings.goto", { cell }) : undefined}
                        data-rule={f.rule}
                      >
                        <span className={styles.strong}>{cell ?? "—"}</span>
                        <span className={styles.wrap}>{text}</span>
                        {(f.expected !== null || f.actual !== null) && f.rule !== "number-as-text" && (
                          <Caption1 className={styles.muted}>
                            {`${t.t("ui.findings.expected", { value: shown(f.expected, t.num) })} · ${t.t("ui.findings.actual", { value: shown(f.actual, t.num) })}`}
                          </Caption1>
                        )}
                      </Button>
                    </li>
                  ))}
                </ul>
              </Group>
            );
          });
        })}
      </div>
      {matches.length < a.findings.length && <Caption1 className={styles.muted}>{t.t("ui.findings.hidden", { count: a.findings.length - matches.length })}</Caption1>}
    </div>
  );
}

// ------------------------------------------------------------------------------------------------------------------
// Below target

export function BelowView(props: {
  analysis: RecognizedSheet;
  highlighted: boolean;
  canWrite: boolean;
  onScore: (col: number) => void;
  onTarget: (col: number | "max") => void;
  onHighlight: () => void;
  onClear: () => void;
  onSelect: (cell: string) => void;
}) {
  const t = useT();
  const styles = useStyles();
  const mark = useMark();
  const labels = useMemo(() => sheetLabels(props.analysis), [props.analysis]);
  const a = props.analysis;
  const choice = a.columnChoice;
  const scoreLabel = (col: number): string => {
    const s = a.layout.scores.find((x) => x.col === col);
    return s ? `${columnLetter(col)} — ${columnLabel(t, { role: "score", year: s.year, kind: s.kind })}` : columnLetter(col);
  };
  const targetLabel = (v: string): string => {
    if (v === "max") return t.t("ui.below.max");
    const col = Number(v);
    const tg = a.layout.targets.find((x) => x.col === col);
    return tg ? `${columnLetter(col)} — ${columnLabel(t, { role: "target", year: tg.year })}` : columnLetter(col);
  };
  const targetValue = choice.target ? String(choice.target.col) : "max";
  const total = a.belowTarget.reduce((s, b) => s + b.gap, 0);
  return (
    <div className={styles.section}>
      {choice.score && (
        <Field label={t.t("ui.below.score")} size="small">
          <Select size="small" className={styles.dropdown} value={String(choice.score.col)} onChange={(_, d) => props.onScore(Number(d.value))}>
            {a.layout.scores.map((s) => (
              <option key={s.col} value={String(s.col)}>
                {scoreLabel(s.col)}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <Field label={t.t("ui.below.target")} size="small">
        <Select size="small" className={styles.dropdown} value={targetValue} onChange={(_, d) => props.onTarget(d.value === "max" ? "max" : Number(d.value))}>
          {[...a.layout.targets.map((x) => String(x.col)), "max"].map((v) => (
            <option key={v} value={v}>
              {targetLabel(v)}
            </option>
          ))}
        </Select>
      </Field>
      <Text className={styles.wrap}>
        {!choice.score
          ? t.t("below.no-score")
          : a.belowTarget.length > 0
            ? t.t("ui.below.summary", { count: a.belowTarget.length, gap: Math.round(total * 1e5) / 1e5 })
            : comparedCount(a.statuses) === 0
              ? t.t("below.nothing-compared", { header: choice.score.header })
              : t.t("below.none")}
      </Text>
      <div className={styles.row}>
        <Button appearance="primary" disabled={!props.canWrite || props.highlighted || a.belowTarget.length === 0} onClick={props.onHighlight}>
          {t.t("ui.below.highlight")}
        </Button>
        <Button disabled={!props.highlighted} onClick={props.onClear}>
          {t.t("ui.below.clear")}
        </Button>
      </div>
      <ul className={styles.list}>
        {a.belowTarget.map((b: BelowTargetItem) => {
          const cell = qualified(b.sheet, toA1(b.scoreCell.row, b.scoreCell.col));
          return (
            <li key={b.code}>
              <Button appearance="subtle" {...mark(cell, styles.item)} onClick={() => props.onSelect(cell)} title={t.t("ui.findings.goto", { cell })}>
                <span className={styles.row}>
                  <span className={styles.strong}>{codeWithLabel(t, b.code, labels)}</span>
                  <span>{t.t("ui.below.row", { score: t.num(b.score), target: t.num(b.target) })}</span>
                  <Badge size="small" appearance="tint" color="warning">
                    {t.t("ui.below.gap", { gap: t.num(b.gap) })}
                  </Badge>
                </span>
                <Caption1 className={styles.wrap}>{`${cell} · ${b.name}`}</Caption1>
              </Button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

// ------------------------------------------------------------------------------------------------------------------
// "Thực hiện": preview, choose, apply, undo

export { fillKey };

export function FillView(props: {
  analysis: RecognizedSheet;
  catalogueTitle: string;
  selected: ReadonlySet<string>;
  onToggle: (key: string, on: boolean) => void;
  onAll: (on: boolean) => void;
  overwrite: boolean;
  onOverwrite: (on: boolean) => void;
  canWrite: boolean;
  onApply: () => void;
  onSelect: (cell: string) => void;
}) {
  const t = useT();
  const styles = useStyles();
  const mark = useMark();
  const labels = useMemo(() => sheetLabels(props.analysis), [props.analysis]);
  // One tab stop per row (its tick box): the arrow keys move between the box and the row's cell button.
  const rowKeys = (ev: KeyboardEvent<HTMLLIElement>) => {
    if (ev.key !== "ArrowRight" && ev.key !== "ArrowLeft") return;
    const box = ev.currentTarget.querySelector<HTMLElement>("input[type=checkbox]");
    const go = ev.currentTarget.querySelector<HTMLElement>("button");
    const to = ev.key === "ArrowRight" ? go : box;
    if (to && to !== document.activeElement) {
      ev.preventDefault();
      to.focus();
    }
  };
  const a = props.analysis;
  const edits = a.fills?.edits ?? [];
  const col = a.layout.responsibility;
  if (col === null) return <Text>{t.t("fill.no-column")}</Text>;
  const chosen = edits.filter((e) => props.selected.has(fillKey(e)));
  const all = chosen.length === edits.length ? true : chosen.length === 0 ? false : "mixed";
  return (
    <div className={styles.section}>
      <Text size={200} className={styles.wrap}>
        {t.t("ui.fill.intro", { header: a.layout.headers[col] ?? "", letter: columnLetter(col), catalogue: props.catalogueTitle })}
      </Text>
      <Switch checked={props.overwrite} onChange={(_, d) => props.onOverwrite(d.checked)} label={t.t("ui.fill.overwrite")} />
      {!props.overwrite && (a.fills?.keptNonEmpty.length ?? 0) > 0 && (
        <Caption1 className={styles.muted}>{t.t("ui.fill.overwrite.hint", { kept: a.fills?.keptNonEmpty.length ?? 0 })}</Caption1>
      )}
      {edits.length === 0 ? (
        <Text>{t.t("ui.fill.none")}</Text>
      ) : (
        <>
          <Checkbox checked={all} onChange={(_, d) => props.onAll(d.checked === true)} label={t.t("ui.fill.all", { count: edits.length })} />
          <Caption1 className={styles.muted}>{t.t("ui.fill.keys")}</Caption1>
          <ul className={styles.list}>
            {edits.map((e) => {
              const key = fillKey(e);
              const cell = qualified(e.sheet, toA1(e.row, e.col));
              return (
                <li key={key} className={styles.fillRow} onKeyDown={rowKeys}>
                  <Checkbox checked={props.selected.has(key)} onChange={(_, d) => props.onToggle(key, d.checked === true)} aria-label={t.t("ui.fill.row", { cell, code: codeWithLabel(t, e.code, labels) })} />
                  <div>
                    <Button appearance="transparent" size="small" tabIndex={-1} {...mark(cell, "")} onClick={() => props.onSelect(cell)} title={t.t("ui.findings.goto", { cell })}>
                      {t.t("ui.fill.row", { cell, code: codeWithLabel(t, e.code, labels) })}
                    </Button>
                    <Badge size="small" appearance="tint" color={e.status === "below" ? "warning" : e.status === "met" ? "success" : "informative"}>
                      {t.t(`fill.status.${e.status}`)}
                    </Badge>
                    {e.old !== "" && <Caption1 block className={`${styles.muted} ${styles.wrap}`}>{t.t("ui.fill.current", { value: e.old })}</Caption1>}
                    <Text block size={200} className={styles.wrap}>
                      {`→ ${e.value}`}
                    </Text>
                    <Caption1 block className={`${styles.muted} ${styles.wrap}`}>
                      {fillMatchText(t, e)}
                      {e.source !== "" ? ` · ${t.t("ui.fill.source", { source: e.source })}` : ""}
                    </Caption1>
                  </div>
                </li>
              );
            })}
          </ul>
          <Button appearance="primary" disabled={!props.canWrite || chosen.length === 0} onClick={props.onApply}>
            {t.t("ui.fill.apply", { count: chosen.length })}
          </Button>
        </>
      )}
      {(a.fills?.uncertain.length ?? 0) > 0 && (
        <Caption1 block className={styles.wrap} data-testid="fill-uncertain">
          {uncertainText(t, a.fills!.uncertain)}
        </Caption1>
      )}
      {(a.fills?.inMerge.length ?? 0) > 0 && (
        <Caption1 block className={styles.wrap} data-testid="fill-in-merge">
          {inMergeText(t, a.fills!.inMerge)}
        </Caption1>
      )}
      {(a.fills?.unmatched.length ?? 0) > 0 && (
        <Caption1 block className={`${styles.muted} ${styles.wrap}`}>
          {t.t("fill.unmatched", { codes: a.fills!.unmatched.join(", ") })}
        </Caption1>
      )}
      {(a.fills?.sameAsParent.length ?? 0) > 0 && (
        <Caption1 block className={`${styles.muted} ${styles.wrap}`}>
          {t.t("fill.same-as-parent", { count: a.fills!.sameAsParent.length, codes: a.fills!.sameAsParent.join(", ") })}
        </Caption1>
      )}
    </div>
  );
}

// ------------------------------------------------------------------------------------------------------------------
// First-run explanation (reopened with the help button)

export function Intro(props: { onClose: () => void }) {
  const t = useT();
  const styles = useStyles();
  return (
    <section className={styles.intro} aria-labelledby="phuluc-intro-title">
      <Text as="h2" weight="semibold" id="phuluc-intro-title" block>
        {t.t("ui.intro.title")}
      </Text>
      <ol style={{ paddingInlineStart: 18, marginBlock: 6 }}>
        <li>{t.t("ui.intro.1")}</li>
        <li>{t.t("ui.intro.2")}</li>
        <li>{t.t("ui.intro.3")}</li>
        <li>{t.t("ui.intro.4")}</li>
      </ol>
      <Text weight="semibold" block>
        {t.t("ui.intro.safe")}
      </Text>
      <Button appearance="primary" size="small" onClick={props.onClose} style={{ marginTop: 6 }}>
        {t.t("ui.intro.ok")}
      </Button>
    </section>
  );
}

/** The columns two of which can be compared: every score column and every target column, in sheet order. */
export function comparableColumns(a: RecognizedSheet): Array<{ readonly col: number; readonly header: string }> {
  return [...a.layout.scores, ...a.layout.targets].map((c) => ({ col: c.col, header: c.header })).sort((x, y) => x.col - y.col);
}

/**
 * Issue 8 §1 in the pane: two score columns of the appendix aligned by code ("Tự chấm" against "Thẩm định", this
 * year's score against next year's target), parents recomputed from their leaves; click an item to go to its cell.
 */
export function CompareView(props: {
  analysis: RecognizedSheet;
  colA: number;
  colB: number;
  comparison: Comparison | null;
  /** Other sheets of the workbook that this appendix can be compared with. */
  sheets: ReadonlyArray<string>;
  /** The sheet chosen for side B, null: two columns of this appendix. */
  withSheet: string | null;
  /** Side B's appendix, once read. */
  other: RecognizedSheet | null;
  /** Why the chosen sheet cannot be compared (not an appendix, not read). */
  otherProblem: string | null;
  onWithSheet: (sheet: string | null) => void;
  onColumns: (a: number, b: number) => void;
  onSelect: (cell: string) => void;
  onSheet: () => void;
  canWrite: boolean;
}) {
  const t = useT();
  const styles = useStyles();
  const mark = useMark();
  const a = props.analysis;
  const columns = comparableColumns(a);
  const b = props.other;
  const columnsB = b ? comparableColumns(b) : columns;
  const c = props.comparison;
  const source = (
    <Field label={t.t("ui.compare.with")} size="small">
      <Select size="small" value={props.withSheet ?? ""} onChange={(_, d) => props.onWithSheet(d.value === "" ? null : d.value)}>
        <option value="">{t.t("ui.compare.with-columns")}</option>
        {props.sheets.map((n) => (
          <option key={n} value={n}>
            {t.t("ui.compare.with-sheet", { sheet: n })}
          </option>
        ))}
      </Select>
    </Field>
  );
  if (props.withSheet !== null && !b) {
    return (
      <div className={styles.section}>
        {source}
        <Text role="status">{props.otherProblem ?? t.t("ui.compare.reading", { sheet: props.withSheet })}</Text>
      </div>
    );
  }
  if ((b ? columns.length < 1 || columnsB.length < 1 : columns.length < 2) || !c) {
    return (
      <div className={styles.section}>
        {props.sheets.length > 0 && source}
        <Text>{t.t(b ? "ui.compare.need-one" : "ui.compare.need-two")}</Text>
      </div>
    );
  }
  const signed = (x: number | null): string => (x === null ? t.t("ui.compare.none") : `${x > 0 ? "+" : ""}${t.num(x)}`);
  const value = (x: number | null): string => (x === null ? t.t("ui.compare.none") : t.num(x));
  const label = (list: ReadonlyArray<{ col: number; header: string }>, col: number): string => `${columnLetter(col)} — ${list.find((x) => x.col === col)?.header ?? ""}`;
  // An item's cell. Two columns: side B's cell on its row. Another sheet: the item on this sheet (A), where the pane
  // is; an item only on B goes to B's sheet (Excel then makes that sheet the active one).
  const cellOf = (i: { rowA: number | null; rowB: number | null }): string | null => {
    const onB = b ? i.rowA === null : true;
    const row = onB ? (i.rowB ?? i.rowA) : i.rowA;
    if (row === null) return null;
    const at = placeOf(onB && b && i.rowB !== null ? b : a, row);
    return qualified(at.sheetName !== a.sheetName ? at.sheetName : undefined, toA1(at.row, b && !onB ? props.colA : props.colB));
  };
  // The fields: the shallowest items (depth counts from 1 for a field).
  const top = Math.min(...c.items.map((i) => i.depth));
  const fields = c.items.filter((i) => i.depth === top);
  return (
    <div className={styles.section}>
      {props.sheets.length > 0 && source}
      <div className={styles.row}>
        <Field label={b ? t.t("ui.compare.a-sheet", { sheet: a.sheetName }) : t.t("ui.compare.a")} size="small">
          <Select size="small" value={String(props.colA)} onChange={(_, d) => props.onColumns(Number(d.value), props.colB)}>
            {columns.map((x) => (
              <option key={x.col} value={x.col}>
                {label(columns, x.col)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={b ? t.t("ui.compare.b-sheet", { sheet: b.sheetName }) : t.t("ui.compare.b")} size="small">
          <Select size="small" value={String(props.colB)} onChange={(_, d) => props.onColumns(props.colA, Number(d.value))}>
            {columnsB.map((x) => (
              <option key={x.col} value={x.col}>
                {label(columnsB, x.col)}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Text weight="semibold" data-testid="compare-total">
        {t.t("ui.compare.total", { a: t.num(c.totalA), b: t.num(c.totalB), diff: signed(Math.round((c.totalB - c.totalA) * 1e6) / 1e6) })}
      </Text>
      <Group title={t.t("ui.compare.fields")} open>
        <ul className={styles.list}>
          {fields.map((f) => (
            <li key={f.code}>{t.t("ui.compare.row", { code: `${f.code} ${f.name}`, a: value(f.a), b: value(f.b), diff: signed(f.diff) })}</li>
          ))}
        </ul>
      </Group>
      {c.scoredOnOneSide.length > 0 && (
        <Text className={styles.wrap} data-testid="compare-one-sided">
          {t.t("ui.compare.one-sided", { count: c.scoredOnOneSide.length, codes: c.scoredOnOneSide.map((i) => `${i.code} (${value(i.a)} → ${value(i.b)})`).join(", ") })}
        </Text>
      )}
      {c.largest.length === 0 ? (
        c.scoredOnOneSide.length === 0 && <Text>{t.t("ui.compare.same")}</Text>
      ) : (
        <Group title={t.t("ui.compare.largest", { count: c.largest.length })} open>
          <ul className={styles.list}>
            {c.largest.slice(0, 30).map((i) => {
              const cell = cellOf(i);
              return (
                <li key={i.code}>
                  <Button appearance="subtle" {...mark(cell, styles.item)} disabled={cell === null} onClick={() => cell && props.onSelect(cell)} title={cell ? t.t("ui.findings.goto", { cell }) : undefined}>
                    <span className={styles.strong}>{t.t("ui.compare.row", { code: i.code, a: value(i.a), b: value(i.b), diff: signed(i.diff) })}</span>
                    <Caption1 className={styles.wrap}>{`${cell ?? ""} · ${i.name}`}</Caption1>
                  </Button>
                </li>
              );
            })}
          </ul>
        </Group>
      )}
      {c.pairedByName.length > 0 && (
        <Group title={t.t("ui.compare.paired", { count: c.pairedByName.length })} open>
          <ul className={styles.list}>
            {c.pairedByName.map((i) => (
              <li key={i.code}>{t.t("ui.compare.paired-row", { code: i.code, codeB: i.codeB ?? "", percent: Math.round((i.nameSimilarity ?? 0) * 100), name: i.name })}</li>
            ))}
          </ul>
        </Group>
      )}
      {c.maxChanged.length > 0 && (
        <Group title={t.t("ui.compare.max-changed", { count: c.maxChanged.length })}>
          <ul className={styles.list}>
            {c.maxChanged.map((i) => (
              <li key={i.code}>{t.t("ui.compare.row", { code: `${i.code} ${i.name}`, a: value(i.maxA), b: value(i.maxB), diff: signed(i.maxA !== null && i.maxB !== null ? Math.round((i.maxB - i.maxA) * 1e6) / 1e6 : null) })}</li>
            ))}
          </ul>
        </Group>
      )}
      {c.onlyA.length > 0 && <Text>{t.t("ui.compare.only-a", { count: c.onlyA.length, codes: c.onlyA.join(", ") })}</Text>}
      {c.onlyB.length > 0 && <Text>{t.t("ui.compare.only-b", { count: c.onlyB.length, codes: c.onlyB.join(", ") })}</Text>}
      <div>
        <Button disabled={!props.canWrite} onClick={props.onSheet}>
          {t.t("ui.compare.sheet")}
        </Button>
      </div>
    </div>
  );
}
