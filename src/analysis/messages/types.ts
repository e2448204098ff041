/**
 * The shape of a findings message catalogue. Every finding id has its typed parameters (the
 * facts the rule found: codes, domains, counts, never words), and each language gives every id
 * a title and a detail built from those parameters. A language that misses an id, or whose
 * detail reads a parameter the rule does not give, fails the type-check.
 */
import type { VouchedBy } from "../identity";
import type { GatewayPlacement, GatewayVendor, GatewayVerdictKind } from "../types";

/** A stamp such as "SFV:SPM" or "SCL 5", as Microsoft spells it; empty when none was stamped. */
export type StampEvidence = readonly string[];

/** The parts of the analysis that can fail on their own (analyze.ts names them). */
export type AnalysisPart =
  | "header block"
  | "message fields"
  | "subject"
  | "date"
  | "from"
  | "reply-to"
  | "return-path"
  | "authentication results"
  | "anti-spam stamps"
  | "received hops"
  | "verdict"
  | "sender identity"
  | "gateways"
  | "findings";

/** The rule groups of findings.ts, each applied on its own. */
export type RuleGroup =
  | "threats"
  | "authentication"
  | "spam verdict"
  | "forged headers"
  | "reply-to"
  | "hops"
  | "coverage"
  | "gateways";

/** What the threat rules saw: the CAT code (its meaning is looked up in the reader's language). */
interface CategoryStamp {
  cat: string;
}

export interface FindingParams {
  "malware-verdict": CategoryStamp;
  "phishing-verdict": CategoryStamp;
  "impersonation-domain": { safetyTip: boolean; category: boolean; fromDomain: string | null };
  "impersonation-user": { safetyTip: boolean; category: boolean };
  "impersonation-mailbox-intelligence": CategoryStamp;
  "impersonation-brand": CategoryStamp;
  "spoof-verdict": CategoryStamp & { fromDomain: string | null };
  "intra-org-phishing": CategoryStamp;
  "dmarc-fail": { domain: string | null; policy: string | null; action: string | null };
  "high-confidence-spam": { stamps: StampEvidence };
  "forged-auth-results": {
    claims: readonly { authservId: string | null; methods: readonly string[] }[];
    /** The trusted header, or null when no trusted server wrote one. */
    trusted: { authservId: string | null } | null;
  };
  "reply-to-differs": { fromDomain: string; replyToDomain: string };
  "content-filter-spam-authenticated": {
    stamps: StampEvidence;
    via: VouchedBy;
    domain: string;
    compauth: string | null;
  };
  "junk-by-user-settings": { ofr: string | null };
  "blocked-sender": Record<string, never>;
  "policy-blocked": Record<string, never>;
  "transport-rule-spam": { stamps: StampEvidence };
  "asf-custom-spam": { customSpam: string };
  "bulk-bcl-high": { stamps: StampEvidence; bcl: number | null };
  "compauth-fail": {
    reason: string | null;
    /** Whose move it is: an admin's block entry, the organisation's own domain, or the sender. */
    advice: "admin-block" | "own-domain" | "sender";
  };
  "content-filter-spam": { stamps: StampEvidence; authenticated: boolean };
  "spf-fail": { domain: string | null };
  "spf-softfail": { domain: string | null };
  "spf-error": { result: string; domain: string | null };
  "dmarc-error": { result: string; domain: string | null };
  "dkim-fail": {
    signatures: readonly { result: string; domain: string | null }[];
    /** Every failure was a timeout or a temporary error. */
    transient: boolean;
  };
  "spf-not-aligned": { spfDomain: string | null; fromDomain: string | null };
  "dkim-not-aligned": { signers: readonly (string | null)[]; fromDomain: string | null };
  "slow-delivery": { hop: number; from: string | null; by: string | null; seconds: number };
  "no-authentication-results":
    | { case: "untrusted"; count: number }
    | { case: "internal" }
    | { case: "absent" }
    | { case: "sender-own" }
    | { case: "empty"; authservId: string | null; saysNone: boolean };
  "no-transport-headers": Record<string, never>;
  "unreadable-headers": { problems: readonly string[] };
  "analysis-incomplete":
    { case: "parts"; parts: readonly AnalysisPart[] } | { case: "rules"; group: RuleGroup };
  "dmarc-none": { result: string; domain: string | null };
  "bulk-bcl-elevated": { bcl: number };
  "arc-override": { failures: readonly string[] };
  "allowed-by-user": Record<string, never>;
  "safe-senders-rescued": {
    /** What the filter stamped when it called the message spam; empty when it did not. */
    stamps: StampEvidence;
    /** `OFR:` as written, e.g. "TrustedSenderList". */
    ofr: string | null;
    /** `pcwl:1`: the recipient's personal safe list matched. */
    personalList: boolean;
  };
  "allowed-by-policy": { sfv: "SKA" | "SKN" | null; ipAllowList: boolean };
  "released-from-quarantine": Record<string, never>;
  "first-contact": Record<string, never>;
  "sender-authenticated": { via: VouchedBy; domain: string; address: string };
  "sender-tenant-stamps-ignored": { headers: readonly string[] };
  "sender-own-auth-results": { authservIds: readonly (string | null)[] };
  "clock-skew": { hops: readonly { index: number; by: string | null; seconds: number }[] };
  "gateway-junked": {
    vendor: GatewayVendor;
    verdict: GatewayVerdictKind;
    score: number | null;
    threshold: number | null;
    rules: readonly string[];
  };
  "gateway-in-front": {
    vendor: GatewayVendor;
    host: string;
    ip: string | null;
    arcSealer: string | null;
  };
  "gateway-stamps-ignored": {
    stamps: readonly {
      vendor: GatewayVendor;
      verdict: GatewayVerdictKind;
      placement: GatewayPlacement;
    }[];
  };
}

export type FindingId = keyof FindingParams;

export interface FindingText<Params> {
  /** One plain sentence. */
  title: string;
  detail: (params: Params) => string;
}

/** One language's texts for every finding. */
export type FindingTexts = { readonly [Id in FindingId]: FindingText<FindingParams[Id]> };
