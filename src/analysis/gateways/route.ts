/**
 * Where the receiving organisation begins, and whether a gateway stands in front of Exchange
 * Online. A sender can write any gateway stamp it likes, so a stamp counts only when it was
 * written after the message entered the receiving organisation: every server prepends its
 * fields, so a stamp above (newer than) the entry hop's Received field was written inside, and
 * one below it before (docs/analysis-contract.md, "Gateways").
 *
 * The gateway in front is read from what Microsoft stamped, which the sender cannot write: the
 * reverse DNS of the connecting IP (Forefront `PTR:`) in the gateway's infrastructure, or, when
 * Enhanced Filtering for Connectors skipped the gateway (Microsoft then stamps
 * X-MS-Exchange-SkipListedInternetSender, OfficeDocs-Exchange enhanced-filtering-for-
 * connectors.md, and CIP is the original sender's), the gateway's host on Microsoft's own
 * Received hop. A HELO name alone proves nothing: anyone can say it.
 */
import { dkimSignatureDomainAndSelector } from "../auth-results";
import type { HeaderBlock } from "../header-block";
import type { AntispamStamps, AuthSummary, GatewayInFront, GatewayVendor, Hop } from "../types";
import { isMicrosoftHost, vendorOfHost } from "./infrastructure";

export interface RouteInput {
  block: HeaderBlock;
  /** Oldest first, one per Received field (received.ts). */
  hops: readonly Hop[];
  stamps: AntispamStamps;
  auth: AuthSummary;
  trustedAuthservIds: readonly string[];
}

/**
 * The Received field where the organisation begins: the gateway's own MX ("gateway"), a server
 * the tenant trusts by its authserv-id ("trusted"), or Microsoft's edge when no gateway is seen
 * ("microsoft": then a stamp below it may still be an unrecognised relay of the organisation's).
 */
export interface OrganisationEntry {
  kind: "gateway" | "trusted" | "microsoft";
  /** Position of that Received field in the block (0 = topmost). */
  position: number;
}

export interface Route {
  entry: OrganisationEntry | null;
  inFront: GatewayInFront | null;
}

const MAX_ARC_SEALS = 20;

/** The oldest hop that Microsoft received from a host outside Microsoft, or -1. */
function microsoftEntryIndex(hops: readonly Hop[]): number {
  for (let k = 0; k < hops.length; k++) {
    const hop = hops[k]!;
    if (isMicrosoftHost(hop.by) && !isMicrosoftHost(hop.from)) return k;
  }
  return -1;
}

function authFailed(auth: AuthSummary): boolean {
  const spf = auth.spf?.result;
  return (
    spf === "fail" ||
    spf === "softfail" ||
    auth.dmarc?.result === "fail" ||
    auth.compauth?.result === "fail"
  );
}

function arcSealerOf(block: HeaderBlock, vendor: GatewayVendor): string | null {
  for (const field of block.all("ARC-Seal").slice(0, MAX_ARC_SEALS)) {
    const { domain } = dkimSignatureDomainAndSelector(field.value);
    if (domain && vendorOfHost(domain) === vendor) return domain.toLowerCase();
  }
  return null;
}

function matchesTrusted(host: string | null, trusted: readonly string[]): boolean {
  if (!host || trusted.length === 0) return false;
  const name = host.toLowerCase();
  return trusted.some((id) => {
    const own = id.toLowerCase();
    return name === own || name.endsWith(`.${own}`);
  });
}

export function readRoute(input: RouteInput): Route {
  const { block, hops, stamps, auth, trustedAuthservIds } = input;
  const received = block.all("Received");
  // hops[k] (oldest first) is received[n - 1 - k] (topmost first).
  const positionOf = (k: number) => received[received.length - 1 - k]?.position ?? -1;
  const microsoftIndex = microsoftEntryIndex(hops);
  const microsoftHop = microsoftIndex >= 0 ? hops[microsoftIndex]! : null;

  const skipListed =
    block.first("X-MS-Exchange-SkipListedInternetSender") !== undefined ||
    block.first("X-MS-Exchange-ExternalOriginalInternetSender") !== undefined;
  let vendor = vendorOfHost(stamps.ptr);
  let host = vendor ? stamps.ptr : null;
  let ip = vendor ? stamps.connectingIp : null;
  let enhancedFiltering = false;
  if (!vendor && skipListed && microsoftHop) {
    vendor = vendorOfHost(microsoftHop.from);
    host = vendor ? microsoftHop.from : null;
    ip = vendor ? microsoftHop.fromIp : null;
    enhancedFiltering = vendor !== null;
  }
  const inFront: GatewayInFront | null =
    vendor && host
      ? {
          vendor,
          host: host.toLowerCase(),
          ip,
          authFailed: authFailed(auth),
          enhancedFiltering,
          arcSealer: arcSealerOf(block, vendor),
        }
      : null;

  let entry: OrganisationEntry | null = null;
  if (vendor) {
    // The gateway's hops are the run of its hosts right before Microsoft's edge; an older hop
    // of the same vendor outside that run is the sender's own outbound filter.
    let k = (microsoftIndex >= 0 ? microsoftIndex : hops.length) - 1;
    let oldest = -1;
    while (k >= 0 && vendorOfHost(hops[k]!.by) === vendor) oldest = k--;
    if (oldest >= 0) entry = { kind: "gateway", position: positionOf(oldest) };
  }
  for (let k = 0; k < hops.length && entry === null; k++) {
    const by = hops[k]!.by;
    if (!isMicrosoftHost(by) && matchesTrusted(by, trustedAuthservIds)) {
      entry = { kind: "trusted", position: positionOf(k) };
    }
  }
  if (entry === null && microsoftIndex >= 0) {
    entry = { kind: "microsoft", position: positionOf(microsoftIndex) };
  }
  if (entry !== null && entry.position < 0) entry = null;
  return { entry, inFront };
}

/** Where a stamp at `position` stands against the organisation's entry. */
export function placementOf(
  position: number,
  entry: OrganisationEntry | null,
): "receiving" | "before-entry" | "unplaced" {
  if (entry === null) return "unplaced";
  if (position < entry.position) return "receiving";
  return entry.kind === "microsoft" ? "unplaced" : "before-entry";
}
