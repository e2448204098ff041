import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type {
  AggregateChange,
  RecordReportInput,
  SenderEvidence,
  Store,
} from "../../server/storage";
import { analysisFor, openTestStore, type TestStore } from "../support/test-store";

let testStore: TestStore;
let store: Store;
beforeEach(async () => {
  testStore = await openTestStore();
  store = testStore.store;
});
afterEach(() => testStore.cleanup());

const WINDOW = { windowMs: 365 * 24 * 60 * 60 * 1000 };

function report(
  reporterId: string,
  messageId: string,
  overrides: Partial<RecordReportInput> = {},
): RecordReportInput {
  return {
    tenantId: "t",
    reporterId,
    internetMessageId: messageId,
    kind: "not-spam",
    rawHeaders: "From: bob@contoso.com\r\n",
    analysis: analysisFor({ from: "bob@contoso.com", dmarc: "pass" }),
    ...overrides,
  };
}

describe("sender aggregates", () => {
  it("keeps distinct reporters and mailboxes right through retractions", async () => {
    const a1 = await store.reports.record(report("alice", "<m1>"));
    const a2 = await store.reports.record(report("alice", "<m2>", { kind: "trusted-sender" }));
    await store.reports.record(report("bob", "<m3>", { mailbox: "sales@contoso.com" }));
    expect(await store.senders.evidence("t", "contoso.com")).toMatchObject({
      reporters: 2,
      mailboxes: 2,
      reports: 3,
      notSpam: 2,
      trustedSender: 1,
    });

    // One of alice's two reports goes: she still counts as a reporter, her mailbox too.
    await store.reports.retract("t", "alice", a1.report.id, WINDOW);
    expect(await store.senders.evidence("t", "contoso.com")).toMatchObject({
      reporters: 2,
      mailboxes: 2,
      reports: 2,
      notSpam: 1,
      trustedSender: 1,
    });
    expect(await store.senders.status("t", "contoso.com", "alice")).toMatchObject({
      youReported: true,
    });

    await store.reports.retract("t", "alice", a2.report.id, WINDOW);
    expect(await store.senders.evidence("t", "contoso.com")).toMatchObject({
      reporters: 1,
      mailboxes: 1,
      reports: 1,
      notSpam: 1,
      trustedSender: 0,
    });
    expect(await store.senders.status("t", "contoso.com", "alice")).toEqual({
      sender: "contoso.com",
      identityKind: "domain",
      reporters: 1,
      mailboxes: 1,
      youReported: false,
    });
    expect(await store.senders.status("t", "contoso.com", "bob")).toMatchObject({
      youReported: true,
    });
  });

  it("counts signals over active reports only", async () => {
    const withFinding = analysisFor({
      from: "bob@contoso.com",
      dmarc: "pass",
      findings: ["scl-junk"],
      junked: true,
    });
    const first = await store.reports.record(report("alice", "<m1>", { analysis: withFinding }));
    await store.reports.record(report("bob", "<m2>", { analysis: withFinding }));
    await store.reports.record(report("carol", "<m3>"));
    let evidence = await store.senders.evidence("t", "contoso.com");
    expect(evidence?.signals["scl-junk"]).toBe(2);
    expect(evidence?.signals["verdict-junked"]).toBe(2);
    expect(evidence?.signals["auth-dmarc-pass"]).toBe(3);

    await store.reports.retract("t", "alice", first.report.id, WINDOW);
    evidence = await store.senders.evidence("t", "contoso.com");
    expect(evidence?.signals["scl-junk"]).toBe(1);
    expect(evidence?.signals["auth-dmarc-pass"]).toBe(2);
  });

  it("weighs one person's fifteen reports as one person in every signal", async () => {
    const junked = analysisFor({ from: "bob@contoso.com", dmarc: "pass", findings: ["scl-junk"] });
    const mine: string[] = [];
    for (let index = 0; index < 15; index++) {
      const made = await store.reports.record(report("alice", `<a${index}>`, { analysis: junked }));
      mine.push(made.report.id);
    }
    await store.reports.record(report("bob", "<b1>"));
    let evidence = await store.senders.evidence("t", "contoso.com");
    expect(evidence).toMatchObject({ reporters: 2, reports: 16 });
    expect(evidence?.signals).toMatchObject({ "scl-junk": 15, "auth-dmarc-pass": 16 });
    expect({ ...evidence?.signalPeople }).toMatchObject({ "scl-junk": 1, "auth-dmarc-pass": 2 });

    for (const id of mine.slice(1)) await store.reports.retract("t", "alice", id, WINDOW);
    evidence = await store.senders.evidence("t", "contoso.com");
    expect(evidence?.signals["scl-junk"]).toBe(1);
    expect(evidence?.signalPeople?.["scl-junk"]).toBe(1);

    await store.reports.retract("t", "alice", mine[0]!, WINDOW);
    evidence = await store.senders.evidence("t", "contoso.com");
    expect(evidence?.signals["scl-junk"]).toBeUndefined();
    expect(evidence?.signalPeople?.["scl-junk"]).toBeUndefined();
    // Bob alone remains: every signal left is his, one person.
    expect(Object.values({ ...evidence?.signalPeople })).toEqual(
      Object.keys({ ...evidence?.signals }).map(() => 1),
    );
  });

  it("counts the people who said 'trusted sender', each once", async () => {
    const trusted = { kind: "trusted-sender" as const };
    for (const id of ["<a1>", "<a2>", "<a3>"])
      await store.reports.record(report("alice", id, trusted));
    await store.reports.record(report("bob", "<b1>"));
    const carols = await store.reports.record(report("carol", "<c1>", trusted));
    await store.reports.record(report("carol", "<c2>"));
    expect(await store.senders.evidence("t", "contoso.com")).toMatchObject({
      reporters: 3,
      trustedSender: 4,
      trustedSenderPeople: 2,
      notSpam: 2,
    });
    await store.reports.retract("t", "carol", carols.report.id, WINDOW);
    expect(await store.senders.evidence("t", "contoso.com")).toMatchObject({
      reporters: 3,
      trustedSender: 3,
      trustedSenderPeople: 1,
    });
  });

  it("never counts more mailboxes than people for mailboxes nobody verified", async () => {
    for (const [index, mailbox] of ["a@x.example", "b@x.example", "c@x.example"].entries()) {
      await store.reports.record(report("alice", `<a${index}>`, { mailbox }));
    }
    const claimed = await store.reports.record(
      report("bob", "<b1>", { mailbox: "a@x.example", mailboxVerified: false }),
    );
    expect(claimed.report).toMatchObject({ mailbox: "a@x.example", mailboxVerified: false });
    expect(await store.senders.evidence("t", "contoso.com")).toMatchObject({
      reporters: 2,
      mailboxes: 2,
    });

    // A verified shared mailbox counts as itself, once however many people reach it.
    const shared = { mailbox: "Shared@X.example", mailboxVerified: true };
    const carols = await store.reports.record(report("carol", "<c1>", shared));
    expect(carols.report).toMatchObject({ mailbox: "shared@x.example", mailboxVerified: true });
    await store.reports.record(report("dave", "<d1>", shared));
    expect(await store.senders.evidence("t", "contoso.com")).toMatchObject({
      reporters: 4,
      mailboxes: 3,
    });
    const own = await store.reports.record(report("carol", "<c2>"));
    expect(own.report.mailboxVerified).toBe(false);
    expect(await store.senders.evidence("t", "contoso.com")).toMatchObject({ mailboxes: 4 });

    await store.reports.retract("t", "carol", carols.report.id, WINDOW);
    expect(await store.senders.evidence("t", "contoso.com")).toMatchObject({ mailboxes: 4 });
    const daves = await store.reports.findByMessage("t", "dave", "<d1>");
    await store.reports.retract("t", "dave", daves!.id, WINDOW);
    // Dave's only report went: with it his verified mailbox, the last to reach it.
    expect(await store.senders.evidence("t", "contoso.com")).toMatchObject({
      reporters: 3,
      mailboxes: 3,
    });
  });

  it("moves first and last seen with the active reports", async () => {
    const at = (day: number) => new Date(Date.UTC(2026, 0, day));
    const early = await store.reports.record(report("alice", "<m1>", { now: at(1) }));
    await store.reports.record(report("bob", "<m2>", { now: at(5) }));
    // Recorded out of order: an import or a clock step must not shrink the span.
    const late = await store.reports.record(report("carol", "<m3>", { now: at(9) }));
    await store.reports.record(report("dave", "<m4>", { now: at(3) }));
    expect(await store.senders.evidence("t", "contoso.com")).toMatchObject({
      firstSeen: at(1).toISOString(),
      lastSeen: at(9).toISOString(),
    });

    await store.reports.retract("t", "alice", early.report.id, { ...WINDOW, now: at(10) });
    await store.reports.retract("t", "carol", late.report.id, { ...WINDOW, now: at(10) });
    expect(await store.senders.evidence("t", "contoso.com")).toMatchObject({
      firstSeen: at(3).toISOString(),
      lastSeen: at(5).toISOString(),
      reports: 2,
    });
  });

  it("finds the sender of a message reported by anyone in the tenant", async () => {
    await store.reports.record(report("alice", "<m1>"));
    expect(await store.senders.keyOfMessage("t", "<m1>")).toBe("contoso.com");
    expect(await store.senders.keyOfMessage("t", "<unknown>")).toBeNull();
    expect(await store.senders.status("t", "unknown.example", "alice")).toBeNull();
  });

  it("lists senders sorted and paged", async () => {
    const senders = ["a.example", "b.example", "c.example", "d.example", "e.example"];
    for (const [index, domain] of senders.entries()) {
      for (let reporter = 0; reporter <= index; reporter++) {
        await store.reports.record(
          report(`user${reporter}`, `<${domain}-${reporter}>`, {
            analysis: analysisFor({ from: `news@${domain}`, dmarc: "pass" }),
            now: new Date(Date.UTC(2026, 0, 10 - index)),
          }),
        );
      }
    }
    const first = await store.senders.list("t", { sort: "reporters", limit: 2 });
    expect(first.items.map((item) => [item.senderKey, item.reporters])).toEqual([
      ["e.example", 5],
      ["d.example", 4],
    ]);
    expect(first.nextOffset).toBe(2);
    const second = await store.senders.list("t", { sort: "reporters", limit: 2, offset: 2 });
    expect(second.items.map((item) => item.senderKey)).toEqual(["c.example", "b.example"]);
    const last = await store.senders.list("t", { sort: "reporters", limit: 2, offset: 4 });
    expect(last.items.map((item) => item.senderKey)).toEqual(["a.example"]);
    expect(last.nextOffset).toBeNull();

    const byLastSeen = await store.senders.list("t", { sort: "lastSeen", order: "desc" });
    expect(byLastSeen.items.map((item) => item.senderKey)).toEqual(senders);
    expect(byLastSeen.items[0]?.signals["auth-dmarc-pass"]).toBe(1);
    const ascending = await store.senders.list("t", { sort: "reports", order: "asc", limit: 1 });
    expect(ascending.items.map((item) => item.senderKey)).toEqual(["a.example"]);
  });

  it("leaves senders without active reports out of the list unless asked", async () => {
    const only = await store.reports.record(report("alice", "<m1>"));
    await store.reports.retract("t", "alice", only.report.id, WINDOW);
    expect((await store.senders.list("t")).items).toEqual([]);
    const all = await store.senders.list("t", { activeOnly: false });
    expect(all.items).toHaveLength(1);
    expect(all.items[0]).toMatchObject({ senderKey: "contoso.com", reports: 0, reporters: 0 });
  });
});

describe("aggregate listeners", () => {
  it("run inside the transaction with the new evidence, on record and on retract", async () => {
    const seen: { evidence: SenderEvidence; cause: AggregateChange["cause"]; visible: number }[] =
      [];
    store.onAggregateChanged(async (trx, evidence, change) => {
      // The report row is visible here: we are inside the transaction that wrote it.
      const rows = await trx
        .selectFrom("reports")
        .select("id")
        .where("tenant_id", "=", evidence.tenantId)
        .where("id", "=", change.report.id)
        .where(change.cause === "retracted" ? "retracted_at" : "id", "is not", null)
        .execute();
      seen.push({ evidence, cause: change.cause, visible: rows.length });
    });
    const first = await store.reports.record(report("alice", "<m1>"));
    await store.reports.record(report("alice", "<m1>")); // duplicate: no change, no call
    await store.reports.record(report("bob", "<m2>"));
    await store.reports.retract("t", "alice", first.report.id, WINDOW);

    expect(seen.map(({ cause, evidence, visible }) => [cause, evidence.reports, visible])).toEqual([
      ["recorded", 1, 1],
      ["recorded", 2, 1],
      ["retracted", 1, 1],
    ]);
    expect(seen[1]?.evidence.reporters).toBe(2);
  });

  it("roll the report back when they throw", async () => {
    await store.reports.record(report("alice", "<m1>"));
    const remove = store.onAggregateChanged(async (_trx, evidence) => {
      if (evidence.reports >= 2) throw new Error("proposal update failed");
    });
    await expect(store.reports.record(report("bob", "<m2>"))).rejects.toThrow(
      "proposal update failed",
    );
    expect(await store.reports.findByMessage("t", "bob", "<m2>")).toBeNull();
    expect(await store.senders.evidence("t", "contoso.com")).toMatchObject({
      reports: 1,
      reporters: 1,
      mailboxes: 1,
    });
    expect(await store.senders.status("t", "contoso.com", "bob")).toMatchObject({
      youReported: false,
    });

    // Once the listener is gone the same report goes through, counted once.
    remove();
    const retried = await store.reports.record(report("bob", "<m2>"));
    expect(retried.outcome).toBe("created");
    expect(retried.sender).toMatchObject({ reporters: 2 });
  });

  it("fail alone: reports written at the same moment as a failing one are all kept", async () => {
    store.onAggregateChanged(async (_trx, _evidence, change) => {
      if (change.report.reporterId === "user-7") throw new Error("refused for user-7");
    });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, index) =>
        store.reports.record(report(`user-${index}`, `<m${index}>`)),
      ),
    );
    const rejected = results.flatMap((result, index) =>
      result.status === "rejected" ? [index] : [],
    );
    expect(rejected).toEqual([7]);
    expect(await store.reports.findByMessage("t", "user-7", "<m7>")).toBeNull();
    expect(await store.reports.findByMessage("t", "user-8", "<m8>")).not.toBeNull();
    expect(await store.senders.evidence("t", "contoso.com")).toMatchObject({
      reports: 19,
      reporters: 19,
      mailboxes: 19,
    });
  });

  it("can write their own rows in the same transaction", async () => {
    await store.db.schema
      .createTable("listener_log")
      .addColumn("tenant_id", "text", (c) => c.notNull())
      .addColumn("sender_key", "text", (c) => c.notNull())
      .addColumn("reports", "integer", (c) => c.notNull())
      .execute();
    // A type alias, not an interface: withTables needs an index-signature-compatible type.
    type ListenerLog = {
      listener_log: { tenant_id: string; sender_key: string; reports: number };
    };
    store.onAggregateChanged(async (trx, evidence) => {
      await trx
        .withTables<ListenerLog>()
        .insertInto("listener_log")
        .values({
          tenant_id: evidence.tenantId,
          sender_key: evidence.senderKey,
          reports: evidence.reports,
        })
        .execute();
      if (evidence.reports === 3) throw new Error("third report refused");
    });
    await store.reports.record(report("alice", "<m1>"));
    await store.reports.record(report("bob", "<m2>"));
    await expect(store.reports.record(report("carol", "<m3>"))).rejects.toThrow();
    const log = await store.db
      .withTables<ListenerLog>()
      .selectFrom("listener_log")
      .select("reports")
      .orderBy("reports")
      .execute();
    expect(log.map((row) => row.reports)).toEqual([1, 2]);
  });
});
