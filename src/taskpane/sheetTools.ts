/**
 * What the "Bộ tiêu chí, danh mục phân công, phụ lục mới" section needs from the core, loaded on first use: most
 * users never open it, so it stays out of the pane's first download.
 */
export { criteriaFromSheet, criteriaSheetModel } from "../core/criteriaSheet";
export { newAppendix } from "../core/newAppendix";
export { rulesFromSheet, rulesSheetModel } from "../core/rulesSheet";
// The “So sánh” tab: loaded when it is opened.
export { compareAppendices, compareColumns } from "../core/compare";
export { comparisonSheetModel } from "../i18n/compareSheet";
// "Xuất báo cáo" and "Góp ý cho đơn vị": built when asked for (their Vietnamese comes with them, see report.ts).
export { buildFeedbackSheet, buildReportSheet } from "../i18n/report";
