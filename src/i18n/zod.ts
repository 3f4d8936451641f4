import { en, vi } from "zod/locales";
import type * as z from "zod/mini";
import type { Lang } from "./index";

const TYPE_NAMES: Readonly<Record<Lang, Readonly<Record<string, string>>>> = {
  vi: { number: "số", string: "chuỗi ký tự", boolean: "true/false", array: "danh sách [...]", object: "đối tượng {...}", null: "null", int: "số nguyên" },
  en: { number: "a number", string: "a string", boolean: "true/false", array: "a list [...]", object: "an object {...}", null: "null", int: "a whole number" },
};

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

/**
 * zod's own messages (wrong types, missing fields) in the reader's language, for criteria and rules files. Wrong
 * and missing types are worded here (zod's Vietnamese leaves type names in English); the rest is zod's locale.
 */
export function zodErrorMap(lang: Lang): z.core.$ZodErrorMap {
  const fallback = (lang === "vi" ? vi : en)().localeError;
  const names = TYPE_NAMES[lang];
  return (issue) => {
    if (issue.code === "invalid_type") {
      const expected = names[issue.expected] ?? issue.expected;
      if (issue.input === undefined) return lang === "vi" ? `thiếu (cần ${expected})` : `missing (${expected} expected)`;
      const got = names[typeOf(issue.input)] ?? typeOf(issue.input);
      return lang === "vi" ? `cần ${expected}, nhưng là ${got}` : `${expected} expected, got ${got}`;
    }
    return fallback(issue);
  };
}
