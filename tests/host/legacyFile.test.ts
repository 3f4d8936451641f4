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

test("a TCVN3 appendix in .VnTime is read, decoded and checked like the Unicode one", async () => {
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
