/**
 * The gateway insight: a sender whose reports show a third-party gateway in front of Exchange
 * Online with Microsoft's authentication failing (the analysis finding `gateway-in-front`).
 * Microsoft saw the gateway's IP, so SPF, DMARC and composite authentication failed on the
 * organisation's routing, not on the sender: such a sender is an insight, never an allow, and
 * the fix is Microsoft's documented one, with its PowerShell:
 * - Enhanced Filtering for Connectors (skip listing) on the inbound connector from the gateway,
 *   `Set-InboundConnector -Identity <connector> -EFSkipLastIP $true` or `-EFSkipIPs <ranges>`
 *   (OfficeDocs-Exchange `enhanced-filtering-for-connectors.md`; office-docs-powershell
 *   `Set-InboundConnector.md`);
 * - or the gateway as a trusted ARC sealer, `Set-ArcConfig -Identity Default -ArcTrustedSealers`,
 *   which replaces the whole list, so the existing sealers are read first (office-docs-powershell
 *   `Set-ArcConfig.md`, example 2; defender-docs `email-authentication-arc-configure.md`).
 */
import type { SenderEvidence } from "../identity/evidence";
import { GATEWAY_PRODUCTS } from "../../src/analysis/gateways/meanings";
import { GATEWAY_FRONT_SIGNAL, GATEWAY_SEALER_SIGNAL } from "../../src/analysis/gateways/signals";
import type { GatewayVendor } from "../../src/analysis/types";

export const GATEWAY_IN_FRONT_FINDING = "gateway-in-front";

/** Refusals that a gateway in front explains: the failures are the routing's, not the sender's. */
export const EXPLAINED_BY_GATEWAY: ReadonlySet<string> = new Set([
  "authentication-failed",
  "spoof",
  "unverified-identity",
]);

export const GATEWAY_SETTING =
  "A third-party gateway in front of Exchange Online hands the mail over, so Microsoft checks SPF and DMARC against the gateway's IP and they fail: turn on Enhanced Filtering for Connectors on its inbound connector, or add the gateway as a trusted ARC sealer; never allow the sender.";

export interface GatewayInsight {
  people: number;
  reports: number;
  vendor: GatewayVendor | null;
  sealer: string | null;
}

const VENDORS = new Set<string>(Object.keys(GATEWAY_PRODUCTS));
const DOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** The most frequent value of signals with this prefix, or null. */
function leading(signals: Record<string, number>, prefix: string): string | null {
  let best: string | null = null;
  let count = 0;
  for (const [name, n] of Object.entries(signals)) {
    if (name.startsWith(prefix) && n > count) {
      best = name.slice(prefix.length);
      count = n;
    }
  }
  return best;
}

/** The gateway behind this sender's reports, counted in people (reports when people are unknown). */
export function gatewayInsightOf(
  evidence: SenderEvidence,
  counts: Record<string, number>,
): GatewayInsight | null {
  const reports = evidence.signals[GATEWAY_IN_FRONT_FINDING] ?? 0;
  if (reports <= 0) return null;
  const vendor = leading(evidence.signals, GATEWAY_FRONT_SIGNAL);
  const sealer = leading(evidence.signals, GATEWAY_SEALER_SIGNAL);
  return {
    people: Math.max(1, counts[GATEWAY_IN_FRONT_FINDING] ?? 0),
    reports,
    vendor: vendor !== null && VENDORS.has(vendor) ? (vendor as GatewayVendor) : null,
    sealer: sealer !== null && DOMAIN.test(sealer) ? sealer : null,
  };
}

/** The fix in Exchange Online PowerShell; every value is a checked literal in single quotes. */
export function gatewayCommands(insight: Pick<GatewayInsight, "vendor" | "sealer">): string[] {
  const product = insight.vendor ? GATEWAY_PRODUCTS[insight.vendor] : "the gateway";
  const connector = `<your inbound connector from ${product}>`.replace(/'/g, "");
  const sealer = insight.sealer ?? "<ARC-Seal d= domain of the gateway>";
  return [
    `# Enhanced Filtering for Connectors: Microsoft skips ${product} and checks the original sender`,
    `Set-InboundConnector -Identity '${connector}' -EFSkipLastIP $true`,
    `# or, with the gateway's published IP ranges: Set-InboundConnector -Identity '${connector}' -EFSkipIPs '<range>'`,
    `# Or trust its ARC seal (Set-ArcConfig replaces the whole list, so keep the existing sealers):`,
    `$sealers = @(@(Get-ArcConfig | Select-Object -ExpandProperty ArcTrustedSealers) -join ',' -split ',' | Where-Object { $_.Trim() })`,
    `if ($sealers -notcontains '${sealer}') { Set-ArcConfig -Identity Default -ArcTrustedSealers (@($sealers) + '${sealer}') }`,
  ];
}

export function gatewaySetting(insight: Pick<GatewayInsight, "vendor" | "sealer">): string {
  const product = insight.vendor ? GATEWAY_PRODUCTS[insight.vendor] : "A third-party gateway";
  const sealer = insight.sealer ? ` (${insight.sealer})` : "";
  return `${product} in front of Exchange Online hands the mail over, so Microsoft checks SPF and DMARC against the gateway's IP and they fail: turn on Enhanced Filtering for Connectors on its inbound connector (Set-InboundConnector -EFSkipLastIP $true), or add the gateway${sealer} as a trusted ARC sealer (Set-ArcConfig -ArcTrustedSealers); never allow the sender.`;
}
