import type { SenderStatus } from "../../src/api/contract";
import type { FeatureContext } from "../feature-context";
import type { SenderStatusCounts } from "../storage";

export const NO_SENDER: SenderStatus = {
  sender: null,
  identityKind: null,
  reporters: 0,
  mailboxes: 0,
  youReported: false,
  proposal: null,
};

/** The store's counts plus, once the proposals plugin set its lookup, the sender's proposal. */
export async function senderStatusOf(
  context: FeatureContext,
  tenantId: string,
  counts: SenderStatusCounts | null,
): Promise<SenderStatus> {
  if (!counts) return NO_SENDER;
  const lookup = context.proposals.lookup;
  return {
    sender: counts.sender,
    identityKind: counts.identityKind,
    reporters: counts.reporters,
    mailboxes: counts.mailboxes,
    youReported: counts.youReported,
    proposal: lookup ? await lookup(tenantId, counts.sender) : null,
  };
}
