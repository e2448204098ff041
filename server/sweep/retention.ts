import type { FastifyBaseLogger } from "fastify";
import type { SweepRepository } from "./repository";

const DAY_MS = 86_400_000;

/**
 * Sightings (mailbox and message digests, sender, verdict stamps) are kept for
 * VOUCH_RETENTION_DAYS like reports' raw headers (server/retention.ts), then only the daily
 * counts stay. Runs whether or not the sweep is on, so turning it off still purges what it
 * kept. Returns the function that stops it.
 */
export function startSightingPurge(
  repo: SweepRepository,
  options: { retentionDays: number; intervalMs: number; log: FastifyBaseLogger },
): () => void {
  let running = false;
  const purge = () => {
    if (running) return;
    running = true;
    repo
      .purgeSightings(new Date(Date.now() - options.retentionDays * DAY_MS))
      .then((purged) => {
        if (purged > 0) options.log.info({ purged }, "purged junk sightings past retention");
      })
      .catch((error: unknown) => options.log.error({ err: error }, "junk sighting purge failed"))
      .finally(() => {
        running = false;
      });
  };
  purge();
  const timer = setInterval(purge, options.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
