import type BetterSqlite3 from "better-sqlite3";
import { once } from "node:events";
import { spawnWorker } from "../workers/spawn";
import type { CheckpointWorkerData, CheckpointWorkerMessage } from "./checkpoint-protocol";

/** SQLite's own default: a checkpoint inside the COMMIT that takes the log past 1000 pages. */
const AUTOMATIC_CHECKPOINT_PAGES = 1000;

export interface Checkpointer {
  /** Ends the thread; the writer checkpoints by itself again. */
  stop(): Promise<void>;
}

export interface CheckpointerOptions {
  intervalMs?: number;
  /** Log frames (pages) above which the thread restarts a fully copied log. */
  restartAboveFrames?: number;
  /** Log frames (pages) above which the writer checkpoints by itself until the log restarts. */
  limitFrames?: number;
  onError?: (message: string) => void;
}

/**
 * Checkpoints off the event loop. A checkpoint copies the write-ahead log back into the database
 * file and fsyncs both; by default SQLite runs one inside whichever COMMIT takes the log past
 * 1000 pages, and better-sqlite3 runs COMMIT on the service's only thread, so every few batches
 * all requests waited for megabytes of writes. Here the writer's automatic checkpoints are off
 * and a worker thread with its own connection runs them (checkpoint-worker.ts): PASSIVE ones,
 * which neither wait for the writer nor block it, and now and then a RESTART in a gap between
 * the writer's batches so the log starts over instead of growing. Past `limitFrames` the writer
 * checkpoints by itself again until the log is short again; `journal_size_limit` then gives the
 * disk space back. Should the thread fail, the writer checkpoints by itself for good.
 */
export async function startCheckpointer(
  writer: BetterSqlite3.Database,
  databasePath: string,
  {
    intervalMs = 50,
    restartAboveFrames = 4_096,
    limitFrames = 65_536,
    onError,
  }: CheckpointerOptions = {},
): Promise<Checkpointer> {
  const data: CheckpointWorkerData = { databasePath, intervalMs, restartAboveFrames, limitFrames };
  const worker = spawnWorker(new URL("./checkpoint-worker.ts", import.meta.url), data);
  const writerCheckpoints = (on: boolean) => {
    if (writer.open) writer.pragma(`wal_autocheckpoint = ${on ? AUTOMATIC_CHECKPOINT_PAGES : 0}`);
  };
  let stopping = false;

  worker.on("message", (message: CheckpointWorkerMessage) => {
    if (message.type === "log-too-long") writerCheckpoints(true);
    else if (message.type === "log-short-again") writerCheckpoints(false);
    else if (message.type === "error") onError?.(`checkpoint: ${message.message}`);
  });
  worker.on("error", (error) => onError?.(`checkpoint thread: ${String(error)}`));
  worker.on("exit", () => {
    writerCheckpoints(true);
    if (!stopping) onError?.("the checkpoint thread ended; the writer checkpoints by itself");
  });

  const [first] = (await once(worker, "message")) as [CheckpointWorkerMessage];
  if (first.type !== "ready") throw new Error("the checkpoint thread did not start");
  const pageSize = writer.pragma("page_size", { simple: true }) as number;
  writer.pragma(`journal_size_limit = ${limitFrames * pageSize}`);
  writerCheckpoints(false);

  return {
    async stop() {
      if (stopping) return;
      stopping = true;
      const exited = once(worker, "exit");
      worker.postMessage("stop");
      await exited;
    },
  };
}
