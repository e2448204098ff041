import { proposalStatusSchema, type ProposalStatus } from "../../src/api/contract";
import type { Outcome } from "./rules";

/**
 * A proposal's life. The rules move it between the machine states (collecting, open, refused,
 * insight) as evidence arrives; people move it through the decisions; time expires it.
 *
 *   collecting ⇄ open → approved → applied → expired | revoked
 *                  ↘ rejected      ↘ revoked
 */
export type { ProposalStatus };
export const PROPOSAL_STATUSES: readonly ProposalStatus[] = proposalStatusSchema.options;

export type DecisionAction = "approve" | "reject" | "mark-applied" | "revoke";
export type AuditAction = DecisionAction | "assess" | "expire" | "reopen" | "export" | "settings";

const DECISIONS: Record<DecisionAction, { from: readonly ProposalStatus[]; to: ProposalStatus }> = {
  approve: { from: ["open", "expired"], to: "approved" },
  reject: { from: ["open", "approved"], to: "rejected" },
  "mark-applied": { from: ["approved"], to: "applied" },
  revoke: { from: ["approved", "applied"], to: "revoked" },
};

/** States the rules own; a person's decision is never overwritten by new evidence. */
const MACHINE_STATES: ReadonlySet<ProposalStatus> = new Set([
  "collecting",
  "open",
  "refused",
  "insight",
]);

export function isMachineState(status: ProposalStatus): boolean {
  return MACHINE_STATES.has(status);
}

export type DecisionResult = { ok: true; to: ProposalStatus } | { ok: false; message: string };

export function decide(action: DecisionAction, from: ProposalStatus): DecisionResult {
  const rule = DECISIONS[action];
  if (rule.from.includes(from)) return { ok: true, to: rule.to };
  const allowed = rule.from.join(" or ");
  return {
    ok: false,
    message: `A proposal that is ${from} cannot be ${pastTense(action)}; only one that is ${allowed}.`,
  };
}

function pastTense(action: DecisionAction): string {
  return {
    approve: "approved",
    reject: "rejected",
    "mark-applied": "marked applied",
    revoke: "revoked",
  }[action];
}

/**
 * The status after the rules re-assess a sender. Machine states follow the rules; an expired
 * proposal whose sender is vouched for again reopens (evidence renews it); decisions stay.
 */
export function statusAfterAssessment(
  current: ProposalStatus | null,
  outcome: Outcome,
): ProposalStatus {
  if (current === null || isMachineState(current)) return outcome;
  if (current === "expired" && outcome === "open") return "open";
  return current;
}

/** Approved and applied entries live `expiryDays` after the later of the decision and the last report. */
export function expiresAt(decidedAt: string, lastSeen: string, expiryDays: number): string {
  const from = Math.max(Date.parse(decidedAt), Date.parse(lastSeen));
  return new Date(from + expiryDays * 86_400_000).toISOString();
}

export const EXPIRING_STATUSES: readonly ProposalStatus[] = ["approved", "applied"];
