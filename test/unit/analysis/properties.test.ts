import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyzeHeaders, headerAnalysisSchema } from "../../../src/analysis";
import { parseAddressList, parseMailbox, parseReturnPath } from "../../../src/analysis/addresses";
import { parseDate } from "../../../src/analysis/dates";
import { decodeEncodedWords } from "../../../src/analysis/encoded-words";
import { buildHops, parseReceived } from "../../../src/analysis/received";

/**
 * Whatever the input, the engine returns an object the contract's schema accepts and never
 * throws; each primitive keeps its promises and reads back what a well-formed writer wrote.
 */
const samplesDir = fileURLToPath(new URL("../../../samples/", import.meta.url));
const samples = readdirSync(samplesDir)
  .filter((name) => name.endsWith(".eml"))
  .map((name) => readFileSync(join(samplesDir, name), "utf8"));

const FIELD_NAMES = [
  "Received",
  "Authentication-Results",
  "ARC-Authentication-Results",
  "From",
  "Reply-To",
  "Return-Path",
  "Subject",
  "Date",
  "Message-ID",
  "X-Forefront-Antispam-Report",
  "X-Forefront-Antispam-Report-Untrusted",
  "X-Microsoft-Antispam",
  "X-MS-Exchange-Organization-SCL",
  "X-Microsoft-Antispam-Mailbox-Delivery",
  "X-CustomSpam",
  "DKIM-Signature",
];

const FRAGMENTS = [
  "spf=pass",
  "spf=softfail",
  "dkim=fail",
  "dkim=pass",
  "dmarc=bestguesspass",
  "dmarc=fail",
  "compauth=fail",
  "reason=001",
  "action=oreject",
  "header.d=",
  "header.from=",
  "header.s=",
  "smtp.mailfrom=",
  "arc=pass",
  "policy.dmarc=reject",
  "mx.example.com",
  "Example.COM",
  "SCL:",
  "SCL:5",
  "SFV:SPM",
  "SFV:NSPM",
  "BCL:7",
  "CAT:PHSH",
  "SFTY:9.19",
  "SRV:BULK",
  "SFS:(1)(2)",
  "dest:J",
  "ucf:0",
  "CIP:192.0.2.1",
  "from",
  "by",
  "with",
  "id",
  "for",
  "via",
  "Mon, 1 Jan 2024 10:00:00 +0000",
  "2024-01-01T10:00:00.123Z",
  "31 Feb 2024 99:99:99 +9999",
  "2603:10b6:408:43::22",
  "IPv6:::1",
  "192.0.2.1",
  "999.1.1.1",
  "=?utf-8?Q?",
  "=?",
  "?=",
  "=?utf-8?B?w6k=?=",
  "<",
  ">",
  "[",
  "]",
  "(",
  ")",
  '"',
  "\\",
  ";",
  ",",
  ":",
  "@",
  "=",
  ".",
];

const lineEnding = fc.constantFrom("\r\n", "\n", "\r");
const valueText = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ unit: "binary", maxLength: 12 })), {
    maxLength: 30,
  })
  .chain((parts) =>
    fc
      .array(fc.constantFrom(" ", "", "\t", "; "), {
        minLength: parts.length,
        maxLength: parts.length,
      })
      .map((gaps) => parts.map((part, i) => `${gaps[i] ?? ""}${part}`).join("")),
  );
const headerLine = fc
  .tuple(
    fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string({ maxLength: 10 })),
    valueText,
    fc.array(valueText, { maxLength: 3 }),
    lineEnding,
    fc.constantFrom(" ", "\t"),
  )
  .map(([name, value, folds, eol, indent]) =>
    [`${name}: ${value}`, ...folds.map((fold) => `${indent}${fold}`)].join(eol),
  );
const headerBlock = fc
  .tuple(fc.array(headerLine, { maxLength: 25 }), lineEnding)
  .map(([lines, eol]) => lines.join(eol));

const mutation = fc.record({
  kind: fc.constantFrom("delete", "insert", "duplicate", "swap-lines"),
  at: fc.nat(),
  length: fc.nat({ max: 400 }),
  text: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ unit: "binary", maxLength: 40 })),
});
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, change: Mutation): string {
  const at = text.length === 0 ? 0 : change.at % text.length;
  switch (change.kind) {
    case "delete":
      return text.slice(0, at) + text.slice(at + change.length);
    case "insert":
      return text.slice(0, at) + change.text + text.slice(at);
    case "duplicate":
      return text.slice(0, at) + text.slice(at, at + change.length) + text.slice(at);
    case "swap-lines": {
      const lines = text.split("\n");
      const i = change.at % lines.length;
      const j = change.length % lines.length;
      [lines[i], lines[j]] = [lines[j] as string, lines[i] as string];
      return lines.join("\n");
    }
  }
}

const mutatedSample = fc
  .tuple(fc.constantFrom(...samples), fc.array(mutation, { minLength: 1, maxLength: 12 }))
  .map(([sample, changes]) => changes.reduce(mutate, sample));

const hugeFoldedLine = fc
  .tuple(
    fc.constantFrom(
      "Received",
      "Authentication-Results",
      "From",
      "Subject",
      "X-Forefront-Antispam-Report",
    ),
    fc.integer({ min: 500, max: 4000 }),
    fc.constantFrom(...FRAGMENTS),
    lineEnding,
  )
  .map(([name, folds, fragment, eol]) => `${name}: start${`${eol} ${fragment}`.repeat(folds)}`);

const deepComments = fc
  .tuple(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 0, max: 5000 }), fc.boolean())
  .map(([open, close, escaped]) => {
    const comment = `${"(".repeat(open)}${escaped ? "\\)" : ""}x${")".repeat(close)}`;
    return [
      `Authentication-Results: mx.example.com ${comment}; spf=pass ${comment} smtp.mailfrom=a.example`,
      `Received: from a ${comment} by b; Mon, 1 Jan 2024 10:00:00 +0000`,
      `From: ${comment} <a@b.example>`,
      "Date: Mon, 1 Jan 2024 10:00:00 +0000 " + comment,
    ].join("\r\n");
  });

const trusted = fc.array(fc.constantFrom("mx.example.com", "", "protection.outlook.com"), {
  maxLength: 2,
});

function expectValidAnalysis(raw: string, trustedAuthservIds: string[] = []): void {
  const analysis = analyzeHeaders(raw, { trustedAuthservIds });
  const result = headerAnalysisSchema.safeParse(analysis);
  expect(result.success, result.success ? "" : JSON.stringify(result.error.issues)).toBe(true);
}

describe("analyzeHeaders never throws and always satisfies the schema", () => {
  it("holds the samples it mutates", () => {
    expect(samples.length).toBeGreaterThanOrEqual(7);
  });

  it("for any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 3000 }), trusted, expectValidAnalysis),
      { numRuns: 300 },
    );
  });

  it("for random header-like lines", () => {
    fc.assert(fc.property(headerBlock, trusted, expectValidAnalysis), { numRuns: 300 });
  });

  it("for mutated samples", () => {
    fc.assert(fc.property(mutatedSample, trusted, expectValidAnalysis), { numRuns: 200 });
  });

  it("for huge folded lines", () => {
    fc.assert(
      fc.property(hugeFoldedLine, (raw) => expectValidAnalysis(raw)),
      { numRuns: 25 },
    );
  });

  it("for deeply nested and unbalanced comments", () => {
    fc.assert(
      fc.property(deepComments, (raw) => expectValidAnalysis(raw)),
      { numRuns: 25 },
    );
  });
});

const anyText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 300 }),
  valueText,
  fc.constantFrom(...FRAGMENTS),
);

describe("decodeEncodedWords", () => {
  it("returns a string for any input, and the input itself when it holds no '=?'", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const decoded = decodeEncodedWords(text);
        expect(typeof decoded).toBe("string");
        if (!text.includes("=?")) expect(decoded).toBe(text);
      }),
    );
  });

  it("reads back any text written as B or Q words, split anywhere, even inside a character", () => {
    const text = fc.string({ unit: "grapheme", minLength: 1, maxLength: 60 });
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 4 }), fc.boolean(), (value, cuts, q) => {
        const bytes = Buffer.from(value, "utf8");
        const points = [...new Set(cuts.map((cut) => cut % bytes.length))].sort((a, b) => a - b);
        const chunks = [0, ...points, bytes.length]
          .slice(0, -1)
          .map((start, i, starts) => bytes.subarray(start, starts[i + 1] ?? bytes.length))
          .filter((chunk) => chunk.length > 0);
        const words = chunks.map((chunk) =>
          q
            ? `=?UTF-8?Q?${[...chunk].map((byte) => `=${byte.toString(16).padStart(2, "0")}`).join("")}?=`
            : `=?utf-8?B?${chunk.toString("base64")}?=`,
        );
        expect(decodeEncodedWords(words.join(" \r\n "))).toBe(value);
      }),
    );
  });
});

const atom = fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,15}$/);
const domainName = fc.domain();
const displayName = fc
  .string({ unit: "grapheme", maxLength: 30 })
  .filter((name) => !name.includes("=?"));

describe("address parsing", () => {
  it("never throws, and every address it returns is consistent", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const list = parseAddressList(text);
        for (const address of list) {
          expect(address.address.length).toBeGreaterThan(0);
          expect(address.domain).toBe(address.domain.toLowerCase());
          const at = address.address.lastIndexOf("@");
          expect(address.domain).toBe(at < 0 ? "" : address.address.slice(at + 1).toLowerCase());
          expect(address.name === null || address.name.trim() === address.name).toBe(true);
        }
        expect(parseMailbox(text)).toEqual(list[0] ?? null);
        const returnPath = parseReturnPath(text);
        expect(returnPath === null || returnPath.length > 0).toBe(true);
      }),
    );
  });

  it("reads a From in its plain forms (read without tokens) as the token reader reads it", () => {
    const piece = fc.constantFrom(
      ...["Ann", "Lee", "é", " ", "  ", "\t", "<", ">", "@", "=", "=?utf-8?q?x?=", '"'],
      ...["(", ")", ",", ";", ":", "[", "]", "\\", "\u00a0", ".", "a@b.example", "<a@b.example>"],
      ...["?", "b=c@d.example", '"Ann Lee" <a@b.example>'],
      ...["=?utf-8?B?PGltZz4=?=", "=?UTF-8?Q?J=C3=B6rg_M=C3=BCller?=", "=?iso-8859-1?q?a=E9?="],
      ...["=?utf-8?B?###?=", "=?x?", "?=", "=?utf-8*de?Q?x?=", "=?utf-8?Q?a b?=", "=?", "=="],
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 8 }).map((pieces) => pieces.join("")),
        (text) => {
          expect(parseMailbox(text)).toEqual(parseAddressList(text)[0] ?? null);
        },
      ),
      { numRuns: 30000 },
    );
  });

  it("reads back any list written with quoted display names", () => {
    const mailbox = fc.record({ local: atom, domain: domainName, name: displayName });
    fc.assert(
      fc.property(fc.array(mailbox, { minLength: 1, maxLength: 5 }), (mailboxes) => {
        const written = mailboxes
          .map(({ local, domain, name }) => {
            const quoted = name.replace(/["\\]/g, (char) => `\\${char}`);
            return `"${quoted}" <${local}@${domain}>`;
          })
          .join(", ");
        const read = parseAddressList(written);
        expect(read).toEqual(
          mailboxes.map(({ local, domain, name }) => {
            // Folding whitespace collapses; the ends are trimmed like any display text,
            // Unicode spaces (a lone U+00A0, say) included.
            const collapsed = name
              .split(/[ \t\r\n]+/)
              .filter(Boolean)
              .join(" ")
              .trim();
            return {
              address: `${local}@${domain}`,
              name: collapsed.length > 0 ? collapsed : null,
              domain: domain.toLowerCase(),
            };
          }),
        );
      }),
    );
  });

  it("reads back a Return-Path", () => {
    fc.assert(
      fc.property(atom, domainName, (local, domain) => {
        expect(parseReturnPath(`<${local}@${domain}>`)).toBe(`${local}@${domain}`);
      }),
    );
    expect(parseReturnPath("<>")).toBeNull();
  });
});

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const instant = fc
  .integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2099, 11, 31) })
  .map((ms) => ms - (ms % 1000));
const offsetMinutes = fc.integer({ min: -12 * 4, max: 14 * 4 }).map((quarters) => quarters * 15);

describe("parseDate", () => {
  it("returns null or an ISO 8601 UTC instant for any input", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const iso = parseDate(text);
        if (iso !== null) expect(new Date(iso).toISOString()).toBe(iso);
      }),
    );
  });

  it("reads back any instant written as RFC 5322 in any zone", () => {
    fc.assert(
      fc.property(
        instant,
        offsetMinutes,
        fc.boolean(),
        fc.boolean(),
        (ms, offset, weekday, pad) => {
          const local = new Date(ms + offset * 60_000);
          const sign = offset < 0 ? "-" : "+";
          const zone = `${sign}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, "0")}${String(Math.abs(offset) % 60).padStart(2, "0")}`;
          const day = pad
            ? String(local.getUTCDate()).padStart(2, "0")
            : String(local.getUTCDate());
          const time = local.toISOString().slice(11, 19);
          const text = `${weekday ? `${DAYS[local.getUTCDay()]}, ` : ""}${day} ${MONTHS[local.getUTCMonth()]} ${local.getUTCFullYear()} ${time} ${zone}`;
          expect(parseDate(text)).toBe(new Date(ms).toISOString());
        },
      ),
    );
  });

  it("reads back any ISO 8601 instant with milliseconds", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Date.UTC(2099, 0, 1) }), (ms) => {
        const iso = new Date(ms).toISOString();
        expect(parseDate(iso)).toBe(iso);
      }),
    );
  });
});

describe("Received parsing", () => {
  it("never throws and returns null or text for every part", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const parsed = parseReceived(text);
        for (const value of Object.values(parsed)) {
          expect(value === null || (typeof value === "string" && value.length > 0)).toBe(true);
        }
      }),
    );
  });

  it("reads back the parts of a Postfix-style header", () => {
    const ip = fc.oneof(fc.ipV4(), fc.ipV6());
    const id = fc.stringMatching(/^[A-Za-z0-9]{4,16}$/);
    fc.assert(
      fc.property(
        domainName,
        ip,
        domainName,
        id,
        instant,
        fc.boolean(),
        (from, address, by, queueId, ms, v6Prefix) => {
          const literal = v6Prefix && address.includes(":") ? `IPv6:${address}` : address;
          const date = new Date(ms).toUTCString().replace("GMT", "+0000");
          const header = `from ${from} (${from} [${literal}]) by ${by} (Postfix) with ESMTPS id ${queueId} for <a@b.example>; ${date}`;
          expect(parseReceived(header)).toEqual({
            from,
            fromIp: address,
            by,
            with: "ESMTPS",
            via: null,
            id: queueId,
            for: "a@b.example",
            date: new Date(ms).toISOString(),
          });
        },
      ),
    );
  });

  it("reads a folded value exactly as its unfolded text (the analysis passes folded values)", () => {
    const piece = fc.constantFrom(
      "from",
      "by",
      "with",
      "id",
      "for",
      "(",
      ")",
      "[",
      "]",
      "<",
      ">",
      '"',
      ";",
      "\\",
      "a.example",
      "192.0.2.1",
      "IPv6:::1",
      "Mon, 1 Jan 2024 10:00:00 +0000",
      "(PDT)",
      "x".repeat(390),
    );
    const lineBreak = fc.constantFrom("\r\n", "\n", "\r");
    // A fold is a line break before whitespace; the unfolded text is the same without it.
    const part = fc.tuple(piece, fc.constantFrom(" ", "\t"), fc.option(lineBreak));
    fc.assert(
      fc.property(fc.array(part, { maxLength: 24 }), (parts) => {
        const unfolded = parts.map(([text, space]) => text + space).join("");
        const folded = parts.map(([text, space, fold]) => text + (fold ?? "") + space).join("");
        expect(parseReceived(folded)).toEqual(parseReceived(unfolded));
        const block = `Received: ${folded}\r\nReceived: ${folded}\r\nSubject: x\r\n`;
        expect(analyzeHeaders(block).hops).toEqual(buildHops([unfolded, unfolded]));
      }),
      { numRuns: 500 },
    );
  });

  it("reads Received values where they stand in one text as it reads them cut out", () => {
    // A comment, bracket or quote left open at the end of one value, closed in the next: what
    // stands in the next one must not count.
    const piece = fc.constantFrom(
      "from a.example (",
      "from a.example [",
      "from a.example <",
      'from a.example "',
      "192.0.2.1 )",
      "192.0.2.1 ]",
      "192.0.2.1 >",
      '192.0.2.1 "',
      "(x [192.0.2.2])",
      ";",
      "\\",
      "Mon, 1 Jan 2024 10:00:00 +0000",
      "\r\n ",
    );
    const value = fc.array(piece, { maxLength: 4 }).map((pieces) => pieces.join(" "));
    const between = fc.constantFrom("", " ", "\r\nX: y\r\n", ")", "]", ";", "\\");
    fc.assert(
      fc.property(fc.array(value, { maxLength: 6 }), between, (values, between) => {
        // The values one after another in one text, with other text before, between and after.
        const starts: number[] = [];
        let text = between;
        for (const value of values) {
          starts.push(text.length);
          text += value + between;
        }
        const spans = values.map((value, i) => ({
          text,
          start: starts[i] as number,
          end: (starts[i] as number) + value.length,
        }));
        expect(buildHops(spans)).toEqual(buildHops(values));
      }),
      { numRuns: 3000 },
    );
  });

  it("builds one hop per header, oldest first, with consistent delays", () => {
    const header = fc.oneof(
      anyText,
      instant.map((ms) => `by x.example; ${new Date(ms).toUTCString()}`),
    );
    fc.assert(
      fc.property(fc.array(header, { maxLength: 12 }), (topmostFirst) => {
        const hops = buildHops(topmostFirst);
        expect(hops.map((hop) => hop.index)).toEqual(topmostFirst.map((_, i) => i + 1));
        hops.forEach((hop, i) => {
          const previous = hops[i - 1];
          if (!previous || hop.date === null || previous.date === null) {
            expect(hop.delaySeconds).toBeNull();
          } else {
            expect(hop.delaySeconds).toBe(
              (Date.parse(hop.date) - Date.parse(previous.date)) / 1000,
            );
          }
        });
        expect(hops.map((hop) => hop.date)).toEqual(
          [...topmostFirst].reverse().map((value) => parseReceived(value).date),
        );
      }),
    );
  });
});
