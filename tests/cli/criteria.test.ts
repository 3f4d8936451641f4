/**
 * phuluc criteria import/export and phuluc new, end to end: the files they write are read back with our reader and
 * with openpyxl, opened and recalculated by LibreOffice, and checked by phuluc itself.
 */
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BUILTIN_SETS } from "../../src/catalogues";
import { main } from "../../src/cli/main";
import { newAppendix } from "../../src/core/newAppendix";
import { newWorkbook } from "../../src/host/xlsx/create";
import { readWorkbook } from "../../src/host/xlsx/grids";
import { describeWith, findProgram } from "../external";

const ROOT = join(__dirname, "..", "..");
const SAMPLE = join(ROOT, "samples", "ha-nam-1800-2019.xlsx");
const python = findProgram(["/usr/bin/python3"]);
const soffice = findProgram(["soffice", "libreoffice"]);
let dir: string;
let sets: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "phuluc-criteria-"));
  sets = join(dir, "sets");
});

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main([...argv, "--criteria-dir", sets], { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}
const sha = (p: string): string => createHash("sha256").update(readFileSync(p)).digest("hex");
const plain = (() => {
  const { byCode: _b, childrenOf: _c, fields: _f, ...rest } = BUILTIN_SETS[0]!;
  return rest;
})();

describe("phuluc criteria export, then import", () => {
  const file = () => join(dir, "bo-tieu-chi.xlsx");
  test("export writes the “Bộ tiêu chí” sheet; import reads back exactly the same set and stores it", async () => {
    const e = await run("criteria", "export", "par-tinh-2636-2018", "-o", file());
    expect(e.code).toBe(0);
    expect(e.out).toMatch(/Đã ghi bộ tiêu chí .* \(145 mục\)/);
    const i = await run("criteria", "import", file());
    expect(i.err).toBe("");
    expect(i.code).toBe(0);
    expect(i.out).toMatch(/danh sách tiêu chí\): 8 lĩnh vực, 41 tiêu chí, 96 tiêu chí thành phần; tổng 100 điểm/);
    expect(JSON.parse(readFileSync(join(sets, "par-tinh-2636-2018.json"), "utf8"))).toEqual(plain);
  });

  test("an independent reader (openpyxl) sees codes as text, points as numbers, the header row repeated on print", () => {
    if (!python) return;
    const out = execFileSync(
      python,
      ["-c", "import openpyxl,sys,json; ws=openpyxl.load_workbook(sys.argv[1])['Bộ tiêu chí']; print(json.dumps([ws['A12'].value, ws['B12'].value, ws['D12'].value, ws['A13'].value, ws.print_title_rows, ws.page_setup.paperSize, ws.max_row]))", file()],
      { encoding: "utf8" },
    );
    expect(JSON.parse(out)).toEqual(["1", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC", 9, "1.1", "$11:$11", 9, 156]);
  });

  test("an existing file is not replaced without --overwrite; the set lists under the user's sets", async () => {
    const before = sha(file());
    const e = await run("criteria", "export", "par-tinh-2636-2018", "-o", file());
    expect(e.code).toBe(1);
    expect(e.err).toMatch(/tệp đã có. Thêm --overwrite/);
    expect(sha(file())).toBe(before);
    const again = await run("criteria", "import", file());
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/par-tinh-2636-2018\.json: tệp đã có/);
    const list = await run("criteria");
    expect(list.out).toMatch(/Bộ tiêu chí của bạn/);
    expect(list.out).toMatch(/\(par-tinh-2636-2018\.json\)/);
  });
});

describe("phuluc criteria import of a sheet with errors", () => {
  test("every error says its cell, exit 1, and nothing is stored", async () => {
    const bad = join(dir, "bad.xlsx");
    const model = {
      name: "Danh sách",
      columns: [8, 40, 12],
      merges: [],
      rows: [
        { cells: [{ value: "Mã" }, { value: "Tên tiêu chí" }, { value: "Điểm tối đa" }] },
        { cells: [{ value: "1" }, { value: "Chỉ đạo" }, { value: 3 }] },
        { cells: [{ value: "1.1" }, { value: "Kế hoạch" }, { value: "hai" }] },
        { cells: [{ value: "1.1" }, { value: "Báo cáo" }, { value: 1 }] },
      ],
    };
    writeFileSync(bad, newWorkbook([model]));
    const store = join(dir, "empty-sets");
    let out = "";
    let err = "";
    const code = await main(["criteria", "import", bad, "--criteria-dir", store], { stdout: (s) => (out += s), stderr: (s) => (err += s) });
    expect(code).toBe(1);
    expect(out).toMatch(/Lỗi C3: điểm tối đa của 1\.1 không phải là số \(“hai”\)\./);
    expect(out).toMatch(/Lỗi A4: mã 1\.1 bị trùng \(đã có ở ô A3\)\./);
    expect(err).toMatch(/Có 2 lỗi nên chưa lưu gì/);
    expect(existsSync(store) ? readdirSync(store) : []).toEqual([]);
  });

  test("a file that is not a workbook is said, in Vietnamese", async () => {
    const junk = join(dir, "junk.xlsx");
    writeFileSync(junk, "not a zip");
    const r = await run("criteria", "import", junk);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^.*junk\.xlsx: /);
  });
});

test("the set derived from the Hà Nam appendix, plus 3.2.5, is the built-in one (but for its 5 typos and the survey marks the sheet does not show)", async () => {
  const target = join(dir, "ha-nam.json");
  const r = await run("criteria", "import", SAMPLE, "-o", target);
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/Cảnh báo C35: 3\.2 có điểm tối đa 3 nhưng các mục con cộng lại được 2,25\./);
  const derived = JSON.parse(readFileSync(target, "utf8")) as typeof plain;
  const item325 = plain.items.find((i) => i.code === "3.2.5")!;
  const items = [...derived.items, item325].sort((a, b) => a.code.localeCompare(b.code, "en", { numeric: true }));
  expect(items.map((i) => [i.code, i.level, i.maxPoints])).toEqual(plain.items.map((i) => [i.code, i.level, i.maxPoints]));
  const typos = items.filter((i, k) => i.name !== plain.items[k]!.name).map((i) => i.code);
  expect(typos).toEqual(["4.4.2", "4.4.3", "5.8", "5.8.2", "5.9.4"]);
  const survey = items.filter((i, k) => i.survey !== plain.items[k]!.survey).map((i) => i.code);
  expect(survey).toEqual(["6.4", "6.4.1", "6.4.2", "6.4.3", "6.4.4"]);
  expect(derived.totalPoints).toBe(100);
});

describe("phuluc new", () => {
  const plan = () => join(dir, "ke-hoach-2020.xlsx");
  test("the new appendix passes the checker with zero errors and zero warnings", async () => {
    const r = await run("new", "--criteria", "par-tinh-2636-2018", "--year", "2019", "--province", "tỉnh Hà Nam", "-o", plan());
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/145 mục .*điểm đạt được năm 2019, mục tiêu năm 2020, 2021/);
    const c = await run("check", plan(), "--json");
    const sheet = JSON.parse(c.out).files[0].sheets[0];
    expect(sheet.criteriaSet).toMatchObject({ id: "par-tinh-2636-2018" });
    expect(sheet.findings).toEqual([]);
  });

  test("with last year's appendix: its scores, the items that did not match, and the input untouched", async () => {
    const from = join(dir, "nam-truoc.xlsx");
    copyFileSync(SAMPLE, from);
    const before = sha(from);
    const out = join(dir, "ke-hoach-2019.xlsx");
    const r = await run("new", "--criteria", "par-tinh-2636-2018", "--year", "2018", "--from", from, "-o", out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Điểm năm 2018 lấy từ nam-truoc\.xlsx: 104 mục khớp theo mã, 0 theo tên; tổng 74,81413 điểm\./);
    expect(r.out).toMatch(/Chưa có điểm \(không khớp mục nào của năm trước\): 3\.2\.5/);
    const g = readWorkbook(new Uint8Array(readFileSync(out))).grids[0]!;
    const total = g.rows.find((row) => row[1]?.text === "TỔNG ĐIỂM")!;
    expect([total[2]?.value, total[3]?.value, total[2]?.formula]).toEqual([100, 74.81413, "=SUM(C6,C19,C30,C52,C69,C95,C115,C139)"]);
    // -o onto the input is refused, and the input keeps every byte.
    const onto = await run("new", "--criteria", "par-tinh-2636-2018", "--year", "2018", "--from", from, "-o", from, "--overwrite");
    expect(onto.code).toBe(1);
    expect(onto.err).toMatch(/đó là một tệp đầu vào/);
    expect(sha(from)).toBe(before);
  });

  test("a missing --year is a usage error", async () => {
    const r = await run("new", "--criteria", "par-tinh-2636-2018", "-o", join(dir, "x.xlsx"));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/phuluc new cần --criteria/);
  });
});

describeWith(soffice, "LibreOffice")("LibreOffice and the new appendix", () => {
  test("LibreOffice computes the same parents and totals as the cached results", () => {
    // The formulas' cached results are removed, so that what comes back is what LibreOffice computed.
    const n = newAppendix({ set: BUILTIN_SETS[0]!, year: 2019 });
    const stripped = { ...n.sheet, rows: n.sheet.rows.map((r) => ({ ...r, cells: r.cells.map((c) => (c?.formula !== undefined ? { ...c, value: null } : c)) })) };
    const work = join(dir, "lo");
    mkdirSync(work, { recursive: true });
    writeFileSync(join(work, "plan.xlsx"), newWorkbook([stripped]));
    const profile = mkdtempSync(join(tmpdir(), "lo-profile-"));
    execFileSync(soffice!, ["--headless", `-env:UserInstallation=file://${profile}`, "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", join(work, "out"), join(work, "plan.xlsx")], { stdio: "pipe", timeout: 120_000 });
    const g = readWorkbook(new Uint8Array(readFileSync(join(work, "out", "plan.xlsx")))).grids[0]!;
    let formulas = 0;
    n.sheet.rows.forEach((row, r) =>
      row.cells.forEach((cell, c) => {
        if (cell?.formula === undefined) return;
        formulas++;
        expect([r, c, g.rows[r]?.[c]?.value]).toEqual([r, c, cell.value]);
      }),
    );
    // 8 fields, the 32 criteria that have sub-criteria and the total, in 4 point columns.
    expect(formulas).toBe((8 + 32 + 1) * 4);
  });
});

describe("the “Thực hiện” catalogue as a sheet", () => {
  const sheet = () => join(dir, "danh-muc.xlsx");
  test("export, then import: the same catalogue; --rules takes the .xlsx as it is", async () => {
    const e = await run("rules", "export", "-o", sheet());
    expect(e.code).toBe(0);
    const json = join(dir, "danh-muc.json");
    const i = await run("rules", "import", sheet(), "-o", json);
    expect(i.code).toBe(0);
    expect(i.out).toMatch(/65 quy tắc/);
    const { BUILTIN_RULES } = await import("../../src/catalogues");
    expect(JSON.parse(readFileSync(json, "utf8"))).toEqual(BUILTIN_RULES);
    const fromXlsx = JSON.parse((await run(SAMPLE, "--rules", sheet(), "--json")).out).files[0].sheets[0].fills;
    const fromJson = JSON.parse((await run(SAMPLE, "--json")).out).files[0].sheets[0].fills;
    expect(fromXlsx).toEqual(fromJson);
    expect(fromXlsx.length).toBeGreaterThan(15);
  });

  test("a catalogue sheet with a wrong cell: the check stops with the cell named (exit 2), nothing is read from it", async () => {
    const bad = join(dir, "danh-muc-sai.xlsx");
    const { rulesSheetModel } = await import("../../src/core/rulesSheet");
    const { BUILTIN_RULES } = await import("../../src/catalogues");
    const model = rulesSheetModel(BUILTIN_RULES);
    const rows = model.rows.map((r, k) => (k === 12 ? { ...r, cells: r.cells.map((c, j) => (j === 6 ? { value: "{lead} tiếp tục {viec}" } : c)) } : r));
    writeFileSync(bad, newWorkbook([{ ...model, rows }]));
    const r = await run(SAMPLE, "--rules", bad);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/G13: \{viec\} không phải chỗ trống được dùng/);
  });

  test("coverage names the items no rule covers", async () => {
    const r = await run("rules", "coverage");
    expect(r.out).toMatch(/3\.3-mot-cua \(Văn phòng UBND tỉnh\): 4 mục — 3\.3, 3\.3\.1, 3\.3\.2, 3\.3\.3/);
    expect(r.out).toMatch(/Mọi mục của bộ tiêu chí đều có quy tắc\./);
  });
});

test("--criteria takes a workbook: the set is read from its sheet and forced", async () => {
  const file = join(dir, "bo-cho-check.xlsx");
  await run("criteria", "export", "par-tinh-2636-2018", "-o", file, "--overwrite");
  const r = await run(SAMPLE, "--criteria", file, "--json");
  expect(JSON.parse(r.out).files[0].sheets[0].criteriaSet).toMatchObject({ id: "par-tinh-2636-2018", choice: "forced" });
});
