/**
 * The Received-SPF header (RFC 7208 §9.1) as SPF checkers and Exchange Online write it:
 * `Pass (protection.outlook.com: domain of ... designates ...) receiver=...; client-ip=...;
 * helo=...;`. Read and shown beside the trusted Authentication-Results, never instead of it.
 */
import { domainOfIdentity } from "./alignment";
import { indexOrEnd } from "./header-block";
import type { ReceivedSpf } from "./types";
import { skipWhitespace, trimmedEnd } from "./whitespace";

/** Longer than any real Received-SPF; the rest of a longer one is not read. */
const MAX_LENGTH = 16 * 1024;

/**
 * Received-SPF (RFC 7208 §9.1): `result (comment) key=value; key=value...`. The domain is the
 * envelope-from's; without that key, the one the comment says was checked ("domain of X
 * designates ...", the comment form §9.1 recommends and Exchange Online writes with no
 * envelope-from key); else the HELO name's.
 */
export function readReceivedSpf(value: string | null): ReceivedSpf | null {
  if (value === null) return null;
  const text = value.length > MAX_LENGTH ? value.slice(0, MAX_LENGTH) : value;
  let end = 0;
  while (end < text.length && isResultChar(text.charCodeAt(end))) end++;
  if (end === 0) return null;
  const pairsStart = afterComment(text, end);
  const pairs = receivedSpfPairs(text, pairsStart);
  return {
    result: text.slice(0, end).toLowerCase(),
    domain:
      domainOfIdentity(pairs.envelopeFrom) ??
      domainOfIdentity(checkedIdentity(text, end, pairsStart)) ??
      domainOfIdentity(pairs.helo),
    clientIp: pairs.clientIp,
    receiver: pairs.receiver,
  };
}

function isResultChar(code: number): boolean {
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x7a;
}

/** Where the key=value pairs start: past the comment, free text that may hold "=" and ";". */
function afterComment(text: string, from: number): number {
  let i = from;
  let depth = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 0x28 && depth === 0) {
      // A comment with no "(" inside ends at the next ")", found without reading it through.
      const close = text.indexOf(")", i + 1);
      if (close < 0) return text.length;
      const open = text.indexOf("(", i + 1);
      if (open < 0 || open > close) {
        i = close + 1;
        continue;
      }
    }
    if (code === 0x28) depth++;
    else if (code === 0x29 && depth > 0) depth--;
    else if (depth === 0 && code !== 0x20 && code !== 0x09) break;
    i++;
  }
  return i;
}

const CHECKED = "domain of ";

/**
 * The identity in "domain of X designates / does not designate ..." of the comment, text[from,
 * to), if any.
 */
function checkedIdentity(text: string, from: number, to: number): string | null {
  const at = text.indexOf(CHECKED, from);
  if (at < 0 || at + CHECKED.length > to) return null;
  const start = at + CHECKED.length;
  let end = start;
  while (end < to && !endsIdentity(text.charCodeAt(end))) end++;
  return end > start ? text.slice(start, end) : null;
}

function endsIdentity(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0d || code === 0x0a || code === 0x29;
}

/** The pairs the analysis reads; the first non-empty value of each key counts. */
interface SpfPairs {
  envelopeFrom: string | null;
  helo: string | null;
  clientIp: string | null;
  receiver: string | null;
}

/** The `key=value` pairs from `from` on (keys in any case), read in place; values unquoted. */
function receivedSpfPairs(text: string, from: number): SpfPairs {
  const pairs: SpfPairs = { envelopeFrom: null, helo: null, clientIp: null, receiver: null };
  let start = from;
  // The next "=", remembered until the scan passes it, so each character is searched once.
  let equals = -1;
  while (start <= text.length) {
    const semicolon = text.indexOf(";", start);
    const end = semicolon < 0 ? text.length : semicolon;
    if (equals < start) equals = indexOrEnd(text, "=", start);
    if (equals > start && equals < end) {
      const keyStart = skipWhitespace(text, start, equals);
      const keyEnd = trimmedEnd(text, keyStart, equals);
      let valueStart = skipWhitespace(text, equals + 1, end);
      let valueEnd = trimmedEnd(text, valueStart, end);
      if (
        valueEnd - valueStart >= 2 &&
        text.charCodeAt(valueStart) === 0x22 &&
        text.charCodeAt(valueEnd - 1) === 0x22
      ) {
        valueStart++;
        valueEnd--;
      }
      if (keyEnd > keyStart && valueEnd > valueStart) {
        const key = text.slice(keyStart, keyEnd).toLowerCase();
        if (key === "envelope-from") pairs.envelopeFrom ??= text.slice(valueStart, valueEnd);
        else if (key === "helo") pairs.helo ??= text.slice(valueStart, valueEnd);
        else if (key === "client-ip") pairs.clientIp ??= text.slice(valueStart, valueEnd);
        else if (key === "receiver") pairs.receiver ??= text.slice(valueStart, valueEnd);
      }
    }
    start = end + 1;
  }
  return pairs;
}
