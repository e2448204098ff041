/**
 * Proofpoint Essentials: approved senders as its organisation Safe Sender List. Proofpoint's
 * help ("How to edit Safe and Blocked Sender Lists", Proofpoint Essentials administrator
 * topics) says: Security Settings > Email > Sender Lists; type addresses, domains (`*@domain.com`,
 * `*@*.domain.com`) or IP addresses into the box, "a line, comma or semi-colon" separating
 * entries; messages from safe senders are not quarantined. Vouch writes one entry per line: an
 * address as itself, a domain as `*@domain` (exactly that domain, never `*@*.`: never broader
 * than the decision). Proofpoint matches the envelope sender, which a sender chooses, so keep
 * Proofpoint's anti-spoofing (SPF/DMARC) checks on.
 *
 * Lines starting with "#" are this file's notes and are not entries: paste the lines after the
 * marker. Every note is export-safe text (safe-text.ts); entries are validated and plain.
 */
import { gatewayEntries } from "./gateway-entries";
import { exportText } from "./safe-text";
import type { ExportProposal } from "./types";

export const PROOFPOINT_MARKER =
  "# ---- entries: paste the lines below into the Safe Sender List ----";

export function proofpointExport(
  proposals: readonly ExportProposal[],
  generatedAt: Date,
  single: boolean,
): string {
  const { entries, withheld } = gatewayEntries(proposals, "Proofpoint", single);
  const notes = [
    `Vouch export for Proofpoint Essentials, ${generatedAt.toISOString()}: approved senders for the Safe Sender List.`,
    "Source: help.proofpoint.com, Proofpoint Essentials, How to edit Safe and Blocked Sender Lists (Security Settings > Email > Sender Lists; one entry per line; a domain as *@domain).",
    "Proofpoint matches the envelope sender, which anyone can write: keep its SPF/DMARC anti-spoofing checks on.",
    ...entries.map((entry) => `${entry.value}: ${entry.note}`),
    ...withheld.map((w) => `Skipped ${w.id}: ${w.reason}`),
  ];
  const lines = [
    ...notes.map((note) => `# ${exportText(note)}`),
    PROOFPOINT_MARKER,
    ...entries.map((entry) => (entry.kind === "domain" ? `*@${entry.value}` : entry.value)),
  ];
  return `${lines.join("\r\n")}\r\n`;
}
