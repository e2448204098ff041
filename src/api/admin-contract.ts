import { z } from "zod";
import { proposalStatusSchema } from "./contract";

/**
 * The admin API, version 1: proposals, decisions, exports, insights, audit, stats and settings.
 * The service validates and documents with these schemas; the admin console types its calls
 * with them. Admin only, always scoped to the caller's tenant.
 */

/** The admin sees the same statuses as the pane. */
export const adminProposalStatusSchema = proposalStatusSchema;
export type AdminProposalStatus = z.infer<typeof adminProposalStatusSchema>;

export const infrastructureSchema = z.object({
  kind: z.enum(["ptr", "ip24"]),
  value: z.string(),
});

export const proposalEntrySchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("sender"), kind: z.enum(["domain", "address"]), value: z.string() }),
  z.object({
    type: z.literal("spoof"),
    spoofedUser: z.string(),
    sendingInfrastructure: infrastructureSchema,
  }),
]);
export type ProposalEntryDto = z.infer<typeof proposalEntrySchema>;

export const refusalSchema = z.object({
  code: z.string(),
  reports: z.number(),
  message: z.string(),
});
export const insightSchema = z.object({
  cause: z.string(),
  reports: z.number(),
  setting: z.string(),
  /** Exchange Online PowerShell for the fix, where one applies (the gateway insight). */
  commands: z.array(z.string()).optional(),
});
export const warningSchema = z.object({ code: z.string(), message: z.string() });

/**
 * What an admin approved, exactly as approved: exports write this entry, never the latest
 * assessment, until an admin decides again. Later reports never change it.
 */
export const approvedEntrySchema = z.object({
  entry: proposalEntrySchema,
  strength: z.number().int().min(0).max(100),
  reason: z.string(),
  rulesVersion: z.string(),
  by: z.string(),
  at: z.string(),
  /** The evidence the admin approved on (null for entries approved before Vouch kept it). */
  evidence: z
    .object({
      reporters: z.number().int(),
      mailboxes: z.number().int(),
      reports: z.number().int(),
      notSpam: z.number().int(),
      trustedSender: z.number().int(),
      dmarcPass: z.number().int(),
      dkimAlignedPass: z.number().int(),
      spfAlignedPass: z.number().int(),
      firstSeen: z.string(),
      lastSeen: z.string(),
    })
    .nullable(),
});
export type ApprovedEntryDto = z.infer<typeof approvedEntrySchema>;

/** Why an approved or applied proposal moved to needs-review: what changed in the evidence. */
export const reviewSchema = z.object({
  at: z.string(),
  changes: z.array(z.string()),
});
export type ReviewDto = z.infer<typeof reviewSchema>;

export const proposalSchema = z.object({
  id: z.string(),
  senderKey: z.string(),
  status: adminProposalStatusSchema,
  /** The rules' latest outcome, which may differ from a decided status. */
  outcome: z.enum(["collecting", "open", "refused", "insight"]),
  strength: z.number().int().min(0).max(100),
  /** The rules' latest strength, reason and entry; what was approved is in `approved`. */
  reason: z.string(),
  entry: proposalEntrySchema.nullable(),
  /** The entry an admin approved, while it stands in the list or awaits removal; else null. */
  approved: approvedEntrySchema.nullable(),
  /** Set while the status is needs-review. */
  review: reviewSchema.nullable(),
  reporters: z.number().int(),
  mailboxes: z.number().int(),
  reports: z.number().int(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  refusals: z.array(refusalSchema),
  insights: z.array(insightSchema),
  warnings: z.array(warningSchema),
  progress: z.object({
    reporters: z.object({ have: z.number(), need: z.number() }),
    mailboxes: z.object({ have: z.number(), need: z.number() }),
    fresh: z.boolean(),
  }),
  rulesVersion: z.string(),
  decision: z.object({ by: z.string(), at: z.string(), note: z.string() }).nullable(),
  expiresAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProposalDto = z.infer<typeof proposalSchema>;

export const proposalListQuerySchema = z.strictObject({
  status: adminProposalStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ProposalListQuery = z.infer<typeof proposalListQuerySchema>;

export const proposalPageSchema = z.object({
  items: z.array(proposalSchema),
  total: z.number().int(),
  nextOffset: z.number().int().nullable(),
});
export type ProposalPage = z.infer<typeof proposalPageSchema>;

export const reportSampleSchema = z.object({
  createdAt: z.string(),
  kind: z.enum(["not-spam", "trusted-sender"]),
  comment: z.string().nullable(),
  junked: z.boolean().nullable(),
  sfv: z.string().nullable(),
  scl: z.number().nullable(),
  bcl: z.number().nullable(),
  cat: z.string().nullable(),
  sfty: z.string().nullable(),
  dmarc: z.string().nullable(),
  compauth: z.object({ result: z.string(), reason: z.string().nullable() }).nullable(),
  spf: z.object({ result: z.string(), aligned: z.boolean().nullable() }).nullable(),
  dkim: z.array(
    z.object({
      result: z.string(),
      domain: z.string().nullable(),
      aligned: z.boolean().nullable(),
    }),
  ),
  findings: z.array(z.string()),
});

export const auditEntrySchema = z.object({
  id: z.string(),
  proposalId: z.string(),
  senderKey: z.string(),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  actor: z.string(),
  note: z.string(),
  at: z.string(),
});
export type AuditEntryDto = z.infer<typeof auditEntrySchema>;

export const proposalDetailSchema = proposalSchema.extend({
  evidence: z.object({
    notSpam: z.number().int(),
    trustedSender: z.number().int(),
    auth: z.object({
      dmarcPass: z.number().int(),
      dkimAlignedPass: z.number().int(),
      spfAlignedPass: z.number().int(),
    }),
    /** Verdicts and findings seen, with the reports carrying each. */
    signals: z.array(z.object({ signal: z.string(), reports: z.number().int() })),
    infrastructures: z.array(infrastructureSchema.extend({ reports: z.number().int() })),
    /** Summaries of the latest few reports. */
    samples: z.array(reportSampleSchema),
  }),
  audit: z.array(auditEntrySchema),
});
export type ProposalDetail = z.infer<typeof proposalDetailSchema>;

export const idParamsSchema = z.strictObject({ id: z.string().min(1).max(100) });

export const decisionActionSchema = z.enum(["approve", "reject", "revoke", "mark-applied"]);
export type DecisionActionDto = z.infer<typeof decisionActionSchema>;

/**
 * Reject and revoke undo what people asked for (and, once approved, what is in the list): the
 * service answers 400 unless the request carries a non-empty note and `confirm: true`, which the
 * console sends only after its confirmation dialog.
 */
export const CONFIRMED_ACTIONS: readonly DecisionActionDto[] = ["reject", "revoke"];

export const decisionBodySchema = z.strictObject({
  note: z.string().trim().max(1000).default(""),
  confirm: z.boolean().default(false),
});
export type DecisionBody = z.input<typeof decisionBodySchema>;

/** A script the admin runs to take an entry back out of the Tenant Allow/Block List. */
export const removalSchema = z.object({
  fileName: z.string(),
  contentType: z.string(),
  body: z.string(),
});
export type RemovalDto = z.infer<typeof removalSchema>;

/**
 * The answer to a decision: the proposal, and when a reject or revoke took back an approved
 * entry, the removal script for it (also at the proposal's PowerShell export).
 */
export const decisionResultSchema = proposalSchema.extend({
  removal: removalSchema.nullable(),
});
export type DecisionResultDto = z.infer<typeof decisionResultSchema>;

export const exportFormatSchema = z.enum([
  "powershell",
  "transport-rule",
  "csv",
  "json",
  "mimecast",
  "proofpoint",
]);
export type ExportFormatDto = z.infer<typeof exportFormatSchema>;

export const exportQuerySchema = z.strictObject({ format: exportFormatSchema });
export const exportAllQuerySchema = z.strictObject({
  format: exportFormatSchema,
  /** Default: approved and applied. "revoked" gives the removal script of revoked and expired. */
  scope: z.enum(["approved", "revoked", "all"]).default("approved"),
});

export const tenantInsightSchema = z.object({
  cause: z.string(),
  setting: z.string(),
  senders: z.number().int(),
  reports: z.number().int(),
  topSenders: z.array(z.object({ senderKey: z.string(), reports: z.number().int() })),
});
/**
 * A security insight: a refused sender (look-alike, impersonation, phishing) that many people
 * vouched for anyway. That is a campaign reaching the organisation, and people should be warned.
 */
export const campaignInsightSchema = z.object({
  proposalId: z.string(),
  senderKey: z.string(),
  /** The refusal that makes it a campaign (e.g. "look-alike", "impersonation", "phishing"). */
  refusal: z.string(),
  /** Distinct people who vouched for it. */
  reporters: z.number().int(),
  reports: z.number().int(),
  lastSeen: z.string(),
});
export type CampaignInsightDto = z.infer<typeof campaignInsightSchema>;
export const insightsResponseSchema = z.object({
  items: z.array(tenantInsightSchema),
  /** Most people first. */
  campaigns: z.array(campaignInsightSchema),
});
export type InsightsResponse = z.infer<typeof insightsResponseSchema>;

export const auditQuerySchema = z.strictObject({
  proposalId: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export const auditPageSchema = z.object({
  items: z.array(auditEntrySchema),
  nextOffset: z.number().int().nullable(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;

export const statsQuerySchema = z.strictObject({
  days: z.coerce.number().int().min(1).max(366).default(30),
});
export const statsResponseSchema = z.object({
  reportsPerDay: z.array(z.object({ day: z.string(), reports: z.number().int() })),
  topSenders: z.array(
    z.object({ senderKey: z.string(), reports: z.number().int(), reporters: z.number().int() }),
  ),
  byStatus: z.record(z.string(), z.number().int()),
});
export type StatsResponse = z.infer<typeof statsResponseSchema>;

export const tenantSettingsDtoSchema = z.strictObject({
  minReporters: z.number().int().min(2).max(1000),
  minMailboxes: z.number().int().min(1).max(1000),
  windowDays: z.number().int().min(1).max(365),
  expiryDays: z.number().int().min(1).max(365),
  acceptedDomains: z.array(z.string().trim().toLowerCase().min(1).max(253)).max(500),
  tablPlan: z.enum(["eop", "mdo-p1", "mdo-p2"]),
  /** The ribbon button also reports "not junk" to Microsoft through Graph. */
  reportToMicrosoft: z.boolean(),
});
export type TenantSettingsDto = z.infer<typeof tenantSettingsDtoSchema>;
export const tenantSettingsPatchSchema = tenantSettingsDtoSchema.partial().strict();

export const ADMIN_PATHS = {
  proposals: "/api/v1/proposals",
  proposal: (id: string) => `/api/v1/proposals/${encodeURIComponent(id)}`,
  decide: (id: string, action: DecisionActionDto) =>
    `/api/v1/proposals/${encodeURIComponent(id)}/${action}`,
  exportOne: (id: string, format: ExportFormatDto) =>
    `/api/v1/proposals/${encodeURIComponent(id)}/export?format=${format}`,
  exportAll: (format: ExportFormatDto, scope: "approved" | "revoked" | "all" = "approved") =>
    `/api/v1/proposals/export?format=${format}&scope=${scope}`,
  insights: "/api/v1/insights",
  audit: "/api/v1/audit",
  stats: "/api/v1/stats",
  settings: "/api/v1/settings",
} as const;
