/**
 * The Authentication-Results parser as it stood before it read tokens by position (token and
 * statement objects, one substring per token): the reference the position-based parser is
 * compared with, on the corpus and on generated values (auth-results-positions.test.ts).
 */
import type { AuthResultEntry, ParsedAuthResults } from "../../../src/analysis/auth-results";

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

type Token =
  | { kind: "word"; text: string; spaceBefore: boolean }
  | { kind: "quoted"; text: string; spaceBefore: boolean }
  | { kind: "equals"; spaceBefore: boolean }
  | { kind: "semicolon" }
  | { kind: "comment"; text: string };

const MAX_PROBLEMS = 10;
/**
 * Real Authentication-Results values are under 2 KB; past this length a header is an attack on
 * the parser, and reading further would only cost time.
 */
const MAX_VALUE_LENGTH = 32 * 1024;

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** Characters that end a word. */
function isDelimiter(code: number): boolean {
  return (
    isSpace(code) ||
    code === 0x3b /* ; */ ||
    code === 0x3d /* = */ ||
    code === 0x28 /* ( */ ||
    code === 0x29 /* ) */ ||
    code === 0x22 /* " */
  );
}

function note(problems: string[], problem: string): void {
  if (problems.length < MAX_PROBLEMS) problems.push(problem);
}

/** One linear pass: words, quoted strings (escapes honoured), nested comments, `=` and `;`. */
function tokenizeAuthResults(value: string, problems: string[]): Token[] {
  const tokens: Token[] = [];
  const length = value.length;
  let spaceBefore = true;
  let i = 0;
  while (i < length) {
    const code = value.charCodeAt(i);
    if (isSpace(code)) {
      spaceBefore = true;
      i++;
      continue;
    }
    if (code === 0x3b) {
      tokens.push({ kind: "semicolon" });
      i++;
      spaceBefore = true;
      continue;
    }
    if (code === 0x3d) {
      tokens.push({ kind: "equals", spaceBefore });
      i++;
      spaceBefore = false;
      continue;
    }
    if (code === 0x29) {
      note(problems, `A ")" at position ${i} closes no comment; it was ignored.`);
      i++;
      spaceBefore = true;
      continue;
    }
    if (code === 0x28) {
      // Nested comments by a depth counter, never by recursion: 10,000 "(" cost nothing.
      let depth = 0;
      let text = "";
      let start = i + 1;
      let closed = false;
      for (; i < length; i++) {
        const c = value.charCodeAt(i);
        if (c === 0x5c /* \ */) {
          text += value.slice(start, i);
          start = i + 1;
          i++;
          continue;
        }
        if (c === 0x28) {
          depth++;
          continue;
        }
        if (c === 0x29) {
          depth--;
          if (depth === 0) {
            text += value.slice(start, i);
            closed = true;
            i++;
            break;
          }
        }
      }
      if (!closed) {
        text += value.slice(start, length);
        note(problems, "A comment was never closed; it runs to the end of the header.");
      }
      tokens.push({ kind: "comment", text: text.trim() });
      spaceBefore = true;
      continue;
    }
    if (code === 0x22) {
      let text = "";
      let start = i + 1;
      let closed = false;
      for (i++; i < length; i++) {
        const c = value.charCodeAt(i);
        if (c === 0x5c) {
          text += value.slice(start, i);
          start = i + 1;
          i++;
          continue;
        }
        if (c === 0x22) {
          text += value.slice(start, i);
          closed = true;
          i++;
          break;
        }
      }
      if (!closed) {
        text += value.slice(start, length);
        note(problems, "A quoted string was never closed; it runs to the end of the header.");
      }
      tokens.push({ kind: "quoted", text, spaceBefore });
      spaceBefore = false;
      continue;
    }
    const start = i;
    while (i < length && !isDelimiter(value.charCodeAt(i))) i++;
    tokens.push({ kind: "word", text: value.slice(start, i), spaceBefore });
    spaceBefore = false;
  }
  return tokens;
}

/** A statement item: `key=value`, a lone word, or a comment. */
type Item =
  | { kind: "pair"; key: string; value: string; comment: string | null }
  | { kind: "word"; text: string; comment: string | null }
  | { kind: "comment"; text: string };

function splitStatements(tokens: Token[]): Token[][] {
  const statements: Token[][] = [[]];
  for (const token of tokens) {
    if (token.kind === "semicolon") statements.push([]);
    else statements[statements.length - 1]!.push(token);
  }
  return statements;
}

function isValueToken(
  token: Token | undefined,
): token is Extract<Token, { kind: "word" | "quoted" }> {
  return token !== undefined && (token.kind === "word" || token.kind === "quoted");
}

/**
 * RFC 8601 allows comments and spaces inside `method / version` and `ptype . property`
 * (Appendix B.7): a "/" or "." standing alone joins the words around it; comments in between
 * are kept, after the joined word.
 */
function joinSeparatedNames(tokens: Token[]): Token[] {
  if (!tokens.some(isLoneSeparator)) return tokens; // the common case: nothing to join
  const out: Token[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i]!;
    if (!isLoneSeparator(token)) {
      out.push(token);
      i++;
      continue;
    }
    let previousIndex = out.length - 1;
    while (previousIndex >= 0 && out[previousIndex]!.kind === "comment") previousIndex--;
    let next = i + 1;
    while (tokens[next]?.kind === "comment") next++;
    const previous = out[previousIndex];
    const following = tokens[next];
    if (previous?.kind !== "word" || following?.kind !== "word") {
      out.push(token);
      i++;
      continue;
    }
    const comments = [...out.splice(previousIndex + 1), ...tokens.slice(i + 1, next)];
    out[previousIndex] = { ...previous, text: previous.text + token.text + following.text };
    out.push(...comments);
    i = next + 1;
  }
  return out;
}

/** A "/" or "." standing alone between words. */
function isLoneSeparator(token: Token): token is Extract<Token, { kind: "word" }> {
  return token.kind === "word" && (token.text === "/" || token.text === ".");
}

function readItems(statementTokens: Token[], problems: string[]): Item[] {
  const tokens = joinSeparatedNames(statementTokens);
  const items: Item[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i]!;
    if (token.kind === "comment") {
      attachComment(items, token.text);
      i++;
      continue;
    }
    if (token.kind === "equals") {
      if (problems.length < MAX_PROBLEMS) problems.push('An "=" had no name before it.');
      i++;
      // Skip the value it would have introduced, so it is not read as a lone word.
      if (isValueToken(tokens[i]) && !startsPair(tokens, i)) i++;
      continue;
    }
    if (token.kind === "semicolon") {
      i++;
      continue;
    }
    // A word or quoted string; a pair when "=" follows (comments may sit in between).
    let next = i + 1;
    const between: string[] = [];
    while (tokens[next]?.kind === "comment") {
      between.push((tokens[next] as { text: string }).text);
      next++;
    }
    if (tokens[next]?.kind !== "equals") {
      items.push({ kind: "word", text: token.text, comment: null });
      for (const text of between) attachComment(items, text);
      i = next;
      continue;
    }
    let cursor = next + 1;
    while (tokens[cursor]?.kind === "comment") {
      between.push((tokens[cursor] as { text: string }).text);
      cursor++;
    }
    let value = "";
    const first = tokens[cursor];
    // An empty value: `header.from=;`, or `header.from= dmarc=pass` where the word after the
    // space is the next key (glued to its own "="). A word glued to this "=" is always the value.
    if (isValueToken(first) && !(first.spaceBefore && startsPair(tokens, cursor))) {
      value = first.text;
      cursor++;
      // Glued pieces make one value: `"quoted local"@example.com`, an "=" inside a local part
      // (`SRS0=hash=tt=example.com=user@forwarder.example`, dot-atom allows it), base64 padding.
      for (;;) {
        const piece = tokens[cursor];
        if (piece?.kind === "equals" && !piece.spaceBefore) {
          const after = tokens[cursor + 1];
          if (isValueToken(after) && !after.spaceBefore) {
            value += `=${after.text}`;
            cursor += 2;
          } else {
            value += "=";
            cursor++;
          }
          continue;
        }
        if (!isValueToken(piece) || piece.spaceBefore) break;
        value += piece.text;
        cursor++;
      }
    }
    items.push({ kind: "pair", key: token.text, value, comment: null });
    for (const text of between) attachComment(items, text);
    i = cursor;
  }
  return items;
}

/** A comment describes the item before it, unless that item has one already. */
function attachComment(items: Item[], text: string): void {
  const last = items[items.length - 1];
  if (last && last.kind !== "comment" && last.comment === null) last.comment = text;
  else items.push({ kind: "comment", text });
}

/** The word at `index` is a key: an "=" follows it directly, with no space or comment between. */
function startsPair(tokens: Token[], index: number): boolean {
  const next = tokens[index + 1];
  return next?.kind === "equals" && !next.spaceBefore;
}

function methodOf(key: string): { method: string; version: string | null } {
  const slash = key.indexOf("/");
  if (slash < 0) return { method: key.toLowerCase(), version: null };
  return { method: key.slice(0, slash).toLowerCase(), version: key.slice(slash + 1) || null };
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
export function referenceParseAuthenticationResults(value: string): ParsedAuthResults {
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
  const statements = splitStatements(tokenizeAuthResults(value, problems)).map((tokens) =>
    readItems(tokens, problems),
  );

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
      const methodKey = dot < 0 ? methodOf(key) : null;
      if (!current || (methodKey !== null && KNOWN_METHODS.has(methodKey.method))) {
        if (methodKey === null) {
          if (problems.length < MAX_PROBLEMS)
            problems.push(`"${key}=" stands where a method result was expected; it was ignored.`);
          continue;
        }
        current = {
          method: methodKey.method,
          methodVersion: methodKey.version,
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
