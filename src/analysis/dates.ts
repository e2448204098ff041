// PROVISIONAL signature: helper "analysis primitives" replaces the body.
/** An RFC 5322 / obsolete / ISO 8601 date as ISO 8601 UTC, or null when it cannot be read. */
export function parseDate(_text: string): string | null {
  return null;
}
