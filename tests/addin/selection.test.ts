/** Issue 9 §1: the fill list keeps the user's choices across re-checks, and “Ghi đè” ticks nothing with text. */
import { nextSelection } from "../../src/taskpane/settings";

const edit = (row: number, old = "") => ({ row, col: 6, old });

test("a first plan ticks the empty cells", () => {
  expect([...nextSelection([edit(1), edit(2), edit(3, "Sở Nội vụ")], new Set(), new Set())]).toEqual(["!1:6", "!2:6"]);
});

test("after “Điền”, a row the user unticked on purpose stays unticked", () => {
  const seen = new Set(["!1:6", "!2:6", "!3:6"]);
  // Rows 1 and 3 were ticked and filled (they leave the plan); row 2 was unticked.
  expect([...nextSelection([edit(2)], seen, new Set(["!1:6", "!3:6"]))]).toEqual([]);
});

test("an appendix over several sheets: the same row on two sheets is two choices", () => {
  const a = { row: 4, col: 6, old: "", sheet: "PL1" };
  const b = { row: 4, col: 6, old: "", sheet: "PL2 (tiếp theo)" };
  expect([...nextSelection([a, b], new Set(["PL1!4:6"]), new Set())]).toEqual(["PL2 (tiếp theo)!4:6"]);
});

test("switching “Ghi đè” on adds the rows with text, unticked; the user's other choices stay", () => {
  const seen = new Set(["!1:6", "!2:6"]);
  const next = nextSelection([edit(1), edit(2), edit(3, "Văn phòng UBND tỉnh"), edit(4, "x")], seen, new Set(["!1:6"]));
  expect([...next]).toEqual(["!1:6"]);
});
