import { describe, expect, it } from "vitest";
import { signalsOf, stampSignalsOf } from "../../server/identity/evidence";
import type { HeaderAnalysis } from "../../src/analysis/types";

function analysis(): HeaderAnalysis {
  return {
    schema: "vouch.analysis/1",
    message: {
      subject: "Invoice",
      messageId: "<1@vendor.example>",
      date: null,
      from: { address: "billing@vendor.example", name: "Vendor", domain: "vendor.example" },
      replyTo: null,
      returnPath: null,
    },
    auth: {
      source: null,
      spf: { result: "softfail", domain: "vendor.example", aligned: true },
      dkim: [],
      dmarc: { result: "none", domain: "vendor.example", action: null, policy: null },
      compauth: { result: "fail", reason: "001", meaning: "implicit" },
      arc: null,
      receivedSpf: null,
      original: null,
    },
    antispam: {
      scl: 5,
      bcl: 0,
      pcl: null,
      sfv: "SPM",
      cat: "SPOOF",
      ipv: "NLI",
      sfty: null,
      srv: null,
      dir: "INB",
      country: null,
      lang: null,
      connectingIp: "203.0.113.25",
      helo: null,
      ptr: "out-4.smtp.mailer.example",
      sfs: [],
      mailboxDelivery: {
        dest: "J",
        ucf: 0,
        jmr: 0,
        auth: 0,
        ofr: null,
        rf: null,
        wl: null,
        pcwl: null,
      },
      authAs: null,
      endToEndLatencySeconds: null,
    },
    hops: [],
    verdict: {
      junked: true,
      findings: [
        { id: "compauth-fail", severity: "warning", title: "", detail: "", fixableBy: "sender" },
      ],
    },
    gateways: [],
    gatewayInFront: null,
  };
}

describe("signals", () => {
  it("adds Microsoft's stamps and the sending infrastructure (PTR before CIP)", () => {
    expect(stampSignalsOf(analysis())).toEqual([
      "cat-spoof",
      "sfv-spm",
      "dest-j",
      "compauth-fail",
      "compauth-reason-001",
      "dmarc-none",
      "infra-ptr:mailer.example",
    ]);
  });
  it("falls back to the /24 without a PTR and keeps finding ids", () => {
    const a = analysis();
    a.antispam.ptr = null;
    const signals = signalsOf(a);
    expect(signals).toContain("infra-ip24:203.0.113.0/24");
    expect(signals).toContain("verdict-junked");
    expect(signals).toContain("compauth-fail");
    expect(signals).not.toContain("auth-dmarc-pass");
  });
  it("marks a forged claim as unvouched only when nothing in the trusted header vouches", () => {
    const forged = analysis();
    forged.verdict.findings.push({
      id: "forged-auth-results",
      severity: "warning",
      title: "",
      detail: "",
      fixableBy: null,
    });
    expect(signalsOf(forged)).toContain("auth-forged-claim-unvouched");
    forged.auth.dmarc = { result: "pass", domain: "vendor.example", action: null, policy: null };
    const vouched = signalsOf(forged);
    expect(vouched).toContain("forged-auth-results");
    expect(vouched).not.toContain("auth-forged-claim-unvouched");
  });
  it("never lets a stamp value write an odd signal name", () => {
    const a = analysis();
    a.antispam.cat = "PH SH;<script>";
    expect(stampSignalsOf(a)[0]).toBe("cat-ph-sh-script-");
  });
});
