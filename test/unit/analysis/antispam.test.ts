import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  emptyStamps,
  isJunked,
  parseAntispam,
  parseInteger,
  parseSfsList,
  parseTimeSpan,
} from "../../../src/analysis/antispam";
import { parseHeaderBlock } from "../../../src/analysis/header-block";
import type { AntispamStamps } from "../../../src/analysis/types";

function stampsOf(...lines: string[]) {
  return parseAntispam(parseHeaderBlock(lines.join("\r\n") + "\r\n\r\n"));
}

describe("X-Forefront-Antispam-Report", () => {
  it("reads every documented field", () => {
    const { stamps, extras } = stampsOf(
      "X-Forefront-Antispam-Report: CIP:40.107.212.82;CTRY:US;LANG:en;SCL:5;SRV:BULK;IPV:NLI;SFV:SPM;H:NAM11-DM6-obe.outbound.protection.outlook.com;PTR:mail-dm6nam11on2082.outbound.protection.outlook.com;CAT:SPM;SFS:(13230040)(4636009)(376014);SFTY:9.25;DIR:INB;ARC:AS=pass;",
    );
    expect(stamps).toMatchObject({
      connectingIp: "40.107.212.82",
      country: "US",
      lang: "en",
      scl: 5,
      srv: "BULK",
      ipv: "NLI",
      sfv: "SPM",
      helo: "NAM11-DM6-obe.outbound.protection.outlook.com",
      ptr: "mail-dm6nam11on2082.outbound.protection.outlook.com",
      cat: "SPM",
      sfs: ["13230040", "4636009", "376014"],
      sfty: "9.25",
      dir: "INB",
    });
    expect(extras.arcField).toBe("AS=pass");
    expect(extras.unknownFields).toEqual([]);
  });

  it("reads Microsoft's documented example (empty CTRY, SRV, PTR and SFS)", () => {
    const { stamps } = stampsOf(
      "X-Forefront-Antispam-Report: CIP:192.0.2.1;CTRY:;LANG:en;SCL:1;SRV:;IPV:NLI;SFV:NSPM;H:mail.contoso.com;PTR:;CAT:NONE;SFS:;DIR:INB;",
    );
    expect(stamps).toMatchObject({
      connectingIp: "192.0.2.1",
      country: null,
      srv: null,
      ptr: null,
      sfs: [],
      scl: 1,
      sfv: "NSPM",
      cat: "NONE",
    });
  });

  it("keeps an IPv6 connecting IP whole (split at the first colon only)", () => {
    const { stamps } = stampsOf("X-Forefront-Antispam-Report: CIP:2a01:111:f403:c10c::3;SFV:NSPM;");
    expect(stamps.connectingIp).toBe("2a01:111:f403:c10c::3");
  });

  it("tolerates unknown fields, broken pairs and folding", () => {
    const { stamps, extras } = stampsOf(
      "X-Forefront-Antispam-Report: CIP:192.0.2.7;EFV:NLI;SFP:1102;garbage;SCL:x;",
      " SFV:SKN;SRVR:BN8PR;:nokey",
    );
    expect(stamps.connectingIp).toBe("192.0.2.7");
    expect(stamps.sfv).toBe("SKN");
    expect(stamps.scl).toBeNull();
    expect(extras.unknownFields).toEqual(["EFV", "SFP", "SRVR"]);
    expect(extras.problems).toHaveLength(2);
    expect(extras.problems[0]).toContain("garbage");
  });

  it("reads the first value of a key written twice, in any case, and lists other keys once", () => {
    const { stamps, extras } = stampsOf(
      "X-Forefront-Antispam-Report: scl:1;SCL:9;Sfv:SPM;SFV:NSPM;efv:a;EFV:b;BCL:8;ara:1;SFP:2",
    );
    expect(stamps.scl).toBe(1);
    expect(stamps.sfv).toBe("SPM");
    expect(extras.unknownFields).toEqual(["EFV", "BCL", "ARA", "SFP"]);
    // BCL counts only in X-Microsoft-Antispam, where it belongs.
    expect(stamps.bcl).toBeNull();
  });
});

describe("the other stamps", () => {
  it("reads BCL and PCL from X-Microsoft-Antispam", () => {
    const { stamps } = stampsOf(
      "X-Microsoft-Antispam: BCL:7;PCL:0;RULEID:(2390118)(7020095);ARA:13230040|376014;",
    );
    expect(stamps.bcl).toBe(7);
    expect(stamps.pcl).toBe(0);
  });

  it("prefers X-MS-Exchange-Organization-SCL over the Forefront SCL", () => {
    const both = stampsOf(
      "X-MS-Exchange-Organization-SCL: -1",
      "X-Forefront-Antispam-Report: SCL:5;SFV:SKN;",
    );
    expect(both.stamps.scl).toBe(-1);
    const forefrontOnly = stampsOf("X-Forefront-Antispam-Report: SCL:6;");
    expect(forefrontOnly.stamps.scl).toBe(6);
  });

  it("reads X-Microsoft-Antispam-Mailbox-Delivery", () => {
    const { stamps, extras } = stampsOf(
      "X-Microsoft-Antispam-Mailbox-Delivery: ucf:0;jmr:1;auth:0;dest:j;OFR:SpamFilterAuthJ;ENG:(910005)(944506478);RF:JunkEmail;",
    );
    expect(stamps.mailboxDelivery).toEqual({
      dest: "J",
      ucf: 0,
      jmr: 1,
      auth: 0,
      ofr: "SpamFilterAuthJ",
      rf: "JunkEmail",
      wl: null,
      pcwl: null,
    });
    expect(extras.ofr).toBe("SpamFilterAuthJ");
    expect(extras.rf).toBe("JunkEmail");
  });

  it("reads X-CustomSpam and X-MS-Exchange-Organization-AuthAs", () => {
    const { extras } = stampsOf(
      "X-CustomSpam: Image links to remote sites",
      "X-MS-Exchange-Organization-AuthAs: Anonymous",
    );
    expect(extras.customSpam).toBe("Image links to remote sites");
    expect(extras.authAs).toBe("Anonymous");
  });

  it("never reads the -Untrusted copies as this tenant's verdict", () => {
    const { stamps, extras } = stampsOf(
      "X-Forefront-Antispam-Report-Untrusted: CIP:255.255.255.255;SCL:1;SFV:NSPM;CAT:NONE;DIR:OUT;",
      "X-Microsoft-Antispam-Untrusted: BCL:0;",
      "X-Forefront-Antispam-Report: CIP:40.107.1.2;SCL:5;SFV:SPM;CAT:SPM;DIR:INB;",
      "X-Microsoft-Antispam: BCL:3;",
    );
    expect(stamps).toMatchObject({ scl: 5, sfv: "SPM", bcl: 3, connectingIp: "40.107.1.2" });
    expect(extras.untrustedCopies).toEqual([
      "X-Forefront-Antispam-Report-Untrusted",
      "X-Microsoft-Antispam-Untrusted",
    ]);
    const untrustedOnly = stampsOf("X-Forefront-Antispam-Report-Untrusted: SCL:9;SFV:SPM;");
    expect(untrustedOnly.stamps.scl).toBeNull();
    expect(untrustedOnly.stamps.sfv).toBeNull();
  });

  it("is empty when there are no stamps", () => {
    const { stamps } = stampsOf("Subject: hello");
    expect(stamps).toEqual(emptyStamps());
  });
});

describe("small readers", () => {
  it("reads integers strictly", () => {
    expect(parseInteger("-1")).toBe(-1);
    expect(parseInteger(" 9 ")).toBe(9);
    expect(parseInteger("5a")).toBeNull();
    expect(parseInteger("")).toBeNull();
    expect(parseInteger("-")).toBeNull();
    expect(parseInteger("99999999999")).toBeNull();
  });

  it("reads SFS lists, ignoring text outside parentheses and unclosed ones", () => {
    expect(parseSfsList("(1)(22) (333)x(")).toEqual(["1", "22", "333"]);
    expect(parseSfsList("")).toEqual([]);
  });
});

describe("junked", () => {
  const stamps = (
    sfv: string | null,
    scl: number | null,
    dest: string | null = null,
  ): AntispamStamps => ({
    ...emptyStamps(),
    sfv,
    scl,
    mailboxDelivery:
      dest === null
        ? null
        : { dest, ucf: 0, jmr: 0, auth: 0, ofr: null, rf: null, wl: null, pcwl: null },
  });

  it.each([
    // [sfv, scl, dest, expected]
    [null, null, "J", true],
    ["NSPM", 1, "J", true],
    ["SPM", 5, null, true],
    ["SKS", 9, null, true],
    ["SKB", 6, null, true],
    ["BLK", null, null, true],
    [null, 6, null, true],
    ["SKN", 5, null, true],
    ["SKN", 5, "I", false],
    ["SFE", 7, "I", false],
    [null, null, "I", false],
    ["NSPM", 1, null, false],
    ["SFE", -1, null, false],
    ["SKA", null, null, false],
    ["SKN", -1, null, false],
    [null, 1, null, null],
    [null, null, null, null],
    ["SKQ", 1, null, false],
  ] as const)("SFV %s, SCL %s, dest %s -> %s", (sfv, scl, dest, expected) => {
    expect(isJunked(stamps(sfv, scl, dest))).toBe(expected);
  });
});

describe("Exchange's TimeSpan", () => {
  it("reads in place as cut into its parts it reads", () => {
    const piece = fc.constantFrom(
      ...["0", "00", "02", "1", "23", "24", "59", "60", "1934717", "1234567890", "12345678901"],
      ...[":", ":", ".", ".", " ", "-", "+", "x", "\u00a0"],
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 9 }), (pieces) => {
        const text = pieces.join("");
        expect(parseTimeSpan(text)).toBe(timeSpanByParts(text));
      }),
      { numRuns: 20_000 },
    );
    const digits = fc.constantFrom(
      "",
      "0",
      "07",
      "23",
      "24",
      "59",
      "60",
      "123456789",
      "1234567890",
    );
    const shaped = fc
      .tuple(fc.option(digits), digits, digits, digits, fc.option(digits))
      .map(([days, hours, minutes, seconds, fraction]) =>
        [
          days === null ? "" : `${days}.`,
          `${hours}:${minutes}:${seconds}`,
          fraction === null ? "" : `.${fraction}`,
        ].join(""),
      );
    fc.assert(
      fc.property(shaped, (text) => {
        expect(parseTimeSpan(text)).toBe(timeSpanByParts(text));
      }),
      { numRuns: 5_000 },
    );
    expect(parseTimeSpan("1.02:03:04.5")).toBe(93_784.5);
    expect(parseTimeSpan("00:00:02.")).toBe(2);
    expect(parseTimeSpan("123456789.00:00:00")).toBe(123_456_789 * 86_400);
    expect(parseTimeSpan("1234567890.00:00:00")).toBeNull();
    expect(parseTimeSpan("00:00:02.1234567890")).toBeNull();
  });
});

/** The TimeSpan as first written: each part cut out, then read. */
function timeSpanByParts(text: string): number | null {
  const value = text.trim();
  if (value.length === 0 || value.length > 40) return null;
  // A third colon never leaves the seconds and their fraction digits only.
  const parts = value.split(":");
  if (parts.length !== 3) return null;
  const [head, minutesText, secondsPart] = parts as [string, string, string];
  const dot = head.indexOf(".");
  const days = dot < 0 ? 0 : unsigned(head.slice(0, dot));
  const hours = unsigned(dot < 0 ? head : head.slice(dot + 1));
  const minutes = unsigned(minutesText);
  const fractionAt = secondsPart.indexOf(".");
  const seconds = unsigned(fractionAt < 0 ? secondsPart : secondsPart.slice(0, fractionAt));
  const fraction = fractionAt < 0 ? "" : secondsPart.slice(fractionAt + 1);
  if (days === null || hours === null || minutes === null || seconds === null) return null;
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  if (fraction.length > 0 && unsigned(fraction) === null) return null;
  const fractionSeconds = fraction.length > 0 ? Number(`0.${fraction.slice(0, 7)}`) : 0;
  const total = ((days * 24 + hours) * 60 + minutes) * 60 + seconds + fractionSeconds;
  return Math.round(total * 1000) / 1000;
}

function unsigned(text: string): number | null {
  return /^[0-9]{1,9}$/.test(text) ? Number(text) : null;
}
