/**
 * What the engine reads since issue 13, in the sections where such stamps already live, in
 * English and German: the mailbox's folder and its reasons (OFR, RF, wl, pcwl), how Exchange
 * authenticated the message (AuthAs), the end-to-end latency, Received-SPF beside SPF, what the
 * message said before a forwarder (Authentication-Results-Original), and a Received date whose
 * zone is unknown. The verdict stays first and says only where it landed.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { cleanup, configure, render, screen, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { analyzeHeaders } from "../../src/analysis";
import { createApiClient } from "../../src/api/client";
import { createReportQueue } from "../../src/api/retry-queue";
import { createStandinHost } from "../../src/office/standin-host";
import { Pane } from "../../src/taskpane/Pane";
import { FORWARDED_RESCUED } from "./forwarded-rescued";
import { block, intoGateway, mimecastInFront, SENDER } from "../unit/analysis/gateways/fixtures";

vi.setConfig({ testTimeout: 30_000 });
configure({ asyncUtilTimeout: 10_000 });

const BASE = "http://vouch.test";
const server = setupServer(
  http.get(`${BASE}/api/v1/reputation`, () =>
    HttpResponse.json({ error: "unavailable", message: "not here" }, { status: 503 }),
  ),
  http.get(`${BASE}/api/v1/senders/status`, () =>
    HttpResponse.json({ error: "unavailable", message: "not here" }, { status: 503 }),
  ),
);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
});
afterAll(() => server.close());

function renderPane(headers: string, language: string) {
  const host = createStandinHost({ displayLanguage: language });
  const { message } = analyzeHeaders(headers);
  host.setItem({
    headers,
    snapshot: {
      internetMessageId: message.messageId,
      itemId: "issue13",
      subject: message.subject,
      from: null,
    },
  });
  const tokens = { account: async () => "dev:t/alice", getToken: async () => "token" };
  const api = createApiClient({ tokens, baseUrl: BASE, isOnline: () => true });
  const queue = createReportQueue({
    storage: localStorage,
    send: api.submitReport,
    account: tokens.account,
    window: new EventTarget() as unknown as Window,
  });
  render(<Pane host={host} api={api} queue={queue} graph={null} />);
}

/** The text of the row a row header names, inside one section. */
function row(section: HTMLElement, name: string | RegExp): string {
  return within(section).getByRole("rowheader", { name }).closest("tr")!.textContent ?? "";
}

describe("the pane in English", () => {
  it("keeps the verdict first: delivered on purpose, nothing to rescue", async () => {
    renderPane(FORWARDED_RESCUED, "en-US");
    const verdict = await screen.findByTestId("verdict");
    expect(verdict.getAttribute("data-situation")).toBe("allowed");
    expect(within(verdict).getByTestId("first-line-title").textContent).toBe(
      "This message was let through on purpose.",
    );
    const findings = await screen.findByTestId("findings");
    expect(findings.textContent).toContain("Your Safe Senders list kept this message out of Junk.");
  });

  it("shows the mailbox's folder and each reason with its meaning, AuthAs and the latency", async () => {
    renderPane(FORWARDED_RESCUED, "en-US");
    const stamps = await screen.findByTestId("stamps");
    const delivery = row(stamps, "Where the mailbox put it");
    expect(delivery).toContain("dest:I");
    expect(delivery).toContain("The Inbox.");
    expect(delivery).toContain(
      "OFR: TrustedSenderList — The sender is on the recipient's Safe Senders list, so the mailbox delivered it to the Inbox.",
    );
    expect(delivery).toContain("RF: JunkEmail — Routed to the Junk Email folder.");
    expect(delivery).toContain(
      "wl: 1 — An allow list (a safe sender or an allow entry) let it through.",
    );
    expect(delivery).toContain(
      "pcwl: 1 — The recipient's personal safe list (Safe Senders or contacts) matched the sender.",
    );
    // The folder decision comes first: it is where the message went, after the filter's stamps.
    expect(within(stamps).getAllByRole("rowheader")[0]?.textContent).toBe(
      "Where the mailbox put it",
    );
    expect(row(stamps, "How Exchange authenticated it")).toBe(
      "How Exchange authenticated itAnonymousReceived from the internet without authentication.",
    );
    expect(row(stamps, "Time to deliver")).toBe(
      "Time to deliver8.3 sExchange took 8.3 s from accepting the message to delivering it to the mailbox.",
    );
  });

  it("shows Received-SPF right below SPF, and what the forwarder's server said before", async () => {
    renderPane(FORWARDED_RESCUED, "en-US");
    const auth = await screen.findByTestId("auth");
    const trusted = within(auth).getAllByRole("table")[0]!;
    const labels = within(trusted)
      .getAllByRole("rowheader")
      .map((header) => header.textContent);
    expect(labels.slice(0, 2)).toEqual(["SPF", "Received-SPF"]);
    const receivedSpf = row(trusted, "Received-SPF");
    expect(receivedSpf).toContain("pass");
    expect(receivedSpf).toContain("Client IP: 198.51.100.20");
    expect(receivedSpf).toContain("Checked by: protection.outlook.com");
    expect(receivedSpf).toContain("shown, not used for the verdict");

    const original = within(auth).getByTestId("auth-original");
    expect(within(original).getByRole("heading", { name: "Before forwarding" })).toBeTruthy();
    expect(original.textContent).toContain("Written by mx.forwarder.example.");
    expect(original.textContent).toContain("shown, never trusted");
    expect(row(original, "DKIM")).toContain("Selector: sel1");
    expect(row(original, "DMARC")).toContain("pass");
  });

  it("says a Received date's zone is unknown and shows its clock as written", async () => {
    renderPane(FORWARDED_RESCUED, "en-US");
    const route = await screen.findByTestId("route", {}, { timeout: 5000 });
    const [oldest, next] = within(route).getAllByRole("listitem");
    expect(oldest?.textContent).toMatch(/9:59:58\sAM \(time zone unknown\)/);
    // No delay against a clock whose zone nobody knows.
    expect(next?.textContent).not.toContain("Delay");
    expect(next?.textContent).not.toContain("time zone unknown");
  });
});

describe("a gateway in front explains the spoof verdict", () => {
  const headers = block(
    ...mimecastInFront("SPOOF"),
    "ARC-Seal: i=1; a=rsa-sha256; t=1764752402; cv=none; d=mimecast.com; s=201903; b=Zm9v",
    ...intoGateway("relay.mimecast.com"),
    ...SENDER,
  );

  it("says the admin's fix first, offers Not spam only as a note to the admin, never Trusted sender", async () => {
    renderPane(headers, "en-US");
    const verdict = await screen.findByTestId("verdict");
    expect(verdict.getAttribute("data-situation")).toBe("gateway");
    expect(within(verdict).getByTestId("first-line-title").textContent).toBe(
      "Your organisation's email gateway kept Microsoft from checking who sent this.",
    );
    expect(verdict.textContent).toContain("Enhanced Filtering for Connectors");
    expect(verdict.textContent).not.toContain("Do not trust this message.");
    expect(await screen.findByRole("button", { name: "Not spam" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Trusted sender" })).toBeNull();
    const findings = await screen.findByTestId("findings");
    const admin = findings.querySelector('[data-group="admin"]')!;
    expect(admin.querySelector('[data-finding="gateway-in-front"]')).not.toBeNull();
    expect(findings.querySelector('[data-group="sender"]')?.textContent).toContain(
      "These failures may come from your organisation's gateway",
    );
  });

  it("in German too", async () => {
    renderPane(headers, "de-DE");
    expect((await screen.findByTestId("first-line-title")).textContent).toBe(
      "Das E-Mail-Gateway Ihrer Organisation hat Microsoft daran gehindert zu prüfen, wer diese Nachricht gesendet hat.",
    );
    expect(screen.getByTestId("first-line-body").textContent).toContain(
      "erweiterte Filterung für Connectors",
    );
  });
});

describe("the pane in German", () => {
  it("names the same rows in German", async () => {
    renderPane(FORWARDED_RESCUED, "de-DE");
    expect((await screen.findByTestId("first-line-title")).textContent).toBe(
      "Diese Nachricht wurde bewusst durchgelassen.",
    );
    const stamps = await screen.findByTestId("stamps");
    const delivery = row(stamps, "Wohin das Postfach sie gelegt hat");
    expect(delivery).toContain("Der Posteingang.");
    expect(delivery).toContain(
      "OFR: TrustedSenderList — Der Absender steht auf der Liste sicherer Absender des Empfängers",
    );
    expect(row(stamps, "Wie Exchange sie authentifiziert hat")).toContain(
      "Ohne Authentifizierung aus dem Internet empfangen.",
    );
    expect(row(stamps, "Zustelldauer")).toContain("8,3 s");

    const auth = screen.getByTestId("auth");
    expect(row(auth, "Received-SPF")).toContain("Geprüft von: protection.outlook.com");
    expect(
      within(screen.getByTestId("auth-original")).getByRole("heading", {
        name: "Vor der Weiterleitung",
      }),
    ).toBeTruthy();

    const route = await screen.findByTestId("route", {}, { timeout: 5000 });
    expect(within(route).getAllByRole("listitem")[0]?.textContent).toMatch(
      /03\.12\.26, 09:59:58 \(Zeitzone unbekannt\)/,
    );
  });
});
