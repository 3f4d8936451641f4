import { analyzeSheet, type AnalyzeOptions, type RecognizedSheet, type SheetAnalysis } from "../src/core/analyze";
import { BUILTIN_RULES, BUILTIN_SETS } from "../src/catalogues";
import { type Cell, type Grid, gridFromValues, type MergedArea, parseA1 } from "../src/core/grid";
import { loadWorkbook } from "../src/host/xlsx/read";
import { buildWorkbook, fixtureSpecs } from "../scripts/fixtures";
import type { Finding } from "../src/core/findings";
import type { ResponsibilityCatalogue } from "../src/core/responsibility";
import { findingCell } from "../src/i18n";

/** What a test puts in a cell: a plain value, or a whole cell (a number with a formula, a number shown as text). */
export type V = string | number | boolean | null | undefined | Cell;

/** A tiny grid builder: rows of plain values (or whole cells); "A1:B2" merges. */
export function grid(rows: ReadonlyArray<ReadonlyArray<V>>, merges: ReadonlyArray<string> = [], name = "Sheet1"): Grid {
  const plain = gridFromValues(name, rows.map((r) => r.map((v) => (isCell(v) ? null : v))), merges.map(area));
  const cells = rows.map((r, i) => r.map((v, j) => (isCell(v) ? v : plain.rows[i]?.[j])));
  return { ...plain, rows: cells };
}

function isCell(v: unknown): v is Cell {
  return typeof v === "object" && v !== null && "kind" in v;
}

export function area(ref: string): MergedArea {
  const [a = "", b = a] = ref.split(":");
  const tl = parseA1(a);
  const br = parseA1(b);
  if (!tl || !br) throw new Error(`bad area ${ref}`);
  return { top: tl.rowIndex, left: tl.colIndex, bottom: br.rowIndex, right: br.colIndex };
}

/** The built-in rules, whose codes are also valid for FIELD1_SET (field 1 of the 2018 set under another id). */
export const RULES: ResponsibilityCatalogue = { ...BUILTIN_RULES, criteriaSets: [...BUILTIN_RULES.criteriaSets, "field-1"] };

export const DEFAULTS: AnalyzeOptions = { criteriaSets: BUILTIN_SETS, rules: RULES };

export function analyze(g: Grid, options: Partial<AnalyzeOptions> = {}): SheetAnalysis {
  return analyzeSheet(g, { ...DEFAULTS, ...options });
}

export function recognized(a: SheetAnalysis): RecognizedSheet {
  if (!a.recognized) throw new Error(`not recognised: ${JSON.stringify(a.rejection)}`);
  return a;
}

/** Findings as a flat table [rule, code, cell], the frictionless way: short and readable. */
export function table(findings: ReadonlyArray<Finding>, rules?: ReadonlyArray<string>): Array<[string, string | null, string | null]> {
  return findings.filter((f) => !rules || rules.includes(f.rule)).map((f) => [f.rule, f.code, findingCell(f)]);
}

const cache = new Map<string, Promise<Uint8Array>>();

/** The bytes of a fixture workbook, built by scripts/fixtures.ts (once per test file). */
export function fixtureBytes(file: string): Promise<Uint8Array> {
  let p = cache.get(file);
  if (!p) {
    const spec = fixtureSpecs().find((s) => s.file === file);
    if (!spec) throw new Error(`no fixture ${file}`);
    p = buildWorkbook(spec);
    cache.set(file, p);
  }
  return p;
}

export async function fixtureGrids(file: string): Promise<ReadonlyArray<Grid>> {
  return (await loadWorkbook(await fixtureBytes(file))).grids;
}

/**
 * A compact appendix for rule tests: header at row 1 (Stt | Tên | Điểm chuẩn | Điểm đạt năm 2018 | Mục tiêu năm
 * 2019 | Thực hiện), then the given rows. Codes and names follow the 2018 set's field 1 unless a test says otherwise.
 */
export const HEADER: V[] = ["Stt", "Tiêu chí", "Điểm chuẩn", "Điểm đạt được năm 2018", "Mục tiêu năm 2019", "Thực hiện"];

export const FIELD1: V[][] = [
  ["1", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC", 9, 7, 9, null],
  ["1.1", "Kế hoạch CCHC", 1.25, 1.25, 1.25, null],
  ["1.1.1", "Ban hành kế hoạch CCHC", 0.25, 0.25, 0.25, null],
  ["1.1.2", "Mức độ hoàn thành kế hoạch CCHC", 1, 1, 1, null],
  ["1.2", "Thực hiện chế độ báo cáo định kỳ", 1.75, 1.75, 1.75, null],
  ["1.3", "Kiểm tra công tác CCHC", 2, 1, 2, null],
  ["1.3.1", "Tỷ lệ cơ quan chuyên môn cấp tỉnh và đơn vị hành chính cấp huyện được kiểm tra trong năm", 1, 1, 1, null],
  ["1.3.2", "Xử lý các vấn đề phát hiện qua kiểm tra", 1, 0, 1, null],
  ["1.4", "Công tác tuyên truyền CCHC", 1, 1, 1, null],
  ["1.4.1", "Mức độ hoàn thành kế hoạch tuyên truyền CCHC", 0.5, 0.5, 0.5, null],
  ["1.4.2", "Thực hiện các hình thức tuyên truyền CCHC", 0.5, 0.5, 0.5, null],
  ["1.5", "Sáng kiến hoặc giải pháp mới trong cải cách hành chính", 2, 1, 2, null],
  ["1.6", "Thực hiện các nhiệm vụ được Chính phủ, Thủ tướng Chính phủ giao", 1, 1, 1, null],
];

/** Field 1 with one row changed: [code, column index, value]. */
export function field1With(...changes: Array<[string, number, V]>): V[][] {
  return FIELD1.map((row) => {
    const out = [...row];
    for (const [code, col, v] of changes) if (row[0] === code) out[col] = v;
    return out;
  });
}

import { parseCriteriaSet, type CriteriaSet } from "../src/core/criteria";
import parTinh from "../src/catalogues/criteria/par-tinh-2636-2018.json";

/** Field 1 of the 2018 set as a set of its own (9 points), so rule tests see only the problems they plant. */
export const FIELD1_SET: CriteriaSet = (() => {
  const items = parTinh.items.filter((i) => i.code === "1" || i.code.startsWith("1."));
  const r = parseCriteriaSet({ ...parTinh, id: "field-1", totalPoints: 9, items });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.set;
})();

export function analyzeField1(rows: V[][], options: Partial<AnalyzeOptions> = {}): RecognizedSheet {
  return recognized(analyze(grid([HEADER, ...rows]), { criteriaSets: [FIELD1_SET], ...options }));
}
