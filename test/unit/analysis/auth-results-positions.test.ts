import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sampleFields } from "../../support/samples";
import { parseAuthenticationResults } from "../../../src/analysis/auth-results";
import { referenceParseAuthenticationResults } from "./auth-results-reference";

/**
 * The parser reads tokens by position; it must read every value exactly as the parser of token
 * and statement objects before it did (./auth-results-reference.ts): results, strays and the
 * problems in their order.
 */
const sampleValues = sampleFields(
  "Authentication-Results",
  "ARC-Authentication-Results",
  "Authentication-Results-Original",
).map((field) => field.value);

const WRITTEN = [
  "mx.google.com; dkim=pass header.i=@example.com header.s=20230601 header.b=AbC/+=; spf=pass (google.com: domain of a@b.example designates 192.0.2.1 as permitted sender) smtp.mailfrom=a@b.example; dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=example.com",
  "spf=pass (sender IP is 192.0.2.1) smtp.mailfrom=example.com; dkim=none (message not signed) header.d=none;dmarc=none action=none header.from=example.com;compauth=pass reason=100",
  "i=1; mx.microsoft.com 1; spf=pass smtp.mailfrom=example.com; dmarc=pass action=none header.from=example.com; dkim=pass header.d=example.com; arc=none",
  "example.org 1; none",
  'example.com; dkim/1 (c) = pass (ok) header . d = example.com; auth=pass smtp.auth="a \\" b"@x',
  "mail.example; spf=pass smtp.mailfrom=SRS0=hash=tt=example.com=user@forwarder.example",
  "x; dmarc=fail (p=reject) header.from=; spf= ; =pass; dkim pass",
  "a (unclosed comment; spf=pass",
  'a; spf="unclosed quote',
  "a; spf=pass ) stray ( (nested (deep)) \\) ) smtp.mailfrom=b",
  "kernel.org / 1 ; arc = pass ( i = 1 ) ; compauth . x = y",
];

const PIECES = [
  "spf",
  "dkim",
  "dmarc",
  "compauth",
  "arc",
  "auth",
  "pass",
  "fail",
  "none",
  "None",
  "reason",
  "action",
  "header",
  "smtp",
  "mailfrom",
  "from",
  "example.com",
  "i",
  "1",
  "=",
  ";",
  ".",
  "/",
  " ",
  "\t",
  "\r\n ",
  "(",
  ")",
  "(comment)",
  '"',
  '"q"',
  "\\",
  "\\\\",
  "@",
  "mx.example",
  "\u00e9",
];

const valueOf = fc
  .array(fc.constantFrom(...PIECES), { maxLength: 60 })
  .map((pieces) => pieces.join(""));

describe("Authentication-Results by position", () => {
  it("reads the samples and written values as the reference does", () => {
    expect(sampleValues.length).toBeGreaterThan(10);
    for (const value of [...sampleValues, ...WRITTEN]) {
      expect(parseAuthenticationResults(value)).toEqual(referenceParseAuthenticationResults(value));
    }
  });

  it("reads generated values as the reference does", () => {
    fc.assert(
      fc.property(valueOf, (value) => {
        expect(parseAuthenticationResults(value)).toEqual(
          referenceParseAuthenticationResults(value),
        );
      }),
      { numRuns: 20_000 },
    );
  });

  it("reads arbitrary text as the reference does", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (value) => {
        expect(parseAuthenticationResults(value)).toEqual(
          referenceParseAuthenticationResults(value),
        );
      }),
      { numRuns: 5_000 },
    );
  });

  it("reads a value past its length limit and deep nesting as the reference does", () => {
    const long = `a; spf=pass${" smtp.mailfrom=x;".repeat(3000)}`;
    const deep = `a; spf=pass ${"(".repeat(5000)}${")".repeat(5000)} x=y`;
    for (const value of [long, deep, "", ";;;", "=", "(", '"']) {
      expect(parseAuthenticationResults(value)).toEqual(referenceParseAuthenticationResults(value));
    }
  });
});
