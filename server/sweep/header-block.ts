import type { DeltaMessage } from "./graph-shapes";

/** RFC 5322 2.2: a field name is printable US-ASCII except the colon. */
const FIELD_NAME = /^[\x21-\x39\x3b-\x7e]+$/;

/**
 * Graph hands a message's headers as `[{name, value}]`, top first; the analysis reads a raw
 * header block. A value's own line breaks become spaces and a name that is not a field name is
 * dropped, so a crafted value cannot forge a header line of its own (an Authentication-Results
 * inside a Subject, say). Null when nothing usable is left.
 */
export function headerBlockOf(
  headers: NonNullable<DeltaMessage["internetMessageHeaders"]>,
): string | null {
  const lines: string[] = [];
  for (const { name, value } of headers) {
    if (!FIELD_NAME.test(name)) continue;
    lines.push(`${name}: ${value.replace(/[\r\n]+/g, " ")}`);
  }
  return lines.length > 0 ? lines.join("\r\n") : null;
}

/** The header block, or null when nothing usable is left or it is larger than the service reads. */
export function readableHeaderBlock(
  headers: NonNullable<DeltaMessage["internetMessageHeaders"]>,
  maxBytes: number,
): string | null {
  const block = headerBlockOf(headers);
  return block !== null && Buffer.byteLength(block, "utf8") <= maxBytes ? block : null;
}
