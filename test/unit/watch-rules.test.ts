import { describe, expect, it } from "vitest";
import type { SenderEvidence } from "../../server/identity/evidence";
import { assess, type RulesContext } from "../../server/proposals/rules";
import { DEFAULT_SETTINGS } from "../../server/proposals/settings";

const NOW = new Date("2026-12-04T09:00:00Z");
const critical: RulesContext = {
  settings: DEFAULT_SETTINGS,
  now: NOW,
  critical: { label: "GitHub" },
};

/** One person's one report of `senderKey`, DMARC-authenticated unless told otherwise. */
function firstReport(overrides: Partial<SenderEvidence> = {}): SenderEvidence {
  return {
    tenantId: "t1",
    senderKey: "github.com",
    kind: "domain",
    authenticated: true,
    reporters: 1,
    mailboxes: 1,
    reports: 1,
    notSpam: 1,
    trustedSender: 0,
    signals: { "auth-dmarc-pass": 1, "verdict-junked": 1, "cat-spm": 1 },
    firstSeen: "2026-12-04T08:00:00Z",
    lastSeen: "2026-12-04T08:00:00Z",
    ...overrides,
  };
}

describe("a critical sender's fast track", () => {
  it("opens on the first authenticated report, saying why", () => {
    const result = assess(firstReport(), critical);
    expect(result.outcome).toBe("open");
    expect(result.entry).toEqual({ type: "sender", kind: "domain", value: "github.com" });
    expect(result.progress.reporters).toEqual({ have: 1, need: 1 });
    expect(result.warnings[0]?.code).toBe("critical-fast-track");
    expect(result.warnings[0]?.message).toContain("GitHub");
    // The same evidence of an ordinary sender keeps collecting.
    expect(assess(firstReport(), { ...critical, critical: null }).outcome).toBe("collecting");
  });

  it("never opens for an unverified key, whatever the context claims", () => {
    const forged = firstReport({
      senderKey: "unverified:github.com",
      authenticated: false,
      signals: { "dmarc-fail": 1, "verdict-junked": 1 },
    });
    const result = assess(forged, critical);
    expect(result.outcome).toBe("refused");
    expect(result.warnings.map((warning) => warning.code)).not.toContain("critical-fast-track");
  });

  it("still refuses threats and look-alikes from a critical sender's key", () => {
    const phish = firstReport({ signals: { "auth-dmarc-pass": 1, "threat-phishing": 1 } });
    expect(assess(phish, critical).outcome).toBe("refused");
    const lookAlike = firstReport({ senderKey: "xn--gthub-n4a.com" });
    expect(assess(lookAlike, critical).outcome).toBe("refused");
  });

  it("does not open when nothing in the reports passed authentication", () => {
    const unvouched = firstReport({ signals: { "verdict-junked": 1 } });
    expect(assess(unvouched, critical).outcome).toBe("refused");
  });
});
