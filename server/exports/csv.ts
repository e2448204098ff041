import { prepare } from "./prepare";
import { exportText } from "./safe-text";
import type { ExportProposal } from "./types";

/**
 * RFC 4180 CSV (CRLF, quotes doubled, fields quoted when they hold a comma or quote), safe to
 * open in a spreadsheet. Every text cell is one line of export-safe text (safe-text.ts), so no
 * tab, carriage return or line break is left, and a cell that then starts like a formula
 * (= + - @, OWASP "CSV Injection") gets a leading apostrophe. Full-width look-alikes of those
 * characters (＝ ＋ － ＠) are written as <U+FF1D> and so on, and start with "<".
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const text = exportText(value);
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
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
  "entry_withheld",
] as const;

export function proposalsCsv(proposals: readonly ExportProposal[]): string {
  const rows = [csvRow(CSV_COLUMNS)];
  for (const original of proposals) {
    const p = prepare(original).proposal;
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
        p.entryWithheld ?? null,
      ]),
    );
  }
  return `${rows.join("\r\n")}\r\n`;
}
