import { codeTextOf, parentCode, parseWrittenCode, type WrittenCode } from "./codes";
import { type Cell, cellAt, type Grid, type MergedArea, MergeIndex } from "./grid";
import type { Layout } from "./layout";
import { CODE_AT_NAME_START, pointColumns } from "./layout";
import { percentIn, type PointValue, readPoint, roundPoints } from "./numbers";
import { cleanText, fold } from "./text";

export type ItemLevel = "field" | "criterion" | "sub";

export type NumberingStyle = "dotted" | "trailing-dot" | "roman-restart" | "roman-full";

export interface Item {
  /** The official code, e.g. "3.2.5", whatever the sheet's numbering style. */
  readonly code: string;
  /** The code as the sheet shows it ("II", "2.", 1.1). */
  readonly label: string;
  /** 0-based row of the item's first line. */
  readonly row: number;
  readonly level: ItemLevel;
  readonly depth: number;
  /** The name as written, joined over continuation rows. */
  readonly name: string;
  /** 0-based rows of continuation lines that were joined to the name. */
  readonly continuationRows: ReadonlyArray<number>;
  /** Point cells by column index (max, scores, targets). */
  readonly points: ReadonlyMap<number, PointValue>;
  /** Text of the responsibility ("Thực hiện") cell, "" when empty. */
  readonly responsibility: string;
  /**
   * The merged area that covers the responsibility cell when the cell is not its top-left one (a field's "Thực hiện"
   * merged over its criteria's rows): nothing can be written there, and `responsibility` is the area's text.
   */
  readonly responsibilityMerge?: MergedArea;
  /** The same for the supporting-agencies cell. */
  readonly supportMerge?: MergedArea;
  /** The merged area the responsibility cell starts, when it is more than that cell (a field's cell over its criteria). */
  readonly responsibilitySpan?: MergedArea;
  /** The responsibility cell holds a formula (content, even when it shows ""). */
  readonly responsibilityFormula?: boolean;
  /** Text of the supporting-agencies cell ("Đơn vị phối hợp"), "" when empty or absent. */
  readonly supportText: string;
  /** True when the code cell held a number that had lost a trailing zero (1.10 shown as 1.1). */
  readonly codeRepaired: boolean;
  /** Survey-scored by its own name ("qua điều tra XHH"); the criteria set may say so too. */
  readonly surveyByName: boolean;
  /** Rows of point cells that are not on the item's own row (a code cell merged over two rows), by column. */
  readonly pointRows?: ReadonlyMap<number, number>;
  /** A second row with an official code already seen. */
  readonly duplicateOf?: number;
  /** The code was given by a letter in the code column ("a" under 1.1 → 1.1.1). */
  readonly lettered?: true;
}

/** A lettered part ("a)", "b)") or bullet under an item, carrying points of its own. */
export interface PartRow {
  readonly row: number;
  /** Index in Body.items of the item the part belongs to. */
  readonly item: number;
  readonly label: string;
  readonly points: ReadonlyMap<number, PointValue>;
}

/** A bonus or penalty row outside the fields ("Điểm thưởng", "Điểm trừ"): not an item; the total reconciles with it. */
export interface AdjustmentRow {
  readonly row: number;
  readonly kind: "bonus" | "penalty";
  readonly label: string;
  readonly points: ReadonlyMap<number, PointValue>;
}

/**
 * A row that groups whole fields ("A | NHÓM A … | 40", "Phần I: điểm thẩm định"), right above the first of them:
 * not an item; its points are checked against the fields under it, up to the next group or the table's end.
 */
export interface GroupRow {
  readonly row: number;
  readonly label: string;
  readonly name: string;
  readonly points: ReadonlyMap<number, PointValue>;
  /** Codes of the fields the group holds. */
  readonly fields: ReadonlyArray<string>;
}

export interface TotalRow {
  readonly row: number;
  readonly label: string;
  readonly points: ReadonlyMap<number, PointValue>;
}

export type RowKind = "item" | "continuation" | "rule" | "total" | "blank" | "column-numbers" | "orphan" | "note" | "text";

export interface Body {
  readonly items: ReadonlyArray<Item>;
  readonly total: TotalRow | null;
  readonly adjustments: ReadonlyArray<AdjustmentRow>;
  /** Lettered parts with points, under their item. */
  readonly parts: ReadonlyArray<PartRow>;
  readonly numbering: NumberingStyle;
  /** Rows with points but no code: not an item, reported. */
  readonly orphanRows: ReadonlyArray<number>;
  /** Rows that group whole fields, each with its fields. */
  readonly groups: ReadonlyArray<GroupRow>;
  /** Scoring-rule and bullet rows under items ("Ban hành kịp thời: 1"). */
  readonly ruleRows: ReadonlyArray<number>;
  /** Header rows repeated inside the table and page markers ("Trang 2/3"), skipped. */
  readonly repeatedHeaderRows: ReadonlyArray<number>;
  /** First row of the notes under the table ("Ghi chú", "Người lập biểu"), or null. */
  readonly notesRow: number | null;
  /** Last row that belongs to the table. */
  readonly lastRow: number;
  /** Rows the reader could not place (neither item nor continuation nor rule). */
  readonly unplacedRows: number;
  /**
   * Items the unit is not assessed on ("Không đánh giá", "KĐG", or dashes in every score cell of a whole field or
   * criterion): the top-most ones, in sheet order. Their maximum does not count.
   */
  readonly notAssessed: ReadonlyArray<string>;
  /** Score and target cells written as a percentage of the row's maximum ("75%"), read as points. */
  readonly percentCells: ReadonlyArray<PercentCell>;
}

export interface PercentCell {
  readonly row: number;
  readonly col: number;
  readonly percent: number;
  readonly max: number;
  readonly points: number;
}

/**
 * Whole text of a total row, folded: "TỔNG ĐIỂM", "Tổng cộng", "Cộng", "Tổng điểm đạt được (100)", and with what
 * provinces write after the word: "TỔNG ĐIỂM (PL1 + PL2)", "TỔNG CỘNG (I+II+…+VIII)", "Tổng số điểm".
 */
const TOTAL = /^(tong diem|tong cong|tong so diem|tong so|tong|cong)( dat duoc| chung| toan bo| cac linh vuc)?(( \d+)*|( (pl ?\d*|phu luc|[ivx]+|\d+|[a-d])\b.*))$/;
/** Bonus and penalty rows, folded: "Điểm thưởng", "Điểm cộng", "Điểm ưu tiên"; "Điểm trừ", "Điểm phạt". */
const BONUS = /^(diem thuong|diem cong|diem uu tien|diem khuyen khich)\b/;
const PENALTY = /^(diem tru|diem phat|tru diem)\b/;
/** "Trang 2/3", "Trang 2", "Trang 2 / 3": page markers left by a conversion from PDF. */
const PAGE_MARK = /^trang \d+( \d+)?$/;
/** The first line of the notes and signatures under a table. */
const NOTES = /^(ghi chu|chu thich|luu y|nguoi lap|noi nhan|tm uy ban|kt chu tich|chu tich|giam doc|thu truong don vi)\b/;
const SCORING_RULE = /[:：]\s*[-+]?\d+(?:[.,]\d+)?\s*(?:diem|đ|điểm)?\s*[.;]?$/iu;
const BULLET_START = /^[-+•*–—·]\s*/u;
/** "a) Kiểm tra…", "(b) …", "c. …": a lettered part written in the name cell. */
const LETTERED_START = /^(\([a-zđ]\)|[a-zđ][.)])\s/u;
/** "(qua điều tra XHH)", "xã hội học", "khảo sát sự hài lòng": scored by a survey, not by the agencies. */
const SURVEY_NAME = /điều tra\s+(xhh|xã hội học)|qua điều tra|khảo sát sự hài lòng/iu;

function textOf(cell: Cell): string {
  if (cell.kind === "text") return cleanText(String(cell.value));
  if (cell.kind === "number" || cell.kind === "boolean" || cell.kind === "error") return cell.text;
  return "";
}

/** "(1) (2) (3)" or "1 2 3 4": the column-numbering row under a header. */
function isColumnNumbers(cells: ReadonlyArray<Cell>): boolean {
  const seq: number[] = [];
  for (const c of cells) {
    const t = textOf(c).trim();
    if (t === "") continue;
    const m = /^\(?(\d{1,2})\)?$/.exec(t) ?? /^\(?([A-Z])\)?$/.exec(t);
    if (!m?.[1]) return false;
    seq.push(/\d/.test(m[1]) ? Number(m[1]) : m[1].charCodeAt(0) - 64);
  }
  return seq.length >= 3 && seq.every((v, i) => i === 0 || v === (seq[i - 1] ?? 0) + 1);
}

/**
 * Read the table under the header into items. Handles dotted, trailing-dot and roman numbering (with numbering
 * restarting inside each field), codes stored as numbers, names wrapped onto a second row, scoring-rule rows,
 * the total row and the notes under the table.
 */
export function readBody(grid: Grid, layout: Layout): Body {
  const merges = new MergeIndex(grid.merges.filter((m) => m.bottom >= layout.bodyStart));
  const numericCols = pointColumns(layout);
  const items: Item[] = [];
  const seen = new Map<string, number>();
  const orphanRows: number[] = [];
  const ruleRows: number[] = [];
  const repeatedHeaderRows: number[] = [];
  const adjustments: AdjustmentRow[] = [];
  const parts: PartRow[] = [];
  // Rows that may group fields; decided once the items are known (a group sits right above a field).
  const groupCandidates: GroupCandidate[] = [];
  let total: TotalRow | null = null;
  let notesRow: number | null = null;
  let numbering: NumberingStyle = "dotted";
  let trailingDots = 0;
  let dottedCount = 0;
  let currentField: number | null = null;
  let restartInField: boolean | null = null;
  let lastItemIndex = -1;
  /** Sub-criteria lettered under their criterion: the criterion's code and the last letter's number. */
  let lettered: { readonly parent: string; readonly n: number; readonly letter: string } | null = null;
  /** What the previous non-blank row was: a name continues only right under its item (blank rows aside). */
  let previous: RowKind = "blank";
  let lastRow = layout.bodyStart - 1;
  let unplaced = 0;
  let columnNumbersAllowed = true;

  const cellOf = (r: number, c: number | null): Cell =>
    c === null || merges.isCovered(r, c) ? { kind: "empty", value: null, text: "" } : cellAt(grid, r, c);
  /** The merged area covering (r, c) when (r, c) is not its top-left cell. */
  const coveredBy = (r: number, c: number | null): MergedArea | undefined => {
    if (c === null) return undefined;
    const area = merges.areaAt(r, c);
    return area && (area.top !== r || area.left !== c) ? area : undefined;
  };
  /** The merged area that (r, c) starts, when it is more than that cell. */
  const spanOf = (r: number, c: number | null): MergedArea | undefined => {
    if (c === null) return undefined;
    const area = merges.areaAt(r, c);
    return area && area.top === r && area.left === c && (area.bottom > r || area.right > c) ? area : undefined;
  };
  /** What a text cell shows: a covered cell shows its merged area's top-left cell. */
  const shownCell = (r: number, c: number): Cell => {
    const area = coveredBy(r, c);
    return area ? cellAt(grid, area.top, area.left) : cellAt(grid, r, c);
  };

  // A header repeated inside the table (tables converted from PDF repeat it on every page) is skipped.
  const headerCode = textOf(cellAt(grid, layout.headerRow, layout.code));
  const headerName = textOf(cellAt(grid, layout.headerRow, layout.name));
  // Lengths first: folding every row's text would be the costly part of reading a long sheet.
  const isRepeatedHeader = (codeText: string, nameText: string): boolean =>
    headerName !== "" &&
    codeText.length === headerCode.length &&
    nameText.length === headerName.length &&
    fold(codeText) === fold(headerCode) &&
    fold(nameText) === fold(headerName);

  const percentCells: PercentCell[] = [];
  const readPoints = (r: number): Map<number, PointValue> => {
    const m = new Map<number, PointValue>();
    const maxValue = layout.max !== null ? readPoint(cellOf(r, layout.max)) : undefined;
    for (const c of numericCols) {
      const cell = cellOf(r, c);
      // "75%" in a score or target column is a share of the row's maximum: read as the points it stands for.
      const percent = c !== layout.max && maxValue?.kind === "number" && maxValue.value > 0 ? percentIn(cell) : undefined;
      if (percent !== undefined && maxValue?.kind === "number") {
        const points = roundPoints((maxValue.value * percent) / 100);
        percentCells.push({ row: r, col: c, percent, max: maxValue.value, points });
        m.set(c, { kind: "number", value: points, fromText: false });
      } else m.set(c, c === layout.max && maxValue ? maxValue : readPoint(cell));
    }
    return m;
  };

  for (let r = layout.bodyStart; r < grid.rowCount; r++) {
    const row = grid.rows[r];
    if (!row || row.length === 0) continue;
    const codeCell = cellOf(r, layout.code);
    const nameCell = cellOf(r, layout.name);
    let codeText = layout.codeInName === true ? "" : codeTextOf(codeCell);
    let nameText = textOf(nameCell);
    if (codeText === "" && nameText !== "") {
      // A code written at the start of the name cell: "1.4. Công tác tuyên truyền CCHC", "II. XÂY DỰNG...".
      const m = CODE_AT_NAME_START.exec(nameText);
      if (m?.[1] !== undefined && m[2] !== undefined && parseWrittenCode(m[1]).kind !== "text") {
        codeText = m[1].replace(/\s+/g, "");
        nameText = m[2];
      }
    }
    const hasPoints = numericCols.some((c) => {
      const cell = cellOf(r, c);
      return cell.kind !== "empty" || cell.formula !== undefined;
    });

    if (codeText === "" && nameText === "" && !hasPoints) {
      continue;
    }
    if (columnNumbersAllowed && isColumnNumbers(row.filter((c): c is Cell => c !== undefined))) {
      columnNumbersAllowed = false;
      continue;
    }
    columnNumbersAllowed = false;
    if (!hasPoints || numericCols.every((c) => cellOf(r, c).kind === "text")) {
      if (isRepeatedHeader(codeText, nameText)) {
        // The column-number row may follow it again.
        columnNumbersAllowed = true;
        repeatedHeaderRows.push(r);
        continue;
      }
      if (!hasPoints && (codeText === "" || nameText === "") && PAGE_MARK.test(fold(codeText || nameText))) {
        repeatedHeaderRows.push(r);
        continue;
      }
    }

    const written: WrittenCode = parseWrittenCode(codeText);
    // Totals and notes sit in the code column or, with the code cell empty, in the name column. Folding text is
    // the costly part of reading a row, so only rows without a code are folded.
    if (written.kind === "text" || written.kind === "none") {
      const folded = fold(written.kind === "text" ? codeText : nameText);
      const adjustment = BONUS.test(folded) ? "bonus" : PENALTY.test(folded) ? "penalty" : undefined;
      if (adjustment !== undefined) {
        adjustments.push({ row: r, kind: adjustment, label: codeText || nameText, points: readPoints(r) });
        previous = "rule";
        lastRow = r;
        continue;
      }
      if (TOTAL.test(folded)) {
        total = { row: r, label: codeText || nameText, points: readPoints(r) };
        previous = "total";
        lastRow = r;
        continue;
      }
      if (NOTES.test(folded) && (written.kind === "text" || !hasPoints)) {
        notesRow = r;
        break;
      }
    }

    // Sub-criteria lettered in the code column under their criterion ("a", "b)", "c."): 1.1.1, 1.1.2, … Letters at
    // the start of a name with the code cell empty, or under a sub-criterion, are parts of an item (below).
    const letter = /^([a-zđ])[.)]?$/u.exec(codeText)?.[1];
    const last = items[lastItemIndex];
    let letteredParts: number[] | undefined;
    if (letter !== undefined && nameText !== "" && last !== undefined && last.duplicateOf === undefined) {
      if (letter === "a" && last.depth === 2) letteredParts = [...last.code.split(".").map(Number), 1];
      else if (lettered !== null && isNextLetter(lettered.letter, letter) && last.code === `${lettered.parent}.${lettered.n}`) {
        letteredParts = [...lettered.parent.split(".").map(Number), lettered.n + 1];
      }
      if (letteredParts) lettered = { parent: letteredParts.slice(0, -1).join("."), n: letteredParts[letteredParts.length - 1] ?? 0, letter };
    }

    if (letteredParts || written.kind === "roman" || written.kind === "dotted") {
      let parts: number[] = [];
      if (letteredParts) parts = letteredParts;
      else if (written.kind === "roman") {
        currentField = written.value;
        restartInField = null;
        parts = [written.value];
        if (numbering !== "roman-restart") numbering = "roman-full";
      } else if (written.kind === "dotted") {
        dottedCount++;
        if (written.trailingDot) trailingDots++;
        parts = [...written.parts];
        if (currentField !== null) {
          if (restartInField === null) restartInField = !(parts.length >= 2 && parts[0] === currentField);
          if (restartInField) {
            parts = [currentField, ...parts];
            numbering = "roman-restart";
          }
        }
      }
      let codeRepaired = false;
      if (codeCell.kind === "number" && parts.length >= 2) {
        const repaired = repairLostZero(parts, items[lastItemIndex]?.code);
        if (repaired) {
          parts = repaired;
          codeRepaired = true;
        }
      }
      const code = parts.join(".");
      const depth = parts.length;
      const level: ItemLevel = depth === 1 ? "field" : depth === 2 ? "criterion" : "sub";
      const first = seen.get(code);
      const responsibilityMerge = coveredBy(r, layout.responsibility);
      const supportMerge = coveredBy(r, layout.support);
      const responsibilitySpan = spanOf(r, layout.responsibility);
      const item: Item = {
        code,
        label: codeText,
        row: r,
        level,
        depth,
        name: nameText,
        continuationRows: [],
        points: readPoints(r),
        responsibility: layout.responsibility !== null ? textOf(shownCell(r, layout.responsibility)) : "",
        supportText: layout.support !== null ? textOf(shownCell(r, layout.support)) : "",
        ...(responsibilityMerge ? { responsibilityMerge } : {}),
        ...(supportMerge ? { supportMerge } : {}),
        ...(responsibilitySpan ? { responsibilitySpan } : {}),
        ...(layout.responsibility !== null && cellOf(r, layout.responsibility).formula !== undefined ? { responsibilityFormula: true } : {}),
        codeRepaired,
        ...(letteredParts ? { lettered: true as const } : {}),
        surveyByName: SURVEY_NAME.test(nameText),
        ...(first !== undefined ? { duplicateOf: first } : {}),
      };
      if (first === undefined) seen.set(code, items.length);
      items.push(item);
      lastItemIndex = items.length - 1;
      previous = "item";
      lastRow = r;
      continue;
    }

    const groupLabel = hasPoints ? groupLabelOf(codeText, nameText) : undefined;
    if (groupLabel !== undefined) {
      groupCandidates.push({ row: r, label: groupLabel, partLabel: codeText || nameText, name: nameText, points: readPoints(r), bullet: written.kind === "bullet", itemBefore: lastItemIndex });
      previous = "rule";
      lastRow = r;
      continue;
    }

    if (written.kind === "bullet" || (codeText === "" && (SCORING_RULE.test(nameText) || BULLET_START.test(nameText) || LETTERED_START.test(nameText)))) {
      // Lettered parts are not criteria; where they carry points, they are checked against their item.
      if (hasPoints && lastItemIndex >= 0) parts.push({ row: r, item: lastItemIndex, label: codeText || nameText, points: readPoints(r) });
      ruleRows.push(r);
      previous = "rule";
      lastRow = r;
      continue;
    }

    const afterItem = previous === "item" || previous === "continuation";
    if (written.kind === "none" && nameText !== "" && !hasPoints && lastItemIndex >= 0 && afterItem) {
      const prev = items[lastItemIndex];
      if (prev) {
        items[lastItemIndex] = {
          ...prev,
          name: `${prev.name} ${nameText}`.trim(),
          continuationRows: [...prev.continuationRows, r],
        };
      }
      previous = "continuation";
      lastRow = r;
      continue;
    }

    // A code cell merged over two rows: the lower row belongs to the item above, with its points where the item's
    // own row left them blank (a name on the first line, the points on the second).
    const codeArea = layout.codeInName === true ? undefined : merges.areaAt(r, layout.code);
    const owner = items[lastItemIndex];
    if (written.kind === "none" && owner && afterItem && codeArea && codeArea.top < r && codeArea.top === owner.row) {
      const points = new Map(owner.points);
      const pointRows = new Map(owner.pointRows ?? []);
      let conflict = false;
      for (const [c, v] of readPoints(r)) {
        if (v.kind === "blank") continue;
        if (points.get(c)?.kind === "blank") {
          points.set(c, v);
          pointRows.set(c, r);
        } else conflict = true;
      }
      if (!conflict) {
        items[lastItemIndex] = {
          ...owner,
          name: nameText !== "" ? `${owner.name} ${nameText}`.trim() : owner.name,
          continuationRows: [...owner.continuationRows, r],
          points,
          ...(pointRows.size > 0 ? { pointRows } : {}),
        };
        previous = "continuation";
        lastRow = r;
        continue;
      }
    }

    // A row with points is never dropped without a finding: whatever its code cell holds, it is an orphan.
    if (hasPoints) {
      orphanRows.push(r);
      previous = "orphan";
      lastRow = r;
      continue;
    }
    previous = "text";
    unplaced++;
  }

  if (numbering === "dotted" && dottedCount > 0 && trailingDots / dottedCount > 0.5) numbering = "trailing-dot";
  const groups = placeGroups(groupCandidates, items, parts, ruleRows, orphanRows);
  const notAssessed = markNotAssessed(items, layout);
  return { items, total, adjustments, parts, groups, numbering, orphanRows, ruleRows, repeatedHeaderRows, notesRow, lastRow, unplacedRows: unplaced, notAssessed, percentCells };
}

/**
 * Dashes in every score cell of a whole field or criterion (the item and all its descendants) mean "not assessed",
 * like "KĐG": those cells become not-assessed (no blank-score, no sums). Returns the top-most items not assessed
 * (dashes or words), in sheet order.
 */
function markNotAssessed(items: Item[], layout: Layout): string[] {
  const scoreCols = layout.scores.map((s) => s.col);
  if (scoreCols.length === 0) return [];
  const under = (i: number): number[] => {
    const code = items[i]!.code;
    const out: number[] = [];
    for (let k = i + 1; k < items.length && items[k]!.code.startsWith(`${code}.`); k++) out.push(k);
    return out;
  };
  const dashed = (it: Item): boolean => scoreCols.every((c) => { const p = it.points.get(c); return p?.kind === "blank" && p.mark !== undefined; });
  const words = (it: Item): boolean => scoreCols.some((c) => it.points.get(c)?.kind === "not-assessed") && scoreCols.every((c) => { const k = it.points.get(c)?.kind; return k === "not-assessed" || k === "blank"; });
  const top: string[] = [];
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    const kids = under(i);
    if (kids.length > 0 && dashed(it) && kids.every((k) => dashed(items[k]!))) {
      for (const k of [i, ...kids]) {
        const item = items[k]!;
        const points = new Map(item.points);
        // Score cells, and targets dashed alike: nothing to reach on an item the unit is not assessed on.
        for (const [c, p] of item.points) if (c !== layout.max && p.kind === "blank" && p.mark !== undefined) points.set(c, { kind: "not-assessed", text: p.mark });
        items[k] = { ...item, points };
      }
      top.push(it.code);
      i += kids.length;
      continue;
    }
    if (words(it)) {
      top.push(it.code);
      i += kids.length;
    }
  }
  return top;
}

/** The row of an item's point cell in column `col` (its own row, or the lower row of a merged code cell). */
export function pointRow(item: Pick<Item, "row" | "pointRows">, col: number): number {
  return item.pointRows?.get(col) ?? item.row;
}

/**
 * The body with the given lettered items turned back into parts of the item above them (a criterion whose criteria
 * set has no sub-criteria: its letters are scoring rules). Their rows become rule rows.
 */
export function demoteLettered(body: Body, codes: ReadonlySet<string>): Body {
  const keep = body.items.filter((i) => !(i.lettered === true && codes.has(i.code)));
  if (keep.length === body.items.length) return body;
  const indexOf = new Map(keep.map((i, k) => [i, k] as const));
  const ownerOf = (row: number): number => {
    let owner = -1;
    keep.forEach((i, k) => void (i.row < row && (owner = k)));
    return owner;
  };
  const parts: PartRow[] = body.parts.map((p) => ({ ...p, item: indexOf.get(body.items[p.item]!) ?? ownerOf(p.row) }));
  const demoted = body.items.filter((i) => !indexOf.has(i));
  for (const i of demoted) parts.push({ row: i.row, item: ownerOf(i.row), label: `${i.label.replace(/[.)]$/, "")}) ${i.name}`, points: i.points });
  // A duplicate names its first row by index: the indexes moved.
  const items = keep.map((i) => {
    if (i.duplicateOf === undefined) return i;
    const first = body.items[i.duplicateOf];
    const at = first ? indexOf.get(first) : undefined;
    return at !== undefined ? { ...i, duplicateOf: at } : i;
  });
  return {
    ...body,
    items,
    parts: parts.sort((a, b) => a.row - b.row),
    ruleRows: [...body.ruleRows, ...demoted.map((i) => i.row)].sort((a, b) => a - b),
  };
}

/** Vietnamese lists go a, b, c, d, đ, e, g, h, i, k …; Latin ones a … z: either order continues a list. */
const VIETNAMESE_LETTERS = "abcdđeghiklmnopqrstuvxy";
const LATIN_LETTERS = "abcdefghijklmnopqrstuvwxyz";

function isNextLetter(previous: string, letter: string): boolean {
  const next = (order: string): string | undefined => {
    const i = order.indexOf(previous);
    return i >= 0 ? order[i + 1] : undefined;
  };
  return next(VIETNAMESE_LETTERS) === letter || next(LATIN_LETTERS) === letter;
}

/**
 * The label of a row that may group fields: a single capital letter in the code cell ("A", "B.", "C)"), or "Phần"
 * / "Nhóm" / "Khối" with a letter, roman or arabic number, in the code cell or at the start of the name.
 */
function groupLabelOf(codeText: string, nameText: string): string | undefined {
  const code = codeText.trim();
  if (/^[A-Z][.)]?$/u.test(code)) return code.replace(/[.)]$/, "");
  const m = /^(Phần|Nhóm|Khối|PHẦN|NHÓM|KHỐI|phần|nhóm|khối)\s+([A-Z]|[IVX]{1,4}|\d{1,2})(?![\p{L}\d])/u.exec(code !== "" ? code : nameText.trim());
  return m ? `${m[1]} ${m[2]}` : undefined;
}

interface GroupCandidate {
  readonly row: number;
  readonly label: string;
  /** The label a lettered part would have had ("A." as written). */
  readonly partLabel: string;
  readonly name: string;
  readonly points: Map<number, PointValue>;
  readonly bullet: boolean;
  /** Index of the item above, -1 when none. */
  readonly itemBefore: number;
}

/**
 * Group candidates become groups when the next item is a field (each group holds the fields up to the next group);
 * the others are what they were before: a lettered part of the item above, or a row with points that is an orphan.
 */
function placeGroups(
  candidates: ReadonlyArray<GroupCandidate>,
  items: ReadonlyArray<Item>,
  parts: PartRow[],
  ruleRows: number[],
  orphanRows: number[],
): GroupRow[] {
  if (candidates.length === 0) return [];
  const top = Math.min(...items.map((i) => i.depth));
  const groups: GroupRow[] = [];
  candidates.forEach((c, k) => {
    const next = items.find((i) => i.row > c.row);
    if (next && next.depth === top) {
      const end = candidates.slice(k + 1).find((d) => d.row > c.row)?.row ?? Infinity;
      const fields = items.filter((i) => i.depth === top && i.duplicateOf === undefined && i.row > c.row && i.row < end).map((i) => i.code);
      groups.push({ row: c.row, label: c.label, name: c.name, points: c.points, fields });
    } else if (c.bullet && c.itemBefore >= 0) {
      parts.push({ row: c.row, item: c.itemBefore, label: c.partLabel, points: c.points });
      ruleRows.push(c.row);
    } else {
      orphanRows.push(c.row);
    }
  });
  parts.sort((a, b) => a.row - b.row);
  ruleRows.sort((a, b) => a - b);
  orphanRows.sort((a, b) => a - b);
  return groups;
}

/**
 * Excel turns a typed 1.10 into the number 1.1. When the previous item is the sibling just before the tenth
 * (1.9 then "1.1"), read the code as 1.10.
 */
function repairLostZero(parts: ReadonlyArray<number>, previousCode: string | undefined): number[] | undefined {
  if (previousCode === undefined) return undefined;
  const last = parts[parts.length - 1];
  if (last === undefined || last > 9 || !/(9|\d\d)$/.test(previousCode)) return undefined;
  const prev = previousCode.split(".").map(Number);
  // Compare against the previous sibling, or the previous sibling's last descendant's ancestor at this depth.
  const prevAtDepth = prev.slice(0, parts.length);
  if (prevAtDepth.length !== parts.length) return undefined;
  const samePrefix = prevAtDepth.slice(0, -1).every((p, i) => p === parts[i]);
  const prevLast = prevAtDepth[prevAtDepth.length - 1];
  if (!samePrefix || prevLast === undefined) return undefined;
  if (prevLast >= 9 && last * 10 === prevLast + 1) return [...parts.slice(0, -1), last * 10];
  return undefined;
}

/**
 * The items with no ancestor on the sheet (duplicates aside): the fields, and the sub-criteria of a criterion whose
 * row was deleted. One lookup per level of each code.
 */
export function rootItems(items: ReadonlyArray<Item>, byCode: ReadonlyMap<string, Item> = new Map(items.filter((i) => i.duplicateOf === undefined).map((i) => [i.code, i]))): Item[] {
  return items.filter((i) => {
    if (i.duplicateOf !== undefined) return false;
    for (let p = parentCode(i.code); p !== undefined; p = parentCode(p)) if (byCode.has(p)) return false;
    return true;
  });
}

export function childrenByParent(items: ReadonlyArray<Item>): Map<string, Item[]> {
  const map = new Map<string, Item[]>();
  for (const it of items) {
    if (it.duplicateOf !== undefined) continue;
    const p = parentCode(it.code);
    if (p === undefined) continue;
    const list = map.get(p);
    if (list) list.push(it);
    else map.set(p, [it]);
  }
  return map;
}
