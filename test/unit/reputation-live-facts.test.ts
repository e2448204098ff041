import { createSocket } from "node:dgram";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDnsLookups } from "../../server/reputation/dns";
import {
  liveFactsOf,
  type LiveFactsDeps,
  type LiveSubject,
} from "../../server/reputation/live-facts";
import { createRdap } from "../../server/reputation/rdap";
import { startFakeDns, type FakeDns } from "../support/fake-dns";
import { startFakeRdap, type FakeRdap } from "../support/fake-rdap";

/** The live facts against a real DNS server (dns2) and an RDAP server on loopback. */
const NOW = Date.parse("2026-12-04T10:00:00Z");
let dns: FakeDns;
let rdap: FakeRdap;

beforeAll(async () => {
  dns = await startFakeDns({
    "_dmarc.contoso.test": [
      { type: "TXT", data: "v=DMARC1; p=reject; sp=quarantine; rua=mailto:d@contoso.test" },
    ],
    "contoso.test": [
      // A long record comes in several strings; they form one text.
      {
        type: "TXT",
        data: ["v=spf1 ip4:198.51.100.0/24 ", "include:spf.protection.outlook.com -all"],
      },
      { type: "TXT", data: "MS=ms12345678" },
      { type: "MX", exchange: "mx2.contoso.test", priority: 20 },
      { type: "MX", exchange: "mx1.contoso.test", priority: 10 },
    ],
    "news.contoso.test": [{ type: "TXT", data: "v=spf1 include:mailer.test ~all" }],
    "7.100.51.198.in-addr.arpa": [{ type: "PTR", domain: "mail.contoso.test" }],
    "mail.contoso.test": [{ type: "A", address: "198.51.100.7", ttl: 120 }],
    "7.100.51.198.bl.test": [{ type: "A", address: "127.0.0.2" }],
    "7.100.51.198.refusing.test": [{ type: "A", address: "127.255.255.254" }],
    // fabrikam.test publishes what it should not.
    "_dmarc.fabrikam.test": [{ type: "TXT", data: "v=DMARC1; p=maybe" }],
    "fabrikam.test": [
      { type: "TXT", data: "v=spf1 include:a.test" },
      { type: "TXT", data: "v=spf1 -all" },
      { type: "MX", exchange: "", priority: 0 },
    ],
    "_dmarc.tailspin.test": [
      { type: "TXT", data: "v=DMARC1; p=none" },
      { type: "TXT", data: "v=DMARC1; p=reject" },
    ],
    "tailspin.test": [{ type: "TXT", data: "v=spf1 ip4:300.1.1.1 -all" }],
    "lookups.test": [
      {
        type: "TXT",
        data: `v=spf1 ${Array.from({ length: 11 }, (_, i) => `include:s${i}.test`).join(" ")} -all`,
      },
    ],
    "9.100.51.198.in-addr.arpa": [{ type: "PTR", domain: "liar.test" }],
    "liar.test": [{ type: "A", address: "203.0.113.1" }],
    "_dmarc.broken.test": [{ type: "MALFORMED" }],
    "broken.test": [{ type: "SERVFAIL" }],
    "_dmarc.silent.test": [{ type: "SILENT" }],
    "silent.test": [{ type: "SILENT" }],
  });
  rdap = await startFakeRdap({
    tlds: ["test"],
    domains: {
      "contoso.test": "2001-05-01T00:00:00Z",
      "fabrikam.test": "2026-11-20T08:00:00Z",
      "tailspin.test": "no-date",
      "silent.test": "slow",
      "broken.test": "malformed",
      "lookups.test": 500,
    },
  });
});
afterAll(async () => {
  await dns?.close();
  await rdap?.close();
});

/**
 * Lookups that the local servers answer get seconds: the servers share the test's process, and a
 * loaded machine can delay an answer past a production-like deadline. Only the tests of servers
 * that never answer use short ones, so they wait for as little as they can.
 */
const ANSWERED = { lookupMs: 3_000, deadlineMs: 4_000 };
const NEVER_ANSWERED = { lookupMs: 300, deadlineMs: 500 };

function deps(
  overrides: Partial<LiveFactsDeps> = {},
  clock = () => NOW,
  timing = ANSWERED,
): LiveFactsDeps {
  return {
    dns: createDnsLookups({ servers: [dns.server], timeoutMs: timing.lookupMs, clock }),
    rdap: createRdap({ bootstrapUrl: rdap.bootstrapUrl, timeoutMs: timing.lookupMs, clock }),
    blocklists: [],
    deadlineMs: timing.deadlineMs,
    clock,
    ...overrides,
  };
}

function subject(domain: string | null, ip: string | null = null): LiveSubject {
  const registrable = domain?.split(".").slice(-2).join(".") ?? "";
  return {
    domain: domain === null ? null : { ascii: domain, registrable },
    domainProblem: "no-input",
    ip: ip === null ? null : { ip, family: ip.includes(":") ? 6 : 4 },
    ipProblem: "no-input",
  };
}

describe("live facts of a well-run domain", () => {
  it("reads DMARC, SPF, MX, the domain's age, forward-confirmed reverse DNS and the lists", async () => {
    const facts = await liveFactsOf(
      deps({ blocklists: ["bl.test", "clean.test"] }),
      subject("contoso.test", "198.51.100.7"),
    );
    expect(facts.dmarc).toEqual({
      state: "checked",
      domain: "contoso.test",
      record: "v=DMARC1; p=reject; sp=quarantine; rua=mailto:d@contoso.test",
      policy: "reject",
      subdomainPolicy: "quarantine",
      problem: null,
    });
    expect(facts.spf).toEqual({
      state: "checked",
      record: "v=spf1 ip4:198.51.100.0/24 include:spf.protection.outlook.com -all",
      valid: true,
      problem: null,
      detail: null,
    });
    expect(facts.mx).toEqual({
      state: "checked",
      present: true,
      nullMx: false,
      hosts: ["mx1.contoso.test", "mx2.contoso.test"],
    });
    expect(facts.domainAge).toMatchObject({
      state: "checked",
      domain: "contoso.test",
      registeredAt: "2001-05-01T00:00:00.000Z",
    });
    expect(facts.reverseDns).toEqual({
      state: "checked",
      name: "mail.contoso.test",
      confirmed: true,
    });
    expect(facts.blocklists).toEqual([
      { zone: "bl.test", result: { state: "checked", listed: true, codes: ["127.0.0.2"] } },
      { zone: "clean.test", result: { state: "checked", listed: false, codes: [] } },
    ]);
  });

  it("falls back to the organisational domain's DMARC record for a subdomain", async () => {
    const facts = await liveFactsOf(deps(), subject("news.contoso.test"));
    expect(facts.dmarc).toMatchObject({
      state: "checked",
      domain: "contoso.test",
      policy: "reject",
    });
    expect(facts.spf).toMatchObject({ valid: true, record: "v=spf1 include:mailer.test ~all" });
    expect(facts.mx).toEqual({ state: "checked", present: false, nullMx: false, hosts: [] });
  });

  it("answers from the cache the second time, and asks again once an A record's TTL ran out", async () => {
    let now = NOW;
    const clock = () => now;
    const cached = deps({}, clock);
    await liveFactsOf(cached, subject("contoso.test", "198.51.100.7"));
    const asked = dns.queries.length;
    await liveFactsOf(cached, subject("contoso.test", "198.51.100.7"));
    expect(dns.queries.length).toBe(asked);
    const rdapAsked = rdap.requests.length;
    now += 121_000; // the A record's TTL (120 s) ran out; TXT, MX and PTR are kept five minutes
    await liveFactsOf(cached, subject("contoso.test", "198.51.100.7"));
    expect(dns.queries.slice(asked)).toEqual(["A mail.contoso.test"]);
    expect(rdap.requests.length).toBe(rdapAsked);
  });
});

describe("what a domain publishes wrongly", () => {
  it("says so: an invalid DMARC policy, two SPF records, a null MX, a young domain", async () => {
    const facts = await liveFactsOf(deps(), subject("fabrikam.test"));
    expect(facts.dmarc).toMatchObject({
      state: "checked",
      policy: null,
      problem: "invalid-record",
    });
    expect(facts.spf).toMatchObject({
      state: "checked",
      valid: false,
      problem: "multiple-records",
    });
    expect(facts.mx).toEqual({ state: "checked", present: false, nullMx: true, hosts: [] });
    expect(facts.domainAge).toMatchObject({ state: "checked", ageDays: 14 });
  });

  it("says so: two DMARC records, an SPF term that does not parse, no registration date", async () => {
    const facts = await liveFactsOf(deps(), subject("tailspin.test"));
    expect(facts.dmarc).toMatchObject({ problem: "multiple-records", policy: null });
    expect(facts.spf).toMatchObject({ valid: false, problem: "syntax", detail: "ip4:300.1.1.1" });
    expect(facts.domainAge).toMatchObject({ state: "checked", registeredAt: null, ageDays: null });
  });

  it("counts SPF's DNS lookups (at most ten)", async () => {
    const facts = await liveFactsOf(deps(), subject("lookups.test"));
    expect(facts.spf).toMatchObject({ valid: false, problem: "too-many-lookups", detail: "11" });
  });

  it("does not confirm a reverse name that resolves elsewhere", async () => {
    const facts = await liveFactsOf(deps(), subject(null, "198.51.100.9"));
    expect(facts.reverseDns).toEqual({ state: "checked", name: "liar.test", confirmed: false });
  });
});

describe("bad answers and no network: clear states, nothing throws", () => {
  it("a malformed DNS answer, SERVFAIL and a registry's non-JSON answer", async () => {
    const facts = await liveFactsOf(deps(), subject("broken.test"));
    expect(facts.dmarc).toEqual({ state: "not-checked", reason: "malformed-answer" });
    // c-ares may fail the queries in flight beside a malformed answer as well: not checked.
    expect(facts.spf.state).toBe("not-checked");
    expect(facts.domainAge).toEqual({ state: "not-checked", reason: "malformed-answer" });
    const alone = await createDnsLookups({
      servers: [dns.server],
      timeoutMs: ANSWERED.lookupMs,
    }).txt("broken.test");
    expect(alone).toEqual({ kind: "failed", reason: "server-error" });
  });

  it("a DNS server and an RDAP server that never answer: timeout, within the deadline", async () => {
    const facts = await liveFactsOf(
      deps({}, () => NOW, NEVER_ANSWERED),
      subject("silent.test"),
    );
    expect(facts.dmarc).toEqual({ state: "not-checked", reason: "timeout" });
    expect(facts.spf).toEqual({ state: "not-checked", reason: "timeout" });
    expect(facts.domainAge).toEqual({ state: "not-checked", reason: "timeout" });
  });

  it("a registry's 500 and a top-level domain no registry serves", async () => {
    expect((await liveFactsOf(deps(), subject("lookups.test"))).domainAge).toEqual({
      state: "not-checked",
      reason: "server-error",
    });
    const other = {
      ...subject("contoso.example"),
      domain: { ascii: "contoso.example", registrable: "contoso.example" },
    };
    expect((await liveFactsOf(deps(), other)).domainAge).toEqual({
      state: "not-checked",
      reason: "not-found",
    });
  });

  it("a blocklist that refuses the query is not a listing", async () => {
    const facts = await liveFactsOf(
      deps({ blocklists: ["refusing.test"] }),
      subject(null, "198.51.100.7"),
    );
    expect(facts.blocklists).toEqual([
      { zone: "refusing.test", result: { state: "not-checked", reason: "server-error" } },
    ]);
  });

  it("private addresses and missing input are not looked up", async () => {
    const facts = await liveFactsOf(deps({ blocklists: ["bl.test"] }), subject(null, "10.1.2.3"));
    expect(facts.reverseDns).toEqual({ state: "not-checked", reason: "not-public" });
    expect(facts.blocklists[0]!.result).toEqual({ state: "not-checked", reason: "not-public" });
    expect(facts.dmarc).toEqual({ state: "not-checked", reason: "no-input" });
  });

  it("no network: every fact says not checked", async () => {
    // A UDP port nobody listens on, and a TCP port nobody listens on.
    const udp = createSocket("udp4");
    await new Promise<void>((resolve) => udp.bind(0, "127.0.0.1", resolve));
    const deadUdp = udp.address().port;
    udp.close();
    const tcp = createServer();
    await new Promise<void>((resolve) => tcp.listen(0, "127.0.0.1", resolve));
    const deadTcp = (tcp.address() as { port: number }).port;
    await new Promise((resolve) => tcp.close(resolve));
    const offline: LiveFactsDeps = {
      dns: createDnsLookups({ servers: [`127.0.0.1:${deadUdp}`], timeoutMs: 300 }),
      rdap: createRdap({ bootstrapUrl: `http://127.0.0.1:${deadTcp}/dns.json`, timeoutMs: 300 }),
      blocklists: ["bl.test"],
      deadlineMs: 600,
    };
    const facts = await liveFactsOf(offline, subject("contoso.test", "198.51.100.7"));
    for (const fact of [facts.dmarc, facts.spf, facts.mx, facts.domainAge, facts.reverseDns]) {
      expect(fact.state).toBe("not-checked");
    }
    expect(facts.blocklists[0]!.result.state).toBe("not-checked");
    expect(facts.domainAge).toEqual({ state: "not-checked", reason: "unreachable" });
  });
});
