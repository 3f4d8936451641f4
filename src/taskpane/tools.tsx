/**
 * Issue 11 in the pane: criteria sets and the "Thực hiện" catalogue from and to sheets, and a new appendix for the
 * plan. Reading a sheet uses what the pane already read (no round trip); writing adds a sheet (one read of the sheet
 * names, one write), undoable while the sheet still holds what was written. Presentational: App does the writes.
 */
import { Button, Caption1, Field, Input, Text } from "@fluentui/react-components";
import { useId, useState } from "react";
import type { CriteriaSetData } from "../core/criteria";
import type { SheetSetResult } from "../core/criteriaSheet";
import type { ResponsibilityCatalogue } from "../core/responsibility";
import type { RulesSheetResult } from "../core/rulesSheet";
import type { MessageKey } from "../i18n";
import { useT } from "./context";
import { useStyles } from "./views";

/** What was read from the active sheet, waiting for the user's "Lưu". */
export type ToolPreview =
  | { readonly kind: "set"; readonly sheet: string; readonly result: SheetSetResult }
  | { readonly kind: "rules"; readonly sheet: string; readonly result: RulesSheetResult };

export function ToolsView(props: {
  /** The active sheet is a recognised appendix (then reading a set from it is "save this appendix as a set"). */
  appendix: boolean;
  /** The set exports and the new appendix use, when there is one. */
  set: CriteriaSetData | null;
  catalogue?: ResponsibilityCatalogue;
  defaultYear: number;
  canWrite: boolean;
  busy: boolean;
  preview: ToolPreview | null;
  onReadSet: () => void;
  onReadRules: () => void;
  onSavePreview: () => void;
  onCancelPreview: () => void;
  onExportSet: () => void;
  onExportRules: () => void;
  onNew: (year: number, province: string) => void;
  onSelect: (cell: string) => void;
}) {
  const t = useT();
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const [year, setYear] = useState(String(props.defaultYear));
  const [province, setProvince] = useState("");
  const regionId = useId();
  const yearNumber = Number(year);
  const yearOk = Number.isInteger(yearNumber) && yearNumber >= 2000 && yearNumber <= 2100;
  return (
    <section className={styles.section} aria-label={t.t("ui.tools")}>
      <Button appearance="subtle" aria-expanded={open} aria-controls={regionId} onClick={() => setOpen(!open)} style={{ justifyContent: "flex-start" }}>
        {`${open ? "▾" : "▸"} ${t.t("ui.tools")}`}
      </Button>
      {open && (
        <div id={regionId} className={styles.section} data-testid="tools">
          <div className={styles.row}>
            <Button size="small" disabled={props.busy} onClick={props.onReadSet}>
              {t.t(props.appendix ? "ui.tools.save-appendix-set" : "ui.tools.import-set")}
            </Button>
            <Button size="small" disabled={props.busy || props.set === null || !props.canWrite} onClick={props.onExportSet}>
              {t.t("ui.tools.export-set")}
            </Button>
          </div>
          <div className={styles.row}>
            <Button size="small" disabled={props.busy} onClick={props.onReadRules}>
              {t.t("ui.tools.import-rules")}
            </Button>
            <Button size="small" disabled={props.busy || !props.canWrite} onClick={props.onExportRules}>
              {t.t("ui.tools.export-rules")}
            </Button>
          </div>
          {props.preview && <PreviewBox preview={props.preview} onSave={props.onSavePreview} onCancel={props.onCancelPreview} onSelect={props.onSelect} busy={props.busy} />}
          <Text weight="semibold" block>
            {t.t("ui.tools.new")}
          </Text>
          {props.set ? (
            <>
              <Caption1 block className={styles.wrap}>
                {t.t("ui.tools.new.hint", { title: props.set.title, year: yearOk ? String(yearNumber) : "N" })}
              </Caption1>
              <Field label={t.t("ui.tools.new.year")} {...(yearOk ? {} : { validationMessage: t.t("ui.tools.new.year-bad") })}>
                <Input type="number" value={year} onChange={(_, d) => setYear(d.value)} />
              </Field>
              <Field label={t.t("ui.tools.new.province")}>
                <Input value={province} onChange={(_, d) => setProvince(d.value)} placeholder="tỉnh Hà Nam" />
              </Field>
              <Button appearance="primary" size="small" disabled={props.busy || !yearOk || !props.canWrite} onClick={() => props.onNew(yearNumber, province.trim())}>
                {t.t("ui.tools.new.create")}
              </Button>
            </>
          ) : (
            <Caption1 block className={styles.wrap}>
              {t.t("ui.tools.new.no-set")}
            </Caption1>
          )}
        </div>
      )}
    </section>
  );
}

function PreviewBox(props: { preview: ToolPreview; onSave: () => void; onCancel: () => void; onSelect: (cell: string) => void; busy: boolean }) {
  const t = useT();
  const styles = useStyles();
  const p = props.preview;
  const problems =
    p.kind === "set"
      ? p.result.problems.map((x) => ({ cell: x.cell, severity: x.severity, text: t.t(x.key as MessageKey, x.params) }))
      : p.result.problems.map((x) => ({ cell: x.cell, severity: "error" as const, text: t.t(x.key as MessageKey, x.params) }));
  const errors = problems.filter((x) => x.severity === "error").length;
  const canSave = p.kind === "set" ? p.result.set !== undefined : p.result.catalogue !== undefined;
  return (
    <div className={styles.section} role="group" aria-label={t.t("ui.preview.label")} data-testid="tool-preview">
      {p.kind === "set" ? (
        <>
          <Text weight="semibold" block className={styles.wrap}>
            {t.t("ui.preview-set.title", { sheet: p.sheet, mode: t.t(p.result.mode === "list" ? "cli.import.mode.list" : "cli.import.mode.appendix") })}
          </Text>
          <Text block>{t.t("ui.preview-set.counts", { ...p.result.counts, total: p.result.draft.totalPoints })}</Text>
          <Caption1 block className={styles.wrap}>
            {t.t("ui.preview-set.meta", { id: p.result.draft.id, title: p.result.draft.title })}
          </Caption1>
        </>
      ) : (
        <Text weight="semibold" block className={styles.wrap}>
          {t.t("ui.preview-rules.title", { sheet: p.sheet, rules: p.result.rules })}
        </Text>
      )}
      {problems.length > 0 && (
        <ul className={styles.list}>
          {problems.slice(0, 50).map((x, i) => (
            <li key={i}>
              {x.cell !== "" ? (
                <Button appearance="transparent" size="small" onClick={() => props.onSelect(x.cell)} aria-label={`${t.t(x.severity === "error" ? "severity.error" : "severity.warning")} ${x.cell}: ${x.text}`}>
                  <span className={styles.wrap}>{`${t.t(x.severity === "error" ? "severity.error" : "severity.warning")} ${x.cell}: ${x.text}`}</span>
                </Button>
              ) : (
                <Text className={styles.wrap}>{`${t.t(x.severity === "error" ? "severity.error" : "severity.warning")}: ${x.text}`}</Text>
              )}
            </li>
          ))}
        </ul>
      )}
      {errors > 0 && <Text block>{t.t("ui.preview.errors", { count: errors })}</Text>}
      <div className={styles.row}>
        <Button appearance="primary" size="small" disabled={!canSave || props.busy} onClick={props.onSave}>
          {t.t(p.kind === "set" ? "ui.preview-set.save" : "ui.preview-rules.save")}
        </Button>
        <Button size="small" onClick={props.onCancel}>
          {t.t("ui.preview.cancel")}
        </Button>
      </div>
    </div>
  );
}
