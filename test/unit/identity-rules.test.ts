import { describe, expect, it } from "vitest";
import type { SenderEvidence } from "../../server/identity/evidence";
import { identityRefusalFor } from "../../server/identity/validate";
import { assess, ROLL_UP_AT, type RulesContext } from "../../server/proposals/rules";
import { DEFAULT_SETTINGS, withDefaults } from "../../server/proposals/settings";

const NOW = new Date("2026-11-27T12:00:00Z");
const plain: RulesContext = { settings: DEFAULT_SETTINGS, now: NOW };
const tenant = (acceptedDomains: string[], extra: Partial<RulesContext> = {}): RulesContext => ({
  settings: withDefaults({ acceptedDomains }),
  now: NOW,
  ...extra,
});

/** Enough authenticated evidence to open a proposal for `senderKey`. */
function evidence(senderKey: string, overrides: Partial<SenderEvidence> = {}): SenderEvidence {
  return {
    tenantId: "t1",
    senderKey,
    kind: senderKey.includes("@") ? "address" : "domain",
    authenticated: !senderKey.startsWith("unverified:"),
    reporters: 3,
    mailboxes: 2,
    reports: 4,
    notSpam: 4,
    trustedSender: 0,
    signals: { "auth-dmarc-pass": 4, "verdict-junked": 4, "cat-spm": 4 },
    firstSeen: "2026-11-20T09:00:00Z",
    lastSeen: "2026-11-26T09:00:00Z",
    ...overrides,
  };
}

const codes = (e: SenderEvidence, c: RulesContext) => assess(e, c).refusals.map((r) => r.code);

describe("the rules refuse what the identity validation refuses", () => {
  it("opens for a valid authenticated sender (the baseline)", () => {
    expect(assess(evidence("northwind.com"), plain).outcome).toBe("open");
  });
  it("refuses a look-alike of the tenant's own domain, one edit away", () => {
    const result = assess(evidence("c0ntoso.com"), tenant(["contoso.com"]));
    expect(result.outcome).toBe("refused");
    expect(result.refusals.map((r) => r.code)).toEqual(["look-alike"]);
    expect(result.reason).toContain("contoso.com");
    expect(assess(evidence("c0ntoso.com"), plain).outcome).toBe("open");
  });
  it("refuses a look-alike of a domain the tenant already allowed", () => {
    const context = tenant([], { protectedDomains: ["woodgrovebank.com"] });
    expect(codes(evidence("w00dgrovebank.com"), context)).toEqual(["look-alike"]);
    expect(assess(evidence("woodgrovebank.com"), context).outcome).toBe("open");
  });
  it("keeps the tenant's own domain an insight, not a look-alike", () => {
    const result = assess(evidence("mail.contoso.com"), tenant(["contoso.com"]));
    expect(result.outcome).toBe("insight");
    expect(result.refusals).toEqual([]);
  });
  it("refuses on the identity signals reports carry, each under its own code", () => {
    const lookAlike = evidence("unverified:paypa1.com", {
      signals: { "identity-look-alike": 4, "verdict-junked": 4 },
    });
    expect(codes(lookAlike, plain)).toContain("look-alike");
    const literal = evidence("unverified:\\u{5b}203.0.113.7\\u{5d}", {
      signals: { "identity-ip-literal": 4, "verdict-junked": 4 },
    });
    expect(codes(literal, plain)).toContain("invalid-identity");
    expect(codes(literal, plain).filter((c) => c === "invalid-identity")).toHaveLength(1);
  });
  it("never offers a spoofed-sender pair for a look-alike of the tenant's domain", () => {
    const spoofable = evidence("unverified:billing.c0ntoso.com", {
      authenticated: false,
      signals: {
        "compauth-fail": 4,
        "compauth-reason-001": 4,
        "dmarc-none": 4,
        "cat-spoof": 4,
        "spoof-verdict": 4,
        "infra-ptr:mailer.example": 4,
        "verdict-junked": 4,
      },
    });
    expect(assess(spoofable, plain).entry).toMatchObject({ type: "spoof" });
    const result = assess(spoofable, tenant(["contoso.com"]));
    expect(result.outcome).toBe("refused");
    expect(result.entry).toBeNull();
    expect(result.refusals[0]?.code).toBe("look-alike");
  });
  it(`refuses the ${ROLL_UP_AT}th free-mail address, which Microsoft would roll into the whole domain`, () => {
    const alice = evidence("alice@gmail.com");
    const before = assess(alice, { ...plain, sameDomainAddressEntries: ROLL_UP_AT - 2 });
    expect(before.outcome).toBe("open");
    expect(before.warnings.map((w) => w.code)).toContain("roll-up");
    const at = assess(alice, { ...plain, sameDomainAddressEntries: ROLL_UP_AT - 1 });
    expect(at.outcome).toBe("refused");
    expect(at.refusals.map((r) => r.code)).toEqual(["freemail-roll-up"]);
    const company = assess(evidence("bob@northwind.com"), {
      ...plain,
      sameDomainAddressEntries: ROLL_UP_AT - 1,
    });
    expect(company.outcome).toBe("open");
  });
});

describe("identityRefusalFor", () => {
  it("checks the value behind an unverified: key", () => {
    expect(
      identityRefusalFor("unverified:c0ntoso.com", { acceptedDomains: ["contoso.com"] }),
    ).toMatchObject({ code: "look-alike" });
    expect(identityRefusalFor("contoso.com", { acceptedDomains: ["contoso.com"] })).toBeNull();
    expect(identityRefusalFor("alice@gmail.com", {})).toBeNull();
    expect(identityRefusalFor("gmail.com", {})).toMatchObject({ code: "freemail-domain" });
  });
});
