/**
 * Feature-rich workbooks for the copy's fidelity tests: the Hà Nam appendix (with a chart) plus, added as Excel
 * writes them, every kind of content an annotated copy used to lose:
 *
 *   1. a dropdown list whose source is on another sheet (x14:dataValidations in the sheet's extLst)
 *   2. sparklines (x14:sparklineGroups in the extLst)
 *   3. internal hyperlinks (<hyperlinks> with location=)
 *   4. the add-in's task-pane binding and settings (xl/webextensions/*)
 *   5. custom document properties (docProps/custom.xml)
 *   6. custom XML parts (customXml/*)
 *   7. manual page breaks (<rowBreaks>) and printer settings (xl/printerSettings/*.bin)
 *   8. ignored errors (<ignoredErrors>)
 *   9. dynamic-array metadata (xl/metadata.xml, cm= on a cell)
 *  10. notes with their authors (xl/comments1.xml, VML)
 *  11. quotePrefix on a cell format
 *  12. control characters in text (_x0007_ in shared strings)
 *  13. a chart and its drawing
 *  14. a VBA project (the .xlsm variant)
 * LibreOffice's re-save of the .xlsx adds what LibreOffice writes (print scaling, cell protection flags, outline
 * properties); tests/host/copy.test.ts makes it with soffice when it is installed.
 *
 *   node dist/node/scripts/featureRich.js <dir>
 */
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import ExcelJS from "exceljs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { buildWorkbook, fixtureSpecs } from "./fixtures";

export const FEATURES = [
  "cross-sheet dropdown",
  "sparklines",
  "internal hyperlinks",
  "webextensions",
  "custom properties",
  "custom XML",
  "page breaks and printer settings",
  "ignored errors",
  "dynamic-array metadata",
  "notes with authors",
  "quotePrefix",
  "control characters",
  "chart",
  "VBA project",
] as const;

const CT_OVERRIDE = (part: string, type: string): string => `<Override PartName="/${part}" ContentType="${type}"/>`;

function insertBefore(xml: string, marker: string, text: string): string {
  const i = xml.indexOf(marker);
  if (i < 0) throw new Error(`featureRich: ${marker} not found`);
  return xml.slice(0, i) + text + xml.slice(i);
}

function insertAfterElement(xml: string, name: string, text: string): string {
  const self = new RegExp(`<${name}\\b[^>]*/>`).exec(xml);
  if (self) return xml.slice(0, self.index + self[0].length) + text + xml.slice(self.index + self[0].length);
  const close = xml.indexOf(`</${name}>`);
  if (close < 0) throw new Error(`featureRich: <${name}> not found`);
  return xml.slice(0, close + name.length + 3) + text + xml.slice(close + name.length + 3);
}

async function base(): Promise<Uint8Array> {
  const spec = fixtureSpecs().find((s) => s.file === "ha-nam-co-bieu-do.xlsx");
  if (!spec) throw new Error("no chart fixture");
  // A second sheet holds the dropdown's list; a note with its author on the appendix.
  const { mangle: _chart, ...plain } = spec;
  const bytes = await buildWorkbook({ ...plain, sheets: [...spec.sheets, { name: "Danh mục", rows: [["Sở Nội vụ"], ["Sở Tư pháp"], ["Văn phòng UBND tỉnh"]] }] });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0]!;
  ws.getCell("B8").note = { texts: [{ text: "Nguyễn Văn A: kiểm tra lại tên tiêu chí" }], editAs: "oneCells" } as ExcelJS.Comment;
  (ws.getCell("B8").note as { author?: string }).author = "Nguyễn Văn A";
  const withNote = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  // The chart, as the chart fixture adds it.
  return buildChart(withNote);
}

async function buildChart(bytes: Uint8Array): Promise<Uint8Array> {
  const chartSpec = fixtureSpecs().find((s) => s.file === "ha-nam-co-bieu-do.xlsx")!;
  const withChart = unzipSync(await buildWorkbook(chartSpec));
  const files = unzipSync(bytes);
  for (const [name, data] of Object.entries(withChart)) {
    if (/^xl\/(charts|drawings)\//.test(name)) files[name] = data;
  }
  const chartRels = withChart["xl/worksheets/_rels/sheet1.xml.rels"];
  const sheet = strFromU8(files["xl/worksheets/sheet1.xml"]!);
  const drawingRel = chartRels ? /<Relationship [^>]*drawing[^>]*\/>/.exec(strFromU8(chartRels))?.[0] : undefined;
  if (drawingRel) {
    const rels = files["xl/worksheets/_rels/sheet1.xml.rels"] ? strFromU8(files["xl/worksheets/_rels/sheet1.xml.rels"]!) : '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
    const rel = drawingRel.replace(/Id="[^"]*"/, 'Id="rIdChart1"');
    files["xl/worksheets/_rels/sheet1.xml.rels"] = strToU8(insertBefore(rels, "</Relationships>", rel));
    const drawing = '<drawing r:id="rIdChart1"/>';
    const at = sheet.indexOf("<legacyDrawing");
    files["xl/worksheets/sheet1.xml"] = strToU8(at >= 0 ? sheet.slice(0, at) + drawing + sheet.slice(at) : insertBefore(sheet, "</worksheet>", drawing));
    const ct = strFromU8(files["[Content_Types].xml"]!);
    const wanted = strFromU8(withChart["[Content_Types].xml"]!).match(/<Override PartName="\/xl\/(charts|drawings)\/[^>]*\/>/g) ?? [];
    files["[Content_Types].xml"] = strToU8(insertBefore(ct, "</Types>", wanted.filter((o) => !ct.includes(o)).join("")));
  }
  return zipSync(files);
}

/** The feature-rich .xlsx (macro = false) or .xlsm (macro = true). */
export async function featureRichWorkbook(macro: boolean): Promise<Uint8Array> {
  const files = unzipSync(await base());
  const text = (n: string): string => strFromU8(files[n]!);
  const set = (n: string, t: string): void => void (files[n] = strToU8(t));
  let ct = text("[Content_Types].xml");
  let rootRels = text("_rels/.rels");
  let wbRels = text("xl/_rels/workbook.xml.rels");
  let sheet = text("xl/worksheets/sheet1.xml");
  const sheetRelsName = "xl/worksheets/_rels/sheet1.xml.rels";
  let sheetRels = files[sheetRelsName] ? text(sheetRelsName) : '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';

  // 3. internal hyperlinks; 8. ignored errors; 7. page breaks and printer settings
  sheet = insertBefore(sheet, "<pageMargins", `<hyperlinks><hyperlink ref="B6" location="'Danh mục'!A1" display="Danh mục"/></hyperlinks>`);
  sheet = sheet.replace(/<pageSetup\b([^>]*?)\/>/, '<pageSetup$1 r:id="rIdPrinter1"/>');
  sheet = insertAfterElement(sheet, sheet.includes("<headerFooter") ? "headerFooter" : "pageSetup", '<rowBreaks count="1" manualBreakCount="1"><brk id="60" max="16383" man="1"/></rowBreaks><ignoredErrors><ignoredError sqref="A6:A170" numberStoredAsText="1"/></ignoredErrors>');
  sheetRels = insertBefore(sheetRels, "</Relationships>", '<Relationship Id="rIdPrinter1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/printerSettings" Target="../printerSettings/printerSettings1.bin"/>');
  files["xl/printerSettings/printerSettings1.bin"] = new Uint8Array(Array.from({ length: 220 }, (_, i) => (i * 37) % 256));
  if (!ct.includes('Extension="bin"')) ct = insertBefore(ct, "<Override", '<Default Extension="bin" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings"/>');

  // 1. cross-sheet dropdown and 2. sparklines, in the worksheet's extLst
  const ext =
    '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1"><x14:formula1><xm:f>\'Danh mục\'!$A$1:$A$3</xm:f></x14:formula1><xm:sqref>G6:G170</xm:sqref></x14:dataValidation></x14:dataValidations></ext>' +
    '<ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:sparklineGroups xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:sparklineGroup displayEmptyCellsAs="gap"><x14:colorSeries rgb="FF376092"/><x14:sparklines><x14:sparkline><xm:f>\'Phụ lục\'!C6:F6</xm:f><xm:sqref>H6</xm:sqref></x14:sparkline></x14:sparklines></x14:sparklineGroup></x14:sparklineGroups></ext></extLst>';
  sheet = insertBefore(sheet, "</worksheet>", ext);

  // 9. dynamic-array metadata: a spilled SORT in a row of its own below the table
  sheet = insertBefore(sheet, "</sheetData>", '<row r="300"><c r="J300" cm="1"><f t="array" ref="J300:J302">_xlfn._xlws.SORT(C6:C8)</f><v>1</v></c></row>');
  set(
    "xl/metadata.xml",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><metadata xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray"><metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" coerce="1" cellMeta="1"/></metadataTypes><futureMetadata name="XLDAPR" count="1"><bk><extLst><ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}"><xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk></futureMetadata><cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata></metadata>',
  );
  wbRels = insertBefore(wbRels, "</Relationships>", '<Relationship Id="rIdMeta1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sheetMetadata" Target="metadata.xml"/>');
  ct = insertBefore(ct, "</Types>", CT_OVERRIDE("xl/metadata.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml"));

  // 4. the add-in's task-pane binding and settings
  set(
    "xl/webextensions/webextension1.xml",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/webextension/2010/11" id="{52811C31-4593-43B8-A697-EB873422D156}"><we:reference id="5f4a3c2e-8a71-4d2b-9f3e-7c1b0a2d4e6f" version="0.1.0" store="developer" storeType="Registry"/><we:alternateReferences/><we:properties><we:property name="phuluc.settings" value="&quot;{\\&quot;scoreColumn\\&quot;:\\&quot;D\\&quot;}&quot;"/></we:properties><we:bindings/><we:snapshot xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></we:webextension>',
  );
  set(
    "xl/webextensions/taskpanes.xml",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><wetp:taskpanes xmlns:wetp="http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11"><wetp:taskpane dockstate="right" visibility="1" width="350" row="4"><wetp:webextensionref xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/></wetp:taskpane></wetp:taskpanes>',
  );
  set(
    "xl/webextensions/_rels/taskpanes.xml.rels",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.microsoft.com/office/2011/relationships/webextension" Target="webextension1.xml"/></Relationships>',
  );
  rootRels = insertBefore(rootRels, "</Relationships>", '<Relationship Id="rIdTp1" Type="http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes" Target="xl/webextensions/taskpanes.xml"/>');
  ct = insertBefore(ct, "</Types>", CT_OVERRIDE("xl/webextensions/webextension1.xml", "application/vnd.ms-office.webextension+xml") + CT_OVERRIDE("xl/webextensions/taskpanes.xml", "application/vnd.ms-office.webextensiontaskpanes+xml"));

  // 5. custom document properties
  set(
    "docProps/custom.xml",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Đơn vị gửi"><vt:lpwstr>Sở Tư pháp</vt:lpwstr></property></Properties>',
  );
  rootRels = insertBefore(rootRels, "</Relationships>", '<Relationship Id="rIdCustom1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/>');
  ct = insertBefore(ct, "</Types>", CT_OVERRIDE("docProps/custom.xml", "application/vnd.openxmlformats-officedocument.custom-properties+xml"));

  // 6. custom XML
  set("customXml/item1.xml", '<?xml version="1.0" encoding="UTF-8" standalone="no"?><hoSo xmlns="urn:phuluc:test"><soHieu>1800/KH-UBND</soHieu></hoSo>');
  set(
    "customXml/itemProps1.xml",
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?><ds:datastoreItem ds:itemID="{6E1E3B0C-2C3F-4E0B-9E43-5D6F1A2B3C4D}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs/></ds:datastoreItem>',
  );
  set(
    "customXml/_rels/item1.xml.rels",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps" Target="itemProps1.xml"/></Relationships>',
  );
  wbRels = insertBefore(wbRels, "</Relationships>", '<Relationship Id="rIdCx1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml" Target="../customXml/item1.xml"/>');
  ct = insertBefore(ct, "</Types>", CT_OVERRIDE("customXml/itemProps1.xml", "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"));

  // 11. quotePrefix on the format of the code column's first cell; 12. a control character in a shared string
  let styles = text("xl/styles.xml");
  styles = styles.replace(/(<cellXfs\b[^>]*>[\s\S]*?<xf\b)/, '$1 quotePrefix="1"');
  set("xl/styles.xml", styles);
  set("xl/sharedStrings.xml", text("xl/sharedStrings.xml").replace("<t>Stt</t>", "<t>Stt_x0007_</t>"));

  // 14. the VBA project
  if (macro) {
    files["xl/vbaProject.bin"] = new Uint8Array(Array.from({ length: 1536 }, (_, i) => (i * 131 + 7) % 256));
    wbRels = insertBefore(wbRels, "</Relationships>", '<Relationship Id="rIdVba1" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/>');
    ct = ct.replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml");
    ct = insertBefore(ct, "</Types>", CT_OVERRIDE("xl/vbaProject.bin", "application/vnd.ms-office.vbaProject"));
  }

  set("[Content_Types].xml", ct);
  set("_rels/.rels", rootRels);
  set("xl/_rels/workbook.xml.rels", wbRels);
  set("xl/worksheets/sheet1.xml", sheet);
  set(sheetRelsName, sheetRels);
  return zipSync(files);
}

if (require.main === module) {
  const dir = process.argv[2] ?? ".";
  (async () => {
    await writeFile(join(dir, "giu-nguyen.xlsx"), await featureRichWorkbook(false));
    await writeFile(join(dir, "giu-nguyen.xlsm"), await featureRichWorkbook(true));
  })().catch((e: unknown) => {
    process.stderr.write(`${String(e)}\n`);
    process.exitCode = 1;
  });
}
