import { Worker } from "node:worker_threads";

const BOOT = new URL("./boot.mjs", import.meta.url);

/**
 * In the service's bundle (bin/service-bundle.mjs): each worker module's source URL → its
 * bundled entry. Undefined when the code runs from source through tsx (tests, scripts).
 */
declare const VOUCH_BUNDLED_WORKERS: Record<string, string> | undefined;
const bundled = typeof VOUCH_BUNDLED_WORKERS === "undefined" ? {} : VOUCH_BUNDLED_WORKERS;

/**
 * The threads' messages are small (a report's headers, a delta page, a checkpoint request) and
 * short-lived: a young generation of 12 MB holds them, where V8's default lets each thread's grow
 * to several times that (an analysis thread's heap went from about 60 MB to 37 MB).
 */
const resourceLimits = { maxYoungGenerationSizeMb: 12 };

/**
 * A worker thread running the TypeScript module at `module` (a file URL) with `data`: its
 * bundled entry when the service runs from its bundle, else the source through boot.mjs (tsx).
 * It does not inherit the process's Node options: they were meant for the main script
 * (`--input-type` of an inline script, for one, would stop the thread from loading its module).
 */
export function spawnWorker(module: URL, data: object = {}): Worker {
  const entry = bundled[module.href];
  if (entry) return new Worker(new URL(entry), { workerData: data, execArgv: [], resourceLimits });
  return new Worker(BOOT, {
    workerData: { ...data, module: module.href },
    execArgv: [],
    resourceLimits,
  });
}
