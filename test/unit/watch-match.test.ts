import { describe, expect, it } from "vitest";
import { isSharedMailDomain, senderKeyOf } from "../../server/identity/sender-key";
import { validateDomainName } from "../../server/identity/validate";
import { CATALOGUE } from "../../server/watch/catalogue";
import {
  candidateValues,
  criticalMatchOf,
  identityMatches,
  type CriticalEntry,
} from "../../server/watch/match";
import { analysisFor } from "../support/test-store";

const catalogue: CriticalEntry[] = CATALOGUE.map((entry) => ({
  entryId: entry.id,
  source: "catalogue",
  label: entry.provider,
  identity: entry.identity,
}));

/** The sender key the service computes for a From line, authenticated by DMARC or not. */
function keyOf(from: string, dmarc: "pass" | "fail" | "none" = "pass"): string {
  const key = senderKeyOf(analysisFor({ from, dmarc }));
  if (!key) throw new Error("no key");
  return key.key;
}

describe("the catalogue", () => {
  it("names each entry once, with a canonical identity and at least one https source", () => {
    expect(new Set(CATALOGUE.map((entry) => entry.id)).size).toBe(CATALOGUE.length);
    for (const entry of CATALOGUE) {
      const { value, kind } = entry.identity;
      const domain = kind === "address" ? value.slice(value.indexOf("@") + 1) : value;
      const verdict = validateDomainName(domain);
      expect(verdict.ok, `${entry.id}: ${value}`).toBe(true);
      if (verdict.ok) expect(verdict.ascii).toBe(domain);
      // Elsewhere the sender key is the domain, which an address entry would never match.
      if (kind === "address") expect(isSharedMailDomain(domain), entry.id).toBe(true);
      expect(entry.sources.length).toBeGreaterThan(0);
      for (const source of entry.sources) {
        expect(new URL(source.url).protocol).toBe("https:");
        expect(source.says.length).toBeGreaterThan(10);
      }
    }
  });

  it("matches the keys the service builds for each provider's real From addresses", () => {
    const cases: [string, string][] = [
      ["notifications@github.com", "github"],
      ["noreply@okta.com", "okta"],
      ["dse_na2@docusign.net", "docusign-net"],
      ["dse@eumail.docusign.net", "docusign-net"],
      ["adobesign@adobesign.com", "adobe-sign"],
      ["health@aws.com", "aws-health"],
      ["azure-noreply@microsoft.com", "azure-notices"],
      ["msonlineservicesteam@microsoftonline.com", "entra-mfa"],
      ["payments-noreply@google.com", "google-billing"],
    ];
    for (const [from, id] of cases) {
      const match = criticalMatchOf(keyOf(from), catalogue);
      expect(match?.entryId, from).toBe(id);
      expect(match?.authenticated).toBe(true);
    }
  });

  it("does not match other addresses at a multi-service domain, nor look-alikes or parents", () => {
    // microsoft.com is address-only (shared-mail.ts): its key is the address.
    expect(criticalMatchOf(keyOf("newsletter@microsoft.com"), catalogue)).toBeNull();
    expect(criticalMatchOf(keyOf("notifications@github.io"), catalogue)).toBeNull();
    expect(criticalMatchOf(keyOf("notifications@githubb.com"), catalogue)).toBeNull();
    expect(criticalMatchOf(keyOf("noreply@mail.okta.com.evil.example"), catalogue)).toBeNull();
    // okta.com covers no subdomains: a subdomain entry must say so.
    expect(criticalMatchOf(keyOf("x@eu.okta.com"), catalogue)).toBeNull();
  });

  it("says a forged or unauthenticated From is not authenticated", () => {
    for (const dmarc of ["fail", "none"] as const) {
      const key = keyOf("notifications@github.com", dmarc);
      expect(key).toBe("unverified:github.com");
      expect(criticalMatchOf(key, catalogue)).toMatchObject({
        entryId: "github",
        authenticated: false,
      });
    }
    expect(criticalMatchOf(keyOf("azure-noreply@microsoft.com", "fail"), catalogue)).toMatchObject({
      entryId: "azure-notices",
      authenticated: false,
    });
  });
});

describe("criticalMatchOf", () => {
  const own = (value: string, kind: "domain" | "address" = "domain"): CriticalEntry => ({
    entryId: `own:${value}`,
    source: "tenant",
    label: "Ours",
    identity: { kind, value, subdomains: false },
  });

  it("prefers the tenant's own entry, then an address over a domain", () => {
    expect(criticalMatchOf("github.com", [...catalogue, own("github.com")])?.source).toBe("tenant");
    const entries = [own("bank.example.com"), own("alerts@bank.example.com", "address")];
    expect(criticalMatchOf("alerts@bank.example.com", entries)?.identity.kind).toBe("address");
  });

  it("covers subdomains only when the entry says so", () => {
    const identity = { kind: "domain" as const, value: "docusign.net", subdomains: true };
    expect(identityMatches("eumail.docusign.net", identity)).toBe(true);
    expect(identityMatches("docusign.net", identity)).toBe(true);
    expect(identityMatches("xdocusign.net", identity)).toBe(false);
    expect(identityMatches("docusign.net.example", identity)).toBe(false);
  });

  it("lists the stored values that could match a key", () => {
    expect(candidateValues("unverified:a@mail.bank.example.co.uk").sort()).toEqual(
      [
        "a@mail.bank.example.co.uk",
        "mail.bank.example.co.uk",
        "bank.example.co.uk",
        "example.co.uk",
        "co.uk",
      ].sort(),
    );
    expect(candidateValues("github.com")).toEqual(["github.com"]);
  });
});
