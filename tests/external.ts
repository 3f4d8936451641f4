import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

/**
 * Programs from Debian that some suites use: LibreOffice (a real spreadsheet program) and Chromium. .ci/run installs
 * them and sets PHULUC_REQUIRE_EXTERNAL=1, so in CI a missing program fails the suite instead of skipping it.
 */
export function findProgram(names: ReadonlyArray<string>): string | undefined {
  for (const n of names) {
    if (n.startsWith("/") && existsSync(n)) return n;
    try {
      const p = execFileSync("sh", ["-c", `command -v ${n}`], { encoding: "utf8" }).trim();
      if (p) return p;
    } catch {
      // not on PATH
    }
  }
  return undefined;
}

export function describeWith(program: string | undefined, what: string): jest.Describe {
  if (program) return describe;
  if (process.env["PHULUC_REQUIRE_EXTERNAL"] === "1") {
    throw new Error(`${what} is required (PHULUC_REQUIRE_EXTERNAL=1) but not installed`);
  }
  // eslint-disable-next-line no-console
  console.warn(`${what} is not installed: these tests are skipped (apt-get install; see README)`);
  return describe.skip;
}
