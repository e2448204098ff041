/**
 * Decimal and hexadecimal digits read by character code, for the scanners that read numbers in
 * place (dates, IP addresses, stamps, encoded words) without cutting substrings.
 */

/** Whether text[from, from + count) is all decimal digits (and lies within the text). */
export function isDigits(text: string, from: number, count: number): boolean {
  if (from + count > text.length) return false;
  for (let i = from; i < from + count; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return false;
  }
  return true;
}

/** The number the `count` decimal digits at `from` write, or -1 when any is not a digit. */
export function digitsAt(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    if (!(digit >= 0 && digit <= 9)) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** The value of a hexadecimal digit's character code (either case), or -1. */
export function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}
