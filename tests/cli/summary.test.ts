/**
 * Issue 8 §2: `phuluc check <folder> --summary tong-hop.xlsx` over generated agencies with planted losses: ranked,
 * named from their title rows, the per-criterion sheet right, the workbook re-read by openpyxl and opened by
 * LibreOffice, the same ranking in --json.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BUILTIN_SETS } from "../../src/catalogues";
import { main } from "../../src/cli/main";
import { analyzeSheet } from "../../src/core/analyze";
import { gridFromValues } from "../../src/core/grid";
import { newAppendix } from "../../src/core/newAppendix";
import { newWorkbook } from "../../src/host/xlsx/create";
import { describeWith, findProgram } from "../external";

const python = findProgram(["/usr/bin/python3"]);
const soffice = findProgram(["soffice", "libreoffice"]);
const set = BUILTIN_SETS[0]!;
let dir: string;

/** An agency's appendix: every leaf at its max but for the planted losses; its name in the title row. */
function agency(title: string, losses: Record<string, number>): Uint8Array {
  const leaves = set.items.filter((i) => !set.items.some((j) => j.code.startsWith(`${i.code}.`)));
  const rows = [["Stt", "Tiêu chí", "Điểm chuẩn", "Điểm đạt được năm 2023"], ...leaves.map((l) => [l.code, l.name, l.maxPoints, l.maxPoints - (losses[l.code] ?? 0)])];
  const previous = analyzeSheet(gridFromValues("x", rows), { criteriaSets: [set] });
  if (!previous.recognized) throw new Error("not recognised");
  const model = newAppendix({ set, year: 2023, previous, sheetName: "Phụ lục" }).sheet;
  const titled = { ...model, rows: model.rows.map((r, i) => (i === 1 ? { ...r, cells: [{ value: title, style: r.cells[0]?.style ?? {} }] } : r)) };
  return newWorkbook([titled]);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "phuluc-summary-"));
  mkdirSync(join(dir, "in"));
  writeFileSync(join(dir, "in", "so-a.xlsx"), agency("BẢNG TỰ CHẤM ĐIỂM CỦA SỞ TÀI CHÍNH NĂM 2023", { "1.5": 1 }));
  writeFileSync(join(dir, "in", "so-b.xlsx"), agency("Kết quả tự đánh giá - UBND huyện Kim Bảng, năm 2023", { "1.5": 0.5, "7.2.2": 1 }));
  writeFileSync(join(dir, "in", "so-c.xlsx"), agency("BẢNG TỰ CHẤM ĐIỂM CỦA SỞ TƯ PHÁP NĂM 2023", {}));
  writeFileSync(join(dir, "in", "khong-phai.xlsx"), newWorkbook([{ name: "Ghi chú", columns: [20], rows: [{ cells: [{ value: "Không có bảng điểm" }] }], merges: [] }]));
});

async function run(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

test("ranked by the chosen score, agencies named from their titles, the same in --json", async () => {
  const file = join(dir, "tong-hop.xlsx");
  const r = await run("check", join(dir, "in"), "--summary", file, "--json");
  expect(r.code).toBe(0);
  expect(r.err).toMatch(/Đã ghi bảng tổng hợp .*tong-hop\.xlsx: 3 phụ lục, xếp hạng theo “Điểm đạt được năm 2023”\./);
  const ranking = JSON.parse(r.out).ranking as Array<{ rank: number; agency: string; total: number; fields: Record<string, { points: number; share: number }> }>;
  expect(ranking.map((x) => [x.rank, x.agency, x.total])).toEqual([
    [1, "SỞ TƯ PHÁP", 100],
    [2, "SỞ TÀI CHÍNH", 99],
    [3, "UBND huyện Kim Bảng", 98.5],
  ]);
  expect(ranking[2]!.fields["7"]).toMatchObject({ points: 12.5, share: 0.9259 });
});

describeWith(python, "python3 with openpyxl")("the summary workbook, re-read by an independent reader", () => {
  test("figures as numbers, the per-criterion sheet, A4 landscape with the header repeated, links to the copies", async () => {
    const file = join(dir, "tong-hop-2.xlsx");
    await run("check", join(dir, "in"), "--summary", file, "--out", join(dir, "copies"));
    const dump = JSON.parse(
      execFileSync(
        python!,
        [
          "-c",
          "import openpyxl,sys,json\nwb=openpyxl.load_workbook(sys.argv[1])\nout={}\nfor ws in wb.worksheets:\n  out[ws.title]={'rows':[list(r) for r in ws.iter_rows(min_row=5,max_row=7,values_only=True)],'titles':ws.print_title_rows,'orientation':ws.page_setup.orientation}\nprint(json.dumps(out,ensure_ascii=False,default=str))",
          file,
        ],
        { encoding: "utf8" },
      ),
    );
    const t = dump["Tổng hợp"];
    expect(t.orientation).toBe("landscape");
    expect(t.titles).toBe("$4:$4");
    expect(t.rows[0].slice(0, 7)).toEqual([1, "SỞ TƯ PHÁP", "par-tinh-2636-2018", 100, 100, 9, 1]);
    expect(t.rows[2].slice(0, 4)).toEqual([3, "UBND huyện Kim Bảng", "par-tinh-2636-2018", 98.5]);
    expect(String(t.rows[0][t.rows[0].length - 1])).toMatch(/^=HYPERLINK\("copies\/so-c\.kiem-tra\.xlsx","Mở"\)$/);
    const c = dump["Theo tiêu chí"];
    expect(c.rows[0]).toEqual(["1.5", "Sáng kiến hoặc giải pháp mới trong cải cách hành chính", 2, 2, 1.5, 1.5]);
    expect(c.rows[1].slice(0, 5)).toEqual(["7.2.2", expect.any(String), 1, 1, 1]);
  });
});

describeWith(soffice, "LibreOffice")("LibreOffice opens the summary", () => {
  test("and prints it", () => {
    const file = join(dir, "tong-hop.xlsx");
    const profile = mkdtempSync(join(tmpdir(), "lo-profile-"));
    execFileSync(soffice!, ["--headless", `-env:UserInstallation=file://${profile}`, "--convert-to", "pdf", "--outdir", join(dir, "pdf"), file], { stdio: "pipe", timeout: 120_000 });
    expect(readFileSync(join(dir, "pdf", "tong-hop.pdf")).subarray(0, 4).toString()).toBe("%PDF");
  });
});

describeWith(python, "python3 with openpyxl")("the “Góp ý” sheet in each annotated copy", () => {
  test("Stt | Tiêu chí | Nội dung cần điều chỉnh | Đề nghị, grouped by field, numbers in Vietnamese, no rule ids", async () => {
    const out = join(dir, "copies-feedback");
    mkdirSync(join(dir, "loi"), { recursive: true });
    // 1.5 scored 3 of 2: an error the agency must correct.
    writeFileSync(join(dir, "loi", "so-d.xlsx"), agency("BẢNG TỰ CHẤM ĐIỂM CỦA SỞ NỘI VỤ NĂM 2023", { "1.5": -1 }));
    const r = await run("check", join(dir, "loi", "so-d.xlsx"), "--out", out);
    expect(r.out).toMatch(/trang “Góp ý” liệt kê những gì đơn vị cần điều chỉnh/);
    const dump = JSON.parse(
      execFileSync(python!, ["-c", "import openpyxl,sys,json\nws=openpyxl.load_workbook(sys.argv[1])['Góp ý']\nprint(json.dumps([list(r) for r in ws.iter_rows(values_only=True)],ensure_ascii=False,default=str))", join(out, "so-d.kiem-tra.xlsx")], { encoding: "utf8" }),
    ) as unknown[][];
    expect(dump[2]).toEqual(["Stt", "Tiêu chí", "Nội dung cần điều chỉnh", "Đề nghị"]);
    expect(String(dump[1]![0])).toMatch(/bộ tiêu chí: Bộ tiêu chí xác định Chỉ số CCHC cấp tỉnh .*rà soát ngày/);
    const text = JSON.stringify(dump);
    expect(text).not.toMatch(/sum-mismatch|over-max|number-as-text/);
    expect(dump[3]![1]).toMatch(/^Lĩnh vực 1: CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC$/);
    const row = dump.find((r) => String(r[1]).startsWith("1.5 "))!;
    expect(String(row[2])).toMatch(/vượt điểm tối đa 2/);
    expect(String(row[3])).toBe("Điểm của 1.5 không vượt quá điểm tối đa (2); chấm lại theo hướng dẫn.");
  });
});
