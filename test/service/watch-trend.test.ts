import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { junkedPerSenderPerDay } from "../../server/sweep/queries";
import { sweepDb } from "../../server/sweep/schema";
import { criticalTrend, dayRange } from "../../server/watch/trend";
import { analysisFor, openTestStore, type TestStore } from "../support/test-store";

const NOW = new Date("2026-12-04T12:00:00Z");

describe("the critical trend", () => {
  let opened: TestStore;
  beforeEach(async () => {
    opened = await openTestStore();
  });
  afterEach(() => opened.cleanup());

  async function report(from: string, dmarc: string, user: string, day: string) {
    await opened.store.reports.record({
      tenantId: "t1",
      reporterId: user,
      internetMessageId: `<${user}-${day}-${from}>`,
      kind: "not-spam",
      rawHeaders: "From: x\r\n",
      analysis: analysisFor({ from, dmarc, junked: true }),
      now: new Date(`${day}T09:00:00Z`),
    });
  }

  it("counts reports and the sweep's sightings per critical sender and day", async () => {
    await report("notifications@github.com", "pass", "ann", "2026-12-02");
    await report("notifications@github.com", "pass", "bob", "2026-12-04");
    await report("notifications@github.com", "pass", "cy", "2026-12-04");
    await report("notifications@github.com", "fail", "mal", "2026-12-04");
    await report("news@shop.example", "pass", "ann", "2026-12-04");
    // An older report, outside the 3 days asked for.
    await report("noreply@okta.com", "pass", "dee", "2026-11-01");
    await sweepDb(opened.store.db)
      .insertInto("sweep_daily")
      .values([
        { tenant_id: "t1", sender_key: "github.com", day: "2026-12-03", messages: 7, critical: 1 },
        { tenant_id: "t1", sender_key: "okta.com", day: "2026-12-04", messages: 2, critical: 1 },
        {
          tenant_id: "t1",
          sender_key: "shop.example",
          day: "2026-12-04",
          messages: 9,
          critical: 0,
        },
        { tenant_id: "t2", sender_key: "github.com", day: "2026-12-04", messages: 5, critical: 1 },
      ])
      .execute();

    const trend = await criticalTrend(opened.store.db, "t1", {
      now: NOW,
      days: 3,
      sightings: junkedPerSenderPerDay,
    });
    expect(trend.days).toEqual(["2026-12-02", "2026-12-03", "2026-12-04"]);
    expect(trend.series).toEqual([
      {
        senderKey: "github.com",
        label: "GitHub",
        authenticated: true,
        reports: [1, 0, 2],
        sightings: [0, 7, 0],
      },
      {
        senderKey: "okta.com",
        label: "Okta",
        authenticated: true,
        reports: [0, 0, 0],
        sightings: [0, 0, 2],
      },
      {
        senderKey: "unverified:github.com",
        label: "GitHub",
        authenticated: false,
        reports: [0, 0, 1],
        sightings: [0, 0, 0],
      },
    ]);

    const withoutSweep = await criticalTrend(opened.store.db, "t1", {
      now: NOW,
      days: 3,
      sightings: null,
    });
    expect(withoutSweep.series.map((each) => [each.senderKey, each.sightings])).toEqual([
      ["github.com", null],
      ["unverified:github.com", null],
    ]);
  });

  it("lists the UTC days ending today", () => {
    expect(dayRange(new Date("2026-03-01T23:59:59Z"), 3)).toEqual([
      "2026-02-27",
      "2026-02-28",
      "2026-03-01",
    ]);
  });
});
