// PROVISIONAL signatures: helper "analysis primitives" replaces the bodies.
import type { Address } from "./types";

/** Every mailbox of an address list (groups flattened), display names decoded. */
export function parseAddressList(_value: string): Address[] {
  return [];
}

/** The first mailbox of a From / Reply-To value, or null when none can be read. */
export function parseMailbox(value: string): Address | null {
  return parseAddressList(value)[0] ?? null;
}

/** Return-Path: the bare address without brackets, or null (also for the null path "<>"). */
export function parseReturnPath(_value: string): string | null {
  return null;
}
