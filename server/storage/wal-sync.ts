import { closeSync, fdatasync, fsyncSync, openSync } from "node:fs";
import { dirname } from "node:path";

/** Resolves once everything committed before the call is on the disk. */
export type DurabilityBarrier = () => Promise<void>;

export interface WalSync {
  afterCommit: DurabilityBarrier;
  close(): void;
}

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Durable SQLite commits that do not stop the event loop.
 *
 * With `synchronous = FULL`, SQLite fsyncs its write-ahead log inside COMMIT, and better-sqlite3
 * runs COMMIT on the calling thread: every request waits while the disk flushes. Instead the
 * store commits with `synchronous = NORMAL` (the log's frames reach the operating system, and
 * SQLite still syncs the log before each checkpoint and the database after it) and then
 * fdatasyncs the log itself from libuv's thread pool. A write counts as durable, and is
 * acknowledged, only once an fdatasync that began after its commit has returned; callers that
 * arrive while one runs share the next. Recovery replays every committed frame that reached the
 * disk, which is what FULL guarantees as well.
 *
 * Call after the database has been opened in WAL mode, when its `-wal` file exists.
 */
export function syncWalAfterCommit(databasePath: string): WalSync {
  const walPath = `${databasePath}-wal`;
  const fd = openSync(walPath, "r");
  // The log's directory entry must be durable too, once.
  const directory = openSync(dirname(walPath), "r");
  try {
    fsyncSync(directory);
  } finally {
    closeSync(directory);
  }

  let syncing = false;
  let waiting: Waiter[] = [];
  let closed = false;

  function startSync(): void {
    syncing = true;
    const covered = waiting;
    waiting = [];
    fdatasync(fd, (error) => {
      syncing = false;
      for (const waiter of covered) {
        if (error) waiter.reject(error);
        else waiter.resolve();
      }
      if (waiting.length > 0) startSync();
      else if (closed) closeSync(fd);
    });
  }

  return {
    afterCommit: () =>
      new Promise<void>((resolve, reject) => {
        if (closed) {
          reject(new Error("the store is closed"));
          return;
        }
        waiting.push({ resolve, reject });
        if (!syncing) startSync();
      }),
    close() {
      if (closed) return;
      closed = true;
      if (!syncing) closeSync(fd);
    },
  };
}
