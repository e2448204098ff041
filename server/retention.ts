import type { FastifyBaseLogger } from "fastify";
import type { Store } from "./storage";

const DAY_MS = 86_400_000;

/**
 * Raw headers are kept for VOUCH_RETENTION_DAYS, then only the analysis summary stays. The
 * purge runs once at start and then every VOUCH_PURGE_INTERVAL; its timer never keeps the
 * process alive. Returns the function that stops it.
 */
export function startHeaderPurge(
  store: Store,
  options: { retentionDays: number; intervalMs: number; log: FastifyBaseLogger },
): () => void {
  let running: Promise<void> | null = null;
  const purge = () => {
    if (running) return;
    const olderThan = new Date(Date.now() - options.retentionDays * DAY_MS);
    running = store.reports
      .purgeHeaders(olderThan)
      .then((purged) => {
        if (purged > 0) options.log.info({ purged }, "purged raw headers past retention");
      })
      .catch((error: unknown) => options.log.error({ err: error }, "header purge failed"))
      .finally(() => {
        running = null;
      });
  };
  purge();
  const timer = setInterval(purge, options.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
