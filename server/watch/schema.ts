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

// A type alias, not an interface: Kysely's withTables needs an implicit index signature.
export type WatchTables = {
  watch_senders: WatchSendersTable;
  watch_catalogue_off: WatchCatalogueOffTable;
  watch_audit: WatchAuditTable;
};

export type WatchDb = Kysely<Database & WatchTables>;

/** Any handle of the store (its db or a transaction of it) seen with the watch tables. */
export function watchDb(db: Kysely<Database>): WatchDb {
  return db.withTables<WatchTables>();
}
