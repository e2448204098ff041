import { z } from "zod";

/**
 * Requests and responses of the service's API, version 1. The service validates with these
 * schemas (and generates its OpenAPI document from them); the pane, the ribbon command and the
 * admin console type their calls with them. Nothing here may import browser, Node or React code.
 */

export const reportKindSchema = z.enum(["not-spam", "trusted-sender"]);
export type ReportKind = z.infer<typeof reportKindSchema>;

export const reportRequestSchema = z.strictObject({
  /** With the angle brackets, as Office.js gives it. */
  internetMessageId: z.string().min(3).max(998),
  /** The raw internet headers, as getAllInternetHeadersAsync returns them. */
  headers: z.string().min(1),
  kind: reportKindSchema,
  comment: z.string().max(2000).optional(),
  /** The mailbox the message sits in, when it is not the reporter's own (shared, delegate). */
  mailbox: z.string().max(320).optional(),
});
export type ReportRequest = z.infer<typeof reportRequestSchema>;

/**
 * The rules move a proposal between collecting, open, refused and insight (an allow would not
 * help; the reason names the setting to look at); admins through the decisions; time expires it.
 */
export const proposalStatusSchema = z.enum([
  "collecting",
  "open",
  "refused",
  "insight",
  "approved",
  /**
   * Approved or applied, and the evidence has since turned (a threat, another dominant sending
   * infrastructure, a refusal): the approved entry stays exactly as decided, exportable and
   * removable, until an admin decides again.
   */
  "needs-review",
  "rejected",
  "applied",
  "expired",
  "revoked",
]);
export type ProposalStatus = z.infer<typeof proposalStatusSchema>;

export const senderStatusSchema = z.object({
  /** The authenticated sender identity the reports count towards, e.g. "contoso.com". */
  sender: z.string().nullable(),
  identityKind: z.enum(["domain", "address"]).nullable(),
  /** Distinct people in the tenant who vouched for this sender. */
  reporters: z.number().int().nonnegative(),
  mailboxes: z.number().int().nonnegative(),
  /** Whether the person asking has vouched for this sender themselves. */
  youReported: z.boolean(),
  proposal: z
    .object({
      id: z.string(),
      status: proposalStatusSchema,
      /** The admin's note or the rule's reason, in one sentence. */
      reason: z.string().nullable(),
    })
    .nullable(),
});
export type SenderStatus = z.infer<typeof senderStatusSchema>;

export const reportResponseSchema = z.object({
  id: z.string(),
  /** "created" on the first report of this message by this person, "duplicate" on a retry. */
  outcome: z.enum(["created", "duplicate"]),
  kind: reportKindSchema,
  createdAt: z.string(),
  /** Until when DELETE /api/v1/reports/:id is accepted; null once it is too late. */
  retractableUntil: z.string().nullable(),
  sender: senderStatusSchema,
});
export type ReportResponse = z.infer<typeof reportResponseSchema>;

export const errorBodySchema = z.object({
  error: z.string(),
  message: z.string(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** Development sign-in, served only when the service runs with VOUCH_AUTH=dev. */
export const devTokenRequestSchema = z.strictObject({
  tenant: z.string().min(1).max(100),
  user: z.string().min(1).max(100),
  admin: z.boolean().optional(),
});
export const devTokenResponseSchema = z.object({ accessToken: z.string(), expiresAt: z.string() });

export const API_PREFIX = "/api/v1";

/** GET /api/v1/me: who the service thinks the caller is. */
export const meResponseSchema = z.object({
  tenantId: z.string(),
  userId: z.string(),
  isAdmin: z.boolean(),
  /** The tenant's admin asks the ribbon button to also report "not junk" to Microsoft. */
  reportToMicrosoft: z.boolean(),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

/** GET /api/v1/senders/status: exactly one of the two. */
export const senderStatusQuerySchema = z
  .strictObject({
    internetMessageId: z.string().min(3).max(998).optional(),
    /** An authenticated sender key as the service reports it: "contoso.com", "a@gmail.com". */
    sender: z.string().min(1).max(320).optional(),
  })
  .refine((query) => (query.internetMessageId === undefined) !== (query.sender === undefined), {
    message: "give exactly one of internetMessageId and sender",
  });

/** GET /api/v1/reports/:id: the caller's own report. */
export const reportDetailSchema = z.object({
  id: z.string(),
  kind: reportKindSchema,
  internetMessageId: z.string(),
  createdAt: z.string(),
  /** Set once the reporter retracted it. */
  retractedAt: z.string().nullable(),
  retractableUntil: z.string().nullable(),
  sender: senderStatusSchema,
});
export type ReportDetail = z.infer<typeof reportDetailSchema>;
