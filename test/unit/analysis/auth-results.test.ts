import { describe, expect, it } from "vitest";
import {
  attributeOf,
  parseAuthenticationResults,
  propertyOf,
  resultsOf,
} from "../../../src/analysis/auth-results";
import type { AuthResultEntry, ParsedAuthResults } from "../../../src/analysis/auth-results";

/** Unfolds a header value the way the header block does: line breaks removed, spaces kept. */
const unfold = (text: string) => text.replace(/\r?\n/g, "");

function only(parsed: ParsedAuthResults, method: string): AuthResultEntry {
  const entries = resultsOf(parsed, method);
  expect(entries).toHaveLength(1);
  return entries[0]!;
}

describe("RFC 8601 Appendix B examples", () => {
  it("B.2: service provided, no authentication done (authserv-id with version, none)", () => {
    const parsed = parseAuthenticationResults("example.org 1; none");
    expect(parsed.authservId).toBe("example.org");
    expect(parsed.authservVersion).toBe("1");
    expect(parsed.noResults).toBe(true);
    expect(parsed.results).toEqual([]);
    expect(parsed.problems).toEqual([]);
  });

  it("B.3: service provided, authentication done", () => {
    const parsed = parseAuthenticationResults("example.com; spf=pass smtp.mailfrom=example.net");
    expect(parsed.authservId).toBe("example.com");
    expect(parsed.authservVersion).toBeNull();
    expect(parsed.noResults).toBe(false);
    const spf = only(parsed, "spf");
    expect(spf.result).toBe("pass");
    expect(propertyOf(spf, "smtp.mailfrom")).toBe("example.net");
  });

  it("B.4: several authentications by a single MTA, with a comment and an iprev policy", () => {
    const first = parseAuthenticationResults(
      unfold(`example.com;
          auth=pass (cram-md5) smtp.auth=sender@example.net;
          spf=pass smtp.mailfrom=example.net`),
    );
    const auth = only(first, "auth");
    expect(auth.result).toBe("pass");
    expect(auth.comment).toBe("cram-md5");
    expect(propertyOf(auth, "smtp.auth")).toBe("sender@example.net");
    expect(propertyOf(only(first, "spf"), "smtp.mailfrom")).toBe("example.net");

    const second = parseAuthenticationResults(
      unfold(`example.com; iprev=pass
          policy.iprev=192.0.2.200`),
    );
    expect(propertyOf(only(second, "iprev"), "policy.iprev")).toBe("192.0.2.200");
  });

  it("B.5: several authentications by different MTAs", () => {
    const upper = parseAuthenticationResults(
      unfold(`example.com;
          sender-id=fail header.from=example.com;
          dkim=pass (good signature) header.d=example.com`),
    );
    expect(upper.results.map((entry) => `${entry.method}=${entry.result}`)).toEqual([
      "sender-id=fail",
      "dkim=pass",
    ]);
    expect(only(upper, "dkim").comment).toBe("good signature");
    const lower = parseAuthenticationResults(
      unfold(`example.com;
          auth=pass (cram-md5) smtp.auth=sender@example.com;
          spf=fail smtp.mailfrom=example.com`),
    );
    expect(only(lower, "spf").result).toBe("fail");
  });

  it("B.6: multi-tiered authentication, two dkim results with quoted reasons", () => {
    const parsed = parseAuthenticationResults(
      unfold(`example.com;
      dkim=pass reason="good signature"
        header.i=@mail-router.example.net;
      dkim=fail reason="bad signature"
        header.i=@newyork.example.com`),
    );
    const dkim = resultsOf(parsed, "dkim");
    expect(dkim).toHaveLength(2);
    expect(dkim[0]).toMatchObject({ result: "pass", reason: "good signature" });
    expect(propertyOf(dkim[0]!, "header.i")).toBe("@mail-router.example.net");
    expect(dkim[1]).toMatchObject({ result: "fail", reason: "bad signature" });
    expect(propertyOf(dkim[1]!, "header.i")).toBe("@newyork.example.com");

    const upstream = parseAuthenticationResults(
      "example.net; dkim=pass (good signature) header.i=@newyork.example.com",
    );
    expect(upstream.authservId).toBe("example.net");
    expect(only(upstream, "dkim").result).toBe("pass");
  });

  it("B.7: comments everywhere, even inside method/version and ptype.property", () => {
    const parsed = parseAuthenticationResults(
      unfold(`foo.example.net (foobar) 1 (baz);
          dkim (Because I like it) / 1 (One yay) = (wait for it) fail
            policy (A dot can go here) . (like that) expired
            (this surprised me) = (as I wasn't expecting it) 1362471462`),
    );
    expect(parsed.authservId).toBe("foo.example.net");
    expect(parsed.authservVersion).toBe("1");
    const dkim = only(parsed, "dkim");
    expect(dkim.methodVersion).toBe("1");
    expect(dkim.result).toBe("fail");
    expect(propertyOf(dkim, "policy.expired")).toBe("1362471462");
  });
});

describe("Exchange Online's dialect", () => {
  it("reads Microsoft's documented pass example: no authserv-id, action=, compauth reason", () => {
    const parsed = parseAuthenticationResults(
      "spf=pass (sender IP is 192.168.0.1) smtp.mailfrom=contoso.com; dkim=pass (signature was verified) header.d=contoso.com; dmarc=pass action=none header.from=contoso.com; compauth=pass reason=109",
    );
    expect(parsed.authservId).toBeNull();
    expect(only(parsed, "spf")).toMatchObject({
      result: "pass",
      comment: "sender IP is 192.168.0.1",
    });
    expect(propertyOf(only(parsed, "dkim"), "header.d")).toBe("contoso.com");
    const dmarc = only(parsed, "dmarc");
    expect(attributeOf(dmarc, "action")).toBe("none");
    expect(propertyOf(dmarc, "header.from")).toBe("contoso.com");
    expect(only(parsed, "compauth")).toMatchObject({ result: "pass", reason: "109" });
  });

  it("reads Microsoft's documented fail example with a reason comment", () => {
    const parsed = parseAuthenticationResults(
      "spf=fail (sender IP is 127.0.0.1) smtp.mailfrom=contoso.com; dkim=fail (body hash did not verify) header.d=contoso.com; dmarc=fail action=none header.from=contoso.com; compauth=fail reason=001",
    );
    expect(only(parsed, "dkim").comment).toBe("body hash did not verify");
    expect(only(parsed, "dmarc").result).toBe("fail");
    expect(only(parsed, "compauth").reason).toBe("001");
  });

  it("skips stray `; domain;` tokens and reads results glued by a missing space", () => {
    const parsed = parseAuthenticationResults(
      "spf=none (sender IP is 198.51.100.7) smtp.mailfrom=example.com; contoso.com; dkim=none (message not signed) header.d=none;contoso.com; dmarc=none action=none header.from=example.com;compauth=fail reason=001",
    );
    expect(parsed.authservId).toBeNull();
    expect(parsed.strays).toEqual(["contoso.com", "contoso.com"]);
    expect(parsed.results.map((entry) => entry.method)).toEqual([
      "spf",
      "dkim",
      "dmarc",
      "compauth",
    ]);
    expect(propertyOf(only(parsed, "dkim"), "header.d")).toBe("none");
  });

  it("reads header.d=x.com;dmarc= without spaces, bestguesspass, timeout and an empty header.from", () => {
    const parsed = parseAuthenticationResults(
      "spf=pass (sender IP is 203.0.113.5) smtp.mailfrom=x.com; dkim=timeout (key query timeout) header.d=x.com;dmarc=bestguesspass action=none header.from=;compauth=pass reason=109",
    );
    expect(only(parsed, "dkim")).toMatchObject({ result: "timeout", comment: "key query timeout" });
    const dmarc = only(parsed, "dmarc");
    expect(dmarc.result).toBe("bestguesspass");
    expect(propertyOf(dmarc, "header.from")).toBeNull();
    expect(dmarc.properties).toEqual([
      { ptype: "header", property: "from", value: "", comment: null },
    ]);
    expect(only(parsed, "compauth").reason).toBe("109");
  });

  it("reads an empty value followed directly by the next result without a semicolon", () => {
    const parsed = parseAuthenticationResults(
      "dkim=none header.d= dmarc=fail action=oreject header.from=example.com",
    );
    expect(propertyOf(only(parsed, "dkim"), "header.d")).toBeNull();
    expect(only(parsed, "dmarc")).toMatchObject({ result: "fail" });
    expect(attributeOf(only(parsed, "dmarc"), "action")).toBe("oreject");
  });

  it("keeps DMARC p= / sp= attributes and policy.* properties", () => {
    const parsed = parseAuthenticationResults(
      "mx.example.net; dmarc=fail p=reject sp=quarantine policy.published-domain-policy=reject policy.applied-disposition=none header.from=example.com",
    );
    const dmarc = only(parsed, "dmarc");
    expect(attributeOf(dmarc, "p")).toBe("reject");
    expect(attributeOf(dmarc, "sp")).toBe("quarantine");
    expect(propertyOf(dmarc, "policy.published-domain-policy")).toBe("reject");
    expect(propertyOf(dmarc, "policy.applied-disposition")).toBe("none");
  });

  it("lower-cases methods, results and property names but keeps values as written", () => {
    const parsed = parseAuthenticationResults("SPF=PASS smtp.MailFrom=Bounce@Example.COM");
    const spf = only(parsed, "spf");
    expect(spf.result).toBe("pass");
    expect(propertyOf(spf, "smtp.mailfrom")).toBe("Bounce@Example.COM");
  });
});
it("reads the keys it knows in advance as it reads any other spelling of them", () => {
  const common =
    "dkim=pass (good) header.d=a.example header.s=s1 action=none reason=100; spf=pass smtp.mailfrom=a.example";
  const spelled =
    "DKIM=pass (good) Header.D=a.example header.S=s1 Action=none REASON=100; Spf=pass SMTP.mailfrom=a.example";
  expect(parseAuthenticationResults(spelled)).toEqual(parseAuthenticationResults(common));
  const dkim = only(parseAuthenticationResults(common), "dkim");
  expect(dkim).toMatchObject({ comment: "good", reason: "100" });
  expect(dkim.properties.map(({ ptype, property }) => `${ptype}.${property}`)).toEqual([
    "header.d",
    "header.s",
  ]);
  expect(dkim.attributes).toEqual([{ name: "action", value: "none" }]);
});

it("reads a method's version and a name with a dot at its start", () => {
  const dkim = only(parseAuthenticationResults("DKIM/1=pass .x=1 header.=2"), "dkim");
  expect(dkim.methodVersion).toBe("1");
  expect(dkim.attributes).toEqual([{ name: ".x", value: "1" }]);
  expect(dkim.properties).toEqual([{ ptype: "header", property: "", value: "2", comment: null }]);
});

describe("ARC-Authentication-Results", () => {
  it("reads i=N before the authserv-id and its version", () => {
    const parsed = parseAuthenticationResults(
      "i=1; mx.microsoft.com 1; spf=pass smtp.mailfrom=contoso.com; dmarc=pass action=none header.from=contoso.com; dkim=pass header.d=contoso.com; arc=none",
    );
    expect(parsed.instance).toBe(1);
    expect(parsed.authservId).toBe("mx.microsoft.com");
    expect(parsed.authservVersion).toBe("1");
    expect(only(parsed, "arc").result).toBe("none");
  });

  it("reads Google's ARC results with a comment-held DMARC policy", () => {
    const parsed = parseAuthenticationResults(
      'i=2; mx.google.com; dkim=pass header.i=@example.com header.s=s1 header.b="ab+/c"; arc=pass (i=1 spf=pass spfdomain=example.com dkim=pass ddomain=example.com dmarc=pass fromdomain=example.com); spf=pass (google.com: domain of a@example.com designates 192.0.2.9 as permitted sender) smtp.mailfrom=a@example.com; dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=example.com',
    );
    expect(parsed.instance).toBe(2);
    expect(parsed.authservId).toBe("mx.google.com");
    expect(propertyOf(only(parsed, "dkim"), "header.b")).toBe("ab+/c");
    expect(only(parsed, "arc").comment).toContain("dmarc=pass");
    expect(only(parsed, "dmarc").comment).toBe("p=NONE sp=NONE dis=NONE");
  });
});

describe("values", () => {
  it("joins a quoted local part with its domain", () => {
    const parsed = parseAuthenticationResults(
      'example.com; spf=pass smtp.mailfrom="first last"@example.net',
    );
    expect(propertyOf(only(parsed, "spf"), "smtp.mailfrom")).toBe("first last@example.net");
  });

  it("keeps an = inside an address or at the end of a base64 value", () => {
    const parsed = parseAuthenticationResults(
      "mx.example.net; spf=pass smtp.mailfrom=SRS0=Ab12=TT=example.com=user@forwarder.example; dkim=pass header.d=example.com header.b=ab+c/d= header.s=s1",
    );
    expect(propertyOf(only(parsed, "spf"), "smtp.mailfrom")).toBe(
      "SRS0=Ab12=TT=example.com=user@forwarder.example",
    );
    const dkim = only(parsed, "dkim");
    expect(propertyOf(dkim, "header.b")).toBe("ab+c/d=");
    expect(propertyOf(dkim, "header.s")).toBe("s1");
    expect(parsed.problems).toEqual([]);
  });

  it("honours escapes in quoted strings and comments", () => {
    const parsed = parseAuthenticationResults(
      'example.com; dkim=fail reason="said \\"no\\"" (a \\) in a comment) header.d=example.com',
    );
    const dkim = only(parsed, "dkim");
    expect(dkim.reason).toBe('said "no"');
    expect(dkim.comment).toBe("a ) in a comment");
    expect(propertyOf(dkim, "header.d")).toBe("example.com");
  });
});

describe("hostile input", () => {
  it("reads an unterminated comment to the end and says so", () => {
    const parsed = parseAuthenticationResults(
      "spf=pass (sender IP is 192.0.2.1 smtp.mailfrom=x.com",
    );
    expect(only(parsed, "spf").result).toBe("pass");
    expect(parsed.problems.join(" ")).toMatch(/comment was never closed/);
  });

  it("reads an unterminated quoted string to the end and says so", () => {
    const parsed = parseAuthenticationResults('example.com; dkim=fail reason="bad; spf=pass');
    expect(only(parsed, "dkim").reason).toBe("bad; spf=pass");
    expect(resultsOf(parsed, "spf")).toEqual([]);
    expect(parsed.problems.join(" ")).toMatch(/quoted string was never closed/);
  });

  it("survives 10,000 nested parentheses in linear time", () => {
    const deep = "(".repeat(10_000) + "x" + ")".repeat(10_000);
    const parsed = parseAuthenticationResults(
      `example.com; spf=pass ${deep} smtp.mailfrom=a.example`,
    );
    expect(propertyOf(only(parsed, "spf"), "smtp.mailfrom")).toBe("a.example");
    const unclosed = parseAuthenticationResults(`spf=pass ${"(".repeat(10_000)}`);
    expect(only(unclosed, "spf").result).toBe("pass");
    expect(unclosed.problems.length).toBeGreaterThan(0);
  });

  it("notes a stray closing parenthesis and an = without a name", () => {
    const parsed = parseAuthenticationResults("spf=pass ) =x smtp.mailfrom=a.example");
    expect(propertyOf(only(parsed, "spf"), "smtp.mailfrom")).toBe("a.example");
    expect(parsed.problems).toHaveLength(2);
  });

  it("returns an empty result for empty and punctuation-only values", () => {
    for (const value of ["", "   ", ";;;;", "=;=;=", "()", '""']) {
      const parsed = parseAuthenticationResults(value);
      expect(parsed.results).toEqual([]);
    }
  });

  it("does not read a property before any method as a result", () => {
    const parsed = parseAuthenticationResults("example.com; header.d=x.com; spf=pass");
    expect(parsed.results.map((entry) => entry.method)).toEqual(["spf"]);
    expect(parsed.problems.join(" ")).toMatch(/header\.d=/);
  });

  it("reads only the first 32 KB of an oversized header, and says so", () => {
    const value = "spf=pass smtp.mailfrom=a.example; " + "x.example; ".repeat(100_000);
    const parsed = parseAuthenticationResults(value);
    expect(only(parsed, "spf").result).toBe("pass");
    expect(parsed.problems.join(" ")).toMatch(/only the first 32768 were read/);
  });
});
