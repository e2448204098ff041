import fc from "fast-check";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildHops, isIpv4, isIpv6, parseReceived } from "../../../src/analysis/received";

/** The third-party corpus (stalwartlabs/mail-parser, resources/received.json; MIT). */
const corpusPath = fileURLToPath(
  new URL("../../../../shared/corpus/received/stalwart-received.json", import.meta.url),
);

interface CorpusHost {
  Name?: string;
  IpAddr?: string;
}
interface CorpusDate {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  tz_before_gmt: boolean;
  tz_hour: number;
  tz_minute: number;
}
interface CorpusCase {
  header: string;
  expected: {
    from?: CorpusHost;
    by?: CorpusHost;
    from_ip?: string;
    id?: string;
    date?: CorpusDate;
  };
}

interface Expected {
  from: string | null;
  by: string | null;
  fromIp: string | null;
  id: string | null;
  date: string | null;
}

/**
 * Cases where the corpus records what its own parser produced rather than what the header
 * says. Each is asserted with the value we hold correct, and the reason is written beside it.
 */
const CORRECTIONS: Record<number, { expected: Partial<Expected>; reason: string }> = {
  13: {
    expected: { date: "2003-02-07T18:18:12.000Z" },
    reason: "asctime order 'Fri Feb 07 10:18:12 2003 -0800'; the corpus garbles it into 1910",
  },
  28: {
    expected: { id: "EE/20-30863-33CE1054" },
    reason: "Ecelerity's queue id contains '/', the corpus cuts it there",
  },
  29: {
    expected: { id: "8B/57-16227-3764EB44" },
    reason: "Ecelerity's queue id contains '/', the corpus cuts it there",
  },
  30: {
    expected: { id: "52/92-02454-89FBA054" },
    reason: "Ecelerity's queue id contains '/', the corpus cuts it there",
  },
  69: {
    expected: { date: "2003-02-20T23:13:20.000Z" },
    reason:
      "the date follows the id without a ';', and 'Thu, 20 Feb 2003 ...' can only be the date; the corpus drops it",
  },
  67: {
    expected: { date: "2003-02-12T22:22:21.000Z" },
    reason: "RFC 5322 §4.3: PST is -0800; the corpus reads it as -0000",
  },
  89: {
    expected: { date: "2003-03-27T02:43:24.000Z" },
    reason: "RFC 5322 §4.3: the 2-digit year 03 is 2003; the corpus says 1903",
  },
  90: {
    expected: { date: "2004-02-27T22:16:56.000Z" },
    reason: "RFC 5322 §4.3: the 2-digit year 04 is 2004; the corpus says 1904",
  },
  117: {
    expected: { date: "2005-11-13T14:50:12.000Z" },
    reason: "asctime 'Sun Nov 13 14:50:12 2005' without a zone (-0000); the corpus garbles it",
  },
  118: {
    expected: { date: "2005-11-13T15:38:52.000Z" },
    reason: "asctime 'Sun Nov 13 15:38:52 2005' without a zone (-0000); the corpus garbles it",
  },
  123: {
    expected: { by: "alpha" },
    reason: "qmail-scanner writes 'by alpha by uid 7791': the host is the first 'by'",
  },
  128: {
    expected: { date: "2003-03-20T09:06:43.000Z" },
    reason: "RFC 5322 §4.3: the 2-digit year 03 is 2003; the corpus says 1903",
  },
  144: {
    expected: { date: "2020-04-02T07:53:55.516Z" },
    reason: "SendGrid writes fractional seconds '07:53:55.516'; the corpus drops the seconds",
  },
  151: {
    expected: { date: "2018-09-14T18:36:56.000Z" },
    reason: "date(1) order 'Fri Sep 14 14:36:56 EDT 2018' (EDT is -0400); the corpus garbles it",
  },
  161: {
    expected: { from: null, fromIp: null },
    reason: "a comment names no host the message came from; the corpus reads 'from' inside it",
  },
  162: {
    expected: { from: null },
    reason: "a comment names no host the message came from; the corpus reads 'from' inside it",
  },
  163: {
    expected: { from: null, date: "2006-06-02T15:15:21.000Z" },
    reason:
      "a comment names no host the message came from; the corpus reads 'from' inside it; RFC 5322 §4.3: PDT is -0700, the corpus reads it as -0000",
  },
  165: {
    expected: { from: null },
    reason: "qmail's '(qmail 84907 invoked from network)' is a comment; 'network' is no host",
  },
  171: {
    expected: { from: null },
    reason: "Postfix's 'by host (Postfix, from userid 1002)' is a comment; 'userid' is no host",
  },
};

function corpusInstant(date: CorpusDate | undefined): string | null {
  if (!date) return null;
  const offset = (date.tz_hour * 60 + date.tz_minute) * (date.tz_before_gmt ? -1 : 1);
  const local = Date.UTC(date.year, date.month - 1, date.day, date.hour, date.minute, date.second);
  return new Date(local - offset * 60_000).toISOString();
}

function hostText(host: CorpusHost | undefined): string | null {
  return host?.Name ?? host?.IpAddr ?? null;
}

/** IPv6 written out in full (eight 4-digit groups), so "0000:002f" equals "0:2f". */
function canonicalIp(ip: string | null): string | null {
  if (ip === null || ip.indexOf(":") < 0) return ip;
  let text = ip.toLowerCase();
  const lastColon = text.lastIndexOf(":");
  const tail = text.slice(lastColon + 1);
  if (tail.indexOf(".") >= 0) {
    const [a, b, c, d] = tail.split(".").map(Number) as [number, number, number, number];
    text = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", rest] = text.split("::");
  const headGroups = head ? head.split(":") : [];
  const restGroups = rest ? rest.split(":") : [];
  const zeros =
    rest === undefined ? [] : Array(8 - headGroups.length - restGroups.length).fill("0");
  return [...headGroups, ...zeros, ...restGroups].map((group) => group.padStart(4, "0")).join(":");
}

const corpus = JSON.parse(readFileSync(corpusPath, "utf8")) as CorpusCase[];

describe("Received corpus (stalwart mail-parser, 181 real headers)", () => {
  it("holds every case it is documented to hold", () => {
    expect(corpus).toHaveLength(181);
  });

  it("corrections name only cases that exist", () => {
    for (const index of Object.keys(CORRECTIONS)) expect(corpus[Number(index)]).toBeDefined();
  });

  it.each(corpus.map((testCase, index) => [index, testCase] as const))(
    "case %i",
    (index, testCase) => {
      const { expected } = testCase;
      const fromHost = hostText(expected.from);
      const wanted: Expected = {
        from: fromHost,
        by: hostText(expected.by),
        // A "from [1.2.3.4]" gives the sending IP too, even where the corpus lists it only as host.
        fromIp: expected.from_ip ?? expected.from?.IpAddr ?? null,
        id: expected.id ?? null,
        date: corpusInstant(expected.date),
        ...CORRECTIONS[index]?.expected,
      };
      const parsed = parseReceived(testCase.header);
      expect({
        from: parsed.from,
        by: parsed.by,
        fromIp: canonicalIp(parsed.fromIp),
        id: parsed.id,
        date: parsed.date,
      }).toEqual({ ...wanted, fromIp: canonicalIp(wanted.fromIp) });
    },
  );
});

describe("parseReceived on Exchange Online and other current shapes", () => {
  it("reads Exchange Online's internal hop with IPv6 addresses", () => {
    const parsed = parseReceived(
      "from BN8PR12MB3395.namprd12.prod.outlook.com (2603:10b6:408:43::22) by " +
        "SN6PR12MB2781.namprd12.prod.outlook.com (2603:10b6:805:6c::27) with Microsoft SMTP " +
        "Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.7452.22; " +
        "Thu, 18 Apr 2024 10:21:34 +0000",
    );
    expect(parsed).toEqual({
      from: "BN8PR12MB3395.namprd12.prod.outlook.com",
      fromIp: "2603:10b6:408:43::22",
      by: "SN6PR12MB2781.namprd12.prod.outlook.com",
      with: "Microsoft SMTP Server",
      via: null,
      id: "15.20.7452.22",
      for: null,
      date: "2024-04-18T10:21:34.000Z",
    });
  });

  it("reads Exchange Online's frontend hop with 'via Frontend Transport'", () => {
    const parsed = parseReceived(
      "from AM4PEPF00027A64.eurprd04.prod.outlook.com (2603:10a6:20b:2c4:cafe::7f) by " +
        "AS9PR06CA0262.outlook.office365.com (2603:10a6:20b:45f::33) with Microsoft SMTP Server " +
        "(version=TLS1_3, cipher=TLS_AES_256_GCM_SHA384) id 15.20.7472.11 via Frontend Transport; " +
        "Thu, 18 Apr 2024 10:21:33 +0000",
    );
    expect(parsed.fromIp).toBe("2603:10a6:20b:2c4:cafe::7f");
    expect(parsed.by).toBe("AS9PR06CA0262.outlook.office365.com");
    expect(parsed.via).toBe("Frontend");
    expect(parsed.id).toBe("15.20.7472.11");
  });

  it("reads the internet-facing hop into Exchange Online Protection", () => {
    const parsed = parseReceived(
      "from mail-sor-f41.google.com (209.85.220.41) by " +
        "AM4PEPF00027A64.mail.protection.outlook.com (10.167.16.75) with Microsoft SMTP Server " +
        "(version=TLS1_3, cipher=TLS_AES_256_GCM_SHA384) id 15.20.7472.11 via Frontend " +
        "Transport; Thu, 18 Apr 2024 10:21:32 +0000",
    );
    expect(parsed.from).toBe("mail-sor-f41.google.com");
    expect(parsed.fromIp).toBe("209.85.220.41");
    expect(parsed.date).toBe("2024-04-18T10:21:32.000Z");
  });

  it("reads the mailbox hop (with mapi) and drops the IPv6 zone", () => {
    const parsed = parseReceived(
      "from DB9PR04MB8107.eurprd04.prod.outlook.com ([fe80::3a1c:1d29:54b9:89c5]) by " +
        "DB9PR04MB8107.eurprd04.prod.outlook.com ([fe80::3a1c:1d29:54b9:89c5%4]) with mapi id " +
        "15.20.7472.010; Thu, 18 Apr 2024 10:21:35 +0000",
    );
    expect(parsed.fromIp).toBe("fe80::3a1c:1d29:54b9:89c5");
    expect(parsed.with).toBe("mapi");
  });

  it("reads Gmail's outbound hop, an IPv6 'by' host and a 'for' recipient", () => {
    const parsed = parseReceived(
      "from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41]) by mx.google.com " +
        "with SMTPS id a640c23a62f3a-a52;\r\n        Mon, 22 Apr 2024 06:17:05 -0700 (PDT)",
    );
    expect(parsed.fromIp).toBe("209.85.220.41");
    expect(parsed.date).toBe("2024-04-22T13:17:05.000Z");
    const internal = parseReceived(
      "by 2002:a05:6500:5d93:b0:1f9:3a1a:d0b2 with SMTP id z19csp1223lqp; " +
        "Mon, 22 Apr 2024 06:17:06 -0700 (PDT)",
    );
    expect(internal.by).toBe("2002:a05:6500:5d93:b0:1f9:3a1a:d0b2");
    expect(internal.from).toBeNull();
  });

  it("reads Amazon SES and qmail 'invoked from network'", () => {
    const ses = parseReceived(
      "from a8-30.smtp-out.amazonses.com (a8-30.smtp-out.amazonses.com [54.240.8.30]) by " +
        "mx.example.net (Postfix) with ESMTPS id 4VNk2Q0x4Cz9sWk for <ops@example.net>; " +
        "Tue, 23 Apr 2024 08:00:01 +0000 (UTC)",
    );
    expect(ses).toMatchObject({
      fromIp: "54.240.8.30",
      id: "4VNk2Q0x4Cz9sWk",
      for: "ops@example.net",
    });
    const qmail = parseReceived("(qmail 1234 invoked from network); 12 Jan 2024 10:00:00 -0000");
    expect(qmail).toMatchObject({ from: null, by: null, date: "2024-01-12T10:00:00.000Z" });
    const uid = parseReceived("(qmail 1234 invoked by uid 0); 12 Jan 2024 10:00:00 -0000");
    expect(uid).toMatchObject({ from: null, by: null });
  });

  it("keeps going on garbage and unclosed brackets", () => {
    expect(parseReceived("")).toMatchObject({ from: null, by: null, date: null });
    expect(parseReceived("from (unclosed [1.2.3.4 by x; Mon, 1 Jan 2024 00:00:00 +0000").date).toBe(
      "2024-01-01T00:00:00.000Z",
    );
    expect(parseReceived("from [999.1.1.1] by x").fromIp).toBeNull();
    expect(parseReceived("] from a ] by b ]; 1 Jan 2024 00:00:00 +0000")).toMatchObject({
      from: "a",
      by: "b",
      date: "2024-01-01T00:00:00.000Z",
    });
  });
});

describe("IP addresses", () => {
  it.each([
    ["::", true],
    ["::1", true],
    ["fe80::", true],
    ["2603:10b6:408:43::22", true],
    ["::ffff:127.0.0.1", true],
    ["1:2:3:4:5:6:7:8", true],
    ["1:2:3:4:5:6:127.0.0.1", true],
    ["1:2:3:4:5:6:7", false],
    ["1:2:3:4:5:6:7:8:9", false],
    ["1::2::3", false],
    [":::", false],
    [":1::2", false],
    ["1::2:", false],
    ["12345::1", false],
    ["g::1", false],
    ["14:36:56", false],
    ["1:2:3:4:5:6:7::8", false],
    // RFC 4291 section 2.2 and RFC 5952 forms, and their near misses
    ["2001:db8::1", true],
    ["2001:DB8:0:0:0:0:2:1", true],
    ["1::", true],
    ["1:2:3:4:5:6:7::", true],
    ["::2:3:4:5:6:7:8", true],
    ["::1.2.3.4", true],
    [":1:2:3:4:5:6:7", false],
    ["1:2:3:4:5:6:7:", false],
    ["1:2:3:4:5:6:7:8::", false],
    ["::1:", false],
    ["1:::2", false],
    ["1:2:3:4:5:6:7:1.2.3.4", false],
    ["1:2:3:4:5:1.2.3.4", false],
    ["::1.2.3", false],
    ["1.2.3.4::", false],
    ["1.2.3.4:1::", false],
  ])("isIpv6(%j) is %s", (text, valid) => {
    expect(isIpv6(text)).toBe(valid);
    // The same, read in place within a longer text.
    expect(isIpv6(`[${text}]`, 1, text.length + 1)).toBe(valid);
  });

  it("reads IPv6 as the rules read group by group (RFC 4291 section 2.2)", () => {
    const piece = fc.constantFrom(
      ...["0", "1", "9", "a", "F", "ff", "abc", "10a6", "12345", "g", "G", "\u0010", "\u0019"],
      ...[":", ":", "::", ".", "1.2.3.4", "192.0.2.1", "256.1.1.1", "1.2.3", "%5", " "],
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
        const text = pieces.join("");
        expect(isIpv6(text)).toBe(isIpv6ByGroups(text));
        expect(isIpv6(`(${text})`, 1, text.length + 1)).toBe(isIpv6ByGroups(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it.each([
    ["192.0.2.1", true],
    ["0.0.0.0", true],
    ["255.255.255.255", true],
    ["256.1.1.1", false],
    ["1.2.3", false],
    ["1.2.3.4.5", false],
    ["1..2.3", false],
    ["1.2.3.4.", false],
    ["1234.1.1.1", false],
  ])("isIpv4(%j) is %s", (text, valid) => {
    expect(isIpv4(text)).toBe(valid);
  });
});

describe("buildHops", () => {
  const topmostFirst = [
    "from b.example (b.example [192.0.2.2]) by c.example with ESMTP id C; Mon, 1 Jan 2024 10:00:30 +0000",
    "from a.example (a.example [192.0.2.1]) by b.example with ESMTP id B; Mon, 1 Jan 2024 11:00:00 +0100",
    "from origin by a.example with local id A; Mon, 1 Jan 2024 10:00:05 +0000",
  ];

  it("returns the oldest hop first with 1-based indexes", () => {
    const hops = buildHops(topmostFirst);
    expect(hops.map((hop) => [hop.index, hop.id])).toEqual([
      [1, "A"],
      [2, "B"],
      [3, "C"],
    ]);
  });

  it("measures delays from the previous hop, negative under clock skew", () => {
    expect(buildHops(topmostFirst).map((hop) => hop.delaySeconds)).toEqual([null, -5, 30]);
  });

  it("leaves a delay unknown when either date is unknown", () => {
    const hops = buildHops([
      "by c.example; Mon, 1 Jan 2024 10:00:30 +0000",
      "by b.example (no date here)",
      "by a.example; Mon, 1 Jan 2024 10:00:00 +0000",
    ]);
    expect(hops.map((hop) => hop.delaySeconds)).toEqual([null, null, null]);
    expect(hops[1]?.date).toBeNull();
  });

  it("is empty for no Received headers", () => {
    expect(buildHops([])).toEqual([]);
  });
});

/** RFC 4291 section 2.2 read as written: split at the "::", then each side at ":". */
function isIpv6ByGroups(text: string): boolean {
  const halves = text.split("::");
  if (halves.length > 2) return false;
  const groupsOf = (half: string) => (half === "" ? [] : half.split(":"));
  const groups = halves.flatMap(groupsOf);
  const last = groups.at(-1);
  const ipv4Tail = last !== undefined && last.includes(".");
  if (ipv4Tail && (halves.length === 2 ? halves[1] === "" : false)) return false;
  if (ipv4Tail && !isIpv4(last)) return false;
  const hexGroups = ipv4Tail ? groups.slice(0, -1) : groups;
  if (!hexGroups.every((group) => /^[0-9A-Fa-f]{1,4}$/.test(group))) return false;
  const count = hexGroups.length + (ipv4Tail ? 2 : 0);
  return halves.length === 2 ? count < 8 : count === 8;
}
