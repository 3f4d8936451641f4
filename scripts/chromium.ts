/** Debian's Chromium, driven by playwright-core: the one launch the scripts and browser tests share. */
import { type Browser, chromium } from "playwright-core";

/** Where Chromium is: $CHROMIUM, else Debian's package. */
export const CHROMIUM_PATH = process.env["CHROMIUM"] ?? "/usr/bin/chromium";

/** Headless, sandbox off (containers), nothing that reaches the network. */
export function launchChromium(executablePath: string = CHROMIUM_PATH, env?: Readonly<Record<string, string | undefined>>): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    ...(env ? { env: { ...env } } : {}),
  });
}
