import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  analyzeHeaders,
  authenticatedSender,
  headerAnalysisSchema,
} from "../../../src/analysis/index";
import type { HeaderAnalysis } from "../../../src/analysis/index";

const SAMPLES = new URL("../../../samples/", import.meta.url);

interface CatalogEntry {
  id: string;
  file: string;
  title: string;
  story: string;
}

const catalog = JSON.parse(
  readFileSync(new URL("catalog.json", SAMPLES), "utf8"),
) as CatalogEntry[];

function raw(id: string): string {
  return readFileSync(new URL(`${id}.eml`, SAMPLES), "utf8");
}

function analysis(id: string): HeaderAnalysis {
  return analyzeHeaders(raw(id));
}

function ids(result: HeaderAnalysis): string[] {
  return result.verdict.findings.map((finding) => finding.id);
}

describe("the sample catalogue", () => {
  it("lists every .eml in the folder once, with a title and a story", () => {
    const files = readdirSync(SAMPLES).filter((name) => name.endsWith(".eml"));
    expect(catalog.map((entry) => entry.file).sort()).toEqual(files.sort());
    for (const entry of catalog) {
      expect(entry.file).toBe(`${entry.id}.eml`);
      expect(entry.title.length).toBeGreaterThan(10);
      expect(entry.story.length).toBeGreaterThan(80);
    }
    expect(catalog.map((entry) => entry.id)).toEqual(
      expect.arrayContaining([
        "azure-service-notice",
        "vendor-invoice-compauth",
        "bulk-newsletter",
        "user-settings-nspm",
        "phishing-impersonation",
        "forged-auth-results",
        "blocked-sender",
        "hostile-display",
        "mailing-list-arc",
        "asf-image-links",
      ]),
    );
  });

  it.each(catalog.map((entry) => entry.id))(
    "%s is a realistic 8-12 KB Exchange Online block that analyses cleanly",
    (id) => {
      const text = raw(id);
      expect(text.length).toBeGreaterThanOrEqual(8 * 1024);
      expect(text.length).toBeLessThanOrEqual(12 * 1024);
      expect(text).toContain("with Microsoft SMTP Server (version=TLS1_2");
      expect(text).toContain("2603:10b6:");
      for (const name of [
        "X-Forefront-Antispam-Report:",
        "X-Microsoft-Antispam:",
        "X-Microsoft-Antispam-Message-Info:",
        "X-MS-Exchange-Organization-SCL:",
        "X-Microsoft-Antispam-Mailbox-Delivery:",
      ]) {
        expect(text).toContain(name);
      }
      const result = analyzeHeaders(text);
      expect(headerAnalysisSchema.safeParse(result).success).toBe(true);
      expect(ids(result)).not.toContain("unreadable-headers");
      expect(ids(result)).not.toContain("analysis-incomplete");
      expect(result.auth.source).not.toBeNull();
      expect(result.hops.length).toBeGreaterThanOrEqual(4);
      expect(result.hops.every((hop) => hop.date !== null)).toBe(true);
      expect(result.antispam.connectingIp).not.toBeNull();
      expect(result.message.from).not.toBeNull();
    },
  );
});

describe("each sample tells its story", () => {
  it("azure-service-notice: Microsoft 365 junked Azure's own, fully authenticated mail", () => {
    const result = analysis("azure-service-notice");
    expect(result.message.from?.address).toBe("azure-noreply@microsoft.com");
    expect(result.auth.spf).toMatchObject({ result: "pass", aligned: true });
    expect(result.auth.dkim[0]).toMatchObject({
      result: "pass",
      domain: "microsoft.com",
      aligned: true,
    });
    expect(result.auth.dmarc).toMatchObject({ result: "pass", domain: "microsoft.com" });
    expect(result.auth.compauth).toMatchObject({ result: "pass", reason: "100" });
    expect(result.antispam).toMatchObject({ sfv: "SPM", scl: 5 });
    expect(result.antispam.mailboxDelivery?.dest).toBe("J");
    expect(result.verdict.junked).toBe(true);
    expect(authenticatedSender(result)).toMatchObject({ domain: "microsoft.com", via: "dmarc" });
    expect(ids(result)[0]).toBe("content-filter-spam-authenticated");
    // The sending tenant's -Untrusted stamps (SFV:NSPM, SCL 1) are mentioned, never used.
    expect(ids(result)).toContain("sender-tenant-stamps-ignored");
  });

  it("vendor-invoice-compauth: nothing aligned, no DMARC, compauth=fail reason=001", () => {
    const result = analysis("vendor-invoice-compauth");
    expect(result.message.subject).toBe("Invoice INV-2026-1142 – payment due 30 November");
    expect(result.auth.spf).toMatchObject({
      result: "pass",
      domain: "em1234.mailer.example.net",
      aligned: false,
    });
    expect(result.auth.dkim).toEqual([
      { result: "pass", domain: "mailer.example.net", selector: "s1", aligned: false },
    ]);
    expect(result.auth.dmarc?.result).toBe("none");
    expect(result.auth.compauth).toMatchObject({ result: "fail", reason: "001" });
    expect(result.antispam.scl).toBe(5);
    expect(authenticatedSender(result)).toBeNull();
    const found = ids(result);
    for (const id of ["compauth-fail", "spf-not-aligned", "dkim-not-aligned", "dmarc-none"]) {
      expect(found).toContain(id);
    }
    expect(found).not.toContain("content-filter-spam-authenticated");
    const compauth = result.verdict.findings.find((finding) => finding.id === "compauth-fail");
    expect(compauth?.fixableBy).toBe("sender");
    expect(compauth?.detail).toMatch(/Implicit failure/);
  });

  it("bulk-newsletter: authenticated, BCL 7 and SRV:BULK", () => {
    const result = analysis("bulk-newsletter");
    expect(result.antispam).toMatchObject({ bcl: 7, srv: "BULK", scl: 6 });
    expect(result.auth.dkim.map((signature) => signature.domain)).toEqual([
      "news.example.org",
      "esp.example.net",
    ]);
    expect(authenticatedSender(result)?.domain).toBe("news.example.org");
    expect(result.verdict.junked).toBe(true);
    expect(ids(result)).toContain("bulk-bcl-high");
    expect(ids(result)).not.toContain("content-filter-spam-authenticated");
  });

  it("user-settings-nspm: the filter said not spam, the user's settings moved it", () => {
    const result = analysis("user-settings-nspm");
    expect(result.antispam).toMatchObject({ sfv: "NSPM", scl: 1 });
    expect(result.antispam.mailboxDelivery?.dest).toBe("J");
    expect(result.verdict.junked).toBe(true);
    const finding = result.verdict.findings[0];
    expect(finding?.id).toBe("junk-by-user-settings");
    expect(finding?.fixableBy).toBe("user");
    expect(ids(result)).not.toContain("content-filter-spam-authenticated");
  });

  it("phishing-impersonation: impersonation and DMARC failure, nobody vouches", () => {
    const result = analysis("phishing-impersonation");
    expect(result.antispam).toMatchObject({ sfty: "9.19", cat: "DIMP", ptr: null });
    expect(result.auth.dmarc).toMatchObject({ result: "fail", action: "quarantine" });
    expect(result.auth.compauth).toMatchObject({ result: "fail", reason: "000" });
    expect(authenticatedSender(result)).toBeNull();
    const found = ids(result);
    expect(found[0]).toBe("impersonation-domain");
    expect(found).toContain("dmarc-fail");
    expect(found).toContain("compauth-fail");
    expect(found).not.toContain("content-filter-spam");
    const top = result.verdict.findings[0]!;
    expect(top.title).toContain("Do not trust this sender");
    expect(top.fixableBy).toBeNull();
  });

  it("forged-auth-results: the sender's own 'all passed' is ignored and reported", () => {
    const result = analysis("forged-auth-results");
    expect(result.auth.source?.authservId).toBeNull();
    expect(result.auth.source?.header).toMatch(/^spf=softfail/);
    expect(result.auth.dmarc).toMatchObject({ result: "fail", action: "oreject" });
    expect(result.auth.dkim.map((signature) => signature.result)).toEqual(["none"]);
    expect(authenticatedSender(result)).toBeNull();
    const forged = result.verdict.findings.find((finding) => finding.id === "forged-auth-results");
    expect(forged?.detail).toContain("mx.woodgrovebank.example");
    expect(ids(result)).toEqual(
      expect.arrayContaining(["spoof-verdict", "dmarc-fail", "spf-softfail"]),
    );
    // Trusting the forger's authserv-id does not help it: Exchange Online's header has none and is on top.
    const configured = analyzeHeaders(raw("forged-auth-results"), {
      trustedAuthservIds: ["mx.woodgrovebank.example"],
    });
    expect(configured.auth.dmarc?.result).toBe("fail");
  });

  it("blocked-sender: the user's own Blocked Senders list", () => {
    const result = analysis("blocked-sender");
    expect(result.antispam.sfv).toBe("BLK");
    expect(result.verdict.junked).toBe(true);
    const finding = result.verdict.findings[0];
    expect(finding?.id).toBe("blocked-sender");
    expect(finding?.fixableBy).toBe("user");
    expect(authenticatedSender(result)?.domain).toBe("litware.example");
  });

  it("mailing-list-arc: a trusted ARC sealer rescued a DMARC failure, in the Inbox", () => {
    const result = analysis("mailing-list-arc");
    expect(result.auth.dmarc?.result).toBe("fail");
    expect(result.auth.dkim[0]).toMatchObject({ result: "fail", domain: "fabrikam.example" });
    expect(result.auth.compauth).toMatchObject({ result: "pass", reason: "130" });
    expect(result.auth.arc).toEqual({ result: "pass" });
    expect(result.verdict.junked).toBe(false);
    expect(ids(result)).toEqual(["arc-override"]);
  });

  it("asf-image-links: an advanced spam filter option junked an authenticated sender", () => {
    const result = analysis("asf-image-links");
    expect(authenticatedSender(result)?.domain).toBe("travel.example.com");
    expect(result.verdict.junked).toBe(true);
    const top = result.verdict.findings[0]!;
    expect(top.id).toBe("asf-custom-spam");
    expect(top.fixableBy).toBe("admin");
    expect(top.detail).toContain("Image links to remote sites");
    expect(ids(result)).not.toContain("content-filter-spam-authenticated");
  });

  it("hostile-display: markup and javascript: come through as plain text, unchanged", () => {
    const result = analysis("hostile-display");
    expect(result.message.subject).toBe("Your parcel <img src=x onerror=alert(1)> is waiting");
    expect(result.message.from).toEqual({
      address: "notify@parcel.example",
      name: "<img src=x onerror=alert(1)>",
      domain: "parcel.example",
    });
    expect(result.message.replyTo?.name).toBe("javascript:alert(document.domain)");
    expect(raw("hostile-display")).toContain(
      "List-Unsubscribe: <javascript:alert(document.cookie)>",
    );
    expect(headerAnalysisSchema.safeParse(result).success).toBe(true);
  });
});
