import { describe, expect, it } from "vitest";
import { parseAddressList, parseMailbox, parseReturnPath } from "../../../src/analysis/addresses";

describe("parseAddressList", () => {
  it("reads a display name in quotes and lower-cases only the domain", () => {
    expect(parseAddressList('"Microsoft Azure" <Azure-NoReply@Microsoft.COM>')).toEqual([
      { address: "Azure-NoReply@Microsoft.COM", name: "Microsoft Azure", domain: "microsoft.com" },
    ]);
  });

  it("reads several mailboxes, with commas inside quotes kept", () => {
    expect(
      parseAddressList('John Q. Public <jqp@example.com>, "Doe, Jane" <jane@x.org>, bare@y.net'),
    ).toEqual([
      { address: "jqp@example.com", name: "John Q. Public", domain: "example.com" },
      { address: "jane@x.org", name: "Doe, Jane", domain: "x.org" },
      { address: "bare@y.net", name: null, domain: "y.net" },
    ]);
  });

  it("flattens groups and ignores empty ones", () => {
    expect(parseAddressList("Team: a@x.com, B <b@y.com>;, c@z.com").map((a) => a.address)).toEqual([
      "a@x.com",
      "b@y.com",
      "c@z.com",
    ]);
    expect(parseAddressList("undisclosed-recipients:;")).toEqual([]);
  });

  it("undoes escapes in quoted names", () => {
    expect(parseMailbox('"john \\"jj\\" doe" <j@x.com>')?.name).toBe('john "jj" doe');
  });

  it("drops comments, and uses one as the name of a bare address", () => {
    expect(parseMailbox("Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>")).toEqual({
      address: "pete@silly.test",
      name: "Pete",
      domain: "silly.test",
    });
    expect(parseMailbox("jdoe@example.com (John (the) Doe)")?.name).toBe("John (the) Doe");
  });

  it("decodes encoded words in names, quoted or not", () => {
    expect(parseMailbox("=?UTF-8?B?w4lsb2RpZQ==?= =?UTF-8?Q?_Dupont?= <e@x.fr>")?.name).toBe(
      "Élodie Dupont",
    );
    expect(parseMailbox('"=?utf-8?Q?Caf=C3=A9?=" <c@x.com>')?.name).toBe("Café");
    expect(parseMailbox("=?utf-8?Q?Acme,_Inc.?= <a@acme.com>")?.name).toBe("Acme, Inc.");
  });

  it("shows an address used as a display name for what it is (a name)", () => {
    expect(parseMailbox('"security@paypal.com" <attacker@evil.example>')).toEqual({
      address: "attacker@evil.example",
      name: "security@paypal.com",
      domain: "evil.example",
    });
    expect(parseMailbox("billing@bank.example <x@evil.example>")?.address).toBe("x@evil.example");
  });

  it("reads obsolete routes and domain literals", () => {
    expect(parseMailbox("<@relay.x,@relay.y:user@Host.COM>")).toEqual({
      address: "user@Host.COM",
      name: null,
      domain: "host.com",
    });
    expect(parseMailbox("user@[192.0.2.1]")?.domain).toBe("[192.0.2.1]");
  });

  it("tolerates the usual garbage", () => {
    expect(parseAddressList('"X" <a@b.com, c@d.com').map((a) => a.address)).toEqual([
      "a@b.com",
      "c@d.com",
    ]);
    expect(parseAddressList("a@x.com; b@y.com").map((a) => a.address)).toEqual([
      "a@x.com",
      "b@y.com",
    ]);
    expect(parseMailbox("John Smith john@x.com")).toEqual({
      address: "john@x.com",
      name: "John Smith",
      domain: "x.com",
    });
    expect(parseMailbox("  <  spaced@x.com  >  ")?.address).toBe("spaced@x.com");
    expect(parseAddressList("John Smith")).toEqual([]);
    expect(parseAddressList("")).toEqual([]);
    expect(parseAddressList('"unclosed <a@b.com>')).toEqual([]);
    expect(parseAddressList("(unclosed comment a@b.com")).toEqual([]);
    expect(parseAddressList(null as unknown as string)).toEqual([]);
  });

  it("gives an empty domain to an address without one", () => {
    expect(parseMailbox("<MAILER-DAEMON>")).toEqual({
      address: "MAILER-DAEMON",
      name: null,
      domain: "",
    });
  });
});

describe("parseReturnPath", () => {
  it("returns the bare address", () => {
    expect(parseReturnPath("<bounce+123@mail.Vendor.example>")).toBe(
      "bounce+123@mail.Vendor.example",
    );
    expect(parseReturnPath(" bounce@x.com ")).toBe("bounce@x.com");
  });

  it("returns null for the null reverse-path and for nothing", () => {
    expect(parseReturnPath("<>")).toBeNull();
    expect(parseReturnPath("")).toBeNull();
    expect(parseReturnPath("   ")).toBeNull();
  });
});
