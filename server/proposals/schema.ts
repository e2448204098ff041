import type { Generated, Kysely, Selectable, Transaction } from "kysely";
import type { Database } from "../storage/schema";

/**
 * The proposals' own tables (migration 0100). Same conventions as the store: text, integer and
 * ISO 8601 UTC text for instants; JSON as text.
 */
export interface ProposalsTable {
  id: string;
  tenant_id: string;
  sender_key: string;
  status: string;
  /** The latest outcome of the rules, whatever the status. */
  outcome: string;
  strength: number;
  reason: string;
  /** JSON ProposalEntry, or null. */
  entry: string | null;
  /** "domain", "address", "spoof" or null: with entry_domain, counts addresses per domain. */
  entry_kind: string | null;
  entry_domain: string | null;
  /** JSON: { refusals, insights, warnings, progress }. */
  assessment: string;
  rules_version: string;
  reporters: number;
  mailboxes: number;
  reports: number;
  first_seen: string;
  last_seen: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
  expires_at: string | null;
  /** What an admin approved (migration 0102): written by decisions only, never by the rules. */
  approved_entry: string | null;
  approved_strength: number | null;
  approved_reason: string | null;
  approved_rules_version: string | null;
  approved_by: string | null;
  approved_at: string | null;
  /** JSON ReviewBaseline: the evidence as it stood when an admin last decided. */
  approved_baseline: string | null;
  /** JSON { at, changes }: set while needs-review. */
  review: string | null;
  /** 1 while needs-review (listed first), else 0. */
  attention: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** A proposal row as read. */
export type ProposalRow = Selectable<ProposalsTable>;

/** Append-only: the code has no update or delete of it. */
export interface ProposalAuditTable {
  id: string;
  tenant_id: string;
  proposal_id: string;
  sender_key: string;
  action: string;
  from_status: string | null;
  to_status: string | null;
  actor: string;
  note: string;
  at: string;
}

export interface TenantSettingsTable {
  tenant_id: string;
  /** JSON Partial<TenantSettings>; defaults fill the rest. */
  settings: string;
  updated_by: string;
  updated_at: string;
}

/** Active reports per day (UTC, by the report's creation), for the console's chart. */
export interface ReportsPerDayTable {
  tenant_id: string;
  day: string;
  reports: number;
}

// A type alias, not an interface: Kysely's withTables needs an implicit index signature.
export type ProposalTables = {
  proposals: ProposalsTable;
  proposal_audit: ProposalAuditTable;
  tenant_settings: TenantSettingsTable;
  reports_per_day: ReportsPerDayTable;
};

export type ProposalDb = Kysely<Database & ProposalTables>;
export type ProposalTrx = Transaction<Database & ProposalTables>;
