import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProposalDto } from "../../src/api/admin-contract";
import { launchChromium } from "../support/browser";
import { exchangeHeaders } from "../support/service-headers";
import { startTestService, type TestService } from "../support/service";
import { ApiClient, sampleHeaders, withMessageId } from "../service/proposals-client";
import {
  ADMIN,
  axeViolations,
  openConsole,
  overflow,
  proposalId,
  screenshot,
  signIn,
} from "./admin-helpers";

/**
 * The console's review work in Chromium against the real service: reporters' comments beside
 * the evidence, signals in words, needs-review first, escaped bidi and look-alike characters,
 * focus on the chosen proposal, reject and revoke through a note-and-confirm dialog with the
 * removal script, settings changes in the audit log, the campaign insight, and all of it in
 * German. axe-core stays clean in both languages.
 */

let service: TestService;
let api: ApiClient;
let browser: Browser;

const BIDI_DOMAIN = "invoice\u202Etxt.example";
// Cyrillic а (U+0430) in place of the Latin a.
const CONFUSABLE_DOMAIN = "p\u0430ypal.example";
const COMMENT = "Our Azure billing notices \u2014 please let them through";
const BIDI_COMMENT = "see attachment \u202Efdp.exe";

async function vouch(from: string, people: number, first = 0, extra = {}): Promise<void> {
  for (let index = first; index < first + people; index++) {
    const headers = exchangeHeaders({
      from,
      messageId: `<m${index}@${from.split("@")[1]}>`,
      dmarc: "pass",
      ...extra,
    });
    await api.report({ tenant: "contoso", user: `person${index}` }, headers, `<m${index}-${from}>`);
  }
}

async function decide(senderKey: string, action: string, note: string): Promise<ProposalDto> {
  const id = await proposalId(api, senderKey);
  const body = action === "reject" || action === "revoke" ? { note, confirm: true } : { note };
  const result = await api.call(ADMIN, "POST", `/api/v1/proposals/${id}/${action}`, body);
  if (result.status !== 200) throw new Error(`${action} failed: ${result.text}`);
  return result.json() as ProposalDto;
}

beforeAll(async () => {
  service = await startTestService();
  api = new ApiClient(service);
  const azure = sampleHeaders("azure-service-notice");
  const commented = await api.call(
    { tenant: "contoso", user: "person9" },
    "POST",
    "/api/v1/reports",
    {
      internetMessageId: "<azure-1@microsoft.com>",
      headers: withMessageId(azure, "<azure-1@microsoft.com>"),
      kind: "trusted-sender",
      comment: COMMENT,
    },
  );
  expect(commented.status, commented.text).toBeLessThan(300);
  await api.crowd("contoso", azure, "<azure-1@microsoft.com>", 3);
  await api.crowd(
    "contoso",
    sampleHeaders("phishing-impersonation"),
    "<phish-1@fabrikarn.example>",
    6,
  );
  await vouch(`billing@${BIDI_DOMAIN}`, 3);
  await api.call({ tenant: "contoso", user: "person8" }, "POST", "/api/v1/reports", {
    internetMessageId: "<bidi-c@invoice.example>",
    headers: exchangeHeaders({
      from: `billing@${BIDI_DOMAIN}`,
      messageId: "<bidi-c@invoice.example>",
      dmarc: "pass",
    }),
    kind: "not-spam",
    comment: BIDI_COMMENT,
  });
  await vouch(`ap@${CONFUSABLE_DOMAIN}`, 3);
  // Approved, then the evidence turns: people report it carrying a phishing verdict.
  await vouch("news@tailspin.example", 3);
  await decide("tailspin.example", "approve", "Tailspin newsletter, checked");
  await vouch("news@tailspin.example", 2, 10, { cat: "PHSH", sfv: "SPM", scl: 9 });
  // Approved, for the revoke dialog.
  await vouch("payroll@litware.example", 3);
  await decide("litware.example", "approve", "Payroll provider");
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await service?.close();
});

const open = (width: number, locale?: string) => openConsole(browser, width, locale);
const shot = screenshot;

describe("reviewing proposals in the console", () => {
  it("shows needs-review first, comments with the evidence, words not ids, and moves focus", async () => {
    const { context, page, errors } = await open(1280);
    await signIn(page, service, "Contoso admin");

    // Needs review comes before everything else, with what changed.
    const review = page.getByRole("list", { name: "Needs your review" });
    await review.waitFor();
    expect(await review.getByRole("button").count()).toBe(1);
    expect(await review.getByRole("button").textContent()).toContain("tailspin.example");
    const firstButton = page.locator("main ul button").first();
    expect(await firstButton.textContent()).toContain("tailspin.example");
    const list = page.getByRole("list", { name: "Proposals" });
    expect(await list.getByRole("button").filter({ hasText: "tailspin.example" }).count()).toBe(0);
    await shot(page, "admin-console-list-en-1280");

    // Choosing a proposal moves focus to its detail heading.
    await list.getByRole("button").filter({ hasText: "azure-noreply@microsoft.com" }).click();
    const detail = page.getByRole("region", { name: "azure-noreply@microsoft.com" });
    await detail.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("detail-heading");

    // The reporter's comment sits with the evidence.
    const reports = detail.getByRole("table", { name: "Latest reports" });
    await reports.getByText(COMMENT).waitFor();
    expect(await reports.getByRole("columnheader", { name: "Comment" }).count()).toBe(1);

    // Labelled scores and signals in words: no "cat-spm", "dest-j" or "auth-dmarc-pass".
    await detail.getByText(/^Strength \d+ of 100$/).waitFor();
    const text = (await detail.textContent()) ?? "";
    expect(text).not.toMatch(/\b(cat|sfv|dest|sfty|compauth|dmarc|auth|verdict|infra)-[a-z0-9.]/);
    expect(text).toContain("Verdicts and findings seen");
    expect(text).toMatch(/(Delivered to|Spam filter|Category|DMARC): [A-Za-z]/);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, "admin-console-detail-en-1280");

    // The needs-review proposal says what changed, and its approved entry stays exportable.
    await review.getByRole("button").click();
    const tailspin = page.getByRole("region", { name: "tailspin.example" });
    await tailspin.getByText("The evidence turned since this was approved").waitFor();
    await tailspin.getByText(/What changed/).waitFor();
    expect(
      await tailspin.getByRole("button", { name: "PowerShell (Tenant Allow/Block List)" }).count(),
    ).toBe(1);
    for (const action of ["Approve", "Reject", "Revoke"]) {
      expect(await tailspin.getByRole("button", { name: action, exact: true }).count()).toBe(1);
    }
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("detail-heading");
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, "admin-console-needs-review-en-1280");
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it("shows bidi and look-alike characters escaped, with a warning badge", async () => {
    const { context, page } = await open(1280);
    await signIn(page, service, "Contoso admin");
    const list = page.getByRole("list", { name: "Proposals" });
    await list.getByRole("button").first().waitFor();

    // The sender identity refuses both and keys them escaped (U+202E) or as punycode.
    const bidiRow = list.getByRole("button").filter({ hasText: /invoice\\u\{?202e/i });
    expect(await bidiRow.count()).toBe(1);
    expect(await bidiRow.textContent()).toContain("Hidden or look-alike characters");
    const confusableRow = list.getByRole("button").filter({ hasText: "xn--pypal-4ve.example" });
    expect(await confusableRow.textContent()).toContain("Refused:");
    const body = await page.evaluate(() => document.body.innerText);
    expect(body).not.toContain("\u202E");
    expect(body).not.toContain("\u0430");

    // A reporter's comment with U+202E is shown escaped and cannot reorder the text.
    await bidiRow.click();
    const detail = page.getByRole("region", { name: /invoice\\u\{?202e/i });
    await detail.getByRole("table", { name: "Latest reports" }).waitFor();
    const comment = detail.getByRole("cell", { name: /see attachment \\u202Efdp\.exe/ });
    await comment.waitFor();
    expect(await comment.textContent()).toContain("Hidden or look-alike characters");
    expect(await page.evaluate(() => document.body.innerText.includes("\u202E"))).toBe(false);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, "admin-console-bidi-en-1280");
    await context.close();
  }, 120_000);

  it("asks for a note and a confirmation to revoke, then offers the removal script", async () => {
    const { context, page, errors } = await open(1280);
    await signIn(page, service, "Contoso admin");
    const list = page.getByRole("list", { name: "Proposals" });
    await list.getByRole("button").filter({ hasText: "litware.example" }).click();
    const detail = page.getByRole("region", { name: "litware.example" });
    await detail.getByRole("button", { name: "Revoke", exact: true }).click();

    const dialog = page.getByRole("alertdialog", { name: "Revoke litware.example?" });
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Revoke", exact: true }).click();
    await dialog.getByText("Write a note first.").waitFor();
    expect(await dialog.getByRole("button", { name: "Revoke", exact: true }).isDisabled()).toBe(
      true,
    );
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, "admin-console-revoke-dialog-en-1280");
    // Nothing was decided yet.
    const id = await proposalId(api, "litware.example");
    const before = (await api.call(ADMIN, "GET", `/api/v1/proposals/${id}`)).json() as ProposalDto;
    expect(before.status).toBe("approved");

    await dialog.getByLabel(/Why \(required/).fill("Payroll moved to another provider");
    await dialog.getByRole("button", { name: "Revoke", exact: true }).click();
    await dialog.waitFor({ state: "detached" });
    await detail.getByText("Revoked.", { exact: true }).waitFor();

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      detail.getByRole("button", { name: "Download the removal script" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.ps1$/);
    const script = readFileSync((await download.path())!, "utf8");
    expect(script).toContain("Remove-TenantAllowBlockListItems");
    expect(script).toContain("litware.example");

    await page.getByRole("tab", { name: "Audit log" }).click();
    const audit = page.getByRole("table", { name: "Audit log" });
    const row = audit.getByRole("row").filter({ hasText: "Revoked (Approved → Revoked)" });
    await row.waitFor();
    expect(await row.textContent()).toContain("Payroll moved to another provider");
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it("warns of a look-alike campaign and keeps every settings change in the audit log", async () => {
    const { context, page, errors } = await open(1280);
    await signIn(page, service, "Contoso admin");
    await page.getByRole("tab", { name: "Insights" }).click();
    const campaigns = page.getByRole("region", {
      name: "Security: people are vouching for a refused look-alike",
    });
    await campaigns.getByText("6 people vouched for a sender Vouch refused").waitFor();
    expect(await campaigns.textContent()).toContain("fabrikarn.example");
    expect(await campaigns.textContent()).toContain("warn people");
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, "admin-console-insights-en-1280");
    // The Cyrillic look-alike that three people vouched for is one too.
    expect(await campaigns.textContent()).toContain("xn--pypal-4ve.example");
    await campaigns
      .locator(".fui-MessageBar")
      .filter({ hasText: "fabrikarn.example" })
      .getByRole("button", { name: "Show the evidence" })
      .click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ""))
      .toContain("fabrikarn.example");

    await page.getByRole("tab", { name: "Settings" }).click();
    const days = page.getByRole("spinbutton", { name: "Recent within (days)" });
    await days.fill("0");
    await page.getByText("A whole number from 1 to 365.").waitFor();
    expect(await page.getByRole("button", { name: "Save settings" }).isDisabled()).toBe(true);
    await days.fill("60");
    await page.getByRole("radio", { name: /Defender for Office 365 Plan 1/ }).check();
    await page
      .getByRole("textbox", { name: "Your own (accepted) domains" })
      .fill("contoso.example");
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, "admin-console-settings-en-1280");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText("Saved. The change is in the audit log.").waitFor();

    await page.getByRole("tab", { name: "Audit log" }).click();
    const row = page
      .getByRole("table", { name: "Audit log" })
      .getByRole("row")
      .filter({ hasText: "Settings changed" });
    await row.waitFor();
    const text = (await row.textContent()) ?? "";
    expect(text).toContain("Recent within (days): 30 → 60");
    expect(text).toContain("Accepted domains: none → contoso.example");
    expect(text).toContain(
      "Plan: Exchange Online Protection (500 allow entries) → Defender for Office 365 Plan 1 (1,000)",
    );
    expect(text).toContain("admin");
    await shot(page, "admin-console-audit-en-1280");
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});

describe("the console in German", () => {
  const ENGLISH = [
    "Proposals",
    "Strength",
    "vouched",
    "Sign out",
    "Approve",
    "Download",
    "History",
    "Latest reports",
    "Needs your review",
  ];

  it("follows the browser's language, completely, and switches back", async () => {
    const { context, page, errors } = await open(1280, "de-DE");
    await signIn(page, service, "Contoso-Administrator", "Anmelden");
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("de");
    for (const tab of ["Vorschläge", "Hinweise", "Protokoll", "Aktivität", "Einstellungen"]) {
      await page.getByRole("tab", { name: tab }).waitFor();
    }
    const list = page.getByRole("list", { name: "Vorschläge" });
    await list.getByRole("button").first().waitFor();
    await page.getByRole("list", { name: "Bitte erneut prüfen" }).waitFor();
    await list.getByRole("button").filter({ hasText: "azure-noreply@microsoft.com" }).click();
    const detail = page.getByRole("region", { name: "azure-noreply@microsoft.com" });
    await detail.getByRole("table", { name: "Neueste Meldungen" }).waitFor();
    await detail.getByText(/^Stärke \d+ von 100$/).waitFor();
    expect(await detail.textContent()).toMatch(/Personen in \d+ Postfächern haben sich verbürgt/);
    const body = await page.evaluate(() => document.body.innerText);
    for (const word of ENGLISH) expect(body, word).not.toContain(word);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, "admin-console-detail-de-1280");

    await page.getByRole("tab", { name: "Hinweise" }).click();
    await page
      .getByRole("region", {
        name: "Sicherheit: Personen verbürgen sich für einen verweigerten Doppelgänger",
      })
      .waitFor();
    await shot(page, "admin-console-insights-de-1280");
    await page.getByRole("tab", { name: "Einstellungen" }).click();
    await page.getByRole("spinbutton", { name: "Personen, die sich verbürgen müssen" }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, "admin-console-settings-de-1280");
    await page.getByRole("tab", { name: "Protokoll" }).click();
    await page
      .getByRole("table", { name: "Protokoll" })
      .getByText("Einstellungen geändert")
      .first()
      .waitFor();
    await shot(page, "admin-console-audit-de-1280");

    // The switch wins over the browser's language, and is remembered.
    await page.getByRole("combobox", { name: "Sprache" }).selectOption("en");
    await page.getByRole("tab", { name: "Audit log" }).waitFor();
    await page.reload();
    await page.getByRole("tab", { name: "Audit log" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it("reads well at phone width in German", async () => {
    const { context, page } = await open(390, "de-DE");
    await signIn(page, service, "Contoso-Administrator", "Anmelden");
    const list = page.getByRole("list", { name: "Vorschläge" });
    await list.getByRole("button").first().waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await shot(page, "admin-console-list-de-390");
    await list.getByRole("button").filter({ hasText: "litware.example" }).click();
    await page.getByRole("button", { name: "← Zurück zur Liste" }).waitFor();
    await page.getByRole("table", { name: "Neueste Meldungen" }).waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await shot(page, "admin-console-detail-de-390");
    await page.getByRole("button", { name: "← Zurück zur Liste" }).click();
    await page.getByRole("tab", { name: "Einstellungen" }).click();
    await page.getByRole("button", { name: "Einstellungen speichern" }).waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await shot(page, "admin-console-settings-de-390");
    await context.close();
  }, 120_000);
});
