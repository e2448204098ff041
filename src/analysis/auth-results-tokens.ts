/**
 * The tokens of an Authentication-Results value (words, quoted strings, nested comments, "="
 * and ";") as flat arrays of positions, not an object and a substring each: the parser reads
 * most tokens once, and cuts a token's text only when a statement takes it. One linear pass;
 * nested comments by a depth counter, never by recursion, so 10,000 "(" cost nothing.
 */
import { closingParenthesis } from "./comments";

export const WORD = 0;
export const QUOTED = 1;
export const EQUALS = 2;
export const SEMICOLON = 3;
export const COMMENT = 4;
/** What `kindIn` says past the end of a statement. */
export const NONE = -1;

const MAX_PROBLEMS = 10;

export class AuthTokens {
  value = "";
  count = 0;
  kinds = new Uint8Array(64);
  /** Where each token's text starts: after the opening quote or parenthesis. */
  starts = new Int32Array(64);
  /** Where its text ends: before the closing quote or parenthesis (the value's end if none). */
  ends = new Int32Array(64);
  /** 1 when whitespace, a ";", a comment, a stray ")" or the start stood right before it. */
  spaced = new Uint8Array(64);
  /** Texts of tokens that are no slice of the value: names joined around a lone "/" or ".". */
  #joined: Map<number, string> | null = null;

  reset(value: string): void {
    this.value = value;
    this.count = 0;
    this.#joined = null;
  }

  push(kind: number, start: number, end: number, spaced: boolean): number {
    if (this.count === this.kinds.length) {
      const size = this.count * 2;
      this.kinds = grown(this.kinds, new Uint8Array(size));
      this.starts = grown(this.starts, new Int32Array(size));
      this.ends = grown(this.ends, new Int32Array(size));
      this.spaced = grown(this.spaced, new Uint8Array(size));
    }
    this.kinds[this.count] = kind;
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.spaced[this.count] = spaced ? 1 : 0;
    return this.count++;
  }

  /** A word token of `text` with the spacing of token `like`, after all the others. */
  pushJoined(like: number, text: string): number {
    const index = this.push(WORD, 0, 0, this.spaced[like] === 1);
    (this.#joined ??= new Map()).set(index, text);
    return index;
  }

  /** A copy of token `index` after all the others. */
  pushCopy(index: number): void {
    const copy = this.push(
      this.kinds[index] as number,
      this.starts[index] as number,
      this.ends[index] as number,
      this.spaced[index] === 1,
    );
    const joined = this.#joined?.get(index);
    if (joined !== undefined) this.#joined?.set(copy, joined);
  }

  /** The kind of token `index` of a statement ending before `end`; NONE past it. */
  kindIn(index: number, end: number): number {
    return index < end ? (this.kinds[index] as number) : NONE;
  }

  /** A word as written; quoted text and comments with their escapes undone, comments trimmed. */
  text(index: number): string {
    const kind = this.kinds[index];
    const start = this.starts[index] as number;
    const end = this.ends[index] as number;
    if (kind === WORD) return this.#joined?.get(index) ?? this.value.slice(start, end);
    const text = unescaped(this.value, start, end);
    return kind === COMMENT ? text.trim() : text;
  }

  /** A "/" or "." standing alone (RFC 8601 allows spaces around them in names). */
  isLoneSeparator(index: number): boolean {
    if (this.kinds[index] !== WORD || this.#joined?.has(index) === true) return false;
    return isLoneSeparator(this.value, this.starts[index] as number, this.ends[index] as number);
  }
}

/** Whether the word text[start, end) is a "/" or "." alone. */
export function isLoneSeparator(text: string, start: number, end: number): boolean {
  if (end - start !== 1) return false;
  const code = text.charCodeAt(start);
  return code === 0x2f || code === 0x2e;
}

function grown<T extends Uint8Array | Int32Array>(array: T, bigger: T): T {
  bigger.set(array);
  return bigger;
}

/** text[from, to) with each backslash dropped and the character after it kept as it is. */
export function unescaped(text: string, from: number, to: number): string {
  let escape = text.indexOf("\\", from);
  if (escape < 0 || escape >= to) return text.slice(from, to);
  let result = "";
  let piece = from;
  while (escape >= 0 && escape < to) {
    result += text.slice(piece, escape);
    piece = escape + 1;
    escape = text.indexOf("\\", escape + 2);
  }
  return result + text.slice(piece, to);
}

export function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** Characters that end a word: whitespace, ";", "=", "(", ")" and '"'. */
const DELIMITERS = (() => {
  const table = new Uint8Array(128);
  for (const char of ' \t\r\n;=()"') table[char.charCodeAt(0)] = 1;
  return table;
})();

export function isDelimiter(code: number): boolean {
  return code < 128 && DELIMITERS[code] === 1;
}

/** Where the word that starts at `from` ends: at the next delimiter, or the value's end. */
export function wordEnd(value: string, from: number): number {
  let i = from;
  while (i < value.length && !isDelimiter(value.charCodeAt(i))) i++;
  return i;
}

function note(problems: string[], problem: string): void {
  if (problems.length < MAX_PROBLEMS) problems.push(problem);
}

/** Splits `value` into `tokens`; what could not be read goes to `problems`. */
export function tokenizeAuthResults(value: string, problems: string[], tokens: AuthTokens): void {
  tokens.reset(value);
  const length = value.length;
  let spaceBefore = true;
  let i = 0;
  while (i < length) {
    const code = value.charCodeAt(i);
    if (isSpace(code)) {
      spaceBefore = true;
      i++;
    } else if (code === 0x3b) {
      tokens.push(SEMICOLON, i, i + 1, true);
      i++;
      spaceBefore = true;
    } else if (code === 0x3d) {
      tokens.push(EQUALS, i, i + 1, spaceBefore);
      i++;
      spaceBefore = false;
    } else if (code === 0x29) {
      note(problems, `A ")" at position ${i} closes no comment; it was ignored.`);
      i++;
      spaceBefore = true;
    } else if (code === 0x28) {
      const end = closingParenthesis(value, i);
      if (end === length)
        note(problems, "A comment was never closed; it runs to the end of the header.");
      tokens.push(COMMENT, i + 1, end, true);
      i = end + 1;
      spaceBefore = true;
    } else if (code === 0x22) {
      const end = closingQuote(value, i + 1);
      if (end === length)
        note(problems, "A quoted string was never closed; it runs to the end of the header.");
      tokens.push(QUOTED, i + 1, end, spaceBefore);
      i = end + 1;
      spaceBefore = false;
    } else {
      const start = i;
      i = wordEnd(value, i);
      tokens.push(WORD, start, i, spaceBefore);
      spaceBefore = false;
    }
  }
}

/** The '"' that closes a quoted string whose text starts at `from`, or the value's length. */
function closingQuote(value: string, from: number): number {
  for (let i = from; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 0x5c) i++;
    else if (code === 0x22) return i;
  }
  return value.length;
}

/**
 * RFC 8601 allows comments and spaces inside `method / version` and `ptype . property`
 * (Appendix B.7): a "/" or "." standing alone joins the words around it; comments in between
 * are kept, after the joined word. Returns where the statement's tokens start as they read
 * then: `from` when nothing is joined (the common case; they end at `to`), else where a joined
 * copy starts, after all the others (it ends at `tokens.count`).
 */
export function joinSeparatedNames(tokens: AuthTokens, from: number, to: number): number {
  let separators = false;
  for (let i = from; i < to && !separators; i++) separators = tokens.isLoneSeparator(i);
  if (!separators) return from;
  const out: number[] = [];
  let i = from;
  while (i < to) {
    if (!tokens.isLoneSeparator(i)) {
      out.push(i);
      i++;
      continue;
    }
    let previousAt = out.length - 1;
    while (previousAt >= 0 && tokens.kinds[out[previousAt] as number] === COMMENT) previousAt--;
    let next = i + 1;
    while (tokens.kindIn(next, to) === COMMENT) next++;
    const previous = previousAt >= 0 ? (out[previousAt] as number) : -1;
    if (previous < 0 || tokens.kinds[previous] !== WORD || tokens.kindIn(next, to) !== WORD) {
      out.push(i);
      i++;
      continue;
    }
    const comments = out.splice(previousAt + 1);
    for (let comment = i + 1; comment < next; comment++) comments.push(comment);
    out[previousAt] = tokens.pushJoined(
      previous,
      tokens.text(previous) + tokens.text(i) + tokens.text(next),
    );
    out.push(...comments);
    i = next + 1;
  }
  const start = tokens.count;
  for (const index of out) tokens.pushCopy(index);
  return start;
}
