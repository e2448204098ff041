import type { OrganisationFact } from "../../src/api/reputation-contract";
import type { ProposalService } from "../proposals/service";
import type { Store } from "../storage";

const DECISIONS = new Set(["approve", "reject", "mark-applied", "revoke"]);
/** The newest audit lines read for a sender's decisions; a proposal rarely has more than a few. */
const AUDIT_LINES = 50;

/**
 * "In this organisation": what the tenant's own reports and decisions say about the sender,
 * through the store's and the proposals' existing reads, scoped to the caller's tenant. The
 * admins' notes stay out (they belong to admins, issue 10 §6): a person sees what was decided
 * and when, and why in the rules' codes, which the pane words in the person's language.
 */
export async function organisationFactOf(
  store: Store,
  proposals: ProposalService,
  tenantId: string,
  senderKey: string | null,
): Promise<OrganisationFact> {
  const empty: OrganisationFact = {
    state: "checked",
    sender: senderKey,
    firstSeen: null,
    reporters: 0,
    mailboxes: 0,
    proposal: null,
    decisions: [],
    reasons: [],
  };
  if (senderKey === null) return empty;
  const [evidence, summary] = await Promise.all([
    store.senders.evidence(tenantId, senderKey),
    proposals.lookup(tenantId, senderKey),
  ]);
  if (!evidence) return empty;
  const fact: OrganisationFact = {
    ...empty,
    firstSeen: evidence.firstSeen,
    reporters: evidence.reporters,
    mailboxes: evidence.mailboxes,
  };
  if (!summary) return fact;
  const [proposal, audit] = await Promise.all([
    proposals.get(tenantId, summary.id),
    proposals.audit(tenantId, { proposalId: summary.id, limit: AUDIT_LINES, offset: 0 }),
  ]);
  return {
    ...fact,
    proposal: summary.status,
    decisions: audit.items
      .filter((line) => DECISIONS.has(line.action))
      .map((line) => ({ action: line.action as "approve", at: line.at })),
    reasons: [
      ...proposal.refusals.map((refusal) => refusal.code),
      ...proposal.insights.map((insight) => insight.cause),
    ],
  };
}
