import { mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeHeaders } from "../../src/analysis";
import { remedyOf, type Remedy, type Situation, type ThreatKind } from "../../src/analysis/remedy";
import type { ProposalStatus, ReportResponse } from "../../src/api/contract";
import { stringsFor } from "../../src/taskpane/i18n";
import { firstLineOf } from "../../src/taskpane/first-line";
import { launchChromium, SCREENSHOT_DIR } from "../support/browser";
import { sampleHeaders } from "../support/samples";
import { startTestService, type TestService } from "../support/service";

/**
 * Every sample, in English and in German, through the built harness and the real service: the
 * first line, the buttons offered (none for a threat), what the service answers to a report, and
 * no English analysis text left on a German page.
 */

const ROOT = resolve(import.meta.dirname, "../..");
const TENANT = "harness";
const CATALOG = JSON.parse(readFileSync(join(ROOT, "samples/catalog.json"), "utf8")) as {
  id: string;
}[];

/** What each sample is, stated here by hand, so the rule module's answer is checked too. */
const EXPECTED: Record<string, { situation: Situation; threat?: ThreatKind }> = {
  "azure-service-notice": { situation: "filtered" },
  "vendor-invoice-compauth": { situation: "unauthenticated" },
  "bulk-newsletter": { situation: "bulk" },
  "user-settings-nspm": { situation: "user-settings" },
  "phishing-impersonation": { situation: "threat", threat: "impersonation" },
  "forged-auth-results": { situation: "threat", threat: "spoof" },
  "blocked-sender": { situation: "user-settings" },
  "hostile-display": { situation: "unauthenticated" },
  "mailing-list-arc": { situation: "not-junked" },
  "asf-image-links": { situation: "policy" },
};

/** Proposal statuses that contradict a promise that the admin can allow this sender. */
const NO_ALLOW: readonly ProposalStatus[] = ["refused", "insight"];
/** Proposal statuses that contradict "allowing it would not help / not be safe". */
const ALLOWING: readonly ProposalStatus[] = ["open", "approved", "applied"];

const LANGUAGES = [
  { tag: "en-US", user: "alice", notSpam: "Not spam", trusted: "Trusted sender" },
  { tag: "de-DE", user: "bob", notSpam: "Kein Spam", trusted: "Vertrauenswürdiger Absender" },
] as const;

let service: TestService;
let browser: Browser;
/**
 * One browser context per viewport, shared by the tests: its HTTP cache keeps the hashed assets
 * between page opens as Outlook's web view does, so each test pays for its page, not for
 * fetching and compiling every chunk again (the cold open has its own benchmark).
 */
const contexts = new Map<string, BrowserContext>();

beforeAll(async () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  service = await startTestService();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await service?.close();
});

async function open(
  sample: string,
  lang: string,
  user: string,
  extra: Record<string, string> = {},
  viewport = { width: 900, height: 1600 },
) {
  const key = `${viewport.width}x${viewport.height}`;
  let context = contexts.get(key);
  if (!context) {
    context = await browser.newContext({ viewport });
    contexts.set(key, context);
  }
  const page = await context.newPage();
  const params = new URLSearchParams({
    sample,
    lang,
    user,
    theme: "light",
    width: "360",
    ...extra,
  });
  await page.goto(`${service.url}/harness.html?${params}`);
  return { page };
}

async function shoot(page: Page, name: string, whole = false): Promise<void> {
  const path = join(SCREENSHOT_DIR, `taskpane-${name}.png`);
  if (whole) await page.screenshot({ path, fullPage: true });
  else await page.locator("[data-testid=pane-frame]").screenshot({ path });
}

/** Whether the first line's promise agrees with the proposal status the service answered. */
function contradiction(remedy: Remedy, status: ProposalStatus | null): string | null {
  if (status === null) return null;
  if (remedy.allow !== "none" && NO_ALLOW.includes(status)) {
    return `the pane says an allow would help (${remedy.allow}), the service says ${status}`;
  }
  if (remedy.allow === "none" && ALLOWING.includes(status)) {
    return `the pane says no allow would help, the service says ${status}`;
  }
  return null;
}

describe("every sample, in English and German", () => {
  it("knows every sample in the catalogue", () => {
    expect(CATALOG.map((sample) => sample.id).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const language of LANGUAGES) {
    for (const { id } of CATALOG) {
      it(`${id} (${language.tag}): first line, buttons, the service's answer`, async () => {
        const { headers, messageId } = sampleHeaders(id);
        const english = analyzeHeaders(headers);
        const remedy = remedyOf(english);
        expect(remedy.situation).toBe(EXPECTED[id]?.situation);
        expect(remedy.threat).toBe(EXPECTED[id]?.threat ?? null);
        const strings = stringsFor(language.tag);
        const line = firstLineOf(remedy, strings);

        const { page } = await open(id, language.tag, language.user);
        const verdict = page.getByTestId("verdict");
        await expect
          .poll(() => page.getByTestId("first-line-title").textContent())
          .toBe(line.title);
        expect(await page.getByTestId("first-line-body").textContent()).toBe(line.body);
        expect(await verdict.getAttribute("data-situation")).toBe(remedy.situation);
        // The heading never asks why a message is in Junk when it is not.
        expect(await page.locator("h1").textContent()).toBe(
          remedy.situation === "not-junked" || remedy.situation === "allowed"
            ? strings.paneTitleNotJunked
            : strings.paneTitle,
        );

        // The details render a frame after the first line; the colleagues after the service.
        await page.getByTestId("findings").waitFor();
        await page.getByTestId("colleague-count").waitFor();
        const notSpam = page.getByRole("button", { name: language.notSpam, exact: true });
        const trusted = page.getByRole("button", { name: language.trusted, exact: true });
        expect(await notSpam.count()).toBe(remedy.offers.notSpam === "hidden" ? 0 : 1);
        expect(await trusted.count()).toBe(remedy.offers.trustedSender ? 1 : 0);

        const text = (await page.locator("main").textContent()) ?? "";
        // No admin vocabulary in the person's view.
        expect(text).not.toMatch(/unverified:|New-TenantAllowBlockList|Get-Mailbox|Set-/);

        if (language.tag === "de-DE") {
          // German completeness: none of the analysis's English titles is left on the page.
          for (const finding of english.verdict.findings) {
            expect(text, finding.id).not.toContain(finding.title);
          }
          expect(text).not.toContain(stringsFor("en").firstLine.threatAdvice);
        }

        if (remedy.situation === "threat") {
          expect(await notSpam.count()).toBe(0);
          expect(await trusted.count()).toBe(0);
          expect(await page.getByTestId("nothing-to-report").textContent()).toBe(
            strings.report.nothing.threat,
          );
          expect(await verdict.getAttribute("data-threat")).toBe(remedy.threat);
          // Nothing is the sender's setup problem under a threat.
          const findings = (await page.getByTestId("findings").textContent()) ?? "";
          expect(findings).not.toContain(strings.verdict.groups.sender);
          expect(findings).not.toMatch(/SPF record|SPF-Eintrag|sender's IT|IT des Absenders/);
          // The service, asked directly, refuses what the pane would not even offer.
          const token = await service.token({ tenant: TENANT, user: `direct-${language.user}` });
          const answer = await fetch(`${service.url}/api/v1/reports`, {
            method: "POST",
            headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
            body: JSON.stringify({ internetMessageId: messageId, headers, kind: "not-spam" }),
          });
          if (answer.ok) {
            const body = (await answer.json()) as ReportResponse;
            expect(body.sender.proposal?.status).toBe("refused");
          } else {
            expect(answer.status).toBeGreaterThanOrEqual(400);
            expect(answer.status).toBeLessThan(500);
          }
        } else if (remedy.offers.notSpam !== "hidden") {
          // Report as the person would, and hold the pane's promise against the service's answer.
          const response = page.waitForResponse(
            (r) => r.url().endsWith("/api/v1/reports") && r.request().method() === "POST",
          );
          await notSpam.click();
          const answer = await response;
          expect(answer.status(), await answer.text()).toBe(201);
          const body = (await answer.json()) as ReportResponse;
          expect(contradiction(remedy, body.sender.proposal?.status ?? null)).toBeNull();
          await expect
            .poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid")))
            .toBe("report-status");
          expect(await page.getByTestId("report-status").textContent()).toBe(
            strings.report.sent("not-spam"),
          );
        }

        const short = language.tag === "de-DE" ? "de" : "en";
        await shoot(page, `sample-${id}-${short}`);
        await page.close();
      });
    }
  }
});

describe("at 320 px, in English and German", () => {
  for (const short of ["en", "de"] as const) {
    it(`fits the legit, threat, bulk, own-settings and not-junked samples (${short})`, async () => {
      for (const id of [
        "azure-service-notice",
        "phishing-impersonation",
        "bulk-newsletter",
        "user-settings-nspm",
        "mailing-list-arc",
      ]) {
        const { page } = await open(
          id,
          short === "de" ? "de-DE" : "en-US",
          "carol",
          { width: "full" },
          { width: 320, height: 1400 },
        );
        await page.getByTestId("findings").waitFor();
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, id).toBe(0);
        await shoot(page, `320-${id}-${short}`, true);
        await page.close();
      }
    });
  }
});

describe("no headers from Outlook", () => {
  for (const language of LANGUAGES) {
    it(`offers the paste box and explains pasted headers locally (${language.tag})`, async () => {
      const strings = stringsFor(language.tag);
      const { page } = await open("vendor-invoice-compauth", language.tag, language.user, {
        quirk: "empty",
      });
      const missing = page.getByTestId("missing");
      await expect.poll(() => missing.textContent()).toContain(strings.missing.howTo);
      await shoot(page, `paste-box-${language.tag === "de-DE" ? "de" : "en"}`);
      // Pasting must not need the service: only the page's own origin serves the chunks.
      const requests: string[] = [];
      page.on("request", (request) => requests.push(request.url()));
      await missing
        .getByRole("textbox", { name: strings.missing.pasteLabel })
        .fill(sampleHeaders("vendor-invoice-compauth").headers);
      await missing.getByRole("button", { name: strings.missing.analyse }).click();
      const remedy = remedyOf(analyzeHeaders(sampleHeaders("vendor-invoice-compauth").headers));
      await expect
        .poll(() => page.getByTestId("first-line-title").textContent())
        .toBe(firstLineOf(remedy, strings).title);
      expect(requests.filter((url) => url.includes("/api/v1/reports"))).toEqual([]);
      await page.getByTestId("findings").waitFor();
      await shoot(page, `pasted-${language.tag === "de-DE" ? "de" : "en"}`);
      await page.close();
    });
  }
});
