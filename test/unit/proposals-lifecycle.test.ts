import { describe, expect, it } from "vitest";
import {
  decide,
  expiresAt,
  PROPOSAL_STATUSES,
  statusAfterAssessment,
  type DecisionAction,
} from "../../server/proposals/lifecycle";
import {
  infrastructuresIn,
  ipv4Slash24,
  ptrOrganisationalDomain,
} from "../../server/identity/infrastructure";

describe("decisions", () => {
  const allowed: Record<DecisionAction, string[]> = {
    approve: ["open", "expired"],
    reject: ["open", "approved"],
    "mark-applied": ["approved"],
    revoke: ["approved", "applied"],
  };
  for (const [action, from] of Object.entries(allowed) as [DecisionAction, string[]][]) {
    for (const status of PROPOSAL_STATUSES) {
      const ok = from.includes(status);
      it(`${action} from ${status} is ${ok ? "allowed" : "refused"}`, () => {
        const result = decide(action, status);
        expect(result.ok).toBe(ok);
        if (!result.ok) expect(result.message).toContain(status);
      });
    }
  }
  it("never approves a refused proposal", () => {
    expect(decide("approve", "refused").ok).toBe(false);
    expect(decide("approve", "insight").ok).toBe(false);
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
