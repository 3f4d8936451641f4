/**
 * npm run screenshots: the task pane at 320 px and 450 px on the preview page (Hà Nam sample), and the preview page
 * itself, into docs/screenshots/. Committed and shown in the README; look at them after a UI change.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { launchChromium } from "./chromium";
import { packageRoot } from "../src/cli/root";
import { serve } from "./serve";

const ROOT = packageRoot(__dirname);
const OUT = join(ROOT, "docs", "screenshots");

async function shoot(page: Page, name: string, selector?: string): Promise<void> {
  await page.waitForTimeout(300);
  const target = selector ? page.locator(selector) : page;
  writeFileSync(join(OUT, `${name}.png`), await target.screenshot());
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const { server, url } = await serve({ "/": join(ROOT, "dist", "web") });
  const browser = await launchChromium();
  try {
    for (const width of [320, 450]) {
      const page = await browser.newPage({ viewport: { width: 1100 + width, height: 860 }, deviceScaleFactor: 1 });
      await page.goto(`${url}/preview.html?width=${width}`);
      await page.getByText("8 lĩnh vực · 41 tiêu chí").waitFor();
      await shoot(page, `pane-${width}-first-run`, "[data-testid=pane-frame]");
      await page.getByRole("button", { name: "Đã hiểu" }).click();
      await shoot(page, `pane-${width}-issues`, "[data-testid=pane-frame]");
      await page.getByRole("tab", { name: /Dưới mục tiêu/ }).click();
      await page.getByRole("button", { name: "Tô sáng trong bảng" }).click();
      await page.getByText("Đã tô sáng").waitFor();
      await shoot(page, `pane-${width}-below-target`, "[data-testid=pane-frame]");
      if (width === 450) await shoot(page, "preview-highlighted");
      await page.getByRole("button", { name: "Xóa tô sáng" }).click();
      await page.getByRole("tab", { name: /Thực hiện/ }).click();
      await shoot(page, `pane-${width}-fill`, "[data-testid=pane-frame]");
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${String(e)}\n`);
  process.exitCode = 1;
});
