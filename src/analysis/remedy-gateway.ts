/**
 * Whether a gateway in front of Exchange Online explains the threats the headers show, so that
 * the remedy names the admin's fix instead of calling the message a threat (remedy.ts).
 *
 * Why: a third-party gateway that receives the mail first and hands it to Exchange Online makes
 * Microsoft check SPF against the gateway's IP, so SPF fails, DMARC fails unless DKIM survived
 * the gateway, and composite authentication fails; the spoof verdict (CAT:SPOOF, "including
 * DMARC enforcement") and a DMARC failure under p=reject can then be artefacts of the routing.
 * Microsoft's fix is Enhanced Filtering for Connectors on the inbound connector, or the gateway
 * as a trusted ARC sealer (OfficeDocs-Exchange `ExchangeOnline/mail-flow-best-practices/
 * use-connectors-to-configure-mail-flow/enhanced-filtering-for-connectors.md`; defender-docs
 * `email-authentication-arc-configure.md`, ../shared/reference/platform-facts.md §4.7).
 *
 * A hostile sender controls every header it writes, gateway stamps included, so only what
 * Microsoft stamped counts, and every condition must hold:
 * - `gatewayInFront` was read from Microsoft's own PTR of the connecting IP (gateways/route.ts),
 *   never from a HELO name or a gateway's stamp;
 * - Microsoft did not skip the gateway: with Enhanced Filtering it checked the original sender,
 *   so its spoof verdict is its own and stands;
 * - Microsoft's SPF did not pass (it was checked against the gateway's IP);
 * - composite authentication, if it failed, failed as routing makes it fail: reason 000 (DMARC
 *   fail under quarantine/reject) or 001 (implicit), never 002 (an admin blocked this pair) nor
 *   010 or 6xx (the From is one of the organisation's own domains), platform-facts.md §4.5;
 * - every threat is one routing can cause (spoof, dmarc-reject): phishing, malware,
 *   impersonation or a forged lower Authentication-Results are verdicts on the content or on
 *   the headers, not on the route;
 * - the gateway itself, which saw the real sender, did not call it phishing, malware or
 *   impersonation in a stamp that counts.
 * Even then nothing proves the sender, so the answer is never an allow.
 */
import type { ThreatKind } from "./remedy";
import type { GatewayVerdictKind, HeaderAnalysis } from "./types";

const ROUTING_THREATS: ReadonlySet<ThreatKind> = new Set(["spoof", "dmarc-reject"]);
const ROUTING_COMPAUTH_REASONS: ReadonlySet<string> = new Set(["000", "001"]);
const GATEWAY_THREAT_VERDICTS: ReadonlySet<GatewayVerdictKind> = new Set([
  "phishing",
  "malware",
  "impersonation",
]);

export function gatewayExplainsThreats(
  analysis: HeaderAnalysis,
  threats: readonly ThreatKind[],
): boolean {
  const front = analysis.gatewayInFront ?? null;
  if (front === null || front.enhancedFiltering || !front.authFailed) return false;
  if (threats.length === 0 || !threats.every((threat) => ROUTING_THREATS.has(threat))) {
    return false;
  }
  const { spf, compauth } = analysis.auth;
  if (spf?.result === "pass") return false;
  if (compauth?.result === "fail" && !ROUTING_COMPAUTH_REASONS.has(compauth.reason ?? "")) {
    return false;
  }
  return !(analysis.gateways ?? []).some(
    (gateway) => gateway.counted && GATEWAY_THREAT_VERDICTS.has(gateway.verdict),
  );
}
