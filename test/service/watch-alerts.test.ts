import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProposalDto, ProposalPage } from "../../src/api/admin-contract";
import type {
  AlertList,
  ChannelDto,
  ChannelList,
  CriticalSenderList,
  TrendDto,
} from "../../src/api/watch-contract";
import {
  FAKE_GRAPH_TOKEN,
  startFakeGraph,
  startFakeTarget,
  type FakeTarget,
} from "../support/fake-alert-targets";
import { exchangeHeaders } from "../support/service-headers";
import { startTestService, type TestService } from "../support/service";
import { ApiClient, sampleHeaders, type Who } from "./proposals-client";

const T = "contoso";
const ADMIN: Who = { tenant: T, user: "admin", admin: true };
const SECRET = "a-webhook-signing-secret-of-some-length";

let service: TestService;
let api: ApiClient;
let teams: FakeTarget;
let hook: FakeTarget;
let broken: FakeTarget;
let graph: FakeTarget;

beforeAll(async () => {
  [teams, hook, broken, graph] = await Promise.all([
    startFakeTarget(),
    startFakeTarget(),
    startFakeTarget(() => ({ status: 500 })),
    startFakeGraph(),
  ]);
  service = await startTestService({
    VOUCH_WATCH_UNSAFE_PRIVATE_TARGETS: "1",
    VOUCH_WATCH_POLL: "50ms",
    VOUCH_WATCH_RETRY_BASE: "50ms",
    VOUCH_WATCH_MAX_ATTEMPTS: "3",
    VOUCH_ENTRA_TOKEN_URL: `${graph.url}/{tid}/oauth2/v2.0/token`,
    VOUCH_GRAPH_URL: `${graph.url}/v1.0`,
  });
  api = new ApiClient(service);
});
afterAll(async () => {
  await service?.close();
  await Promise.all([teams, hook, broken, graph].map((target) => target?.close()));
});

async function json<T>(who: Who, method: string, path: string, body?: unknown): Promise<T> {
  const result = await api.call(who, method, path, body);
  expect(result.status, result.text).toBeLessThan(300);
  return result.json() as T;
}

async function proposalOf(senderKey: string): Promise<ProposalDto | undefined> {
  const page = await json<ProposalPage>(ADMIN, "GET", "/api/v1/proposals?limit=200");
  return page.items.find((item) => item.senderKey === senderKey);
}

async function channels(): Promise<ChannelDto[]> {
  return (await json<ChannelList>(ADMIN, "GET", "/api/v1/watch/channels")).items;
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let tries = 0; ; tries++) {
    const value = await read();
    if (done(value) || tries > 200) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("the critical-service watch through the API", () => {
  it("configures channels without ever showing a secret", async () => {
    await json(ADMIN, "POST", "/api/v1/watch/channels", {
      kind: "teams",
      name: "Mail admins (Teams)",
      config: { url: `${teams.url}/workflows/abc/triggers/manual/paths/invoke?sig=SECRETSIG` },
    });
    await json(ADMIN, "POST", "/api/v1/watch/channels", {
      kind: "graph-mail",
      name: "Mail admins",
      language: "de",
      config: {
        directoryId: "11111111-2222-3333-4444-555555555555",
        clientId: "66666666-7777-8888-9999-000000000000",
        clientSecret: "CLIENTSECRET",
        from: "vouch@contoso.example",
        to: ["admins@contoso.example"],
      },
    });
    await json(ADMIN, "POST", "/api/v1/watch/channels", {
      kind: "webhook",
      name: "SIEM",
      config: { url: `${hook.url}/siem?token=HOOKTOKEN`, secret: SECRET },
    });
    const text = (await api.call(ADMIN, "GET", "/api/v1/watch/channels")).text;
    for (const secret of ["SECRETSIG", "CLIENTSECRET", "HOOKTOKEN", SECRET, "/workflows/"]) {
      expect(text).not.toContain(secret);
    }
    expect((await channels()).map((channel) => channel.target)).toEqual([
      `${teams.url}/…`,
      "vouch@contoso.example → admins@contoso.example",
      `${hook.url}/…`,
    ]);
  });

  it("refuses a channel to a non-https or private address without the test switch", async () => {
    const strict = await startTestService();
    try {
      const client = new ApiClient(strict);
      for (const url of [
        "http://hooks.example.com/x",
        "https://127.0.0.1/x",
        "https://10.1.2.3/x",
        "https://[::1]/x",
        "https://localhost/x",
        "https://user:pw@hooks.example.com/x",
      ]) {
        const result = await client.call(ADMIN, "POST", "/api/v1/watch/channels", {
          kind: "webhook",
          name: "x",
          config: { url },
        });
        expect(result.status, url).toBe(400);
        expect((result.json() as { error: string }).error).toBe("refused-target");
        expect(result.text).not.toContain(url);
      }
    } finally {
      await strict.close();
    }
  });

  it("alerts every channel on a critical sender's first report and opens its proposal", async () => {
    await api.report(
      { tenant: T, user: "person0" },
      sampleHeaders("azure-service-notice"),
      "<az-1@microsoft.com>",
    );

    const proposal = await proposalOf("azure-noreply@microsoft.com");
    expect(proposal).toMatchObject({ status: "open", reporters: 1 });
    expect(proposal?.warnings[0]?.code).toBe("critical-fast-track");

    const alerts = (await json<AlertList>(ADMIN, "GET", "/api/v1/watch/alerts")).items;
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      senderKey: "azure-noreply@microsoft.com",
      entryId: "azure-notices",
      label: "Microsoft Azure",
      authenticated: true,
      proposal: { id: proposal!.id, status: "open" },
      evidence: { sfv: "SPM", dmarc: "pass" },
    });

    const [card] = await teams.received(1);
    const payload = JSON.parse(card!.body) as {
      type: string;
      attachments: {
        contentType: string;
        content: { type: string; version: string; body: { text?: string }[] };
      }[];
    };
    expect(card!.path).toContain("sig=SECRETSIG");
    expect(payload.type).toBe("message");
    expect(payload.attachments[0]?.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(payload.attachments[0]?.content).toMatchObject({ type: "AdaptiveCard", version: "1.4" });
    expect(payload.attachments[0]?.content.body[0]?.text).toBe(
      "Vouch: mail from Microsoft Azure landed in Junk",
    );

    const [token, mail] = await graph.received(2);
    expect(token!.path).toBe("/11111111-2222-3333-4444-555555555555/oauth2/v2.0/token");
    const form = new URLSearchParams(token!.body);
    expect(form.get("grant_type")).toBe("client_credentials");
    expect(form.get("client_id")).toBe("66666666-7777-8888-9999-000000000000");
    expect(form.get("scope")).toBe(`${graph.url}/.default`);
    expect(mail!.path).toBe("/v1.0/users/vouch%40contoso.example/sendMail");
    expect(mail!.headers.authorization).toBe(`Bearer ${FAKE_GRAPH_TOKEN}`);
    const sent = JSON.parse(mail!.body) as {
      message: { subject: string; toRecipients: { emailAddress: { address: string } }[] };
      saveToSentItems: boolean;
    };
    expect(sent.message.subject).toBe("Vouch: E-Mail von Microsoft Azure im Junk-E-Mail-Ordner");
    expect(sent.message.toRecipients).toEqual([
      { emailAddress: { address: "admins@contoso.example" } },
    ]);

    const [signed] = await hook.received(1);
    const timestamp = signed!.headers["x-vouch-timestamp"] as string;
    const expected = createHmac("sha256", SECRET)
      .update(`${timestamp}.${signed!.body}`)
      .digest("hex");
    expect(signed!.headers["x-vouch-signature"]).toBe(`v1=${expected}`);
    expect(JSON.parse(signed!.body)).toMatchObject({
      type: "vouch.watch.critical-sender",
      version: 1,
      alert: { senderKey: "azure-noreply@microsoft.com", authenticated: true },
    });

    const delivered = await until(channels, (list) =>
      list.every((c) => c.lastState === "delivered"),
    );
    expect(delivered.map((channel) => channel.lastState)).toEqual([
      "delivered",
      "delivered",
      "delivered",
    ]);
  });

  it("does not alert again for the next reports until an admin acknowledges", async () => {
    await api.report(
      { tenant: T, user: "person1" },
      sampleHeaders("azure-service-notice"),
      "<az-1@microsoft.com>",
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(teams.requests).toHaveLength(1);
    const [open] = (await json<AlertList>(ADMIN, "GET", "/api/v1/watch/alerts")).items;
    expect(open).toMatchObject({ reporters: 2, reports: 2 });

    await json(ADMIN, "POST", `/api/v1/watch/alerts/${open!.id}/acknowledge`);
    expect((await json<AlertList>(ADMIN, "GET", "/api/v1/watch/alerts")).items).toHaveLength(0);
    await api.report(
      { tenant: T, user: "person2" },
      sampleHeaders("azure-service-notice"),
      "<az-2@microsoft.com>",
    );
    await teams.received(2);
    const all = (await json<AlertList>(ADMIN, "GET", "/api/v1/watch/alerts?open=false")).items;
    expect(all).toHaveLength(2);
    expect(all[1]?.acknowledged?.by).toContain("admin");
  });

  it("says a forged critical From is unauthenticated, and never fast-tracks it, whoever reports it", async () => {
    const forged = exchangeHeaders({
      from: "notifications@github.com",
      messageId: "<f-1@evil.example>",
      dmarc: "fail",
      dkim: "fail",
      spf: "fail",
    });
    // An insider with several accounts reports the forgery from each of them.
    for (const user of ["mallory", "mallory-2", "mallory-3", "mallory-4"]) {
      await api.report({ tenant: T, user }, forged, "<f-1@evil.example>");
    }
    expect(await proposalOf("github.com")).toBeUndefined();
    const forgedProposal = await proposalOf("unverified:github.com");
    expect(forgedProposal?.status).toBe("refused");
    expect(forgedProposal?.warnings.map((w) => w.code)).not.toContain("critical-fast-track");

    const alert = (await json<AlertList>(ADMIN, "GET", "/api/v1/watch/alerts")).items.find(
      (item) => item.senderKey === "unverified:github.com",
    );
    expect(alert).toMatchObject({ label: "GitHub", authenticated: false });
    const cards = await teams.received(3);
    const title = (
      JSON.parse(cards[2]!.body) as { attachments: { content: { body: { text: string }[] } }[] }
    ).attachments[0]!.content.body[0]!.text;
    expect(title).toBe("Vouch: unauthenticated mail naming GitHub in Junk");
  });

  it("retries a webhook that answers 500 with backoff, then shows it failed", async () => {
    const created = await json<ChannelDto>(ADMIN, "POST", "/api/v1/watch/channels", {
      kind: "webhook",
      name: "Broken",
      config: { url: `${broken.url}/hook` },
    });
    const queued = await json<{ queued: number }>(
      ADMIN,
      "POST",
      `/api/v1/watch/channels/${created.id}/test`,
    );
    expect(queued.queued).toBe(1);
    await broken.received(3);
    const state = await until(
      channels,
      (list) => list.find((c) => c.id === created.id)?.lastState === "failed",
    );
    expect(state.find((channel) => channel.id === created.id)).toMatchObject({
      lastState: "failed",
      lastError: "HTTP 500 (attempt 3)",
      pending: 0,
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(broken.requests).toHaveLength(3);
  });

  it("lets admins add and remove their own critical senders, audited, and fast-tracks them", async () => {
    await json(ADMIN, "POST", "/api/v1/watch/senders", {
      identity: "billing@bank.example.com",
      label: "Contoso Bank",
    });
    const headers = exchangeHeaders({
      from: "billing@bank.example.com",
      messageId: "<b-1@bank.example.com>",
    });
    await api.report({ tenant: T, user: "person5" }, headers, "<b-1@bank.example.com>");
    // Not a free-mail domain: the key is the domain, which the address entry does not cover.
    expect((await proposalOf("bank.example.com"))?.status).toBe("collecting");

    await json(ADMIN, "POST", "/api/v1/watch/senders", {
      identity: "bank.example.com",
      label: "Contoso Bank",
    });
    await api.report({ tenant: T, user: "person6" }, headers, "<b-1@bank.example.com>");
    expect((await proposalOf("bank.example.com"))?.status).toBe("open");

    const list = (await json<CriticalSenderList>(ADMIN, "GET", "/api/v1/watch/senders")).items;
    const own = list.find((entry) => entry.value === "bank.example.com")!;
    expect(own).toMatchObject({
      source: "tenant",
      label: "Contoso Bank",
      addedBy: expect.stringContaining("admin"),
    });
    const github = list.find((entry) => entry.entryId === "github")!;
    expect(github.sources[0]?.url).toMatch(/^https:\/\/docs\.github\.com\//);

    await json(ADMIN, "POST", `/api/v1/watch/senders/${encodeURIComponent(own.entryId)}/remove`, {
      note: "closed the account",
    });
    const audit = (
      await json<{ items: { action: string; subject: string; note: string }[] }>(
        ADMIN,
        "GET",
        "/api/v1/watch/audit",
      )
    ).items;
    expect(audit[0]).toMatchObject({
      action: "sender-remove",
      subject: "bank.example.com",
      note: "closed the account",
    });
    expect(audit.map((entry) => entry.action)).toContain("channel-add");

    const refused = await api.call(ADMIN, "POST", "/api/v1/watch/senders", {
      identity: "gmail.com",
      label: "x",
    });
    expect(refused.status).toBe(400);
  });

  it("draws junked critical mail per sender per day, forged senders apart", async () => {
    const trend = await json<TrendDto>(ADMIN, "GET", "/api/v1/watch/trend?days=7");
    expect(trend.days).toHaveLength(7);
    const today = trend.days.length - 1;
    const azure = trend.series.find((s) => s.senderKey === "azure-noreply@microsoft.com");
    expect(azure).toMatchObject({ label: "Microsoft Azure", authenticated: true });
    expect(azure!.reports[today]).toBe(3);
    const forged = trend.series.find((s) => s.senderKey === "unverified:github.com");
    expect(forged).toMatchObject({ authenticated: false });
    expect(forged!.reports[today]).toBe(4);
    // Removed from the list: no longer a critical series.
    expect(trend.series.some((s) => s.senderKey === "bank.example.com")).toBe(false);
  });

  it("keeps tenants apart and admin-only", async () => {
    const other: Who = { tenant: "fabrikam", user: "admin", admin: true };
    expect((await json<AlertList>(other, "GET", "/api/v1/watch/alerts?open=false")).items).toEqual(
      [],
    );
    expect((await json<ChannelList>(other, "GET", "/api/v1/watch/channels")).items).toEqual([]);
    const [first] = await channels();
    const foreign = await api.call(other, "DELETE", `/api/v1/watch/channels/${first!.id}`);
    expect(foreign.status).toBe(404);
    const person = await api.call({ tenant: T, user: "person0" }, "GET", "/api/v1/watch/alerts");
    expect(person.status).toBe(403);
  });
});
