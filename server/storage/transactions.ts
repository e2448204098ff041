import { CompiledQuery, type Kysely } from "kysely";
import type { Database } from "./schema";
import type { StoreTransaction } from "./types";

/** Runs `work` in a write transaction and resolves once it is committed. */
export type Transact = <T>(work: (trx: StoreTransaction) => Promise<T>) => Promise<T>;

export interface Writer {
  transact: Transact;
  /** Resolves once every write queued so far has settled: call before closing. */
  drain(): Promise<void>;
}

/** PostgreSQL's codes for "run it again": serialization failure, deadlock detected. */
const RETRYABLE = new Set(["40001", "40P01"]);
const ATTEMPTS = 3;

function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && RETRYABLE.has(code);
}

/**
 * One transaction per call: PostgreSQL, where concurrent transactions run side by side. The
 * store's own writes lock in one order (report, per-sender counters, aggregate) and cannot
 * deadlock each other, but listeners lock rows of their own; a transaction the server chose as
 * a deadlock victim was rolled back whole, so running it again is safe.
 */
export function transactionPerCall(db: Kysely<Database>): Writer {
  const inFlight = new Set<Promise<unknown>>();
  const transact: Transact = async (work) => {
    for (let attempt = 1; ; attempt++) {
      try {
        const running = db.transaction().execute(work);
        inFlight.add(running);
        try {
          return await running;
        } finally {
          inFlight.delete(running);
        }
      } catch (error) {
        if (attempt >= ATTEMPTS || !isRetryable(error)) throw error;
      }
    }
  };
  return {
    transact,
    async drain() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}

/** A call whose work ran and was kept: answered with `value` once its batch is durable. */
interface Committed {
  job: Job;
  value: unknown;
}

interface Job {
  work: (trx: StoreTransaction) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Each call of a batch runs inside this savepoint, so a failing call is rolled back alone. */
const SAVEPOINT = {
  open: CompiledQuery.raw("savepoint vouch_write"),
  release: CompiledQuery.raw("release vouch_write"),
  rollback: CompiledQuery.raw("rollback to vouch_write"),
};

export interface GroupCommitOptions {
  /** Most calls in one transaction. */
  maxBatch?: number;
  /**
   * Resolves once a committed batch is on the disk (see wal-sync.ts). Without it a batch is
   * answered when COMMIT returns.
   */
  afterCommit?: () => Promise<void>;
}

/**
 * Group commit for SQLite. SQLite has one writer at a time and a durable commit costs an fsync,
 * so one transaction per report caps throughput at the disk's fsync rate. Calls arriving while a
 * transaction runs are queued and then run together in the next transaction, each inside its
 * own savepoint: a call that throws is rolled back alone and rejected, the others commit
 * together, and nobody's promise resolves before the commit that made its write durable. The next
 * batch may run while the previous one is being synced: its own acknowledgement waits for a sync
 * that covers both.
 */
export function groupCommit(
  db: Kysely<Database>,
  { maxBatch = 256, afterCommit }: GroupCommitOptions = {},
): Writer {
  const queue: Job[] = [];
  let flushing: Promise<void> | null = null;
  const syncing = new Set<Promise<void>>();

  /** Settles every call of the batch that did not fail on its own, once the commit is durable. */
  function acknowledge(committed: readonly Committed[]): void {
    const resolveAll = () => {
      for (const { job, value } of committed) job.resolve(value);
    };
    if (!afterCommit) {
      resolveAll();
      return;
    }
    const durable = afterCommit().then(resolveAll, (error: unknown) => {
      for (const { job } of committed) job.reject(error);
    });
    syncing.add(durable);
    void durable.finally(() => syncing.delete(durable));
  }

  async function runBatch(batch: Job[]): Promise<void> {
    const settled = new Set<Job>();
    const committed: Committed[] = [];
    let trx;
    try {
      trx = await db.startTransaction().execute();
    } catch (error) {
      for (const job of batch) job.reject(error);
      return;
    }
    try {
      for (const job of batch) {
        await trx.executeQuery(SAVEPOINT.open);
        try {
          const value = await job.work(trx);
          await trx.executeQuery(SAVEPOINT.release);
          committed.push({ job, value });
        } catch (error) {
          await trx.executeQuery(SAVEPOINT.rollback);
          await trx.executeQuery(SAVEPOINT.release);
          settled.add(job);
          job.reject(error);
        }
      }
      await trx.commit().execute();
    } catch (error) {
      // The transaction as a whole failed (commit, I/O, a failed rollback to the savepoint):
      // nothing of this batch is stored, so every call still waiting learns it.
      await trx
        .rollback()
        .execute()
        .catch(() => {});
      for (const job of batch) if (!settled.has(job)) job.reject(error);
      return;
    }
    acknowledge(committed);
  }

  async function flush(): Promise<void> {
    try {
      // Wait for the end of this turn of the event loop first: better-sqlite3 is synchronous, so
      // a batch started at once would run (and fsync) before any other request of the same
      // turn had queued its write, and every batch would hold one call. After setImmediate, the
      // requests whose bodies arrived in this turn have all queued, and commit together.
      await new Promise<void>((resolve) => setImmediate(resolve));
      while (queue.length > 0) await runBatch(queue.splice(0, maxBatch));
    } finally {
      flushing = null;
    }
  }

  const transact: Transact = <T>(work: (trx: StoreTransaction) => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      flushing ??= flush();
    });
  return {
    transact,
    async drain() {
      while (flushing || syncing.size > 0) {
        if (flushing) await flushing;
        await Promise.allSettled([...syncing]);
      }
    },
  };
}
