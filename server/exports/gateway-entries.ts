/**
 * What a gateway's permitted/safe sender list may receive from Vouch: the approved (standing)
 * sender entries, checked like every export's (prepare.ts: identity validation, canonical form,
 * export-safe text). A gateway list matches a sender address or domain only, so a
 * spoofed-sender pair (a sender bound to its sending infrastructure, Microsoft's construct) is
 * withheld: as a plain sender entry it would be broader than the decision.
 */
import { prepare } from "./prepare";
import { cutAtToken, exportText } from "./safe-text";
import { ADD_STATUSES } from "./script-parts";
import { ExportError, type ExportProposal } from "./types";

export interface GatewayEntry {
  id: string;
  kind: "domain" | "address";
  /** Canonical (lower case, A-labels), validated. */
  value: string;
  /** One line of export-safe text naming the proposal and the decision, cut between words. */
  note: string;
}

export interface GatewayEntries {
  entries: GatewayEntry[];
  withheld: { id: string; reason: string }[];
}

const NOTE_LIMIT = 200;

/** Characters no list entry needs and a list's separators (line, comma, semicolon, space). */
function isPlainEntry(value: string): boolean {
  for (const char of value) {
    const code = char.charCodeAt(0);
    const ok =
      (code >= 0x61 && code <= 0x7a) ||
      (code >= 0x30 && code <= 0x39) ||
      char === "." ||
      char === "-" ||
      char === "_" ||
      char === "+" ||
      char === "@";
    if (!ok) return false;
  }
  return value.length > 0;
}

export function gatewayEntries(
  proposals: readonly ExportProposal[],
  gateway: string,
  single: boolean,
): GatewayEntries {
  const entries: GatewayEntry[] = [];
  const withheld: { id: string; reason: string }[] = [];
  for (const original of proposals) {
    if (!original.entry || !ADD_STATUSES.has(original.status)) continue;
    const { proposal, withheld: why } = prepare(original);
    const entry = proposal.entry;
    if (why || !entry) {
      withheld.push({ id: proposal.id, reason: why ?? "No entry." });
      continue;
    }
    if (entry.type !== "sender") {
      withheld.push({
        id: proposal.id,
        reason: exportText(
          `A spoofed-sender pair binds ${entry.spoofedUser} to ${entry.sendingInfrastructure.value}; ${gateway}'s list matches the sender alone, which would be broader than the decision.`,
        ),
      });
      continue;
    }
    if (!isPlainEntry(entry.value)) {
      withheld.push({
        id: proposal.id,
        reason: `The entry cannot be written as one ${gateway} entry.`,
      });
      continue;
    }
    // The admin's own words first, so a cut keeps them; who approved and when after.
    const decided = proposal.decision
      ? ` (approved by ${proposal.decision.by} at ${proposal.decision.at})`
      : "";
    const note = cutAtToken(
      exportText(`Vouch ${proposal.id}: ${proposal.decision?.note ?? proposal.reason}${decided}`),
      NOTE_LIMIT,
    );
    entries.push({ id: proposal.id, kind: entry.kind, value: entry.value, note });
  }
  const first = withheld[0];
  if (single && first) {
    throw new ExportError(
      "cannot-express",
      `Proposal ${first.id} cannot go to ${gateway}: ${first.reason}`,
    );
  }
  if (entries.length === 0) {
    throw new ExportError(
      "nothing-to-export",
      withheld.length > 0
        ? `No approved proposal can go to ${gateway}: ${withheld.map((w) => `${w.id}: ${w.reason}`).join(" ")}`
        : `There is no approved proposal with a sender entry to export to ${gateway}.`,
    );
  }
  return { entries, withheld };
}
