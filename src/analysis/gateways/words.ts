/**
 * The small readers every gateway decoder shares: decimal numbers as stamps write them, the
 * `key=value` words of SpamAssassin-style and Proofpoint stamps, and rule lists. Forward-only
 * scans without regular expressions, total (never throw), and bounded like the Microsoft stamps
 * (antispam.ts): a value past MAX_STAMP_LENGTH is read only up to it.
 */
import { MAX_STAMP_LENGTH } from "../antispam";
import { isWhitespace } from "../whitespace";

/** Rules kept per stamp, and characters per rule name: real stamps stay far below both. */
export const MAX_RULES = 50;
const MAX_RULE_LENGTH = 80;
const MAX_NUMBER_LENGTH = 24;

export function bounded(value: string): string {
  return value.length > MAX_STAMP_LENGTH ? value.slice(0, MAX_STAMP_LENGTH) : value;
}

/** A decimal number as stamps write it ("6.3", "-2.6", "+0.001", "1000"); null otherwise. */
export function parseDecimal(text: string | undefined | null): number | null {
  if (text === undefined || text === null) return null;
  let start = 0;
  let end = text.length;
  while (start < end && isWhitespace(text.charCodeAt(start))) start++;
  while (end > start && isWhitespace(text.charCodeAt(end - 1))) end--;
  // A trailing comma or semicolon is punctuation of the stamp, not of the number.
  if (end > start && (text.charCodeAt(end - 1) === 0x2c || text.charCodeAt(end - 1) === 0x3b))
    end--;
  if (end === start || end - start > MAX_NUMBER_LENGTH) return null;
  let i = start;
  const first = text.charCodeAt(i);
  if (first === 0x2d || first === 0x2b) i++;
  let digits = 0;
  let dots = 0;
  for (; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) digits++;
    else if (code === 0x2e && dots === 0) dots++;
    else return null;
  }
  if (digits === 0) return null;
  const value = Number(text.slice(start, end));
  return Number.isFinite(value) ? value : null;
}

/** The whitespace-separated words of a value, at most `limit` of them. */
export function wordsOf(value: string, limit = 400): string[] {
  const text = bounded(value);
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const blank = i === text.length || isWhitespace(text.charCodeAt(i));
    if (blank) {
      if (start >= 0) {
        words.push(text.slice(start, i));
        if (words.length >= limit) break;
        start = -1;
      }
    } else if (start < 0) start = i;
  }
  return words;
}

export interface KeyValueWords {
  /** Words before the first `key=value` word, e.g. SpamAssassin's "Yes,". */
  lead: string[];
  /** Lower-case keys; the first value of a key wins. */
  pairs: Map<string, string>;
}

/**
 * `key=value` words (`score=6.3 required=5.0 tests=A,B autolearn=no`). A value that ends with a
 * comma continues into the next word, because folded test lists read `tests=A,B,` then `C,D`.
 * Words after a complete value that hold no "=" (Barracuda's "using per-user scores of") are
 * left out.
 */
export function keyValueWords(value: string): KeyValueWords {
  const lead: string[] = [];
  const pairs = new Map<string, string>();
  let currentKey: string | null = null;
  let currentValue = "";
  const flush = () => {
    if (currentKey !== null && !pairs.has(currentKey)) pairs.set(currentKey, currentValue);
  };
  for (const word of wordsOf(value)) {
    const equals = word.indexOf("=");
    const continues = currentKey !== null && currentValue.endsWith(",");
    if (continues && equals < 0) {
      currentValue += word;
      continue;
    }
    if (equals > 0) {
      flush();
      currentKey = word.slice(0, equals).toLowerCase();
      currentValue = word.slice(equals + 1);
    } else if (currentKey === null) {
      lead.push(word);
    }
  }
  flush();
  return { lead, pairs };
}

/** A comma-separated rule list, trimmed, without empty names, each name and the list bounded. */
export function ruleList(text: string | undefined | null): string[] {
  if (!text) return [];
  const rules: string[] = [];
  let start = 0;
  while (start <= text.length && rules.length < MAX_RULES) {
    const comma = text.indexOf(",", start);
    const end = comma < 0 ? text.length : comma;
    const name = text.slice(start, end).trim();
    if (name.length > 0) rules.push(clipRule(name));
    start = end + 1;
  }
  return rules;
}

export function clipRule(name: string): string {
  return name.length > MAX_RULE_LENGTH ? `${name.slice(0, MAX_RULE_LENGTH - 3)}...` : name;
}

/** "yes"/"true" → true, "no"/"false" → false (any case, trailing comma ignored), else null. */
export function yesNo(text: string | undefined | null): boolean | null {
  if (!text) return null;
  let word = text.trim().toLowerCase();
  if (word.endsWith(",")) word = word.slice(0, -1);
  if (word === "yes" || word === "true") return true;
  if (word === "no" || word === "false") return false;
  return null;
}
