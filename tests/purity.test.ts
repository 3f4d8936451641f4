import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * The direction of dependencies, enforced: the core imports only itself and zod; i18n and catalogues only the core;
 * exceljs only under src/host/xlsx; Office only under src/host/office; React only under src/taskpane and the preview.
 * (tsconfig.core.json also compiles src/core without DOM or Node types.)
 */
const ROOT = join(__dirname, "..");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(n) ? [p] : [];
  });
}

function imports(file: string): string[] {
  const src = readFileSync(file, "utf8");
  return [...src.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']/g), ...src.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] ?? "");
}

const rules: Array<[string, (spec: string, file: string) => boolean]> = [
  ["src/core", (spec) => spec.startsWith("./") || spec === "zod/mini"],
  ["src/catalogues", (spec) => spec.startsWith("./") || spec.startsWith("../core/")],
  ["src/i18n", (spec) => spec.startsWith("./") || spec.startsWith("../core/") || spec === "zod/mini" || spec === "zod/locales"],
];

describe.each(rules)("%s", (dir, allowed) => {
  test("imports nothing it must not", () => {
    const bad = files(join(ROOT, dir)).flatMap((f) => imports(f).filter((s) => !allowed(s, f)).map((s) => `${relative(ROOT, f)} → ${s}`));
    expect(bad).toEqual([]);
  });
  test("uses no host global", () => {
    const code = (f: string): string =>
      readFileSync(f, "utf8")
        .replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '""')
        .replace(/\/\/.*|\/\*[\s\S]*?\*\//g, "");
    const bad = files(join(ROOT, dir)).filter((f) => /\b(Excel|Office|document|window|process|require)\s*\./.test(code(f)));
    expect(bad.map((f) => relative(ROOT, f))).toEqual([]);
  });
});

/** The CLI's runtime never loads exceljs (half a second of start-up, and a second reader that could disagree). */
test("nothing the CLI loads imports exceljs", () => {
  const seen = new Set<string>();
  const stack = [join(ROOT, "src", "cli", "main.ts")];
  const offenders: string[] = [];
  while (stack.length > 0) {
    const f = stack.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    for (const s of imports(f)) {
      if (/^(exceljs|jszip)(\/|$)/.test(s)) offenders.push(`${relative(ROOT, f)} → ${s}`);
      if (!s.startsWith(".")) continue;
      const base = join(f, "..", s);
      for (const c of [`${base}.ts`, `${base}.tsx`, join(base, "index.ts")]) if (existsSync(c)) stack.push(c);
    }
  }
  expect(seen.size).toBeGreaterThan(20);
  expect(offenders).toEqual([]);
});

test.each([
  ["exceljs", "src/host/xlsx"],
  ["the file-format libraries (fflate, saxes, numfmt)", "src/host/xlsx"],
  ["office-js", "src/host/office"],
])("%s is touched only under %s", (lib, home) => {
  const pattern = lib === "exceljs" ? /^(exceljs|jszip)$/ : lib.startsWith("the file-format") ? /^(fflate|saxes|numfmt)$/ : /^@microsoft\/office-js|^office-addin/;
  const offenders = files(join(ROOT, "src"))
    .filter((f) => !relative(ROOT, f).startsWith(home) && !relative(ROOT, f).startsWith("src/cli") && !relative(ROOT, f).startsWith("src/preview"))
    .filter((f) => imports(f).some((s) => pattern.test(s)) || (lib === "office-js" && /\bExcel\.run\b|\bOffice\.context\b/.test(readFileSync(f, "utf8"))));
  expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
});
