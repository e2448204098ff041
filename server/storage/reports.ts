import type { Kysely, Selectable } from "kysely";
import {
  aggregateWriter,
  contributionOf,
  evidenceOf,
  hasActiveReport,
  readEvidence,
} from "./aggregates";
import { timeOrderedUuid } from "./ids";
import { checkRecordInput, normalizeMailbox } from "./input";
import { isVerifiedMailboxKey, mailboxKeyOf } from "./mailbox-key";
import { prepareQuery } from "./prepared";
import type { Database, ReportsTable } from "./schema";
import type { Transact } from "./transactions";
import {
  StoreInputError,
  type AggregateChange,
  type AggregateListener,
  type RecordReportInput,
  type RecordReportResult,
  type ReportStore,
  type ReportSummary,
  type RetractOptions,
  type RetractResult,
  type SenderStatusCounts,
  type StoreDialect,
  type StoreTransaction,
  type StoredReport,
} from "./types";

type ReportRow = Selectable<ReportsTable>;

/** Every column but the raw headers, which leave the store only through `rawHeaders()`. */
const REPORT_COLUMNS = [
  "id",
  "tenant_id",
  "reporter_id",
  "internet_message_id",
  "kind",
  "comment",
  "mailbox",
  "mailbox_key",
  "sender_key",
  "sender_kind",
  "sender_authenticated",
  "sender_via",
  "from_domain",
  "summary",
  "signals",
  "created_at",
  "retracted_at",
] as const;

const REPORT_ROW_COLUMNS: readonly (keyof ReportRow)[] = [...REPORT_COLUMNS, "raw_headers"];

type ReportColumns = Omit<ReportRow, "raw_headers"> & { has_raw_headers: number | boolean };

/** `parsed`: the summary and signals when the caller still has them, to skip parsing them back. */
function toReport(
  row: ReportColumns,
  parsed: { summary: ReportSummary; signals: string[] } = {
    summary: JSON.parse(row.summary) as ReportSummary,
    signals: JSON.parse(row.signals) as string[],
  },
): StoredReport {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    reporterId: row.reporter_id,
    internetMessageId: row.internet_message_id,
    kind: row.kind,
    comment: row.comment,
    mailbox: row.mailbox,
    mailboxVerified: isVerifiedMailboxKey(row.mailbox_key),
    sender:
      row.sender_key !== null && row.sender_kind !== null
        ? {
            key: row.sender_key,
            kind: row.sender_kind,
            authenticated: row.sender_authenticated === 1,
            via: row.sender_via,
          }
        : null,
    fromDomain: row.from_domain,
    summary: parsed.summary,
    signals: parsed.signals,
    createdAt: row.created_at,
    retractedAt: row.retracted_at,
    hasRawHeaders: Number(row.has_raw_headers) === 1,
  };
}

type Reader = Kysely<Database> | StoreTransaction;

const PURGE_BATCH = 500;

function selectReports(db: Reader) {
  return db
    .selectFrom("reports")
    .select(REPORT_COLUMNS)
    .select((eb) =>
      eb.case().when("raw_headers", "is", null).then(0).else(1).end().as("has_raw_headers"),
    );
}

async function statusIn(
  db: Reader,
  report: StoredReport,
  reporterId: string,
): Promise<SenderStatusCounts | null> {
  if (!report.sender) return null;
  const evidence = await readEvidence(db, report.tenantId, report.sender.key);
  if (!evidence) return null;
  return {
    sender: evidence.senderKey,
    identityKind: evidence.kind,
    reporters: evidence.reporters,
    mailboxes: evidence.mailboxes,
    youReported: await hasActiveReport(db, report.tenantId, report.sender.key, reporterId),
  };
}

export interface ReportStoreDeps {
  db: Kysely<Database>;
  dialect: StoreDialect;
  /** How write transactions run: group commit on SQLite, one per call on PostgreSQL. */
  transact: Transact;
  listeners: () => readonly AggregateListener[];
}

export function createReportStore({
  db,
  dialect,
  transact,
  listeners,
}: ReportStoreDeps): ReportStore {
  const aggregates = aggregateWriter(db);
  /** Once per reporter and message: a second report of the same message inserts nothing. */
  const insertReport = prepareQuery<ReportRow, { id: string }>(REPORT_ROW_COLUMNS, (row) =>
    db
      .insertInto("reports")
      .values(row)
      .onConflict((conflict) =>
        conflict.columns(["tenant_id", "reporter_id", "internet_message_id"]).doNothing(),
      )
      .returning("id"),
  );
  /**
   * Applies the report to its sender's aggregate and tells the listeners, in `trx`. Returns the
   * reporter's view of the sender afterwards.
   */
  async function changeAggregate(
    trx: StoreTransaction,
    change: AggregateChange,
    mailboxKey: string,
  ): Promise<SenderStatusCounts | null> {
    const contribution = contributionOf(change.report, mailboxKey);
    if (!contribution) return null;
    const delta = change.cause === "recorded" ? 1 : -1;
    const { aggregate, reporterActive } = await aggregates.apply(trx, contribution, delta);
    const current = listeners();
    if (current.length > 0) {
      // The aggregate row is the one just written (returned by its update): only the signals
      // are read back.
      const evidence = evidenceOf(
        aggregate,
        await aggregates.activeSignals(trx, contribution.tenantId, contribution.senderKey),
      );
      for (const listener of current) await listener(trx, evidence, change);
    }
    return {
      sender: aggregate.sender_key,
      identityKind: aggregate.kind,
      reporters: aggregate.reporters,
      mailboxes: aggregate.mailboxes,
      youReported: reporterActive,
    };
  }

  /**
   * A report of a message whose earlier report was retracted counts again: the row (and its id)
   * becomes the new report, with the kind, analysis and time now given. The condition on
   * `retracted_at` makes it one atomic step: of two concurrent re-reports one reactivates, and
   * the other (waiting on the row lock on PostgreSQL) finds an active report, a duplicate.
   */
  async function reactivate(trx: StoreTransaction, row: ReportRow): Promise<{ id: string } | null> {
    const { id: _id, tenant_id, reporter_id, internet_message_id, ...fresh } = row;
    const updated = await trx
      .updateTable("reports")
      .set(fresh)
      .where("tenant_id", "=", tenant_id)
      .where("reporter_id", "=", reporter_id)
      .where("internet_message_id", "=", internet_message_id)
      .where("retracted_at", "is not", null)
      .returning("id")
      .executeTakeFirst();
    return updated ?? null;
  }

  async function record(input: RecordReportInput): Promise<RecordReportResult> {
    const { sender, fromDomain, summary, signals } = checkRecordInput(input);
    const mailbox = normalizeMailbox(input.mailbox, input.reporterId);
    const row: ReportRow = {
      id: timeOrderedUuid(),
      tenant_id: input.tenantId,
      reporter_id: input.reporterId,
      internet_message_id: input.internetMessageId,
      kind: input.kind,
      comment: input.comment ?? null,
      mailbox,
      mailbox_key: mailboxKeyOf(input.reporterId, mailbox, input.mailboxVerified === true),
      sender_key: sender?.key ?? null,
      sender_kind: sender?.kind ?? null,
      sender_authenticated: sender?.authenticated ? 1 : 0,
      sender_via: sender?.via ?? null,
      from_domain: fromDomain,
      summary: JSON.stringify(summary),
      signals: JSON.stringify(signals),
      raw_headers: input.rawHeaders,
      created_at: (input.now ?? new Date()).toISOString(),
      retracted_at: null,
    };

    return transact(async (trx): Promise<RecordReportResult> => {
      const { rows: inserted } = await insertReport.run(trx, row);
      let id = row.id;
      if (inserted.length === 0) {
        const reactivated = await reactivate(trx, row);
        if (!reactivated) {
          const existing = await selectReports(trx)
            .where("tenant_id", "=", input.tenantId)
            .where("reporter_id", "=", input.reporterId)
            .where("internet_message_id", "=", input.internetMessageId)
            .executeTakeFirstOrThrow();
          const report = toReport(existing);
          return {
            outcome: "duplicate",
            report,
            sender: await statusIn(trx, report, input.reporterId),
          };
        }
        id = reactivated.id;
      }

      const { raw_headers, ...rest } = row;
      const report = toReport(
        { ...rest, id, has_raw_headers: raw_headers === null ? 0 : 1 },
        { summary, signals },
      );
      const sender = await changeAggregate(trx, { cause: "recorded", report }, row.mailbox_key);
      return { outcome: "created", report, sender };
    });
  }

  async function retract(
    tenantId: string,
    reporterId: string,
    reportId: string,
    options: RetractOptions,
  ): Promise<RetractResult> {
    if (!Number.isFinite(options.windowMs) || options.windowMs < 0) {
      throw new StoreInputError("windowMs", "must be a finite number of milliseconds, 0 or more");
    }
    const now = options.now ?? new Date();
    if (Number.isNaN(now.getTime())) throw new StoreInputError("now", "must be a valid date");
    return transact(async (trx): Promise<RetractResult> => {
      let select = selectReports(trx).where("tenant_id", "=", tenantId).where("id", "=", reportId);
      if (dialect === "postgres") select = select.forUpdate();
      const row = await select.executeTakeFirst();
      if (!row) return { outcome: "not-found" };
      if (row.reporter_id !== reporterId) return { outcome: "not-yours" };
      const report = toReport(row);
      // Retracting twice is the same as once: nothing more to subtract.
      if (report.retractedAt !== null) {
        return { outcome: "retracted", report, sender: await statusIn(trx, report, reporterId) };
      }
      const until = new Date(Date.parse(report.createdAt) + options.windowMs);
      if (now.getTime() > until.getTime()) {
        return { outcome: "too-late", retractableUntil: until.toISOString() };
      }
      const retractedAt = now.toISOString();
      await trx
        .updateTable("reports")
        // A retracted report keeps its summary for the audit; the headers the person sent go.
        .set({ retracted_at: retractedAt, raw_headers: null })
        .where("tenant_id", "=", tenantId)
        .where("id", "=", reportId)
        .execute();
      const retracted = { ...report, retractedAt };
      const sender = await changeAggregate(
        trx,
        { cause: "retracted", report: retracted },
        row.mailbox_key,
      );
      return { outcome: "retracted", report: retracted, sender };
    });
  }

  async function get(tenantId: string, reportId: string): Promise<StoredReport | null> {
    const row = await selectReports(db)
      .where("tenant_id", "=", tenantId)
      .where("id", "=", reportId)
      .executeTakeFirst();
    return row ? toReport(row) : null;
  }

  async function findByMessage(tenantId: string, reporterId: string, internetMessageId: string) {
    const row = await selectReports(db)
      .where("tenant_id", "=", tenantId)
      .where("reporter_id", "=", reporterId)
      .where("internet_message_id", "=", internetMessageId)
      .executeTakeFirst();
    return row ? toReport(row) : null;
  }

  async function rawHeaders(tenantId: string, reportId: string): Promise<string | null> {
    const row = await db
      .selectFrom("reports")
      .select("raw_headers")
      .where("tenant_id", "=", tenantId)
      .where("id", "=", reportId)
      .executeTakeFirst();
    return row?.raw_headers ?? null;
  }

  async function purgeHeaders(olderThan: Date): Promise<number> {
    // In batches, so SQLite's single writer is never held for long and reports keep flowing.
    const cutoff = olderThan.toISOString();
    let purged = 0;
    for (;;) {
      const result = await db
        .updateTable("reports")
        .set({ raw_headers: null })
        .where("id", "in", (eb) =>
          eb
            .selectFrom("reports")
            .select("id")
            .where("raw_headers", "is not", null)
            .where("created_at", "<", cutoff)
            .limit(PURGE_BATCH),
        )
        .executeTakeFirst();
      const count = Number(result.numUpdatedRows);
      purged += count;
      if (count < PURGE_BATCH) return purged;
    }
  }

  return { record, retract, get, findByMessage, rawHeaders, purgeHeaders };
}
