/**
 * The Authentication-Results statement nearly every receiver writes, Exchange Online's among
 * them: one result, perhaps its comment, then up to three properties or attributes, one space
 * apart (`_` is spaces or tabs):
 *
 *   _KEY=VALUE[_(COMMENT)][ KEY=VALUE][ KEY=VALUE][ KEY=VALUE]_(;|end)
 *
 * e.g. `spf=pass (sender IP is 192.0.2.1) smtp.mailfrom=example.com;`. A KEY starts with a
 * letter and holds letters, digits, "." and "-"; a VALUE is a word that starts with neither "."
 * nor "/" (one alone would join the words around it); a COMMENT holds no parenthesis and no
 * backslash. Every character class leaves out the
 * characters that end a token (whitespace, ";", "=", "(", ")", '"'), and the expression goes on
 * after a word only at one of them, so each word it takes is a whole token, with nothing glued
 * to it. Captures: the first key and its value, the comment, then each further key and value.
 * No quantifier can take what the one after it needs, so the expression runs in one pass
 * (test/unit/analysis/regex-safety.test.ts).
 */
const TYPICAL_STATEMENT =
  /[ \t]*([A-Za-z][A-Za-z0-9.-]*)=([^\s;=()"./][^\s;=()"]*)(?:[ \t]*\(([^()\\]*)\))?(?: ([A-Za-z][A-Za-z0-9.-]*)=([^\s;=()"./][^\s;=()"]*))?(?: ([A-Za-z][A-Za-z0-9.-]*)=([^\s;=()"./][^\s;=()"]*))?(?: ([A-Za-z][A-Za-z0-9.-]*)=([^\s;=()"./][^\s;=()"]*))?[ \t]*(?:;|$)/y;

/** Where a typical statement's match holds its first key, that key's value, and its comment. */
export const FIRST_KEY = 1;
export const FIRST_VALUE = 2;
export const COMMENT = 3;
/** Where the further keys start, each followed by its value (both undefined when absent). */
export const MORE_KEYS = 4;

/** The typical statement that starts at `from` in `value`, or null when it is not one. */
export function matchTypicalStatement(value: string, from: number): RegExpExecArray | null {
  TYPICAL_STATEMENT.lastIndex = from;
  return TYPICAL_STATEMENT.exec(value);
}

/** Where the statement after the typical statement `match` starts (past the value's end if none). */
export function statementAfter(value: string, match: RegExpExecArray): number {
  const end = match.index + (match[0] as string).length;
  // The expression takes a ";" only as the statement's last character.
  return value.charCodeAt(end - 1) === 0x3b /* ; */ ? end : value.length + 1;
}
