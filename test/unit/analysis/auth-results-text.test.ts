import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sampleFields } from "../../support/samples";
import {
  parseAuthenticationResults,
  parseAuthenticationResultsByTokens,
  readsWithoutTokens,
} from "../../../src/analysis/auth-results";
import {
  AuthTokens,
  SEMICOLON,
  tokenizeAuthResults,
} from "../../../src/analysis/auth-results-tokens";
import {
  COMMENT,
  FIRST_KEY,
  FIRST_VALUE,
  matchTypicalStatement,
  MORE_KEYS,
  statementAfter,
} from "../../../src/analysis/auth-results-typical";
import {
  NOT_PLAIN,
  PAIR,
  readPlainStatement,
  readStatement,
  StatementItems,
} from "../../../src/analysis/auth-statement-items";

/**
 * Authentication-Results values are read from their text (a typical statement by its
 * expression, any other plain one by a scanner) and through tokens only when that cannot be
 * done; the token reader is the definition. Both text readers must read every statement they
 * take as the tokens read it, and every value must read the same either way.
 */
const sampleValues = sampleFields(
  "Authentication-Results",
  "ARC-Authentication-Results",
  "Authentication-Results-Original",
).map((field) => field.value);

/** Exchange Online's own form: no authserv-id, one result a statement. */
const EXCHANGE_ONLINE = [
  "spf=pass (sender IP is 1.2.3.4) smtp.mailfrom=example.com; dkim=pass (signature was verified) header.d=example.com;dmarc=pass action=none header.from=example.com;compauth=pass reason=100",
  "spf=fail (sender IP is 203.0.113.77) smtp.mailfrom=fabrikarn.example; dkim=none (message not signed) header.d=none;dmarc=fail action=quarantine header.from=fabrikarn.example;compauth=fail reason=000",
  "spf=temperror (sender IP is 2603:10b6:510:1d4::12) smtp.mailfrom=example.com; dkim=fail (body hash did not verify) header.d=example.com;dmarc=bestguesspass action=none header.from=example.com;compauth=pass reason=109",
];

/** With an authserv-id (and ARC's instance) first: results read by the expression after it. */
const WITH_AUTHSERV_ID = [
  "i=1; mx.microsoft.com 1; spf=pass smtp.mailfrom=example.com; dmarc=pass action=none header.from=example.com; dkim=pass header.d=example.com; arc=none",
  "mx.example.com; dkim=pass header.d=example.com header.s=selector1 header.b=Qx7Lm2Pa; spf=pass smtp.mailfrom=example.com; dmarc=pass (p=REJECT) header.from=example.com",
  "mx.google.com; dkim=pass header.i=@example.com header.s=20230601 header.b=AbC/+x; spf=pass (google.com: domain of a@b.example designates 192.0.2.1 as permitted sender) smtp.mailfrom=a@b.example; dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=example.com",
];

/** Values the text readers take although they are unusual. */
const TAKEN_UNUSUAL = [
  "SPF=Pass (C) Header.D=X.Example;DKIM/1=PASS",
  "i=1; spf=pass",
  "I=01; mx.example 1; spf=pass",
  "i=x; spf=pass",
  "i=1; i=2; mx.example",
  "header.d=x.example; spf=pass",
  "spf=pass(c)smtp.mailfrom=x",
  "spf=pass (a (b) c) smtp.mailfrom=x",
  "spf=pass (a \\) b) smtp.mailfrom=x",
  'spf=pass (a "b; c) smtp.mailfrom=x',
  "spf=pass (c1) (c2) smtp.mailfrom=x",
  "spf=pass smtp.mailfrom=x (c)",
  "spf=pass action=none (c) reason=1 (d)",
  "spf=pass\r\n smtp.mailfrom=x",
  "spf=pass  smtp.mailfrom=x\t",
  "spf=pass a=b c=d e=f g=h",
  "spf=pass smtp.mailfrom=x dkim=pass header.d=y",
  "spf=pass x.=y .z=w a/b=c d=e/f",
  "spf=pass smtp.mailfrom=\u00e9x\u00a0y\u000bz",
  "mx.example.com 1; none",
  "mx.example.com 2b; none",
  "none",
  ";;spf=pass;;",
  "spf=pass;",
  "",
  " ",
];

/** Values only the tokens may read. */
const LEFT_TO_TOKENS = [
  'spf=pass reason="x"',
  "spf=pass smtp.mailfrom=a=b",
  "spf=pass smtp.mailfrom=SRS0=hash=tt=example.com=user@forwarder.example",
  "spf=pass . smtp.mailfrom=x",
  "spf=pass smtp.mailfrom=.",
  "dkim / 1=pass",
  "spf=pass smtp.mailfrom= x",
  "spf=pass smtp.mailfrom=;",
  "spf =pass",
  "spf= pass",
  "spf=pass (unclosed smtp.mailfrom=x",
  "spf=pass ) smtp.mailfrom=x",
  "spf=pass\u00a0smtp.mailfrom=x",
  "=pass",
  "spf=pass; =x",
];

/** Pieces that change how a value reads. */
const PIECES = [
  " ",
  "  ",
  "\t",
  "\r\n ",
  "\r\n",
  "\n",
  "\r",
  "(",
  ")",
  "(c)",
  "()",
  "\\",
  '"',
  '"q"',
  ";",
  ";;",
  "=",
  " =",
  "= ",
  ".",
  "/",
  "-",
  "@",
  ":",
  "i",
  "I",
  "1",
  "none",
  "None",
  "spf",
  "SPF",
  "dkim/1",
  "header.d",
  "Header.From",
  "reason",
  "action",
  "x",
  "9",
  "\u00e9",
  "\u00a0",
  "\u000b",
  "\ud83d\ude00",
];

/** A value with a few pieces inserted, removed or replaced at random places. */
const mutatedValue = fc
  .tuple(
    fc.constantFrom(...sampleValues, ...EXCHANGE_ONLINE, ...WITH_AUTHSERV_ID, ...TAKEN_UNUSUAL),
    fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.constantFrom(...PIECES, "")), {
      minLength: 1,
      maxLength: 4,
    }),
  )
  .map(([value, edits]) =>
    edits.reduce((text, [at, removed, inserted]) => {
      const position = at % (text.length + 1);
      return text.slice(0, position) + inserted + text.slice(position + removed);
    }, value),
  );

interface Items {
  kinds: number[];
  texts: string[];
  values: string[];
  comments: (string | null)[];
}

function snapshot(items: StatementItems): Items {
  return {
    kinds: items.kinds.slice(0, items.count),
    texts: items.texts.slice(0, items.count),
    values: items.values.slice(0, items.count),
    comments: items.comments.slice(0, items.count),
  };
}

interface Statement {
  /** Where it starts in the value, and where the next one does (past the end after the last). */
  from: number;
  next: number;
  /** What the tokens read in it, and what they found wrong. */
  items: Items;
  problems: string[];
}

/** The value's statements, as the tokens split and read them. */
function statementsOf(value: string): Statement[] {
  const tokens = new AuthTokens();
  tokenizeAuthResults(value, [], tokens);
  const starts = [0];
  for (let i = 0; i < tokens.count; i++) {
    if (tokens.kinds[i] === SEMICOLON) starts.push((tokens.starts[i] as number) + 1);
  }
  return starts.map((from, k) => {
    const next = starts[k + 1] ?? value.length + 1;
    const problems: string[] = [];
    const statementTokens = new AuthTokens();
    tokenizeAuthResults(value.slice(from, next - 1), problems, statementTokens);
    const items = new StatementItems();
    readStatement(statementTokens, 0, statementTokens.count, problems, items);
    return { from, next, items: snapshot(items), problems };
  });
}

/** The items a typical statement's match stands for. */
function itemsOfMatch(match: RegExpExecArray): Items {
  const comment = match[COMMENT];
  const items: Items = {
    kinds: [PAIR],
    texts: [match[FIRST_KEY] as string],
    values: [match[FIRST_VALUE] as string],
    comments: [comment === undefined ? null : comment.trim()],
  };
  for (let at = MORE_KEYS; at < match.length; at += 2) {
    if (match[at] === undefined) continue;
    items.kinds.push(PAIR);
    items.texts.push(match[at] as string);
    items.values.push(match[at + 1] as string);
    items.comments.push(null);
  }
  return items;
}

/** How a value's statements were read by the text readers. */
interface Tally {
  byExpression: number;
  byScanner: number;
  byNeither: number;
}

/** expect(actual).toEqual(expected), compared first without the matcher: it runs 100,000 times. */
function expectEqual(actual: unknown, expected: unknown): void {
  if (!isDeepStrictEqual(actual, expected)) expect(actual).toEqual(expected);
}

/**
 * Checks each statement the text readers take against the tokens' reading of it: no problem in
 * it, the same items, the same next statement. Counts who took what.
 */
function checkStatements(value: string, tally: Tally): void {
  const items = new StatementItems();
  for (const statement of statementsOf(value)) {
    const match = matchTypicalStatement(value, statement.from);
    if (match !== null) {
      tally.byExpression++;
      expectEqual(statement.problems, []);
      expectEqual(itemsOfMatch(match), statement.items);
      expectEqual(statementAfter(value, match), statement.next);
    }
    const next = readPlainStatement(value, statement.from, items);
    if (next === NOT_PLAIN) {
      tally.byNeither++;
      // The expression takes no statement the scanner leaves.
      expectEqual(match, null);
      continue;
    }
    if (match === null) tally.byScanner++;
    expectEqual(statement.problems, []);
    expectEqual(snapshot(items), statement.items);
    expectEqual(next, statement.next);
  }
  items.release();
}

function checkValue(value: string, tally: Tally): void {
  checkStatements(value, tally);
  expectEqual(parseAuthenticationResults(value), parseAuthenticationResultsByTokens(value));
}

const emptyTally = (): Tally => ({ byExpression: 0, byScanner: 0, byNeither: 0 });

describe("Authentication-Results read from the text read as the tokens read them", () => {
  it("reads Exchange Online's values by the expression alone, statement by statement", () => {
    for (const value of EXCHANGE_ONLINE) {
      const tally = emptyTally();
      checkValue(value, tally);
      expect(readsWithoutTokens(value)).toBe(true);
      expect(tally).toEqual({
        byExpression: statementsOf(value).length,
        byScanner: 0,
        byNeither: 0,
      });
    }
  });

  it("reads the results after an authserv-id by the expression, the id by the scanner", () => {
    for (const value of WITH_AUTHSERV_ID) {
      const tally = emptyTally();
      checkValue(value, tally);
      expect(readsWithoutTokens(value)).toBe(true);
      expect(tally.byExpression).toBeGreaterThanOrEqual(3);
      expect(tally.byScanner).toBeGreaterThanOrEqual(1);
      expect(tally.byNeither).toBe(0);
    }
  });

  it("reads every sample's values without tokens, most statements by the expression", () => {
    const tally = emptyTally();
    for (const value of sampleValues) {
      checkValue(value, tally);
      expect(readsWithoutTokens(value)).toBe(true);
    }
    expect(tally.byExpression).toBeGreaterThan(4 * tally.byScanner);
    expect(tally.byNeither).toBe(0);
  });

  it("reads unusual values it takes as the tokens do", () => {
    for (const value of TAKEN_UNUSUAL) {
      checkValue(value, emptyTally());
      expect(readsWithoutTokens(value), value).toBe(true);
    }
  });

  it("leaves quoted strings, glued or empty values, lone separators and stray brackets to the tokens", () => {
    for (const value of LEFT_TO_TOKENS) {
      checkValue(value, emptyTally());
      expect(readsWithoutTokens(value), value).toBe(false);
    }
  });

  it("reads mutated values as the tokens do, whether it takes them or not", () => {
    const tally = emptyTally();
    let withoutTokens = 0;
    fc.assert(
      fc.property(mutatedValue, (value) => {
        if (readsWithoutTokens(value)) withoutTokens++;
        checkValue(value, tally);
      }),
      { numRuns: 20_000 },
    );
    // The mutations reach every side of both readers.
    expect(withoutTokens).toBeGreaterThan(1000);
    expect(withoutTokens).toBeLessThan(19_000);
    expect(tally.byExpression).toBeGreaterThan(10_000);
    expect(tally.byScanner).toBeGreaterThan(1000);
    expect(tally.byNeither).toBeGreaterThan(1000);
  });
});
