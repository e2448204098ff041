import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sampleFields } from "../../support/samples";
import {
  parseReceived,
  parseReceivedByTokens,
  readsAsTypicalHop,
} from "../../../src/analysis/received";

const sampleHops = sampleFields("Received").map((field) => field.folded);
const corpus = (
  JSON.parse(
    readFileSync(
      new URL("../../../../shared/corpus/received/stalwart-received.json", import.meta.url),
      "utf8",
    ),
  ) as { header: string }[]
).map((entry) => entry.header);

const EXCHANGE_ONLINE_HOPS = [
  " from DM6PR11MB4875.namprd11.prod.outlook.com (2603:10b6:1ba:93::9b) by\r\n SA1PR11MB8450.namprd11.prod.outlook.com with HTTPS; Tue, 17 Nov 2026 08:14:07 +0000",
  " from NAM11-DM6-obe.outbound.protection.outlook.com (40.107.212.82) by\r\n BN1PEPF00004621.mail.protection.outlook.com (10.167.243.79) with Microsoft SMTP Server (version=TLS1_3,\r\n cipher=TLS_AES_256_GCM_SHA384) id 15.20.8182.16 via Frontend Transport; Tue, 17 Nov 2026 08:14:04 +0000",
  " from PH7PR21MB3263.namprd21.prod.outlook.com (2603:10b6:510:1d4::12) by\r\n DM4PR21MB3561.namprd21.prod.outlook.com (2603:10b6:8:a4::19) with\r\n Microsoft SMTP Server (version=TLS1_2,\r\n cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.8207.5; Tue, 17 Nov 2026 08:14:00 +0000",
];

/** Postfix's hop and its kin (SendGrid, Gmail): the from-comment names the reverse DNS and IP. */
const POSTFIX_HOPS = [
  " from mta-07.mailer.example.net (localhost [127.0.0.1])\r\n by mta-07.mailer.example.net (Postfix) with ESMTP id 4ZkQ1q0bTfz9sY2\r\n for <dana.lee@example.com>; Wed, 18 Nov 2026 14:41:12 +0100 (CET)",
  " from [10.42.7.19] (app-billing-3.internal.northwind.example [10.42.7.19])\r\n by mta-07.mailer.example.net (Postfix) with ESMTPSA id 4ZkQ1p3Wm7z9sXv\r\n for <dana.lee@example.com>; Wed, 18 Nov 2026 14:41:09 +0100 (CET)",
  " from localhost (unknown [192.0.2.41]) by smtp.relay-198.example.net\r\n (Postfix) with ESMTP id 8C3F12A04B7; Sun, 22 Nov 2026 13:47:02 -0500 (EST)",
  "from ietfa.amsl.com (localhost [IPv6:::1]) by ietfa.amsl.com (Postfix) with ESMTP id 6296FC13AE3E for <hello@domain.example>; Mon, 28 Aug 2023 02:21:37 -0700 (PDT)\n",
  " from geopod-ismtpd-3 (unknown) by o12.esp.example.net (SG) with ESMTP id\r\n ZQb9cT4eS4Ww3nC1xP0k8g; Thu, 19 Nov 2026 06:00:13 +0000",
  " from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41])\r\n        by mx.google.com with SMTPS id a640c23a62f3a-a9a6e6c9a3bsi1234.123.2024.10.02.06.27.03\r\n        for <dana.lee@example.com>\r\n        (Google Transport Security); Wed, 02 Oct 2024 06:27:03 -0700 (PDT)",
];

/** Pieces that change how a hop reads: keywords in other cases, brackets, semicolons, folding. */
const PIECES = [
  " ",
  "  ",
  "\t",
  "\r\n ",
  "\r\n",
  "\n",
  "\r",
  "(",
  ")",
  "\\",
  "[",
  "]",
  "<",
  ">",
  '"',
  ";",
  ",",
  ":",
  ".",
  "-",
  "/",
  "%",
  "<a@b.example>",
  "[192.0.2.1]",
  "IPv6:",
  "unknown",
  "(CET)",
  "@",
  "from",
  "FROM",
  "by",
  "By",
  "with",
  "WITH",
  "id",
  "ID",
  "via",
  "for",
  "Frontend",
  "Transport",
  "1.2.3.4",
  "::1",
  "fe80::1%5",
  "x",
  "9",
  "é",
  "\u00a0",
];

/** One of `hops` with a few pieces inserted, removed or replaced at random places. */
function mutationsOf(hops: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.constantFrom(...hops),
      fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.constantFrom(...PIECES, "")), {
        minLength: 1,
        maxLength: 4,
      }),
    )
    .map(([hop, edits]) =>
      edits.reduce((text, [at, removed, inserted]) => {
        const position = at % (text.length + 1);
        return text.slice(0, position) + inserted + text.slice(position + removed);
      }, hop),
    );
}

/** Mutated hops: how many of `runs` the expression took, each read as the token reader reads it. */
function takenOfMutations(hops: readonly string[], runs: number): number {
  let taken = 0;
  fc.assert(
    fc.property(mutationsOf(hops), (hop) => {
      if (readsAsTypicalHop(hop)) taken++;
      expect(parseReceived(hop)).toEqual(parseReceivedByTokens(hop));
    }),
    { numRuns: runs },
  );
  return taken;
}

/** Reads `hop` and checks the expression's reading is the token reader's; whether it took it. */
function readsAlike(hop: string): boolean {
  expect(parseReceived(hop)).toEqual(parseReceivedByTokens(hop));
  return readsAsTypicalHop(hop);
}

describe("the typical hop's expression reads as the token reader reads", () => {
  it("takes Exchange Online's and Postfix's hops, and most of the samples'", () => {
    for (const hop of [...EXCHANGE_ONLINE_HOPS, ...POSTFIX_HOPS])
      expect(readsAsTypicalHop(hop)).toBe(true);
    const postfix = sampleHops.filter((hop) => hop.includes("(Postfix)"));
    expect(postfix.length).toBeGreaterThanOrEqual(6);
    for (const hop of postfix) expect(readsAsTypicalHop(hop)).toBe(true);
    const typical = sampleHops.filter(readsAsTypicalHop).length;
    expect(typical).toBeGreaterThan(sampleHops.length * 0.9);
  });

  it("reads Postfix's hop as it should be read", () => {
    expect(parseReceived(POSTFIX_HOPS[1] as string)).toEqual({
      from: "10.42.7.19",
      fromIp: "10.42.7.19",
      by: "mta-07.mailer.example.net",
      with: "ESMTPSA",
      via: null,
      id: "4ZkQ1p3Wm7z9sXv",
      for: "dana.lee@example.com",
      date: "2026-11-18T13:41:09.000Z",
    });
  });

  it("gives every sample and corpus hop the token reader's reading", () => {
    for (const hop of [...EXCHANGE_ONLINE_HOPS, ...POSTFIX_HOPS, ...sampleHops, ...corpus])
      readsAlike(hop);
  });

  it("gives mutated hops the token reader's reading, whether it takes them or not", () => {
    const taken = takenOfMutations([...EXCHANGE_ONLINE_HOPS, ...sampleHops], 20_000);
    // The mutations reach both sides of the expression.
    expect(taken).toBeGreaterThan(1000);
    expect(taken).toBeLessThan(19_000);
  });

  it("gives mutated Postfix hops the token reader's reading, whether it takes them or not", () => {
    const taken = takenOfMutations(POSTFIX_HOPS, 10_000);
    expect(taken).toBeGreaterThan(500);
    expect(taken).toBeLessThan(9_500);
  });

  it("reads the unusual hops it takes as the token reader does", () => {
    for (const hop of [
      // The host is an IP and the comment holds none: the host's IP is the sending IP.
      " from 192.0.2.1 (beef) by mx.example with SMTP; Tue, 17 Nov 2026 08:14:07 +0000",
      " from 192.0.2.1 (2001:db8::1) by 198.51.100.2 (10.0.0.1) with SMTP; Tue, 17 Nov 2026",
      "from a.example\r\n (1.2.3.4)\r\n\tby b.example with A B C (x; y\r\n z) id 1.2 via Frontend Transport;",
      // The from-comment: its word an IP before the literal, no space, the literal alone, empty.
      " from a.example (192.0.2.1 [192.0.2.2]) by b.example with ESMTP id 1; Tue, 17 Nov 2026",
      " from a.example (unknown[192.0.2.2]) by b.example with ESMTP; Tue, 17 Nov 2026",
      " from a.example ([IPv6:2001:db8::2]) by b.example with ESMTP; Tue, 17 Nov 2026",
      " from a.example () by b.example with ESMTP; Tue, 17 Nov 2026",
      " from a.example (unknown) by b.example with ESMTP; Tue, 17 Nov 2026",
      // A literal that is no IP: no host, or the comment's IP.
      " from [1.2.3.999] (unknown) by b.example with ESMTP; Tue, 17 Nov 2026",
      " from [1.2.3] (a.example [192.0.2.2]) by b.example with ESMTP; Tue, 17 Nov 2026",
      " from [192.0.2.1] (a.example [1.2.3.999]) by b.example with ESMTP; Tue, 17 Nov 2026",
      " from unknown (unknown [IPv6:fe80::1]) by b.example with ESMTP; Tue, 17 Nov 2026",
      " from [IPv6:2001:db8::1] (unknown) by b.example with ESMTP; Tue, 17 Nov 2026",
      " from [192.0.2.1:25] (unknown) by b.example with ESMTP; Tue, 17 Nov 2026",
      // No from-comment; hosts that are IPs, the comment naming none.
      " from a.example by b.example with ESMTP id X1; Tue, 17 Nov 2026",
      " from 192.0.2.8 (a.example) by 192.0.2.9 (Postfix) with ESMTP; Tue, 17 Nov 2026",
      // Odd addresses: quoted, with a literal, with brackets, semicolons and "<" inside.
      ' from a.example (b [192.0.2.1]) by c.example (Postfix) with ESMTP id 1 for <"a.b"@example.com>; Tue, 17 Nov 2026',
      " from a.example (b [192.0.2.1]) by c.example (Postfix) with ESMTP id 1 for <a@[192.0.2.7]>; Tue, 17 Nov 2026",
      " from a.example (b [192.0.2.1]) by c.example (Postfix) with ESMTP id 1 for <a(b);c<d@e>; Tue, 17 Nov 2026",
      " from a.example (b [192.0.2.1]) by c.example (Postfix) with ESMTP id 1 for <by>; Tue, 17 Nov 2026",
      // Comments after the id and the address; the zone's comment, lone line breaks in the date.
      " from a.example (b [192.0.2.1]) by c.example with ESMTPS id 1.2-3 (x=y) for <a@b> (z); Tue, 17 Nov 2026 (CET)",
      " from a.example (b [192.0.2.1]) by c.example with ESMTP; Tue,\n17 Nov 2026 08:14:07\r+0100 (CET",
      // Keywords inside comments are no clauses.
      " from a.example (for [192.0.2.1]) by c.example (Postfix, from userid 0) with ESMTP id 1; Tue, 17 Nov 2026",
    ])
      expect(readsAlike(hop), hop).toBe(true);
  });

  it("leaves a hop whose names, protocol words or id are keywords to the token reader", () => {
    for (const hop of [
      " from by (1.2.3.4) by mx.example with SMTP; Tue, 17 Nov 2026 08:14:07 +0000",
      " from a.example (1.2.3.4) by FOR with SMTP; Tue, 17 Nov 2026 08:14:07 +0000",
      " from a.example (1.2.3.4) by mx.example with ESMTP ID 7; Tue, 17 Nov 2026 08:14:07 +0000",
      " from a.example (1.2.3.4) by mx.example with SMTP; Tue, 17 Nov 2026; 08:14:07 +0000",
      " from a.example (b [192.0.2.1]) by c.example (Postfix) with ESMTP id for <a@b>; Tue, 17 Nov 2026",
      " from a.example (b [192.0.2.1]) by c.example (Postfix) with ESMTP id With; Tue, 17 Nov 2026",
      " from a.example (b [192.0.2.1]) by c.example (Postfix) with ESMTP id 1 for <a@b> For <c@d>; Tue",
    ])
      expect(readsAlike(hop), hop).toBe(false);
  });

  it("leaves to the token reader what it cannot read plainly", () => {
    for (const hop of [
      // Postfix's TLS comments nest; an escaped parenthesis; a nested by-comment.
      " from a.example (a.example [192.0.2.1]) (using TLSv1.3 with cipher X (256/256 bits)) by c.example (Postfix) with ESMTPS id 1; Tue, 17 Nov 2026",
      " from a.example (b [192.0.2.1]) by c.example (Post\\)fix) with ESMTP id 1; Tue, 17 Nov 2026",
      " from a.example (b [192.0.2.1]) by c.example (Postfix (x)) with ESMTP id 1; Tue, 17 Nov 2026",
      // Empty, spaced or unclosed addresses; a bare address; two addresses.
      " from a.example (b [192.0.2.1]) by c.example with ESMTP id 1 for <>; Tue, 17 Nov 2026",
      " from a.example (b [192.0.2.1]) by c.example with ESMTP id 1 for < a@b >; Tue, 17 Nov 2026",
      ' from a.example (b [192.0.2.1]) by c.example with ESMTP id 1 for <"a b"@c>; Tue, 17 Nov 2026',
      " from a.example (b [192.0.2.1]) by c.example with ESMTP id 1 for <a@b; Tue, 17 Nov 2026",
      " from a.example (b [192.0.2.1]) by c.example with ESMTP id 1 for a@b; Tue, 17 Nov 2026",
      " from a.example (b [192.0.2.1]) by c.example with ESMTP id 1 for <a@b> <c@d>; Tue, 17 Nov 2026",
      // Lone line breaks, an id run into "for", a literal that is no IP's characters.
      " from a.example (b [192.0.2.1])\n by c.example with ESMTP id 1; Tue, 17 Nov 2026",
      " from a.example (b [192.0.2.1]) by c.example\r with ESMTP id 1; Tue, 17 Nov 2026",
      " from a.example (b [192.0.2.1]) by c.example with ESMTP id 846CF2117for <a@b>; Tue, 17 Nov 2026",
      " from a.example (b [x.example]) by c.example with ESMTP id 1; Tue, 17 Nov 2026",
      " from [x.example] (b [192.0.2.1]) by c.example with ESMTP id 1; Tue, 17 Nov 2026",
      // Two comments after the from-host (a second IP could come first in neither).
      " from a.example (b) (192.0.2.1) by c.example with ESMTP id 1; Tue, 17 Nov 2026",
    ])
      expect(readsAlike(hop), hop).toBe(false);
  });
});
