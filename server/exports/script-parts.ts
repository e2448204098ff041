import { psComment } from "./powershell-quote";

/**
 * Statuses whose entry belongs in the tenant: approved, applied, and needs-review (an approved
 * entry whose evidence turned stays exactly as decided until an admin decides again).
 */
export const ADD_STATUSES: ReadonlySet<string> = new Set(["approved", "applied", "needs-review"]);
/**
 * Statuses whose entry must leave the tenant. A rejected proposal carries an entry only when it
 * had been approved before (the service passes the approved entry, else none).
 */
export const REMOVE_STATUSES: ReadonlySet<string> = new Set(["revoked", "expired", "rejected"]);

/** The opening of every Vouch PowerShell script: what it is, then strict mode and sign-in. */
export function scriptHeader(title: string, generatedAt: Date, count: number): string[] {
  return [
    psComment(title),
    psComment(`Generated ${generatedAt.toISOString()} by Vouch for ${count} proposal(s).`),
    psComment(
      "Review every entry before running. Needs the ExchangeOnlineManagement module and the",
    ),
    psComment("Security Administrator or Organization Management role."),
    psComment(
      "Safe to run again: what is already done is skipped and named in the summary at the end;",
    ),
    psComment("one entry that fails does not stop the others."),
    "Set-StrictMode -Version Latest",
    "$ErrorActionPreference = 'Stop'",
    "",
    "Connect-ExchangeOnline",
    "",
  ];
}

/** One comment line per proposal the script leaves out, with the reason. */
export function skippedLines(skipped: readonly { id: string; reason: string }[]): string[] {
  if (skipped.length === 0) return [];
  return [...skipped.map(({ id, reason }) => psComment(`Skipped ${id}: ${reason}`)), ""];
}
