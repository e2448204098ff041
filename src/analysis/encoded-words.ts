// PROVISIONAL signature: helper "analysis primitives" replaces the body.
/** Decodes RFC 2047 encoded words (B and Q; UTF-8, ISO-8859-*, Windows-125x...) in a header value. */
export function decodeEncodedWords(text: string): string {
  return text;
}
