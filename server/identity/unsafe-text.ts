/**
 * Characters an identity must never carry: controls, format characters (the bidi overrides and
 * isolates, zero-width space and joiners, the soft hyphen: UTS #46 would silently drop some of
 * them, so "pay\u200Bpal.com" would become paypal.com), separators, and the ASCII that means
 * something in the places an entry goes: quotes and backtick (PowerShell, CSV, HTML), `$`
 * (PowerShell expansion), `=` (spreadsheet formulas), `|` and `;` (pipelines), `<>` and `\`.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Z}\s"'`$=|;<>\\]/u;

/** The first unsafe character, as "U+202E", or null. */
export function firstUnsafeCharacter(text: string): string | null {
  const match = UNSAFE.exec(text);
  return match ? codePointName(match[0]) : null;
}

export function codePointName(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** Longest text kept of an identity that failed: more is never a real address (RFC 5321: 254). */
export const MAX_SHOWN_LENGTH = 320;

const SHOWN_AS_IS = /[\p{L}\p{N}\p{M}.@_+-]/u;

/**
 * As much of a hostile identity as is safe to store and show: letters, digits, marks and
 * `. @ _ + -` stay; every other character becomes `\u{…}`, so a bidi override or a quote shows
 * as what it is and cannot act. Deterministic, so one raw From always lands on one key.
 */
export function shownSafely(text: string): string {
  let shown = "";
  for (const character of text) {
    shown += SHOWN_AS_IS.test(character)
      ? character
      : `\\u{${(character.codePointAt(0) ?? 0).toString(16)}}`;
    if (shown.length >= MAX_SHOWN_LENGTH) return `${shown.slice(0, MAX_SHOWN_LENGTH)}…`;
  }
  return shown;
}
