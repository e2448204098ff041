import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AlertMessage } from "../../server/watch/alert-message";
import { createChannel, listChannels } from "../../server/watch/channels";
import { backoffMs, Deliverer, enqueueForChannels } from "../../server/watch/outbox";
import { watchDb } from "../../server/watch/schema";
import { startFakeTarget, type FakeTarget } from "../support/fake-alert-targets";
import { openTestStore, type TestStore } from "../support/test-store";

const T0 = new Date("2026-12-04T10:00:00Z");
const RETRY = { baseMs: 1_000, maxMs: 60_000, maxAttempts: 4 };

const MESSAGE: AlertMessage = {
  kind: "critical-sender",
  alertId: "a1",
  senderKey: "github.com",
  label: "GitHub",
  authenticated: true,
  reporters: 1,
  reports: 1,
  firstReportAt: T0.toISOString(),
  proposal: null,
  evidence: { junked: true, sfv: "SPM", scl: 5, cat: "SPM", dmarc: "pass", compauth: null },
  consoleUrl: "https://vouch.example/admin",
};

describe("the alert outbox", () => {
  let opened: TestStore;
  let target: FakeTarget;
  let now: Date;
  const deliverer = (db = opened.store.db) =>
    new Deliverer(db, {
      retry: RETRY,
      policy: { allowPrivate: true, timeoutMs: 5_000 },
      endpoints: {
        tokenUrlTemplate: "http://127.0.0.1:9/{tid}/oauth2/v2.0/token",
        graphBase: "http://127.0.0.1:9/v1.0",
      },
      clock: () => now,
    });
  const at = (ms: number) => {
    now = new Date(T0.getTime() + ms);
  };

  beforeEach(async () => {
    opened = await openTestStore();
    target = await startFakeTarget(() => ({ status: 500 }));
    now = T0;
  });
  afterEach(async () => {
    await target.close();
    await opened.cleanup();
  });

  async function webhookChannel(tenantId = "t1") {
    return createChannel(
      opened.store.db,
      tenantId,
      {
        kind: "webhook",
        name: "SIEM",
        language: "en",
        enabled: true,
        config: { url: `${target.url}/hook` },
      },
      "admin-1",
      T0,
      true,
    );
  }

  it("retries a 500 with doubling waits, then shows the channel failed", async () => {
    const channel = await webhookChannel();
    expect(await enqueueForChannels(opened.store.db, "t1", "a1", MESSAGE, T0)).toBe(1);
    const worker = deliverer();

    expect(await worker.runOnce()).toBe(1);
    let [state] = await listChannels(opened.store.db, "t1");
    expect(state).toMatchObject({ lastState: "retrying", pending: 1 });
    expect(state?.lastError).toBe("HTTP 500 (attempt 1)");

    // Not before its backoff: 1 s, then 2 s, then 4 s.
    let elapsed = 0;
    for (const [attempt, wait] of [
      [2, 1_000],
      [3, 2_000],
      [4, 4_000],
    ] as const) {
      at(elapsed + wait - 1);
      expect(await worker.runOnce()).toBe(0);
      elapsed += wait;
      at(elapsed);
      expect(await worker.runOnce()).toBe(1);
      expect(target.requests).toHaveLength(attempt);
    }
    [state] = await listChannels(opened.store.db, "t1");
    expect(state).toMatchObject({ id: channel.id, lastState: "failed", pending: 0 });
    expect(state?.lastError).toBe("HTTP 500 (attempt 4)");
    at(elapsed + 3_600_000);
    expect(await worker.runOnce()).toBe(0);
    const row = await watchDb(opened.store.db)
      .selectFrom("watch_outbox")
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: "failed", last_error: "HTTP 500" });
    expect(Number(row.attempts)).toBe(4);
  });

  it("fails a refused target at once, and honours Retry-After", async () => {
    await webhookChannel();
    target.answer = (_, index) =>
      index === 0 ? { status: 429, headers: { "retry-after": "30" } } : { status: 404 };
    await enqueueForChannels(opened.store.db, "t1", "a1", MESSAGE, T0);
    const worker = deliverer();
    expect(await worker.runOnce()).toBe(1);
    at(29_999);
    expect(await worker.runOnce()).toBe(0);
    at(30_000);
    expect(await worker.runOnce()).toBe(1);
    const [state] = await listChannels(opened.store.db, "t1");
    expect(state).toMatchObject({ lastState: "failed", lastError: "HTTP 404 (attempt 2)" });
  });

  it("keeps waiting deliveries across a restart and sends them once", async () => {
    await webhookChannel();
    await enqueueForChannels(opened.store.db, "t1", "a1", MESSAGE, T0);
    expect(await deliverer().runOnce()).toBe(1);
    // The process goes away; another opens the same database later, the target is back up.
    target.answer = () => ({ status: 202 });
    const again = await opened.openAnother();
    at(1_000);
    const worker = deliverer(again.db);
    expect(await worker.runOnce()).toBe(1);
    expect(await worker.runOnce()).toBe(0);
    expect(target.requests).toHaveLength(2);
    const [state] = await listChannels(again.db, "t1");
    expect(state).toMatchObject({ lastState: "delivered", lastError: null, pending: 0 });
    expect(JSON.parse(target.requests[1]!.body)).toMatchObject({
      type: "vouch.watch.critical-sender",
      alert: { senderKey: "github.com", label: "GitHub" },
    });
  });

  it("lets two processes claim a delivery only once", async () => {
    target.answer = () => ({ status: 202 });
    await webhookChannel();
    await enqueueForChannels(opened.store.db, "t1", "a1", MESSAGE, T0);
    const other = await opened.openAnother();
    const attempted = await Promise.all([deliverer().runOnce(), deliverer(other.db).runOnce()]);
    expect(attempted.reduce((a, b) => a + b, 0)).toBe(1);
    expect(target.requests).toHaveLength(1);
  });

  it("queues only for the tenant's enabled channels", async () => {
    await webhookChannel("t1");
    await createChannel(
      opened.store.db,
      "t1",
      {
        kind: "teams",
        name: "off",
        language: "de",
        enabled: false,
        config: { url: `${target.url}/t` },
      },
      "admin-1",
      T0,
      true,
    );
    await webhookChannel("t2");
    expect(await enqueueForChannels(opened.store.db, "t1", "a1", MESSAGE, T0)).toBe(1);
    expect(await enqueueForChannels(opened.store.db, "t3", "a1", MESSAGE, T0)).toBe(0);
  });
});

describe("backoffMs", () => {
  it("doubles from the base, stops at the maximum, and waits at least what Retry-After asks", () => {
    expect([1, 2, 3, 4, 10].map((attempt) => backoffMs(RETRY, attempt, null))).toEqual([
      1_000, 2_000, 4_000, 8_000, 60_000,
    ]);
    expect(backoffMs(RETRY, 1, 30)).toBe(30_000);
    expect(backoffMs(RETRY, 1, 3600)).toBe(60_000);
  });
});
