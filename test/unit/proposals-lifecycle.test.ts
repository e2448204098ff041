import { describe, expect, it } from "vitest";
import {
  decide,
  expiresAt,
  PROPOSAL_STATUSES,
  statusAfterAssessment,
  type DecisionAction,
  type DecisionFacts,
} from "../../server/proposals/lifecycle";
import {
  infrastructuresIn,
  ipv4Slash24,
  ptrOrganisationalDomain,
} from "../../server/identity/infrastructure";

/** A decision with everything it needs: a note, a confirmation, an open assessment. */
const ready: DecisionFacts = {
  note: "checked with the sender",
  confirm: true,
  outcome: "open",
  hasEntry: true,
  decidedAt: "2026-11-01T00:00:00.000Z",
  lastSeen: "2026-11-02T00:00:00.000Z",
};

describe("decisions", () => {
  const allowed: Record<DecisionAction, string[]> = {
    approve: ["open", "expired", "revoked", "needs-review"],
    reject: ["open", "approved", "needs-review"],
    "mark-applied": ["approved", "needs-review"],
    revoke: ["approved", "applied", "needs-review"],
  };
  for (const [action, from] of Object.entries(allowed) as [DecisionAction, string[]][]) {
    for (const status of PROPOSAL_STATUSES) {
      const ok = from.includes(status);
      it(`${action} from ${status} is ${ok ? "allowed" : "refused"}`, () => {
        const result = decide(action, status, ready);
        expect(result.ok).toBe(ok);
        if (!result.ok) expect(result.message).toContain(status);
      });
    }
  }
  it("never approves a refused proposal", () => {
    expect(decide("approve", "refused", ready).ok).toBe(false);
    expect(decide("approve", "insight", ready).ok).toBe(false);
  });
  for (const action of ["reject", "revoke"] as const) {
    it(`${action} needs a note and a confirmation (400 otherwise)`, () => {
      expect(decide(action, "approved", { ...ready, note: "  " })).toMatchObject({
        ok: false,
        status: 400,
        code: "note-required",
      });
      expect(decide(action, "approved", { ...ready, confirm: false })).toMatchObject({
        ok: false,
        status: 400,
        code: "confirmation-required",
      });
    });
  }
  it("approves a revoked proposal again only after reports newer than the revocation", () => {
    const stale = { ...ready, lastSeen: "2026-10-31T00:00:00.000Z" };
    expect(decide("approve", "revoked", stale)).toMatchObject({ code: "no-fresh-evidence" });
    expect(decide("approve", "revoked", ready)).toEqual({ ok: true, to: "approved" });
  });
  it("approves only what the rules open, except to keep an entry under review", () => {
    const refused = { ...ready, outcome: "refused" as const, hasEntry: false };
    expect(decide("approve", "expired", refused)).toMatchObject({ code: "not-open" });
    expect(decide("approve", "revoked", refused)).toMatchObject({ code: "not-open" });
    expect(decide("approve", "needs-review", refused)).toEqual({ ok: true, to: "approved" });
  });
});

describe("assessment versus decisions", () => {
  it("lets the rules move machine states", () => {
    expect(statusAfterAssessment(null, "collecting")).toBe("collecting");
    expect(statusAfterAssessment("collecting", "open")).toBe("open");
    expect(statusAfterAssessment("open", "refused")).toBe("refused");
  });
  it("never overwrites a person's decision", () => {
    expect(statusAfterAssessment("approved", "refused")).toBe("approved");
    expect(statusAfterAssessment("rejected", "open")).toBe("rejected");
    expect(statusAfterAssessment("revoked", "open")).toBe("revoked");
  });
  it("moves an approved or applied entry to needs-review when the evidence turned, only then", () => {
    expect(statusAfterAssessment("approved", "refused", true)).toBe("needs-review");
    expect(statusAfterAssessment("applied", "open", true)).toBe("needs-review");
    expect(statusAfterAssessment("needs-review", "open", false)).toBe("needs-review");
    expect(statusAfterAssessment("revoked", "refused", true)).toBe("revoked");
    expect(statusAfterAssessment("open", "refused", true)).toBe("refused");
  });
  it("reopens an expired proposal when new evidence opens it again", () => {
    expect(statusAfterAssessment("expired", "open")).toBe("open");
    expect(statusAfterAssessment("expired", "collecting")).toBe("expired");
  });
  it("expires 45 days after the later of decision and last report", () => {
    expect(expiresAt("2026-11-01T00:00:00Z", "2026-10-01T00:00:00Z", 45)).toBe(
      "2026-12-16T00:00:00.000Z",
    );
    expect(expiresAt("2026-10-01T00:00:00Z", "2026-11-01T00:00:00Z", 45)).toBe(
      "2026-12-16T00:00:00.000Z",
    );
  });
});

describe("sending infrastructure", () => {
  it("takes the organisational domain of a PTR name", () => {
    expect(ptrOrganisationalDomain("o1.mail.sendgrid.net.")).toBe("sendgrid.net");
    expect(ptrOrganisationalDomain("smtp.vendor.co.uk")).toBe("vendor.co.uk");
    expect(ptrOrganisationalDomain("203.0.113.9")).toBeNull();
  });
  it("takes the /24 of an IPv4 address and nothing of garbage", () => {
    expect(ipv4Slash24("203.0.113.9")).toBe("203.0.113.0/24");
    expect(ipv4Slash24("256.0.113.9")).toBeNull();
    expect(ipv4Slash24("2001:db8::1")).toBeNull();
  });
  it("lists infrastructures by reports", () => {
    expect(
      infrastructuresIn({ "infra-ptr:a.example": 1, "infra-ip24:203.0.113.0/24": 3, x: 9 }),
    ).toEqual([
      { infrastructure: { kind: "ip24", value: "203.0.113.0/24" }, reports: 3 },
      { infrastructure: { kind: "ptr", value: "a.example" }, reports: 1 },
    ]);
  });
});
