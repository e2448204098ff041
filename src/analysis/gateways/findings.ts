/**
 * The gateway findings: a counted gateway verdict that explains the Junk folder (the fix is in
 * that gateway, not in Microsoft's lists), a gateway in front of Exchange Online that makes
 * Microsoft's authentication fail (the fix is Enhanced Filtering for Connectors or a trusted ARC
 * sealer, never an allow), and stamps that were not counted because the organisation's own
 * gateway did not write them.
 */
import type { FindingParams } from "../messages/types";
import type { AntispamStamps, GatewayInFront, GatewayVerdict } from "../types";
import { JUNK_VERDICTS } from "./meanings";

export interface GatewayEvidence {
  gateways: readonly GatewayVerdict[];
  gatewayInFront: GatewayInFront | null;
  stamps: AntispamStamps;
  junked: boolean | null;
}

type GatewayFindingId = "gateway-junked" | "gateway-in-front" | "gateway-stamps-ignored";
export type GatewayFound = <Id extends GatewayFindingId>(id: Id, params: FindingParams[Id]) => void;

export function gatewayFindings(evidence: GatewayEvidence, found: GatewayFound): void {
  const { gateways, gatewayInFront, stamps, junked } = evidence;
  // Microsoft's own spam verdict explains the Junk folder by itself; a gateway that agreed
  // changes nothing about the fix.
  const junking = gateways.find((g) => g.counted && JUNK_VERDICTS.has(g.verdict));
  if (junking && junked !== false && stamps.sfv !== "SPM") {
    found("gateway-junked", {
      vendor: junking.vendor,
      verdict: junking.verdict,
      score: junking.score,
      threshold: junking.threshold,
      rules: junking.rules.slice(0, 5),
    });
  }
  if (gatewayInFront && gatewayInFront.authFailed && !gatewayInFront.enhancedFiltering) {
    found("gateway-in-front", {
      vendor: gatewayInFront.vendor,
      host: gatewayInFront.host,
      ip: gatewayInFront.ip,
      arcSealer: gatewayInFront.arcSealer,
    });
  }
  const ignored = gateways.filter(
    (g) =>
      !g.counted &&
      (g.placement === "before-entry" || g.verdict === "not-spam" || g.verdict === "allowed"),
  );
  if (ignored.length > 0) {
    found("gateway-stamps-ignored", {
      stamps: ignored
        .slice(0, 4)
        .map(({ vendor, verdict, placement }) => ({ vendor, verdict, placement })),
    });
  }
}
