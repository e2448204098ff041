/**
 * The checkpointer's thread (see checkpointer.ts): its own connection to the database and a
 * PASSIVE checkpoint on every tick, which neither waits for the writer nor blocks it. It tells
 * the writer when the log has grown past its limit (a writer that never pauses can keep a
 * passive checkpoint from ever finishing the log) and when it is back under half of it.
 */
import { parentPort, workerData } from "node:worker_threads";
import BetterSqlite3 from "better-sqlite3";
import type { CheckpointWorkerData, CheckpointWorkerMessage } from "./checkpoint-protocol";

const { databasePath, intervalMs, limitFrames } = workerData as CheckpointWorkerData;
const database = new BetterSqlite3(databasePath);
database.pragma("busy_timeout = 5000");

function tell(message: CheckpointWorkerMessage): void {
  parentPort?.postMessage(message);
}

let overLimit = false;

function checkpoint(): void {
  try {
    const [result] = database.pragma("wal_checkpoint(PASSIVE)") as { log: number }[];
    const frames = result?.log ?? 0;
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
