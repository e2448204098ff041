import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { createApiClient } from "../../src/api/client";
import type { ReportRequest } from "../../src/api/contract";
import {
  PENDING_SIGN_IN_ACCOUNT,
  QUEUE_STORAGE_KEY,
  createReportQueue,
  type ReportQueue,
} from "../../src/api/retry-queue";
import type { TokenProvider } from "../../src/api/auth";

const BASE = "http://vouch.test";
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const request: ReportRequest = {
  internetMessageId: "<abc@contoso.com>",
  headers: "From: a@contoso.com\r\nSubject: hi\r\n",
  kind: "not-spam",
};

const created = (body: ReportRequest) => ({
  id: `r-${body.internetMessageId}`,
  outcome: "created",
  kind: body.kind,
  createdAt: new Date(0).toISOString(),
  retractableUntil: null,
  sender: {
    sender: "contoso.com",
    identityKind: "domain",
    reporters: 1,
    mailboxes: 1,
    youReported: true,
    proposal: null,
  },
});

/** Answers each POST with the next of `statuses`, then 201; records every body it saw. */
function reportsEndpoint(statuses: number[], extraHeaders: Record<string, string> = {}) {
  const seen: ReportRequest[] = [];
  server.use(
    http.post(`${BASE}/api/v1/reports`, async ({ request: incoming }) => {
      const body = (await incoming.json()) as ReportRequest;
      seen.push(body);
      const status = statuses.shift();
      if (status === undefined) return HttpResponse.json(created(body), { status: 201 });
      if (status === 0) return HttpResponse.error();
      return HttpResponse.json(
        { error: `e${status}`, message: `status ${status}` },
        { status, headers: extraHeaders },
      );
    }),
  );
  return seen;
}

const tokens: TokenProvider = {
  account: async () => "dev:t1/alice",
  getToken: async () => "token-alice",
};

let clock = 1_000_000;
let online = true;

function makeQueue(ownerId = "tab-a"): ReportQueue {
  const api = createApiClient({ tokens, baseUrl: BASE, isOnline: () => online });
  return createReportQueue({
    storage: localStorage,
    send: api.submitReport,
    account: tokens.account,
    now: () => clock,
    random: () => 0.5,
    ownerId,
    window: null,
  });
}

beforeEach(() => {
  localStorage.clear();
  clock = 1_000_000;
  online = true;
});

describe("report retry queue", () => {
  it("keeps a report made offline and sends it exactly once when back online", async () => {
    const seen = reportsEndpoint([]);
    const queue = makeQueue();
    online = false;
    const outcome = await queue.submit(request);
    expect(outcome.state).toBe("queued");
    expect(seen).toHaveLength(0);
    expect(JSON.parse(localStorage.getItem(QUEUE_STORAGE_KEY) ?? "[]")).toHaveLength(1);

    online = true;
    clock += 60_000;
    const summary = await queue.flush();
    expect(summary.sent).toBe(1);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toEqual(request);
    expect(localStorage.getItem(QUEUE_STORAGE_KEY)).toBeNull();

    clock += 60_000;
    await queue.flush();
    expect(seen).toHaveLength(1);
  });

  it("backs off exponentially on 5xx and resends the same request until accepted", async () => {
    const seen = reportsEndpoint([503, 502]);
    const queue = makeQueue();
    const first = await queue.submit(request);
    expect(first.state).toBe("queued");
    const firstDue = first.state === "queued" ? first.nextAttemptAt - clock : -1;
    // attempt 1: ceiling 2 s, jitter 0.5 → 1.5 s
    expect(firstDue).toBe(1_500);

    await queue.flush();
    expect(seen).toHaveLength(1);

    clock += firstDue;
    const second = await queue.flush();
    expect(second.queued).toBe(1);
    expect(seen).toHaveLength(2);
    const entry = queue.entries()[0];
    expect(entry?.attempts).toBe(2);
    expect((entry?.nextAttemptAt ?? 0) - clock).toBe(3_000);

    clock += 3_000;
    const third = await queue.flush();
    expect(third.sent).toBe(1);
    expect(seen).toHaveLength(3);
    expect(new Set(seen.map((body) => JSON.stringify(body))).size).toBe(1);
    expect(queue.entries()).toHaveLength(0);
  });

  it("waits at least as long as Retry-After on 429", async () => {
    reportsEndpoint([429], { "retry-after": "120" });
    const outcome = await makeQueue().submit(request);
    expect(outcome.state === "queued" && outcome.nextAttemptAt - clock).toBe(120_000);
  });

  it("keeps the report through a network error", async () => {
    const seen = reportsEndpoint([0]);
    const queue = makeQueue();
    const outcome = await queue.submit(request);
    expect(outcome.state).toBe("queued");
    expect(outcome.state === "queued" && outcome.error?.kind).toBe("network");
    clock += 10_000;
    await queue.flush();
    expect(seen).toHaveLength(2);
    expect(queue.entries()).toHaveLength(0);
  });

  it("treats 400 as final: shown as failed, never retried", async () => {
    const seen = reportsEndpoint([400]);
    const queue = makeQueue();
    const outcome = await queue.submit(request);
    expect(outcome.state).toBe("failed");
    expect(outcome.state === "failed" && outcome.error).toMatchObject({
      kind: "http",
      status: 400,
    });
    clock += 600_000;
    await queue.flush();
    expect(seen).toHaveLength(1);
    expect(queue.entries()[0]?.status).toBe("failed");
    queue.dismiss(queue.entries()[0]?.key ?? "");
    expect(queue.entries()).toHaveLength(0);
  });

  it("sends once when two runtimes flush the same queue at the same moment", async () => {
    const seen = reportsEndpoint([503]);
    const tabA = makeQueue("tab-a");
    const tabB = makeQueue("tab-b");
    await tabA.submit(request);
    expect(seen).toHaveLength(1);
    clock += 600_000;
    const [a, b] = await Promise.all([tabA.flush(), tabB.flush()]);
    expect(seen).toHaveLength(2);
    expect(a.sent + b.sent).toBe(1);
    expect(a.busyElsewhere || b.busyElsewhere).toBe(true);
  });

  it("sends once when one runtime flushes twice at once", async () => {
    const seen = reportsEndpoint([503]);
    const queue = makeQueue();
    await queue.submit(request);
    clock += 600_000;
    await Promise.all([queue.flush(), queue.flush(), queue.flush()]);
    expect(seen).toHaveLength(2);
  });

  it("takes over the lease of a runtime that died holding it", async () => {
    const seen = reportsEndpoint([503]);
    const queue = makeQueue("tab-a");
    await queue.submit(request);
    localStorage.setItem(
      "vouch:report-queue:lease",
      JSON.stringify({ owner: "dead-tab", until: clock + 10_000 }),
    );
    clock += 5_000;
    expect((await queue.flush()).busyElsewhere).toBe(true);
    clock += 10_000;
    expect((await queue.flush()).sent).toBe(1);
    expect(seen).toHaveLength(2);
  });

  it("sends an account's reports only under that account", async () => {
    const seen = reportsEndpoint([]);
    online = false;
    await makeQueue().submit(request);
    online = true;
    const bob = createReportQueue({
      storage: localStorage,
      send: createApiClient({ tokens, baseUrl: BASE }).submitReport,
      account: async () => "dev:t1/bob",
      now: () => clock,
      window: null,
    });
    clock += 600_000;
    expect((await bob.flush()).sent).toBe(0);
    expect(seen).toHaveLength(0);
    expect(localStorage.getItem(QUEUE_STORAGE_KEY)).not.toBeNull();
  });

  it("retries at once when the browser comes back online, whatever the backoff said", async () => {
    const seen = reportsEndpoint([]);
    const events = new EventTarget();
    const api = createApiClient({ tokens, baseUrl: BASE, isOnline: () => online });
    const queue = createReportQueue({
      storage: localStorage,
      send: api.submitReport,
      account: tokens.account,
      now: () => clock,
      random: () => 0.5,
      window: events as unknown as Window,
    });
    online = false;
    const outcome = await queue.submit(request);
    expect(outcome.state === "queued" && outcome.nextAttemptAt).toBeGreaterThan(clock);
    const sent = new Promise((resolve) =>
      queue.subscribe((event) => event.type === "sent" && resolve(event)),
    );
    const stop = queue.start();
    online = true;
    events.dispatchEvent(new Event("online"));
    await sent;
    stop();
    expect(seen).toHaveLength(1);
    expect(queue.entries()).toHaveLength(0);
  });

  it("sends reports queued before sign-in under the account that signs in", async () => {
    const seen = reportsEndpoint([]);
    online = false;
    const before = createReportQueue({
      storage: localStorage,
      send: createApiClient({ tokens, baseUrl: BASE, isOnline: () => online }).submitReport,
      account: async () => PENDING_SIGN_IN_ACCOUNT,
      now: () => clock,
      window: null,
    });
    await before.submit(request);
    expect(before.entries()[0]?.account).toBe(PENDING_SIGN_IN_ACCOUNT);
    online = true;
    clock += 600_000;
    expect((await before.flush()).sent).toBe(0);
    expect(seen).toHaveLength(0);
    const signedIn = makeQueue();
    expect((await signedIn.flush()).sent).toBe(1);
    expect(seen).toEqual([request]);
    expect(signedIn.entries()).toHaveLength(0);
  });
});
