import { randomUUID } from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { ProposalDto } from "../../src/api/admin-contract";
import { prepareQuery, type PreparedQuery } from "../storage/prepared";
import type { Database } from "../storage/schema";
import type { SenderEvidence } from "../identity/evidence";
import { criticalSenderOf } from "../watch/senders";
import { canonicalDomain } from "../identity/domain-name";
import { registrationOf } from "../reputation/registrations";
import {
  expiresAt as expiryFrom,
  EXPIRING_STATUSES,
  STANDING_STATUSES,
  statusAfterAssessment,
  type AuditAction,
  type ProposalStatus,
} from "./lifecycle";
import { assess, domainOfIdentity, type Assessment, type Outcome } from "./rules";
import { approvedEvidenceOf, baselineOf, reviewChanges, type ReviewBaseline } from "./review";
import type { ProposalDb, ProposalRow, ProposalsTable, ProposalTables } from "./schema";
import { withDefaults, type TenantSettings } from "./settings";

/** Any Kysely handle (the store's db or a transaction of it) that sees the proposal tables. */
export type AnyDb = Kysely<Database & ProposalTables>;

export function proposalDb(db: Kysely<Database>): ProposalDb {
  return db.withTables<ProposalTables>();
}

type SenderScope = { tenantId: string; senderKey: string };

/** The proposal statements that every report runs, compiled once per store (prepared.ts). */
export interface ProposalStatements {
  proposalOf: PreparedQuery<SenderScope, ProposalRow>;
  /** What a report's answer shows of the sender's proposal. */
  statusOf: PreparedQuery<
    SenderScope,
    Pick<ProposalsTable, "id" | "status" | "reason" | "decision_note" | "expires_at">
  >;
  countReportDay: PreparedQuery<
    { tenantId: string; day: string; first: number; delta: number },
    unknown
  >;
}

export function proposalStatements(db: ProposalDb): ProposalStatements {
  return {
    proposalOf: prepareQuery(["tenantId", "senderKey"], (v) =>
      db
        .selectFrom("proposals")
        .selectAll()
        .where("tenant_id", "=", v.tenantId)
        .where("sender_key", "=", v.senderKey),
    ),
    statusOf: prepareQuery(["tenantId", "senderKey"], (v) =>
      db
        .selectFrom("proposals")
        .select(["id", "status", "reason", "decision_note", "expires_at"])
        .where("tenant_id", "=", v.tenantId)
        .where("sender_key", "=", v.senderKey),
    ),
    countReportDay: prepareQuery(["tenantId", "day", "first", "delta"], (v) =>
      db
        .insertInto("reports_per_day")
        .values({ tenant_id: v.tenantId, day: v.day, reports: v.first })
        .onConflict((conflict) =>
          conflict
            .columns(["tenant_id", "day"])
            .doUpdateSet({ reports: sql`reports_per_day.reports + ${v.delta}` }),
        ),
    ),
  };
}

export const SYSTEM_ACTOR = "vouch";

const DAY_MS = 86_400_000;

export async function loadSettings(db: AnyDb, tenantId: string): Promise<TenantSettings> {
  const row = await db
    .selectFrom("tenant_settings")
    .select("settings")
    .where("tenant_id", "=", tenantId)
    .executeTakeFirst();
  return withDefaults(row ? (JSON.parse(row.settings) as Partial<TenantSettings>) : null);
}

export async function saveSettings(
  db: AnyDb,
  tenantId: string,
  settings: TenantSettings,
  actor: string,
  now: Date,
): Promise<void> {
  const values = {
    tenant_id: tenantId,
    settings: JSON.stringify(settings),
    updated_by: actor,
    updated_at: now.toISOString(),
  };
  await db
    .insertInto("tenant_settings")
    .values(values)
    .onConflict((conflict) =>
      conflict.column("tenant_id").doUpdateSet({
        settings: values.settings,
        updated_by: values.updated_by,
        updated_at: values.updated_at,
      }),
    )
    .execute();
}

export async function appendAudit(
  db: AnyDb,
  entry: {
    tenantId: string;
    proposalId: string;
    senderKey: string;
    action: AuditAction;
    from: ProposalStatus | null;
    to: ProposalStatus | null;
    actor: string;
    note: string;
    at: Date;
  },
): Promise<void> {
  await db
    .insertInto("proposal_audit")
    .values({
      id: randomUUID(),
      tenant_id: entry.tenantId,
      proposal_id: entry.proposalId,
      sender_key: entry.senderKey,
      action: entry.action,
      from_status: entry.from,
      to_status: entry.to,
      actor: entry.actor,
      note: entry.note,
      at: entry.at.toISOString(),
    })
    .execute();
}

/** Distinct people and mailboxes with an active report of this sender inside the window. */
async function windowCounts(
  db: AnyDb,
  tenantId: string,
  senderKey: string,
  since: Date,
): Promise<{ reporters: number; mailboxes: number }> {
  const row = await db
    .selectFrom("reports")
    .select([
      sql<string | number>`count(distinct reporter_id)`.as("reporters"),
      // What the aggregate counts (storage/mailbox-key.ts), not the mailbox a report names.
      sql<string | number>`count(distinct mailbox_key)`.as("mailboxes"),
    ])
    .where("tenant_id", "=", tenantId)
    .where("sender_key", "=", senderKey)
    .where("retracted_at", "is", null)
    .where("created_at", ">=", since.toISOString())
    .executeTakeFirst();
  return { reporters: Number(row?.reporters ?? 0), mailboxes: Number(row?.mailboxes ?? 0) };
}

async function sameDomainAddressEntries(
  db: AnyDb,
  tenantId: string,
  domain: string,
  senderKey: string,
): Promise<number> {
  const row = await db
    .selectFrom("proposals")
    .select(sql<string | number>`count(*)`.as("n"))
    .where("tenant_id", "=", tenantId)
    .where("entry_domain", "=", domain)
    .where("entry_kind", "=", "address")
    .where("status", "in", ["open", "approved", "applied"])
    .where("sender_key", "!=", senderKey)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The entry columns of a proposal row, as ingest writes them. */
export function entryColumns(
  assessment: Assessment,
): Pick<ProposalsTable, "entry" | "entry_kind" | "entry_domain"> {
  const entry = assessment.entry;
  if (!entry) return { entry: null, entry_kind: null, entry_domain: null };
  if (entry.type === "sender") {
    return {
      entry: JSON.stringify(entry),
      entry_kind: entry.kind,
      entry_domain: domainOfIdentity(entry.value),
    };
  }
  return {
    entry: JSON.stringify(entry),
    entry_kind: "spoof",
    entry_domain: domainOfIdentity(entry.spoofedUser),
  };
}

/** The `assessment` column of a proposal row: what the rules said beyond outcome and entry. */
export function assessmentColumn(assessment: Assessment): string {
  return JSON.stringify({
    refusals: assessment.refusals,
    insights: assessment.insights,
    warnings: assessment.warnings,
    progress: assessment.progress,
  });
}

type Writable = Omit<ProposalRow, "id" | "tenant_id" | "sender_key" | "created_at">;

/** The columns of `next` whose value differs from the stored row's (integers may come back as strings). */
function changedColumns(row: ProposalRow, next: Partial<Writable>): Partial<Writable> {
  const changed: Partial<Record<keyof Writable, unknown>> = {};
  for (const [column, value] of Object.entries(next) as [keyof Writable, unknown][]) {
    const stored = row[column] as unknown;
    const same =
      stored === value ||
      (stored !== null && stored !== undefined && value !== null && value !== undefined
        ? String(stored) === String(value)
        : false);
    if (!same) changed[column] = value;
  }
  return changed as Partial<Writable>;
}

/**
 * Re-assesses one sender after its aggregate changed and upserts its proposal row, in the
 * caller's transaction (the report's own, when called from the aggregate listener).
 */
export async function reassessSender(
  db: AnyDb,
  statements: ProposalStatements,
  evidence: SenderEvidence,
  now: Date,
  options: { actor?: string; settings?: TenantSettings } = {},
): Promise<void> {
  const { tenantId, senderKey } = evidence;
  const settings = options.settings ?? (await loadSettings(db, tenantId));
  const identity = senderKey.replace(/^unverified:/, "");
  const domain = domainOfIdentity(identity);
  const since = new Date(now.getTime() - settings.windowDays * DAY_MS);
  // The window only matters when the counts could open a proposal and some reports are older
  // than the window: otherwise the sender's counts are the window's (or too small either way),
  // and ingest skips the query over the sender's recent reports.
  // One of the tenant's critical senders opens on its first authenticated report (rules.ts).
  const critical = await criticalSenderOf(db, evidence);
  const fastTrack = critical?.authenticated === true;
  const needsWindow =
    evidence.firstSeen < since.toISOString() &&
    evidence.reporters >= (fastTrack ? 1 : settings.minReporters) &&
    evidence.mailboxes >= (fastTrack ? 1 : settings.minMailboxes);
  // The domain's age as the service's own RDAP lookup recorded it (server/reputation).
  const canonical = canonicalDomain(domain);
  const registrable = canonical.ok ? canonical.registrable : null;
  const [window, siblings, existing, registration] = await Promise.all([
    needsWindow
      ? windowCounts(db, tenantId, senderKey, since)
      : Promise.resolve({ reporters: evidence.reporters, mailboxes: evidence.mailboxes }),
    evidence.kind === "address"
      ? sameDomainAddressEntries(db, tenantId, domain, senderKey)
      : Promise.resolve(0),
    statements.proposalOf.run(db, { tenantId, senderKey }).then(({ rows }) => rows[0]),
    registrable ? registrationOf(db, registrable) : Promise.resolve(undefined),
  ]);
  const assessment = assess(evidence, {
    settings,
    now,
    window,
    sameDomainAddressEntries: siblings,
    critical: fastTrack ? { label: critical.label } : null,
    ...(registrable && registration ? { domainAge: { domain: registrable, ...registration } } : {}),
  });
  const current = (existing?.status ?? null) as ProposalStatus | null;
  // An approved entry is compared, never rewritten: what turned since the admin decided.
  const changes =
    existing && current !== null && STANDING_STATUSES.includes(current)
      ? reviewChanges(baselineFrom(existing), evidence, assessment)
      : [];
  const status = statusAfterAssessment(current, assessment.outcome, changes.length > 0);
  const stamp = now.toISOString();
  const review = reviewAfter(existing?.review ?? null, status, changes, stamp);
  const columns = {
    status,
    attention: status === "needs-review" ? 1 : 0,
    outcome: assessment.outcome,
    strength: assessment.strength,
    reason: assessment.reason,
    ...entryColumns(assessment),
    assessment: assessmentColumn(assessment),
    rules_version: assessment.rulesVersion,
    reporters: evidence.reporters,
    mailboxes: evidence.mailboxes,
    reports: evidence.reports,
    first_seen: evidence.firstSeen,
    last_seen: evidence.lastSeen,
    updated_at: stamp,
  };

  if (!existing) {
    const id = randomUUID();
    await db
      .insertInto("proposals")
      .values({
        id,
        tenant_id: tenantId,
        sender_key: senderKey,
        ...columns,
        decided_by: null,
        decided_at: null,
        decision_note: null,
        expires_at: null,
        created_at: stamp,
      })
      .execute();
    // Born open (a critical sender's first report, or a threshold of one): the log says so.
    if (status === "open") {
      await appendAudit(db, {
        tenantId,
        proposalId: id,
        senderKey,
        action: "assess",
        from: null,
        to: status,
        actor: options.actor ?? SYSTEM_ACTOR,
        note: assessment.reason,
        at: now,
      });
    }
    return;
  }
  const reviewNote = review.added.join("; ");

  // New reports renew an approved or applied entry: it lives on after the sender's last report.
  const renewed =
    EXPIRING_STATUSES.includes(status) && existing.decided_at
      ? expiryFrom(existing.decided_at, evidence.lastSeen, settings.expiryDays)
      : existing.expires_at;
  const { updated_at: stamped, ...written } = columns;
  // Only what changed is written: an unchanged status, strength or entry leaves their indexes
  // alone. Nothing changed (a re-assessment with the same result and counts): no write, and
  // updated_at keeps the time of the last real change.
  const changed = changedColumns(existing, {
    ...written,
    expires_at: renewed,
    review: review.column,
  });
  if (Object.keys(changed).length > 0) {
    await db
      .updateTable("proposals")
      .set({ ...changed, updated_at: stamped })
      .where("id", "=", existing.id)
      .execute();
  }
  if (status === "needs-review" && reviewNote !== "") {
    // Each new thing that turned gets its line, also while the proposal already awaits review.
    await appendAudit(db, {
      tenantId,
      proposalId: existing.id,
      senderKey,
      action: "review",
      from: current,
      to: status,
      actor: options.actor ?? SYSTEM_ACTOR,
      note: `Evidence turned: ${reviewNote}. The approved entry stays exportable until an admin decides.`,
      at: now,
    });
  } else if (current !== status) {
    await appendAudit(db, {
      tenantId,
      proposalId: existing.id,
      senderKey,
      action: current === "expired" ? "reopen" : "assess",
      from: current,
      to: status,
      actor: options.actor ?? SYSTEM_ACTOR,
      note: assessment.reason,
      at: now,
    });
  }
}

/** The row's review baseline; a row approved before migration 0102 compares against nothing. */
function baselineFrom(row: ProposalRow): ReviewBaseline {
  return row.approved_baseline
    ? (JSON.parse(row.approved_baseline) as ReviewBaseline)
    : { refusals: {}, infrastructure: null };
}

interface StoredReview {
  at: string;
  changes: string[];
}

/**
 * The review column after a re-assessment: the lines that turned, accumulated while the
 * proposal is in needs-review (a line is added once), null in every other status. `added` are
 * the lines new with this assessment, for the audit log.
 */
function reviewAfter(
  stored: string | null,
  status: ProposalStatus,
  changes: readonly string[],
  stamp: string,
): { column: string | null; added: string[] } {
  if (status !== "needs-review") return { column: null, added: [] };
  const previous = stored ? (JSON.parse(stored) as StoredReview) : null;
  const known = new Set(previous?.changes ?? []);
  const added = changes.filter((change) => !known.has(change));
  if (previous && added.length === 0) return { column: stored, added };
  return {
    column: JSON.stringify({
      at: previous?.at ?? stamp,
      changes: [...(previous?.changes ?? []), ...added],
    } satisfies StoredReview),
    added,
  };
}

/** The approved columns a decision writes: the entry as the admin saw it, and its baseline. */
export function approvedColumns(
  row: ProposalRow,
  evidence: SenderEvidence | null,
  actor: string,
  stamp: string,
): Pick<
  ProposalsTable,
  | "approved_entry"
  | "approved_strength"
  | "approved_reason"
  | "approved_rules_version"
  | "approved_by"
  | "approved_at"
  | "approved_baseline"
> {
  const baseline: ReviewBaseline = evidence
    ? { ...baselineOf(evidence, assessmentOfRow(row)), evidence: approvedEvidenceOf(evidence) }
    : { refusals: {}, infrastructure: null };
  return {
    approved_entry: row.entry,
    approved_strength: Number(row.strength),
    approved_reason: row.reason,
    approved_rules_version: row.rules_version,
    approved_by: actor,
    approved_at: stamp,
    approved_baseline: JSON.stringify(baseline),
  };
}

/** The parts of a stored assessment a baseline needs. */
function assessmentOfRow(row: ProposalRow): Assessment {
  const extra = JSON.parse(row.assessment) as Pick<
    Assessment,
    "refusals" | "insights" | "warnings" | "progress"
  >;
  return {
    rulesVersion: row.rules_version,
    outcome: row.outcome as Outcome,
    entry: row.entry ? (JSON.parse(row.entry) as Assessment["entry"]) : null,
    strength: Number(row.strength),
    reason: row.reason,
    ...extra,
  };
}

/** The report counted (or no longer counted) on its day, for the chart. */
export async function countReportDay(
  db: AnyDb,
  statements: ProposalStatements,
  tenantId: string,
  createdAt: string,
  delta: 1 | -1,
): Promise<void> {
  await statements.countReportDay.run(db, {
    tenantId,
    day: createdAt.slice(0, 10),
    // A day's row never starts below zero.
    first: Math.max(0, delta),
    delta,
  });
}

/**
 * Time moves proposals too: approved or applied entries past their expiry expire, and open
 * proposals whose sender has gone quiet past the window go back to collecting. Cheap (indexed)
 * and idempotent; run before reading.
 */
export async function sweep(
  db: ProposalDb,
  tenantId: string,
  now: Date,
  settings: TenantSettings,
): Promise<void> {
  const stamp = now.toISOString();
  const staleBefore = new Date(now.getTime() - settings.windowDays * DAY_MS).toISOString();
  // One indexed lookup for both: entries past their expiry, open proposals gone quiet.
  const rows = await db
    .selectFrom("proposals")
    .select(["id", "sender_key", "status", "expires_at"])
    .where("tenant_id", "=", tenantId)
    .where((eb) =>
      eb.or([
        eb.and([eb("status", "in", [...EXPIRING_STATUSES]), eb("expires_at", "<", stamp)]),
        eb.and([eb("status", "=", "open"), eb("last_seen", "<", staleBefore)]),
      ]),
    )
    .execute();
  if (rows.length === 0) return;
  await db.transaction().execute(async (trx) => {
    for (const row of rows) {
      const expiring = row.status !== "open";
      const changed = await trx
        .updateTable("proposals")
        .set(
          expiring
            ? { status: "expired", attention: 0, review: null, updated_at: stamp }
            : {
                status: "collecting",
                outcome: "collecting",
                reason: `Collecting evidence: no report in the last ${settings.windowDays} days.`,
                updated_at: stamp,
              },
        )
        .where("id", "=", row.id)
        .where("status", "=", row.status)
        .executeTakeFirst();
      if (!expiring || Number(changed.numUpdatedRows) === 0) continue;
      await appendAudit(trx, {
        tenantId,
        proposalId: row.id,
        senderKey: row.sender_key,
        action: "expire",
        from: row.status as ProposalStatus,
        to: "expired",
        actor: SYSTEM_ACTOR,
        note: `No report for ${settings.expiryDays} days (until ${row.expires_at?.slice(0, 10) ?? "now"}): remove the entry from the list.`,
        at: now,
      });
    }
  });
}

function approvedOf(row: ProposalRow): ProposalDto["approved"] {
  if (!row.approved_entry || !row.approved_at) return null;
  return {
    entry: JSON.parse(row.approved_entry) as NonNullable<ProposalDto["approved"]>["entry"],
    strength: Number(row.approved_strength ?? 0),
    reason: row.approved_reason ?? "",
    rulesVersion: row.approved_rules_version ?? row.rules_version,
    by: row.approved_by ?? "",
    at: row.approved_at,
    evidence: row.approved_baseline
      ? ((JSON.parse(row.approved_baseline) as ReviewBaseline).evidence ?? null)
      : null,
  };
}

export function toDto(row: ProposalRow): ProposalDto {
  const extra = JSON.parse(row.assessment) as Pick<
    ProposalDto,
    "refusals" | "insights" | "warnings" | "progress"
  >;
  return {
    id: row.id,
    senderKey: row.sender_key,
    status: row.status as ProposalDto["status"],
    outcome: row.outcome as Outcome,
    strength: Number(row.strength),
    reason: row.reason,
    entry: row.entry ? (JSON.parse(row.entry) as ProposalDto["entry"]) : null,
    approved: approvedOf(row),
    review:
      row.status === "needs-review" && row.review ? (JSON.parse(row.review) as StoredReview) : null,
    reporters: Number(row.reporters),
    mailboxes: Number(row.mailboxes),
    reports: Number(row.reports),
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    refusals: extra.refusals,
    insights: extra.insights,
    warnings: extra.warnings,
    progress: extra.progress,
    rulesVersion: row.rules_version,
    decision:
      row.decided_by && row.decided_at
        ? { by: row.decided_by, at: row.decided_at, note: row.decision_note ?? "" }
        : null,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
