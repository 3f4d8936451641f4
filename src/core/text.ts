/**
 * Text normalisation for matching what people type in Vietnamese spreadsheets: Unicode normal forms, line breaks,
 * double spaces, diacritics and old-style tone marks.
 */

const SPACE_LIKE = /[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g;

/**
 * Invisible characters (zero-width space, joiner and non-joiner, word joiner, BOM, soft hyphen, Mongolian vowel
 * separator, invisible operators), look-alike spaces (no-break, thin, figure...), full-width ASCII (digits, dots,
 * letters typed with an East Asian input method) and minus signs (U+2212, small and full-width hyphen-minus).
 */
const ODD_CHARS = /[\u00ad\u180e\u200b-\u200d\u2060-\u2064\ufeff\u00a0\u2000-\u200a\u202f\u205f\u3000\uff01-\uff5e\u2212\ufe63]/;
const INVISIBLE = /[\u00ad\u180e\u200b-\u200d\u2060-\u2064\ufeff]/g;
const LOOKALIKE_SPACE = /[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g;
const FULL_WIDTH = /[\uff01-\uff5e]/g;
const MINUS = /[\u2212\ufe63]/g;

/**
 * The one normalisation of cell text, used by every reader of codes, names, numbers and headers: NFC, invisible
 * characters removed, look-alike spaces as spaces, full-width ASCII as ASCII, minus signs as "-". Not trimmed.
 */
export function normalizeText(s: string): string {
  const nfc = COMBINING.test(s) ? s.normalize("NFC") : s;
  if (!ODD_CHARS.test(nfc)) return nfc;
  return nfc
    .replace(INVISIBLE, "")
    .replace(LOOKALIKE_SPACE, " ")
    .replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(MINUS, "-");
}

/** normalizeText, then every run of white space (line breaks included) as one space, trimmed. */
export function cleanText(s: string): string {
  const n = normalizeText(s);
  return ODD_SPACE.test(n) ? n.replace(SPACE_LIKE, " ").trim() : n.trim();
}

const COMBINING = /[\u0300-\u036f]/;
const ODD_SPACE = /[\t\n\r\v\f]| {2}/;

const caches: Array<Map<string, unknown>> = [];

/**
 * A function of a string, remembered: criterion names and header texts repeat from sheet to sheet, from file to
 * file in a batch and from one “Kiểm tra lại” to the next. The cache is bounded (cleared when full).
 */
export function memoised<T>(compute: (s: string) => T, limit = 50_000): (s: string) => T {
  const cache = new Map<string, T>();
  caches.push(cache);
  return (s) => {
    const hit = cache.get(s);
    if (hit !== undefined || cache.has(s)) return hit as T;
    if (cache.size >= limit) cache.clear();
    const v = compute(s);
    cache.set(s, v);
    return v;
  };
}

/** Forget memoised results (benchmarks measure a first run with it). */
export function clearTextCaches(): void {
  for (const c of caches) c.clear();
}

/** Lower case without diacritics and without punctuation: "Lĩnh Vực/Tiêu chí" → "linh vuc tieu chi". */
export const fold: (s: string) => string = memoised(computeFold);

function computeFold(s: string): string {
  return cleanText(s)
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

// Old-style tone placement ("hoá", "thuỷ") to the style the criteria sets use ("hóa", "thủy"), at word end only:
// "hoàn" is right in both styles, and "quý" has no old style. Expects NFC, lower case.
const OLD_TONE = /(?<!q)(o[àáảãạèéẻẽẹ]|u[ỳýỷỹỵ])(?!\p{L})/gu;
const MOVE_TONE: Readonly<Record<string, string>> = {
  oà: "òa", oá: "óa", oả: "ỏa", oã: "õa", oạ: "ọa",
  oè: "òe", oé: "óe", oẻ: "ỏe", oẽ: "õe", oẹ: "ọe",
  uỳ: "ùy", uý: "úy", uỷ: "ủy", uỹ: "ũy", uỵ: "ụy",
};

export function modernTones(lower: string): string {
  return lower.replace(OLD_TONE, (m) => MOVE_TONE[m] ?? m);
}

// "lý"/"lí", "kỹ"/"kĩ", "quy"/"qui": both spellings are current Vietnamese, so neither is a typo.
const Y_SYLLABLE = /(?<![\p{L}])(h|k|l|m|t|s|qu)([yýỳỷỹỵ])(?![\p{L}])/gu;
const Y_TO_I: Readonly<Record<string, string>> = { y: "i", ý: "í", ỳ: "ì", ỷ: "ỉ", ỹ: "ĩ", ỵ: "ị" };

export function iForY(lower: string): string {
  return lower.replace(Y_SYLLABLE, (_, c: string, y: string) => `${c}${Y_TO_I[y] ?? y}`);
}

/**
 * Abbreviations the provinces use in criterion names, and what they stand for. Both the sheet's name and the
 * criteria set's name are expanded before they are compared, so "CBCCVC" equals "cán bộ, công chức, viên chức".
 */
export const ABBREVIATIONS: Readonly<Record<string, string>> = {
  cchc: "cải cách hành chính",
  tthc: "thủ tục hành chính",
  vbqppl: "văn bản quy phạm pháp luật",
  qppl: "quy phạm pháp luật",
  cbccvc: "cán bộ công chức viên chức",
  cbcc: "cán bộ công chức",
  ccvc: "công chức viên chức",
  cc: "công chức",
  vc: "viên chức",
  cqcm: "cơ quan chuyên môn",
  đvhc: "đơn vị hành chính",
  ubnd: "ủy ban nhân dân",
  hđnd: "hội đồng nhân dân",
  ttđt: "thông tin điện tử",
  xhh: "xã hội học",
  sncl: "sự nghiệp công lập",
  đvsn: "đơn vị sự nghiệp",
  bccci: "bưu chính công ích",
  cntt: "công nghệ thông tin",
  pakn: "phản ánh kiến nghị",
  nsnn: "ngân sách nhà nước",
  "kt-xh": "kinh tế xã hội",
  ktxh: "kinh tế xã hội",
  snv: "sở nội vụ",
  dvc: "dịch vụ công",
};

/**
 * A key for comparing criterion names: case, spacing, punctuation, abbreviations and tone placement do not count;
 * letters and diacritics do ("Tình" ≠ "Tính", "Tức" ≠ "Tác"), so typos remain visible.
 */
export const nameKey: (s: string) => string = memoised(computeNameKey);

function computeNameKey(s: string): string {
  const cleaned = iForY(modernTones(
    cleanText(s)
      // "(TTHC)" after a spelled-out phrase is a definition, not content.
      .replace(/\(\s*[A-ZĐ][A-ZĐ0-9\-]{1,9}\s*\)/gu, " ")
      .toLowerCase(),
  ));
  const words = cleaned.split(/[^\p{L}\p{N}\-]+/u).filter((w) => w !== "");
  const expanded: string[] = [];
  for (const w of words) {
    const full = ABBREVIATIONS[w];
    if (full !== undefined) expanded.push(...full.split(" "));
    else expanded.push(...w.split("-").filter((p) => p !== ""));
  }
  return expanded.join(" ");
}

/** The first pair of words where two names differ, for a message that points at the typo. */
export function firstWordDifference(actual: string, expected: string): { actual: string; expected: string } | undefined {
  const a = keyTokens(actual);
  const e = keyTokens(expected);
  const n = Math.max(a.length, e.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = e[i];
    if (x?.token !== y?.token) return { actual: x?.word ?? "", expected: y?.word ?? "" };
  }
  return undefined;
}

/** The tokens of nameKey, each with the word of the original text it comes from. */
function keyTokens(s: string): Array<{ token: string; word: string }> {
  const out: Array<{ token: string; word: string }> = [];
  for (const word of cleanText(s).split(" ")) {
    for (const token of nameKey(word).split(" ")) if (token !== "") out.push({ token, word });
  }
  return out;
}

/** Similarity in 0..1 of two names by their words (Dice over nameKey words; 1 = same words). */
export function similarity(a: string, b: string): number {
  const ka = nameKey(a);
  const kb = nameKey(b);
  if (ka === kb) return 1;
  const wa = new Set(ka.split(" "));
  const wb = new Set(kb.split(" "));
  let common = 0;
  for (const w of wa) if (wb.has(w)) common++;
  return (2 * common) / (wa.size + wb.size);
}
