import { isIP } from "node:net";
import { blockListOf, LOCAL_RANGES } from "../net/ip-ranges";

/**
 * Which sending addresses public DNS can say something about: a blocklist or a reverse name of
 * 10.0.0.1 would describe the reader's own network, not the sender.
 */
const NOT_PUBLIC = blockListOf(LOCAL_RANGES);

/**
 * The address in one text form (IPv6 as eight four-digit groups, so two spellings of one
 * address compare equal), or null when it is not an IP address.
 */
export function canonicalIp(text: string): { ip: string; family: 4 | 6 } | null {
  const trimmed = text.trim().replace(/^\[|\]$/g, "");
  const family = isIP(trimmed);
  if (family === 4) return { ip: trimmed, family };
  if (family === 6) return { ip: expandIpv6(trimmed).join(":"), family };
  return null;
}

export function isPublicIp(ip: string, family: 4 | 6): boolean {
  return !NOT_PUBLIC.check(ip, family === 4 ? "ipv4" : "ipv6");
}

/** Eight four-digit groups: "2001:db8::1" → ["2001", "0db8", "0000", ..., "0001"]. */
export function expandIpv6(ip: string): string[] {
  const [head = "", tail] = ip.toLowerCase().split("::");
  const left = head === "" ? [] : head.split(":");
  const right = tail === undefined || tail === "" ? [] : tail.split(":");
  // An embedded IPv4 tail ("::ffff:192.0.2.1") is two groups.
  const embed = (groups: string[]) =>
    groups.flatMap((group) => {
      if (!group.includes(".")) return [group];
      const [a = 0, b = 0, c = 0, d = 0] = group.split(".").map(Number);
      return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
    });
  const l = embed(left);
  const r = embed(right);
  const fill = tail === undefined ? [] : Array<string>(8 - l.length - r.length).fill("0");
  return [...l, ...fill, ...r].map((group) => group.padStart(4, "0"));
}

/**
 * The name a DNS blocklist is asked (RFC 5782 §2.1, §2.4), and with "in-addr.arpa" or
 * "ip6.arpa" the reverse name: reversed octets, or reversed nibbles.
 */
export function blocklistQueryName(ip: string, family: 4 | 6, zone: string): string {
  const reversed =
    family === 4
      ? ip.split(".").reverse().join(".")
      : expandIpv6(ip).join("").split("").reverse().join(".");
  return `${reversed}.${zone}`;
}
