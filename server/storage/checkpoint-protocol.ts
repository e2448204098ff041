/** What the checkpoint thread is started with. */
export interface CheckpointWorkerData {
  databasePath: string;
  intervalMs: number;
  /** Log frames (pages) above which a fully copied log is restarted. */
  restartAboveFrames: number;
  /** Frames in the log above which the writer is asked to checkpoint by itself. */
  limitFrames: number;
}

export type CheckpointWorkerMessage =
  | { type: "ready" }
  | { type: "log-too-long"; frames: number }
  | { type: "log-short-again"; frames: number }
  | { type: "error"; message: string };
