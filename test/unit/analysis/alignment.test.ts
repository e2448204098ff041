import { describe, expect, it } from "vitest";
import {
  domainOfIdentity,
  isAligned,
  normalizeDomain,
  organizationalDomain,
} from "../../../src/analysis/alignment";

describe("organisational domain", () => {
  it("uses the public suffix list", () => {
    expect(organizationalDomain("mail.example.co.uk")).toBe("example.co.uk");
    expect(organizationalDomain("a.b.c.example.com")).toBe("example.com");
    expect(organizationalDomain("em1234.mailer.example.net")).toBe("example.net");
    expect(organizationalDomain("Bounce.News.Example.ORG.")).toBe("example.org");
  });

  it("falls back to the last two labels for a suffix the list does not know", () => {
    expect(organizationalDomain("mx.fabrikam.example")).toBe("fabrikam.example");
    expect(organizationalDomain("deep.host.corp.internal")).toBe("corp.internal");
  });

  it("is null for nothing", () => {
    expect(organizationalDomain(null)).toBeNull();
    expect(organizationalDomain("  ")).toBeNull();
  });

  it("answers the same when asked again, also after more domains than it remembers", () => {
    const domain = (i: number) => `host${i}.tenant${i}.co.uk`;
    const long = `${"a".repeat(300)}.example.com`;
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 2500; i++) {
        expect(organizationalDomain(domain(i))).toBe(`tenant${i}.co.uk`);
      }
      expect(organizationalDomain(long)).toBe("example.com");
      expect(organizationalDomain("MAIL.Example.co.uk.")).toBe("example.co.uk");
    }
  });
});

describe("relaxed alignment", () => {
  it("aligns a subdomain with its organisational domain, both ways", () => {
    expect(isAligned("bounce.news.example.org", "news.example.org")).toBe(true);
    expect(isAligned("example.org", "news.example.org")).toBe(true);
    expect(isAligned("MAIL.Contoso.COM", "contoso.com")).toBe(true);
  });

  it("does not align different organisational domains", () => {
    expect(isAligned("mailer.example.net", "northwind.example")).toBe(false);
    expect(isAligned("example.co.uk", "other.co.uk")).toBe(false);
    expect(isAligned("fabrikarn.example", "fabrikam.example")).toBe(false);
  });

  it("is null when either side is unknown", () => {
    expect(isAligned(null, "example.com")).toBeNull();
    expect(isAligned("example.com", null)).toBeNull();
    expect(isAligned("", "example.com")).toBeNull();
  });
});

describe("identities", () => {
  it("takes the domain of an address or a bare domain", () => {
    expect(domainOfIdentity("bounces+1=x.com@em1.mailer.example.net")).toBe(
      "em1.mailer.example.net",
    );
    expect(domainOfIdentity("@Example.com")).toBe("example.com");
    expect(domainOfIdentity("example.com")).toBe("example.com");
    expect(domainOfIdentity(null)).toBeNull();
  });

  it("normalises case, brackets and a trailing dot", () => {
    expect(normalizeDomain(" Example.COM. ")).toBe("example.com");
    expect(normalizeDomain("[192.0.2.1]")).toBe("192.0.2.1");
  });
});

describe("envelope senders", () => {
  it("reads a bracketed address and has no domain for the null sender", () => {
    expect(domainOfIdentity("<bounce@Example.net>")).toBe("example.net");
    expect(domainOfIdentity("<>")).toBeNull();
  });
});
