import { cellAt, type Grid, MergeIndex } from "./grid";
import { cleanText, fold, memoised } from "./text";

/** Which kind of score a column holds. The order of authority is appraised > achieved > self > survey. */
export type ScoreKind = "achieved" | "self" | "appraised" | "survey";

export type ColumnRole = "code" | "name" | "max" | "score" | "target" | "responsibility" | "support" | "notes";

export interface ScoreColumn {
  readonly col: number;
  readonly year: number | null;
  readonly kind: ScoreKind;
  readonly header: string;
}

export interface TargetColumn {
  readonly col: number;
  readonly year: number | null;
  readonly header: string;
}

export interface Layout {
  /** 0-based index of the first header row. */
  readonly headerRow: number;
  /** 1 to 4: a group title over a year over a kind ("ĐIỂM ĐÁNH GIÁ" / "Năm 2019" / "Tự chấm"). */
  readonly headerRows: number;
  /** 0-based index of the first row after the header band. */
  readonly bodyStart: number;
  readonly code: number;
  readonly name: number;
  /** No code column: every name starts with its code ("1.4. Công tác tuyên truyền CCHC"); `code` equals `name`. */
  readonly codeInName?: boolean;
  /** With `codeInName`: the "STT" column beside the names, which only counts the rows (1, 2, 3 …). */
  readonly rowCounter?: number;
  readonly max: number | null;
  readonly scores: ReadonlyArray<ScoreColumn>;
  readonly targets: ReadonlyArray<TargetColumn>;
  readonly responsibility: number | null;
  /**
   * What the responsibility column holds: "text", a sentence ("Thực hiện", "Trách nhiệm thực hiện"), or "unit", the
   * lead agency's name only ("Đơn vị chủ trì", "Cơ quan thực hiện").
   */
  readonly responsibilityKind?: "text" | "unit";
  /** "Đơn vị phối hợp": supporting agencies, when the sheet has a column for them. */
  readonly support: number | null;
  readonly notes: number | null;
  /** Header text of every column in the band, as read (merged parents joined to their children). */
  readonly headers: ReadonlyArray<string>;
}

/** A correction the user makes to a column's role ("column E is the 2019 target"). */
export interface ColumnOverride {
  readonly col: number;
  readonly role: ColumnRole | "ignore";
  readonly year?: number | null;
  readonly kind?: ScoreKind;
}

export type HeaderRejection =
  | { readonly reason: "empty-sheet" }
  | { readonly reason: "no-header" }
  | { readonly reason: "no-code-column"; readonly row: number }
  | { readonly reason: "no-point-columns"; readonly row: number };

interface Classified {
  readonly role: ColumnRole;
  readonly kind?: ScoreKind;
}

const YEAR = /(?:^|\D)((?:19|20)\d{2})(?!\d)/g;

/** Last plausible year in a header text ("Mục tiêu năm 2019" → 2019). */
export function yearIn(text: string): number | null {
  let year: number | null = null;
  for (const m of text.matchAll(YEAR)) {
    const y = Number(m[1]);
    if (y >= 1990 && y <= 2100) year = y;
  }
  return year;
}

/**
 * The role of a column from its header text, folded (no case, no diacritics). The order matters: "Điểm chuẩn"
 * is a max before it is a score; "Kết quả thực hiện" is a score before it is a responsibility.
 */
export function classifyHeader(rawText: string): Classified | undefined {
  return classifyMemo(rawText) ?? undefined;
}

/** "Đơn vị chủ trì", "Cơ quan thực hiện", "Đơn vị chịu trách nhiệm": a column for the lead agency's name. */
export function responsibilityKindOf(header: string): "text" | "unit" {
  const t = fold(header);
  if (/\b(giai phap|nhiem vu|noi dung)\b/.test(t) || /^(thuc hien|trach nhiem thuc hien)$/.test(t)) return "text";
  return /\b(don vi|co quan|chu tri)\b/.test(t) ? "unit" : "text";
}

/** Header texts repeat (a title merged across twenty columns, the same sheet checked again). */
const classifyMemo = memoised((rawText: string): Classified | null => classify(fold(rawText)) ?? null, 10_000);

function classify(t: string): Classified | undefined {
  if (t === "") return undefined;
  if (/^(ghi chu|chu thich)\b/.test(t)) return { role: "notes" };
  // Notes beside a header: the unit ("Đơn vị tính: điểm"), the form's number ("Biểu 01", "Mẫu số 2").
  if (/^(don vi tinh|dvt|bieu( mau)?( so)? \d|mau( so)? \d)/.test(t)) return undefined;
  if (/^(stt|tt|so tt|s tt|so thu tu|thu tu|ma|ma so|ma tieu chi|ky hieu|so hieu)$/.test(t)) return { role: "code" };
  if (/\b(diem chuan|diem toi da|so diem toi da|thang diem|diem (theo )?quy dinh|diem dinh muc|toi da)\b/.test(t)) return { role: "max" };
  if (/\b(phoi hop)\b/.test(t)) return { role: "support" };
  // Before targets: "tiêu chí tiêu chí" folds to a text that contains "chi tieu". "Nội dung chấm điểm", "Tiêu chí
  // chấm điểm" name the criteria that are scored: a name, not a score.
  if (/\b(linh vuc|tieu chi|noi dung|chi so thanh phan)\b/.test(t) && !/\bdiem\b/.test(t.replace(/\b(cham|tinh) diem\b/g, ""))) return { role: "name" };
  // "Kế hoạch năm 2022", "KH 2022": the plan's figure for a year is a target.
  if (/\b(muc tieu|chi tieu|phan dau|du kien)\b/.test(t) || /^(ke hoach|kh)( nam)? (19|20)\d{2}$/.test(t)) return { role: "target" };
  if (/\b(diem|ket qua|dat duoc|danh gia|tham dinh|dieu tra|xhh|xa hoi hoc|khao sat|tu cham|cham diem)\b/.test(t)) {
    return { role: "score", kind: scoreKind(t) };
  }
  if (
    /^thuc hien$/.test(t) ||
    /\b(chu tri|chiu trach nhiem|trach nhiem|don vi thuc hien|co quan thuc hien|bo phan thuc hien|don vi phu trach|phan cong)\b/.test(t)
  ) {
    return { role: "responsibility" };
  }
  return undefined;
}

function scoreKind(folded: string): ScoreKind {
  if (/\b(dieu tra|xhh|xa hoi hoc|khao sat|sipas)\b/.test(folded)) return "survey";
  if (/\b(tham dinh|snv|so noi vu|hoi dong|bo noi vu|phuc tra|cham lai|cap tren)\b/.test(folded)) return "appraised";
  if (/\b(tu danh gia|tu cham|tu dam gia)\b/.test(folded)) return "self";
  return "achieved";
}

/** The text a header cell shows, looking through merges to the area's top-left cell. */
function headerText(grid: Grid, merges: MergeIndex, rowIndex: number, colIndex: number): string {
  const area = merges.areaAt(rowIndex, colIndex);
  const cell = area ? cellAt(grid, area.top, area.left) : cellAt(grid, rowIndex, colIndex);
  return cell.kind === "text" ? cleanText(String(cell.value)) : cell.kind === "number" ? cell.text : "";
}

/** A row with numbers other than years is a body row, never a header row (years may be typed as numbers). */
function rowHasPoints(grid: Grid, rowIndex: number): boolean {
  const row = grid.rows[rowIndex];
  if (!row) return false;
  return row.some(
    (c) => c !== undefined && c.kind === "number" && !(Number.isInteger(c.value) && (c.value as number) >= 1990 && (c.value as number) <= 2100),
  );
}

function rowIsBlank(grid: Grid, rowIndex: number): boolean {
  const row = grid.rows[rowIndex];
  return !row || row.every((c) => c === undefined || c.kind === "empty");
}

interface Candidate {
  readonly layout: Layout;
  readonly score: number;
}

function buildCandidate(
  grid: Grid,
  merges: MergeIndex,
  headerRow: number,
  headerRows: number,
  width: number,
  above: number,
): Candidate | HeaderRejection {
  const headers: string[] = [];
  for (let c = 0; c < width; c++) {
    const parts: string[] = [];
    // Rows above the band lend their group titles and years to the columns under them ("Năm 2019" merged over
    // "Tự chấm | Thẩm định" while "Stt" sits in the lower row).
    for (let r = headerRow - above; r < headerRow + headerRows; r++) {
      const t = headerText(grid, merges, r, c);
      if (t !== "" && !parts.includes(t)) parts.push(t);
    }
    headers.push(parts.join(" "));
  }
  // Single-column roles: the first column that claims one keeps it.
  const first: Partial<Record<"code" | "name" | "max" | "responsibility" | "support" | "notes", number>> = {};
  const scores: ScoreColumn[] = [];
  const targets: TargetColumn[] = [];
  headers.forEach((header, col) => {
    const k = classifyHeader(header);
    if (!k) return;
    if (k.role === "score") scores.push({ col, year: yearIn(header), kind: k.kind ?? "achieved", header });
    else if (k.role === "target") targets.push({ col, year: yearIn(header), header });
    else first[k.role] ??= col;
  });
  const { name = null, max = null, responsibility = null, support = null, notes = null } = first;
  let code = first.code ?? null;
  if (name === null) return { reason: "no-header" };
  let codeInName = false;
  if (code === null) {
    // Tables without a code column, where every name starts with its code, are read from the name column.
    if (!namesCarryCodes(grid, merges, headerRow + headerRows, name)) return { reason: "no-code-column", row: headerRow };
    code = name;
    codeInName = true;
  }
  if (max === null && scores.length === 0 && targets.length === 0) return { reason: "no-point-columns", row: headerRow };
  let score = 6 + (max !== null ? 2 : 0) + (scores.length > 0 ? 2 : 0) + (targets.length > 0 ? 1 : 0);
  score += responsibility !== null ? 1 : 0;
  // Years read from the band: a second header row earns its place by telling years or kinds apart.
  score += 0.25 * [...scores, ...targets].filter((c) => c.year !== null).length;
  score += 0.25 * new Set(scores.map((s) => s.kind)).size;
  return {
    layout: {
      headerRow,
      headerRows,
      bodyStart: headerRow + headerRows,
      code,
      name,
      ...(codeInName ? { codeInName } : {}),
      max,
      scores,
      targets,
      responsibility,
      ...(responsibility !== null && responsibilityKindOf(headers[responsibility] ?? "") === "unit" ? { responsibilityKind: "unit" as const } : {}),
      support,
      notes,
      headers,
    },
    score,
  };
}

/** "1.4. Công tác…", "II. XÂY DỰNG…": a code at the start of a name. */
export const CODE_AT_NAME_START = /^((?:\d{1,3}\s*\.\s*)+\d{0,3}|\d{1,3}(?=[.)]\s)|[IVXLC]{1,7}(?=[.)\-–]\s))[.)\-–]?\s+(\S.*)$/u;

/** At least three of the first twenty text cells under the header start with a code, and most of them do. */
export function namesCarryCodes(grid: Grid, merges: MergeIndex, from: number, col: number): boolean {
  let texts = 0;
  let coded = 0;
  for (let r = from; r < Math.min(grid.rowCount, from + 40) && texts < 20; r++) {
    if (merges.isCovered(r, col)) continue;
    const cell = cellAt(grid, r, col);
    if (cell.kind !== "text") continue;
    texts++;
    if (CODE_AT_NAME_START.test(cleanText(String(cell.value)))) coded++;
  }
  return coded >= 3 && coded * 2 >= texts;
}

/**
 * How far down the header may sit: title rows, the plan's name and "(Kèm theo ...)" come first, and some sheets hold
 * the whole plan's text above its appendix. The first row that makes a complete header wins, so a deep limit costs
 * only sheets that have no appendix (rows with numbers are skipped at once).
 */
export const HEADER_SEARCH_ROWS = 2000;

/** A header band has at most this many rows (group title, year, kind, and one more). */
export const MAX_HEADER_ROWS = 4;

/**
 * Find the header band (one to four rows, with merged parents) and assign a role to each column.
 * Returns the best candidate, or why no row qualifies.
 */
export function findHeader(grid: Grid): Layout | HeaderRejection {
  if (grid.rowCount === 0 || grid.rows.every((r) => r.every((c) => c === undefined || c.kind === "empty"))) {
    return { reason: "empty-sheet" };
  }
  const merges = new MergeIndex(grid.merges);
  const width = Math.min(grid.colCount, 60);
  let firstRejection: HeaderRejection | undefined;
  const last = Math.min(grid.rowCount, HEADER_SEARCH_ROWS);
  for (let r = 0; r < last; r++) {
    if (rowIsBlank(grid, r) || (rowHasPoints(grid, r) && !isHeaderWithStrayNumber(grid, merges, r))) continue;
    const one = buildCandidate(grid, merges, r, 1, width, 0);
    if (!("layout" in one)) {
      if (one.reason !== "no-header" && firstRejection === undefined) firstRejection = one;
      continue;
    }
    // Rows above the header that only hold group titles, years or kinds over the point columns belong to it.
    const above = rowsAboveBand(grid, merges, one.layout);
    let best: Candidate = above > 0 ? bestOf(one, buildCandidate(grid, merges, r, 1, width, above)) : one;
    // Each further row belongs to the band when it holds sub-headers and nothing of the body; a row that passes
    // is a header row, so the longer band wins ties.
    for (let h = 2; h <= MAX_HEADER_ROWS && r + h - 1 < grid.rowCount; h++) {
      const next = r + h - 1;
      if (rowHasPoints(grid, next) || !bandRowIsHeader(grid, merges, best.layout, next)) break;
      const longer = buildCandidate(grid, merges, r, h, width, above);
      if (!("layout" in longer) || longer.score < best.score) break;
      best = longer;
    }
    // The first row that makes a complete header wins over later look-alikes (a second table further down).
    return best.layout;
  }
  return firstRejection ?? { reason: "no-header" };
}

function bestOf(a: Candidate, b: Candidate | HeaderRejection): Candidate {
  return "layout" in b && b.score >= a.score ? b : a;
}

/**
 * A header row with one stray number beside it (a page number, "12" typed in a margin cell) is still a header:
 * one number at most, outside the columns the header names, and at least three columns named.
 */
function isHeaderWithStrayNumber(grid: Grid, merges: MergeIndex, r: number): boolean {
  const row = grid.rows[r] ?? [];
  let numbers = 0;
  let named = 0;
  for (let c = 0; c < row.length; c++) {
    const cell = row[c];
    if (!cell || cell.kind === "empty") continue;
    if (cell.kind === "number") {
      if (!(Number.isInteger(cell.value) && (cell.value as number) >= 1990 && (cell.value as number) <= 2100)) numbers++;
    } else if (cell.kind === "text" && classifyHeader(headerText(grid, merges, r, c)) !== undefined) named++;
  }
  return numbers <= 1 && named >= 3;
}

/**
 * How many rows right above the header row hold only group titles, years or score kinds over columns other
 * than the code and name (a title row merged across the table covers the code column and never qualifies).
 */
function rowsAboveBand(grid: Grid, merges: MergeIndex, layout: Layout): number {
  let above = 0;
  for (let r = layout.headerRow - 1; r >= 0 && above < MAX_HEADER_ROWS - 1; r--) {
    if (rowIsBlank(grid, r) || rowHasPoints(grid, r)) break;
    if (headerText(grid, merges, r, layout.code) !== "" || headerText(grid, merges, r, layout.name) !== "") break;
    const row = grid.rows[r] ?? [];
    let telling = 0;
    let other = 0;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (!cell || cell.kind === "empty" || merges.isCovered(r, c)) continue;
      const t = cell.kind === "number" ? cell.text : cell.kind === "text" ? cleanText(String(cell.value)) : "";
      const k = classifyHeader(t);
      if (yearIn(t) !== null || (k !== undefined && (k.role === "score" || k.role === "target"))) telling++;
      else other++;
    }
    if (telling === 0 || other > telling) break;
    above++;
  }
  return above;
}

/**
 * A row under the header row belongs to the band when its code cell is empty (or merged from above) and it
 * holds sub-headers: a year, a score kind, or text under a parent merged across several columns.
 */
function bandRowIsHeader(grid: Grid, merges: MergeIndex, layout: Layout, r: number): boolean {
  if (!layout.codeInName) {
    const codeCell = cellAt(grid, r, layout.code);
    if (codeCell.kind !== "empty" && !merges.isCovered(r, layout.code)) return false;
  }
  if (!merges.isCovered(r, layout.name) && cellAt(grid, r, layout.name).kind !== "empty" && classifyHeader(headerText(grid, merges, r, layout.name))?.role !== "name") return false;
  const row = grid.rows[r] ?? [];
  let subHeaders = 0;
  for (let c = 0; c < row.length; c++) {
    const cell = row[c];
    if (!cell || merges.isCovered(r, c)) continue;
    const isYear = cell.kind === "number" && yearIn(cell.text) !== null;
    if (cell.kind !== "text" && !isYear) continue;
    const t = cell.kind === "text" ? String(cell.value) : cell.text;
    let underWideParent = false;
    for (let p = layout.headerRow; p < r && !underWideParent; p++) {
      const parent = merges.areaAt(p, c);
      underWideParent = parent !== undefined && parent.right > parent.left && parent.bottom < r;
    }
    if (underWideParent || yearIn(t) !== null || classifyHeader(t) !== undefined) subHeaders++;
  }
  return subHeaders > 0;
}

/** Apply the user's corrections to a recognised layout. */
export function applyOverrides(layout: Layout, overrides: ReadonlyArray<ColumnOverride>): Layout {
  if (overrides.length === 0) return layout;
  let code = layout.code;
  let name = layout.name;
  let max = layout.max;
  let responsibility = layout.responsibility;
  let support = layout.support;
  let notes = layout.notes;
  let scores = [...layout.scores];
  let targets = [...layout.targets];
  for (const o of overrides) {
    // A column has one role: take it away from wherever it was.
    scores = scores.filter((s) => s.col !== o.col);
    targets = targets.filter((t) => t.col !== o.col);
    if (max === o.col) max = null;
    if (responsibility === o.col) responsibility = null;
    if (support === o.col) support = null;
    if (notes === o.col) notes = null;
    const header = layout.headers[o.col] ?? "";
    switch (o.role) {
      case "code":
        code = o.col;
        break;
      case "name":
        name = o.col;
        break;
      case "max":
        max = o.col;
        break;
      case "responsibility":
        responsibility = o.col;
        break;
      case "support":
        support = o.col;
        break;
      case "notes":
        notes = o.col;
        break;
      case "score":
        scores.push({ col: o.col, year: o.year !== undefined ? o.year : yearIn(header), kind: o.kind ?? "achieved", header });
        break;
      case "target":
        targets.push({ col: o.col, year: o.year !== undefined ? o.year : yearIn(header), header });
        break;
      case "ignore":
        break;
    }
  }
  scores.sort((a, b) => a.col - b.col);
  targets.sort((a, b) => a.col - b.col);
  const { responsibilityKind: _kind, ...rest } = layout;
  const kind = responsibility !== null ? responsibilityKindOf(layout.headers[responsibility] ?? "") : "text";
  return { ...rest, ...(kind === "unit" ? { responsibilityKind: kind } : {}), code, name, max, responsibility, support, notes, scores, targets };
}

/** Every numeric column of the layout: max, scores, targets. */
export function pointColumns(layout: Layout): number[] {
  const cols: number[] = [];
  if (layout.max !== null) cols.push(layout.max);
  for (const s of layout.scores) cols.push(s.col);
  for (const t of layout.targets) cols.push(t.col);
  return cols;
}
