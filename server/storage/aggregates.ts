import type { SenderEvidence } from "../identity/evidence";
import type { Database, SenderAggregatesTable } from "./schema";
import type { StoreTransaction, StoredReport } from "./types";
import { sql, type Kysely } from "kysely";
import { prepareQuery, type PreparedQuery } from "./prepared";

/**
 * The per-sender counters, changed only inside the transaction that records or retracts a
 * report. Every writer takes its rows in one order: the per-key counters (reporter, mailbox,
 * signals sorted), then the aggregate row. Each counter is one upsert that returns its new
 * value under the row's lock (a row lock on PostgreSQL; SQLite transactions hold the database
 * write lock from BEGIN IMMEDIATE), so whether a distinct count crosses between 0 and 1 is
 * exact; the aggregate then moves by that step in one statement under its own row lock, so it
 * stays exact even with several service processes on one database.
 */

type Reader = Kysely<Database> | StoreTransaction;

interface ReportContribution {
  tenantId: string;
  senderKey: string;
  kind: "domain" | "address";
  authenticated: boolean;
  reporterId: string;
  mailbox: string;
  reportKind: StoredReport["kind"];
  signals: readonly string[];
  createdAt: string;
}

export function contributionOf(report: StoredReport): ReportContribution | null {
  if (!report.sender) return null;
  return {
    tenantId: report.tenantId,
    senderKey: report.sender.key,
    kind: report.sender.kind,
    authenticated: report.sender.authenticated,
    reporterId: report.reporterId,
    mailbox: report.mailbox,
    reportKind: report.kind,
    signals: report.signals,
    createdAt: report.createdAt,
  };
}

/**
 * Creates the aggregate row if missing and locks it, in one statement: the no-op DO UPDATE takes
 * the row lock on PostgreSQL and returns the current values on both engines.
 */
async function lockAggregate(
  trx: StoreTransaction,
  c: ReportContribution,
): Promise<SenderAggregatesTable> {
  return trx
    .insertInto("sender_aggregates")
    .values({
      tenant_id: c.tenantId,
      sender_key: c.senderKey,
      kind: c.kind,
      authenticated: c.authenticated ? 1 : 0,
      reporters: 0,
      mailboxes: 0,
      reports: 0,
      not_spam: 0,
      trusted_sender: 0,
      first_seen: c.createdAt,
      last_seen: c.createdAt,
    })
    .onConflict((conflict) =>
      conflict
        .columns(["tenant_id", "sender_key"])
        .doUpdateSet((eb) => ({ reports: eb.ref("sender_aggregates.reports") })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

type CounterValues = { tenantId: string; senderKey: string; key: string; delta: number };
type SignalValues = Record<string, string | number>;
type AggregateValues = {
  tenantId: string;
  senderKey: string;
  kind: "domain" | "address";
  authenticated: number;
  reporterStep: number;
  mailboxStep: number;
  notSpam: number;
  trustedSender: number;
  createdAt: string;
};

/**
 * The statements that record a report, compiled once per store (prepared.ts): a report is a
 * dozen small statements, and building each one anew cost as much as running it.
 */
function ingestStatements(db: Kysely<Database>) {
  /** Adds `delta` (+1 or -1) to one distinct-counter row; returns its new active count. */
  const bumpReporter = prepareQuery<CounterValues, { active_reports: number }>(
    ["tenantId", "senderKey", "key", "delta"],
    (v) =>
      db
        .insertInto("sender_reporters")
        .values({
          tenant_id: v.tenantId,
          sender_key: v.senderKey,
          reporter_id: v.key,
          active_reports: v.delta,
        })
        .onConflict((conflict) =>
          conflict.columns(["tenant_id", "sender_key", "reporter_id"]).doUpdateSet((eb) => ({
            active_reports: eb("sender_reporters.active_reports", "+", v.delta),
          })),
        )
        .returning("active_reports"),
  );

  const bumpMailbox = prepareQuery<CounterValues, { active_reports: number }>(
    ["tenantId", "senderKey", "key", "delta"],
    (v) =>
      db
        .insertInto("sender_mailboxes")
        .values({
          tenant_id: v.tenantId,
          sender_key: v.senderKey,
          mailbox: v.key,
          active_reports: v.delta,
        })
        .onConflict((conflict) =>
          conflict.columns(["tenant_id", "sender_key", "mailbox"]).doUpdateSet((eb) => ({
            active_reports: eb("sender_mailboxes.active_reports", "+", v.delta),
          })),
        )
        .returning("active_reports"),
  );

  /** One statement per number of signals: `signal0`, `signal1`... and the shared values. */
  const bumpSignalsBySize = new Map<number, PreparedQuery<SignalValues, unknown>>();
  function bumpSignals(size: number): PreparedQuery<SignalValues, unknown> {
    let prepared = bumpSignalsBySize.get(size);
    if (!prepared) {
      const names = ["tenantId", "senderKey", "delta"];
      for (let index = 0; index < size; index++) names.push(`signal${index}`);
      prepared = prepareQuery<SignalValues, unknown>(names, (v) =>
        db
          .insertInto("sender_signals")
          .values(
            Array.from({ length: size }, (_, index) => ({
              tenant_id: v.tenantId as string,
              sender_key: v.senderKey as string,
              signal: v[`signal${index}`] as string,
              active_reports: v.delta as number,
            })),
          )
          .onConflict((conflict) =>
            conflict.columns(["tenant_id", "sender_key", "signal"]).doUpdateSet((eb) => ({
              active_reports: eb("sender_signals.active_reports", "+", v.delta as number),
            })),
          ),
      );
      bumpSignalsBySize.set(size, prepared);
    }
    return prepared;
  }

  /**
   * A recorded report, in one statement: creates the aggregate with this report's counts, or
   * adds them to the current row (read and written under its row lock), widening the seen span.
   */
  const addToAggregate = prepareQuery<AggregateValues, SenderAggregatesTable>(
    [
      "tenantId",
      "senderKey",
      "kind",
      "authenticated",
      "reporterStep",
      "mailboxStep",
      "notSpam",
      "trustedSender",
      "createdAt",
    ],
    (v) =>
      db
        .insertInto("sender_aggregates")
        .values({
          tenant_id: v.tenantId,
          sender_key: v.senderKey,
          kind: v.kind,
          authenticated: v.authenticated as 0 | 1,
          reporters: v.reporterStep,
          mailboxes: v.mailboxStep,
          reports: 1,
          not_spam: v.notSpam,
          trusted_sender: v.trustedSender,
          first_seen: v.createdAt,
          last_seen: v.createdAt,
        })
        .onConflict((conflict) =>
          conflict.columns(["tenant_id", "sender_key"]).doUpdateSet((eb) => ({
            reporters: eb("sender_aggregates.reporters", "+", eb.ref("excluded.reporters")),
            mailboxes: eb("sender_aggregates.mailboxes", "+", eb.ref("excluded.mailboxes")),
            reports: eb("sender_aggregates.reports", "+", 1),
            not_spam: eb("sender_aggregates.not_spam", "+", eb.ref("excluded.not_spam")),
            trusted_sender: eb(
              "sender_aggregates.trusted_sender",
              "+",
              eb.ref("excluded.trusted_sender"),
            ),
            // With no active report before, the span starts over at this report.
            first_seen: sql<string>`case when sender_aggregates.reports = 0 or excluded.first_seen < sender_aggregates.first_seen then excluded.first_seen else sender_aggregates.first_seen end`,
            last_seen: sql<string>`case when sender_aggregates.reports = 0 or excluded.last_seen > sender_aggregates.last_seen then excluded.last_seen else sender_aggregates.last_seen end`,
          })),
        )
        .returningAll(),
  );

  const activeSignals = prepareQuery<
    { tenantId: string; senderKey: string },
    { signal: string; active_reports: number }
  >(["tenantId", "senderKey"], (v) => activeSignalsQuery(db, v.tenantId, v.senderKey));

  return { bumpReporter, bumpMailbox, bumpSignals, addToAggregate, activeSignals };
}

/** The earliest and latest active report of a sender, after a retraction removed one. */
async function activeSpan(trx: StoreTransaction, c: ReportContribution) {
  const row = await trx
    .selectFrom("reports")
    .select((eb) => [eb.fn.min("created_at").as("first"), eb.fn.max("created_at").as("last")])
    .where("tenant_id", "=", c.tenantId)
    .where("sender_key", "=", c.senderKey)
    .where("retracted_at", "is", null)
    .executeTakeFirst();
  return { first: row?.first ?? null, last: row?.last ?? null };
}

export interface AppliedContribution {
  aggregate: SenderAggregatesTable;
  /** Whether the reporter still has an active report for this sender. */
  reporterActive: boolean;
}

/** The writes of recording and retracting a report, for one store. */
export interface AggregateWriter {
  apply(trx: StoreTransaction, c: ReportContribution, delta: 1 | -1): Promise<AppliedContribution>;
  /** The sender's signals with at least one active report, by signal. */
  activeSignals(
    trx: StoreTransaction,
    tenantId: string,
    senderKey: string,
  ): Promise<{ signal: string; active_reports: number }[]>;
}

export function aggregateWriter(db: Kysely<Database>): AggregateWriter {
  const statements = ingestStatements(db);

  async function bumpSignals(trx: StoreTransaction, c: ReportContribution, delta: 1 | -1) {
    if (c.signals.length === 0) return;
    // Sorted, so concurrent writers lock signal rows in the same order.
    const signals = [...new Set(c.signals)].sort();
    const values: SignalValues = { tenantId: c.tenantId, senderKey: c.senderKey, delta };
    signals.forEach((signal, index) => (values[`signal${index}`] = signal));
    await statements.bumpSignals(signals.length).run(trx, values);
  }

  async function apply(
    trx: StoreTransaction,
    c: ReportContribution,
    delta: 1 | -1,
  ): Promise<AppliedContribution> {
    const scope = { tenantId: c.tenantId, senderKey: c.senderKey, delta };
    const reporterActive = await activeCount(
      statements.bumpReporter.run(trx, { ...scope, key: c.reporterId }),
    );
    const mailboxActive = await activeCount(
      statements.bumpMailbox.run(trx, { ...scope, key: c.mailbox }),
    );
    await bumpSignals(trx, c, delta);

    // A distinct count moves only when its per-key count crosses between 0 and 1.
    const distinctStep = (active: number) =>
      delta === 1 ? (active === 1 ? 1 : 0) : active === 0 ? -1 : 0;

    if (delta === 1) {
      const { rows } = await statements.addToAggregate.run(trx, {
        tenantId: c.tenantId,
        senderKey: c.senderKey,
        kind: c.kind,
        authenticated: c.authenticated ? 1 : 0,
        reporterStep: distinctStep(reporterActive),
        mailboxStep: distinctStep(mailboxActive),
        notSpam: c.reportKind === "not-spam" ? 1 : 0,
        trustedSender: c.reportKind === "trusted-sender" ? 1 : 0,
        createdAt: c.createdAt,
      });
      return { aggregate: firstRow(rows), reporterActive: reporterActive > 0 };
    }

    // A retraction (rare): the span may need the remaining active reports, so read, then write.
    const current = await lockAggregate(trx, c);

    let firstSeen = current.first_seen;
    let lastSeen = current.last_seen;
    if (c.createdAt === firstSeen || c.createdAt === lastSeen) {
      // With no active report left the span keeps its last values: when the sender was last seen.
      const span = await activeSpan(trx, c);
      firstSeen = span.first ?? firstSeen;
      lastSeen = span.last ?? lastSeen;
    }

    const aggregate = await trx
      .updateTable("sender_aggregates")
      .set({
        reporters: current.reporters + distinctStep(reporterActive),
        mailboxes: current.mailboxes + distinctStep(mailboxActive),
        reports: current.reports + delta,
        not_spam: current.not_spam + (c.reportKind === "not-spam" ? delta : 0),
        trusted_sender: current.trusted_sender + (c.reportKind === "trusted-sender" ? delta : 0),
        first_seen: firstSeen,
        last_seen: lastSeen,
      })
      .where("tenant_id", "=", c.tenantId)
      .where("sender_key", "=", c.senderKey)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { aggregate, reporterActive: reporterActive > 0 };
  }

  return {
    apply,
    activeSignals: async (trx, tenantId, senderKey) =>
      (await statements.activeSignals.run(trx, { tenantId, senderKey })).rows,
  };
}

function firstRow<Row>(rows: readonly Row[]): Row {
  const row = rows[0];
  if (row === undefined) throw new Error("the upsert returned no row");
  return row;
}

async function activeCount(
  result: Promise<{ rows: { active_reports: number }[] }>,
): Promise<number> {
  return firstRow((await result).rows).active_reports;
}

export function evidenceOf(
  row: SenderAggregatesTable,
  signals: readonly { signal: string; active_reports: number }[],
): SenderEvidence {
  // A null-prototype record: signal ids come from header text and may be "__proto__".
  const counts = Object.create(null) as Record<string, number>;
  for (const { signal, active_reports } of signals) counts[signal] = active_reports;
  return {
    tenantId: row.tenant_id,
    senderKey: row.sender_key,
    kind: row.kind,
    authenticated: row.authenticated === 1,
    reporters: row.reporters,
    mailboxes: row.mailboxes,
    reports: row.reports,
    notSpam: row.not_spam,
    trustedSender: row.trusted_sender,
    signals: counts,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
  };
}

export async function readEvidence(
  db: Reader,
  tenantId: string,
  senderKey: string,
): Promise<SenderEvidence | null> {
  const row = await db
    .selectFrom("sender_aggregates")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("sender_key", "=", senderKey)
    .executeTakeFirst();
  if (!row) return null;
  return evidenceOf(row, await activeSignals(db, tenantId, senderKey));
}

function activeSignalsQuery(db: Reader, tenantId: string, senderKey: string) {
  return db
    .selectFrom("sender_signals")
    .select(["signal", "active_reports"])
    .where("tenant_id", "=", tenantId)
    .where("sender_key", "=", senderKey)
    .where("active_reports", ">", 0)
    .orderBy("signal");
}

/** The sender's signals with at least one active report, by signal. */
export function activeSignals(
  db: Reader,
  tenantId: string,
  senderKey: string,
): Promise<{ signal: string; active_reports: number }[]> {
  return activeSignalsQuery(db, tenantId, senderKey).execute();
}

export async function hasActiveReport(
  db: Reader,
  tenantId: string,
  senderKey: string,
  reporterId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom("sender_reporters")
    .select("active_reports")
    .where("tenant_id", "=", tenantId)
    .where("sender_key", "=", senderKey)
    .where("reporter_id", "=", reporterId)
    .executeTakeFirst();
  return (row?.active_reports ?? 0) > 0;
}
