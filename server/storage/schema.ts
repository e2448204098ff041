/**
 * The tables of the storage layer, as Kysely sees them. The same migrations create them on SQLite
 * and on PostgreSQL, so every column uses a type both engines return identically: text, integer
 * (32-bit on PostgreSQL, so drivers hand back numbers) and ISO 8601 UTC text for instants, whose
 * lexical order is their time order.
 */

/** 0 or 1: SQLite has no boolean and PostgreSQL's would come back as a different JS type. */
export type Flag = 0 | 1;

export interface ReportsTable {
  /** Random UUID. */
  id: string;
  tenant_id: string;
  reporter_id: string;
  internet_message_id: string;
  kind: "not-spam" | "trusted-sender";
  comment: string | null;
  /** The mailbox the message sat in, lower case; the reporter id when not given. */
  mailbox: string;
  /**
   * What the distinct mailbox count counts this report as (mailbox-key.ts): the reporter's own
   * mailbox unless the mailbox was verified. Kept, so a retraction subtracts what was added.
   */
  mailbox_key: string;
  /** Null when the headers carry no From at all: the report is kept but counts for nobody. */
  sender_key: string | null;
  sender_kind: "domain" | "address" | null;
  sender_authenticated: Flag;
  sender_via: "dmarc" | "dkim" | "spf" | "arc" | null;
  from_domain: string | null;
  /** JSON of ReportSummary: verdict and authentication results, never recipients. */
  summary: string;
  /** JSON array of signal ids, sorted. */
  signals: string;
  /** Null once purged after the retention. */
  raw_headers: string | null;
  created_at: string;
  retracted_at: string | null;
}

/** One row per (tenant, sender): the counters over the sender's active reports. */
export interface SenderAggregatesTable {
  tenant_id: string;
  sender_key: string;
  kind: "domain" | "address";
  authenticated: Flag;
  reporters: number;
  mailboxes: number;
  reports: number;
  not_spam: number;
  trusted_sender: number;
  /** Distinct people with an active trusted-sender report. */
  trusted_sender_people: number;
  first_seen: string;
  last_seen: string;
}

/** Active reports per (tenant, sender, reporter): the distinct reporter count is the rows > 0. */
export interface SenderReportersTable {
  tenant_id: string;
  sender_key: string;
  reporter_id: string;
  active_reports: number;
  /** Of those, trusted-sender reports: the trusted-sender people count is the rows > 0. */
  trusted_sender_reports: number;
}

/**
 * Active reports per (tenant, sender, mailbox key): the distinct mailbox count is the rows > 0.
 * `mailbox` holds the reports' `mailbox_key`, not the claimed mailbox.
 */
export interface SenderMailboxesTable {
  tenant_id: string;
  sender_key: string;
  mailbox: string;
  active_reports: number;
}

/** Per (tenant, sender, signal): the active reports carrying it, and the people behind them. */
export interface SenderSignalsTable {
  tenant_id: string;
  sender_key: string;
  signal: string;
  active_reports: number;
  /** Distinct people with an active report carrying the signal: sender_signal_reporters > 0. */
  reporters: number;
}

/** Active reports per (tenant, sender, reporter, signal): a signal's people are the rows > 0. */
export interface SenderSignalReportersTable {
  tenant_id: string;
  sender_key: string;
  reporter_id: string;
  signal: string;
  active_reports: number;
}

export interface Database {
  reports: ReportsTable;
  sender_aggregates: SenderAggregatesTable;
  sender_reporters: SenderReportersTable;
  sender_mailboxes: SenderMailboxesTable;
  sender_signals: SenderSignalsTable;
  sender_signal_reporters: SenderSignalReportersTable;
}
