import type { ProposalStatus } from "../proposals/lifecycle";
import type { ProposalEntry } from "../proposals/rules";

/** What every export needs to know about one proposal. */
export interface ExportProposal {
  id: string;
  status: ProposalStatus;
  senderKey: string;
  entry: ProposalEntry | null;
  strength: number;
  reason: string;
  rulesVersion: string;
  evidence: {
    reporters: number;
    mailboxes: number;
    reports: number;
    notSpam: number;
    trustedSender: number;
    dmarcPass: number;
    dkimAlignedPass: number;
    spfAlignedPass: number;
    firstSeen: string;
    lastSeen: string;
  };
  refusals: { code: string; reports: number; message: string }[];
  warnings: { code: string; message: string }[];
  decision: { by: string; at: string; note: string } | null;
  expiresAt: string | null;
  /** Set by the exports when the entry failed the last check and was left out: why. */
  entryWithheld?: string;
}

export class ExportError extends Error {
  constructor(
    /**
     * cannot-express: the format cannot write this proposal safely (an entry that fails
     * validation, a mail flow rule without an unforgeable condition); the reason says why.
     */
    readonly code: "nothing-to-export" | "over-limit" | "not-exportable" | "cannot-express",
    message: string,
  ) {
    super(message);
    this.name = "ExportError";
  }
}
