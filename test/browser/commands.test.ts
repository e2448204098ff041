import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUEUE_STORAGE_KEY, senderStatusSchema, type QueueEntry } from "../../src/api";
import { launchChromium } from "../support/browser";
import { startTestService, type TestService } from "../support/service";

/**
 * The built function file (dist/web/commands.html) in Chromium, served by the real service:
 * the real Office.js loads (outside Outlook, so it finds no mailbox), and a stand-in for
 * Outlook's mailbox item is installed before Office.onReady fires. The button's function is
 * then run the way Outlook runs it, with an event whose completed() the test awaits.
 */

const SAMPLE = readFileSync(
  resolve(import.meta.dirname, "../../samples/vendor-invoice-compauth.eml"),
  "utf8",
);
const HEADERS = SAMPLE.split(/\r?\n\r?\n/)[0]!;
const MESSAGE_ID = /^Message-ID:\s*(<[^>]+>)/im.exec(HEADERS)?.[1] ?? "";
const WHO = { tenant: "contoso", user: "dana" };

/** Appended to the real office.js: Outlook's mailbox item, and a record of associate() calls. */
function outlookStandIn(headers: string, messageId: string): string {
  return `
;(function () {
  window.__vouch = { notifications: [], associated: {} };
  var associate = Office.actions.associate;
  Office.actions.associate = function (name, fn) {
    window.__vouch.associated[name] = fn;
    return associate.apply(this, arguments);
  };
  // Office.js replaces Office.context while it initialises: install the mailbox once it is ready.
  Office.onReady(function () {
  Office.MailboxEnums = {
    ItemNotificationMessageType: { InformationalMessage: "informationalMessage", ErrorMessage: "errorMessage" },
    RestVersion: { v2_0: "v2.0" },
  };
  Office.context.displayLanguage = "en-US";
  Office.context.requirements = {
    isSetSupported: function (set, version) { return set === "Mailbox" && Number(version.split(".")[1]) <= 14; },
  };
  Office.context.mailbox = {
    item: {
      itemId: "AAMkAGI2TG93AAA=",
      internetMessageId: ${JSON.stringify(messageId)},
      subject: "Invoice",
      from: { emailAddress: "billing@northwind.example", displayName: "Northwind Billing" },
      getAllInternetHeadersAsync: function (callback) {
        setTimeout(function () { callback({ status: "succeeded", value: ${JSON.stringify(headers)} }); }, 5);
      },
      notificationMessages: {
        replaceAsync: function (key, details, callback) {
          window.__vouch.notifications.push({ key: key, details: details });
          callback({ status: "succeeded" });
        },
      },
    },
    addHandlerAsync: function () {},
    convertToRestId: function (id) { return "rest-" + id; },
  };
  });
})();
`;
}

let service: TestService;
let browser: Browser;

beforeAll(async () => {
  service = await startTestService();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await service?.close();
});

async function openFunctionFile(options: { failReports?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.route("**/office-js/office.js", async (route) => {
    const response = await route.fetch();
    await route.fulfill({
      response,
      body: (await response.text()) + outlookStandIn(HEADERS, MESSAGE_ID),
    });
  });
  if (options.failReports)
    await page.route("**/api/v1/reports", (route) => route.abort("connectionrefused"));
  // What the harness would have chosen, and the runtime configuration a deployment templates in.
  await page.addInitScript((who) => {
    localStorage.setItem("vouch:dev-identity", JSON.stringify(who));
    document.addEventListener("DOMContentLoaded", () => {
      for (const [name, content] of [
        ["vouch-auth", "dev"],
        ["vouch-client-id", "vouch-dev"],
      ]) {
        const meta = document.createElement("meta");
        meta.name = name!;
        meta.content = content!;
        document.head.append(meta);
      }
    });
  }, WHO);
  await page.goto(`${service.url}/commands.html`);
  await page.waitForFunction(
    () => typeof (window as never as VouchWindow).__vouch?.associated.reportNotSpam === "function",
  );
  return page;
}

interface VouchWindow {
  __vouch: {
    notifications: { key: string; details: Office.NotificationMessageDetails }[];
    associated: Record<string, (event: { completed(): void }) => unknown>;
  };
}

/** Clicks the button: runs the associated function and waits for event.completed(). */
async function clickNotSpam(page: Page) {
  return page.evaluate(
    () =>
      new Promise<{ completedCalls: number; notifications: Office.NotificationMessageDetails[] }>(
        (done) => {
          const vouch = (window as never as VouchWindow).__vouch;
          let completedCalls = 0;
          void vouch.associated.reportNotSpam!({
            completed() {
              completedCalls++;
              // Let a second, wrongful call show up before answering.
              setTimeout(
                () =>
                  done({
                    completedCalls,
                    notifications: vouch.notifications.map((n) => n.details),
                  }),
                200,
              );
            },
          });
        },
      ),
  );
}

async function senderStatusAsDana() {
  const token = await service.token(WHO);
  const response = await fetch(
    `${service.url}/api/v1/senders/status?internetMessageId=${encodeURIComponent(MESSAGE_ID)}`,
    {
      headers: { authorization: `Bearer ${token}` },
    },
  );
  expect(response.status).toBe(200);
  return senderStatusSchema.parse(await response.json());
}

describe("the Not spam button in Chromium against the real service", () => {
  it("has a sample with headers and a message id to report", () => {
    expect(MESSAGE_ID).toMatch(/^<.+@.+>$/);
    expect(HEADERS).toMatch(/^Authentication-Results:/m);
  });

  it("stores the report and shows Outlook's notification", async () => {
    const before = await senderStatusAsDana();
    expect(before.youReported).toBe(false);

    const page = await openFunctionFile();
    const result = await clickNotSpam(page);
    expect(result.completedCalls).toBe(1);
    expect(result.notifications).toHaveLength(1);
    expect(result.notifications[0]).toMatchObject({
      type: "informationalMessage",
      icon: "Icon.16",
      persistent: false,
    });
    expect(result.notifications[0]?.message).toMatch(
      /^Reported as not spam\. You are the first to vouch for /,
    );
    expect(result.notifications[0]!.message.length).toBeLessThanOrEqual(150);

    const after = await senderStatusAsDana();
    expect(after.youReported).toBe(true);
    expect(after.reporters).toBe(1);
    expect(await page.evaluate((key) => localStorage.getItem(key), QUEUE_STORAGE_KEY)).toBeNull();
    await page.context().close();
  });

  it("says 'already reported' on a second click, and the service counts it once", async () => {
    const page = await openFunctionFile();
    const result = await clickNotSpam(page);
    expect(result.completedCalls).toBe(1);
    expect(result.notifications.map((n) => n.message)).toEqual([
      "You already reported this message.",
    ]);
    expect((await senderStatusAsDana()).reporters).toBe(1);
    await page.context().close();
  });

  it("keeps the report in the shared queue and shows an error when the service cannot be reached", async () => {
    const page = await openFunctionFile({ failReports: true });
    const result = await clickNotSpam(page);
    expect(result.completedCalls).toBe(1);
    expect(result.notifications).toEqual([
      {
        type: "errorMessage",
        message: expect.stringMatching(/could not reach its service\. Your report is saved/),
      },
    ]);
    const stored = JSON.parse(
      (await page.evaluate((key) => localStorage.getItem(key), QUEUE_STORAGE_KEY)) ?? "[]",
    ) as QueueEntry[];
    expect(stored).toMatchObject([
      {
        account: `dev:${WHO.tenant}/${WHO.user}`,
        status: "pending",
        request: { internetMessageId: MESSAGE_ID, kind: "not-spam" },
      },
    ]);
    await page.context().close();
  });
});
