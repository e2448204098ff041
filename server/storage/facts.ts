import type { HeaderAnalysis } from "../../src/analysis/types";
import { signalsOf, type Signal } from "../identity/evidence";
import { senderKeyOf, type SenderKey } from "../identity/sender-key";
import { summarize } from "./summary";
import type { ReportSummary } from "./types";

/**
 * What the store keeps of an analysis: the sender the report counts for, the From domain, the
 * summary that outlives the raw headers and the signals the proposals weigh; and the Message-ID
 * the route checks. A few hundred bytes, so an analysis thread hands these over instead of the
 * whole analysis.
 */
export interface ReportFacts {
  sender: SenderKey | null;
  fromDomain: string | null;
  summary: ReportSummary;
  signals: Signal[];
  /**
   * The Message-ID field as the headers carry it (trimmed), null without one: not stored, only
   * for the route to check the message id the client names against the headers it sent.
   */
  messageId: string | null;
}

export function reportFactsOf(analysis: HeaderAnalysis): ReportFacts {
  return {
    sender: senderKeyOf(analysis),
    fromDomain: analysis.message.from?.domain.toLowerCase() ?? null,
    summary: summarize(analysis),
    signals: signalsOf(analysis),
    messageId: analysis.message.messageId,
  };
}
