/**
 * The copy writer does not parse a sheet again when the reader indexed its rows and cells (PATCH_TUNING): the copy
 * must be exactly what a full parse gives. Every fixture, the submission variants, the feature-rich workbooks and the heavy shapes
 * (formatted down to row 1,048,576; rows after the table; fills into rows that do not exist yet) are copied both ways
 * and compared part by part.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { main } from "../../src/cli/main";
import { PATCH_TUNING } from "../../src/host/xlsx/patch";
import { buildWorkbook, submissionSpecs, writeFixtures } from "../../scripts/fixtures";
import { featureRichWorkbook } from "../../scripts/featureRich";

jest.setTimeout(120_000);

/** The Hà Nam appendix with `rows` more rows after its table, each formatted (as a whole-column format writes them). */
function withTail(bytes: Uint8Array, rows: number, row: (r: number) => string): Uint8Array {
  const files = unzipSync(bytes);
  const xml = strFromU8(files["xl/worksheets/sheet1.xml"]!);
  const last = Math.max(...[...xml.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1])));
  const tail: string[] = [];
  for (let r = last + 1; r <= last + rows; r++) tail.push(row(r));
  files["xl/worksheets/sheet1.xml"] = strToU8(xml.replace("</sheetData>", `${tail.join("")}</sheetData>`));
  return zipSync(files);
}

async function copies(dir: string, out: string, useIndex: boolean): Promise<Map<string, Record<string, Uint8Array>>> {
  const before = PATCH_TUNING.useIndex;
  PATCH_TUNING.useIndex = useIndex;
  try {
    await main(["check", dir, "--out", out, "--json"], { stdout: () => undefined, stderr: () => undefined, now: () => new Date(Date.UTC(2026, 11, 3)) });
  } finally {
    PATCH_TUNING.useIndex = before;
  }
  const got = new Map<string, Record<string, Uint8Array>>();
  for (const f of readdirSync(out)) got.set(f, unzipSync(new Uint8Array(readFileSync(join(out, f)))));
  return got;
}

test("patching from the reader's index gives the same copy as parsing the sheets again", async () => {
  const dir = mkdtempSync(join(tmpdir(), "phuluc-tail-"));
  const inDir = join(dir, "in");
  await writeFixtures(inDir);
  for (const spec of submissionSpecs()) writeFileSync(join(inDir, `bien-the-${spec.file}`), await buildWorkbook(spec));
  writeFileSync(join(inDir, "dac-sac.xlsx"), await featureRichWorkbook(false));
  const haNam = new Uint8Array(readFileSync(join(inDir, "ha-nam-1800-2019.xlsx")));
  writeFileSync(join(inDir, "dinh-dang-den-dong-cuoi.xlsx"), withTail(haNam, 1_048_576 - 200, (r) => `<row r="${r}" s="1" customFormat="1"/>`));
  // Rows with cells after the table (notes, signatures), and merged areas after </sheetData> that the skipped part
  // does not show: a fill into a merged cell is still refused.
  const notes = withTail(haNam, 20_000, (r) => `<row r="${r}" spans="1:2"><c r="A${r}" t="inlineStr"><is><t>ghi chú ${r}</t></is></c><c r="B${r}"/></row>`);
  writeFileSync(join(inDir, "ghi-chu-sau-bang.xlsx"), notes);
  mkdirSync(join(dir, "a"));
  mkdirSync(join(dir, "b"));
  const full = await copies(inDir, join(dir, "a"), false);
  const before = PATCH_TUNING.indexed;
  const skipped = await copies(inDir, join(dir, "b"), true);
  // Most sheets took the indexed path (a few variants have rows without numbers: those are parsed).
  expect(PATCH_TUNING.indexed - before).toBeGreaterThanOrEqual(10);
  expect([...skipped.keys()].sort()).toEqual([...full.keys()].sort());
  expect(full.size).toBeGreaterThanOrEqual(14);
  const differ: string[] = [];
  for (const [file, parts] of full) {
    const other = skipped.get(file)!;
    expect(Object.keys(other).sort()).toEqual(Object.keys(parts).sort());
    for (const [name, data] of Object.entries(parts)) if (!Buffer.from(data).equals(Buffer.from(other[name]!))) differ.push(`${file}: ${name}`);
  }
  expect(differ).toEqual([]);
});
