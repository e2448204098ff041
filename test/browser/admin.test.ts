import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, SCREENSHOT_DIR } from "../support/browser";
import { startTestService, type TestService } from "../support/service";
import { ApiClient, sampleHeaders } from "../service/proposals-client";

/**
 * The built console (dist/web/admin.html) in Chromium against the real service: reports are
 * seeded through the API, then an admin signs in with the development issuer, approves the
 * Azure proposal, downloads its PowerShell and finds the decision in the audit log; a person
 * without the admin role gets no console.
 */

let service: TestService;
let browser: Browser;

beforeAll(async () => {
  service = await startTestService();
  const api = new ApiClient(service);
  await api.crowd("contoso", sampleHeaders("azure-service-notice"), "<azure-1@microsoft.com>", 4);
  await api.crowd(
    "contoso",
    sampleHeaders("vendor-invoice-compauth"),
    "<inv-1@northwind.example>",
    3,
  );
  await api.crowd(
    "contoso",
    sampleHeaders("phishing-impersonation"),
    "<phish-1@fabrikarn.example>",
    6,
  );
  await api.crowd("contoso", sampleHeaders("user-settings-nspm"), "<reply-1@fabrikam.example>", 3);
  await api.crowd("contoso", sampleHeaders("hostile-display"), "<hostile-1@parcel.example>", 3);
  browser = await launchChromium();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await service?.close();
});

async function signIn(page: Page, preset: string): Promise<void> {
  await page.goto(`${service.url}/admin.html`);
  // The first page of a run compiles the bundle while the machine may be busy: be patient once.
  const radio = page.getByRole("radio", { name: preset });
  await radio.waitFor({ timeout: 60_000 });
  await radio.check();
  await page.getByRole("button", { name: "Sign in" }).click();
}

describe("the admin console", () => {
  it("lets an admin approve a proposal, download its PowerShell and see it audited", async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("dialog", (dialog) => {
      errors.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await signIn(page, "Contoso admin");

    const list = page.getByRole("list", { name: "Proposals" });
    await expect.poll(() => list.getByRole("button").count()).toBe(5);
    // Strongest first, and the one-line reason beside it.
    const first = list.getByRole("button").first();
    await expect.poll(() => first.textContent()).toContain("azure-noreply@microsoft.com");
    expect(await first.textContent()).toContain("4 people in 4 mailboxes vouched");
    await page.screenshot({ path: join(SCREENSHOT_DIR, "admin-list-1280.png"), fullPage: true });

    await first.click();
    const detail = page.getByRole("region", { name: "azure-noreply@microsoft.com" });
    await detail.getByText("DMARC pass", { exact: true }).waitFor();
    await detail.getByLabel("Note for the audit log (why)").fill("Azure notices; checked with IT");
    await detail.getByRole("button", { name: "Approve" }).click();
    await detail.getByText("Approved.", { exact: true }).waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, "admin-detail-1280.png"), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      detail.getByRole("button", { name: "PowerShell (Tenant Allow/Block List)" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^vouch-.+\.ps1$/);
    const script = readFileSync((await download.path())!, "utf8");
    expect(script).toContain("Connect-ExchangeOnline");
    expect(script).toContain("-Entry 'azure-noreply@microsoft.com' -Notes 'Vouch ");
    expect(script).toContain("-ListType Sender -Allow -Entries $Entry -RemoveAfter 45");
    expect(script).toContain("Azure notices; checked with IT");

    await page.getByRole("tab", { name: "Audit log" }).click();
    const audit = page.getByRole("table", { name: "Audit log" });
    await audit.waitFor();
    const approveRow = audit.getByRole("row").filter({ hasText: "Approved (Open → Approved)" });
    expect(await approveRow.count()).toBe(1);
    expect(await approveRow.textContent()).toContain("Azure notices; checked with IT");
    expect(await approveRow.textContent()).toContain("admin");

    await page.getByRole("tab", { name: "Insights" }).click();
    await page.getByRole("region", { name: "People's own junk settings" }).waitFor();

    await page.getByRole("tab", { name: "Activity" }).click();
    await page.getByRole("heading", { name: "Reports per day" }).waitFor();
    // Every report was made today: the chart draws that one bar.
    const bars = page.getByRole("region", { name: "Reports per day" }).locator("svg rect");
    await expect.poll(() => bars.count()).toBeGreaterThanOrEqual(1);
    await page.screenshot({
      path: join(SCREENSHOT_DIR, "admin-activity-1280.png"),
      fullPage: true,
    });

    // Hostile sender names stay text: the hostile-display sample's name never became markup.
    await page.getByRole("tab", { name: "Proposals" }).click();
    await list.waitFor();
    expect(await page.locator("img[src='x']").count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it("works at phone width: list, then the detail, then back", async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await signIn(page, "Contoso admin");
    const list = page.getByRole("list", { name: "Proposals" });
    await list.getByRole("button").first().waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SCREENSHOT_DIR, "admin-list-390.png"), fullPage: true });

    await list.getByRole("button").filter({ hasText: "northwind.example" }).click();
    await page.getByRole("button", { name: "← Back to the list" }).waitFor();
    expect(await list.isVisible()).toBe(false);
    await page
      .getByText("Allow northwind.example sent from example.net", { exact: true })
      .waitFor();
    const detailOverflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(detailOverflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SCREENSHOT_DIR, "admin-detail-390.png"), fullPage: true });
    await page.getByRole("button", { name: "← Back to the list" }).click();
    await list.waitFor();

    await page.getByRole("tab", { name: "Activity" }).click();
    await page
      .getByRole("region", { name: "Reports per day" })
      .locator("svg rect")
      .first()
      .waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, "admin-activity-390.png"), fullPage: true });
    await context.close();
  });

  it("shows a non-admin that they are not an admin, and no console", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page, "Contoso person (not an admin)");
    await page.getByText("You are not an admin of Vouch").waitFor();
    expect(await page.getByRole("tab").count()).toBe(0);
    expect(await page.getByRole("list", { name: "Proposals" }).count()).toBe(0);
    expect(await page.getByText("azure-noreply@microsoft.com").count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOT_DIR, "admin-not-admin-1280.png") });
    await context.close();
  });
});
