/**
 * An annotated copy is the original package, patched (issue 10 §1). On the feature-rich workbooks of
 * scripts/featureRich.ts, as Excel writes them and as LibreOffice re-saves them:
 *  - the input is byte for byte as it was;
 *  - every part not planned to change keeps its compressed bytes; the changed parts are only the appendix sheet,
 *    the styles, the workbook's sheet list, its relationships, [Content_Types].xml and the custom properties;
 *  - inside the appendix sheet, everything but the touched <c> elements (and the row tags whose height grew) is
 *    the same text;
 *  - an independent reader (openpyxl) sees every untouched cell as it was (value, format, fill, font, wrapping,
 *    protection, quotePrefix), the planned cells as planned, the merges, hyperlinks and page breaks kept;
 *  - LibreOffice opens the copy and prints it.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { featureRichWorkbook } from "../../scripts/featureRich";
import { main } from "../../src/cli/main";
import { scanXml } from "../../src/host/xlsx/xml";
import { inflateEntry, readZip } from "../../src/host/xlsx/zip";
import { describeWith, findProgram } from "../external";

const python = findProgram(["/usr/bin/python3"]);
const soffice = findProgram(["soffice", "libreoffice"]);
const hasOpenpyxl = python !== undefined && (() => {
  try {
    execFileSync(python, ["-c", "import openpyxl"], { stdio: "pipe" });
    return true;
  } catch {
    return false;
  }
})();

const sha = (p: string): string => createHash("sha256").update(readFileSync(p)).digest("hex");

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(argv, { stdout: (s) => void (out += s), stderr: (s) => void (err += s) });
  return { code, out, err };
}

/** The sheet XML without the touched cells, with row tags bare, empty rows and the dimension dropped. */
function untouched(xml: string, touched: ReadonlySet<string>): string {
  const cuts: Array<[number, number, string]> = [];
  let cellStart = -1;
  let skip = false;
  scanXml(xml, {
    open: (el) => {
      if (el.name === "c") {
        cellStart = el.start;
        skip = touched.has(el.attrs["r"] ?? "");
      }
      if (el.name === "row") cuts.push([el.start, el.headEnd, el.selfClosing ? "" : "<row>"]);
      if (el.name === "dimension") cuts.push([el.start, el.headEnd, ""]);
    },
    close: (name, end) => {
      if (name === "c" && skip) cuts.push([cellStart, end, ""]);
      if (name === "c") skip = false;
    },
  });
  cuts.sort((a, b) => a[0] - b[0]);
  let out = "";
  let at = 0;
  for (const [s, e, t] of cuts) {
    if (s < at) continue;
    out += xml.slice(at, s) + t;
    at = e;
  }
  return (out + xml.slice(at)).split("<row></row>").join("");
}

interface Variant {
  readonly name: string;
  readonly file: string;
  readonly bytes: () => Promise<Uint8Array>;
}

const dir = mkdtempSync(join(tmpdir(), "phuluc-copy-"));

async function libreOfficeResave(): Promise<Uint8Array> {
  const src = join(dir, "lo-src");
  mkdirSync(src, { recursive: true });
  writeFileSync(join(src, "giu-nguyen-lo.xlsx"), await featureRichWorkbook(false));
  const profile = mkdtempSync(join(tmpdir(), "lo-profile-"));
  execFileSync(soffice!, ["--headless", `-env:UserInstallation=file://${profile}`, "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", join(src, "out"), join(src, "giu-nguyen-lo.xlsx")], { stdio: "pipe", timeout: 120_000 });
  return new Uint8Array(readFileSync(join(src, "out", "giu-nguyen-lo.xlsx")));
}

const VARIANTS: Variant[] = [
  { name: "as Excel writes it (.xlsx)", file: "giu-nguyen.xlsx", bytes: () => featureRichWorkbook(false) },
  { name: "with a VBA project (.xlsm)", file: "giu-nguyen.xlsm", bytes: () => featureRichWorkbook(true) },
  ...(soffice ? [{ name: "as LibreOffice re-saves it", file: "giu-nguyen-lo.xlsx", bytes: libreOfficeResave }] : []),
];

/** Parts a copy may change (besides the one new part, the report sheet). */
const MAY_CHANGE = new Set(["xl/worksheets/sheet1.xml", "xl/styles.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[content_types].xml", "docprops/custom.xml"]);

describe.each(VARIANTS)("a copy of the feature-rich workbook $name", (v) => {
  const inDir = join(dir, `in-${v.file}`);
  const outDir = join(dir, `out-${v.file}`);
  let input: string;
  let copy: string;
  let doc: any;
  let hash: string;
  let touched: Set<string>;
  let fills: Map<string, string>;

  beforeAll(async () => {
    mkdirSync(inDir, { recursive: true });
    input = join(inDir, v.file);
    writeFileSync(input, await v.bytes());
    hash = sha(input);
    const r = await run(input, "--out", outDir, "--json");
    expect(r.code).toBe(0);
    doc = JSON.parse(r.out);
    copy = join(outDir, readdirSync(outDir)[0]!);
    touched = new Set<string>();
    fills = new Map();
    for (const s of doc.files[0].sheets) {
      if (!s.recognized) continue;
      for (const f of s.fills) {
        touched.add(f.cell);
        fills.set(f.cell, f.value);
      }
      for (const b of s.belowTarget) for (const c of [b.scoreCell, b.targetCell, `A${b.row}`, `B${b.row}`]) if (c) touched.add(c);
    }
  }, 180_000);

  test("the input is unchanged and the copy keeps the input's kind", () => {
    expect(sha(input)).toBe(hash);
    expect(readdirSync(outDir)).toEqual([v.file.replace(/\.(xlsx|xlsm)$/, ".kiem-tra.$1")]);
    expect(doc.files[0].copy).toMatchObject({ written: true });
    expect(doc.files[0].copy.filled).toBeGreaterThan(0);
    expect(doc.files[0].copy.highlighted).toBeGreaterThan(0);
  });

  test("every part not planned to change keeps its compressed bytes; only the planned parts change", () => {
    const before = readZip(new Uint8Array(readFileSync(input)));
    const after = new Map(readZip(new Uint8Array(readFileSync(copy))).map((e) => [e.name, e]));
    const changed: string[] = [];
    for (const e of before) {
      const a = after.get(e.name);
      expect([e.name, a !== undefined]).toEqual([e.name, true]);
      if (!a) continue;
      if (Buffer.from(a.raw).equals(Buffer.from(e.raw)) && a.crc === e.crc) continue;
      changed.push(e.name);
      expect([e.name, MAY_CHANGE.has(e.name.toLowerCase())]).toEqual([e.name, true]);
    }
    expect(changed).toContain("xl/worksheets/sheet1.xml");
    const added = [...after.keys()].filter((n) => !before.some((e) => e.name === n));
    // The report sheet; docProps/custom.xml too where the input had no custom properties (LibreOffice drops them? no: it keeps them).
    expect(added.filter((n) => !/^xl\/worksheets\/sheet\d+\.xml$/.test(n) && n !== "docProps/custom.xml")).toEqual([]);
    // The report sheet, and the "Góp ý" sheet when there is something to correct.
    expect(added.filter((n) => /^xl\/worksheets\//.test(n)).length).toBeGreaterThanOrEqual(1);
    expect(added.filter((n) => /^xl\/worksheets\//.test(n)).length).toBeLessThanOrEqual(2);
  });

  test("inside the appendix sheet only the touched cells (and row heights) differ", () => {
    const text = (file: string): string => {
      const e = readZip(new Uint8Array(readFileSync(file))).find((x) => x.name === "xl/worksheets/sheet1.xml")!;
      return new TextDecoder().decode(inflateEntry(e));
    };
    const a = text(input);
    const b = text(copy);
    expect(b).not.toEqual(a);
    expect(untouched(b, touched)).toEqual(untouched(a, touched));
    if (v.file !== "giu-nguyen-lo.xlsx") {
      for (const kept of ["<x14:dataValidations", "<x14:sparklineGroups", "<hyperlinks>", "<rowBreaks", "<ignoredErrors>", 'cm="1"', "<legacyDrawing", "<drawing "]) expect([kept, b.includes(kept)]).toEqual([kept, true]);
    }
  });

  const withOpenpyxl = hasOpenpyxl ? test : test.skip;
  withOpenpyxl("openpyxl sees every untouched cell as it was, and the planned cells as planned", () => {
    const dump = (f: string): any => JSON.parse(execFileSync(python!, [join(__dirname, "..", "tools", "dump_xlsx.py"), f], { encoding: "utf8", maxBuffer: 64 << 20 }));
    const a = dump(input);
    const b = dump(copy);
    expect(Object.keys(b).filter((k) => k !== "Góp ý")).toEqual([...Object.keys(a), "Kết quả kiểm tra"]);
    let compared = 0;
    for (const sheet of Object.keys(a)) {
      const sa = a[sheet];
      const sb = b[sheet];
      expect(sb.merges).toEqual(sa.merges);
      expect(sb.hyperlinks).toEqual(sa.hyperlinks);
      expect(sb.rowBreaks).toEqual(sa.rowBreaks);
      for (const [ref, cell] of Object.entries<any[]>(sa.cells)) {
        compared++;
        const got = sb.cells[ref];
        if (sheet === "Phụ lục" && touched.has(ref)) {
          if (fills.has(ref)) expect([ref, got[0], got[6]]).toEqual([ref, fills.get(ref), true]);
          // Only the fill (highlight) or the wrapping (fill) may differ.
          expect([ref, got[1], got[3], got[4], got[5], got[7], got[8]]).toEqual([ref, cell[1], cell[3], cell[4], cell[5], cell[7], cell[8]]);
          continue;
        }
        expect([ref, got]).toEqual([ref, cell]);
      }
      for (const ref of Object.keys(sb.cells)) if (!(ref in sa.cells) && sheet === "Phụ lục") expect([ref, touched.has(ref)]).toEqual([ref, true]);
    }
    expect(compared).toBeGreaterThan(500);
    // Links of the report point at sheets that exist.
    const report = b["Kết quả kiểm tra"];
    const links = Object.values<any[]>(report.cells).map((c) => String(c[0])).filter((s) => s.startsWith("=HYPERLINK"));
    expect(links.length).toBeGreaterThan(10);
    for (const l of links) {
      const m = /^=HYPERLINK\("#'?(.+?)'?!([A-Z]+\d+)"/.exec(l);
      expect(m && Object.keys(b).includes(m[1]!.replace(/''/g, "'"))).toBe(true);
    }
  }, 60_000);

  const withSoffice = soffice ? test : test.skip;
  withSoffice("LibreOffice opens the copy and prints it", () => {
    const profile = mkdtempSync(join(tmpdir(), "lo-profile-"));
    const pdfDir = join(dir, `pdf-${v.file}`);
    execFileSync(soffice!, ["--headless", `-env:UserInstallation=file://${profile}`, "--convert-to", "pdf", "--outdir", pdfDir, copy], { stdio: "pipe", timeout: 120_000 });
    const pdf = readFileSync(join(pdfDir, readdirSync(pdfDir)[0]!));
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect((pdf.toString("latin1").match(/\/Type\s*\/Page\b/g) ?? []).length).toBeGreaterThan(3);
  }, 120_000);
});

describeWith(python, "python3 (Debian's, with python3-openpyxl)")("the independent reader is there", () => {
  test("openpyxl imports", () => expect(hasOpenpyxl).toBe(true));
});
