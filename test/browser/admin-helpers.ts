import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { SCREENSHOT_DIR } from "../support/browser";
import type { ProposalPage } from "../../src/api/admin-contract";
import type { TestService } from "../support/service";
import type { ApiClient, Who } from "../service/proposals-client";

const AXE = join(import.meta.dirname, "../../node_modules/axe-core/axe.min.js");

export const ADMIN: Who = { tenant: "contoso", user: "admin", admin: true };

/** Opens the built console and signs in with one of the development presets. */
export async function signIn(
  page: Page,
  service: TestService,
  preset: string,
  submit = "Sign in",
): Promise<void> {
  await page.goto(`${service.url}/admin.html`);
  // The first page of a run compiles the bundle while the machine may be busy: be patient once.
  const radio = page.getByRole("radio", { name: preset });
  await radio.waitFor({ timeout: 60_000 });
  await radio.check();
  await page.getByRole("button", { name: submit }).click();
}

/** Serious and critical axe-core violations on the page as it is now. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (context: unknown) => Promise<{
            passes: unknown[];
            violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
          }>;
        };
      }
    ).axe;
    // Tabster's focus-trap stand-ins (<i data-tabster-dummy>) are aria-hidden and focusable by
    // design: they pass focus on at once (microsoft/tabster#288, microsoft/fluentui#27517).
    const result = await axe.run({ exclude: [["[data-tabster-dummy]"]] });
    if (result.passes.length === 0) throw new Error("axe checked nothing");
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      targets: violation.nodes.map((node) => node.target.join(" ")),
    }));
  });
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.impact} ${violation.id}: ${violation.targets.join(", ")}`);
}

/** The id of a sender's proposal, through the admin API. */
export async function proposalId(api: ApiClient, senderKey: string): Promise<string> {
  const page = (await api.call(ADMIN, "GET", "/api/v1/proposals?limit=200")).json() as ProposalPage;
  const found = page.items.find((item) => item.senderKey === senderKey);
  if (!found) throw new Error(`no proposal for ${senderKey}`);
  return found.id;
}

/** How far the page scrolls sideways: 0 when nothing overflows. */
export function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** A fresh browser context at this width and locale (phone-like under 600 px), with its page. */
export async function openConsole(
  browser: Browser,
  width: number,
  locale = "en-GB",
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    locale,
    acceptDownloads: true,
    // The service's CSP allows only its own scripts; axe-core is injected by the test.
    bypassCSP: true,
    ...(width < 600 ? { isMobile: true, hasTouch: true } : {}),
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  return { context, page, errors };
}

/** A full-page screenshot in SCREENSHOT_DIR, for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
