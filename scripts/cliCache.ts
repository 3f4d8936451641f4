/**
 * After the CLI's bundle is built (webpack.cli.config.js): run it once on the bundled sample — a text report, a JSON
 * report and an annotated copy into a temporary folder — then save V8's code cache of everything that run compiled
 * beside the bundle (dist/cli/phuluc.js.cache). bin/phuluc.js hands that cache to V8, which then neither parses nor
 * compiles those functions again: `phuluc` on one workbook starts in about two thirds of the time (npm run bench).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Script } from "node:vm";
import { packageRoot } from "../src/cli/root";

interface Loaded {
  exports: { main: (argv: ReadonlyArray<string>, io: { stdout: (s: string) => void; stderr: (s: string) => void }) => Promise<number> };
  script: Script;
  source: Buffer;
}
interface Loader {
  loadBundle: (file: string) => Loaded;
  writeCache: (file: string, source: Buffer, script: Script) => number;
  BUNDLE: string;
}

async function run(): Promise<void> {
  const root = packageRoot(__dirname);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { loadBundle, writeCache, BUNDLE } = require(join(root, "bin", "load-bundle.js")) as Loader;
  rmSync(`${BUNDLE}.cache`, { force: true });
  const { exports, script, source } = loadBundle(BUNDLE);
  const sample = join(root, "samples", "ha-nam-1800-2019.xlsx");
  const out = mkdtempSync(join(tmpdir(), "phuluc-cache-"));
  const quiet = { stdout: (): void => undefined, stderr: (): void => undefined };
  try {
    await exports.main(["check", sample], quiet);
    await exports.main(["check", sample, "--json", "--out", out], quiet);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  const size = writeCache(BUNDLE, source, script);
  process.stdout.write(`phuluc: V8 code cache ${(size / 1024).toFixed(0)} KB → ${BUNDLE}.cache\n`);
}

run().catch((e: unknown) => {
  // A missing cache only costs start-up time: say so, do not fail the build.
  process.stderr.write(`phuluc: no code cache (${e instanceof Error ? e.message : String(e)})\n`);
});
