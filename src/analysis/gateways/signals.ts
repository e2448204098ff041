/**
 * What a report carries into its sender's evidence about the gateway in front (server/identity
 * adds these to the report's signals): which vendor, and the gateway's ARC signing domain, so
 * the proposal rules can name the fix. Only letters, digits, dots and hyphens survive.
 */
import type { HeaderAnalysis } from "../types";

export const GATEWAY_FRONT_SIGNAL = "gateway-front-";
export const GATEWAY_SEALER_SIGNAL = "gateway-sealer-";

function token(value: string): string {
  let out = "";
  for (const char of value.trim().toLowerCase()) {
    const code = char.charCodeAt(0);
    const keep =
      (code >= 0x61 && code <= 0x7a) ||
      (code >= 0x30 && code <= 0x39) ||
      char === "." ||
      char === "-";
    out += keep ? char : "-";
  }
  return out.slice(0, 100);
}

export function gatewaySignalsOf(analysis: Pick<HeaderAnalysis, "gatewayInFront">): string[] {
  const front = analysis.gatewayInFront;
  if (!front) return [];
  const signals = [`${GATEWAY_FRONT_SIGNAL}${front.vendor}`];
  if (front.arcSealer) signals.push(`${GATEWAY_SEALER_SIGNAL}${token(front.arcSealer)}`);
  return signals;
}
