/**
 * The patcher on hand-written packages: where a new cell or row goes, what is never overwritten, what text is
 * written and how, row heights, styles appended and never altered, the copy marker.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import type { EditPlan } from "../../src/core/editPlan";
import type { FillEdit } from "../../src/core/responsibility";
import { readWorkbook } from "../../src/host/xlsx/grids";
import { isOurCopy, PATCH_TUNING, patchWorkbook } from "../../src/host/xlsx/patch";
import { cellAt } from "../../src/core/grid";

const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

function pack(sheetXml: string, opts: { styles?: string; prefix?: string } = {}): Uint8Array {
  const styles =
    opts.styles ??
    `<styleSheet ${MAIN}><fonts count="1"><font><sz val="13"/><name val="Times New Roman"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" quotePrefix="1"><alignment vertical="top"/><protection locked="0"/></xf></cellXfs></styleSheet>`;
  return zipSync({
    "[Content_Types].xml": strToU8(
      `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    ),
    "_rels/.rels": strToU8(`${DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    "xl/workbook.xml": strToU8(`${DECL}<workbook ${MAIN}><sheets><sheet name="PL" sheetId="1" r:id="rId1"/></sheets><calcPr calcId="191029"/></workbook>`),
    "xl/_rels/workbook.xml.rels": strToU8(
      `${DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    ),
    "xl/styles.xml": strToU8(`${DECL}${styles}`),
    "xl/worksheets/sheet1.xml": strToU8(`${DECL}${sheetXml}`),
  });
}

const fill = (row: number, col: number, value: string, old = ""): FillEdit => ({ code: "1.1", row, col, old, value, ruleId: "r", how: "code", confidence: "high", source: "", status: "met", target: "lead" });

function patch(bytes: Uint8Array, plan: Partial<EditPlan>, overwrite = false): { files: Record<string, string>; result: ReturnType<typeof patchWorkbook> } {
  const read = readWorkbook(bytes, { forCopy: true });
  const texts = new Map(read.grids.map((g) => [g.sheetName, (r: number, c: number) => cellAt(g, r, c).text] as const));
  const result = patchWorkbook(read.workbook, [{ sheetName: "PL", fills: [], highlights: [], ...plan }], undefined, texts, { overwrite, marker: "phuluc test: a.xlsx" });
  const raw = unzipSync(result.bytes);
  return { files: Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, strFromU8(v)])), result };
}

const sheetOf = (rows: string, extra = ""): string => `<worksheet ${MAIN}><dimension ref="A1:C3"/><cols><col min="3" max="3" width="20" customWidth="1"/></cols><sheetData>${rows}</sheetData>${extra}</worksheet>`;

describe("the patcher", () => {
  test("a fill goes into an empty cell as an inline string, whatever it starts with; other cells keep their text", () => {
    const bytes = pack(sheetOf('<row r="1"><c r="A1" s="1"><v>1</v></c><c r="C1" s="1"/></row><row r="2"><c r="A2"><v>2</v></c></row>'));
    const { files, result } = patch(bytes, { fills: [fill(0, 2, "=HYPERLINK(\"x\") & <b> \u0007 _x0041_")] });
    const xml = files["xl/worksheets/sheet1.xml"]!;
    expect(xml).toContain('<c r="A1" s="1"><v>1</v></c>');
    expect(xml).toMatch(/<c r="C1" s="2" t="inlineStr"><is><t xml:space="preserve">=HYPERLINK\(&quot;x&quot;\) &amp; &lt;b&gt; _x0007_ _x005F_x0041_<\/t><\/is><\/c>/);
    expect(xml).not.toContain("<f>");
    expect(result.filled).toBe(1);
    // Read back, the cell shows exactly the planned text.
    expect(readWorkbook(zipBytes(files)).grids[0]!.rows[0]![2]!.text).toBe("=HYPERLINK(\"x\") & <b> \u0007 _x0041_");
  });

  test("new cells and rows are inserted in order; a self-closing row is opened; the dimension grows", () => {
    const bytes = pack(sheetOf('<row r="1"><c r="A1"><v>1</v></c><c r="C1"><v>3</v></c></row><row r="3" spans="1:1"/><row r="5"><c r="A5"><v>5</v></c></row>'));
    const { files } = patch(bytes, { fills: [fill(0, 1, "b1"), fill(2, 2, "c3"), fill(3, 0, "a4"), fill(9, 3, "d10")] });
    const xml = files["xl/worksheets/sheet1.xml"]!;
    expect(xml).toMatch(/<row r="1"><c r="A1"><v>1<\/v><\/c><c r="B1" s="\d+" t="inlineStr">.*b1.*<\/c><c r="C1"><v>3<\/v><\/c><\/row>/);
    expect(xml).toMatch(/<row r="3" spans="1:3"><c r="C3" s="\d+" t="inlineStr">.*c3.*<\/c><\/row><row r="4"><c r="A4".*a4.*<\/row><row r="5">/);
    expect(xml).toMatch(/<row r="10"><c r="D10".*d10.*<\/row><\/sheetData>/);
    expect(xml).toContain('<dimension ref="A1:D10"/>');
    const grid = readWorkbook(zipBytes(files)).grids[0]!;
    expect([grid.rows[0]![1]!.text, grid.rows[2]![2]!.text, grid.rows[3]![0]!.text, grid.rows[9]![3]!.text]).toEqual(["b1", "c3", "a4", "d10"]);
  });

  test("a formula is content: never overwritten without --overwrite; a shared-formula master never", () => {
    const rows = '<row r="1"><c r="A1"><f>""</f><v></v></c><c r="B1"><f t="shared" ref="B1:B2" si="0">A1</f><v>0</v></c></row><row r="2"><c r="B2"><f t="shared" si="0"/><v>0</v></c></row>';
    const plan = { fills: [fill(0, 0, "x"), fill(0, 1, "y")] };
    const kept = patch(pack(sheetOf(rows)), plan);
    expect(kept.result.filled).toBe(0);
    expect(kept.result.skipped.map((s) => [s.cell, s.reason])).toEqual([["A1", "formula"], ["B1", "shared-formula"]]);
    const over = patch(pack(sheetOf(rows)), plan, true);
    expect(over.result.filled).toBe(1);
    expect(over.result.skipped.map((s) => s.reason)).toEqual(["shared-formula"]);
  });

  test("a row too low for the new text grows (fixed or default height); nothing else about the row changes", () => {
    const bytes = pack(sheetOf('<row r="1" ht="15" customHeight="1" x14ac:dyDescent="0.25" xmlns:x14ac="urn:x14ac"><c r="A1"><v>1</v></c></row><row r="2" ht="15"><c r="A2"><v>1</v></c></row>'));
    const long = "Sở Nội vụ chủ trì, phối hợp với các sở, ban, ngành tiếp tục duy trì và nâng cao chất lượng thực hiện nhiệm vụ này trong năm tới.";
    const { files } = patch(bytes, { fills: [fill(0, 2, long), fill(1, 2, long)] });
    const xml = files["xl/worksheets/sheet1.xml"]!;
    const ht = /<row r="1" ht="(\d+(?:\.\d+)?)" customHeight="1" x14ac:dyDescent="0.25" xmlns:x14ac="urn:x14ac">/.exec(xml);
    // 130 characters in a column 20 wide: six lines of 15 pt.
    expect(Number(ht?.[1])).toBe(90);
    // Neither Excel nor LibreOffice refits a row on opening: a row at its default height grows too.
    expect(xml).toContain('<row r="2" ht="90" customHeight="1">');
  });

  test("a cell that starts a merged area wraps in the whole area: its row grows only by what the area lacks", () => {
    const bytes = pack(sheetOf('<row r="1" ht="15" customHeight="1"><c r="A1"><v>1</v></c></row><row r="2" ht="15"><c r="A2"><v>1</v></c></row><row r="8" ht="15"><c r="A8"><v>1</v></c></row>'));
    const long = "Sở Nội vụ chủ trì, phối hợp với các sở, ban, ngành tiếp tục duy trì và nâng cao chất lượng thực hiện nhiệm vụ này trong năm tới.";
    const fills = [
      // Six lines (90 pt) in an area of six rows: nothing grows.
      { ...fill(0, 2, long), span: { top: 0, left: 2, bottom: 5, right: 2 } },
      { ...fill(1, 2, long), span: { top: 1, left: 2, bottom: 1, right: 3 } },
      // Six lines in an area of two rows: the first row takes the 75 pt the second (15 pt) leaves.
      { ...fill(7, 2, long), span: { top: 7, left: 2, bottom: 8, right: 2 } },
    ];
    const { files } = patch(bytes, { fills });
    const xml = files["xl/worksheets/sheet1.xml"]!;
    expect(xml).toContain('<row r="1" ht="15" customHeight="1">');
    expect(xml).toContain('<row r="8" ht="75" customHeight="1">');
    // Merged across two columns (C, 20 characters, and D at the default width): four lines instead of six.
    expect(xml).toContain('<row r="2" ht="60" customHeight="1">');
  });

  test("styles are appended, cloned from the cell's own format with only the fill or the wrapping changed", () => {
    const bytes = pack(sheetOf('<row r="1"><c r="A1" s="1"><v>1.5</v></c><c r="C1" s="1"/></row>'));
    const { files } = patch(bytes, { highlights: [{ code: "1", row: 0, col: 0 }], fills: [fill(0, 2, "x")] });
    const styles = files["xl/styles.xml"]!;
    const original = strFromU8(unzipSync(bytes)["xl/styles.xml"]!);
    // The original's formats are all there, unchanged, before the new ones.
    const before = /<cellXfs count="2">([\s\S]*?)<\/cellXfs>/.exec(original)![1]!;
    expect(styles).toContain(`<cellXfs count="4">${before}`);
    expect(styles).toContain('<fills count="3">');
    expect(styles).toMatch(/<xf numFmtId="2" fontId="0" fillId="2" borderId="0" xfId="0" applyNumberFormat="1" quotePrefix="1" applyFill="1"><alignment vertical="top"\/><protection locked="0"\/><\/xf>/);
    expect(styles).toMatch(/<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" quotePrefix="1" applyAlignment="1"><alignment vertical="top" wrapText="1"\/><protection locked="0"\/><\/xf>/);
    expect(styles).toContain('<patternFill patternType="solid"><fgColor rgb="FFFFE699"/>');
  });

  test("prefixed XML gets prefixed insertions", () => {
    const sheet = `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
    const { files } = patch(pack(sheet), { fills: [fill(0, 1, "b"), fill(2, 0, "a3")] });
    const xml = files["xl/worksheets/sheet1.xml"]!;
    expect(xml).toMatch(/<x:c r="B1" s="\d+" t="inlineStr"><x:is><x:t xml:space="preserve">b<\/x:t><\/x:is><\/x:c>/);
    expect(xml).toMatch(/<x:row r="3"><x:c r="A3"/);
  });

  test("the copy is marked in its custom properties, and only a marked file counts as a copy", () => {
    const bytes = pack(sheetOf('<row r="1"><c r="A1"><v>1</v></c></row>'));
    expect(isOurCopy(bytes)).toBe(false);
    const { files, result } = patch(bytes, {});
    expect(files["docProps/custom.xml"]).toContain('name="PhulucKiemTra"><vt:lpwstr>phuluc test: a.xlsx</vt:lpwstr>');
    expect(files["_rels/.rels"]).toContain("custom-properties");
    expect(files["[Content_Types].xml"]).toContain('PartName="/docProps/custom.xml"');
    expect(isOurCopy(result.bytes)).toBe(true);
  });
});

function zipBytes(files: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
}

describe("the patcher works from the reader's index of rows and cells (PATCH_TUNING), with the same result as a parse", () => {
  const tail = Array.from({ length: 20_000 }, (_, i) => `<row r="${i + 20}"><c r="A${i + 20}" s="1"><v>${i}</v></c></row>`).join("");
  // Rows 1, 2 and 10 before the tail; merged areas after </sheetData>, one covering C4:C5.
  const xml = sheetOf(`<row r="1"><c r="A1" t="inlineStr"><is><t>Mã</t></is></c></row><row r="2"><c r="A2" s="1"><v>1</v></c></row><row r="10"><c r="A10"><v>2</v></c></row>${tail}`, '<mergeCells count="2"><mergeCell ref="C4:C5"/><mergeCell ref="A1:B1"/></mergeCells>');
  const plan: Partial<EditPlan> = {
    // Row 5 (index 4) and row 7 (index 6) have no row element: new rows go before row 10; C5 is inside C4:C5.
    // Row 15 (index 14) is the last written to and has none either: it goes before row 20, the first skipped.
    fills: [fill(4, 2, "vào ô gộp"), fill(6, 2, "dòng mới"), fill(1, 2, "dòng có sẵn"), fill(14, 2, "dòng 15")],
    highlights: [{ code: "1", row: 9, col: 0 }],
  };
  const run = (useIndex: boolean) => {
    const before = PATCH_TUNING.useIndex;
    const used = PATCH_TUNING.indexed;
    PATCH_TUNING.useIndex = useIndex;
    try {
      const r = patch(pack(xml), plan);
      return { ...r, short: PATCH_TUNING.indexed - used };
    } finally {
      PATCH_TUNING.useIndex = before;
    }
  };

  test("new rows, a merged cell refused, the dimension and every other byte as with a full parse", () => {
    const full = run(false);
    const short = run(true);
    expect([full.short, short.short]).toEqual([0, 1]);
    expect(short.files["xl/worksheets/sheet1.xml"]).toBe(full.files["xl/worksheets/sheet1.xml"]);
    expect(short.files["xl/styles.xml"]).toBe(full.files["xl/styles.xml"]);
    expect(short.result.skipped).toEqual(full.result.skipped);
    expect(full.result.skipped).toEqual([{ sheet: "PL", cell: "C5", reason: "merged" }]);
    const sheet = full.files["xl/worksheets/sheet1.xml"]!;
    const at = (r: number): number => sheet.search(new RegExp(`<row r="${r}"[ >]`));
    expect(at(7)).toBeGreaterThan(at(2));
    expect(at(7)).toBeLessThan(at(10));
    expect(at(15)).toBeGreaterThan(at(10));
    expect(at(15)).toBeLessThan(at(20));
  });
});

describe("the index path and a full parse agree on the cells a copy must not touch", () => {
  // `indexable`: whether the reader indexes the sheet (it does not when rows are stored out of order).
  const both = (xml: string, plan: Partial<EditPlan>, overwrite = false, indexable = true) => {
    const before = PATCH_TUNING.useIndex;
    try {
      PATCH_TUNING.useIndex = false;
      const full = patch(pack(xml), plan, overwrite);
      PATCH_TUNING.useIndex = true;
      const used = PATCH_TUNING.indexed;
      const indexed = patch(pack(xml), plan, overwrite);
      expect(PATCH_TUNING.indexed - used).toBe(indexable ? 1 : 0);
      expect(indexed.files["xl/worksheets/sheet1.xml"]).toBe(full.files["xl/worksheets/sheet1.xml"]);
      expect(indexed.files["xl/styles.xml"]).toBe(full.files["xl/styles.xml"]);
      expect(indexed.result.skipped).toEqual(full.result.skipped);
      return indexed;
    } finally {
      PATCH_TUNING.useIndex = before;
    }
  };

  test("formulas (plain, shared master, array) are refused, a shared child is not a master; quotes and references kept", () => {
    const rows =
      `<row r="1" spans="1:3"><c r='A1' s='0' foo="a&amp;b"><f>1+1</f><v>2</v></c><c r="B1"><f t="shared" ref="B1:B2" si="0">A1</f><v>2</v></c></row>` +
      `<row r="2"><c r="A2"><f t="array" ref="A2">{1}</f><v>1</v></c><c r="B2"><f t="shared" si="0"/><v>2</v></c><c r="C2" s="1"/></row>`;
    const plan = { fills: [fill(0, 0, "x", "2"), fill(0, 1, "y", "2"), fill(1, 0, "z", "1"), fill(1, 1, "w", "2")], highlights: [{ code: "1", row: 1, col: 2 }] };
    const r = both(sheetOf(rows), plan);
    expect(r.result.skipped.map((s) => `${s.cell}:${s.reason}`).sort()).toEqual(["A1:formula", "A2:shared-formula", "B1:shared-formula", "B2:formula"]);
    const withOverwrite = both(sheetOf(rows), plan, true);
    expect(withOverwrite.result.skipped.map((s) => `${s.cell}:${s.reason}`).sort()).toEqual(["A2:shared-formula", "B1:shared-formula"]);
    const xml = withOverwrite.files["xl/worksheets/sheet1.xml"]!;
    // The written cell's own start tag, rewritten in place: its single quotes and its unknown attribute stay.
    expect(xml).toMatch(/<c r='A1' s='\d+' foo="a&amp;b" t="inlineStr"><is><t xml:space="preserve">x<\/t><\/is><\/c>/);
    expect(xml).toMatch(/<c r="C2" s="\d+"\/>/);
  });

  test("a self-closing row, a row with an unaddressed cell, rows that do not exist, a prefixed sheet", () => {
    both(sheetOf('<row r="1"><c r="A1"><v>1</v></c></row><row r="3" spans="1:1" ht="9" customHeight="1"/><row r="4"><c r="A4"><v>4</v></c><c><v>5</v></c></row><row r="6"><c r="C6" s="1"/></row>'), {
      fills: [fill(2, 2, "a long text that needs a taller row than nine points, wrapped in column C"), fill(3, 2, "c4"), fill(4, 2, "c5"), fill(9, 1, "b10")],
      highlights: [{ code: "1", row: 0, col: 0 }],
    });
    const sheet = `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:dimension ref="A1"/><x:sheetData><x:row r="1"><x:c r="A1" s="1"><x:v>1</x:v></x:c></x:row><x:row r="2"/></x:sheetData></x:worksheet>`;
    const r = both(sheet, { fills: [fill(0, 1, "b"), fill(1, 0, "a2"), fill(2, 0, "a3")] });
    expect(r.files["xl/worksheets/sheet1.xml"]).toMatch(/<x:row r="2"><x:c r="A2" s="\d+" t="inlineStr">/);
  });

  test("edits streamed row by row, new rows between and after existing ones, and rows stored out of order (collected)", () => {
    // In order: new rows 2 and 3 before row 4, new rows 8 and 9 after the last one, the dimension widened.
    const inOrder = both(sheetOf('<row r="1"><c r="A1"><v>1</v></c></row><row r="4"><c r="A4"><v>4</v></c><c r="C4" s="1"/></row><row r="5"><c r="B5"><v>5</v></c></row>'), {
      fills: [fill(1, 1, "b2"), fill(2, 0, "a3"), fill(3, 1, "b4"), fill(7, 0, "a8"), fill(8, 3, "d9")],
      highlights: [{ code: "1", row: 0, col: 0 }, { code: "1", row: 3, col: 2 }, { code: "1", row: 4, col: 1 }],
    });
    const a = inOrder.files["xl/worksheets/sheet1.xml"]!;
    expect(a.indexOf('<row r="2">')).toBeGreaterThan(a.indexOf('<row r="1">'));
    expect(a.indexOf('<row r="3">')).toBeGreaterThan(a.indexOf('<row r="2">'));
    expect(a.indexOf('<row r="4">')).toBeGreaterThan(a.indexOf('<row r="3">'));
    expect(a.indexOf('<row r="8">')).toBeGreaterThan(a.indexOf('<row r="5">'));
    expect(a.indexOf('<row r="9">')).toBeGreaterThan(a.indexOf('<row r="8">'));
    expect(a).toMatch(/<row r="4"><c r="A4"><v>4<\/v><\/c><c r="B4" s="\d+" t="inlineStr"><is><t xml:space="preserve">b4<\/t><\/is><\/c><c r="C4" s="\d+"\/><\/row>/);
    // Rows a producer stored out of order or twice (the reader does not index them): no copy, and the reason.
    for (const rows of ['<row r="5"><c r="A5"><v>5</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>', '<row r="2"><c r="A2"/></row><row r="2"><c r="B2"/></row>']) {
      PATCH_TUNING.useIndex = true;
      expect(() => patch(pack(sheetOf(rows)), { highlights: [{ code: "1", row: 1, col: 0 }] })).toThrow(/rows out of order/);
    }
  });
});
