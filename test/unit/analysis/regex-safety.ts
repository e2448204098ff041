/**
 * A static check for regular expressions that can backtrack catastrophically. It parses a
 * JavaScript pattern into a small tree and, under every unbounded quantifier, looks for
 *  - a body that can match the empty string: `(a*)*`;
 *  - star height 2 without a delimiter: an inner unbounded quantifier whose characters what
 *    follows it (in the body or in the next repetition) can also take: `(a+)+`, `(\w+\s?)*`,
 *    `(.*a){40}`; `(?:-[a-z0-9]+)*` passes, since each repetition starts with "-", which the
 *    inner quantifier cannot take;
 *  - overlapping alternatives: `(a|ab)*`, `(\d|\w)+`.
 * Character sets are over-approximated (every non-ASCII character is one "other" member), so
 * the check may reject a safe pattern but does not pass one of these shapes.
 */

export interface RegexProblem {
  pattern: string;
  problem: string;
}

class CharSet {
  constructor(
    readonly low: number[] = [0, 0, 0, 0],
    public other = false,
  ) {}
  static of(...codes: number[]): CharSet {
    const set = new CharSet();
    for (const code of codes) set.add(code);
    return set;
  }
  static range(from: number, to: number): CharSet {
    const set = new CharSet();
    for (let code = from; code <= Math.min(to, 127); code++) set.add(code);
    if (to > 127) set.other = true;
    return set;
  }
  static any(): CharSet {
    return new CharSet([-1, -1, -1, -1], true);
  }
  add(code: number): void {
    if (code > 127) this.other = true;
    else this.low[code >> 5] = (this.low[code >> 5] as number) | (1 << (code & 31));
  }
  has(code: number): boolean {
    return code > 127 ? this.other : ((this.low[code >> 5] as number) & (1 << (code & 31))) !== 0;
  }
  union(other: CharSet): CharSet {
    return new CharSet(
      this.low.map((word, i) => word | (other.low[i] as number)),
      this.other || other.other,
    );
  }
  complement(): CharSet {
    return new CharSet(
      this.low.map((word) => ~word),
      true,
    );
  }
  intersects(other: CharSet): boolean {
    return (
      this.low.some((word, i) => (word & (other.low[i] as number)) !== 0) ||
      (this.other && other.other)
    );
  }
}

type Node =
  | { type: "chars"; set: CharSet }
  | { type: "empty" }
  | { type: "seq"; items: Node[] }
  | { type: "alt"; options: Node[] }
  | { type: "look"; body: Node }
  | { type: "repeat"; body: Node; min: number; max: number };

const DIGITS = CharSet.range(0x30, 0x39);
const WORD = CharSet.range(0x30, 0x39)
  .union(CharSet.range(0x41, 0x5a))
  .union(CharSet.range(0x61, 0x7a))
  .union(CharSet.of(0x5f));
const SPACE = (() => {
  const set = CharSet.of(0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d);
  set.other = true;
  return set;
})();

/** Repetition counts at or above this behave like "unbounded" for backtracking. */
const UNBOUNDED = 32;

class Parser {
  private i = 0;
  constructor(
    private readonly source: string,
    private readonly flags: string,
  ) {}

  parse(): Node {
    const node = this.alternation();
    if (this.i < this.source.length) throw new Error(`unexpected "${this.source[this.i]}"`);
    return node;
  }

  private alternation(): Node {
    const options = [this.sequence()];
    while (this.source[this.i] === "|") {
      this.i++;
      options.push(this.sequence());
    }
    return options.length === 1 ? (options[0] as Node) : { type: "alt", options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (
      this.i < this.source.length &&
      this.source[this.i] !== "|" &&
      this.source[this.i] !== ")"
    ) {
      items.push(this.quantified(this.atom()));
    }
    return { type: "seq", items };
  }

  private quantified(atom: Node): Node {
    const char = this.source[this.i];
    let min: number;
    let max: number;
    if (char === "*" || char === "+" || char === "?") {
      this.i++;
      min = char === "+" ? 1 : 0;
      max = char === "?" ? 1 : Infinity;
    } else if (char === "{") {
      const match = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.i));
      if (!match) return atom;
      this.i += match[0].length;
      min = Number(match[1]);
      max = match[2] === undefined ? min : match[3] ? Number(match[3]) : Infinity;
    } else {
      return atom;
    }
    if (this.source[this.i] === "?") this.i++; // lazy: same backtracking, other order
    return { type: "repeat", body: atom, min, max };
  }

  private atom(): Node {
    const char = this.source[this.i++] as string;
    if (char === "(") return this.group();
    if (char === "[") return { type: "chars", set: this.charClass() };
    if (char === "\\") return this.escape(false);
    if (char === "^" || char === "$") return { type: "empty" };
    if (char === ".") {
      return {
        type: "chars",
        set: this.flags.includes("s") ? CharSet.any() : CharSet.of(0x0a, 0x0d).complement(),
      };
    }
    return { type: "chars", set: this.literal(char.codePointAt(0) as number) };
  }

  private group(): Node {
    let look = false;
    if (this.source.startsWith("?:", this.i)) this.i += 2;
    else if (this.source.startsWith("?=", this.i) || this.source.startsWith("?!", this.i)) {
      this.i += 2;
      look = true;
    } else if (this.source.startsWith("?<=", this.i) || this.source.startsWith("?<!", this.i)) {
      this.i += 3;
      look = true;
    } else if (this.source.startsWith("?<", this.i)) {
      this.i = this.source.indexOf(">", this.i) + 1;
    }
    const body = this.alternation();
    if (this.source[this.i] !== ")") throw new Error("unclosed group");
    this.i++;
    return look ? { type: "look", body } : body;
  }

  private literal(code: number): CharSet {
    const set = CharSet.of(code);
    if (this.flags.includes("i")) {
      const text = String.fromCodePoint(code);
      set.add(text.toLowerCase().codePointAt(0) as number);
      set.add(text.toUpperCase().codePointAt(0) as number);
    }
    return set;
  }

  /** After a backslash; inside a class only character escapes make sense. */
  private escape(inClass: boolean): Node & { type: "chars" | "empty" } {
    const char = this.source[this.i++] as string;
    const chars = (set: CharSet) => ({ type: "chars" as const, set });
    switch (char) {
      case "d":
        return chars(DIGITS);
      case "D":
        return chars(DIGITS.complement());
      case "w":
        return chars(WORD);
      case "W":
        return chars(WORD.complement());
      case "s":
        return chars(SPACE);
      case "S":
        return chars(CharSet.any()); // non-space includes every non-ASCII letter too
      case "b":
        return inClass ? chars(CharSet.of(0x08)) : { type: "empty" };
      case "B":
        return { type: "empty" };
      case "n":
        return chars(CharSet.of(0x0a));
      case "r":
        return chars(CharSet.of(0x0d));
      case "t":
        return chars(CharSet.of(0x09));
      case "v":
        return chars(CharSet.of(0x0b));
      case "f":
        return chars(CharSet.of(0x0c));
      case "0":
        return chars(CharSet.of(0));
      case "x": {
        const code = parseInt(this.source.slice(this.i, this.i + 2), 16);
        this.i += 2;
        return chars(this.literal(code));
      }
      case "u": {
        if (this.source[this.i] === "{") {
          const end = this.source.indexOf("}", this.i);
          const code = parseInt(this.source.slice(this.i + 1, end), 16);
          this.i = end + 1;
          return chars(this.literal(code));
        }
        const code = parseInt(this.source.slice(this.i, this.i + 4), 16);
        this.i += 4;
        return chars(this.literal(code));
      }
      case "c":
        this.i++;
        return chars(CharSet.range(0, 31));
      case "p":
      case "P":
      case "k":
        if (this.source[this.i] === "{" || this.source[this.i] === "<") {
          const closer = this.source[this.i] === "{" ? "}" : ">";
          this.i = this.source.indexOf(closer, this.i) + 1;
        }
        return chars(CharSet.any());
      default:
        if (char >= "1" && char <= "9") {
          while (this.source[this.i] !== undefined && /[0-9]/.test(this.source[this.i] as string))
            this.i++;
          return chars(CharSet.any()); // a back-reference: anything the group matched
        }
        return chars(this.literal(char.codePointAt(0) as number));
    }
  }

  private charClass(): CharSet {
    let negated = false;
    if (this.source[this.i] === "^") {
      negated = true;
      this.i++;
    }
    let set = new CharSet();
    let first = true;
    while (this.i < this.source.length && (this.source[this.i] !== "]" || first)) {
      first = false;
      const start = this.classMember();
      if (
        this.source[this.i] === "-" &&
        this.source[this.i + 1] !== "]" &&
        this.i + 1 < this.source.length &&
        start.single !== null
      ) {
        this.i++;
        const end = this.classMember();
        if (end.single !== null) {
          set = set.union(CharSet.range(start.single, end.single));
          if (this.flags.includes("i")) {
            for (let code = start.single; code <= Math.min(end.single, 127); code++) {
              set = set.union(this.literal(code));
            }
          }
          continue;
        }
        set = set.union(end.set).union(CharSet.of(0x2d));
      }
      set = set.union(start.set);
    }
    if (this.source[this.i] !== "]") throw new Error("unclosed character class");
    this.i++;
    return negated ? set.complement() : set;
  }

  private classMember(): { set: CharSet; single: number | null } {
    const char = this.source[this.i++] as string;
    if (char === "\\") {
      const before = this.i;
      const escaped = this.escape(true);
      const set = escaped.type === "chars" ? escaped.set : new CharSet();
      const letter = this.source[before] as string;
      const isClassEscape = "dDwWsSpP".includes(letter);
      let single: number | null = null;
      if (!isClassEscape) {
        for (let code = 0; code < 128; code++) if (set.has(code)) single ??= code;
      }
      return { set, single };
    }
    const code = char.codePointAt(0) as number;
    return { set: this.literal(code), single: code };
  }
}

function nullable(node: Node): boolean {
  switch (node.type) {
    case "chars":
      return false;
    case "empty":
    case "look":
      return true;
    case "seq":
      return node.items.every(nullable);
    case "alt":
      return node.options.some(nullable);
    case "repeat":
      return node.min === 0 || nullable(node.body);
  }
}

function first(node: Node): CharSet {
  switch (node.type) {
    case "chars":
      return node.set;
    case "empty":
    case "look":
      return new CharSet();
    case "seq": {
      let set = new CharSet();
      for (const item of node.items) {
        set = set.union(first(item));
        if (!nullable(item)) break;
      }
      return set;
    }
    case "alt":
      return node.options.reduce((set, option) => set.union(first(option)), new CharSet());
    case "repeat":
      return first(node.body);
  }
}

function allChars(node: Node): CharSet {
  switch (node.type) {
    case "chars":
      return node.set;
    case "empty":
    case "look":
      return new CharSet();
    case "seq":
      return node.items.reduce((set, item) => set.union(allChars(item)), new CharSet());
    case "alt":
      return node.options.reduce((set, option) => set.union(allChars(option)), new CharSet());
    case "repeat":
      return allChars(node.body);
  }
}

/**
 * Inside the body of an unbounded repetition, an inner unbounded quantifier whose characters
 * can also be taken by what follows it (in the body, or the next repetition) splits a run of
 * input in exponentially many ways: `(a+)+`, `(.*a){40}`, `(?:[^"\\]+|\\.)*`.
 */
function ambiguousInnerRepeat(node: Node, after: CharSet): boolean {
  switch (node.type) {
    case "chars":
    case "empty":
    case "look":
      return false;
    case "seq": {
      let follow = after;
      for (let i = node.items.length - 1; i >= 0; i--) {
        const item = node.items[i] as Node;
        if (ambiguousInnerRepeat(item, follow)) return true;
        follow = nullable(item) ? first(item).union(follow) : first(item);
      }
      return false;
    }
    case "alt":
      return node.options.some((option) => ambiguousInnerRepeat(option, after));
    case "repeat": {
      if (node.max >= UNBOUNDED && allChars(node.body).intersects(after)) return true;
      const bodyFollow = node.max > 1 ? first(node.body).union(after) : after;
      return ambiguousInnerRepeat(node.body, bodyFollow);
    }
  }
}

function alternationsIn(node: Node, found: Node[] = []): Node[] {
  if (node.type === "alt") found.push(node);
  if (node.type === "seq") node.items.forEach((item) => alternationsIn(item, found));
  if (node.type === "alt") node.options.forEach((option) => alternationsIn(option, found));
  if (node.type === "repeat" || node.type === "look") alternationsIn(node.body, found);
  return found;
}

function check(node: Node, pattern: string, problems: RegexProblem[]): void {
  if (node.type === "repeat" && node.max >= UNBOUNDED) {
    const body = node.body;
    if (nullable(body)) {
      problems.push({
        pattern,
        problem: "an unbounded quantifier repeats something that can match nothing",
      });
    } else if (ambiguousInnerRepeat(body, first(body))) {
      problems.push({
        pattern,
        problem:
          "nested unbounded quantifiers (star height 2): the inner one can take what follows it",
      });
    }
    for (const alt of alternationsIn(body)) {
      if (alt.type !== "alt") continue;
      const firsts = alt.options.map(first);
      const overlap = firsts.some((a, i) => firsts.some((b, j) => j > i && a.intersects(b)));
      if (overlap || alt.options.some(nullable)) {
        problems.push({
          pattern,
          problem: "overlapping alternatives under an unbounded quantifier",
        });
      }
    }
  }
  if (node.type === "seq") node.items.forEach((item) => check(item, pattern, problems));
  if (node.type === "alt") node.options.forEach((option) => check(option, pattern, problems));
  if (node.type === "repeat" || node.type === "look") check(node.body, pattern, problems);
}

/** The backtracking problems of one pattern; a pattern the checker cannot parse is one too. */
export function backtrackingProblems(pattern: string, flags = ""): RegexProblem[] {
  let tree: Node;
  try {
    tree = new Parser(pattern, flags).parse();
  } catch (error) {
    return [{ pattern, problem: `cannot be checked: ${(error as Error).message}` }];
  }
  const problems: RegexProblem[] = [];
  check(tree, pattern, problems);
  return problems;
}
