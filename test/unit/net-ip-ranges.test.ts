import { describe, expect, it } from "vitest";
import { canonicalIp, isPublicIp } from "../../server/reputation/addresses";
import { checkTargetUrl, isBlockedAddress } from "../../server/watch/outbound";

const publicOf = (text: string) => {
  const ip = canonicalIp(text);
  if (!ip) throw new Error(`not an address: ${text}`);
  return isPublicIp(ip.ip, ip.family);
};

describe("addresses that are nobody's on the public internet", () => {
  const local = [
    "0.1.2.3",
    "10.20.30.40",
    "100.64.0.1",
    "100.127.255.254",
    "127.0.0.1",
    "169.254.169.254",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "224.0.0.251",
    "239.255.255.250",
    "240.0.0.1",
    "255.255.255.255",
    "::",
    "::1",
    "fd00::1",
    "fe80::1",
    "ff02::1",
    "::ffff:10.0.0.1",
    "::ffff:a00:1",
    "::FFFF:127.0.0.1",
  ];
  const everyoneElse = ["8.8.8.8", "40.107.22.53", "172.32.0.1", "100.128.0.1", "2a01:111:f403::1"];

  it.each(local)("%s has no public reputation and is never posted to", (address) => {
    expect(publicOf(address)).toBe(false);
    expect(isBlockedAddress(address)).toBe(true);
  });

  it.each(everyoneElse)("%s is public for both", (address) => {
    expect(publicOf(address)).toBe(true);
    expect(isBlockedAddress(address)).toBe(false);
  });

  it.each([
    "192.0.2.10",
    "198.51.100.7",
    "203.0.113.9",
    "198.18.0.1",
    "2001:db8::25",
    "64:ff9b::1",
  ])("%s (special purpose) is refused as a target but still looked up as a sender", (address) => {
    expect(isBlockedAddress(address)).toBe(true);
    expect(publicOf(address)).toBe(true);
  });

  it("refuses a webhook URL at a mapped private address", () => {
    expect(() => checkTargetUrl("https://[::ffff:a00:1]/hook", { allowPrivate: false })).toThrow(
      /private or reserved/,
    );
    expect(checkTargetUrl("https://[::ffff:808:808]/hook", { allowPrivate: false }).hostname).toBe(
      "[::ffff:808:808]",
    );
  });

  it("treats what is not an address as blocked", () => {
    expect(isBlockedAddress("example.com")).toBe(true);
  });
});
