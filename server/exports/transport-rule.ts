import { evidenceLines } from "./evidence-lines";
import { prepare, type PreparedProposal } from "./prepare";
import { psComment, psList, psQuote } from "./powershell-quote";
import { runtimeLines } from "./powershell-runtime";
import { cutAtToken } from "./safe-text";
import { ADD_STATUSES, REMOVE_STATUSES, scriptHeader, skippedLines } from "./script-parts";
import type { ProposalEntry } from "../proposals/rules";
import { ExportError, type ExportProposal } from "./types";

/** Exchange limits a transport rule's name to 64 characters (New-TransportRule -Name). */
export const RULE_NAME_MAX = 64;
/** And its comments to 1024 (New-TransportRule -Comments). */
export const RULE_COMMENTS_MAX = 1024;

/**
 * Why the rule is built the way it is. Sources: office-docs-powershell
 * exchange/exchange-ps/ExchangePowerShell/New-TransportRule.md (93336da2, 2026-08) and
 * OfficeDocs-Exchange ExchangeOnline/security-and-compliance/mail-flow-rules/
 * conditions-and-exceptions.md; defender-docs defender-office-365/
 * create-safe-sender-lists-in-office-365.md and message-headers-eop-mdo.md. docs/exports.md
 * tells the whole finding.
 *
 * 1. "A message header includes any of these words" matches "messages that contain the
 *    specified header field, and the value of that header field contains the specified words";
 *    nothing says only the field Exchange Online wrote. Exchange Online writes its
 *    Authentication-Results without an authserv-id, so RFC 8601 §5's removal of forged fields
 *    with the receiver's own id cannot apply, and nothing documents that it strips or renames
 *    the ones a sender wrote (samples/forged-auth-results.eml: one survives beneath Microsoft's).
 *    So Microsoft's example condition, Authentication-Results contains "dmarc=pass", can be
 *    met by a header the sender wrote: on its own it is forgeable.
 * 2. A sender can add header fields but cannot remove the one Exchange Online stamps on every
 *    inbound message, whose dmarc= is one of pass, fail, bestguesspass, none
 *    (message-headers-eop-mdo.md). So the rule also carries the exception "any
 *    Authentication-Results contains dmarc=fail, dmarc=none, ...": whether Exchange looks at
 *    every field of that name or only the first (Microsoft's, on top), the rule applies only
 *    when Microsoft's own verdict was dmarc=pass. A forged field can only make it not apply.
 *    (X-MS-Exchange-Organization-* fields a sender cannot write at all, since the header
 *    firewall strips them from untrusted sources, but none of them carries the DMARC verdict.)
 * 3. -SenderDomainIs "matches domains and subdomains", broader than an entry for one domain;
 *    the sender is matched with an anchored pattern on the From address instead
 *    (-SenderAddressLocation Header: the From that DMARC aligns).
 * 4. A spoofed-sender pair passes no authentication; it is matched by its connecting /24
 *    (-SenderIpRanges: "the address of the last hop before reaching the service", which the
 *    sender cannot choose) and only for one address: a pair never becomes a rule for a whole
 *    domain. A pair named by a PTR domain cannot be matched by any condition.
 */
export const DMARC_NOT_PASS_WORDS = [
  "dmarc=fail",
  "dmarc=none",
  "dmarc=bestguesspass",
  "dmarc=temperror",
  "dmarc=permerror",
  "compauth=fail",
] as const;

export type RuleConditions =
  { ok: true; subject: string; parameters: [string, string][] } | { ok: false; reason: string };

/** An Exchange pattern that matches the text literally (regex metacharacters escaped). */
export function literalPattern(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, (char) => `\\${char}`);
}

function fromPattern(value: string): string {
  return value.includes("@") ? `^${literalPattern(value)}$` : `@${literalPattern(value)}$`;
}

/**
 * What a rule for this entry would be called, or why there can be none. Independent of the
 * evidence, so a revoked proposal's rule is found by the same name it was created with.
 */
export function ruleSubject(
  entry: ProposalEntry,
): { ok: true; subject: string } | { ok: false; reason: string } {
  if (entry.type === "sender") return { ok: true, subject: `${entry.value} when DMARC passes` };
  const infrastructure = entry.sendingInfrastructure;
  if (infrastructure.kind !== "ip24") {
    return {
      ok: false,
      reason: `it is a spoofed-sender pair sent from ${infrastructure.value} (a PTR domain, not an IP range): no mail flow rule condition can match that safely; use the PowerShell export instead.`,
    };
  }
  if (!entry.spoofedUser.includes("@")) {
    return {
      ok: false,
      reason: `it is a spoofed-sender pair for the whole domain ${entry.spoofedUser}: a rule would let anyone on ${infrastructure.value} send as any address of it; use the PowerShell export instead.`,
    };
  }
  return { ok: true, subject: `${entry.spoofedUser} from ${infrastructure.value}` };
}

/** The conditions of one approved proposal's rule, or why it gets none. */
export function conditionsOf(proposal: ExportProposal): RuleConditions {
  const entry = proposal.entry;
  if (!entry) return { ok: false, reason: "it has no allow entry." };
  const named = ruleSubject(entry);
  if (!named.ok) return named;
  if (entry.type === "sender") {
    if (proposal.evidence.dmarcPass === 0) {
      return {
        ok: false,
        reason: `${entry.value} never passed DMARC in the reports, and a mail flow rule can only trust DMARC; use the Tenant Allow/Block List export.`,
      };
    }
    return {
      ok: true,
      subject: named.subject,
      parameters: [
        ["FromScope", psQuote("NotInOrganization")],
        ["SenderAddressLocation", psQuote("Header")],
        ["FromAddressMatchesPatterns", psList([fromPattern(entry.value)])],
        ["HeaderContainsMessageHeader", psQuote("Authentication-Results")],
        ["HeaderContainsWords", psList(["dmarc=pass"])],
        ["ExceptIfHeaderContainsMessageHeader", psQuote("Authentication-Results")],
        ["ExceptIfHeaderContainsWords", psList(DMARC_NOT_PASS_WORDS)],
      ],
    };
  }
  return {
    ok: true,
    subject: named.subject,
    parameters: [
      ["FromScope", psQuote("NotInOrganization")],
      ["SenderAddressLocation", psQuote("Header")],
      ["FromAddressMatchesPatterns", psList([fromPattern(entry.spoofedUser)])],
      ["SenderIpRanges", psList([entry.sendingInfrastructure.value])],
    ],
  };
}

/** "Vouch <id>: <subject>", within 64 characters, cut between words only. */
export function ruleNameFor(proposal: ExportProposal, subject: string): string {
  return cutAtToken(`Vouch ${proposal.id}: ${subject}`, RULE_NAME_MAX);
}

function parameterLines(parameters: readonly [string, string][]): string[] {
  return parameters.map(([name, value]) => `    ${name} = ${value}`);
}

export interface TransportRuleOptions {
  generatedAt: Date;
}

/**
 * Mail flow rules that set SCL -1 for the approved senders, for tenants that prefer rules, and
 * removes the rules of revoked or expired ones. What a rule cannot express safely is skipped
 * with a comment line (or, for a single proposal, refused with the reason).
 */
export function transportRuleScript(
  proposals: readonly ExportProposal[],
  options: TransportRuleOptions,
  single = false,
): string {
  const adds: { prepared: PreparedProposal; name: string; parameters: [string, string][] }[] = [];
  const removes: { prepared: PreparedProposal; name: string }[] = [];
  const skipped: { id: string; reason: string }[] = [];
  for (const original of proposals) {
    const adding = ADD_STATUSES.has(original.status);
    if (!original.entry || (!adding && !REMOVE_STATUSES.has(original.status))) continue;
    const prepared = prepare(original);
    const { proposal } = prepared;
    if (prepared.withheld) {
      skipped.push({ id: proposal.id, reason: prepared.withheld });
      continue;
    }
    const entry = proposal.entry;
    if (!entry) continue;
    if (!adding) {
      const named = ruleSubject(entry);
      if (named.ok) removes.push({ prepared, name: ruleNameFor(proposal, named.subject) });
      continue;
    }
    const conditions = conditionsOf(proposal);
    if (conditions.ok) {
      adds.push({
        prepared,
        name: ruleNameFor(proposal, conditions.subject),
        parameters: conditions.parameters,
      });
    } else skipped.push({ id: proposal.id, reason: conditions.reason });
  }
  const first = skipped[0];
  if (single && first) {
    throw new ExportError(
      "cannot-express",
      `Proposal ${first.id} cannot be a mail flow rule: ${first.reason}`,
    );
  }
  if (adds.length + removes.length === 0) {
    throw new ExportError(
      "nothing-to-export",
      skipped.length > 0
        ? `No approved proposal can be a mail flow rule: ${skipped.map((s) => `${s.id}: ${s.reason}`).join(" ")}`
        : "There is no approved proposal with an allow entry to export as a mail flow rule.",
    );
  }

  const lines = scriptHeader(
    "Vouch: mail flow rules that skip spam filtering for approved senders",
    options.generatedAt,
    adds.length + removes.length,
  );
  lines.push(
    psComment(
      "Microsoft prefers Tenant Allow/Block List entries; use rules only if your tenant does.",
    ),
    psComment("SCL -1 never bypasses malware or high-confidence phishing."),
    psComment(
      "Each rule requires Microsoft's own DMARC verdict: the exception on dmarc=fail, none,",
    ),
    psComment(
      "bestguesspass, temperror, permerror holds even if the sender wrote an Authentication-Results",
    ),
    psComment(
      "of its own claiming dmarc=pass (sources: New-TransportRule.md, conditions-and-exceptions.md,",
    ),
    psComment("message-headers-eop-mdo.md; see Vouch docs/exports.md)."),
    "",
  );
  lines.push(...runtimeLines(new Set(["rules"])), "");
  lines.push(...skippedLines(skipped));
  for (const { prepared, name, parameters } of adds) {
    const { proposal } = prepared;
    for (const line of evidenceLines(proposal)) lines.push(psComment(line));
    const comments = cutAtToken(
      `Vouch proposal ${proposal.id}: ${proposal.reason}`,
      RULE_COMMENTS_MAX,
    );
    lines.push(
      `Add-VouchRule -Proposal ${psQuote(proposal.id)} -Name ${psQuote(name)} -Parameters @{`,
      ...parameterLines([
        ...parameters,
        ["SetSCL", "-1"],
        ["SetHeaderName", psQuote("X-Vouch-Rule")],
        ["SetHeaderValue", psQuote(proposal.id)],
        ["Comments", psQuote(comments)],
      ]),
      "}",
      "",
    );
  }
  for (const { prepared, name } of removes) {
    const { proposal } = prepared;
    for (const line of evidenceLines(proposal)) lines.push(psComment(line));
    lines.push(`Remove-VouchRule -Proposal ${psQuote(proposal.id)} -Name ${psQuote(name)}`, "");
  }
  lines.push("Write-VouchSummary", "");
  if (adds.length > 0) {
    lines.push(psComment("To undo, export these proposals' removal, or run:"));
    for (const { name } of adds) {
      lines.push(psComment(`Remove-TransportRule -Identity ${psQuote(name)} -Confirm:$false`));
    }
  }
  return `${lines.join("\r\n")}\r\n`;
}
