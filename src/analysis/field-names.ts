/**
 * Field names as written -> their look-up keys, remembered across blocks: mail repeats the same
 * few hundred names, and a known name skips the character check and the lower-casing. A pure
 * memo, bounded, holding only names that passed the check.
 *
 * The block parser finds a known name where it stands in the text (`knownNameAt`), by a hash of
 * a few of its characters instead of hashing every character of every field's name.
 */

import { ownCopy } from "./own-copy";

export interface KnownName {
  /** As written, e.g. "Authentication-Results". */
  readonly name: string;
  /** Lower case. */
  readonly key: string;
  /**
   * A small number for the key, the same for every name of that key (0, 1, 2... in the order
   * keys were first met), so a block can index its fields in an array; -1 for a key met only
   * once the memo was full.
   */
  readonly keyId: number;
}

const KNOWN_BY_NAME = new Map<string, KnownName>();
const ID_BY_KEY = new Map<string, number>();
const MAX_KNOWN_NAMES = 1000;

/**
 * The same names by a hash of their length and three of their characters. A slot holds a few
 * names at most, so names built to collide cost a few comparisons each, never a long scan.
 */
const SLOTS = 1024;
const MAX_PER_SLOT = 4;
const BY_SLOT: (KnownName[] | undefined)[] = new Array<KnownName[] | undefined>(SLOTS);

function slotOf(text: string, start: number, end: number): number {
  const length = end - start;
  return (
    (length * 31 +
      text.charCodeAt(start) * 7 +
      text.charCodeAt(start + (length >> 1)) * 3 +
      text.charCodeAt(end - 1)) &
    (SLOTS - 1)
  );
}

/** The known name that text[start, end) is, exactly as written; undefined when none is. */
export function knownNameAt(text: string, start: number, end: number): KnownName | undefined {
  if (end <= start) return undefined;
  const slot = BY_SLOT[slotOf(text, start, end)];
  if (slot === undefined) return undefined;
  // Compared as a whole string: V8 compares two strings' characters at once, where startsWith
  // and a loop of charCodeAt read them one by one (three times slower on these names).
  const written = text.slice(start, end);
  for (let i = 0; i < slot.length; i++) {
    const known = slot[i] as KnownName;
    if (known.name === written) return known;
  }
  return undefined;
}

/** The name with its key (remembered while the memo has room), or null when it is no field name. */
export function knownName(name: string): KnownName | null {
  const known = KNOWN_BY_NAME.get(name);
  if (known !== undefined) return known;
  if (!isFieldName(name)) return null;
  if (KNOWN_BY_NAME.size >= MAX_KNOWN_NAMES) {
    const key = name.toLowerCase();
    return { name, key, keyId: keyIdOf(key) };
  }
  // Remembered for good: copied, so that no header block stays alive through its names.
  const ownName = ownCopy(name);
  const key = ownName.toLowerCase();
  let keyId = ID_BY_KEY.get(key);
  if (keyId === undefined) {
    keyId = ID_BY_KEY.size;
    ID_BY_KEY.set(key, keyId);
  }
  const remembered = { name: ownName, key, keyId };
  KNOWN_BY_NAME.set(ownName, remembered);
  const slot = (BY_SLOT[slotOf(ownName, 0, ownName.length)] ??= []);
  if (slot.length < MAX_PER_SLOT) slot.push(remembered);
  return remembered;
}

/** The lower-case key of a field name, or null when the text is not a field name. */
export function fieldKey(name: string): string | null {
  return knownName(name)?.key ?? null;
}

/** The key's number (see `KnownName.keyId`), or -1. */
export function keyIdOf(key: string): number {
  return ID_BY_KEY.get(key) ?? -1;
}

/**
 * A property of field keys, computed once per key number (`KnownName.keyId`) and then read by
 * it: for the passes over every field of a block (which fields are stamps, which are
 * `-Untrusted` copies), so that a key met in every block is looked at once. Keys without a
 * number are computed each time.
 */
export class KeyMemo<T> {
  readonly #values: (T | typeof UNSET)[] = new Array<T | typeof UNSET>(MAX_KNOWN_NAMES).fill(UNSET);

  constructor(private readonly compute: (key: string) => T) {}

  of(field: { readonly key: string; readonly keyId: number }): T {
    const keyId = field.keyId;
    if (keyId < 0 || keyId >= MAX_KNOWN_NAMES) return this.compute(field.key);
    const value = this.#values[keyId];
    if (value !== UNSET) return value as T;
    const computed = this.compute(field.key);
    this.#values[keyId] = computed;
    return computed;
  }
}

const UNSET: unique symbol = Symbol("unset");

/** RFC 5322 field names: printable US-ASCII except colon, at least one character. */
function isFieldName(name: string): boolean {
  if (name.length === 0 || name.length > 200) return false;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code < 33 || code > 126) return false;
  }
  return true;
}

/**
 * The names the engine asks blocks for, remembered before any block is read: a look-up by the
 * same literal then meets its own string in the memo and compares by reference, three times
 * faster than against a name remembered as cut from a header. (Any other name works as well.)
 */
for (const name of [
  "Received",
  "Authentication-Results",
  "ARC-Authentication-Results",
  "Authentication-Results-Original",
  "Received-SPF",
  "DKIM-Signature",
  "ARC-Seal",
  "From",
  "Reply-To",
  "Return-Path",
  "Subject",
  "Date",
  "Message-ID",
  "X-Forefront-Antispam-Report",
  "X-Microsoft-Antispam",
  "X-Microsoft-Antispam-Mailbox-Delivery",
  "X-MS-Exchange-Organization-SCL",
  "X-MS-Exchange-Organization-PCL",
  "X-MS-Exchange-Organization-AuthAs",
  "X-MS-Exchange-Transport-EndToEndLatency",
  "X-MS-Exchange-SkipListedInternetSender",
  "X-MS-Exchange-ExternalOriginalInternetSender",
  "X-CustomSpam",
])
  knownName(name);
