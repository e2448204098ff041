/**
 * Received headers as the world's MTAs write them (Postfix, Exim, Sendmail, qmail, Exchange and
 * Exchange Online, Gmail, SendGrid, Amazon SES, IBM, CommuniGate, MDaemon...). The value is
 * split once into words, comments, [literals], <angles>, "quoted strings" and semicolons; the
 * clauses (from, by, via, with, id, for) are read from that token list, and the date is what
 * follows the last top-level semicolon (or, without one, a date standing plainly at the end).
 * Every scanner moves forward only, so the work is linear.
 */
import { isoUtc, readDate } from "./dates";
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
 * The hops of a message from its Received values as they stand in the header block
 * (topmost first), returned oldest first with index and delays filled in.
 */
export function buildHops(receivedTopmostFirst: readonly string[]): Hop[] {
  const hops: Hop[] = [];
  // The previous hop's instant, null when it had none or its zone was unknown (a delay against
  // a clock read in an unknown zone could be hours off, so none is given).
  let previousMillis: number | null = null;
  for (let i = receivedTopmostFirst.length - 1; i >= 0; i--) {
    const { parsed, millis, zoneKnown } = readReceived(receivedTopmostFirst[i] ?? "");
    const delaySeconds =
      hops.length === 0 || millis === null || !zoneKnown || previousMillis === null
        ? null
        : (millis - previousMillis) / 1000;
    hops.push({
      index: hops.length + 1,
      from: parsed.from,
      fromIp: parsed.fromIp,
      by: parsed.by,
      with: parsed.with,
      id: parsed.id,
      date: parsed.date,
      dateZoneKnown: millis === null ? null : zoneKnown,
      delaySeconds,
    });
    previousMillis = zoneKnown ? millis : null;
  }
  return hops;
}

/** One Received value (unfolded or not); never throws, unknown parts are null. */
export function parseReceived(value: string): ParsedReceived {
  return readReceived(value).parsed;
}

function readReceived(value: string): {
  parsed: ParsedReceived;
  millis: number | null;
  zoneKnown: boolean;
} {
  const text = typeof value === "string" ? value : "";
  const { tokens, lastSemicolon } = lex(text, true);
  let clauseEnd = tokens.length;
  while (
    lastSemicolon >= 0 &&
    clauseEnd > 0 &&
    (tokens[clauseEnd - 1] as Token).start > lastSemicolon
  )
    clauseEnd--;
  let dateStart = lastSemicolon < 0 ? -1 : lastSemicolon + 1;
  if (lastSemicolon < 0) {
    // No ";" before the date: a date standing plainly at the end is still read.
    const at = unseparatedDateToken(tokens);
    if (at >= 0) {
      clauseEnd = at;
      dateStart = (tokens[at] as Token).start;
    }
  }
  const clauseTokens = clauseEnd === tokens.length ? tokens : tokens.slice(0, clauseEnd);
  // The origin is only ever read from a top-level "from": comments such as Postfix's "(Postfix,
  // from userid 0)" or qmail's "(qmail 1234 invoked from network)" name no host.
  const clauses = readClauses(clauseTokens);
  const read = dateStart < 0 ? null : readDate(text.slice(dateStart));
  const parsed: ParsedReceived = {
    from: clauses.from,
    fromIp: clauses.fromIp,
    by: clauses.by,
    with: clauses.with,
    via: clauses.via,
    id: clauses.id,
    for: clauses.for,
    date: read === null ? null : isoUtc(read.millis),
  };
  return { parsed, millis: read?.millis ?? null, zoneKnown: read?.zoneKnown ?? false };
}

/**
 * Where a date begins in a Received value written without the ";" before it: the one word
 * that is a weekday followed by a day number, or a day number followed by a month name and a
 * year, after at least one clause. -1 when there is none, or more than one (then it is not
 * clear which words are the date).
 */
function unseparatedDateToken(tokens: readonly Token[]): number {
  let found = -1;
  for (let i = 1; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.kind !== "word") continue;
    const next = tokens[i + 1];
    const afterNext = tokens[i + 2];
    const weekdayStart = isWeekdayWord(token.text) && next !== undefined && isDayNumber(next);
    const dayStart =
      isDayNumber(token) &&
      next !== undefined &&
      next.kind === "word" &&
      isMonthWord(next.text) &&
      afterNext !== undefined &&
      isDayNumber(afterNext, 4);
    if (!weekdayStart && !dayStart) continue;
    if (dayStart && i > 0 && isWeekdayWord((tokens[i - 1] as Token).text)) continue;
    if (found >= 0) return -1;
    found = i;
  }
  return found;
}

const WEEKDAY_WORDS = new Set(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]);
const MONTH_WORDS = new Set([
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

function isWeekdayWord(text: string): boolean {
  return text.length === 3 && WEEKDAY_WORDS.has(text.toLowerCase());
}

function isMonthWord(text: string): boolean {
  return text.length === 3 && MONTH_WORDS.has(text.toLowerCase());
}

/** A word of one to `maxDigits` digits (2 for a day; 4 for a year). */
function isDayNumber(token: Token, maxDigits = 2): boolean {
  if (token.kind !== "word" || token.text.length === 0 || token.text.length > maxDigits) {
    return false;
  }
  for (let i = 0; i < token.text.length; i++) {
    const code = token.text.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return false;
  }
  return true;
}

type TokenKind = "word" | "comment" | "literal" | "angle" | "quoted";

interface Token {
  kind: TokenKind;
  /** The word, or the content inside the brackets / parentheses / quotes. */
  text: string;
  start: number;
}

const SPACE = 1;
const WORD_STOP = 2; // ends a word and starts (or is) a token of its own
const TEXT_STOP = 4; // ends a word inside a comment
const CHAR_CLASS = (() => {
  const table = new Uint8Array(128);
  for (const char of " \t\r\n") table[char.charCodeAt(0)] = SPACE;
  for (const char of '()[;,<"')
    table[char.charCodeAt(0)] = (table[char.charCodeAt(0)] as number) | WORD_STOP;
  for (const char of "()[];,<>")
    table[char.charCodeAt(0)] = (table[char.charCodeAt(0)] as number) | TEXT_STOP;
  return table;
})();

function charClass(code: number): number {
  return code < 128 ? (CHAR_CLASS[code] as number) : 0;
}

function isSpace(code: number): boolean {
  return (charClass(code) & SPACE) !== 0;
}

/**
 * Splits the value into tokens; remembers the last semicolon outside any bracket. With
 * `stopAtDate`, stops at that semicolon when no other semicolon follows: the rest is the date.
 */
function lex(text: string, stopAtDate: boolean): { tokens: Token[]; lastSemicolon: number } {
  const tokens: Token[] = [];
  let lastSemicolon = -1;
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    const start = i;
    if (isSpace(code) || code === 0x2c || code === 0x29) {
      i++; // whitespace, commas and stray ")" separate tokens and mean nothing
    } else if (code === 0x3b) {
      lastSemicolon = i;
      i++;
      if (stopAtDate && text.indexOf(";", i) < 0) break;
    } else if (code === 0x28) {
      const end = commentEnd(text, i);
      const contentEnd = text.charCodeAt(end - 1) === 0x29 ? end - 1 : end;
      tokens.push({ kind: "comment", text: text.slice(i + 1, contentEnd), start });
      i = end;
    } else if (code === 0x5b || code === 0x3c || code === 0x22) {
      const closer = code === 0x5b ? "]" : code === 0x3c ? ">" : '"';
      const close = text.indexOf(closer, i + 1);
      const end = close < 0 ? text.length : close;
      const kind: TokenKind = code === 0x5b ? "literal" : code === 0x3c ? "angle" : "quoted";
      tokens.push({ kind, text: text.slice(i + 1, end), start });
      i = close < 0 ? text.length : close + 1;
    } else {
      do i++;
      while (i < text.length && (charClass(text.charCodeAt(i)) & (SPACE | WORD_STOP)) === 0);
      tokens.push({ kind: "word", text: text.slice(start, i), start });
    }
  }
  if (lastSemicolon < 0 && tokens.length > 0) {
    // An unclosed comment or bracket swallowed the rest: fall back to the last semicolon at all.
    const anywhere = text.lastIndexOf(";");
    const lastToken = tokens[tokens.length - 1] as Token;
    if (anywhere > lastToken.start) lastSemicolon = anywhere;
  }
  return { tokens, lastSemicolon };
}

/** Index just past the ")" that closes the comment opened at `start` (nesting, escapes). */
function commentEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x5c) i++;
    else if (code === 0x28) depth++;
    else if (code === 0x29 && --depth === 0) return i + 1;
  }
  return text.length;
}

type Keyword = "from" | "by" | "via" | "with" | "id" | "for";
/** One bit per keyword, to remember which clauses were seen. */
const KEYWORD_BITS: Readonly<Record<Keyword, number>> = {
  from: 1,
  by: 2,
  via: 4,
  with: 8,
  id: 16,
  for: 32,
};

function keywordOf(token: Token): Keyword | null {
  if (token.kind !== "word") return null;
  const text = token.text;
  switch (text.length) {
    case 2:
      return isWordIgnoringCase(text, "by") ? "by" : isWordIgnoringCase(text, "id") ? "id" : null;
    case 3:
      return isWordIgnoringCase(text, "for")
        ? "for"
        : isWordIgnoringCase(text, "via")
          ? "via"
          : null;
    case 4:
      return isWordIgnoringCase(text, "from")
        ? "from"
        : isWordIgnoringCase(text, "with")
          ? "with"
          : null;
    default:
      return null;
  }
}

/** `text` is `lowerCaseWord` in any case (`lowerCaseWord` is ASCII letters of the same length). */
function isWordIgnoringCase(text: string, lowerCaseWord: string): boolean {
  for (let i = 0; i < lowerCaseWord.length; i++) {
    if ((text.charCodeAt(i) | 0x20) !== lowerCaseWord.charCodeAt(i)) return false;
  }
  return true;
}
const MAX_WITH_WORDS = 5;

/** The clauses before the date, and whether a top-level "from" was seen at all. */
interface Clauses extends Omit<ParsedReceived, "date"> {
  sawFrom: boolean;
}

/** Reads the clauses; the first occurrence of each keyword wins ("by alpha by uid 7791"). */
function readClauses(tokens: readonly Token[]): Clauses {
  const clauses: Clauses = {
    sawFrom: false,
    from: null,
    fromIp: null,
    by: null,
    with: null,
    via: null,
    id: null,
    for: null,
  };
  let seen = 0; // KEYWORD_BITS of the keywords met so far
  let current: Keyword | null = null;
  let expectingValue = false;
  let fromHostIsIp = false;
  const fromPart: Token[] = [];
  const withWords: string[] = [];
  let withOpen = false;

  for (const token of tokens) {
    const keyword = keywordOf(token);
    if (keyword !== null) {
      const bit = KEYWORD_BITS[keyword];
      current = (seen & bit) !== 0 ? null : keyword;
      seen |= bit;
      expectingValue = current !== null;
      withOpen = false;
      if (keyword === "from") clauses.sawFrom = true;
      continue;
    }
    if (current === null) continue;
    if (expectingValue) {
      expectingValue = false;
      if (current === "from") {
        const host = hostOf(token);
        clauses.from = host.name;
        fromHostIsIp = host.isIp;
        if (token.kind === "comment") fromPart.push(token);
      } else if (current === "by") {
        clauses.by = hostOf(token).name;
      } else if (current === "with") {
        if (token.kind === "word") {
          withWords.push(token.text);
          withOpen = true;
        }
      } else if (current === "via") {
        clauses.via = token.kind === "word" ? token.text : null;
      } else if (current === "id") {
        clauses.id = valueOf(token);
      } else if (current === "for") {
        clauses.for = valueOf(token);
      }
      continue;
    }
    if (current === "from") fromPart.push(token);
    else if (current === "with" && withOpen) {
      if (token.kind === "word" && withWords.length < MAX_WITH_WORDS) withWords.push(token.text);
      else withOpen = false;
    }
  }

  if (withWords.length > 0) clauses.with = withWords.join(" ");
  clauses.fromIp = firstIpIn(fromPart) ?? (fromHostIsIp ? clauses.from : null);
  return clauses;
}

/** The host a "from" or "by" names: a word (cut at "/", which no host name holds) or an IP literal. */
function hostOf(token: Token): { name: string | null; isIp: boolean } {
  if (token.kind === "literal") {
    const ip = ipFromLiteral(token.text);
    return { name: ip, isIp: ip !== null };
  }
  if (token.kind === "angle") return { name: nonEmpty(token.text.trim()), isIp: false };
  if (token.kind !== "word") return { name: null, isIp: false };
  const ip = ipFromWord(token.text);
  if (ip) return { name: ip, isIp: true };
  const slash = token.text.indexOf("/");
  return { name: nonEmpty(slash >= 0 ? token.text.slice(0, slash) : token.text), isIp: false };
}

function valueOf(token: Token): string | null {
  if (token.kind === "word" || token.kind === "angle") return nonEmpty(token.text.trim());
  return null;
}

function nonEmpty(text: string): string | null {
  return text.length > 0 ? text : null;
}

/** The first IP the from-part names: in comments, [literals] or bare words, in order. */
function firstIpIn(fromPart: readonly Token[]): string | null {
  for (const token of fromPart) {
    const ip =
      token.kind === "comment"
        ? firstIpInText(token.text)
        : token.kind === "literal"
          ? ipFromLiteral(token.text)
          : token.kind === "word"
            ? ipFromWord(token.text)
            : null;
    if (ip) return ip;
  }
  return null;
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
  if (word.length < 2 || word.length > 60) return null;
  const first = word.charCodeAt(0);
  if (first !== 0x3a && hexValue(first) < 0) return null; // cheap: most words are host names
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

function isPort(text: string): boolean {
  if (text.length === 0 || text.length > 5) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return false;
  }
  return true;
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

export function isIpv6(text: string): boolean {
  if (text.length < 2 || text.indexOf(":") < 0) return false;
  const doubleColon = text.indexOf("::");
  if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) return false;
  // The parts between colons, walked in place: hex groups, and an IPv4 address as the last.
  let groups = 0;
  let emptyParts = 0;
  let start = 0;
  while (start <= text.length) {
    const colon = text.indexOf(":", start);
    const isLast = colon < 0;
    const end = isLast ? text.length : colon;
    if (end === start) {
      emptyParts++; // the "::" (and lone colons, checked below)
    } else if (isLast && text.indexOf(".", start) >= 0) {
      if (!isIpv4(text, start, end)) return false;
      groups += 2;
    } else if (isHexGroup(text, start, end)) {
      groups++;
    } else {
      return false;
    }
    start = end + 1;
  }
  if (doubleColon < 0) return groups === 8 && emptyParts === 0;
  // With a single "::", any other empty part is a lone colon at one end: ":1::2", "1::2:".
  if (text.startsWith(":") && doubleColon !== 0) return false;
  if (text.endsWith(":") && doubleColon !== text.length - 2) return false;
  return groups < 8;
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

/** Whether text[from, to) is one to four hex digits. */
function isHexGroup(text: string, from: number, to: number): boolean {
  if (to <= from || to - from > 4) return false;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i) | 0x20;
    if (!((code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x66))) return false;
  }
  return true;
}
