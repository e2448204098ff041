import { checkEntry, type EntryCheck } from "./entry-check";
import { exportText } from "./safe-text";
import type { ExportProposal } from "./types";

/** A proposal as every format sees it: its text made export-safe, its entry checked. */
export interface PreparedProposal {
  proposal: ExportProposal;
  /** Why the entry may not be written, or null when it may (or there is none). */
  withheld: string | null;
}

/** Every string of the proposal through `exportText`; numbers and dates stay as they are. */
export function safeProposal(proposal: ExportProposal): ExportProposal {
  const t = exportText;
  return {
    ...proposal,
    id: t(proposal.id),
    senderKey: t(proposal.senderKey),
    reason: t(proposal.reason),
    rulesVersion: t(proposal.rulesVersion),
    evidence: {
      ...proposal.evidence,
      firstSeen: t(proposal.evidence.firstSeen),
      lastSeen: t(proposal.evidence.lastSeen),
    },
    refusals: proposal.refusals.map((refusal) => ({
      ...refusal,
      code: t(refusal.code),
      message: t(refusal.message),
    })),
    warnings: proposal.warnings.map((warning) => ({
      code: t(warning.code),
      message: t(warning.message),
    })),
    expiresAt: proposal.expiresAt === null ? null : t(proposal.expiresAt),
    decision: proposal.decision && {
      by: t(proposal.decision.by),
      at: t(proposal.decision.at),
      note: t(proposal.decision.note),
    },
  };
}

/**
 * Checks the entry before any text is touched: an entry is written as decided, in the canonical
 * form the identity validation gives it (lower case, A-labels), or not at all; never a
 * cleaned-up variant of a value that failed.
 */
export function prepare(proposal: ExportProposal): PreparedProposal {
  const safe = safeProposal(proposal);
  if (!proposal.entry) return { proposal: safe, withheld: null };
  const check: EntryCheck = checkEntry(proposal.entry);
  if (check.ok) return { proposal: { ...safe, entry: check.entry }, withheld: null };
  const reason = exportText(check.reason);
  return { proposal: { ...safe, entry: null, entryWithheld: reason }, withheld: reason };
}
