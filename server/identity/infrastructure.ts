import { getDomain } from "tldts";
import type { HeaderAnalysis } from "../../src/analysis/types";

/**
 * The sending infrastructure of one message, as a spoofed-sender allow entry names it: the
 * organisational domain of the connecting server's PTR name, else the connecting IPv4 /24.
 * Microsoft matches the PTR side against the PTR in its own Authentication-Results, so only the
 * receiving tenant's stamps (PTR, CIP) are used, never a Received line the sender wrote.
 */
export type Infrastructure = { kind: "ptr"; value: string } | { kind: "ip24"; value: string };

/** Signal prefixes: the aggregate counts reports per infrastructure like any other signal. */
export const INFRA_SIGNAL_PREFIX = { ptr: "infra-ptr:", ip24: "infra-ip24:" } as const;

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function ipv4Slash24(ip: string): string | null {
  const match = IPV4.exec(ip.trim());
  if (!match) return null;
  const octets = match.slice(1, 4).map(Number);
  if (octets.some((octet) => octet > 255) || Number(match[4]) > 255) return null;
  return `${octets.join(".")}.0/24`;
}

export function ptrOrganisationalDomain(ptr: string): string | null {
  const name = ptr.trim().toLowerCase().replace(/\.$/, "");
  if (!name || IPV4.test(name)) return null;
  return getDomain(name, { allowPrivateDomains: false }) ?? null;
}

export function infrastructureOf(analysis: HeaderAnalysis): Infrastructure | null {
  const { ptr, connectingIp } = analysis.antispam;
  const domain = ptr ? ptrOrganisationalDomain(ptr) : null;
  if (domain) return { kind: "ptr", value: domain };
  const range = connectingIp ? ipv4Slash24(connectingIp) : null;
  return range ? { kind: "ip24", value: range } : null;
}

export function infrastructureSignal(infrastructure: Infrastructure): string {
  return `${INFRA_SIGNAL_PREFIX[infrastructure.kind]}${infrastructure.value}`;
}

/** The infrastructures seen in an aggregate's signals, most reports first. */
export function infrastructuresIn(
  signals: Record<string, number>,
): { infrastructure: Infrastructure; reports: number }[] {
  const found: { infrastructure: Infrastructure; reports: number }[] = [];
  for (const [signal, count] of Object.entries(signals)) {
    if (count <= 0) continue;
    if (signal.startsWith(INFRA_SIGNAL_PREFIX.ptr)) {
      found.push({
        infrastructure: { kind: "ptr", value: signal.slice(INFRA_SIGNAL_PREFIX.ptr.length) },
        reports: count,
      });
    } else if (signal.startsWith(INFRA_SIGNAL_PREFIX.ip24)) {
      found.push({
        infrastructure: { kind: "ip24", value: signal.slice(INFRA_SIGNAL_PREFIX.ip24.length) },
        reports: count,
      });
    }
  }
  return found.sort(
    (a, b) => b.reports - a.reports || a.infrastructure.value.localeCompare(b.infrastructure.value),
  );
}
