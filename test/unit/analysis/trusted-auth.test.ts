import { describe, expect, it } from "vitest";
import { parseHeaderBlock } from "../../../src/analysis/header-block";
import { chooseTrustedAuth } from "../../../src/analysis/trusted-auth";

const EXO =
  "spf=softfail (sender IP is 198.51.100.198) smtp.mailfrom=bank.example; dkim=none (message not signed) header.d=none;dmarc=fail action=oreject header.from=bank.example;compauth=fail reason=000";
const FORGED =
  "mx.bank.example; dkim=pass header.d=bank.example; spf=pass smtp.mailfrom=bank.example; dmarc=pass header.from=bank.example";
const UPSTREAM =
  "mx.google.com; dkim=pass header.i=@bank.example; spf=pass smtp.mailfrom=bank.example";

function block(...lines: string[]) {
  return parseHeaderBlock(lines.join("\r\n") + "\r\n\r\n");
}

describe("which Authentication-Results to trust", () => {
  it("without configured ids, trusts the topmost header whatever its authserv-id", () => {
    const result = chooseTrustedAuth(
      block(`Authentication-Results: ${UPSTREAM}`, `Authentication-Results: ${EXO}`, "Subject: x"),
    );
    expect(result.trusted?.parsed.authservId).toBe("mx.google.com");
    expect(result.untrusted).toHaveLength(1);
    expect(result.untrusted[0]!.value).toBe(EXO);
  });

  it("with configured ids, trusts the topmost header with a trusted id or with none", () => {
    const headers = block(
      `Authentication-Results: ${FORGED}`,
      `Authentication-Results: ${UPSTREAM}`,
      `Authentication-Results: ${EXO}`,
    );
    const byGoogle = chooseTrustedAuth(headers, ["MX.Google.com"]);
    expect(byGoogle.trusted?.parsed.authservId).toBe("mx.google.com");

    const byNone = chooseTrustedAuth(headers, ["mx.contoso.example"]);
    expect(byNone.trusted?.value).toBe(EXO); // Exchange Online writes no authserv-id
    expect(byNone.trusted?.parsed.authservId).toBeNull();
    expect(byNone.untrusted.map((header) => header.parsed.authservId)).toEqual([
      "mx.bank.example",
      "mx.google.com",
    ]);
  });

  it("trusts nothing when ids are configured and every header names another server", () => {
    const result = chooseTrustedAuth(block(`Authentication-Results: ${FORGED}`), [
      "mx.contoso.example",
    ]);
    expect(result.trusted).toBeNull();
    expect(result.unconfirmedClaims[0]!.methods).toEqual(["spf", "dkim", "dmarc"]);
  });

  it("reports passes that an untrusted header claims and the trusted one does not", () => {
    const result = chooseTrustedAuth(
      block(
        `Authentication-Results: ${EXO}`,
        "From: a@bank.example",
        `Authentication-Results: ${FORGED}`,
      ),
    );
    expect(result.trusted?.value).toBe(EXO);
    expect(result.unconfirmedClaims).toHaveLength(1);
    expect(result.unconfirmedClaims[0]!.header.parsed.authservId).toBe("mx.bank.example");
    expect(result.unconfirmedClaims[0]!.methods).toEqual(["spf", "dkim", "dmarc"]);
  });

  it("does not report passes the trusted header confirms", () => {
    const trusted =
      "spf=pass (sender IP is 192.0.2.1) smtp.mailfrom=bank.example; dkim=pass (signature was verified) header.d=bank.example;dmarc=pass action=none header.from=bank.example;compauth=pass reason=100";
    const result = chooseTrustedAuth(
      block(`Authentication-Results: ${trusted}`, `Authentication-Results: ${FORGED}`),
    );
    expect(result.unconfirmedClaims).toEqual([]);
  });

  it("never trusts Authentication-Results-Original, and counts it", () => {
    const result = chooseTrustedAuth(
      block(`Authentication-Results-Original: ${FORGED}`, `Authentication-Results: ${EXO}`),
    );
    expect(result.trusted?.value).toBe(EXO);
    expect(result.originalCopies).toBe(1);
    expect(result.unconfirmedClaims).toEqual([]);
  });

  it("has no trusted header when there is none (RFC 8601 B.1, the trivial case)", () => {
    const result = chooseTrustedAuth(block("Subject: hello"));
    expect(result.trusted).toBeNull();
    expect(result.untrusted).toEqual([]);
    expect(result.arc).toBeNull();
  });
});

describe("headers the sending organisation wrote at submission", () => {
  const ownAbove = (hop: string) =>
    chooseTrustedAuth(
      block(
        "Received: from mx.example.net (198.51.100.5) by mx.recipient.example with ESMTPS",
        `Authentication-Results: ${UPSTREAM}`,
        `Received: ${hop}`,
      ),
    ).senderOwn.length;

  it("finds the submission hop's protocol and loopback sender in any letter case", () => {
    expect(ownAbove("from SA1PR21MB1234 by SA1PR21MB1234 with MAPI id 15.20.8158.008")).toBe(1);
    expect(ownAbove("from [192.168.1.20] by smtp.bank.example with EsmtpSA id 4Y0Z")).toBe(1);
    expect(ownAbove("from LocalHost (LOCALHOST [127.0.0.1]) by mail.bank.example")).toBe(1);
  });

  it("does not take a relay between servers for a submission", () => {
    expect(ownAbove("from mx.bank.example (192.0.2.7) by mx.example.net with ESMTPS")).toBe(0);
    expect(ownAbove("from mx.bank.example (HTTP.example [192.0.2.7]) by mx.example.net")).toBe(0);
  });
});

describe("ARC verdict", () => {
  it("prefers the trusted header's own arc= result", () => {
    const result = chooseTrustedAuth(
      block(
        "Authentication-Results: spf=pass smtp.mailfrom=a.example; arc=pass (as.1.google.com=pass)",
        "ARC-Authentication-Results: i=2; mx.microsoft.com 1; arc=fail",
      ),
    );
    expect(result.arc).toEqual({ result: "pass", from: "authentication-results", instance: null });
  });

  it("else takes the ARC-Authentication-Results with the highest instance", () => {
    const result = chooseTrustedAuth(
      block(
        "Authentication-Results: spf=pass smtp.mailfrom=a.example",
        "ARC-Authentication-Results: i=1; lists.example.org; arc=none",
        "ARC-Authentication-Results: i=3; mx.microsoft.com 1; arc=pass (0 oda=1 ltdi=1)",
        "ARC-Authentication-Results: i=2; mx.google.com; arc=fail",
      ),
    );
    expect(result.arc).toEqual({ result: "pass", from: "arc-authentication-results", instance: 3 });
  });

  it("with configured ids, only counts ARC results from those ids", () => {
    const headers = block(
      "ARC-Authentication-Results: i=1; mx.microsoft.com 1; arc=none",
      "ARC-Authentication-Results: i=2; evil.example; arc=pass",
    );
    expect(chooseTrustedAuth(headers, ["mx.microsoft.com"]).arc?.result).toBe("none");
    expect(chooseTrustedAuth(headers).arc?.result).toBe("pass");
  });
});
