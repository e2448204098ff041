import type { Kysely, Transaction } from "kysely";
import type { HeaderAnalysis } from "../../src/analysis/types";
import type { ReportFacts } from "./facts";
import type { ReportKind } from "../../src/api/contract";
import type { SenderEvidence, Signal } from "../identity/evidence";
import type { SenderKey } from "../identity/sender-key";
import type { Database } from "./schema";

export type { Database } from "./schema";
export type { SenderEvidence } from "../identity/evidence";

export type StoreDialect = "sqlite" | "postgres";

/** A transaction of the store. Feature code with its own tables: `trx.withTables<Mine>()`. */
export type StoreTransaction = Transaction<Database>;

export interface OpenStoreOptions {
  /** SQLite file; ignored when `databaseUrl` is given. ":memory:" works for throwaway stores. */
  sqlitePath?: string;
  /** postgres://... : PostgreSQL instead of SQLite. */
  databaseUrl?: string;
  /** SQLite: a write is acknowledged only once it is on the disk (see wal-sync.ts). Default true. */
  durable?: boolean;
  /** SQLite: how long a writer waits for another process's lock, in ms. Default 5000. */
  busyTimeoutMs?: number;
  /** SQLite: what went wrong in the background (the checkpoint thread), for the log. */
  onBackgroundError?: (message: string) => void;
  /** PostgreSQL pool size. Default 10. */
  poolSize?: number;
}

/** What the verdict and authentication looked like, kept after the raw headers are purged. */
export interface ReportSummary {
  junked: boolean | null;
  sfv: string | null;
  scl: number | null;
  bcl: number | null;
  cat: string | null;
  sfty: string | null;
  compauth: { result: string; reason: string | null } | null;
  dmarc: string | null;
  spf: { result: string; aligned: boolean | null } | null;
  dkim: { result: string; domain: string | null; aligned: boolean | null }[];
  findings: string[];
}

interface RecordReportFields {
  tenantId: string;
  reporterId: string;
  internetMessageId: string;
  kind: ReportKind;
  comment?: string | null;
  /** The mailbox the message sat in; defaults to the reporter. */
  mailbox?: string | null;
  /**
   * Whether the caller proved the reporter's access to `mailbox` (a shared or delegated
   * mailbox). Default false: the claim is kept, but counts as the reporter's own mailbox, so
   * mailboxes never outnumber people (mailbox-key.ts).
   */
  mailboxVerified?: boolean;
  /** The raw headers as received; kept until purged. */
  rawHeaders: string;

  /** For tests and imports; defaults to the current time. */
  now?: Date;
}

/**
 * A report to record, with the service's own analysis of `rawHeaders` (never the client's):
 * `analysis` itself, or the `facts` an analysis thread drew from it (facts.ts). One of the two
 * is required (checkRecordInput); given both, the facts are used.
 */
export interface RecordReportInput extends RecordReportFields {
  analysis?: HeaderAnalysis;
  facts?: ReportFacts;
}

export interface StoredReport {
  id: string;
  tenantId: string;
  reporterId: string;
  internetMessageId: string;
  kind: ReportKind;
  comment: string | null;
  mailbox: string;
  /** Whether `mailbox` counts as itself (verified) or as the reporter's own mailbox. */
  mailboxVerified: boolean;
  /** Null when the headers had no From: the report is kept but counts for no sender. */
  sender: SenderKey | null;
  fromDomain: string | null;
  summary: ReportSummary;
  signals: Signal[];
  /** ISO 8601 UTC. */
  createdAt: string;
  retractedAt: string | null;
  /** False once the raw headers were purged after the retention. */
  hasRawHeaders: boolean;
}

/** What a reporter sees about a sender: the pane's "colleagues" line. */
export interface SenderStatusCounts {
  sender: string;
  identityKind: "domain" | "address";
  reporters: number;
  mailboxes: number;
  youReported: boolean;
}

export interface RecordReportResult {
  /**
   * "created" the first time, and again for a message whose report was retracted (it counts
   * again, with the kind now asked for); "duplicate" while the report is active.
   */
  outcome: "created" | "duplicate";
  report: StoredReport;
  /** The sender's counts right after this call, null for a report without sender. */
  sender: SenderStatusCounts | null;
}

export type RetractResult =
  | { outcome: "retracted"; report: StoredReport; sender: SenderStatusCounts | null }
  | { outcome: "not-found" }
  | { outcome: "not-yours" }
  | { outcome: "too-late"; retractableUntil: string };

export interface RetractOptions {
  /** How long after the report its reporter may retract it, in ms. */
  windowMs: number;
  now?: Date;
}

export type SenderSort = "reporters" | "reports" | "lastSeen";

export interface ListSendersOptions {
  sort?: SenderSort;
  /** Default "desc". */
  order?: "asc" | "desc";
  /** Default 50, at most 500. */
  limit?: number;
  /** Rows to skip. Default 0. */
  offset?: number;
  /** Only senders with at least one active report. Default true. */
  activeOnly?: boolean;
}

export interface SenderPage {
  items: SenderEvidence[];
  /** Pass as `offset` for the next page; null on the last page. */
  nextOffset: number | null;
}

/** What changed, given to aggregate listeners beside the sender's new evidence. */
export interface AggregateChange {
  cause: "recorded" | "retracted";
  report: StoredReport;
}

/**
 * Runs inside the transaction that changed the aggregate, after the change. Throwing rolls the
 * whole report (or retraction) back, and the caller gets the error. Query through `trx` only:
 * on SQLite the store's one connection is held by this transaction, so a query through
 * `store.db` would wait for it for ever.
 */
export type AggregateListener = (
  trx: StoreTransaction,
  evidence: SenderEvidence,
  change: AggregateChange,
) => Promise<void>;

export interface ReportStore {
  /** Idempotent per (tenant, reporter, internet message id); one transaction with the aggregate. */
  record(input: RecordReportInput): Promise<RecordReportResult>;
  retract(
    tenantId: string,
    reporterId: string,
    reportId: string,
    options: RetractOptions,
  ): Promise<RetractResult>;
  get(tenantId: string, reportId: string): Promise<StoredReport | null>;
  /** This reporter's report of this message, if any. */
  findByMessage(
    tenantId: string,
    reporterId: string,
    internetMessageId: string,
  ): Promise<StoredReport | null>;
  /** The raw headers while they are retained, else null. */
  rawHeaders(tenantId: string, reportId: string): Promise<string | null>;
  /** Drops the raw headers of reports created before `olderThan`; returns how many. */
  purgeHeaders(olderThan: Date): Promise<number>;
}

export interface SenderStore {
  evidence(tenantId: string, senderKey: string): Promise<SenderEvidence | null>;
  status(
    tenantId: string,
    senderKey: string,
    reporterId: string,
  ): Promise<SenderStatusCounts | null>;
  /** The sender key any report in this tenant of this message counted towards. */
  keyOfMessage(tenantId: string, internetMessageId: string): Promise<string | null>;
  list(tenantId: string, options?: ListSendersOptions): Promise<SenderPage>;
}

export interface Store {
  readonly dialect: StoreDialect;
  /** For feature code with its own tables: `store.db.withTables<Mine>()`. */
  readonly db: Kysely<Database>;
  readonly reports: ReportStore;
  readonly senders: SenderStore;
  /**
   * Runs `work` as a write of the store's own (group commit on SQLite) and resolves once it is
   * durable: for feature code whose writes should be as safe as a report.
   */
  write<T>(work: (trx: StoreTransaction) => Promise<T>): Promise<T>;
  /** Registers a listener run in every transaction that changes an aggregate; returns removal. */
  onAggregateChanged(listener: AggregateListener): () => void;
  /** Throws when the database does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Input the store refuses: the message names the field. Nothing was written. */
export class StoreInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = "StoreInputError";
  }
}
