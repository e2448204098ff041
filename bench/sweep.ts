/**
 * bench/sweep: the opt-in Junk sweep end to end, as it runs in production: `vouch serve` as a
 * process of its own (bin/vouch.mjs, its analysis and checkpoint threads, SQLite with durable
 * writes) sweeps the local Graph fake (another process) in one round, started through the admin
 * API: group listing, delta pages of 10, the headers analysed on the analysis threads, the
 * critical-sender look-up, sightings and links written to the store. It prints the messages
 * analysed per second and the service process's resident memory (every thread of it: the kernel's
 * VmRSS sampled through the round, and its high-water mark VmHWM at the end).
 *
 *   npm run bench -- sweep                                  10,000 mailboxes x 20 messages
 *   npm run bench -- sweep --mailboxes 2000 [--messages 20] [--concurrency 4]
 *
 * Targets (issue 14): >= 200 messages per second, and at most 300 MB peak RSS over 10,000
 * mailboxes x 20 messages, flat (the last tenth of the round no higher than the peak of the
 * first half plus 10%).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import type { SweepStatusDto } from "../src/api/sweep-contract";
import { SWEEP_PATHS } from "../src/api/sweep-contract";
import { spawnService, tokenFor } from "../test/support/service-process";

const TARGET_PER_SECOND = 200;
const TARGET_RSS_MB = 300;
const ISSUE_MAILBOXES = 10_000;
const ISSUE_MESSAGES = 20;

const { values } = parseArgs({
  options: {
    mailboxes: { type: "string", default: String(ISSUE_MAILBOXES) },
    messages: { type: "string", default: String(ISSUE_MESSAGES) },
    concurrency: { type: "string", default: "4" },
  },
});
const MAILBOXES = Number(values.mailboxes);
const MESSAGES = Number(values.messages);
const root = resolve(import.meta.dirname, "..");
const mb = (kb: number) => kb / 1024;

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
const { env: graphEnv } = JSON.parse(first) as { env: Record<string, string> };

const dataDir = mkdtempSync(join(tmpdir(), "vouch-bench-sweep-"));
const service = await spawnService({
  VOUCH_DATA_DIR: dataDir,
  ...graphEnv,
  VOUCH_SWEEP_PAGE_SIZE: "10",
  VOUCH_SWEEP_CONCURRENCY: values.concurrency,
  // The round is started below, through the admin API, once the sampling runs.
  VOUCH_SWEEP_START_DELAY: "24h",
});
const pid = service.child.pid as number;
const token = await tokenFor(dataDir, {
  tenant: graphEnv.VOUCH_SWEEP_TENANT_ID as string,
  user: "bench-admin",
  admin: true,
});
const api = async <T>(path: string, method = "GET"): Promise<T> => {
  const response = await fetch(`${service.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
};

/** The service process's /proc status fields in kB (VmRSS, VmHWM, RssAnon...): all its threads. */
function statusKb(name: string): number {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(
    readFileSync(`/proc/${pid}/status`, "utf8"),
  );
  return match ? Number(match[1]) : Number.NaN;
}
/** CPU seconds the service process spent so far, every thread (utime + stime). */
function cpuSeconds(): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
const threads = () => /^Threads:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];

const rssBefore = statusKb("VmRSS");
const threadsBefore = threads();
const loadBefore = loadavg();
const cpuBefore = cpuSeconds();
const samples: { at: number; rss: number }[] = [];
const started = performance.now();
const sampler = setInterval(() => {
  samples.push({ at: performance.now() - started, rss: statusKb("VmRSS") });
}, 250);
await api(SWEEP_PATHS.run, "POST");
let status: SweepStatusDto;
do {
  await sleep(500);
  status = await api<SweepStatusDto>(SWEEP_PATHS.status);
} while (status.state === "running" || !status.roundFinishedAt);
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
const cpu = cpuSeconds() - cpuBefore;
const loadAfter = loadavg();
const peakHwm = statusKb("VmHWM");
const rssParts = ["RssAnon", "RssFile", "RssShmem"]
  .map(
    (name, index) =>
      `${["anonymous", "file", "shared"][index]} ${mb(statusKb(name)).toFixed(0)} MB`,
  )
  .join(", ");
const threadsAfter = threads();

await service.stop();
fake.kill();
rmSync(dataDir, { recursive: true, force: true });

const perSecond = status.roundMessages / seconds;
const peakSampled = Math.max(...samples.map((sample) => sample.rss));
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
const issueLoad = MAILBOXES === ISSUE_MAILBOXES && MESSAGES === ISSUE_MESSAGES;
const states = Object.entries(status.mailboxes)
  .map(([state, n]) => `${n} ${state}`)
  .join(", ");

console.log(
  `machine  ${cpus().length} cores, load ${loadBefore.map((load) => load.toFixed(2)).join(" ")} before, ${loadAfter.map((load) => load.toFixed(2)).join(" ")} after`,
);
console.log(
  `load     ${MAILBOXES} mailboxes x ${MESSAGES} messages${issueLoad ? " (the issue's load)" : ` (NOT the issue's load: ${ISSUE_MAILBOXES} x ${ISSUE_MESSAGES} is the default)`}, ${values.concurrency} mailboxes at a time, pages of 10`,
);
console.log(
  `round    ${status.roundMessages} messages, ${status.roundSightings} sightings kept, mailboxes ${states}, state ${status.state}${status.message ? ` (${status.message})` : ""}`,
);
console.log(
  `         ${seconds.toFixed(1)} s wall, service process CPU ${cpu.toFixed(1)} s (all threads), ${threadsBefore} threads before, ${threadsAfter} after`,
);
console.log(
  `speed    ${perSecond.toFixed(0)} messages/s analysed end to end   target >= ${TARGET_PER_SECOND}   ${verdict(perSecond >= TARGET_PER_SECOND)}`,
);
console.log(
  `memory   service process peak RSS ${mb(peakHwm).toFixed(0)} MB (VmHWM, all threads; sampled peak ${mb(peakSampled).toFixed(0)} MB, ${mb(rssBefore).toFixed(0)} MB before the round)   target <= ${TARGET_RSS_MB} MB   ${verdict(mb(peakHwm) <= TARGET_RSS_MB)}`,
);
console.log(
  `         RSS peak per tenth of the round (MB): ${tenths.join(" ")}; flat ${verdict(flat)} (last tenth ${mb(lastTenthPeak).toFixed(0)} MB vs first half ${mb(firstHalfPeak).toFixed(0)} MB)`,
);
console.log(`         at the end: RSS ${rssParts}`);
if (status.state !== "ok" || status.roundMessages !== MAILBOXES * MESSAGES) {
  console.error(
    `the round did not read every message (${status.roundMessages} of ${MAILBOXES * MESSAGES})`,
  );
  process.exitCode = 1;
}
