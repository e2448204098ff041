import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StoreInputError, type RecordReportInput, type Store } from "../../server/storage";
import { reportFactsOf } from "../../server/storage/facts";
import { analysisFor, openTestStore, type TestStore } from "../support/test-store";

let testStore: TestStore;
let store: Store;
beforeEach(async () => {
  testStore = await openTestStore();
  store = testStore.store;
});
afterEach(() => testStore.cleanup());

const DAY = 24 * 60 * 60 * 1000;

function report(overrides: Partial<RecordReportInput> = {}): RecordReportInput {
  return {
    tenantId: "tenant-a",
    reporterId: "alice",
    internetMessageId: "<m1@contoso.com>",
    kind: "not-spam",
    rawHeaders: "From: Bob <bob@contoso.com>\r\nTo: carol.secret@fabrikam.com\r\n",
    analysis: analysisFor({ from: "bob@contoso.com", dmarc: "pass" }),
    ...overrides,
  };
}

describe("recording a report", () => {
  it("stores the same from the facts an analysis thread drew as from the analysis itself", async () => {
    const analysis = analysisFor({
      from: "bob@contoso.com",
      dmarc: "pass",
      findings: ["scl-junk"],
    });
    const fromAnalysis = await store.reports.record(report({ analysis }));
    const fromFacts = await store.reports.record(
      report({ reporterId: "bob", analysis: undefined, facts: reportFactsOf(analysis) }),
    );
    const { id: _a, reporterId: _b, mailbox: _c, createdAt: _d, ...expected } = fromAnalysis.report;
    expect(fromFacts.report).toMatchObject(expected);
    expect(fromFacts.sender?.reporters).toBe(2);
    await expect(
      store.reports.record(report({ reporterId: "carol", analysis: undefined })),
    ).rejects.toThrow(/analysis: is required/);
  });

  it("stores the report with its sender, summary and signals", async () => {
    const result = await store.reports.record(
      report({
        comment: "my supplier",
        analysis: analysisFor({
          from: "Bob@Contoso.com",
          dmarc: "pass",
          junked: true,
          scl: 5,
          findings: ["scl-junk"],
        }),
      }),
    );
    expect(result.outcome).toBe("created");
    expect(result.report).toMatchObject({
      tenantId: "tenant-a",
      reporterId: "alice",
      kind: "not-spam",
      comment: "my supplier",
      mailbox: "alice",
      sender: { key: "contoso.com", kind: "domain", authenticated: true, via: "dmarc" },
      fromDomain: "contoso.com",
      retractedAt: null,
      hasRawHeaders: true,
    });
    expect(result.report.summary).toMatchObject({ junked: true, scl: 5, dmarc: "pass" });
    expect(result.report.summary.findings).toEqual(["scl-junk"]);
    expect(result.report.signals).toContain("scl-junk");
    expect(result.report.signals).toContain("auth-dmarc-pass");
    expect(result.sender).toEqual({
      sender: "contoso.com",
      identityKind: "domain",
      reporters: 1,
      mailboxes: 1,
      youReported: true,
    });
    expect(await store.reports.get("tenant-a", result.report.id)).toEqual(result.report);
    expect(await store.reports.rawHeaders("tenant-a", result.report.id)).toContain("From: Bob");
  });

  it("answers a retry of the same person and message with the first report, counted once", async () => {
    const first = await store.reports.record(report());
    const again = await store.reports.record(
      report({ kind: "trusted-sender", comment: "changed my mind" }),
    );
    expect(again.outcome).toBe("duplicate");
    expect(again.report).toEqual(first.report);
    const evidence = await store.senders.evidence("tenant-a", "contoso.com");
    expect(evidence).toMatchObject({ reports: 1, reporters: 1, notSpam: 1, trustedSender: 0 });
  });

  it("counts the same message reported by two people twice, by distinct reporters", async () => {
    await store.reports.record(report());
    const second = await store.reports.record(report({ reporterId: "bob" }));
    expect(second.outcome).toBe("created");
    expect(second.sender).toMatchObject({ reporters: 2, mailboxes: 2, youReported: true });
  });

  it("keeps a report whose headers have no From, counted for no sender", async () => {
    const result = await store.reports.record(report({ analysis: analysisFor({}) }));
    expect(result.outcome).toBe("created");
    expect(result.report.sender).toBeNull();
    expect(result.sender).toBeNull();
    expect(await store.reports.get("tenant-a", result.report.id)).not.toBeNull();
    expect((await store.senders.list("tenant-a")).items).toEqual([]);
  });

  it("keeps a forged From apart from the real sender", async () => {
    await store.reports.record(report());
    await store.reports.record(
      report({ reporterId: "mallory", analysis: analysisFor({ from: "bob@contoso.com" }) }),
    );
    expect(await store.senders.evidence("tenant-a", "contoso.com")).toMatchObject({ reports: 1 });
    expect(await store.senders.evidence("tenant-a", "unverified:contoso.com")).toMatchObject({
      reports: 1,
      authenticated: false,
    });
  });

  it("normalizes the mailbox and defaults it to the reporter", async () => {
    const shared = await store.reports.record(report({ mailbox: "  Sales@Contoso.com " }));
    expect(shared.report.mailbox).toBe("sales@contoso.com");
    const own = await store.reports.record(
      report({ reporterId: "bob", internetMessageId: "<m2>", mailbox: "" }),
    );
    expect(own.report.mailbox).toBe("bob");
  });

  it("refuses bad input with an error naming the field, and writes nothing", async () => {
    const cases: [Partial<RecordReportInput>, string][] = [
      [{ tenantId: "" }, "tenantId"],
      [{ reporterId: "   " }, "reporterId"],
      [{ internetMessageId: "x".repeat(999) }, "internetMessageId"],
      [{ kind: "spam" as never }, "kind"],
      [{ comment: "nul \u0000 byte" }, "comment"],
      [{ rawHeaders: "" }, "rawHeaders"],
      [{ now: new Date(Number.NaN) }, "now"],
    ];
    for (const [overrides, field] of cases) {
      const attempt = store.reports.record(report(overrides));
      await expect(attempt).rejects.toBeInstanceOf(StoreInputError);
      await expect(attempt).rejects.toMatchObject({ field });
    }
    expect(await store.db.selectFrom("reports").select("id").execute()).toEqual([]);
    expect(await store.senders.evidence("tenant-a", "contoso.com")).toBeNull();
  });
});

describe("hostile text", () => {
  const hostile = [
    "'; DROP TABLE reports; --",
    '<script>alert("x")</script>',
    "__proto__",
    "constructor",
    "Robert'); DELETE FROM sender_aggregates WHERE ('1'='1",
    "\u202e\ud83d\ude00 ünïcødé",
  ];

  it("stores __proto__, constructor, SQL and script text verbatim and harmlessly", async () => {
    for (const [index, text] of hostile.entries()) {
      const result = await store.reports.record(
        report({
          tenantId: text,
          reporterId: text,
          internetMessageId: text,
          comment: text,
          mailbox: text,
          rawHeaders: text,
          analysis: analysisFor({ from: "bob@contoso.com", dmarc: "pass", findings: [text] }),
        }),
      );
      expect(result.outcome, `case ${index}`).toBe("created");
      const stored = await store.reports.get(text, result.report.id);
      expect(stored).toMatchObject({
        tenantId: text,
        reporterId: text,
        internetMessageId: text,
        comment: text,
      });
      expect(stored?.summary.findings).toEqual([text]);
      expect(await store.reports.rawHeaders(text, result.report.id)).toBe(text);
      const evidence = await store.senders.evidence(text, "contoso.com");
      expect(Object.hasOwn(evidence?.signals ?? {}, text)).toBe(true);
      expect(evidence?.signals[text]).toBe(1);
      expect(evidence?.reporters).toBe(1);
    }
    // Nothing was executed: every table is there and holds exactly what was written.
    expect(await store.db.selectFrom("reports").select("id").execute()).toHaveLength(
      hostile.length,
    );
    expect(
      await store.db.selectFrom("sender_aggregates").select("tenant_id").execute(),
    ).toHaveLength(hostile.length);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});

describe("retraction", () => {
  const window = { windowMs: 7 * DAY };

  it("lets the reporter retract within the window, and the aggregate follows", async () => {
    const t0 = new Date("2026-01-01T10:00:00Z");
    const { report: first } = await store.reports.record(report({ now: t0 }));
    await store.reports.record(report({ reporterId: "bob", now: t0 }));
    const result = await store.reports.retract("tenant-a", "alice", first.id, {
      ...window,
      now: new Date(t0.getTime() + DAY),
    });
    expect(result.outcome).toBe("retracted");
    if (result.outcome !== "retracted") return;
    expect(result.report.retractedAt).toBe("2026-01-02T10:00:00.000Z");
    expect(result.sender).toMatchObject({ reporters: 1, mailboxes: 1, youReported: false });
    expect(await store.senders.evidence("tenant-a", "contoso.com")).toMatchObject({
      reports: 1,
      reporters: 1,
      notSpam: 1,
    });
    expect((await store.reports.get("tenant-a", first.id))?.retractedAt).toBe(
      "2026-01-02T10:00:00.000Z",
    );
  });

  it("refuses after the window and says until when it was possible", async () => {
    const t0 = new Date("2026-01-01T10:00:00Z");
    const { report: first } = await store.reports.record(report({ now: t0 }));
    const late = await store.reports.retract("tenant-a", "alice", first.id, {
      ...window,
      now: new Date(t0.getTime() + 7 * DAY + 1),
    });
    expect(late).toEqual({ outcome: "too-late", retractableUntil: "2026-01-08T10:00:00.000Z" });
    const atTheEdge = await store.reports.retract("tenant-a", "alice", first.id, {
      ...window,
      now: new Date(t0.getTime() + 7 * DAY),
    });
    expect(atTheEdge.outcome).toBe("retracted");
  });

  it("refuses anyone but the reporter, and unknown ids", async () => {
    const { report: first } = await store.reports.record(report());
    expect(await store.reports.retract("tenant-a", "bob", first.id, window)).toEqual({
      outcome: "not-yours",
    });
    expect(await store.reports.retract("tenant-a", "alice", "no-such-id", window)).toEqual({
      outcome: "not-found",
    });
    expect(await store.senders.evidence("tenant-a", "contoso.com")).toMatchObject({ reports: 1 });
  });

  it("refuses a window that is not a number of milliseconds", async () => {
    const { report: first } = await store.reports.record(report());
    for (const windowMs of [Number.NaN, -1, Number.POSITIVE_INFINITY]) {
      await expect(
        store.reports.retract("tenant-a", "alice", first.id, { windowMs }),
      ).rejects.toMatchObject({ field: "windowMs" });
    }
    expect((await store.reports.get("tenant-a", first.id))?.retractedAt).toBeNull();
  });

  it("subtracts only once when retracted twice", async () => {
    const { report: first } = await store.reports.record(report());
    await store.reports.record(report({ reporterId: "bob" }));
    await store.reports.retract("tenant-a", "alice", first.id, window);
    const again = await store.reports.retract("tenant-a", "alice", first.id, window);
    expect(again.outcome).toBe("retracted");
    expect(await store.senders.evidence("tenant-a", "contoso.com")).toMatchObject({
      reports: 1,
      reporters: 1,
    });
  });

  it("counts a report after its retraction again, with the kind now asked for", async () => {
    const at = (day: number) => new Date(Date.UTC(2026, 0, day));
    const { report: first } = await store.reports.record(report({ now: at(1) }));
    await store.reports.retract("tenant-a", "alice", first.id, { ...window, now: at(2) });
    const changes: string[] = [];
    store.onAggregateChanged(async (_trx, evidence, change) => {
      changes.push(`${change.cause} ${change.report.kind} ${evidence.reports}`);
    });

    const again = await store.reports.record(
      report({ kind: "trusted-sender", comment: "after all", now: at(3) }),
    );
    expect(again.outcome).toBe("created");
    expect(again.report).toMatchObject({
      id: first.id,
      kind: "trusted-sender",
      comment: "after all",
      createdAt: at(3).toISOString(),
      retractedAt: null,
    });
    expect(again.sender).toMatchObject({ reporters: 1, youReported: true });
    expect(changes).toEqual(["recorded trusted-sender 1"]);
    expect(await store.reports.get("tenant-a", first.id)).toEqual(again.report);
    expect(await store.senders.evidence("tenant-a", "contoso.com")).toMatchObject({
      reporters: 1,
      reports: 1,
      notSpam: 0,
      trustedSender: 1,
      trustedSenderPeople: 1,
      firstSeen: at(3).toISOString(),
      lastSeen: at(3).toISOString(),
    });

    // Active again, so a plain retry is a duplicate once more and counts nothing.
    const retry = await store.reports.record(report({ kind: "not-spam", now: at(4) }));
    expect(retry.outcome).toBe("duplicate");
    expect(retry.report).toMatchObject({ id: first.id, kind: "trusted-sender" });
    expect(changes).toHaveLength(1);
    expect(await store.senders.evidence("tenant-a", "contoso.com")).toMatchObject({ reports: 1 });

    // And the window to take it back runs from the new report.
    const late = await store.reports.retract("tenant-a", "alice", first.id, {
      windowMs: 2 * DAY,
      now: at(4),
    });
    expect(late.outcome).toBe("retracted");
    expect(await store.senders.evidence("tenant-a", "contoso.com")).toMatchObject({ reports: 0 });
  });
});

describe("purging raw headers", () => {
  it("drops the headers after the retention and keeps the summary", async () => {
    const now = new Date("2026-03-01T00:00:00Z");
    const old = await store.reports.record(
      report({
        now: new Date(now.getTime() - 31 * DAY),
        analysis: analysisFor({ from: "bob@contoso.com", dmarc: "pass", scl: 6 }),
      }),
    );
    const recent = await store.reports.record(
      report({ reporterId: "bob", now: new Date(now.getTime() - 29 * DAY) }),
    );
    expect(await store.reports.purgeHeaders(new Date(now.getTime() - 30 * DAY))).toBe(1);

    const purged = await store.reports.get("tenant-a", old.report.id);
    expect(purged?.hasRawHeaders).toBe(false);
    expect(purged?.summary).toEqual(old.report.summary);
    expect(purged?.summary.scl).toBe(6);
    expect(purged?.signals).toEqual(old.report.signals);
    expect(await store.reports.rawHeaders("tenant-a", old.report.id)).toBeNull();
    expect(await store.reports.rawHeaders("tenant-a", recent.report.id)).not.toBeNull();
    // Purging again finds nothing more, and the aggregate is untouched by a purge.
    expect(await store.reports.purgeHeaders(new Date(now.getTime() - 30 * DAY))).toBe(0);
    expect(await store.senders.evidence("tenant-a", "contoso.com")).toMatchObject({ reports: 2 });
  });

  it("purges more than one batch in one call", async () => {
    const old = new Date("2026-01-01T00:00:00Z");
    const count = 510;
    await Promise.all(
      Array.from({ length: count }, (_, index) =>
        store.reports.record(report({ internetMessageId: `<bulk-${index}>`, now: old })),
      ),
    );
    expect(await store.reports.purgeHeaders(new Date("2026-01-02T00:00:00Z"))).toBe(count);
    const left = await store.db
      .selectFrom("reports")
      .select("id")
      .where("raw_headers", "is not", null)
      .execute();
    expect(left).toEqual([]);
  });

  it("never stores a recipient address outside the raw headers", async () => {
    const { report: stored } = await store.reports.record(report());
    const rowWith = async () =>
      JSON.stringify(
        await store.db.selectFrom("reports").selectAll().where("id", "=", stored.id).execute(),
      );
    expect(await rowWith()).toContain("carol.secret@fabrikam.com");
    await store.reports.purgeHeaders(new Date(Date.now() + DAY));
    expect(await rowWith()).not.toContain("carol.secret");
    for (const table of [
      "sender_aggregates",
      "sender_reporters",
      "sender_mailboxes",
      "sender_signals",
    ] as const) {
      const rows = await store.db.selectFrom(table).selectAll().execute();
      expect(JSON.stringify(rows)).not.toContain("carol.secret");
    }
  });
});
