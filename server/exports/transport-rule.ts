import { evidenceLines } from "./evidence-lines";
import { oneLine, psComment, psQuote } from "./powershell-quote";
import { ExportError, type ExportProposal } from "./types";

/** Exchange limits a transport rule's name to 64 characters. */
export const RULE_NAME_MAX = 64;

const ADD_STATUSES = new Set(["approved", "applied", "needs-review"]);

export function ruleNameFor(proposal: ExportProposal, subject: string): string {
  const name = oneLine(`Vouch ${proposal.id}: ${subject}`);
  return name.length > RULE_NAME_MAX ? name.slice(0, RULE_NAME_MAX) : name;
}

/**
 * The conditions of one rule. An authenticated sender is matched by its domain (or address)
 * together with dmarc=pass in Authentication-Results, never by the sender domain alone, which
 * anyone can forge (platform facts §5.3). A spoofed-sender pair has no authentication to
 * require, so it is matched by its /24 instead; a PTR-only pair cannot be expressed as a rule.
 */
function conditionsOf(proposal: ExportProposal): { subject: string; conditions: string[] } {
  const entry = proposal.entry;
  if (!entry) {
    throw new ExportError("not-exportable", `Proposal ${proposal.id} has no allow entry.`);
  }
  if (entry.type === "sender") {
    const sender =
      entry.kind === "domain"
        ? `-SenderDomainIs ${psQuote(entry.value)}`
        : `-From ${psQuote(entry.value)}`;
    return {
      subject: `${entry.value} when DMARC passes`,
      conditions: [
        "-FromScope NotInOrganization",
        sender,
        "-HeaderContainsMessageHeader 'Authentication-Results'",
        "-HeaderContainsWords 'dmarc=pass'",
      ],
    };
  }
  const infrastructure = entry.sendingInfrastructure;
  if (infrastructure.kind !== "ip24") {
    throw new ExportError(
      "not-exportable",
      `Proposal ${proposal.id} is a spoofed-sender pair sent from ${infrastructure.value} (a PTR domain, not an IP range): a mail flow rule cannot match that safely; use the PowerShell export instead.`,
    );
  }
  return {
    subject: `${entry.spoofedUser} from ${infrastructure.value}`,
    conditions: [
      "-FromScope NotInOrganization",
      `-SenderDomainIs ${psQuote(entry.spoofedUser.split("@").pop() ?? entry.spoofedUser)}`,
      `-SenderIpRanges ${psQuote(infrastructure.value)}`,
    ],
  };
}

export interface TransportRuleOptions {
  generatedAt: Date;
}

/** Mail flow rules that set SCL -1 for the approved senders, for tenants that prefer rules. */
export function transportRuleScript(
  proposals: readonly ExportProposal[],
  options: TransportRuleOptions,
): string {
  const exportable = proposals.filter((p) => p.entry && ADD_STATUSES.has(p.status));
  if (exportable.length === 0) {
    throw new ExportError(
      "nothing-to-export",
      "There is no approved proposal with an allow entry to export as a mail flow rule.",
    );
  }
  const lines = [
    psComment("Vouch: mail flow rules that skip spam filtering for authenticated senders"),
    psComment(
      `Generated ${options.generatedAt.toISOString()} by Vouch for ${exportable.length} proposal(s).`,
    ),
    psComment(
      "Microsoft prefers Tenant Allow/Block List entries; use rules only if your tenant does.",
    ),
    psComment("SCL -1 never bypasses malware or high-confidence phishing."),
    "Set-StrictMode -Version Latest",
    "$ErrorActionPreference = 'Stop'",
    "",
    "Connect-ExchangeOnline",
    "",
  ];
  const undo: string[] = [];
  for (const proposal of exportable) {
    const { subject, conditions } = conditionsOf(proposal);
    const name = ruleNameFor(proposal, subject);
    for (const line of evidenceLines(proposal)) lines.push(psComment(line));
    lines.push(
      [
        `New-TransportRule -Name ${psQuote(name)}`,
        ...conditions,
        "-SetSCL -1",
        "-SetHeaderName 'X-Vouch-Rule'",
        `-SetHeaderValue ${psQuote(proposal.id)}`,
        `-Comments ${psQuote(`Vouch proposal ${proposal.id}: ${proposal.reason}`)}`,
      ].join(" "),
    );
    lines.push("");
    undo.push(`Remove-TransportRule -Identity ${psQuote(name)}`);
  }
  lines.push(psComment("To undo, run these instead:"));
  for (const line of undo) lines.push(psComment(line));
  return `${lines.join("\r\n")}\r\n`;
}
