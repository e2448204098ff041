import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/browser";
import { startFakeGraph, type FakeGraph } from "../support/fake-graph";
import { fakeMessage } from "../support/fake-graph-messages";
import { startTestService, type TestService } from "../support/service";
import { axeViolations, openConsole, overflow, screenshot, signIn } from "./admin-helpers";

/**
 * The Junk sweep tab in Chromium against the real service, whose sweep reads a local fake of
 * Microsoft Graph: an admin starts a round, then sees its result, the mailboxes that need them
 * (403 outside the app's scope, throttled) with what to do, and the senders seen in Junk,
 * critical first and labelled as sightings, never vouches. In English and German.
 */

let graph: FakeGraph;
let service: TestService;
let browser: Browser;

const AZURE_ID = "<azure-notice-1@az.westus2.microsoft.com>";

beforeAll(async () => {
  graph = await startFakeGraph({
    tenantId: "contoso",
    members: [
      { id: "u1", mail: "ada@contoso.test" },
      { id: "u2", mail: "ben@contoso.test" },
      { id: "u3", mail: "cy@contoso.test" },
      { id: "u4", mail: "outside@contoso.test" },
    ],
  });
  const azure = (id: string) => fakeMessage("azure-service-notice", { id, messageId: AZURE_ID });
  const news = (id: string) =>
    fakeMessage("bulk-newsletter", { id, messageId: "<news-1@news.example.org>" });
  graph.setMessages("u1", [azure("a1"), news("n1")]);
  graph.setMessages("u2", [azure("a2"), news("n2")]);
  graph.setMessages("u3", [azure("a3")]);
  graph.outOfScope.add("u4");
  // Graph asks cy's mailbox to wait ten minutes: longer than the sweep waits within a round.
  graph.inject({
    match: "/users/u3/mailFolders",
    times: 1,
    status: 429,
    headers: { "retry-after": "600" },
    body: JSON.stringify({ error: { code: "ApplicationThrottled", message: "Too many" } }),
  });
  service = await startTestService({
    ...graph.env,
    // Only the admin's button starts a round here.
    VOUCH_SWEEP_START_DELAY: "1h",
    VOUCH_SWEEP_MANY_MAILBOXES: "2",
  });
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await service?.close();
  await graph?.close();
});

describe("the Junk sweep tab", () => {
  it("runs a round and shows mailbox states and sightings in plain words", async () => {
    const { context, page, errors } = await openConsole(browser, 1280);
    await signIn(page, service, "Contoso admin");
    await page.getByRole("tab", { name: "Junk sweep" }).click();
    await page.getByText("The Junk sweep is on.").waitFor();
    await page.getByText("It has not run a round yet.").waitFor();

    await page.getByRole("button", { name: "Run a round now" }).click();
    await page.getByText("The last round went well.").waitFor({ timeout: 30_000 });
    await page.getByText(/Last round finished .*: 4 messages read, 4 sightings kept\./).waitFor();

    const sightings = page.getByRole("table", { name: "Seen in Junk" });
    const rows = sightings.getByRole("row");
    await rows.nth(2).waitFor();
    const first = (await rows.nth(1).textContent()) ?? "";
    expect(first).toContain("Microsoft Azure");
    expect(first).toContain("Critical sender");
    expect(first).toContain("2 mailboxes, 2 messages");
    expect(first).toContain("Nobody vouched yet");
    const second = (await rows.nth(2).textContent()) ?? "";
    expect(second).toContain("news.example.org");
    expect(second).toContain("Junked in many mailboxes");
    await page.getByText(/These are sightings, not vouches/).waitFor();

    const mailboxes = page.getByRole("table", { name: "Mailboxes" });
    const states = mailboxes.getByRole("row");
    await states.nth(4).waitFor();
    const outside = (await states.nth(1).textContent()) ?? "";
    expect(outside).toContain("outside@contoso.test");
    expect(outside).toContain("Outside the app's scope (403)");
    expect(outside).toContain("Add the mailbox to the app's access scope");
    const throttled = (await states.nth(2).textContent()) ?? "";
    expect(throttled).toContain("cy@contoso.test");
    expect(throttled).toContain("Throttled by Microsoft");
    expect(throttled).toMatch(/Waits until \d/);
    expect(await states.nth(3).textContent()).toContain("Read");

    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "sweep-en-1280");
    await page.setViewportSize({ width: 390, height: 900 });
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, "sweep-en-390");
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it("reads in German, at phone width and wide", async () => {
    const { context, page, errors } = await openConsole(browser, 390, "de-DE");
    await signIn(page, service, "Contoso-Administrator", "Anmelden");
    await page.getByRole("tab", { name: "Junk-Durchlauf" }).click();
    await page.getByText("Die letzte Runde verlief ohne Fehler.").waitFor();
    await page
      .getByRole("table", { name: "Im Junk gesehen" })
      .getByText("Kritischer Absender")
      .waitFor();
    await page
      .getByRole("table", { name: "Postfächer" })
      .getByText("Außerhalb des Bereichs der App (403)")
      .waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "sweep-de-390");
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(page, "sweep-de-1280");
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
