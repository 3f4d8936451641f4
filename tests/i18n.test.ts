import { RULE_IDS } from "../src/core/findings";
import { langFromLocale, type MessageKey, translator } from "../src/i18n";
import { CATALOGUES } from "../src/i18n/languages";
import { vi as viPane } from "../src/i18n/vi";
import { viCli } from "../src/i18n/vi-cli";
import { viReport } from "../src/i18n/vi-report";

/** The whole Vietnamese catalogue: the pane's messages, the written sheets' and the command line's. */
const vi = CATALOGUES.vi;

/** A message's parameters: "{name}" and the name of a plural block "{name, plural, …}". */
const placeholders = (s: string): string[] => [...new Set([...s.matchAll(/\{(\w+)(?:\}|, plural)/g)].map((m) => m[1] ?? ""))].sort();

test("the Vietnamese catalogue is the pane's part, the written sheets' and the command line's, with no key in two", () => {
  expect(Object.keys(viPane).filter((k) => k in viCli || k in viReport)).toEqual([]);
  expect(Object.keys(viReport).filter((k) => k in viCli)).toEqual([]);
  expect(Object.keys(vi).length).toBe(Object.keys(viPane).length + Object.keys(viReport).length + Object.keys(viCli).length);
  // The sheets' messages are loaded with the code that builds them (sheetTools.ts), which only uses these.
  expect(Object.keys(viReport).filter((k) => !/^(report|feedback|advice)\./.test(k))).toEqual([]);
  // The pane's first download carries no command-line message it does not use.
  expect(Object.keys(viPane).filter((k) => k.startsWith("cli.") && !/^cli\.(import\.mode|file-error)\./.test(k))).toEqual([]);
});

describe.each(Object.entries(CATALOGUES))("catalogue %s", (lang, messages) => {
  test("has exactly the keys of the Vietnamese catalogue", () => {
    expect(Object.keys(messages).sort()).toEqual(Object.keys(vi).sort());
  });
  test("uses the same placeholders as the Vietnamese message", () => {
    const wrong = Object.entries(vi).filter(([k, v]) => JSON.stringify(placeholders(v)) !== JSON.stringify(placeholders(messages[k as MessageKey])));
    expect(wrong.map(([k]) => `${lang}:${k}`)).toEqual([]);
  });
  test("has a message, a title and a description for every rule", () => {
    for (const rule of RULE_IDS) {
      expect(messages[`finding.${rule}` as MessageKey]).toBeTruthy();
      expect(messages[`rule.${rule}.title` as MessageKey]).toBeTruthy();
      expect(messages[`rule.${rule}.description` as MessageKey]).toBeTruthy();
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

describe("plural forms (Intl.PluralRules)", () => {
  test("English says 1 file, 2 files; Vietnamese has one form", () => {
    const en = translator("en");
    expect(en.t("cli.summary", { files: 1, appendices: 1, failed: 0, errors: 2, warnings: 1, infos: 0 })).toBe(
      "Summary: 1 file, 1 appendix, 0 unreadable files; 2 errors, 1 warning, 0 notes.",
    );
    expect(en.t("ui.fill.apply", { count: 1 })).toBe("Fill 1 cell");
    expect(en.t("ui.fill.apply", { count: 1234 })).toBe("Fill 1,234 cells");
    expect(translator("vi").t("ui.fill.apply", { count: 1 })).toBe("Điền 1 ô");
  });

  test("no catalogue text is left with a plural block unresolved", () => {
    const en = translator("en");
    for (const key of Object.keys(vi) as MessageKey[]) {
      const names = [...(en.t(key).matchAll(/\{(\w+), plural/g))].map((m) => m[1]!);
      const params = Object.fromEntries(names.map((n) => [n, 2]));
      expect(en.t(key, params)).not.toMatch(/plural, one/);
    }
  });
});
