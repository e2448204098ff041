import type { SenderEvidence } from "../identity/evidence";
import type { Database, SenderAggregatesTable } from "./schema";
import type { StoreTransaction, StoredReport } from "./types";
import { sql, type Kysely } from "kysely";
import { prepareQuery, type PreparedQuery } from "./prepared";

/**
 * The per-sender counters, changed only inside the transaction that records or retracts a
 * report. Every writer takes its rows in one order: the per-key counters (reporter, mailbox,
 * the reporter's signals sorted, the sender's signals sorted), then the aggregate row. Each
 * counter is one upsert that returns its new value under the row's lock (a row lock on
 * PostgreSQL; SQLite transactions hold the database write lock from BEGIN IMMEDIATE), so whether
 * a distinct count crosses between 0 and 1 is exact; the counts of people (per sender, per
 * signal, per trusted-sender kind) then move by that step under their own row locks, so they
 * stay exact even with several service processes on one database.
 */

type Reader = Kysely<Database> | StoreTransaction;

interface ReportContribution {
  tenantId: string;
  senderKey: string;
  kind: "domain" | "address";
  authenticated: boolean;
  reporterId: string;
  /** What the distinct mailbox count counts (mailbox-key.ts), as stored with the report. */
  mailboxKey: string;
  reportKind: StoredReport["kind"];
  signals: readonly string[];
  createdAt: string;
}

export function contributionOf(
  report: StoredReport,
  mailboxKey: string,
): ReportContribution | null {
  if (!report.sender) return null;
  return {
    tenantId: report.tenantId,
    senderKey: report.sender.key,
    kind: report.sender.kind,
    authenticated: report.sender.authenticated,
    reporterId: report.reporterId,
    mailboxKey,
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
      trusted_sender_people: 0,
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
type ReporterValues = CounterValues & { trustedDelta: number };
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
  trustedPeopleStep: number;
  createdAt: string;
};

/** A distinct count moves only when its per-key count crosses between 0 and 1. */
function distinctStep(delta: 1 | -1, active: number): number {
  if (delta === 1) return active === 1 ? 1 : 0;
  return active === 0 ? -1 : 0;
}

/** One prepared statement per number of rows, built on first use. */
function bySize<Values extends Record<string, unknown>, Row>(
  build: (size: number) => PreparedQuery<Values, Row>,
): (size: number) => PreparedQuery<Values, Row> {
  const prepared = new Map<number, PreparedQuery<Values, Row>>();
  return (size) => {
    let query = prepared.get(size);
    if (!query) {
      query = build(size);
      prepared.set(size, query);
    }
    return query;
  };
}

/**
 * The statements that record a report, compiled once per store (prepared.ts): a report is a
 * dozen small statements, and building each one anew cost as much as running it.
 */
function ingestStatements(db: Kysely<Database>) {
  /**
   * Adds `delta` (+1 or -1) to the reporter's active reports of the sender, and `trustedDelta`
   * to the trusted-sender ones; returns both new counts.
   */
  const bumpReporter = prepareQuery<
    ReporterValues,
    { active_reports: number; trusted_sender_reports: number }
  >(["tenantId", "senderKey", "key", "delta", "trustedDelta"], (v) =>
    db
      .insertInto("sender_reporters")
      .values({
        tenant_id: v.tenantId,
        sender_key: v.senderKey,
        reporter_id: v.key,
        active_reports: v.delta,
        trusted_sender_reports: v.trustedDelta,
      })
      .onConflict((conflict) =>
        conflict.columns(["tenant_id", "sender_key", "reporter_id"]).doUpdateSet((eb) => ({
          active_reports: eb("sender_reporters.active_reports", "+", v.delta),
          trusted_sender_reports: eb(
            "sender_reporters.trusted_sender_reports",
            "+",
            v.trustedDelta,
          ),
        })),
      )
      .returning(["active_reports", "trusted_sender_reports"]),
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

  /**
   * The reporter's count of active reports per signal, `delta` for each of `signal0`,
   * `signal1`...; returns each signal's new count (in no particular order).
   */
  const bumpReporterSignals = bySize((size) => {
    const names = ["tenantId", "senderKey", "reporterId", "delta"];
    for (let index = 0; index < size; index++) names.push(`signal${index}`);
    return prepareQuery<SignalValues, { signal: string; active_reports: number }>(names, (v) =>
      db
        .insertInto("sender_signal_reporters")
        .values(
          Array.from({ length: size }, (_, index) => ({
            tenant_id: v.tenantId as string,
            sender_key: v.senderKey as string,
            reporter_id: v.reporterId as string,
            signal: v[`signal${index}`] as string,
            active_reports: v.delta as number,
          })),
        )
        .onConflict((conflict) =>
          conflict
            .columns(["tenant_id", "sender_key", "reporter_id", "signal"])
            .doUpdateSet((eb) => ({
              active_reports: eb("sender_signal_reporters.active_reports", "+", v.delta as number),
            })),
        )
        .returning(["signal", "active_reports"]),
    );
  });

  /**
   * The sender's counts per signal: `delta` reports for each of `signal0`, `signal1`..., and
   * `step0`, `step1`... people (the reporter's own count of that signal crossed 0/1, or not).
   */
  const bumpSignals = bySize((size) => {
    const names = ["tenantId", "senderKey", "delta"];
    for (let index = 0; index < size; index++) names.push(`signal${index}`, `step${index}`);
    return prepareQuery<SignalValues, unknown>(names, (v) =>
      db
        .insertInto("sender_signals")
        .values(
          Array.from({ length: size }, (_, index) => ({
            tenant_id: v.tenantId as string,
            sender_key: v.senderKey as string,
            signal: v[`signal${index}`] as string,
            active_reports: v.delta as number,
            reporters: v[`step${index}`] as number,
          })),
        )
        .onConflict((conflict) =>
          conflict.columns(["tenant_id", "sender_key", "signal"]).doUpdateSet((eb) => ({
            active_reports: eb("sender_signals.active_reports", "+", v.delta as number),
            reporters: eb("sender_signals.reporters", "+", eb.ref("excluded.reporters")),
          })),
        ),
    );
  });

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
      "trustedPeopleStep",
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
          trusted_sender_people: v.trustedPeopleStep,
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
            trusted_sender_people: eb(
              "sender_aggregates.trusted_sender_people",
              "+",
              eb.ref("excluded.trusted_sender_people"),
            ),
            // With no active report before, the span starts over at this report.
            first_seen: sql<string>`case when sender_aggregates.reports = 0 or excluded.first_seen < sender_aggregates.first_seen then excluded.first_seen else sender_aggregates.first_seen end`,
            last_seen: sql<string>`case when sender_aggregates.reports = 0 or excluded.last_seen > sender_aggregates.last_seen then excluded.last_seen else sender_aggregates.last_seen end`,
          })),
        )
        .returningAll(),
  );

  const activeSignals = prepareQuery<{ tenantId: string; senderKey: string }, SignalCounts>(
    ["tenantId", "senderKey"],
    (v) => activeSignalsQuery(db, v.tenantId, v.senderKey),
  );

  return {
    bumpReporter,
    bumpMailbox,
    bumpReporterSignals,
    bumpSignals,
    addToAggregate,
    activeSignals,
  };
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
  ): Promise<SignalCounts[]>;
}

export function aggregateWriter(db: Kysely<Database>): AggregateWriter {
  const statements = ingestStatements(db);

  /**
   * The reporter's per-signal counts, then the sender's: each signal's people move only where
   * the reporter's own count of it crossed 0/1.
   */
  async function bumpSignals(trx: StoreTransaction, c: ReportContribution, delta: 1 | -1) {
    if (c.signals.length === 0) return;
    // Sorted, so concurrent writers lock signal rows in the same order.
    const signals = [...new Set(c.signals)].sort();
    const scope = { tenantId: c.tenantId, senderKey: c.senderKey, delta };
    const mine: SignalValues = { ...scope, reporterId: c.reporterId };
    signals.forEach((signal, index) => (mine[`signal${index}`] = signal));
    const { rows } = await statements.bumpReporterSignals(signals.length).run(trx, mine);
    const active = new Map(rows.map((row) => [row.signal, row.active_reports]));

    const sender: SignalValues = { ...scope };
    signals.forEach((signal, index) => {
      const count = active.get(signal);
      if (count === undefined) throw new Error(`the upsert returned no count for ${signal}`);
      sender[`signal${index}`] = signal;
      sender[`step${index}`] = distinctStep(delta, count);
    });
    await statements.bumpSignals(signals.length).run(trx, sender);
  }

  async function apply(
    trx: StoreTransaction,
    c: ReportContribution,
    delta: 1 | -1,
  ): Promise<AppliedContribution> {
    const scope = { tenantId: c.tenantId, senderKey: c.senderKey, delta };
    const trusted = c.reportKind === "trusted-sender";
    const reporter = firstRow(
      (
        await statements.bumpReporter.run(trx, {
          ...scope,
          key: c.reporterId,
          trustedDelta: trusted ? delta : 0,
        })
      ).rows,
    );
    const mailboxActive = await activeCount(
      statements.bumpMailbox.run(trx, { ...scope, key: c.mailboxKey }),
    );
    await bumpSignals(trx, c, delta);

    const reporterActive = reporter.active_reports;
    const reporterStep = distinctStep(delta, reporterActive);
    const mailboxStep = distinctStep(delta, mailboxActive);
    const trustedPeopleStep = trusted ? distinctStep(delta, reporter.trusted_sender_reports) : 0;

    if (delta === 1) {
      const { rows } = await statements.addToAggregate.run(trx, {
        tenantId: c.tenantId,
        senderKey: c.senderKey,
        kind: c.kind,
        authenticated: c.authenticated ? 1 : 0,
        reporterStep,
        mailboxStep,
        notSpam: c.reportKind === "not-spam" ? 1 : 0,
        trustedSender: trusted ? 1 : 0,
        trustedPeopleStep,
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
        reporters: current.reporters + reporterStep,
        mailboxes: current.mailboxes + mailboxStep,
        reports: current.reports + delta,
        not_spam: current.not_spam + (c.reportKind === "not-spam" ? delta : 0),
        trusted_sender: current.trusted_sender + (trusted ? delta : 0),
        trusted_sender_people: current.trusted_sender_people + trustedPeopleStep,
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

/** One signal of a sender: its active reports and the people behind them. */
export type SignalCounts = { signal: string; active_reports: number; reporters: number };

export function evidenceOf(
  row: SenderAggregatesTable,
  signals: readonly SignalCounts[],
): SenderEvidence {
  // Null-prototype records: signal ids come from header text and may be "__proto__".
  const counts = Object.create(null) as Record<string, number>;
  const people = Object.create(null) as Record<string, number>;
  for (const { signal, active_reports, reporters } of signals) {
    counts[signal] = active_reports;
    people[signal] = reporters;
  }
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
    trustedSenderPeople: row.trusted_sender_people,
    signals: counts,
    signalPeople: people,
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
    .select(["signal", "active_reports", "reporters"])
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
): Promise<SignalCounts[]> {
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
