/**
 * The findings catalogue: every conclusion the engine can draw, with a stable kebab-case id
 * (an API: server/identity/evidence.ts turns ids into signals), a severity and who can fix it.
 * The rules below find the facts; the words come from the reader's language in `./messages`
 * (a title and a detail per id, built once per finding from the rule's typed parameters).
 * `deriveFindings` returns the findings ordered by severity, then by catalogue order (which is
 * importance order).
 */
import { organizationalDomain } from "./alignment";
import type { AntispamExtras } from "./antispam";
import {
  FILTERING_SKIPPED,
  HIGH_CONFIDENCE_PHISHING_CATS,
  MALWARE_CATS,
  PHISHING_CATS,
  SPAM_MARKED_BEFORE_FILTERING,
  THREAT_CATS,
} from "./categories";
import type { AuthenticatedSender } from "./identity";
import type { Language } from "./language";
import { gatewayFindings } from "./gateways/findings";
import { findingTexts } from "./messages";
import type { AnalysisPart, FindingId, FindingParams, RuleGroup } from "./messages/types";
import type { TrustedAuth } from "./trusted-auth";
import type {
  AntispamStamps,
  AuthSummary,
  Finding,
  FixableBy,
  GatewayInFront,
  GatewayVerdict,
  Hop,
  Severity,
} from "./types";

export type { FindingId, FindingParams } from "./messages/types";

export interface FindingDefinition {
  id: FindingId;
  severity: Severity;
  fixableBy: FixableBy | null;
}

const define = <const Id extends FindingId>(
  id: Id,
  severity: Severity,
  fixableBy: FixableBy | null,
): FindingDefinition & { id: Id } => ({ id, severity, fixableBy });

/** In importance order within each severity. */
export const FINDING_CATALOGUE = [
  // Threats: the sender must not be trusted, and nobody should "fix" it.
  define("malware-verdict", "error", null),
  define("phishing-verdict", "error", null),
  define("impersonation-domain", "error", null),
  define("impersonation-user", "error", null),
  define("impersonation-mailbox-intelligence", "error", null),
  define("impersonation-brand", "error", null),
  define("spoof-verdict", "error", null),
  define("intra-org-phishing", "error", null),
  define("dmarc-fail", "error", "sender"),
  // A gateway in front of Microsoft 365: the organisation's routing, never an allow.
  define("gateway-in-front", "warning", "admin"),
  define("high-confidence-spam", "error", "admin"),
  // Why it is in Junk, and who can change that.
  define("forged-auth-results", "warning", null),
  define("reply-to-differs", "warning", null),
  define("content-filter-spam-authenticated", "warning", "admin"),
  define("junk-by-user-settings", "warning", "user"),
  define("blocked-sender", "warning", "user"),
  define("policy-blocked", "warning", "admin"),
  define("transport-rule-spam", "warning", "admin"),
  define("gateway-junked", "warning", "admin"),
  define("asf-custom-spam", "warning", "admin"),
  define("bulk-bcl-high", "warning", "admin"),
  define("compauth-fail", "warning", "sender"),
  define("content-filter-spam", "warning", "admin"),
  define("spf-fail", "warning", "sender"),
  define("spf-softfail", "warning", "sender"),
  define("spf-error", "warning", "sender"),
  define("dmarc-error", "warning", "sender"),
  define("dkim-fail", "warning", "sender"),
  define("spf-not-aligned", "warning", "sender"),
  define("dkim-not-aligned", "warning", "sender"),
  define("slow-delivery", "warning", null),
  define("no-authentication-results", "warning", null),
  define("no-transport-headers", "warning", null),
  define("unreadable-headers", "warning", null),
  define("analysis-incomplete", "warning", null),
  // Context.
  define("dmarc-none", "info", "sender"),
  define("bulk-bcl-elevated", "info", "admin"),
  define("arc-override", "info", null),
  define("allowed-by-user", "info", "user"),
  define("safe-senders-rescued", "info", "user"),
  define("allowed-by-policy", "info", "admin"),
  define("released-from-quarantine", "info", "admin"),
  define("first-contact", "info", null),
  define("sender-authenticated", "info", null),
  define("sender-tenant-stamps-ignored", "info", null),
  define("sender-own-auth-results", "info", null),
  define("gateway-stamps-ignored", "info", null),
  define("clock-skew", "info", null),
] as const satisfies readonly FindingDefinition[];

/** Compile-time: every id with texts is catalogued (and `define` accepts only ids with texts). */
type Uncatalogued = Exclude<FindingId, (typeof FINDING_CATALOGUE)[number]["id"]>;
const everyIdCatalogued: [Uncatalogued] extends [never] ? true : Uncatalogued = true;
void everyIdCatalogued;

const BY_ID = new Map<string, { definition: FindingDefinition; index: number }>(
  FINDING_CATALOGUE.map((definition, index) => [definition.id, { definition, index }]),
);

export function findingDefinition(id: string): FindingDefinition | undefined {
  return BY_ID.get(id)?.definition;
}

/**
 * Builds a finding of a catalogued id in a language: its title, and its detail from the
 * parameters (once). `fixableBy` may be narrowed for this instance.
 */
export function makeFinding<Id extends FindingId>(
  id: Id,
  params: FindingParams[Id],
  options: { language?: Language; fixableBy?: FixableBy | null } = {},
): Finding {
  const definition = BY_ID.get(id)!.definition;
  const text = findingTexts(options.language ?? "en")[id];
  return {
    id,
    severity: definition.severity,
    title: text.title,
    detail: text.detail(params),
    fixableBy: options.fixableBy === undefined ? definition.fixableBy : options.fixableBy,
  };
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Severity first (errors on top), then catalogue order; findings that tie keep their order.
 * An analysis finds a handful, so each one's rank is found once and they are sorted by
 * insertion (stable), rather than `Array#sort` looking both up in every comparison.
 */
export function sortFindings(findings: Finding[]): Finding[] {
  const sorted = findings.slice();
  const ranks = sorted.map(rankOf);
  for (let i = 1; i < sorted.length; i++) {
    const finding = sorted[i] as Finding;
    const rank = ranks[i] as number;
    let j = i - 1;
    for (; j >= 0 && (ranks[j] as number) > rank; j--) {
      sorted[j + 1] = sorted[j] as Finding;
      ranks[j + 1] = ranks[j] as number;
    }
    sorted[j + 1] = finding;
    ranks[j + 1] = rank;
  }
  return sorted;
}

/** Where a finding sorts: by severity, then by its place in the catalogue (uncatalogued last). */
function rankOf(finding: Finding): number {
  const index = BY_ID.get(finding.id)?.index ?? FINDING_CATALOGUE.length;
  return SEVERITY_RANK[finding.severity] * (FINDING_CATALOGUE.length + 1) + index;
}

/** Everything the rules look at. */
export interface FindingEvidence {
  /** The header block had no fields that a delivered message carries. */
  noTransportHeaders: boolean;
  /** Lines of the block that could not be read, and problems inside header values. */
  headerProblems: readonly string[];
  valueProblems: readonly string[];
  /** Parts of the analysis that failed (each yielded nulls). */
  failedParts: readonly AnalysisPart[];
  auth: AuthSummary;
  trustedAuth: TrustedAuth | null;
  stamps: AntispamStamps;
  extras: AntispamExtras | null;
  hops: readonly Hop[];
  fromDomain: string | null;
  /** The Reply-To address's domain, lower case, when the message has one. */
  replyToDomain: string | null;
  authenticated: AuthenticatedSender | null;
  junked: boolean | null;
  /** Third-party gateways' verdicts and the gateway in front (src/analysis/gateways); optional for callers that predate them. */
  gateways?: readonly GatewayVerdict[];
  gatewayInFront?: GatewayInFront | null;
}

/** What a rule reports: a catalogued id and its parameters; the words are added in one place. */
type Found = <Id extends FindingId>(
  id: Id,
  params: FindingParams[Id],
  fixableBy?: FixableBy | null,
) => void;

/** Hop delays at or over this many seconds make `slow-delivery`. */
export const SLOW_DELIVERY_SECONDS = 30 * 60;
/** BCL at or over this is bulk under the default policy; Standard uses 6, Strict 5. */
export const BCL_DEFAULT_THRESHOLD = 7;

/** The stamps that explain a spam verdict, as Microsoft spells them. */
function stampEvidence(stamps: AntispamStamps): string[] {
  const parts: string[] = [];
  if (stamps.sfv) parts.push(`SFV:${stamps.sfv}`);
  if (stamps.scl !== null) parts.push(`SCL ${stamps.scl}`);
  if (stamps.cat) parts.push(`CAT:${stamps.cat}`);
  if (stamps.bcl !== null) parts.push(`BCL ${stamps.bcl}`);
  if (stamps.srv) parts.push(`SRV:${stamps.srv}`);
  if (stamps.mailboxDelivery?.dest) parts.push(`dest:${stamps.mailboxDelivery.dest}`);
  return parts;
}

function threatFindings(evidence: FindingEvidence, found: Found): void {
  const { stamps, fromDomain } = evidence;
  const cat = stamps.cat;
  const sfty = stamps.sfty;
  if (cat && MALWARE_CATS.has(cat)) found("malware-verdict", { cat });
  if (cat && (PHISHING_CATS.has(cat) || HIGH_CONFIDENCE_PHISHING_CATS.has(cat))) {
    found("phishing-verdict", { cat });
  }
  if (sfty === "9.19" || cat === "DIMP") {
    found("impersonation-domain", {
      safetyTip: sfty === "9.19",
      category: cat === "DIMP",
      fromDomain,
    });
  }
  if (sfty === "9.20" || cat === "UIMP") {
    found("impersonation-user", { safetyTip: sfty === "9.20", category: cat === "UIMP" });
  }
  if (cat === "GIMP") found("impersonation-mailbox-intelligence", { cat });
  if (cat === "BIMP") found("impersonation-brand", { cat });
  if (cat === "SPOOF") found("spoof-verdict", { cat, fromDomain });
  if (cat === "INTOS") found("intra-org-phishing", { cat });
}

function hasThreatVerdict(stamps: AntispamStamps): boolean {
  return (
    (stamps.cat !== null && THREAT_CATS.has(stamps.cat)) ||
    stamps.sfty === "9.19" ||
    stamps.sfty === "9.20"
  );
}

function authFindings(evidence: FindingEvidence, found: Found): void {
  const { auth, fromDomain } = evidence;
  const { spf, dkim, dmarc, compauth } = auth;

  // A trusted ARC sealer rescued a failure: the failures are the forwarder's doing, expected,
  // and nobody's to fix, so they are told once here instead of as separate alarms.
  if (compauth?.result === "pass" && compauth.reason === "130") {
    const failures = [
      spf && spf.result !== "pass" ? `spf=${spf.result}` : null,
      ...dkim.filter((signature) => signature.result !== "pass").map((s) => `dkim=${s.result}`),
      dmarc && dmarc.result !== "pass" ? `dmarc=${dmarc.result}` : null,
    ].filter((failure): failure is string => failure !== null);
    found("arc-override", { failures });
    return;
  }

  if (dmarc) {
    const domain = dmarc.domain ?? fromDomain;
    if (dmarc.result === "fail") {
      found("dmarc-fail", { domain, policy: dmarc.policy, action: dmarc.action });
    } else if (dmarc.result === "temperror" || dmarc.result === "permerror") {
      found("dmarc-error", { result: dmarc.result, domain });
    } else if (dmarc.result === "none" || dmarc.result === "bestguesspass") {
      found("dmarc-none", { result: dmarc.result, domain });
    }
  }

  if (compauth?.result === "fail") {
    const reason = compauth.reason;
    const ownDomain = reason === "010" || (reason !== null && reason.startsWith("6"));
    const advice = reason === "002" ? "admin-block" : ownDomain ? "own-domain" : "sender";
    found("compauth-fail", { reason, advice }, advice === "sender" ? "sender" : "admin");
  }

  if (spf) {
    if (spf.result === "fail") {
      found("spf-fail", { domain: spf.domain });
    } else if (spf.result === "softfail") {
      found("spf-softfail", { domain: spf.domain });
    } else if (spf.result === "temperror" || spf.result === "permerror") {
      found("spf-error", { result: spf.result, domain: spf.domain });
    }
  }

  const passing = dkim.filter((signature) => signature.result === "pass");
  const failing = dkim.filter((signature) =>
    ["fail", "permerror", "temperror", "timeout", "neutral", "policy"].includes(signature.result),
  );
  if (passing.length === 0 && failing.length > 0) {
    found("dkim-fail", {
      signatures: failing.map(({ result, domain }) => ({ result, domain })),
      transient: failing.every(
        (signature) => signature.result === "timeout" || signature.result === "temperror",
      ),
    });
  }

  // Misalignment only matters when nothing aligned passed: then DMARC cannot pass.
  const alignedPass =
    (spf?.result === "pass" && spf.aligned === true) ||
    passing.some((signature) => signature.aligned === true);
  if (!alignedPass) {
    if (spf?.result === "pass" && spf.aligned === false) {
      found("spf-not-aligned", { spfDomain: spf.domain, fromDomain });
    }
    const misaligned = passing.filter((signature) => signature.aligned === false);
    if (misaligned.length > 0) {
      found("dkim-not-aligned", {
        signers: misaligned.map((signature) => signature.domain),
        fromDomain,
      });
    }
  }

  if (evidence.authenticated) {
    const { via, domain, address } = evidence.authenticated;
    found("sender-authenticated", { via, domain, address });
  }
}

function spamFindings(evidence: FindingEvidence, found: Found): void {
  const { stamps, extras } = evidence;
  const sfv = stamps.sfv;
  const scl = stamps.scl;
  const dest = stamps.mailboxDelivery?.dest ?? null;
  const evidenceStamps = stampEvidence(stamps);

  if (sfv === "BLK") found("blocked-sender", {});
  if (sfv === "SKB") found("policy-blocked", {});
  if (sfv === "SKS") found("transport-rule-spam", { stamps: evidenceStamps });
  if (sfv === "NSPM" && dest === "J") {
    found("junk-by-user-settings", { ofr: extras?.ofr ? extras.ofr.slice(0, 60) : null });
  }
  if (extras?.customSpam) found("asf-custom-spam", { customSpam: extras.customSpam });

  const threat = hasThreatVerdict(stamps);
  const markedBefore = sfv !== null && SPAM_MARKED_BEFORE_FILTERING.has(sfv);
  const skipped = sfv !== null && FILTERING_SKIPPED.has(sfv);

  if (
    !threat &&
    !markedBefore &&
    !skipped &&
    ((scl !== null && scl >= 7) || stamps.cat === "HSPM")
  ) {
    found("high-confidence-spam", { stamps: evidenceStamps });
  }

  const bcl = stamps.bcl;
  const bulkStamped = stamps.srv === "BULK" || stamps.cat === "BULK";
  if ((bcl !== null && bcl >= BCL_DEFAULT_THRESHOLD) || bulkStamped) {
    found("bulk-bcl-high", { stamps: evidenceStamps, bcl });
  } else if (bcl !== null && bcl >= 4) {
    found("bulk-bcl-elevated", { bcl });
  }

  const spamVerdict = sfv === "SPM" || (scl !== null && scl >= 5 && !skipped);
  // Delivered to the Inbox (dest:I): the filter's spam verdict did not junk it.
  const delivered = evidence.junked === false;
  if (
    spamVerdict &&
    !delivered &&
    !threat &&
    !markedBefore &&
    !skipped &&
    !bulkStamped &&
    !extras?.customSpam
  ) {
    const compauth = evidence.auth.compauth;
    const compauthOk = compauth === null || compauth.result === "pass";
    if (evidence.authenticated && compauthOk) {
      found("content-filter-spam-authenticated", {
        stamps: evidenceStamps,
        via: evidence.authenticated.via,
        domain: evidence.authenticated.domain,
        compauth: compauth ? compauth.result : null,
      });
    } else {
      found("content-filter-spam", {
        stamps: evidenceStamps,
        authenticated: evidence.authenticated !== null,
      });
    }
  }

  if (sfv === "SFE") found("allowed-by-user", {});
  const delivery = stamps.mailboxDelivery;
  const personalList = delivery?.pcwl === 1;
  if (
    dest === "I" &&
    sfv !== "SFE" &&
    (delivery?.ofr?.toLowerCase() === "trustedsenderlist" || personalList)
  ) {
    found("safe-senders-rescued", {
      stamps: spamVerdict || bulkStamped ? evidenceStamps : [],
      ofr: delivery?.ofr ?? null,
      personalList,
    });
  }
  if (sfv === "SKA" || sfv === "SKN" || stamps.ipv === "CAL") {
    found("allowed-by-policy", {
      sfv: sfv === "SKA" || sfv === "SKN" ? sfv : null,
      ipAllowList: stamps.ipv === "CAL",
    });
  }
  if (sfv === "SKQ") found("released-from-quarantine", {});
  if (stamps.sfty === "9.25") found("first-contact", {});
  if (extras && extras.untrustedCopies.length > 0) {
    found("sender-tenant-stamps-ignored", { headers: extras.untrustedCopies.slice(0, 4) });
  }
}

function hopFindings(evidence: FindingEvidence, found: Found): void {
  let slowest: Hop | null = null;
  const skewed: Hop[] = [];
  for (const hop of evidence.hops) {
    if (hop.delaySeconds === null) continue;
    if (hop.delaySeconds < 0) skewed.push(hop);
    if (
      hop.delaySeconds >= SLOW_DELIVERY_SECONDS &&
      (!slowest || hop.delaySeconds > (slowest.delaySeconds ?? 0))
    )
      slowest = hop;
  }
  if (slowest && slowest.delaySeconds !== null) {
    found("slow-delivery", {
      hop: slowest.index,
      from: slowest.from,
      by: slowest.by,
      seconds: slowest.delaySeconds,
    });
  }
  if (skewed.length > 0) {
    found("clock-skew", {
      hops: skewed.map((hop) => ({
        index: hop.index,
        by: hop.by,
        seconds: -(hop.delaySeconds ?? 0),
      })),
    });
  }
}

function forgedFindings(evidence: FindingEvidence, found: Found): void {
  const senderOwn = evidence.trustedAuth?.senderOwn ?? [];
  if (senderOwn.length > 0) {
    found("sender-own-auth-results", {
      authservIds: senderOwn.slice(0, 4).map((header) => header.parsed.authservId),
    });
  }
  const trusted = evidence.trustedAuth;
  if (!trusted || trusted.unconfirmedClaims.length === 0) return;
  found("forged-auth-results", {
    claims: trusted.unconfirmedClaims.map((claim) => ({
      authservId: claim.header.parsed.authservId,
      methods: claim.methods,
    })),
    trusted: trusted.trusted ? { authservId: trusted.trusted.parsed.authservId } : null,
  });
}

/**
 * A Reply-To in another organisation than the From line is how business-email compromise
 * diverts the answer to a payment request; mailing lists and ticket systems do it too, so it is a
 * warning to look twice, not a verdict.
 */
function replyToFindings(evidence: FindingEvidence, found: Found): void {
  const { fromDomain, replyToDomain } = evidence;
  if (!fromDomain || !replyToDomain) return;
  const fromOrganisation = organizationalDomain(fromDomain);
  const replyOrganisation = organizationalDomain(replyToDomain);
  if (fromOrganisation === null || replyOrganisation === null) return;
  if (fromOrganisation === replyOrganisation) return;
  found("reply-to-differs", { fromDomain, replyToDomain });
}

/** X-MS-Exchange-Organization-AuthAs: Internal, or Forefront DIR:INT. */
function internalMail(evidence: FindingEvidence): boolean {
  return evidence.extras?.authAs?.toLowerCase() === "internal" || evidence.stamps.dir === "INT";
}

function coverageFindings(evidence: FindingEvidence, found: Found): void {
  if (evidence.noTransportHeaders) {
    found("no-transport-headers", {});
  } else if (!evidence.trustedAuth?.trusted || !evidence.trustedAuth.verdict) {
    const untrusted = evidence.trustedAuth?.untrusted.length ?? 0;
    const senderOwn = evidence.trustedAuth?.senderOwn.length ?? 0;
    found(
      "no-authentication-results",
      untrusted > 0
        ? { case: "untrusted", count: untrusted }
        : internalMail(evidence)
          ? { case: "internal" }
          : senderOwn > 0
            ? { case: "sender-own" }
            : { case: "absent" },
    );
  } else if (evidence.trustedAuth.verdict.results.length === 0) {
    const verdict = evidence.trustedAuth.verdict;
    found("no-authentication-results", {
      case: "empty",
      authservId: verdict.authservId,
      saysNone: verdict.noResults,
    });
  }
  const problems = [...evidence.headerProblems, ...evidence.valueProblems];
  if (problems.length > 0) found("unreadable-headers", { problems });
  if (evidence.failedParts.length > 0) {
    found("analysis-incomplete", { case: "parts", parts: evidence.failedParts });
  }
}

const RULE_GROUPS: readonly [RuleGroup, (evidence: FindingEvidence, found: Found) => void][] = [
  ["threats", threatFindings],
  ["authentication", authFindings],
  ["spam verdict", spamFindings],
  ["forged headers", forgedFindings],
  ["reply-to", replyToFindings],
  ["hops", hopFindings],
  ["coverage", coverageFindings],
  [
    "gateways",
    (evidence, found) =>
      gatewayFindings(
        {
          gateways: evidence.gateways ?? [],
          gatewayInFront: evidence.gatewayInFront ?? null,
          stamps: evidence.stamps,
          junked: evidence.junked,
        },
        found,
      ),
  ],
];

/**
 * Applies every rule and words the findings in `language` (English by default); each rule
 * group is isolated so one failure cannot lose the others.
 */
export function deriveFindings(evidence: FindingEvidence, language: Language = "en"): Finding[] {
  const out: Finding[] = [];
  const found: Found = (id, params, fixableBy) => {
    out.push(makeFinding(id, params, { language, fixableBy }));
  };
  for (const [group, rule] of RULE_GROUPS) {
    try {
      rule(evidence, found);
    } catch {
      found("analysis-incomplete", { case: "rules", group });
    }
  }
  return sortFindings(out);
}
