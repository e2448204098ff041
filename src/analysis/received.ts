/**
 * Received headers as the world's MTAs write them (Postfix, Exim, Sendmail, qmail, Exchange and
 * Exchange Online, Gmail, SendGrid, Amazon SES, IBM, CommuniGate, MDaemon...). The value is
 * split once into words, comments, [literals], <angles>, "quoted strings" and semicolons; the
 * clauses (from, by, via, with, id, for) are read from that token list, and the date is what
 * follows the last top-level semicolon (or, without one, a date standing plainly at the end).
 * Every scanner moves forward only, so the work is linear.
 */
import { closingParenthesis } from "./comments";
import { isoUtc, readDateIn } from "./dates";
import { hexValue, isDigits } from "./digits";
import { ForwardSearch } from "./forward-search";
import { withoutLineBreaks } from "./header-block";
import type { TextSpan } from "./header-block";
import type { Hop } from "./types";

export interface ParsedReceived {
  /** The host named after "from" (an IP literal without its brackets), or null. */
  from: string | null;
  /** The sending host's IP as the header gives it (brackets, "IPv6:", port and zone removed). */
  fromIp: string | null;
  by: string | null;
  /** The protocol words after "with", e.g. "ESMTPS" or "Microsoft SMTP Server". */
  with: string | null;
  via: string | null;
  id: string | null;
  for: string | null;
  /** ISO 8601 UTC. */
  date: string | null;
}

/**
 * The hops of a message from its Received values (topmost first; each a string, or where it
 * stands in the header block, line breaks and all), returned oldest first with index and delays
 * filled in.
 */
export function buildHops(receivedTopmostFirst: readonly (string | TextSpan)[]): Hop[] {
  const count = receivedTopmostFirst.length;
  const hops: Hop[] = [];
  // Instants oldest first: NaN when a hop had none or its zone was unknown (a delay against a
  // clock read in an unknown zone could be hours off, so none is given).
  const instants = new Float64Array(count);
  // Read topmost first, as the values stand in a block: read in place, their searches move
  // forward through the block's text only (see ForwardSearch).
  for (let i = 0; i < count; i++) {
    const read = readReceivedValue(receivedTopmostFirst[i]);
    const millis = read.millis;
    const oldestFirst = count - 1 - i;
    instants[oldestFirst] = millis !== null && read.zoneKnown ? millis : Number.NaN;
    hops.push({
      index: oldestFirst + 1,
      from: read.from,
      fromIp: read.fromIp,
      by: read.by,
      with: read.with,
      id: read.id,
      date: millis === null ? null : isoUtc(millis),
      dateZoneKnown: millis === null ? null : read.zoneKnown,
      delaySeconds: null,
    });
  }
  releaseText();
  hops.reverse();
  for (let i = 1; i < count; i++) {
    const delay = ((instants[i] as number) - (instants[i - 1] as number)) / 1000;
    if (!Number.isNaN(delay)) (hops[i] as Hop).delaySeconds = delay;
  }
  return hops;
}

/** One Received value (unfolded or not); never throws, unknown parts are null. */
export function parseReceived(value: string): ParsedReceived {
  return parsedOf(readReceivedValue(value));
}

/**
 * `parseReceived` by the token reader alone, without the typical hop's regular expression
 * (`readTypicalHop`): the reading that defines what every value means, for tests that hold the
 * two equal.
 */
export function parseReceivedByTokens(value: string): ParsedReceived {
  SEARCH.reset(value);
  return parsedOf(readByTokens(value, 0, value.length));
}

function parsedOf(read: ReadReceived): ParsedReceived {
  const parsed: ParsedReceived = {
    from: read.from,
    fromIp: read.fromIp,
    by: read.by,
    with: read.with,
    via: read.via,
    id: read.id,
    for: read.for,
    date: read.millis === null ? null : isoUtc(read.millis),
  };
  releaseText();
  return parsed;
}

/** Lets go of the last text read (the reused searches and reading hold parts of it). */
function releaseText(): void {
  SEARCH.reset("");
  TOP_LEVEL.reset("");
  clearedReading();
}

/** What one Received value says, before the date becomes text. */
interface ReadReceived extends Clauses {
  millis: number | null;
  /** Whether the date named its zone (false without a date). */
  zoneKnown: boolean;
}

/** `reading` with every field emptied (null, or false for `zoneKnown`). */
function emptied(reading: Partial<ReadReceived>): ReadReceived {
  reading.from = null;
  reading.fromIp = null;
  reading.by = null;
  reading.with = null;
  reading.via = null;
  reading.id = null;
  reading.for = null;
  reading.millis = null;
  reading.zoneKnown = false;
  return reading as ReadReceived;
}

/**
 * Every value is read into this one object, and its reader (`buildHops`, `parsedOf`) copies it
 * out before the next: with thousands of hops, an object a value was garbage the collector had
 * to sweep while the hops it copied grew.
 */
const READING = emptied({});

/** READING with every field emptied. */
function clearedReading(): ReadReceived {
  return emptied(READING);
}

/** A string's text whole, or a span of a text (the same text as the last span read, or not). */
function readReceivedValue(value: string | TextSpan | undefined): ReadReceived {
  if (typeof value === "string") {
    SEARCH.reset(value);
    return readReceived(value, 0, value.length);
  }
  if (typeof value !== "object" || value === null || typeof value.text !== "string") {
    SEARCH.reset("");
    return readReceived("", 0, 0);
  }
  if (SEARCH.text !== value.text) SEARCH.reset(value.text);
  return readReceived(value.text, value.start, value.end);
}

/** The Received value text[from, to). */
function readReceived(text: string, from: number, to: number): ReadReceived {
  return readTypicalHop(text, from, to) ?? readByTokens(text, from, to);
}

/**
 * The hops Exchange Online and Postfix write, which are most of a message's Received fields:
 *
 *   from HOST (IP) by HOST [(IP)] with WORD [WORD [WORD]] [(COMMENT)] [id ID]
 *     [via Frontend Transport]; DATE                                (Exchange Online)
 *   from HOST|[IP] (RDNS [IP]) by HOST (Postfix) with ESMTPS id QUEUEID
 *     [for <ADDRESS>]; DATE                                         (Postfix, SendGrid, Gmail)
 *
 * read by one regular expression. The token reader spends about 1.5 us on such a value (its
 * tokens, keyword checks and IP searches), a third of a typical block's analysis; V8 runs the
 * expression in a tenth of that. It is tried only where the token reader's reading is plain:
 * lower-case keywords, names and IPs of their own characters, one space between the protocol's
 * words, no ";" after the one before the date, nothing past the value (line breaks only as
 * folding, "\r\n" and a space). Anything else, and any name that is itself a keyword, is left to
 * the token reader (null). The token reader stays the definition; a property test holds the two
 * equal on mutated hops (test/unit/analysis/received-typical.test.ts).
 */
function readTypicalHop(text: string, from: number, to: number): ReadReceived | null {
  TYPICAL_HOP.lastIndex = from;
  const match = TYPICAL_HOP.exec(text);
  // The expression ends at the ";"; the date after it must hold no other.
  const semicolon = TYPICAL_HOP.lastIndex - 1;
  if (match === null || semicolon >= to || SEARCH.indexOf(SEMICOLON, semicolon + 1) < to)
    return null;
  // By index: destructuring a match array goes through its iterator, slower than the rest.
  const fromName = match[1];
  const byHost = match[5] as string;
  const withWords = match[6] as string;
  const id = match[7];
  if (isKeyword(fromName) || isKeyword(byHost) || hasKeyword(withWords) || isKeyword(id))
    return null;
  // A NAME holds no ":", so of ipFromWord's forms only a dotted quad can be one.
  const fromHostIp =
    fromName === undefined ? ipFromLiteral(match[2] as string) : isIpv4(fromName) ? fromName : null;
  const date = readDateIn(text, semicolon + 1, to);
  const read = clearedReading();
  // A literal that is no IP names no host, as the token reader reads it.
  read.from = fromHostIp ?? fromName ?? null;
  // As the token reader reads the from-part: the comment's IP, else the host's own.
  read.fromIp = ipInFromComment(match[3], match[4]) ?? fromHostIp;
  // As the token reader reads it (an IP as itself): a NAME holds no ":", so no port or zone to cut.
  read.by = byHost;
  read.with = withWords;
  read.via = match[8] ?? null;
  read.id = id ?? null;
  read.for = match[9] ?? null;
  read.millis = date?.millis ?? null;
  read.zoneKnown = date?.zoneKnown ?? false;
  return read;
}

/** The first IP of a from-comment "(WORD [LITERAL])", either part of which may be missing. */
function ipInFromComment(word: string | undefined, literal: string | undefined): string | null {
  return (
    (word === undefined ? null : ipFromWord(word)) ??
    (literal === undefined ? null : ipFromLiteral(literal))
  );
}

/**
 * The typical hop, one element after another ("_" is folding whitespace, `(?:\r\n)?[ \t]+`):
 *   from_HOST[_(WORD [LITERAL])]_by_NAME[_(COMMENT)]_with_WORD[ WORD[ WORD]][_(COMMENT)]
 *   [_id_ID[_(COMMENT)]][_via Frontend_Transport][_for_<ADDRESS>[_(COMMENT)]];
 * HOST is a NAME or a [LITERAL]; NAME is letters, digits, "." and "-" (an ID too); a LITERAL is
 * an IP (hex digits, ":" and "."), "IPv6:" before it or not; the from-comment's WORD is a NAME
 * or an IP, the space before its LITERAL optional; a COMMENT holds no parenthesis, backslash or
 * line break other than folding; an ADDRESS is visible ASCII but ">". The protocol's words are
 * taken as few as the rest allows, so an "id" after them is the clause. Captures: the from-NAME,
 * the from-LITERAL, the from-comment's WORD and LITERAL, the by-NAME, the protocol's words, the
 * id, the via word and the address. Each repetition stops at a character it cannot take, so the
 * expression runs in one pass (test/unit/analysis/regex-safety.test.ts). Folding inside a comment
 * and before "from" is written as runs of plain characters between line breaks, not as a choice
 * per character, which V8 runs about 6% faster.
 */
const TYPICAL_HOP =
  /[ \t]*(?:\r\n[ \t]+)*from(?:\r\n)?[ \t]+(?:([A-Za-z0-9.-]+)|\[((?:IPv6:)?[0-9A-Fa-f:.]+)\])(?:(?:\r\n)?[ \t]+\((?:([A-Za-z0-9.:-]+) ?)?(?:\[((?:IPv6:)?[0-9A-Fa-f:.]+)\])?\))?(?:\r\n)?[ \t]+by(?:\r\n)?[ \t]+([A-Za-z0-9.-]+)(?:(?:\r\n)?[ \t]+\([^()\\\r\n]*(?:\r\n[ \t][^()\\\r\n]*)*\))?(?:\r\n)?[ \t]+with(?:\r\n)?[ \t]+([A-Za-z0-9]+(?: [A-Za-z0-9]+){0,2}?)(?:(?:\r\n)?[ \t]+\([^()\\\r\n]*(?:\r\n[ \t][^()\\\r\n]*)*\))?(?:(?:\r\n)?[ \t]+id(?:\r\n)?[ \t]+([A-Za-z0-9.-]+)(?:(?:\r\n)?[ \t]+\([^()\\\r\n]*(?:\r\n[ \t][^()\\\r\n]*)*\))?)?(?:(?:\r\n)?[ \t]+via (Frontend)(?:\r\n)?[ \t]+Transport)?(?:(?:\r\n)?[ \t]+for(?:\r\n)?[ \t]+<([!-=?-~]+)>(?:(?:\r\n)?[ \t]+\([^()\\\r\n]*(?:\r\n[ \t][^()\\\r\n]*)*\))?)?;/y;

/** Whether a Received value is read as the typical hop (for tests that check it is). */
export function readsAsTypicalHop(value: string): boolean {
  SEARCH.reset(value);
  const typical = readTypicalHop(value, 0, value.length) !== null;
  releaseText();
  return typical;
}

/** Whether a name the expression captured (if any) is a keyword. */
function isKeyword(name: string | undefined): boolean {
  return name !== undefined && keywordAt(name, 0, name.length) !== NONE;
}

/** Whether one of the words (one space apart) is a keyword. */
function hasKeyword(words: string): boolean {
  let start = 0;
  for (let space = words.indexOf(" "); space >= 0; space = words.indexOf(" ", start)) {
    if (keywordAt(words, start, space) !== NONE) return true;
    start = space + 1;
  }
  return keywordAt(words, start, words.length) !== NONE;
}

/** The Received value text[from, to), read token by token. */
function readByTokens(text: string, from: number, to: number): ReadReceived {
  const tokens = lex(text, from, to, TOP_LEVEL);
  const lastSemicolon = tokens.lastSemicolon;
  let clauseEnd = tokens.count;
  while (lastSemicolon >= 0 && clauseEnd > 0 && tokens.startOf(clauseEnd - 1) > lastSemicolon)
    clauseEnd--;
  let dateStart = lastSemicolon < 0 ? -1 : lastSemicolon + 1;
  if (lastSemicolon < 0) {
    // No ";" before the date: a date standing plainly at the end is still read.
    const at = unseparatedDateToken(tokens);
    if (at >= 0) {
      clauseEnd = at;
      dateStart = tokens.startOf(at);
    }
  }
  // The origin is only ever read from a top-level "from": comments such as Postfix's "(Postfix,
  // from userid 0)" or qmail's "(qmail 1234 invoked from network)" name no host.
  const clauses = readClauses(tokens, clauseEnd);
  const date = dateStart < 0 ? null : readDateIn(text, dateStart, to);
  clauses.millis = date?.millis ?? null;
  clauses.zoneKnown = date?.zoneKnown ?? false;
  return clauses;
}

/**
 * Where a date begins in a Received value written without the ";" before it: the one word
 * that is a weekday followed by a day number, or a day number followed by a month name and a
 * year, after at least one clause. -1 when there is none, or more than one (then it is not
 * clear which words are the date).
 */
function unseparatedDateToken(tokens: Tokens): number {
  let found = -1;
  for (let i = 1; i < tokens.count; i++) {
    if (tokens.kinds[i] !== WORD) continue;
    const weekdayStart = isNameWord(tokens, i, WEEKDAY_WORDS) && isNumberWord(tokens, i + 1, 2);
    const dayStart =
      isNumberWord(tokens, i, 2) &&
      isNameWord(tokens, i + 1, MONTH_WORDS) &&
      isNumberWord(tokens, i + 2, 4) &&
      !isNameWord(tokens, i - 1, WEEKDAY_WORDS);
    if (!weekdayStart && !dayStart) continue;
    if (found >= 0) return -1;
    found = i;
  }
  return found;
}

const WEEKDAY_WORDS: ReadonlySet<string> = new Set([
  "mon",
  "tue",
  "wed",
  "thu",
  "fri",
  "sat",
  "sun",
]);
const MONTH_WORDS: ReadonlySet<string> = new Set([
  "jan",
  "feb",
  "mar",
  "apr",
  "may",
  "jun",
  "jul",
  "aug",
  "sep",
  "oct",
  "nov",
  "dec",
]);

/** Token `index` is a three-letter word of `names` (lower case), in any case. */
function isNameWord(tokens: Tokens, index: number, names: ReadonlySet<string>): boolean {
  if (index < 0 || index >= tokens.count || tokens.kinds[index] !== WORD) return false;
  const start = tokens.starts[index] as number;
  if ((tokens.ends[index] as number) - start !== 3) return false;
  return names.has(tokens.text.slice(start, start + 3).toLowerCase());
}

/** Token `index` is a word of one to `maxDigits` digits. */
function isNumberWord(tokens: Tokens, index: number, maxDigits: number): boolean {
  if (index >= tokens.count || tokens.kinds[index] !== WORD) return false;
  const start = tokens.starts[index] as number;
  const end = tokens.ends[index] as number;
  return end - start <= maxDigits && isDigits(tokens.text, start, end - start);
}

/** Token kinds, as small integers in `Tokens.kinds`. */
const WORD = 0;
const COMMENT = 1;
const LITERAL = 2;
const ANGLE = 3;
const QUOTED = 4;

/**
 * The tokens of one value as flat arrays of positions, not an object and a substring each: a
 * block with thousands of Received fields made those the analysis's main allocation, and the
 * collector's copying of what was still alive grew its cost faster than the input. The text of a
 * token (the word, or the content inside the brackets / parentheses / quotes) is cut only when
 * a clause takes it.
 */
class Tokens {
  text: string;
  count = 0;
  /** The last semicolon outside any bracket, or -1. */
  lastSemicolon = -1;
  kinds = new Uint8Array(32);
  /** Where each token starts (its bracket, for bracketed kinds). */
  starts = new Int32Array(32);
  /** Where each token's content ends (before its closing bracket). */
  ends = new Int32Array(32);

  constructor(text: string) {
    this.text = text;
  }

  reset(text: string): this {
    this.text = text;
    this.count = 0;
    this.lastSemicolon = -1;
    return this;
  }

  push(kind: number, start: number, end: number): void {
    if (this.count === this.kinds.length) {
      const grow = <T extends Uint8Array | Int32Array>(array: T, bigger: T): T => {
        bigger.set(array);
        return bigger;
      };
      this.kinds = grow(this.kinds, new Uint8Array(this.count * 2));
      this.starts = grow(this.starts, new Int32Array(this.count * 2));
      this.ends = grow(this.ends, new Int32Array(this.count * 2));
    }
    this.kinds[this.count] = kind;
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.count++;
  }

  startOf(index: number): number {
    return this.starts[index] as number;
  }

  /** Where the token's content starts: after its opening bracket, parenthesis or quote. */
  contentStart(index: number): number {
    return (this.starts[index] as number) + (this.kinds[index] === WORD ? 0 : 1);
  }

  /** A word as it stands; bracketed content as in the unfolded value (words hold no line break). */
  textOf(index: number): string {
    const start = this.contentStart(index);
    const end = this.ends[index] as number;
    return this.kinds[index] === WORD
      ? this.text.slice(start, end)
      : withoutLineBreaks(this.text, start, end);
  }
}

/** Reused for every value. */
const TOP_LEVEL = new Tokens("");

/** The characters the lexer looks ahead for, by their index in ForwardSearch. */
const OPEN = 0;
const CLOSE = 1;
const ESCAPE = 2;
const SEMICOLON = 3;
const CLOSE_BRACKET = 4;
const CLOSE_ANGLE = 5;
const QUOTE = 6;
const SEARCH = new ForwardSearch(["(", ")", "\\", ";", "]", ">", '"']);

const SPACE = 1;
const WORD_STOP = 2; // ends a word and starts (or is) a token of its own
const TEXT_STOP = 4; // ends a word inside a comment
/**
 * By character code, every UTF-16 unit (0 past ASCII): a 64 KB table read without a range check
 * first makes the word loops, the lexer's main cost, a fifth faster.
 */
const CHAR_CLASS = (() => {
  const table = new Uint8Array(0x10000);
  for (const char of " \t\r\n") table[char.charCodeAt(0)] = SPACE;
  for (const char of '()[;,<"')
    table[char.charCodeAt(0)] = (table[char.charCodeAt(0)] as number) | WORD_STOP;
  for (const char of "()[];,<>")
    table[char.charCodeAt(0)] = (table[char.charCodeAt(0)] as number) | TEXT_STOP;
  return table;
})();

/** `code` is a character code (charCodeAt within the text). */
function charClass(code: number): number {
  return CHAR_CLASS[code] as number;
}

function isSpace(code: number): boolean {
  return (charClass(code) & SPACE) !== 0;
}

/**
 * Splits text[from, to) into tokens; remembers the last semicolon outside any bracket. Stops at
 * that semicolon when no other semicolon follows: the rest is the date. Looks ahead with
 * SEARCH, which holds `text` (so a ")" is found without reading the comment before it).
 */
function lex(text: string, from: number, to: number, into: Tokens): Tokens {
  const tokens = into.reset(text);
  let lastSemicolon = -1;
  let i = from;
  while (i < to) {
    const code = text.charCodeAt(i);
    const start = i;
    if (isSpace(code) || code === 0x2c || code === 0x29) {
      i++; // whitespace, commas and stray ")" separate tokens and mean nothing
    } else if (code === 0x3b) {
      lastSemicolon = i;
      i++;
      if (SEARCH.indexOf(SEMICOLON, i) >= to) break;
    } else if (code === 0x28) {
      // A comment with neither a nested comment nor an escape before its ")" ends there.
      const close = SEARCH.indexOf(CLOSE, i + 1);
      const end =
        close < to && close < SEARCH.indexOf(OPEN, i + 1) && close < SEARCH.indexOf(ESCAPE, i + 1)
          ? close + 1
          : commentEnd(text, i, to);
      const contentEnd = text.charCodeAt(end - 1) === 0x29 ? end - 1 : end;
      tokens.push(COMMENT, start, contentEnd);
      i = end;
    } else if (code === 0x5b || code === 0x3c || code === 0x22) {
      const close = SEARCH.indexOf(
        code === 0x5b ? CLOSE_BRACKET : code === 0x3c ? CLOSE_ANGLE : QUOTE,
        i + 1,
      );
      const end = close < to ? close : to;
      tokens.push(code === 0x5b ? LITERAL : code === 0x3c ? ANGLE : QUOTED, start, end);
      i = close < to ? close + 1 : to;
    } else {
      do i++;
      while (i < to && (charClass(text.charCodeAt(i)) & (SPACE | WORD_STOP)) === 0);
      tokens.push(WORD, start, i);
    }
  }
  if (lastSemicolon < 0 && tokens.count > 0) {
    // An unclosed comment or bracket swallowed the rest: fall back to the last semicolon at all.
    if (SEARCH.indexOf(SEMICOLON, tokens.startOf(tokens.count - 1) + 1) < to)
      lastSemicolon = text.lastIndexOf(";", to - 1);
  }
  tokens.lastSemicolon = lastSemicolon;
  return tokens;
}

/** Index just past the ")" that closes the comment opened at `start`, or `to`. */
function commentEnd(text: string, start: number, to: number): number {
  const close = closingParenthesis(text, start, to);
  return close === to ? close : close + 1;
}

/**
 * The clause keywords, one bit each so that the keywords seen fit in one number. Numbers, not
 * the words: looking a word up in a table of bits was a tenth of reading the clauses.
 */
const NONE = 0;
const FROM = 1;
const BY = 2;
const VIA = 4;
const WITH = 8;
const ID = 16;
const FOR = 32;

/** The keyword token `index` is (any case), or NONE. */
function keywordOf(tokens: Tokens, index: number): number {
  if (tokens.kinds[index] !== WORD) return NONE;
  return keywordAt(tokens.text, tokens.starts[index] as number, tokens.ends[index] as number);
}

/** The keyword text[at, end) is (any case), or NONE. */
function keywordAt(text: string, at: number, end: number): number {
  switch (end - at) {
    case 2:
      return isWordIgnoringCase(text, at, "by")
        ? BY
        : isWordIgnoringCase(text, at, "id")
          ? ID
          : NONE;
    case 3:
      return isWordIgnoringCase(text, at, "for")
        ? FOR
        : isWordIgnoringCase(text, at, "via")
          ? VIA
          : NONE;
    case 4:
      return isWordIgnoringCase(text, at, "from")
        ? FROM
        : isWordIgnoringCase(text, at, "with")
          ? WITH
          : NONE;
    default:
      return NONE;
  }
}

/** text[at...] is `lowerCaseWord` in any case (`lowerCaseWord` is ASCII letters). */
function isWordIgnoringCase(text: string, at: number, lowerCaseWord: string): boolean {
  for (let i = 0; i < lowerCaseWord.length; i++) {
    if ((text.charCodeAt(at + i) | 0x20) !== lowerCaseWord.charCodeAt(i)) return false;
  }
  return true;
}
const MAX_WITH_WORDS = 5;

/** The clauses before the date. */
type Clauses = Omit<ParsedReceived, "date">;

/**
 * Reads the clauses from the first `end` tokens; the first occurrence of each keyword wins
 * ("by alpha by uid 7791").
 */
function readClauses(tokens: Tokens, end: number): ReadReceived {
  const clauses = clearedReading();
  const count = Math.min(end, tokens.count);
  let seen = 0; // the keywords met so far
  let current = NONE;
  let expectingValue = false;
  let fromHostIsIp = false;
  // The tokens after "from" up to the next keyword: [fromPartStart, fromPartEnd).
  let fromPartStart = 0;
  let fromPartEnd = 0;
  // The words after "with": text[withStart, withEnd), or joined when not one space apart.
  let withWords = 0;
  let withStart = 0;
  let withEnd = 0;
  let withJoined: string | null = null;
  let withOpen = false;
  const text = tokens.text;

  for (let i = 0; i < count; i++) {
    const keyword = keywordOf(tokens, i);
    if (keyword !== NONE) {
      current = (seen & keyword) !== 0 ? NONE : keyword;
      seen |= keyword;
      expectingValue = current !== NONE;
      withOpen = false;
      continue;
    }
    if (current === NONE) continue;
    const kind = tokens.kinds[i];
    if (expectingValue) {
      expectingValue = false;
      if (current === FROM) {
        const host = hostOf(tokens, i);
        clauses.from = host;
        fromHostIsIp = host !== null && host === lastHostIp;
        fromPartStart = kind === COMMENT ? i : i + 1;
        fromPartEnd = i + 1;
      } else if (current === BY) {
        clauses.by = hostOf(tokens, i);
      } else if (current === WITH) {
        if (kind === WORD) {
          withStart = tokens.startOf(i);
          withEnd = tokens.ends[i] as number;
          withWords = 1;
          withOpen = true;
        }
      } else if (current === VIA) {
        clauses.via = kind === WORD ? tokens.textOf(i) : null;
      } else if (current === ID) {
        clauses.id = valueOf(tokens, i);
      } else if (current === FOR) {
        clauses.for = valueOf(tokens, i);
      }
      continue;
    }
    if (current === FROM) fromPartEnd = i + 1;
    else if (current === WITH && withOpen) {
      if (kind === WORD && withWords < MAX_WITH_WORDS) {
        // One space between the words keeps them one slice of the text; any other gap is joined.
        if (
          withJoined === null &&
          (tokens.startOf(i) !== withEnd + 1 || text.charCodeAt(withEnd) !== 0x20)
        )
          withJoined = text.slice(withStart, withEnd);
        if (withJoined !== null) withJoined += ` ${tokens.textOf(i)}`;
        withEnd = tokens.ends[i] as number;
        withWords++;
      } else withOpen = false;
    }
  }

  if (withWords > 0) clauses.with = withJoined ?? text.slice(withStart, withEnd);
  clauses.fromIp =
    firstIpIn(tokens, fromPartStart, fromPartEnd) ?? (fromHostIsIp ? clauses.from : null);
  return clauses;
}

/** The IP hostOf last found, so readClauses can tell an IP host from a name without an object. */
let lastHostIp: string | null = null;

/**
 * The host a "from" or "by" names: a word (cut at "/", which no host name holds) or an IP
 * literal. When it is an IP, `lastHostIp` is that same string.
 */
function hostOf(tokens: Tokens, index: number): string | null {
  lastHostIp = null;
  const kind = tokens.kinds[index];
  if (kind === LITERAL) return (lastHostIp = ipFromLiteral(tokens.textOf(index)));
  if (kind === ANGLE) return nonEmpty(tokens.textOf(index).trim());
  if (kind !== WORD) return null;
  const word = tokens.textOf(index);
  const ip = ipFromWord(word);
  if (ip) return (lastHostIp = ip);
  const slash = word.indexOf("/");
  return nonEmpty(slash >= 0 ? word.slice(0, slash) : word);
}

function valueOf(tokens: Tokens, index: number): string | null {
  const kind = tokens.kinds[index];
  if (kind !== WORD && kind !== ANGLE) return null;
  const text = tokens.textOf(index);
  // A word ends at ASCII whitespace already; only other whitespace (\v, NBSP...) can be trimmed.
  return kind === WORD &&
    isVisibleAscii(text.charCodeAt(0)) &&
    isVisibleAscii(text.charCodeAt(text.length - 1))
    ? text
    : nonEmpty(text.trim());
}

function isVisibleAscii(code: number): boolean {
  return code > 0x20 && code < 0x7f;
}

function nonEmpty(text: string): string | null {
  return text.length > 0 ? text : null;
}

/** The first IP the from-part names: in comments, [literals] or bare words, in order. */
function firstIpIn(tokens: Tokens, from: number, to: number): string | null {
  for (let i = from; i < to; i++) {
    const kind = tokens.kinds[i];
    const ip =
      kind === COMMENT
        ? firstIpInComment(tokens.text, tokens.contentStart(i), tokens.ends[i] as number)
        : kind === LITERAL
          ? ipFromLiteral(tokens.textOf(i))
          : kind === WORD
            ? ipFromWord(tokens.textOf(i))
            : null;
    if (ip) return ip;
  }
  return null;
}

/**
 * firstIpInText(text.slice(from, to) unfolded), read in place: a word that cannot start an IP
 * is passed without being cut out. From a line break or a [literal] on, the rest is read
 * unfolded by firstIpInText (in a Received comment both are rare).
 */
function firstIpInComment(text: string, from: number, to: number): string | null {
  let i = from;
  while (i < to) {
    const code = text.charCodeAt(i);
    if (code === 0x5b || isLineBreak(code)) return firstIpInText(withoutLineBreaks(text, i, to));
    if ((charClass(code) & (SPACE | TEXT_STOP)) !== 0) {
      i++;
      continue;
    }
    const start = i;
    while (i < to && (charClass(text.charCodeAt(i)) & (SPACE | TEXT_STOP)) === 0) i++;
    if (i < to && isLineBreak(text.charCodeAt(i)))
      return firstIpInText(withoutLineBreaks(text, start, to));
    if (mayBeIp(text, start, i)) {
      const ip = ipFromWord(text.slice(start, i));
      if (ip) return ip;
    }
  }
  return null;
}

function isLineBreak(code: number): boolean {
  return code === 0x0d || code === 0x0a;
}

/**
 * The first IP in a comment: a [literal] anywhere ("unknown[1.2.3.4]", "user@[1.2.3.4]") or a
 * word that is an IP by itself. "user@1.2.3.4" is an ident, not the connecting address.
 */
function firstIpInText(text: string): string | null {
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 0x5b) {
      const close = text.indexOf("]", i + 1);
      if (close < 0) return null;
      const ip = ipFromLiteral(text.slice(i + 1, close));
      if (ip) return ip;
      i = close + 1;
    } else if ((charClass(code) & (SPACE | TEXT_STOP)) !== 0) {
      i++;
    } else {
      const start = i;
      while (i < text.length && (charClass(text.charCodeAt(i)) & (SPACE | TEXT_STOP)) === 0) i++;
      const ip = ipFromWord(text.slice(start, i));
      if (ip) return ip;
    }
  }
  return null;
}

/** "[1.2.3.4]", "[IPv6:::1]", "[(1.2.3.4)]", "[1.2.3.4:25]", "[fe80::1%6]" contents. */
function ipFromLiteral(content: string): string | null {
  let text = content.trim();
  if (text.startsWith("(") && text.endsWith(")")) text = text.slice(1, -1).trim();
  if (text.length > 5 && text.slice(0, 5).toLowerCase() === "ipv6:") text = text.slice(5);
  return ipFromWord(text);
}

/** An IPv4 or IPv6 address, optionally an IPv4 with ":port" or an IPv6 with "%zone". */
export function ipFromWord(word: string): string | null {
  if (!mayBeIp(word, 0, word.length)) return null;
  if (isIpv4(word)) return word;
  if (word.indexOf(":") < 0) return null; // the forms below all have one
  const zone = word.indexOf("%");
  const withoutZone = zone > 0 ? word.slice(0, zone) : word;
  if (isIpv6(withoutZone)) return withoutZone;
  const colon = word.lastIndexOf(":");
  if (colon > 0 && word.indexOf(":") === colon && isPort(word.slice(colon + 1))) {
    const host = word.slice(0, colon);
    if (isIpv4(host)) return host;
  }
  return null;
}

/** Cheap: most words are host names, whose length or first letter rules out an IP. */
function mayBeIp(text: string, from: number, to: number): boolean {
  if (to - from < 2 || to - from > 60) return false;
  const first = text.charCodeAt(from);
  return first === 0x3a || hexValue(first) >= 0;
}

function isPort(text: string): boolean {
  return text.length > 0 && text.length <= 5 && isDigits(text, 0, text.length);
}

/** Whether text[from, to) is a dotted-quad IPv4 address. */
export function isIpv4(text: string, from = 0, to = text.length): boolean {
  let parts = 0;
  let digits = 0;
  let value = 0;
  for (let i = from; i <= to; i++) {
    const code = i < to ? text.charCodeAt(i) : 0x2e;
    if (code === 0x2e) {
      if (digits === 0 || value > 255 || ++parts > 4) return false;
      digits = 0;
      value = 0;
    } else if (code >= 0x30 && code <= 0x39 && digits < 3) {
      value = value * 10 + (code - 0x30);
      digits++;
    } else {
      return false;
    }
  }
  return parts === 4;
}

/**
 * Whether text[from, to) is an IPv6 address (RFC 4291 section 2.2: eight hex groups, or fewer
 * with one "::"; the last two may be an IPv4 address). One pass over the characters: a group's
 * digits are checked as they come, and at the first character no hex group can hold the rest must
 * be the closing IPv4 address.
 */
export function isIpv6(text: string, from = 0, to = text.length): boolean {
  if (to - from < 2) return false;
  let groups = 0;
  let doubleColon = -1;
  let groupStart = from;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x3a) {
      if (i > from && text.charCodeAt(i - 1) === 0x3a) {
        if (doubleColon >= 0) return false; // a second "::" (or ":::")
        doubleColon = i - 1;
      } else if (i > groupStart) {
        groups++;
      }
      groupStart = i + 1;
    } else if (hexValue(code) < 0 || i - groupStart === 4) {
      if (!isIpv4(text, groupStart, to)) return false;
      groups += 2;
      groupStart = to;
      break;
    }
  }
  if (groupStart < to) groups++;
  // A colon at either end is only allowed as part of the "::".
  const colonFirst = text.charCodeAt(from) === 0x3a;
  const colonLast = text.charCodeAt(to - 1) === 0x3a;
  if (doubleColon < 0) return groups === 8 && !colonFirst && !colonLast;
  if (colonFirst && doubleColon !== from) return false;
  if (colonLast && doubleColon !== to - 2) return false;
  return groups < 8;
}
