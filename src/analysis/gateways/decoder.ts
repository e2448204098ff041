/**
 * One decoder per vendor: the stamps it writes (by field-name prefix) and what they say. A
 * decoder reads only the fields it is handed (one vendor's, on one side of the organisation's
 * entry hop, topmost first); where and whether a stamp counts is decided in ./route.ts.
 */
import type { HeaderField } from "../header-block";
import type { GatewayVendor, GatewayVerdictKind } from "../types";

export interface Decoded {
  verdict: GatewayVerdictKind;
  score: number | null;
  threshold: number | null;
  rules: string[];
  /** The stamp says it is a sending organisation's outbound filter (Proofpoint `rule=outbound_*`). */
  outbound?: boolean;
}

export interface VendorDecoder {
  vendor: GatewayVendor;
  /** Lower-case field-name prefixes of this vendor's stamps. */
  prefixes: readonly string[];
  /** What the stamps say, or null when none of them is a verdict stamp. */
  decode(fields: readonly HeaderField[]): Decoded | null;
}

/** The topmost of the fields with this lower-case name. */
export function fieldOf(fields: readonly HeaderField[], key: string): HeaderField | undefined {
  for (const field of fields) if (field.key === key) return field;
  return undefined;
}
