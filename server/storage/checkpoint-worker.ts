/**
 * The checkpointer's thread (see checkpointer.ts): its own connection to the database and a
 * PASSIVE checkpoint on every tick, which neither waits for the writer nor blocks it.
 *
 * A passive checkpoint never restarts the log: that happens when a writer finds it fully copied,
 * and a writer that commits every few milliseconds rarely does. So once the log is longer than
 * `restartAboveFrames` and a passive pass has copied all of it, the thread tries a RESTART, which
 * needs the write lock for the few frames committed since: without a busy timeout it takes the
 * lock only in a gap between the writer's batches, or gives up until the next tick. Should the
 * log still outgrow `limitFrames`, the thread asks the writer to checkpoint by itself until it is
 * back under half of that.
 */
import { parentPort, workerData } from "node:worker_threads";
import BetterSqlite3 from "better-sqlite3";
import type { CheckpointWorkerData, CheckpointWorkerMessage } from "./checkpoint-protocol";

const { databasePath, intervalMs, restartAboveFrames, limitFrames } =
  workerData as CheckpointWorkerData;
// Never wait for a lock: a checkpoint that would have to wait is tried again on the next tick.
const database = new BetterSqlite3(databasePath, { timeout: 0 });

interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

function run(mode: "PASSIVE" | "RESTART"): CheckpointResult {
  const [result] = database.pragma(`wal_checkpoint(${mode})`) as CheckpointResult[];
  return result ?? { busy: 0, log: 0, checkpointed: 0 };
}

function tell(message: CheckpointWorkerMessage): void {
  parentPort?.postMessage(message);
}

let overLimit = false;

function checkpoint(): void {
  try {
    const passive = run("PASSIVE");
    let frames = passive.log;
    if (frames > restartAboveFrames && passive.checkpointed === frames) {
      const restart = run("RESTART");
      if (restart.busy === 0) frames = restart.log;
    }
    if (!overLimit && frames > limitFrames) {
      overLimit = true;
      tell({ type: "log-too-long", frames });
    } else if (overLimit && frames <= limitFrames / 2) {
      overLimit = false;
      tell({ type: "log-short-again", frames });
    }
  } catch (error) {
    tell({ type: "error", message: String(error) });
  }
}

const timer = setInterval(checkpoint, intervalMs);
parentPort?.on("message", (message: unknown) => {
  if (message !== "stop") return;
  clearInterval(timer);
  database.close();
  parentPort?.close();
});
tell({ type: "ready" });
