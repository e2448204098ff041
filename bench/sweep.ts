/**
 * bench/sweep: the opt-in Junk sweep end to end against the local Graph fake: one round over
 * 10,000 mailboxes of 20 junked messages each (group listing, delta pages of 10, the headers
 * analysed on the service's analysis threads, the critical-sender look-up, sightings and
 * links written to SQLite with the service's default durable writes), the messages analysed
 * per second and this process's resident memory sampled through the round.
 *
 *   node bin/run-ts.mjs bench/sweep.ts [--mailboxes 10000] [--messages 20] [--concurrency 4]
 *
 * The fake runs in a process of its own, so the memory figure is the sweep's (main thread,
 * analysis threads, SQLite) and not the fake's. Targets: >= 200 messages per second, and at
 * most 300 MB RSS, flat (the last tenth of the round no higher than the peak of the first half
 * plus 10%).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { analysisPool } from "../server/analysis/pool";
import { loadConfig } from "../server/config";
import { openStore } from "../server/storage";
import { watchCriticalSenders } from "../server/sweep/critical";
import { createGraphClient } from "../server/sweep/graph-client";
import { SweepRepository } from "../server/sweep/repository";
import { SweepRunner } from "../server/sweep/runner";
import { sweepDb } from "../server/sweep/schema";

const TARGET_PER_SECOND = 200;
const TARGET_RSS_MB = 300;

const { values } = parseArgs({
  options: {
    mailboxes: { type: "string", default: "10000" },
    messages: { type: "string", default: "20" },
    concurrency: { type: "string", default: "4" },
  },
});
const MAILBOXES = Number(values.mailboxes);
const MESSAGES = Number(values.messages);
const root = resolve(import.meta.dirname, "..");
const mb = (bytes: number) => bytes / 1024 / 1024;

const fake = spawn(
  process.execPath,
  [
    join(root, "bin/run-ts.mjs"),
    join(root, "test/support/fake-graph-process.ts"),
    "--members",
    String(MAILBOXES),
    "--messages",
    String(MESSAGES),
  ],
  { stdio: ["ignore", "pipe", "inherit"] },
);
const first = await new Promise<string>((done, fail) => {
  createInterface({ input: fake.stdout }).once("line", done);
  fake.once("exit", (code) => fail(new Error(`the Graph fake exited (${code})`)));
});
const { env } = JSON.parse(first) as { env: Record<string, string> };

const dataDir = mkdtempSync(join(tmpdir(), "vouch-bench-sweep-"));
const config = loadConfig({
  VOUCH_DATA_DIR: dataDir,
  LOG_LEVEL: "silent",
  ...env,
  VOUCH_SWEEP_PAGE_SIZE: "10",
  VOUCH_SWEEP_CONCURRENCY: values.concurrency,
});
const sweep = config.sweep!;
const store = await openStore({
  sqlitePath: config.database.kind === "sqlite" ? config.database.path : ":memory:",
  durable: config.durableWrites,
});
const analyzer = analysisPool(config.analysisThreads);
const graph = createGraphClient({ config: sweep });
const runner = new SweepRunner({
  config,
  sweep,
  repo: new SweepRepository(store),
  graph,
  analyzer,
  isCritical: watchCriticalSenders(store.db),
});

const rssBefore = process.memoryUsage().rss;
const loadBefore = loadavg();
const samples: { at: number; rss: number }[] = [];
const started = performance.now();
const sampler = setInterval(() => {
  samples.push({ at: performance.now() - started, rss: process.memoryUsage().rss });
}, 250);
const cpuBefore = process.cpuUsage();
const summary = await runner.runRound();
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const after = process.memoryUsage();
const status = readFileSync("/proc/self/status", "utf8");
const rssParts = ["RssAnon", "RssFile", "RssShmem"]
  .map((name) => new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status))
  .map(
    (match, index) =>
      `${["anonymous", "file", "shared"][index]} ${match ? (Number(match[1]) / 1024).toFixed(0) : "?"} MB`,
  )
  .join(", ");
clearInterval(sampler);
const loadAfter = loadavg();

const kept = await sweepDb(store.db)
  .selectFrom("sweep_sightings")
  .select((eb) => eb.fn.countAll<number>().as("n"))
  .executeTakeFirstOrThrow();
await runner.stop();
await analyzer.close();
await store.close();
fake.kill();
rmSync(dataDir, { recursive: true, force: true });

const perSecond = summary.messages / seconds;
const peak = Math.max(...samples.map((sample) => sample.rss));
const half = samples.filter((sample) => sample.at <= (seconds * 1000) / 2);
const lastTenth = samples.filter((sample) => sample.at >= seconds * 1000 * 0.9);
const firstHalfPeak = Math.max(...half.map((sample) => sample.rss));
const lastTenthPeak = Math.max(...lastTenth.map((sample) => sample.rss));
const flat = lastTenthPeak <= firstHalfPeak * 1.1;
const tenths = Array.from({ length: 10 }, (_, index) => {
  const inTenth = samples.filter(
    (sample) =>
      sample.at >= (seconds * 1000 * index) / 10 && sample.at < (seconds * 1000 * (index + 1)) / 10,
  );
  return inTenth.length ? mb(Math.max(...inTenth.map((sample) => sample.rss))).toFixed(0) : "-";
});
const verdict = (ok: boolean) => (ok ? "ok" : "MISSED");

console.log(
  `machine  ${cpus().length} cores, load ${loadBefore.map((load) => load.toFixed(2)).join(" ")} before, ${loadAfter.map((load) => load.toFixed(2)).join(" ")} after`,
);
console.log(
  `round    ${summary.mailboxes} mailboxes, ${summary.messages} messages, ${Number(kept.n)} sightings kept, ${summary.unreadable} unreadable, ${graph.requests} Graph requests, state ${summary.state}${summary.message ? ` (${summary.message})` : ""}`,
);
console.log(
  `         ${seconds.toFixed(1)} s wall, main thread CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, ${config.analysisThreads} analysis thread(s), ${sweep.concurrency} mailboxes at a time`,
);
console.log(
  `speed    ${perSecond.toFixed(0)} messages/s analysed end to end   target >= ${TARGET_PER_SECOND}   ${verdict(perSecond >= TARGET_PER_SECOND)}`,
);
console.log(
  `memory   peak RSS ${mb(peak).toFixed(0)} MB (${mb(rssBefore).toFixed(0)} MB before the round)   target <= ${TARGET_RSS_MB} MB   ${verdict(mb(peak) <= TARGET_RSS_MB)}`,
);
console.log(
  `         RSS peak per tenth of the round (MB): ${tenths.join(" ")}; flat ${verdict(flat)} (last tenth ${mb(lastTenthPeak).toFixed(0)} MB vs first half ${mb(firstHalfPeak).toFixed(0)} MB)`,
);
console.log(
  `         at the end: V8 heap ${mb(after.heapUsed).toFixed(0)} of ${mb(after.heapTotal).toFixed(0)} MB, external ${mb(after.external).toFixed(0)} MB; RSS ${rssParts} (RSS also holds the analysis thread, tsx and SQLite)`,
);
if (summary.state !== "ok" || summary.messages !== MAILBOXES * MESSAGES) {
  console.error(
    `the round did not read every message (${summary.messages} of ${MAILBOXES * MESSAGES})`,
  );
  process.exitCode = 1;
}
