import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../storage/schema";

/** A tenant's own critical sender (migration 0200). */
export interface WatchSendersTable {
  id: string;
  tenant_id: string;
  /** "domain" or "address". */
  kind: string;
  /** Canonical (validateIdentity): lower-case A-labels. */
  value: string;
  /** 1: a domain entry that also covers its subdomains. */
  subdomains: number;
  label: string;
  note: string;
  added_by: string;
  added_at: string;
}

/** A catalogue entry the tenant took off its list. */
export interface WatchCatalogueOffTable {
  tenant_id: string;
  entry_id: string;
  removed_by: string;
  removed_at: string;
}

/** Append-only: who changed the watch list (and, later, the alert channels), when and why. */
export interface WatchAuditTable {
  id: string;
  tenant_id: string;
  action: string;
  subject: string;
  actor: string;
  note: string;
  at: string;
}

/**
 * One alert per critical sender key while no admin has acknowledged it (migration 0201): the
 * first report raises it, later ones only update its counts.
 */
export interface WatchAlertsTable {
  id: string;
  tenant_id: string;
  sender_key: string;
  /** sender_key while unacknowledged, null after: unique per tenant, so one open alert per key. */
  open_key: string | null;
  entry_id: string;
  label: string;
  /** 0: the From named a critical sender that nothing vouched for. */
  authenticated: number;
  proposal_id: string | null;
  proposal_status: string | null;
  reporters: number;
  reports: number;
  /** JSON ReportSummary of the first report: the evidence the alert carries. */
  evidence: string;
  first_report_at: string;
  last_report_at: string;
  created_at: string;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
}

/** Where a tenant's alerts go: a Teams Workflows webhook, Graph sendMail or a JSON webhook. */
export interface WatchChannelsTable {
  id: string;
  tenant_id: string;
  kind: string;
  name: string;
  language: string;
  enabled: number;
  /** JSON of the kind's settings, secrets included: never sent to a browser, never logged. */
  config: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  /** The latest delivery: "delivered", "retrying" or "failed", when, and what went wrong. */
  last_state: string | null;
  last_at: string | null;
  last_error: string | null;
}

/** Deliveries still to make, written in the report's transaction: nothing lost on a restart. */
export interface WatchOutboxTable {
  id: string;
  tenant_id: string;
  channel_id: string;
  alert_id: string | null;
  /** JSON AlertMessage: what to say, fixed when the alert was raised. */
  payload: string;
  /** "pending", "delivered" or "failed" (attempts used up). */
  state: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

// A type alias, not an interface: Kysely's withTables needs an implicit index signature.
export type WatchTables = {
  watch_senders: WatchSendersTable;
  watch_catalogue_off: WatchCatalogueOffTable;
  watch_audit: WatchAuditTable;
  watch_alerts: WatchAlertsTable;
  watch_channels: WatchChannelsTable;
  watch_outbox: WatchOutboxTable;
};

export type WatchDb = Kysely<Database & WatchTables>;

/** Any handle of the store (its db or a transaction of it) seen with the watch tables. */
export function watchDb(db: Kysely<Database>): WatchDb {
  return db.withTables<WatchTables>();
}

/** One line of the watch's append-only audit log, in the caller's transaction. */
export async function appendWatchAudit(
  db: WatchDb,
  entry: { tenantId: string; action: string; subject: string; actor: string; note: string },
  at: Date,
): Promise<void> {
  await db
    .insertInto("watch_audit")
    .values({
      id: randomUUID(),
      tenant_id: entry.tenantId,
      action: entry.action,
      subject: entry.subject,
      actor: entry.actor,
      note: entry.note,
      at: at.toISOString(),
    })
    .execute();
}
