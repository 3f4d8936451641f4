/**
 * Proofs with a real spreadsheet program: LibreOffice recalculates the fixtures' formulas (their cached values must be
 * what a spreadsheet computes) and opens the annotated copies.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadWorkbook } from "../../src/host/xlsx/read";
import { main } from "../../src/cli/main";
import { describeWith, findProgram } from "../external";
import { fixtureBytes } from "../helpers";

const soffice = findProgram(["soffice", "libreoffice"]);

function convert(file: string, to: string, outDir: string): string {
  const profile = mkdtempSync(join(tmpdir(), "lo-profile-"));
  execFileSync(soffice!, ["--headless", `-env:UserInstallation=file://${profile}`, "--convert-to", to, "--outdir", outDir, file], {
    stdio: "pipe",
    timeout: 120_000,
  });
  return outDir;
}

describeWith(soffice, "LibreOffice")("LibreOffice", () => {
  const dir = mkdtempSync(join(tmpdir(), "phuluc-lo-"));

  test("the cached results of the Kon Tum fixture's SUM formulas are what LibreOffice computes", async () => {
    const src = join(dir, "kon-tum.xlsx");
    writeFileSync(src, await fixtureBytes("kon-tum-2019-hai-dong-tieu-de.xlsx"));
    const out = join(dir, "recalc");
    convert(src, "xlsx:Calc MS Excel 2007 XML", out);
    const before = (await loadWorkbook(new Uint8Array(readFileSync(src)))).grids[0]!;
    const after = (await loadWorkbook(new Uint8Array(readFileSync(join(out, "kon-tum.xlsx"))))).grids[0]!;
    let formulas = 0;
    before.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (!cell?.formula) return;
        formulas++;
        expect([r, c, after.rows[r]?.[c]?.value]).toEqual([r, c, cell.value]);
      }),
    );
    expect(formulas).toBeGreaterThan(50);
  });

  test("annotated copies open in LibreOffice, and their links and fills survive its re-save", async () => {
    const input = join(dir, "in");
    execFileSync("mkdir", ["-p", input]);
    writeFileSync(join(input, "ha-nam.xlsx"), await fixtureBytes("ha-nam-1800-2019.xlsx"));
    let json = "";
    await main([input, "--out", join(dir, "copies"), "--json"], { stdout: (s) => (json += s), stderr: () => undefined });
    const copy = JSON.parse(json).files[0].copy.path as string;
    convert(copy, "pdf", join(dir, "pdf"));
    expect(existsSync(join(dir, "pdf", "ha-nam.kiem-tra.pdf"))).toBe(true);
    convert(copy, "xlsx:Calc MS Excel 2007 XML", join(dir, "resaved"));
    const grids = (await loadWorkbook(new Uint8Array(readFileSync(join(dir, "resaved", "ha-nam.kiem-tra.xlsx"))))).grids;
    expect(grids.map((g) => g.sheetName)).toEqual(["Phụ lục", "Kết quả kiểm tra", "Góp ý"]);
    const report = grids[1]!;
    const link = report.rows.flat().find((c) => c?.formula?.includes("HYPERLINK"));
    expect(link?.text).toMatch(/^[A-G]\d+$/);
    const appendix = grids[0]!;
    expect(String(appendix.rows[54]?.[6]?.value)).toMatch(/^Sở Nội vụ tham mưu UBND tỉnh/);
  });
});

const pdftotext = findProgram(["pdftotext"]);

describeWith(soffice && pdftotext, "LibreOffice and pdftotext")("printed on A4 as an official document", () => {
  const dir = mkdtempSync(join(tmpdir(), "phuluc-print-"));
  const pages = (pdf: string): string[] => execFileSync(pdftotext!, ["-layout", pdf, "-"], { encoding: "utf8" }).split("\f").filter((p) => p.trim() !== "");

  test.each([
    ["the bundled sample", "sample"],
    ["a new appendix (phuluc new)", "new"],
  ])("%s: every page has the whole header row (no column split over pages), and its rows do not overlap", async (_, which) => {
    const file = join(dir, `${which}.xlsx`);
    if (which === "sample") writeFileSync(file, readFileSync(join(__dirname, "..", "..", "samples", "ha-nam-1800-2019.xlsx")));
    else await main(["new", "--criteria", "par-tinh-2636-2018", "--year", "2018", "--from", join(__dirname, "..", "..", "samples", "ha-nam-1800-2019.xlsx"), "-o", file], { stdout: () => undefined, stderr: () => undefined });
    convert(file, "pdf", dir);
    const ps = pages(join(dir, `${which}.pdf`));
    expect(ps.length).toBeGreaterThan(3);
    expect(ps.length).toBeLessThan(12);
    for (const p of ps) {
      expect(p).toMatch(/Stt/);
      expect(p).toMatch(/Thực hiện/);
      expect(p).toMatch(/Mục tiêu/);
    }
  });
});
