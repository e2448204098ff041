import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { configure, render, screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { createStandinHost, type StandinItem } from "../../src/office/standin-host";
import { createApiClient } from "../../src/api/client";
import { createReportQueue } from "../../src/api/retry-queue";
import type { ReputationResponse } from "../../src/api/reputation-contract";
import { analyzeHeaders } from "../../src/analysis";
import { Pane } from "../../src/taskpane/Pane";
import { exchangeHeaders } from "../support/service-headers";

/** The pane's reputation section: after the verdict, never before it, and honest when it cannot tell. */
vi.setConfig({ testTimeout: 30_000 });
configure({ asyncUtilTimeout: 10_000 });

const BASE = "http://vouch.test";
const NOT_CHECKED = { state: "not-checked", reason: "timeout" } as const;

function item(headers: string): StandinItem {
  const message = analyzeHeaders(headers).message;
  return {
    headers,
    restId: null,
    snapshot: {
      internetMessageId: message.messageId,
      itemId: "item-1",
      subject: message.subject,
      from: message.from ? { address: message.from.address, name: message.from.name } : null,
    },
  };
}

function answer(live: Partial<ReputationResponse["live"]> = {}): ReputationResponse {
  return {
    domain: "vendor.example",
    ip: "203.0.113.25",
    organisation: NOT_CHECKED,
    live: {
      dmarc: NOT_CHECKED,
      spf: NOT_CHECKED,
      mx: NOT_CHECKED,
      domainAge: NOT_CHECKED,
      reverseDns: NOT_CHECKED,
      blocklists: [{ zone: "bl.example", result: NOT_CHECKED }],
      ...live,
    },
    checkedAt: "2026-12-04T10:00:00.000Z",
  };
}

let respond: () => Promise<Response> = async () => HttpResponse.json(answer());
/** Whether the verdict was already in the page when the pane asked for the reputation. */
const verdictOnAsk: boolean[] = [];
const asked: URL[] = [];

const server = setupServer(
  http.get(`${BASE}/api/v1/senders/status`, () =>
    HttpResponse.json({
      sender: "vendor.example",
      identityKind: "domain",
      reporters: 0,
      mailboxes: 0,
      youReported: false,
      proposal: null,
    }),
  ),
  http.get(`${BASE}/api/v1/reputation`, ({ request }) => {
    asked.push(new URL(request.url));
    verdictOnAsk.push(document.querySelector('[data-testid="verdict"]') !== null);
    return respond();
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  verdictOnAsk.length = 0;
  asked.length = 0;
  respond = async () => HttpResponse.json(answer());
});
afterAll(() => server.close());

function renderPane(headers: string, language = "en-US") {
  const host = createStandinHost({ displayLanguage: language });
  host.setItem(item(headers));
  const tokens = { account: async () => "dev:t/alice", getToken: async () => "token" };
  const api = createApiClient({ tokens, baseUrl: BASE, isOnline: () => true });
  const queue = createReportQueue({
    storage: localStorage,
    send: api.submitReport,
    account: tokens.account,
  });
  render(<Pane host={host} api={api} queue={queue} graph={null} />);
}

const genuine = exchangeHeaders({
  from: "billing@vendor.example",
  messageId: "<a1@vendor.example>",
});

describe("the reputation section", () => {
  it("is asked for only once the verdict is painted, and the verdict does not wait for it", async () => {
    let release: () => void = () => undefined;
    respond = () =>
      new Promise((resolve) => {
        release = () => resolve(HttpResponse.json(answer()));
      });
    renderPane(genuine);
    const section = await screen.findByTestId("reputation");
    const verdict = screen.getByTestId("verdict");
    // The verdict is above the section in the page, and was there when the pane asked.
    expect(
      verdict.compareDocumentPosition(section) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    await waitFor(() => expect(verdictOnAsk).toEqual([true]));
    expect(section.dataset.phase).toBe("loading");
    expect(screen.getByTestId("first-line-title").textContent).not.toBe("");
    release();
    await waitFor(() => expect(screen.getByTestId("reputation").dataset.phase).toBe("ready"));
    expect(asked[0]!.searchParams.get("domain")).toBe("vendor.example");
    expect(asked[0]!.searchParams.get("from")).toBe("billing@vendor.example");
    expect(asked[0]!.searchParams.get("vouchedBy")).toBe("dmarc");
  });

  it("says 'not checked' and why for every fact the service could not establish", async () => {
    renderPane(genuine);
    await waitFor(() => expect(screen.getByTestId("reputation").dataset.phase).toBe("ready"));
    const live = screen.getByTestId("reputation-live");
    for (const fact of [
      "dmarc",
      "spf",
      "mx",
      "domain-age",
      "reverse-dns",
      "blocklist-bl.example",
    ]) {
      const row = live.querySelector(`[data-fact="${fact}"]`);
      expect(row?.textContent).toContain("Not checked: no answer in time.");
    }
    expect(screen.getByTestId("reputation-organisation").textContent).toContain("Not checked");
    // Microsoft's own signals come from the headers and are always there.
    expect(within(screen.getByTestId("reputation-microsoft")).getByText(/BCL/)).toBeTruthy();
  });

  it("says nothing was checked when the service cannot be reached", async () => {
    respond = async () => HttpResponse.json({ error: "down", message: "down" }, { status: 503 });
    renderPane(genuine);
    await waitFor(() => expect(screen.getByTestId("reputation").dataset.phase).toBe("unavailable"));
    const states = screen
      .getByTestId("reputation-live")
      .querySelectorAll('[data-state="not-checked"]');
    expect(states.length).toBe(5);
    expect(screen.getByTestId("reputation").textContent).toContain(
      "The service could not be reached, so nothing was checked.",
    );
  });

  it("shows what was checked: policy, SPF, MX, a young domain, the reverse name, a listing", async () => {
    respond = async () =>
      HttpResponse.json({
        ...answer({
          dmarc: {
            state: "checked",
            domain: "vendor.example",
            record: "v=DMARC1; p=quarantine",
            policy: "quarantine",
            subdomainPolicy: null,
            problem: null,
          },
          spf: {
            state: "checked",
            record: "v=spf1 -all",
            valid: true,
            problem: null,
            detail: null,
          },
          mx: { state: "checked", present: true, nullMx: false, hosts: ["mx.vendor.example"] },
          domainAge: {
            state: "checked",
            domain: "vendor.example",
            registeredAt: "2026-11-24T00:00:00.000Z",
            ageDays: 10,
          },
          reverseDns: { state: "checked", name: "mail.vendor.example", confirmed: true },
          blocklists: [
            {
              zone: "bl.example",
              result: { state: "checked", listed: true, codes: ["127.0.0.2"] },
            },
          ],
        }),
        organisation: {
          state: "checked",
          sender: "vendor.example",
          firstSeen: "2026-11-25T09:00:00.000Z",
          reporters: 3,
          mailboxes: 2,
          proposal: "refused",
          decisions: [{ action: "reject", at: "2026-11-26T09:00:00.000Z" }],
          reasons: ["young-domain"],
        },
      });
    renderPane(genuine);
    await waitFor(() => expect(screen.getByTestId("reputation").dataset.phase).toBe("ready"));
    const text = screen.getByTestId("reputation").textContent ?? "";
    expect(text).toContain("p=quarantine");
    expect(text).toContain("mx.vendor.example");
    expect(text).toContain("10 days ago");
    expect(text).toContain("Younger than 30 days");
    expect(text).toContain("mail.vendor.example, and that name points back to the same address.");
    expect(text).toContain("Listed (127.0.0.2).");
    expect(text).toContain("3 colleagues vouched for it, in 2 mailboxes.");
    expect(text).toContain("An admin rejected allowing it on");
    expect(text).toContain("its domain was registered less than 30 days ago");
  });

  it("turns a DMARC failure into a threat when the live policy is reject and the header does not say", async () => {
    const failing = exchangeHeaders({
      from: "ceo@vendor.example",
      messageId: "<f1@vendor.example>",
      dmarc: "fail",
      dkim: "none",
      spf: "fail",
    });
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    respond = async () => {
      await held;
      return HttpResponse.json(
        answer({
          dmarc: {
            state: "checked",
            domain: "vendor.example",
            record: "v=DMARC1; p=reject",
            policy: "reject",
            subdomainPolicy: null,
            problem: null,
          },
        }),
      );
    };
    renderPane(failing);
    const verdict = await screen.findByTestId("verdict");
    expect(verdict.dataset.situation).toBe("unauthenticated");
    await waitFor(() => expect(asked.length).toBe(1));
    release();
    await waitFor(() => expect(screen.getByTestId("verdict").dataset.threat).toBe("dmarc-reject"));
    expect(screen.getByTestId("reputation-dmarc-threat")).toBeTruthy();
  });

  it("speaks German", async () => {
    renderPane(genuine, "de-DE");
    await waitFor(() => expect(screen.getByTestId("reputation").dataset.phase).toBe("ready"));
    const text = screen.getByTestId("reputation").textContent ?? "";
    expect(text).toContain("Ruf des Absenders");
    expect(text).toContain("Nicht geprüft: keine Antwort in der Zeit.");
  });
});
