import { chromium, type Browser } from "playwright-core";
import { join } from "node:path";

/** Debian's Chromium, with the flags that keep it off the closed network (Playwright gives each
 * launch a fresh profile of its own). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

/** Where browser tests write screenshots for a person to look at. */
export const SCREENSHOT_DIR = join(import.meta.dirname, "../../test-results/screenshots");
