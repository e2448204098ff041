import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { createApiClient, isRetryable } from "../../src/api/client";
import {
  createDevTokenProvider,
  createNaaTokenProvider,
  type NestableClient,
} from "../../src/api/auth";
import { fetchGraphHeaders, GRAPH_BASE_URL } from "../../src/api/graph";

const BASE = "http://vouch.test";
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const status = {
  sender: "contoso.com",
  identityKind: "domain",
  reporters: 3,
  mailboxes: 3,
  youReported: false,
  proposal: { id: "p1", status: "collecting", reason: null },
};

describe("API client", () => {
  it("signs in through POST /dev/token and sends the bearer token", async () => {
    let devBody: unknown = null;
    server.use(
      http.post(`${BASE}/dev/token`, async ({ request }) => {
        devBody = await request.json();
        return HttpResponse.json({ accessToken: "tok-1", expiresAt: "2999-01-01T00:00:00Z" });
      }),
      http.get(`${BASE}/api/v1/senders/status`, ({ request }) => {
        const url = new URL(request.url);
        if (request.headers.get("authorization") !== "Bearer tok-1") {
          return HttpResponse.json({ error: "unauthorized", message: "no" }, { status: 401 });
        }
        expect(url.searchParams.get("internetMessageId")).toBe("<m@x>");
        return HttpResponse.json(status);
      }),
    );
    const tokens = createDevTokenProvider({ tenant: "t1", user: "alice" }, { baseUrl: BASE });
    const api = createApiClient({ tokens, baseUrl: BASE });
    const result = await api.senderStatus({ internetMessageId: "<m@x>" });
    expect(devBody).toEqual({ tenant: "t1", user: "alice" });
    expect(result).toEqual({ ok: true, status: 200, value: status });
  });

  it("maps an error body to a typed, final http error", async () => {
    server.use(
      http.post(`${BASE}/api/v1/reports`, () =>
        HttpResponse.json(
          { error: "invalid-request", message: "headers missing" },
          { status: 400 },
        ),
      ),
    );
    const api = createApiClient({
      tokens: { account: async () => "a", getToken: async () => "t" },
      baseUrl: BASE,
    });
    const result = await api.submitReport({
      internetMessageId: "<m@x>",
      headers: "x",
      kind: "not-spam",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toEqual({
      kind: "http",
      status: 400,
      code: "invalid-request",
      message: "headers missing",
      retryAfterMs: null,
    });
    expect(isRetryable(result.error)).toBe(false);
  });

  it("retries once with a fresh token after a 401", async () => {
    const seen: string[] = [];
    server.use(
      http.delete(`${BASE}/api/v1/reports/r1`, ({ request }) => {
        seen.push(request.headers.get("authorization") ?? "");
        return seen.length === 1
          ? HttpResponse.json({ error: "expired", message: "expired" }, { status: 401 })
          : new HttpResponse(null, { status: 204 });
      }),
    );
    let n = 0;
    const api = createApiClient({
      tokens: { account: async () => "a", getToken: async () => `t${++n}` },
      baseUrl: BASE,
    });
    const result = await api.retractReport("r1");
    expect(result.ok).toBe(true);
    expect(seen).toEqual(["Bearer t1", "Bearer t2"]);
  });

  it("rejects an answer that does not match the contract", async () => {
    server.use(
      http.get(`${BASE}/api/v1/senders/status`, () => HttpResponse.json({ reporters: "many" })),
    );
    const api = createApiClient({
      tokens: { account: async () => "a", getToken: async () => "t" },
      baseUrl: BASE,
    });
    const result = await api.senderStatus({ sender: "contoso.com" });
    expect(!result.ok && result.error.kind).toBe("invalid-response");
  });
});

describe("nested app authentication", () => {
  it("asks silently first, then with a popup when interaction is required", async () => {
    const calls: string[] = [];
    const interaction = new Error("interaction_required");
    const client: NestableClient = {
      acquireTokenSilent: async (request) => {
        calls.push(`silent ${request.scopes.join(" ")}`);
        throw interaction;
      },
      acquireTokenPopup: async (request) => {
        calls.push(`popup ${request.scopes.join(" ")}`);
        return { accessToken: "naa-token", account: { homeAccountId: "oid.tid" } };
      },
      getActiveAccount: () => null,
      getAllAccounts: () => [],
    };
    const provider = createNaaTokenProvider(
      { clientId: "app-1" },
      async () => client,
      async (error) => error === interaction,
    );
    expect(await provider.getToken()).toBe("naa-token");
    expect(calls).toEqual([
      "silent api://app-1/Reports.Submit",
      "popup api://app-1/Reports.Submit",
    ]);
  });

  it("does not open a popup for other errors", async () => {
    const client: NestableClient = {
      acquireTokenSilent: async () => {
        throw new Error("network down");
      },
      acquireTokenPopup: async () => {
        throw new Error("must not be called");
      },
      getActiveAccount: () => null,
      getAllAccounts: () => [],
    };
    const provider = createNaaTokenProvider(
      { clientId: "app-1" },
      async () => client,
      async () => false,
    );
    await expect(provider.getToken()).rejects.toThrow("network down");
  });
});

describe("Graph header fallback", () => {
  it("rebuilds a header block from internetMessageHeaders", async () => {
    server.use(
      http.get(`${GRAPH_BASE_URL}/me/messages/:id`, ({ request, params }) => {
        expect(params.id).toBe("AAMk/1=");
        expect(new URL(request.url).searchParams.get("$select")).toBe("internetMessageHeaders");
        expect(request.headers.get("authorization")).toBe("Bearer graph-token");
        return HttpResponse.json({
          internetMessageHeaders: [
            { name: "Received", value: "from a by b" },
            { name: "Authentication-Results", value: "spf=pass" },
          ],
        });
      }),
    );
    const result = await fetchGraphHeaders("AAMk/1=", { getGraphToken: async () => "graph-token" });
    expect(result).toEqual({
      ok: true,
      text: "Received: from a by b\r\nAuthentication-Results: spf=pass",
      source: "headers",
    });
  });

  it("says why when Graph has nothing", async () => {
    server.use(
      http.get(`${GRAPH_BASE_URL}/me/messages/:id`, () =>
        HttpResponse.json({ internetMessageHeaders: [] }),
      ),
      // Nor a header block in the raw message (a body without its header section).
      http.get(`${GRAPH_BASE_URL}/me/messages/:id/$value`, () =>
        HttpResponse.text("no header block here"),
      ),
    );
    const result = await fetchGraphHeaders("x", { getGraphToken: async () => "t" });
    expect(result).toMatchObject({ ok: false, reason: "no-headers" });
    const noToken = await fetchGraphHeaders("x", {
      getGraphToken: async () => {
        throw new Error("no NAA");
      },
    });
    expect(noToken).toMatchObject({ ok: false, reason: "no-token" });
  });
});
