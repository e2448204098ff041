import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { SenderEvidence } from "../../server/identity/evidence";
import {
  assess,
  RULES_VERSION,
  ROLL_UP_WARN_AT,
  strengthOf,
  type RulesContext,
} from "../../server/proposals/rules";
import { DEFAULT_SETTINGS, withDefaults } from "../../server/proposals/settings";

const NOW = new Date("2026-11-27T12:00:00Z");
const context: RulesContext = { settings: DEFAULT_SETTINGS, now: NOW };

function evidence(overrides: Partial<SenderEvidence> = {}): SenderEvidence {
  const reports = overrides.reports ?? 4;
  return {
    tenantId: "t1",
    senderKey: "vendor.example",
    kind: "domain",
    authenticated: true,
    reporters: 3,
    mailboxes: 2,
    reports,
    notSpam: reports,
    trustedSender: 0,
    signals: {
      "auth-dmarc-pass": reports,
      "verdict-junked": reports,
      "content-filter-spam-authenticated": reports,
      "cat-spm": reports,
    },
    firstSeen: "2026-11-20T09:00:00Z",
    lastSeen: "2026-11-26T09:00:00Z",
    ...overrides,
  };
}

function unverifiedSpoofable(overrides: Partial<SenderEvidence> = {}): SenderEvidence {
  return evidence({
    senderKey: "unverified:billing.vendor.example",
    authenticated: false,
    signals: {
      "compauth-fail": 4,
      "compauth-reason-001": 4,
      "dmarc-none": 4,
      "cat-spoof": 4,
      "spoof-verdict": 4,
      "compauth-fail-finding": 4,
      "infra-ptr:mailer.example": 4,
      "verdict-junked": 4,
    },
    ...overrides,
  });
}

describe("opening threshold (3 people, 2 mailboxes, 30 days)", () => {
  it("opens at exactly 3 people in 2 mailboxes", () => {
    const result = assess(evidence(), context);
    expect(result.outcome).toBe("open");
    expect(result.entry).toEqual({ type: "sender", kind: "domain", value: "vendor.example" });
    expect(result.reason).toMatch(
      /^3 people in 2 mailboxes vouched; DMARC passed for 4 of 4 reports/,
    );
    expect(result.rulesVersion).toBe(RULES_VERSION);
  });
  it("keeps collecting with 2 people", () => {
    const result = assess(evidence({ reporters: 2 }), context);
    expect(result.outcome).toBe("collecting");
    expect(result.reason).toContain("2 of 3 people");
  });
  it("keeps collecting with 3 people in 1 mailbox", () => {
    const result = assess(evidence({ mailboxes: 1 }), context);
    expect(result.outcome).toBe("collecting");
    expect(result.reason).toContain("1 of 2 mailboxes");
  });
  it("opens when the last report is 30 days old and not when it is 31", () => {
    const thirty = new Date(NOW.getTime() - 30 * 86_400_000).toISOString();
    const thirtyOne = new Date(NOW.getTime() - 31 * 86_400_000).toISOString();
    expect(assess(evidence({ lastSeen: thirty }), context).outcome).toBe("open");
    const stale = assess(evidence({ lastSeen: thirtyOne }), context);
    expect(stale.outcome).toBe("collecting");
    expect(stale.reason).toContain("no report in the last 30 days");
  });
  it("follows the tenant's own thresholds", () => {
    const strict = { ...context, settings: withDefaults({ minReporters: 5, minMailboxes: 3 }) };
    expect(assess(evidence({ reporters: 4, mailboxes: 3 }), strict).outcome).toBe("collecting");
    expect(assess(evidence({ reporters: 5, mailboxes: 3 }), strict).outcome).toBe("open");
  });
  it("refuses settings that would open on one reporter", () => {
    expect(() => withDefaults({ minReporters: 1 })).toThrow();
  });
});

describe("strength", () => {
  it("grows with people, mailboxes and authentication and stays within 0-100", () => {
    const small = strengthOf(evidence(), null);
    const more = strengthOf(evidence({ reporters: 12, mailboxes: 9 }), null);
    expect(more).toBeGreaterThan(small);
    expect(small).toBeGreaterThan(0);
    const unauthenticated = strengthOf(evidence({ signals: { "auth-spf-aligned-pass": 4 } }), null);
    expect(unauthenticated).toBeLessThan(small);
  });
  it("never falls when one more person vouches (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 1, max: 1000 }),
        (reporters, mailboxes, reports) => {
          const a = evidence({ reporters, mailboxes, reports, notSpam: reports });
          const b = evidence({ reporters: reporters + 1, mailboxes, reports, notSpam: reports });
          const sa = strengthOf(a, null);
          const sb = strengthOf(b, null);
          return sb >= sa && sa >= 0 && sb <= 100;
        },
      ),
    );
  });
});

describe("refusals", () => {
  const cases: [string, Record<string, number>, string][] = [
    ["phishing", { "phishing-verdict": 1, "cat-phsh": 1 }, "phishing"],
    ["high-confidence phishing", { "cat-hphsh": 1 }, "high-confidence-phishing"],
    ["malware", { "malware-verdict": 1 }, "malware"],
    ["domain impersonation SFTY 9.19", { "sfty-9.19": 1 }, "impersonation"],
    ["user impersonation SFTY 9.20", { "sfty-9.20": 1 }, "impersonation"],
    ["CAT:DIMP", { "cat-dimp": 1 }, "impersonation"],
    ["CAT:UIMP", { "cat-uimp": 1 }, "impersonation"],
    ["CAT:GIMP", { "cat-gimp": 1 }, "impersonation"],
    ["CAT:BIMP", { "cat-bimp": 1 }, "impersonation"],
    ["a spoof verdict", { "cat-spoof": 1 }, "spoof"],
    [
      "forged authentication results nothing vouches for",
      { "auth-forged-claim-unvouched": 1 },
      "authentication-failed",
    ],
  ];
  it("does not refuse forwarded mail whose lower header claims a pass while DMARC passed", () => {
    const base = evidence({ reporters: 5, mailboxes: 4, reports: 6 });
    const forwarded = { ...base, signals: { ...base.signals, "forged-auth-results": 6 } };
    expect(assess(forwarded, context).outcome).toBe("open");
  });
  for (const [name, extra, code] of cases) {
    it(`refuses ${name}, even in one report of many`, () => {
      const base = evidence({ reporters: 50, mailboxes: 40, reports: 60 });
      const result = assess({ ...base, signals: { ...base.signals, ...extra } }, context);
      expect(result.outcome).toBe("refused");
      expect(result.entry).toBeNull();
      expect(result.strength).toBe(0);
      expect(result.refusals.map((r) => r.code)).toContain(code);
      expect(result.reason).toMatch(/^Refused: /);
    });
  }
  it("does not refuse the same evidence without those signals", () => {
    expect(assess(evidence({ reporters: 50, mailboxes: 40, reports: 60 }), context).outcome).toBe(
      "open",
    );
  });
  it("never proposes for the phishing sample reported by 50 people", () => {
    const phish = evidence({
      senderKey: "micros0ft-support.example",
      reporters: 50,
      mailboxes: 50,
      reports: 50,
      trustedSender: 50,
      signals: {
        "auth-dmarc-pass": 50,
        "phishing-verdict": 50,
        "impersonation-brand": 50,
        "cat-phsh": 50,
        "sfty-9.19": 50,
      },
    });
    const result = assess(phish, context);
    expect(result.outcome).toBe("refused");
    expect(result.entry).toBeNull();
    expect(result.refusals[0]?.code).toBe("phishing");
  });
  it("refuses an unverified identity with no single infrastructure", () => {
    const result = assess(
      unverifiedSpoofable({
        signals: {
          "compauth-fail": 4,
          "compauth-reason-001": 4,
          "infra-ptr:a.example": 2,
          "infra-ip24:198.51.100.0/24": 2,
        },
      }),
      context,
    );
    expect(result.outcome).toBe("refused");
    expect(result.refusals.map((r) => r.code)).toEqual(["unverified-identity"]);
  });
  it("refuses a forged From of a domain with DMARC reject (explicit failure), never a pair", () => {
    const result = assess(
      unverifiedSpoofable({
        senderKey: "unverified:bank.example",
        reporters: 30,
        mailboxes: 30,
        signals: {
          "compauth-fail": 4,
          "compauth-reason-000": 4,
          "dmarc-fail": 4,
          "cat-spoof": 4,
          "infra-ptr:mailer.example": 4,
        },
      }),
      context,
    );
    expect(result.outcome).toBe("refused");
    expect(result.entry).toBeNull();
    expect(result.refusals.map((r) => r.code)).toContain("authentication-failed");
  });
});

describe("spoofed-sender pair", () => {
  it("proposes domain + PTR infrastructure for implicit compauth failure from one sender", () => {
    const result = assess(unverifiedSpoofable(), context);
    expect(result.outcome).toBe("open");
    expect(result.entry).toEqual({
      type: "spoof",
      spoofedUser: "billing.vendor.example",
      sendingInfrastructure: { kind: "ptr", value: "mailer.example" },
    });
    expect(result.warnings.map((w) => w.code)).toContain("spoof-entries-never-expire");
  });
  it("says what is true of a pair and gives it no authentication points", () => {
    const pair = unverifiedSpoofable();
    const result = assess(pair, context);
    expect(result.reason).toContain("no SPF, DKIM or DMARC passed");
    expect(result.reason).toContain("compauth reason 001");
    expect(result.reason).not.toMatch(/only for lack of DMARC/);
    // The same people and mailboxes with every report DMARC-authenticated score 25 more.
    const authenticated = evidence({ signals: { "auth-dmarc-pass": 4 } });
    expect(strengthOf(authenticated, null) - result.strength).toBe(25);
  });
  it("uses the /24 when there is no PTR, at 80% of reports and not below", () => {
    const at80 = unverifiedSpoofable({
      reports: 5,
      signals: {
        "compauth-fail": 5,
        "compauth-reason-001": 5,
        "infra-ip24:203.0.113.0/24": 4,
        "infra-ip24:198.51.100.0/24": 1,
      },
    });
    const result = assess(at80, context);
    expect(result.entry).toMatchObject({
      type: "spoof",
      sendingInfrastructure: { kind: "ip24", value: "203.0.113.0/24" },
    });
    const below = unverifiedSpoofable({
      reports: 5,
      signals: {
        "compauth-fail": 5,
        "compauth-reason-001": 5,
        "infra-ip24:203.0.113.0/24": 3,
        "infra-ip24:198.51.100.0/24": 2,
      },
    });
    expect(assess(below, context).outcome).toBe("refused");
  });
  it("needs every report to fail only implicitly (reason 001)", () => {
    const mixed = unverifiedSpoofable({
      signals: {
        "compauth-fail": 4,
        "compauth-reason-001": 3,
        "compauth-reason-002": 1,
        "infra-ptr:mailer.example": 4,
      },
    });
    expect(assess(mixed, context).outcome).toBe("refused");
  });
});

describe("narrowest entry", () => {
  it("allows the address for a freemail sender", () => {
    const result = assess(evidence({ senderKey: "alice@gmail.com", kind: "address" }), context);
    expect(result.entry).toEqual({ type: "sender", kind: "address", value: "alice@gmail.com" });
  });
  it("warns before several addresses of one domain roll up into a domain allow", () => {
    const alice = evidence({ senderKey: "alice@gmail.com", kind: "address" });
    const below = assess(alice, { ...context, sameDomainAddressEntries: ROLL_UP_WARN_AT - 2 });
    expect(below.warnings.map((w) => w.code)).not.toContain("roll-up");
    const at = assess(alice, { ...context, sameDomainAddressEntries: ROLL_UP_WARN_AT - 1 });
    expect(at.warnings[0]?.code).toBe("roll-up");
    expect(at.warnings[0]?.message).toContain("gmail.com");
  });
  it("gives advice, not an allow, for the organisation's own domain and its subdomains", () => {
    const own = { ...context, settings: withDefaults({ acceptedDomains: ["contoso.com"] }) };
    for (const key of ["contoso.com", "mail.contoso.com"]) {
      const result = assess(evidence({ senderKey: key }), own);
      expect(result.outcome).toBe("insight");
      expect(result.entry).toBeNull();
      expect(result.insights[0]?.cause).toBe("own-domain");
    }
    expect(assess(evidence({ senderKey: "notcontoso.com" }), own).outcome).toBe("open");
  });
});

describe("insights: causes an allow cannot fix", () => {
  const cases: [string, Record<string, number>, string, RegExp][] = [
    [
      "junk by the user's own settings",
      { "junk-by-user-settings": 4 },
      "user-junk-settings",
      /Safe Lists Only/,
    ],
    [
      "SFV:NSPM with dest:J",
      { "sfv-nspm": 4, "dest-j": 4 },
      "user-junk-settings",
      /junk e-mail settings/,
    ],
    [
      "the user's blocked senders",
      { "blocked-sender": 3 },
      "user-blocked-senders",
      /Blocked Senders/,
    ],
    ["an ASF option", { "asf-custom-spam": 4 }, "advanced-spam-filter", /Advanced Spam Filter/],
    ["a policy block", { "sfv-skb": 4 }, "policy-blocked", /blocked senders/],
  ];
  for (const [name, extra, cause, setting] of cases) {
    it(`turns ${name} into an insight that names the setting`, () => {
      const base = evidence();
      const result = assess({ ...base, signals: { ...base.signals, ...extra } }, context);
      expect(result.outcome).toBe("insight");
      expect(result.entry).toBeNull();
      expect(result.insights[0]?.cause).toBe(cause);
      expect(result.insights[0]?.setting).toMatch(setting);
    });
  }
  it("keeps the proposal when under half the reports show such a cause, with a warning", () => {
    const base = evidence();
    const result = assess({ ...base, signals: { ...base.signals, "sfv-skb": 1 } }, context);
    expect(result.outcome).toBe("open");
    expect(result.warnings.map((w) => w.code)).toContain("minor-cause");
  });
  it("allows bulk from an authenticated sender, with the bulk threshold as a warning", () => {
    // Microsoft: a Tenant Allow/Block List sender allow overrides bulk verdicts.
    const base = evidence();
    const result = assess(
      { ...base, signals: { ...base.signals, "bulk-bcl-high": 4, "situation-bulk": 4 } },
      context,
    );
    expect(result.outcome).toBe("open");
    expect(result.entry).toEqual({ type: "sender", kind: "domain", value: "vendor.example" });
    expect(result.warnings.find((w) => w.code === "bulk")?.message).toMatch(/BulkThreshold/);
  });
});

describe("the shared rule module's signals", () => {
  it("refuses what the shared module calls a threat, whatever the stamps say", () => {
    const base = evidence();
    const result = assess(
      { ...base, signals: { ...base.signals, "threat-phishing": 1, "situation-threat": 1 } },
      context,
    );
    expect(result.outcome).toBe("refused");
    expect(result.refusals[0]).toMatchObject({ code: "phishing", reports: 1 });
  });
  it("counts a trusted ARC sealer (compauth 130) as authenticated, and says so", () => {
    const result = assess(
      evidence({
        signals: {
          "compauth-pass": 4,
          "compauth-reason-130": 4,
          "dmarc-fail": 0,
          "allow-sender": 4,
          "verdict-junked": 4,
        },
      }),
      context,
    );
    expect(result.outcome).toBe("open");
    expect(result.entry).toEqual({ type: "sender", kind: "domain", value: "vendor.example" });
    expect(result.reason).toContain("trusted ARC sealer");
  });
  it("never gives a sender allow to a sender with no passing SPF, DKIM or DMARC", () => {
    const result = assess(evidence({ signals: { "verdict-junked": 4, "cat-spm": 4 } }), context);
    expect(result.outcome).toBe("refused");
    expect(result.entry).toBeNull();
    expect(result.refusals.map((r) => r.code)).toEqual(["unverified-identity"]);
  });
});

describe("the window", () => {
  it("counts only the people who reported within the window when told", () => {
    const old = evidence({ reporters: 5, mailboxes: 4 });
    expect(assess(old, { ...context, window: { reporters: 2, mailboxes: 2 } }).outcome).toBe(
      "collecting",
    );
    expect(assess(old, { ...context, window: { reporters: 3, mailboxes: 2 } }).outcome).toBe(
      "open",
    );
  });
});
