/**
 * A new .xlsx package from sheets the core describes (core/sheetModel.ts): a criteria-set sheet, a new appendix.
 * Plain SpreadsheetML (transitional), inline strings, formulas with cached results so that every reader sees the
 * values, A4 print setup with repeated title rows. Nothing here reads an existing file.
 */
import { areaA1, columnLetter, freeSheetName, quoteSheetName, toA1 } from "../../core/grid";
import type { ModelStyle, SheetModel } from "../../core/sheetModel";
import { encodeCellText, escapeXml } from "./xml";
import { type Deflater, writeZip } from "./zip";

const NS = {
  main: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  rel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  pkgRel: "http://schemas.openxmlformats.org/package/2006/relationships",
  ct: "http://schemas.openxmlformats.org/package/2006/content-types",
};
const REL = {
  doc: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
  sheet: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet",
  styles: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles",
  core: "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
  app: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties",
};
const XML_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;

export interface NewWorkbookOptions {
  readonly title?: string;
  readonly creator?: string;
  readonly now?: Date;
  readonly deflate?: Deflater;
}

/** Formats collected over every sheet: fonts, fills, borders and number formats, deduplicated. */
class StyleTable {
  private readonly fonts = ['<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'];
  private readonly fills = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>'];
  private readonly borders = ["<border><left/><right/><top/><bottom/><diagonal/></border>"];
  private readonly numFmts: string[] = [];
  private readonly xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly byKey = new Map<string, number>();

  private index(list: string[], xml: string): number {
    const i = list.indexOf(xml);
    if (i >= 0) return i;
    list.push(xml);
    return list.length - 1;
  }

  id(style: ModelStyle | undefined): number {
    if (!style) return 0;
    const key = JSON.stringify(style);
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const font = this.index(
      this.fonts,
      `<font>${style.bold ? "<b/>" : ""}${style.italic ? "<i/>" : ""}<sz val="${style.size ?? 11}"/><name val="${escapeXml(style.font ?? "Times New Roman")}"/><family val="1"/></font>`,
    );
    const fill = style.fill ? this.index(this.fills, `<fill><patternFill patternType="solid"><fgColor rgb="${escapeXml(style.fill)}"/><bgColor indexed="64"/></patternFill></fill>`) : 0;
    const thin = '<color auto="1"/>';
    const border = style.border ? this.index(this.borders, `<border><left style="thin">${thin}</left><right style="thin">${thin}</right><top style="thin">${thin}</top><bottom style="thin">${thin}</bottom><diagonal/></border>`) : 0;
    let numFmt = 0;
    if (style.numFmt === "@") numFmt = 49;
    else if (style.numFmt === "0") numFmt = 1;
    else if (style.numFmt === "0.00") numFmt = 2;
    else if (style.numFmt !== undefined) numFmt = 164 + this.index(this.numFmts, style.numFmt);
    const align =
      style.wrap || style.align || style.valign
        ? `<alignment${style.align ? ` horizontal="${style.align}"` : ""}${style.valign ? ` vertical="${style.valign}"` : ""}${style.wrap ? ' wrapText="1"' : ""}/>`
        : "";
    const xf = `<xf numFmtId="${numFmt}" fontId="${font}" fillId="${fill}" borderId="${border}" xfId="0"${numFmt ? ' applyNumberFormat="1"' : ""} applyFont="1"${fill ? ' applyFill="1"' : ""}${border ? ' applyBorder="1"' : ""}${align ? ' applyAlignment="1">' + align + "</xf>" : "/>"}`;
    const id = this.index(this.xfs, xf);
    this.byKey.set(key, id);
    return id;
  }

  xml(): string {
    const numFmts = this.numFmts.length > 0 ? `<numFmts count="${this.numFmts.length}">${this.numFmts.map((f, i) => `<numFmt numFmtId="${164 + i}" formatCode="${escapeXml(f)}"/>`).join("")}</numFmts>` : "";
    return `${XML_HEAD}<styleSheet xmlns="${NS.main}">${numFmts}<fonts count="${this.fonts.length}">${this.fonts.join("")}</fonts><fills count="${this.fills.length}">${this.fills.join("")}</fills><borders count="${this.borders.length}">${this.borders.join("")}</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${this.xfs.length}">${this.xfs.join("")}</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>`;
  }
}

function sheetXml(sheet: SheetModel, styles: StyleTable): string {
  const rows: string[] = [];
  let lastCol = Math.max(0, sheet.columns.length - 1);
  sheet.rows.forEach((row, r) => {
    const cells: string[] = [];
    row.cells.forEach((cell, c) => {
      if (!cell) return;
      lastCol = Math.max(lastCol, c);
      const ref = toA1(r, c);
      const s = styles.id(cell.style);
      const sAttr = s ? ` s="${s}"` : "";
      if (cell.formula !== undefined) {
        const cached = typeof cell.value === "number" && Number.isFinite(cell.value) ? `<v>${cell.value}</v>` : typeof cell.value === "string" ? `<v>${encodeCellText(cell.value)}</v>` : "";
        cells.push(`<c r="${ref}"${sAttr}${typeof cell.value === "string" ? ' t="str"' : ""}><f>${escapeXml(cell.formula)}</f>${cached}</c>`);
      } else if (typeof cell.value === "number" && Number.isFinite(cell.value)) cells.push(`<c r="${ref}"${sAttr}><v>${cell.value}</v></c>`);
      else if (typeof cell.value === "string" && cell.value !== "") cells.push(`<c r="${ref}"${sAttr} t="inlineStr"><is><t xml:space="preserve">${encodeCellText(cell.value.slice(0, 32_767))}</t></is></c>`);
      else if (s) cells.push(`<c r="${ref}"${sAttr}/>`);
    });
    const ht = row.height !== undefined ? ` ht="${Math.round(row.height * 100) / 100}" customHeight="1"` : "";
    rows.push(`<row r="${r + 1}"${ht}>${cells.join("")}</row>`);
  });
  const cols = sheet.columns.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("");
  const merges = sheet.merges.length > 0 ? `<mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<mergeCell ref="${areaA1(m)}"/>`).join("")}</mergeCells>` : "";
  const freeze = sheet.freeze && sheet.freeze.rows > 0
    ? `<pane ySplit="${sheet.freeze.rows}" topLeftCell="A${sheet.freeze.rows + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${sheet.freeze.rows + 1}" sqref="A${sheet.freeze.rows + 1}"/>`
    : "";
  const p = sheet.print;
  const fit = p?.fitToWidth ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : "";
  const setup = `<pageSetup paperSize="9" orientation="${p?.landscape ? "landscape" : "portrait"}"${p?.fitToWidth ? ' fitToWidth="1" fitToHeight="0"' : ""}/>`;
  const dim = `A1:${columnLetter(lastCol)}${Math.max(1, sheet.rows.length)}`;
  return `${XML_HEAD}<worksheet xmlns="${NS.main}" xmlns:r="${NS.rel}">${fit}<dimension ref="${dim}"/><sheetViews><sheetView workbookViewId="0">${freeze}</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>${cols !== "" ? `<cols>${cols}</cols>` : ""}<sheetData>${rows.join("")}</sheetData>${merges}<printOptions horizontalCentered="1"/><pageMargins left="0.5" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>${setup}<headerFooter><oddFooter>&amp;C&amp;P/&amp;N</oddFooter></headerFooter></worksheet>`;
}

/** Each sheet's name made valid and unique (Excel's rules). */
function sheetNames(sheets: ReadonlyArray<SheetModel>): string[] {
  const taken: string[] = [];
  for (const s of sheets) taken.push(freeSheetName(s.name, taken));
  return taken;
}

/** The bytes of a new workbook holding `sheets`, in order. */
export function newWorkbook(sheets: ReadonlyArray<SheetModel>, options: NewWorkbookOptions = {}): Uint8Array {
  if (sheets.length === 0) throw new Error("a workbook needs a sheet");
  const now = options.now ?? new Date();
  const styles = new StyleTable();
  const names = sheetNames(sheets);
  const parts: Array<{ name: string; data: string }> = [];
  const sheetParts = sheets.map((s, i) => ({ part: `xl/worksheets/sheet${i + 1}.xml`, xml: sheetXml(s, styles) }));
  const defined = sheets
    .map((s, i) => {
      const t = s.print?.titleRows;
      return t ? `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escapeXml(quoteSheetName(names[i]!))}!$${t[0] + 1}:$${t[1] + 1}</definedName>` : "";
    })
    .join("");
  parts.push({
    name: "[Content_Types].xml",
    data: `${XML_HEAD}<Types xmlns="${NS.ct}"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheetParts.map((p) => `<Override PartName="/${p.part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join("")}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`,
  });
  parts.push({
    name: "_rels/.rels",
    data: `${XML_HEAD}<Relationships xmlns="${NS.pkgRel}"><Relationship Id="rId1" Type="${REL.doc}" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="${REL.core}" Target="docProps/core.xml"/><Relationship Id="rId3" Type="${REL.app}" Target="docProps/app.xml"/></Relationships>`,
  });
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, "Z");
  parts.push({
    name: "docProps/core.xml",
    data: `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${options.title ? `<dc:title>${escapeXml(options.title)}</dc:title>` : ""}<dc:creator>${escapeXml(options.creator ?? "Phụ lục CCHC")}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified></cp:coreProperties>`,
  });
  parts.push({
    name: "docProps/app.xml",
    data: `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Phụ lục CCHC</Application><TitlesOfParts><vt:vector size="${names.length}" baseType="lpstr">${names.map((n) => `<vt:lpstr>${escapeXml(n)}</vt:lpstr>`).join("")}</vt:vector></TitlesOfParts></Properties>`,
  });
  parts.push({
    name: "xl/workbook.xml",
    data: `${XML_HEAD}<workbook xmlns="${NS.main}" xmlns:r="${NS.rel}"><bookViews><workbookView/></bookViews><sheets>${names.map((n, i) => `<sheet name="${escapeXml(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets>${defined !== "" ? `<definedNames>${defined}</definedNames>` : ""}<calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>`,
  });
  parts.push({
    name: "xl/_rels/workbook.xml.rels",
    data: `${XML_HEAD}<Relationships xmlns="${NS.pkgRel}">${sheetParts.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL.sheet}" Target="worksheets/sheet${i + 1}.xml"/>`).join("")}<Relationship Id="rId${sheets.length + 1}" Type="${REL.styles}" Target="styles.xml"/></Relationships>`,
  });
  for (const p of sheetParts) parts.push({ name: p.part, data: p.xml });
  parts.push({ name: "xl/styles.xml", data: styles.xml() });
  const enc = new TextEncoder();
  return writeZip(parts.map((p) => ({ name: p.name, data: enc.encode(p.data) })), now, options.deflate);
}
