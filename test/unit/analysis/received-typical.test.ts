import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseHeaderBlock } from "../../../src/analysis/header-block";
import {
  parseReceived,
  parseReceivedByTokens,
  readsAsTypicalHop,
} from "../../../src/analysis/received";

const samplesDir = fileURLToPath(new URL("../../../samples/", import.meta.url));
const sampleHops = readdirSync(samplesDir)
  .filter((name) => name.endsWith(".eml"))
  .flatMap((name) =>
    parseHeaderBlock(readFileSync(join(samplesDir, name), "utf8"))
      .all("Received")
      .map((field) => field.folded),
  );
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

/** A hop with a few pieces inserted, removed or replaced at random places. */
const mutatedHop = fc
  .tuple(
    fc.constantFrom(...EXCHANGE_ONLINE_HOPS, ...sampleHops),
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

describe("the typical hop's expression reads as the token reader reads", () => {
  it("takes Exchange Online's hops, and most of the samples'", () => {
    for (const hop of EXCHANGE_ONLINE_HOPS) expect(readsAsTypicalHop(hop)).toBe(true);
    const typical = sampleHops.filter(readsAsTypicalHop).length;
    expect(typical).toBeGreaterThan(sampleHops.length / 2);
    expect(
      readsAsTypicalHop(
        " from mx.example (localhost [127.0.0.1]) by mx.example with ESMTP id 1; Tue, 17 Nov 2026 08:14:07 +0000",
      ),
    ).toBe(false);
  });

  it("gives every sample and corpus hop the token reader's reading", () => {
    for (const hop of [...EXCHANGE_ONLINE_HOPS, ...sampleHops, ...corpus])
      expect(parseReceived(hop)).toEqual(parseReceivedByTokens(hop));
  });

  it("gives mutated hops the token reader's reading, whether it takes them or not", () => {
    let taken = 0;
    fc.assert(
      fc.property(mutatedHop, (hop) => {
        if (readsAsTypicalHop(hop)) taken++;
        expect(parseReceived(hop)).toEqual(parseReceivedByTokens(hop));
      }),
      { numRuns: 20_000 },
    );
    // The mutations reach both sides of the expression.
    expect(taken).toBeGreaterThan(1000);
    expect(taken).toBeLessThan(19_000);
  });

  it("reads the unusual hops it takes as the token reader does", () => {
    for (const hop of [
      // The host is an IP and the comment holds none: the host's IP is the sending IP.
      " from 192.0.2.1 (beef) by mx.example with SMTP; Tue, 17 Nov 2026 08:14:07 +0000",
      " from 192.0.2.1 (2001:db8::1) by 198.51.100.2 (10.0.0.1) with SMTP; Tue, 17 Nov 2026",
      "from a.example\r\n (1.2.3.4)\r\n\tby b.example with A B C (x; y\r\n z) id 1.2 via Frontend Transport;",
    ]) {
      expect(readsAsTypicalHop(hop)).toBe(true);
      expect(parseReceived(hop)).toEqual(parseReceivedByTokens(hop));
    }
  });

  it("leaves a hop whose names or protocol words are keywords to the token reader", () => {
    for (const hop of [
      " from by (1.2.3.4) by mx.example with SMTP; Tue, 17 Nov 2026 08:14:07 +0000",
      " from a.example (1.2.3.4) by FOR with SMTP; Tue, 17 Nov 2026 08:14:07 +0000",
      " from a.example (1.2.3.4) by mx.example with ESMTP ID 7; Tue, 17 Nov 2026 08:14:07 +0000",
      " from a.example (1.2.3.4) by mx.example with SMTP; Tue, 17 Nov 2026; 08:14:07 +0000",
    ]) {
      expect(readsAsTypicalHop(hop)).toBe(false);
      expect(parseReceived(hop)).toEqual(parseReceivedByTokens(hop));
    }
  });
});
