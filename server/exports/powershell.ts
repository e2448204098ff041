import { TABL_ALLOW_LIMIT, TABL_SPOOF_LIMIT, type TablPlan } from "../proposals/settings";
import { evidenceLines } from "./evidence-lines";
import { oneLine, psComment, psList, psQuote, tablEncodeEntry } from "./powershell-quote";
import { ExportError, type ExportProposal } from "./types";

/** Entries per New-TenantAllowBlockListItems command: the portal's own batch size. */
export const ENTRIES_PER_COMMAND = 20;
/** Notes are free text in the list; keep them short enough to read in the portal. */
export const NOTES_MAX = 250;

export interface PowerShellOptions {
  plan: TablPlan;
  generatedAt: Date;
  /** Allow entries already in the tenant's list, counted against the plan's limit. */
  existingAllowEntries?: number;
  existingSpoofEntries?: number;
}

type SenderAllow = { proposal: ExportProposal; entry: string };
type SpoofAllow = { proposal: ExportProposal; spoofedUser: string; infrastructure: string };

// needs-review keeps the approved entry in the list until an admin decides again; a rejected
// proposal has an entry to remove only when it had been approved (the service passes the
// approved entry, null otherwise).
const ADD_STATUSES = new Set(["approved", "applied", "needs-review"]);
const REMOVE_STATUSES = new Set(["revoked", "expired", "rejected"]);

function notesFor(batch: readonly SenderAllow[]): string {
  const first = batch[0]!.proposal;
  const text =
    batch.length === 1
      ? `Vouch ${first.id}: ${first.evidence.reporters} people vouched; ${first.decision?.note ?? ""}`
      : `Vouch: ${batch.length} approved proposals (${batch.map((item) => item.proposal.id).join(", ")})`;
  const line = oneLine(text).replace(/[;: ]+$/, "");
  return line.length > NOTES_MAX ? `${line.slice(0, NOTES_MAX - 1)}…` : line;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += size)
    out.push(items.slice(index, index + size));
  return out;
}

function collect(proposals: readonly ExportProposal[]) {
  const senders: SenderAllow[] = [];
  const spoofs: SpoofAllow[] = [];
  for (const proposal of proposals) {
    const entry = proposal.entry;
    if (!entry) continue;
    if (entry.type === "sender") {
      senders.push({ proposal, entry: tablEncodeEntry(entry.value) });
    } else {
      spoofs.push({
        proposal,
        spoofedUser: tablEncodeEntry(entry.spoofedUser),
        infrastructure: entry.sendingInfrastructure.value,
      });
    }
  }
  return { senders, spoofs };
}

function header(title: string, options: PowerShellOptions, count: number): string[] {
  return [
    psComment(title),
    psComment(`Generated ${options.generatedAt.toISOString()} by Vouch for ${count} proposal(s).`),
    psComment(
      "Review every entry before running. Needs the ExchangeOnlineManagement module and the",
    ),
    psComment("Security Administrator or Organization Management role."),
    "Set-StrictMode -Version Latest",
    "$ErrorActionPreference = 'Stop'",
    "",
    "Connect-ExchangeOnline",
    "",
  ];
}

function removeSpoofCommand(spoof: SpoofAllow): string[] {
  return [
    `$spoof = Get-TenantAllowBlockListSpoofItems -Action Allow -SpoofType External | Where-Object { $_.SpoofedUser -eq ${psQuote(spoof.spoofedUser)} -and $_.SendingInfrastructure -eq ${psQuote(spoof.infrastructure)} }`,
    "if ($spoof) { Remove-TenantAllowBlockListSpoofItems -Identity Default -Ids $spoof.Identity }",
  ];
}

function removeSenderCommands(senders: readonly SenderAllow[]): string[] {
  return chunks(senders, ENTRIES_PER_COMMAND).map(
    (batch) =>
      `Remove-TenantAllowBlockListItems -ListType Sender -Entries ${psList(batch.map((item) => item.entry))}`,
  );
}

/**
 * The script that adds the approved entries (sender allows that live 45 days after last use,
 * spoofed-sender pairs), with the evidence as comments and the undo commands at the end.
 */
export function allowScript(
  proposals: readonly ExportProposal[],
  options: PowerShellOptions,
): string {
  const exportable = proposals.filter((p) => p.entry && ADD_STATUSES.has(p.status));
  if (exportable.length === 0) {
    throw new ExportError(
      "nothing-to-export",
      "There is no approved proposal with an allow entry to export.",
    );
  }
  const { senders, spoofs } = collect(exportable);
  const allowLimit = TABL_ALLOW_LIMIT[options.plan];
  const allowTotal = senders.length + (options.existingAllowEntries ?? 0);
  if (allowTotal > allowLimit) {
    throw new ExportError(
      "over-limit",
      `That is ${allowTotal} sender allow entries; the Tenant Allow/Block List holds at most ${allowLimit} on the ${options.plan} plan. Revoke or let some expire first.`,
    );
  }
  const spoofTotal = spoofs.length + (options.existingSpoofEntries ?? 0);
  if (spoofTotal > TABL_SPOOF_LIMIT) {
    throw new ExportError(
      "over-limit",
      `That is ${spoofTotal} spoofed-sender entries; the Tenant Allow/Block List holds at most ${TABL_SPOOF_LIMIT}.`,
    );
  }

  const lines = header(
    "Vouch: allow entries for the Tenant Allow/Block List (Exchange Online)",
    options,
    exportable.length,
  );
  for (const proposal of exportable) {
    for (const line of evidenceLines(proposal)) lines.push(psComment(line));
    lines.push("");
  }
  if (senders.length > 0) {
    lines.push(psComment("Sender allows: removed by Microsoft 45 days after they were last used."));
    for (const batch of chunks(senders, ENTRIES_PER_COMMAND)) {
      lines.push(
        `New-TenantAllowBlockListItems -ListType Sender -Allow -Entries ${psList(batch.map((item) => item.entry))} -RemoveAfter 45 -Notes ${psQuote(notesFor(batch))}`,
      );
    }
    lines.push("");
  }
  if (spoofs.length > 0) {
    lines.push(
      psComment(
        "Spoofed-sender pairs: they never expire; Vouch reminds you when the sender goes quiet.",
      ),
    );
    for (const spoof of spoofs) {
      lines.push(
        `New-TenantAllowBlockListSpoofItems -Identity Default -Action Allow -SpoofedUser ${psQuote(spoof.spoofedUser)} -SendingInfrastructure ${psQuote(spoof.infrastructure)} -SpoofType External`,
      );
    }
    lines.push("");
  }
  lines.push(psComment("To undo, run these instead:"));
  for (const line of [...removeSenderCommands(senders), ...spoofs.flatMap(removeSpoofCommand)]) {
    lines.push(psComment(line));
  }
  return `${lines.join("\r\n")}\r\n`;
}

/** The script that removes the entries of revoked or expired proposals. */
export function removalScript(
  proposals: readonly ExportProposal[],
  options: PowerShellOptions,
): string {
  const removable = proposals.filter((p) => p.entry && REMOVE_STATUSES.has(p.status));
  if (removable.length === 0) {
    throw new ExportError(
      "nothing-to-export",
      "There is no revoked or expired proposal to remove.",
    );
  }
  const { senders, spoofs } = collect(removable);
  const lines = header(
    "Vouch: remove revoked or expired entries from the Tenant Allow/Block List",
    options,
    removable.length,
  );
  for (const proposal of removable) {
    for (const line of evidenceLines(proposal)) lines.push(psComment(line));
    lines.push("");
  }
  lines.push(...removeSenderCommands(senders));
  for (const spoof of spoofs) lines.push(...removeSpoofCommand(spoof));
  return `${lines.join("\r\n")}\r\n`;
}

/** One proposal: its allow script while it stands, its removal script once revoked or expired. */
export function powershellFor(proposal: ExportProposal, options: PowerShellOptions): string {
  if (REMOVE_STATUSES.has(proposal.status)) return removalScript([proposal], options);
  if (!ADD_STATUSES.has(proposal.status) || !proposal.entry) {
    throw new ExportError(
      "not-exportable",
      `Only an approved proposal with an allow entry exports as PowerShell; this one is ${proposal.status}.`,
    );
  }
  return allowScript([proposal], options);
}
