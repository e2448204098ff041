import { sql } from "kysely";
import type {
  AuditEntryDto,
  CampaignInsightDto,
  AuditPage,
  DecisionActionDto,
  DecisionResultDto,
  RemovalDto,
  ExportFormatDto,
  InsightsResponse,
  ProposalDetail,
  ProposalDto,
  ProposalListQuery,
  ProposalPage,
  StatsResponse,
} from "../../src/api/admin-contract";
import { exportProposals, type ExportFile, type ExportProposal } from "../exports";
import { removalScript } from "../exports/powershell";
import type { Store } from "../storage";
import type { ReportSummary } from "../storage/types";
import { AUTH_SIGNALS, type SenderEvidence } from "../identity/evidence";
import { infrastructuresIn, INFRA_SIGNAL_PREFIX } from "../identity/infrastructure";
import {
  decide,
  expiresAt,
  PROPOSAL_STATUSES,
  STANDING_STATUSES,
  type ProposalStatus,
} from "./lifecycle";
import {
  type AnyDb,
  type ProposalStatements,
  appendAudit,
  approvedColumns,
  countReportDay,
  loadSettings,
  proposalDb,
  proposalStatements,
  reassessSender,
  saveSettings,
  sweep,
  toDto,
} from "./repository";
import { INSIGHT_SETTINGS } from "./rules";
import type { ReviewBaseline } from "./review";
import type { ProposalAuditTable, ProposalDb, ProposalRow, ProposalTables } from "./schema";
import type { TenantSettings } from "./settings";

const MACHINE_STATUSES: ReadonlySet<ProposalStatus> = new Set([
  "collecting",
  "open",
  "refused",
  "insight",
]);

/**
 * Refusals that mean someone is imitating a sender people know: when many people vouch for one
 * of these, the insights name it as a campaign. "look-alike" and "mixed-script" are the sender
 * identity's refusals (server/identity), the others the rules' (rules.ts).
 */
const CAMPAIGN_REFUSALS: ReadonlySet<string> = new Set([
  "look-alike",
  "mixed-script",
  "impersonation",
  "phishing",
  "high-confidence-phishing",
]);

/** How many of the latest reports the detail view summarises. */
export const SAMPLE_REPORTS = 5;

export class ProposalError extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 422,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ProposalError";
  }
}

/**
 * Reads sweep expiries at most this often per tenant and process, and reuse a tenant's
 * settings this long: expiry counts in days, and settings change rarely (this process forgets
 * its copy at once when it saves them; other processes within this time).
 */
export const SWEEP_EVERY_MS = 5_000;
export const SETTINGS_TTL_MS = 5_000;

/** A process's copy of each tenant's settings, kept SETTINGS_TTL_MS; forget() on save. */
export class SettingsCache {
  private readonly entries = new Map<string, { at: number; value: TenantSettings }>();
  /** Bumped by forget(): a read that started before a save must not cache what it read. */
  private generation = 0;

  constructor(private readonly clock: () => Date = () => new Date()) {}

  async get(db: AnyDb, tenantId: string): Promise<TenantSettings> {
    const now = this.clock().getTime();
    const cached = this.entries.get(tenantId);
    if (cached && now - cached.at < SETTINGS_TTL_MS) return cached.value;
    const generation = this.generation;
    const value = await loadSettings(db, tenantId);
    if (generation === this.generation) this.entries.set(tenantId, { at: now, value });
    return value;
  }

  forget(tenantId: string): void {
    this.generation += 1;
    this.entries.delete(tenantId);
  }
}

/**
 * Keeps proposal rows current as reports arrive: runs in the report's own transaction, so a
 * report and its proposal commit together or not at all. Returns the removal. With `settings`
 * (the service's cache, see routes.ts) the listener reuses the process's copy of the tenant's
 * settings; without, it reads them on every call.
 */
export function attachProposals(
  store: Store,
  clock: () => Date = () => new Date(),
  settings?: SettingsCache,
): () => void {
  const statements = proposalStatements(proposalDb(store.db));
  return store.onAggregateChanged(async (trx, evidence, change) => {
    const db = trx.withTables<ProposalTables>();
    const reportTime = new Date(change.report.createdAt);
    const wall = clock();
    const now = reportTime > wall ? reportTime : wall;
    await countReportDay(
      db,
      statements,
      evidence.tenantId,
      change.report.createdAt,
      change.cause === "recorded" ? 1 : -1,
    );
    await reassessSender(
      db,
      statements,
      evidence,
      now,
      settings ? { settings: await settings.get(db, evidence.tenantId) } : {},
    );
  });
}

export class ProposalService {
  readonly db: ProposalDb;
  private readonly lastSweep = new Map<string, number>();
  /** Shared with the aggregate listener of this process (routes.ts). */
  readonly settingsCache: SettingsCache;
  private readonly statements: ProposalStatements;

  constructor(
    readonly store: Store,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.db = proposalDb(store.db);
    this.settingsCache = new SettingsCache(clock);
    this.statements = proposalStatements(this.db);
  }

  private async tenantSettings(tenantId: string): Promise<TenantSettings> {
    return this.settingsCache.get(this.db, tenantId);
  }

  /** Time moves proposals too (expiry, quiet senders): applied before reads, throttled. */
  private async sweep(tenantId: string, force = false): Promise<void> {
    const now = this.clock();
    const last = this.lastSweep.get(tenantId);
    if (!force && last !== undefined && now.getTime() - last < SWEEP_EVERY_MS) return;
    await sweep(this.db, tenantId, now, await this.tenantSettings(tenantId));
    this.lastSweep.set(tenantId, now.getTime());
  }

  async list(tenantId: string, query: ProposalListQuery): Promise<ProposalPage> {
    await this.sweep(tenantId);
    let base = this.db.selectFrom("proposals").where("tenant_id", "=", tenantId);
    if (query.status) base = base.where("status", "=", query.status);
    const [rows, total] = await Promise.all([
      base
        .selectAll()
        // needs-review first (attention = 1), through the (tenant, attention, strength, id) index.
        .orderBy("attention", "desc")
        .orderBy("strength", "desc")
        .orderBy("id", "desc")
        .limit(query.limit + 1)
        .offset(query.offset)
        .execute(),
      base.select(sql<string | number>`count(*)`.as("n")).executeTakeFirst(),
    ]);
    const more = rows.length > query.limit;
    return {
      items: rows.slice(0, query.limit).map(toDto),
      total: Number(total?.n ?? 0),
      nextOffset: more ? query.offset + query.limit : null,
    };
  }

  private async row(tenantId: string, id: string) {
    const row = await this.db
      .selectFrom("proposals")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .executeTakeFirst();
    if (!row) throw new ProposalError(404, "not-found", "proposal does not exist");
    return row;
  }

  async get(tenantId: string, id: string): Promise<ProposalDto> {
    await this.sweep(tenantId);
    return toDto(await this.row(tenantId, id));
  }

  async detail(tenantId: string, id: string): Promise<ProposalDetail> {
    await this.sweep(tenantId);
    const row = await this.row(tenantId, id);
    const [evidence, samples, audit] = await Promise.all([
      this.store.senders.evidence(tenantId, row.sender_key),
      this.db
        .selectFrom("reports")
        .select(["created_at", "kind", "comment", "summary"])
        .where("tenant_id", "=", tenantId)
        .where("sender_key", "=", row.sender_key)
        .where("retracted_at", "is", null)
        .orderBy("created_at", "desc")
        .limit(SAMPLE_REPORTS)
        .execute(),
      this.db
        .selectFrom("proposal_audit")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .where("proposal_id", "=", id)
        .orderBy("at", "desc")
        .orderBy("id", "desc")
        .limit(100)
        .execute(),
    ]);
    const signals = evidence?.signals ?? {};
    const authSignals = new Set<string>(Object.values(AUTH_SIGNALS));
    return {
      ...toDto(row),
      evidence: {
        notSpam: evidence?.notSpam ?? 0,
        trustedSender: evidence?.trustedSender ?? 0,
        auth: {
          dmarcPass: signals[AUTH_SIGNALS.dmarcPass] ?? 0,
          dkimAlignedPass: signals[AUTH_SIGNALS.dkimAlignedPass] ?? 0,
          spfAlignedPass: signals[AUTH_SIGNALS.spfAlignedPass] ?? 0,
        },
        signals: Object.entries(signals)
          .filter(
            ([signal, count]) =>
              count > 0 &&
              !authSignals.has(signal) &&
              !signal.startsWith(INFRA_SIGNAL_PREFIX.ptr) &&
              !signal.startsWith(INFRA_SIGNAL_PREFIX.ip24),
          )
          .map(([signal, reports]) => ({ signal, reports }))
          .sort((a, b) => b.reports - a.reports || a.signal.localeCompare(b.signal)),
        infrastructures: infrastructuresIn(signals).map(({ infrastructure, reports }) => ({
          ...infrastructure,
          reports,
        })),
        samples: samples.map((sample) => {
          const summary = JSON.parse(sample.summary) as ReportSummary;
          return {
            createdAt: sample.created_at,
            kind: sample.kind,
            comment: sample.comment,
            junked: summary.junked,
            sfv: summary.sfv,
            scl: summary.scl,
            bcl: summary.bcl,
            cat: summary.cat,
            sfty: summary.sfty,
            dmarc: summary.dmarc,
            compauth: summary.compauth,
            spf: summary.spf,
            dkim: summary.dkim,
            findings: summary.findings,
          };
        }),
      },
      audit: audit.map(auditDto),
    };
  }

  /**
   * An admin's decision. Approving takes the rules' current entry into the approved columns
   * (from needs-review it keeps the approved entry and takes the evidence as it stands now as the
   * new baseline); reject and revoke need a note and a confirmation, and when they take back an
   * approved entry the answer carries its removal script.
   */
  async decide(
    tenantId: string,
    id: string,
    action: DecisionActionDto,
    actor: string,
    body: { note: string; confirm: boolean },
  ): Promise<DecisionResultDto> {
    const now = this.clock();
    // A decision always sees expiry as of now, never a throttled view.
    await this.sweep(tenantId, true);
    const settings = await this.tenantSettings(tenantId);
    const note = body.note.trim();
    // The evidence a new baseline is taken from, read before the transaction (on SQLite the
    // store's handle waits for the transaction's connection).
    const before = await this.row(tenantId, id);
    const evidence =
      action === "approve" || action === "mark-applied"
        ? await this.store.senders.evidence(tenantId, before.sender_key)
        : null;
    const dto = await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom("proposals")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .where("id", "=", id)
        .executeTakeFirst();
      if (!row) throw new ProposalError(404, "not-found", "proposal does not exist");
      const from = row.status as ProposalStatus;
      const result = decide(action, from, {
        note,
        confirm: body.confirm,
        outcome: row.outcome as ProposalDto["outcome"],
        hasEntry: row.entry !== null,
        decidedAt: row.decided_at,
        lastSeen: row.last_seen,
      });
      if (!result.ok) throw new ProposalError(result.status, result.code, result.message);
      const stamp = now.toISOString();
      const expires = STANDING_STATUSES.includes(result.to)
        ? expiresAt(stamp, row.last_seen, settings.expiryDays)
        : null;
      const approved = approvedUpdate(row, evidence, action, from, actor, stamp);
      const updated = await trx
        .updateTable("proposals")
        .set({
          status: result.to,
          decided_by: actor,
          decided_at: stamp,
          decision_note: note,
          expires_at: expires,
          attention: 0,
          review: null,
          updated_at: stamp,
          ...approved,
        })
        .where("id", "=", id)
        .where("status", "=", from)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) {
        throw new ProposalError(409, "conflict", "the proposal changed meanwhile; reload it");
      }
      await appendAudit(trx, {
        tenantId,
        proposalId: id,
        senderKey: row.sender_key,
        action,
        from,
        to: result.to,
        actor,
        note,
        at: now,
      });
      const fresh = await trx
        .selectFrom("proposals")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      return toDto(fresh);
    });
    return { ...dto, removal: await this.removalFor(tenantId, dto) };
  }

  /** The removal script of an approved entry a reject or revoke took back; else null. */
  private async removalFor(tenantId: string, dto: ProposalDto): Promise<RemovalDto | null> {
    if ((dto.status !== "revoked" && dto.status !== "rejected") || !dto.approved) return null;
    const settings = await this.tenantSettings(tenantId);
    const body = removalScript([await this.toExport(tenantId, dto)], {
      plan: settings.tablPlan,
      generatedAt: this.clock(),
    });
    return {
      fileName: `vouch-${dto.id}-removal.ps1`,
      contentType: "text/plain; charset=utf-8",
      body,
    };
  }

  private async toExport(tenantId: string, dto: ProposalDto): Promise<ExportProposal> {
    const evidence: SenderEvidence | null = await this.store.senders.evidence(
      tenantId,
      dto.senderKey,
    );
    const signals = evidence?.signals ?? {};
    // Once decided, exports write what the admin approved (or its removal), never the latest
    // assessment: a later report cannot change what goes into the list.
    const decided = !MACHINE_STATUSES.has(dto.status);
    const approved = decided ? dto.approved : null;
    return {
      id: dto.id,
      status: dto.status,
      senderKey: dto.senderKey,
      entry: decided ? (approved?.entry ?? null) : dto.entry,
      strength: approved?.strength ?? dto.strength,
      reason: approved?.reason ?? dto.reason,
      rulesVersion: approved?.rulesVersion ?? dto.rulesVersion,
      evidence: approved?.evidence ?? {
        reporters: dto.reporters,
        mailboxes: dto.mailboxes,
        reports: dto.reports,
        notSpam: evidence?.notSpam ?? 0,
        trustedSender: evidence?.trustedSender ?? 0,
        dmarcPass: signals[AUTH_SIGNALS.dmarcPass] ?? 0,
        dkimAlignedPass: signals[AUTH_SIGNALS.dkimAlignedPass] ?? 0,
        spfAlignedPass: signals[AUTH_SIGNALS.spfAlignedPass] ?? 0,
        firstSeen: dto.firstSeen,
        lastSeen: dto.lastSeen,
      },
      refusals: dto.refusals,
      warnings: dto.warnings,
      decision: dto.decision,
      expiresAt: dto.expiresAt,
    };
  }

  /** Sender allow entries already applied in the tenant, besides `exceptId`. */
  private async appliedEntries(tenantId: string, exceptId: string | null) {
    let query = this.db
      .selectFrom("proposals")
      .select(["entry_kind", sql<string | number>`count(*)`.as("n")])
      .where("tenant_id", "=", tenantId)
      .where("status", "=", "applied")
      .groupBy("entry_kind");
    if (exceptId) query = query.where("id", "!=", exceptId);
    const rows = await query.execute();
    let allow = 0;
    let spoof = 0;
    for (const row of rows) {
      if (row.entry_kind === "spoof") spoof += Number(row.n);
      else if (row.entry_kind) allow += Number(row.n);
    }
    return { existingAllowEntries: allow, existingSpoofEntries: spoof };
  }

  async exportOne(tenantId: string, id: string, format: ExportFormatDto): Promise<ExportFile> {
    const dto = await this.get(tenantId, id);
    const settings = await this.tenantSettings(tenantId);
    const proposal = await this.toExport(tenantId, dto);
    const existing = await this.appliedEntries(tenantId, id);
    return exportProposals(format, [proposal], {
      plan: settings.tablPlan,
      generatedAt: this.clock(),
      single: true,
      baseName: `vouch-${dto.id}`,
      ...existing,
    });
  }

  async exportMany(
    tenantId: string,
    format: ExportFormatDto,
    scope: "approved" | "revoked" | "all",
  ): Promise<ExportFile> {
    await this.sweep(tenantId);
    const statuses: ProposalStatus[] =
      scope === "approved"
        ? [...STANDING_STATUSES]
        : scope === "revoked"
          ? ["revoked", "expired", "rejected"]
          : [...PROPOSAL_STATUSES];
    const rows = await this.db
      .selectFrom("proposals")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("status", "in", statuses)
      .orderBy("attention", "desc")
      .orderBy("strength", "desc")
      .orderBy("id", "desc")
      .execute();
    const proposals = await Promise.all(rows.map((row) => this.toExport(tenantId, toDto(row))));
    const settings = await this.tenantSettings(tenantId);
    const baseName = `vouch-${scope}-${this.clock().toISOString().slice(0, 10)}`;
    if (format === "powershell" && scope === "revoked") {
      return {
        body: removalScript(proposals, { plan: settings.tablPlan, generatedAt: this.clock() }),
        contentType: "text/plain; charset=utf-8",
        fileName: `${baseName}-removal.ps1`,
      };
    }
    return exportProposals(format, proposals, {
      plan: settings.tablPlan,
      generatedAt: this.clock(),
      single: false,
      baseName,
    });
  }

  async insights(tenantId: string): Promise<InsightsResponse> {
    const [rows, campaigns] = await Promise.all([
      this.db
        .selectFrom("proposals")
        .select(["sender_key", "assessment", "reports"])
        .where("tenant_id", "=", tenantId)
        .where("status", "=", "insight")
        .execute(),
      this.campaigns(tenantId),
    ]);
    const byCause = new Map<
      string,
      { senders: number; reports: number; top: { senderKey: string; reports: number }[] }
    >();
    for (const row of rows) {
      const { insights } = JSON.parse(row.assessment) as Pick<ProposalDto, "insights">;
      const lead = insights[0];
      if (!lead) continue;
      const entry = byCause.get(lead.cause) ?? { senders: 0, reports: 0, top: [] };
      entry.senders += 1;
      entry.reports += lead.reports;
      entry.top.push({ senderKey: row.sender_key, reports: lead.reports });
      byCause.set(lead.cause, entry);
    }
    return {
      items: [...byCause.entries()]
        .map(([cause, entry]) => ({
          cause,
          setting: INSIGHT_SETTINGS[cause as keyof typeof INSIGHT_SETTINGS] ?? cause,
          senders: entry.senders,
          reports: entry.reports,
          topSenders: entry.top.sort((a, b) => b.reports - a.reports).slice(0, 5),
        }))
        .sort((a, b) => b.reports - a.reports),
      campaigns,
    };
  }

  /**
   * Refused senders that at least as many people vouched for as would open a proposal, refused
   * as a look-alike, an impersonation or phishing: people are being fooled by one campaign.
   */
  private async campaigns(tenantId: string): Promise<CampaignInsightDto[]> {
    const settings = await this.tenantSettings(tenantId);
    const rows = await this.db
      .selectFrom("proposals")
      .select(["id", "sender_key", "assessment", "reporters", "reports", "last_seen"])
      .where("tenant_id", "=", tenantId)
      .where("status", "=", "refused")
      .where("reporters", ">=", settings.minReporters)
      .orderBy("reporters", "desc")
      .orderBy("id", "desc")
      .limit(200)
      .execute();
    return rows.flatMap((row) => {
      const { refusals } = JSON.parse(row.assessment) as Pick<ProposalDto, "refusals">;
      const refusal = refusals.find((item) => CAMPAIGN_REFUSALS.has(item.code));
      if (!refusal) return [];
      return [
        {
          proposalId: row.id,
          senderKey: row.sender_key,
          refusal: refusal.code,
          reporters: Number(row.reporters),
          reports: Number(row.reports),
          lastSeen: row.last_seen,
        },
      ];
    });
  }

  async audit(
    tenantId: string,
    query: { proposalId?: string | undefined; limit: number; offset: number },
  ): Promise<AuditPage> {
    let base = this.db.selectFrom("proposal_audit").selectAll().where("tenant_id", "=", tenantId);
    if (query.proposalId) base = base.where("proposal_id", "=", query.proposalId);
    const rows = await base
      .orderBy("at", "desc")
      .orderBy("id", "desc")
      .limit(query.limit + 1)
      .offset(query.offset)
      .execute();
    return {
      items: rows.slice(0, query.limit).map(auditDto),
      nextOffset: rows.length > query.limit ? query.offset + query.limit : null,
    };
  }

  async stats(tenantId: string, days: number): Promise<StatsResponse> {
    const now = this.clock();
    const first = new Date(now.getTime() - (days - 1) * 86_400_000).toISOString().slice(0, 10);
    const [perDay, top, byStatus] = await Promise.all([
      this.db
        .selectFrom("reports_per_day")
        .select(["day", "reports"])
        .where("tenant_id", "=", tenantId)
        .where("day", ">=", first)
        .execute(),
      this.store.senders.list(tenantId, { sort: "reports", limit: 10 }),
      this.db
        .selectFrom("proposals")
        .select(["status", sql<string | number>`count(*)`.as("n")])
        .where("tenant_id", "=", tenantId)
        .groupBy("status")
        .execute(),
    ]);
    const counts = new Map(perDay.map((row) => [row.day, Number(row.reports)]));
    const reportsPerDay = Array.from({ length: days }, (_, index) => {
      const day = new Date(Date.parse(`${first}T00:00:00Z`) + index * 86_400_000)
        .toISOString()
        .slice(0, 10);
      return { day, reports: counts.get(day) ?? 0 };
    });
    return {
      reportsPerDay,
      topSenders: top.items.map((item) => ({
        senderKey: item.senderKey,
        reports: item.reports,
        reporters: item.reporters,
      })),
      byStatus: Object.fromEntries(byStatus.map((row) => [row.status, Number(row.n)])),
    };
  }

  async settings(tenantId: string): Promise<TenantSettings> {
    return loadSettings(this.db, tenantId);
  }

  /** Saves the settings and re-assesses every sender of the tenant under them. */
  async updateSettings(
    tenantId: string,
    settings: TenantSettings,
    actor: string,
  ): Promise<TenantSettings> {
    const now = this.clock();
    await this.db.transaction().execute(async (trx) => {
      const before = await loadSettings(trx, tenantId);
      const changes = settingsChanges(before, settings);
      await saveSettings(trx, tenantId, settings, actor, now);
      if (Object.keys(changes).length === 0) return;
      await appendAudit(trx, {
        tenantId,
        proposalId: "",
        senderKey: "",
        action: "settings",
        from: null,
        to: null,
        actor,
        note: JSON.stringify(changes),
        at: now,
      });
    });
    this.settingsCache.forget(tenantId);
    let offset: number | null = 0;
    while (offset !== null) {
      const page = await this.store.senders.list(tenantId, {
        limit: 500,
        offset,
        activeOnly: false,
      });
      for (const evidence of page.items) {
        await this.db
          .transaction()
          .execute((trx) => reassessSender(trx, this.statements, evidence, now, { settings }));
      }
      offset = page.nextOffset;
    }
    return settings;
  }

  /**
   * What the pane shows for a sender: its proposal in the pane's words, or null. The reason is
   * the rules' reason, never the admin's decision note: notes belong to admins (issue 10 §6),
   * and a reporter's answer must not carry them.
   */
  async lookup(
    tenantId: string,
    senderKey: string,
  ): Promise<{ id: string; status: ProposalStatus; reason: string | null } | null> {
    const [row] = (await this.statements.statusOf.run(this.db, { tenantId, senderKey })).rows;
    if (!row) return null;
    const expired =
      (row.status === "approved" || row.status === "applied") &&
      row.expires_at !== null &&
      row.expires_at < this.clock().toISOString();
    const status = (expired ? "expired" : row.status) as ProposalStatus;
    return { id: row.id, status, reason: row.reason };
  }
}

/** What a decision writes into the approved columns. */
function approvedUpdate(
  row: ProposalRow,
  evidence: SenderEvidence | null,
  action: DecisionActionDto,
  from: ProposalStatus,
  actor: string,
  stamp: string,
): Partial<ProposalRow> {
  const fromReview = from === "needs-review";
  if (action === "approve" && !fromReview) return approvedColumns(row, evidence, actor, stamp);
  if ((action === "approve" || action === "mark-applied") && fromReview) {
    // The admin looked at what turned and kept the entry: what turned so far is the baseline.
    const fresh = JSON.parse(
      approvedColumns(row, evidence, actor, stamp).approved_baseline!,
    ) as ReviewBaseline;
    const kept = row.approved_baseline
      ? (JSON.parse(row.approved_baseline) as ReviewBaseline).evidence
      : undefined;
    const approved_baseline = JSON.stringify({ ...fresh, evidence: kept ?? fresh.evidence });
    return action === "approve"
      ? { approved_baseline, approved_by: actor, approved_at: stamp }
      : { approved_baseline };
  }
  return {};
}

function auditDto(row: ProposalAuditTable): AuditEntryDto {
  return {
    id: row.id,
    proposalId: row.proposal_id,
    senderKey: row.sender_key,
    action: row.action,
    fromStatus: row.from_status,
    toStatus: row.to_status,
    actor: row.actor,
    note: row.note,
    at: row.at,
  };
}

/**
 * What a settings change changed, as the audit note of its "settings" entry: JSON
 * `{"minReporters":{"from":3,"to":4}}`, so the console can word it in the reader's language.
 */
export function settingsChanges(
  before: TenantSettings,
  after: TenantSettings,
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after) as (keyof TenantSettings)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      changes[key] = { from: before[key], to: after[key] };
    }
  }
  return changes;
}
