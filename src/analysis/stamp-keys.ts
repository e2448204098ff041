/**
 * The keys of Microsoft's stamps (CIP, SFV, dest...) as the engine's own constant strings when a
 * stamp writes one of them, in any case: a known key then needs no substring and no
 * upper-casing, and the map of pairs is read by the engine's literals ("SCL") by reference.
 */

/** The fields of X-Forefront-Antispam-Report the engine models. */
export const FOREFRONT_KEYS: readonly string[] = [
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
];

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
];

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
const NUMBER_BY_KEY = new Map<string, number>(KNOWN_KEYS.map((key, number) => [key, number]));

/** The number of the known key text[from, to) is, in any case; -1 when it is none of them. */
export function stampKeyNumberAt(text: string, from: number, to: number): number {
  const packed = packedKey(text, from, to);
  return packed < 0 ? -1 : (NUMBER_BY_PACKED.get(packed) ?? -1);
}

/** The number of a known key as the engine writes it ("SCL"); -1 for any other text. */
export function stampKeyNumber(key: string): number {
  return NUMBER_BY_KEY.get(key) ?? -1;
}

/** The known key of that number, upper case. */
export function stampKey(number: number): string {
  return KNOWN_KEYS[number] as string;
}

/** The known key text[from, to) is, upper-cased; undefined when it is none of them. */
export function knownStampKey(text: string, from: number, to: number): string | undefined {
  const number = stampKeyNumberAt(text, from, to);
  return number < 0 ? undefined : stampKey(number);
}
