import { RULE_IDS } from "../src/core/findings";
import { langFromLocale, translator } from "../src/i18n";
import { CATALOGUES } from "../src/i18n/languages";
import { vi } from "../src/i18n/vi";

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "").sort();

describe.each(Object.entries(CATALOGUES))("catalogue %s", (lang, messages) => {
  test("has exactly the keys of the Vietnamese catalogue", () => {
    expect(Object.keys(messages).sort()).toEqual(Object.keys(vi).sort());
  });
  test("uses the same placeholders as the Vietnamese message", () => {
    const wrong = Object.entries(vi).filter(([k, v]) => JSON.stringify(placeholders(v)) !== JSON.stringify(placeholders(messages[k as keyof typeof vi])));
    expect(wrong.map(([k]) => `${lang}:${k}`)).toEqual([]);
  });
  test("has a message, a title and a description for every rule", () => {
    for (const rule of RULE_IDS) {
      expect(messages[`finding.${rule}` as keyof typeof vi]).toBeTruthy();
      expect(messages[`rule.${rule}.title` as keyof typeof vi]).toBeTruthy();
      expect(messages[`rule.${rule}.description` as keyof typeof vi]).toBeTruthy();
    }
  });
});

test("numbers are written as the reader writes them", () => {
  expect(translator("vi").num(0.25)).toBe("0,25");
  expect(translator("vi").num(75.66483)).toBe("75,66483");
  expect(translator("en").num(0.25)).toBe("0.25");
  expect(translator("vi").t("report.summary", { errors: 1, warnings: 2, infos: 0 })).toBe("1 lỗi, 2 cảnh báo, 0 lưu ý.");
});

test.each([
  ["vi-VN", "vi"],
  ["vi", "vi"],
  ["en-US", "en"],
  ["fr-FR", "en"],
  [undefined, "en"],
])("language of Office locale %p is %s", (locale, lang) => {
  expect(langFromLocale(locale)).toBe(lang);
});
