import confusables from "unhomoglyph/data.json";

const CONFUSABLE_TARGETS: Readonly<Record<string, string>> = confusables;

/**
 * Characters that change how text reads without being seen: bidi controls (U+202A-202E,
 * U+2066-2069, marks), zero-width characters, and every other format character (\p{Cf}, which
 * includes the soft hyphen and U+FEFF), plus line and paragraph separators. A sender key or
 * name carrying U+202E would otherwise reverse what follows it (CVE-2021-42574, "Trojan Source").
 */
const INVISIBLE = /[\p{Cf}\u2028\u2029\u180E\u115F\u1160\u3164\uFFA0]/u;

/**
 * Letters of identifiers (domains, addresses) that imitate ASCII: anything Unicode's confusables
 * table (UTS #39 confusables.txt, as the unhomoglyph package ships it, the table the sender
 * identity uses too) maps to Latin letters or digits, except an ASCII letter with diacritics (ü, é: its
 * canonical decomposition starts with the ASCII letter) and ß, which are honest IDN letters.
 */
function isConfusable(char: string): boolean {
  if (char.charCodeAt(0) < 0x80 || char === "ß") return false;
  const target = CONFUSABLE_TARGETS[char];
  if (target === undefined || !/^[A-Za-z0-9]+$/.test(target)) return false;
  const base = char.normalize("NFD").charAt(0);
  return !(base.charCodeAt(0) < 0x80);
}

/** `\u202E` or `\u{202e}`, as this module and the sender identity write them. */
const ALREADY_ESCAPED = /\\u(?:[0-9a-fA-F]{4}|\{[0-9a-fA-F]{1,6}\})/;

function escapeChar(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  return code > 0xffff
    ? `\\u{${code.toString(16).toUpperCase()}}`
    : `\\u${code.toString(16).toUpperCase().padStart(4, "0")}`;
}

export interface Shown {
  text: string;
  /** True when something was escaped: the console puts a warning badge beside it. */
  escaped: boolean;
}

/**
 * The text to show: invisible characters escaped as `\u202E`; in an identifier, look-alike
 * letters too. Ordinary text (comments, notes) keeps its own script's letters.
 */
export function escapeForDisplay(text: string, identifier: boolean): Shown {
  let out = "";
  // The sender identity escapes what it refuses in a key the same way (server/identity):
  // such a key still deserves the warning.
  let escaped = identifier && ALREADY_ESCAPED.test(text);
  for (const char of text) {
    if (INVISIBLE.test(char) || (identifier && isConfusable(char))) {
      out += escapeChar(char);
      escaped = true;
    } else {
      out += char;
    }
  }
  return { text: out, escaped };
}
