import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/browser";
import { startFakeTarget, type FakeTarget } from "../support/fake-alert-targets";
import { exchangeHeaders } from "../support/service-headers";
import { startTestService, type TestService } from "../support/service";
import { ApiClient } from "../service/proposals-client";
import { axeViolations, openConsole, overflow, screenshot, signIn } from "./admin-helpers";

/**
 * The critical-service watch tab in Chromium against the real service: an admin adds a critical
 * sender and a JSON webhook channel (a local server that answers 500), the first report of that
 * sender raises the banner, the failed delivery shows as retrying, and the trend counts it.
 */

let service: TestService;
let api: ApiClient;
let browser: Browser;
let hook: FakeTarget;

beforeAll(async () => {
  hook = await startFakeTarget(() => ({ status: 500, body: "upstream broke" }));
  service = await startTestService({
    VOUCH_WATCH_UNSAFE_PRIVATE_TARGETS: "1",
    VOUCH_WATCH_POLL: "50ms",
    // One failed attempt, then a long wait: the channel stays "retrying" while the test looks.
    VOUCH_WATCH_RETRY_BASE: "1h",
  });
  api = new ApiClient(service);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await service?.close();
  await hook?.close();
});

describe("the critical senders tab", () => {
  it("adds a sender and a webhook, alerts on the first report, shows the failed delivery and the trend", async () => {
    const { context, page, errors } = await openConsole(browser, 1280);
    await signIn(page, service, "Contoso admin");
    await page.getByRole("tab", { name: "Critical senders" }).click();

    // The shipped catalogue is there, each entry with its public source.
    const senders = page.getByRole("table", { name: "Critical senders" });
    await senders.getByText("Catalogue").first().waitFor();
    expect(await senders.getByRole("link", { name: "Source" }).count()).toBeGreaterThan(0);

    const add = page.getByRole("form", { name: "Add a sender (vendor, bank, auditor)" });
    await add.getByRole("textbox", { name: "Domain or address" }).fill("litware.example");
    await add.getByRole("textbox", { name: "Name" }).fill("Litware payroll");
    await add.getByRole("button", { name: "Add" }).click();
    const own = senders.getByRole("row").filter({ hasText: "Litware payroll" });
    await own.waitFor();
    expect(await own.textContent()).toContain("Your own");
    expect(await own.textContent()).toContain("litware.example");

    const channel = page.getByRole("form", { name: "Add a channel" });
    await channel.getByRole("combobox", { name: "Kind" }).selectOption({ label: "JSON webhook" });
    await channel.getByRole("textbox", { name: "Name" }).fill("SIEM");
    await channel.getByLabel("Webhook URL").fill(`${hook.url}/alerts?token=HOOKTOKEN`);
    await channel.getByRole("button", { name: "Add channel" }).click();
    const channels = page.getByRole("table", { name: "Alert channels" });
    const siem = channels.getByRole("row").filter({ hasText: "SIEM" });
    await siem.waitFor();
    expect(await siem.textContent()).toContain("none yet");
    // The URL is a secret: only its origin is shown.
    expect(await page.evaluate(() => document.body.innerText)).not.toContain("HOOKTOKEN");

    // One person reports Litware's payroll mail from Junk: no waiting for three people.
    await api.report(
      { tenant: "contoso", user: "dana" },
      exchangeHeaders({ from: "payroll@litware.example", messageId: "<pay-1@litware.example>" }),
      "<pay-1@litware.example>",
    );
    await hook.received(1);

    await page.reload();
    const banner = page.getByRole("region", { name: "A critical sender landed in Junk" });
    await banner.getByText(/Litware payroll: authenticated mail reported by 1 person/).waitFor();
    await banner.getByRole("button", { name: "Open the proposal" }).waitFor();

    await page.getByRole("tab", { name: "Critical senders" }).click();
    const failed = page
      .getByRole("table", { name: "Alert channels" })
      .getByRole("row")
      .filter({ hasText: "SIEM" });
    await failed.getByText("retrying").waitFor();
    expect(await failed.textContent()).toMatch(/500/);
    expect(await failed.textContent()).toContain("1 waiting");

    const trend = page.getByRole("table", { name: "Junked critical mail per day" });
    const row = trend.getByRole("row").filter({ hasText: "Litware payroll" });
    await row.waitFor();
    expect(await row.textContent()).toContain("1 report");
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "watch-en-1280");
    await page.setViewportSize({ width: 390, height: 900 });
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, "watch-en-390");

    // Acknowledged, the banner goes.
    await banner.getByRole("button", { name: "Acknowledge" }).click();
    await banner.waitFor({ state: "detached" });
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it("reads in German, at phone width and wide", async () => {
    const { context, page, errors } = await openConsole(browser, 390, "de-DE");
    await signIn(page, service, "Contoso-Administrator", "Anmelden");
    await page.getByRole("tab", { name: "Kritische Absender" }).click();
    await page
      .getByRole("table", { name: "Alarmkanäle" })
      .getByText("neuer Versuch folgt")
      .waitFor();
    await page
      .getByRole("table", { name: "Kritische E-Mail im Junk-E-Mail-Ordner pro Tag" })
      .getByText("1 Meldung")
      .waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "watch-de-390");
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(page, "watch-de-1280");
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
