/**
 * The Office host against office-addin-mock: one sync per action (a spy counts them), reads validated (a property
 * never loaded fails the test), writes undoable and exact.
 */
import { OfficeMockObject } from "office-addin-mock";
import { analyzeSheet } from "../../src/core/analyze";
import { conversionPlan, highlightPlan, numberPlan, sumPlan } from "../../src/core/editPlan";
import { encodeLegacy } from "../../src/core/legacy";
import { toA1 } from "../../src/core/grid";
import { BUILTIN_RULES, BUILTIN_SETS } from "../../src/catalogues";
import { ExcelHost } from "../../src/host/office/excelHost";
import { SHEET_LIMITS } from "../../src/host/host";
import { LoadedRangeSchema, LoadError, validated } from "../../src/host/office/convert";
import { buildReportSheet } from "../../src/i18n/report";
import { newAppendix } from "../../src/core/newAppendix";
import { contentsDigest, modelContents, reportContents } from "../../src/core/sheetModel";
import { translator } from "../../src/i18n";
import { excelMock, MockWorkbook } from "./officeMock";
import { fixtureGrids, recognized } from "../helpers";

type Globals = { Excel?: unknown; Office?: unknown };
const g = globalThis as unknown as Globals;

async function haNamWorkbook(): Promise<MockWorkbook> {
  const grid = (await fixtureGrids("ha-nam-1800-2019.xlsx"))[0]!;
  const wb = new MockWorkbook();
  const rows = grid.rows.map((row) => Array.from({ length: grid.colCount }, (_, c) => row[c]?.value ?? null));
  wb.addSheet("Phụ lục", rows, ["A1:G1", "A2:G2", "A3:G3"]);
  return wb;
}

function install(wb: MockWorkbook) {
  const m = excelMock(wb);
  g.Excel = m.Excel;
  g.Office = m.Office;
  const syncs = jest.spyOn(m.context, "sync");
  return { ...m, syncs };
}

afterEach(() => {
  delete g.Excel;
  delete g.Office;
});

/** The Hà Nam workbook in the mock, read once by a fresh host: the start of every write test. */
async function readHaNam() {
  const wb = await haNamWorkbook();
  const { syncs } = install(wb);
  const host = new ExcelHost();
  const read = await host.readActiveSheet();
  if (!read.ok) throw new Error(JSON.stringify(read.error));
  return { wb, syncs, host, grid: read.value.grid };
}

const analyze = (grid: Parameters<typeof analyzeSheet>[0]) => recognized(analyzeSheet(grid, { criteriaSets: BUILTIN_SETS, rules: BUILTIN_RULES }));

describe("reading the active sheet", () => {
  test("one sync; the grid is what the .xlsx host reads, and the appendix is recognised the same way", async () => {
    const wb = await haNamWorkbook();
    const { syncs } = install(wb);
    const r = await new ExcelHost().readActiveSheet();
    expect(syncs).toHaveBeenCalledTimes(1);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.grid.merges).toHaveLength(3);
    const fromFile = analyze((await fixtureGrids("ha-nam-1800-2019.xlsx"))[0]!);
    const fromExcel = analyze(r.value.grid);
    expect(fromExcel.findings.map((f) => [f.rule, f.code, f.row, f.col])).toEqual(fromFile.findings.map((f) => [f.rule, f.code, f.row, f.col]));
    expect(fromExcel.counts).toEqual(fromFile.counts);
  });

  test("a sheet beyond the limits is refused with its size, in the same single sync", async () => {
    const wb = new MockWorkbook();
    const rows = Array.from({ length: 60_000 }, (_, i) => [String(i + 1)]);
    wb.addSheet("Lớn", rows);
    const { syncs } = install(wb);
    const r = await new ExcelHost().readActiveSheet();
    expect(syncs).toHaveBeenCalledTimes(1);
    expect(r).toEqual({ ok: false, error: { code: "too-large", params: { rows: 60_000, cols: 1, maxRows: SHEET_LIMITS.maxRows, maxCols: SHEET_LIMITS.maxCols } } });
  });

  test("a protected sheet is read and flagged", async () => {
    const wb = await haNamWorkbook();
    wb.sheets[0]!.protected = true;
    install(wb);
    const r = await new ExcelHost().readActiveSheet();
    expect(r.ok && r.value.grid.protected).toBe(true);
  });

  test("an Excel older than ExcelApi 1.9 is told so, without a round trip", async () => {
    const wb = await haNamWorkbook();
    wb.apiVersion = "1.8";
    const { syncs } = install(wb);
    expect(await new ExcelHost().readActiveSheet()).toEqual({ ok: false, error: { code: "office-too-old", params: { need: "1.9" } } });
    expect(syncs).not.toHaveBeenCalled();
  });

  test("the report sheet made earlier is found by id in the same sync", async () => {
    const wb = await haNamWorkbook();
    wb.addSheet("Kết quả kiểm tra", [["x"]]);
    const { syncs } = install(wb);
    const r = await new ExcelHost().readActiveSheet("{2}");
    expect(syncs).toHaveBeenCalledTimes(1);
    expect(r.ok && r.value.reportSheet).toEqual({ id: "{2}", name: "Kết quả kiểm tra" });
    const none = await new ExcelHost().readActiveSheet("{9}");
    expect(none.ok && none.value.reportSheet).toBeNull();
  });

  test("what was never loaded fails validation instead of becoming an empty sheet", async () => {
    const range = new OfficeMockObject({ values: [[1]], text: [["1"]], numberFormat: [["General"]], formulas: [[1]], valueTypes: [["Double"]] });
    range.load("values, numberFormat, formulas, valueTypes"); // "text" forgotten
    await range.sync();
    expect(() => validated(LoadedRangeSchema, { values: range.values, text: range.text, numberFormat: range.numberFormat, formulas: range.formulas, valueTypes: range.valueTypes }, "test")).toThrow(LoadError);
    const notSynced = new OfficeMockObject({ values: [[1]] });
    notSynced.load("values");
    expect(() => validated(LoadedRangeSchema, { values: notSynced.values, text: [["1"]], numberFormat: [["General"]], formulas: [[1]], valueTypes: [["Double"]] }, "test")).toThrow(/Excel returned unexpected data/);
  });
});

describe("filling “Thực hiện”", () => {
  test("one sync to write; undo reads once and writes once, and restores the cells exactly; formula-like text stays text", async () => {
    const { wb, syncs, host, grid } = await readHaNam();
    const a = analyze(grid);
    const fills = [...(a.fills?.edits ?? []).slice(0, 5), { ...(a.fills!.edits[5]!), value: "=HYPERLINK(\"http://x\")" }];
    const before = fills.map((f) => ({ ...wb.cell("Phụ lục", toA1(f.row, f.col)) }));
    syncs.mockClear();
    const applied = await host.applyFills("Phụ lục", fills);
    expect(syncs).toHaveBeenCalledTimes(1);
    if (!applied.ok) throw new Error(JSON.stringify(applied.error));
    for (const f of fills) {
      const c = wb.cell("Phụ lục", toA1(f.row, f.col))!;
      expect([c.value, c.formula]).toEqual([f.value, undefined]);
    }
    expect(wb.cell("Phụ lục", applied.value.cells[5]!.address)?.numberFormat).toBe("@");
    // Each filled row is fitted to its new text, in the same single write.
    expect([...(wb.sheet("Phụ lục").autofitted ?? [])].sort()).toEqual(fills.map((f) => toA1(f.row, f.col)).sort());
    syncs.mockClear();
    const undone = await host.undoFills(applied.value);
    expect(syncs).toHaveBeenCalledTimes(2);
    expect(undone).toEqual({ ok: true, value: { restored: fills.length, kept: [] } });
    fills.forEach((f, i) => {
      const c = wb.cell("Phụ lục", toA1(f.row, f.col));
      expect({ value: c?.value ?? null, numberFormat: c?.numberFormat ?? "General" }).toEqual({ value: before[i]?.value ?? null, numberFormat: before[i]?.numberFormat ?? "General" });
    });
  });

  test("“Chuyển thành số”: one sync writes the numbers (a Text-formatted cell made General); undo puts back the text and its format", async () => {
    const wb = await haNamWorkbook();
    const textCells = [...wb.sheet("Phụ lục").cells].filter(([, c]) => typeof c.value === "string" && /^\d+([.,]\d+)?$/.test(c.value));
    expect(textCells.length).toBeGreaterThan(10);
    textCells[0]![1].numberFormat = "@";
    const { syncs } = install(wb);
    const host = new ExcelHost();
    const read = await host.readActiveSheet();
    if (!read.ok) throw new Error("read");
    const plan = numberPlan(analyze(read.value.grid), [read.value.grid]);
    expect(plan.length).toBe(70);
    const first = plan.find((p) => toA1(p.row, p.col) === textCells[0]![0]);
    expect(first?.numberFormat).toBe("General");
    const before = plan.map((p) => ({ ...wb.cell("Phụ lục", toA1(p.row, p.col)) }));
    syncs.mockClear();
    const applied = await host.applyFills("Phụ lục", plan);
    expect(syncs).toHaveBeenCalledTimes(1);
    if (!applied.ok) throw new Error(JSON.stringify(applied.error));
    for (const p of plan) expect(wb.cell("Phụ lục", toA1(p.row, p.col))?.value).toBe(p.number);
    expect(wb.cell("Phụ lục", textCells[0]![0])?.numberFormat).toBe("General");
    const undone = await host.undoFills(applied.value);
    expect(undone).toEqual({ ok: true, value: { restored: 70, kept: [] } });
    plan.forEach((p, i) => {
      const c = wb.cell("Phụ lục", toA1(p.row, p.col));
      expect([c?.value, c?.numberFormat ?? "General"]).toEqual([before[i]?.value, before[i]?.numberFormat ?? "General"]);
    });
  });

  test("“Ghi lại mã”: one sync writes each code as text in a Text-formatted cell, no row refitted; undo puts back the number", async () => {
    const { wb, syncs, host, grid } = await readHaNam();
    // A code cell made a number, as an en-US Excel stores a typed 1.10: the edit writes the code back as text.
    const item = analyze(grid).body.items.find((i) => i.code === "1.1")!;
    const address = toA1(item.row, 0);
    const sheet = wb.sheet("Phụ lục");
    sheet.cells.set(address, { ...(sheet.cells.get(address) ?? { fill: { pattern: "None" } }), value: 1.1, numberFormat: "General" });
    syncs.mockClear();
    const edit = { row: item.row, col: 0, old: "1.1", value: "1.10", numberFormat: "@" as const };
    const applied = await host.applyFills("Phụ lục", [edit]);
    expect(syncs).toHaveBeenCalledTimes(1);
    if (!applied.ok) throw new Error(JSON.stringify(applied.error));
    expect([wb.cell("Phụ lục", address)?.value, wb.cell("Phụ lục", address)?.numberFormat]).toEqual(["1.10", "@"]);
    expect([...(sheet.autofitted ?? [])]).toEqual([]);
    const undone = await host.undoFills(applied.value);
    expect(undone).toEqual({ ok: true, value: { restored: 1, kept: [] } });
    expect([wb.cell("Phụ lục", address)?.value, wb.cell("Phụ lục", address)?.numberFormat]).toEqual([1.1, "General"]);
  });

  test("“Sửa tổng”: a parent written as a SUM formula (or the number) in one sync; undo puts back the typed value", async () => {
    const { wb, syncs, host, grid } = await readHaNam();
    const plan = sumPlan(analyze(grid), [grid]);
    expect(plan.map((p) => [p.code, toA1(p.row, p.col)])).toEqual([["4", "D54"], ["4.1", "D55"], ["5", "D72"], ["5.7", "D88"], ["5.9", "D95"], ["7", "E121"], ["7.5", "E141"]]);
    // As a formula, the way a sheet whose parents are SUMs gets it.
    const edit = { ...plan[3]!, formula: "=SUM(D89,D90,D91)", value: "=SUM(D89,D90,D91)" };
    syncs.mockClear();
    const applied = await host.applyFills("Phụ lục", [edit, plan[0]!]);
    expect(syncs).toHaveBeenCalledTimes(1);
    if (!applied.ok) throw new Error(JSON.stringify(applied.error));
    expect(wb.cell("Phụ lục", "D88")?.formula).toBe("=SUM(D89,D90,D91)");
    expect(wb.cell("Phụ lục", "D54")?.value).toBe(9.50035);
    const undone = await host.undoFills(applied.value);
    expect(undone).toEqual({ ok: true, value: { restored: 2, kept: [] } });
    expect([wb.cell("Phụ lục", "D88")?.value, wb.cell("Phụ lục", "D88")?.formula]).toEqual([1, undefined]);
    expect(wb.cell("Phụ lục", "D54")?.value).toBe(9.50105);
  });

  test("“Hoàn tác” never erases what the user typed since the fill: those cells are kept and named", async () => {
    const { wb, host, grid } = await readHaNam();
    const fills = analyze(grid).fills!.edits.slice(0, 4);
    const applied = await host.applyFills("Phụ lục", fills);
    if (!applied.ok) throw new Error(JSON.stringify(applied.error));
    const edited = applied.value.cells[1]!.address;
    const sheet = wb.sheet("Phụ lục");
    sheet.cells.set(edited, { ...(sheet.cells.get(edited) ?? { numberFormat: "General", fill: { pattern: "None" } }), value: "Anh Minh sửa lại câu này" });
    const undone = await host.undoFills(applied.value);
    expect(undone).toEqual({ ok: true, value: { restored: 3, kept: [edited] } });
    expect(wb.cell("Phụ lục", edited)?.value).toBe("Anh Minh sửa lại câu này");
    for (const c of applied.value.cells.filter((x) => x.address !== edited)) expect(wb.cell("Phụ lục", c.address)?.value ?? "").toBe(c.before === "" ? "" : c.before);
  });

  test("a cell filled in since the read is put back and reported, never overwritten", async () => {
    const { wb, host, grid } = await readHaNam();
    const fill = analyze(grid).fills!.edits[0]!;
    const address = toA1(fill.row, fill.col);
    wb.sheet("Phụ lục").cells.set(address, { value: "Chị Lan vừa gõ", numberFormat: "General", fill: { pattern: "None" } });
    const r = await host.applyFills("Phụ lục", [fill]);
    expect(r).toEqual({ ok: false, error: { code: "stale", params: { cells: address } } });
    expect(wb.cell("Phụ lục", address)?.value).toBe("Chị Lan vừa gõ");
  });

  test("a protected sheet: Excel's refusal becomes a clear error", async () => {
    const { wb, host, grid } = await readHaNam();
    wb.sheets[0]!.protected = true;
    const r = await host.applyFills("Phụ lục", analyze(grid).fills!.edits.slice(0, 2));
    expect(r.ok ? null : r.error.code).toBe("protected");
  });
});

describe("highlighting below-target items", () => {
  test("one sync each way; “Xóa tô sáng” leaves every format exactly as it was, the user's own fills included", async () => {
    const { wb, syncs, host, grid } = await readHaNam();
    const a = analyze(grid);
    const cells = highlightPlan(a);
    // The user's own formatting on some of those cells: a solid colour and a pattern.
    const sheet = wb.sheet("Phụ lục");
    const own1 = toA1(cells[0]!.row, cells[0]!.col);
    const own2 = toA1(cells[1]!.row, cells[1]!.col);
    sheet.cells.set(own1, { ...(sheet.cells.get(own1) ?? { value: null, numberFormat: "General" }), fill: { color: "#C6EFCE", pattern: "Solid", tintAndShade: 0 } });
    sheet.cells.set(own2, { ...(sheet.cells.get(own2) ?? { value: null, numberFormat: "General" }), fill: { color: "#FFFFFF", pattern: "Gray25", patternColor: "#FF0000" } });
    const snapshot = new Map([...sheet.cells].map(([k, v]) => [k, JSON.stringify(v.fill)]));
    syncs.mockClear();
    const h = await host.highlight("Phụ lục", cells);
    expect(syncs).toHaveBeenCalledTimes(1);
    if (!h.ok) throw new Error("highlight");
    expect(h.value.cells).toHaveLength(cells.length);
    expect(cells.every((c) => sheet.cells.get(toA1(c.row, c.col))?.fill.color === "#FFE699")).toBe(true);
    syncs.mockClear();
    const cleared = await host.clearHighlight(h.value);
    expect(syncs).toHaveBeenCalledTimes(1);
    expect(cleared).toEqual({ ok: true, value: cells.length });
    const after = new Map([...sheet.cells].map(([k, v]) => [k, JSON.stringify(v.fill)]));
    for (const [k, v] of snapshot) expect([k, after.get(k)]).toEqual([k, v]);
  });

  test("cells the user reformatted since are skipped", async () => {
    const { wb, host, grid } = await readHaNam();
    const cells = highlightPlan(analyze(grid)).slice(0, 3);
    const h = await host.highlight("Phụ lục", cells);
    if (!h.ok) throw new Error("highlight");
    const changed = toA1(cells[0]!.row, cells[0]!.col);
    wb.sheet("Phụ lục").cells.get(changed)!.fill = { color: "#FF0000", pattern: "Solid" };
    const r = await host.clearHighlight(h.value, new Set([changed]));
    expect(r).toEqual({ ok: true, value: 2 });
    expect(wb.cell("Phụ lục", changed)?.fill.color).toBe("#FF0000");
  });
});

describe("the report sheet, navigation and undo grouping", () => {
  test("writing the report is one read and one write, replaces the tool's own earlier report, and links to cells", async () => {
    const { wb, syncs, host, grid } = await readHaNam();
    const report = buildReportSheet(translator("vi"), [analyze(grid)], { version: "test", date: "hôm nay" });
    syncs.mockClear();
    const first = await host.writeReport(report, null);
    expect(syncs).toHaveBeenCalledTimes(2);
    if (!first.ok) throw new Error("report");
    expect(first.value.name).toBe("Kết quả kiểm tra");
    const sheet = wb.sheet("Kết quả kiểm tra");
    expect(sheet.cells.get("A1")?.value).toBe("KẾT QUẢ KIỂM TRA PHỤ LỤC CHỈ SỐ CCHC");
    const links = [...sheet.cells.values()].filter((c) => c.hyperlink).map((c) => c.hyperlink?.documentReference);
    expect(links).toContain("'Phụ lục'!C35");
    const written = reportContents(report);
    syncs.mockClear();
    const second = await host.writeReport(report, { ...first.value, written });
    expect(syncs).toHaveBeenCalledTimes(2);
    expect(second.ok && second.value).toMatchObject({ name: "Kết quả kiểm tra", replaced: true, kept: null });
    expect(wb.sheets.filter((s) => s.name === "Kết quả kiểm tra")).toHaveLength(1);
    // Only a digest is known after a reload: it tells an untouched report too.
    if (!second.ok) throw new Error("report");
    const third = await host.writeReport(report, { ...second.value, written: { digest: contentsDigest(written) } });
    expect(third.ok && third.value.replaced).toBe(true);
  });

  test("a report the user wrote notes into is never replaced: the new one gets the next name", async () => {
    const { wb, host, grid } = await readHaNam();
    const report = buildReportSheet(translator("vi"), [analyze(grid)], { version: "test", date: "hôm nay" });
    const first = await host.writeReport(report, null);
    if (!first.ok) throw new Error("report");
    wb.sheet("Kết quả kiểm tra").cells.set("H3", { value: "Ghi chú của tôi", numberFormat: "General", fill: { pattern: "None" } });
    const second = await host.writeReport(report, { ...first.value, written: reportContents(report) });
    expect(second.ok && second.value).toMatchObject({ name: "Kết quả kiểm tra (2)", replaced: false, kept: { edited: true, changed: ["H3"] } });
    expect(wb.sheet("Kết quả kiểm tra").cells.get("H3")?.value).toBe("Ghi chú của tôi");
  });

  test("select activates the sheet and selects the cell in one sync", async () => {
    const wb = await haNamWorkbook();
    const { syncs } = install(wb);
    await new ExcelHost().select("Phụ lục", "C35");
    expect(syncs).toHaveBeenCalledTimes(1);
    expect(wb.selected).toEqual({ sheet: "Phụ lục", address: "C35" });
  });

  test.each([
    ["1.20", [{ mergeUndoGroup: true }]],
    ["1.14", []],
  ])("with ExcelApi %s the undo group option is %j", async (version, options) => {
    const wb = await haNamWorkbook();
    wb.apiVersion = version;
    install(wb);
    await new ExcelHost().select("Phụ lục", "A1");
    expect(wb.runOptions).toEqual(options);
  });

  test("settings are kept with the document", async () => {
    const wb = await haNamWorkbook();
    install(wb);
    const host = new ExcelHost();
    expect(await host.saveSettings({ version: 1, x: [1] })).toEqual({ ok: true, value: undefined });
    expect(host.loadSettings()).toEqual({ version: 1, x: [1] });
    expect(host.displayLanguage()).toBe("vi-VN");
  });
});

describe("“Chuyển sang Unicode” in the pane's host", () => {
  test("one sync converts the decoded cells and their font; “Hoàn tác” puts back text and font, keeping cells edited since", async () => {
    const wb = await haNamWorkbook();
    const sheet = wb.sheet("Phụ lục");
    for (const [address, c] of sheet.cells) {
      if (typeof c.value === "string" && /^B\d+$/.test(address)) sheet.cells.set(address, { ...c, value: encodeLegacy(c.value, "tcvn3"), font: ".VnTime" });
    }
    const { syncs } = install(wb);
    const host = new ExcelHost();
    const read = await host.readActiveSheet();
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    // The font of each cell is read in the same sync (getCellProperties), as legacy text is told by it.
    const named = read.value.grid.rows.flatMap((row) => row.filter((c) => c?.kind === "text").map((c) => c!.font));
    expect(named).toContain(".VnTime");
    expect(named).toContain("Calibri");
    expect(syncs).toHaveBeenCalledTimes(1);
    const a = analyze(read.value.grid);
    const plan = conversionPlan(a);
    expect(plan.length).toBeGreaterThan(100);
    expect(plan.every((c) => c.col === 1 && c.font === "Times New Roman")).toBe(true);
    syncs.mockClear();
    const applied = await host.applyFills("Phụ lục", plan);
    expect(syncs).toHaveBeenCalledTimes(1);
    if (!applied.ok) throw new Error(JSON.stringify(applied.error));
    const first = plan[0]!;
    const at = toA1(first.row, first.col);
    expect(wb.cell("Phụ lục", at)).toMatchObject({ value: first.value, font: "Times New Roman" });
    expect(applied.value.cells[0]).toMatchObject({ address: at, before: first.from, beforeFont: ".VnTime" });
    // The user edits one converted cell, then undoes the conversion.
    const edited = toA1(plan[1]!.row, plan[1]!.col);
    wb.sheet("Phụ lục").cells.set(edited, { ...wb.cell("Phụ lục", edited)!, value: "Tên do người dùng sửa" });
    const undone = await host.undoFills(applied.value);
    expect(undone).toEqual({ ok: true, value: { restored: plan.length - 1, kept: [edited] } });
    expect(wb.cell("Phụ lục", at)).toMatchObject({ value: first.from, font: ".VnTime" });
    expect(wb.cell("Phụ lục", edited)?.value).toBe("Tên do người dùng sửa");
  });

  test("a cell changed since the read is not converted: the write is put back and reported", async () => {
    const wb = await haNamWorkbook();
    const sheet = wb.sheet("Phụ lục");
    for (const [address, c] of sheet.cells) {
      if (typeof c.value === "string" && /^B\d+$/.test(address)) sheet.cells.set(address, { ...c, value: encodeLegacy(c.value, "tcvn3"), font: ".VnTime" });
    }
    install(wb);
    const host = new ExcelHost();
    const read = await host.readActiveSheet();
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    const plan = conversionPlan(analyze(read.value.grid)).slice(0, 3);
    const address = toA1(plan[0]!.row, plan[0]!.col);
    sheet.cells.set(address, { ...sheet.cells.get(address)!, value: "Chị Lan vừa gõ" });
    const r = await host.applyFills("Phụ lục", plan);
    expect(r).toEqual({ ok: false, error: { code: "stale", params: { cells: address } } });
    expect(wb.cell("Phụ lục", address)?.value).toBe("Chị Lan vừa gõ");
  });
});

describe("an appendix over several sheets in the pane's host (issue 7 §4)", () => {
  /** The two-sheet fixture in the mock, as the pane reads it: its way of choosing the sheets, then the analysis. */
  async function twoSheets(active: string, withResponsibility = false) {
    const { readWorkbook } = await import("../../src/host/xlsx/grids");
    const { buildWorkbook, submissionSpecs } = await import("../../scripts/fixtures");
    const { mayContinue, sheetAndOthers, sheetsToReadAround } = await import("../../src/core/workbook");
    const spec = submissionSpecs().find((s) => s.file === "nhieu-trang-tinh.xlsx")!;
    const grids = readWorkbook(await buildWorkbook(spec)).grids;
    const wb = new MockWorkbook();
    wb.addSheet("Hướng dẫn", [["Hướng dẫn chấm điểm"], ["Xem Phụ lục kèm theo"]]);
    for (const gr of grids) wb.addSheet(gr.sheetName, gr.rows.map((row) => Array.from({ length: gr.colCount }, (_, c) => row[c]?.value ?? null)), gr.merges.map((m) => `${toA1(m.top, m.left)}:${toA1(m.bottom, m.right)}`));
    wb.addSheet("Ẩn", [["x"]]).visibility = "Hidden";
    // An empty "Thực hiện" column beside both parts, for a fill to plan.
    if (withResponsibility) for (const s of wb.sheets.filter((x) => x.name.startsWith("PL"))) s.cells.set("G2", { value: "Thực hiện", numberFormat: "General", fill: { pattern: "None" } });
    wb.active = active;
    const { syncs } = install(wb);
    const host = new ExcelHost();
    const read = await host.readActiveSheet();
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    const readSyncs = syncs.mock.calls.length;
    const around = sheetsToReadAround(read.value.sheets, active, mayContinue(analyzeSheet(read.value.grid, { criteriaSets: [] })));
    const others = await host.readSheets(around.filter((n) => n !== active));
    if (!others.ok) throw new Error(JSON.stringify(others.error));
    const all = around.map((n) => (n === active ? read.value.grid : (others.value.find((o) => o.name === n) as { grid: Parameters<typeof analyzeSheet>[0] }).grid));
    const a = recognized(sheetAndOthers(all, active, { criteriaSets: BUILTIN_SETS, rules: BUILTIN_RULES }).analysis!);
    return { wb, host, syncs, read: read.value, readSyncs, around, totalSyncs: syncs.mock.calls.length, a };
  }

  test.each(["PL1", "PL2 (tiếp theo)"])("with %s active: the sheet list in the first sync, the other part in one more, one appendix, no finding", async (active) => {
    const { read, readSyncs, around, totalSyncs, a } = await twoSheets(active);
    expect(read.sheets).toEqual(["Hướng dẫn", "PL1", "PL2 (tiếp theo)"]);
    expect(readSyncs).toBe(1);
    expect(totalSyncs).toBe(2);
    expect(around).toContain("PL1");
    expect(around).toContain("PL2 (tiếp theo)");
    expect(a.spans?.map((s) => s.sheetName)).toEqual(["PL1", "PL2 (tiếp theo)"]);
    expect(a.counts).toEqual({ fields: 8, criteria: 41, subs: 96 });
    expect(a.findings).toEqual([]);
  });

  test("a sheet with its total and codes from field I is read alone, in one sync", async () => {
    const wb = await haNamWorkbook();
    wb.addSheet("Khác", [["Stt", "Tiêu chí"], ["1", "x"]]);
    const { syncs } = install(wb);
    const { mayContinue, sheetsToReadAround } = await import("../../src/core/workbook");
    const read = await new ExcelHost().readActiveSheet();
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    expect(sheetsToReadAround(read.value.sheets, "Phụ lục", mayContinue(analyzeSheet(read.value.grid, { criteriaSets: [] })))).toEqual(["Phụ lục"]);
    expect(syncs).toHaveBeenCalledTimes(1);
  });

  test("highlights and fills go to the sheet each cell is on, in one sync each; undo and clear put both sheets back", async () => {
    const { wb, host, syncs, a } = await twoSheets("PL2 (tiếp theo)", true);
    const cells = highlightPlan(a);
    expect(new Set(cells.map((c) => c.sheet))).toEqual(new Set(["PL1", "PL2 (tiếp theo)"]));
    syncs.mockClear();
    const rec = await host.highlight(a.sheetName, cells);
    expect(syncs).toHaveBeenCalledTimes(1);
    if (!rec.ok) throw new Error(JSON.stringify(rec.error));
    for (const c of cells) expect(wb.cell(c.sheet!, toA1(c.row, c.col))?.fill.color).toBe("#FFE699");
    const cleared = await host.clearHighlight(rec.value);
    expect(cleared).toEqual({ ok: true, value: cells.length });
    for (const c of cells) expect(wb.cell(c.sheet!, toA1(c.row, c.col))?.fill.pattern).toBe("None");

    const edits = a.fills!.edits;
    expect(new Set(edits.map((e) => e.sheet))).toEqual(new Set(["PL1", "PL2 (tiếp theo)"]));
    syncs.mockClear();
    const filled = await host.applyFills(a.sheetName, edits);
    expect(syncs).toHaveBeenCalledTimes(1);
    if (!filled.ok) throw new Error(JSON.stringify(filled.error));
    const later = edits.find((e) => e.sheet === "PL2 (tiếp theo)")!;
    const laterCell = toA1(later.row, later.col);
    expect(wb.cell("PL2 (tiếp theo)", laterCell)?.value).toBe(later.value);
    // The user types into one cell of the second sheet; “Hoàn tác” keeps it and names it with its sheet.
    wb.sheet("PL2 (tiếp theo)").cells.set(laterCell, { ...wb.cell("PL2 (tiếp theo)", laterCell)!, value: "Phòng CCHC" });
    const undone = await host.undoFills(filled.value);
    expect(undone).toEqual({ ok: true, value: { restored: edits.length - 1, kept: [`'PL2 (tiếp theo)'!${laterCell}`] } });
    const first = edits.find((e) => e.sheet === "PL1")!;
    expect(wb.cell("PL1", toA1(first.row, first.col))?.value ?? "").toBe(first.old);
  });
});

describe("adding a sheet the core built (a new appendix, a criteria set) and taking it back", () => {
  const model = () => {
    const g = newAppendix({ set: BUILTIN_SETS[0]!, year: 2019, province: "tỉnh Hà Nam", rules: BUILTIN_RULES, sheetName: "Phụ lục" }).sheet;
    // A hostile name in one item: it must arrive as text, never as a formula.
    const rows = g.rows.map((r, i) => (i === 7 ? { ...r, cells: r.cells.map((c, j) => (j === 1 ? { ...c!, value: '=HYPERLINK("http://x","y")' } : c)) } : r));
    return { ...g, rows };
  };

  test("one read (the names) and one write; a free name; text as text, formulas as formulas; print and freeze set", async () => {
    const { wb, syncs, host } = await readHaNam();
    syncs.mockClear();
    const r = await host.addSheet(model());
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(syncs).toHaveBeenCalledTimes(2);
    // "Phụ lục" is taken by the Hà Nam sheet.
    expect(r.value.name).toBe("Phụ lục (2)");
    const s = wb.sheet("Phụ lục (2)");
    expect(wb.active).toBe("Phụ lục (2)");
    expect(s.cells.get("A6")).toMatchObject({ value: "1", numberFormat: "@" });
    expect(s.cells.get("B8")).toMatchObject({ value: '=HYPERLINK("http://x","y")', numberFormat: "@" });
    expect(s.cells.get("B8")?.formula).toBeUndefined();
    expect(s.cells.get("C7")?.formula).toBe("=SUM(C8,C9)");
    expect(s.cells.get("C151")?.formula).toMatch(/^=SUM\(C6,C19,/);
    expect(s.printTitles).toBe("$5:$5");
    expect(s.frozenRows).toBe(5);
    expect(s.page).toMatchObject({ orientation: "Landscape", paperSize: "A4", zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 } });
    expect(s.merges).toContain("A1:G1");
    expect(s.bordered?.length).toBeGreaterThan(100);
  });

  test("“Hoàn tác” deletes the sheet while it holds what was written, and keeps it once the user typed into it", async () => {
    const { wb, host } = await readHaNam();
    const m = model();
    const added = await host.addSheet(m);
    if (!added.ok) throw new Error("add");
    const written = modelContents(m);
    wb.sheet(added.value.name).cells.get("G7")!.value = "Anh Minh ghi thêm";
    const kept = await host.removeAddedSheet(added.value, written);
    expect(kept).toEqual({ ok: true, value: { removed: false, edited: true, changed: ["G7"] } });
    // After a reload the document has only a digest: it still tells the edit, without the cells.
    expect(await host.removeAddedSheet(added.value, { digest: contentsDigest(written) })).toEqual({ ok: true, value: { removed: false, edited: true, changed: [] } });
    expect(wb.sheets.map((x) => x.name)).toContain("Phụ lục (2)");
    const again = await host.addSheet(m);
    if (!again.ok) throw new Error("add");
    const removed = await host.removeAddedSheet(again.value, { digest: contentsDigest(written) });
    expect(removed).toEqual({ ok: true, value: { removed: true, edited: false, changed: [] } });
    expect(wb.sheets.map((x) => x.name)).toEqual(["Phụ lục", "Phụ lục (2)"]);
  });
});
