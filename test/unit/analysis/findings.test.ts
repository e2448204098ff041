import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyzeHeaders } from "../../../src/analysis/analyze";
import {
  FINDING_CATALOGUE,
  findingDefinition,
  makeFinding,
  sortFindings,
} from "../../../src/analysis/findings";
import { findingTexts } from "../../../src/analysis/messages";
import type { Finding } from "../../../src/analysis/types";

const PASS_ALL =
  "spf=pass (sender IP is 192.0.2.10) smtp.mailfrom=example.com; dkim=pass (signature was verified) header.d=example.com;dmarc=pass action=none header.from=example.com;compauth=pass reason=100";

interface Scenario {
  auth?: string | null;
  forefront?: string;
  bcl?: number;
  dest?: string;
  from?: string;
  extra?: string[];
  received?: string[];
}

/** A small Exchange Online-like header block, topmost first. */
function headers(scenario: Scenario): string {
  const lines: string[] = [];
  for (const received of scenario.received ?? [
    "from mx.example.com (192.0.2.10) by BN1PEPF00004684.mail.protection.outlook.com (10.167.243.89) with Microsoft SMTP Server id 15.20.8182.16; Tue, 17 Nov 2026 08:14:04 +0000",
  ]) {
    lines.push(`Received: ${received}`);
  }
  if (scenario.auth !== null) lines.push(`Authentication-Results: ${scenario.auth ?? PASS_ALL}`);
  lines.push(`From: ${scenario.from ?? "Sender <news@example.com>"}`);
  lines.push("Subject: test");
  if (scenario.forefront !== undefined)
    lines.push(`X-Forefront-Antispam-Report: ${scenario.forefront}`);
  if (scenario.bcl !== undefined) lines.push(`X-Microsoft-Antispam: BCL:${scenario.bcl};`);
  if (scenario.dest !== undefined)
    lines.push(`X-Microsoft-Antispam-Mailbox-Delivery: ucf:0;jmr:0;auth:0;dest:${scenario.dest};`);
  lines.push(...(scenario.extra ?? []));
  return lines.join("\r\n") + "\r\n\r\n";
}

function findings(scenario: Scenario): Finding[] {
  return analyzeHeaders(headers(scenario)).verdict.findings;
}

function ids(scenario: Scenario): string[] {
  return findings(scenario).map((finding) => finding.id);
}

function find(scenario: Scenario, id: string): Finding {
  const found = findings(scenario).find((finding) => finding.id === id);
  if (!found) throw new Error(`expected finding ${id} in ${ids(scenario).join(", ")}`);
  return found;
}

describe("the catalogue", () => {
  const required = [
    "content-filter-spam-authenticated",
    "high-confidence-spam",
    "spf-fail",
    "spf-softfail",
    "spf-not-aligned",
    "dkim-fail",
    "dkim-not-aligned",
    "dmarc-fail",
    "dmarc-none",
    "compauth-fail",
    "arc-override",
    "bulk-bcl-high",
    "bulk-bcl-elevated",
    "junk-by-user-settings",
    "blocked-sender",
    "policy-blocked",
    "transport-rule-spam",
    "asf-custom-spam",
    "phishing-verdict",
    "malware-verdict",
    "impersonation-domain",
    "impersonation-user",
    "impersonation-mailbox-intelligence",
    "impersonation-brand",
    "spoof-verdict",
    "intra-org-phishing",
    "first-contact",
    "forged-auth-results",
    "slow-delivery",
    "clock-skew",
    "allowed-by-user",
    "allowed-by-policy",
    "released-from-quarantine",
    "no-authentication-results",
    "unreadable-headers",
    "no-transport-headers",
  ];

  it("holds every id other code depends on, once, in kebab case", () => {
    const catalogued = FINDING_CATALOGUE.map((definition) => definition.id);
    expect(new Set(catalogued).size).toBe(catalogued.length);
    for (const id of required) expect(catalogued).toContain(id);
    for (const id of catalogued) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it("gives every finding one plain sentence as its title, in English and German", () => {
    for (const language of ["en", "de"] as const) {
      for (const definition of FINDING_CATALOGUE) {
        const title = findingTexts(language)[definition.id].title;
        expect(title).toMatch(/^[A-ZÄÖÜ].*\.$/);
        expect(title.length).toBeLessThan(160);
      }
    }
  });

  it("tells people not to trust threats, and leaves them for nobody to fix", () => {
    const threats = [
      "phishing-verdict",
      "malware-verdict",
      "impersonation-domain",
      "impersonation-user",
      "impersonation-mailbox-intelligence",
      "impersonation-brand",
      "spoof-verdict",
      "intra-org-phishing",
    ];
    for (const id of threats) {
      const definition = findingDefinition(id)!;
      expect(findingTexts("en")[definition.id].title).toMatch(/^Do not trust this sender/);
      expect(findingTexts("de")[definition.id].title).toMatch(
        /^Vertrauen Sie diesem Absender nicht/,
      );
      expect(definition.fixableBy).toBeNull();
      expect(definition.severity).toBe("error");
    }
  });

  it("says who can fix the causes of a junked message", () => {
    expect(findingDefinition("content-filter-spam-authenticated")!.fixableBy).toBe("admin");
    expect(findingDefinition("junk-by-user-settings")!.fixableBy).toBe("user");
    expect(findingDefinition("blocked-sender")!.fixableBy).toBe("user");
    expect(findingDefinition("policy-blocked")!.fixableBy).toBe("admin");
    expect(findingDefinition("transport-rule-spam")!.fixableBy).toBe("admin");
    expect(findingDefinition("asf-custom-spam")!.fixableBy).toBe("admin");
    expect(findingDefinition("dmarc-fail")!.fixableBy).toBe("sender");
    expect(findingDefinition("first-contact")!.severity).toBe("info");
    expect(findingDefinition("bulk-bcl-elevated")!.severity).toBe("info");
  });

  it("orders findings by severity, then by importance", () => {
    const sorted = sortFindings([
      makeFinding("first-contact", {}),
      makeFinding("compauth-fail", { reason: "001", advice: "sender" }),
      makeFinding("dmarc-fail", { domain: "example.com", policy: null, action: null }),
      makeFinding("phishing-verdict", { cat: "PHSH" }),
      makeFinding("content-filter-spam-authenticated", {
        stamps: ["SFV:SPM"],
        via: "dmarc",
        domain: "example.com",
        compauth: null,
      }),
    ]);
    expect(sorted.map((finding) => finding.id)).toEqual([
      "phishing-verdict",
      "dmarc-fail",
      "content-filter-spam-authenticated",
      "compauth-fail",
      "first-contact",
    ]);
  });

  it("keeps findings that tie in the order they were found", () => {
    const first = makeFinding("compauth-fail", { reason: "001", advice: "sender" });
    const second = makeFinding("compauth-fail", { reason: "601", advice: "sender" });
    const info = makeFinding("first-contact", {});
    expect(sortFindings([info, first, second])).toEqual([first, second, info]);
    expect(sortFindings([info, second, first])).toEqual([second, first, info]);
  });

  it("sorts any list as a stable sort by severity, then catalogue order, would", () => {
    const ids = [...FINDING_CATALOGUE.map((definition) => definition.id), "not-catalogued"];
    const severities = ["error", "warning", "info"] as const;
    const finding = fc
      .record({ id: fc.constantFrom(...ids), severity: fc.constantFrom(...severities) })
      .map(
        ({ id, severity }) => ({ id, severity, title: "", detail: "", fixableBy: null }) as Finding,
      );
    const catalogueIndex = (id: string) => {
      const index = ids.indexOf(id);
      return index === ids.length - 1 ? Number.MAX_SAFE_INTEGER : index;
    };
    const rank = { error: 0, warning: 1, info: 2 };
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 30 }), (findings) => {
        const expected = findings
          .map((item, order) => ({ item, order }))
          .sort(
            (a, b) =>
              rank[a.item.severity] - rank[b.item.severity] ||
              catalogueIndex(a.item.id) - catalogueIndex(b.item.id) ||
              a.order - b.order,
          )
          .map(({ item }) => item);
        const sorted = sortFindings(findings);
        expect(sorted).toHaveLength(expected.length);
        sorted.forEach((item, i) => expect(item).toBe(expected[i]));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("spam verdicts", () => {
  it("calls a content-filter spam verdict on an authenticated sender the classic false positive", () => {
    const finding = find(
      { forefront: "SCL:5;SFV:SPM;CAT:SPM;DIR:INB;", dest: "J" },
      "content-filter-spam-authenticated",
    );
    expect(finding).toMatchObject({ severity: "warning", fixableBy: "admin" });
    expect(finding.detail).toContain("SFV:SPM");
    expect(finding.detail).toContain("example.com");
    expect(ids({ forefront: "SCL:6;SFV:NSPM;" })).toContain("content-filter-spam-authenticated");
  });

  it("does not call it a false positive when authentication failed or a threat was found", () => {
    const compauthFail = PASS_ALL.replace("compauth=pass reason=100", "compauth=fail reason=001");
    const failing = ids({ auth: compauthFail, forefront: "SCL:5;SFV:SPM;" });
    expect(failing).not.toContain("content-filter-spam-authenticated");
    const unaligned = ids({
      auth: "spf=pass smtp.mailfrom=mailer.example.net; dkim=pass header.d=mailer.example.net;dmarc=none action=none header.from=example.com",
      forefront: "SCL:5;SFV:SPM;",
    });
    expect(unaligned).not.toContain("content-filter-spam-authenticated");
    expect(unaligned).toContain("content-filter-spam");
    expect(ids({ forefront: "SCL:5;SFV:SPM;CAT:PHSH;" })).not.toContain(
      "content-filter-spam-authenticated",
    );
  });

  it("finds high-confidence spam by SCL 7-9 or CAT:HSPM", () => {
    expect(ids({ forefront: "SCL:9;SFV:SPM;CAT:HSPM;" })).toContain("high-confidence-spam");
    expect(ids({ forefront: "SCL:5;SFV:SPM;CAT:HSPM;" })).toContain("high-confidence-spam");
    expect(ids({ forefront: "SCL:5;SFV:SPM;CAT:SPM;" })).not.toContain("high-confidence-spam");
  });

  it("explains SFV:NSPM with dest:J as the user's own settings", () => {
    const finding = find(
      { forefront: "SCL:1;SFV:NSPM;CAT:NONE;", dest: "J" },
      "junk-by-user-settings",
    );
    expect(finding.fixableBy).toBe("user");
    expect(ids({ forefront: "SCL:1;SFV:NSPM;", dest: "I" })).not.toContain("junk-by-user-settings");
  });

  it.each([
    ["BLK", "blocked-sender", "user"],
    ["SKB", "policy-blocked", "admin"],
    ["SKS", "transport-rule-spam", "admin"],
    ["SFE", "allowed-by-user", "user"],
    ["SKA", "allowed-by-policy", "admin"],
    ["SKN", "allowed-by-policy", "admin"],
    ["SKQ", "released-from-quarantine", "admin"],
  ])("SFV:%s -> %s", (sfv, id, fixableBy) => {
    const finding = find({ forefront: `SCL:6;SFV:${sfv};` }, id);
    expect(finding.fixableBy).toBe(fixableBy);
    expect(finding.detail).toContain(`SFV:${sfv}`);
  });

  it("reads IPV:CAL as allowed by policy", () => {
    expect(find({ forefront: "SCL:-1;SFV:SKI;IPV:CAL;" }, "allowed-by-policy").detail).toContain(
      "IPV:CAL",
    );
  });

  it("does not repeat a generic spam verdict when a rule or a block list explains it", () => {
    for (const sfv of ["BLK", "SKB", "SKS"]) {
      const found = ids({ forefront: `SCL:9;SFV:${sfv};` });
      expect(found).not.toContain("content-filter-spam-authenticated");
      expect(found).not.toContain("high-confidence-spam");
    }
  });

  it("routes X-CustomSpam to the admin and says it cannot be reported to Microsoft", () => {
    const finding = find(
      { forefront: "SCL:5;SFV:SPM;", extra: ["X-CustomSpam: Image links to remote sites"] },
      "asf-custom-spam",
    );
    expect(finding.fixableBy).toBe("admin");
    expect(finding.detail).toContain("Image links to remote sites");
    expect(finding.detail).toMatch(/cannot be reported to Microsoft/);
    expect(finding.detail).toMatch(/turning .* off/);
  });
});

describe("bulk", () => {
  it("flags BCL at or over 7, and names the Standard and Strict thresholds", () => {
    const finding = find(
      { forefront: "SCL:6;SFV:SPM;SRV:BULK;CAT:BULK;", bcl: 7 },
      "bulk-bcl-high",
    );
    expect(finding.detail).toContain("BCL 7");
    expect(finding.detail).toMatch(/Standard/);
    expect(finding.detail).toMatch(/Strict/);
    expect(ids({ forefront: "SCL:6;SFV:SPM;SRV:BULK;", bcl: 7 })).not.toContain(
      "content-filter-spam-authenticated",
    );
  });

  it("flags SRV:BULK even under BCL 7 (a stricter policy)", () => {
    expect(ids({ forefront: "SCL:6;SFV:SPM;SRV:BULK;", bcl: 5 })).toContain("bulk-bcl-high");
  });

  it("notes BCL 4-6 as elevated, for information", () => {
    const finding = find({ forefront: "SCL:1;SFV:NSPM;", bcl: 5 }, "bulk-bcl-elevated");
    expect(finding.severity).toBe("info");
    expect(ids({ forefront: "SCL:1;SFV:NSPM;", bcl: 3 })).not.toContain("bulk-bcl-elevated");
  });
});

describe("threats", () => {
  it.each([
    ["CAT:PHSH", "phishing-verdict"],
    ["CAT:HPHSH", "phishing-verdict"],
    ["CAT:HPHISH", "phishing-verdict"],
    ["CAT:MALW", "malware-verdict"],
    ["CAT:AMP", "malware-verdict"],
    ["CAT:FTBP", "malware-verdict"],
    ["CAT:SAP", "malware-verdict"],
    ["CAT:DIMP", "impersonation-domain"],
    ["SFTY:9.19", "impersonation-domain"],
    ["CAT:UIMP", "impersonation-user"],
    ["SFTY:9.20", "impersonation-user"],
    ["CAT:GIMP", "impersonation-mailbox-intelligence"],
    ["CAT:BIMP", "impersonation-brand"],
    ["CAT:SPOOF", "spoof-verdict"],
    ["CAT:INTOS", "intra-org-phishing"],
  ])("%s -> %s, do not trust", (stamp, id) => {
    const finding = find({ forefront: `SCL:5;SFV:SPM;${stamp};` }, id);
    expect(finding.title).toContain("Do not trust this sender");
    expect(finding.fixableBy).toBeNull();
    expect(finding.severity).toBe("error");
  });

  it("notes first contact (SFTY:9.25) for information", () => {
    expect(find({ forefront: "SCL:1;SFV:NSPM;SFTY:9.25;" }, "first-contact").severity).toBe("info");
  });
});

describe("authentication", () => {
  const spfOnly = (result: string) =>
    `spf=${result} (sender IP is 192.0.2.10) smtp.mailfrom=example.com; dkim=none (message not signed) header.d=none;dmarc=fail action=none header.from=example.com;compauth=fail reason=000`;

  it("reads SPF failures", () => {
    expect(ids({ auth: spfOnly("fail") })).toContain("spf-fail");
    expect(ids({ auth: spfOnly("softfail") })).toContain("spf-softfail");
    expect(ids({ auth: spfOnly("permerror") })).toContain("spf-error");
    const dmarcError =
      "spf=pass smtp.mailfrom=example.com; dmarc=permerror action=permerror header.from=example.com";
    expect(find({ auth: dmarcError }, "dmarc-error").detail).toMatch(/broken/);
    expect(ids({ auth: spfOnly("fail") })).toContain("dmarc-fail");
  });

  it("reads misaligned SPF and DKIM only when nothing aligned passed", () => {
    const misaligned =
      "spf=pass smtp.mailfrom=em1.mailer.example.net; dkim=pass header.d=mailer.example.net;dmarc=none action=none header.from=example.com;compauth=fail reason=001";
    const found = ids({ auth: misaligned });
    expect(found).toContain("spf-not-aligned");
    expect(found).toContain("dkim-not-aligned");
    expect(found).toContain("dmarc-none");
    const rescued =
      "spf=pass smtp.mailfrom=em1.mailer.example.net; dkim=pass header.d=example.com;dmarc=pass action=none header.from=example.com;compauth=pass reason=100";
    expect(ids({ auth: rescued })).not.toContain("spf-not-aligned");
  });

  it("reads a DKIM failure unless another signature passed", () => {
    const failed =
      "spf=pass smtp.mailfrom=example.com; dkim=fail (body hash did not verify) header.d=example.com;dmarc=pass action=none header.from=example.com";
    expect(find({ auth: failed }, "dkim-fail").detail).toContain("dkim=fail (d=example.com)");
    const mixed =
      "spf=pass smtp.mailfrom=example.com; dkim=fail header.d=example.com;dkim=pass header.d=example.com;dmarc=pass action=none header.from=example.com";
    expect(ids({ auth: mixed })).not.toContain("dkim-fail");
    const timeout = "dkim=timeout header.d=example.com;dmarc=fail header.from=example.com";
    expect(find({ auth: timeout }, "dkim-fail").detail).toMatch(/temporary/);
  });

  it("reads DMARC none and bestguesspass as no policy", () => {
    for (const result of ["none", "bestguesspass"]) {
      const auth = `spf=pass smtp.mailfrom=example.com; dmarc=${result} action=none header.from=example.com`;
      expect(find({ auth }, "dmarc-none").detail).toContain(`dmarc=${result}`);
    }
  });

  it("gives a DMARC failure its action and policy", () => {
    const auth =
      "spf=fail smtp.mailfrom=example.com; dmarc=fail action=oreject p=reject header.from=example.com";
    const finding = find({ auth }, "dmarc-fail");
    expect(finding.detail).toContain("oreject");
    expect(finding.detail).toContain("p=reject");
  });

  it.each([
    ["000", "sender", /Explicit failure/],
    ["001", "sender", /Implicit failure/],
    ["002", "admin", /explicitly prohibits/],
    ["010", "admin", /organisation's own domains/],
    ["601", "admin", /organisation's own domains/],
  ])("explains compauth=fail reason=%s", (reason, fixableBy, meaning) => {
    const auth = `spf=none smtp.mailfrom=example.com; dmarc=none header.from=example.com;compauth=fail reason=${reason}`;
    const finding = find({ auth }, "compauth-fail");
    expect(finding.fixableBy).toBe(fixableBy);
    expect(finding.detail).toMatch(meaning);
    expect(finding.detail).toContain(`reason=${reason}`);
  });

  it("explains compauth reason 130 as a trusted ARC sealer's rescue", () => {
    const auth =
      "spf=fail smtp.mailfrom=example.com; dkim=fail header.d=example.com;dmarc=fail action=none header.from=example.com;compauth=pass reason=130";
    const finding = find({ auth }, "arc-override");
    expect(finding.detail).toMatch(/ARC/);
    expect(finding.detail).toContain("On arrival: spf=fail, dkim=fail, dmarc=fail.");
    const found = ids({ auth });
    for (const alarm of ["dmarc-fail", "dkim-fail", "spf-fail"]) expect(found).not.toContain(alarm);
  });

  it("reports a forged Authentication-Results below the trusted one", () => {
    const trusted =
      "spf=softfail smtp.mailfrom=example.com; dkim=none header.d=none;dmarc=fail action=none header.from=example.com;compauth=fail reason=000";
    const finding = find(
      {
        auth: trusted,
        extra: [
          "Authentication-Results: mx.example.com; dkim=pass header.d=example.com; dmarc=pass header.from=example.com",
        ],
      },
      "forged-auth-results",
    );
    expect(finding.detail).toContain("mx.example.com");
    expect(finding.detail).toContain("dkim=pass, dmarc=pass");
  });

  it("says when there are no authentication results", () => {
    expect(ids({ auth: null })).toContain("no-authentication-results");
    expect(ids({})).not.toContain("no-authentication-results");
    expect(find({ auth: "example.org 1; none" }, "no-authentication-results").detail).toContain(
      'says "none"',
    );
  });
});

describe("coverage and delivery", () => {
  it("says when there are no transport headers at all (Sent Items, subject-only)", () => {
    for (const raw of ["", "Subject: hello\r\n", "\r\n"]) {
      const found = analyzeHeaders(raw).verdict.findings.map((finding) => finding.id);
      expect(found).toContain("no-transport-headers");
      expect(found).not.toContain("no-authentication-results");
    }
  });

  it("lists the lines that could not be read", () => {
    const raw = headers({ extra: ["this line is not a header", "X-Ok: fine"] });
    const finding = analyzeHeaders(raw).verdict.findings.find(
      (candidate) => candidate.id === "unreadable-headers",
    );
    expect(finding?.detail).toContain("this line is not a header");
  });

  it("names the slow hop, and notes clock skew", () => {
    const received = [
      "from b.example.net (b.example.net [198.51.100.2]) by c.example.com with ESMTPS id 3; Tue, 17 Nov 2026 09:00:00 +0000",
      "from a.example.org (a.example.org [192.0.2.1]) by b.example.net with ESMTP id 2; Tue, 17 Nov 2026 08:10:00 +0000",
      "from origin.example.org ([192.0.2.9]) by a.example.org with ESMTP id 1; Tue, 17 Nov 2026 08:12:00 +0000",
    ];
    const found = findings({ received });
    const slow = found.find((finding) => finding.id === "slow-delivery");
    expect(slow?.detail).toContain("c.example.com");
    expect(slow?.detail).toContain("50 min");
    const skew = found.find((finding) => finding.id === "clock-skew");
    expect(skew?.detail).toContain("b.example.net");
    expect(skew?.severity).toBe("info");
  });
});

describe("details stay readable", () => {
  it("cuts hostile header text short", () => {
    const finding = find(
      { forefront: "SCL:5;SFV:SPM;", extra: [`X-CustomSpam: ${"<b>x</b>".repeat(5_000)}`] },
      "asf-custom-spam",
    );
    expect(finding.detail.length).toBeLessThan(600);
  });

  it("explains missing authentication on internal mail", () => {
    const finding = find(
      { auth: null, extra: ["X-MS-Exchange-Organization-AuthAs: Internal"] },
      "no-authentication-results",
    );
    expect(finding.detail).toMatch(/inside your organisation/);
  });
});

describe("reply-to-differs", () => {
  it("warns when replies would go to another organisation", () => {
    const finding = find(
      { forefront: "SFV:NSPM;SCL:1;", extra: ["Reply-To: <billing@payments-desk.example>"] },
      "reply-to-differs",
    );
    expect(finding.severity).toBe("warning");
    expect(finding.detail).toContain("payments-desk.example");
  });

  it("stays quiet for a Reply-To in the sender's own organisation", () => {
    expect(
      ids({ forefront: "SFV:NSPM;SCL:1;", extra: ["Reply-To: <help@support.example.com>"] }),
    ).not.toContain("reply-to-differs");
  });
});
