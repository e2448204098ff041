/**
 * The items of one Authentication-Results statement (the tokens between semicolons): `key=value`
 * pairs, lone words and comments, each with the comment that describes it. Kept in parallel
 * arrays that every statement of every value reuses, not an object per item: a block's
 * statements made some hundred short-lived objects.
 */
import type { AuthTokens } from "./auth-results-tokens";
import {
  COMMENT,
  EQUALS,
  isDelimiter,
  isLoneSeparator,
  isSpace,
  joinSeparatedNames,
  QUOTED,
  SEMICOLON,
  unescaped,
  WORD,
  wordEnd,
} from "./auth-results-tokens";
import { closingParenthesis } from "./comments";

export const PAIR = 0;
export const LONE_WORD = 1;
export const LONE_COMMENT = 2;

const MAX_PROBLEMS = 10;

export class StatementItems {
  count = 0;
  /** PAIR, LONE_WORD or LONE_COMMENT. */
  kinds: number[] = [];
  /** A pair's key, a word's or a comment's text. */
  texts: string[] = [];
  /** A pair's value ("" when empty); "" for the others. */
  values: string[] = [];
  /** The comment that describes a pair or a word; always null for a comment. */
  comments: (string | null)[] = [];
  /** How many slots hold texts since the last `release`. */
  #filled = 0;

  push(kind: number, text: string, value: string): void {
    const at = this.count++;
    if (this.count > this.#filled) this.#filled = this.count;
    this.kinds[at] = kind;
    this.texts[at] = text;
    this.values[at] = value;
    this.comments[at] = null;
  }

  /** A comment describes the item before it, unless that item has one already. */
  attachComment(text: string): void {
    const last = this.count - 1;
    if (last >= 0 && this.kinds[last] !== LONE_COMMENT && this.comments[last] === null) {
      this.comments[last] = text;
    } else this.push(LONE_COMMENT, text, "");
  }

  /** Forgets every item's text: they may be slices of a whole block. */
  release(): void {
    for (let i = 0; i < this.#filled; i++) {
      this.texts[i] = "";
      this.values[i] = "";
      this.comments[i] = null;
    }
    this.count = 0;
    this.#filled = 0;
  }
}

/**
 * Reads into `items` the statement that starts at token `start` of the value's first `count`
 * tokens (joined names are pushed after them), and returns where the next one starts: past
 * `count` after the last. What could not be read goes to `problems`.
 */
export function readStatement(
  tokens: AuthTokens,
  start: number,
  count: number,
  problems: string[],
  items: StatementItems,
): number {
  let end = start;
  while (end < count && tokens.kinds[end] !== SEMICOLON) end++;
  const from = joinSeparatedNames(tokens, start, end);
  readItems(tokens, from, from === start ? end : tokens.count, problems, items);
  return end + 1;
}

function isValueToken(tokens: AuthTokens, index: number, end: number): boolean {
  const kind = tokens.kindIn(index, end);
  return kind === WORD || kind === QUOTED;
}

/** The word at `index` is a key: an "=" follows it directly, with no space or comment between. */
function startsPair(tokens: AuthTokens, index: number, end: number): boolean {
  return tokens.kindIn(index + 1, end) === EQUALS && tokens.spaced[index + 1] === 0;
}

/** The items of the statement tokens[from, to), into `items`. */
function readItems(
  tokens: AuthTokens,
  from: number,
  to: number,
  problems: string[],
  items: StatementItems,
): void {
  items.count = 0;
  let i = from;
  while (i < to) {
    const kind = tokens.kinds[i];
    if (kind === COMMENT) {
      items.attachComment(tokens.text(i));
      i++;
      continue;
    }
    if (kind === EQUALS) {
      if (problems.length < MAX_PROBLEMS) problems.push('An "=" had no name before it.');
      i++;
      // Skip the value it would have introduced, so it is not read as a lone word.
      if (isValueToken(tokens, i, to) && !startsPair(tokens, i, to)) i++;
      continue;
    }
    // A word or quoted string; a pair when "=" follows (comments may sit in between).
    let next = i + 1;
    while (tokens.kindIn(next, to) === COMMENT) next++;
    if (tokens.kindIn(next, to) !== EQUALS) {
      items.push(LONE_WORD, tokens.text(i), "");
      attachComments(items, tokens, i + 1, next);
      i = next;
      continue;
    }
    let cursor = next + 1;
    while (tokens.kindIn(cursor, to) === COMMENT) cursor++;
    const commentsAfterEquals = cursor;
    let value = "";
    // An empty value: `header.from=;`, or `header.from= dmarc=pass` where the word after the
    // space is the next key (glued to its own "="). A word glued to this "=" is always the value.
    if (
      isValueToken(tokens, cursor, to) &&
      !(tokens.spaced[cursor] === 1 && startsPair(tokens, cursor, to))
    ) {
      value = tokens.text(cursor);
      cursor++;
      // Glued pieces make one value: `"quoted local"@example.com`, an "=" inside a local part
      // (`SRS0=hash=tt=example.com=user@forwarder.example`, dot-atom allows it), base64 padding.
      for (;;) {
        if (tokens.kindIn(cursor, to) === EQUALS && tokens.spaced[cursor] === 0) {
          if (isValueToken(tokens, cursor + 1, to) && tokens.spaced[cursor + 1] === 0) {
            value += `=${tokens.text(cursor + 1)}`;
            cursor += 2;
          } else {
            value += "=";
            cursor++;
          }
          continue;
        }
        if (!isValueToken(tokens, cursor, to) || tokens.spaced[cursor] === 1) break;
        value += tokens.text(cursor);
        cursor++;
      }
    }
    items.push(PAIR, tokens.text(i), value);
    // The comments between the key and its value, in order ("=" itself is no comment).
    attachComments(items, tokens, i + 1, next);
    attachComments(items, tokens, next + 1, commentsAfterEquals);
    i = cursor;
  }
}

/** attachComment for each token in tokens[from, to), all comments. */
function attachComments(items: StatementItems, tokens: AuthTokens, from: number, to: number): void {
  for (let i = from; i < to; i++) items.attachComment(tokens.text(i));
}

/** What `readPlainStatement` returns for a statement it leaves to the tokens. */
export const NOT_PLAIN = -1;

/**
 * Reads into `items` the statement of `value` that starts at `from` straight from the text, when
 * it is plain: words, comments and `key=value` pairs glued around their "=", as nearly every real
 * value is. Returns where the next statement starts (past the value's length after the last), or
 * NOT_PLAIN when the statement holds anything else: a quoted string, a ")" that closes nothing, a
 * comment never closed, an "=" that is not glued between a word and the next, an empty value, a
 * value glued to more, or a "/" or "." alone. Where it reads at all, it fills the items exactly
 * as `readStatement` fills them from the tokens, which stays the definition
 * (test/unit/analysis/auth-results-text.test.ts holds the two equal).
 */
export function readPlainStatement(value: string, from: number, items: StatementItems): number {
  items.count = 0;
  const length = value.length;
  let i = from;
  for (;;) {
    while (i < length && isSpace(value.charCodeAt(i))) i++;
    if (i === length) return length + 1;
    const code = value.charCodeAt(i);
    if (code === 0x3b /* ; */) return i + 1;
    if (code === 0x28 /* ( */) {
      const close = closingParenthesis(value, i);
      if (close === length) return NOT_PLAIN;
      items.attachComment(unescaped(value, i + 1, close).trim());
      i = close + 1;
      continue;
    }
    // "=", ")" or '"' where a word, a comment or the statement's end would stand.
    if (isDelimiter(code)) return NOT_PLAIN;
    const keyEnd = wordEnd(value, i);
    if (isLoneSeparator(value, i, keyEnd)) return NOT_PLAIN;
    if (value.charCodeAt(keyEnd) !== 0x3d /* = */) {
      // A lone word; were an "=" to follow after a space or comment, the next turn gives up.
      items.push(LONE_WORD, value.slice(i, keyEnd), "");
      i = keyEnd;
      continue;
    }
    const valueStart = keyEnd + 1;
    const valueEnd = wordEnd(value, valueStart);
    if (valueEnd === valueStart || isLoneSeparator(value, valueStart, valueEnd)) return NOT_PLAIN;
    // Were "=", ")" or '"' glued to the value, the next turn gives up.
    items.push(PAIR, value.slice(i, keyEnd), value.slice(valueStart, valueEnd));
    i = valueEnd;
  }
}
