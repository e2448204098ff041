/**
 * Authentication-Results (RFC 8601) and ARC-Authentication-Results (RFC 8617) parsing, including
 * Exchange Online's dialect: no authserv-id, stray `; domain;` tokens, `action=`, `reason=NNN`,
 * empty values and missing spaces. Statements are read from the text where they are plain, else
 * the value is scanned into tokens once; then one pass over the statements. Nothing here throws
 * or backtracks. What could not be read goes to `problems`.
 */
import { AuthTokens, tokenizeAuthResults } from "./auth-results-tokens";
import {
  COMMENT,
  FIRST_KEY,
  FIRST_VALUE,
  matchTypicalStatement,
  MORE_KEYS,
  statementAfter,
} from "./auth-results-typical";
import {
  LONE_COMMENT,
  LONE_WORD,
  NOT_PLAIN,
  PAIR,
  readPlainStatement,
  readStatement,
  StatementItems,
} from "./auth-statement-items";
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

/** Reused for every value: the parser never runs inside itself. */
const TOKENS = new AuthTokens();
const ITEMS = new StatementItems();

function isVersionNumber(text: string): boolean {
  if (text.length === 0 || text.length > 9) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return false;
  }
  return true;
}

/** What the key of a `key=value` pair names. */
interface PairKey {
  /** As written. */
  readonly text: string;
  /** In lower case. */
  readonly lower: string;
  /** A "." in it: `ptype.property`, which never names a method. */
  readonly hasDot: boolean;
  /** The method it would name (before any "/", lower case); null for `ptype.property`. */
  readonly method: string | null;
  readonly methodVersion: string | null;
  /** It names a known method, so it starts a result even where a property could stand. */
  readonly startsResult: boolean;
  /** `ptype.property` split at its first ".", lower case; null when not so (".x" is neither). */
  readonly ptype: string | null;
  readonly property: string | null;
}

/**
 * The keys real values use, read once: most pairs are looked up by their text, not read. Only
 * these constants are kept, never a header's own text (it may be a slice of a whole block).
 * By length: a key is compared with the few of its length (a fresh string compares faster than
 * it hashes).
 */
const COMMON_PAIR_KEYS: PairKey[][] = [];
for (const text of [
  ...KNOWN_METHODS,
  "action",
  "reason",
  "header.b",
  "header.d",
  "header.from",
  "header.i",
  "header.s",
  "smtp.auth",
  "smtp.helo",
  "smtp.mailfrom",
  "smtp.rcpttodomain",
]) {
  (COMMON_PAIR_KEYS[text.length] ??= []).push(readPairKey(text));
}

function pairKeyOf(text: string): PairKey {
  const sameLength = COMMON_PAIR_KEYS[text.length];
  if (sameLength !== undefined) {
    for (const key of sameLength) if (key.text === text) return key;
  }
  return readPairKey(text);
}

function readPairKey(text: string): PairKey {
  const lower = text.toLowerCase();
  const dot = lower.indexOf(".");
  const slash = dot < 0 ? text.indexOf("/") : -1;
  const method = dot >= 0 ? null : slash < 0 ? lower : text.slice(0, slash).toLowerCase();
  return {
    text,
    lower,
    hasDot: dot >= 0,
    method,
    methodVersion: slash < 0 ? null : text.slice(slash + 1) || null,
    startsResult: method !== null && KNOWN_METHODS.has(method),
    ptype: dot > 0 ? lower.slice(0, dot) : null,
    property: dot > 0 ? lower.slice(dot + 1) : null,
  };
}

/** Parses one Authentication-Results or ARC-Authentication-Results value. Never throws. */
export function parseAuthenticationResults(value: string): ParsedAuthResults {
  return parseValue(value, FROM_TEXT_FIRST);
}

/**
 * The same, always read through tokens (never `readFromText`): the reading that defines
 * what every value means, for tests that hold the two equal.
 */
export function parseAuthenticationResultsByTokens(value: string): ParsedAuthResults {
  return parseValue(value, BY_TOKENS);
}

/** Whether a value is read straight from its text, without tokens (for tests that check it is). */
export function readsWithoutTokens(value: string): boolean {
  const plain = readFromText(value.slice(0, MAX_VALUE_LENGTH), []) !== null;
  ITEMS.release();
  return plain;
}

const FROM_TEXT_FIRST = true;
const BY_TOKENS = false;

function parseValue(value: string, fromTextFirst: boolean): ParsedAuthResults {
  const problems: string[] = [];
  if (value.length > MAX_VALUE_LENGTH) {
    problems.push(
      `The header is ${value.length} characters long; only the first ${MAX_VALUE_LENGTH} were read.`,
    );
    value = value.slice(0, MAX_VALUE_LENGTH);
  }
  const parsed =
    (fromTextFirst ? readFromText(value, problems) : null) ?? readByTokens(value, problems);
  // The value may be a slice of a whole block: keep no reference to it.
  TOKENS.reset("");
  ITEMS.release();
  return parsed;
}

/**
 * The value read from its text, statement by statement: a typical statement by its expression
 * straight into the results, any other plain one by `readPlainStatement` into the items; null
 * when a statement is neither, and the tokens must read the value. Exchange Online's values
 * read so in 0.6 of the time the tokens take (their arrays, then the items from them); the
 * token reader stays the definition (test/unit/analysis/auth-results-text.test.ts holds the
 * two readings equal).
 */
function readFromText(value: string, problems: string[]): ParsedAuthResults | null {
  const reading = new ValueReading(problems);
  for (let start = 0; start <= value.length;) {
    const typical = matchTypicalStatement(value, start);
    if (typical !== null && reading.addTypical(typical)) {
      start = statementAfter(value, typical);
      continue;
    }
    start = readPlainStatement(value, start, ITEMS);
    if (start === NOT_PLAIN) return null;
    reading.addItems(ITEMS);
  }
  return reading.finished();
}

function readByTokens(value: string, problems: string[]): ParsedAuthResults {
  tokenizeAuthResults(value, problems, TOKENS);
  const reading = new ValueReading(problems);
  const count = TOKENS.count;
  for (let start = 0; start <= count;) {
    start = readStatement(TOKENS, start, count, problems, ITEMS);
    reading.addItems(ITEMS);
  }
  return reading.finished();
}

/** What a value's statements say, added one after another. */
class ValueReading {
  readonly #parsed: ParsedAuthResults;
  /** No statement has named the authserv-id or begun the results yet. */
  #expectAuthserv = true;
  /** Problems of the results come after those of reading every statement, as they always did. */
  readonly #resultProblems: string[] = [];

  constructor(problems: string[]) {
    this.#parsed = {
      instance: null,
      authservId: null,
      authservVersion: null,
      noResults: false,
      results: [],
      strays: [],
      problems,
    };
  }

  addItems(items: StatementItems): void {
    const parsed = this.#parsed;
    const itemCount = items.count;
    let k = 0;
    // ARC-Authentication-Results: `i=N;` comes before the authserv-id.
    if (
      this.#expectAuthserv &&
      parsed.instance === null &&
      itemCount > 0 &&
      items.kinds[0] === PAIR &&
      (items.texts[0] as string).toLowerCase() === "i" &&
      isVersionNumber(items.values[0] as string)
    ) {
      parsed.instance = Number(items.values[0]);
      k = 1;
    }
    if (this.#expectAuthserv && k < itemCount) {
      // The authserv-id statement: the leading lone words. Exchange Online starts with `spf=`.
      const head = items.kinds[k];
      if (head === LONE_WORD) {
        this.#expectAuthserv = false;
        parsed.authservId = (items.texts[k] as string).toLowerCase();
        k++;
        if (
          k < itemCount &&
          items.kinds[k] === LONE_WORD &&
          isVersionNumber(items.texts[k] as string)
        ) {
          parsed.authservVersion = items.texts[k] as string;
          k++;
        }
      } else if (head === PAIR) {
        this.#expectAuthserv = false;
      }
    }
    // Each statement starts afresh: a result never continues over a ";".
    let current: AuthResultEntry | null = null;
    for (; k < itemCount; k++) {
      const kind = items.kinds[k];
      const text = items.texts[k] as string;
      if (kind === LONE_COMMENT) {
        if (current && current.comment === null) current.comment = text;
        continue;
      }
      if (kind === LONE_WORD) {
        if (text.toLowerCase() === "none" && parsed.results.length === 0 && !current) {
          parsed.noResults = true;
        } else {
          parsed.strays.push(text);
        }
        continue;
      }
      current = this.#addPair(
        current,
        pairKeyOf(text),
        items.values[k] as string,
        items.comments[k] as string | null,
      );
    }
  }

  /**
   * Adds a statement the typical statement's expression matched, as `addItems` adds its items: the
   * first pair, its comment, the pairs after. False, adding nothing, when it may be ARC's `i=N`,
   * which `addItems` reads.
   */
  addTypical(match: RegExpExecArray): boolean {
    const first = pairKeyOf(match[FIRST_KEY] as string);
    if (this.#expectAuthserv) {
      if (first.lower === "i") return false;
      this.#expectAuthserv = false;
    }
    const comment = match[COMMENT];
    let current = this.#addPair(
      null,
      first,
      match[FIRST_VALUE] as string,
      comment === undefined ? null : comment.trim(),
    );
    for (let at = MORE_KEYS; at < match.length; at += 2) {
      const key = match[at];
      if (key !== undefined)
        current = this.#addPair(current, pairKeyOf(key), match[at + 1] as string, null);
    }
    return true;
  }

  /** Adds one `key=value` pair to the statement's result `current`; returns the result it goes on. */
  #addPair(
    current: AuthResultEntry | null,
    key: PairKey,
    value: string,
    comment: string | null,
  ): AuthResultEntry | null {
    if (!current || key.startsResult) {
      if (key.method === null) {
        if (this.#resultProblems.length < MAX_PROBLEMS)
          this.#resultProblems.push(
            `"${key.text}=" stands where a method result was expected; it was ignored.`,
          );
        return current;
      }
      const result: AuthResultEntry = {
        method: key.method,
        methodVersion: key.methodVersion,
        result: value.toLowerCase(),
        reason: null,
        comment,
        properties: [],
        attributes: [],
      };
      this.#parsed.results.push(result);
      return result;
    }
    // A comment after `reason=` or `action=` still describes the result.
    if (comment !== null && current.comment === null && !key.hasDot) current.comment = comment;
    if (key.lower === "reason") current.reason = value;
    else if (key.ptype !== null && key.property !== null) {
      current.properties.push({ ptype: key.ptype, property: key.property, value, comment });
    } else current.attributes.push({ name: key.lower, value });
    return current;
  }

  finished(): ParsedAuthResults {
    const parsed = this.#parsed;
    const problems = parsed.problems;
    for (const problem of this.#resultProblems)
      if (problems.length < MAX_PROBLEMS) problems.push(problem);
    if (parsed.noResults && parsed.results.length > 0) parsed.noResults = false;
    return parsed;
  }
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
