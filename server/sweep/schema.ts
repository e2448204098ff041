import type { Generated, Kysely, Transaction } from "kysely";
import type { Database } from "../storage/schema";

/**
 * The sweep's own tables (migration 0220). Same conventions as the store: text, integer, ISO
 * 8601 UTC text for instants. No message content is kept: a sighting is the sender key, a
 * digest of the mailbox and of the message id, the day, and the verdict's stamps; the headers
 * are analysed in memory and dropped.
 */

export type MailboxState =
  "pending" | "ok" | "out-of-scope" | "not-found" | "throttled" | "error" | "left-group";

/** One row per (tenant, group member): where its Junk sweep stands. */
export interface SweepMailboxesTable {
  tenant_id: string;
  /** The member's Entra object id: what Graph's /users/{id} takes. */
  user_id: string;
  /** Its mail address (or UPN), for the admin to recognise it; null when Graph gave none. */
  address: string | null;
  state: MailboxState;
  /** Graph's words when the state is not ok (a 403's message, say). */
  message: string | null;
  /** Where the current delta round continues (@odata.nextLink), null between rounds. */
  next_link: string | null;
  /** Where the next round starts (@odata.deltaLink), null before the first complete round. */
  delta_link: string | null;
  /** The member listing that last saw it in the group. */
  seen_round: string;
  /** Messages read and sightings kept, over the mailbox's whole life. */
  messages: Generated<number>;
  sightings: Generated<number>;
  /** A throttled mailbox is not asked again before this instant. */
  retry_at: string | null;
  last_swept_at: string | null;
  last_success_at: string | null;
  updated_at: string;
}

/**
 * A message of an authenticated sender seen in one mailbox's Junk Email folder. Unique on
 * (tenant, mailbox, message): a page read twice (a retry, a restart, an expired delta link)
 * never counts twice. Purged after VOUCH_RETENTION_DAYS; sweep_daily keeps the counts.
 */
export interface SweepSightingsTable {
  tenant_id: string;
  /** mailboxDigest of the member's address (server/routes/reports.ts), as reports keep it. */
  mailbox_key: string;
  /** A keyed digest of the Internet Message-ID (Graph's id when there is none). */
  message_key: string;
  sender_key: string;
  /** 1 when the critical-sender matcher knew the sender at the time. */
  critical: number;
  critical_name: string | null;
  /** JSON: the verdict's stamps (sfv, scl, bcl, cat, dmarc, compauth), never recipients. */
  verdict: string;
  /** When Exchange received it (ISO), and that day (YYYY-MM-DD, UTC). */
  received_at: string;
  day: string;
  created_at: string;
}

/** Junked messages per (tenant, sender, day): the trend's source, kept past the retention. */
export interface SweepDailyTable {
  tenant_id: string;
  sender_key: string;
  day: string;
  messages: number;
  critical: number;
}

/** One row per tenant: the last round, and the lease that keeps one process sweeping at once. */
export interface SweepTenantTable {
  tenant_id: string;
  state: string;
  message: string | null;
  round_started_at: string | null;
  round_finished_at: string | null;
  round_messages: Generated<number>;
  round_sightings: Generated<number>;
  lease_owner: string | null;
  lease_until: string | null;
  updated_at: string;
}

// A type alias, not an interface: Kysely's withTables needs an implicit index signature.
export type SweepTables = {
  sweep_mailboxes: SweepMailboxesTable;
  sweep_sightings: SweepSightingsTable;
  sweep_daily: SweepDailyTable;
  sweep_tenant: SweepTenantTable;
};

export type SweepDb = Kysely<Database & SweepTables>;
export type SweepTrx = Transaction<Database & SweepTables>;

export function sweepDb(db: Kysely<Database>): SweepDb {
  return db.withTables<SweepTables>();
}
