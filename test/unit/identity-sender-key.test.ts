import { describe, expect, it } from "vitest";
import { signalsOf } from "../../server/identity/evidence";
import { senderKeyOf } from "../../server/identity/sender-key";
import type { HeaderAnalysis } from "../../src/analysis/types";

/** A message whose From is `address`, DMARC-authenticated unless `authenticated` is false. */
function analysis(address: string, authenticated = true): HeaderAnalysis {
  const domain = address.slice(address.lastIndexOf("@") + 1);
  return {
    schema: "vouch.analysis/1",
    message: {
      subject: "Invoice",
      messageId: "<1@sender>",
      date: null,
      from: { address, name: "Sender", domain },
      replyTo: null,
      returnPath: null,
    },
    auth: {
      source: null,
      spf: null,
      dkim: [],
      dmarc: authenticated
        ? { result: "pass", domain, action: null, policy: null }
        : { result: "none", domain, action: null, policy: null },
      compauth: null,
      arc: null,
      receivedSpf: null,
      original: null,
    },
    antispam: {
      scl: 5,
      bcl: 0,
      pcl: null,
      sfv: "SPM",
      cat: "SPM",
      ipv: null,
      sfty: null,
      srv: null,
      dir: "INB",
      country: null,
      lang: null,
      connectingIp: null,
      helo: null,
      ptr: null,
      sfs: [],
      mailboxDelivery: null,
      authAs: null,
      endToEndLatencySeconds: null,
    },
    hops: [],
    verdict: { junked: true, findings: [] },
    gateways: [],
    gatewayInFront: null,
  } as HeaderAnalysis;
}

const identitySignals = (a: HeaderAnalysis) =>
  signalsOf(a).filter((s) => s.startsWith("identity-"));

describe("senderKeyOf", () => {
  it("keys an authenticated company sender on its canonical domain", () => {
    expect(senderKeyOf(analysis("Billing@Contoso.com"))).toEqual({
      key: "contoso.com",
      kind: "domain",
      authenticated: true,
      via: "dmarc",
      refusal: null,
    });
  });
  it("keys an internationalised domain on its A-labels", () => {
    expect(senderKeyOf(analysis("info@bücher.de"))?.key).toBe("xn--bcher-kva.de");
  });
  it("keys free mail and its country variants on the address", () => {
    expect(senderKeyOf(analysis("Alice@Gmail.com"))).toMatchObject({
      key: "alice@gmail.com",
      kind: "address",
      authenticated: true,
    });
    expect(senderKeyOf(analysis("bob@yahoo.co.uk"))?.key).toBe("bob@yahoo.co.uk");
    expect(senderKeyOf(analysis("carol@gmx.de"))?.key).toBe("carol@gmx.de");
  });
  it("keeps an unauthenticated but valid sender apart, with no identity refusal", () => {
    const a = analysis("billing@contoso.com", false);
    expect(senderKeyOf(a)).toMatchObject({ key: "unverified:contoso.com", refusal: null });
    expect(identitySignals(a)).toEqual([]);
  });
  it("keeps a look-alike apart however well it authenticates, and says why", () => {
    const a = analysis("service@paypa1.com");
    expect(senderKeyOf(a)).toMatchObject({
      key: "unverified:paypa1.com",
      authenticated: false,
      via: null,
      refusal: { code: "look-alike" },
    });
    expect(identitySignals(a)).toEqual(["identity-look-alike"]);
  });
  it("keys a homograph on its A-labels, never on the letters that imitate", () => {
    const a = analysis("service@pаypal.com");
    expect(senderKeyOf(a)?.key).toBe("unverified:xn--pypal-4ve.com");
    expect(identitySignals(a)).toEqual(["identity-mixed-script"]);
  });
  it("keeps a look-alike free-mail address apart too", () => {
    const a = analysis("alice@gmai1.com");
    expect(senderKeyOf(a)).toMatchObject({ key: "unverified:gmai1.com", kind: "domain" });
    expect(identitySignals(a)).toEqual(["identity-look-alike"]);
  });
  it("escapes what a hostile From carries before it reaches the key", () => {
    const bidi = analysis("x@pay\u202epal.com");
    expect(senderKeyOf(bidi)?.key).toBe("unverified:pay\\u{202e}pal.com");
    expect(identitySignals(bidi)).toEqual(["identity-invalid-domain"]);
    const literal = analysis("x@[203.0.113.7]");
    expect(senderKeyOf(literal)?.key).toBe("unverified:\\u{5b}203.0.113.7\\u{5d}");
    expect(identitySignals(literal)).toEqual(["identity-ip-literal"]);
    for (const hostile of ["x@a\u0000b.com", "x@a`b$c=d|e.com", "x@\u200b.com", "x@co.uk"]) {
      const key = senderKeyOf(analysis(hostile))!.key;
      expect(key.startsWith("unverified:")).toBe(true);
      expect(key).not.toMatch(/[\p{Cc}\p{Cf}\s"'`$=|]/u);
    }
  });
  it("escapes a hostile local part of a free-mail address", () => {
    const a = analysis("a\u202eb@gmail.com");
    expect(senderKeyOf(a)).toMatchObject({
      key: "unverified:a\\u{202e}b@gmail.com",
      kind: "address",
      refusal: { code: "invalid-address" },
    });
  });
  it("answers the same key object for the same analysis", () => {
    const a = analysis("billing@contoso.com");
    expect(senderKeyOf(a)).toBe(senderKeyOf(a));
  });
});
