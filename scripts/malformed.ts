/**
 * A corpus of malformed and hostile inputs, generated (tests/cli/malformed.test.ts runs each with a good workbook
 * after it in one command). Each case says what the checker must make of it: a file error code, or "read" when the
 * file is valid (if odd) and must be read.
 *
 *   node dist/node/scripts/malformed.js <dir>
 */
import { Deflate, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { readZip, writeZip } from "../src/host/xlsx/zip";
import { buildWorkbook, fixtureSpecs } from "./fixtures";

export type Expect = "read" | "not-xlsx" | "broken" | "encrypted" | "too-large" | "legacy-or-encrypted" | "empty-file";

export interface MalformedCase {
  readonly file: string;
  readonly what: string;
  readonly expect: Expect;
  readonly bytes: Uint8Array;
}

const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

interface Parts {
  sheet?: string;
  workbook?: string;
  strings?: string;
  styles?: string;
  extra?: Record<string, string>;
  workbookPath?: string;
  rawSheet?: Uint8Array;
}

const SHEET = `<worksheet ${MAIN}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2"><v>1</v></c><c r="B2" t="inlineStr"><is><t>Kế hoạch</t></is></c></row></sheetData></worksheet>`;
const STRINGS = `<sst ${MAIN}><si><t>Stt</t></si><si><t>Tiêu chí</t></si></sst>`;
const STYLES = `<styleSheet ${MAIN}><numFmts count="1"><numFmt numFmtId="164" formatCode="0.00"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`;

function pkg(p: Parts = {}): Zippable {
  const wbPath = p.workbookPath ?? "xl/workbook.xml";
  const wbDir = wbPath.replace(/[^/]*$/, "");
  const relsPath = `${wbDir}_rels/${wbPath.slice(wbDir.length)}.rels`;
  return {
    "[Content_Types].xml": strToU8(`${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/${wbPath}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`),
    "_rels/.rels": strToU8(`${DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${wbPath}"/></Relationships>`),
    [wbPath]: strToU8(p.workbook ?? `${DECL}<workbook ${MAIN}><sheets><sheet name="Phụ lục" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    [relsPath]: strToU8(
      `${DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ),
    [`${wbDir}styles.xml`]: strToU8(p.styles ?? `${DECL}${STYLES}`),
    [`${wbDir}sharedStrings.xml`]: strToU8(p.strings ?? `${DECL}${STRINGS}`),
    [`${wbDir}worksheets/sheet1.xml`]: p.rawSheet ?? strToU8(p.sheet ?? `${DECL}${SHEET}`),
    ...Object.fromEntries(Object.entries(p.extra ?? {}).map(([k, v]) => [k, strToU8(v)])),
  };
}

const zip = (p: Parts = {}): Uint8Array => zipSync(pkg(p), { level: 6 });
const sheetWith = (rows: string, after = ""): string => `${DECL}<worksheet ${MAIN}><sheetData>${rows}</sheetData>${after}</worksheet>`;

/** Offsets of the local header and the central entry of a named entry (for surgical damage). */
function locate(bytes: Uint8Array, name: string): { local: number; central: number; dataStart: number } {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = bytes.length - 22;
  while (dv.getUint32(eocd, true) !== 0x06054b50) eocd--;
  let p = dv.getUint32(eocd + 16, true);
  const dec = new TextDecoder();
  for (;;) {
    const nameLen = dv.getUint16(p + 28, true);
    const extra = dv.getUint16(p + 30, true);
    const comment = dv.getUint16(p + 32, true);
    const n = dec.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    const local = dv.getUint32(p + 42, true);
    if (n === name) return { local, central: p, dataStart: local + 30 + dv.getUint16(local + 26, true) + dv.getUint16(local + 28, true) };
    p += 46 + nameLen + extra + comment;
  }
}

function damaged(f: (b: Uint8Array, dv: DataView) => void): Uint8Array {
  const b = zip();
  f(b, new DataView(b.buffer, b.byteOffset, b.byteLength));
  return b;
}

/** A deflate stream of `size` zero bytes, made without holding them in memory. */
function zeros(size: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  const d = new Deflate({ level: 1 }, (c) => void chunks.push(c));
  const block = new Uint8Array(1 << 20);
  for (let left = size; left > 0; left -= block.length) d.push(left > block.length ? block : block.subarray(0, left), left <= block.length);
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) (out.set(c, at), (at += c.length));
  return out;
}

/** The good package with sheet1.xml replaced by `raw` deflate data whose directory entry claims `size` bytes. */
function withRawSheet(raw: Uint8Array, size: number, crc = 0): Uint8Array {
  const entries = readZip(zip()).filter((e) => e.name !== "xl/worksheets/sheet1.xml");
  // writeZip copies an entry's bytes and sizes as given: exactly what a lying directory needs.
  const sheet = { name: "xl/worksheets/sheet1.xml", method: 8, flags: 0, crc, compressedSize: raw.length, size, time: 0, date: 33, raw };
  return writeZip([...entries, sheet].map((e) => ({ copy: e })), new Date(Date.UTC(2019, 5, 25)));
}

function utf16(text: string, bigEndian: boolean): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = bigEndian ? 0xfe : 0xff;
  out[1] = bigEndian ? 0xff : 0xfe;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + i * 2] = bigEndian ? c >> 8 : c & 0xff;
    out[3 + i * 2] = bigEndian ? c & 0xff : c >> 8;
  }
  return out;
}

export async function malformedCases(): Promise<MalformedCase[]> {
  const good = zip();
  const haNam = await buildWorkbook(fixtureSpecs().find((s) => s.file === "ha-nam-1800-2019.xlsx")!);
  const manyMerges = Array.from({ length: 40_000 }, (_, i) => `<mergeCell ref="C${i * 2 + 3}:D${i * 2 + 3}"/>`).join("");
  const styledRows: string[] = [];
  for (let r = 3; r <= 1_048_576; r++) styledRows.push(`<row r="${r}" s="1" customFormat="1"/>`);
  const cases: Array<[string, string, Expect, Uint8Array]> = [
    // The container
    ["zip-truncated-half.xlsx", "zip cut in half", "broken", good.slice(0, Math.floor(good.length / 2))],
    ["zip-truncated-100.xlsx", "zip cut to 100 bytes", "broken", good.slice(0, 100)],
    ["zip-only-signature.xlsx", "only the PK signature", "broken", new Uint8Array([0x50, 0x4b, 0x03, 0x04])],
    ["zip-bad-data.xlsx", "a damaged deflate stream", "broken", damaged((b) => { const at = locate(b, "xl/worksheets/sheet1.xml").dataStart; for (let i = 0; i < 8; i++) b[at + i] = 0xff; })],
    ["zip-bad-crc.xlsx", "a CRC-32 that does not match", "broken", damaged((b, dv) => { const e = locate(b, "xl/worksheets/sheet1.xml"); dv.setUint32(e.central + 16, (dv.getUint32(e.central + 16, true) ^ 1) >>> 0, true); })],
    ["zip-encrypted-entry.xlsx", "an entry flagged as encrypted", "encrypted", damaged((b, dv) => { const e = locate(b, "xl/worksheets/sheet1.xml"); dv.setUint16(e.central + 8, dv.getUint16(e.central + 8, true) | 1, true); })],
    ["zip-method-12.xlsx", "an unknown compression method", "broken", damaged((b, dv) => dv.setUint16(locate(b, "xl/worksheets/sheet1.xml").central + 10, 12, true))],
    ["zip-dir-beyond-end.xlsx", "a directory said to lie past the end", "broken", damaged((b, dv) => { let e = b.length - 22; while (dv.getUint32(e, true) !== 0x06054b50) e--; dv.setUint32(e + 16, b.length + 10, true); })],
    ["zip-count-lies.xlsx", "more entries announced than present", "broken", damaged((b, dv) => { let e = b.length - 22; while (dv.getUint32(e, true) !== 0x06054b50) e--; dv.setUint16(e + 10, 60, true); dv.setUint16(e + 8, 60, true); })],
    ["zip-duplicate-names.xlsx", "two entries of the same name", "broken", (() => { const b = zip({ extra: { "xl/worksheets/sheetX.xml": "<x/>" } }); const e = locate(b, "xl/worksheets/sheetX.xml"); const n = strToU8("xl/worksheets/sheet1.xml"); b.set(n, e.central + 46); b.set(n, e.local + 30); return b; })()],
    ["zip-bomb.xlsx", "a sheet of 300 MB of zeros (a zip bomb)", "too-large", withRawSheet(zeros(300 * 1024 * 1024), 300 * 1024 * 1024)],
    ["zip-bomb-lying.xlsx", "a bomb that claims to be small", "broken", withRawSheet(zeros(64 * 1024 * 1024), 1000)],
    ["zip-empty.xlsx", "an empty zip", "not-xlsx", zipSync({})],
    ["zip-no-workbook.xlsx", "a zip of unrelated files", "not-xlsx", zipSync({ "readme.txt": strToU8("hello") })],
    ["zip-zip64-lie.xlsx", "a zip64 marker without its record", "broken", damaged((b, dv) => { let e = b.length - 22; while (dv.getUint32(e, true) !== 0x06054b50) e--; dv.setUint32(e + 16, 0xffffffff, true); })],
    // XML
    ["xml-external-entity.xlsx", "an external entity (XXE)", "broken", zip({ strings: `<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY x SYSTEM "file:///etc/passwd">]><sst ${MAIN}><si><t>&x;</t></si><si><t>b</t></si></sst>` })],
    ["xml-billion-laughs.xlsx", "entity expansion (billion laughs)", "broken", zip({ strings: `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><sst ${MAIN}><si><t>&lol3;</t></si></sst>` })],
    ["xml-doctype-workbook.xlsx", "a DOCTYPE in the workbook", "broken", zip({ workbook: `<?xml version="1.0"?><!DOCTYPE workbook><workbook ${MAIN}><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>` })],
    ["xml-unclosed.xlsx", "a sheet with an unclosed element", "broken", zip({ sheet: `${DECL}<worksheet ${MAIN}><sheetData><row r="1"><c r="A1"><v>1</v></row></sheetData></worksheet>` })],
    ["xml-not-xml.xlsx", "a sheet part that is not XML", "broken", zip({ sheet: "this is not xml at all" })],
    ["xml-styles-broken.xlsx", "a styles part that is not well-formed", "broken", zip({ styles: `<styleSheet ${MAIN}><cellXfs>` })],
    ["xml-strings-broken.xlsx", "a shared-strings part that is not well-formed", "broken", zip({ strings: `<sst ${MAIN}><si><t>a</si></sst>` })],
    ["xml-bad-char-ref.xlsx", "a character reference XML forbids (&#0;)", "broken", zip({ strings: `<sst ${MAIN}><si><t>a&#0;b</t></si><si><t>b</t></si></sst>` })],
    ["xml-utf16le.xlsx", "a sheet part in UTF-16 LE with its BOM", "read", zip({ rawSheet: utf16(`<?xml version="1.0" encoding="UTF-16"?>${SHEET}`, false) })],
    ["xml-utf16be.xlsx", "a sheet part in UTF-16 BE with its BOM", "read", zip({ rawSheet: utf16(`<?xml version="1.0" encoding="UTF-16"?>${SHEET}`, true) })],
    ["xml-processing-instructions.xlsx", "processing instructions and comments inside sheetData", "read", zip({ sheet: sheetWith('<?foo bar?><!-- c --><row r="1"><?x y?><c r="A1"><v>1</v></c></row>') })],
    ["xml-deep-nesting.xlsx", "10,000 nested unknown elements", "read", zip({ sheet: sheetWith('<row r="1"><c r="A1"><v>1</v></c></row>', `${"<extLst>".repeat(1)}${"<x>".repeat(10_000)}${"</x>".repeat(10_000)}</extLst>`) })],
    ["xml-namespaced-prefix.xlsx", "every element with a prefix", "read", zip({ sheet: `${DECL}<s:worksheet xmlns:s="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><s:sheetData><s:row r="1"><s:c r="A1"><s:v>1</s:v></s:c></s:row></s:sheetData></s:worksheet>` })],
    // Values and indexes
    ["val-huge-string.xlsx", "a cell of 2,000,000 characters", "read", zip({ sheet: sheetWith(`<row r="1"><c r="A1" t="inlineStr"><is><t>${"Đ".repeat(2_000_000)}</t></is></c></row>`) })],
    ["val-string-index-out-of-range.xlsx", "a shared-string index past the end", "read", zip({ sheet: sheetWith('<row r="1"><c r="A1" t="s"><v>999999</v></c><c r="B1" t="s"><v>-4</v></c></row>') })],
    ["val-style-out-of-range.xlsx", "style indexes past the end and negative", "read", zip({ sheet: sheetWith('<row r="1"><c r="A1" s="99999"><v>1</v></c><c r="B1" s="-3"><v>2</v></c></row>') })],
    ["val-bad-row-numbers.xlsx", "rows numbered 0, -5, 99999999 and x", "read", zip({ sheet: sheetWith('<row r="0"><c><v>1</v></c></row><row r="-5"><c><v>2</v></c></row><row r="x"><c><v>3</v></c></row><row r="99999999"><c r="A99999999"><v>4</v></c></row>') })],
    ["val-bad-refs.xlsx", "cell references that are not references", "read", zip({ sheet: sheetWith('<row r="1"><c r="ZZZZ1"><v>1</v></c><c r="A0"><v>2</v></c><c r="1A"><v>3</v></c><c r="XFE1"><v>4</v></c></row>') })],
    ["val-not-numbers.xlsx", "number cells holding INF, 1e999, NaN, empty text", "read", zip({ sheet: sheetWith('<row r="1"><c r="A1"><v>INF</v></c><c r="B1"><v>1e999</v></c><c r="C1"><v>NaN</v></c><c r="D1"><v> </v></c><c r="E1" t="b"><v>maybe</v></c><c r="F1" t="zz"><v>1</v></c></row>') })],
    ["val-formula-100k.xlsx", "a formula of 100,000 characters", "read", zip({ sheet: sheetWith(`<row r="1"><c r="A1"><f>${"A2+".repeat(33_333)}1</f><v>1</v></c></row>`) })],
    ["val-lone-surrogate.xlsx", "a lone surrogate written as _xD800_", "read", zip({ sheet: sheetWith('<row r="1"><c r="A1" t="inlineStr"><is><t>a_xD800_b</t></is></c></row>') })],
    ["val-terminal-escapes.xlsx", "terminal escape sequences in text, bidi overrides in text and sheet names", "read", zip({ workbook: `${DECL}<workbook ${MAIN}><sheets><sheet name="ĐỎ&#x202E;lmth.exe" sheetId="1" r:id="rId1"/></sheets></workbook>`, sheet: sheetWith('<row r="1"><c r="A1" t="inlineStr"><is><t>_x001B_[2J_x001B_]0;pwned_x0007_ \u202Ethật\u202C</t></is></c></row>') })],
    ["val-unsorted.xlsx", "rows and cells out of order", "read", zip({ sheet: sheetWith('<row r="3"><c r="B3"><v>3</v></c><c r="A3"><v>2</v></c></row><row r="1"><c r="A1"><v>1</v></c></row>') })],
    // Number formats
    ["fmt-101-decimals.xlsx", "a number format with 101 decimals", "read", zip({ styles: STYLES.replace('formatCode="0.00"', `formatCode="0.${"0".repeat(101)}"`), sheet: sheetWith('<row r="1"><c r="A1" s="1"><v>1.5</v></c></row>') })],
    ["fmt-10k-chars.xlsx", "a number format of 10,000 characters", "read", zip({ styles: STYLES.replace('formatCode="0.00"', `formatCode="${"#,".repeat(5_000)}"`), sheet: sheetWith('<row r="1"><c r="A1" s="1"><v>1.5</v></c></row>') })],
    ["fmt-garbage.xlsx", "number formats that do not parse", "read", zip({ styles: STYLES.replace('formatCode="0.00"', 'formatCode="[[[[;;;;;&quot;"'), sheet: sheetWith('<row r="1"><c r="A1" s="1"><v>1.5</v></c></row>') })],
    // Size
    ["size-huge-merge.xlsx", "one merge over the whole sheet", "read", zip({ sheet: sheetWith('<row r="1"><c r="A1"><v>1</v></c></row>', '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>') })],
    ["size-40000-merges.xlsx", "40,000 small merges", "read", zip({ sheet: sheetWith('<row r="1"><c r="A1"><v>1</v></c></row>', `<mergeCells count="40000">${manyMerges}</mergeCells>`) })],
    ["size-styled-to-bottom.xlsx", "rows formatted down to row 1,048,576", "read", zip({ sheet: sheetWith(`<row r="1"><c r="A1"><v>1</v></c></row>${styledRows.join("")}`) })],
    // Structure
    ["wb-duplicate-sheet-names.xlsx", "two sheets of the same name", "read", zip({ workbook: `${DECL}<workbook ${MAIN}><sheets><sheet name="S" sheetId="1" r:id="rId1"/><sheet name="s" sheetId="2" r:id="rId1"/></sheets></workbook>` })],
    ["wb-illegal-sheet-name.xlsx", "sheet names Excel forbids, and one of 300 characters", "read", zip({ workbook: `${DECL}<workbook ${MAIN}><sheets><sheet name="a/b:c*?[]" sheetId="1" r:id="rId1"/><sheet name="${"x".repeat(300)}" sheetId="2" r:id="rId1"/></sheets></workbook>` })],
    ["wb-dangling-sheet.xlsx", "a sheet whose part does not exist, beside one that does", "read", zip({ workbook: `${DECL}<workbook ${MAIN}><sheets><sheet name="Mất" sheetId="1" r:id="rId9"/><sheet name="Có" sheetId="2" r:id="rId1"/></sheets></workbook>` })],
    ["wb-no-sheet-part.xlsx", "no sheet has a part", "broken", zip({ workbook: `${DECL}<workbook ${MAIN}><sheets><sheet name="Mất" sheetId="1" r:id="rId9"/></sheets></workbook>` })],
    ["wb-no-sheets.xlsx", "a workbook without sheets", "broken", zip({ workbook: `${DECL}<workbook ${MAIN}><sheets/></workbook>` })],
    ["wb-parts-outside-xl.xlsx", "a valid workbook whose parts live outside xl/", "read", zip({ workbookPath: "bang/so.xml" })],
    ["wb-target-escapes-package.xlsx", "a relationship target that climbs out of the package", "broken", zip({ workbook: `${DECL}<workbook ${MAIN}><sheets><sheet name="S" sheetId="1" r:id="rId7"/></sheets></workbook>`, extra: { "xl/_rels/workbook.xml.rels": `${DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="../../../../etc/passwd"/></Relationships>` } })],
    // Not a package at all
    ["raw-empty.xlsx", "an empty file", "empty-file", new Uint8Array(0)],
    ["raw-text.xlsx", "a text file", "not-xlsx", strToU8("Stt\tTiêu chí\n")],
    ["raw-png.xlsx", "a PNG picture", "not-xlsx", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array<number>(100).fill(0)])],
    ["raw-ole.xlsx", "an OLE container (.xls or an encrypted .xlsx)", "legacy-or-encrypted", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array<number>(504).fill(0)])],
    ["raw-random.xlsx", "random bytes after a PK signature", "broken", new Uint8Array([0x50, 0x4b, ...Array.from({ length: 5000 }, (_, i) => (i * 7919) % 251)])],
    ["good-ha-nam-deflate-stored.xlsx", "the Hà Nam appendix with every part stored, not deflated", "read", zipSync(unzipSync(haNam), { level: 0 })],
  ];
  return cases.map(([file, what, expect, bytes]) => ({ file, what, expect, bytes }));
}

export async function writeMalformed(dir: string): Promise<MalformedCase[]> {
  await mkdir(dir, { recursive: true });
  const cases = await malformedCases();
  for (const c of cases) await writeFile(join(dir, c.file), c.bytes);
  return cases;
}


if (require.main === module) {
  writeMalformed(process.argv[2] ?? "malformed")
    .then((cases) => process.stdout.write(`${cases.length} cases\n`))
    .catch((e: unknown) => {
      process.stderr.write(`${String(e)}\n`);
      process.exitCode = 1;
    });
}
