import { BlockList } from "node:net";

/** An address range: network, prefix length, family. */
export type IpRange = readonly [network: string, prefix: number, family: "ipv4" | "ipv6"];

/**
 * Addresses that are nobody's on the public internet (RFC 6890 and its IANA registries):
 * this network, private, shared (CGNAT), loopback, link-local, unique-local, multicast and
 * reserved. A sender at one of them says nothing about its reputation; the service never posts
 * to one.
 */
export const LOCAL_RANGES: readonly IpRange[] = [
  ["0.0.0.0", 8, "ipv4"],
  ["10.0.0.0", 8, "ipv4"],
  ["100.64.0.0", 10, "ipv4"],
  ["127.0.0.0", 8, "ipv4"],
  ["169.254.0.0", 16, "ipv4"],
  ["172.16.0.0", 12, "ipv4"],
  ["192.168.0.0", 16, "ipv4"],
  // Multicast (224/4) and reserved (240/4).
  ["224.0.0.0", 3, "ipv4"],
  // Unspecified and loopback.
  ["::", 127, "ipv6"],
  ["fc00::", 7, "ipv6"],
  ["fe80::", 10, "ipv6"],
  ["ff00::", 8, "ipv6"],
];

/**
 * Special-purpose ranges that are not local but never a real server either: IETF protocol
 * assignments, documentation, benchmarking, the NAT64 prefix and the discard prefix. The tests'
 * fake senders live in the documentation ranges, so only outbound requests refuse these.
 */
export const SPECIAL_PURPOSE_RANGES: readonly IpRange[] = [
  ["192.0.0.0", 24, "ipv4"],
  ["192.0.2.0", 24, "ipv4"],
  ["198.18.0.0", 15, "ipv4"],
  ["198.51.100.0", 24, "ipv4"],
  ["203.0.113.0", 24, "ipv4"],
  ["64:ff9b::", 96, "ipv6"],
  ["100::", 64, "ipv6"],
  ["2001:db8::", 32, "ipv6"],
];

/**
 * A BlockList of the given ranges. Node's BlockList also judges an IPv4-mapped IPv6 address
 * (::ffff:10.0.0.1) by the IPv4 address inside, so no mapped range is listed.
 */
export function blockListOf(...lists: readonly (readonly IpRange[])[]): BlockList {
  const blockList = new BlockList();
  for (const [network, prefix, family] of lists.flat()) {
    blockList.addSubnet(network, prefix, family);
  }
  return blockList;
}
