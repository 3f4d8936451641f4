/** Issue 9 §1: the history of the pane's writes, kept with the document, and what "Hoàn tác" compares with. */
import { contentsDigest, editedSince, reportContents } from "../../src/core/sheetModel";
import { translator } from "../../src/i18n";
import "../../src/i18n/languages";
import { buildReportSheet } from "../../src/i18n/report";
import { undoLabel } from "../../src/taskpane/App";
import { HISTORY_LIMIT, highlightOf, parseSettings, withEntry, withoutEntry, type HistoryEntry } from "../../src/taskpane/settings";
import { analyze, fixtureGrids, recognized } from "../helpers";

const fill = { sheetName: "Phụ lục", cells: [{ address: "G13", before: "", beforeFormat: "General", written: "Sở Nội vụ" }] };
const highlight = { sheetName: "Phụ lục", color: "#FFE699", cells: [{ address: "D17", before: { pattern: "None" } }] };

test("records of the version before the history become its oldest entries", () => {
  const s = parseSettings({ version: 1, lastFill: fill, highlights: [highlight] });
  expect(s.history.map((e) => [e.kind, e.sheetName, e.count, e.at])).toEqual([
    ["highlight", "Phụ lục", 1, ""],
    ["fill", "Phụ lục", 1, ""],
  ]);
  expect(s.history[1]?.fill).toEqual(fill);
  expect(highlightOf(s, "Phụ lục")?.highlight).toEqual(highlight);
  expect("lastFill" in s || "highlights" in s).toBe(false);
});

test("entries are added newest last, removed by id, and the oldest forgotten beyond the limit", () => {
  let s = parseSettings({ version: 1 });
  for (let i = 0; i < HISTORY_LIMIT + 5; i++) s = withEntry(s, { id: `e${i}`, at: "2026-12-02T14:05:00Z", kind: "fill", sheetName: "PL", count: i, fill });
  expect(s.history).toHaveLength(HISTORY_LIMIT);
  expect(s.history[0]?.id).toBe("e5");
  s = withoutEntry(s, "e10");
  expect(s.history.some((e) => e.id === "e10")).toBe(false);
  // A history saved and read back (the document's settings) is the same history.
  expect(parseSettings(JSON.parse(JSON.stringify(s))).history).toEqual(s.history);
});

test("a damaged history falls back to the defaults instead of breaking the pane", () => {
  expect(parseSettings({ version: 1, history: [{ id: 3 }] }).history).toEqual([]);
});

test("“Hoàn tác: điền 24 ô, 14:05”: what was done, and when", () => {
  const t = translator("vi");
  const at = new Date();
  at.setHours(14, 5, 0, 0);
  const e: HistoryEntry = { id: "x", at: at.toISOString(), kind: "fill", sheetName: "PL", count: 24 };
  expect(undoLabel(t, e)).toBe("Hoàn tác: điền 24 ô, 14:05");
  expect(undoLabel(t, { ...e, kind: "report", sheetName: "Kết quả kiểm tra" })).toBe("Hoàn tác: xuất báo cáo “Kết quả kiểm tra”, 14:05");
  expect(undoLabel(t, { ...e, at: "" })).toBe("Hoàn tác: điền 24 ô");
  expect(undoLabel(translator("en"), e)).toBe("Undo: fill 24 cells, 14:05");
  const older = new Date(at.getTime() - 3 * 86_400_000);
  expect(undoLabel(t, { ...e, at: older.toISOString() })).toMatch(/^Hoàn tác: điền 24 ô, 14:05 \d\d\/\d\d$/);
});

test("a digest of a report tells an untouched sheet from one with a note, numbers compared as Excel returns them", async () => {
  const a = recognized(analyze((await fixtureGrids("ha-nam-1800-2019.xlsx"))[0]!));
  const report = buildReportSheet(translator("vi"), [a], { version: "t", date: "d" });
  const written = reportContents(report);
  expect(written.size).toBeGreaterThan(50);
  const digest = { digest: contentsDigest(written) };
  const now = new Map(written);
  expect(editedSince(digest, now)).toEqual({ edited: false, cells: [] });
  // Excel gives back 74.81413 for a number written as 74.81413000000001: not an edit.
  const numeric = [...written].find(([, v]) => typeof v === "number");
  if (numeric) now.set(numeric[0], (numeric[1] as number) + 1e-14);
  expect(editedSince(digest, now).edited).toBe(false);
  now.set("H4", "Đã gọi điện cho Sở");
  expect(editedSince(digest, now)).toEqual({ edited: true, cells: [] });
  expect(editedSince(written, now)).toEqual({ edited: true, cells: ["H4"] });
});
