/**
 * bench/reputation: how fast the service answers the pane's reputation request from its caches.
 *
 *   node bin/run-ts.mjs bench/reputation.ts [--duration 10] [--connections 4] [--warmup 3]
 *
 * Starts the real service as a child process (`vouch serve`, SQLite, plain HTTP on 127.0.0.1,
 * rate limits off) with a real DNS server (dns2) and an RDAP registry on loopback, reports one
 * sender by three people (so the organisation's facts read evidence, a proposal and its audit),
 * asks once to fill the caches, then drives GET /api/v1/reputation with autocannon: the pane's
 * query (From domain and address, sending IP, one configured blocklist), a development token.
 * It prints requests/s, p50, p90 and p99, the DNS and RDAP queries the run caused (0: every
 * live fact came from the cache), the load average, and the target beside them.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { reputationResponseSchema } from "../src/api/reputation-contract";
import { startFakeDns } from "../test/support/fake-dns";
import { startFakeRdap } from "../test/support/fake-rdap";
import { exchangeHeaders } from "../test/support/service-headers";
import { spawnService, tokenFor } from "../test/support/service-process";
import { cpuMsOf } from "./process-cpu";

const TARGET_P99_MS = 5;

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "4" },
    warmup: { type: "string", default: "3" },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const warmup = Number(values.warmup);

const QUERY =
  "/api/v1/reputation?domain=vendor.test&ip=203.0.113.25&from=billing%40vendor.test&vouchedBy=dmarc";

async function main(): Promise<void> {
  const dns = await startFakeDns({
    "_dmarc.vendor.test": [{ type: "TXT", data: "v=DMARC1; p=reject; rua=mailto:d@vendor.test" }],
    "vendor.test": [
      { type: "TXT", data: "v=spf1 ip4:203.0.113.0/24 include:spf.vendor.test -all" },
      { type: "MX", exchange: "mx.vendor.test", priority: 10 },
    ],
    "25.113.0.203.in-addr.arpa": [{ type: "PTR", domain: "mail.vendor.test" }],
    "mail.vendor.test": [{ type: "A", address: "203.0.113.25", ttl: 3600 }],
    "25.113.0.203.bl.test": [{ type: "A", address: "127.0.0.2", ttl: 3600 }],
  });
  const rdap = await startFakeRdap({
    tlds: ["test"],
    domains: { "vendor.test": "2004-03-01T00:00:00Z" },
  });
  const dataDir = mkdtempSync(join(tmpdir(), "vouch-bench-reputation-"));
  const service = await spawnService({
    VOUCH_DATA_DIR: dataDir,
    VOUCH_DNS_SERVERS: dns.server,
    VOUCH_DNS_BLOCKLISTS: "bl.test",
    VOUCH_RDAP_BOOTSTRAP_URL: rdap.bootstrapUrl,
    LOG_LEVEL: "warn",
  });
  try {
    const headers = exchangeHeaders({ from: "billing@vendor.test", messageId: "<b1@vendor.test>" });
    for (const user of ["alice", "bob", "carol"]) {
      const token = await tokenFor(dataDir, { tenant: "bench", user });
      const answer = await fetch(`${service.url}/api/v1/reports`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ internetMessageId: "<b1@vendor.test>", headers, kind: "not-spam" }),
      });
      if (!answer.ok) throw new Error(`report failed: ${answer.status} ${await answer.text()}`);
    }
    const token = await tokenFor(dataDir, { tenant: "bench", user: "dave" });
    const authorization = `Bearer ${token}`;
    // Fill the caches, and check that the answer is the full one.
    const first = reputationResponseSchema.parse(
      await (await fetch(`${service.url}${QUERY}`, { headers: { authorization } })).json(),
    );
    const live = first.live;
    const states = [live.dmarc, live.spf, live.mx, live.domainAge, live.reverseDns].map(
      (fact) => fact.state,
    );
    states.push(...live.blocklists.map((list) => list.result.state));
    const unchecked = states.filter((state) => state !== "checked").length;
    if (unchecked > 0 || first.organisation.state !== "checked") {
      throw new Error(`the first answer is incomplete: ${JSON.stringify(first)}`);
    }
    const run = (seconds: number) =>
      autocannon({
        url: service.url,
        connections,
        duration: seconds,
        requests: [{ method: "GET", path: QUERY, headers: { authorization } }],
      });
    if (warmup > 0) await run(warmup);
    const dnsBefore = dns.queries.length;
    const rdapBefore = rdap.requests.length;
    const pid = service.child.pid;
    const cpuBefore = cpuMsOf(pid);
    const mainBefore = cpuMsOf(pid, pid);
    const result = await run(duration);
    const cpuAfter = cpuMsOf(pid);
    const mainAfter = cpuMsOf(pid, pid);
    const perAnswer = (before: number | null, after: number | null) =>
      before === null || after === null || result["2xx"] === 0
        ? "?"
        : ((after - before) / result["2xx"]).toFixed(2);
    const lookups = dns.queries.length - dnsBefore + (rdap.requests.length - rdapBefore);
    const { latency } = result;
    const lines = [
      `bench/reputation: GET /api/v1/reputation from cache; ${connections} connections for ${duration}s (after ${warmup}s warm-up); SQLite; organisation facts of a sender with 3 reports and a proposal, 5 live facts and 1 blocklist`,
      `load     ${loadavg()
        .map((load) => load.toFixed(2))
        .join(" ")} (1, 5, 15 min) on ${cpus().length} cores`,
      `answers  ${(result["2xx"] / duration).toFixed(0)}/s   p50 ${latency.p50} ms   p90 ${latency.p90} ms   p99 ${latency.p99} ms   max ${latency.max} ms   (${result["2xx"]} answered 2xx, ${result.non2xx} other, ${result.errors + result.timeouts} errors)`,
      `cpu      ${perAnswer(cpuBefore, cpuAfter)} ms per answer (main thread ${perAnswer(mainBefore, mainAfter)})`,
      `lookups  ${lookups} DNS/RDAP queries during the run (0 = every live fact from the cache)`,
      "",
      `target   p99 <= ${TARGET_P99_MS} ms from cache: ${latency.p99 <= TARGET_P99_MS && lookups === 0 && result.non2xx === 0 ? "meets" : "MISSES"}`,
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
  } finally {
    await service.stop();
    await dns.close();
    await rdap.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
