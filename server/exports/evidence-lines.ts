import type { ExportProposal } from "./types";

/** The evidence of one proposal in plain lines, for comments in scripts. */
export function evidenceLines(proposal: ExportProposal): string[] {
  const e = proposal.evidence;
  const lines = [
    `Proposal ${proposal.id}: ${proposal.senderKey}, strength ${proposal.strength}/100, rules ${proposal.rulesVersion}.`,
    `Evidence: ${e.reporters} people in ${e.mailboxes} mailboxes, ${e.reports} reports (${e.notSpam} not spam, ${e.trustedSender} trusted sender), ${day(e.firstSeen)} to ${day(e.lastSeen)}.`,
    `Authentication: DMARC pass in ${e.dmarcPass}, aligned DKIM pass in ${e.dkimAlignedPass}, aligned SPF pass in ${e.spfAlignedPass} of ${e.reports}.`,
    `Reason: ${proposal.reason}`,
  ];
  if (proposal.decision) {
    const note = proposal.decision.note ? `: ${proposal.decision.note}` : "";
    lines.push(
      `Decision: ${proposal.status} by ${proposal.decision.by} on ${day(proposal.decision.at)}${note}`,
    );
  }
  for (const warning of proposal.warnings) lines.push(`Warning: ${warning.message}`);
  return lines;
}

export function day(iso: string): string {
  return iso.slice(0, 10);
}
