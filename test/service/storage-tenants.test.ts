import { afterEach, beforeEach, expect, it } from "vitest";
import type { RecordReportInput, Store } from "../../server/storage";
import { analysisFor, openTestStore, type TestStore } from "../support/test-store";

let testStore: TestStore;
let store: Store;
beforeEach(async () => {
  testStore = await openTestStore();
  store = testStore.store;
});
afterEach(() => testStore.cleanup());

const WINDOW = { windowMs: 24 * 60 * 60 * 1000 };

/** The same people, message ids and sender in both tenants: only the tenant tells them apart. */
function report(tenantId: string, reporterId: string, messageId: string): RecordReportInput {
  return {
    tenantId,
    reporterId,
    internetMessageId: messageId,
    kind: "not-spam",
    rawHeaders: `From: bob@contoso.com\r\nX-Tenant: ${tenantId}\r\n`,
    analysis: analysisFor({ from: "bob@contoso.com", dmarc: "pass" }),
  };
}

it("never lets tenant A see, count or retract tenant B's data", async () => {
  const a = await store.reports.record(report("tenant-a", "alice", "<m1>"));
  // Same reporter id and message id in B: a new report, not a duplicate of A's.
  const b1 = await store.reports.record(report("tenant-b", "alice", "<m1>"));
  await store.reports.record(report("tenant-b", "bob", "<m2>"));
  expect(b1.outcome).toBe("created");
  expect(b1.report.id).not.toBe(a.report.id);
  expect(a.sender).toMatchObject({ reporters: 1 });
  expect(b1.sender).toMatchObject({ reporters: 1 });

  // Reads.
  expect(await store.reports.get("tenant-b", a.report.id)).toBeNull();
  expect(await store.reports.get("tenant-a", b1.report.id)).toBeNull();
  expect(await store.reports.rawHeaders("tenant-b", a.report.id)).toBeNull();
  expect(await store.reports.rawHeaders("tenant-a", a.report.id)).toContain("tenant-a");
  expect((await store.reports.findByMessage("tenant-a", "alice", "<m1>"))?.id).toBe(a.report.id);
  expect(await store.reports.findByMessage("tenant-a", "bob", "<m2>")).toBeNull();
  expect(await store.senders.keyOfMessage("tenant-a", "<m2>")).toBeNull();

  // Counts.
  expect(await store.senders.evidence("tenant-a", "contoso.com")).toMatchObject({
    tenantId: "tenant-a",
    reports: 1,
    reporters: 1,
  });
  expect(await store.senders.evidence("tenant-b", "contoso.com")).toMatchObject({
    tenantId: "tenant-b",
    reports: 2,
    reporters: 2,
  });
  expect(await store.senders.status("tenant-a", "contoso.com", "bob")).toMatchObject({
    reporters: 1,
    youReported: false,
  });
  const listA = await store.senders.list("tenant-a");
  expect(listA.items.map((item) => [item.tenantId, item.reports])).toEqual([["tenant-a", 1]]);
  expect((await store.senders.list("tenant-c")).items).toEqual([]);

  // Retraction: B's alice cannot retract A's report, and learns nothing about it.
  expect(await store.reports.retract("tenant-b", "alice", a.report.id, WINDOW)).toEqual({
    outcome: "not-found",
  });
  expect((await store.reports.get("tenant-a", a.report.id))?.retractedAt).toBeNull();
  expect(await store.senders.evidence("tenant-a", "contoso.com")).toMatchObject({ reports: 1 });

  // A retraction in A leaves B's counts alone.
  await store.reports.retract("tenant-a", "alice", a.report.id, WINDOW);
  expect(await store.senders.evidence("tenant-a", "contoso.com")).toMatchObject({ reports: 0 });
  expect(await store.senders.evidence("tenant-b", "contoso.com")).toMatchObject({
    reports: 2,
    reporters: 2,
  });
});
