/**
 * The one text policy of every export (PowerShell, mail flow rules, CSV, JSON). A name, note or
 * reason may hold characters that make a file read differently from what it says: bidi
 * controls that reorder a line (Trojan Source, CVE-2021-42574), zero-width characters that hide
 * inside a domain, line breaks that start a new command, and letters from other scripts that
 * look like ASCII (UTS #39 confusables, e.g. Cyrillic "а" in "pаypal"). So the text of an
 * export is one line of printable ASCII plus the accented Latin letters an admin's note needs
 * (é, ü, ß...); line breaks and other controls become a space, and every other character is
 * written visibly as <U+XXXX>, so the admin sees that it was there and nothing is lost silently.
 */

/** Latin-1 Supplement and Latin Extended-A: the accented letters of European languages. */
const ACCENTED_FIRST = 0x00c0;
const ACCENTED_LAST = 0x017f;
const COMBINING_MARKS = /^[\u0300-\u036f]+$/;
const ASCII_LETTER = /^[A-Za-z]$/;
/** Letters without a decomposition that German, Polish and the Nordic languages write. */
const EXTRA_LETTERS = new Set(["ß", "æ", "Æ", "ø", "Ø", "œ", "Œ", "ł", "Ł"]);

/**
 * A letter of U+00C0-U+017F whose canonical decomposition is one ASCII letter and accents: it
 * is told apart from the plain letter by its accent. Letters there without such a
 * decomposition (dotless ı, long ſ, kra ĸ, ŀ) are UTS #39 confusables of ASCII and are escaped.
 */
function isAccentedLatin(char: string, code: number): boolean {
  if (EXTRA_LETTERS.has(char)) return true;
  if (code < ACCENTED_FIRST || code > ACCENTED_LAST) return false;
  const decomposed = char.normalize("NFD");
  return (
    decomposed.length > 1 &&
    ASCII_LETTER.test(decomposed[0]!) &&
    COMBINING_MARKS.test(decomposed.slice(1))
  );
}

/** Controls (C0, DEL, C1) and every line or paragraph separator or non-ASCII space. */
function isBreakOrSpace(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x00a0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

export function unicodeEscape(code: number): string {
  return `<U+${code.toString(16).toUpperCase().padStart(4, "0")}>`;
}

/** One line of export-safe text (see the module comment). Total: never throws. */
export function exportText(text: string): string {
  let out = "";
  for (const char of text.normalize("NFC")) {
    const code = char.codePointAt(0)!;
    if (code >= 0x20 && code <= 0x7e) out += char;
    else if (isBreakOrSpace(code)) out += " ";
    else if (isAccentedLatin(char, code)) out += char;
    else out += unicodeEscape(code);
  }
  return out.replace(/ {2,}/g, " ").trim();
}

/** True when `exportText` would leave the text as it is. */
export function isExportSafe(text: string): boolean {
  return exportText(text) === text;
}

/**
 * At most `max` characters, cut only between whitespace-separated tokens (never inside an
 * address or a domain), with "..." when something was left out. A first token longer than
 * `max` is left out whole rather than cut.
 */
export function cutAtToken(text: string, max: number): string {
  if (text.length <= max) return text;
  const marker = "...";
  const tokens = text.split(" ");
  let kept = "";
  for (const token of tokens) {
    const next = kept ? `${kept} ${token}` : token;
    if (next.length + 1 + marker.length > max) break;
    kept = next;
  }
  return kept ? `${kept} ${marker}` : marker;
}
