/**
 * The CLI's one reader (ooxml.ts) must read every workbook as exceljs + gridFromWorksheet do, but where exceljs is
 * wrong (see comparable), and read what exceljs could not. Proven on the fixtures, on LibreOffice re-saves of them,
 * on hand-written packages full of XML corner cases, and on randomly generated workbooks.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { fixtureSpecs, rng } from "../../scripts/fixtures";
import { slideFormula } from "../../src/host/xlsx/ooxml";
import { readGrids } from "../../src/host/xlsx/grids";
import type { Grid } from "../../src/core/grid";
import { FileReadError, loadWorkbook } from "../../src/host/xlsx/read";
import { parseA1 } from "../../src/core/grid";
import { describeWith, findProgram } from "../external";
import { fixtureBytes } from "../helpers";

/**
 * What both readers must agree on. Deliberate differences from exceljs, each a fix: the display text of numbers
 * (numfmt, Excel's own language, instead of exceljs's approximations), `_xHHHH_` decoded in every string (exceljs:
 * shared strings only), no second entity decoding of formula results, merges clipped to the cells that hold
 * values, and the font name kept.
 */
const ENTITIES: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
/** exceljs decodes `_xHHHH_` only in shared strings and decodes entities twice in formula results: undo both. */
const norm = (s: string): string =>
  s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))).replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ENTITIES[e] ?? "");

function comparable(grids: ReadonlyArray<Grid>): unknown {
  return grids.map((g) => {
    let last = -1;
    g.rows.forEach((r, i) => {
      if (r.some((c) => c !== undefined)) last = i;
    });
    const width = Math.max(0, ...g.rows.map((r) => r.length));
    return {
      sheetName: g.sheetName,
      rows: g.rows.slice(0, last + 1).map((r) =>
        Array.from({ length: width }, (_, i) => {
          const c = r[i];
          if (!c) return null;
          const generalNumber = c.kind === "number" && (c.numberFormat === undefined || /^general$/i.test(c.numberFormat));
          const value = typeof c.value === "string" ? norm(c.value) : c.value;
          return { kind: c.kind, value, formula: c.formula ?? null, numberFormat: c.numberFormat === undefined || /^general$/i.test(c.numberFormat) ? null : c.numberFormat.replace(/[\\"]/g, ""), ...(generalNumber || c.kind !== "number" ? { text: norm(c.text) } : {}) };
        }),
      ),
      merges: g.merges
        .filter((m) => m.top <= last)
        .map((m) => ({ ...m, bottom: Math.min(m.bottom, last) }))
        .filter((m) => m.left < width)
        .map((m) => ({ ...m, right: Math.min(m.right, width - 1) })),
    };
  });
}

async function expectSameAsExceljs(bytes: Uint8Array): Promise<void> {
  const reference = (await loadWorkbook(bytes)).grids;
  expect(comparable(readGrids(bytes))).toEqual(comparable(reference));
}

// ---------------------------------------------------------------------------------------------------------------
// Hand-written packages

const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

interface Package {
  readonly sheets: ReadonlyArray<{ readonly name: string; readonly xml: string }>;
  readonly strings?: ReadonlyArray<string>;
  readonly numFmts?: string;
  readonly xfs?: ReadonlyArray<number>;
  readonly workbookPr?: string;
}

async function pack(p: Package): Promise<Uint8Array> {
  const zip = new JSZip();
  const decl = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
  zip.file(
    "[Content_Types].xml",
    `${decl}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
  );
  zip.file(
    "_rels/.rels",
    `${decl}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  const sheets = p.sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 10}"/>`).join("");
  zip.file("xl/workbook.xml", `${decl}<workbook ${MAIN}>${p.workbookPr ?? "<workbookPr/>"}<sheets>${sheets}</sheets></workbook>`);
  const rels = p.sheets
    .map((_, i) => `<Relationship Id="rId${i + 10}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
    .join("");
  zip.file(
    "xl/_rels/workbook.xml.rels",
    `${decl}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  const xfs = (p.xfs ?? [0]).map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`).join("");
  zip.file(
    "xl/styles.xml",
    `${decl}<styleSheet ${MAIN}>${p.numFmts ?? ""}<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${p.xfs?.length ?? 1}">${xfs}</cellXfs></styleSheet>`,
  );
  zip.file("xl/sharedStrings.xml", `${decl}<sst ${MAIN}>${(p.strings ?? []).join("")}</sst>`);
  p.sheets.forEach((s, i) => zip.file(`xl/worksheets/sheet${i + 1}.xml`, `${decl}${s.xml}`));
  return zip.generateAsync({ type: "uint8array" });
}

function sheet(data: string, after = ""): string {
  return `<worksheet ${MAIN}><sheetData>${data}</sheetData>${after}</worksheet>`;
}

const STRINGS = [
  "<si><t>Mã</t></si>",
  '<si><r><t xml:space="preserve">Tiêu </t></r><r><rPr><b/></rPr><t>chí _x0041_</t></r></si>',
  '<si><t>Điểm _x000D_ _x000d_ _x005F_x0041_</t><rPh sb="0" eb="1"><t>ten</t></rPh><phoneticPr fontId="1"/></si>',
  "<si><t>&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; &#x1F600; &#1234;</t></si>",
  "<si/>",
  "<si><t/></si>",
  "<si><t>a\r\nb\rc</t></si>",
];

const NUMFMTS =
  '<numFmts count="4"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="0.0\\ &quot;điểm&quot;"/><numFmt numFmtId="166" formatCode="[Red]0.00;[Blue]\\-0.00"/><numFmt numFmtId="167" formatCode="General"/></numFmts>';

const ZOO_DATA = [
  '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s" s="5"><v>6</v></c></row>',
  '<row r="2"><c r="A2" s="1"><v>43641</v></c><c r="B2" s="2"><v>1.5</v></c><c r="C2" s="0"><v>7</v></c><c r="D2" t="str"><f>"a"&amp;"b"</f><v>&amp;lt;b&amp;gt; _x0041_</v></c><c r="E2" t="b"><v>1</v></c><c r="F2" t="e"><v>#REF!</v></c><c r="G2" s="6"><v>-3.25</v></c><c r="H2" s="7"><v>2</v></c><c r="I2" s="8"><v>44000.75</v></c></row>',
  '<row r="3"><c r="A3"><f>SUM(A1:A2)</f><v>3</v></c><c r="B3"><f t="shared" ref="B3:E3" si="0">B1+$A1+A$1+Sheet2!B1+SUM(B1:B2)</f><v>1</v></c><c r="C3"><f t="shared" si="0"/><v>2</v></c><c r="D3"><f t="shared" si="0"/></c><c r="E3" s="1"><f t="shared" si="0"/><v>45000</v></c><c r="F3" t="str"><f>A1</f><v></v></c><c r="G3" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="H3" t="b"><f>TRUE()</f><v>0</v></c><c r="I3" t="str" s="2"><f>"x"</f><v>x</v></c></row>',
  '<row r="4"><c r="A4" t="inlineStr"><is><t>inline _x0041_ &amp; text</t></is></c><c r="B4" t="str"><v>x&#13;&#10;y _x000D_</v></c><c r="C4" s="3"/><c r="D4"/><c r="E4" t="n"><v>1e3</v></c><c r="F4" t="inlineStr"><is><t></t></is></c><c r="G4" t="str"><v></v></c><c r="H4" s="00"/></row>',
  '<row r="5"><c r="A5" s="3"><v>12.5</v></c><c r="B5" s="4"><v>0.25</v></c></row>',
  '<row r="7"><c r="A7" s="2"/><c r="B7" s="3" t="s"><v>4</v></c><c r="C7" t="s"><v>5</v></c></row>',
  '<row r="9"><c r="C9"><v>4</v></c></row>',
  '<row r="12"><c r="A12"/><c r="B12" s="0"/></row>',
].join("");

const ZOO = {
  strings: STRINGS,
  numFmts: NUMFMTS,
  // index: 0 General, 1 custom date, 2 "điểm", 3 #,##0.00, 4 0.00%, 5 custom General, 6 [Red], 7 none, 8 m/d/yy h:mm
  xfs: [0, 164, 165, 4, 10, 167, 166, 0, 22],
};

describe("the package reader reads like exceljs", () => {
  test.each(fixtureSpecs().map((s) => s.file))("fixture %s", async (file) => {
    const bytes = await fixtureBytes(file);
    const reference = await loadWorkbook(bytes).then(
      (w) => w.grids,
      (e: unknown) => e,
    );
    if (reference instanceof FileReadError) {
      // A file exceljs cannot read is not an .xlsx this reader reads either; it says why.
      expect(() => readGrids(bytes)).toThrow(FileReadError);
      return;
    }
    expect(comparable(readGrids(bytes))).toEqual(comparable(reference as Grid[]));
  });

  test("XML corner cases: escapes, entities, rich and phonetic text, styles, dates, shared formulas, merges, trailing rows", async () => {
    const merges = '<mergeCells count="3"><mergeCell ref="A5:B6"/><mergeCell ref="D9:C8"/><mergeCell ref="F14:G15"/></mergeCells>';
    const bytes = await pack({
      ...ZOO,
      sheets: [
        { name: "Zoo &amp; &lt;1&gt;", xml: sheet(ZOO_DATA, `<sheetProtection sheet="1" objects="1"/>${merges}`) },
        { name: "Sheet2", xml: sheet('<row r="1"><c r="B1"><v>1</v></c></row>', '<sheetProtection sheet="true"/>') },
        { name: "Trống", xml: sheet("") },
        { name: "Chỉ ô gộp", xml: `<worksheet ${MAIN}><sheetData/><mergeCells count="1"><mergeCell ref="B2:B4"/></mergeCells></worksheet>` },
      ],
    });
    const grids = readGrids(bytes);
    await expectSameAsExceljs(bytes);
    // And the quirks are really exercised (so that this test could fail):
    const zoo = grids[0]!;
    // Rows end with the last value (C9): merges below it (F14:G15) are clipped, so they cost nothing.
    expect(zoo.rowCount).toBe(9);
    expect(zoo.rows[0]?.[1]?.value).toBe("Tiêu chí A");
    expect(zoo.rows[1]?.[0]?.text).toBe("25/06/2019");
    expect(zoo.rows[2]?.[3]?.formula).toBe("=D1+$A1+C$1+Sheet2!D1+SUM(D1:D2)");
    // sheet="true" is a valid xsd:boolean (LibreOffice writes it): protected, where exceljs says not.
    expect(grids[1]?.protected).toBe(true);
    expect(grids[0]?.protected).toBe(true);
    expect(grids[3]?.rowCount).toBe(0);
  });

  test("the 1904 date system", async () => {
    const bytes = await pack({ ...ZOO, workbookPr: '<workbookPr date1904="1"/>', sheets: [{ name: "S", xml: sheet(ZOO_DATA) }] });
    await expectSameAsExceljs(bytes);
    expect(readGrids(bytes)[0]?.rows[1]?.[0]?.text).toBe("26/06/2023");
  });

  test.each([
    ["hyperlinks", sheet('<row r="1"><c r="A1"><v>1</v></c></row>', '<hyperlinks><hyperlink ref="A1" location="S!B2"/></hyperlinks>'), "1"],
    ["tables", sheet('<row r="1"><c r="A1"><v>1</v></c></row>', '<tableParts count="1"><tablePart r:id="rId1"/></tableParts>'), "1"],
    ["ISO dates", sheet('<row r="1"><c r="A1" t="d"><v>2019-06-25</v></c></row>'), "25/06/2019"],
    ["inline rich text", sheet('<row r="1"><c r="A1" t="inlineStr"><is><r><t>a</t></r><r><t xml:space="preserve"> b</t></r><rPh><t>x</t></rPh></is></c></row>'), "a b"],
    ["cells without addresses", sheet('<row r="1"><c><v>0</v></c><c><v>1</v></c></row>'), "0"],
    ["prefixed XML", `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`, "1"],
    ["an end tag with a space", sheet('<row r="1"><c r="A1"><v>1</v></c ></row >'), "1"],
    ["CDATA and comments", sheet('<!-- note --><row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[<b>&]]></t></is></c></row>'), "<b>&"],
    ["a shared formula without its master", sheet('<row r="1"><c r="A1"><f t="shared" si="3"/><v>1</v></c></row>'), "1"],
    ["overlapping merges", sheet('<row r="1"><c r="A1"><v>1</v></c></row>', '<mergeCells count="2"><mergeCell ref="A1:B2"/><mergeCell ref="B2:C3"/></mergeCells>'), "1"],
  ])("reads %s", async (_, xml, a1) => {
    const bytes = await pack({ ...ZOO, sheets: [{ name: "S", xml }] });
    expect(readGrids(bytes)[0]?.rows[0]?.[0]?.text).toBe(a1);
  });

  test("a shared string out of range is an empty cell, not a crash", async () => {
    const bytes = await pack({ ...ZOO, sheets: [{ name: "S", xml: sheet('<row r="1"><c r="A1" t="s"><v>99</v></c><c r="B1"><v>2</v></c></row>') }] });
    expect(readGrids(bytes)[0]?.rows[0]?.[0]).toBeUndefined();
    expect(readGrids(bytes)[0]?.rows[0]?.[1]?.value).toBe(2);
  });

  test("shared formulas slide like exceljs's", () => {
    const at = (ref: string): { rowIndex: number; colIndex: number } => parseA1(ref)!;
    expect(slideFormula("SUM(C6:C9)+$B$2+B$2+$B2+'Tờ 1'!A1+LOG10(A1)", at("D5"), at("E7"))).toBe("SUM(D8:D11)+$B$2+C$2+$B4+'Tờ 1'!B3+LOG10(B3)");
  });

  test("random workbooks written by exceljs", async () => {
    for (let seed = 1; seed <= 40; seed++) await expectSameAsExceljs(await randomWorkbook(seed));
  });
});

const soffice = findProgram(["soffice", "libreoffice"]);

describeWith(soffice, "LibreOffice")("the package reader reads LibreOffice's XML like exceljs", () => {
  test("re-saves of the fixtures and of random workbooks", async () => {
    const dir = mkdtempSync(join(tmpdir(), "phuluc-reader-"));
    const names: string[] = [];
    for (const spec of fixtureSpecs()) {
      const bytes = await fixtureBytes(spec.file);
      if (!(await loadWorkbook(bytes).then(() => true, () => false))) continue;
      writeFileSync(join(dir, spec.file), bytes);
      names.push(spec.file);
    }
    for (let seed = 101; seed <= 104; seed++) {
      writeFileSync(join(dir, `random-${seed}.xlsx`), await randomWorkbook(seed));
      names.push(`random-${seed}.xlsx`);
    }
    const profile = mkdtempSync(join(tmpdir(), "lo-profile-"));
    execFileSync(soffice!, ["--headless", `-env:UserInstallation=file://${profile}`, "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", join(dir, "out"), ...names.map((n) => join(dir, n))], {
      stdio: "pipe",
      timeout: 180_000,
    });
    const resaved = readdirSync(join(dir, "out"));
    expect(resaved.sort()).toEqual([...names].sort());
    for (const name of resaved) {
      const bytes = new Uint8Array(readFileSync(join(dir, "out", name)));
      expect(comparable(readGrids(bytes))).toEqual(comparable((await loadWorkbook(bytes)).grids));
    }
  }, 240_000);
});

// ---------------------------------------------------------------------------------------------------------------
// Random workbooks

const TEXTS = [
  "Tiêu chí 1.1",
  "  Ban hành kế hoạch CCHC năm  ",
  "=SUM(A1:A2)",
  "<b>đậm</b> & \"trích\" 'dẫn'",
  "_x0041_ _x000D_",
  "dòng 1\ndòng 2",
  "",
  "2,5",
  "#REF!",
  "Ủy ban nhân dân tỉnh",
];
const FORMATS = ["0.00", "#,##0", "0%", "dd/mm/yyyy", "General", '0.0 "điểm"', "@", "mm-dd-yy", "[h]:mm", "#,##0.00_);(#,##0.00)", "0.00;[Red]-0.00"];

async function randomWorkbook(seed: number): Promise<Uint8Array> {
  const rnd = rng(seed);
  const pick = <T>(xs: ReadonlyArray<T>): T => xs[Math.floor(rnd() * xs.length)]!;
  const wb = new ExcelJS.Workbook();
  const sheetCount = 1 + Math.floor(rnd() * 3);
  for (let s = 0; s < sheetCount; s++) {
    const ws = wb.addWorksheet(pick(["Phụ lục", "Sheet", "Tờ & <1>", "KQ 2019"]) + ` ${seed}-${s}`);
    const rows = 2 + Math.floor(rnd() * 25);
    const cols = 1 + Math.floor(rnd() * 8);
    for (let r = 1; r <= rows; r++) {
      for (let c = 1; c <= cols; c++) {
        const roll = rnd();
        if (roll < 0.25) continue;
        const cell = ws.getCell(r, c);
        if (roll < 0.45) cell.value = Math.round((rnd() - 0.3) * 10000) / 100;
        else if (roll < 0.6) cell.value = pick(TEXTS);
        else if (roll < 0.65) cell.value = { richText: [{ text: pick(TEXTS) }, { text: pick(TEXTS), font: { bold: true } }] };
        else if (roll < 0.7) cell.value = rnd() < 0.5;
        else if (roll < 0.74) cell.value = new Date(Date.UTC(2000 + Math.floor(rnd() * 30), Math.floor(rnd() * 12), 1 + Math.floor(rnd() * 28)));
        else if (roll < 0.77) cell.value = { error: pick(["#REF!", "#N/A", "#DIV/0!", "#VALUE!"]) } as ExcelJS.CellErrorValue;
        else if (roll < 0.9) {
          const result = pick<ExcelJS.CellFormulaValue["result"]>([3, 2.5, "chữ", true, { error: "#REF!" } as ExcelJS.CellErrorValue, undefined]);
          cell.value = { formula: pick(["SUM(A1:A3)", "A1*2", 'IF(A1>0,"có","không")', "B$1+$C2"]), ...(result !== undefined ? { result } : {}) } as ExcelJS.CellFormulaValue;
        }
        // (exceljs shows a boolean under a date format as a date; Excel and this reader show TRUE.)
        // (…and a text formula result as "NaN/NaN/NaN".)
        const v = cell.value;
        const notNumber = typeof v === "boolean" || (typeof v === "object" && v !== null && !(v instanceof Date) && !("formula" in v && typeof v.result === "number"));
        if (rnd() < 0.35) cell.numFmt = pick(notNumber ? FORMATS.filter((f) => !/[dmyh]/.test(f)) : FORMATS);
        if (rnd() < 0.1) cell.font = { bold: true };
      }
    }
    if (cols >= 2 && rows >= 4 && rnd() < 0.6) {
      ws.getCell(1, cols + 1).value = { formula: "A1+B1", result: 1 } as ExcelJS.CellFormulaValue;
      ws.fillFormula(`${colLetter(cols + 1)}1:${colLetter(cols + 1)}${rows}`, "A1+B1", (r) => r);
    }
    // Non-overlapping merges: a few blocks in distinct row bands, some past the last row with values.
    let top = 1;
    while (top <= rows + 3 && rnd() < 0.7) {
      const h = 1 + Math.floor(rnd() * 2);
      const left = 1 + Math.floor(rnd() * cols);
      const w = rnd() < 0.5 || left === cols ? 1 : 2; // never over the shared-formula column
      if (h > 1 || w > 1) ws.mergeCells(top, left, top + h - 1, left + w - 1);
      top += h + 1 + Math.floor(rnd() * 4);
    }
    if (rnd() < 0.3) await ws.protect("", {});
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

function colLetter(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
