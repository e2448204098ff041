/**
 * The host names of the gateways' own infrastructure, for telling from the route that a gateway
 * handed the message to Microsoft 365. Suffixes from the vendors' MX and delivery host names:
 * Mimecast `*.mimecast.com` (`us-smtp-inbound-1.mimecast.com`), Proofpoint `*.pphosted.com`
 * (`mx0a-00123.pphosted.com`) and Proofpoint Essentials `*.ppe-hosted.com`, Cisco Secure Email
 * Cloud `*.iphmx.com`, Barracuda Email Security Service `*.barracudanetworks.com`, Trend Micro
 * Email Security `*.tmes.trendmicro.com` / `.eu`. SpamAssassin runs on the organisation's own
 * hosts and has no infrastructure of its own.
 */
import type { GatewayVendor } from "../types";

const SUFFIXES: readonly (readonly [string, GatewayVendor])[] = [
  ["mimecast.com", "mimecast"],
  ["mimecast-offshore.com", "mimecast"],
  ["pphosted.com", "proofpoint"],
  ["ppe-hosted.com", "proofpoint"],
  ["iphmx.com", "cisco"],
  ["barracudanetworks.com", "barracuda"],
  ["tmes.trendmicro.com", "trendmicro"],
  ["tmes.trendmicro.eu", "trendmicro"],
  ["tmes-anz.trendmicro.com", "trendmicro"],
];

/** The vendor whose infrastructure this host name (or domain) belongs to, or null. */
export function vendorOfHost(host: string | null | undefined): GatewayVendor | null {
  if (!host) return null;
  let name = host.trim().toLowerCase();
  if (name.endsWith(".")) name = name.slice(0, -1);
  for (const [suffix, vendor] of SUFFIXES) {
    if (name === suffix) return vendor;
    if (
      name.length > suffix.length &&
      name.endsWith(suffix) &&
      name[name.length - suffix.length - 1] === "."
    ) {
      return vendor;
    }
  }
  return null;
}

/** Exchange Online's own hosts: the receiving side of the hop into Microsoft 365. */
export function isMicrosoftHost(host: string | null | undefined): boolean {
  if (!host) return false;
  const name = host.trim().toLowerCase();
  return (
    name.endsWith(".outlook.com") ||
    name.endsWith(".outlook.office365.com") ||
    name.endsWith(".exchangelabs.com") ||
    name.endsWith(".microsoft.com")
  );
}
