/**
 * The opt-in Junk sweep against a local fake of Microsoft Graph and Entra ID (the edge we do
 * not own), with the real service, analysis and store (SQLite and PostgreSQL).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProposalPage } from "../../src/api/admin-contract";
import type { AlertList } from "../../src/api/watch-contract";
import type {
  SweepMailboxDto,
  SweepStatusDto,
  SweepTrendDto,
  SeenInJunkDto,
} from "../../src/api/sweep-contract";
import { watchCriticalSenders } from "../../server/sweep/critical";
import { createGraphClient } from "../../server/sweep/graph-client";
import { SweepRepository } from "../../server/sweep/repository";
import { RESTARTED_AFTER_410 } from "../../server/sweep/mailbox";
import { sweepRunnerOf } from "../../server/sweep/routes";
import { SweepRunner } from "../../server/sweep/runner";
import { sweepDb } from "../../server/sweep/schema";
import { addCriticalSender } from "../../server/watch/senders";
import { startFakeTarget, type FakeTarget } from "../support/fake-alert-targets";
import { startFakeGraph, type FakeGraph } from "../support/fake-graph";
import { fakeMessage, fakeMessages } from "../support/fake-graph-messages";
import { startTestService, type TestService } from "../support/service";
import { ApiClient, sampleHeaders, type Who } from "./proposals-client";

const T = "contoso";
const ADMIN: Who = { tenant: T, user: "admin", admin: true };
const AZURE = "azure-noreply@microsoft.com";
const AZURE_ID = "<azure-notice-1@az.westus2.microsoft.com>";

async function get<T>(api: ApiClient, path: string, who: Who = ADMIN): Promise<T> {
  const result = await api.call(who, "GET", path);
  expect(result.status, result.text).toBe(200);
  return result.json() as T;
}

const sightings = (api: ApiClient, who: Who = ADMIN) =>
  get<{ items: SeenInJunkDto[]; manyMailboxes: number }>(api, "/api/v1/sweep/sightings", who);
const mailboxes = async (api: ApiClient) =>
  (await get<{ items: SweepMailboxDto[] }>(api, "/api/v1/sweep/mailboxes?limit=500")).items;
const byUser = (items: SweepMailboxDto[], id: string) => items.find((item) => item.userId === id);

function deltaRequests(graph: FakeGraph, userId: string) {
  return graph.requests.filter(
    (request) => request.path === `/v1.0/users/${userId}/mailFolders/junkemail/messages/delta`,
  );
}

async function storedSightings(service: TestService): Promise<number> {
  const row = await sweepDb(service.store.db)
    .selectFrom("sweep_sightings")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe("a sweep round through the real service", () => {
  let hook: FakeTarget;
  let graph: FakeGraph;
  let service: TestService;
  let api: ApiClient;

  beforeAll(async () => {
    graph = await startFakeGraph({
      tenantId: T,
      members: [
        { id: "u1", mail: "ada@contoso.test" },
        { id: "u2", mail: "ben@contoso.test" },
        { id: "u3", mail: "cy@contoso.test" },
        { id: "u4", mail: "dee@contoso.test" },
        { id: "u5", mail: "outside@contoso.test" },
        { id: "printer", type: "#microsoft.graph.device" },
      ],
    });
    // The same notice (one Message-ID) reached four mailboxes; a newsletter three; the rest one.
    const azure = (id: string) => fakeMessage("azure-service-notice", { id, messageId: AZURE_ID });
    const news = (id: string) =>
      fakeMessage("bulk-newsletter", { id, messageId: "<news-1@news.example.org>" });
    graph.setMessages("u1", [
      azure("a1"),
      news("n1"),
      fakeMessage("blocked-sender", { id: "l1" }),
      fakeMessage("phishing-impersonation", { id: "p1" }),
    ]);
    graph.setMessages("u2", [
      azure("a2"),
      news("n2"),
      fakeMessage("asf-image-links", { id: "t2" }),
    ]);
    graph.setMessages("u3", [azure("a3"), news("n3")]);
    graph.setMessages("u4", [azure("a4")]);
    graph.setMessages("u5", [azure("a5")]);
    graph.outOfScope.add("u5");
    hook = await startFakeTarget();
    service = await startTestService({
      ...graph.env,
      VOUCH_SWEEP_PAGE_SIZE: "2",
      VOUCH_SWEEP_MANY_MAILBOXES: "3",
      VOUCH_WATCH_UNSAFE_PRIVATE_TARGETS: "1",
      VOUCH_WATCH_POLL: "50ms",
    });
    api = new ApiClient(service);
    const channel = await api.call(ADMIN, "POST", "/api/v1/watch/channels", {
      kind: "webhook",
      name: "SIEM",
      config: { url: `${hook.url}/siem`, secret: "a-webhook-secret-of-enough-length" },
    });
    expect(channel.status, channel.text).toBeLessThan(300);
    // The tenant's own critical sender (the watch's list) counts from its first mailbox too.
    await addCriticalSender(
      service.store.db,
      T,
      { identity: "litware.example", label: "Litware events" },
      "admin",
      new Date(),
    );
  });
  afterAll(async () => {
    await service?.close();
    await graph?.close();
    await hook?.close();
  });

  it("is off for the API until a round ran, then reads every member's Junk folder in pages", async () => {
    const before = await get<SweepStatusDto>(api, "/api/v1/sweep");
    expect(before).toMatchObject({ enabled: true, state: "idle", mailboxes: {} });

    const summary = await sweepRunnerOf(service.store)!.runRound();
    expect(summary).toMatchObject({ ran: true, state: "ok", mailboxes: 5, messages: 10 });
    // u1's four messages came as two pages of two: the second asked with the first's nextLink.
    const u1 = deltaRequests(graph, "u1");
    expect(u1).toHaveLength(2);
    expect(u1[0]?.query.get("changeType")).toBe("created");
    expect(u1[0]?.query.get("$select")).toContain("internetMessageHeaders");
    expect(u1[1]?.query.get("$skiptoken")).toBeTruthy();
    // Only authenticated senders are kept: 4 Azure, 3 newsletter, 1 Litware, 1 travel; no phishing.
    expect(await storedSightings(service)).toBe(9);

    const status = await get<SweepStatusDto>(api, "/api/v1/sweep");
    expect(status).toMatchObject({ state: "ok", roundMessages: 10, roundSightings: 9 });
    expect(status.mailboxes).toEqual({ ok: 4, "out-of-scope": 1 });
  });

  it("shows critical senders and senders junked in many mailboxes, beside their vouches", async () => {
    const { items, manyMailboxes } = await sightings(api);
    expect(manyMailboxes).toBe(3);
    expect(items.map((item) => [item.senderKey, item.reason, item.mailboxes])).toEqual([
      [AZURE, "critical", 4],
      ["litware.example", "critical", 1],
      ["news.example.org", "many-mailboxes", 3],
    ]);
    expect(items[1]?.critical).toEqual({ name: "Litware events" });
    expect(items[0]).toMatchObject({
      critical: { name: "Microsoft Azure" },
      messages: 4,
      vouches: { reporters: 0, mailboxes: 0 },
      proposal: null,
    });
    // One sender is shown whatever its count, for its proposal's page.
    const travel = await get<SeenInJunkDto>(api, "/api/v1/sweep/sightings/news.example.org");
    expect(travel).toMatchObject({ reason: "many-mailboxes", mailboxes: 3, critical: null });
    const travelOnce = await get<SeenInJunkDto>(api, "/api/v1/sweep/sightings/travel.example.com");
    expect(travelOnce).toMatchObject({ reason: "seen", mailboxes: 1, critical: null });
    const unknown = await api.call(ADMIN, "GET", "/api/v1/sweep/sightings/nobody.example");
    expect(unknown.status).toBe(404);
  });

  it("shows a mailbox outside the application's scope as such, and sweeps the others", async () => {
    const items = await mailboxes(api);
    expect(byUser(items, "printer")).toBeUndefined();
    const outside = byUser(items, "u5");
    expect(outside).toMatchObject({ state: "out-of-scope", address: "outside@contoso.test" });
    expect(outside?.message).toContain("403 ErrorAccessDenied");
    expect(outside?.message).toContain("outside the application's access scope");
    expect(byUser(items, "u1")).toMatchObject({ state: "ok", messages: 4, sightings: 3 });
    const only = await get<{ items: SweepMailboxDto[] }>(
      api,
      "/api/v1/sweep/mailboxes?state=out-of-scope",
    );
    expect(only.items.map((item) => item.userId)).toEqual(["u5"]);
  });

  it("reads only what is new in the next rounds, from the stored delta links; nothing counts twice", async () => {
    const seen = graph.requests.length;
    graph.addMessages("u4", [
      fakeMessage("bulk-newsletter", { id: "n4", messageId: "<news-1@news.example.org>" }),
    ]);
    const second = await sweepRunnerOf(service.store)!.runRound();
    expect(second).toMatchObject({ state: "ok", messages: 1, sightings: 1 });
    const deltas = graph.requests
      .slice(seen)
      .filter((request) => request.path.endsWith("/messages/delta"));
    // One request per readable mailbox, each from its delta link.
    expect(deltas).toHaveLength(5);
    for (const request of deltas.filter((each) => each.status === 200)) {
      expect(request.query.get("$deltatoken")).toBeTruthy();
    }
    const third = await sweepRunnerOf(service.store)!.runRound();
    expect(third).toMatchObject({ state: "ok", messages: 0, sightings: 0 });
    expect(await storedSightings(service)).toBe(10);
    const news = (await sightings(api)).items.find((item) => item.senderKey === "news.example.org");
    expect(news).toMatchObject({ mailboxes: 4, messages: 4 });
  });

  it("alerts admins of a critical sender seen in Junk once per sender and day, as no vouch", async () => {
    const sweepAlerts = async () =>
      (await get<AlertList>(api, "/api/v1/watch/alerts?open=false&limit=50")).items.filter(
        (alert) => alert.source === "sweep",
      );
    const alerts = await sweepAlerts();
    expect(alerts.map((alert) => [alert.senderKey, alert.reporters, alert.reports])).toEqual(
      expect.arrayContaining([
        [AZURE, 0, 0],
        ["litware.example", 0, 0],
      ]),
    );
    expect(alerts).toHaveLength(2);
    const delivered = await hook.received(2);
    const bodies = delivered.map(
      (request) => JSON.parse(request.body) as { type: string; alert: { senderKey: string } },
    );
    expect(bodies.map((body) => body.type)).toEqual([
      "vouch.watch.seen-in-junk",
      "vouch.watch.seen-in-junk",
    ]);
    // Acknowledged or not, the same sender's further mail that day alerts nobody again.
    const azure = alerts.find((alert) => alert.senderKey === AZURE);
    const ack = await api.call(ADMIN, "POST", `/api/v1/watch/alerts/${azure?.id}/acknowledge`);
    expect(ack.status, ack.text).toBe(200);
    graph.addMessages("u2", [fakeMessage("azure-service-notice", { id: "a2-again" })]);
    expect(await sweepRunnerOf(service.store)!.runRound()).toMatchObject({ sightings: 1 });
    expect(await sweepAlerts()).toHaveLength(2);
    expect(hook.requests).toHaveLength(2);
  });

  it("never turns a sighting into a vouch or a proposal; a person's vouch stands beside it", async () => {
    const aggregates = await service.store.db.selectFrom("sender_aggregates").selectAll().execute();
    expect(aggregates).toEqual([]);
    const none = await get<ProposalPage>(api, "/api/v1/proposals?limit=200");
    expect(none.items).toEqual([]);

    await api.report(
      { tenant: T, user: "person0" },
      sampleHeaders("azure-service-notice"),
      AZURE_ID,
    );
    const azure = (await sightings(api)).items.find((item) => item.senderKey === AZURE);
    expect(azure?.vouches).toEqual({ reporters: 1, mailboxes: 1 });
    expect(azure?.mailboxes).toBe(4);
    const evidence = await service.store.senders.evidence(T, AZURE);
    expect(evidence).toMatchObject({ reporters: 1, mailboxes: 1, reports: 1 });
    const page = await get<ProposalPage>(api, "/api/v1/proposals?limit=200");
    const proposal = page.items.find((item) => item.senderKey === AZURE);
    // Azure is a critical sender: the person's one authenticated vouch opens its proposal at
    // once (the watch's fast track), with one reporter; the four mailboxes seen in Junk add none.
    expect(proposal?.warnings.map((warning) => warning.code)).toContain("critical-fast-track");
    expect(proposal?.reporters).toBe(1);
    expect(proposal?.mailboxes).toBe(1);
    expect(azure?.proposal?.status).toBe(proposal?.status);
  });

  it("counts junked critical mail per sender per day for the trend", async () => {
    const trend = await get<SweepTrendDto>(api, "/api/v1/sweep/trend?days=30");
    expect(trend.items).toEqual([
      // Four notices of the first round, and the one the alert test added.
      { day: "2026-12-03", senderKey: AZURE, messages: 5, critical: true },
      { day: "2026-12-03", senderKey: "litware.example", messages: 1, critical: true },
    ]);
    const all = await get<SweepTrendDto>(api, "/api/v1/sweep/trend?days=30&critical=false");
    expect(all.items.find((item) => item.senderKey === "news.example.org")?.messages).toBe(4);
  });

  it("is admin only, and shows another tenant nothing", async () => {
    const person = await api.call({ tenant: T, user: "person0" }, "GET", "/api/v1/sweep/sightings");
    expect(person.status).toBe(403);
    const other: Who = { tenant: "fabrikam", user: "admin", admin: true };
    expect((await sightings(api, other)).items).toEqual([]);
    const status = await get<SweepStatusDto>(api, "/api/v1/sweep", other);
    expect(status).toMatchObject({ enabled: false, mailboxes: {} });
    const run = await api.call(other, "POST", "/api/v1/sweep/run");
    expect(run.status).toBe(409);
    const mine = await api.call(ADMIN, "POST", "/api/v1/sweep/run");
    expect(mine.status).toBe(202);
  });
});

describe("throttling, refusals and malformed answers", () => {
  let graph: FakeGraph;
  let service: TestService;
  let api: ApiClient;
  let runner: SweepRunner;
  // The waits the sweep asked for, recorded instead of slept: what Graph asked is what it waited.
  const waits: number[] = [];
  const round = () => runner.runRound();

  beforeAll(async () => {
    graph = await startFakeGraph({
      tenantId: T,
      members: [
        { id: "t1", mail: "t1@contoso.test" },
        { id: "t2", mail: "t2@contoso.test" },
      ],
    });
    graph.setMessages("t1", fakeMessages("asf-image-links", "t1", 5));
    graph.setMessages("t2", fakeMessages("bulk-newsletter", "t2", 2));
    service = await startTestService({ ...graph.env, VOUCH_SWEEP_PAGE_SIZE: "2" });
    api = new ApiClient(service);
    const sweep = service.config.sweep!;
    runner = new SweepRunner({
      config: service.config,
      sweep,
      repo: new SweepRepository(service.store),
      graph: createGraphClient({
        config: sweep,
        sleep: async (ms) => {
          waits.push(ms);
        },
      }),
      analyzer: service.context.analyzer,
      isCritical: watchCriticalSenders(service.store.db),
    });
  });
  afterAll(async () => {
    await runner?.stop();
    await service?.close();
    await graph?.close();
  });

  it("waits out a 429's Retry-After and a 503, then goes on", async () => {
    waits.length = 0;
    graph.inject({
      match: "/users/t1/mailFolders",
      times: 1,
      status: 429,
      headers: { "retry-after": "7" },
      body: JSON.stringify({ error: { code: "ApplicationThrottled", message: "Too many" } }),
    });
    graph.inject({ match: "/users/t2/mailFolders", times: 1, status: 503, body: "busy" });
    const summary = await round();
    expect(summary).toMatchObject({ state: "ok", messages: 7, sightings: 7 });
    const t1 = deltaRequests(graph, "t1");
    expect(t1[0]?.status).toBe(429);
    expect(t1[1]?.status).toBe(200);
    expect(deltaRequests(graph, "t2").map((request) => request.status)).toEqual([503, 200]);
    // Each retry came after a wait: the 7 s the 429 named, and 1 s for the 503 without one.
    expect(waits.toSorted((a, b) => a - b)).toEqual([1000, 7000]);
  });

  it("leaves a mailbox throttled for long until Graph's time, without holding the round", async () => {
    graph.addMessages("t2", fakeMessages("bulk-newsletter", "t2-late", 1));
    graph.inject({
      match: "/users/t2/mailFolders",
      times: 1,
      status: 429,
      headers: { "retry-after": "3600" },
      body: JSON.stringify({ error: { code: "ApplicationThrottled", message: "Too many" } }),
    });
    await round();
    const t2 = byUser(await mailboxes(api), "t2");
    expect(t2?.state).toBe("throttled");
    expect(Date.parse(t2?.retryAt ?? "") - Date.now()).toBeGreaterThan(3_500_000);
    const before = deltaRequests(graph, "t2").length;
    await round();
    expect(deltaRequests(graph, "t2")).toHaveLength(before);
  });

  it("keeps its place through an unreadable page and resumes from it", async () => {
    graph.addMessages("t1", fakeMessages("asf-image-links", "t1-more", 4));
    graph.inject({
      match: "/users/t1/mailFolders/junkemail/messages/delta?%24skiptoken",
      times: 1,
      status: 200,
      body: "<html>not json</html>",
    });
    await round();
    let t1 = byUser(await mailboxes(api), "t1");
    expect(t1).toMatchObject({ state: "error" });
    expect(t1?.message).toContain("not JSON");
    expect(t1?.messages).toBe(5 + 2);

    graph.inject({
      match: "/users/t1/mailFolders/junkemail/messages/delta?%24skiptoken",
      times: 1,
      status: 200,
      body: JSON.stringify({ value: "nothing" }),
    });
    await round();
    t1 = byUser(await mailboxes(api), "t1");
    expect(t1?.message).toContain("value");

    const summary = await round();
    t1 = byUser(await mailboxes(api), "t1");
    expect(t1).toMatchObject({ state: "ok", messages: 9, sightings: 9 });
    expect(summary.sightings).toBe(2);
  });

  it("skips a row it cannot read and fetches headers a delta row did not carry", async () => {
    graph.headersOnlyByMessage.add("t1");
    graph.addMessages("t1", fakeMessages("blocked-sender", "t1-h", 1));
    const summary = await round();
    expect(summary).toMatchObject({ messages: 1, sightings: 1 });
    // A whole page of them is fetched at most 4 at a time (Outlook's limit per mailbox).
    const busy = await startFakeGraph({ tenantId: T, members: [{ id: "b1" }] });
    busy.headersOnlyByMessage.add("b1");
    busy.setMessages("b1", fakeMessages("blocked-sender", "b1", 12));
    const other = await startTestService({ ...busy.env, VOUCH_SWEEP_PAGE_SIZE: "12" });
    try {
      expect(await sweepRunnerOf(other.store)!.runRound()).toMatchObject({ sightings: 12 });
      expect(busy.mostConcurrent.get("b1")).toBeLessThanOrEqual(4);
    } finally {
      await other.close();
      await busy.close();
    }
    expect(
      graph.requests.some((request) => request.path === "/v1.0/users/t1/messages/t1-h-1"),
    ).toBe(true);
    graph.headersOnlyByMessage.delete("t1");

    graph.addMessages("t1", [{ id: "", internetMessageId: "", receivedDateTime: "", headers: [] }]);
    graph.addMessages("t1", fakeMessages("blocked-sender", "t1-after", 1));
    const next = await round();
    expect(next).toMatchObject({ state: "ok", unreadable: 1, sightings: 1 });
  });

  it("starts a mailbox over when its delta link expired (410), counting nothing twice", async () => {
    const before = byUser(await mailboxes(api), "t1")?.sightings;
    graph.expireDeltaLinks("t1");
    await round();
    const statuses = deltaRequests(graph, "t1").map((request) => request.status);
    expect(statuses).toContain(410);
    const t1 = byUser(await mailboxes(api), "t1");
    expect(t1?.state).toBe("ok");
    expect(t1?.message).toBe(RESTARTED_AFTER_410);
    expect(t1?.sightings).toBe(before);
    // The next round reads on from the new delta link, and the note goes.
    await round();
    expect(byUser(await mailboxes(api), "t1")?.message).toBeNull();
  });

  it("renews a token Graph no longer takes, and reports a refused one as the round's state", async () => {
    const issued = graph.tokensIssued;
    graph.revokeTokens();
    expect((await round()).state).toBe("ok");
    expect(graph.tokensIssued).toBe(issued + 1);

    graph.revokeTokens();
    graph.inject({
      match: "/oauth2/v2.0/token",
      times: 1,
      status: 401,
      body: JSON.stringify({
        error: "invalid_client",
        error_description: "AADSTS7000215: Invalid client secret provided.",
      }),
    });
    const refused = await round();
    expect(refused.state).toBe("error");
    const status = await get<SweepStatusDto>(api, "/api/v1/sweep");
    expect(status.state).toBe("error");
    expect(status.message).toContain("AADSTS7000215");
    expect((await round()).state).toBe("ok");
  });
});
