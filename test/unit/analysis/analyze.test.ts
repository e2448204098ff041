import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import {
  FINDING_CATALOGUE,
  SFV_MEANINGS,
  analyzeHeaders,
  authenticatedSender,
  compauthMeaning,
  headerAnalysisSchema,
} from "../../../src/analysis/index";

const AZURE = readFileSync(
  new URL("../../../samples/azure-service-notice.eml", import.meta.url),
  "utf8",
);

const EXO_AUTH =
  "spf=pass (sender IP is 192.0.2.10) smtp.mailfrom=bounce.example.com; dkim=pass (signature was verified) header.d=example.com;dmarc=pass action=none header.from=example.com;compauth=pass reason=100";

function block(...lines: string[]): string {
  return lines.join("\r\n") + "\r\n\r\n";
}

describe("analyzeHeaders", () => {
  it("returns exactly the contract's object", () => {
    const analysis = analyzeHeaders(AZURE);
    expect(headerAnalysisSchema.parse(analysis)).toEqual(analysis);
    expect(analysis.schema).toBe("vouch.analysis/1");
    expect(Object.keys(analysis).sort()).toEqual(
      [
        "antispam",
        "auth",
        "gatewayInFront",
        "gateways",
        "hops",
        "message",
        "schema",
        "verdict",
      ].sort(),
    );
  });

  it("fills auth from the trusted header, with alignment and the compauth meaning", () => {
    const analysis = analyzeHeaders(
      block(
        `Authentication-Results: ${EXO_AUTH}`,
        "DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=selector1; h=From; bh=x; b=y",
        "From: News <news@example.com>",
      ),
    );
    expect(analysis.auth.source).toEqual({
      header: EXO_AUTH,
      authservId: null,
      headers: [EXO_AUTH],
    });
    expect(analysis.auth.spf).toEqual({
      result: "pass",
      domain: "bounce.example.com",
      aligned: true,
    });
    expect(analysis.auth.dkim).toEqual([
      { result: "pass", domain: "example.com", selector: "selector1", aligned: true },
    ]);
    expect(analysis.auth.dmarc).toEqual({
      result: "pass",
      domain: "example.com",
      action: "none",
      policy: null,
    });
    expect(analysis.auth.compauth).toEqual({
      result: "pass",
      reason: "100",
      meaning: compauthMeaning("pass", "100"),
    });
    expect(analysis.auth.compauth?.meaning).toMatch(/confirmed/);
  });

  it("aligns against the From header when DMARC gives no header.from", () => {
    const analysis = analyzeHeaders(
      block(
        "Authentication-Results: mx.example.net; spf=pass smtp.mailfrom=a@mail.example.org; dkim=pass header.d=other.example header.s=s1",
        "From: a@example.org",
      ),
    );
    expect(analysis.auth.spf?.aligned).toBe(true);
    expect(analysis.auth.dkim[0]).toMatchObject({ aligned: false, selector: "s1" });
    expect(analysis.auth.dmarc).toBeNull();
  });

  it("leaves alignment unknown when the From domain is unknown", () => {
    const analysis = analyzeHeaders(
      block("Authentication-Results: mx.example.net; spf=pass smtp.mailfrom=example.org"),
    );
    expect(analysis.auth.spf?.aligned).toBeNull();
  });

  it("reads the SPF domain from smtp.helo when there is no smtp.mailfrom", () => {
    const analysis = analyzeHeaders(
      block("Authentication-Results: mx.example.net; spf=none smtp.helo=mta.example.org"),
    );
    expect(analysis.auth.spf?.domain).toBe("mta.example.org");
  });

  it("reads the DMARC policy from p=, policy.* or Google's comment", () => {
    const policyOf = (auth: string) =>
      analyzeHeaders(block(`Authentication-Results: ${auth}`)).auth.dmarc?.policy;
    expect(policyOf("mx.example.net; dmarc=fail p=REJECT header.from=a.example")).toBe("reject");
    expect(
      policyOf(
        "mx.example.net; dmarc=fail policy.published-domain-policy=quarantine header.from=a.example",
      ),
    ).toBe("quarantine");
    expect(
      policyOf("mx.google.com; dmarc=pass (p=NONE sp=QUARANTINE dis=NONE) header.from=a.example"),
    ).toBe("none");
    expect(policyOf("dmarc=pass action=none header.from=a.example")).toBeNull();
  });

  it("treats Exchange Online's header.d=none as no signing domain", () => {
    const analysis = analyzeHeaders(
      block(
        "Authentication-Results: dkim=none (message not signed) header.d=none;dmarc=none action=none header.from=a.example",
        "From: x@a.example",
      ),
    );
    expect(analysis.auth.dkim).toEqual([
      { result: "none", domain: null, selector: null, aligned: null },
    ]);
  });

  it("honours trusted authserv-ids", () => {
    const raw = block(
      "Authentication-Results: relay.example.net; spf=pass smtp.mailfrom=a.example; dmarc=pass header.from=a.example",
      "Authentication-Results: mx.contoso.example; spf=fail smtp.mailfrom=a.example; dmarc=fail header.from=a.example",
      "From: x@a.example",
    );
    expect(analyzeHeaders(raw).auth.source?.authservId).toBe("relay.example.net");
    const trusted = analyzeHeaders(raw, { trustedAuthservIds: ["mx.contoso.example"] });
    expect(trusted.auth.source?.authservId).toBe("mx.contoso.example");
    expect(trusted.auth.dmarc?.result).toBe("fail");
    expect(trusted.verdict.findings.map((finding) => finding.id)).toContain("forged-auth-results");
    expect(authenticatedSender(trusted)).toBeNull();
  });

  it("takes ARC from the highest-instance ARC-Authentication-Results", () => {
    const analysis = analyzeHeaders(
      block(
        `Authentication-Results: ${EXO_AUTH}`,
        "ARC-Authentication-Results: i=2; mx.microsoft.com 1; arc=pass (0 oda=1 ltdi=1)",
        "ARC-Authentication-Results: i=1; lists.example.org; arc=none",
      ),
    );
    expect(analysis.auth.arc).toEqual({ result: "pass" });
  });

  it("reads the message fields through the primitives", () => {
    const analysis = analyzeHeaders(
      block(
        "Subject: =?utf-8?Q?Caf=C3=A9_menu?=",
        "Message-ID: <abc@example.com>",
        "Date: Tue, 17 Nov 2026 09:14:06 +0100",
        'From: "Café" <cafe@Example.COM>',
        "Reply-To: replies@example.org",
        "Return-Path: <bounce@example.net>",
      ),
    );
    expect(analysis.message).toEqual({
      subject: "Café menu",
      messageId: "<abc@example.com>",
      date: "2026-11-17T08:14:06.000Z",
      from: { address: "cafe@Example.COM", name: "Café", domain: "example.com" },
      replyTo: { address: "replies@example.org", name: null, domain: "example.org" },
      returnPath: "bounce@example.net",
    });
  });

  it("gives null, never an empty string, for absent or empty fields", () => {
    const analysis = analyzeHeaders(
      block("Subject:", "Received: from a by b; Tue, 17 Nov 2026 08:00:00 +0000"),
    );
    expect(analysis.message.subject).toBeNull();
    expect(analysis.message.messageId).toBeNull();
    expect(analysis.message.from).toBeNull();
  });

  it("builds hops from every Received header, oldest first", () => {
    const analysis = analyzeHeaders(AZURE);
    expect(analysis.hops.length).toBeGreaterThanOrEqual(5);
    expect(analysis.hops[0]!.index).toBe(1);
    expect(analysis.hops.at(-1)!.by).toMatch(/^SA1PR11MB\d+\.namprd11\.prod\.outlook\.com$/);
  });

  it("stops at the first empty line of a whole .eml", () => {
    const analysis = analyzeHeaders(
      block("Subject: real", "From: a@example.com") +
        "Subject: body text\r\nX-Forefront-Antispam-Report: SFV:SPM;SCL:9;\r\n",
    );
    expect(analysis.antispam.sfv).toBeNull();
    expect(analysis.message.subject).toBe("real");
  });

  it("accepts LF and mixed line endings", () => {
    const lf = AZURE.replace(/\r\n/g, "\n");
    expect(analyzeHeaders(lf)).toEqual(analyzeHeaders(AZURE));
  });

  it("emits only catalogued findings", () => {
    const catalogued = new Set<string>(FINDING_CATALOGUE.map((definition) => definition.id));
    for (const finding of analyzeHeaders(AZURE).verdict.findings) {
      expect(catalogued.has(finding.id)).toBe(true);
    }
  });

  it("exports the meaning tables", () => {
    expect(SFV_MEANINGS.en.NSPM).toMatch(/not spam/);
    expect(SFV_MEANINGS.de.NSPM).toMatch(/kein Spam/);
  });
});

describe("never throws", () => {
  it("turns a part that throws into nulls and an analysis-incomplete finding", async () => {
    const boom = () => {
      throw new Error("boom");
    };
    vi.resetModules();
    vi.doMock("../../../src/analysis/addresses", () => ({
      parseAddressList: boom,
      parseMailbox: boom,
      parseReturnPath: boom,
    }));
    vi.doMock("../../../src/analysis/received", () => ({ buildHops: boom }));
    try {
      const { analyzeHeaders: isolated } = await import("../../../src/analysis/analyze");
      const result = isolated(AZURE);
      expect(headerAnalysisSchema.safeParse(result).success).toBe(true);
      expect(result.message.from).toBeNull();
      expect(result.message.returnPath).toBeNull();
      expect(result.message.subject).toMatch(/^Action required/);
      expect(result.hops).toEqual([]);
      expect(result.auth.dmarc?.result).toBe("pass");
      const incomplete = result.verdict.findings.find(
        (finding) => finding.id === "analysis-incomplete",
      );
      expect(incomplete?.detail).toContain("from");
      expect(incomplete?.detail).toContain("received hops");
    } finally {
      vi.doUnmock("../../../src/analysis/addresses");
      vi.doUnmock("../../../src/analysis/received");
      vi.resetModules();
    }
  });

  it("analyses non-strings and hostile shapes without throwing", () => {
    const hostile = [
      "",
      "\u0000\u0001",
      ":",
      "   folded continuation first",
      "Authentication-Results: " + "(".repeat(10_000),
      "Authentication-Results: " + '"'.repeat(9_999),
      "X-Forefront-Antispam-Report: " + ";".repeat(10_000),
      "Received: " + "from ".repeat(10_000),
      "From: " + "<".repeat(10_000),
      "X-Microsoft-Antispam-Mailbox-Delivery: dest",
    ];
    for (const raw of hostile) {
      const analysis = analyzeHeaders(raw);
      expect(headerAnalysisSchema.safeParse(analysis).success).toBe(true);
    }
    expect(
      headerAnalysisSchema.safeParse(analyzeHeaders(undefined as unknown as string)).success,
    ).toBe(true);
  });

  const fragment = fc.constantFrom(
    "Authentication-Results: ",
    "ARC-Authentication-Results: i=",
    "X-Forefront-Antispam-Report: ",
    "X-Microsoft-Antispam: BCL:",
    "X-MS-Exchange-Organization-SCL: ",
    "X-Microsoft-Antispam-Mailbox-Delivery: dest:",
    "Received: from ",
    "From: ",
    "Subject: =?utf-8?B?",
    "spf=",
    "dkim=",
    "dmarc=",
    "compauth=fail reason=",
    "header.from=",
    ";",
    "(",
    ")",
    '"',
    "\\",
    "=",
    ":",
    "\r\n",
    "\r\n ",
    "\n",
    "SFV:SPM;",
    "CAT:PHSH;",
    "SCL:9;",
  );
  const headerText = fc
    .array(fc.oneof(fragment, fc.string({ maxLength: 12 })), { maxLength: 60 })
    .map((parts) => parts.join(""));

  it("returns a valid analysis for any input", () => {
    fc.assert(
      fc.property(
        headerText,
        fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
        (raw, ids) => {
          const analysis = analyzeHeaders(raw, { trustedAuthservIds: ids });
          const parsed = headerAnalysisSchema.safeParse(analysis);
          if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
          JSON.stringify(analysis);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("returns a valid analysis for arbitrary unicode", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), (raw) => {
        expect(headerAnalysisSchema.safeParse(analyzeHeaders(raw)).success).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe("compauth meaning", () => {
  it("does not repeat itself for an ordinary pass, and explains documented codes", () => {
    expect(compauthMeaning("pass", "109")).toBe(
      "Microsoft's composite authentication confirmed the sender's domain (reason 109).",
    );
    expect(compauthMeaning("pass", "130")).toMatch(/trusted ARC sealer/);
    expect(compauthMeaning("fail", "001")).toMatch(/Implicit failure/);
    expect(compauthMeaning("fail", "601")).toMatch(/organisation's own domains/);
    expect(compauthMeaning("none", "401")).toMatch(/bypassed/);
    expect(compauthMeaning("softpass", null)).toMatch(/soft-passed/);
    expect(compauthMeaning("weird", "xyz")).toBe(
      'Microsoft\'s composite authentication returned "weird" (reason xyz).',
    );
  });
});
