import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../storage/schema";
import { SWEEP_ALERT_PREFIX, type AlertMessage } from "./alert-message";
import { consoleUrlOf, proposalOfSender } from "./alerts";
import { enqueueForChannels } from "./outbox";
import { watchDb } from "./schema";

/** The Junk sweep found a critical sender's mail in Junk on one day (server/sweep). */
export interface CriticalSighting {
  tenantId: string;
  senderKey: string;
  /** The watch's entry and name for the sender. */
  match: { entryId: string; label: string };
  /** YYYY-MM-DD (UTC) the mail was received. */
  day: string;
  /** Swept mailboxes it was found in so far that day. */
  mailboxes: number;
  receivedAt: string;
  evidence: AlertMessage["evidence"];
}

/** Sweep alerts' ids name the tenant, sender and day, so the same day never alerts twice. */
function sweepAlertId(tenantId: string, senderKey: string, day: string): string {
  const digest = createHash("sha256").update(`${tenantId}\u0000${senderKey}\u0000${day}`);
  return `${SWEEP_ALERT_PREFIX}${digest.digest("hex").slice(0, 40)}`;
}

/**
 * Raises the alert of a critical sender seen in Junk by the sweep, at most once per sender and
 * day (even after an admin acknowledged it), and queues it for every channel like a report's.
 * Runs in the sweep page's transaction, so alert, deliveries and sightings commit together. It
 * records no reporter and no report: a sighting is never a vouch. Answers whether it was new.
 */
export async function recordCriticalSighting(
  trx: Kysely<Database>,
  sighting: CriticalSighting,
  options: { publicOrigin: string; now: Date },
): Promise<boolean> {
  const { tenantId, senderKey, match } = sighting;
  const id = sweepAlertId(tenantId, senderKey, sighting.day);
  const proposal = await proposalOfSender(trx, tenantId, senderKey);
  const inserted = await watchDb(trx)
    .insertInto("watch_alerts")
    .values({
      id,
      tenant_id: tenantId,
      sender_key: senderKey,
      open_key: id,
      entry_id: match.entryId,
      label: match.label,
      authenticated: 1,
      proposal_id: proposal?.id ?? null,
      proposal_status: proposal?.status ?? null,
      reporters: 0,
      reports: 0,
      evidence: JSON.stringify(sighting.evidence),
      first_report_at: sighting.receivedAt,
      last_report_at: sighting.receivedAt,
      created_at: options.now.toISOString(),
      acknowledged_by: null,
      acknowledged_at: null,
    })
    .onConflict((conflict) => conflict.column("id").doNothing())
    .returning("id")
    .execute();
  if (inserted.length === 0) return false;
  const message: AlertMessage = {
    kind: "seen-in-junk",
    alertId: id,
    senderKey,
    label: match.label,
    authenticated: true,
    reporters: 0,
    reports: 0,
    firstReportAt: sighting.receivedAt,
    proposal: proposal ? { id: proposal.id, status: proposal.status } : null,
    evidence: sighting.evidence,
    consoleUrl: consoleUrlOf(options.publicOrigin),
    seenInJunk: { day: sighting.day, mailboxes: sighting.mailboxes },
  };
  await enqueueForChannels(trx, tenantId, id, message, options.now);
  return true;
}
