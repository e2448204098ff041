import { z } from "zod";

/**
 * Per-tenant knobs of the proposal rules. The defaults are the ones the issue names; a tenant
 * may tighten or loosen them within the bounds below, never to a single reporter.
 */
export const tablPlanSchema = z.enum(["eop", "mdo-p1", "mdo-p2"]);
export type TablPlan = z.infer<typeof tablPlanSchema>;

export const tenantSettingsSchema = z.strictObject({
  /** Distinct people who must vouch before a proposal opens. */
  minReporters: z.number().int().min(2).max(1000),
  /** Distinct mailboxes the reported messages must have sat in. */
  minMailboxes: z.number().int().min(1).max(1000),
  /** The latest report must be this recent for a proposal to open. */
  windowDays: z.number().int().min(1).max(365),
  /** Days an approved entry lives after the sender's last report (Microsoft: 45 after last use). */
  expiryDays: z.number().int().min(1).max(365),
  /** The organisation's own (accepted) domains: advice, never an allow. */
  acceptedDomains: z.array(z.string().min(1).max(253)).max(500),
  /** Decides the Tenant Allow/Block List limits the exports respect. */
  tablPlan: tablPlanSchema,
  /**
   * Whether the ribbon button also tells Microsoft (Graph reportMessage as not junk, moving the
   * message to the Inbox). Off by default: it sends the message to Microsoft.
   */
  reportToMicrosoft: z.boolean(),
});
export type TenantSettings = z.infer<typeof tenantSettingsSchema>;

export const DEFAULT_SETTINGS: TenantSettings = Object.freeze({
  minReporters: 3,
  minMailboxes: 2,
  windowDays: 30,
  expiryDays: 45,
  acceptedDomains: [],
  tablPlan: "eop",
  reportToMicrosoft: false,
});

/** Allow entries for senders and domains per plan (platform facts §5.1); spoof entries §5.2. */
export const TABL_ALLOW_LIMIT: Record<TablPlan, number> = {
  eop: 500,
  "mdo-p1": 1000,
  "mdo-p2": 5000,
};
export const TABL_SPOOF_LIMIT = 1024;

export function withDefaults(partial: Partial<TenantSettings> | null | undefined): TenantSettings {
  return tenantSettingsSchema.parse({ ...DEFAULT_SETTINGS, ...(partial ?? {}) });
}
