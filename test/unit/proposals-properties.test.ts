import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SenderEvidence } from "../../server/identity/evidence";
import {
  PROPOSAL_STATUSES,
  statusAfterAssessment,
  type ProposalStatus,
} from "../../server/proposals/lifecycle";
import { baselineOf, reviewChanges } from "../../server/proposals/review";
import { assess, type Outcome } from "../../server/proposals/rules";
import { DEFAULT_SETTINGS } from "../../server/proposals/settings";

/**
 * Properties of the pure rules and lifecycle over arbitrary evidence (issue 10 "done when"):
 * fewer than minReporters people never open a proposal, whatever they send; once an admin
 * decided, no assessment moves the proposal out of the decision, and an approved entry only
 * ever goes to needs-review, never back to a machine state.
 */

const NOW = new Date("2026-11-27T12:00:00Z");
const context = { settings: DEFAULT_SETTINGS, now: NOW };

/** Every kind of signal a report can carry, the hostile ones included. */
const SIGNALS = [
  "auth-dmarc-pass",
  "auth-dkim-aligned-pass",
  "auth-spf-aligned-pass",
  "auth-forged-claim-unvouched",
  "verdict-junked",
  "compauth-fail",
  "compauth-pass",
  "compauth-reason-001",
  "compauth-reason-130",
  "dmarc-fail",
  "cat-phsh",
  "cat-spoof",
  "cat-bulk",
  "sfv-skb",
  "junk-by-user-settings",
  "situation-filtered",
  "situation-bulk",
  "situation-threat",
  "threat-phishing",
  "threat-malware",
  "allow-sender",
  "allow-spoof-pair",
  "allow-none",
  "infra-ptr:mailer.example",
  "infra-ptr:other.example",
  "infra-ip24:203.0.113.0/24",
];

const SENDERS = [
  "vendor.example",
  "unverified:vendor.example",
  "friend@gmail.com",
  "paypa1.com",
  "unverified:legacy.example",
];

function evidenceArb(maxReporters: number): fc.Arbitrary<SenderEvidence> {
  return fc
    .record({
      senderKey: fc.constantFrom(...SENDERS),
      reporters: fc.integer({ min: 0, max: maxReporters }),
      extraReports: fc.nat(30),
      mailboxes: fc.nat(40),
      trusted: fc.nat(30),
      counts: fc.dictionary(fc.constantFrom(...SIGNALS), fc.nat(40), { maxKeys: SIGNALS.length }),
      ageDays: fc.nat(60),
    })
    .map(({ senderKey, reporters, extraReports, mailboxes, trusted, counts, ageDays }) => {
      const reports = reporters === 0 ? 0 : reporters + extraReports;
      const clamp = (n: number, max: number) => Math.min(n, max);
      const signals = Object.fromEntries(
        Object.entries(counts).map(([name, n]) => [name, clamp(n, reports)]),
      );
      const lastSeen = new Date(NOW.getTime() - ageDays * 86_400_000).toISOString();
      return {
        tenantId: "t",
        senderKey,
        kind: senderKey.includes("@") ? "address" : "domain",
        authenticated: !senderKey.startsWith("unverified:"),
        reporters,
        mailboxes: clamp(mailboxes, reporters),
        reports,
        notSpam: reports - clamp(trusted, reports),
        trustedSender: clamp(trusted, reports),
        signals,
        signalPeople: Object.fromEntries(
          Object.entries(signals).map(([name, n]) => [name, clamp(n, reporters)]),
        ),
        trustedSenderPeople: clamp(trusted, reporters),
        firstSeen: new Date(NOW.getTime() - 90 * 86_400_000).toISOString(),
        lastSeen,
      } as SenderEvidence;
    });
}

const DECIDED: readonly ProposalStatus[] = PROPOSAL_STATUSES.filter(
  (status) => !["collecting", "open", "refused", "insight"].includes(status),
);

describe("properties of the rules", () => {
  it("never opens a proposal for fewer than minReporters people, whatever they send", () => {
    fc.assert(
      fc.property(evidenceArb(DEFAULT_SETTINGS.minReporters - 1), (evidence) => {
        const result = assess(evidence, context);
        expect(result.outcome).not.toBe("open");
      }),
      { numRuns: 2000 },
    );
  });

  it("never gives a sender allow to a sender nothing authenticates", () => {
    fc.assert(
      fc.property(evidenceArb(40), (evidence) => {
        const result = assess(evidence, context);
        const { signals } = evidence;
        const passed =
          (signals["auth-dmarc-pass"] ?? 0) +
          (signals["auth-dkim-aligned-pass"] ?? 0) +
          (signals["auth-spf-aligned-pass"] ?? 0) +
          (signals["compauth-reason-130"] ?? 0);
        if (
          evidence.reports > 0 &&
          (evidence.senderKey.startsWith("unverified:") || passed === 0)
        ) {
          expect(result.entry?.type === "sender").toBe(false);
        }
        if (result.entry?.type === "spoof") {
          // A pair only for an implicit failure from one dominant infrastructure.
          expect(signals["compauth-reason-001"]).toBe(evidence.reports);
          if (result.outcome === "open") expect(result.reason).toContain("compauth reason 001");
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("finds nothing turned in the evidence an admin just decided on", () => {
    fc.assert(
      fc.property(evidenceArb(40), (evidence) => {
        const assessment = assess(evidence, context);
        expect(reviewChanges(baselineOf(evidence, assessment), evidence, assessment)).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it("always sends an approved entry to review when a new person reports a threat", () => {
    // What one more report of a threat adds: the shared module's threat and Microsoft's stamp.
    const THREAT_REPORT: Record<string, readonly string[]> = {
      phishing: ["threat-phishing", "cat-phsh"],
      malware: ["threat-malware"],
    };
    fc.assert(
      fc.property(evidenceArb(40), fc.constantFrom("phishing", "malware"), (evidence, threat) => {
        const assessment = assess(evidence, context);
        const baseline = baselineOf(evidence, assessment);
        const people = (evidence as SenderEvidence & { signalPeople: Record<string, number> })
          .signalPeople;
        const signals = { ...evidence.signals };
        const signalPeople = { ...people };
        for (const name of THREAT_REPORT[threat]!) {
          signals[name] = (signals[name] ?? 0) + 1;
          signalPeople[name] = (signalPeople[name] ?? 0) + 1;
        }
        const later = {
          ...evidence,
          reporters: evidence.reporters + 1,
          reports: evidence.reports + 1,
          signals,
          signalPeople,
        } as SenderEvidence;
        const changes = reviewChanges(baseline, later, assess(later, context));
        expect(changes).toContain(`a report from 1 person carries a ${threat} verdict`);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("properties of the lifecycle", () => {
  const outcomeArb = fc.constantFrom<Outcome>("collecting", "open", "refused", "insight");

  it("keeps every decision through any sequence of assessments; approved only goes to review", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DECIDED),
        fc.array(fc.tuple(outcomeArb, fc.boolean()), { maxLength: 30 }),
        (start, steps) => {
          let status = start;
          for (const [outcome, turned] of steps) {
            const next = statusAfterAssessment(status, outcome, turned);
            if (status === "approved" || status === "applied") {
              expect([status, "needs-review"]).toContain(next);
              if (turned) expect(next).toBe("needs-review");
            } else if (status === "expired") {
              expect(["expired", "open"]).toContain(next);
            } else {
              expect(next).toBe(status);
            }
            status = next;
            if (status === "open") break;
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
