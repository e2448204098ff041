import { describe, expect, it } from "vitest";
import { decodeEncodedWords } from "../../../src/analysis/encoded-words";

describe("decodeEncodedWords", () => {
  it("leaves text without encoded words untouched", () => {
    expect(decodeEncodedWords("Your invoice =? is ready")).toBe("Your invoice =? is ready");
  });

  it("decodes B and Q words in UTF-8", () => {
    expect(decodeEncodedWords("=?UTF-8?B?SGVsbG8gV29ybGQ=?=")).toBe("Hello World");
    expect(decodeEncodedWords("=?utf-8?q?caf=C3=A9_cr=C3=A8me?=")).toBe("café crème");
  });

  it("decodes ISO-8859-*, Windows-125x and other charsets", () => {
    expect(decodeEncodedWords("=?ISO-8859-1?Q?Andr=E9?= Pirard")).toBe("André Pirard");
    expect(decodeEncodedWords("=?ISO-8859-2?Q?=BFa=BFb?=")).toBe("żażb");
    expect(decodeEncodedWords("=?iso-8859-15?q?=A4?=")).toBe("€");
    expect(decodeEncodedWords("=?windows-1251?B?0O7x8e744A==?=")).toBe("Россоша");
    expect(decodeEncodedWords("=?windows-1252?Q?=93quoted=94?=")).toBe("\u201cquoted\u201d");
    expect(decodeEncodedWords("=?koi8-r?B?8NLJ18XU?=")).toBe("Привет");
    expect(decodeEncodedWords("=?Shift_JIS?B?g2WDWINn?=")).toBe("テスト");
    expect(decodeEncodedWords("=?cp1250?Q?=9Ekolka?=")).toBe("žkolka");
  });

  it("joins adjacent encoded words without the whitespace between them (RFC 2047 §6.2)", () => {
    expect(decodeEncodedWords("(=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=)")).toBe("(ab)");
    expect(decodeEncodedWords("(=?ISO-8859-1?Q?a?=\r\n    =?ISO-8859-1?Q?b?=)")).toBe("(ab)");
    expect(decodeEncodedWords("=?UTF-8?Q?a?=  =?ISO-8859-1?Q?=E9?=")).toBe("aé");
  });

  it("keeps the whitespace between an encoded word and ordinary text", () => {
    expect(decodeEncodedWords("(=?ISO-8859-1?Q?a?= b)")).toBe("(a b)");
    expect(decodeEncodedWords("Re: =?utf-8?Q?Rechnung?= Nr. 5")).toBe("Re: Rechnung Nr. 5");
  });

  it("reassembles a UTF-8 character split across two encoded words", () => {
    expect(decodeEncodedWords("=?utf-8?Q?caf=C3?= =?utf-8?Q?=A9?= ok")).toBe("café ok");
    expect(decodeEncodedWords("=?utf-8?B?4oKs?= =?utf-8?B?MTA=?=")).toBe("€10");
  });

  it("drops an RFC 2231 language tag", () => {
    expect(decodeEncodedWords("=?utf-8*en?Q?Hi_there?=")).toBe("Hi there");
    expect(decodeEncodedWords("=?US-ASCII*EN?Q?Keith_Moore?=")).toBe("Keith Moore");
  });

  it("reads base64 without padding", () => {
    expect(decodeEncodedWords("=?utf-8?B?SGk?=")).toBe("Hi");
  });

  it.each([
    ["=?utf-8?B?!!?="],
    ["=?utf-8?X?abc?="],
    ["=?utf-8?Q?no end"],
    ["=??Q?abc?="],
    ["=?x-unknown-charset?Q?abc?="],
    ["=?utf-8?B?SGk=?x?="],
  ])("leaves the malformed word %j as written", (text) => {
    expect(decodeEncodedWords(text)).toBe(text);
  });

  it.each([
    ["=?utf-8?Q?has space?=", "has space"],
    ["=?utf-8?Q?tab\there?=", "tab\there"],
    ["=?utf-8?B?SGk===?=", "Hi"],
    ["=?utf-8?B?SGk=====?= =?utf-8?Q?a b?=", "Hia b"],
  ])("reads the sloppy but unambiguous word %j", (text, decoded) => {
    expect(decodeEncodedWords(text)).toBe(decoded);
  });

  it("keeps the whitespace after a word that could not be decoded", () => {
    expect(decodeEncodedWords("=?x-bogus?Q?a?= =?utf-8?Q?b?=")).toBe("=?x-bogus?Q?a?= b");
  });

  it("keeps a stray '=' in Q text", () => {
    expect(decodeEncodedWords("=?utf-8?Q?1=2B1=3D2_=ZZ?=")).toBe("1+1=2 =ZZ");
  });
});
