import { TABL_ALLOW_LIMIT, TABL_SPOOF_LIMIT, type TablPlan } from "../proposals/settings";
import { evidenceLines } from "./evidence-lines";
import { prepare, type PreparedProposal } from "./prepare";
import { psComment, psQuote, tablEncodeEntry } from "./powershell-quote";
import { runtimeLines, type RuntimePart } from "./powershell-runtime";
import { cutAtToken } from "./safe-text";
import { ADD_STATUSES, REMOVE_STATUSES, scriptHeader, skippedLines } from "./script-parts";
import { ExportError, type ExportProposal } from "./types";

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

/** The entry's note: which proposal, how many people, the admin's note; cut between words. */
export function notesFor(proposal: ExportProposal): string {
  const note = proposal.decision?.note ? `; ${proposal.decision.note}` : "";
  return cutAtToken(
    `Vouch ${proposal.id}: ${proposal.evidence.reporters} people vouched${note}`,
    NOTES_MAX,
  );
}

function collect(prepared: readonly PreparedProposal[]) {
  const senders: SenderAllow[] = [];
  const spoofs: SpoofAllow[] = [];
  for (const { proposal } of prepared) {
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

function partsFor(senders: readonly unknown[], spoofs: readonly unknown[]): Set<RuntimePart> {
  const parts = new Set<RuntimePart>();
  if (senders.length > 0) parts.add("senders");
  if (spoofs.length > 0) parts.add("spoofs");
  return parts;
}

function evidenceComments(prepared: readonly PreparedProposal[]): string[] {
  const lines: string[] = [];
  for (const { proposal } of prepared) {
    for (const line of evidenceLines(proposal)) lines.push(psComment(line));
    lines.push("");
  }
  return lines;
}

/** Splits what a script can write from what it skips, each skip with its reason. */
function sortOut(
  proposals: readonly ExportProposal[],
  statuses: ReadonlySet<string>,
): { usable: PreparedProposal[]; skipped: { id: string; reason: string }[] } {
  const usable: PreparedProposal[] = [];
  const skipped: { id: string; reason: string }[] = [];
  for (const original of proposals) {
    if (!original.entry || !statuses.has(original.status)) continue;
    const prepared = prepare(original);
    if (prepared.withheld) skipped.push({ id: prepared.proposal.id, reason: prepared.withheld });
    else usable.push(prepared);
  }
  return { usable, skipped };
}

function refuseSingle(skipped: readonly { id: string; reason: string }[], single: boolean): void {
  const first = skipped[0];
  if (single && first) {
    throw new ExportError("cannot-express", `Proposal ${first.id}: ${first.reason}`);
  }
}

/**
 * The script that adds the approved entries (sender allows that live 45 days after last use,
 * spoofed-sender pairs), with the evidence as comments and the undo commands at the end.
 */
export function allowScript(
  proposals: readonly ExportProposal[],
  options: PowerShellOptions,
  single = false,
): string {
  const { usable, skipped } = sortOut(proposals, ADD_STATUSES);
  refuseSingle(skipped, single);
  if (usable.length === 0) {
    throw new ExportError(
      "nothing-to-export",
      skipped.length > 0
        ? `No approved proposal has an entry that can be exported: ${skipped.map((s) => `${s.id}: ${s.reason}`).join(" ")}`
        : "There is no approved proposal with an allow entry to export.",
    );
  }
  const { senders, spoofs } = collect(usable);
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

  const lines = scriptHeader(
    "Vouch: allow entries for the Tenant Allow/Block List (Exchange Online)",
    options.generatedAt,
    usable.length,
  );
  lines.push(...runtimeLines(partsFor(senders, spoofs)), "");
  lines.push(...evidenceComments(usable), ...skippedLines(skipped));
  if (senders.length > 0) {
    lines.push(psComment("Sender allows: removed by Microsoft 45 days after they were last used."));
    for (const { proposal, entry } of senders) {
      lines.push(
        `Add-VouchSenderAllow -Proposal ${psQuote(proposal.id)} -Entry ${psQuote(entry)} -Notes ${psQuote(notesFor(proposal))}`,
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
    for (const { proposal, spoofedUser, infrastructure } of spoofs) {
      lines.push(
        `Add-VouchSpoofAllow -Proposal ${psQuote(proposal.id)} -SpoofedUser ${psQuote(spoofedUser)} -Infrastructure ${psQuote(infrastructure)}`,
      );
    }
    lines.push("");
  }
  lines.push("Write-VouchSummary", "");
  lines.push(psComment("To undo, export these proposals' removal script, or run:"));
  for (const { entry } of senders) {
    lines.push(
      psComment(`Remove-TenantAllowBlockListItems -ListType Sender -Entries ${psQuote(entry)}`),
    );
  }
  for (const { spoofedUser, infrastructure } of spoofs) {
    lines.push(
      psComment(
        `Get-TenantAllowBlockListSpoofItems -Action Allow -SpoofType External | Where-Object { $_.SpoofedUser -eq ${psQuote(spoofedUser)} -and $_.SendingInfrastructure -eq ${psQuote(infrastructure)} } | ForEach-Object { Remove-TenantAllowBlockListSpoofItems -Identity Default -Ids $_.Identity }`,
      ),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}

/** The script that removes the entries of revoked or expired proposals. */
export function removalScript(
  proposals: readonly ExportProposal[],
  options: PowerShellOptions,
  single = false,
): string {
  const { usable, skipped } = sortOut(proposals, REMOVE_STATUSES);
  refuseSingle(skipped, single);
  if (usable.length === 0) {
    throw new ExportError(
      "nothing-to-export",
      "There is no revoked or expired proposal to remove.",
    );
  }
  const { senders, spoofs } = collect(usable);
  const lines = scriptHeader(
    "Vouch: remove revoked or expired entries from the Tenant Allow/Block List",
    options.generatedAt,
    usable.length,
  );
  lines.push(...runtimeLines(partsFor(senders, spoofs)), "");
  lines.push(...evidenceComments(usable), ...skippedLines(skipped));
  for (const { proposal, entry } of senders) {
    lines.push(
      `Remove-VouchSenderAllow -Proposal ${psQuote(proposal.id)} -Entry ${psQuote(entry)}`,
    );
  }
  for (const { proposal, spoofedUser, infrastructure } of spoofs) {
    lines.push(
      `Remove-VouchSpoofAllow -Proposal ${psQuote(proposal.id)} -SpoofedUser ${psQuote(spoofedUser)} -Infrastructure ${psQuote(infrastructure)}`,
    );
  }
  lines.push("", "Write-VouchSummary");
  return `${lines.join("\r\n")}\r\n`;
}

/** One proposal: its allow script while it stands, its removal script once revoked or expired. */
export function powershellFor(proposal: ExportProposal, options: PowerShellOptions): string {
  if (REMOVE_STATUSES.has(proposal.status)) return removalScript([proposal], options, true);
  if (!ADD_STATUSES.has(proposal.status) || !proposal.entry) {
    throw new ExportError(
      "not-exportable",
      `Only an approved proposal with an allow entry exports as PowerShell; this one is ${proposal.status}.`,
    );
  }
  return allowScript([proposal], options, true);
}
