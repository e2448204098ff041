/**
 * RFC 5322 address lists read forgivingly: display names with quotes, escapes, comments and
 * encoded words; angle addresses with obsolete routes; groups (flattened); and the garbage real
 * mail carries (missing brackets, semicolons for commas, unquoted specials in names). One pass
 * to tokenize, one to assemble; never throws.
 */
import { closingParenthesis } from "./comments";
import { decodeEncodedWords, matchEncodedWord } from "./encoded-words";
import type { Address } from "./types";

/** Every mailbox of an address list (groups flattened), display names decoded. */
export function parseAddressList(value: string): Address[] {
  if (typeof value !== "string" || value.length === 0) return [];
  return assemble(new TokenReader(value), Infinity);
}

/** The first mailbox of a From / Reply-To value, or null when none can be read. */
export function parseMailbox(value: string): Address | null {
  if (typeof value !== "string" || value.length === 0) return null;
  const plain = plainMailbox(value);
  if (plain !== undefined) return plain;
  return assemble(new TokenReader(value), 1)[0] ?? null;
}

/** Return-Path: the bare address without brackets, or null (also for the null path "<>"). */
export function parseReturnPath(value: string): string | null {
  return parseMailbox(value)?.address ?? null;
}

type TokenKind = "atom" | "quoted" | "comment" | "literal" | "special";

interface Token {
  kind: TokenKind;
  /** As written (quoted strings with their quotes). */
  raw: string;
  /** What a person reads: quotes and escapes removed. */
  text: string;
  spaceBefore: boolean;
}

/** RFC 5322 specials that end an atom and stand as tokens of their own, by character code. */
const SPECIALS = (() => {
  const table = new Uint8Array(128);
  for (const char of '()<>[]:;@,"') table[char.charCodeAt(0)] = 1;
  return table;
})();

function isSpecial(code: number): boolean {
  return code < 128 && SPECIALS[code] === 1;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0d || code === 0x0a;
}

/** Tokens one at a time, so that reading only the first mailbox stops early. */
class TokenReader {
  private i = 0;

  constructor(private readonly value: string) {}

  /** The next token, or null at the end of the value. */
  next(): Token | null {
    const value = this.value;
    let spaceBefore = false;
    while (this.i < value.length && isSpace(value.charCodeAt(this.i))) {
      spaceBefore = true;
      this.i++;
    }
    const i = this.i;
    if (i >= value.length) return null;
    const code = value.charCodeAt(i);
    let kind: TokenKind;
    let end: number;
    let text: string | null = null; // null: the same as the raw text
    if (code === 0x22) {
      kind = "quoted";
      end = scanQuoted(value, i);
      text = unescape(value, i + 1, closedAt(value, end, 0x22));
    } else if (code === 0x28) {
      kind = "comment";
      end = scanComment(value, i);
      text = unescape(value, i + 1, closedAt(value, end, 0x29));
    } else if (code === 0x5b) {
      kind = "literal";
      const close = value.indexOf("]", i + 1);
      end = close < 0 ? value.length : close + 1;
    } else if (isSpecial(code)) {
      kind = "special";
      end = i + 1;
    } else {
      kind = "atom";
      end = scanAtom(value, i);
    }
    this.i = end;
    const raw = value.slice(i, end);
    return { kind, raw, text: text ?? raw, spaceBefore };
  }
}

/** Index just past the closing quote (or the end of the text when it never closes). */
function scanQuoted(value: string, start: number): number {
  for (let i = start + 1; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 0x5c) i++;
    else if (code === 0x22) return i + 1;
  }
  return value.length;
}

/** Index just past the matching ")" of a possibly nested comment. */
function scanComment(value: string, start: number): number {
  return Math.min(closingParenthesis(value, start) + 1, value.length);
}

/** Where the content of a quoted string or comment ends: before its closing character. */
function closedAt(value: string, end: number, closer: number): number {
  return end > 0 && value.charCodeAt(end - 1) === closer ? end - 1 : end;
}

function scanAtom(value: string, start: number): number {
  if (value.charCodeAt(start) === 0x3d) {
    const word = matchEncodedWord(value, start);
    if (word) return word.end;
  }
  let i = start;
  while (i < value.length) {
    const code = value.charCodeAt(i);
    if (isSpace(code) || isSpecial(code)) break;
    if (code === 0x3d && i > start && matchEncodedWord(value, i)) break;
    i++;
  }
  return i === start ? start + 1 : i;
}

function unescape(value: string, from: number, to: number): string {
  const slice = value.slice(from, Math.max(from, to));
  if (slice.indexOf("\\") < 0) return slice;
  let out = "";
  for (let i = 0; i < slice.length; i++) {
    if (slice.charCodeAt(i) === 0x5c && i + 1 < slice.length) i++;
    out += slice[i];
  }
  return out;
}

interface PendingMailbox {
  phrase: Token[];
  comments: Token[];
  angle: Token[] | null;
  /** Inside "<...>": tokens go to `angle`. */
  inAngle: boolean;
  angleClosed: boolean;
}

function assemble(tokens: TokenReader, limit: number): Address[] {
  const addresses: Address[] = [];
  let pending = emptyMailbox();
  for (let token = tokens.next(); token !== null; token = tokens.next()) {
    if (addresses.length >= limit) break;
    const special = token.kind === "special" ? token.raw : null;
    if (pending.inAngle && pending.angle) {
      if (special === ">") {
        pending.inAngle = false;
        pending.angleClosed = true;
      } else if (special === ":") {
        pending.angle.length = 0; // obsolete route "<@relay:user@host>"
      } else if (special === "," && pending.angle[0]?.raw !== "@") {
        pending = finish(pending, addresses); // the ">" was never written
      } else if (special === ";") {
        pending = finish(pending, addresses);
      } else if (token.kind !== "comment" && special !== "<") {
        pending.angle.push(token);
      }
      continue;
    }
    if (special === "," || special === ";") {
      pending = finish(pending, addresses);
    } else if (special === ":" && !pending.angle && !pending.phrase.some(isAt)) {
      pending = emptyMailbox(); // a group's display name: its members follow
    } else if (special === "<") {
      if (!pending.angle) {
        pending.angle = [];
        pending.inAngle = true;
      }
    } else if (special === ">") {
      // a stray closing bracket: nothing to keep
    } else if (token.kind === "comment") {
      pending.comments.push(token);
    } else if (!pending.angle) {
      pending.phrase.push(token);
    }
  }
  finish(pending, addresses);
  return addresses;
}

/** Adds the pending mailbox's address, if it makes one; returns the next, empty mailbox. */
function finish(pending: PendingMailbox, addresses: Address[]): PendingMailbox {
  const address = toAddress(pending);
  if (address) addresses.push(address);
  return emptyMailbox();
}

function emptyMailbox(): PendingMailbox {
  return { phrase: [], comments: [], angle: null, inAngle: false, angleClosed: false };
}

function isAt(token: Token): boolean {
  return token.kind === "special" && token.raw === "@";
}

function toAddress(pending: PendingMailbox): Address | null {
  if (pending.angle) {
    const address = pending.angle.map((token) => token.raw).join("");
    if (address.length === 0) return null;
    return makeAddress(address, displayName(pending.phrase));
  }
  const phrase = pending.phrase;
  const at = phrase.findIndex(isAt);
  if (at < 0) return null;
  const local = phrase[at - 1];
  const hasLocal = local !== undefined && (local.kind === "atom" || local.kind === "quoted");
  const domain = phrase[at + 1];
  const hasDomain = domain !== undefined && (domain.kind === "atom" || domain.kind === "literal");
  const address = `${hasLocal ? local.raw : ""}@${hasDomain ? domain.raw : ""}`;
  if (address === "@") return null;
  const before = phrase.slice(0, hasLocal ? at - 1 : at);
  const name =
    displayName(before) ?? displayName(pending.comments.map((comment) => asText(comment)));
  return makeAddress(address, name);
}

function asText(comment: Token): Token {
  return { kind: "atom", raw: comment.text, text: comment.text, spaceBefore: true };
}

function makeAddress(address: string, name: string | null): Address {
  const at = address.lastIndexOf("@");
  const domain = at >= 0 ? address.slice(at + 1).toLowerCase() : "";
  return { address, name, domain };
}

/** The words of a display name joined as they were spaced, encoded words decoded. */
function displayName(tokens: readonly Token[]): string | null {
  let joined = "";
  for (const token of tokens) {
    if (token.kind === "comment") continue;
    if (joined.length > 0 && token.spaceBefore) joined += " ";
    joined += token.kind === "quoted" ? token.text : token.raw;
  }
  return nameOf(joined);
}

function nameOf(joined: string): string | null {
  const name = collapseWhitespace(decodeEncodedWords(joined));
  return name.length > 0 ? name : null;
}

/**
 * Characters that end the plain forms below: controls, space and the specials (a phrase also
 * stops at "@"); by character code, 1 for a phrase, 2 for an address, 3 for both.
 */
const NOT_PLAIN = (() => {
  const table = new Uint8Array(128);
  for (let code = 0; code <= 0x20; code++) table[code] = 3;
  for (const char of '()<>[]:;,"\\') table[char.charCodeAt(0)] = 3;
  table[0x40] = 1; // @
  return table;
})();
const PHRASE = 1;
const ADDRESS = 2;

function isPlain(code: number, where: number): boolean {
  return code >= 128 || ((NOT_PLAIN[code] as number) & where) === 0;
}

/**
 * The mailbox of the forms most mail uses, `Name Words <local@domain>`, `<local@domain>` and
 * `local@domain` without quotes, comments, routes or literals, read without tokens; undefined
 * for any other value, which the token reader reads. Both readings give the same mailbox for
 * these forms: the words are joined by one space, as `displayName` joins the tokens' text, and
 * the name's encoded words (`=?utf-8?B?...?= <a@b>`, how non-ASCII names travel) are decoded
 * from that same text.
 */
function plainMailbox(value: string): Address | null | undefined {
  const length = value.length;
  if (value.charCodeAt(length - 1) !== 0x3e /* > */) {
    const at = value.indexOf("@");
    if (at <= 0 || at >= length - 1 || value.indexOf("@", at + 1) >= 0) return undefined;
    for (let i = 0; i < length; i++) {
      const code = value.charCodeAt(i);
      // "=?" may start an encoded word, which the token reader reads as a word of its own.
      if ((code === 0x3d && value.charCodeAt(i + 1) === 0x3f) || !isPlain(code, ADDRESS))
        return undefined;
    }
    return makeAddress(value, null);
  }
  if (value.charCodeAt(0) === 0x22 /* " */) return quotedNameMailbox(value);
  const open = value.indexOf("<");
  if (open < 0) return undefined;
  let joined = "";
  let i = 0;
  while (i < open) {
    if (value.charCodeAt(i) === 0x20) {
      i++;
      continue;
    }
    const start = i;
    while (i < open && isPlain(value.charCodeAt(i), PHRASE)) i++;
    if (i === start) return undefined;
    joined = joined.length > 0 ? `${joined} ${value.slice(start, i)}` : value.slice(start, i);
  }
  return angleMailbox(value, open, joined);
}

/**
 * `"Display Name" <local@domain>`: a quoted name without escapes, then spaces and the angle
 * address; undefined for anything else. The token reader reads the name as the quotes' content.
 */
function quotedNameMailbox(value: string): Address | null | undefined {
  const close = value.indexOf('"', 1);
  if (close < 0) return undefined;
  const escape = value.indexOf("\\", 1);
  if (escape >= 0 && escape < close) return undefined;
  let open = close + 1;
  while (value.charCodeAt(open) === 0x20) open++;
  if (value.charCodeAt(open) !== 0x3c /* < */) return undefined;
  return angleMailbox(value, open, value.slice(1, close));
}

/** The `<local@domain>` from `open` to the value's end, named `joined`; undefined if not plain. */
function angleMailbox(value: string, open: number, joined: string): Address | null | undefined {
  const length = value.length;
  for (let j = open + 1; j < length - 1; j++) {
    if (!isPlain(value.charCodeAt(j), ADDRESS)) return undefined;
  }
  if (open + 1 === length - 1) return null;
  return makeAddress(value.slice(open + 1, length - 1), nameOf(joined));
}

function collapseWhitespace(text: string): string {
  return hasWhitespaceToCollapse(text) ? text.replace(/[ \t\r\n]+/g, " ").trim() : text.trim();
}

/** A tab, a line break or two spaces in a row: what the replacement above would change. */
function hasWhitespaceToCollapse(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x09 || code === 0x0a || code === 0x0d) return true;
    if (code === 0x20 && text.charCodeAt(i + 1) === 0x20) return true;
  }
  return false;
}
