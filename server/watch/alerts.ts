import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { SenderEvidence } from "../identity/evidence";
import type { ProposalTables } from "../proposals/schema";
import type { Database } from "../storage/schema";
import type { AggregateChange } from "../storage/types";
import { SWEEP_ALERT_PREFIX, type AlertMessage } from "./alert-message";
import type { CriticalMatch } from "./match";
import { enqueueForChannels } from "./outbox";
import { watchDb, type WatchAlertsTable } from "./schema";
import { WatchListError } from "./senders";

export interface AlertView {
  id: string;
  /** "sweep": the Junk sweep saw the sender in Junk (no reporters, no reports: not a vouch). */
  source: "report" | "sweep";
  senderKey: string;
  entryId: string;
  label: string;
  authenticated: boolean;
  proposal: { id: string; status: string } | null;
  reporters: number;
  reports: number;
  evidence: AlertMessage["evidence"];
  firstReportAt: string;
  lastReportAt: string;
  createdAt: string;
  acknowledged: { by: string; at: string } | null;
}

function viewOf(row: WatchAlertsTable): AlertView {
  return {
    id: row.id,
    source: row.id.startsWith(SWEEP_ALERT_PREFIX) ? "sweep" : "report",
    senderKey: row.sender_key,
    entryId: row.entry_id,
    label: row.label,
    authenticated: Number(row.authenticated) === 1,
    proposal:
      row.proposal_id && row.proposal_status
        ? { id: row.proposal_id, status: row.proposal_status }
        : null,
    reporters: Number(row.reporters),
    reports: Number(row.reports),
    evidence: JSON.parse(row.evidence) as AlertMessage["evidence"],
    firstReportAt: row.first_report_at,
    lastReportAt: row.last_report_at,
    createdAt: row.created_at,
    acknowledged:
      row.acknowledged_by && row.acknowledged_at
        ? { by: row.acknowledged_by, at: row.acknowledged_at }
        : null,
  };
}

/** The console's link in an alert. */
export function consoleUrlOf(publicOrigin: string): string {
  return `${publicOrigin.replace(/\/$/, "")}/admin`;
}

/**
 * A report of a critical sender was recorded: raises the sender's alert if none is open (and
 * queues it for every channel), else updates the open one's counts. Runs in the report's own
 * transaction after the proposals' listener, so the alert names the proposal as it now stands,
 * and alert, deliveries and report commit together.
 */
/** The sender's proposal, if it has one: an alert links to it and shows its status. */
export async function proposalOfSender(
  trx: Kysely<Database>,
  tenantId: string,
  senderKey: string,
): Promise<{ id: string; status: string } | undefined> {
  return trx
    .withTables<ProposalTables>()
    .selectFrom("proposals")
    .select(["id", "status"])
    .where("tenant_id", "=", tenantId)
    .where("sender_key", "=", senderKey)
    .executeTakeFirst();
}

export async function recordCriticalReport(
  trx: Kysely<Database>,
  evidence: SenderEvidence,
  change: AggregateChange,
  match: CriticalMatch,
  options: { publicOrigin: string; now: Date },
): Promise<void> {
  const watch = watchDb(trx);
  const { tenantId, senderKey } = evidence;
  const proposal = await proposalOfSender(trx, tenantId, senderKey);
  const stamp = options.now.toISOString();
  const summary = change.report.summary;
  const facts = {
    junked: summary.junked,
    sfv: summary.sfv,
    scl: summary.scl,
    cat: summary.cat,
    dmarc: summary.dmarc,
    compauth: summary.compauth,
  };
  const id = randomUUID();
  const inserted = await watch
    .insertInto("watch_alerts")
    .values({
      id,
      tenant_id: tenantId,
      sender_key: senderKey,
      open_key: senderKey,
      entry_id: match.entryId,
      label: match.label,
      authenticated: match.authenticated ? 1 : 0,
      proposal_id: proposal?.id ?? null,
      proposal_status: proposal?.status ?? null,
      reporters: evidence.reporters,
      reports: evidence.reports,
      evidence: JSON.stringify(facts),
      first_report_at: change.report.createdAt,
      last_report_at: change.report.createdAt,
      created_at: stamp,
      acknowledged_by: null,
      acknowledged_at: null,
    })
    .onConflict((conflict) => conflict.columns(["tenant_id", "open_key"]).doNothing())
    .returning("id")
    .execute();
  if (inserted.length === 0) {
    await watch
      .updateTable("watch_alerts")
      .set({
        reporters: evidence.reporters,
        reports: evidence.reports,
        last_report_at: change.report.createdAt,
        proposal_id: proposal?.id ?? null,
        proposal_status: proposal?.status ?? null,
      })
      .where("tenant_id", "=", tenantId)
      .where("open_key", "=", senderKey)
      .execute();
    return;
  }
  const message: AlertMessage = {
    kind: "critical-sender",
    alertId: id,
    senderKey,
    label: match.label,
    authenticated: match.authenticated,
    reporters: evidence.reporters,
    reports: evidence.reports,
    firstReportAt: change.report.createdAt,
    proposal: proposal ? { id: proposal.id, status: proposal.status } : null,
    evidence: facts,
    consoleUrl: consoleUrlOf(options.publicOrigin),
  };
  await enqueueForChannels(trx, tenantId, id, message, options.now);
}

/** Open alerts (the banner) or the latest ones, newest first. */
export async function listAlerts(
  db: Kysely<Database>,
  tenantId: string,
  options: { open: boolean; limit: number },
): Promise<AlertView[]> {
  let query = watchDb(db).selectFrom("watch_alerts").selectAll().where("tenant_id", "=", tenantId);
  if (options.open) query = query.where("acknowledged_at", "is", null);
  const rows = await query
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(options.limit)
    .execute();
  return rows.map(viewOf);
}

/** An admin saw it: the banner drops it, and the sender's next report raises a new alert. */
export async function acknowledgeAlert(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
  actor: string,
  now: Date,
): Promise<AlertView> {
  const watch = watchDb(db);
  await watch
    .updateTable("watch_alerts")
    .set({ acknowledged_by: actor, acknowledged_at: now.toISOString(), open_key: null })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .where("acknowledged_at", "is", null)
    .execute();
  const row = await watch
    .selectFrom("watch_alerts")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw new WatchListError(404, "not-found", "No such alert.");
  return viewOf(row);
}
