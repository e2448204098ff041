import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { AdminApp } from "../../src/admin/AdminApp";
import type { AdminLanguage } from "../../src/admin/i18n";
import type { SeenInJunkDto, SweepMailboxDto, SweepStatusDto } from "../../src/api/sweep-contract";

/**
 * The console's Junk sweep tab in jsdom against a stand-in of the service's sweep API (the
 * browser test runs the real service against a Graph fake): off, on with mailboxes that need
 * the admin first, sightings never called vouches, a round started from the console, German.
 */
const BASE = "http://vouch.test";
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  sessionStorage.clear();
  localStorage.clear();
});
afterAll(() => server.close());

const OFF: SweepStatusDto = {
  enabled: false,
  state: "idle",
  message: null,
  roundStartedAt: null,
  roundFinishedAt: null,
  roundMessages: 0,
  roundSightings: 0,
  intervalMs: null,
  mailboxes: {},
};

const ON: SweepStatusDto = {
  ...OFF,
  enabled: true,
  state: "ok",
  roundStartedAt: "2026-12-04T08:00:00.000Z",
  roundFinishedAt: "2026-12-04T08:01:00.000Z",
  roundMessages: 12,
  roundSightings: 7,
  intervalMs: 15 * 60_000,
  mailboxes: { ok: 2, "out-of-scope": 1, throttled: 1 },
};

function mailbox(userId: string, state: SweepMailboxDto["state"], extra = {}): SweepMailboxDto {
  return {
    userId,
    address: `${userId}@contoso.test`,
    state,
    message: null,
    messages: 3,
    sightings: 2,
    retryAt: null,
    lastSweptAt: "2026-12-04T08:01:00.000Z",
    lastSuccessAt: state === "ok" ? "2026-12-04T08:01:00.000Z" : null,
    ...extra,
  };
}

// In the service's order (user id); the view puts those that need the admin first.
const MAILBOXES = [
  mailbox("ada", "ok"),
  mailbox("ben", "ok"),
  mailbox("cy", "throttled", { retryAt: "2026-12-04T09:00:00.000Z" }),
  mailbox("outside", "out-of-scope", {
    message: "Graph refused this mailbox (403 ErrorAccessDenied)",
  }),
];

function seen(senderKey: string, extra: Partial<SeenInJunkDto> = {}): SeenInJunkDto {
  return {
    senderKey,
    reason: "many-mailboxes",
    critical: null,
    mailboxes: 5,
    messages: 6,
    firstSeen: "2026-12-01T10:00:00.000Z",
    lastSeen: "2026-12-04T07:00:00.000Z",
    vouches: { reporters: 0, mailboxes: 0 },
    proposal: null,
    ...extra,
  };
}

const SIGHTINGS = [
  seen("news.example.org"),
  seen("azure-noreply@microsoft.com", {
    reason: "critical",
    critical: { name: "Microsoft Azure" },
    mailboxes: 4,
    messages: 4,
    vouches: { reporters: 2, mailboxes: 2 },
    proposal: { id: "p1", status: "collecting" },
  }),
];

interface Served {
  requests: string[];
  status: SweepStatusDto;
}

function serve(status: SweepStatusDto | "broken"): Served {
  const served: Served = { requests: [], status: status === "broken" ? OFF : status };
  server.use(
    http.post(`${BASE}/dev/token`, () =>
      HttpResponse.json({ accessToken: "t", expiresAt: "2099-01-01T00:00:00Z" }),
    ),
    http.get(`${BASE}/api/v1/me`, () =>
      HttpResponse.json({
        tenantId: "contoso",
        userId: "admin",
        isAdmin: true,
        reportToMicrosoft: false,
      }),
    ),
    http.get(`${BASE}/api/v1/proposals`, () =>
      HttpResponse.json({ items: [], total: 0, nextOffset: null }),
    ),
    http.get(`${BASE}/api/v1/watch/alerts`, () => HttpResponse.json({ items: [] })),
    http.get(`${BASE}/api/v1/sweep`, () => {
      served.requests.push("status");
      return status === "broken"
        ? HttpResponse.json({ error: "internal", message: "The store is away." }, { status: 500 })
        : HttpResponse.json(served.status);
    }),
    http.get(`${BASE}/api/v1/sweep/mailboxes`, () => {
      served.requests.push("mailboxes");
      return HttpResponse.json({ items: MAILBOXES, nextOffset: null });
    }),
    http.get(`${BASE}/api/v1/sweep/sightings`, () => {
      served.requests.push("sightings");
      return HttpResponse.json({ items: SIGHTINGS, nextOffset: null, manyMailboxes: 5 });
    }),
    http.post(`${BASE}/api/v1/sweep/run`, () => {
      served.requests.push("run");
      // The round runs after the answer; the status only later says it finished.
      setTimeout(() => {
        served.status = {
          ...served.status,
          roundFinishedAt: "2026-12-04T10:00:00.000Z",
          roundMessages: 3,
          roundSightings: 1,
        };
      }, 100);
      return HttpResponse.json({ started: true }, { status: 202 });
    }),
  );
  return served;
}

async function openSweep(language: AdminLanguage = "en") {
  render(
    <FluentProvider theme={webLightTheme}>
      <AdminApp baseUrl={BASE} language={language} />
    </FluentProvider>,
  );
  await userEvent.click(
    screen.getByRole("button", { name: language === "en" ? "Sign in" : "Anmelden" }),
  );
  await userEvent.click(
    await screen.findByRole("tab", { name: language === "en" ? "Junk sweep" : "Junk-Durchlauf" }),
  );
}

const rowTexts = (table: HTMLElement) =>
  within(table)
    .getAllByRole("row")
    .slice(1)
    .map((row) => row.textContent ?? "");

describe("the Junk sweep tab", () => {
  it("says the sweep is off and how to turn it on, and asks for nothing else", async () => {
    const served = serve(OFF);
    await openSweep();
    expect(await screen.findByText("The Junk sweep is off for this organisation.")).toBeTruthy();
    expect(screen.getByText(/VOUCH_SWEEP=1/)).toBeTruthy();
    expect(screen.queryByRole("heading", { name: "Seen in Junk" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Run a round now" })).toBeNull();
    expect(served.requests).toEqual(["status"]);
  }, 30_000);

  it("lists mailboxes that need the admin first, with what to do, and sightings as sightings", async () => {
    serve(ON);
    await openSweep();
    expect(await screen.findByText("The last round went well.", { exact: false })).toBeTruthy();
    expect(screen.getByText(/12 messages read, 7 sightings kept/)).toBeTruthy();
    expect(screen.getByText("A round runs every 15 minutes.")).toBeTruthy();
    const counts = screen.getByRole("list", { name: "Mailboxes" });
    expect(within(counts).getByText("Outside the app's scope (403): 1")).toBeTruthy();

    const mailboxes = await screen.findByRole("table", { name: "Mailboxes" });
    const rows = rowTexts(mailboxes);
    expect(rows.map((row) => row.split("@")[0])).toEqual(["outside", "cy", "ada", "ben"]);
    expect(rows[0]).toContain("Add the mailbox to the app's access scope");
    expect(rows[0]).toContain("403 ErrorAccessDenied");
    expect(rows[1]).toContain("Throttled by Microsoft");
    expect(rows[1]).toContain("Waits until 4 Dec 2026, 09:00 UTC");

    const sightings = await screen.findByRole("table", { name: "Seen in Junk" });
    const sighted = rowTexts(sightings);
    expect(sighted[0]).toContain("Microsoft Azure");
    expect(sighted[0]).toContain("Critical sender");
    expect(sighted[0]).toContain("4 mailboxes, 4 messages");
    expect(sighted[0]).toContain("2 people in 2 mailboxes");
    expect(sighted[1]).toContain("news.example.org");
    expect(sighted[1]).toContain("Junked in many mailboxes");
    expect(sighted[1]).toContain("Nobody vouched yet");
    expect(screen.getByText(/These are sightings, not vouches/)).toBeTruthy();
    // The sightings column never says "vouched"; the vouches column is people's reports.
    for (const row of within(sightings).getAllByRole("row").slice(1)) {
      expect(within(row).getAllByRole("cell")[0]?.textContent).not.toMatch(/vouch/i);
    }
  }, 30_000);

  it("starts a round and shows its result once it finished, loading the lists again", async () => {
    const served = serve(ON);
    await openSweep();
    const run = await screen.findByRole("button", { name: "Run a round now" });
    await screen.findByRole("table", { name: "Seen in Junk" });
    const before = served.requests.filter((request) => request === "sightings").length;
    await userEvent.click(run);
    expect(
      await screen.findByText(/3 messages read, 1 sighting kept/, {}, { timeout: 8_000 }),
    ).toBeTruthy();
    expect(served.requests).toContain("run");
    await expect
      .poll(() => served.requests.filter((request) => request === "sightings").length)
      .toBeGreaterThan(before);
    expect(
      (await screen.findByRole("button", { name: "Run a round now" })).hasAttribute("disabled"),
    ).toBe(false);
  }, 30_000);

  it("shows a failed load in the service's words", async () => {
    serve("broken");
    await openSweep();
    expect(await screen.findByText("The store is away.")).toBeTruthy();
  }, 30_000);

  it("speaks German", async () => {
    serve(ON);
    await openSweep("de");
    await screen.findByRole("table", { name: "Im Junk gesehen" });
    const mailboxes = await screen.findByRole("table", { name: "Postfächer" });
    expect(rowTexts(mailboxes)[0]).toContain("Außerhalb des Bereichs der App (403)");
    expect(screen.getByText(/Das sind Sichtungen, keine Bürgschaften/)).toBeTruthy();
    expect(screen.getByRole("button", { name: "Jetzt eine Runde starten" })).toBeTruthy();
    const text = document.body.textContent ?? "";
    for (const english of ["Seen in Junk", "Mailboxes", "Nobody vouched", "Run a round"]) {
      expect(text).not.toContain(english);
    }
  }, 30_000);
});
