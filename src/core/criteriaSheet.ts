/**
 * A criteria set as staff have it: a sheet. Two directions, both pure.
 *
 * - `criteriaFromSheet` reads a set from a sheet: the "Bộ tiêu chí" layout this tool writes (a header block, then
 *   code | name | level | max | survey), any plain list with such columns, or an appendix in any layout the recognizer
 *   reads (any numbering style). Every problem names its cell; a set comes out only when there is no error.
 * - `criteriaSheetModel` writes a set as that sheet, so that staff edit it in Excel and import it again: the round
 *   trip sheet → set → sheet is exact.
 */
import { analyzeSheet, type RecognizedSheet } from "./analyze";
import { type ItemLevel, pointRow } from "./body";
import { codeDepth, compareCodes, parentCode, parseWrittenCode } from "./codes";
import { type CriteriaItem, type CriteriaSetData, parseCriteriaSet, type SetProblem } from "./criteria";
import { cellAt, type Cell, type Grid, toA1 } from "./grid";
import { decodeGrid } from "./legacy";
import { numberOf, parseNumberText, readPoint, samePoints, sumPoints } from "./numbers";
import { type ModelCell, type ModelRow, type ModelStyle, type SheetModel, wrappedHeight } from "./sheetModel";
import { cleanText, fold } from "./text";

export type UnitLevel = NonNullable<CriteriaSetData["unitLevel"]>;

export type SheetSetProblemKey =
  | "import.no-list"
  | "import.bad-code"
  | "import.duplicate-code"
  | "import.missing-parent"
  | "import.level"
  | "import.name-empty"
  | "import.max-not-number"
  | "import.max-negative"
  | "import.parent-sum"
  | "import.total"
  | "import.meta-total"
  | "import.meta-number"
  | "import.meta-years"
  | "import.meta-unit"
  | "import.meta-id";

export interface SheetSetProblem {
  readonly severity: "error" | "warning";
  /** The cell the problem is in ("C12"), "" for the sheet as a whole. */
  readonly cell: string;
  readonly key: SheetSetProblemKey;
  readonly params: Readonly<Record<string, string | number>>;
}

export interface SheetSetResult {
  /** How the sheet was read: the tool's own "Bộ tiêu chí" sheet or a plain list, or an appendix. */
  readonly mode: "list" | "appendix";
  /** The set as read (also when there are errors, for the preview). */
  readonly draft: CriteriaSetData;
  /** The set, only when no problem is an error. */
  readonly set?: CriteriaSetData;
  readonly problems: ReadonlyArray<SheetSetProblem>;
  readonly counts: { readonly fields: number; readonly criteria: number; readonly subs: number };
}

export interface SheetSetOptions {
  /** Used when the sheet has no id (file name without extension, say); made into a valid id. */
  readonly fallbackId: string;
  /** Used when the sheet has no title. */
  readonly fallbackTitle: string;
}

/** The labels of the header block and of the list's columns, as the exported sheet writes them (Vietnamese). */
export const CRITERIA_SHEET = {
  sheetName: "Bộ tiêu chí",
  heading: "BỘ TIÊU CHÍ XÁC ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH",
  meta: {
    id: "Mã bộ tiêu chí",
    title: "Tên bộ tiêu chí",
    legalBasis: "Căn cứ",
    years: "Năm áp dụng",
    unitLevel: "Cấp đơn vị",
    totalPoints: "Tổng điểm",
    bonusMax: "Điểm thưởng tối đa (ngoài tổng)",
    penaltyMax: "Điểm trừ tối đa",
  },
  columns: { code: "Mã", name: "Lĩnh vực/Tiêu chí/Tiêu chí thành phần", level: "Cấp", maxPoints: "Điểm tối đa", survey: "Khảo sát", optional: "Có thể không đánh giá" },
  levels: { field: "Lĩnh vực", criterion: "Tiêu chí", sub: "Tiêu chí thành phần" } as Record<ItemLevel, string>,
  units: { tinh: "tỉnh", so: "sở", huyen: "huyện", xa: "xã" } as Record<UnitLevel, string>,
  yes: "x",
  note: "Sửa trực tiếp trong Excel rồi nạp lại: mỗi dòng một mục; mã dạng 1, 1.1, 1.1.1; điểm là số; đánh “x” ở cột Khảo sát cho tiêu chí chấm qua điều tra xã hội học, và ở cột “Có thể không đánh giá” cho mục mà một số đơn vị không được đánh giá (khi đó điểm tối đa của đơn vị giảm tương ứng).",
} as const;

// Labels are matched folded (no diacritics, lower case), so "Mã bộ tiêu chí", "MÃ BỘ TIÊU CHÍ" and "Ma bo tieu chi"
// are one label; English labels are accepted too.
const META_LABELS: Readonly<Record<keyof typeof CRITERIA_SHEET.meta, ReadonlyArray<string>>> = {
  id: ["ma bo tieu chi", "ma bo", "id", "set id"],
  title: ["ten bo tieu chi", "ten bo", "ten", "title"],
  legalBasis: ["can cu", "can cu phap ly", "legal basis"],
  years: ["nam ap dung", "nam", "years"],
  unitLevel: ["cap don vi", "cap danh gia", "unit level"],
  totalPoints: ["tong diem", "tong diem toi da", "total", "total points"],
  bonusMax: ["diem thuong toi da ngoai tong", "diem thuong toi da", "diem thuong", "bonus"],
  penaltyMax: ["diem tru toi da", "diem tru", "penalty"],
};
const CODE_HEADERS = ["ma", "ma so", "ma tieu chi", "stt", "tt", "so tt", "so thu tu", "code"];
const NAME_HEADERS = /^(ten|noi dung|name|linh vuc|tieu chi|ten tieu chi|ten linh vuc)\b|linh vuc tieu chi|tieu chi thanh phan/;
const MAX_HEADERS = /^(diem toi da|diem chuan|thang diem|diem|toi da|max|max points|so diem toi da)\b/;
const SURVEY_HEADERS = /^(khao sat|dieu tra|survey)|xa hoi hoc|xhh/;
const LEVEL_HEADERS = ["cap", "cap muc", "loai muc", "level"];
const OPTIONAL_HEADERS = /^(co the khong danh gia|khong bat buoc|khong danh gia|optional)/;

const LIST_SEARCH_ROWS = 30;

function text(cell: Cell): string {
  return cleanText(cell.text !== "" ? cell.text : cell.value === null ? "" : String(cell.value));
}

function slug(s: string): string {
  const f = fold(s).replace(/\s+/g, "-");
  return f === "" ? "bo-tieu-chi" : f.slice(0, 60);
}

/** A level word ("Lĩnh vực", "tiêu chí thành phần", "field"), or undefined. */
function levelOf(s: string): ItemLevel | undefined {
  const f = fold(s);
  if (f === "linh vuc" || f === "field") return "field";
  if (f === "tieu chi" || f === "criterion") return "criterion";
  if (f === "tieu chi thanh phan" || f === "sub" || f === "sub criterion") return "sub";
  return undefined;
}

const DEPTH_LEVEL: ReadonlyArray<ItemLevel> = ["field", "criterion", "sub"];
function levelOfCode(code: string): ItemLevel {
  return DEPTH_LEVEL[Math.min(codeDepth(code), 3) - 1] ?? "sub";
}

function truthy(s: string): boolean {
  const f = fold(s);
  return f !== "" && !["0", "khong", "no", "false", "sai"].includes(f);
}

interface ListColumns {
  readonly headerRow: number;
  readonly code: number;
  readonly name: number;
  readonly max: number;
  readonly survey?: number;
  readonly level?: number;
  readonly optional?: number;
}

/** The header row of a plain list: a code column, a name column and a max column on one row. */
function findListHeader(grid: Grid): ListColumns | undefined {
  const rows = Math.min(grid.rows.length, LIST_SEARCH_ROWS);
  for (let r = 0; r < rows; r++) {
    const row = grid.rows[r] ?? [];
    let code: number | undefined;
    let name: number | undefined;
    let max: number | undefined;
    let survey: number | undefined;
    let level: number | undefined;
    let optional: number | undefined;
    row.forEach((cell, c) => {
      if (!cell) return;
      const f = fold(text(cell));
      if (f === "") return;
      if (optional === undefined && OPTIONAL_HEADERS.test(f)) optional = c;
      else if (code === undefined && CODE_HEADERS.includes(f)) code = c;
      else if (level === undefined && LEVEL_HEADERS.includes(f)) level = c;
      else if (survey === undefined && SURVEY_HEADERS.test(f)) survey = c;
      else if (max === undefined && MAX_HEADERS.test(f)) max = c;
      else if (name === undefined && NAME_HEADERS.test(f)) name = c;
    });
    if (code !== undefined && name !== undefined && max !== undefined) {
      return { headerRow: r, code, name, max, ...(survey !== undefined ? { survey } : {}), ...(level !== undefined ? { level } : {}), ...(optional !== undefined ? { optional } : {}) };
    }
  }
  return undefined;
}

interface Meta {
  readonly values: Partial<Record<keyof typeof CRITERIA_SHEET.meta, { text: string; cell: Cell; at: string }>>;
}

/** The header block above the list: label in one cell, value in the next non-empty cell to its right. */
function readMeta(grid: Grid, before: number): Meta {
  const values: Meta["values"] = {};
  for (let r = 0; r < before; r++) {
    const row = grid.rows[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (!cell) continue;
      const f = fold(text(cell)).replace(/\s*:$/, "");
      const key = (Object.keys(META_LABELS) as Array<keyof typeof META_LABELS>).find((k) => META_LABELS[k].includes(f));
      if (key === undefined || values[key] !== undefined) continue;
      for (let v = c + 1; v < Math.min(row.length, c + 4); v++) {
        const value = row[v];
        if (value && text(value) !== "") {
          values[key] = { text: text(value), cell: value, at: toA1(r, v) };
          break;
        }
      }
      break;
    }
  }
  return { values };
}

interface ReadItem {
  readonly item: CriteriaItem;
  readonly row: number;
  readonly codeCell: string;
  readonly maxCell: string;
  readonly levelCell?: string;
  readonly givenLevel?: ItemLevel;
  /** False when the max cell is not a number (then no sum is checked with it). */
  readonly maxOk?: boolean;
}

/** Read a criteria set from a sheet. */
export function criteriaFromSheet(source: Grid, options: SheetSetOptions): SheetSetResult {
  const grid = decodeGrid(source).grid;
  const header = findListHeader(grid);
  const problems: SheetSetProblem[] = [];
  const error = (cell: string, key: SheetSetProblemKey, params: Record<string, string | number> = {}) => problems.push({ severity: "error", cell, key, params });
  const warn = (cell: string, key: SheetSetProblemKey, params: Record<string, string | number> = {}) => problems.push({ severity: "warning", cell, key, params });

  let read: ReadItem[] | undefined;
  let mode: SheetSetResult["mode"] = "list";
  let title = "";
  let years: number[] = [];
  const meta: Meta = header ? readMeta(grid, header.headerRow) : { values: {} };
  // The tool's own sheet, or a list with a level or survey column, is read as a list. Anything else goes to the
  // recognizer first, which knows every appendix layout (numbering styles, continuation rows, codes that lost a
  // trailing zero); a list it does not take is read as a list.
  const listFirst = header !== undefined && (header.level !== undefined || header.survey !== undefined || header.optional !== undefined || meta.values.id !== undefined);
  const attempt = (h: ListColumns): ReadItem[] | undefined => {
    const local: SheetSetProblem[] = [];
    const r = readList(grid, h, (cell, key, params = {}) => local.push({ severity: "error", cell, key, params }));
    if (r) problems.push(...local);
    return r;
  };
  if (header && listFirst) read = attempt(header);
  if (read === undefined) {
    const a = analyzeSheet(source, { criteriaSets: [] });
    if (a.recognized && a.layout.max !== null) {
      mode = "appendix";
      read = fromAppendix(a, grid, error);
      title = titleAbove(grid, a.layout.headerRow);
      years = [...new Set(a.layout.scores.map((s) => s.year).filter((y): y is number => typeof y === "number"))].sort();
    } else if (header && !listFirst) read = attempt(header);
  }
  if (read === undefined) {
    error("", "import.no-list");
    return { mode, draft: emptyDraft(options), problems, counts: { fields: 0, criteria: 0, subs: 0 } };
  }

  // Codes: duplicates, parents, level.
  const seen = new Map<string, ReadItem>();
  for (const r of read) {
    const earlier = seen.get(r.item.code);
    if (earlier) error(r.codeCell, "import.duplicate-code", { code: r.item.code, first: earlier.codeCell });
    else seen.set(r.item.code, r);
    if (r.item.name === "") error(r.codeCell, "import.name-empty", { code: r.item.code });
    if (r.item.maxPoints < 0) error(r.maxCell, "import.max-negative", { code: r.item.code, max: r.item.maxPoints });
    if (r.givenLevel !== undefined && r.givenLevel !== r.item.level && r.levelCell !== undefined) {
      error(r.levelCell, "import.level", { code: r.item.code, level: CRITERIA_SHEET.levels[r.givenLevel], expected: CRITERIA_SHEET.levels[r.item.level] });
    }
  }
  for (const r of read) {
    const p = parentCode(r.item.code);
    if (p !== undefined && !seen.has(p)) error(r.codeCell, "import.missing-parent", { code: r.item.code, parent: p });
  }
  const unique = [...seen.values()];
  const childrenOf = new Map<string, ReadItem[]>();
  for (const r of unique) {
    const p = parentCode(r.item.code);
    if (p !== undefined) childrenOf.set(p, [...(childrenOf.get(p) ?? []), r]);
  }
  // Sums: a warning, since official sets themselves have such slips.
  for (const r of unique) {
    const children = childrenOf.get(r.item.code) ?? [];
    if (children.length === 0 || r.maxOk === false || children.some((c) => c.maxOk === false)) continue;
    const sum = sumPoints(children.map((c) => c.item.maxPoints));
    if (!samePoints(sum, r.item.maxPoints)) warn(r.maxCell, "import.parent-sum", { code: r.item.code, max: r.item.maxPoints, sum });
  }
  const fieldSum = sumPoints(unique.filter((r) => parentCode(r.item.code) === undefined).map((r) => r.item.maxPoints));

  // An appendix has no header block: what stands above its header are title rows.
  const m: Meta["values"] = mode === "appendix" ? {} : meta.values;
  let totalPoints = fieldSum;
  if (m.totalPoints) {
    const n = m.totalPoints.cell.kind === "number" ? (m.totalPoints.cell.value as number) : parseNumberText(m.totalPoints.text);
    if (n === undefined || n <= 0) error(m.totalPoints.at, "import.meta-total", { text: m.totalPoints.text });
    else {
      totalPoints = n;
      if (!samePoints(n, fieldSum)) warn(m.totalPoints.at, "import.total", { total: n, sum: fieldSum });
    }
  }
  if (m.years) {
    const parts = m.years.text.split(/[,;\s]+/).filter((p) => p !== "" && p !== "-" && p !== "–");
    const ys = parts.map((p) => Number(p));
    if (ys.some((y) => !Number.isInteger(y) || y < 1990 || y > 2100)) error(m.years.at, "import.meta-years", { text: m.years.text });
    else years = ys;
  }
  const extra: { bonusMax?: number; penaltyMax?: number } = {};
  for (const k of ["bonusMax", "penaltyMax"] as const) {
    const v = m[k];
    if (!v) continue;
    const n = v.cell.kind === "number" ? (v.cell.value as number) : parseNumberText(v.text);
    if (n === undefined || n < 0) error(v.at, "import.meta-number", { label: CRITERIA_SHEET.meta[k], text: v.text });
    else extra[k] = n;
  }
  let unitLevel: UnitLevel | undefined;
  if (m.unitLevel) {
    const f = fold(m.unitLevel.text);
    unitLevel = (Object.keys(CRITERIA_SHEET.units) as UnitLevel[]).find((u) => fold(CRITERIA_SHEET.units[u]) === f || u === f || (u === "tinh" && f === "province") || (u === "so" && f === "department") || (u === "huyen" && f === "district") || (u === "xa" && f === "commune"));
    if (unitLevel === undefined) error(m.unitLevel.at, "import.meta-unit", { text: m.unitLevel.text });
  }
  let id = slug(options.fallbackId);
  if (m.id) {
    if (/^[A-Za-z0-9._-]+$/.test(m.id.text)) id = m.id.text;
    else error(m.id.at, "import.meta-id", { text: m.id.text, suggestion: slug(m.id.text) });
  }
  const items = [...unique.map((r) => r.item)].sort((a, b) => compareCodes(a.code, b.code));
  const draft: CriteriaSetData = {
    id,
    title: m.title?.text ?? (title !== "" ? title : options.fallbackTitle),
    legalBasis: m.legalBasis?.text ?? "",
    years,
    ...(unitLevel !== undefined ? { unitLevel } : {}),
    totalPoints: totalPoints > 0 ? totalPoints : 1,
    ...extra,
    items,
  };
  const counts = {
    fields: items.filter((i) => i.level === "field").length,
    criteria: items.filter((i) => i.level === "criterion").length,
    subs: items.filter((i) => i.level === "sub").length,
  };
  if (items.length === 0) error("", "import.no-list");
  const errors = problems.some((p) => p.severity === "error");
  if (!errors) {
    // The set's own parser is the last word: anything it refuses is an error here too (with the item's cell).
    const r = parseCriteriaSet(draft);
    if (!r.ok) for (const p of r.problems) error(cellOfPath(p, items, read), "import.bad-code", { code: itemOfPath(p, items) ?? "", text: ` ${String(p.params.detail ?? p.key)}` });
  }
  problems.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
  const ok = !problems.some((p) => p.severity === "error");
  return { mode, draft, ...(ok ? { set: draft } : {}), problems, counts };
}

function fromAppendix(a: RecognizedSheet, grid: Grid, error: (cell: string, key: SheetSetProblemKey, params?: Record<string, string | number>) => void): ReadItem[] {
  const maxCol = a.layout.max ?? 0;
  // Survey-scored: an item whose own name or an ancestor's says so ("qua điều tra XHH"), or all of whose children are.
  const byName = new Set(a.body.items.filter((it) => it.surveyByName).map((it) => it.code));
  const inherited = (code: string): boolean => {
    for (let c: string | undefined = code; c !== undefined; c = parentCode(c)) if (byName.has(c)) return true;
    return false;
  };
  const codes = a.body.items.map((it) => it.code);
  const survey = (code: string): boolean => {
    if (inherited(code)) return true;
    const children = codes.filter((c) => parentCode(c) === code);
    return children.length > 0 && children.every((c) => survey(c));
  };
  return a.body.items.map((it) => {
    const cell = toA1(pointRow(it, maxCol), maxCol);
    const p = it.points.get(maxCol) ?? { kind: "blank" as const };
    const n = numberOf(p);
    if (n === undefined) error(cell, "import.max-not-number", { code: it.code, text: text(cellAt(grid, pointRow(it, maxCol), maxCol)) });
    return {
      item: { code: it.code, name: cleanText(it.name), maxPoints: n ?? 0, level: levelOfCode(it.code), survey: survey(it.code) },
      row: it.row,
      codeCell: toA1(it.row, a.layout.code),
      maxCell: cell,
      maxOk: n !== undefined,
    };
  });
}

/** The title rows above the header ("PHỤ LỤC", "MỤC TIÊU … NĂM 2019"), joined. */
function titleAbove(grid: Grid, headerRow: number): string {
  const lines: string[] = [];
  for (let r = 0; r < headerRow; r++) {
    const t = (grid.rows[r] ?? []).map((c) => (c ? text(c) : "")).filter((x) => x !== "").join(" ");
    // "PHỤ LỤC" alone and the "(Kèm theo …)" line say what the document is attached to, not what the set is.
    if (t !== "" && !/^phu luc( \w{1,4})?$/.test(fold(t)) && !/^\(?kem theo/.test(fold(t))) lines.push(t);
  }
  return lines.join(" — ").slice(0, 300);
}

function itemOfPath(p: SetProblem, items: ReadonlyArray<CriteriaItem>): string | undefined {
  const m = /^items\[(\d+)\]/.exec(p.path);
  return m ? items[Number(m[1])]?.code : undefined;
}

function cellOfPath(p: SetProblem, items: ReadonlyArray<CriteriaItem>, read: ReadonlyArray<ReadItem>): string {
  const code = itemOfPath(p, items);
  return read.find((r) => r.item.code === code)?.codeCell ?? "";
}

function emptyDraft(options: SheetSetOptions): CriteriaSetData {
  return { id: slug(options.fallbackId), title: options.fallbackTitle, legalBasis: "", years: [], totalPoints: 1, items: [] };
}

/** The rows of a plain list under its header; undefined when its codes are not dotted (then it is an appendix). */
function readList(grid: Grid, h: ListColumns, error: (cell: string, key: SheetSetProblemKey, params?: Record<string, string | number>) => void): ReadItem[] | undefined {
  const out: ReadItem[] = [];
  let notDotted = 0;
  let dotted = 0;
  const badCodes: Array<{ cell: string; text: string }> = [];
  for (let r = h.headerRow + 1; r < grid.rows.length; r++) {
    const codeCell = cellAt(grid, r, h.code);
    const codeText = text(codeCell);
    const nameText = text(cellAt(grid, r, h.name));
    const maxCell = cellAt(grid, r, h.max);
    if (codeText === "" && nameText === "" && text(maxCell) === "") continue;
    // A column-number row ("1 | 2 | 3") and a total row ("Tổng cộng") are not items.
    if (codeText === "" && /^(tong|cong)\b/.test(fold(nameText))) continue;
    const written = parseWrittenCode(codeText);
    if (written.kind !== "dotted") {
      if (codeText !== "") {
        notDotted++;
        badCodes.push({ cell: toA1(r, h.code), text: codeText });
      }
      continue;
    }
    const code = written.parts.join(".");
    if (fold(nameText) === String(h.name + 1) || (codeText === String(h.code + 1) && fold(nameText) === String(h.name + 1))) continue;
    dotted++;
    const p = readPoint(maxCell);
    const n = numberOf(p);
    const maxAt = toA1(r, h.max);
    if (n === undefined) error(maxAt, "import.max-not-number", { code, text: text(maxCell) });
    const levelText = h.level !== undefined ? text(cellAt(grid, r, h.level)) : "";
    const givenLevel = levelText !== "" ? levelOf(levelText) : undefined;
    if (levelText !== "" && givenLevel === undefined) error(toA1(r, h.level!), "import.level", { code, level: levelText, expected: CRITERIA_SHEET.levels[levelOfCode(code)] });
    out.push({
      item: {
        code,
        name: nameText,
        maxPoints: n ?? 0,
        level: levelOfCode(code),
        survey: h.survey !== undefined && truthy(text(cellAt(grid, r, h.survey))),
        ...(h.optional !== undefined && truthy(text(cellAt(grid, r, h.optional))) ? { optional: true } : {}),
      },
      row: r,
      codeCell: toA1(r, h.code),
      maxCell: maxAt,
      maxOk: n !== undefined,
      ...(givenLevel !== undefined && h.level !== undefined ? { givenLevel, levelCell: toA1(r, h.level) } : {}),
    });
  }
  if (dotted === 0 || notDotted > dotted / 4) return undefined;
  for (const b of badCodes) error(b.cell, "import.bad-code", { code: b.text, text: "" });
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Writing a set as a sheet

const S = {
  heading: { bold: true, size: 14, align: "center" } as ModelStyle,
  label: { bold: true, font: "Times New Roman", size: 12 } as ModelStyle,
  value: { font: "Times New Roman", size: 12, wrap: true } as ModelStyle,
  note: { italic: true, font: "Times New Roman", size: 11, wrap: true } as ModelStyle,
  head: { bold: true, font: "Times New Roman", size: 12, align: "center", valign: "center", wrap: true, border: true, fill: "FFD9E1F2" } as ModelStyle,
};

function itemStyle(level: ItemLevel, kind: "code" | "name" | "level" | "max" | "survey", decimals: number): ModelStyle {
  const base: ModelStyle = { font: "Times New Roman", size: 12, border: true, valign: "center", bold: level === "field", italic: level === "sub" };
  if (kind === "name") return { ...base, wrap: true };
  if (kind === "max") return { ...base, align: "center", numFmt: decimals === 0 ? "0" : `0.${"0".repeat(decimals)}` };
  return { ...base, align: "center", ...(kind === "code" ? { numFmt: "@" } : {}) };
}

/** How many decimals the points need (at most `cap`): 0.25 → 2. */
export function decimalsOf(values: Iterable<number>, cap = 3): number {
  let d = 0;
  for (const v of values) {
    while (d < cap && Math.abs(Math.round(v * 10 ** d) - v * 10 ** d) > 1e-6 * Math.max(1, Math.abs(v) * 10 ** d)) d++;
  }
  return d;
}

/** A number format that shows what the points need: "0", "0.00", or "0.00###" where the scores have more decimals. */
export function pointsFormat(maxima: Iterable<number>, all: Iterable<number>): string {
  const all5 = decimalsOf(all, 5);
  const fixed = Math.min(decimalsOf(maxima), all5);
  if (all5 === 0) return "0";
  const shown = Math.max(1, fixed);
  return `0.${"0".repeat(shown)}${"#".repeat(Math.max(0, all5 - shown))}`;
}

/** The "Bộ tiêu chí" sheet of a set: the header block, then one row per item. Reads back as the same set. */
export function criteriaSheetModel(set: CriteriaSetData): SheetModel {
  const L = CRITERIA_SHEET;
  const t = (v: string, style: ModelStyle): ModelCell => ({ value: v, style });
  const decimals = decimalsOf(set.items.map((i) => i.maxPoints));
  const rows: ModelRow[] = [
    { cells: [t(L.heading, S.heading)], height: 24 },
    { cells: [t(L.meta.id, S.label), t(set.id, S.value)] },
    { cells: [t(L.meta.title, S.label), t(set.title, S.value)], height: wrappedHeight(set.title, 126) },
    { cells: [t(L.meta.legalBasis, S.label), t(set.legalBasis, S.value)], height: wrappedHeight(set.legalBasis, 126) },
    { cells: [t(L.meta.years, S.label), t(set.years.join(", "), S.value)] },
    { cells: [t(L.meta.unitLevel, S.label), t(set.unitLevel !== undefined ? L.units[set.unitLevel] : "", S.value)] },
    { cells: [t(L.meta.totalPoints, S.label), { value: set.totalPoints, style: { ...S.value, align: "left" } }] },
    { cells: [t(L.meta.bonusMax, S.label), set.bonusMax !== undefined ? { value: set.bonusMax, style: { ...S.value, align: "left" } } : t("", S.value)] },
    { cells: [t(L.meta.penaltyMax, S.label), set.penaltyMax !== undefined ? { value: set.penaltyMax, style: { ...S.value, align: "left" } } : t("", S.value)] },
    { cells: [t(L.note, S.note)], height: 32 },
    { cells: [t(L.columns.code, S.head), t(L.columns.name, S.head), t(L.columns.level, S.head), t(L.columns.maxPoints, S.head), t(L.columns.survey, S.head), t(L.columns.optional, S.head)], height: 32 },
  ];
  const headerRow = rows.length - 1;
  for (const it of [...set.items].sort((a, b) => compareCodes(a.code, b.code))) {
    rows.push({
      cells: [
        t(it.code, itemStyle(it.level, "code", decimals)),
        t(it.name, itemStyle(it.level, "name", decimals)),
        t(L.levels[it.level], itemStyle(it.level, "level", decimals)),
        { value: it.maxPoints, style: itemStyle(it.level, "max", decimals) },
        t(it.survey ? L.yes : "", itemStyle(it.level, "survey", decimals)),
        t(it.optional === true ? L.yes : "", itemStyle(it.level, "survey", decimals)),
      ],
    });
  }
  return {
    name: L.sheetName,
    columns: [10, 70, 20, 12, 10, 14],
    rows,
    merges: [
      { top: 0, left: 0, bottom: 0, right: 5 },
      { top: 2, left: 1, bottom: 2, right: 5 },
      { top: 3, left: 1, bottom: 3, right: 5 },
      { top: 9, left: 0, bottom: 9, right: 5 },
    ],
    print: { landscape: false, titleRows: [headerRow, headerRow], fitToWidth: true },
    freeze: { rows: headerRow + 1 },
  };
}
