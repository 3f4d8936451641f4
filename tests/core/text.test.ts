import { cleanText, firstWordDifference, fold, modernTones, nameKey, similarity } from "../../src/core/text";

describe("fold: header matching ignores case, diacritics, Unicode form, line breaks and spaces", () => {
  test.each([
    ["Lĩnh Vực/Tiêu chí/Tiêu chí thành phần", "linh vuc tieu chi tieu chi thanh phan"],
    ["Điểm\ntối  đa", "diem toi da"],
    ["Đơn vị chịu trách nhiệm".normalize("NFD"), "don vi chiu trach nhiem"],
    ["  STT\u00a0", "stt"],
    ["Mục tiêu\r\nnăm 2019", "muc tieu nam 2019"],
  ])("%j → %j", (input, expected) => {
    expect(fold(input)).toBe(expected);
  });
});

describe("cleanText", () => {
  test.each([
    ["Thực hiện cơ chế\nmột cửa", "Thực hiện cơ chế một cửa"],
    ["a\u200b  b\t c", "a b c"],
    ["Tự đánh giá".normalize("NFD"), "Tự đánh giá"],
  ])("%j → %j", (input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });
});

describe("nameKey: names compare beyond abbreviation and spacing, but typos remain visible", () => {
  test.each([
    ["Kế hoạch CCHC", "Kế hoạch cải cách hành chính", true],
    ["Tác động của cải cách đến chất lượng đội ngũ CC, VC (qua điều tra XHH)", "Tác động của cải cách đến chất lượng đội ngũ công chức, viên chức (qua điều tra xã hội học)", true],
    ["Kiểm soát quy định thủ tục hành chính (TTHC)", "Kiểm soát quy định thủ tục hành chính", true],
    ["XÂY DỰNG VÀ NÂNG CAO CHẤT LƯỢNG ĐỘI NGŨ CBCCVC", "Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức", true],
    ["Hiện đại hoá hành chính", "HIỆN ĐẠI HÓA HÀNH CHÍNH", true],
    ["Tỷ lệ  hồ sơ\nTTHC", "Tỷ lệ hồ sơ TTHC", true],
    ["Tức động của cải cách", "Tác động của cải cách", false],
    ["Tình hợp lý trong việc sắp xếp", "Tính hợp lý trong việc sắp xếp", false],
    ["Tình công khai, minh bạch", "Tính công khai, minh bạch", false],
  ])("%j vs %j → equal: %s", (a, b, equal) => {
    expect(nameKey(a) === nameKey(b)).toBe(equal);
  });
});

test("modernTones moves old-style tone marks at word end only", () => {
  expect(modernTones("hoá thuỷ hoàn quý")).toBe("hóa thủy hoàn quý");
});

test("firstWordDifference points at the typo", () => {
  expect(firstWordDifference("Tức động của cải cách", "Tác động của cải cách")).toEqual({ actual: "Tức", expected: "Tác" });
  expect(firstWordDifference("Kế hoạch CCHC", "Kế hoạch cải cách hành chính")).toBeUndefined();
});

test("similarity of names by their words", () => {
  expect(similarity("Kế hoạch CCHC", "Kế hoạch cải cách hành chính")).toBe(1);
  expect(similarity("Tình hợp lý trong việc", "Tính hợp lý trong việc")).toBeCloseTo(0.8);
  expect(similarity("Học tập nghị quyết", "Kế hoạch CCHC")).toBe(0);
});
