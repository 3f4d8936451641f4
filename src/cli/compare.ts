/**
 * `phuluc compare`: two score columns of one appendix (`--columns D,E`), or the chosen score of two appendices (two
 * files), aligned by official code. Reads with the CLI's own reader. With `-o x.xlsx` it also writes a copy of the
 * first file (its original package, patched: every part kept) with a “So sánh” sheet added, a “Lý do” column for the
 * reviewer; the input is never modified.
 */
import { lstat, readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { RecognizedSheet } from "../core/analyze";
import { defaultScoreColumn } from "../core/columns";
import { type Comparison, compareAppendices, compareColumns } from "../core/compare";
import type { CriteriaSet } from "../core/criteria";
import { columnLetter, toA1 } from "../core/grid";
import { analyzeWorkbook, placeOf } from "../core/workbook";
import { fileErrorMessage, rejectionMessage, type Translator } from "../i18n";
import { readWorkbook } from "../host/xlsx/grids";
import type { Workbook } from "../host/xlsx/ooxml";
import { patchWorkbook } from "../host/xlsx/patch";
import { FileReadError } from "../host/xlsx/sniff";
import { comparisonReport } from "../i18n/compareSheet";
import { refusalMessage } from "./criteria";
import { type WriteRefusal, writeNewFile } from "./files";
import { nodeDeflate } from "./nativeZip";
import { safeJson, terminalSafe } from "./output";

export interface CompareOptions {
  readonly command: "compare";
  readonly paths: ReadonlyArray<string>;
  readonly columns?: readonly [number, number];
  readonly sheet?: string;
  readonly json: boolean;
  /** Every line, not the first ones. */
  readonly all: boolean;
  /** -o: a copy of the first file with the comparison sheet added. */
  readonly output?: string;
  readonly overwrite?: boolean;
}

interface Io {
  stdout(s: string): void;
  stderr(s: string): void;
}

const SHOWN = 20;

/** The first appendix of a file (or the one on `sheet`), or the Vietnamese reason there is none. */
export async function appendixOf(path: string, sheet: string | undefined, sets: ReadonlyArray<CriteriaSet>, tr: Translator): Promise<RecognizedSheet | string> {
  const r = await readAppendix(path, sheet, sets, tr);
  return typeof r === "string" ? r : r.appendix;
}

/** The appendix and the opened package it was read from (what a copy patches). */
async function readAppendix(path: string, sheet: string | undefined, sets: ReadonlyArray<CriteriaSet>, tr: Translator): Promise<{ readonly appendix: RecognizedSheet; readonly workbook: Workbook } | string> {
  try {
    const st = await lstat(path);
    if (!st.isFile()) return tr.t("cli.compare.not-file", { path });
    const read = readWorkbook(new Uint8Array(await readFile(path)));
    const all = analyzeWorkbook(read.grids, { criteriaSets: sets });
    const wanted = sheet !== undefined ? all.filter((a) => a.sheetName === sheet || (a.recognized && a.spans?.some((s) => s.sheetName === sheet))) : all;
    const found = wanted.find((a) => a.recognized);
    if (found?.recognized) return { appendix: found, workbook: read.workbook };
    const first = wanted[0];
    if (sheet !== undefined && !first) return tr.t("cli.compare.no-sheet", { sheet, file: basename(path) });
    return first && !first.recognized ? `${first.sheetName}: ${rejectionMessage(tr, first.rejection)}` : tr.t("cli.compare.no-appendix", { file: basename(path) });
  } catch (e) {
    if (e instanceof FileReadError) return fileErrorMessage(tr, e.problem);
    return tr.t("cli.compare.failed", { detail: e instanceof Error ? e.message : String(e) });
  }
}

function columnName(s: RecognizedSheet, col: number): string {
  return `${columnLetter(col)} (${s.layout.headers[col] ?? ""})`;
}

export async function runCompare(options: CompareOptions, io: Io, tr: Translator, sets: ReadonlyArray<CriteriaSet>): Promise<number> {
  const [first, second] = options.paths;
  if (first === undefined || (options.columns === undefined && second === undefined) || (options.columns !== undefined && second !== undefined)) {
    io.stderr(`${tr.t("cli.compare.usage")}\n`);
    return 2;
  }
  const readA = await readAppendix(first, options.sheet, sets, tr);
  if (typeof readA === "string") {
    io.stderr(`${terminalSafe(`${first}: ${readA}`)}\n`);
    return 1;
  }
  const a = readA.appendix;
  let comparison: Comparison;
  let labelA: string;
  let labelB: string;
  if (options.columns) {
    const [ca, cb] = options.columns;
    const points = new Set(a.layout.scores.map((s) => s.col).concat(a.layout.targets.map((t) => t.col)));
    for (const c of [ca, cb]) {
      if (!points.has(c)) {
        io.stderr(`${terminalSafe(tr.t("cli.compare.not-score-column", { column: columnLetter(c), sheet: a.sheetName }))}\n`);
        return 2;
      }
    }
    comparison = compareColumns(a, ca, cb);
    labelA = columnName(a, ca);
    labelB = columnName(a, cb);
  } else {
    const b = await appendixOf(second!, options.sheet, sets, tr);
    if (typeof b === "string") {
      io.stderr(`${terminalSafe(`${second}: ${b}`)}\n`);
      return 1;
    }
    const ca = defaultScoreColumn(a.layout.scores);
    const cb = defaultScoreColumn(b.layout.scores);
    if (!ca || !cb) {
      io.stderr(`${tr.t("cli.compare.no-score")}\n`);
      return 1;
    }
    comparison = compareAppendices(a, ca.col, b, cb.col);
    labelA = `${basename(first)}: ${columnName(a, ca.col)}`;
    labelB = `${basename(second!)}: ${columnName(b, cb.col)}`;
  }
  let written: string | undefined;
  if (options.output !== undefined) {
    const w = await writeComparisonCopy(options, readA.workbook, a, comparison, labelA, labelB, tr);
    if ("reason" in w) {
      io.stderr(`${terminalSafe(w.reason === "failed" ? tr.t("cli.compare.copy-failed", { detail: w.detail }) : refusalMessage(tr, w))}\n`);
      return 1;
    }
    written = w.sheet;
  }
  const writtenLine = written !== undefined ? tr.t("cli.compare.written", { file: options.output!, sheet: written }) : undefined;
  if (options.json) {
    const cell = (row: number | null, col: number): string | null => (row === null ? null : toA1(row, col));
    io.stdout(
      `${safeJson({
        a: labelA,
        b: labelB,
        totalA: comparison.totalA,
        totalB: comparison.totalB,
        onlyA: comparison.onlyA,
        onlyB: comparison.onlyB,
        items: comparison.items.map((it) => ({ ...it, cellA: cell(it.rowA, a.layout.name) })),
        largest: comparison.largest.map((it) => it.code),
        scoredOnOneSide: comparison.scoredOnOneSide.map((it) => it.code),
        pairedByName: comparison.pairedByName.map((it) => ({ code: it.code, codeB: it.codeB, similarity: it.nameSimilarity })),
        maxChanged: comparison.maxChanged.map((it) => it.code),
        ...(written !== undefined ? { copy: { path: options.output, sheet: written } } : {}),
      })}\n`,
    );
    return 0;
  }
  const n = (x: number | null): string => (x === null ? "—" : tr.num(x));
  const signed = (x: number): string => (x > 0 ? `+${tr.num(x)}` : tr.num(x));
  const lines = [
    tr.t("cli.compare.title", { a: labelA, b: labelB }),
    tr.t("cli.compare.total", { a: n(comparison.totalA), b: n(comparison.totalB), diff: signed(Math.round((comparison.totalB - comparison.totalA) * 1e6) / 1e6) }),
  ];
  lines.push(tr.t("cli.compare.differ", { count: comparison.largest.length, items: comparison.items.filter((it) => it.leaf).length }));
  const oneSided = comparison.scoredOnOneSide;
  if (oneSided.length > 0) lines.push(tr.t("cli.compare.one-sided", { count: oneSided.length, codes: oneSided.map((it) => `${it.code} (${n(it.a)} → ${n(it.b)})`).join(", ") }));
  const fields = comparison.items.filter((it) => it.depth === Math.min(...comparison.items.map((x) => x.depth)));
  lines.push(tr.t("cli.compare.fields"));
  // Where a field's max differs between the two sides (another criteria set), its points are also compared as a
  // share of that side's max: 7 of 9 and 7 of 10 are not the same result.
  const pct = (x: number | null, max: number | null): string | null => (x !== null && max !== null && max > 0 ? `${tr.num(Math.round((x / max) * 1000) / 10)}%` : null);
  for (const f of fields) {
    const share = f.maxA !== null && f.maxB !== null && f.maxA !== f.maxB ? [pct(f.a, f.maxA), pct(f.b, f.maxB)] : null;
    const shares = share && share[0] !== null && share[1] !== null ? `  [${tr.t("cli.compare.share", { a: share[0], b: share[1] })}]` : "";
    lines.push(`  ${f.code}  ${n(f.a)} → ${n(f.b)}${f.diff !== null && f.diff !== 0 ? `  (${signed(f.diff)})` : ""}${shares}  ${f.name}`);
  }
  if (comparison.largest.length > 0) {
    lines.push(tr.t("cli.compare.largest"));
    const shown = options.all ? comparison.largest : comparison.largest.slice(0, SHOWN);
    for (const it of shown) lines.push(`  ${it.code}  ${n(it.a)} → ${n(it.b)}  (${signed(it.diff!)})  ${it.name}`);
    if (shown.length < comparison.largest.length) lines.push(tr.t("cli.compare.more", { count: comparison.largest.length - shown.length }));
  }
  if (comparison.pairedByName.length > 0) {
    lines.push(tr.t("cli.compare.paired"));
    for (const it of comparison.pairedByName) lines.push(`  ${it.code} ↔ ${it.codeB}  (${tr.num(Math.round((it.nameSimilarity ?? 0) * 100))}%)  ${it.name}`);
  }
  if (comparison.maxChanged.length > 0) {
    lines.push(tr.t("cli.compare.max-changed"));
    for (const it of comparison.maxChanged) lines.push(`  ${it.code}  ${n(it.maxA)} → ${n(it.maxB)}  ${it.name}`);
  }
  if (comparison.onlyA.length > 0) lines.push(tr.t("cli.compare.only-a", { codes: comparison.onlyA.join(", ") }));
  if (comparison.onlyB.length > 0) lines.push(tr.t("cli.compare.only-b", { codes: comparison.onlyB.join(", ") }));
  if (writtenLine !== undefined) lines.push(writtenLine);
  io.stdout(`${terminalSafe(lines.join("\n"))}\n`);
  return 0;
}

/** The copy of the first file with the comparison sheet (its codes link to side A's cells), written safely. */
async function writeComparisonCopy(
  options: CompareOptions,
  workbook: Workbook,
  a: RecognizedSheet,
  comparison: Comparison,
  labelA: string,
  labelB: string,
  tr: Translator,
): Promise<{ readonly sheet: string } | { readonly reason: "failed"; readonly detail: string } | WriteRefusal> {
  const first = options.paths[0]!;
  let bytes: Uint8Array;
  let sheet: string;
  try {
    const report = comparisonReport(tr, comparison, labelA, labelB, options.paths.length > 1 ? `${basename(first)} / ${basename(options.paths[1]!)}` : a.sheetName, (row) => {
      const at = placeOf(a, row);
      return { sheet: at.sheetName, cell: toA1(at.row, a.layout.code) };
    });
    const patched = patchWorkbook(workbook, [], [report], new Map(), { overwrite: false, marker: `phuluc compare: ${basename(first)}`, deflate: nodeDeflate });
    bytes = patched.bytes;
    sheet = patched.addedSheets[0] ?? report.name;
  } catch (e) {
    return { reason: "failed", detail: e instanceof Error ? e.message : String(e) };
  }
  const w = await writeNewFile(options.output!, bytes, { overwrite: options.overwrite === true, inputs: options.paths });
  return "reason" in w ? w : { sheet };
}
