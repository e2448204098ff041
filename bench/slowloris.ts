/**
 * `npm run bench -- slowloris`: 300 slow connections against a real `vouch serve`, and the
 * service's memory (RSS, from /proc) before, while they hang on, and after the timeouts.
 *
 *  1. unauthenticated, each announcing a 500 KB body and trickling it: answered 401 at once
 *     (authentication runs before the body is read) and disconnected;
 *  2. authenticated (300 people), each trickling a 500 KB report: held until
 *     VOUCH_REQUEST_TIMEOUT, then 408 and dropped;
 *  3. headers that never end: dropped after the headers timeout.
 *
 * Each round runs twice. Target: memory flat: the second round ends where the first did (RSS
 * rarely shrinks once the allocator grew, so the figure to compare is round against round).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnService, tokenFor } from "../test/support/service-process";

const CONNECTIONS = 300;
const ANNOUNCED = 500 * 1024;
const REQUEST_TIMEOUT_S = 10;
const TRICKLE = Buffer.alloc(1024, "a");

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 102.4) / 10;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

interface Slow {
  socket: Socket;
  status: number | null;
  /** The error code of the answer, if it had one. */
  code: string | null;
  closedAt: number | null;
  timer: NodeJS.Timeout;
}

function open(url: string, head: string, trickle: Buffer, everyMs: number): Promise<Slow> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    const slow: Slow = {
      socket,
      status: null,
      code: null,
      closedAt: null,
      timer: setTimeout(() => {}, 0),
    };
    let text = "";
    socket.on("data", (chunk: Buffer) => {
      text += chunk.toString("latin1");
      slow.status ??= Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0) || null;
      slow.code ??= /"error":"([^"]+)"/.exec(text)?.[1] ?? null;
    });
    socket.on("close", () => {
      slow.closedAt = Date.now();
      clearInterval(slow.timer);
    });
    socket.on("error", () => {});
    socket.once("connect", () => {
      socket.write(head);
      // The body (or the next header line) only after the head.
      slow.timer = setInterval(() => {
        if (!socket.destroyed) socket.write(trickle);
      }, everyMs);
      resolve(slow);
    });
    socket.once("error", reject);
  });
}

function postHead(headers: Record<string, string | number>): string {
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return ["POST /api/v1/reports HTTP/1.1", "Host: 127.0.0.1", ...lines, "", ""].join("\r\n");
}

function summary(slows: Slow[]): string {
  const byStatus = new Map<string, number>();
  for (const slow of slows) {
    const key =
      slow.status === null ? "no answer" : `${slow.status}${slow.code ? ` ${slow.code}` : ""}`;
    byStatus.set(key, (byStatus.get(key) ?? 0) + 1);
  }
  const open = slows.filter((slow) => slow.closedAt === null).length;
  const answers = [...byStatus].map(([status, count]) => `${count}× ${status}`).join(", ");
  return `${answers}; still open ${open}`;
}

async function phase(
  name: string,
  pid: number,
  start: () => Promise<Slow[]>,
  holdMs: number,
): Promise<void> {
  const before = rssMb(pid);
  const began = Date.now();
  const slows = await start();
  let peak = rssMb(pid);
  await sleep(2_000);
  const during = rssMb(pid);
  peak = Math.max(peak, during);
  console.log(`${name}`);
  console.log(`  after 2 s:  RSS ${during} MB (before ${before} MB); ${summary(slows)}`);
  while (Date.now() - began < holdMs && slows.some((slow) => slow.closedAt === null)) {
    await sleep(500);
    peak = Math.max(peak, rssMb(pid));
  }
  for (const slow of slows) {
    clearInterval(slow.timer);
    slow.socket.destroy();
  }
  await sleep(1_000);
  const closedIn = slows.map((slow) => (slow.closedAt ?? Date.now()) - began).sort((a, b) => a - b)[
    Math.floor(slows.length / 2)
  ];
  console.log(
    `  end:        RSS ${rssMb(pid)} MB (peak ${peak} MB); ${summary(slows)}; median closed after ${((closedIn ?? 0) / 1000).toFixed(1)} s`,
  );
}

const dataDir = mkdtempSync(join(tmpdir(), "vouch-bench-slowloris-"));
const service = await spawnService({
  VOUCH_DATA_DIR: dataDir,
  VOUCH_REQUEST_TIMEOUT: `${REQUEST_TIMEOUT_S}s`,
  VOUCH_RATE_LIMIT_ANONYMOUS: "off",
  VOUCH_ANALYSIS_THREADS: "1",
});
try {
  const pid = service.child.pid!;
  // Warm up: the first requests load code and open the database.
  const warm = await tokenFor(dataDir, { tenant: "contoso", user: "warm" });
  for (let i = 0; i < 20; i++) {
    await fetch(`${service.url}/api/v1/me`, { headers: { authorization: `Bearer ${warm}` } });
  }
  await sleep(1_000);
  console.log(
    `${CONNECTIONS} connections each, VOUCH_REQUEST_TIMEOUT=${REQUEST_TIMEOUT_S}s; service RSS at rest ${rssMb(pid)} MB`,
  );

  const head = postHead({ "content-type": "application/json", "content-length": ANNOUNCED });
  for (const round of [1, 2]) {
    console.log(`--- round ${round} (flat memory: round 2 ends where round 1 did)`);
    await phase(
      "1. unauthenticated, 500 KB announced, 1 KB every 200 ms",
      pid,
      () =>
        Promise.all(
          Array.from({ length: CONNECTIONS }, () => open(service.url, head, TRICKLE, 200)),
        ),
      5_000,
    );

    const tokens = await Promise.all(
      Array.from({ length: CONNECTIONS }, (_, index) =>
        tokenFor(dataDir, { tenant: "contoso", user: `slow${index}` }),
      ),
    );
    await phase(
      "2. authenticated, 500 KB report, 1 KB every 100 ms",
      pid,
      () =>
        Promise.all(
          tokens.map((token) =>
            open(
              service.url,
              postHead({
                "content-type": "application/json",
                "content-length": ANNOUNCED,
                authorization: `Bearer ${token}`,
              }),
              TRICKLE,
              100,
            ),
          ),
        ),
      (REQUEST_TIMEOUT_S + 8) * 1000,
    );

    await phase(
      "3. headers that never end, one line every second",
      pid,
      () =>
        Promise.all(
          Array.from({ length: CONNECTIONS }, (_, index) =>
            open(
              service.url,
              "POST /api/v1/reports HTTP/1.1\r\nHost: 127.0.0.1\r\n",
              Buffer.from(`X-Slow-${index}: x\r\n`),
              1_000,
            ),
          ),
        ),
      18_000,
    );
  }
  console.log(`service RSS at the end ${rssMb(pid)} MB`);
} finally {
  await service.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
