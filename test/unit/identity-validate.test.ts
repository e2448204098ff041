import fc from "fast-check";
import { toASCII } from "tr46";
import { describe, expect, it } from "vitest";
import { uts46ToAscii } from "../../server/identity/domain-name";
import { isOneEditAway } from "../../server/identity/look-alike";
import { isMixedScript } from "../../server/identity/scripts";
import { isSharedMailDomain } from "../../server/identity/shared-mail";
import { domainSkeleton } from "../../server/identity/skeleton";
import { shownSafely } from "../../server/identity/unsafe-text";
import {
  IDENTITY_REFUSAL_CODES,
  validateIdentity,
  type IdentityContext,
} from "../../server/identity/validate";

function codeOf(value: string, context: IdentityContext = {}): string {
  const verdict = validateIdentity(value, context);
  return verdict.ok ? `ok:${verdict.value}` : verdict.code;
}

describe("validateIdentity: canonical form", () => {
  it.each([
    ["Contoso.COM", "contoso.com"],
    ["MAIL.Contoso.co.uk", "mail.contoso.co.uk"],
    ["bücher.de", "xn--bcher-kva.de"],
    ["BÜCHER.de", "xn--bcher-kva.de"],
    ["xn--bcher-kva.de", "xn--bcher-kva.de"],
    ["ｃｏｎｔｏｓｏ.com", "contoso.com"],
    ["faß.de", "xn--fa-hia.de"],
    ["香港.中国", "xn--j6w193g.xn--fiqs8s"],
    ["fabrikam.example", "fabrikam.example"],
  ])("%s becomes %s", (input, canonical) => {
    const verdict = validateIdentity(input);
    expect(verdict).toMatchObject({ ok: true, value: canonical, kind: "domain", freemail: false });
  });
  it("gives the U-labels for people to read", () => {
    expect(validateIdentity("xn--bcher-kva.de")).toMatchObject({ display: "bücher.de" });
  });
  it("lower-cases an address and A-labels its domain", () => {
    expect(validateIdentity("Alice.Smith@Bücher.DE")).toMatchObject({
      ok: true,
      value: "alice.smith@xn--bcher-kva.de",
      kind: "address",
      display: "alice.smith@bücher.de",
    });
  });
});

describe("validateIdentity: names that are not domains", () => {
  it.each([
    ["", "invalid-domain"],
    ["contoso.com.", "invalid-domain"],
    ["contoso..com", "invalid-domain"],
    [".contoso.com", "invalid-domain"],
    ["-contoso.com", "invalid-domain"],
    ["contoso-.com", "invalid-domain"],
    ["ab--cd.com", "invalid-domain"],
    ["xn--zz.com", "invalid-domain"],
    ["con_toso.com", "invalid-domain"],
    ["*.contoso.com", "invalid-domain"],
    ["contoso.com/x", "invalid-domain"],
    ["unverified:contoso.com", "invalid-domain"],
    [`${"a".repeat(64)}.com`, "invalid-domain"],
    ["[1.2.3.4]", "ip-literal"],
    ["[IPv6:2001:db8::1]", "ip-literal"],
    ["1.2.3.4", "ip-literal"],
    ["2001:db8::1", "ip-literal"],
    ["0x7f000001", "ip-literal"],
    ["192.168.0.1", "ip-literal"],
    ["com", "public-suffix"],
    ["co.uk", "public-suffix"],
    ["COM", "public-suffix"],
    ["github.io", "public-suffix"],
    ["s3.amazonaws.com", "public-suffix"],
    ["localhost", "public-suffix"],
    ["corp.internal", "public-suffix"],
    ["example", "public-suffix"],
  ])("%j is refused as %s", (input, code) => {
    expect(codeOf(input)).toBe(code);
  });
  it("takes a 63-character label and refuses 64", () => {
    expect(codeOf(`${"a".repeat(63)}.com`)).toBe(`ok:${"a".repeat(63)}.com`);
    const verdict = validateIdentity(`${"a".repeat(64)}.com`);
    expect(verdict.ok === false && verdict.message).toContain("63");
  });
  it("takes a 253-character name and refuses 254", () => {
    const name = (length: number) => {
      const labels = ["a".repeat(63), "b".repeat(63), "c".repeat(63)];
      const rest = length - 3 * 64 - ".com".length;
      return [...labels, "d".repeat(rest)].join(".") + ".com";
    };
    expect(name(253)).toHaveLength(253);
    expect(codeOf(name(253))).toBe(`ok:${name(253)}`);
    expect(name(254)).toHaveLength(254);
    expect(codeOf(name(254))).toBe("invalid-domain");
  });
  it.each(['"contoso.com"', "contoso.com'", "con`toso.com", "$contoso.com", "contoso=.com"])(
    "refuses the quote or operator in %s",
    (input) => expect(codeOf(input)).toBe("invalid-domain"),
  );
  it.each(["contoso .com", "con|toso.com", "contoso.com;", "\tcontoso.com", "contoso.com\n"])(
    "refuses the separator in %j",
    (input) => expect(codeOf(input)).toBe("invalid-domain"),
  );
  it.each([
    ["zero-width space", "pay\u200bpal.com"],
    ["zero-width joiner", "pay\u200dpal.com"],
    ["zero-width non-joiner", "pay\u200cpal.com"],
    ["soft hyphen", "pay\u00adpal.com"],
    ["byte order mark", "\ufeffpaypal.com"],
    ["right-to-left override", "\u202ecom.lapyap"],
    ["left-to-right isolate", "\u2066paypal.com"],
    ["right-to-left mark", "paypal\u200f.com"],
    ["NUL", "paypal\u0000.com"],
    ["DEL", "paypal\u007f.com"],
    ["no-break space", "paypal\u00a0.com"],
  ])("refuses a %s instead of letting UTS #46 drop it", (_name, input) => {
    const verdict = validateIdentity(input);
    expect(verdict).toMatchObject({ ok: false, code: "invalid-domain" });
    expect(verdict.ok === false && verdict.message).toMatch(/U\+[0-9A-F]{4}/);
  });
});

describe("validateIdentity: look-alikes", () => {
  it.each([
    ["Cyrillic а in paypal", "pаypal.com"],
    ["its A-label", "xn--pypal-4ve.com"],
    ["Cyrillic о in google", "gооgle.com"],
    ["Greek ο in microsoft", "micrοsoft.com"],
    ["Latin and Greek", "paypalα.com"],
  ])("refuses %s as mixed-script", (_name, input) => {
    expect(codeOf(input)).toBe("mixed-script");
  });
  it.each([
    ["all-Cyrillic аррӏе", "аррӏе.com"],
    ["its A-label", "xn--80ak6aa92e.com"],
    ["all-Cyrillic рауре", "рау.com"],
    ["digit one for l", "paypa1.com"],
    ["rn for m", "rnicrosoft.com"],
    ["digit zero for o", "micr0soft.com"],
    ["dotless ı", "lınkedin.com"],
    ["a diacritic", "pàypal.com"],
    ["its A-label", "xn--pypal-rqa.com"],
    ["a subdomain of one", "login.paypa1.com"],
  ])("refuses %s as a look-alike of a well-known domain", (_name, input) => {
    expect(codeOf(input)).toBe("look-alike");
  });
  it("names the domain it imitates", () => {
    const verdict = validateIdentity("paypa1.com");
    expect(verdict.ok === false && verdict.message).toContain("paypal.com");
  });
  it("does not call a well-known domain or its subdomain a look-alike of itself", () => {
    expect(codeOf("github.com")).toBe("ok:github.com");
    expect(codeOf("mail.github.com")).toBe("ok:mail.github.com");
    expect(codeOf("docusign.net")).toBe("ok:docusign.net");
  });
  it("refuses one edit from an accepted domain, in A-labels and U-labels", () => {
    const context = { acceptedDomains: ["contoso.com"] };
    for (const near of ["c0ntoso.com", "contosso.com", "cotoso.com", "cnotoso.com", "contoso.co"]) {
      expect(codeOf(near, context), near).toBe("look-alike");
    }
    expect(codeOf("contöso.com", context)).toBe("look-alike");
    expect(codeOf("xn--contso-zxa.com", context)).toBe("look-alike");
    expect(codeOf("c0ntoso.com")).toBe("ok:c0ntoso.com");
  });
  it("accepts the accepted domain itself, its subdomains, and names two edits away", () => {
    const context = { acceptedDomains: ["Contoso.com", "*.fabrikam.co.uk"] };
    expect(codeOf("contoso.com", context)).toBe("ok:contoso.com");
    expect(codeOf("mail.contoso.com", context)).toBe("ok:mail.contoso.com");
    expect(codeOf("fabrikam.co.uk", context)).toBe("ok:fabrikam.co.uk");
    expect(codeOf("northwind.com", context)).toBe("ok:northwind.com");
    expect(codeOf("cantosa.com", context)).toBe("ok:cantosa.com");
  });
  it("refuses a skeleton twin of an accepted domain written in U-labels", () => {
    expect(codeOf("fabrikarn.com", { acceptedDomains: ["fabrikam.com"] })).toBe("look-alike");
    expect(codeOf("bücher.de", { acceptedDomains: ["bucher.de"] })).toBe("look-alike");
  });
  it("refuses a skeleton twin of an already allowed domain", () => {
    expect(codeOf("woodgrovebank.com")).toBe("ok:woodgrovebank.com");
    expect(codeOf("w00dgrovebank.com", { protectedDomains: ["woodgrovebank.com"] })).toBe(
      "look-alike",
    );
    expect(codeOf("woodgrovebank.com", { protectedDomains: ["woodgrovebank.com"] })).toBe(
      "ok:woodgrovebank.com",
    );
  });
  it("checks the domain of an address too", () => {
    expect(codeOf("alice@pаypal.com")).toBe("mixed-script");
    expect(codeOf("service@paypa1.com")).toBe("look-alike");
    expect(codeOf("ceo@c0ntoso.com", { acceptedDomains: ["contoso.com"] })).toBe("look-alike");
  });
  it("ignores accepted domains that are not valid names", () => {
    expect(codeOf("contoso.com", { acceptedDomains: ["not a domain", "com", ""] })).toBe(
      "ok:contoso.com",
    );
  });
  it("lets single-script names in other scripts through", () => {
    expect(codeOf("пример.рф")).toMatch(/^ok:xn--/);
    expect(codeOf("例え.jp")).toMatch(/^ok:xn--/);
    expect(codeOf("münchen.de")).toBe("ok:xn--mnchen-3ya.de");
  });
});

describe("validateIdentity: free mail", () => {
  it.each([
    "gmail.com",
    "GMAIL.com",
    "outlook.com",
    "yahoo.co.uk",
    "gmx.de",
    "web.de",
    "yahoo.com.br",
  ])("refuses %s as a domain entry", (domain) => expect(codeOf(domain)).toBe("freemail-domain"));
  it.each(["microsoft.com", "google.com", "contoso.onmicrosoft.com"])(
    "refuses the multi-service or shared %s as a domain entry",
    (domain) => expect(codeOf(domain)).toBe("freemail-domain"),
  );
  it("accepts an address at a free-mail domain and says so", () => {
    expect(validateIdentity("Alice@Gmail.com")).toEqual({
      ok: true,
      value: "alice@gmail.com",
      kind: "address",
      freemail: true,
      display: "alice@gmail.com",
    });
    expect(validateIdentity("bob@yahoo.co.uk")).toMatchObject({ ok: true, freemail: true });
    expect(validateIdentity("carol@contoso.com")).toMatchObject({ ok: true, freemail: false });
  });
  it("covers a provider's country variants the list may not have", () => {
    expect(isSharedMailDomain("hotmail.com.ar")).toBe(true);
    expect(isSharedMailDomain("yahoo.example")).toBe(true);
    expect(isSharedMailDomain("mail.gmx.at")).toBe(true);
    expect(isSharedMailDomain("contoso.com")).toBe(false);
    expect(isSharedMailDomain("example.com")).toBe(false);
  });
});

describe("validateIdentity: addresses", () => {
  it.each([
    "a@contoso.com",
    "first.last@contoso.com",
    "billing-noreply@contoso.com",
    "news+weekly@contoso.com",
    "under_score@contoso.com",
  ])("accepts %s", (address) => expect(codeOf(address)).toBe(`ok:${address}`));
  it.each([
    ["@contoso.com", "an empty local part"],
    ["a@b@contoso.com", "two @"],
    ['"a b"@contoso.com', "a quoted local part"],
    ["a b@contoso.com", "a space"],
    ["o'brien@contoso.com", "an apostrophe"],
    ["a`b@contoso.com", "a backtick"],
    ["$x@contoso.com", "a dollar"],
    ["=cmd@contoso.com", "an equals sign"],
    ["a|b@contoso.com", "a pipe"],
    [".a@contoso.com", "a leading dot"],
    ["a.@contoso.com", "a trailing dot"],
    ["a..b@contoso.com", "a double dot"],
    ["a%22@contoso.com", "a percent"],
    ["a\u200b@contoso.com", "a zero-width space"],
    ["a\u202e@contoso.com", "a bidi override"],
    ["ünicode@contoso.com", "a non-ASCII letter"],
    [`${"a".repeat(65)}@contoso.com`, "65 characters before @"],
  ])("refuses %j (%s) as invalid-address", (address) => {
    expect(codeOf(address)).toBe("invalid-address");
  });
  it("refuses an address whose domain fails, with the domain's reason", () => {
    expect(codeOf("a@[1.2.3.4]")).toBe("ip-literal");
    expect(codeOf("a@co.uk")).toBe("public-suffix");
    expect(codeOf("a@contoso.com.")).toBe("invalid-domain");
  });
});

describe("validateIdentity: properties", () => {
  const hostile = fc.oneof(
    fc.string({ unit: "grapheme", maxLength: 80 }),
    fc.string({ unit: "binary", maxLength: 80 }),
    fc.stringMatching(/^[a-zA-Z0-9.@\-_[\]:]{0,70}$/),
    fc
      .constantFrom("xn--", "xn--pypal-4ve.com", "\u202e", "[", "@", ".", "-")
      .chain((seed) => fc.string({ maxLength: 20 }).map((tail) => seed + tail)),
  );
  it("never throws, and what it accepts is lower-case LDH A-labels or a safe address", () => {
    fc.assert(
      fc.property(hostile, (value) => {
        const verdict = validateIdentity(value, { acceptedDomains: ["contoso.com"] });
        if (!verdict.ok) {
          expect(IDENTITY_REFUSAL_CODES).toContain(verdict.code);
          return;
        }
        if (verdict.kind === "domain") expect(verdict.value).toMatch(/^[a-z0-9.-]+$/);
        else expect(verdict.value).toMatch(/^[a-z0-9._+-]+@[a-z0-9.-]+$/);
        expect(verdict.value.length).toBeLessThanOrEqual(254);
      }),
      { numRuns: 3000 },
    );
  });
  it("is idempotent: an accepted value validates to itself", () => {
    fc.assert(
      fc.property(fc.domain(), (domain) => {
        const verdict = validateIdentity(domain);
        if (verdict.ok) expect(validateIdentity(verdict.value)).toEqual(verdict);
      }),
      { numRuns: 1000 },
    );
  });
  it("takes the ASCII fast path only where tr46 gives the same answer", () => {
    const options = {
      checkHyphens: true,
      checkBidi: true,
      checkJoiners: true,
      useSTD3ASCIIRules: true,
      transitionalProcessing: false,
    };
    fc.assert(
      fc.property(fc.stringMatching(/^[a-zA-Z0-9.-]{1,40}$/), (name) => {
        expect(uts46ToAscii(name)).toBe(toASCII(name, options));
      }),
      { numRuns: 3000 },
    );
    for (const name of ["xn--bcher-kva.de", "ab--c.de", "-a.de", "a-.de", "A.B", "a..b"]) {
      expect(uts46ToAscii(name), name).toBe(toASCII(name, options));
    }
  });
});

describe("the pieces", () => {
  it("skeletons confusables to one prototype, UTS #39 style", () => {
    expect(domainSkeleton("pаypal.com")).toBe(domainSkeleton("paypal.com"));
    expect(domainSkeleton("paypa1.com")).toBe(domainSkeleton("paypal.com"));
    expect(domainSkeleton("rnicrosoft.com")).toBe(domainSkeleton("microsoft.com"));
    expect(domainSkeleton("c0ntoso.com")).toBe(domainSkeleton("contoso.com"));
    expect(domainSkeleton("contoso.com")).not.toBe(domainSkeleton("fabrikam.com"));
  });
  it("tells mixed scripts from the mixes Japanese, Chinese and Korean names use", () => {
    expect(isMixedScript("pаypal")).toBe(true);
    expect(isMixedScript("paypal")).toBe(false);
    expect(isMixedScript("пример")).toBe(false);
    expect(isMixedScript("日本語テキスト")).toBe(false);
    expect(isMixedScript("ソニーsony")).toBe(false);
    expect(isMixedScript("한국abc")).toBe(false);
    expect(isMixedScript("한국ひら")).toBe(true);
    expect(isMixedScript("abc-123")).toBe(false);
  });
  it("counts one insertion, deletion, substitution or swap as one edit, and no more", () => {
    expect(isOneEditAway("contoso", "c0ntoso")).toBe(true);
    expect(isOneEditAway("contoso", "contosso")).toBe(true);
    expect(isOneEditAway("contoso", "cntoso")).toBe(true);
    expect(isOneEditAway("contoso", "cnotoso")).toBe(true);
    expect(isOneEditAway("contoso", "contoso")).toBe(false);
    expect(isOneEditAway("contoso", "cantosa")).toBe(false);
    expect(isOneEditAway("contoso", "ocntsoo")).toBe(false);
    expect(isOneEditAway("ab", "abcd")).toBe(false);
  });
  it("shows a hostile identity with every risky character escaped", () => {
    expect(shownSafely("pay\u202epal.com")).toBe("pay\\u{202e}pal.com");
    expect(shownSafely('a"b`c$d=e|f g@x.com')).toBe(
      "a\\u{22}b\\u{60}c\\u{24}d\\u{3d}e\\u{7c}f\\u{20}g@x.com",
    );
    expect(shownSafely("bücher.de")).toBe("bücher.de");
    expect(shownSafely("a".repeat(1000))).toHaveLength(321);
  });
});
