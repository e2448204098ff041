/**
 * The keys of Microsoft's stamps that the engine reads (CIP, SFV, dest...), numbered: a stamp
 * that writes one, in any case, is recognised in place without a substring or upper-casing, and
 * its value kept in the key's slot (`StampPairs`, antispam.ts).
 */

/** The fields of X-Forefront-Antispam-Report the engine models. */
const FOREFRONT_KEYS = [
  "ARC",
  "CAT",
  "CIP",
  "CTRY",
  "DIR",
  "H",
  "IPV",
  "LANG",
  "PTR",
  "SCL",
  "SFS",
  "SFTY",
  "SFV",
  "SRV",
] as const;

const KNOWN_KEYS = [
  ...FOREFRONT_KEYS,
  // X-Microsoft-Antispam
  "ARA",
  "BCL",
  "PCL",
  // X-Microsoft-Antispam-Mailbox-Delivery
  "AUTH",
  "DEST",
  "ENG",
  "JMR",
  "OFR",
  "PCWL",
  "RF",
  "UCF",
  "WL",
] as const;

/** A key the engine reads, upper case. */
export type StampKey = (typeof KNOWN_KEYS)[number];

/**
 * Up to five ASCII letters and digits of text[from, to), upper-cased and packed six bits each
 * into one small integer (each character's value is at least 1, so lengths cannot collide);
 * -1 for anything else.
 */
function packedKey(text: string, from: number, to: number): number {
  if (to <= from || to - from > 5) return -1;
  let packed = 0;
  for (let i = from; i < to; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0x61 && code <= 0x7a) code -= 0x20;
    else if (!((code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39))) return -1;
    packed = packed * 64 + (code - 0x2f);
  }
  return packed;
}

/** Whether the known key of that number is a Forefront field the engine models (listed first). */
export function isForefrontKeyNumber(number: number): boolean {
  return number < FOREFRONT_KEYS.length;
}

/** How many keys are known; their numbers are 0 to this less one. */
export const KNOWN_STAMP_KEY_COUNT = KNOWN_KEYS.length;

const NUMBER_BY_PACKED = new Map<number, number>(
  KNOWN_KEYS.map((key, number) => [packedKey(key, 0, key.length), number]),
);

/** Each known key's number, for reading a stamp's pairs by the key's name. */
export const STAMP_KEY_NUMBER = Object.fromEntries(
  KNOWN_KEYS.map((key, number) => [key, number]),
) as Readonly<Record<StampKey, number>>;

/** The number of the known key text[from, to) is, in any case; -1 when it is none of them. */
export function stampKeyNumberAt(text: string, from: number, to: number): number {
  const packed = packedKey(text, from, to);
  return packed < 0 ? -1 : (NUMBER_BY_PACKED.get(packed) ?? -1);
}

/** The known key of that number, upper case. */
export function stampKey(number: number): string {
  return KNOWN_KEYS[number] as string;
}
