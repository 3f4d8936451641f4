/**
 * Vietnamese text typed in the legacy encodings many provincial offices still use: TCVN3 (ABC), shown with the
 * .VnTime/.VnArial fonts (one byte per letter; the "H" fonts, .VnTimeH, show every letter in upper case), and VNI
 * (VNI-Times: a base letter followed by a mark character). In a Unicode workbook such a cell holds Latin-1
 * look-alikes ("§iÓm chuÈn", "Ñieåm chuaån"). They are told by the cell's font where the host knows it, else by
 * their characteristic characters, and decoded before anything reads the sheet.
 */

import type { Cell, Grid } from "./grid";

/** Vietnamese vowels with their tones, in the order: no tone, sắc, huyền, hỏi, ngã, nặng. */
const TONED: ReadonlyArray<readonly [string, string]> = [
  ["a", "aáàảãạ"], ["ă", "ăắằẳẵặ"], ["â", "âấầẩẫậ"], ["e", "eéèẻẽẹ"], ["ê", "êếềểễệ"], ["i", "iíìỉĩị"],
  ["o", "oóòỏõọ"], ["ô", "ôốồổỗộ"], ["ơ", "ơớờởỡợ"], ["u", "uúùủũụ"], ["ư", "ưứừửữự"], ["y", "yýỳỷỹỵ"],
];

/**
 * TCVN3 (TCVN 5712:1993, the "ABC" fonts), as the byte each letter is stored as, shown as Latin-1. Lower-case
 * letters only for the toned vowels: TCVN3 has upper-case forms only of ă â ê ô ơ ư đ, and shows the rest in upper
 * case through its "H" fonts.
 */
const TCVN3_LOWER: Readonly<Record<string, string>> = {
  a: "a\u00b8\u00b5\u00b6\u00b7\u00b9", // a á à ả ã ạ
  ă: "\u00a8\u00be\u00bb\u00bc\u00bd\u00c6",
  â: "\u00a9\u00ca\u00c7\u00c8\u00c9\u00cb",
  e: "e\u00d0\u00cc\u00ce\u00cf\u00d1",
  ê: "\u00aa\u00d5\u00d2\u00d3\u00d4\u00d6",
  i: "i\u00dd\u00d7\u00d8\u00dc\u00de",
  o: "o\u00e3\u00df\u00e1\u00e2\u00e4",
  ô: "\u00ab\u00e8\u00e5\u00e6\u00e7\u00e9",
  ơ: "\u00ac\u00ed\u00ea\u00eb\u00ec\u00ee",
  u: "u\u00f3\u00ef\u00f1\u00f2\u00f4",
  ư: "\u00ad\u00f8\u00f5\u00f6\u00f7\u00f9",
  y: "y\u00fd\u00fa\u00fb\u00fc\u00fe",
};
const TCVN3_OTHER: Readonly<Record<string, string>> = {
  "\u00ae": "đ", "\u00a7": "Đ", "\u00a1": "Ă", "\u00a2": "Â", "\u00a3": "Ê", "\u00a4": "Ô", "\u00a5": "Ơ", "\u00a6": "Ư",
};

/** VNI: the mark typed after a base letter, lower and upper case, by tone and by vowel modification. */
const VNI_TONE_MARKS = ["", "\u00f9", "\u00f8", "\u00fb", "\u00f5", "\u00ef"]; // ù ø û õ ï
const VNI_TONE_MARKS_UPPER = ["", "\u00d9", "\u00d8", "\u00db", "\u00d5", "\u00cf"]; // Ù Ø Û Õ Ï
/** ă and â take their own combined marks in VNI (a + ê = ă; a + é = ắ ...), as do ê and ô. */
const VNI_BREVE = ["\u00ea", "\u00e9", "\u00e8", "\u00fa", "\u00fc", "\u00eb"]; // ê é è ú ü ë  (ă ắ ằ ẳ ẵ ặ)
const VNI_BREVE_UPPER = ["\u00ca", "\u00c9", "\u00c8", "\u00da", "\u00dc", "\u00cb"];
const VNI_CIRCUMFLEX = ["\u00e2", "\u00e1", "\u00e0", "\u00e5", "\u00e3", "\u00e4"]; // â á à å ã ä  (â ấ ầ ẩ ẫ ậ)
const VNI_CIRCUMFLEX_UPPER = ["\u00c2", "\u00c1", "\u00c0", "\u00c5", "\u00c3", "\u00c4"];

/** Vowels VNI writes as their base letter and a combined mark: ă, â, ê, ô. */
const VNI_MODIFIED: Readonly<Record<string, readonly [string, string, ReadonlyArray<string>, ReadonlyArray<string>]>> = {
  ă: ["a", "A", VNI_BREVE, VNI_BREVE_UPPER],
  â: ["a", "A", VNI_CIRCUMFLEX, VNI_CIRCUMFLEX_UPPER],
  ê: ["e", "E", VNI_CIRCUMFLEX, VNI_CIRCUMFLEX_UPPER],
  ô: ["o", "O", VNI_CIRCUMFLEX, VNI_CIRCUMFLEX_UPPER],
};

const TCVN3_DECODE = new Map<string, string>();
const TCVN3_ENCODE = new Map<string, string>();
for (const [base, forms] of TONED) {
  const bytes = TCVN3_LOWER[base] ?? "";
  [...forms].forEach((u, tone) => {
    const b = bytes[tone] ?? "";
    if (b !== "" && b !== u) TCVN3_DECODE.set(b, u);
    if (b !== "") TCVN3_ENCODE.set(u, b);
  });
}
for (const [b, u] of Object.entries(TCVN3_OTHER)) {
  TCVN3_DECODE.set(b, u);
  TCVN3_ENCODE.set(u, b);
}
TCVN3_ENCODE.set("đ", "\u00ae");

/** VNI sequences (base letter + marks) to Unicode, longest first; and single-character VNI letters. */
const VNI_DECODE = new Map<string, string>();
const VNI_ENCODE = new Map<string, string>();
function vni(u: string, seq: string): void {
  VNI_DECODE.set(seq, u);
  if (!VNI_ENCODE.has(u)) VNI_ENCODE.set(u, seq);
}
for (const [base, forms] of TONED) {
  [...forms].forEach((u, tone) => {
    const U = u.toUpperCase();
    const lowerMarks = [VNI_TONE_MARKS[tone] ?? "", VNI_TONE_MARKS_UPPER[tone] ?? ""];
    const upperMarks = [VNI_TONE_MARKS_UPPER[tone] ?? "", VNI_TONE_MARKS[tone] ?? ""];
    const add = (lowerBase: string, upperBase: string, marksLower: string[], marksUpper: string[]): void => {
      for (const m of marksLower) if (m !== "" || lowerBase.length > 1) vni(u, lowerBase + m);
      for (const m of marksUpper) if (m !== "" || upperBase.length > 1) vni(U, upperBase + m);
    };
    const modified = VNI_MODIFIED[base];
    if (modified) {
      const [lower, upper, marks, marksUpper] = modified;
      add(lower, upper, [marks[tone] ?? "", marksUpper[tone] ?? ""], [marksUpper[tone] ?? "", marks[tone] ?? ""]);
      return;
    }
    switch (base) {
      case "ơ":
        // ơ is the single character ô (Ô); its tones follow it.
        add("\u00f4", "\u00d4", lowerMarks, upperMarks);
        if (tone === 0) (vni("ơ", "\u00f4"), vni("Ơ", "\u00d4"));
        break;
      case "ư":
        add("\u00f6", "\u00d6", lowerMarks, upperMarks);
        if (tone === 0) (vni("ư", "\u00f6"), vni("Ư", "\u00d6"));
        break;
      case "i":
        // i's tones are single characters: í ì æ ó ò (Í Ì Æ Ó Ò).
        if (tone > 0) {
          vni(u, ["", "\u00ed", "\u00ec", "\u00e6", "\u00f3", "\u00f2"][tone] ?? "");
          vni(U, ["", "\u00cd", "\u00cc", "\u00c6", "\u00d3", "\u00d2"][tone] ?? "");
        }
        break;
      case "y":
        // ỵ is the single character î (Î); the other tones are marks.
        if (tone === 5) (vni(u, "\u00ee"), vni(U, "\u00ce"));
        else if (tone > 0) add("y", "Y", lowerMarks, upperMarks);
        break;
      default:
        if (tone > 0) add(base, base.toUpperCase(), lowerMarks, upperMarks);
    }
  });
}
vni("đ", "\u00f1");
vni("Đ", "\u00d1");
const VNI_KEYS = [...VNI_DECODE.keys()].sort((a, b) => b.length - a.length);
const VNI_PATTERN = new RegExp(VNI_KEYS.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g");

export type LegacyEncoding = "tcvn3" | "vni";

/** Letters only Unicode Vietnamese has: a text holding one is Unicode, whatever else it holds. */
const UNICODE_VIETNAMESE = /[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]/;
/**
 * Characters only TCVN3 uses for Vietnamese letters: neither a Unicode Vietnamese letter nor a VNI letter or mark.
 * (TCVN3 also writes some letters with valid Latin-1 ones, "Ó" for "ể"; see TCVN3_MIXED_CASE.)
 */
const TCVN3_SIGN = /[\u00a1-\u00a8\u00aa-\u00ae\u00b5-\u00be\u00c7\u00d0\u00d7\u00de\u00df\u00e7\u00f7\u00fe]/g;
/** An upper-case Latin-1 letter inside a lower-case word ("§iÓm", "chuÈn"): TCVN3, not Unicode or VNI. */
const TCVN3_MIXED_CASE = /[a-z\u00df-\u00ff][\u00c0-\u00de](?=[a-z])/g;
/** A TCVN3 letter inside a word ("c«ng", "§iÓm"): quotes and bullets of a Unicode text are not. */
const TCVN3_IN_WORD = /[A-Za-z\u00a1-\u00ff][\u00a1-\u00a8\u00aa-\u00ae\u00b5-\u00be\u00c7\u00d0\u00d7\u00de\u00df\u00e7\u00f7\u00fe][A-Za-z]|^[\u00a7\u00ae][a-z]|\s[\u00a7\u00ae][a-z]/;
/**
 * VNI's marks where VNI puts them: a tone after a vowel ("aù", "öø"), a breve after a ("aê", "aé"), a circumflex
 * after a, e or o ("eä", "oà"), and đ (ñ) at the start of a word ("ñieàu").
 */
const VNI_SIGN = /[aeouyAEOUY\u00f4\u00f6\u00d4\u00d6][\u00f9\u00f8\u00fb\u00f5\u00ef\u00d9\u00d8\u00db\u00d5\u00cf]|[aA][\u00ea\u00e9\u00e8\u00fa\u00fc\u00eb\u00ca\u00c9\u00c8\u00da\u00dc\u00cb]|[aeoAEO][\u00e2\u00e1\u00e0\u00e5\u00e3\u00e4\u00c2\u00c1\u00c0\u00c5\u00c3\u00c4]|(?<![A-Za-z\u00c0-\u00ff])[\u00f1\u00d1](?=[a-zA-Z])/g;

/** Which legacy encoding a cell's text is in, if any: by its font first, then by its characters. */
export function detectLegacy(text: string, font?: string): LegacyEncoding | undefined {
  // Legacy words always mix plain Latin letters with their look-alikes ("Xö lý"): a code or a number with a stray
  // soft hyphen ("3.4.3\u00ad", TCVN3's "ư") is not text to decode.
  if (!/[\u00a1-\u00ff]/.test(text) || !/[A-Za-z]/.test(text)) return undefined;
  // A letter only Unicode has ("ở", "ư") makes the text Unicode whatever its font: a fill written into a .VnTime
  // table, a cell retyped with Unikey in Unicode mode.
  if (UNICODE_VIETNAMESE.test(text)) return undefined;
  const f = (font ?? "").trim().toLowerCase();
  if (/^\.?vn[a-z]/.test(f) && !f.startsWith("vni")) return "tcvn3";
  if (/^vni[- ]/.test(f)) return "vni";
  const vniHits = text.match(VNI_SIGN)?.length ?? 0;
  // TCVN3 also stores some letters as upper-case Latin-1 ones ("§iÓm" = "Điểm"): inside a lower-case word they count.
  const tcvnHits = (text.match(TCVN3_SIGN)?.length ?? 0) + (text.match(TCVN3_MIXED_CASE)?.length ?? 0);
  if (vniHits >= 2 && vniHits > tcvnHits) return "vni";
  if (tcvnHits >= 2 && (TCVN3_IN_WORD.test(text) || (text.match(TCVN3_MIXED_CASE)?.length ?? 0) > 0)) return "tcvn3";
  return undefined;
}

/**
 * Weaker evidence, enough in a sheet where other cells are already known to be in `encoding`: one characteristic
 * character ("KÕ ho¹ch", "TæNG §IÓM") and no letter only Unicode has.
 */
export function looksLegacy(text: string, encoding: LegacyEncoding): boolean {
  if (!/[\u00a1-\u00ff]/.test(text) || !/[A-Za-z]/.test(text) || UNICODE_VIETNAMESE.test(text)) return false;
  if (encoding === "vni") return (text.match(VNI_SIGN)?.length ?? 0) > 0;
  return (text.match(TCVN3_SIGN)?.length ?? 0) + (text.match(TCVN3_MIXED_CASE)?.length ?? 0) > 0;
}

/** TCVN3 text to Unicode; `upperFont` for the "H" fonts (.VnTimeH), which show every letter in upper case. */
export function decodeTcvn3(text: string, upperFont = false): string {
  let out = "";
  for (const ch of text) out += TCVN3_DECODE.get(ch) ?? ch;
  return upperFont ? out.toUpperCase() : out;
}

export function decodeVni(text: string): string {
  return text.replace(VNI_PATTERN, (m) => VNI_DECODE.get(m) ?? m);
}

export function decodeLegacy(text: string, encoding: LegacyEncoding, font?: string): string {
  return encoding === "tcvn3" ? decodeTcvn3(text, /^\.?vn[a-z]*h$/i.test((font ?? "").trim())) : decodeVni(text);
}

/** Unicode to TCVN3 or VNI (for tests, and for the round trip the decoding is proven by). */
export function encodeLegacy(text: string, encoding: LegacyEncoding): string {
  let out = "";
  for (const ch of text.normalize("NFC")) {
    // TCVN3 has no upper-case toned vowels: outside its "H" fonts they are written in lower case.
    if (encoding === "tcvn3") out += TCVN3_ENCODE.get(ch) ?? (/[^\x00-\x7f]/.test(ch) ? TCVN3_ENCODE.get(ch.toLowerCase()) : undefined) ?? ch;
    else out += VNI_ENCODE.get(ch) ?? ch;
  }
  return out;
}

/** Every Vietnamese letter with every tone, lower and upper case. */
export const VIETNAMESE_LETTERS: ReadonlyArray<string> = [...TONED.flatMap(([, forms]) => [...forms]), "đ"].flatMap((c) => [c, c.toUpperCase()]);

export interface DecodedGrid {
  readonly grid: Grid;
  /** Cells whose text was decoded, in sheet order (0-based). */
  readonly cells: ReadonlyArray<DecodedCell>;
}

export interface DecodedCell {
  readonly row: number;
  readonly col: number;
  readonly encoding: LegacyEncoding;
  /** The text as stored, and as decoded. */
  readonly from: string;
  readonly text: string;
  /** The cell's font, when the host knows it. */
  readonly font?: string;
}

/**
 * The Unicode font that stands for a legacy one: ".VnTime"/".VnTimeH"/"VNI-Times" → "Times New Roman", ".VnArial"/
 * "VNI-Helve" → "Arial"; undefined when the font is not a legacy one (the cell keeps its font).
 */
export function unicodeFont(font: string | undefined): string | undefined {
  const f = (font ?? "").trim().toLowerCase();
  if (!/^(\.vn|vni[- ])/.test(f)) return undefined;
  if (/arial|helve|univers|swiss/.test(f)) return "Arial";
  if (/courier|couri/.test(f)) return "Courier New";
  return "Times New Roman";
}

/**
 * The grid with every legacy-encoded text cell decoded to Unicode (the same grid when there is none). Cells told by
 * their font or by strong evidence set the sheet's encoding; cells with weaker evidence follow it.
 */
export function decodeGrid(grid: Grid): DecodedGrid {
  const found = new Map<string, LegacyEncoding>();
  const counts = { tcvn3: 0, vni: 0 };
  grid.rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (!cell || cell.kind !== "text") return;
      const encoding = detectLegacy(String(cell.value), cell.font);
      if (encoding === undefined) return;
      found.set(`${r}:${c}`, encoding);
      counts[encoding]++;
    }),
  );
  if (found.size === 0) return { grid, cells: [] };
  const sheetEncoding: LegacyEncoding | undefined = counts.tcvn3 + counts.vni >= 3 ? (counts.tcvn3 >= counts.vni ? "tcvn3" : "vni") : undefined;
  const cells: DecodedCell[] = [];
  const rows = grid.rows.map((row, r) => {
    let copy: Array<Cell | undefined> | undefined;
    row.forEach((cell, c) => {
      if (!cell || cell.kind !== "text") return;
      const text = String(cell.value);
      const encoding = found.get(`${r}:${c}`) ?? (sheetEncoding !== undefined && looksLegacy(text, sheetEncoding) ? sheetEncoding : undefined);
      if (encoding === undefined) return;
      const decoded = decodeLegacy(text, encoding, cell.font);
      if (decoded === text) return;
      copy ??= [...row];
      copy[c] = { ...cell, value: decoded, text: decoded };
      cells.push({ row: r, col: c, encoding, from: text, text: decoded, ...(cell.font !== undefined ? { font: cell.font } : {}) });
    });
    return copy ?? row;
  });
  return { grid: cells.length > 0 ? { ...grid, rows } : grid, cells };
}
