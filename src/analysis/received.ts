// PROVISIONAL signatures: helper "analysis primitives" replaces the bodies.
import type { Hop } from "./types";

/**
 * The hops of a message from its Received values as they stand in the header block
 * (topmost first), returned oldest first with index and delays filled in.
 */
export function buildHops(_receivedTopmostFirst: readonly string[]): Hop[] {
  return [];
}
