/**
 * Fixture workbooks, generated (never hand-edited): the Hà Nam appendix of seed 002 as Excel holds it after a paste
 * from Word, and one workbook per layout variant of ../shared/reference/README.md, plus broken and hostile files.
 *
 *   node dist/node/scripts/fixtures.js <dir>      (npm run fixtures writes the bundled samples into samples/)
 *
 * Tests build the same workbooks in memory (tests/helpers.ts), so a change here shows up in their expectations.
 */
import ExcelJS from "exceljs";
import { wrappedHeight } from "../src/core/sheetModel";
import JSZip from "jszip";
import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { packageRoot } from "../src/cli/root";
import parTinh from "../src/catalogues/criteria/par-tinh-2636-2018.json";

export type Scalar = string | number | boolean | null;

export interface CellSpec {
  readonly v?: Scalar;
  readonly formula?: string;
  readonly result?: number | string | { error: string };
  readonly italic?: boolean;
  readonly bold?: boolean;
  readonly wrap?: boolean;
  readonly numFmt?: string;
  readonly fill?: string;
  readonly error?: string;
}

export type CellInput = Scalar | CellSpec;

export interface SheetSpec {
  readonly name: string;
  readonly rows: ReadonlyArray<ReadonlyArray<CellInput>>;
  readonly merges?: ReadonlyArray<string>;
  readonly widths?: ReadonlyArray<number>;
  readonly protect?: boolean;
  /** The sheet is hidden (its tab does not show). */
  readonly hidden?: boolean;
  /**
   * The table's area ("A5:G163"), formatted the way a table pasted from Word arrives in Excel: Times New Roman,
   * thin borders on every cell, text wrapped and aligned to the top.
   */
  readonly table?: string;
  readonly font?: string;
  /**
   * The look of an official document on screen and on paper: rows tall enough for their wrapped text, A4 landscape
   * fitted to the page's width, the header row(s) repeated on every page ("5:5"). Formatting only: no value changes.
   */
  readonly official?: { readonly titleRows: string; /** 1-based columns centred in the table (codes, points). */ readonly center?: ReadonlyArray<number> };
}

export interface WorkbookSpec {
  readonly file: string;
  readonly description: string;
  readonly sheets: ReadonlyArray<SheetSpec>;
  /** A post-processing step on the zip package (adds a chart part, breaks the file, ...). */
  readonly mangle?: "chart" | "truncate";
  /** Raw bytes instead of a workbook (not an .xlsx at all). */
  readonly raw?: Uint8Array;
}

const ROOT = packageRoot(__dirname);

// ---------------------------------------------------------------------------------------------------------------
// The Hà Nam appendix (seed 002), from the text of the plan as a Sở Nội vụ clerk would paste it into Excel.

/** What an en-US Excel makes of typed or pasted text: "1.25" becomes a number, "1,5" stays text. */
export function asPasted(text: string): CellInput {
  const t = text.trim();
  if (t === "") return null;
  const italic = /^<i>.*<\/i>$/s.test(t);
  const plain = t.replace(/<\/?i>/g, "");
  if (/^\d+(\.\d+)?$/.test(plain)) return italic ? { v: Number(plain), italic } : Number(plain);
  return italic ? { v: plain, italic } : plain;
}

export function haNamSheet(): SheetSpec {
  const text = readFileSync(join(ROOT, "tests", "fixtures", "data", "ha-nam-1800-2019.txt"), "utf8");
  const lines = text.replace(/\r/g, "").split("\n");
  const headerAt = lines.findIndex((l) => l.startsWith("Stt\t"));
  const titleBlock = lines.slice(0, headerAt).join("\n");
  const boldTitle = /\*\*([\s\S]*?)\*\*/.exec(titleBlock)?.[1]?.trim() ?? "";
  const attached = /\(Kèm theo[^)]*\)/.exec(titleBlock)?.[0] ?? "";
  const rows: CellInput[][] = [
    [{ v: "PHỤ LỤC", bold: true }],
    [{ v: boldTitle, bold: true, wrap: true }],
    [{ v: attached, italic: true }],
    [],
  ];
  const header = (lines[headerAt] ?? "").split("\t").map((h) => ({ v: h, bold: true, wrap: true }));
  rows.push(header);
  for (const line of lines.slice(headerAt + 1)) {
    if (line.trim() === "") {
      rows.push([]);
      continue;
    }
    rows.push(line.split("\t").map((c, i) => (i === 1 || i === 6 ? wrapText(asPasted(c)) : asPasted(c))));
  }
  while (rows.length > 0 && (rows[rows.length - 1]?.length ?? 0) === 0) rows.pop();
  return {
    name: "Phụ lục",
    rows,
    merges: ["A1:G1", "A2:G2", "A3:G3"],
    widths: [8, 60, 9, 11, 10, 10, 50],
    table: `A5:G${rows.length}`,
    font: "Times New Roman",
    official: { titleRows: "5:5", center: [1, 3, 4, 5, 6] },
  };
}

function wrapText(c: CellInput): CellInput {
  if (c === null || typeof c !== "object") return c === null ? null : { v: c, wrap: true };
  return { ...c, wrap: true };
}

// ---------------------------------------------------------------------------------------------------------------
// Synthetic appendices built from the 2018 criteria set, with deterministic scores.

interface SetItem {
  code: string;
  name: string;
  maxPoints: number;
  level: string;
  survey: boolean;
}

const SET_ITEMS = (parTinh as { items: SetItem[] }).items;

/** A small deterministic generator (mulberry32), so fixtures are the same on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round2 = (n: number): number => Math.round(n * 100) / 100;
const round5 = (n: number): number => Math.round(n * 1e5) / 1e5;

export interface ScoredItem extends SetItem {
  self: number;
  appraised: number;
  survey_: number | null;
  target1: number;
  target2: number;
}

/** Scores for every item: leaves drawn, parents summed, so every sum holds unless a fixture breaks one on purpose. */
export function scoredItems(seed: number): ScoredItem[] {
  const next = rng(seed);
  const byCode = new Map<string, ScoredItem>();
  const items = SET_ITEMS.map((i) => ({ ...i, self: 0, appraised: 0, survey_: null as number | null, target1: 0, target2: 0 }));
  for (const it of items) byCode.set(it.code, it);
  const isLeaf = (code: string): boolean => !items.some((o) => o.code.startsWith(`${code}.`));
  for (const it of items) {
    if (!isLeaf(it.code)) continue;
    if (it.survey) {
      const s = round5(it.maxPoints * (0.65 + 0.3 * next()));
      it.survey_ = s;
      it.self = 0;
      it.appraised = s;
    } else {
      const steps = Math.round(it.maxPoints / 0.25);
      const got = Math.max(0, steps - Math.floor(next() * 3) * (next() < 0.45 ? 1 : 0));
      it.appraised = round2(got * 0.25);
      it.self = round2(Math.min(it.maxPoints, it.appraised + (next() < 0.2 ? 0.25 : 0)));
    }
    it.target1 = round2(Math.min(it.maxPoints, it.appraised + (it.appraised < it.maxPoints ? 0.25 : 0)));
    it.target2 = it.maxPoints;
  }
  // Parents, deepest first.
  const parents = items.filter((i) => !isLeaf(i.code)).sort((a, b) => b.code.split(".").length - a.code.split(".").length);
  for (const p of parents) {
    const kids = items.filter((k) => k.code.startsWith(`${p.code}.`) && k.code.split(".").length === p.code.split(".").length + 1);
    p.self = round5(kids.reduce((s, k) => s + k.self, 0));
    p.appraised = round5(kids.reduce((s, k) => s + k.appraised, 0));
    p.survey_ = kids.some((k) => k.survey_ !== null) ? round5(kids.reduce((s, k) => s + (k.survey_ ?? 0), 0)) : null;
    p.target1 = round5(kids.reduce((s, k) => s + k.target1, 0));
    p.target2 = round5(kids.reduce((s, k) => s + k.target2, 0));
  }
  return items;
}

const ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];

/**
 * Kon Tum style: a two-row merged header ("Điểm đánh giá năm 2019" over "Điều tra XHH | Tự đánh giá | SNV đánh
 * giá", "Mục tiêu" over "Năm 2020 | Năm 2021"), headers with line breaks, double spaces and decomposed diacritics,
 * a column-numbering row, roman fields with criteria numbered afresh in each field, codes stored as numbers,
 * scoring-rule rows, =SUM fields (one of which skips a criterion), a total row and notes under the table.
 */
export function konTumSheet(): SheetSpec {
  const items = scoredItems(2019);
  const nfd = (s: string): string => s.normalize("NFD");
  const rows: CellInput[][] = [
    [{ v: "ỦY BAN NHÂN DÂN TỈNH KON TUM", bold: true }],
    [{ v: "KẾT QUẢ TỰ ĐÁNH GIÁ VÀ MỤC TIÊU CHỈ SỐ CCHC\nNĂM 2019 - 2021", bold: true, wrap: true }],
    [],
    [
      { v: "TT", bold: true },
      { v: nfd("Nội  dung"), bold: true },
      { v: "Điểm\ntối đa", bold: true, wrap: true },
      { v: "Điểm đánh giá năm 2019", bold: true },
      null,
      null,
      { v: nfd("Mục tiêu"), bold: true },
      null,
      { v: "Đơn vị\nchủ trì", bold: true, wrap: true },
      { v: "Đơn vị phối hợp", bold: true },
    ],
    [null, null, null, { v: "Điều tra XHH", bold: true }, { v: nfd("Tự đánh giá"), bold: true }, { v: "SNV  đánh giá", bold: true }, { v: "Năm 2020", bold: true }, { v: "Năm 2021", bold: true }, null, null],
    ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)", "(10)"],
  ];
  const rowOf = new Map<string, number>();
  const fieldRows: number[] = [];
  const criterionRowsByField = new Map<string, number[]>();
  for (const it of items) {
    const parts = it.code.split(".").map(Number);
    const field = parts[0] ?? 0;
    let label: CellInput;
    if (parts.length === 1) label = ROMAN[field] ?? String(field);
    else if (parts.length === 2) label = parts[1] ?? 0; // criterion: restarts at 1, stored as a number
    else label = Number(`${parts[1]}.${parts[2]}`); // sub-criterion "1.2": Excel turns it into the number 1.2
    const r = rows.length;
    rowOf.set(it.code, r);
    const isField = parts.length === 1;
    const name = isField ? it.name.toUpperCase() : it.name;
    rows.push([
      isField ? { v: label, bold: true } : label,
      isField ? { v: name, bold: true } : name,
      it.maxPoints,
      it.survey_ ?? null,
      it.survey && parts.length === 3 ? null : it.self,
      it.survey && parts.length === 3 ? null : it.appraised,
      it.target1,
      it.target2,
      null,
      null,
    ]);
    if (isField) {
      fieldRows.push(r);
      criterionRowsByField.set(it.code, []);
    } else if (parts.length === 2) criterionRowsByField.get(String(field))?.push(r);
    if (it.code === "1.1.1") {
      rows.push([null, "Ban hành kịp thời: 0,25"]);
      rows.push([null, "Ban hành không kịp thời: 0"]);
    }
  }
  // Fields as =SUM of their criteria (cells listed, as they are not contiguous). Field 3's formula leaves out 3.5:
  // the cached value is what Excel computed from that formula.
  const cols = ["C", "D", "E", "F", "G", "H"];
  for (const [field, critRows] of criterionRowsByField) {
    const fr = rowOf.get(field) ?? 0;
    const used = field === "3" ? critRows.slice(0, -1) : critRows;
    cols.forEach((col, k) => {
      const refs = used.map((r) => `${col}${r + 1}`).join(",");
      const sum = round5(used.reduce((s, r) => s + numeric(rows[r]?.[k + 2]), 0));
      const row = rows[fr] as CellInput[];
      if (col === "D" && !items.find((i) => i.code === field)?.survey_) {
        row[k + 2] = null;
        return;
      }
      row[k + 2] = { formula: `SUM(${refs})`, result: sum, bold: true };
    });
  }
  const totalRow = rows.length;
  rows.push([
    null,
    { v: "Tổng cộng", bold: true },
    ...cols.map((col, k) => ({
      formula: `SUM(${fieldRows.map((r) => `${col}${r + 1}`).join(",")})`,
      result: round5(fieldRows.reduce((s, r) => s + numeric(rows[r]?.[k + 2]), 0)),
      bold: true,
    })),
  ]);
  rows.push([]);
  rows.push([{ v: "Ghi chú: Điểm điều tra XHH do Bộ Nội vụ công bố; các tiêu chí khác do Hội đồng thẩm định của tỉnh chấm.", italic: true }]);
  rows.push([null, null, null, null, null, null, { v: "Người lập biểu", bold: true }]);
  return {
    name: "PL PAR INDEX",
    rows,
    merges: ["A1:J1", "A2:J2", "A4:A5", "B4:B5", "C4:C5", "D4:F4", "G4:H4", "I4:I5", "J4:J5"],
    widths: [6, 55, 8, 9, 9, 9, 9, 9, 22, 22],
    table: `A4:J${totalRow + 1}`,
    font: "Times New Roman",
  };
}

function numeric(c: CellInput | undefined): number {
  if (typeof c === "number") return c;
  if (c && typeof c === "object") {
    if (typeof c.v === "number") return c.v;
    if (typeof c.result === "number") return c.result;
  }
  return 0;
}

/**
 * A department's workbook: a cover sheet, a budget table with its own STT column, and the appendix with trailing-
 * dot numbering, the responsibility column before the scores, and one of each problem the checker must find.
 */
export function departmentWorkbook(): SheetSpec[] {
  const items = scoredItems(2020).filter((i) => !i.code.startsWith("8"));
  const cover: SheetSpec = {
    name: "Bìa",
    rows: [
      [{ v: "SỞ NỘI VỤ TỈNH X", bold: true }],
      [],
      [{ v: "HỒ SƠ TỰ ĐÁNH GIÁ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2020", bold: true }],
      ["Người lập: Phòng CCHC"],
    ],
  };
  const budget: SheetSpec = {
    name: "Kinh phí",
    rows: [
      [{ v: "DỰ TOÁN KINH PHÍ THỰC HIỆN KẾ HOẠCH CCHC NĂM 2021", bold: true }],
      [{ v: "STT", bold: true }, { v: "Nội dung", bold: true }, { v: "Kinh phí (triệu đồng)", bold: true }, { v: "Ghi chú", bold: true }],
      [1, "Tuyên truyền CCHC", 120, null],
      [2, "Kiểm tra CCHC", 80, null],
      [3, "Khảo sát sự hài lòng", 150, "Thuê đơn vị tư vấn"],
      [null, "Cộng", 350, null],
    ],
  };
  const rows: CellInput[][] = [
    [{ v: "PHỤ LỤC: KẾT QUẢ TỰ CHẤM ĐIỂM CCHC NĂM 2020 VÀ CHỈ TIÊU NĂM 2021", bold: true }],
    [],
    [
      { v: "STT", bold: true },
      { v: "Tiêu chí, tiêu chí thành phần", bold: true },
      { v: "Điểm chuẩn", bold: true },
      { v: "Đơn vị chịu trách nhiệm", bold: true },
      { v: "Kết quả năm 2020", bold: true },
      { v: "Chỉ tiêu phấn đấu năm 2021", bold: true },
    ],
  ];
  const skipped = new Set(["5.9", "5.9.1", "5.9.2", "5.9.3", "5.9.4"]);
  for (const it of items) {
    if (skipped.has(it.code)) continue;
    const label = `${it.code}.`;
    const row: CellInput[] = [label, it.name, it.maxPoints, null, it.appraised, it.target1];
    switch (it.code) {
      case "1.3.2":
        row[4] = "đạt"; // not-a-number
        break;
      case "2.1.1":
        row[4] = { formula: "Sheet9!B2", result: { error: "#REF!" } }; // formula-error
        break;
      case "2.1.2":
        row[4] = it.appraised.toFixed(2).replace(".", ", "); // number-as-text with a decimal comma and a stray space
        break;
      case "3.4.4":
        row[2] = 0.75; // max-mismatch (the set says 0.5) and a sum-mismatch on 3.4's max
        break;
      case "4.2.1":
        row[5] = -0.5; // negative target
        break;
      case "6.1.3":
        row[4] = 1.25; // over-max (max 1)
        break;
      case "7.3.2":
        row[5] = 0; // target below score
        break;
      case "4.4.2":
        row[1] = "Tình hợp lý trong việc sắp xếp, kiện toàn tổ chức bộ máy của các cơ quan, đơn vị thuộc thẩm quyền của tỉnh";
        break;
    }
    rows.push(row);
    if (it.code === "2.4.4") rows.push(["2.4.4.", "Tính kịp thời trong việc phát hiện và xử lý các bất cập (dòng nhập trùng)", 1.5, null, 1, 1.5]);
    if (it.code === "7.5.4") rows.push(["7.6.", "Tiêu chí do tỉnh tự đặt thêm", 1, null, 0.5, 1]);
    if (it.code === "6.4.4") rows.push([null, null, 0.5, null, 0.25, 0.5]);
  }
  const body = rows.slice(3);
  const fieldRows = body.filter((r) => typeof r[0] === "string" && /^\d\.$/.test(r[0]));
  const sumCol = (k: number): number => round5(fieldRows.reduce((s, r) => s + numeric(r[k]), 0));
  rows.push(["TỔNG ĐIỂM", null, sumCol(2), null, sumCol(4), sumCol(5)]);
  rows.push([]);
  rows.push(["Ghi chú: Lĩnh vực 8 do Bộ Nội vụ chấm, không tự đánh giá."]);
  return [cover, budget, { name: "Phụ lục tự chấm", rows, widths: [8, 60, 9, 24, 10, 12], table: `A3:F${rows.length - 2}`, font: "Times New Roman" }];
}

/** Cells whose text would be dangerous if rendered as HTML or written back as a formula. */
export function hostileSheet(): SheetSpec {
  const items = scoredItems(7).filter((i) => i.code === "1" || i.code.startsWith("1."));
  const rows: CellInput[][] = [
    [{ v: "<script>alert('tiêu đề')</script>", bold: true }],
    ["Stt", "Nội dung", "Điểm chuẩn", "Điểm đạt được năm 2018", "Mục tiêu năm 2019", "Thực hiện"],
  ];
  for (const it of items) {
    let name = it.name;
    if (it.code === "1.3.2") name = "<img src=x onerror=alert(1)>";
    if (it.code === "1.5") name = "=HYPERLINK(\"http://example.invalid\",\"bấm vào đây\")";
    if (it.code === "1.6") name = "@SUM(1+1)*cmd|' /C calc'!A0";
    const resp = it.code === "1.2" ? "<b>Sở Nội vụ</b> <a href=javascript:alert(2)>x</a>" : null;
    rows.push([it.code, name, it.maxPoints, it.code === "1.3.2" ? 0 : it.appraised, it.maxPoints, resp]);
  }
  return { name: "<Phụ lục>", rows };
}

/** Each fixture, with what it is for. */
export function fixtureSpecs(): WorkbookSpec[] {
  const haNam = haNamSheet();
  return [
    { file: "ha-nam-1800-2019.xlsx", description: "Phụ lục Kế hoạch 1800/KH-UBND tỉnh Hà Nam (seed 002), dán vào Excel", sheets: [haNam] },
    { file: "kon-tum-2019-hai-dong-tieu-de.xlsx", description: "Tiêu đề hai dòng gộp ô, số La Mã, công thức SUM", sheets: [konTumSheet()] },
    { file: "so-tu-cham-nhieu-trang.xlsx", description: "Bìa, bảng kinh phí và phụ lục có đủ loại lỗi", sheets: departmentWorkbook() },
    { file: "noi-dung-doc-hai.xlsx", description: "Ô chứa HTML và công thức dạng chữ", sheets: [hostileSheet()] },
    { file: "trang-trong.xlsx", description: "Một trang tính trống", sheets: [{ name: "Sheet1", rows: [] }] },
    { file: "ha-nam-bao-ve.xlsx", description: "Phụ lục Hà Nam trên trang tính được bảo vệ", sheets: [{ ...haNam, protect: true }] },
    { file: "ha-nam-co-bieu-do.xlsx", description: "Phụ lục Hà Nam kèm một biểu đồ (bản sao sẽ bị bỏ qua)", sheets: [haNam], mangle: "chart" },
    { file: "hong.xlsx", description: "Tệp .xlsx bị cắt cụt", sheets: [haNam], mangle: "truncate" },
    { file: "khong-phai-xlsx.xlsx", description: "Tệp văn bản đặt đuôi .xlsx", sheets: [], raw: new TextEncoder().encode("Stt\tTiêu chí\n1\tKế hoạch\n") },
    {
      file: "excel-97.xls",
      description: "Tệp Excel 97-2003 (chỉ phần đầu OLE)",
      sheets: [],
      raw: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array<number>(504).fill(0)]),
    },
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Real submissions (issue 7): the whole 2018 set, scored, in the shapes departments and districts really send.
// Every sum holds, so the findings a correct checker gives are only the ones each category calls for.

/** Code | name | max | self | appraised | target, one row per item of the 2018 set. */
function submissionRows(seed: number, cell: (it: ScoredItem, col: "max" | "self" | "appraised" | "target") => CellInput = (it, col) => pointsOf(it, col)): CellInput[][] {
  return scoredItems(seed).map((it) => {
    const isField = !it.code.includes(".");
    return [isField ? { v: it.code, bold: true } : it.code, isField ? { v: it.name.toUpperCase(), bold: true } : it.name, cell(it, "max"), cell(it, "self"), cell(it, "appraised"), cell(it, "target")];
  });
}

function pointsOf(it: ScoredItem, col: "max" | "self" | "appraised" | "target"): number {
  return col === "max" ? it.maxPoints : col === "self" ? it.self : col === "appraised" ? it.appraised : it.target1;
}

const SUBMISSION_HEADER: CellInput[] = ["STT", "Lĩnh vực/Tiêu chí/Tiêu chí thành phần", "Điểm tối đa", "Điểm tự đánh giá năm 2019", "Điểm thẩm định năm 2019", "Mục tiêu năm 2020"].map((v) => ({ v, bold: true, wrap: true }));
const submissionTotal = (seed: number, label: string): CellInput[] => {
  const fields = scoredItems(seed).filter((i) => !i.code.includes("."));
  const sum = (col: "max" | "self" | "appraised" | "target"): number => round5(fields.reduce((s, f) => s + pointsOf(f, col), 0));
  return [{ v: label, bold: true }, null, sum("max"), sum("self"), sum("appraised"), sum("target")];
};

export interface SubmissionSpec extends WorkbookSpec {
  /** The findings a correct checker gives, [rule, code, cell], per appendix. */
  readonly expected: ReadonlyArray<ReadonlyArray<readonly [string, string | null, string | null]>>;
}

export function submissionSpecs(): SubmissionSpec[] {
  const rows = submissionRows(7);
  const at = rows.findIndex((r) => (r[0] as { v?: unknown } | null)?.v === "5");
  const widths = [8, 60, 9, 11, 11, 11];
  return [
    {
      file: "nhieu-trang-tinh.xlsx",
      description: "Phụ lục trên hai trang tính (PL1, PL2 (tiếp theo)), tổng điểm ở trang sau",
      sheets: [
        { name: "PL1", rows: [[{ v: "PHỤ LỤC", bold: true }], SUBMISSION_HEADER, ...rows.slice(0, at)], widths, table: `A2:F${at + 2}` },
        { name: "PL2 (tiếp theo)", rows: [[{ v: "PHỤ LỤC (tiếp theo)", bold: true }], SUBMISSION_HEADER, ...rows.slice(at), submissionTotal(7, "TỔNG ĐIỂM (PL1 + PL2)")], widths },
      ],
      expected: [[]],
    },
    {
      file: "tieu-de-ba-dong.xlsx",
      description: "Tiêu đề ba dòng (nhóm, năm, loại điểm) và dòng số thứ tự cột",
      sheets: [
        {
          name: "Phụ lục",
          rows: [
            [{ v: "STT", bold: true }, { v: "Tiêu chí", bold: true }, { v: "Điểm chuẩn", bold: true }, { v: "ĐIỂM ĐÁNH GIÁ", bold: true }, null, { v: "MỤC TIÊU", bold: true }],
            [null, null, null, { v: "Năm 2019", bold: true }, null, { v: "Năm 2020", bold: true }],
            [null, null, null, { v: "Tự chấm", bold: true }, { v: "Thẩm định", bold: true }, null],
            ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
            ...rows,
            submissionTotal(7, "TỔNG CỘNG (I+II+…+VIII)"),
          ],
          merges: ["A1:A3", "B1:B3", "C1:C3", "D1:E1", "D2:E2", "F2:F3"],
          widths,
        },
      ],
      expected: [[]],
    },
    {
      file: "khong-cot-stt.xlsx",
      description: "Không có cột STT: mã viết ở đầu tên tiêu chí",
      sheets: [
        {
          name: "Sheet1",
          rows: [SUBMISSION_HEADER.slice(1), ...rows.map((r) => [`${String((r[0] as { v?: unknown } | null)?.v ?? r[0])}. ${String((r[1] as { v?: unknown } | null)?.v ?? r[1])}`, ...r.slice(2)])],
          widths: widths.slice(1),
        },
      ],
      // No total row under the table: said, as an info.
      expected: [[["missing-total", null, null]]],
    },
    {
      file: "diem-phan-tram.xlsx",
      description: "Điểm tự đánh giá ghi theo tỷ lệ % của điểm tối đa",
      sheets: [{ name: "Phụ lục", rows: [SUBMISSION_HEADER, ...submissionRows(7, (it, col) => (col === "self" ? `${String(round5((it.self / it.maxPoints) * 100)).replace(".", ",")}%` : pointsOf(it, col)))], widths }],
      expected: [[["percent-score", null, "D2"], ["missing-total", null, null]]],
    },
    {
      file: "don-vi-chu-tri.xlsx",
      description: "Cột Đơn vị chủ trì và Đơn vị phối hợp thay cho cột Thực hiện",
      sheets: [{ name: "Phụ lục", rows: [[...SUBMISSION_HEADER, { v: "Đơn vị chủ trì", bold: true }, { v: "Đơn vị phối hợp", bold: true }], ...rows.map((r) => [...r, null, null]), submissionTotal(7, "Tổng số điểm")], widths: [...widths, 24, 40] }],
      expected: [[]],
    },
    {
      file: "ghi-chu-canh-tieu-de.xlsx",
      description: "Một số và một ghi chú lạc cạnh dòng tiêu đề",
      sheets: [{ name: "Phụ lục", rows: [[null, null, null, null, null, null, "Đơn vị tính: điểm"], [...SUBMISSION_HEADER, 12], ...rows, submissionTotal(7, "Cộng")], widths }],
      expected: [[]],
    },
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

const FIXED_DATE = new Date(Date.UTC(2019, 5, 25, 8, 0, 0));

export async function buildWorkbook(spec: WorkbookSpec): Promise<Uint8Array> {
  if (spec.raw) return spec.raw;
  const wb = new ExcelJS.Workbook();
  wb.creator = "phuluc-cchc fixtures";
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  for (const sheet of spec.sheets) {
    const ws = wb.addWorksheet(sheet.name, sheet.hidden ? { state: "hidden" } : undefined);
    if (sheet.widths) ws.columns = sheet.widths.map((width) => ({ width }));
    sheet.rows.forEach((row, r) => {
      row.forEach((input, c) => {
        if (input === null || input === undefined) return;
        const cell = ws.getCell(r + 1, c + 1);
        const spec: CellSpec = typeof input === "object" ? input : { v: input };
        if (spec.formula !== undefined) {
          cell.value = { formula: spec.formula, result: spec.result } as ExcelJS.CellFormulaValue;
        } else if (spec.v !== undefined && spec.v !== null) {
          cell.value = spec.v;
        }
        if (spec.bold || spec.italic) cell.font = { bold: spec.bold === true, italic: spec.italic === true };
        if (spec.wrap) cell.alignment = { wrapText: true, vertical: "top" };
        if (spec.numFmt) cell.numFmt = spec.numFmt;
        if (spec.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: spec.fill } };
      });
    });
    if (sheet.font) {
      const font = sheet.font;
      ws.eachRow((row) => row.eachCell((cell) => (cell.font = { ...cell.font, name: font, size: 12 })));
    }
    if (sheet.table) formatTable(ws, sheet.table);
    for (const m of sheet.merges ?? []) ws.mergeCells(m);
    if (sheet.official) officialLook(ws, sheet);
    if (sheet.protect) await ws.protect("phuluc", { selectLockedCells: true, selectUnlockedCells: true });
  }
  const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  if (spec.mangle === "truncate") return bytes.slice(0, Math.floor(bytes.length / 2));
  if (spec.mangle === "chart") return addChart(bytes);
  return bytes;
}

/**
 * Row heights for wrapped text (Excel does not grow rows when it opens a file, so long names would overlap the next
 * rows), merged title rows as tall as their lines, A4 landscape fitted to the width, header rows on every page.
 */
function officialLook(ws: ExcelJS.Worksheet, sheet: SheetSpec): void {
  const widths = sheet.widths ?? [];
  const merged = new Map<number, number>();
  for (const m of sheet.merges ?? []) {
    const [a = "", b = a] = m.split(":");
    const from = ws.getCell(a);
    const to = ws.getCell(b);
    if (from.row === to.row) merged.set(Number(from.row), widths.slice(Number(from.col) - 1, Number(to.col)).reduce((x, y) => x + y, 0));
  }
  ws.eachRow((row, r) => {
    let height = 0;
    row.eachCell((cell, c) => {
      if (!cell.alignment?.wrapText) return;
      const text = typeof cell.value === "string" ? cell.value : cell.value === null ? "" : String(cell.value);
      // 12-point Times New Roman: about 16 points a line, and a little narrower than the width in characters.
      height = Math.max(height, wrappedHeight(text, (merged.get(r) ?? widths[c - 1] ?? 10) * 0.95, 16));
    });
    if (height > 16) row.height = height;
    // Title rows centred over the table; the header centred; codes and points centred in their columns.
    const header = Number(/^\d+/.exec(sheet.official?.titleRows ?? "")?.[0] ?? 0);
    if (merged.has(r)) row.eachCell((cell) => (cell.alignment = { ...cell.alignment, horizontal: "center", vertical: "middle" }));
    else if (r === header) row.eachCell((cell) => (cell.alignment = { ...cell.alignment, horizontal: "center", vertical: "middle" }));
    else if (r > header) for (const c of sheet.official?.center ?? []) {
      const cell = row.getCell(c);
      cell.alignment = { ...cell.alignment, horizontal: "center" };
    }
  });
  ws.pageSetup = { ...ws.pageSetup, paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: sheet.official?.titleRows ?? "" };
}

/** Borders on every cell of the table, text at the top and wrapped: what a table pasted from Word looks like. */
function formatTable(ws: ExcelJS.Worksheet, range: string): void {
  const [a = "A1", b = a] = range.split(":");
  const first = ws.getCell(a);
  const last = ws.getCell(b);
  const thin = { style: "thin" as const };
  for (let r = Number(first.row); r <= Number(last.row); r++) {
    for (let c = Number(first.col); c <= Number(last.col); c++) {
      const cell = ws.getCell(r, c);
      cell.border = { top: thin, left: thin, bottom: thin, right: thin };
      cell.alignment = { ...cell.alignment, vertical: "top", wrapText: true };
    }
  }
}

/** Add a minimal, valid bar chart of column D to the first sheet (exceljs cannot write charts). */
async function addChart(bytes: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const ns = 'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  zip.file(
    "xl/charts/chart1.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><c:chartSpace ${ns}><c:chart><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:ser><c:idx val="0"/><c:order val="0"/><c:val><c:numRef><c:f>'Phụ lục'!$D$6:$D$12</c:f></c:numRef></c:val></c:ser><c:axId val="1"/><c:axId val="2"/></c:barChart><c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:axPos val="b"/><c:crossAx val="2"/></c:catAx><c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:axPos val="l"/><c:crossAx val="1"/></c:valAx></c:plotArea></c:chart></c:chartSpace>`,
  );
  zip.file(
    "xl/drawings/drawing1.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:twoCellAnchor><xdr:from><xdr:col>8</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>14</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>16</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Biểu đồ 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`,
  );
  zip.file(
    "xl/drawings/_rels/drawing1.xml.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/chart1.xml"/></Relationships>`,
  );
  const sheetPath = "xl/worksheets/sheet1.xml";
  const sheetXml = (await zip.file(sheetPath)?.async("string")) ?? "";
  zip.file(sheetPath, sheetXml.replace("</worksheet>", '<drawing r:id="rIdChart1"/></worksheet>'));
  const relsPath = "xl/worksheets/_rels/sheet1.xml.rels";
  const rels =
    (await zip.file(relsPath)?.async("string")) ??
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
  zip.file(
    relsPath,
    rels.replace(
      "</Relationships>",
      '<Relationship Id="rIdChart1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing1.xml"/></Relationships>',
    ),
  );
  const ct = (await zip.file("[Content_Types].xml")?.async("string")) ?? "";
  zip.file(
    "[Content_Types].xml",
    ct.replace(
      "</Types>",
      '<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/><Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>',
    ),
  );
  return new Uint8Array(await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
}

export async function writeFixtures(dir: string, only?: ReadonlyArray<string>): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const spec of fixtureSpecs()) {
    if (only && !only.includes(spec.file)) continue;
    const path = join(dir, spec.file);
    await writeFile(path, await buildWorkbook(spec));
    written.push(path);
  }
  return written;
}

if (require.main === module) {
  const dir = process.argv[2] ?? join(ROOT, "samples");
  const only = process.argv.slice(3);
  writeFixtures(dir, only.length > 0 ? only : undefined)
    .then((files) => {
      for (const f of files) process.stdout.write(`${f}\n`);
    })
    .catch((e: unknown) => {
      process.stderr.write(`${String(e)}\n`);
      process.exitCode = 1;
    });
}
