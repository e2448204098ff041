import { z } from "zod";
import { proposalStatusSchema } from "./contract";

/**
 * GET /api/v1/reputation: what the service knows and checks about a message's sender, for the
 * pane's reputation section. Every fact is either "checked" (with what was found) or
 * "not-checked" with the reason: the service answers within its deadline whatever the network
 * does, and a fact it could not establish is said so, never guessed.
 */

/** Why a fact was not established. */
export const notCheckedReasonSchema = z.enum([
  /** The deadline passed; the lookup goes on and fills the cache for the next request. */
  "timeout",
  /** The DNS servers or the RDAP server could not be reached (no network, refused). */
  "unreachable",
  /** The server answered with something that is not a valid answer. */
  "malformed-answer",
  /** The server answered with an error (SERVFAIL, HTTP 5xx, a blocklist's refusal code). */
  "server-error",
  /** The request did not give what this fact needs (no domain, no IP). */
  "no-input",
  /** What was given is not a domain or an address DNS can be asked about. */
  "invalid-input",
  /** A private, loopback or reserved address: public lists and DNS know nothing of it. */
  "not-public",
  /** No RDAP server is known for the domain's top-level domain, or it does not know the domain. */
  "not-found",
]);
export type NotCheckedReason = z.infer<typeof notCheckedReasonSchema>;

const notCheckedSchema = z.object({
  state: z.literal("not-checked"),
  reason: notCheckedReasonSchema,
});

function fact<T extends z.ZodRawShape>(shape: T) {
  return z.discriminatedUnion("state", [
    z.object({ state: z.literal("checked"), ...shape }),
    notCheckedSchema,
  ]);
}

export const dmarcPolicySchema = z.enum(["none", "quarantine", "reject"]);
export type DmarcPolicy = z.infer<typeof dmarcPolicySchema>;

export const dmarcFactSchema = fact({
  /** Where the record was found: the From domain, or its organisational domain (RFC 7489 §6.6.3). */
  domain: z.string().nullable(),
  record: z.string().nullable(),
  /** p=, or null without a (valid) record. */
  policy: dmarcPolicySchema.nullable(),
  /** sp=, the policy for subdomains when the record was found at the organisational domain. */
  subdomainPolicy: dmarcPolicySchema.nullable(),
  /** What is wrong with what was published, or null. */
  problem: z.enum(["multiple-records", "invalid-record"]).nullable(),
});

export const spfFactSchema = fact({
  record: z.string().nullable(),
  /** A single v=spf1 record whose terms all parse (RFC 7208 §4.5, §12). */
  valid: z.boolean(),
  problem: z.enum(["multiple-records", "syntax", "too-many-lookups"]).nullable(),
  /** The first term that does not parse, for "syntax". */
  detail: z.string().nullable(),
});

export const mxFactSchema = fact({
  present: z.boolean(),
  /** "MX 0 ." (RFC 7505): the domain says it receives no mail. */
  nullMx: z.boolean(),
  hosts: z.array(z.string()),
});

export const domainAgeFactSchema = fact({
  /** The registrable domain RDAP was asked about. */
  domain: z.string(),
  /** The registration event's date, or null when the registry does not give one. */
  registeredAt: z.string().nullable(),
  ageDays: z.number().int().nullable(),
});

export const reverseDnsFactSchema = fact({
  /** The PTR name, or null when the address has none. */
  name: z.string().nullable(),
  /** The name resolves back to the same address (forward-confirmed reverse DNS). */
  confirmed: z.boolean(),
});

export const blocklistFactSchema = z.object({
  zone: z.string(),
  result: fact({
    listed: z.boolean(),
    /** The list's answer codes (127.0.0.x) when listed. */
    codes: z.array(z.string()),
  }),
});

/** Admin decisions a person may see: the action and when, never the admin's note. */
export const reputationDecisionSchema = z.object({
  action: z.enum(["approve", "reject", "mark-applied", "revoke"]),
  at: z.string(),
});

export const organisationFactSchema = fact({
  /** The authenticated sender key the tenant's reports count towards, or null when unknown. */
  sender: z.string().nullable(),
  /** The first report of this sender in the tenant, or null when nobody reported it. */
  firstSeen: z.string().nullable(),
  reporters: z.number().int().nonnegative(),
  mailboxes: z.number().int().nonnegative(),
  proposal: proposalStatusSchema.nullable(),
  decisions: z.array(reputationDecisionSchema),
  /**
   * Why the rules judged as they did, as codes the pane words: refusal codes (e.g. "phishing",
   * "young-domain") and insight causes (e.g. "user-junk-settings").
   */
  reasons: z.array(z.string()),
});

export const reputationQuerySchema = z.strictObject({
  /** The From domain as the headers give it (A- or U-labels). */
  domain: z.string().min(1).max(253).optional(),
  /** The sending (connecting) IP address. */
  ip: z.string().min(2).max(45).optional(),
  /** The authenticated sender key ("contoso.com", "a@gmail.com"), for the organisation's facts. */
  sender: z.string().min(1).max(320).optional(),
  /**
   * Or the From address and what vouched for it (absent: nothing): the service derives the key a
   * report of this message would count towards, as it does at ingest.
   */
  from: z.string().min(3).max(320).optional(),
  vouchedBy: z.enum(["dmarc", "dkim", "spf", "arc"]).optional(),
  internetMessageId: z.string().min(3).max(998).optional(),
});
export type ReputationQuery = z.infer<typeof reputationQuerySchema>;

export const reputationResponseSchema = z.object({
  /** The domain and address the live facts are about (canonical), or null. */
  domain: z.string().nullable(),
  ip: z.string().nullable(),
  organisation: organisationFactSchema,
  live: z.object({
    dmarc: dmarcFactSchema,
    spf: spfFactSchema,
    mx: mxFactSchema,
    domainAge: domainAgeFactSchema,
    reverseDns: reverseDnsFactSchema,
    /** One per list the admin configured; empty when none is (the default). */
    blocklists: z.array(blocklistFactSchema),
  }),
  checkedAt: z.string(),
});
export type ReputationResponse = z.infer<typeof reputationResponseSchema>;
export type DmarcFact = z.infer<typeof dmarcFactSchema>;
export type SpfFact = z.infer<typeof spfFactSchema>;
export type MxFact = z.infer<typeof mxFactSchema>;
export type DomainAgeFact = z.infer<typeof domainAgeFactSchema>;
export type ReverseDnsFact = z.infer<typeof reverseDnsFactSchema>;
export type BlocklistFact = z.infer<typeof blocklistFactSchema>;
export type OrganisationFact = z.infer<typeof organisationFactSchema>;
export type NotChecked = z.infer<typeof notCheckedSchema>;
