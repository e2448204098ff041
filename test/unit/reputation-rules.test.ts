import { describe, expect, it } from "vitest";
import type { SenderEvidence } from "../../server/identity/evidence";
import { assess, YOUNG_DOMAIN_DAYS, type RulesContext } from "../../server/proposals/rules";
import { DEFAULT_SETTINGS } from "../../server/proposals/settings";

/** The rules' domain-age refusal: the age comes from the service's own RDAP check. */
const NOW = new Date("2026-12-04T10:00:00Z");

function evidence(overrides: Partial<SenderEvidence> = {}): SenderEvidence {
  return {
    tenantId: "t1",
    senderKey: "news.vendor.example",
    kind: "domain",
    authenticated: true,
    reporters: 3,
    mailboxes: 2,
    reports: 4,
    notSpam: 4,
    trustedSender: 0,
    signals: { "auth-dmarc-pass": 4, "verdict-junked": 4, "cat-spm": 4 },
    firstSeen: "2026-11-30T09:00:00Z",
    lastSeen: "2026-12-03T09:00:00Z",
    ...overrides,
  };
}

function registered(daysAgo: number, hours = 0): RulesContext {
  const at = new Date(NOW.getTime() - daysAgo * 86_400_000 - hours * 3_600_000);
  return {
    settings: DEFAULT_SETTINGS,
    now: NOW,
    domainAge: { domain: "vendor.example", registeredAt: at.toISOString() },
  };
}

describe(`a registrable domain younger than ${YOUNG_DOMAIN_DAYS} days`, () => {
  it("is refused with its age, however many people vouched", () => {
    const result = assess(evidence({ reporters: 40, mailboxes: 30 }), registered(12));
    expect(result.outcome).toBe("refused");
    expect(result.refusals.map((refusal) => refusal.code)).toEqual(["young-domain"]);
    expect(result.reason).toContain("vendor.example was registered on 2026-11-22, 12 days ago");
    expect(result.entry).toBeNull();
  });

  it("is refused on its 29th day and allowed from its 30th", () => {
    expect(assess(evidence(), registered(29, 23)).outcome).toBe("refused");
    expect(assess(evidence(), registered(30)).outcome).toBe("open");
  });

  it("stays refused for a worse reason first: phishing leads", () => {
    const result = assess(
      evidence({ signals: { "auth-dmarc-pass": 4, "threat-phishing": 4 } }),
      registered(3),
    );
    expect(result.refusals.map((refusal) => refusal.code)).toEqual(["phishing", "young-domain"]);
  });

  it("is not refused on age when the age was never checked or the registry gives no date", () => {
    expect(assess(evidence(), { settings: DEFAULT_SETTINGS, now: NOW }).outcome).toBe("open");
    const noDate: RulesContext = {
      settings: DEFAULT_SETTINGS,
      now: NOW,
      domainAge: { domain: "vendor.example", registeredAt: null },
    };
    expect(assess(evidence(), noDate).outcome).toBe("open");
  });
});
