/** RFC 5322 comments: "(" ... ")", nested, with backslash escapes. */

/**
 * The index of the ")" that closes the comment opened at `open`, or `end` (the text's length)
 * when it is not closed before. Nesting by a depth counter, never by recursion: 10,000 "(" cost
 * nothing.
 */
export function closingParenthesis(text: string, open: number, end = text.length): number {
  let depth = 0;
  for (let i = open; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x5c) i++;
    else if (code === 0x28) depth++;
    else if (code === 0x29 && --depth === 0) return i;
  }
  return end;
}
