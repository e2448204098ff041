// Entry point of the service's worker threads. The service runs its TypeScript through tsx,
// whose loader hooks do not reach worker threads on Node 20: each worker registers them itself,
// then loads the module named in workerData.module.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.module);
