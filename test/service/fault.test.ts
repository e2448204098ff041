import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { reportResponseSchema } from "../../src/api/contract";
import { openStore, type Store } from "../../server/storage";
import { call, spawnService, tokenFor, type ServiceProcess } from "../support/service";
import { exchangeHeaders } from "../support/service-headers";
import { createTestDatabase, type TestDatabase } from "../support/test-store";

/**
 * The service as separate processes on the test engine's database: killed without warning in
 * the middle of a load, and two of them sharing one database. Acknowledged means kept, exactly
 * once, and every aggregate equals what its reports add up to.
 */

const TENANT = "contoso";
const SENDERS = [
  "alpha.example",
  "bravo.example",
  "charlie.example",
  "delta.example",
  "echo.example",
];

interface Job {
  user: string;
  messageIndex: number;
}

function bodyOf(job: Job) {
  const domain = SENDERS[job.messageIndex % SENDERS.length] ?? "alpha.example";
  const internetMessageId = `<fault-${job.messageIndex}@${domain}>`;
  return {
    internetMessageId,
    headers: exchangeHeaders({ from: `news@${domain}`, messageId: internetMessageId }),
    kind: job.messageIndex % 3 === 0 ? "trusted-sender" : "not-spam",
  };
}

async function environment(): Promise<{
  database: TestDatabase;
  env: Record<string, string>;
  dataDir: string;
}> {
  const database = await createTestDatabase();
  const dataDir = database.env.VOUCH_DATA_DIR ?? mkdtempSync(join(tmpdir(), "vouch-fault-"));
  // Durable writes are what the kill test is about (the default; said here so it stays so).
  return {
    database,
    dataDir,
    env: { ...database.env, VOUCH_DATA_DIR: dataDir, VOUCH_DURABLE_WRITES: "1" },
  };
}

/** Every sender aggregate must equal what its active reports add up to, row by row. */
async function expectAggregatesExact(store: Store): Promise<void> {
  const { rows } = await sql<{
    sender_key: string;
    reports: number | string;
    reporters: number | string;
  }>`
    select sender_key, count(*) as reports, count(distinct reporter_id) as reporters
    from reports where tenant_id = ${TENANT} and retracted_at is null and sender_key is not null
    group by sender_key`.execute(store.db);
  for (const row of rows) {
    const evidence = await store.senders.evidence(TENANT, row.sender_key);
    expect(evidence, row.sender_key).toMatchObject({
      reports: Number(row.reports),
      reporters: Number(row.reporters),
    });
  }
}

/** Runs the jobs with `concurrency` workers, each job sent to `target(job)`. */
async function load<T>(
  jobs: Job[],
  concurrency: number,
  send: (job: Job) => Promise<T>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < jobs.length) {
        const job = jobs[next++];
        if (job) await send(job);
      }
    }),
  );
}

describe("a service killed in the middle of a load", () => {
  it("keeps every acknowledged report exactly once, with exact aggregates, after a restart", async () => {
    const { database, env, dataDir } = await environment();
    const users = Array.from({ length: 10 }, (_, index) => `user-${index}`);
    const tokens = new Map<string, string>();
    for (const user of users) tokens.set(user, await tokenFor(dataDir, { tenant: TENANT, user }));
    const jobs: Job[] = [];
    for (let messageIndex = 0; messageIndex < 60; messageIndex++) {
      for (const user of users) jobs.push({ user, messageIndex });
    }

    let first: ServiceProcess | null = await spawnService(env);
    let second: ServiceProcess | null = null;
    const acknowledged = new Map<string, string>();
    let killed = false;
    try {
      const target = first;
      await load(jobs, 12, async (job) => {
        if (killed) return;
        try {
          const answer = await call(`${target.url}/api/v1/reports`, {
            token: tokens.get(job.user),
            body: bodyOf(job),
          });
          if (answer.status === 201 || answer.status === 200) {
            acknowledged.set(
              `${job.user}|${job.messageIndex}`,
              reportResponseSchema.parse(answer.json).id,
            );
          }
        } catch {
          // Connection refused or reset: the process is gone; this one was never acknowledged.
        }
        if (!killed && acknowledged.size >= 150) {
          killed = true;
          expect(await target.kill("SIGKILL")).toBe("SIGKILL");
        }
      });
      expect(killed).toBe(true);
      expect(acknowledged.size).toBeGreaterThanOrEqual(150);
      first = null;

      second = await spawnService(env);
      // Each acknowledged report is found again: the retry is a duplicate with the same id.
      for (const [key, id] of acknowledged) {
        const [user = "", index = "0"] = key.split("|");
        const again = await call(`${second.url}/api/v1/reports`, {
          token: tokens.get(user),
          body: bodyOf({ user, messageIndex: Number(index) }),
        });
        expect(again.status, key).toBe(200);
        expect(reportResponseSchema.parse(again.json).id, key).toBe(id);
      }
      await second.stop();
      second = null;

      const store = await openStore(database.storeOptions);
      try {
        const { rows } = await sql<{ n: number | string; distinct_n: number | string }>`
          select count(*) as n,
                 count(distinct reporter_id || '|' || internet_message_id) as distinct_n
          from reports where tenant_id = ${TENANT}`.execute(store.db);
        expect(Number(rows[0]?.n)).toBe(Number(rows[0]?.distinct_n));
        expect(Number(rows[0]?.n)).toBeGreaterThanOrEqual(acknowledged.size);
        for (const id of acknowledged.values()) {
          expect(await store.reports.get(TENANT, id), id).not.toBeNull();
        }
        await expectAggregatesExact(store);
      } finally {
        await store.close();
      }
    } finally {
      await first?.kill();
      await second?.kill();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 480_000);
});

describe("a service stopped with SIGTERM in the middle of a load", () => {
  it("answers the requests it took in, keeps what it acknowledged, and exits 0", async () => {
    const { database, env, dataDir } = await environment();
    const token = await tokenFor(dataDir, { tenant: TENANT, user: "graceful" });
    const service = await spawnService(env);
    const acknowledged: string[] = [];
    const failures: number[] = [];
    let exit: Promise<number | NodeJS.Signals | null> | null = null;
    try {
      const jobs = Array.from({ length: 120 }, (_, messageIndex) => ({
        user: "graceful",
        messageIndex,
      }));
      await load(jobs, 10, async (job) => {
        try {
          const answer = await call(`${service.url}/api/v1/reports`, { token, body: bodyOf(job) });
          if (answer.status < 300) acknowledged.push(reportResponseSchema.parse(answer.json).id);
          else failures.push(answer.status);
        } catch {
          // Refused after the listener closed: never acknowledged.
        }
        if (!exit && acknowledged.length >= 20) exit = service.stop();
      });
      expect(await exit).toBe(0);
      // Requests that arrived after the stop began were turned away with a retryable 503 before
      // any handler ran; nothing else failed.
      expect(failures.filter((status) => status !== 503)).toEqual([]);
      const store = await openStore(database.storeOptions);
      try {
        for (const id of acknowledged)
          expect(await store.reports.get(TENANT, id), id).not.toBeNull();
        await expectAggregatesExact(store);
      } finally {
        await store.close();
      }
    } finally {
      await service.kill();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 480_000);
});

describe("two service processes on one database", () => {
  it("count a thousand concurrent reports, duplicates included, exactly", async () => {
    const { database, env, dataDir } = await environment();
    const users = Array.from({ length: 40 }, (_, index) => `person-${index}`);
    const tokens = new Map<string, string>();
    for (const user of users) tokens.set(user, await tokenFor(dataDir, { tenant: TENANT, user }));
    const unique: Job[] = [];
    for (const user of users) {
      for (let messageIndex = 0; messageIndex < 20; messageIndex++)
        unique.push({ user, messageIndex });
    }
    // 800 distinct reports and 200 retries of some of them, in an order that mixes both.
    const jobs = [...unique, ...unique.filter((_, index) => index % 4 === 0)];
    for (let i = jobs.length - 1; i > 0; i--) {
      const j = (i * 7919) % (i + 1);
      [jobs[i], jobs[j]] = [jobs[j] as Job, jobs[i] as Job];
    }
    expect(jobs).toHaveLength(1000);

    const a = await spawnService(env);
    const b = await spawnService(env);
    const statuses = new Map<number, number>();
    const idsByKey = new Map<string, Set<string>>();
    try {
      let turn = 0;
      await load(jobs, 40, async (job) => {
        const target = turn++ % 2 === 0 ? a : b;
        const answer = await call(`${target.url}/api/v1/reports`, {
          token: tokens.get(job.user),
          body: bodyOf(job),
        });
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        if (answer.status < 300) {
          const key = `${job.user}|${job.messageIndex}`;
          const ids = idsByKey.get(key) ?? new Set<string>();
          ids.add(reportResponseSchema.parse(answer.json).id);
          idsByKey.set(key, ids);
        }
      });
      expect(Object.fromEntries(statuses)).toEqual({ 201: 800, 200: 200 });
      expect([...idsByKey.values()].every((ids) => ids.size === 1)).toBe(true);
    } finally {
      await a.stop();
      await b.stop();
    }

    const store = await openStore(database.storeOptions);
    try {
      for (const [index, sender] of SENDERS.entries()) {
        const messages = Array.from({ length: 20 }, (_, m) => m).filter(
          (m) => m % SENDERS.length === index,
        );
        const trusted = messages.filter((m) => m % 3 === 0).length * users.length;
        expect(await store.senders.evidence(TENANT, sender), sender).toMatchObject({
          reports: messages.length * users.length,
          reporters: users.length,
          trustedSender: trusted,
          notSpam: messages.length * users.length - trusted,
        });
      }
      await expectAggregatesExact(store);
    } finally {
      await store.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 600_000);
});
