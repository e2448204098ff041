import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { domainOfIdentity } from "../../../src/analysis/alignment";
import { parseSfsList } from "../../../src/analysis/antispam";
import { dkimSignatureDomainAndSelector } from "../../../src/analysis/auth-results";
import { readDate, readDateIn } from "../../../src/analysis/dates";
import { withoutLineBreaks } from "../../../src/analysis/header-block";
import { upperCase } from "../../../src/analysis/letter-case";
import { stampKey, stampKeyNumberAt } from "../../../src/analysis/stamp-keys";
import { readReceivedSpf } from "../../../src/analysis/received-spf";

/**
 * Readers that work by position instead of cutting substrings read the same as the plain
 * versions they replaced (kept here as the reference), on text built of the pieces that matter.
 */

/** The Received-SPF reader as it was: split at ";" and "=", trim, a map of pairs. */
function referenceReceivedSpf(value: string | null) {
  if (value === null) return null;
  const text = value.length > 16 * 1024 ? value.slice(0, 16 * 1024) : value;
  let end = 0;
  while (end < text.length && /[a-z]/i.test(text.charAt(end))) end++;
  if (end === 0) return null;
  let pairsStart = end;
  let depth = 0;
  while (pairsStart < text.length) {
    const char = text.charAt(pairsStart);
    if (char === "(") depth++;
    else if (char === ")" && depth > 0) depth--;
    else if (depth === 0 && char !== " " && char !== "\t") break;
    pairsStart++;
  }
  const pairs = new Map<string, string>();
  for (const piece of text.slice(pairsStart).split(";")) {
    const equals = piece.indexOf("=");
    if (equals <= 0) continue;
    const key = piece.slice(0, equals).trim().toLowerCase();
    let pairValue = piece.slice(equals + 1).trim();
    if (pairValue.length >= 2 && pairValue.startsWith('"') && pairValue.endsWith('"'))
      pairValue = pairValue.slice(1, -1);
    if (key.length > 0 && pairValue.length > 0 && !pairs.has(key)) pairs.set(key, pairValue);
  }
  const comment = text.slice(end, pairsStart);
  const at = comment.indexOf("domain of ");
  let checked: string | null = null;
  if (at >= 0) {
    const start = at + "domain of ".length;
    let stop = start;
    while (stop < comment.length && !" \t\r\n)".includes(comment.charAt(stop))) stop++;
    checked = stop > start ? comment.slice(start, stop) : null;
  }
  return {
    result: text.slice(0, end).toLowerCase(),
    domain:
      domainOfIdentity(pairs.get("envelope-from") ?? null) ??
      domainOfIdentity(checked) ??
      domainOfIdentity(pairs.get("helo") ?? null),
    clientIp: pairs.get("client-ip") ?? null,
    receiver: pairs.get("receiver") ?? null,
  };
}

function referenceSfsList(text: string | undefined): string[] {
  if (!text) return [];
  const ids: string[] = [];
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "(") start = i + 1;
    else if (text[i] === ")" && start >= 0) {
      const id = text.slice(start, i).trim();
      if (id.length > 0) ids.push(id);
      start = -1;
    }
  }
  return ids;
}

const SPF_PIECES = [
  "Pass",
  "SoftFail",
  " ",
  "\t",
  "\r\n ",
  "(",
  ")",
  "protection.outlook.com:",
  "domain of ",
  "bounce.example.com",
  "designates",
  ";",
  "=",
  '"',
  "receiver",
  "RECEIVER",
  "client-ip",
  "helo",
  "envelope-from",
  "Envelope-From",
  "pr=C",
  "192.0.2.1",
  "user@mail.example",
  "\u00a0",
  "\u212a",
  "x",
];

const STAMP_PIECES = ["(", ")", "13230040", " ", "\t", "\u3000", "x", "4636009", ";", ":"];

const DATE_PIECES = [
  "Wed, ",
  "wed, ",
  "Xyz, ",
  "18 Nov 2026 13:41:26 +0000",
  "1 Jan 2024 10:00:00 -0130",
  "31 Feb 2026 10:00:00 +0000",
  "18 Nov 2026 13:41:26 +2400",
  "18 Nov 2026 13:41:26",
  " (CET)",
  " (UTC)",
  "(PST)",
  "\r\n (CEST)",
  "(a\\)",
  "(x(y)z)",
  "(",
  ")",
  " ",
  "\t",
  "\r\n ",
  "\u00a0",
  "2026-11-18T13:41:26Z",
  "x",
  ";",
];

const textOf = (pieces: string[]) =>
  fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((parts) => parts.join(""));

describe("readers in place", () => {
  it("upperCase is toUpperCase", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (text) => {
        expect(upperCase(text)).toBe(text.toUpperCase());
      }),
      { numRuns: 2000 },
    );
    for (const text of ["cip", "CIP", "dest", "ß", "ſcl", "ı", "µ", "SFV:SPM", "x".repeat(40)])
      expect(upperCase(text)).toBe(text.toUpperCase());
  });

  it("a stamp key read in place is the key upper-cased, or none", () => {
    const knownStampKey = (text: string, from: number, to: number) => {
      const number = stampKeyNumberAt(text, from, to);
      return number < 0 ? undefined : stampKey(number);
    };
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(..."SsCcLlIiPpDdEeTtWwRr0129:-\u017f\u0131 "),
          maxLength: 7,
        }),
        (key) => {
          const known = knownStampKey(`;${key};`, 1, key.length + 1);
          if (known !== undefined) expect(known).toBe(key.toUpperCase());
        },
      ),
      { numRuns: 5000 },
    );
    for (const key of ["CIP", "cip", "Ctry", "dest", "H", "pcwl", "SFTY"])
      expect(knownStampKey(key, 0, key.length)).toBe(key.toUpperCase());
    for (const key of ["", "X", "CIPS", "\u017fcl", "SC L", "SCLSCL"])
      expect(knownStampKey(key, 0, key.length)).toBeUndefined();
  });

  it("Received-SPF reads as split-and-trim read it", () => {
    fc.assert(
      fc.property(textOf(SPF_PIECES), (text) => {
        expect(readReceivedSpf(text)).toEqual(referenceReceivedSpf(text));
      }),
      { numRuns: 3000 },
    );
    const exchange =
      "Pass (protection.outlook.com: domain of bounce.example.com designates 192.0.2.1 as permitted sender) receiver=protection.outlook.com; client-ip=192.0.2.1; helo=mail.example.com; pr=C";
    expect(readReceivedSpf(exchange)).toEqual(referenceReceivedSpf(exchange));
    expect(readReceivedSpf(exchange)?.domain).toBe("bounce.example.com");
  });

  it("a Received date reads in place as unfolded and read whole", () => {
    fc.assert(
      fc.property(textOf(DATE_PIECES), fc.nat(30), fc.nat(30), (text, cutStart, cutEnd) => {
        const from = Math.min(cutStart, text.length);
        const to = Math.max(from, text.length - cutEnd);
        expect(readDateIn(text, from, to)).toEqual(readDate(withoutLineBreaks(text, from, to)));
      }),
      { numRuns: 5000 },
    );
    const padded = `;${" ".repeat(390)}Wed, 18 Nov 2026 13:41:26 +0000`;
    expect(readDateIn(padded, 1, padded.length)).toEqual(
      readDate(withoutLineBreaks(padded, 1, padded.length)),
    );
    expect(readDateIn("; Wed, 18 Nov 2026 13:41:26 +0100", 1, 33)?.zoneKnown).toBe(true);
    for (const tail of [" (CET)", "(CET)", " (UTC) ", "\r\n (PST)", " ()", " (a(b)c)", " (x))"]) {
      const hop = `; Wed, 18 Nov 2026 13:41:26 -0500${tail}`;
      expect(readDateIn(hop, 1, hop.length)).toEqual(
        readDate(withoutLineBreaks(hop, 1, hop.length)),
      );
    }
  });

  it("DKIM-Signature d= and s= read with folding whitespace removed, lower case", () => {
    const tagValue = fc
      .array(fc.constantFrom(" ", "\t", "\r\n ", "\u00a0", "\u2028", "Ex", "ample", ".", "COM"), {
        maxLength: 8,
      })
      .map((pieces) => pieces.join(""));
    fc.assert(
      fc.property(tagValue, tagValue, (domain, selector) => {
        const expected = (text: string) => text.replace(/\s+/g, "").toLowerCase() || null;
        expect(dkimSignatureDomainAndSelector(`v=1; d=${domain}; s=${selector}; b=abc=`)).toEqual({
          domain: expected(domain),
          selector: expected(selector),
        });
      }),
      { numRuns: 3000 },
    );
  });

  it("SFS rule ids read as before", () => {
    fc.assert(
      fc.property(textOf(STAMP_PIECES), (text) => {
        expect(parseSfsList(text)).toEqual(referenceSfsList(text));
      }),
      { numRuns: 3000 },
    );
  });
});
