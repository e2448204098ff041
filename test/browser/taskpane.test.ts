import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations } from "../support/axe";
import { launchChromium, SCREENSHOT_DIR } from "../support/browser";
import { outlookStandIn } from "../support/outlook-standin";
import { sampleHeaders } from "../support/samples";
import { startTestService, type TestService } from "../support/service";

/**
 * The built harness (dist/web/harness.html) in Chromium, served by the real service in
 * development mode: the real pane on the stand-in host, signed in through POST /dev/token.
 */

const TENANT = "harness";

let service: TestService;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  service = await startTestService();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await service?.close();
});

interface OpenOptions {
  sample: string;
  user?: string;
  lang?: string;
  theme?: string;
  quirk?: string;
  width?: string;
  viewport?: { width: number; height: number };
}

async function openHarness(options: OpenOptions): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 900, height: 1400 },
  });
  const page = await context.newPage();
  const params = new URLSearchParams({
    sample: options.sample,
    user: options.user ?? "alice",
    lang: options.lang ?? "en-US",
    theme: options.theme ?? "light",
    width: options.width ?? "360",
  });
  if (options.quirk) params.set("quirk", options.quirk);
  await page.goto(`${service.url}/harness.html?${params}`);
  return { page, context };
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page
    .locator("[data-testid=pane-frame]")
    .screenshot({ path: join(SCREENSHOT_DIR, `taskpane-${name}.png`) });
}

describe("task pane in the harness", () => {
  it("explains the Azure notice, reports it, and counts the colleagues", async () => {
    const { headers, messageId } = sampleHeaders("azure-service-notice");
    // A colleague vouched first.
    const bobToken = await service.token({ tenant: TENANT, user: "bob" });
    const bob = await fetch(`${service.url}/api/v1/reports`, {
      method: "POST",
      headers: { authorization: `Bearer ${bobToken}`, "content-type": "application/json" },
      body: JSON.stringify({ internetMessageId: messageId, headers, kind: "not-spam" }),
    });
    expect(bob.status).toBe(201);

    const { page, context } = await openHarness({ sample: "azure-service-notice" });
    const verdict = page.getByTestId("verdict");
    await expect
      .poll(() => verdict.textContent())
      .toContain("This looks like a genuine message that the spam filter got wrong.");
    await expect
      .poll(() => page.getByTestId("findings").textContent())
      .toContain("What your admin can do");

    const auth = page.getByTestId("auth");
    // The detail sections render a frame after the verdict.
    await auth.locator("tbody tr").first().waitFor();
    const rows = await auth.locator("tbody tr th").allTextContents();
    expect(rows).toEqual(expect.arrayContaining(["SPF", "DMARC", "Composite authentication"]));
    expect(rows.some((row) => row.startsWith("DKIM"))).toBe(true);
    const dmarcRow = auth.locator("tr", { has: page.locator("th", { hasText: /^DMARC$/ }) });
    expect(await dmarcRow.textContent()).toContain("pass");
    expect(await dmarcRow.textContent()).toContain("The sender's domain vouches for this message");

    const count = page.getByTestId("colleague-count");
    await expect.poll(() => count.getAttribute("data-count")).toBe("1");
    await screenshot(page, "azure-before-report");

    await page.getByRole("textbox", { name: "Comment (optional)" }).fill("Our Azure notices");
    await page.getByRole("button", { name: "Not spam" }).click();
    const status = page.getByTestId("report-status");
    await expect.poll(() => status.textContent()).toBe("Reported as not spam. Thank you.");
    await expect.poll(() => count.getAttribute("data-count")).toBe("2");
    expect(await count.textContent()).toContain("You are one of them.");
    expect(await page.getByRole("button", { name: "Retract report" }).isVisible()).toBe(true);
    await screenshot(page, "azure-reported");

    await page.getByRole("button", { name: "Retract report" }).click();
    await expect.poll(() => status.textContent()).toBe("Your report was retracted.");
    await expect.poll(() => count.getAttribute("data-count")).toBe("1");
    await context.close();
  });

  it("offers no report button on the phishing sample", async () => {
    const { page, context } = await openHarness({ sample: "phishing-impersonation" });
    const verdict = page.getByTestId("verdict");
    await expect.poll(() => verdict.textContent()).toContain("Do not trust this message.");
    await page.getByTestId("nothing-to-report").waitFor();
    expect(await page.getByRole("button", { name: "Not spam" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Trusted sender" }).count()).toBe(0);
    await screenshot(page, "phishing");
    await context.close();
  });

  it("renders hostile display text as inert text", async () => {
    const { page, context } = await openHarness({ sample: "hostile-display" });
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await expect
      .poll(() => page.getByTestId("subject").textContent())
      .toContain("<img src=x onerror=alert(1)>");
    await page.getByTestId("sender").waitFor();
    // Open the raw headers too: the whole block, as text.
    await page.getByRole("button", { name: "Raw headers" }).click();
    await page.locator("pre").waitFor();
    expect(await page.locator("[data-testid=pane-frame] img").count()).toBe(0);
    expect(await page.locator("[data-testid=pane-frame] script").count()).toBe(0);
    expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0);
    expect(await page.getByTestId("sender").textContent()).toContain(
      "<img src=x onerror=alert(1)>",
    );
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    await screenshot(page, "hostile-display");
    await context.close();
  });

  it.each(["light", "dark", "high-contrast"])(
    "has no serious or critical accessibility violation in the %s theme",
    async (theme) => {
      const { page, context } = await openHarness({ sample: "vendor-invoice-compauth", theme });
      await page.getByTestId("colleagues").waitFor();
      await page.getByTestId("route").waitFor();
      await page.getByRole("button", { name: "Raw headers" }).click();
      await page.locator("pre").waitFor();
      expect(await page.locator("[data-testid=pane-frame] > div").getAttribute("data-theme")).toBe(
        theme,
      );
      expect(await axeViolations(page), theme).toEqual([]);
      await screenshot(page, `theme-${theme}`);
      await context.close();
    },
  );

  it("fits 320 px without horizontal scrolling", async () => {
    for (const sample of ["azure-service-notice", "forged-auth-results", "hostile-display"]) {
      const { page, context } = await openHarness({
        sample,
        width: "full",
        viewport: { width: 320, height: 900 },
      });
      await page.getByTestId("route").waitFor();
      await page.getByRole("button", { name: "Raw headers" }).click();
      await page.locator("pre").waitFor();
      const overflow = await page.evaluate(() => {
        const main = document.querySelector("main")!;
        return {
          page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          pane: main.scrollWidth - main.clientWidth,
        };
      });
      expect(overflow, sample).toEqual({ page: 0, pane: 0 });
      if (sample === "azure-service-notice") {
        await page.screenshot({ path: join(SCREENSHOT_DIR, "taskpane-320px.png"), fullPage: true });
      }
      await context.close();
    }
  });

  it("speaks German when Office's display language is German", async () => {
    const { page, context } = await openHarness({ sample: "bulk-newsletter", lang: "de-DE" });
    await expect
      .poll(() => page.locator("h1").textContent())
      .toBe("Warum ist das im Junk-E-Mail-Ordner?");
    await page.getByRole("button", { name: "Kein Spam" }).waitFor();
    expect(await page.getByRole("button", { name: "Vertrauenswürdiger Absender" }).count()).toBe(1);
    expect(
      await page
        .locator("main")
        .getAttribute("lang")
        .catch(() => null),
    ).toBeNull();
    expect(await page.locator("[lang=de]").count()).toBeGreaterThan(0);
    await screenshot(page, "german");
    await context.close();
  });

  it("says plainly when Outlook gives no headers, and that Graph was considered", async () => {
    const { page, context } = await openHarness({ sample: "azure-service-notice", quirk: "empty" });
    const missing = page.getByTestId("missing");
    await expect
      .poll(() => missing.textContent())
      .toContain("This happens for messages in Sent Items.");
    expect(await missing.textContent()).toContain(
      "Vouch could not fall back to Microsoft Graph here",
    );
    await screenshot(page, "no-headers");
    await context.close();
  });

  it("queues a report made offline and sends it when back online", async () => {
    const { page, context } = await openHarness({ sample: "user-settings-nspm", user: "carol" });
    await page.getByRole("button", { name: "Not spam" }).waitFor();
    await context.setOffline(true);
    await page.getByRole("button", { name: "Not spam" }).click();
    const status = page.getByTestId("report-status");
    await expect.poll(() => status.textContent()).toContain("Your report is saved");
    expect(await page.evaluate(() => localStorage.getItem("vouch:report-queue:v1"))).toContain(
      "carol",
    );
    await screenshot(page, "queued");
    await context.setOffline(false);
    await expect
      .poll(() => status.textContent(), { timeout: 15_000 })
      .toBe("Reported as not spam. Thank you.");
    expect(await page.evaluate(() => localStorage.getItem("vouch:report-queue:v1"))).toBeNull();
    await context.close();
  });
});

describe("task pane page outside Outlook", () => {
  it("points to Outlook and the harness", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${service.url}/taskpane.html`);
    await expect
      .poll(() => page.locator("main").textContent())
      .toContain("Vouch runs inside Outlook.");
    expect(
      await page.getByRole("link", { name: "Open the dev harness" }).getAttribute("href"),
    ).toBe("/harness.html");
    await context.close();
  });
});

describe("keyboard", () => {
  it("reaches and presses Not spam with the keyboard alone", async () => {
    const { page, context } = await openHarness({ sample: "bulk-newsletter", user: "bob" });
    await page.getByRole("button", { name: "Not spam" }).waitFor();
    await page
      .locator("main")
      .focus()
      .catch(() => undefined);
    let reached = false;
    for (let presses = 0; presses < 40 && !reached; presses++) {
      await page.keyboard.press("Tab");
      reached = await page.evaluate(() => document.activeElement?.textContent === "Not spam");
    }
    expect(reached).toBe(true);
    await page.keyboard.press("Enter");
    await expect
      .poll(() => page.getByTestId("report-status").textContent())
      .toBe("Reported as not spam. Thank you.");
    await context.close();
  });
});

describe("task pane page inside Outlook (Office.js host)", () => {
  it("reads the item through Office.js, reports it, and follows the pinned item", async () => {
    const azure = sampleHeaders("azure-service-notice");
    const phishing = sampleHeaders("phishing-impersonation");
    const context = await browser.newContext({ viewport: { width: 360, height: 1200 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    await page.route("**/office-js/office.js", async (route) => {
      const response = await route.fetch();
      await route.fulfill({
        response,
        body:
          (await response.text()) +
          outlookStandIn([
            { ...azure, subject: "Azure notice" },
            { ...phishing, subject: "Bank details" },
          ]),
      });
    });
    // The runtime configuration a deployment templates into the page.
    await page.route("**/taskpane.html", async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace(
        "<head>",
        '<head><meta name="vouch-auth" content="dev" /><meta name="vouch-client-id" content="vouch-dev" />',
      );
      await route.fulfill({ response, body: html });
    });
    // The identity the harness would have recorded (only the pane's own frame, not Office's).
    await page.addInitScript(() => {
      if (window !== window.top) return;
      localStorage.setItem(
        "vouch:dev-identity",
        JSON.stringify({ tenant: "outlook-tenant", user: "dana" }),
      );
    });
    await page.goto(`${service.url}/taskpane.html`);
    const verdict = page.getByTestId("verdict");
    await expect
      .poll(() => verdict.textContent())
      .toContain("This looks like a genuine message that the spam filter got wrong.");
    // Office's dark body colour → the dark Fluent theme.
    expect(await page.locator("[data-theme]").first().getAttribute("data-theme")).toBe("dark");
    await page.getByRole("button", { name: "Trusted sender" }).click();
    await expect
      .poll(() => page.getByTestId("report-status").textContent())
      .toBe("Reported as a trusted sender. Thank you.");
    await page.screenshot({
      path: join(SCREENSHOT_DIR, "taskpane-outlook-dark.png"),
      fullPage: true,
    });

    const select = (index: number | null) =>
      page.evaluate(
        (i) => (window as unknown as { __selectItem(i: number | null): void }).__selectItem(i),
        index,
      );
    await select(1);
    await expect.poll(() => verdict.textContent()).toContain("Do not trust this message.");
    expect(await page.getByRole("button", { name: "Trusted sender" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Not spam" }).count()).toBe(0);
    await select(null);
    await expect
      .poll(() => page.locator("main").textContent())
      .toContain("Select a message to see why it landed where it did.");
    expect(errors).toEqual([]);
    await context.close();
  });
});
