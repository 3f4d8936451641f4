import { createHash } from "node:crypto";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { main } from "../../src/cli/main";
import { buildWorkbook, writeFixtures } from "../../scripts/fixtures";
import { FIELD1, HEADER } from "../helpers";
import { describeWith, findProgram } from "../external";

const ROOT = join(__dirname, "..", "..");
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "phuluc-cli-"));
  await writeFixtures(join(dir, "in"));
});

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s), now: () => new Date(Date.UTC(2026, 10, 23)) });
  return { code, out, err };
}

const sha = (p: string): string => createHash("sha256").update(readFileSync(p)).digest("hex");

describe("phuluc check --json over a folder with good, broken and foreign files", () => {
  let doc: any;
  beforeAll(async () => {
    const r = await run("check", join(dir, "in"), "--json");
    expect(r.code).toBe(0);
    doc = JSON.parse(r.out);
  });
  const file = (name: string) => doc.files.find((f: { file: string }) => f.file.endsWith(name));

  test("one document, version 1, every file listed", () => {
    expect(doc.version).toBe(1);
    expect(doc.files.map((f: { file: string }) => f.file.split("/").pop()).sort()).toEqual(readdirSync(join(dir, "in")).sort());
  });

  test.each([
    ["hong.xlsx", "broken"],
    ["khong-phai-xlsx.xlsx", "not-xlsx"],
  ])("%s is reported (%s) and the others still checked", (name, code) => {
    expect(file(name).error.code).toBe(code);
    expect(file(name).error.message).toMatch(/^(Tệp|Không)/);
  });

  test("the Hà Nam sheet in the contract's shape", () => {
    const s = file("ha-nam-1800-2019.xlsx").sheets[0];
    expect(s).toMatchObject({
      sheet: "Phụ lục",
      recognized: true,
      header: {
        row: 5,
        columns: {
          code: "A",
          name: "B",
          max: "C",
          scores: [{ column: "D", year: 2018, kind: "achieved" }],
          targets: [
            { column: "E", year: 2019 },
            { column: "F", year: 2020 },
          ],
          responsibility: "G",
        },
      },
      criteriaSet: { id: "par-tinh-2636-2018" },
    });
    expect(s.items[1]).toEqual({ code: "1.1", label: "1.1", row: 7, level: "criterion", name: "Kế hoạch CCHC" });
    expect(s.findings[0]).toEqual({
      rule: "sum-mismatch",
      severity: "error",
      code: "3.2",
      cell: "C35",
      column: "C",
      row: 35,
      expected: 2.25,
      actual: 3,
      message: "3.2: cột “Điểm chuẩn” ghi 3, tổng các tiêu chí con là 2,25; phần chênh 0,75 đúng bằng điểm của tiêu chí còn thiếu 3.2.5 (0,75 điểm).",
    });
    expect(s.belowTarget[0]).toMatchObject({ code: "1.5", row: 17, score: 0, target: 2, gap: 2, scoreCell: "D17", targetCell: "E17" });
    expect(s.fills[0]).toMatchObject({ code: expect.any(String), cell: expect.stringMatching(/^G\d+$/), value: expect.any(String), rule: expect.any(String) });
  });

  test("sheets that are not appendices say why", () => {
    const sheets = file("so-tu-cham-nhieu-trang.xlsx").sheets;
    expect(sheets.map((s: { recognized: boolean }) => s.recognized)).toEqual([false, false, true]);
    expect(sheets[1].reason).toMatch(/không có cột điểm/);
  });
});

describe("usage errors exit with 2 and say what is wrong, in Vietnamese", () => {
  test.each([
    [["--khong-co"], /Không có tùy chọn --khong-co/],
    [["--score-column", "12"], /--score-column cần chữ cái của cột/],
    [["--out"], /Tùy chọn --out cần một giá trị/],
    [["--criteria", "khong-co-bo-nay"], /Không có bộ tiêu chí “khong-co-bo-nay”/],
    [["--fill-scope", "het"], /--fill-scope nhận/],
  ])("%j", async (argv, message) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.out).toBe("");
  });

  test("a criteria file with mistakes names each place", async () => {
    const bad = join(dir, "bo-sai.json");
    writeFileSync(bad, JSON.stringify({ id: "tinh-x", title: "Bộ tiêu chí sở", totalPoints: 10, items: [{ code: "1", name: "A", maxPoints: "10", level: "field" }, { code: "1.1", name: "", maxPoints: 10, level: "criterion" }] }));
    const r = await run(join(dir, "in", "ha-nam-1800-2019.xlsx"), "--criteria", bad);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`Không đọc được bộ tiêu chí từ ${bad}:`);
    expect(r.err).toContain("items[0].maxPoints: cần số, nhưng là chuỗi ký tự");
    expect(r.err).toContain("items[1].name:");
  });

  test("a rules file with mistakes names each place, and nothing is checked", async () => {
    const bad = join(dir, "quy-tac-sai.json");
    writeFileSync(bad, JSON.stringify({ id: "sai", title: "Quy tắc sai", rules: [{ id: "r1", match: {}, lead: "", met: "x", below: "y" }] }));
    const r = await run(join(dir, "in", "ha-nam-1800-2019.xlsx"), "--rules", bad);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`Không đọc được danh mục “Thực hiện” từ ${bad}:`);
    expect(r.err).toContain("  rules[0].match: cần ít nhất một trong codes, prefixes, keywords");
    expect(r.err).toContain("  rules[0].lead:");
    expect(r.out).toBe("");
  });

  test("a criteria file that is not JSON", async () => {
    const bad = join(dir, "khong-phai-json.json");
    writeFileSync(bad, "{ id: ");
    const r = await run("--criteria", bad);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/không phải JSON hợp lệ/);
  });
});

test("a user's criteria set from a file is used, and forced", async () => {
  const set = JSON.parse(readFileSync(join(ROOT, "src", "catalogues", "criteria", "par-tinh-2636-2018.json"), "utf8"));
  set.id = "tinh-x-2019";
  set.items = set.items.filter((i: { code: string }) => i.code !== "8.4");
  set.items.find((i: { code: string }) => i.code === "8").maxPoints = 15;
  set.totalPoints = 98.5;
  const file = join(dir, "bo-tinh-x.json");
  writeFileSync(file, JSON.stringify(set));
  const r = await run(join(dir, "in", "ha-nam-1800-2019.xlsx"), "--criteria", file, "--json");
  expect(r.code).toBe(0);
  const s = JSON.parse(r.out).files[0].sheets[0];
  expect(s.criteriaSet).toMatchObject({ id: "tinh-x-2019", choice: "forced" });
  expect(s.findings.filter((f: { rule: string }) => f.rule === "unknown-criterion").map((f: { code: string }) => f.code)).toEqual(["8.4"]);
});

test("--score-column, --target-column max, --sheet and --lang en", async () => {
  const r = await run(join(dir, "in", "so-tu-cham-nhieu-trang.xlsx"), "--sheet", "Phụ lục tự chấm", "--target-column", "max", "--score-column", "E", "--lang", "en", "--json");
  const doc = JSON.parse(r.out);
  const sheets = doc.files[0].sheets;
  expect(sheets).toHaveLength(1);
  expect(sheets[0].columnsUsed).toEqual({ score: "E", target: null, targetIsMax: true });
  expect(sheets[0].findings[0].message).toMatch(/^1\.3\.2: cell E11/);
});

test("the readable report", async () => {
  const r = await run(join(dir, "in", "ha-nam-1800-2019.xlsx"), join(dir, "in", "hong.xlsx"));
  expect(r.code).toBe(0);
  expect(r.out).toContain("Trang “Phụ lục”: Phụ lục ở dòng 5; A = mã, B = tiêu chí, C = điểm chuẩn, D = điểm đạt năm 2018");
  expect(r.out).toContain("15 lỗi, 71 cảnh báo, 5 lưu ý");
  expect(r.out).toContain("Số lưu dạng văn bản (70 ô): C24, D24");
  expect(r.out).toMatch(/DƯỚI MỤC TIÊU \(56\)/);
  expect(r.out).toContain("Tệp .xlsx bị hỏng, không đọc được");
  expect(r.out).toContain("Tổng kết: 2 tệp, 1 phụ lục, 1 tệp không đọc được; 15 lỗi, 71 cảnh báo, 5 lưu ý.");
});

test("a 60,000-row sheet is checked whole, and the readable report cuts its long lists and says so", async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Phụ lục");
  ws.addRow(["STT", "Lĩnh vực/Tiêu chí", "Điểm tối đa", "Điểm đạt được năm 2019", "Mục tiêu 2020", "Thực hiện"]);
  let bad = 0;
  for (let field = 1; ws.rowCount < 60_000; field++) {
    ws.addRow([String(field), `Lĩnh vực ${field}`, 99, 49.5, 99, ""]);
    for (let k = 1; k <= 99; k++) {
      const text = (field * 100 + k) % 97 === 0;
      if (text) bad++;
      ws.addRow([`${field}.${k}`, `Tiêu chí ${field}.${k}`, 1, text ? "không rõ" : 0.5, 1, ""]);
    }
  }
  const file = join(dir, "sixty-thousand.xlsx");
  await wb.xlsx.writeFile(file);
  const json = JSON.parse((await run(file, "--json")).out);
  const sheet = json.files[0].sheets[0];
  expect(sheet.recognized).toBe(true);
  expect(sheet.counts.criteria).toBeGreaterThan(59_000);
  expect(sheet.findings.filter((f: { rule: string }) => f.rule === "not-a-number")).toHaveLength(bad);
  const short = await run(file);
  expect(short.out.split("\n").length).toBeLessThan(1_000);
  expect(short.out).toMatch(/… và [\d.]+ dòng nữa \(thêm --all để in hết/);
  const all = await run(file, "--all");
  // Every below-target criterion on its own line (the rules' 2018 codes mean nothing on this made-up set: no fills).
  expect(all.out.split("\n").length).toBeGreaterThan(59_000);
}, 60_000);

describe("--out writes annotated copies and never touches an input", () => {
  let out: string;
  let before: Map<string, string>;
  let doc: any;
  beforeAll(async () => {
    out = join(dir, "out");
    before = new Map(readdirSync(join(dir, "in")).map((f) => [f, sha(join(dir, "in", f))]));
    const r = await run(join(dir, "in"), "--out", out, "--json");
    expect(r.code).toBe(0);
    doc = JSON.parse(r.out);
  });

  test("every input is byte for byte as it was", () => {
    for (const [f, h] of before) expect(sha(join(dir, "in", f))).toBe(h);
  });

  test("one copy per readable appendix workbook, the one with a chart included: its chart parts are copied byte for byte", () => {
    expect(readdirSync(out).sort()).toEqual([
      "ha-nam-1800-2019.kiem-tra.xlsx",
      "ha-nam-bao-ve.kiem-tra.xlsx",
      "ha-nam-co-bieu-do.kiem-tra.xlsx",
      "kon-tum-2019-hai-dong-tieu-de.kiem-tra.xlsx",
      "noi-dung-doc-hai.kiem-tra.xlsx",
      "so-tu-cham-nhieu-trang.kiem-tra.xlsx",
      "trang-trong.kiem-tra.xlsx",
    ]);
    const input = unzipSync(new Uint8Array(readFileSync(join(dir, "in", "ha-nam-co-bieu-do.xlsx"))));
    const copy = unzipSync(new Uint8Array(readFileSync(join(out, "ha-nam-co-bieu-do.kiem-tra.xlsx"))));
    const charts = Object.keys(input).filter((n) => /^xl\/(charts|drawings)\//.test(n));
    expect(charts.length).toBeGreaterThan(1);
    for (const n of charts) expect([n, Buffer.from(copy[n] ?? []).equals(Buffer.from(input[n]!))]).toEqual([n, true]);
  });

  test.each([
    "ha-nam-1800-2019",
    "ha-nam-co-bieu-do",
    "kon-tum-2019-hai-dong-tieu-de",
    "so-tu-cham-nhieu-trang",
    "noi-dung-doc-hai",
    "ha-nam-bao-ve",
  ])("%s: every cell survives except the planned ones, which hold what was planned", async (name) => {
    const input = new ExcelJS.Workbook();
    await input.xlsx.readFile(join(dir, "in", `${name}.xlsx`));
    const copy = new ExcelJS.Workbook();
    await copy.xlsx.readFile(join(out, `${name}.kiem-tra.xlsx`));
    const entry = doc.files.find((f: { file: string }) => f.file.endsWith(`${name}.xlsx`));
    const filled = new Map<string, string>();
    const highlighted = new Set<string>();
    for (const s of entry.sheets) {
      if (!s.recognized || s.protected) continue;
      for (const f of s.fills) filled.set(`${s.sheet}!${f.cell}`, f.value);
      for (const b of s.belowTarget) for (const c of [b.scoreCell, b.targetCell, `A${b.row}`, `B${b.row}`]) if (c) highlighted.add(`${s.sheet}!${c}`);
    }
    // The input's sheets, the report, and the "Góp ý" sheet when the agency has something to correct.
    const names = copy.worksheets.map((w) => w.name);
    expect(names.filter((n) => n !== "Góp ý")).toEqual([...input.worksheets.map((w) => w.name), "Kết quả kiểm tra"]);
    expect(names.indexOf("Góp ý")).toBeGreaterThanOrEqual(names.length === input.worksheets.length + 2 ? names.length - 1 : -1);
    let compared = 0;
    for (const ws of input.worksheets) {
      const cs = copy.getWorksheet(ws.name)!;
      expect(cs.model.merges).toEqual(ws.model.merges);
      expect(cs.columns?.map((c) => c.width)).toEqual(ws.columns?.map((c) => c.width));
      expect((cs as any).sheetProtection ?? null).toEqual((ws as any).sheetProtection ?? null);
      const rows = Math.max(ws.rowCount, cs.rowCount);
      const cols = Math.max(ws.columnCount, cs.columnCount);
      for (let r = 1; r <= rows; r++) {
        for (let c = 1; c <= cols; c++) {
          const a = ws.getCell(r, c);
          const b = cs.getCell(r, c);
          const key = `${ws.name}!${a.address}`;
          compared++;
          if (filled.has(key)) {
            expect(a.value).toBeNull();
            expect(b.value).toBe(filled.get(key));
            expect(b.type).toBe(ExcelJS.ValueType.String);
            continue;
          }
          expect([key, b.value]).toEqual([key, a.value]);
          expect([key, b.numFmt]).toEqual([key, a.numFmt]);
          // A highlighted cell that had no style of its own gets one; exceljs reads its font back as the
          // workbook's default font, which looks the same. Any font the cell had must survive.
          if (!highlighted.has(key) || a.font !== undefined) expect([key, b.font]).toEqual([key, a.font]);
          expect([key, b.alignment]).toEqual([key, a.alignment]);
          if (highlighted.has(key)) expect((b.fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFFFE699");
          else expect([key, b.fill]).toEqual([key, a.fill]);
        }
      }
    }
    expect(compared).toBeGreaterThan(0);
  });

  test("the protected sheet gets no fill and no highlight, only the report", () => {
    const entry = doc.files.find((f: { file: string }) => f.file.endsWith("ha-nam-bao-ve.xlsx"));
    expect(entry.copy).toMatchObject({ written: true, filled: 0, highlighted: 0, protectedSheets: ["Phụ lục"] });
  });

  test("the report sheet lists the findings with links to their cells", async () => {
    const copy = new ExcelJS.Workbook();
    await copy.xlsx.readFile(join(out, "ha-nam-1800-2019.kiem-tra.xlsx"));
    const ws = copy.getWorksheet("Kết quả kiểm tra")!;
    expect(ws.getCell("A1").value).toBe("KẾT QUẢ KIỂM TRA PHỤ LỤC CHỈ SỐ CCHC");
    const links: string[] = [];
    ws.eachRow((row) => row.eachCell((cell) => {
      if (cell.type === ExcelJS.ValueType.Formula) links.push(String(cell.formula));
    }));
    expect(links).toContain('HYPERLINK("#\'Phụ lục\'!C35","C35")');
    expect(ws.pageSetup.paperSize).toBe(9);
  });

  test("the hostile workbook's copy holds its texts as texts, never as formulas", async () => {
    const copy = new ExcelJS.Workbook();
    await copy.xlsx.readFile(join(out, "noi-dung-doc-hai.kiem-tra.xlsx"));
    const ws = copy.getWorksheet("<Phụ lục>")!;
    expect(ws.getCell("B14").value).toBe('=HYPERLINK("http://example.invalid","bấm vào đây")');
    expect(ws.getCell("B14").type).toBe(ExcelJS.ValueType.String);
    const report = copy.getWorksheet("Kết quả kiểm tra")!;
    report.eachRow((row) => row.eachCell((cell) => {
      if (cell.type === ExcelJS.ValueType.Formula) expect(String(cell.formula)).toMatch(/^HYPERLINK\("#'<Phụ lục>'!/);
    }));
  });

  test("a fill text that starts like a formula (a rule quoting a hostile name) is written as text", async () => {
    const rules = join(dir, "quy-tac-ten.json");
    writeFileSync(rules, JSON.stringify({ id: "ten", title: "Chép tên", rules: [{ id: "ten", match: { prefixes: ["1"], keywords: ["hyperlink"] }, lead: "X", met: "{name}", below: "{name}" }] }));
    const out2 = join(dir, "out-rules");
    const r = await run(join(dir, "in", "noi-dung-doc-hai.xlsx"), "--out", out2, "--rules", rules, "--json");
    expect(r.code).toBe(0);
    const fill = JSON.parse(r.out).files[0].sheets[0].fills.find((f: { code: string }) => f.code === "1.5");
    expect(fill.value).toBe('=HYPERLINK("http://example.invalid","bấm vào đây")');
    const copy = new ExcelJS.Workbook();
    await copy.xlsx.readFile(join(out2, "noi-dung-doc-hai.kiem-tra.xlsx"));
    const cell = copy.getWorksheet("<Phụ lục>")!.getCell(fill.cell);
    expect([cell.type, cell.value]).toEqual([ExcelJS.ValueType.String, fill.value]);
  });

  test("a second run next to the inputs writes new copies, never over an input, and skips its own copies", async () => {
    const r = await run(join(dir, "in", "ha-nam-1800-2019.xlsx"), "--out", join(dir, "in"), "--json");
    const copy = JSON.parse(r.out).files[0].copy;
    expect(copy.path).toBe(join(dir, "in", "ha-nam-1800-2019.kiem-tra.xlsx"));
    expect(sha(join(dir, "in", "ha-nam-1800-2019.xlsx"))).toBe(before.get("ha-nam-1800-2019.xlsx"));
    const again = JSON.parse((await run(join(dir, "in"), "--json")).out);
    expect(again.files.some((f: { file: string }) => f.file.endsWith(".kiem-tra.xlsx"))).toBe(false);
  });

  test("a sheet whose rows are stored out of order: no copy, said in Vietnamese with the sheet and the rows; the batch goes on", async () => {
    const files = unzipSync(new Uint8Array(readFileSync(join(dir, "in", "ha-nam-1800-2019.xlsx"))));
    const xml = strFromU8(files["xl/worksheets/sheet1.xml"]!);
    const rows = [...xml.matchAll(/<row r="(\d+)"[\s\S]*?<\/row>/g)].map((m) => m[0]);
    files["xl/worksheets/sheet1.xml"] = strToU8(xml.replace(`${rows[10]}${rows[11]}`, `${rows[11]}${rows[10]}`));
    const folder = mkdtempSync(join(tmpdir(), "phuluc-order-"));
    writeFileSync(join(folder, "a-dao-dong.xlsx"), zipSync(files));
    writeFileSync(join(folder, "b-ha-nam.xlsx"), readFileSync(join(dir, "in", "ha-nam-1800-2019.xlsx")));
    const hashes = [sha(join(folder, "a-dao-dong.xlsx")), sha(join(folder, "b-ha-nam.xlsx"))];
    const copies = join(folder, "ban-sao");
    const text = await run(folder, "--out", copies);
    expect(text.out).toContain("Không ghi được bản sao: trong trang “Phụ lục”, dòng 12 được lưu sau dòng 13");
    const json = JSON.parse((await run(folder, "--out", join(folder, "ban-sao-2"), "--json")).out);
    expect(json.files[0].copy).toMatchObject({ written: false, reason: "rows-out-of-order", rowOrder: { sheet: "Phụ lục", row: 12, after: 13 } });
    expect(json.files[0].copy.message).toMatch(/^Không ghi được bản sao: trong trang “Phụ lục”/);
    // The check itself is made as usual; the other workbook gets its copy; no input changed.
    expect(json.files[0].sheets[0].recognized).toBe(true);
    expect(json.files[1].copy.written).toBe(true);
    expect(readdirSync(copies)).toEqual(["b-ha-nam.kiem-tra.xlsx"]);
    expect([sha(join(folder, "a-dao-dong.xlsx")), sha(join(folder, "b-ha-nam.xlsx"))]).toEqual(hashes);
  });
});

describe("the installed command", () => {
  const bin = join(ROOT, "bin", "phuluc.js");
  test("with no file it checks the bundled sample", () => {
    const r = spawnSync(process.execPath, [bin], { encoding: "utf8", cwd: ROOT });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("kiểm tra tệp mẫu samples/ha-nam-1800-2019.xlsx");
    expect(r.stdout).toContain("Tổng kết: 1 tệp, 1 phụ lục, 0 tệp không đọc được; 15 lỗi, 71 cảnh báo, 5 lưu ý.");
  });
  test("--help and exit code 2 on a usage error", () => {
    expect(execFileSync(process.execPath, [bin, "--help"], { encoding: "utf8" })).toContain("Cách dùng:");
    expect(spawnSync(process.execPath, [bin, "--nope"]).status).toBe(2);
  });
});

describe("phuluc compare (issue 8 §1, part)", () => {
  test("two columns of the Hà Nam appendix: totals recomputed from the leaves, JSON aligned by code, input unchanged", async () => {
    const file = join(dir, "in", "ha-nam-1800-2019.xlsx");
    const before = sha(file);
    const r = await run("compare", file, "--columns", "D,E", "--json");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { totalA: number; totalB: number; items: Array<{ code: string; a: number | null; b: number | null; diff: number | null; leaf: boolean; depth: number }>; largest: string[] };
    const leaves = doc.items.filter((it) => it.leaf);
    const sum = (k: "a" | "b") => Math.round(leaves.reduce((t, it) => t + (it[k] ?? 0), 0) * 1e6) / 1e6;
    expect(doc.totalA).toBeCloseTo(sum("a"), 6);
    expect(doc.totalB).toBeCloseTo(sum("b"), 6);
    expect(doc.items.find((it) => it.code === "1.5")).toMatchObject({ a: 0, b: 2, diff: 2, leaf: true });
    expect(doc.largest[0]).toBe("1.5");
    expect(sha(file)).toBe(before);
    const text = await run("compare", file, "--columns", "D,E");
    expect(text.out).toContain("So sánh: D (Điểm đạt được năm 2018) → E (Mục tiêu năm 2019)");
    expect(text.out).toContain("1.5  0 → 2  (+2)  Sáng kiến hoặc giải pháp mới trong cải cách hành chính");
  });

  test("a field whose max differs between the two sides is also compared as a share of its max", async () => {
    const a = join(dir, "field1-9.xlsx");
    const b = join(dir, "field1-10.xlsx");
    const rows = (max: number) => [HEADER, ...FIELD1.map((r) => (r[0] === "1" ? [r[0], r[1], max, ...r.slice(3)] : r[0] === "1.6" ? [r[0], r[1], max - 8, ...r.slice(3)] : r))];
    writeFileSync(a, await buildWorkbook({ file: "a.xlsx", description: "", sheets: [{ name: "PL", rows: rows(9) as never }] }));
    writeFileSync(b, await buildWorkbook({ file: "b.xlsx", description: "", sheets: [{ name: "PL", rows: rows(10) as never }] }));
    const r = await run("compare", a, b);
    expect(r.code).toBe(0);
    expect(r.out).toContain("  1  7 → 7  [77,8% → 70% điểm tối đa]  CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC");
    expect(r.out).toContain("Điểm tối đa thay đổi:\n  1  9 → 10");
  });

  test("a hidden appendix is said to be hidden, and a summary counts the file's visible one only (and says so)", async () => {
    const file = join(dir, "an-ban-cu.xlsx");
    const old = FIELD1.map((r) => (r[0] === "1.5" ? [r[0], r[1], r[2], 0, ...r.slice(4)] : r));
    writeFileSync(file, await buildWorkbook({ file: "a.xlsx", description: "", sheets: [{ name: "PL 2018", hidden: true, rows: [HEADER, ...old] as never }, { name: "PL 2019", rows: [HEADER, ...FIELD1] as never }] }));
    const text = await run(file);
    expect(text.out).toContain("Trang tính này đang bị ẩn trong tệp");
    expect(text.out.indexOf("đang bị ẩn")).toBeLessThan(text.out.indexOf("Trang “PL 2019”"));
    const summary = join(dir, "tong-hop-an.xlsx");
    const s = await run(file, "--summary", summary);
    expect(s.out).toContain("Đã ghi bảng tổng hợp");
    expect(s.out).toContain("1 phụ lục, xếp hạng");
    expect(s.out).toContain("Không đưa vào bảng tổng hợp 1 phụ lục trên trang tính bị ẩn (cùng tệp đã có phụ lục không ẩn): an-ban-cu.xlsx › PL 2018.");
    const j = JSON.parse((await run(file, "--json")).out) as { files: Array<{ sheets: Array<{ sheet: string; hidden: boolean }> }> };
    expect(j.files[0]!.sheets.map((x) => [x.sheet, x.hidden])).toEqual([["PL 2018", true], ["PL 2019", false]]);
  });

  test("leaves scored on one side only are said (the sums count them as 0), in the text and the JSON", async () => {
    const a = join(dir, "field1-full.xlsx");
    const b = join(dir, "field1-blank.xlsx");
    writeFileSync(a, await buildWorkbook({ file: "a.xlsx", description: "", sheets: [{ name: "PL", rows: [HEADER, ...FIELD1] as never }] }));
    const blanked = FIELD1.map((r) => (r[0] === "1.5" || r[0] === "1.6" ? [r[0], r[1], r[2], null, ...r.slice(4)] : r));
    writeFileSync(b, await buildWorkbook({ file: "b.xlsx", description: "", sheets: [{ name: "PL", rows: [HEADER, ...blanked] as never }] }));
    const r = await run("compare", a, b);
    expect(r.out).toContain("0 trong 9 mục lá có điểm khác nhau.\n2 mục lá chỉ có điểm ở một bên (bên kia để trống, tính là 0 trong các tổng): 1.5 (1 → —), 1.6 (1 → —)");
    const j = JSON.parse((await run("compare", a, b, "--json")).out) as { scoredOnOneSide: string[] };
    expect(j.scoredOnOneSide).toEqual(["1.5", "1.6"]);
  });

  test("two files by code; a file with no appendix and a wrong column are told in Vietnamese", async () => {
    const a = join(dir, "in", "ha-nam-1800-2019.xlsx");
    const same = await run("compare", a, a, "--json");
    expect(same.code).toBe(0);
    expect((JSON.parse(same.out) as { largest: string[] }).largest).toEqual([]);
    const bad = await run("compare", a, "--columns", "A,E");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("Cột A của trang “Phụ lục” không phải cột điểm hoặc cột mục tiêu.");
    const foreign = await run("compare", a, join(dir, "in", "khong-phai-xlsx.xlsx"));
    expect(foreign.code).toBe(1);
    expect(foreign.err).toMatch(/khong-phai-xlsx\.xlsx: /);
    const usage = await run("compare", a);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain("phuluc compare <tệp.xlsx> --columns D,E");
  });
});

const python = findProgram(["/usr/bin/python3"]);
describeWith(python, "python3 with openpyxl")("phuluc compare -o: the comparison sheet in a copy (issue 8 §1)", () => {
  test("a copy of the first file with “So sánh” (links to the appendix's cells, header repeated, A4 landscape); every other part kept; the input never written", async () => {
    const a = join(dir, "in", "ha-nam-1800-2019.xlsx");
    const before = sha(a);
    const target = join(dir, "so-sanh-D-E.xlsx");
    const r = await run("compare", a, "--columns", "D,E", "-o", target);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Đã ghi ${target}: bản sao của tệp thứ nhất, thêm trang “So sánh”`);
    const dump = JSON.parse(
      execFileSync(
        python!,
        [
          "-c",
          "import openpyxl,sys,json\nwb=openpyxl.load_workbook(sys.argv[1])\nws=wb['So sánh']\nprint(json.dumps({'sheets':wb.sheetnames,'rows':[list(r) for r in ws.iter_rows(values_only=True)],'titles':ws.print_title_rows,'orientation':ws.page_setup.orientation,'paper':ws.page_setup.paperSize},ensure_ascii=False,default=str))",
          target,
        ],
        { encoding: "utf8" },
      ),
    ) as { sheets: string[]; rows: unknown[][]; titles: string; orientation: string; paper: string };
    expect(dump.sheets).toEqual(["Phụ lục", "So sánh"]);
    expect(dump.rows[2]).toEqual(["Mã", "Tiêu chí", "D (Điểm đạt được năm 2018)", "E (Mục tiêu năm 2019)", "Chênh lệch", "Lý do"]);
    expect(dump.titles).toBe("$3:$3");
    expect([dump.orientation, String(dump.paper)]).toEqual(["landscape", "9"]);
    const row15 = dump.rows.find((x) => typeof x[0] === "string" && x[0].endsWith(',"1.5")'));
    expect(row15).toEqual([expect.stringMatching(/^=HYPERLINK\("#'Phụ lục'!A\d+","1\.5"\)$/), "Sáng kiến hoặc giải pháp mới trong cải cách hành chính", 0, 2, 2, null]);
    expect(dump.rows.find((x) => x[1] === "TỔNG ĐIỂM")).toEqual([null, "TỔNG ĐIỂM", 74.81413, 98.55, 23.73587, null]);
    // The link of 1.5 points at 1.5's own row of the appendix.
    const cell = /!A(\d+)/.exec(String(row15![0]))![1];
    const grid = (await new ExcelJS.Workbook().xlsx.load(readFileSync(a) as unknown as ExcelJS.Buffer)).worksheets[0]!;
    expect(String(grid.getCell(`A${cell}`).value)).toBe("1.5");
    // Every part of the input that a new sheet does not need is byte for byte the same.
    const input = unzipSync(readFileSync(a));
    const copy = unzipSync(readFileSync(target));
    const changed = Object.keys(input).filter((n) => !n.endsWith("/") && !(copy[n] && Buffer.from(copy[n]!).equals(Buffer.from(input[n]!))));
    expect(changed.sort()).toEqual(["[Content_Types].xml", "_rels/.rels", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/workbook.xml"]);
    expect(sha(a)).toBe(before);
    // Never onto an input, never over an existing file unless asked.
    const again = await run("compare", a, "--columns", "D,E", "-o", target);
    expect(again.code).toBe(1);
    expect(again.err).toContain("tệp đã có");
    const onto = await run("compare", a, "--columns", "D,E", "-o", a, "--overwrite");
    expect(onto.code).toBe(1);
    expect(onto.err).toContain("đó là một tệp đầu vào");
    expect(sha(a)).toBe(before);
  });

  test("two files where codes moved: the items paired by name show side B's code; JSON names the copy", async () => {
    const a = join(dir, "moved-a.xlsx");
    const b = join(dir, "moved-b.xlsx");
    // Side B (another criteria set) numbers 1.6 as 1.7: the item is found by its name.
    const moved = FIELD1.map((r) => (r[0] === "1.6" ? ["1.7", ...r.slice(1)] : r));
    writeFileSync(a, await buildWorkbook({ file: "a.xlsx", description: "", sheets: [{ name: "PL", rows: [HEADER, ...FIELD1] as never }] }));
    writeFileSync(b, await buildWorkbook({ file: "b.xlsx", description: "", sheets: [{ name: "PL", rows: [HEADER, ...moved] as never }] }));
    const target = join(dir, "so-sanh-2-tep.xlsx");
    const r = await run("compare", a, b, "--json", "-o", target);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).copy).toEqual({ path: target, sheet: "So sánh" });
    const codes = JSON.parse(
      execFileSync(python!, ["-c", "import openpyxl,sys,json\nws=openpyxl.load_workbook(sys.argv[1])['So sánh']\nprint(json.dumps([r[0] for r in ws.iter_rows(min_row=4,values_only=True)],ensure_ascii=False))", target], { encoding: "utf8" }),
    ) as Array<string | null>;
    expect(codes.filter((c) => c !== null && c.includes("bên B"))).toEqual([expect.stringContaining('"1.6 (bên B: 1.7)")')]);
  });
});
