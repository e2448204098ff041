import type { ExportProposal } from "./types";

/**
 * RFC 4180 CSV (CRLF, quotes doubled, fields quoted when they hold a comma, quote or line
 * break), safe to open in a spreadsheet: a text cell that starts like a formula (= + - @, or a
 * tab or carriage return that some spreadsheets skip) gets a leading apostrophe.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvRow(cells: readonly (string | number | null)[]): string {
  return cells.map(csvCell).join(",");
}

export const CSV_COLUMNS = [
  "id",
  "status",
  "sender",
  "entry_type",
  "entry",
  "sending_infrastructure",
  "strength",
  "reason",
  "reporters",
  "mailboxes",
  "reports",
  "not_spam",
  "trusted_sender",
  "dmarc_pass",
  "dkim_aligned_pass",
  "spf_aligned_pass",
  "first_seen",
  "last_seen",
  "refused_because",
  "warnings",
  "decided_by",
  "decided_at",
  "note",
  "expires_at",
  "rules_version",
] as const;

export function proposalsCsv(proposals: readonly ExportProposal[]): string {
  const rows = [csvRow(CSV_COLUMNS)];
  for (const p of proposals) {
    const entry = p.entry;
    rows.push(
      csvRow([
        p.id,
        p.status,
        p.senderKey,
        entry?.type ?? null,
        entry ? (entry.type === "sender" ? entry.value : entry.spoofedUser) : null,
        entry?.type === "spoof" ? entry.sendingInfrastructure.value : null,
        p.strength,
        p.reason,
        p.evidence.reporters,
        p.evidence.mailboxes,
        p.evidence.reports,
        p.evidence.notSpam,
        p.evidence.trustedSender,
        p.evidence.dmarcPass,
        p.evidence.dkimAlignedPass,
        p.evidence.spfAlignedPass,
        p.evidence.firstSeen,
        p.evidence.lastSeen,
        p.refusals.map((refusal) => refusal.code).join(" "),
        p.warnings.map((warning) => warning.message).join(" | "),
        p.decision?.by ?? null,
        p.decision?.at ?? null,
        p.decision?.note ?? null,
        p.expiresAt,
        p.rulesVersion,
      ]),
    );
  }
  return `${rows.join("\r\n")}\r\n`;
}
