import { readBody } from "../../src/core/body";
import { findHeader, type Layout } from "../../src/core/layout";
import type { Cell } from "../../src/core/grid";
import { grid } from "../helpers";

type V = string | number | null;
const H: V[] = ["Stt", "Tiêu chí", "Điểm chuẩn", "Điểm đạt được năm 2018"];

function body(rows: Array<Array<V | Cell>>) {
  const g = grid([H, ...rows]);
  const l = findHeader(g) as Layout;
  return readBody(g, l);
}

const codes = (rows: Array<Array<V | Cell>>) => body(rows).items.map((i) => [i.label, i.code, i.level]);

describe("numbering styles map to official codes", () => {
  test("dotted", () => {
    expect(codes([["1", "A", 9, 7], ["1.1", "B", 1, 1], ["1.1.1", "C", 1, 1]])).toEqual([
      ["1", "1", "field"],
      ["1.1", "1.1", "criterion"],
      ["1.1.1", "1.1.1", "sub"],
    ]);
  });

  test("trailing dots", () => {
    const b = body([["1.", "A", 9, 7], ["1.1.", "B", 1, 1], ["1.1.1.", "C", 1, 1]]);
    expect(b.items.map((i) => i.code)).toEqual(["1", "1.1", "1.1.1"]);
    expect(b.numbering).toBe("trailing-dot");
  });

  test("roman fields with numbering restarting inside each field", () => {
    const b = body([
      ["I", "A", 9, 7],
      ["1", "A1", 2, 2],
      ["1.1", "A1a", 1, 1],
      ["1.2", "A1b", 1, 1],
      ["2", "A2", 7, 5],
      ["II", "B", 10, 8],
      ["1", "B1", 2, 2],
      ["1.1", "B1a", 2, 2],
    ]);
    expect(b.items.map((i) => `${i.label}→${i.code}`)).toEqual(["I→1", "1→1.1", "1.1→1.1.1", "1.2→1.1.2", "2→1.2", "II→2", "1→2.1", "1.1→2.1.1"]);
    expect(b.numbering).toBe("roman-restart");
  });

  test("roman fields with full dotted codes under them", () => {
    const b = body([["I", "A", 9, 7], ["1.1", "A1", 2, 2], ["1.1.1", "A1a", 1, 1], ["II", "B", 10, 8], ["2.1", "B1", 2, 2]]);
    expect(b.items.map((i) => i.code)).toEqual(["1", "1.1", "1.1.1", "2", "2.1"]);
    expect(b.numbering).toBe("roman-full");
  });

  test("codes stored as numbers: read what the cell shows, and 1.10 that Excel turned into 1.1", () => {
    const n = (value: number, text = String(value)): Cell => ({ kind: "number", value, text });
    const rows: Array<Array<V | Cell>> = [[n(1), "A", 9, 7]];
    for (let i = 1; i <= 9; i++) rows.push([n(Number(`1.${i}`)), `c${i}`, 1, 1]);
    rows.push([n(1.1), "c10", 1, 1]);
    rows.push([n(1.11), "c11", 1, 1]);
    const b = body(rows);
    expect(b.items.slice(-3).map((i) => [i.code, i.codeRepaired])).toEqual([
      ["1.9", false],
      ["1.10", true],
      ["1.11", false],
    ]);
  });
});

test("a name wrapped onto a row without code joins the previous item, even across a blank row", () => {
  const b = body([
    ["3.3", "Thực hiện cơ chế một cửa, cơ chế một", 3.5, 1],
    [],
    [null, "của liên thông"],
    ["3.3.1", "Tỷ lệ TTHC", 1.5, 1],
  ]);
  expect(b.items.map((i) => i.name)).toEqual(["Thực hiện cơ chế một cửa, cơ chế một của liên thông", "Tỷ lệ TTHC"]);
  expect(b.items[0]?.continuationRows).toEqual([3]);
});

test("scoring-rule rows and bullets are not items", () => {
  const b = body([
    ["1.1.1", "Ban hành kế hoạch CCHC", 0.25, 0.25],
    [null, "Ban hành kịp thời: 0,25"],
    [null, "Ban hành không kịp thời: 0"],
    ["a)", "Có kế hoạch", null, null],
    ["-", "Không có kế hoạch", null, null],
    ["1.1.2", "Mức độ hoàn thành", 1, 1],
  ]);
  expect(b.items.map((i) => i.code)).toEqual(["1.1.1", "1.1.2"]);
  expect(b.ruleRows).toEqual([2, 3, 4, 5]);
});

test.each([["TỔNG ĐIỂM"], ["Tổng cộng"], ["Cộng"], ["TỔNG ĐIỂM (100)"]])("the total row %j, in the code or the name column", (label) => {
  for (const row of [[label, null, 100, 75.66], [null, label, 100, 75.66]]) {
    const b = body([["1", "A", 100, 75.66], row]);
    expect(b.total?.label).toBe(label);
    expect(b.items).toHaveLength(1);
  }
});

test("a name that starts like a total is still a name", () => {
  const b = body([["1", "Công tác chỉ đạo", 9, 7], [null, "công khai thủ tục"]]);
  expect(b.total).toBeNull();
  expect(b.items[0]?.name).toBe("Công tác chỉ đạo công khai thủ tục");
});

test("notes and signatures end the table", () => {
  const b = body([["1", "A", 9, 7], [], ["Ghi chú: số liệu do Sở Nội vụ tổng hợp"], ["2", "B", 1, 1], [null, null, "Người lập biểu"]]);
  expect(b.items.map((i) => i.code)).toEqual(["1"]);
  expect(b.notesRow).toBe(3);
});

test("a column-numbering row under the header is skipped", () => {
  const b = body([["(1)", "(2)", "(3)", "(4)"], ["1", "A", 9, 7]]);
  expect(b.items.map((i) => i.code)).toEqual(["1"]);
  expect(b.unplacedRows).toBe(0);
});

test("a row with points but no code is an orphan, not an item", () => {
  const b = body([["1", "A", 9, 7], [null, null, 0.5, 0.25]]);
  expect(b.orphanRows).toEqual([2]);
});

test("a duplicate code is kept and marked", () => {
  const b = body([["1", "A", 9, 7], ["1.1", "B", 1, 1], ["1.1", "B lần hai", 1, 1]]);
  expect(b.items.map((i) => i.duplicateOf)).toEqual([undefined, undefined, 1]);
});

test("60,000 body rows are read in one pass", () => {
  const rows: V[][] = [];
  for (let i = 0; i < 60_000; i++) {
    rows.push([`${1 + Math.floor(i / 600)}.${1 + Math.floor((i % 600) / 10)}.${1 + (i % 10)}`, `Tiêu chí ${i}`, 1, 0.5]);
  }
  const b = body(rows);
  expect(b.items).toHaveLength(60_000);
});
