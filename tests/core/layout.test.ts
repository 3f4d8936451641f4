import { applyOverrides, classifyHeader, findHeader, type Layout, yearIn } from "../../src/core/layout";
import { grid } from "../helpers";

describe("classifyHeader: every header wording of the reference notes", () => {
  test.each([
    ["Stt", "code", undefined],
    ["STT", "code", undefined],
    ["TT", "code", undefined],
    ["Lĩnh Vực/Tiêu chí/Tiêu chí thành phần", "name", undefined],
    ["Nội dung", "name", undefined],
    ["Tiêu chí, tiêu chí thành phần", "name", undefined],
    ["Điểm chuẩn", "max", undefined],
    ["Điểm tối đa", "max", undefined],
    ["Điểm\ntối  đa", "max", undefined],
    ["Điểm đạt được năm 2018", "score", "achieved"],
    ["Kết quả năm 2018", "score", "achieved"],
    ["Điểm tự đánh giá", "score", "self"],
    ["Điểm thẩm định", "score", "appraised"],
    ["SNV đánh giá", "score", "appraised"],
    ["Điều tra XHH", "score", "survey"],
    ["Mục tiêu năm 2019", "target", undefined],
    ["Chỉ tiêu phấn đấu năm 2019", "target", undefined],
    ["Thực hiện", "responsibility", undefined],
    ["Đơn vị chủ trì", "responsibility", undefined],
    ["Đơn vị thực hiện", "responsibility", undefined],
    ["Trách nhiệm thực hiện", "responsibility", undefined],
    ["Đơn vị chịu trách nhiệm", "responsibility", undefined],
    ["Đơn vị phối hợp", "support", undefined],
    ["Ghi chú", "notes", undefined],
    ["Đơn vị chịu trách nhiệm".normalize("NFD"), "responsibility", undefined],
    ["Kinh phí (triệu đồng)", undefined, undefined],
    // Wordings met beyond the reference notes.
    ["Nội dung chấm điểm", "name", undefined],
    ["Tiêu chí chấm điểm", "name", undefined],
    ["Nội dung, điểm tự chấm", "score", "self"],
    ["Điểm theo quy định", "max", undefined],
    ["Điểm định mức", "max", undefined],
    ["Kế hoạch năm 2022", "target", undefined],
    ["KH 2022", "target", undefined],
    ["Kế hoạch CCHC", undefined, undefined],
    ["Bộ phận thực hiện", "responsibility", undefined],
    ["Điểm tự chấm năm 2021", "score", "self"],
    ["Điểm sau thẩm định", "score", "appraised"],
    ["Năm 2021", undefined, undefined],
  ])("%j → %s %s", (text, role, kind) => {
    const c = classifyHeader(text);
    expect(c?.role).toBe(role);
    if (kind) expect(c?.kind).toBe(kind);
  });
});

test.each([
  ["Mục tiêu năm 2019", 2019],
  ["Điểm đạt được năm 2018 (thẩm định)", 2018],
  ["Kết quả", null],
  ["Mã 12345", null],
])("yearIn(%j) = %p", (text, year) => {
  expect(yearIn(text)).toBe(year);
});

function layout(g: ReturnType<typeof grid>): Layout {
  const h = findHeader(g);
  if (!("code" in h)) throw new Error(JSON.stringify(h));
  return h;
}

const BODY = [["1", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC", 9, 7, 9, 9, 8.5, "Sở Nội vụ"]];

describe("findHeader", () => {
  test("a one-row header under title rows", () => {
    const l = layout(
      grid([
        ["PHỤ LỤC"],
        ["MỤC TIÊU PHẤN ĐẤU NÂNG CAO CHỈ SỐ CẢI CÁCH HÀNH CHÍNH"],
        ["(Kèm theo Kế hoạch số 170/KH-UBND ngày 25/6/2019)"],
        [],
        ["Stt", "Lĩnh Vực/Tiêu chí/Tiêu chí thành phần", "Điểm chuẩn", "Điểm đạt được năm 2018", "Mục tiêu năm 2019", "Mục tiêu năm 2020", "Thực hiện"],
        ["1", "CÔNG TÁC CHỈ ĐẠO", 9, 5.5, 9, 9],
      ], ["A1:G1", "A2:G2", "A3:G3"]),
    );
    expect(l).toMatchObject({ headerRow: 4, headerRows: 1, bodyStart: 5, code: 0, name: 1, max: 2, responsibility: 6 });
    expect(l.scores).toMatchObject([{ col: 3, year: 2018, kind: "achieved" }]);
    expect(l.targets).toMatchObject([{ col: 4, year: 2019 }, { col: 5, year: 2020 }]);
  });

  test("a two-row merged header: years in the lower row, kinds in the lower row, year in the upper row", () => {
    const l = layout(
      grid(
        [
          ["TT", "Nội dung", "Điểm tối đa", "Điểm đánh giá năm 2019", null, null, "Mục tiêu", null, "Trách nhiệm thực hiện"],
          [null, null, null, "Điều tra XHH", "Tự đánh giá", "SNV đánh giá", "Năm 2020", "Năm 2021", null],
          ...BODY,
        ],
        ["A1:A2", "B1:B2", "C1:C2", "D1:F1", "G1:H1", "I1:I2"],
      ),
    );
    expect(l).toMatchObject({ headerRow: 0, headerRows: 2, bodyStart: 2, code: 0, name: 1, max: 2, responsibility: 8 });
    expect(l.scores.map((s) => [s.col, s.year, s.kind])).toEqual([
      [3, 2019, "survey"],
      [4, 2019, "self"],
      [5, 2019, "appraised"],
    ]);
    expect(l.targets.map((t) => [t.col, t.year])).toEqual([
      [6, 2020],
      [7, 2021],
    ]);
  });

  test("the year may sit in both rows; years typed as numbers are headers, not points", () => {
    const l = layout(
      grid(
        [
          ["STT", "Tiêu chí", "Điểm chuẩn", "Kết quả năm 2018", "Mục tiêu", null],
          [null, null, null, null, 2019, 2020],
          ["1", "CÔNG TÁC CHỈ ĐẠO", 9, 7, 8, 9],
        ],
        ["D1:D2", "E1:F1"],
      ),
    );
    expect(l.headerRows).toBe(2);
    expect(l.targets.map((t) => t.year)).toEqual([2019, 2020]);
  });

  test("headers with line breaks, double spaces and decomposed diacritics", () => {
    const l = layout(grid([["S T T".replace(/ /g, ""), "Nội  dung".normalize("NFD"), "Điểm\ntối đa", "Kết quả\nnăm 2018".normalize("NFD"), "Thực  hiện"], ...BODY]));
    expect([l.code, l.name, l.max, l.scores[0]?.year, l.responsibility]).toEqual([0, 1, 2, 2018, 4]);
  });

  test("the responsibility column may come before the scores", () => {
    const l = layout(grid([["STT", "Tiêu chí", "Điểm chuẩn", "Đơn vị chịu trách nhiệm", "Kết quả năm 2020", "Chỉ tiêu phấn đấu năm 2021"], ...BODY]));
    expect([l.responsibility, l.scores[0]?.col, l.targets[0]?.col]).toEqual([3, 4, 5]);
  });

  test.each([
    ["an empty sheet", grid([]), "empty-sheet"],
    ["a sheet of empty cells", grid([[null, null], [null]]), "empty-sheet"],
    ["a cover page", grid([["SỞ NỘI VỤ"], ["HỒ SƠ TỰ ĐÁNH GIÁ CHỈ SỐ CCHC"]]), "no-header"],
    ["a budget table with its own STT column", grid([["STT", "Nội dung", "Kinh phí (triệu đồng)", "Ghi chú"], [1, "Tuyên truyền", 120]]), "no-point-columns"],
    ["criteria without a code column", grid([["Tiêu chí", "Điểm chuẩn"], ["Kế hoạch", 1]]), "no-code-column"],
  ])("rejects %s", (_, g, reason) => {
    expect(findHeader(g)).toMatchObject({ reason });
  });

  test("finds a header under a long preamble (the plan's text above its appendix), and no deeper than its limit", () => {
    const preamble = Array.from({ length: 300 }, (_, i) => [`${i + 1}. Đoạn ${i + 1} của kế hoạch: các tiêu chí, nội dung và giải pháp thực hiện.`]);
    expect(findHeader(grid([...preamble, ["Stt", "Tiêu chí", "Điểm chuẩn"]]))).toMatchObject({ headerRow: 300, code: 0, name: 1, max: 2 });
    const tooDeep = Array.from({ length: 2000 }, (_, i) => [`ghi chú ${i}`]);
    expect(findHeader(grid([...tooDeep, ["Stt", "Tiêu chí", "Điểm chuẩn"]]))).toMatchObject({ reason: "no-header" });
  });
});

test("applyOverrides moves a role and keeps one role per column", () => {
  const l = layout(grid([["Stt", "Tiêu chí", "Điểm chuẩn", "Cột lạ", "Mục tiêu năm 2019", "Thực hiện"], ...BODY]));
  const o = applyOverrides(l, [
    { col: 3, role: "score", year: 2018, kind: "appraised" },
    { col: 5, role: "ignore" },
  ]);
  expect(o.scores).toEqual([{ col: 3, year: 2018, kind: "appraised", header: "Cột lạ" }]);
  expect(o.responsibility).toBeNull();
});
