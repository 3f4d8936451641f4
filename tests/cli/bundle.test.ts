/**
 * The installed command runs one bundled file (dist/cli/phuluc.js, built by `npm run build:cli`) through V8's code
 * cache (bin/load-bundle.js). These tests prove the bundle is the same program as src/cli (same reports), that the
 * cache is taken when it fits and harmlessly ignored when it does not, and that the bundle holds only what the CLI
 * uses.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main";

const ROOT = join(__dirname, "..", "..");
const LOADER = join(ROOT, "bin", "load-bundle.js");
const BUNDLE = join(ROOT, "dist", "cli", "phuluc.js");
const SAMPLE = join(ROOT, "samples", "ha-nam-1800-2019.xlsx");

/** Run `code` in a fresh node: the loader's verdict on the cache and the sample's JSON report. */
function inChild(bundle: string): { cache: string; report: string; status: number | null; stderr: string } {
  const code = `
    const { loadBundle } = require(${JSON.stringify(LOADER)});
    const b = loadBundle(${JSON.stringify(bundle)});
    let out = "";
    b.exports.main(["check", ${JSON.stringify(SAMPLE)}, "--json"], { stdout: (s) => (out += s), stderr: () => {}, now: () => new Date(Date.UTC(2026, 10, 23)) })
      .then(() => process.stdout.write(JSON.stringify({ cache: b.cache, report: out })));`;
  const r = spawnSync(process.execPath, ["-e", code], { encoding: "utf8" });
  const parsed = r.status === 0 ? (JSON.parse(r.stdout) as { cache: string; report: string }) : { cache: "", report: "" };
  return { ...parsed, status: r.status, stderr: r.stderr };
}

/** A copy of the bundle in a folder of its own (with the package.json that gives its version). */
function copied(): string {
  const dir = mkdtempSync(join(tmpdir(), "phuluc-bundle-"));
  copyFileSync(join(ROOT, "package.json"), join(dir, "package.json"));
  const copy = join(dir, "phuluc.js");
  copyFileSync(BUNDLE, copy);
  return copy;
}

async function inProcess(): Promise<string> {
  let out = "";
  await main(["check", SAMPLE, "--json"], { stdout: (s) => (out += s), stderr: () => undefined, now: () => new Date(Date.UTC(2026, 10, 23)) });
  return out;
}

describe("the bundled CLI (dist/cli/phuluc.js) and its code cache", () => {
  test("the bundle with its cache: cache used, the same report as the sources", async () => {
    const r = inChild(BUNDLE);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.cache).toBe("used");
    expect(JSON.parse(r.report)).toEqual(JSON.parse(await inProcess()));
  });

  test("a cache that does not fit (damaged) is rejected and the bundle still runs, unchanged", async () => {
    const copy = copied();
    const cache = readFileSync(`${BUNDLE}.cache`);
    // Damaged past its header: V8 itself would take it (it checks no checksum in release builds) and could crash.
    const damaged = Buffer.from(cache);
    for (let i = 64; i < damaged.length; i += 97) damaged[i] = (damaged[i] ?? 0) ^ 0xff;
    writeFileSync(`${copy}.cache`, damaged);
    const r = inChild(copy);
    expect(r.status).toBe(0);
    expect(r.cache).toBe("rejected");
    expect(JSON.parse(r.report)).toEqual(JSON.parse(await inProcess()));
    // A bundle edited after its cache was made, to the same length (V8 compares only the length): not taken.
    writeFileSync(copy, readFileSync(BUNDLE, "utf8").replace("Phụ lục", "Phụ lụC"));
    writeFileSync(`${copy}.cache`, cache);
    expect(inChild(copy).cache).toBe("rejected");
    // A truncated cache file (a build killed while writing it).
    writeFileSync(copy, readFileSync(BUNDLE));
    writeFileSync(`${copy}.cache`, cache.subarray(0, 8));
    expect(inChild(copy).cache).toBe("rejected");
  });

  test("no cache at all: still runs", () => {
    const copy = copied();
    const r = inChild(copy);
    expect(r.status).toBe(0);
    expect(r.cache).toBe("none");
    expect(JSON.parse(r.report).files).toHaveLength(1);
  });

  test("only what the CLI uses: no exceljs, no React, not zod's other-language messages", () => {
    const text = readFileSync(BUNDLE, "utf8");
    expect(text).not.toContain("node_modules/exceljs");
    expect(text).not.toContain("react-dom");
    // zod/mini's English messages are not used by the CLI either; e.g. the Georgian locale's "Invalid input".
    expect(text).not.toContain("არასწორი");
    expect(text).toContain("Phụ lục");
  });
});
