import { readFileSync, readdirSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyzeHeaders } from "../../../src/analysis/analyze";
import { remedyOf, remedySignals, threatsOf } from "../../../src/analysis/remedy";

const PASS_ALL =
  "spf=pass (sender IP is 192.0.2.10) smtp.mailfrom=example.com; dkim=pass (signature was verified) header.d=example.com;dmarc=pass action=none header.from=example.com;compauth=pass reason=100";
const NOTHING_ALIGNED =
  "spf=pass (sender IP is 192.0.2.10) smtp.mailfrom=bounce.mailer.example; dkim=pass (signature was verified) header.d=mailer.example;dmarc=none action=none header.from=example.com;compauth=fail reason=001";

interface Scenario {
  auth?: string;
  forefront: string;
  dest?: string;
  from?: string;
  extra?: string[];
}

/** A small Exchange Online-like header block, topmost first. */
function remedy(scenario: Scenario) {
  const lines = [
    "Received: from mx.example.com (192.0.2.10) by BN1PEPF00004684.mail.protection.outlook.com (10.167.243.89) with Microsoft SMTP Server id 15.20.8182.16; Tue, 17 Nov 2026 08:14:04 +0000",
    `Authentication-Results: ${scenario.auth ?? PASS_ALL}`,
    `From: ${scenario.from ?? "Sender <news@example.com>"}`,
    "Subject: test",
    `X-Forefront-Antispam-Report: ${scenario.forefront}`,
  ];
  if (scenario.dest) {
    lines.push(`X-Microsoft-Antispam-Mailbox-Delivery: ucf:0;jmr:0;auth:0;dest:${scenario.dest};`);
  }
  lines.push(...(scenario.extra ?? []));
  return remedyOf(analyzeHeaders(lines.join("\r\n") + "\r\n\r\n"));
}

const SPAM = "CIP:192.0.2.10;CTRY:US;LANG:en;SCL:5;SRV:;IPV:NLI;SFV:SPM;H:mx.example.com;CAT:SPM;";

describe("threats", () => {
  it.each([
    ["MALW", "malware"],
    ["HPHSH", "high-confidence-phishing"],
    ["PHSH", "phishing"],
    ["INTOS", "intra-org-phishing"],
    ["DIMP", "impersonation"],
    ["BIMP", "impersonation"],
    ["SPOOF", "spoof"],
  ])("CAT:%s is a %s threat: no report of any kind is offered", (cat, kind) => {
    const answer = remedy({ forefront: SPAM.replace("CAT:SPM", `CAT:${cat}`), dest: "J" });
    expect(answer.situation).toBe("threat");
    expect(answer.threat).toBe(kind);
    expect(answer.offers).toEqual({ notSpam: "hidden", trustedSender: false });
    expect(answer.allow).toBe("none");
    expect(answer.fixableBy).toBeNull();
  });

  it("a safety tip for impersonation is a threat even when the category is plain spam", () => {
    const answer = remedy({ forefront: `${SPAM}SFTY:9.20;`, dest: "J" });
    expect(answer.threat).toBe("impersonation");
  });

  it("a forged lower Authentication-Results is a threat only when nothing vouches for the sender", () => {
    const forged =
      "mx.example.com; spf=pass smtp.mailfrom=example.com; dkim=pass header.d=example.com; dmarc=pass header.from=example.com";
    const unvouched = remedy({
      auth: "spf=softfail smtp.mailfrom=example.com; dkim=none; dmarc=none action=none header.from=example.com;compauth=fail reason=001",
      forefront: SPAM,
      extra: [`Authentication-Results: ${forged}`],
    });
    expect(unvouched.threat).toBe("forged-authentication");
    const vouched = remedy({
      forefront: SPAM,
      extra: [`Authentication-Results: ${forged.replace("spf=pass", "spf=neutral")}`],
    });
    expect(vouched.threat).toBeNull();
  });

  it("DMARC fail under the owner's p=reject is a threat, not a setup problem", () => {
    const answer = remedy({
      auth: "spf=fail smtp.mailfrom=example.com; dkim=none; dmarc=fail action=oreject header.from=example.com;compauth=fail reason=000",
      forefront: SPAM,
      extra: [],
    });
    // Exchange writes the policy in a comment or as p=; without it the policy is unknown.
    expect(answer.threat === null || answer.threat === "dmarc-reject").toBe(true);
    const withPolicy = remedy({
      auth: "spf=fail smtp.mailfrom=example.com; dkim=none; dmarc=fail (p=reject sp=reject pct=100) action=oreject header.from=example.com;compauth=fail reason=000",
      forefront: SPAM,
    });
    expect(withPolicy.threat).toBe("dmarc-reject");
  });

  it("names every threat for the service, the most serious first", () => {
    const analysis = analyzeHeaders(
      readFileSync(new URL("../../../samples/phishing-impersonation.eml", import.meta.url), "utf8"),
    );
    expect(threatsOf(analysis)[0]).toBe("impersonation");
    expect(remedySignals(remedyOf(analysis))).toContain("threat-impersonation");
    expect(remedySignals(remedyOf(analysis))).toContain("situation-threat");
  });
});

describe("what an allow can fix", () => {
  it("an authenticated sender junked by the content filter: a sender allow, both reports", () => {
    const answer = remedy({ forefront: SPAM, dest: "J" });
    expect(answer).toMatchObject({
      situation: "filtered",
      allow: "sender",
      fixableBy: "admin",
      offers: { notSpam: "primary", trustedSender: true },
    });
    expect(answer.identity?.via).toBe("dmarc");
  });

  it("bulk from an authenticated sender: a sender allow overrides the bulk verdict (Microsoft's docs)", () => {
    const answer = remedy({
      forefront: SPAM.replace("SRV:;", "SRV:BULK;").replace("CAT:SPM", "CAT:BULK"),
      dest: "J",
    });
    expect(answer).toMatchObject({ situation: "bulk", allow: "sender", fixableBy: "admin" });
    expect(answer.offers.notSpam).toBe("primary");
  });

  it("an implicit composite failure (reason 001) can only be a spoofed-sender pair", () => {
    const answer = remedy({ auth: NOTHING_ALIGNED, forefront: SPAM, dest: "J" });
    expect(answer).toMatchObject({
      situation: "unauthenticated",
      allow: "spoof-pair",
      fixableBy: "sender",
      offers: { notSpam: "primary", trustedSender: false },
    });
  });

  it("an explicit DMARC failure allows nothing, and Not spam is no longer the invited action", () => {
    const answer = remedy({
      auth: "spf=fail smtp.mailfrom=example.com; dkim=none; dmarc=fail action=quarantine header.from=example.com;compauth=fail reason=000",
      forefront: SPAM,
      dest: "J",
    });
    expect(answer.allow).toBe("none");
    expect(answer.offers).toEqual({ notSpam: "secondary", trustedSender: false });
  });

  it("ARC-rescued mail (compauth 130) counts as authenticated, so an allow helps", () => {
    const answer = remedy({
      auth: "spf=fail smtp.mailfrom=lists.example.org; dkim=fail header.d=example.com;dmarc=fail action=none header.from=example.com;compauth=pass reason=130",
      forefront: SPAM,
      dest: "J",
    });
    expect(answer.identity?.via).toBe("arc");
    expect(answer).toMatchObject({ situation: "filtered", allow: "sender", threat: null });
  });

  it("the person's own settings: the person fixes it, an allow would not", () => {
    const answer = remedy({
      forefront:
        "CIP:192.0.2.10;CTRY:US;LANG:en;SCL:1;SRV:;IPV:NLI;SFV:NSPM;H:mx.example.com;CAT:NONE;",
      dest: "J",
    });
    expect(answer).toMatchObject({ situation: "user-settings", fixableBy: "user", allow: "none" });
    expect(answer.offers).toEqual({ notSpam: "secondary", trustedSender: false });
  });

  it("the organisation's block entry: the admin fixes it, an allow would not", () => {
    const answer = remedy({ forefront: SPAM.replace("SFV:SPM", "SFV:SKB"), dest: "J" });
    expect(answer).toMatchObject({ situation: "policy", fixableBy: "admin", allow: "none" });
  });

  it("delivered to the Inbox: no Not spam; Trusted sender only for an authenticated sender", () => {
    const inbox =
      "CIP:192.0.2.10;CTRY:US;LANG:en;SCL:1;SRV:;IPV:NLI;SFV:NSPM;H:mx.example.com;CAT:NONE;";
    expect(remedy({ forefront: inbox, dest: "I" })).toMatchObject({
      situation: "not-junked",
      offers: { notSpam: "hidden", trustedSender: true },
    });
    expect(remedy({ auth: NOTHING_ALIGNED, forefront: inbox, dest: "I" }).offers).toEqual({
      notSpam: "hidden",
      trustedSender: false,
    });
  });

  it.each(["SKS", "SKB"])(
    "SFV:%s but delivered to the Inbox: the mailbox's dest:I is the final folder, nothing to rescue",
    (sfv) => {
      const marked = SPAM.replace("SFV:SPM", `SFV:${sfv}`).replace("SCL:5", "SCL:6");
      const rescued = remedy({
        forefront: marked,
        extra: [
          "X-Microsoft-Antispam-Mailbox-Delivery: ucf:0;jmr:0;auth:0;dest:I;OFR:TrustedSenderList;wl:1;pcwl:1;",
        ],
      });
      expect(rescued).toMatchObject({ situation: "allowed", fixableBy: null, allow: "none" });
      expect(rescued.offers).toEqual({ notSpam: "hidden", trustedSender: false });
      expect(remedy({ forefront: marked, dest: "I" })).toMatchObject({
        situation: "not-junked",
        offers: { notSpam: "hidden", trustedSender: true },
      });
      // In Junk, the organisation's own configuration put it there.
      expect(remedy({ forefront: marked, dest: "J" }).situation).toBe("policy");
    },
  );

  it("allowed by the admin: nothing to report", () => {
    const answer = remedy({
      forefront: SPAM.replace("SFV:SPM", "SFV:SKN").replace("SCL:5", "SCL:-1"),
      dest: "I",
    });
    expect(answer.situation).toBe("allowed");
    expect(answer.offers.notSpam).toBe("hidden");
  });
});

describe("every sample", () => {
  const samples = readdirSync(new URL("../../../samples/", import.meta.url)).filter((file) =>
    file.endsWith(".eml"),
  );

  it.each(samples)(
    "%s: a threat never offers a report; Trusted sender needs an allowable sender",
    (file) => {
      const analysis = analyzeHeaders(
        readFileSync(new URL(`../../../samples/${file}`, import.meta.url), "utf8"),
      );
      const answer = remedyOf(analysis);
      if (answer.threat) expect(answer.offers).toEqual({ notSpam: "hidden", trustedSender: false });
      if (answer.offers.trustedSender) expect(answer.identity).not.toBeNull();
      if (answer.allow === "sender") expect(answer.identity).not.toBeNull();
    },
  );
});

describe("properties", () => {
  const cats = ["SPM", "HSPM", "BULK", "PHSH", "HPHSH", "MALW", "DIMP", "SPOOF", "NONE", "INTOS"];
  const sfvs = ["SPM", "NSPM", "SKN", "SKA", "SFE", "BLK", "SKB", "SKS"];
  const auths = [
    PASS_ALL,
    NOTHING_ALIGNED,
    "spf=fail smtp.mailfrom=example.com; dkim=none; dmarc=fail action=quarantine header.from=example.com;compauth=fail reason=000",
    "spf=fail smtp.mailfrom=lists.example.org; dkim=fail header.d=example.com;dmarc=fail action=none header.from=example.com;compauth=pass reason=130",
  ];

  it("threats never offer a report, and an allow is never proposed where a threat is seen", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...cats),
        fc.constantFrom(...sfvs),
        fc.constantFrom(...auths),
        fc.constantFrom("J", "I", undefined),
        fc.integer({ min: -1, max: 9 }),
        (cat, sfv, auth, dest, scl) => {
          const answer = remedy({
            auth,
            forefront: `CIP:192.0.2.10;SCL:${scl};SRV:;IPV:NLI;SFV:${sfv};CAT:${cat};`,
            dest,
          });
          if (answer.threat !== null) {
            expect(answer.offers.notSpam).toBe("hidden");
            expect(answer.offers.trustedSender).toBe(false);
            expect(answer.allow).toBe("none");
          }
          if (answer.allow === "sender") expect(answer.identity).not.toBeNull();
          if (answer.offers.trustedSender) expect(answer.identity).not.toBeNull();
        },
      ),
      { numRuns: 400 },
    );
  });
});
