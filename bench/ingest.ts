/**
 * bench/ingest: how many reports per second the service takes in, and how fast it answers.
 *
 *   node bin/run-ts.mjs bench/ingest.ts [--duration 6] [--rounds 3] [--connections 32]
 *                                       [--users 200] [--durable 0] [--cpu-prof DIR]
 *
 * Starts the real service as a child process (`vouch serve`, SQLite with durable writes, plain
 * HTTP on 127.0.0.1, rate limits off, VOUCH_BENCH_FLOOR=1), then drives it with autocannon:
 *
 * 1. reports: POST /api/v1/reports with realistic bodies: the header blocks of samples/*.eml
 *    (8-12 KB each; synthetic Exchange Online blocks when samples/ is missing), a distinct
 *    message id on every request, a development token per user, round-robin over the users;
 * 2. the floor: POST /bench/floor with the same bodies, which inserts one fixed row with no auth
 *    and no analysis: the best this server and database manage on this machine.
 *
 * Each round runs 1. then 2.; the targets are judged on the round with the median reports/s.
 * It prints reports/s, p50 and p99 of each, the service's CPU time per answer (all threads, and
 * the main thread that runs the event loop), the load average,
 * the ratio, and the targets beside them; the figures also go to bench/results/ingest.json.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { spawnService, tokenFor } from "../test/support/service-process";
import { cpuMsOf } from "./process-cpu";
import { exchangeHeaders } from "../test/support/service-headers";

const ROOT = resolve(import.meta.dirname, "..");
const TARGETS = { reportsPerSecond: 2000, p99Ms: 50, floorShare: 1 / 3 };
const MESSAGE_ID_MARK = "@@MESSAGE-ID@@";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "6" },
    rounds: { type: "string", default: "3" },
    connections: { type: "string", default: "32" },
    users: { type: "string", default: "200" },
    /** Seconds of each route before measuring: the JIT and the counter tables settle in about 10. */
    warmup: { type: "string", default: "10" },
    /** 0 = answer without waiting for the fsync: shows what the CPU does when the disk is not the limit. */
    durable: { type: "string", default: "1" },
    /** A folder: the service writes a V8 CPU profile of the whole run there when it stops. */
    "cpu-prof": { type: "string" },
  },
});
const durable = values.durable !== "0";
const duration = Number(values.duration);
const connections = Number(values.connections);
const userCount = Number(values.users);
const warmup = Number(values.warmup);
const rounds = Math.max(1, Math.trunc(Number(values.rounds)));

/** The header part of an .eml (up to the first empty line), its Message-ID marked for reuse. */
function headerTemplates(): { source: string; templates: string[] } {
  const dir = join(ROOT, "samples");
  let files: string[];
  try {
    files = readdirSync(dir).filter((name) => name.endsWith(".eml"));
  } catch {
    files = [];
  }
  const fromSamples = files
    .map((name) => {
      const text = readFileSync(join(dir, name), "utf8").replace(/\r?\n/g, "\r\n");
      const end = text.indexOf("\r\n\r\n");
      const headers = end >= 0 ? text.slice(0, end + 2) : text;
      return headers.replace(
        /^Message-ID:[^\r]*(\r\n[ \t][^\r]*)*/im,
        `Message-ID: ${MESSAGE_ID_MARK}`,
      );
    })
    .filter((headers) => headers.length >= 4000);
  if (fromSamples.length > 0)
    return {
      source: `samples/*.eml (${fromSamples.length} header blocks)`,
      templates: fromSamples,
    };
  const domains = ["contoso.example", "northwind.example", "litware.example", "adatum.example"];
  return {
    source: "synthetic Exchange Online header blocks (samples/ not found)",
    templates: domains.map((domain, index) =>
      exchangeHeaders({
        from: `news@${domain}`,
        messageId: MESSAGE_ID_MARK,
        minBytes: 8192 + index * 1024,
      }),
    ),
  };
}

/** JSON bodies built once per template; each request only swaps in its message id. */
function bodyFactory(templates: string[]): (sequence: number) => string {
  const prepared = templates.map((headers, index) => {
    const json = JSON.stringify({
      internetMessageId: MESSAGE_ID_MARK,
      headers,
      kind: index % 3 === 0 ? "trusted-sender" : "not-spam",
    });
    return json.split(MESSAGE_ID_MARK);
  });
  const run = Date.now().toString(36);
  return (sequence) => {
    const parts = prepared[sequence % prepared.length] ?? [];
    return parts.join(`<bench-${run}-${sequence}@ingest.example>`);
  };
}

interface Figures {
  requestsPerSecond: number;
  /** CPU time the service process spent per 2xx answer (user + system, all threads), ms. */
  cpuMsPerRequest: number | null;
  /** The part of it on the main thread (the event loop: HTTP, auth, the store). */
  mainThreadMsPerRequest: number | null;
  ok: number;
  refused: number;
  errors: number;
  p50: number;
  p99: number;
  seconds: number;
}

/** CPU time so far (user + system, ms) of a process, or of one of its threads; null without /proc. */
/** CPU ms per 2xx answer between two readings; null when either is missing. */
function perAnswer(before: number | null, after: number | null, ok: number): number | null {
  return before !== null && after !== null && ok > 0 ? (after - before) / ok : null;
}

async function drive(
  url: string,
  pid: number | undefined,
  path: string,
  body: (sequence: number) => string,
  tokens: string[] | null,
  seconds: number,
): Promise<Figures> {
  let sequence = 0;
  const cpuBefore = cpuMsOf(pid);
  const mainBefore = cpuMsOf(pid, pid);
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: "POST",
        path,
        setupRequest: (request) => {
          const n = sequence++;
          const headers: Record<string, string> = { "content-type": "application/json" };
          if (tokens) headers.authorization = `Bearer ${tokens[n % tokens.length]}`;
          return { ...request, headers, body: body(n) };
        },
      },
    ],
  });
  const cpuAfter = cpuMsOf(pid);
  const mainAfter = cpuMsOf(pid, pid);
  const ok = result["2xx"];
  return {
    requestsPerSecond: ok / seconds,
    cpuMsPerRequest: perAnswer(cpuBefore, cpuAfter, ok),
    mainThreadMsPerRequest: perAnswer(mainBefore, mainAfter, ok),
    ok,
    refused: result.non2xx,
    errors: result.errors + result.timeouts,
    p50: result.latency.p50,
    p99: result.latency.p99,
    seconds,
  };
}

interface Round {
  round: number;
  reports: Figures;
  floor: Figures;
  ratio: number;
}

/** The round whose reports per second are the median of all rounds. */
function medianRound(rounds: readonly Round[]): Round {
  const sorted = [...rounds].sort(
    (a, b) => a.reports.requestsPerSecond - b.reports.requestsPerSecond,
  );
  const middle = sorted[Math.floor((sorted.length - 1) / 2)];
  if (!middle) throw new Error("no round was measured");
  return middle;
}

const mark = (pass: boolean) => (pass ? "meets" : "MISSES");
const ms = (value: number | null) => (value === null ? "?" : value.toFixed(2));

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "vouch-bench-"));
  const { source, templates } = headerTemplates();
  const body = bodyFactory(templates);
  const service = await spawnService(
    {
      VOUCH_DATA_DIR: dataDir,
      VOUCH_DURABLE_WRITES: durable ? "1" : "0",
      VOUCH_BENCH_FLOOR: "1",
      LOG_LEVEL: "warn",
    },
    {
      timeoutMs: 120_000,
      nodeArgs: values["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${values["cpu-prof"]}`] : [],
    },
  );
  const pid = service.child.pid;
  try {
    const tokens: string[] = [];
    for (let index = 0; index < userCount; index++) {
      tokens.push(
        await tokenFor(dataDir, { tenant: `tenant-${index % 4}`, user: `user-${index}` }),
      );
    }
    process.stdout.write(
      `bench/ingest: ${source}; ${userCount} users in 4 tenants; ${connections} connections; ${rounds} rounds of ${duration}s per run; SQLite, ${durable ? "durable writes (log fsynced before each answer)" : "durable writes OFF"}\n`,
    );
    if (warmup > 0) {
      await drive(service.url, pid, "/api/v1/reports", body, tokens, warmup);
      await drive(service.url, pid, "/bench/floor", body, null, warmup);
    }
    // This machine's speed drifts from minute to minute: each round measures the reports and
    // the floor back to back, and the targets are judged on the median round.
    const measured: Round[] = [];
    for (let round = 1; round <= rounds; round++) {
      const reports = await drive(service.url, pid, "/api/v1/reports", body, tokens, duration);
      const floor = await drive(service.url, pid, "/bench/floor", body, null, duration);
      const ratio =
        floor.requestsPerSecond > 0 ? reports.requestsPerSecond / floor.requestsPerSecond : 0;
      measured.push({ round, reports, floor, ratio });
    }
    const median = medianRound(measured);
    const { reports, floor, ratio } = median;

    const row = (name: string, figures: Figures) =>
      `${name.padEnd(8)} ${figures.requestsPerSecond.toFixed(0).padStart(7)}/s   p50 ${String(figures.p50).padStart(4)} ms   p99 ${String(figures.p99).padStart(4)} ms   cpu ${ms(figures.cpuMsPerRequest)} ms/req (main thread ${ms(figures.mainThreadMsPerRequest)})   (${figures.ok} answered 2xx, ${figures.refused} refused, ${figures.errors} errors)`;
    const lines = [
      `load     ${loadavg()
        .map((load) => load.toFixed(2))
        .join(" ")} (1, 5, 15 min) on ${cpus().length} cores`,
      ...measured.flatMap((each) => [
        `round ${each.round}${each === median ? " (median)" : ""}`,
        row("reports", each.reports),
        row("floor", each.floor),
        `ratio    ${(each.ratio * 100).toFixed(0)}% of the floor`,
      ]),
      "",
      `target   >= ${TARGETS.reportsPerSecond} reports/s: ${mark(reports.requestsPerSecond >= TARGETS.reportsPerSecond)} (median round)`,
      `target   p99 < ${TARGETS.p99Ms} ms: ${mark(reports.p99 < TARGETS.p99Ms)} (median round)`,
      `target   >= 1/3 of the floor: ${mark(ratio >= TARGETS.floorShare)} (median round)`,
    ];
    process.stdout.write(`${lines.join("\n")}\n`);

    const resultsDir = join(ROOT, "bench/results");
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(
      join(resultsDir, "ingest.json"),
      JSON.stringify(
        {
          at: new Date().toISOString(),
          source,
          connections,
          users: userCount,
          durable,
          loadAverage: loadavg(),
          rounds: measured,
          median: { round: median.round, reports, floor, ratio },
          targets: TARGETS,
        },
        null,
        2,
      ),
    );
  } finally {
    await service.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
