import { exportText } from "./safe-text";

/**
 * Quoting for generated PowerShell. Every value goes into a single-quoted string, where
 * PowerShell expands nothing ($(), $var and backticks stay literal); the only escape is doubling
 * the quote. PowerShell also treats the typographic quotes U+2018-U+201B as single quotes, so
 * they are doubled too, or a hostile name with ’ would close the string.
 */
const SINGLE_QUOTES = /['\u2018\u2019\u201A\u201B]/g;

/**
 * One line of export-safe text (safe-text.ts): no line break PowerShell honours (CR, LF, NEL,
 * LS, PS) that could end a comment or a statement, no bidi or zero-width character that could
 * make the line read differently from what it does.
 */
export function oneLine(text: string): string {
  return exportText(text);
}

export function psQuote(value: string): string {
  return `'${oneLine(value).replace(SINGLE_QUOTES, (quote) => quote + quote)}'`;
}

export function psList(values: readonly string[]): string {
  return values.map(psQuote).join(",");
}

/** A `#` comment line; a hostile name cannot start a new line and so cannot become a command. */
export function psComment(text: string): string {
  return `# ${oneLine(text)}`;
}

/**
 * Special characters in addresses must be URL-encoded in Tenant Allow/Block List entries
 * (platform facts §5.1: %22, %2B, %20). "%" itself is encoded first so an encoded entry stays
 * unambiguous.
 */
export function tablEncodeEntry(entry: string): string {
  return entry.replace(
    /[%"+ ]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
  );
}
