/**
 * Whitespace as `String#trim` and the regular-expression class `\s` see it (ECMAScript
 * WhiteSpace and LineTerminator), for scanners that trim by index instead of cutting substrings.
 */

export function isWhitespace(code: number): boolean {
  if (code === 0x20) return true;
  if (code < 0xa0) return code >= 0x09 && code <= 0x0d;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** The first index in [from, to) that is not whitespace, or `to`. */
export function skipWhitespace(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && isWhitespace(text.charCodeAt(i))) i++;
  return i;
}

/** The end of text[from, to) once trailing whitespace is dropped. */
export function trimmedEnd(text: string, from: number, to: number): number {
  let i = to;
  while (i > from && isWhitespace(text.charCodeAt(i - 1))) i--;
  return i;
}
