import { proposalStatusSchema, type ProposalStatus } from "../../src/api/contract";
import type { Outcome } from "./rules";

/**
 * A proposal's life. The rules move it between the machine states (collecting, open, refused,
 * insight) as evidence arrives; people move it through the decisions; time expires it.
 *
 *   collecting ⇄ open → approved → applied → expired | revoked
 *                  ↘ rejected      ↘ revoked
 *   approved | applied → needs-review (the rules: the evidence turned; the approved entry stays)
 *   needs-review → approved | applied | rejected | revoked (an admin decides again)
 *   revoked → approved (an admin, once reports arrived after the revocation)
 */
export type { ProposalStatus };
export const PROPOSAL_STATUSES: readonly ProposalStatus[] = proposalStatusSchema.options;

export type DecisionAction = "approve" | "reject" | "mark-applied" | "revoke";
export type AuditAction =
  DecisionAction | "assess" | "review" | "expire" | "reopen" | "export" | "settings";

const DECISIONS: Record<DecisionAction, { from: readonly ProposalStatus[]; to: ProposalStatus }> = {
  approve: { from: ["open", "expired", "revoked", "needs-review"], to: "approved" },
  reject: { from: ["open", "approved", "needs-review"], to: "rejected" },
  "mark-applied": { from: ["approved", "needs-review"], to: "applied" },
  revoke: { from: ["approved", "applied", "needs-review"], to: "revoked" },
};

/** Statuses whose approved entry is in (or on its way into) the tenant's list. */
export const STANDING_STATUSES: readonly ProposalStatus[] = ["approved", "applied", "needs-review"];

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

export type DecisionResult =
  | { ok: true; to: ProposalStatus }
  | { ok: false; status: 400 | 409; code: string; message: string };

/** What a decision needs to know beyond the status. */
export interface DecisionFacts {
  /** The note the admin wrote (trimmed). */
  note: string;
  /** The admin confirmed in a dialog (reject and revoke). */
  confirm: boolean;
  /** The rules' latest outcome and whether it names an entry. */
  outcome: Outcome;
  hasEntry: boolean;
  /** The last decision and the sender's last report (ISO 8601), for approve after revoke. */
  decidedAt: string | null;
  lastSeen: string;
}

/** Reject and revoke take back what people asked for: a note and a confirmation, always. */
export const CONFIRMED_DECISIONS: ReadonlySet<DecisionAction> = new Set(["reject", "revoke"]);

export function decide(
  action: DecisionAction,
  from: ProposalStatus,
  facts: DecisionFacts,
): DecisionResult {
  const rule = DECISIONS[action];
  if (!rule.from.includes(from)) {
    const allowed = rule.from.join(" or ");
    return {
      ok: false,
      status: 409,
      code: "invalid-transition",
      message: `A proposal that is ${from} cannot be ${pastTense(action)}; only one that is ${allowed}.`,
    };
  }
  if (CONFIRMED_DECISIONS.has(action)) {
    if (facts.note.trim() === "") {
      return {
        ok: false,
        status: 400,
        code: "note-required",
        message: `note: say why it is ${pastTense(action)}; the audit log keeps it.`,
      };
    }
    if (!facts.confirm) {
      return {
        ok: false,
        status: 400,
        code: "confirmation-required",
        message: `confirm: must be true to ${action} (the console asks first).`,
      };
    }
  }
  // needs-review keeps the approved entry; every other approval takes the rules' current entry.
  if (action === "approve" && from !== "needs-review") {
    if (from === "revoked" && !(facts.decidedAt !== null && facts.lastSeen > facts.decidedAt)) {
      return {
        ok: false,
        status: 409,
        code: "no-fresh-evidence",
        message:
          "A revoked proposal can be approved again only after new reports arrive; none has since the revocation.",
      };
    }
    if (facts.outcome !== "open" || !facts.hasEntry) {
      return {
        ok: false,
        status: 409,
        code: "not-open",
        message: `The evidence does not support an allow now (the rules say ${facts.outcome}).`,
      };
    }
  }
  return { ok: true, to: rule.to };
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
 * proposal whose sender is vouched for again reopens (evidence renews it); an approved or
 * applied one whose evidence turned (`turned`: review.ts) goes to needs-review; decisions stay.
 */
export function statusAfterAssessment(
  current: ProposalStatus | null,
  outcome: Outcome,
  turned = false,
): ProposalStatus {
  if (current === null || isMachineState(current)) return outcome;
  if (current === "expired" && outcome === "open") return "open";
  if (turned && (current === "approved" || current === "applied")) return "needs-review";
  return current;
}

/** Approved and applied entries live `expiryDays` after the later of the decision and the last report. */
export function expiresAt(decidedAt: string, lastSeen: string, expiryDays: number): string {
  const from = Math.max(Date.parse(decidedAt), Date.parse(lastSeen));
  return new Date(from + expiryDays * 86_400_000).toISOString();
}

/** Needs-review expires too: the entry it keeps lives in the list until Microsoft drops it. */
export const EXPIRING_STATUSES: readonly ProposalStatus[] = STANDING_STATUSES;
