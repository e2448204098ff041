/**
 * Authentication-Results (RFC 8601) and ARC-Authentication-Results (RFC 8617) parsing, including
 * Exchange Online's dialect: no authserv-id, stray `; domain;` tokens, `action=`, `reason=NNN`,
 * empty values and missing spaces. One linear scan into tokens, then one pass over statements;
 * nothing here throws or backtracks. What could not be read goes to `problems`.
 */
import {
  AuthTokens,
  COMMENT,
  EQUALS,
  joinSeparatedNames,
  QUOTED,
  SEMICOLON,
  tokenizeAuthResults,
  WORD,
} from "./auth-results-tokens";
import { isWhitespace, skipWhitespace, trimmedEnd } from "./whitespace";

export interface AuthProperty {
  /** Lower case, e.g. "header", "smtp", "policy". */
  ptype: string;
  /** Lower case, e.g. "d", "from", "mailfrom". */
  property: string;
  /** As written; "" when the header left it empty. */
  value: string;
  comment: string | null;
}

export interface AuthAttribute {
  /** Lower case, e.g. "action", "p". */
  name: string;
  value: string;
}

export interface AuthResultEntry {
  /** Lower case, e.g. "spf", "dkim", "compauth". */
  method: string;
  methodVersion: string | null;
  /** Lower case; "" when the header gave none. */
  result: string;
  /** `reason=` (RFC 8601's quoted reason, or Microsoft's compauth code). */
  reason: string | null;
  /** The comment after the result, e.g. "sender IP is 192.0.2.1". */
  comment: string | null;
  properties: AuthProperty[];
  /** Other `name=value` pairs: Microsoft's `action=`, DMARC `p=` / `sp=`, and the like. */
  attributes: AuthAttribute[];
}

export interface ParsedAuthResults {
  /** ARC-Authentication-Results `i=`; null for Authentication-Results. */
  instance: number | null;
  /** Lower case; null when the header has none (Exchange Online writes none). */
  authservId: string | null;
  authservVersion: string | null;
  /** The header said `none`: no authentication was done. */
  noResults: boolean;
  results: AuthResultEntry[];
  /** Words that stood alone between results, e.g. Microsoft's `; contoso.com;`. */
  strays: string[];
  problems: string[];
}

/** Method names that start a new result even when the `;` before them is missing. */
const KNOWN_METHODS = new Set([
  "arc",
  "auth",
  "bimi",
  "compauth",
  "dkim",
  "dkim-adsp",
  "dkim-atps",
  "dmarc",
  "dnswl",
  "domainkeys",
  "iprev",
  "rrvs",
  "sender-id",
  "smime",
  "spf",
  "vbr",
]);

const MAX_PROBLEMS = 10;
/**
 * Real Authentication-Results values are under 2 KB; past this length a header is an attack on
 * the parser, and reading further would only cost time.
 */
export const MAX_VALUE_LENGTH = 32 * 1024;

/** A statement item: `key=value`, a lone word, or a comment. */
type Item =
  | { kind: "pair"; key: string; value: string; comment: string | null }
  | { kind: "word"; text: string; comment: string | null }
  | { kind: "comment"; text: string };

/** Reused for every value: the parser never runs inside itself. */
const TOKENS = new AuthTokens();

/** The items of each statement (the tokens between semicolons), in order. */
function readStatements(tokens: AuthTokens, problems: string[]): Item[][] {
  const statements: Item[][] = [];
  const count = tokens.count;
  let start = 0;
  for (let i = 0; i <= count; i++) {
    if (i < count && tokens.kinds[i] !== SEMICOLON) continue;
    const from = joinSeparatedNames(tokens, start, i);
    statements.push(readItems(tokens, from, from === start ? i : tokens.count, problems));
    start = i + 1;
  }
  return statements;
}

function isValueToken(tokens: AuthTokens, index: number, end: number): boolean {
  const kind = tokens.kindIn(index, end);
  return kind === WORD || kind === QUOTED;
}

/** The word at `index` is a key: an "=" follows it directly, with no space or comment between. */
function startsPair(tokens: AuthTokens, index: number, end: number): boolean {
  return tokens.kindIn(index + 1, end) === EQUALS && tokens.spaced[index + 1] === 0;
}

/** The items of the statement tokens[from, to). */
function readItems(tokens: AuthTokens, from: number, to: number, problems: string[]): Item[] {
  const items: Item[] = [];
  let i = from;
  while (i < to) {
    const kind = tokens.kinds[i];
    if (kind === COMMENT) {
      attachComment(items, tokens.text(i));
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
      items.push({ kind: "word", text: tokens.text(i), comment: null });
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
    items.push({ kind: "pair", key: tokens.text(i), value, comment: null });
    // The comments between the key and its value, in order ("=" itself is no comment).
    attachComments(items, tokens, i + 1, next);
    attachComments(items, tokens, next + 1, commentsAfterEquals);
    i = cursor;
  }
  return items;
}

/** attachComment for each token in tokens[from, to), all comments. */
function attachComments(items: Item[], tokens: AuthTokens, from: number, to: number): void {
  for (let i = from; i < to; i++) attachComment(items, tokens.text(i));
}

/** A comment describes the item before it, unless that item has one already. */
function attachComment(items: Item[], text: string): void {
  const last = items[items.length - 1];
  if (last && last.kind !== "comment" && last.comment === null) last.comment = text;
  else items.push({ kind: "comment", text });
}

function isVersionNumber(text: string): boolean {
  if (text.length === 0 || text.length > 9) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return false;
  }
  return true;
}

/** Parses one Authentication-Results or ARC-Authentication-Results value. Never throws. */
export function parseAuthenticationResults(value: string): ParsedAuthResults {
  const problems: string[] = [];
  if (value.length > MAX_VALUE_LENGTH) {
    problems.push(
      `The header is ${value.length} characters long; only the first ${MAX_VALUE_LENGTH} were read.`,
    );
    value = value.slice(0, MAX_VALUE_LENGTH);
  }
  const parsed: ParsedAuthResults = {
    instance: null,
    authservId: null,
    authservVersion: null,
    noResults: false,
    results: [],
    strays: [],
    problems,
  };
  tokenizeAuthResults(value, problems, TOKENS);
  const statements = readStatements(TOKENS, problems);
  TOKENS.reset(""); // the value may be a slice of a whole block: keep no reference to it

  let expectAuthserv = true;
  for (const items of statements) {
    let k = 0;
    // ARC-Authentication-Results: `i=N;` comes before the authserv-id.
    const firstItem = items[0];
    if (
      expectAuthserv &&
      parsed.instance === null &&
      firstItem?.kind === "pair" &&
      firstItem.key.toLowerCase() === "i" &&
      isVersionNumber(firstItem.value)
    ) {
      parsed.instance = Number(firstItem.value);
      k = 1;
    }
    if (expectAuthserv) {
      // The authserv-id statement: the leading lone words. Exchange Online starts with `spf=`.
      const head = items[k];
      if (head?.kind === "word") {
        expectAuthserv = false;
        parsed.authservId = head.text.toLowerCase();
        k++;
        const version = items[k];
        if (version?.kind === "word" && isVersionNumber(version.text)) {
          parsed.authservVersion = version.text;
          k++;
        }
      } else if (head?.kind === "pair") {
        expectAuthserv = false;
      }
    }
    // Each statement starts afresh: a result never continues over a ";".
    let current: AuthResultEntry | null = null;
    for (; k < items.length; k++) {
      const item = items[k]!;
      if (item.kind === "comment") {
        if (current && current.comment === null) current.comment = item.text;
        continue;
      }
      if (item.kind === "word") {
        if (item.text.toLowerCase() === "none" && parsed.results.length === 0 && !current) {
          parsed.noResults = true;
        } else {
          parsed.strays.push(item.text);
        }
        continue;
      }
      const key = item.key;
      const lowerKey = key.toLowerCase();
      const dot = lowerKey.indexOf(".");
      // `ptype.property=` never names a method; anything else may start a result.
      const slash = dot < 0 ? key.indexOf("/") : -1;
      const method = dot >= 0 ? null : slash < 0 ? lowerKey : key.slice(0, slash).toLowerCase();
      if (!current || (method !== null && KNOWN_METHODS.has(method))) {
        if (method === null) {
          if (problems.length < MAX_PROBLEMS)
            problems.push(`"${key}=" stands where a method result was expected; it was ignored.`);
          continue;
        }
        current = {
          method,
          methodVersion: slash < 0 ? null : key.slice(slash + 1) || null,
          result: item.value.toLowerCase(),
          reason: null,
          comment: item.comment,
          properties: [],
          attributes: [],
        };
        parsed.results.push(current);
        continue;
      }
      // A comment after `reason=` or `action=` still describes the result.
      if (item.comment !== null && current.comment === null && dot < 0) {
        current.comment = item.comment;
      }
      if (lowerKey === "reason") {
        current.reason = item.value;
        continue;
      }
      if (dot > 0) {
        current.properties.push({
          ptype: lowerKey.slice(0, dot),
          property: lowerKey.slice(dot + 1),
          value: item.value,
          comment: item.comment,
        });
      } else {
        current.attributes.push({ name: lowerKey, value: item.value });
      }
    }
  }
  if (parsed.noResults && parsed.results.length > 0) parsed.noResults = false;
  return parsed;
}

interface PropertyName {
  ptype: string;
  property: string;
}

/**
 * "header.From" -> { ptype: "header", property: "from" }, remembered: the names asked for are a
 * handful of constants. A pure memo, bounded.
 */
const PROPERTY_NAMES = new Map<string, PropertyName>();
const MAX_PROPERTY_NAMES = 100;

function splitPropertyName(name: string): PropertyName {
  let split = PROPERTY_NAMES.get(name);
  if (split === undefined) {
    const dot = name.indexOf(".");
    split = {
      ptype: name.slice(0, dot).toLowerCase(),
      property: name.slice(dot + 1).toLowerCase(),
    };
    if (PROPERTY_NAMES.size < MAX_PROPERTY_NAMES) PROPERTY_NAMES.set(name, split);
  }
  return split;
}

/** The first value of `ptype.property` in a result, or null. Empty values count as absent. */
export function propertyOf(entry: AuthResultEntry, name: string): string | null {
  const { ptype, property } = splitPropertyName(name);
  for (const candidate of entry.properties) {
    if (candidate.ptype === ptype && candidate.property === property) {
      const value = candidate.value.trim();
      return value.length > 0 ? value : null;
    }
  }
  return null;
}

/** The first value of a plain `name=value` attribute (e.g. "action"), or null. */
export function attributeOf(entry: AuthResultEntry, name: string): string | null {
  const lower = name.toLowerCase();
  for (const attribute of entry.attributes) {
    if (attribute.name === lower) {
      const value = attribute.value.trim();
      return value.length > 0 ? value : null;
    }
  }
  return null;
}

/** Every result of one method, in order. */
export function resultsOf(parsed: ParsedAuthResults, method: string): AuthResultEntry[] {
  return parsed.results.filter((entry) => entry.method === method);
}

/** The first result of one method (`resultsOf(parsed, method)[0]`, without the array). */
export function firstResultOf(
  parsed: ParsedAuthResults,
  method: string,
): AuthResultEntry | undefined {
  for (const entry of parsed.results) if (entry.method === method) return entry;
  return undefined;
}

/** A DKIM tag's value: whitespace (folding) removed, lower case; null when empty. */
function tagValueOf(value: string, from: number, to: number): string | null {
  const start = skipWhitespace(value, from, to);
  const end = trimmedEnd(value, start, to);
  for (let i = start; i < end; i++) {
    if (isWhitespace(value.charCodeAt(i)))
      return value.slice(start, end).replace(/\s+/g, "").toLowerCase() || null;
  }
  return value.slice(start, end).toLowerCase() || null;
}

/**
 * The `d=` and `s=` tags of a DKIM-Signature value (RFC 6376 tag=value list), lower case;
 * null when absent. Used to name the selector when the Authentication-Results gives none.
 */
export function dkimSignatureDomainAndSelector(value: string): {
  domain: string | null;
  selector: string | null;
} {
  let domain: string | null = null;
  let selector: string | null = null;
  // Tags are read in place: only a one-letter tag name is looked at, so b= and bh= (long) are
  // skipped unread.
  let start = 0;
  while (start <= value.length && (domain === null || selector === null)) {
    const semicolon = value.indexOf(";", start);
    const end = semicolon < 0 ? value.length : semicolon;
    const equals = value.indexOf("=", start);
    if (equals >= 0 && equals < end) {
      const tagStart = skipWhitespace(value, start, equals);
      const tagEnd = trimmedEnd(value, tagStart, equals);
      const tag = tagEnd - tagStart === 1 ? value.charCodeAt(tagStart) | 0x20 : -1;
      if (tag === 0x64 /* d */ && domain === null) domain = tagValueOf(value, equals + 1, end);
      if (tag === 0x73 /* s */ && selector === null) selector = tagValueOf(value, equals + 1, end);
    }
    start = end + 1;
  }
  return { domain, selector };
}
