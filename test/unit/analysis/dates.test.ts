import { describe, expect, it } from "vitest";
import { isoUtc, parseDate } from "../../../src/analysis/dates";

describe("parseDate", () => {
  it.each([
    ["Sat, 02 Sep 2023 04:24:06 +0200", "2023-09-02T02:24:06.000Z"],
    ["02 Sep 2023 04:24:06 +0200", "2023-09-02T02:24:06.000Z"],
    ["Thu, 2 Aug 2007 21:50:04 -0200", "2007-08-02T23:50:04.000Z"],
    ["Mon,  7 Aug 2006 17:48:07 +0200 (MEST)", "2006-08-07T15:48:07.000Z"],
    ["Tue, 29 Aug 2023 09:20:10 -0700 (PDT)", "2023-08-29T16:20:10.000Z"],
    ["1 Nov 2003 7:05:19 -0000", "2003-11-01T07:05:19.000Z"],
    ["Thu, 18 Apr 2024 10:21:34 +0000", "2024-04-18T10:21:34.000Z"],
    ["Tue, 6 Nov 2018 07:41 +0200", "2018-11-06T05:41:00.000Z"],
  ])("reads RFC 5322 %j", (text, iso) => {
    expect(parseDate(text)).toBe(iso);
  });

  it.each([
    ["Wed, 24 Jul 2002 16:36:44 GMT", "2002-07-24T16:36:44.000Z"],
    ["3 Jul 2002 15:43:50 UT", "2002-07-03T15:43:50.000Z"],
    ["Wed, 12 Feb 2003 14:22:21 EST", "2003-02-12T19:22:21.000Z"],
    ["Wed, 12 Feb 2003 14:22:21 EDT", "2003-02-12T18:22:21.000Z"],
    ["Wed, 12 Feb 2003 14:22:21 CST", "2003-02-12T20:22:21.000Z"],
    ["Wed, 12 Feb 2003 14:22:21 CDT", "2003-02-12T19:22:21.000Z"],
    ["Wed, 12 Feb 2003 14:22:21 MST", "2003-02-12T21:22:21.000Z"],
    ["Wed, 12 Feb 2003 14:22:21 MDT", "2003-02-12T20:22:21.000Z"],
    ["Wed, 12 Feb 2003 14:22:21 PST", "2003-02-12T22:22:21.000Z"],
    ["Wed, 12 Feb 2003 14:22:21 PDT", "2003-02-12T21:22:21.000Z"],
    ["Wed, 12 Feb 2003 14:22:21 Q", "2003-02-12T14:22:21.000Z"],
    ["Wed, 12 Feb 2003 14:22:21 z", "2003-02-12T14:22:21.000Z"],
    ["Tue, 1 Jul 2003 10:52:37 CEST", "2003-07-01T10:52:37.000Z"],
  ])("reads the obsolete or unknown zone in %j (unknown = -0000)", (text, iso) => {
    expect(parseDate(text)).toBe(iso);
  });

  it("prefers the numeric zone to a zone name that follows it", () => {
    expect(parseDate("17 Jan 2011 08:23:27 -0800 PST")).toBe("2011-01-17T16:23:27.000Z");
  });

  it("uses a zone named alone in a comment when the date has none", () => {
    expect(parseDate("18 Apr 2024 10:21:33.0471 (UTC)")).toBe("2024-04-18T10:21:33.047Z");
    expect(parseDate("Fri, 02 Jun 2006 08:15:21 (PDT)")).toBe("2006-06-02T15:15:21.000Z");
  });

  it("widens 2- and 3-digit years as RFC 5322 §4.3 says", () => {
    expect(parseDate("Wed, 26 Mar 03 20:43:24 -0600")).toBe("2003-03-27T02:43:24.000Z");
    expect(parseDate("Wed, 26 Mar 49 20:43:24 +0000")).toBe("2049-03-26T20:43:24.000Z");
    expect(parseDate("Wed, 26 Mar 99 20:43:24 +0000")).toBe("1999-03-26T20:43:24.000Z");
    expect(parseDate("Wed, 26 Mar 103 20:43:24 +0000")).toBe("2003-03-26T20:43:24.000Z");
  });

  it("reads asctime and date(1) orders", () => {
    expect(parseDate("Fri Feb 07 10:18:12 2003 -0800")).toBe("2003-02-07T18:18:12.000Z");
    expect(parseDate("Sun Nov 13 14:50:12 2005")).toBe("2005-11-13T14:50:12.000Z");
    expect(parseDate("Fri Sep 14 14:36:56 EDT 2018")).toBe("2018-09-14T18:36:56.000Z");
  });

  it("reads fractional seconds, down to the millisecond", () => {
    expect(parseDate("Thu, 02 Apr 2020 07:53:55.516 +0000 (UTC)")).toBe("2020-04-02T07:53:55.516Z");
    expect(parseDate("Thu, 02 Apr 2020 07:53:55.5 +0000")).toBe("2020-04-02T07:53:55.500Z");
  });

  it.each([
    ["2023-09-02T02:24:06Z", "2023-09-02T02:24:06.000Z"],
    ["2023-09-02T02:24:06.123456Z", "2023-09-02T02:24:06.123Z"],
    ["2023-09-02T04:24:06+02:00", "2023-09-02T02:24:06.000Z"],
    ["2023-09-02T04:24:06+0200", "2023-09-02T02:24:06.000Z"],
    ["2023-09-01T21:24:06-05", "2023-09-02T02:24:06.000Z"],
    ["2024-04-18 10:21:33.0471 +02:00", "2024-04-18T08:21:33.047Z"],
    ["2023-09-02 02:24", "2023-09-02T02:24:00.000Z"],
    ["2023-09-02", "2023-09-02T00:00:00.000Z"],
  ])("reads the ISO form %j", (text, iso) => {
    expect(parseDate(text)).toBe(iso);
  });

  it("skips stray punctuation and trailing words", () => {
    expect(parseDate("_ Tue, 21 Jul 2009 14:34:14 +0200")).toBe("2009-07-21T12:34:14.000Z");
    expect(parseDate("Thu, 20 Mar 03 10:06:43 +0100 for <asrg@ietf.org>")).toBe(
      "2003-03-20T09:06:43.000Z",
    );
    expect(parseDate("Mon, 01 Apr 2024\r\n 01:02:19 GMT")).toBe("2024-04-01T01:02:19.000Z");
  });

  it.each([
    [""],
    ["garbage"],
    ["14:47:44 +0000"],
    ["Thu, 31 Feb 2003 10:00:00 +0000"],
    ["Thu, 29 Feb 2003 10:00:00 +0000"],
    ["Thu, 1 Feb 2003 25:00:00 +0000"],
    ["Thu, 1 Feb 2003 10:61:00 +0000"],
    ["Thu, 1 Feb 2003 10:00:00 +2500"],
    ["2023-13-01T00:00:00Z"],
    ["2023-09-02X02:24:06Z"],
    ["2023-09-02T02:24:06 nonsense"],
    ["1 Foo 2003 10:00:00 +0000"],
  ])("returns null for %j", (text) => {
    expect(parseDate(text)).toBeNull();
  });

  it("accepts 29 February in a leap year only", () => {
    expect(parseDate("29 Feb 2024 00:00:00 +0000")).toBe("2024-02-29T00:00:00.000Z");
    expect(parseDate("29 Feb 2100 00:00:00 +0000")).toBeNull();
    expect(parseDate("29 Feb 2000 00:00:00 +0000")).toBe("2000-02-29T00:00:00.000Z");
  });

  it("never throws on values that are not strings", () => {
    expect(parseDate(undefined as unknown as string)).toBeNull();
    expect(parseDate(42 as unknown as string)).toBeNull();
  });
});

describe("parseDate on the common RFC 5322 shape and its near misses", () => {
  it.each([
    ["Thu, 19 Nov 2026 06:00:56 +0000", "2026-11-19T06:00:56.000Z"],
    ["thu, 9 nov 2026 06:00:56 -0130", "2026-11-09T07:30:56.000Z"],
    ["19 NOV 2026 23:59:60 +2359", "2026-11-19T00:01:00.000Z"],
    ["Foo, 19 Nov 2026 06:00:56 +0000", "2026-11-19T06:00:56.000Z"],
    ["Thu, 31 Feb 2026 06:00:56 +0000", null],
    ["Thu, 19 Nov 2026 06:00:56 +2400", null],
    ["Thu, 19 Nov 2026 06:00:56 +0060", null],
    ["Thu, 19 Nov 0999 06:00:56 +0000", null],
  ])("reads %j", (text, iso) => {
    expect(parseDate(text)).toBe(iso);
  });
});

describe("isoUtc", () => {
  it("writes what Date#toISOString writes", () => {
    const instants = [
      0,
      -1,
      1,
      951_782_400_000, // 2000-02-29
      4_107_542_400_000, // 2100-02-28
      -62_167_219_200_000, // 0000-01-01
      -62_167_219_200_001, // the year -1
      -62_162_035_200_001, // 0000-02-29T23:59:59.999Z
      -62_162_035_200_000, // 0000-03-01
      253_402_300_799_999, // 9999-12-31T23:59:59.999Z
      253_402_300_800_000, // the year 10000
    ];
    for (let i = 0; i < 5000; i++) instants.push(Math.round((i - 2500) * 104_729_123_457.3));
    for (const instant of instants) expect(isoUtc(instant)).toBe(new Date(instant).toISOString());
  });

  it("writes the same for instants of one day in a row, and of days taking turns", () => {
    const days = [Date.UTC(2026, 10, 25), Date.UTC(2000, 1, 29), Date.UTC(1969, 11, 31)];
    const instants: number[] = [];
    for (const day of days) for (let i = 0; i < 300; i++) instants.push(day + i * 287_997);
    for (let i = 0; i < 900; i++)
      instants.push((days[i % 3] as number) + ((i * 7_919_311) % 86_400_000));
    instants.push(-62_167_219_200_001, days[0] as number, 253_402_300_800_000, days[0] as number);
    for (const instant of instants) expect(isoUtc(instant)).toBe(new Date(instant).toISOString());
  });
});
