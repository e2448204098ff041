import { Worker } from "node:worker_threads";

const BOOT = new URL("./boot.mjs", import.meta.url);

/**
 * A worker thread running the TypeScript module at `module` (a file URL) with `data`. It does not
 * inherit the process's Node options: they were meant for the main script (`--input-type` of an
 * inline script, for one, would stop the thread from loading its module).
 */
export function spawnWorker(module: URL, data: object = {}): Worker {
  return new Worker(BOOT, { workerData: { ...data, module: module.href }, execArgv: [] });
}
