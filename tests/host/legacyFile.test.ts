/**
 * A workbook typed in TCVN3 with the .VnTime font, as a provincial office's Excel writes it: the package reader
 * keeps each cell's font name, the core decodes by it, and the CLI reports the appendix as usual with an info
 * finding naming the encoding.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { encodeLegacy } from "../../src/core/legacy";
import { readGrids } from "../../src/host/xlsx/grids";
import { main } from "../../src/cli/main";
import { fixtureGrids } from "../helpers";
import { execFileSync } from "node:child_process";
import { describeWith, findProgram } from "../external";

async function tcvn3File(): Promise<{ dir: string; file: string }> {
  const clean = (await fixtureGrids("ha-nam-1800-2019.xlsx"))[0]!;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Phụ lục");
  clean.rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (!cell || cell.kind === "empty") return;
      const target = ws.getCell(r + 1, c + 1);
      target.value = cell.kind === "text" ? encodeLegacy(String(cell.value), "tcvn3") : (cell.value as number);
      target.font = { name: ".VnTime", size: 13 };
    }),
  );
  const dir = mkdtempSync(join(tmpdir(), "phuluc-tcvn3-"));
  const file = join(dir, "tcvn3.xlsx");
  writeFileSync(file, new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
  return { dir, file };
}

test("a TCVN3 appendix in .VnTime is read, decoded and checked like the Unicode one", async () => {
  const { file } = await tcvn3File();
  const grid = readGrids(new Uint8Array(readFileSync(file)))[0]!;
  expect(grid.rows[4]?.[0]?.font).toBe(".VnTime");
  let out = "";
  const code = await main([file, "--json"], { stdout: (s) => void (out += s), stderr: () => undefined });
  expect(code).toBe(0);
  const sheet = JSON.parse(out).files[0].sheets[0];
  expect(sheet.recognized).toBe(true);
  expect(sheet.counts).toEqual({ fields: 8, criteria: 41, subs: 95 });
  const legacy = sheet.findings.filter((f: { rule: string }) => f.rule === "legacy-encoding");
  expect(legacy).toHaveLength(1);
  expect(legacy[0].message).toMatch(/^\d+ ô được gõ bằng bảng mã cũ TCVN3 \(ABC\)/);
  expect(sheet.findings.filter((f: { rule: string }) => f.rule === "sum-mismatch")).toHaveLength(15);
});

const python = findProgram(["/usr/bin/python3"]);

describeWith(python, "python3 (the independent reader)")("“Chuyển sang Unicode” in copies (--unicode)", () => {
  test("the copy holds the decoded text in Times New Roman, keeps the size, and checks like the Unicode appendix", async () => {
    const { dir, file } = await tcvn3File();
    const before = readFileSync(file);
    let out = "";
    const code = await main([file, "--out", join(dir, "out"), "--unicode"], { stdout: (s) => void (out += s), stderr: () => undefined });
    expect(code).toBe(0);
    expect(readFileSync(file).equals(before)).toBe(true);
    const converted = Number(/chuyển (\d+) ô từ bảng mã cũ sang Unicode/.exec(out)?.[1]);
    expect(converted).toBeGreaterThan(200);
    const copy = join(dir, "out", "tcvn3.kiem-tra.xlsx");
    const dump = JSON.parse(execFileSync(python!, [join(__dirname, "..", "tools", "dump_xlsx.py"), copy], { encoding: "utf8", maxBuffer: 64 << 20 })) as Record<string, { cells: Record<string, unknown[]> }>;
    const cells = dump["Phụ lục"]!.cells;
    expect(cells["B5"]?.[0]).toBe("Lĩnh Vực/Tiêu chí/Tiêu chí thành phần");
    expect(cells["B5"]?.[3]).toBe("Times New Roman");
    expect(cells["C6"]?.[3]).toBe(".VnTime");
    // The copy checked again: nothing legacy left, and the same findings otherwise.
    const json = async (f: string) => {
      let o = "";
      await main([f, "--json"], { stdout: (s) => void (o += s), stderr: () => undefined });
      return JSON.parse(o).files[0].sheets[0] as { findings: Array<{ rule: string; cell: string }> };
    };
    const original = await json(file);
    // Every cell the check decoded was converted.
    const legacy = original.findings.find((f) => f.rule === "legacy-encoding") as unknown as { message: string };
    expect(Number(/^(\d+) ô/.exec(legacy.message)?.[1])).toBe(converted);
    const again = await json(copy);
    expect(again.findings.filter((f) => f.rule === "legacy-encoding")).toEqual([]);
    expect(again.findings.map((f) => [f.rule, f.cell])).toEqual(original.findings.filter((f) => f.rule !== "legacy-encoding").map((f) => [f.rule, f.cell]));
  });
});
