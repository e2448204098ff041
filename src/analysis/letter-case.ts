/**
 * `toUpperCase` for the short keys and codes the stamps carry (CIP, SFV:SPM, dest:J), without
 * the builtin's call when nothing would change: most are upper case already, and V8's
 * `toUpperCase` (unlike its `toLowerCase`) has no fast path for ASCII. Longer text goes
 * straight to the builtin.
 */

const SHORT = 32;

/** `text.toUpperCase()`. */
export function upperCase(text: string): string {
  if (text.length > SHORT) return text.toUpperCase();
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // A small letter, or any non-ASCII character (which may have an upper-case form).
    if ((code >= 0x61 && code <= 0x7a) || code > 0x7f) return text.toUpperCase();
  }
  return text;
}
