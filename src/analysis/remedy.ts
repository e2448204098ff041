/**
 * The one rule module that answers, for one message: what situation is it in, is it a threat,
 * who can fix it, would an allow entry help, and which reports may a person make. The task pane,
 * the ribbon command, the CLI and the service's proposal rules all read this answer (the
 * service as per-report signals, see `remedySignals`), so none of them can promise what another
 * refuses. Pure and total, like the rest of the analysis.
 *
 * What an allow can and cannot fix follows Microsoft's documentation of the Tenant Allow/Block
 * List (../shared/reference/platform-facts.md §5.1, from defender-docs
 * `tenant-allow-block-list-email-spoof-configure.md` and `allow-entry-facts.md`):
 * - a sender allow overrides bulk, spam, high-confidence spam and normal phishing verdicts;
 * - it never overrides malware or high-confidence phishing (only an admin submission does);
 * - the message must still pass email authentication: a sender that fails it needs a
 *   spoofed-sender pair (sender + sending infrastructure), never a sender allow;
 * - impersonation verdicts are answered in the anti-phishing policy, never in the allow list.
 */
import {
  HIGH_CONFIDENCE_PHISHING_CATS,
  IMPERSONATION_CATS,
  IMPERSONATION_SAFETY_TIPS,
  MALWARE_CATS,
  PHISHING_CATS,
} from "./categories";
import { authenticatedSender, type AuthenticatedSender } from "./identity";
import { gatewayExplainsThreats } from "./remedy-gateway";
import type { FixableBy, HeaderAnalysis } from "./types";

/** Bump when the answer for the same headers could change. */
export const REMEDY_VERSION = "vouch.remedy/1.2.0";

export type Situation =
  /** Do not trust it; nothing may report it as wanted. */
  | "threat"
  /**
   * A gateway in front of Exchange Online hid the sender from Microsoft's authentication, which
   * explains its spoof or DMARC verdict (remedy-gateway.ts): the admin's fix, never an allow.
   */
  | "gateway"
  /** Delivered to the Inbox: nothing to rescue. */
  | "not-junked"
  /** An admin's allow or the person's own Safe Senders let it through. */
  | "allowed"
  /** The person's own junk settings, rules or Blocked Senders put it in Junk. */
  | "user-settings"
  /** The organisation's own configuration junked it: a block entry, a mail flow rule, an ASF option. */
  | "policy"
  /** Junked as bulk mail (BCL at the policy's threshold). */
  | "bulk"
  /** Junked, and nothing proves who sent it. */
  | "unauthenticated"
  /** Junked by the content filter although the sender proved who they are. */
  | "filtered"
  /** The headers do not say whether it was junked. */
  | "unknown";

export type ThreatKind =
  | "malware"
  | "high-confidence-phishing"
  | "phishing"
  | "intra-org-phishing"
  | "impersonation"
  | "spoof"
  /** A lower Authentication-Results claims passes the trusted one does not, and nothing vouches. */
  | "forged-authentication"
  /** DMARC failed and the domain's owner publishes p=reject: the owner says "not ours". */
  | "dmarc-reject";

/** Which entry would fix it: an allow for the authenticated sender, a spoofed-sender pair, or none. */
export type AllowKind = "sender" | "spoof-pair" | "none";

export type Offer = "primary" | "secondary" | "hidden";

export interface Remedy {
  version: string;
  situation: Situation;
  /** The most serious threat, or null. */
  threat: ThreatKind | null;
  /** Every threat the headers show, most serious first (`threat` is the first). */
  threats: readonly ThreatKind[];
  /** Who can change where this message lands; null when nobody should (threats) or need to. */
  fixableBy: FixableBy | null;
  allow: AllowKind;
  /** The reports a person may make: "Not spam" (primary, secondary or not at all) and "Trusted sender". */
  offers: { notSpam: Offer; trustedSender: boolean };
  /** The From identity as the trusted authentication vouched for it, or null. */
  identity: AuthenticatedSender | null;
}

/** The findings that state each threat: shown apart, above everything, by every reader. */
export const THREAT_FINDINGS: Readonly<Record<ThreatKind, readonly string[]>> = {
  malware: ["malware-verdict"],
  "high-confidence-phishing": ["phishing-verdict"],
  phishing: ["phishing-verdict"],
  "intra-org-phishing": ["intra-org-phishing"],
  impersonation: [
    "impersonation-domain",
    "impersonation-user",
    "impersonation-mailbox-intelligence",
    "impersonation-brand",
  ],
  spoof: ["spoof-verdict"],
  "forged-authentication": ["forged-auth-results"],
  "dmarc-reject": ["dmarc-fail"],
};

/** Threat kinds in the order the most serious one is named first. */
export const THREAT_ORDER: readonly ThreatKind[] = [
  "malware",
  "high-confidence-phishing",
  "phishing",
  "intra-org-phishing",
  "impersonation",
  "spoof",
  "forged-authentication",
  "dmarc-reject",
];

/** Every threat the headers show, most serious first. */
export function threatsOf(analysis: HeaderAnalysis, identity = authenticatedSender(analysis)) {
  const { cat, sfty } = analysis.antispam;
  const found = new Set<ThreatKind>();
  if (cat !== null) {
    if (MALWARE_CATS.has(cat)) found.add("malware");
    if (HIGH_CONFIDENCE_PHISHING_CATS.has(cat)) found.add("high-confidence-phishing");
    if (PHISHING_CATS.has(cat)) found.add("phishing");
    if (cat === "INTOS") found.add("intra-org-phishing");
    if (IMPERSONATION_CATS.has(cat)) found.add("impersonation");
    if (cat === "SPOOF") found.add("spoof");
  }
  if (sfty !== null && IMPERSONATION_SAFETY_TIPS.has(sfty)) found.add("impersonation");
  const forgedClaim = analysis.verdict.findings.some((f) => f.id === "forged-auth-results");
  if (forgedClaim && identity === null) found.add("forged-authentication");
  if (identity === null && dmarcRejected(analysis)) found.add("dmarc-reject");
  return THREAT_ORDER.filter((kind) => found.has(kind));
}

function dmarcRejected(analysis: HeaderAnalysis): boolean {
  const { dmarc } = analysis.auth;
  return dmarc?.result === "fail" && dmarc.policy?.toLowerCase() === "reject";
}

function hasFinding(analysis: HeaderAnalysis, ...ids: string[]): boolean {
  return analysis.verdict.findings.some((finding) => ids.includes(finding.id));
}

/**
 * The entry that would let this sender through, judged on the trusted authentication alone.
 * An explicit DMARC failure is the domain owner saying "not us": no entry of any kind. A
 * composite-authentication failure that is only implicit (reason 001: no DMARC policy or a weak
 * one, and nothing aligned) is what Microsoft's spoofed-sender pair exists for.
 */
export function allowKindOf(analysis: HeaderAnalysis, identity: AuthenticatedSender | null) {
  if (identity !== null) return "sender" satisfies AllowKind;
  const { compauth, dmarc } = analysis.auth;
  if (dmarc?.result === "fail") return "none" satisfies AllowKind;
  if (compauth?.result === "fail" && compauth.reason === "001") {
    return "spoof-pair" satisfies AllowKind;
  }
  return "none" satisfies AllowKind;
}

function situationOf(analysis: HeaderAnalysis, identity: AuthenticatedSender | null): Situation {
  const { junked } = analysis.verdict;
  // Where it landed comes first: the mailbox's dest:I is the final folder decision, after a
  // block entry (SFV:SKB) or a mail flow rule (SFV:SKS) marked it spam (platform-facts.md §4.3,
  // §4.8), so a message in the Inbox has nothing to rescue, whatever marked it on the way.
  if (junked === false) {
    return hasFinding(analysis, "allowed-by-policy", "allowed-by-user", "safe-senders-rescued")
      ? "allowed"
      : "not-junked";
  }
  if (hasFinding(analysis, "junk-by-user-settings", "blocked-sender")) return "user-settings";
  if (hasFinding(analysis, "policy-blocked", "transport-rule-spam", "asf-custom-spam")) {
    return "policy";
  }
  if (junked === null) return "unknown";
  if (hasFinding(analysis, "bulk-bcl-high")) return "bulk";
  return identity === null ? "unauthenticated" : "filtered";
}

const FIXABLE_BY: Record<Situation, FixableBy | null> = {
  threat: null,
  gateway: "admin",
  "not-junked": null,
  allowed: null,
  "user-settings": "user",
  policy: "admin",
  bulk: "admin",
  unauthenticated: "sender",
  filtered: "admin",
  unknown: null,
};

function offersOf(
  situation: Situation,
  allow: AllowKind,
  identity: AuthenticatedSender | null,
): Remedy["offers"] {
  switch (situation) {
    case "threat":
    case "allowed":
      return { notSpam: "hidden", trustedSender: false };
    case "not-junked":
      return { notSpam: "hidden", trustedSender: identity !== null };
    case "user-settings":
    case "policy":
    case "gateway":
      // An allow would not fix it, but the report tells the admin what people's settings (or
      // the organisation's routing) do.
      return { notSpam: "secondary", trustedSender: false };
    case "bulk":
    case "filtered":
    case "unauthenticated":
    case "unknown":
      return {
        notSpam: allow === "none" ? "secondary" : "primary",
        trustedSender: allow === "sender",
      };
  }
}

export function remedyOf(analysis: HeaderAnalysis): Remedy {
  const identity = authenticatedSender(analysis);
  const threats = threatsOf(analysis, identity);
  if (gatewayExplainsThreats(analysis, threats)) {
    return {
      version: REMEDY_VERSION,
      situation: "gateway",
      threat: null,
      threats: [],
      fixableBy: FIXABLE_BY.gateway,
      allow: "none",
      offers: offersOf("gateway", "none", identity),
      identity,
    };
  }
  const [threat] = threats;
  if (threat !== undefined) {
    return {
      version: REMEDY_VERSION,
      situation: "threat",
      threat,
      threats,
      fixableBy: null,
      allow: "none",
      offers: offersOf("threat", "none", identity),
      identity,
    };
  }
  const situation = situationOf(analysis, identity);
  // Where the organisation's or the person's own settings decided, an allow is not the fix.
  const allow =
    situation === "user-settings" || situation === "policy" || situation === "allowed"
      ? "none"
      : allowKindOf(analysis, identity);
  return {
    version: REMEDY_VERSION,
    situation,
    threat: null,
    threats,
    fixableBy: FIXABLE_BY[situation],
    allow,
    offers: offersOf(situation, allow, identity),
    identity,
  };
}

/**
 * What one report carries into its sender's evidence, so the service's rules count exactly what
 * the pane showed: `situation-<s>`, `threat-<kind>` for every threat (not only the first), and
 * `allow-<kind>`.
 */
export function remedySignals(remedy: Remedy): string[] {
  const signals = [`situation-${remedy.situation}`, `allow-${remedy.allow}`];
  for (const threat of remedy.threats) signals.push(`threat-${threat}`);
  return signals;
}

/** The findings that state the message's threats: every reader lists them apart, first. */
export function threatFindingIds(remedy: Remedy): ReadonlySet<string> {
  return new Set(remedy.threats.flatMap((kind) => THREAT_FINDINGS[kind]));
}
