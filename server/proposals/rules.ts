import { AUTH_SIGNALS, type SenderEvidence } from "../identity/evidence";
import { infrastructuresIn, type Infrastructure } from "../identity/infrastructure";
import { isSharedMailDomain } from "../identity/shared-mail";
import { identityRefusalFor, refusalKindOf } from "../identity/validate";
import {
  EXPLAINED_BY_GATEWAY,
  GATEWAY_SETTING,
  gatewayCommands,
  gatewayInsightOf,
  gatewaySetting,
} from "./gateway-insight";
import type { TenantSettings } from "./settings";

/**
 * The proposal rules: one sender's evidence and the tenant's settings in, one assessment out.
 * Pure and deterministic; every stored proposal records the version that assessed it. Bump the
 * version whenever an outcome for the same evidence could change.
 */
export const RULES_VERSION = "vouch.rules/1.6.0";

/** Microsoft rolls seven or more allowed addresses of one domain into a domain allow. */
export const ROLL_UP_AT = 7;
/** Warn a little before that, while the admin can still choose. */
export const ROLL_UP_WARN_AT = 5;
/** Share of a sender's people whose reports one sending infrastructure carries, for a spoof pair. */
export const SPOOF_PAIR_MIN_SHARE = 0.8;
/** Share of reports a cause an allow cannot fix must reach to make the sender an insight. */
export const INSIGHT_MIN_SHARE = 0.5;
/** A registrable domain registered fewer days ago than this is never allowed (issue 14). */
export const YOUNG_DOMAIN_DAYS = 30;

export type ProposalEntry =
  | { type: "sender"; kind: "domain" | "address"; value: string }
  | { type: "spoof"; spoofedUser: string; sendingInfrastructure: Infrastructure };

export type RefusalCode =
  | "phishing"
  | "high-confidence-phishing"
  | "malware"
  | "impersonation"
  | "spoof"
  | "authentication-failed"
  | "look-alike"
  | "invalid-identity"
  | "freemail-roll-up"
  | "young-domain"
  | "unverified-identity";

export interface Refusal {
  code: RefusalCode;
  /** Reports that carried it. */
  reports: number;
  /** Distinct people whose reports carried it. */
  people: number;
  message: string;
}

export type InsightCause =
  | "user-junk-settings"
  | "user-blocked-senders"
  | "policy-blocked"
  | "bulk-threshold"
  | "advanced-spam-filter"
  | "transport-rule"
  | "own-domain"
  /** A gateway in front of Exchange Online fails Microsoft's authentication (gateway-insight.ts). */
  | "gateway-in-front";

export interface Insight {
  cause: InsightCause;
  reports: number;
  /** Which setting to look at, in one sentence. */
  setting: string;
  /** The fix in Exchange Online PowerShell, where one applies (the gateway insight). */
  commands?: string[];
}

export type WarningCode =
  "roll-up" | "spoof-entries-never-expire" | "minor-cause" | "bulk" | "critical-fast-track";

export interface Warning {
  code: WarningCode;
  message: string;
}

export type Outcome = "collecting" | "open" | "refused" | "insight";

export interface Assessment {
  rulesVersion: string;
  outcome: Outcome;
  /** The narrowest entry that would fix it; null when refused or an insight. */
  entry: ProposalEntry | null;
  /** 0-100, grows with the evidence. 0 when refused. */
  strength: number;
  /** One line for the admin and the pane. */
  reason: string;
  refusals: Refusal[];
  insights: Insight[];
  warnings: Warning[];
  progress: {
    reporters: { have: number; need: number };
    mailboxes: { have: number; need: number };
    fresh: boolean;
  };
}

export interface RulesContext {
  settings: TenantSettings;
  now: Date;
  /** Other address proposals (open, approved or applied) of the same domain as this one. */
  sameDomainAddressEntries?: number;
  /** Domains of the tenant's approved and applied entries: a look-alike of one is refused. */
  protectedDomains?: readonly string[];
  /**
   * Distinct people and mailboxes with a report inside the window. Without it the rules count
   * every active report, which is exact only while the sender's first report is in the window.
   */
  window?: { reporters: number; mailboxes: number };
  /**
   * The sender is one of the tenant's critical senders (server/watch): its proposal opens on the
   * first authenticated report instead of waiting for minReporters people. Only ever set from an
   * authenticated key; an "unverified:" key is never fast-tracked whatever the context says.
   */
  critical?: { label: string } | null;
  /**
   * When the sender's registrable domain was registered, as the service's own RDAP lookup found
   * it (server/reputation/registrations.ts), never from the headers. Absent: not checked yet,
   * and no refusal on age.
   */
  domainAge?: { domain: string; registeredAt: string | null };
}

const UNVERIFIED = "unverified:";

/**
 * Which signals mean what. The shared rule module's threats (`threat-<kind>`,
 * src/analysis/remedy.ts) lead, so the rules refuse exactly what the pane calls a threat;
 * Microsoft's stamps and the finding ids stay as well for reports stored before it.
 */
const REFUSAL_SIGNALS: Record<
  Exclude<RefusalCode, "unverified-identity" | "freemail-roll-up" | "young-domain">,
  readonly string[]
> = {
  "high-confidence-phishing": ["threat-high-confidence-phishing", "cat-hphsh", "cat-hphish"],
  phishing: [
    "threat-phishing",
    "threat-intra-org-phishing",
    "phishing-verdict",
    "cat-phsh",
    "intra-org-phishing",
    "cat-intos",
  ],
  malware: ["threat-malware", "malware-verdict", "cat-malw", "cat-amp", "cat-ftbp", "cat-sap"],
  impersonation: [
    "threat-impersonation",
    "impersonation-domain",
    "impersonation-user",
    "impersonation-mailbox-intelligence",
    "impersonation-brand",
    "sfty-9.19",
    "sfty-9.20",
    "cat-dimp",
    "cat-uimp",
    "cat-gimp",
    "cat-bimp",
  ],
  spoof: ["threat-spoof", "spoof-verdict", "cat-spoof"],
  "authentication-failed": [
    "threat-forged-authentication",
    "threat-dmarc-reject",
    AUTH_SIGNALS.forgedClaimUnvouched,
    "dmarc-fail",
    "compauth-reason-000",
  ],
  // server/identity/validate.ts, per report at ingest (identitySignal).
  "look-alike": ["identity-look-alike", "identity-mixed-script"],
  "invalid-identity": [
    "identity-invalid-domain",
    "identity-invalid-address",
    "identity-ip-literal",
    "identity-public-suffix",
    "identity-freemail-domain",
  ],
};

const REFUSAL_MESSAGES: Record<RefusalCode, string> = {
  "high-confidence-phishing":
    "Microsoft judged it high-confidence phishing; no allow entry overrides that, and none should.",
  phishing: "Microsoft judged it phishing: an allow would let the next attack through.",
  malware: "Microsoft found malware: only an admin submission of the message can clear it.",
  impersonation:
    "Microsoft flagged impersonation: if it is genuine, add it to the anti-phishing policy's trusted senders, not the allow list.",
  spoof: "Microsoft flagged it as spoofed: a sender allow cannot and should not override that.",
  "authentication-failed":
    "The sender's own authentication failed (DMARC fail or forged results): the From line cannot be trusted.",
  "look-alike":
    "The sender's domain imitates another (mixed scripts, confusable letters, or one letter from your own domain): allowing it would help the impersonation.",
  "invalid-identity":
    "The sender's identity is not a valid domain or address for an entry (an IP or address literal, a bare public suffix, or characters no entry may hold).",
  "freemail-roll-up": `This would be the ${ROLL_UP_AT}th allowed address at a free-mail domain: Microsoft would roll them into an allow for the whole domain, and everyone there.`,
  "young-domain": `The sender's domain was registered less than ${YOUNG_DOMAIN_DAYS} days ago: new domains are what phishing campaigns use, so Vouch never allows one.`,
  "unverified-identity":
    "No SPF, DKIM or DMARC pass (nor a trusted ARC sealer) vouches for the From line, and Microsoft's failure is not only implicit from one sending infrastructure: no allow entry fits.",
};

/** Priority order: the most serious reason leads the one-line reason. */
const REFUSAL_ORDER: readonly RefusalCode[] = [
  "malware",
  "high-confidence-phishing",
  "phishing",
  "impersonation",
  "look-alike",
  "authentication-failed",
  "spoof",
  "invalid-identity",
  "young-domain",
  "freemail-roll-up",
  "unverified-identity",
];

/**
 * Causes an allow cannot fix: the people's own settings and the organisation's policy, the same
 * findings the shared rule module reads for its "user-settings" and "policy" situations.
 * Bulk is not one of them: a Tenant Allow/Block List sender allow overrides bulk, spam,
 * high-confidence spam and normal phishing verdicts (Microsoft, tenant-allow-block-list-
 * email-spoof-configure.md; platform-facts.md §5.1), so bulk from an authenticated sender is
 * allowed, with the bulk threshold as a warning (`bulk` below); remedy.ts says the same.
 */
const INSIGHT_SIGNALS: Record<
  Exclude<InsightCause, "own-domain" | "bulk-threshold" | "gateway-in-front">,
  readonly string[]
> = {
  "user-junk-settings": ["junk-by-user-settings"],
  "user-blocked-senders": ["blocked-sender", "sfv-blk"],
  "policy-blocked": ["policy-blocked", "sfv-skb"],
  "advanced-spam-filter": ["asf-custom-spam"],
  "transport-rule": ["transport-rule-spam", "sfv-sks"],
};

/** Bulk: what the shared module calls the "bulk" situation, and the stamps behind it. */
const BULK_SIGNALS: readonly string[] = [
  "situation-bulk",
  "bulk-bcl-high",
  "bulk-bcl-elevated",
  "cat-bulk",
];

export const BULK_WARNING =
  "Microsoft's bulk filter junked it (BCL at the anti-spam policy's bulk threshold). A sender allow overrides bulk verdicts, so this entry fixes it; if many newsletters land in Junk, review the policy's BulkThreshold instead of allowing each one.";

export const INSIGHT_SETTINGS: Record<InsightCause, string> = {
  "user-junk-settings":
    "The people's own junk e-mail settings (Safe Lists Only or their rules) moved it: check Get-MailboxJunkEmailConfiguration, not the allow list.",
  "user-blocked-senders":
    "The sender is on the people's own Blocked Senders list: they remove it in Outlook's junk e-mail options.",
  "policy-blocked":
    "An anti-spam policy's blocked senders/domains or a Tenant Allow/Block List block entry lists it: remove that entry instead of adding an allow.",
  "bulk-threshold":
    "The bulk complaint level (BCL) reached the anti-spam policy's bulk threshold: review BulkThreshold in the policy before allowing one newsletter.",
  "advanced-spam-filter":
    "An Advanced Spam Filter option (X-CustomSpam) marked it: Microsoft recommends turning ASF options off.",
  "transport-rule":
    "A mail flow rule set the spam level (SFV:SKS): review the tenant's transport rules.",
  "own-domain":
    "It comes from one of your own domains: fix SPF, DKIM and DMARC for the service sending as you, or add an internal spoofed-sender entry; never allow your own domain.",
  "gateway-in-front": GATEWAY_SETTING,
};

const DAY_MS = 86_400_000;

/**
 * compauth=pass reason=130: a sealer the tenant trusts carried the original SPF/DKIM/DMARC pass
 * across a forwarder (src/analysis/identity.ts): the sender counts as authenticated, and a
 * sender allow works because Microsoft's composite authentication passed.
 */
const ARC_VOUCHED = "compauth-reason-130";

/**
 * Evidence shares count people, never reports (issue 10 §2): one person's fifteen reports weigh
 * one. `people` counts, per signal, the distinct people with an active report carrying it, out
 * of `total` people; while the store keeps only report counts per signal, both fall back to
 * reports.
 */
export function peopleShares(evidence: SenderEvidence): {
  counts: Record<string, number>;
  total: number;
} {
  const perPerson = evidence.signalPeople;
  return perPerson
    ? { counts: perPerson, total: evidence.reporters }
    : { counts: evidence.signals, total: evidence.reports };
}

/** The sending infrastructure most people's reports came from; null when none or tied. */
export function dominantInfrastructure(
  evidence: SenderEvidence,
): { infrastructure: Infrastructure; people: number; total: number } | null {
  const { counts, total } = peopleShares(evidence);
  const [first, second] = infrastructuresIn(counts);
  if (!first || (second && second.reports === first.reports)) return null;
  return { infrastructure: first.infrastructure, people: first.reports, total };
}

function countOf(signals: Record<string, number>, names: readonly string[]): number {
  // Signals that mean the same thing may both be present on one report: the highest count is
  // a lower bound of the reports carrying any of them, and never counts a report twice.
  return names.reduce((max, name) => Math.max(max, signals[name] ?? 0), 0);
}

function identityOf(senderKey: string): { value: string; unverified: boolean } {
  return senderKey.startsWith(UNVERIFIED)
    ? { value: senderKey.slice(UNVERIFIED.length), unverified: true }
    : { value: senderKey, unverified: false };
}

export function domainOfIdentity(value: string): string {
  const at = value.lastIndexOf("@");
  return (at >= 0 ? value.slice(at + 1) : value).toLowerCase();
}

export function isAcceptedDomain(domain: string, acceptedDomains: readonly string[]): boolean {
  const lower = domain.toLowerCase();
  return acceptedDomains.some((accepted) => {
    const own = accepted.toLowerCase().replace(/^\*\./, "");
    return lower === own || lower.endsWith(`.${own}`);
  });
}

/**
 * What only the tenant can tell about the identity (server/identity/validate.ts): a look-alike
 * of its own or already allowed domains, and the roll-up of a free-mail domain's addresses.
 */
function tenantIdentityRefusals(
  evidence: SenderEvidence,
  context: RulesContext,
  already: readonly Refusal[],
): Refusal[] {
  const all = { reports: evidence.reports, people: Math.max(1, evidence.reporters) };
  const found: Refusal[] = [];
  const identity = identityRefusalFor(evidence.senderKey, {
    acceptedDomains: context.settings.acceptedDomains,
    protectedDomains: context.protectedDomains ?? [],
  });
  const code = identity ? refusalKindOf(identity.code) : null;
  if (identity && code && !already.some((refusal) => refusal.code === code)) {
    found.push({ code, ...all, message: `${REFUSAL_MESSAGES[code]} ${identity.message}` });
  }
  const { value, unverified } = identityOf(evidence.senderKey);
  const siblings = context.sameDomainAddressEntries ?? 0;
  if (
    !unverified &&
    evidence.kind === "address" &&
    isSharedMailDomain(domainOfIdentity(value)) &&
    siblings + 1 >= ROLL_UP_AT
  ) {
    found.push({ code: "freemail-roll-up", ...all, message: REFUSAL_MESSAGES["freemail-roll-up"] });
  }
  return found;
}

/**
 * A domain younger than YOUNG_DOMAIN_DAYS at `now`, with its age in the message. The age is
 * counted at every assessment, so the refusal lifts by itself once the domain is old enough.
 */
export function youngDomainRefusal(
  evidence: SenderEvidence,
  context: RulesContext,
): Refusal | null {
  const registeredAt = context.domainAge?.registeredAt;
  if (!context.domainAge || !registeredAt) return null;
  const age = Math.floor((context.now.getTime() - Date.parse(registeredAt)) / DAY_MS);
  if (!Number.isFinite(age) || age >= YOUNG_DOMAIN_DAYS) return null;
  const days = plural(Math.max(0, age), "day");
  return {
    code: "young-domain",
    reports: evidence.reports,
    people: Math.max(1, evidence.reporters),
    message: `${REFUSAL_MESSAGES["young-domain"]} ${context.domainAge.domain} was registered on ${registeredAt.slice(0, 10)}, ${days} ago (RDAP).`,
  };
}

function refusalsOf(evidence: SenderEvidence): Refusal[] {
  const refusals: Refusal[] = [];
  const { counts } = peopleShares(evidence);
  for (const code of REFUSAL_ORDER) {
    if (code === "unverified-identity" || code === "freemail-roll-up" || code === "young-domain") {
      continue;
    }
    const reports = countOf(evidence.signals, REFUSAL_SIGNALS[code]);
    // At least one person stands behind any report.
    const people = Math.max(reports > 0 ? 1 : 0, countOf(counts, REFUSAL_SIGNALS[code]));
    if (reports > 0) refusals.push({ code, reports, people, message: REFUSAL_MESSAGES[code] });
  }
  return refusals;
}

/** Causes an allow cannot fix, with the people behind each (`people`) for the shares. */
function insightsOf(evidence: SenderEvidence): (Insight & { people: number })[] {
  const insights: (Insight & { people: number })[] = [];
  const { counts } = peopleShares(evidence);
  for (const [cause, names] of Object.entries(INSIGHT_SIGNALS) as [
    Exclude<InsightCause, "own-domain" | "bulk-threshold" | "gateway-in-front">,
    readonly string[],
  ][]) {
    const count = (signals: Record<string, number>) => {
      let found = countOf(signals, names);
      if (cause === "user-junk-settings") {
        // SFV:NSPM with dest:J: the filter said "not spam" and the mailbox still put it in Junk.
        found = Math.max(found, Math.min(signals["sfv-nspm"] ?? 0, signals["dest-j"] ?? 0));
      }
      return found;
    };
    const reports = count(evidence.signals);
    const people = Math.max(reports > 0 ? 1 : 0, count(counts));
    if (reports > 0) insights.push({ cause, reports, people, setting: INSIGHT_SETTINGS[cause] });
  }
  return insights.sort((a, b) => b.people - a.people || b.reports - a.reports);
}

/**
 * A spoofed-sender pair fits a legitimate sender that fails authentication only implicitly
 * (compauth fail reason 001: no DMARC record or a weak one) from one sending infrastructure.
 * An explicit DMARC failure means the domain's owner says "not us": never a pair for that.
 */
function spoofPairOf(evidence: SenderEvidence, value: string): ProposalEntry | null {
  const { signals, reports } = evidence;
  if (reports <= 0) return null;
  // Every report: one explicit failure or one report without Microsoft's stamp breaks the pair.
  const implicitFailures = signals["compauth-reason-001"] ?? 0;
  if ((signals["compauth-fail"] ?? 0) < reports || implicitFailures < reports) return null;
  if ((signals["dmarc-fail"] ?? 0) > 0) return null;
  // The shared rule module judged each report too: where it said another allow (or none), no pair.
  const allowSignals = ["allow-sender", "allow-spoof-pair", "allow-none"];
  if (allowSignals.some((name) => (signals[name] ?? 0) > 0)) {
    if ((signals["allow-spoof-pair"] ?? 0) < reports) return null;
  }
  const dominant = dominantInfrastructure(evidence);
  if (!dominant || dominant.people < Math.ceil(dominant.total * SPOOF_PAIR_MIN_SHARE)) return null;
  return { type: "spoof", spoofedUser: value, sendingInfrastructure: dominant.infrastructure };
}

/** Diminishing returns: 0 at 0, 1 at `full` and beyond. */
function saturate(value: number, full: number): number {
  if (value <= 0) return 0;
  return Math.min(1, Math.log1p(value) / Math.log1p(full));
}

/**
 * 0-100: people (45), mailboxes (20), authentication (25) and "I trust this sender" (10).
 * Authentication counts the share of people whose reports passed; a spoofed-sender pair passed
 * nothing, so it gets no authentication points (issue 10 §5: an unauthenticated sender's
 * strength says so).
 */
export function strengthOf(evidence: SenderEvidence, entry: ProposalEntry | null): number {
  if (evidence.reports <= 0) return 0;
  const { counts, total } = peopleShares(evidence);
  const authShare =
    entry?.type === "spoof"
      ? 0
      : Math.max(
          counts["auth-dmarc-pass"] ?? 0,
          0.8 * (counts["auth-dkim-aligned-pass"] ?? 0),
          0.8 * (counts[ARC_VOUCHED] ?? 0),
          0.6 * (counts["auth-spf-aligned-pass"] ?? 0),
        );
  const score =
    45 * saturate(evidence.reporters, 25) +
    20 * saturate(evidence.mailboxes, 10) +
    25 * Math.min(1, authShare / Math.max(1, total)) +
    10 *
      (evidence.trustedSenderPeople !== undefined
        ? Math.min(1, evidence.trustedSenderPeople / Math.max(1, evidence.reporters))
        : Math.min(1, evidence.trustedSender / evidence.reports));
  return Math.max(0, Math.min(100, Math.round(score)));
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** What is true of the evidence's authentication, counted in people (or reports, see peopleShares). */
function authPhrase(evidence: SenderEvidence, entry: ProposalEntry): string {
  const { counts, total } = peopleShares(evidence);
  const unit = counts === evidence.signals ? "reports" : "people";
  if (entry.type === "spoof") {
    const dominant = dominantInfrastructure(evidence);
    return `no SPF, DKIM or DMARC passed for the From domain and Microsoft's failure is implicit (compauth reason 001: no enforcing DMARC record), from ${entry.sendingInfrastructure.value} for ${dominant?.people ?? 0} of ${total} ${unit}`;
  }
  const dmarc = counts["auth-dmarc-pass"] ?? 0;
  if (dmarc > 0) return `DMARC passed for ${dmarc} of ${total} ${unit}`;
  const dkim = counts["auth-dkim-aligned-pass"] ?? 0;
  if (dkim > 0) return `aligned DKIM passed for ${dkim} of ${total} ${unit}`;
  const spf = counts["auth-spf-aligned-pass"] ?? 0;
  if (spf > 0) return `aligned SPF passed for ${spf} of ${total} ${unit}`;
  const arc = counts[ARC_VOUCHED] ?? 0;
  return `a trusted ARC sealer carried the original authentication (compauth reason 130) for ${arc} of ${total} ${unit}`;
}

/** Whether any report's own authentication (DMARC, aligned DKIM or aligned SPF) passed. */
function anyAuthPassed(evidence: SenderEvidence): boolean {
  const { signals } = evidence;
  return (
    (signals["auth-dmarc-pass"] ?? 0) > 0 ||
    (signals["auth-dkim-aligned-pass"] ?? 0) > 0 ||
    (signals["auth-spf-aligned-pass"] ?? 0) > 0 ||
    (signals[ARC_VOUCHED] ?? 0) > 0
  );
}

export function describeEntry(entry: ProposalEntry): string {
  return entry.type === "sender"
    ? `allow ${entry.kind} ${entry.value}`
    : `allow ${entry.spoofedUser} sent from ${entry.sendingInfrastructure.value}`;
}

export function assess(evidence: SenderEvidence, context: RulesContext): Assessment {
  const { settings, now } = context;
  const { value, unverified } = identityOf(evidence.senderKey);
  const domain = domainOfIdentity(value);
  const lastSeen = Date.parse(evidence.lastSeen);
  const fresh =
    Number.isFinite(lastSeen) && now.getTime() - lastSeen <= settings.windowDays * DAY_MS;
  const recent = context.window ?? { reporters: evidence.reporters, mailboxes: evidence.mailboxes };
  // A critical sender's mail in Junk is worth an admin's look at once: one authenticated
  // report opens it (every refusal below still applies; an unverified key never qualifies).
  const fastTrack = Boolean(context.critical) && !unverified;
  const need = fastTrack
    ? { reporters: 1, mailboxes: 1 }
    : { reporters: settings.minReporters, mailboxes: settings.minMailboxes };
  const progress = {
    reporters: { have: recent.reporters, need: need.reporters },
    mailboxes: { have: recent.mailboxes, need: need.mailboxes },
    fresh,
  };
  const base = {
    rulesVersion: RULES_VERSION,
    progress,
    warnings: [] as Warning[],
  };
  const insights = insightsOf(evidence);

  const refusals = refusalsOf(evidence);
  const spoofPair = unverified ? spoofPairOf(evidence, value) : null;
  // A spoof verdict is what a spoofed-sender pair answers; everything else refuses outright.
  const blocking = refusals.filter((refusal) => !(spoofPair && refusal.code === "spoof"));
  blocking.push(...tenantIdentityRefusals(evidence, context, blocking));
  const young = youngDomainRefusal(evidence, context);
  if (young) blocking.push(young);
  // A sender allow needs a sender something vouches for: no passing SPF, DKIM or DMARC, no
  // sender allow, whatever the key says (issue 10 §5).
  const unvouched = evidence.reports > 0 && (unverified ? !spoofPair : !anyAuthPassed(evidence));
  if (unvouched && !blocking.some((r) => r.code === "authentication-failed")) {
    blocking.push({
      code: "unverified-identity",
      reports: evidence.reports,
      people: evidence.reporters,
      message: REFUSAL_MESSAGES["unverified-identity"],
    });
  }
  blocking.sort((a, b) => REFUSAL_ORDER.indexOf(a.code) - REFUSAL_ORDER.indexOf(b.code));
  // A gateway in front explains failed authentication: an insight with Microsoft's fix, never an
  // allow; a threat or a look-alike still refuses.
  const { counts: peopleCounts, total: peopleTotal } = peopleShares(evidence);
  const gateway = gatewayInsightOf(evidence, peopleCounts);
  if (
    gateway &&
    peopleTotal > 0 &&
    gateway.people >= peopleTotal * INSIGHT_MIN_SHARE &&
    blocking.every((refusal) => EXPLAINED_BY_GATEWAY.has(refusal.code))
  ) {
    const setting = gatewaySetting(gateway);
    return {
      ...base,
      outcome: "insight",
      entry: null,
      strength: 0,
      reason: `An allow would not fix it. ${setting}`,
      refusals: blocking,
      insights: [
        {
          cause: "gateway-in-front",
          reports: gateway.reports,
          setting,
          commands: gatewayCommands(gateway),
        },
        ...insights,
      ],
    };
  }
  if (blocking.length > 0) {
    const lead = blocking[0]!;
    return {
      ...base,
      outcome: "refused",
      entry: null,
      strength: 0,
      reason: `Refused: ${lead.message}`,
      refusals: blocking,
      insights,
    };
  }

  if (isAcceptedDomain(domain, settings.acceptedDomains)) {
    return {
      ...base,
      outcome: "insight",
      entry: null,
      strength: 0,
      reason: `Your own domain ${domain}: ${INSIGHT_SETTINGS["own-domain"]}`,
      refusals: [],
      insights: [
        { cause: "own-domain", reports: evidence.reports, setting: INSIGHT_SETTINGS["own-domain"] },
        ...insights,
      ],
    };
  }

  const leading = insights[0];
  const { total } = peopleShares(evidence);
  if (leading && total > 0 && leading.people >= total * INSIGHT_MIN_SHARE) {
    return {
      ...base,
      outcome: "insight",
      entry: null,
      strength: 0,
      reason: `An allow would not fix it. ${leading.setting}`,
      refusals: [],
      insights,
    };
  }

  const entry: ProposalEntry = spoofPair ?? {
    type: "sender",
    kind: evidence.kind,
    value,
  };
  const warnings: Warning[] = insights.map((insight) => ({
    code: "minor-cause" as const,
    message: `${plural(insight.reports, "report")} also show: ${insight.setting}`,
  }));
  if (countOf(evidence.signals, BULK_SIGNALS) > 0) {
    warnings.push({ code: "bulk", message: BULK_WARNING });
  }
  const siblings = context.sameDomainAddressEntries ?? 0;
  if (entry.type === "sender" && entry.kind === "address" && siblings + 1 >= ROLL_UP_WARN_AT) {
    warnings.unshift({
      code: "roll-up",
      message: `${siblings + 1} addresses at ${domain} are proposed or allowed; Microsoft rolls ${ROLL_UP_AT} or more into an allow for all of ${domain}.`,
    });
  }
  if (entry.type === "spoof") {
    warnings.push({
      code: "spoof-entries-never-expire",
      message:
        "Microsoft never expires spoofed-sender entries: Vouch expires its proposal after the sender goes quiet; remove the entry then.",
    });
  }

  const strength = strengthOf(evidence, entry);
  if (fastTrack) {
    warnings.unshift({
      code: "critical-fast-track",
      message: `${context.critical!.label} is one of your critical senders: opened on the first authenticated report, without waiting for ${settings.minReporters} people.`,
    });
  }
  const enough = recent.reporters >= need.reporters && recent.mailboxes >= need.mailboxes;
  if (!enough || !fresh) {
    const within = `within ${settings.windowDays} days`;
    const missing = [
      recent.reporters < need.reporters
        ? `${recent.reporters} of ${need.reporters} people ${within}`
        : null,
      recent.mailboxes < need.mailboxes
        ? `${recent.mailboxes} of ${need.mailboxes} mailboxes ${within}`
        : null,
      fresh ? null : `no report in the last ${settings.windowDays} days`,
    ].filter((part): part is string => part !== null);
    return {
      ...base,
      outcome: "collecting",
      entry,
      strength,
      reason: `Collecting evidence: ${missing.join(", ")}.`,
      refusals: [],
      insights,
      warnings,
    };
  }

  return {
    ...base,
    outcome: "open",
    entry,
    strength,
    reason: `${plural(evidence.reporters, "person", "people")} in ${plural(evidence.mailboxes, "mailbox", "mailboxes")} vouched; ${authPhrase(evidence, entry)}: ${describeEntry(entry)}.`,
    refusals: [],
    insights,
    warnings,
  };
}
