import { createSocket } from "node:dgram";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PATHS, type ProposalDto } from "../../src/api/admin-contract";
import {
  reputationResponseSchema,
  type ReputationResponse,
} from "../../src/api/reputation-contract";
import { startFakeDns, type FakeDns } from "../support/fake-dns";
import { startFakeRdap, type FakeRdap } from "../support/fake-rdap";
import { exchangeHeaders } from "../support/service-headers";
import { call, startTestService, type TestService } from "../support/service";
import { ApiClient } from "./proposals-client";

/**
 * GET /api/v1/reputation on the real service (SQLite or PostgreSQL after VOUCH_TEST_DB), with a
 * real DNS server (dns2) and an RDAP registry on loopback.
 */
const DAY_MS = 86_400_000;
let dns: FakeDns;
let rdap: FakeRdap;
let service: TestService;
let api: ApiClient;

const youngDate = new Date(Date.now() - 9 * DAY_MS).toISOString();

beforeAll(async () => {
  dns = await startFakeDns({
    "_dmarc.vendor.test": [{ type: "TXT", data: "v=DMARC1; p=reject" }],
    "vendor.test": [
      { type: "TXT", data: "v=spf1 ip4:203.0.113.0/24 -all" },
      { type: "MX", exchange: "mx.vendor.test", priority: 10 },
    ],
    "25.113.0.203.in-addr.arpa": [{ type: "PTR", domain: "mail.vendor.test" }],
    "mail.vendor.test": [{ type: "A", address: "203.0.113.25" }],
    "25.113.0.203.bl.test": [{ type: "A", address: "127.0.0.4" }],
  });
  rdap = await startFakeRdap({
    tlds: ["test"],
    domains: { "vendor.test": "2003-02-01T00:00:00Z", "fresh.test": youngDate },
  });
  service = await startTestService({
    VOUCH_DNS_SERVERS: dns.server,
    VOUCH_DNS_BLOCKLISTS: "bl.test",
    VOUCH_RDAP_BOOTSTRAP_URL: rdap.bootstrapUrl,
    VOUCH_LIVE_FACT_TIMEOUT: "1500ms",
  });
  api = new ApiClient(service);
});
afterAll(async () => {
  await service?.close();
  await dns?.close();
  await rdap?.close();
});

async function reputation(
  who: { tenant: string; user: string; admin?: boolean },
  query: string,
): Promise<ReputationResponse> {
  const answer = await api.call(who, "GET", `/api/v1/reputation?${query}`);
  expect(answer.status, answer.text).toBe(200);
  return reputationResponseSchema.parse(answer.json());
}

describe("GET /api/v1/reputation", () => {
  it("refuses a caller without a token, and a malformed query", async () => {
    expect((await call(`${service.url}/api/v1/reputation?domain=vendor.test`)).status).toBe(401);
    const extra = await api.call({ tenant: "t1", user: "a" }, "GET", "/api/v1/reputation?x=1");
    expect(extra.status).toBe(400);
    const long = await api.call(
      { tenant: "t1", user: "a" },
      "GET",
      `/api/v1/reputation?domain=${"a".repeat(300)}.test`,
    );
    expect(long.status).toBe(400);
  });

  it("answers the organisation's reports and the live facts", async () => {
    const headers = exchangeHeaders({ from: "billing@vendor.test", messageId: "<m1@vendor.test>" });
    await api.report({ tenant: "t1", user: "alice" }, headers, "<m1@vendor.test>");
    await api.report({ tenant: "t1", user: "bob" }, headers, "<m1@vendor.test>");
    const answer = await reputation(
      { tenant: "t1", user: "carol" },
      "internetMessageId=%3Cm1%40vendor.test%3E&domain=Vendor.TEST&ip=203.0.113.25",
    );
    expect(answer.domain).toBe("vendor.test");
    expect(answer.organisation).toMatchObject({
      state: "checked",
      sender: "vendor.test",
      reporters: 2,
      mailboxes: 2,
      proposal: "collecting",
      decisions: [],
    });
    expect(answer.organisation.state === "checked" && answer.organisation.firstSeen).toBeTruthy();
    expect(answer.live.dmarc).toMatchObject({ state: "checked", policy: "reject" });
    expect(answer.live.spf).toMatchObject({ state: "checked", valid: true });
    expect(answer.live.mx).toMatchObject({ state: "checked", present: true });
    expect(answer.live.domainAge).toMatchObject({
      state: "checked",
      domain: "vendor.test",
      registeredAt: "2003-02-01T00:00:00.000Z",
    });
    expect(answer.live.reverseDns).toEqual({
      state: "checked",
      name: "mail.vendor.test",
      confirmed: true,
    });
    expect(answer.live.blocklists).toEqual([
      { zone: "bl.test", result: { state: "checked", listed: true, codes: ["127.0.0.4"] } },
    ]);
  });

  it("finds the sender a report would count towards from the From address, as at ingest", async () => {
    const vouched = await reputation(
      { tenant: "t1", user: "carol" },
      "from=billing%40vendor.test&vouchedBy=dmarc",
    );
    expect(vouched.organisation).toMatchObject({ sender: "vendor.test", reporters: 2 });
    const unvouched = await reputation(
      { tenant: "t1", user: "carol" },
      "from=billing%40vendor.test",
    );
    expect(unvouched.organisation).toMatchObject({
      sender: "unverified:vendor.test",
      reporters: 0,
    });
  });

  it("keeps the organisation's facts to the caller's tenant", async () => {
    const other = await reputation({ tenant: "t2", user: "eve" }, "sender=vendor.test");
    expect(other.organisation).toMatchObject({ state: "checked", reporters: 0, firstSeen: null });
  });

  it("shows what admins decided and why, never their note", async () => {
    const headers = exchangeHeaders({ from: "news@old.test", messageId: "<n1@old.test>" });
    await api.crowd("t3", headers, "<n1@old.test>", 3);
    const admin = { tenant: "t3", user: "admin", admin: true };
    const list = await api.call(admin, "GET", ADMIN_PATHS.proposals);
    const proposal = (list.json() as { items: ProposalDto[] }).items[0]!;
    expect(proposal.status).toBe("open");
    const reject = await api.call(admin, "POST", ADMIN_PATHS.decide(proposal.id, "reject"), {
      note: "Secret: the vendor is under investigation",
      confirm: true,
    });
    expect(reject.status, reject.text).toBe(200);
    const answer = await api.call(
      { tenant: "t3", user: "person1" },
      "GET",
      "/api/v1/reputation?sender=old.test",
    );
    const body = reputationResponseSchema.parse(answer.json());
    expect(body.organisation).toMatchObject({ proposal: "rejected", reporters: 3 });
    expect(body.organisation.state === "checked" && body.organisation.decisions).toEqual([
      { action: "reject", at: expect.any(String) },
    ]);
    expect(answer.text).not.toContain("Secret");
    expect(answer.text).not.toContain("investigation");
  });

  it("refuses a proposal for a domain younger than 30 days, with the age, from its own RDAP check", async () => {
    const headers = exchangeHeaders({ from: "offers@fresh.test", messageId: "<f1@fresh.test>" });
    await api.crowd("t4", headers, "<f1@fresh.test>", 3);
    const admin = { tenant: "t4", user: "admin", admin: true };
    // The domain is checked after the report, off the report's path: wait for the refusal.
    let proposal: ProposalDto | undefined;
    for (let attempt = 0; attempt < 100; attempt++) {
      const list = await api.call(admin, "GET", ADMIN_PATHS.proposals);
      proposal = (list.json() as { items: ProposalDto[] }).items[0];
      if (proposal?.status === "refused") break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(proposal?.status).toBe("refused");
    expect(proposal?.refusals.map((refusal) => refusal.code)).toEqual(["young-domain"]);
    expect(proposal?.reason).toContain("fresh.test was registered on");
    expect(proposal?.reason).toContain("9 days ago");
    const pane = await reputation(
      { tenant: "t4", user: "person0" },
      "sender=fresh.test&domain=fresh.test",
    );
    expect(pane.organisation).toMatchObject({ proposal: "refused", reasons: ["young-domain"] });
    expect(pane.live.domainAge).toMatchObject({ state: "checked", ageDays: 9 });
  });
});

describe("GET /api/v1/reputation without network", () => {
  it("says every live fact is not checked, and still answers the organisation's", async () => {
    const udp = createSocket("udp4");
    await new Promise<void>((resolve) => udp.bind(0, "127.0.0.1", resolve));
    const deadPort = udp.address().port;
    udp.close();
    const offline = await startTestService({
      VOUCH_DNS_SERVERS: `127.0.0.1:${deadPort}`,
      VOUCH_DNS_BLOCKLISTS: "bl.test",
      VOUCH_RDAP_BOOTSTRAP_URL: `http://127.0.0.1:${deadPort}/dns.json`,
      VOUCH_LIVE_FACT_TIMEOUT: "1s",
    });
    try {
      const token = await offline.token({ tenant: "t1", user: "alice" });
      const answer = await call(
        `${offline.url}/api/v1/reputation?domain=vendor.test&ip=203.0.113.25&sender=vendor.test`,
        { token },
      );
      expect(answer.status).toBe(200);
      const body = reputationResponseSchema.parse(answer.json);
      const { blocklists, ...single } = body.live;
      for (const fact of [...Object.values(single), ...blocklists.map((list) => list.result)]) {
        expect(fact.state).toBe("not-checked");
      }
      expect(body.organisation).toMatchObject({ state: "checked", reporters: 0 });
    } finally {
      await offline.close();
    }
  });
});
