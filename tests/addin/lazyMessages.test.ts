/**
 * The task pane loads the written sheets' Vietnamese (vi-report.ts) with the code that builds them (report.ts, via sheetTools.ts),
 * not in its first download. A translator made before that load must find them after it. (No languages.ts here: the
 * pane itself registers only what index.tsx does.)
 */
import { translator } from "../../src/i18n";

test("the report's and feedback's Vietnamese arrive with sheetTools, for translators made before", async () => {
  const t = translator("vi");
  expect(t.t("report.title")).toBe("report.title");
  const { buildFeedbackSheet } = await import("../../src/taskpane/sheetTools");
  expect(typeof buildFeedbackSheet).toBe("function");
  expect(t.t("report.title")).toBe("KẾT QUẢ KIỂM TRA PHỤ LỤC CHỈ SỐ CCHC");
  expect(t.t("advice.default")).not.toBe("advice.default");
});
