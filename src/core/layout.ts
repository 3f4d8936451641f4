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
  /** 1 or 2: merged two-row headers are common. */
  readonly headerRows: number;
  /** 0-based index of the first row after the header band. */
  readonly bodyStart: number;
  readonly code: number;
  readonly name: number;
  readonly max: number | null;
  readonly scores: ReadonlyArray<ScoreColumn>;
  readonly targets: ReadonlyArray<TargetColumn>;
  readonly responsibility: number | null;
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

/** Header texts repeat (a title merged across twenty columns, the same sheet checked again). */
const classifyMemo = memoised((rawText: string): Classified | null => classify(fold(rawText)) ?? null, 10_000);

function classify(t: string): Classified | undefined {
  if (t === "") return undefined;
  if (/^(ghi chu|chu thich)\b/.test(t)) return { role: "notes" };
  if (/^(stt|tt|so tt|s tt|so thu tu|thu tu|ma|ma so|ma tieu chi|ky hieu|so hieu)$/.test(t)) return { role: "code" };
  if (/\b(diem chuan|diem toi da|so diem toi da|thang diem|diem quy dinh|toi da)\b/.test(t)) return { role: "max" };
  if (/\b(phoi hop)\b/.test(t)) return { role: "support" };
  // Before targets: "tiêu chí tiêu chí" folds to a text that contains "chi tieu".
  if (/\b(linh vuc|tieu chi|noi dung|chi so thanh phan)\b/.test(t) && !/\bdiem\b/.test(t)) return { role: "name" };
  if (/\b(muc tieu|chi tieu|phan dau|du kien)\b/.test(t)) return { role: "target" };
  if (/\b(diem|ket qua|dat duoc|danh gia|tham dinh|dieu tra|xhh|xa hoi hoc|khao sat|tu cham|cham diem)\b/.test(t)) {
    return { role: "score", kind: scoreKind(t) };
  }
  if (
    /^thuc hien$/.test(t) ||
    /\b(chu tri|chiu trach nhiem|trach nhiem|don vi thuc hien|co quan thuc hien|don vi phu trach|phan cong)\b/.test(t)
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
): Candidate | HeaderRejection {
  const headers: string[] = [];
  for (let c = 0; c < width; c++) {
    const parts: string[] = [];
    for (let r = headerRow; r < headerRow + headerRows; r++) {
      const t = headerText(grid, merges, r, c);
      if (t !== "" && parts[parts.length - 1] !== t) parts.push(t);
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
  const { code = null, name = null, max = null, responsibility = null, support = null, notes = null } = first;
  if (name === null) return { reason: "no-header" };
  if (code === null) return { reason: "no-code-column", row: headerRow };
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
      max,
      scores,
      targets,
      responsibility,
      support,
      notes,
      headers,
    },
    score,
  };
}

/** How far down the header may sit: title rows, the plan's name and "(Kèm theo ...)" come first. */
export const HEADER_SEARCH_ROWS = 40;

/**
 * Find the header band (one row, or two with merged parents) and assign a role to each column.
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
    if (rowHasPoints(grid, r) || rowIsBlank(grid, r)) continue;
    const candidates: Candidate[] = [];
    const one = buildCandidate(grid, merges, r, 1, width);
    if ("layout" in one) candidates.push(one);
    else if (one.reason !== "no-header" && firstRejection === undefined) firstRejection = one;
    if (r + 1 < grid.rowCount && !rowHasPoints(grid, r + 1)) {
      const two = buildCandidate(grid, merges, r, 2, width);
      // A second header row earns its place only by reading more (years, kinds) than the first row alone.
      if ("layout" in two && secondRowIsHeader(grid, merges, two.layout)) candidates.push(two);
    }
    // The first row that makes a complete header wins over later look-alikes (a second table further down).
    const best = candidates.reduce<Candidate | undefined>((b, c) => (!b || c.score > b.score ? c : b), undefined);
    if (best) return best.layout;
  }
  return firstRejection ?? { reason: "no-header" };
}

/**
 * The row under a header row belongs to the header when its code cell is empty (or merged from above) and it
 * holds sub-headers: a year, a score kind, or text under a parent merged across several columns.
 */
function secondRowIsHeader(grid: Grid, merges: MergeIndex, layout: Layout): boolean {
  const r = layout.headerRow + 1;
  const codeCell = cellAt(grid, r, layout.code);
  if (codeCell.kind !== "empty" && !merges.isCovered(r, layout.code)) return false;
  const row = grid.rows[r] ?? [];
  let subHeaders = 0;
  for (let c = 0; c < row.length; c++) {
    const cell = row[c];
    if (!cell || merges.isCovered(r, c)) continue;
    const isYear = cell.kind === "number" && yearIn(cell.text) !== null;
    if (cell.kind !== "text" && !isYear) continue;
    const t = cell.kind === "text" ? String(cell.value) : cell.text;
    const parent = merges.areaAt(layout.headerRow, c);
    const underWideParent = parent !== undefined && parent.right > parent.left && parent.bottom === layout.headerRow;
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
  return { ...layout, code, name, max, responsibility, support, notes, scores, targets };
}

/** Every numeric column of the layout: max, scores, targets. */
export function pointColumns(layout: Layout): number[] {
  const cols: number[] = [];
  if (layout.max !== null) cols.push(layout.max);
  for (const s of layout.scores) cols.push(s.col);
  for (const t of layout.targets) cols.push(t.col);
  return cols;
}
