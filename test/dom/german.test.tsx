/**
 * Issue 11, the German section: a German reader sees no English. Every sample is rendered through
 * the pane in de-DE, and every path of the ribbon's "Not spam" button notifies in de-DE; the
 * visible text must hold nothing of the English catalogue that the German one does not hold too.
 * The English catalogue is everything the pane, the analysis and the ribbon can say in English:
 * the pane's strings (functions called with stand-in values), the findings' titles and their
 * details for every sample, the meaning tables, and the ribbon's notifications.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { configure, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { analyzeHeaders } from "../../src/analysis";
import { remedyOf, THREAT_ORDER } from "../../src/analysis/remedy";
import type { Language } from "../../src/analysis/language";
import * as meanings from "../../src/analysis/meanings";
import { findingTexts } from "../../src/analysis/messages";
import { createApiClient } from "../../src/api/client";
import type { ApiError, ReportResponse } from "../../src/api";
import { createReportQueue } from "../../src/api/retry-queue";
import { notificationsFor } from "../../src/commands/messages";
import { createReportNotSpam, type ReportNotSpamDeps } from "../../src/commands/report-not-spam";
import { NOTIFICATION_MAX_CHARS } from "../../src/office/host";
import { createStandinHost, type StandinItem } from "../../src/office/standin-host";
import { de } from "../../src/taskpane/i18n/de";
import { en } from "../../src/taskpane/i18n/en";
import { Pane } from "../../src/taskpane/Pane";

vi.setConfig({ testTimeout: 60_000 });
configure({ asyncUtilTimeout: 15_000 });

const SAMPLES = resolve(import.meta.dirname, "../../samples");
const BASE = "http://vouch.test";
const samples = readdirSync(SAMPLES)
  .filter((name) => name.endsWith(".eml"))
  .map((name) => {
    const eml = readFileSync(join(SAMPLES, name), "utf8");
    return { name, headers: eml.split(/\r?\n\r?\n/)[0] ?? "" };
  });

// ---- the catalogues -------------------------------------------------------------------------

const MARK = "¤";
/** Stand-in values for the strings' parameters, so that every branch of a function speaks. */
const ARGUMENTS: unknown[] = [MARK, 0, 1, 2, 45, 5000, "not-spam", "trusted-sender"];

/** The fixed parts of a text: what is left between its values (numbers and stand-ins). */
function fragments(text: string): string[] {
  return text
    .split(MARK)
    .flatMap((part) => part.split(/-?\d+(?:[.,:]\d+)*/))
    .map((part) => part.trim())
    .filter((part) => /\p{L}{2}/u.test(part));
}

function stringsOf(value: unknown, out: Set<string>): void {
  if (typeof value === "string") for (const part of fragments(value)) out.add(part);
  else if (typeof value === "function") {
    for (const argument of ARGUMENTS) {
      try {
        stringsOf((value as (...args: unknown[]) => unknown)(argument, argument, argument), out);
      } catch {
        // A stand-in of the wrong type: other stand-ins reach that branch.
      }
    }
  } else if (value && typeof value === "object") {
    for (const child of Object.values(value)) stringsOf(child, out);
  }
}

function response(reporters: number, outcome: "created" | "duplicate"): ReportResponse {
  return {
    id: "r1",
    outcome,
    kind: "not-spam",
    createdAt: "2026-12-04T03:00:00.000Z",
    retractableUntil: "2026-12-04T03:10:00.000Z",
    sender: {
      sender: "contoso.com",
      identityKind: "domain",
      reporters,
      mailboxes: reporters,
      youReported: true,
      proposal: null,
    },
  } as ReportResponse;
}

const API_ERRORS: ApiError[] = [
  { kind: "http", status: 400, code: "bad-request", message: MARK, retryAfterMs: null },
  { kind: "invalid-response", message: MARK },
  { kind: "network", message: MARK },
];

function ribbonStrings(language: Language, out: Set<string>): void {
  const say = notificationsFor(language);
  stringsOf(
    Object.values(say.fixed).map((notification) => notification.text),
    out,
  );
  for (const reporters of [1, 2, 3]) {
    for (const outcome of ["created", "duplicate"] as const) {
      for (const moved of [false, true])
        stringsOf(say.reported(response(reporters, outcome), moved).text, out);
    }
  }
  for (const apiError of API_ERRORS) stringsOf(say.refused(apiError).text, out);
  stringsOf(say.unexpected(new Error(MARK)).text, out);
  for (const { headers } of samples) {
    stringsOf(say.notReported(remedyOf(analyzeHeaders(headers))).text, out);
  }
  for (const situation of ["not-junked", "allowed", "unknown"] as const) {
    stringsOf(
      say.notReported({ ...remedyOf(analyzeHeaders("")), threat: null, situation }).text,
      out,
    );
  }
}

function catalogue(language: Language): Set<string> {
  const out = new Set<string>();
  stringsOf(language === "en" ? en : de, out);
  for (const text of Object.values(findingTexts(language))) stringsOf(text.title, out);
  for (const { headers } of samples) {
    const analysis = analyzeHeaders(headers, { language });
    for (const finding of analysis.verdict.findings) stringsOf(finding.detail, out);
    if (analysis.auth.compauth) stringsOf(analysis.auth.compauth.meaning, out);
  }
  for (const table of Object.values(meanings)) {
    if (table && typeof table === "object" && language in table) {
      stringsOf((table as meanings.MeaningTable)[language], out);
    }
  }
  for (const code of ["000", "001", "1", "2", "3", "4", "6", "7", "9"]) {
    stringsOf(meanings.compauthReasonMeaning(code, language), out);
  }
  ribbonStrings(language, out);
  return out;
}

const german = catalogue("de");
/** What only English says: the strings that must never reach a German reader. */
const englishOnly = [...catalogue("en")].filter((text) => !german.has(text));

/**
 * The English a text leaks: a whole-phrase English string inside it, or a short one (a label
 * such as "Policy") that is the whole of one piece of text.
 */
function leaks(pieces: readonly string[]): string[] {
  const found = new Set<string>();
  for (const piece of pieces) {
    for (const english of englishOnly) {
      const long = english.split(" ").length >= 3;
      if (long ? piece.includes(english) : piece === english)
        found.add(`${english}  (in: ${piece})`);
    }
  }
  return [...found];
}

// ---- the pane -------------------------------------------------------------------------------

function item(headers: string, id: string): StandinItem {
  const message = analyzeHeaders(headers).message;
  return {
    headers,
    restId: null,
    snapshot: {
      internetMessageId: message.messageId,
      itemId: id,
      subject: message.subject,
      from: message.from ? { address: message.from.address, name: message.from.name } : null,
    },
  };
}

const server = setupServer(
  // The reputation section's own tests are in reputation.test.tsx: here the service has none.
  http.get(`${BASE}/api/v1/reputation`, () =>
    HttpResponse.json({ error: "unavailable", message: "not here" }, { status: 503 }),
  ),
  http.get(`${BASE}/api/v1/senders/status`, () =>
    HttpResponse.json({
      sender: "contoso.com",
      identityKind: "domain",
      reporters: 2,
      mailboxes: 2,
      youReported: false,
      proposal: { id: "p1", status: "collecting", reason: null },
    }),
  ),
);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** Every piece of text a person can see or hear: text nodes, and labels of the accessibility tree. */
function visibleText(root: HTMLElement, userData: string): string[] {
  const pieces: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent?.trim() ?? "";
    if (text) pieces.push(text);
  }
  for (const element of root.querySelectorAll("[aria-label],[title],[placeholder],[alt]")) {
    for (const name of ["aria-label", "title", "placeholder", "alt"]) {
      const text = element.getAttribute(name)?.trim();
      if (text) pieces.push(text);
    }
  }
  // The message's own words (subject, names, header lines) are the sender's, in any language.
  return pieces.filter((piece) => !userData.includes(piece));
}

describe("the pane in German", () => {
  it("knows the English catalogue it checks against", () => {
    expect(englishOnly).toContain("Why is this in Junk?");
    expect(englishOnly).toContain(findingTexts("en")["dmarc-fail"].title);
    expect(englishOnly).toContain(meanings.SFV_MEANINGS.en.SPM);
    expect(englishOnly).toContain(notificationsFor("en").fixed.noItem.text);
    expect(leaks(["Policy"])).toHaveLength(1);
    expect(leaks(["x The spam filter decided the message is spam. y"])).toHaveLength(1);
    expect(leaks(["Richtlinie", "Der Spamfilter hat entschieden."])).toEqual([]);
  });

  it.each(samples)("$name: no English in what a German reader sees", async ({ name, headers }) => {
    const host = createStandinHost({ displayLanguage: "de-DE" });
    host.setItem(item(headers, name));
    const tokens = { account: async () => "dev:t/alice", getToken: async () => "token" };
    const api = createApiClient({ tokens, baseUrl: BASE });
    const queue = createReportQueue({
      storage: localStorage,
      send: api.submitReport,
      account: tokens.account,
      window: null,
    });
    const { container } = render(<Pane host={host} api={api} queue={queue} graph={null} />);
    await screen.findByTestId("verdict");
    await screen.findByTestId("auth");
    await screen.findByTestId("stamps");
    await waitFor(() => expect(screen.queryByText(de.colleagues.loading)).toBeNull());
    // The raw headers open: their heading and buttons are the pane's words too.
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: de.raw.heading }));
    await screen.findByRole("button", { name: de.raw.copy });

    const pieces = visibleText(container, headers);
    expect(pieces.length).toBeGreaterThan(20);
    expect(leaks(pieces)).toEqual([]);
    // The analysis spoke German: its findings are the German ones.
    for (const element of container.querySelectorAll("[data-finding]")) {
      const id = element.getAttribute("data-finding") as keyof ReturnType<typeof findingTexts>;
      expect(element.textContent).toContain(findingTexts("de")[id].title);
    }
  });

  it("says in German that Outlook gave no headers", async () => {
    const host = createStandinHost({ displayLanguage: "de-DE" });
    host.setHeadersQuirk("empty");
    host.setItem(item(samples[0]!.headers, "empty"));
    const { container } = render(<Pane host={host} api={null} queue={null} graph={null} />);
    await screen.findByTestId("missing");
    const pieces = visibleText(container, samples[0]!.headers);
    expect(pieces).toContain(de.missing.heading);
    expect(leaks(pieces)).toEqual([]);
  });
});

// ---- the ribbon -----------------------------------------------------------------------------

type Submit = ReportNotSpamDeps["queue"]["submit"];

async function ribbonSays(
  options: {
    item?: StandinItem | null;
    quirk?: "empty";
    submit?: Submit;
    signIn?: () => Promise<string>;
    timeoutMs?: number;
  } = {},
): Promise<string[]> {
  const host = createStandinHost({ displayLanguage: "de-DE" });
  if (options.quirk) host.setHeadersQuirk(options.quirk);
  if (options.item !== null) host.setItem(options.item ?? item(samples[0]!.headers, "ribbon"));
  const command = createReportNotSpam({
    host,
    signIn: { account: options.signIn ?? (async () => "tid/oid") },
    queue: {
      submit: options.submit ?? (async () => ({ state: "sent", response: response(3, "created") })),
    } as ReportNotSpamDeps["queue"],
    timeoutMs: options.timeoutMs ?? 5_000,
  });
  await command({ completed: () => undefined });
  return host.notifications.map((notification) => notification.text);
}

function sampleItem(name: string): StandinItem {
  return item(samples.find((sample) => sample.name === name)!.headers, name);
}

const never = () => new Promise<never>(() => undefined);

describe("the ribbon's notifications in German", () => {
  const paths: [string, () => Promise<string[]>][] = [
    ["reported, with colleagues", () => ribbonSays()],
    [
      "reported first",
      () =>
        ribbonSays({ submit: async () => ({ state: "sent", response: response(1, "created") }) }),
    ],
    [
      "reported twice",
      () =>
        ribbonSays({ submit: async () => ({ state: "sent", response: response(2, "duplicate") }) }),
    ],
    [
      "refused",
      () => ribbonSays({ submit: async () => ({ state: "failed", error: API_ERRORS[0]! }) }),
    ],
    [
      "saved, sign-in needed",
      () =>
        ribbonSays({
          signIn: async () => Promise.reject(new Error("interaction required")),
          submit: async () => ({ state: "queued", nextAttemptAt: 0, error: null }),
        }),
    ],
    [
      "saved, will retry",
      () =>
        ribbonSays({
          submit: async () => ({ state: "queued", nextAttemptAt: 0, error: API_ERRORS[2]! }),
        }),
    ],
    [
      "saved, sending",
      () =>
        ribbonSays({ submit: async () => ({ state: "queued", nextAttemptAt: 0, error: null }) }),
    ],
    ["no message selected", () => ribbonSays({ item: null })],
    [
      "no message id",
      () =>
        ribbonSays({
          item: {
            ...item(samples[0]!.headers, "x"),
            snapshot: { ...item(samples[0]!.headers, "x").snapshot, internetMessageId: null },
          },
        }),
    ],
    ["no headers", () => ribbonSays({ quirk: "empty" })],
    [
      "a threat, not reported",
      () => ribbonSays({ item: sampleItem("phishing-impersonation.eml") }),
    ],
    ["not in Junk, not reported", () => ribbonSays({ item: sampleItem("mailing-list-arc.eml") })],
    ["signing in too long", () => ribbonSays({ signIn: never, timeoutMs: 50 })],
    ["sending too long", () => ribbonSays({ submit: never, timeoutMs: 50 })],
    ["unexpected", () => ribbonSays({ submit: async () => Promise.reject(new Error("kaputt")) })],
  ];

  it.each(paths)("%s: German, and within Outlook's limit", async (_, run) => {
    const texts = await run();
    expect(texts).toHaveLength(1);
    expect(leaks(texts)).toEqual([]);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(NOTIFICATION_MAX_CHARS);
  });

  it("keeps every German notification within Outlook's limit", () => {
    const say = notificationsFor("de");
    for (const [name, notification] of Object.entries(say.fixed)) {
      expect(notification.text.length, name).toBeLessThanOrEqual(NOTIFICATION_MAX_CHARS);
    }
    const long = response(12345, "created");
    long.sender.sender = `${"sehr-lange-subdomain.".repeat(12)}example.org`;
    expect(say.reported(long, true).text.length).toBeLessThanOrEqual(NOTIFICATION_MAX_CHARS);
    for (const threat of THREAT_ORDER) {
      const remedy = { ...remedyOf(analyzeHeaders("")), threat };
      expect(say.notReported(remedy).text.length, threat).toBeLessThanOrEqual(
        NOTIFICATION_MAX_CHARS,
      );
    }
  });
});
