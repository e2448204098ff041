/**
 * The Received-SPF header (RFC 7208 §9.1) as SPF checkers and Exchange Online write it:
 * `Pass (protection.outlook.com: domain of ... designates ...) receiver=...; client-ip=...;
 * helo=...;`. Read and shown beside the trusted Authentication-Results, never instead of it.
 */
import { domainOfIdentity } from "./alignment";
import type { ReceivedSpf } from "./types";

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
      domainOfIdentity(pairs.get("envelope-from") ?? null) ??
      domainOfIdentity(checkedIdentity(text.slice(end, pairsStart))) ??
      domainOfIdentity(pairs.get("helo") ?? null),
    clientIp: pairs.get("client-ip") ?? null,
    receiver: pairs.get("receiver") ?? null,
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
    if (code === 0x28) depth++;
    else if (code === 0x29 && depth > 0) depth--;
    else if (depth === 0 && code !== 0x20 && code !== 0x09) break;
    i++;
  }
  return i;
}

const CHECKED = "domain of ";

/** The identity in "domain of X designates / does not designate ..." of the comment, if any. */
function checkedIdentity(comment: string): string | null {
  const at = comment.indexOf(CHECKED);
  if (at < 0) return null;
  const start = at + CHECKED.length;
  let end = start;
  while (end < comment.length && !" \t\r\n)".includes(comment.charAt(end))) end++;
  return end > start ? comment.slice(start, end) : null;
}

/** The `key=value` pairs from `from` on; values unquoted, keys lower case. */
function receivedSpfPairs(text: string, from: number): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const piece of text.slice(from).split(";")) {
    const equals = piece.indexOf("=");
    if (equals <= 0) continue;
    const key = piece.slice(0, equals).trim().toLowerCase();
    let value = piece.slice(equals + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
      value = value.slice(1, -1);
    }
    if (key.length > 0 && value.length > 0 && !pairs.has(key)) pairs.set(key, value);
  }
  return pairs;
}
