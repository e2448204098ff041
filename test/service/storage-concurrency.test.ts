import { afterEach, beforeEach, expect, it } from "vitest";
import type { RecordReportInput, Store } from "../../server/storage";
import { senderKeyOf } from "../../server/identity/sender-key";
import { expectedEvidence } from "../support/expected-evidence";
import { analysisFor, openTestStore, type TestStore } from "../support/test-store";

/**
 * Many reports at once, duplicates and retractions included, must leave every aggregate exactly
 * equal to a recount of the active reports. On PostgreSQL the calls are split across two Stores
 * (two pools), as two service processes on one database would be.
 */

let testStore: TestStore;
let stores: Store[];
beforeEach(async () => {
  testStore = await openTestStore();
  stores = [testStore.store];
  if (testStore.database.engine === "postgres") stores.push(await testStore.openAnother());
});
afterEach(() => testStore.cleanup());

/** Deterministic, so a failure can be replayed. */
function prng(seed: number) {
  let state = seed >>> 0;
  return (below: number) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) % below) as number;
  };
}

const TENANT = "tenant-load";
const USERS = Array.from({ length: 12 }, (_, index) => `user-${index}`);
const SENDERS = ["alpha.example", "beta.example", "gamma.example", "news@gmail.com"];
const FINDINGS = ["scl-junk", "bulk-bcl", "first-contact", "__proto__"];
const MESSAGES = 60;
const BASE = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;

/** Everything about a (user, message) pair is fixed, so whichever retry lands first is the same. */
function reportFor(user: number, message: number): RecordReportInput {
  const pick = prng(user * 1000 + message + 1);
  const sender = SENDERS[message % SENDERS.length]!;
  const address = sender.includes("@") ? sender : `mail@${sender}`;
  return {
    tenantId: TENANT,
    reporterId: USERS[user]!,
    internetMessageId: `<msg-${message}@load>`,
    kind: pick(3) === 0 ? "trusted-sender" : "not-spam",
    mailbox: pick(3) === 0 ? `shared-${pick(3)}@contoso.com` : null,
    rawHeaders: `From: ${address}\r\nMessage-ID: <msg-${message}@load>\r\n`,
    // One message in five has a forged From: counted apart as unverified.
    analysis: analysisFor({
      from: address,
      dmarc: message % 5 === 4 ? undefined : "pass",
      findings: FINDINGS.filter((_, index) => (message >> index) % 2 === 1),
      junked: message % 2 === 0,
    }),
    now: new Date(BASE + pick(30) * DAY + message * 1000),
  };
}

async function expectAggregatesToMatch(active: RecordReportInput[]) {
  const expected = new Map(
    expectedEvidence(TENANT, active).map((evidence) => [evidence.senderKey, evidence]),
  );
  const page = await stores[0]!.senders.list(TENANT, { limit: 500 });
  const actual = new Map(page.items.map((item) => [item.senderKey, item]));
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [key, evidence] of expected) {
    const found = actual.get(key);
    expect(
      { ...found, signals: { ...found?.signals }, signalPeople: { ...found?.signalPeople } },
      key,
    ).toEqual({
      ...evidence,
      signals: { ...evidence.signals },
      signalPeople: { ...evidence.signalPeople },
    });
  }
}

const pairKey = (input: RecordReportInput) => `${input.reporterId}|${input.internetMessageId}`;

it("keeps aggregates exact under 500 concurrent reports with duplicates, then retractions", async () => {
  const random = prng(42);
  const draws = Array.from({ length: 500 }, () =>
    reportFor(random(USERS.length), random(MESSAGES)),
  );
  // Make sure some retries arrive at the very same moment as their first attempt.
  for (let index = 0; index < 50; index++) draws[index * 10 + 1] = draws[index * 10]!;

  const results = await Promise.all(
    draws.map((input, index) => stores[index % stores.length]!.reports.record(input)),
  );

  const firstIds = new Map<string, string>();
  const created = new Map<string, RecordReportInput>();
  results.forEach((result, index) => {
    const key = pairKey(draws[index]!);
    if (result.outcome === "created") {
      expect(created.has(key), `created twice: ${key}`).toBe(false);
      created.set(key, draws[index]!);
    }
    const known = firstIds.get(key);
    if (known) expect(result.report.id).toBe(known);
    else firstIds.set(key, result.report.id);
  });
  const uniquePairs = new Set(draws.map(pairKey));
  expect(created.size).toBe(uniquePairs.size);
  expect(created.size).toBeLessThan(draws.length);
  const stored = await stores[0]!.db
    .selectFrom("reports")
    .select("id")
    .where("tenant_id", "=", TENANT)
    .execute();
  expect(stored).toHaveLength(uniquePairs.size);
  await expectAggregatesToMatch([...created.values()]);

  // Phase two, all at once: a third of the reports retracted while 200 more (new and
  // duplicates of both active and retracted reports) arrive.
  const toRetract = [...created.entries()].filter((_, index) => index % 3 === 0);
  const moreDraws = Array.from({ length: 200 }, () =>
    reportFor(random(USERS.length), random(MESSAGES)),
  );
  const retractions = toRetract.map(([key, input], index) =>
    stores[index % stores.length]!.reports.retract(TENANT, input.reporterId, firstIds.get(key)!, {
      windowMs: 3650 * DAY,
    }),
  );
  const records = moreDraws.map((input, index) =>
    stores[(index + 1) % stores.length]!.reports.record(input),
  );
  const [retracted, recorded] = await Promise.all([Promise.all(retractions), Promise.all(records)]);
  expect(retracted.every((result) => result.outcome === "retracted")).toBe(true);

  // A report of a message being retracted meanwhile is a duplicate before the retraction and
  // counts again after it: the message ends active exactly when one of them was "created".
  const retractedKeys = new Set(toRetract.map(([key]) => key));
  const reactivated = new Set<string>();
  recorded.forEach((result, index) => {
    const key = pairKey(moreDraws[index]!);
    if (retractedKeys.has(key)) {
      if (result.outcome === "created") {
        expect(reactivated.has(key), `counted again twice: ${key}`).toBe(false);
        reactivated.add(key);
      }
      expect(result.report.id).toBe(firstIds.get(key));
    } else if (created.has(key)) {
      expect(result.outcome).toBe("duplicate");
    } else if (result.outcome === "created") {
      created.set(key, moreDraws[index]!);
    }
  });
  for (const key of reactivated) retractedKeys.delete(key);
  expect(created.size).toBe(new Set([...uniquePairs, ...moreDraws.map(pairKey)]).size);
  const active = [...created.entries()]
    .filter(([key]) => !retractedKeys.has(key))
    .map(([, input]) => input);
  await expectAggregatesToMatch(active);
  // A generous limit: on a busy shared machine 700 transactions on four hot rows take a while,
  // and this test is about exactness, not speed (bench/ measures speed).
}, 180_000);

it("creates exactly one report when the same retry races on every connection", async () => {
  const input = reportFor(0, 0);
  const results = await Promise.all(
    Array.from({ length: 40 }, (_, index) => stores[index % stores.length]!.reports.record(input)),
  );
  expect(results.filter((result) => result.outcome === "created")).toHaveLength(1);
  expect(new Set(results.map((result) => result.report.id)).size).toBe(1);
  const key = senderKeyOf(input.analysis!)!.key;
  expect(await stores[0]!.senders.evidence(TENANT, key)).toMatchObject({
    reports: 1,
    reporters: 1,
  });
}, 60_000);

it("counts a retracted message again exactly once when its re-reports race on every connection", async () => {
  const input = reportFor(3, 5);
  const first = await stores[0]!.reports.record(input);
  const retracted = await stores[0]!.reports.retract(TENANT, input.reporterId, first.report.id, {
    windowMs: 3650 * DAY,
  });
  expect(retracted.outcome).toBe("retracted");
  const again = { ...input, kind: "trusted-sender" as const };
  const results = await Promise.all(
    Array.from({ length: 40 }, (_, index) => stores[index % stores.length]!.reports.record(again)),
  );
  expect(results.filter((result) => result.outcome === "created")).toHaveLength(1);
  expect(new Set(results.map((result) => result.report.id))).toEqual(new Set([first.report.id]));
  expect(results.every((result) => result.report.kind === "trusted-sender")).toBe(true);
  await expectAggregatesToMatch([again]);
}, 60_000);

it("runs a listener's deadlock victim again, so both reports count exactly once", async () => {
  const store = stores[0]!;
  type Locks = { listener_locks: { name: string; hits: number } };
  const db = store.db.withTables<Locks>();
  await db.schema
    .createTable("listener_locks")
    .addColumn("name", "text", (column) => column.primaryKey())
    .addColumn("hits", "integer", (column) => column.notNull())
    .execute();
  await db
    .insertInto("listener_locks")
    .values([
      { name: "a", hits: 0 },
      { name: "b", hits: 0 },
    ])
    .execute();
  // Two listeners' transactions take the same two rows in opposite orders, with a pause between:
  // on PostgreSQL one of them is chosen as the deadlock victim and must be run again.
  let pauses = 0;
  store.onAggregateChanged(async (trx, _evidence, change) => {
    const order = change.report.reporterId === "first" ? ["a", "b"] : ["b", "a"];
    const locks = trx.withTables<Locks>();
    for (const name of order) {
      await locks
        .updateTable("listener_locks")
        .set((eb) => ({ hits: eb("hits", "+", 1) }))
        .where("name", "=", name)
        .execute();
      if (pauses++ < 2) await new Promise((resolve) => setTimeout(resolve, 300));
    }
  });
  // Different senders, so the aggregate locks do not serialize them before the listeners run.
  const inputs = [reportFor(1, 1), reportFor(1, 2)];
  const [first, second] = await Promise.all([
    store.reports.record({ ...inputs[0]!, reporterId: "first" }),
    store.reports.record({ ...inputs[1]!, reporterId: "second" }),
  ]);
  expect([first.outcome, second.outcome]).toEqual(["created", "created"]);
  for (const input of inputs) {
    const key = senderKeyOf(input.analysis!)!.key;
    expect(await store.senders.evidence(TENANT, key)).toMatchObject({ reports: 1, reporters: 1 });
  }
  // The victim's first attempt was rolled back whole: each row counts exactly two commits.
  const hits = await db
    .selectFrom("listener_locks")
    .select(["name", "hits"])
    .orderBy("name")
    .execute();
  expect(hits).toEqual([
    { name: "a", hits: 2 },
    { name: "b", hits: 2 },
  ]);
}, 60_000);
