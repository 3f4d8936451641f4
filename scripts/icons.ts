/**
 * npm run icons: renders assets/icon.svg to the PNG sizes the manifest uses (16, 32, 64, 80, 128) with Chromium.
 * The PNGs are committed; this script regenerates them after the SVG changes.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { launchChromium } from "./chromium";
import { packageRoot } from "../src/cli/root";

async function main(): Promise<void> {
  const root = packageRoot(__dirname);
  const svg = readFileSync(join(root, "assets", "icon.svg"), "utf8");
  const browser = await launchChromium();
  try {
    for (const size of [16, 32, 64, 80, 128]) {
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
      await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace("<svg ", `<svg width="${size}" height="${size}" `)}</body></html>`);
      writeFileSync(join(root, "assets", `icon-${size}.png`), await page.screenshot({ omitBackground: true }));
      await page.close();
    }
  } finally {
    await browser.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${String(e)}\n`);
  process.exitCode = 1;
});
