import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { act, configure, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import {
  NO_NAA_REQUIREMENT_SETS,
  createStandinHost,
  type StandinItem,
  type StandinOptions,
} from "../../src/office/standin-host";
import { createApiClient } from "../../src/api/client";
import { GRAPH_BASE_URL } from "../../src/api/graph";
import type { ReportRequest } from "../../src/api/contract";
import { DIALOG_SIZE, createEntraTokenProvider } from "../../src/api/dialog-auth";
import type { GraphTokenProvider } from "../../src/api/auth";
import { analyzeHeaders } from "../../src/analysis";
import { Pane } from "../../src/taskpane/Pane";
import { signedInServices } from "../../src/taskpane/services";

/**
 * Issue 12 on the stand-in host, each client as Microsoft documents it: Outlook on a phone
 * (Mailbox 1.5, REST item ids, no getAllInternetHeadersAsync), an item in a shared mailbox
 * (getSharedPropertiesAsync, /users/{owner}, the .Shared permissions, no reportMessage), a
 * client without nested app authentication (the sign-in dialog), and an item without headers
 * (Sent Items: the raw MIME). Graph and the service are msw at the edge; the pane is real.
 */

vi.setConfig({ testTimeout: 30_000 });
configure({ asyncUtilTimeout: 10_000 });

const BASE = "http://vouch.test";
const SAMPLE = readFileSync(
  join(resolve(import.meta.dirname, "../../samples"), "azure-service-notice.eml"),
  "utf8",
);
const HEADERS = SAMPLE.split(/\r?\n\r?\n/)[0] ?? "";
const MESSAGE = analyzeHeaders(HEADERS).message;
const OWNER = "finance@contoso.com";

const posted: ReportRequest[] = [];
const graphCalls: string[] = [];
/** Which scopes each Graph token was asked for, in order. */
const scopesAsked: string[] = [];

const server = setupServer(
  http.get(`${BASE}/api/v1/senders/status`, () => new HttpResponse(null, { status: 404 })),
  http.get(`${BASE}/api/v1/me`, () =>
    HttpResponse.json({ tenantId: "t", userId: "u", isAdmin: false, reportToMicrosoft: true }),
  ),
  http.post(`${BASE}/api/v1/reports`, async ({ request }) => {
    const body = (await request.json()) as ReportRequest;
    posted.push(body);
    return HttpResponse.json(
      {
        id: "r1",
        outcome: "created",
        kind: body.kind,
        createdAt: new Date().toISOString(),
        retractableUntil: null,
        sender: {
          sender: "microsoft.com",
          identityKind: "domain",
          reporters: 1,
          mailboxes: 1,
          youReported: true,
          proposal: null,
        },
      },
      { status: 201 },
    );
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
beforeEach(() => {
  localStorage.clear();
  posted.length = 0;
  graphCalls.length = 0;
  scopesAsked.length = 0;
});
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** Microsoft Graph at the edge: the message's headers (or none), its MIME, move, report. */
function graph(options: { listed: boolean; mime?: string; move?: number; report?: number }) {
  const record = (request: Request) => {
    const url = new URL(request.url);
    graphCalls.push(`${request.method} ${decodeURIComponent(url.pathname.replace("/v1.0", ""))}`);
  };
  server.use(
    http.get(`${GRAPH_BASE_URL}/:root/:who/messages/:id/$value`, ({ request }) => {
      record(request);
      return options.mime
        ? new HttpResponse(options.mime, { headers: { "content-type": "message/rfc822" } })
        : new HttpResponse(null, { status: 404 });
    }),
    http.get(`${GRAPH_BASE_URL}/:root/messages/:id/$value`, ({ request }) => {
      record(request);
      return options.mime
        ? new HttpResponse(options.mime, { headers: { "content-type": "message/rfc822" } })
        : new HttpResponse(null, { status: 404 });
    }),
    ...["/me/messages/:id", "/users/:who/messages/:id"].map((path) =>
      http.get(`${GRAPH_BASE_URL}${path}`, ({ request }) => {
        record(request);
        const internetMessageHeaders = options.listed
          ? HEADERS.split(/\r\n(?![ \t])/).map((line) => {
              const colon = line.indexOf(":");
              return { name: line.slice(0, colon), value: line.slice(colon + 1).trim() };
            })
          : [];
        return HttpResponse.json({ internetMessageHeaders });
      }),
    ),
    ...["/me/messages/:id/move", "/users/:who/messages/:id/move"].map((path) =>
      http.post(`${GRAPH_BASE_URL}${path}`, ({ request }) => {
        record(request);
        return new HttpResponse(JSON.stringify({ id: "moved" }), { status: options.move ?? 201 });
      }),
    ),
    http.post(`${GRAPH_BASE_URL}/me/messages/:id/reportMessage`, ({ request }) => {
      record(request);
      return new HttpResponse(JSON.stringify({ id: "moved" }), { status: options.report ?? 200 });
    }),
  );
}

const tokens: GraphTokenProvider & { account(): Promise<string>; getToken(): Promise<string> } = {
  account: async () => "tid/oid",
  getToken: async () => "api-token",
  getGraphToken: async (scopes) => {
    scopesAsked.push(scopes.join(" "));
    return "graph-token";
  },
};

function item(overrides: Partial<StandinItem> = {}, itemId = "AAMkEWS=="): StandinItem {
  return {
    headers: HEADERS,
    restId: "AAMkREST-converted",
    snapshot: {
      internetMessageId: MESSAGE.messageId,
      itemId,
      subject: MESSAGE.subject,
      from: MESSAGE.from ? { address: MESSAGE.from.address, name: MESSAGE.from.name } : null,
    },
    ...overrides,
  };
}

function renderPane(options: StandinOptions, selected: StandinItem, withGraph = true) {
  const host = createStandinHost(options);
  host.setItem(selected);
  const services = signedInServices(
    withGraph ? tokens : { ...tokens, getGraphToken: undefined },
    BASE,
  );
  render(
    <Pane
      host={host}
      api={services.api}
      queue={services.queue}
      graph={services.graph}
      rescue={services.rescue}
    />,
  );
  return { host, stop: services.stop };
}

const verdict = () => screen.findByTestId("verdict", {}, { timeout: 10_000 });

describe("Outlook on iOS and Android (Mailbox 1.5)", () => {
  it("reads the headers through Graph with the REST id the phone gives, and says why", async () => {
    graph({ listed: true });
    const { host, stop } = renderPane({ mobile: true }, item({}, "AAMkMobileRest_-"));
    expect(host.supports("Mailbox", "1.8")).toBe(false);
    expect(await host.readHeaders()).toEqual({ kind: "unsupported" });
    expect(host.restItemId()).toBe("AAMkMobileRest_-");
    expect((await verdict()).textContent).toContain("genuine message");
    expect(graphCalls).toEqual(["GET /me/messages/AAMkMobileRest_-"]);
    expect(scopesAsked).toEqual(["Mail.Read"]);
    stop();
  });

  it("explains that a phone cannot read headers itself when Graph cannot help either", async () => {
    const { stop } = renderPane({ mobile: true }, item({}, "AAMkMobileRest_-"), false);
    const missing = await screen.findByTestId("missing");
    expect(missing.textContent).toContain(
      "Outlook on phones and tablets cannot read message headers",
    );
    stop();
  });
});

describe("an item in a shared mailbox", () => {
  const shared = item({ shared: { owner: OWNER, permissions: 0b000011 } });

  it("reads it at /users/{owner} with Mail.Read.Shared and names the mailbox", async () => {
    graph({ listed: true });
    const { stop } = renderPane({ requirementSets: { Mailbox: "1.8" } }, shared);
    // Mailbox 1.8 without getAllInternetHeadersAsync results is what the quirk stands for.
    await verdict();
    expect(screen.getByTestId("shared-mailbox").textContent).toBe(
      `In the mailbox of ${OWNER} (shared with you).`,
    );
    stop();
  });

  it("falls back to Graph in the owner's mailbox, reports the mailbox, and moves it there without reportMessage", async () => {
    graph({ listed: true });
    const host = createStandinHost();
    host.setHeadersQuirk("empty");
    host.setItem(shared);
    const services = signedInServices(tokens, BASE);
    render(
      <Pane
        host={host}
        api={services.api}
        queue={services.queue}
        graph={services.graph}
        rescue={services.rescue}
      />,
    );
    await verdict();
    expect(graphCalls).toEqual([`GET /users/${OWNER}/messages/AAMkREST-converted`]);
    expect(scopesAsked).toEqual(["Mail.Read.Shared"]);

    await userEvent.setup().click(await screen.findByRole("button", { name: "Not spam" }));
    await waitFor(() =>
      expect(screen.getByTestId("rescue-status").textContent).toBe("Moved to the Inbox."),
    );
    expect(posted).toMatchObject([{ kind: "not-spam", mailbox: OWNER }]);
    // The admin enabled telling Microsoft, but reportMessage has no .Shared permission.
    expect(graphCalls).toContain(`POST /users/${OWNER}/messages/AAMkREST-converted/move`);
    expect(graphCalls.some((call) => call.endsWith("/reportMessage"))).toBe(false);
    expect(scopesAsked).toContain("Mail.ReadWrite.Shared");
    services.stop();
  });
});

describe("Not spam takes the message out of Junk", () => {
  it("reports it to Microsoft with the move where the admin enabled it (own mailbox)", async () => {
    graph({ listed: true });
    const { stop } = renderPane({}, item());
    await verdict();
    await userEvent.setup().click(await screen.findByRole("button", { name: "Not spam" }));
    await waitFor(() =>
      expect(screen.getByTestId("rescue-status").textContent).toBe(
        "Moved to the Inbox, and Microsoft was told it is not junk.",
      ),
    );
    expect(graphCalls).toEqual(["POST /me/messages/AAMkREST-converted/reportMessage"]);
    expect(posted[0]?.mailbox).toBeUndefined();
    stop();
  });

  it("says how to move it when the tenant allows neither (German too)", async () => {
    graph({ listed: true, report: 403, move: 403 });
    const { stop } = renderPane({ displayLanguage: "de-DE" }, item());
    await verdict();
    await userEvent.setup().click(await screen.findByRole("button", { name: "Kein Spam" }));
    await waitFor(() =>
      expect(screen.getByTestId("rescue-status").textContent).toContain(
        "Vouch konnte sie nicht für Sie verschieben.",
      ),
    );
    expect(graphCalls).toEqual([
      "POST /me/messages/AAMkREST-converted/reportMessage",
      "POST /me/messages/AAMkREST-converted/move",
    ]);
    stop();
  });
});

describe("an item without headers (Sent Items)", () => {
  it("recovers the header block from the raw MIME when Graph lists none", async () => {
    graph({ listed: false, mime: `${HEADERS}\r\n\r\nThe body, which is never read.\r\n` });
    const host = createStandinHost();
    host.setHeadersQuirk("empty");
    host.setItem(item());
    const services = signedInServices(tokens, BASE);
    render(<Pane host={host} api={services.api} queue={services.queue} graph={services.graph} />);
    expect((await verdict()).textContent).toContain("genuine message");
    expect(graphCalls).toEqual([
      "GET /me/messages/AAMkREST-converted",
      "GET /me/messages/AAMkREST-converted/$value",
    ]);
    services.stop();
  });
});

describe("a client without nested app authentication", () => {
  const config = { clientId: "app-1", authority: "https://login.microsoftonline.com/tid-1" };
  const success = (scopes: string[][]) => ({
    kind: "message" as const,
    message: JSON.stringify({
      status: "success",
      account: "oid.tid",
      tokens: scopes.map((group, i) => ({
        scopes: group,
        accessToken: `dialog-token-${i}`,
        expiresOn: Date.now() + 3_600_000,
      })),
    }),
  });

  it("signs in once through the Office dialog and never asks MSAL's nested client", async () => {
    let asked: string[][] = [];
    const host = createStandinHost({
      requirementSets: { ...NO_NAA_REQUIREMENT_SETS },
      dialog: async (url) => {
        asked = JSON.parse(new URL(url).searchParams.get("scopes") ?? "[]") as string[][];
        return success(asked);
      },
    });
    const factory = vi.fn();
    const provider = createEntraTokenProvider(
      config,
      {
        naa: host.supports("NestedAppAuth", "1.1"),
        openDialog: (url) => host.openDialog(url, DIALOG_SIZE),
        origin: "https://vouch.example.org",
        interactive: true,
      },
      factory,
    );
    let seen: string | null = null;
    server.use(
      http.get(`${BASE}/api/v1/me`, ({ request }) => {
        seen = request.headers.get("authorization");
        return HttpResponse.json({
          tenantId: "t",
          userId: "u",
          isAdmin: false,
          reportToMicrosoft: false,
        });
      }),
    );
    const api = createApiClient({ tokens: provider, baseUrl: BASE });
    expect((await api.me()).ok).toBe(true);
    expect(seen).toBe("Bearer dialog-token-0");
    expect(await provider.getGraphToken(["Mail.Read.Shared"])).toBe(
      `dialog-token-${asked.findIndex((g) => g[0] === "Mail.Read.Shared")}`,
    );
    expect(await provider.account()).toBe("oid.tid");
    expect(host.dialogs).toHaveLength(1);
    expect(host.dialogs[0]).toMatch(/^https:\/\/vouch\.example\.org\/auth-dialog\.html\?scopes=/);
    expect(asked[0]).toEqual(["api://app-1/Reports.Submit"]);
    expect(factory).not.toHaveBeenCalled();
  });

  it("tells the person when they close the dialog, and the ribbon's hidden page never opens one", async () => {
    const host = createStandinHost({ requirementSets: { ...NO_NAA_REQUIREMENT_SETS } });
    const pane = createEntraTokenProvider(config, {
      naa: false,
      openDialog: (url) => host.openDialog(url, DIALOG_SIZE),
      origin: "https://vouch.example.org",
      interactive: true,
    });
    await expect(pane.getToken()).rejects.toMatchObject({ interactionRequired: true });
    expect(host.dialogs).toHaveLength(1);
    const command = createEntraTokenProvider(config, {
      naa: false,
      openDialog: null,
      origin: "https://vouch.example.org",
      interactive: false,
    });
    await expect(command.account()).rejects.toThrow("Open Vouch to sign in");
    expect(host.dialogs).toHaveLength(1);
  });

  it("keeps nested app authentication where Outlook has it, without setActiveAccount", async () => {
    const host = createStandinHost();
    const client = {
      acquireTokenSilent: vi.fn(async () => ({
        accessToken: "naa-token",
        account: { homeAccountId: "oid.tid" },
      })),
      acquireTokenPopup: vi.fn(),
      getActiveAccount: () => null,
      getAllAccounts: () => [],
    };
    const provider = createEntraTokenProvider(
      config,
      {
        naa: host.supports("NestedAppAuth", "1.1"),
        openDialog: null,
        origin: "",
        interactive: true,
      },
      async () => client,
    );
    expect(await provider.getToken()).toBe("naa-token");
    expect(await provider.getGraphToken(["Mail.Read"])).toBe("naa-token");
    // The second call names the account the first one signed in.
    expect(client.acquireTokenSilent).toHaveBeenLastCalledWith({
      scopes: ["Mail.Read"],
      account: { homeAccountId: "oid.tid" },
      forceRefresh: false,
    });
    expect(host.dialogs).toEqual([]);
  });
});

describe("pinned pane across clients", () => {
  it("forgets the shared mailbox when the next item is the person's own", async () => {
    graph({ listed: true });
    const { host, stop } = renderPane({}, item({ shared: { owner: OWNER, permissions: 1 } }));
    await screen.findByTestId("shared-mailbox");
    act(() => host.setItem(item()));
    await waitFor(() => expect(screen.queryByTestId("shared-mailbox")).toBeNull());
    stop();
  });
});
