/**
 * The findings catalogue: every conclusion the engine can draw, with a stable kebab-case id
 * (an API: server/identity/evidence.ts turns ids into signals), a severity, a plain title for
 * a person who is not an email expert, and who can fix it. `deriveFindings` applies the rules
 * to the evidence and returns the findings ordered by severity, then by catalogue order (which
 * is importance order).
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
import {
  BCL_MEANINGS,
  CAT_MEANINGS,
  DMARC_ACTION_MEANINGS,
  IPV_MEANINGS,
  SFV_MEANINGS,
  compauthReasonMeaning,
  meaningOf,
} from "./meanings";
import type { TrustedAuth } from "./trusted-auth";
import type { AntispamStamps, AuthSummary, Finding, FixableBy, Hop, Severity } from "./types";

export interface FindingDefinition {
  id: string;
  severity: Severity;
  fixableBy: FixableBy | null;
  title: string;
}

const define = <const Id extends string>(
  id: Id,
  severity: Severity,
  fixableBy: FixableBy | null,
  title: string,
): FindingDefinition & { id: Id } => ({ id, severity, fixableBy, title });

/** In importance order within each severity. */
export const FINDING_CATALOGUE = [
  // Threats: the sender must not be trusted, and nobody should "fix" it.
  define(
    "malware-verdict",
    "error",
    null,
    "Do not trust this sender: Microsoft found malware in this message.",
  ),
  define(
    "phishing-verdict",
    "error",
    null,
    "Do not trust this sender: Microsoft identified this message as phishing.",
  ),
  define(
    "impersonation-domain",
    "error",
    null,
    "Do not trust this sender: the sender's domain imitates a domain you know.",
  ),
  define(
    "impersonation-user",
    "error",
    null,
    "Do not trust this sender: the sender is pretending to be a person you know.",
  ),
  define(
    "impersonation-mailbox-intelligence",
    "error",
    null,
    "Do not trust this sender: the sender imitates someone you regularly write to.",
  ),
  define(
    "impersonation-brand",
    "error",
    null,
    "Do not trust this sender: the message imitates a well-known brand.",
  ),
  define(
    "spoof-verdict",
    "error",
    null,
    "Do not trust this sender: the sender's address appears to be forged.",
  ),
  define(
    "intra-org-phishing",
    "error",
    null,
    "Do not trust this sender: this phishing message came from inside your organisation, possibly from a hijacked account.",
  ),
  define(
    "dmarc-fail",
    "error",
    "sender",
    "The sender's domain does not vouch for this message (DMARC failed).",
  ),
  define(
    "high-confidence-spam",
    "error",
    "admin",
    "Microsoft's spam filter is highly confident that this message is spam.",
  ),
  // Why it is in Junk, and who can change that.
  define(
    "forged-auth-results",
    "warning",
    null,
    "Do not trust this message's own claims: a header says security checks passed, but your mail system did not confirm it.",
  ),
  define(
    "reply-to-differs",
    "warning",
    null,
    "Replies to this message would go to a different organisation than the one it claims to be from.",
  ),
  define(
    "content-filter-spam-authenticated",
    "warning",
    "admin",
    "Microsoft's spam filter junked this message although the sender proved who they are.",
  ),
  define(
    "junk-by-user-settings",
    "warning",
    "user",
    "The spam filter found nothing wrong, but your own Junk settings or rules moved this message to Junk.",
  ),
  define("blocked-sender", "warning", "user", "This sender is on your own Blocked Senders list."),
  define(
    "policy-blocked",
    "warning",
    "admin",
    "Your organisation's spam policy blocks this sender.",
  ),
  define(
    "transport-rule-spam",
    "warning",
    "admin",
    "A mail rule of your organisation marked this message as spam.",
  ),
  define(
    "asf-custom-spam",
    "warning",
    "admin",
    "An optional extra spam filter that your admin turned on marked this message as spam.",
  ),
  define(
    "bulk-bcl-high",
    "warning",
    "admin",
    "This message was treated as bulk mail, such as a newsletter or marketing.",
  ),
  define(
    "compauth-fail",
    "warning",
    "sender",
    "Microsoft could not confirm that this message really comes from the sender's domain.",
  ),
  define(
    "content-filter-spam",
    "warning",
    "admin",
    "Microsoft's spam filter decided that this message is spam.",
  ),
  define(
    "spf-fail",
    "warning",
    "sender",
    "The server that sent this message is not allowed to send mail for the sender's domain (SPF failed).",
  ),
  define(
    "spf-softfail",
    "warning",
    "sender",
    "The sender's domain says the sending server is probably not allowed to send for it (SPF soft fail).",
  ),
  define("spf-error", "warning", "sender", "The sender's SPF record could not be checked."),
  define("dmarc-error", "warning", "sender", "The sender's DMARC record could not be checked."),
  define(
    "dkim-fail",
    "warning",
    "sender",
    "The message's digital signature did not verify (DKIM failed).",
  ),
  define(
    "spf-not-aligned",
    "warning",
    "sender",
    "The sending server was checked (SPF) for a different domain than the one the message is from.",
  ),
  define(
    "dkim-not-aligned",
    "warning",
    "sender",
    "The message is digitally signed (DKIM), but by a different domain than the one it is from.",
  ),
  define("slow-delivery", "warning", null, "This message took unusually long to arrive."),
  define(
    "no-authentication-results",
    "warning",
    null,
    "This message carries no authentication results from your mail system.",
  ),
  define(
    "no-transport-headers",
    "warning",
    null,
    "Outlook gave no delivery headers for this message, so it cannot be analysed.",
  ),
  define(
    "unreadable-headers",
    "warning",
    null,
    "Some of this message's header lines could not be read.",
  ),
  define(
    "analysis-incomplete",
    "warning",
    null,
    "Part of this message's headers could not be analysed.",
  ),
  // Context.
  define(
    "dmarc-none",
    "info",
    "sender",
    "The sender's domain publishes no DMARC policy, which makes its mail easier to forge and more likely to be filtered.",
  ),
  define(
    "bulk-bcl-elevated",
    "info",
    "admin",
    "This message comes from a bulk sender, such as a newsletter or marketing service.",
  ),
  define(
    "arc-override",
    "info",
    null,
    "Authentication failed on the way, but a forwarding service your organisation trusts vouched for the message.",
  ),
  define(
    "allowed-by-user",
    "info",
    "user",
    "This sender is on your own Safe Senders list, so spam filtering was skipped.",
  ),
  define(
    "allowed-by-policy",
    "info",
    "admin",
    "Your organisation allows this sender, so spam filtering was skipped.",
  ),
  define("released-from-quarantine", "info", "admin", "This message was released from quarantine."),
  define("first-contact", "info", null, "You don't often get email from this sender."),
  define(
    "sender-authenticated",
    "info",
    null,
    "The sender proved that this message comes from their domain.",
  ),
  define(
    "sender-tenant-stamps-ignored",
    "info",
    null,
    "The message carries the sending organisation's own spam verdict, which was ignored.",
  ),
  define(
    "clock-skew",
    "info",
    null,
    "A server on the way has a wrong clock, so some delivery times are off.",
  ),
] as const satisfies readonly FindingDefinition[];

/** Every catalogued id, as a type: `makeFinding` accepts nothing else. */
export type FindingId = (typeof FINDING_CATALOGUE)[number]["id"];

const BY_ID = new Map<string, { definition: FindingDefinition; index: number }>(
  FINDING_CATALOGUE.map((definition, index) => [definition.id, { definition, index }]),
);

export function findingDefinition(id: string): FindingDefinition | undefined {
  return BY_ID.get(id)?.definition;
}

/** Builds a finding of a catalogued id; `fixableBy` may be narrowed for this instance. */
export function makeFinding(id: FindingId, detail: string, fixableBy?: FixableBy | null): Finding {
  const definition = BY_ID.get(id)?.definition;
  if (!definition) {
    return {
      id: "analysis-incomplete",
      severity: "warning",
      title: "Part of this message's headers could not be analysed.",
      detail: `Unknown finding "${id}": ${detail}`,
      fixableBy: null,
    };
  }
  return {
    id: definition.id,
    severity: definition.severity,
    title: definition.title,
    detail,
    fixableBy: fixableBy === undefined ? definition.fixableBy : fixableBy,
  };
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Severity first (errors on top), then catalogue order. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings
    .map((finding, order) => ({ finding, order }))
    .sort((a, b) => {
      const bySeverity = SEVERITY_RANK[a.finding.severity] - SEVERITY_RANK[b.finding.severity];
      if (bySeverity !== 0) return bySeverity;
      const rankA = BY_ID.get(a.finding.id)?.index ?? Number.MAX_SAFE_INTEGER;
      const rankB = BY_ID.get(b.finding.id)?.index ?? Number.MAX_SAFE_INTEGER;
      return rankA - rankB || a.order - b.order;
    })
    .map(({ finding }) => finding);
}

/** Everything the rules look at. */
export interface FindingEvidence {
  /** The header block had no fields that a delivered message carries. */
  noTransportHeaders: boolean;
  /** Lines of the block that could not be read, and problems inside header values. */
  headerProblems: readonly string[];
  valueProblems: readonly string[];
  /** Parts of the analysis that failed (each yielded nulls). */
  failedParts: readonly string[];
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
}

/** Hop delays at or over this many seconds make `slow-delivery`. */
export const SLOW_DELIVERY_SECONDS = 30 * 60;
/** BCL at or over this is bulk under the default policy; Standard uses 6, Strict 5. */
export const BCL_DEFAULT_THRESHOLD = 7;

/** Header text quoted into a detail, cut short so a hostile header cannot flood the pane. */
function quote(value: string | null | undefined): string {
  if (!value) return "(none)";
  return value.length > 200 ? `"${value.slice(0, 197)}..."` : `"${value}"`;
}

function stampEvidence(stamps: AntispamStamps): string {
  const parts: string[] = [];
  if (stamps.sfv) parts.push(`SFV:${stamps.sfv}`);
  if (stamps.scl !== null) parts.push(`SCL ${stamps.scl}`);
  if (stamps.cat) parts.push(`CAT:${stamps.cat}`);
  if (stamps.bcl !== null) parts.push(`BCL ${stamps.bcl}`);
  if (stamps.srv) parts.push(`SRV:${stamps.srv}`);
  if (stamps.mailboxDelivery?.dest) parts.push(`dest:${stamps.mailboxDelivery.dest}`);
  return parts.length > 0 ? parts.join(", ") : "no anti-spam stamps";
}

function categoryText(code: string): string {
  return `Microsoft stamped CAT:${code}: ${meaningOf(CAT_MEANINGS, code) ?? "an unknown category."}`;
}

function threatFindings(evidence: FindingEvidence, out: Finding[]): void {
  const { stamps } = evidence;
  const cat = stamps.cat;
  const sfty = stamps.sfty;
  const doNotAllow =
    "Do not add this sender to any safe list. If you are sure the message is genuine, ask your admin to submit it to Microsoft.";
  if (cat && MALWARE_CATS.has(cat)) {
    out.push(
      makeFinding(
        "malware-verdict",
        `${categoryText(cat)} Do not open its attachments or links. ${doNotAllow}`,
      ),
    );
  }
  if (cat && (PHISHING_CATS.has(cat) || HIGH_CONFIDENCE_PHISHING_CATS.has(cat))) {
    out.push(
      makeFinding(
        "phishing-verdict",
        `${categoryText(cat)} Do not click its links, open its attachments or reply with any information. ${doNotAllow}`,
      ),
    );
  }
  if (sfty === "9.19" || cat === "DIMP") {
    const why = [
      sfty === "9.19" ? "SFTY:9.19 (domain impersonation)" : null,
      cat === "DIMP" ? "CAT:DIMP" : null,
    ]
      .filter(Boolean)
      .join(" and ");
    out.push(
      makeFinding(
        "impersonation-domain",
        `Microsoft stamped ${why}: the From domain ${quote(evidence.fromDomain)} looks like a domain your organisation protects or corresponds with, but is a different one. ${doNotAllow}`,
      ),
    );
  }
  if (sfty === "9.20" || cat === "UIMP") {
    const why = [
      sfty === "9.20" ? "SFTY:9.20 (user impersonation)" : null,
      cat === "UIMP" ? "CAT:UIMP" : null,
    ]
      .filter(Boolean)
      .join(" and ");
    out.push(
      makeFinding(
        "impersonation-user",
        `Microsoft stamped ${why}: the sender's name imitates a person your organisation protects, but the address is a different one. ${doNotAllow}`,
      ),
    );
  }
  if (cat === "GIMP") {
    out.push(
      makeFinding(
        "impersonation-mailbox-intelligence",
        `${categoryText(cat)} Mailbox intelligence found that the sender imitates one of your usual contacts from an address you have not used before. ${doNotAllow}`,
      ),
    );
  }
  if (cat === "BIMP") {
    out.push(makeFinding("impersonation-brand", `${categoryText(cat)} ${doNotAllow}`));
  }
  if (cat === "SPOOF") {
    out.push(
      makeFinding(
        "spoof-verdict",
        `${categoryText(cat)} The From domain ${quote(evidence.fromDomain)} failed Microsoft's checks that the message really comes from that domain. ${doNotAllow}`,
      ),
    );
  }
  if (cat === "INTOS") {
    out.push(
      makeFinding(
        "intra-org-phishing",
        `${categoryText(cat)} A phishing message was sent from inside your organisation. Tell your admin: the sending account may be compromised. ${doNotAllow}`,
      ),
    );
  }
}

function hasThreatVerdict(stamps: AntispamStamps): boolean {
  return (
    (stamps.cat !== null && THREAT_CATS.has(stamps.cat)) ||
    stamps.sfty === "9.19" ||
    stamps.sfty === "9.20"
  );
}

function authFindings(evidence: FindingEvidence, out: Finding[]): void {
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
    const arrival = failures.length > 0 ? ` On arrival: ${failures.join(", ")}.` : "";
    out.push(
      makeFinding(
        "arc-override",
        `compauth=pass reason=130: ${compauthReasonMeaning("130")}${arrival} A forwarder (for example a mailing list or a security gateway) changed the message on the way, and your admin trusts its ARC seal, so these failures are expected and nobody needs to fix them.`,
      ),
    );
    return;
  }

  if (dmarc) {
    const domain = dmarc.domain ?? fromDomain;
    if (dmarc.result === "fail") {
      const action = dmarc.action
        ? ` The action taken was "${dmarc.action}"${meaningOf(DMARC_ACTION_MEANINGS, dmarc.action) ? `: ${meaningOf(DMARC_ACTION_MEANINGS, dmarc.action)}` : "."}`
        : "";
      const policy = dmarc.policy ? ` The domain's published policy is p=${dmarc.policy}.` : "";
      out.push(
        makeFinding(
          "dmarc-fail",
          `The trusted Authentication-Results says dmarc=fail for ${quote(domain)}: neither SPF nor DKIM passed for that domain.${policy}${action} If this is a real sender, its IT must make SPF or DKIM pass for its From domain; otherwise the From address may be forged.`,
        ),
      );
    } else if (dmarc.result === "temperror" || dmarc.result === "permerror") {
      out.push(
        makeFinding(
          "dmarc-error",
          `The trusted Authentication-Results says dmarc=${dmarc.result} for ${quote(domain)}. ${dmarc.result === "permerror" ? "The domain's DMARC record is broken; the sender's IT must fix it." : "A DNS look-up failed for the moment; this usually passes by itself."}`,
        ),
      );
    } else if (dmarc.result === "none" || dmarc.result === "bestguesspass") {
      const guess =
        dmarc.result === "bestguesspass"
          ? " (bestguesspass: it would have passed if the domain had a policy)"
          : "";
      out.push(
        makeFinding(
          "dmarc-none",
          `The trusted Authentication-Results says dmarc=${dmarc.result}${guess} for ${quote(domain)}. The sender's IT can publish a DMARC record (_dmarc.${domain ?? "their-domain"}) and align SPF or DKIM with the From domain.`,
        ),
      );
    }
  }

  if (compauth) {
    const reason = compauth.reason;
    const meaning = compauthReasonMeaning(reason);
    if (compauth.result === "fail") {
      const ownDomain = reason === "010" || (reason !== null && reason.startsWith("6"));
      const fixable: FixableBy = reason === "002" || ownDomain ? "admin" : "sender";
      const advice =
        reason === "002"
          ? "Your admin has a block entry for this sender and sending server; only the admin can change it."
          : ownDomain
            ? "The message claims to come from your own organisation's domain. If a service you use sends as your domain, your admin must set up SPF/DKIM for it or a spoofed-sender allow entry; otherwise it is forged."
            : "If the sender is genuine, its IT should publish SPF, DKIM and DMARC for its From domain and sign with that domain; your admin can also allow the sender and sending server as a pair (a spoofed-sender entry).";
      out.push(
        makeFinding(
          "compauth-fail",
          `compauth=fail reason=${reason ?? "(none)"}${meaning ? `: ${meaning}` : "."} ${advice}`,
          fixable,
        ),
      );
    }
  }

  if (spf) {
    const where = spf.domain ? ` for ${quote(spf.domain)}` : "";
    if (spf.result === "fail") {
      out.push(
        makeFinding(
          "spf-fail",
          `The trusted Authentication-Results says spf=fail${where}: the sending server is not in the domain's SPF record, and the record says to fail such mail. The sender's IT must add this server to its SPF record.`,
        ),
      );
    } else if (spf.result === "softfail") {
      out.push(
        makeFinding(
          "spf-softfail",
          `The trusted Authentication-Results says spf=softfail${where}: the sending server is not in the domain's SPF record (~all). The sender's IT should add the server that sent this message to its SPF record.`,
        ),
      );
    } else if (spf.result === "temperror" || spf.result === "permerror") {
      out.push(
        makeFinding(
          "spf-error",
          `The trusted Authentication-Results says spf=${spf.result}${where}. ${spf.result === "permerror" ? "The domain's SPF record is broken; the sender's IT must fix it." : "A DNS look-up failed for the moment; this usually passes by itself."}`,
        ),
      );
    }
  }

  const passing = dkim.filter((signature) => signature.result === "pass");
  const failing = dkim.filter((signature) =>
    ["fail", "permerror", "temperror", "timeout", "neutral", "policy"].includes(signature.result),
  );
  if (passing.length === 0 && failing.length > 0) {
    const list = failing
      .map(
        (signature) =>
          `dkim=${signature.result}${signature.domain ? ` (d=${signature.domain})` : ""}`,
      )
      .join(", ");
    const transient = failing.every(
      (signature) => signature.result === "timeout" || signature.result === "temperror",
    );
    out.push(
      makeFinding(
        "dkim-fail",
        `The trusted Authentication-Results says ${list}. ${transient ? "The check could not finish (a DNS look-up timed out or failed); this is usually temporary." : "The signature does not match the message: it was changed on the way (for example by a forwarder or a footer) or the signature is forged. The sender's IT should check its DKIM signing."}`,
      ),
    );
  }

  // Misalignment only matters when nothing aligned passed: then DMARC cannot pass.
  const alignedPass =
    (spf?.result === "pass" && spf.aligned === true) ||
    passing.some((signature) => signature.aligned === true);
  if (!alignedPass) {
    if (spf?.result === "pass" && spf.aligned === false) {
      out.push(
        makeFinding(
          "spf-not-aligned",
          `SPF passed for ${quote(spf.domain)}, but the message is from ${quote(fromDomain)}. This is normal for mail sent through a mailing service, but then DKIM must be signed with the From domain, and it is not. The sender's IT can use a bounce (envelope) domain under ${quote(fromDomain)} at its mailing service.`,
        ),
      );
    }
    const misaligned = passing.filter((signature) => signature.aligned === false);
    if (misaligned.length > 0) {
      const domains = misaligned.map((signature) => quote(signature.domain)).join(", ");
      out.push(
        makeFinding(
          "dkim-not-aligned",
          `The message is signed by ${domains}, but it is from ${quote(fromDomain)}. The sender's IT should have its mailing service sign with ${quote(fromDomain)} (a custom DKIM domain).`,
        ),
      );
    }
  }

  if (evidence.authenticated) {
    const via = {
      dmarc: "DMARC passed",
      dkim: "an aligned DKIM signature verified",
      spf: "SPF passed for an aligned domain",
      arc: "a forwarder's ARC seal that your organisation trusts carried the original checks",
    }[evidence.authenticated.via];
    out.push(
      makeFinding(
        "sender-authenticated",
        `${via} for ${quote(evidence.authenticated.domain)}, so the From address ${quote(evidence.authenticated.address)} is genuine. This says who sent the message, not that its content is safe.`,
      ),
    );
  }
}

function authenticatedBy(via: AuthenticatedSender["via"]): string {
  if (via === "dmarc") return "DMARC passed";
  if (via === "arc") return "a trusted ARC seal vouched for the original authentication";
  return `an aligned ${via.toUpperCase()} check passed`;
}

function spamFindings(evidence: FindingEvidence, out: Finding[]): void {
  const { stamps, extras } = evidence;
  const sfv = stamps.sfv;
  const scl = stamps.scl;
  const dest = stamps.mailboxDelivery?.dest ?? null;
  const evidenceText = stampEvidence(stamps);

  if (sfv === "BLK") {
    out.push(
      makeFinding(
        "blocked-sender",
        `Microsoft stamped SFV:BLK: ${SFV_MEANINGS.BLK} If this was a mistake, remove the sender from Blocked Senders in Outlook's Junk settings.`,
      ),
    );
  }
  if (sfv === "SKB") {
    out.push(
      makeFinding(
        "policy-blocked",
        `Microsoft stamped SFV:SKB: ${SFV_MEANINGS.SKB} Only your admin can remove the sender or domain from the anti-spam policy's blocked list.`,
      ),
    );
  }
  if (sfv === "SKS") {
    out.push(
      makeFinding(
        "transport-rule-spam",
        `Microsoft stamped SFV:SKS: ${SFV_MEANINGS.SKS} Evidence: ${evidenceText}. Your admin can find the mail flow rule that sets the spam level and change it.`,
      ),
    );
  }
  if (sfv === "NSPM" && dest === "J") {
    out.push(
      makeFinding(
        "junk-by-user-settings",
        `Microsoft's filter stamped SFV:NSPM (not spam), yet the mailbox delivered it to Junk (dest:J${extras?.ofr ? `, OFR:${extras.ofr.slice(0, 60)}` : ""}). Usually your Junk settings say "only trust mail from my Safe Senders list", or one of your own inbox rules moved it. Add the sender to Safe Senders or change that setting or rule.`,
      ),
    );
  }
  if (extras?.customSpam) {
    out.push(
      makeFinding(
        "asf-custom-spam",
        `X-CustomSpam: ${quote(extras.customSpam)}. An advanced spam filter (ASF) option of the anti-spam policy matched. Microsoft recommends turning these options off; messages they filter cannot be reported to Microsoft as mistakes, so only your admin can fix this, by turning that option off.`,
      ),
    );
  }

  const threat = hasThreatVerdict(stamps);
  const markedBefore = sfv !== null && SPAM_MARKED_BEFORE_FILTERING.has(sfv);
  const skipped = sfv !== null && FILTERING_SKIPPED.has(sfv);

  if (
    !threat &&
    !markedBefore &&
    !skipped &&
    ((scl !== null && scl >= 7) || stamps.cat === "HSPM")
  ) {
    out.push(
      makeFinding(
        "high-confidence-spam",
        `Evidence: ${evidenceText}. Stricter policies quarantine such mail. If it is a mistake, your admin can submit it to Microsoft and allow the sender in the Tenant Allow/Block List.`,
      ),
    );
  }

  const bcl = stamps.bcl;
  const bulkStamped = stamps.srv === "BULK" || stamps.cat === "BULK";
  if ((bcl !== null && bcl >= BCL_DEFAULT_THRESHOLD) || bulkStamped) {
    out.push(
      makeFinding(
        "bulk-bcl-high",
        `Evidence: ${evidenceText}. ${bcl !== null ? `BCL ${bcl}: ${meaningOf(BCL_MEANINGS, bcl) ?? "a bulk complaint level"} ` : ""}Anti-spam policies junk bulk mail at BCL 7 by default, at 6 under the Standard preset and at 5 under Strict. You can unsubscribe if you don't want it; if many people want this sender, your admin can raise the bulk threshold or allow the sender.`,
      ),
    );
  } else if (bcl !== null && bcl >= 4) {
    out.push(
      makeFinding(
        "bulk-bcl-elevated",
        `BCL ${bcl}: ${meaningOf(BCL_MEANINGS, bcl) ?? "a bulk sender"} The default policy junks bulk mail from BCL 7, the Standard preset from 6 and Strict from 5.`,
      ),
    );
  }

  const spamVerdict = sfv === "SPM" || (scl !== null && scl >= 5 && !skipped);
  if (spamVerdict && !threat && !markedBefore && !skipped && !bulkStamped && !extras?.customSpam) {
    const compauthOk = evidence.auth.compauth === null || evidence.auth.compauth.result === "pass";
    if (evidence.authenticated && compauthOk) {
      out.push(
        makeFinding(
          "content-filter-spam-authenticated",
          `Evidence: ${evidenceText}, while ${authenticatedBy(evidence.authenticated.via)} for ${quote(evidence.authenticated.domain)}${evidence.auth.compauth ? ` and compauth=${evidence.auth.compauth.result}` : ""}. The sender proved who they are, and Microsoft's content filter still called it spam: a classic false positive. Your admin can submit it to Microsoft and allow the authenticated sender.`,
        ),
      );
    } else {
      out.push(
        makeFinding(
          "content-filter-spam",
          `Evidence: ${evidenceText}. ${evidence.authenticated ? "" : "The sender did not prove who they are, which makes a spam verdict more likely. "}If it is a mistake, your admin can submit it to Microsoft; an allow entry needs an authenticated sender.`,
        ),
      );
    }
  }

  if (sfv === "SFE") {
    out.push(makeFinding("allowed-by-user", `Microsoft stamped SFV:SFE: ${SFV_MEANINGS.SFE}`));
  }
  if (sfv === "SKA" || sfv === "SKN" || stamps.ipv === "CAL") {
    const stamped: string[] = [];
    if (sfv === "SKA" || sfv === "SKN") stamped.push(`SFV:${sfv}: ${SFV_MEANINGS[sfv]}`);
    if (stamps.ipv === "CAL") stamped.push(`IPV:CAL: ${IPV_MEANINGS.CAL}`);
    out.push(
      makeFinding(
        "allowed-by-policy",
        stamped.map((text) => `Microsoft stamped ${text}`).join(" "),
      ),
    );
  }
  if (sfv === "SKQ") {
    out.push(
      makeFinding("released-from-quarantine", `Microsoft stamped SFV:SKQ: ${SFV_MEANINGS.SKQ}`),
    );
  }
  if (stamps.sfty === "9.25") {
    out.push(
      makeFinding(
        "first-contact",
        "Microsoft stamped SFTY:9.25 (first contact safety tip). Take a moment to check that the sender is who you expect.",
      ),
    );
  }
  if (extras && extras.untrustedCopies.length > 0) {
    out.push(
      makeFinding(
        "sender-tenant-stamps-ignored",
        `${extras.untrustedCopies.slice(0, 4).join(", ")} carry the verdict of the sending organisation's own Microsoft 365. They say nothing about how your organisation filtered the message, and Vouch does not read them.`,
      ),
    );
  }
}

function hopFindings(evidence: FindingEvidence, out: Finding[]): void {
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
    out.push(
      makeFinding(
        "slow-delivery",
        `Hop ${slowest.index} (${slowest.from ?? "an unnamed server"} to ${slowest.by ?? "an unnamed server"}) took ${formatDuration(slowest.delaySeconds)}. Delays like this come from a server queueing the message (greylisting, a busy or unreachable server), not from the spam filter.`,
      ),
    );
  }
  if (skewed.length > 0) {
    const list = skewed
      .map(
        (hop) =>
          `hop ${hop.index} (${hop.by ?? "an unnamed server"}, ${formatDuration(-(hop.delaySeconds ?? 0))} earlier than the hop before)`,
      )
      .join(", ");
    out.push(
      makeFinding(
        "clock-skew",
        `Some servers stamped times earlier than the server before them: ${list}. Their clocks are off; the delays shown are approximate.`,
      ),
    );
  }
}

export function formatDuration(seconds: number): string {
  const total = Math.round(Math.abs(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = total % 60;
  if (hours > 0) return `${hours} h ${minutes} min`;
  if (minutes > 0) return `${minutes} min${rest > 0 ? ` ${rest} s` : ""}`;
  return `${rest} s`;
}

function forgedFindings(evidence: FindingEvidence, out: Finding[]): void {
  const trusted = evidence.trustedAuth;
  if (!trusted || trusted.unconfirmedClaims.length === 0) return;
  const claims = trusted.unconfirmedClaims
    .map(
      (claim) =>
        `an Authentication-Results from ${quote(claim.header.parsed.authservId ?? "no named server")} claims ${claim.methods.map((method) => `${method}=pass`).join(", ")}`,
    )
    .join("; ");
  const trustedDescription = trusted.trusted
    ? `the Authentication-Results your mail system wrote${trusted.trusted.parsed.authservId ? ` (${trusted.trusted.parsed.authservId})` : ""} does not confirm it`
    : "no Authentication-Results from a trusted server confirms it";
  out.push(
    makeFinding(
      "forged-auth-results",
      `Below the trusted header, ${claims}; ${trustedDescription}. Anyone can write such a header into a message; Vouch ignores it. (A server that forwarded the message may also have written it, before the message was changed on the way.)`,
    ),
  );
}

/**
 * A Reply-To in another organisation than the From line is how business-email compromise
 * diverts the answer to a payment request; mailing lists and ticket systems do it too, so it is a
 * warning to look twice, not a verdict.
 */
function replyToFindings(evidence: FindingEvidence, out: Finding[]): void {
  const { fromDomain, replyToDomain } = evidence;
  if (!fromDomain || !replyToDomain) return;
  const fromOrganisation = organizationalDomain(fromDomain);
  const replyOrganisation = organizationalDomain(replyToDomain);
  if (fromOrganisation === null || replyOrganisation === null) return;
  if (fromOrganisation === replyOrganisation) return;
  out.push(
    makeFinding(
      "reply-to-differs",
      `The message is from ${quote(fromDomain)}, but its Reply-To sends answers to ${quote(replyToDomain)}. Newsletters and ticket systems do this, and so do fraudsters who want the answer to a payment request. Before you answer with anything sensitive, check the address your reply goes to.`,
    ),
  );
}

/** X-MS-Exchange-Organization-AuthAs: Internal, or Forefront DIR:INT. */
function internalMail(evidence: FindingEvidence): boolean {
  return evidence.extras?.authAs?.toLowerCase() === "internal" || evidence.stamps.dir === "INT";
}

function coverageFindings(evidence: FindingEvidence, out: Finding[]): void {
  if (evidence.noTransportHeaders) {
    out.push(
      makeFinding(
        "no-transport-headers",
        "The header text holds no Received, Authentication-Results or anti-spam headers. Outlook returns nothing or only the subject for messages in Sent Items and in some versions of the new Outlook. Open the message from the Junk or Inbox folder, or paste its full headers.",
      ),
    );
  } else if (!evidence.trustedAuth?.trusted) {
    const untrusted = evidence.trustedAuth?.untrusted.length ?? 0;
    out.push(
      makeFinding(
        "no-authentication-results",
        untrusted > 0
          ? `The message has ${untrusted} Authentication-Results header(s), but none from a server configured as trusted, so SPF, DKIM and DMARC are unknown.`
          : internalMail(evidence)
            ? "No Authentication-Results header: SPF, DKIM and DMARC are unknown. Exchange marked this message as sent from inside your organisation, and such mail normally carries none."
            : "No Authentication-Results header: SPF, DKIM and DMARC are unknown. Mail between mailboxes of one organisation often has none; mail from outside should have one.",
      ),
    );
  } else if (evidence.trustedAuth.trusted.parsed.results.length === 0) {
    const trusted = evidence.trustedAuth.trusted.parsed;
    out.push(
      makeFinding(
        "no-authentication-results",
        `The trusted Authentication-Results${trusted.authservId ? ` from ${quote(trusted.authservId)}` : ""} ${trusted.noResults ? 'says "none": no authentication was done' : "holds no results that could be read"}, so SPF, DKIM and DMARC are unknown.`,
      ),
    );
  }
  const problems = [...evidence.headerProblems, ...evidence.valueProblems];
  if (problems.length > 0) {
    out.push(
      makeFinding(
        "unreadable-headers",
        `What could not be read: ${problems.join(" ")} The rest was analysed.`,
      ),
    );
  }
  if (evidence.failedParts.length > 0) {
    out.push(
      makeFinding(
        "analysis-incomplete",
        `These parts could not be analysed and are left empty: ${evidence.failedParts.join(", ")}.`,
      ),
    );
  }
}

/** Applies every rule; each rule group is isolated so one failure cannot lose the others. */
export function deriveFindings(evidence: FindingEvidence): Finding[] {
  const out: Finding[] = [];
  const groups: [string, (evidence: FindingEvidence, out: Finding[]) => void][] = [
    ["threats", threatFindings],
    ["authentication", authFindings],
    ["spam verdict", spamFindings],
    ["forged headers", forgedFindings],
    ["reply-to", replyToFindings],
    ["hops", hopFindings],
    ["coverage", coverageFindings],
  ];
  for (const [name, rule] of groups) {
    try {
      rule(evidence, out);
    } catch {
      out.push(
        makeFinding(
          "analysis-incomplete",
          `The ${name} rules could not be applied to these headers.`,
        ),
      );
    }
  }
  return sortFindings(out);
}
