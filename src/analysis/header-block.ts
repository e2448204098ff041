/**
 * Splits a raw header block (or a whole .eml) into unfolded fields, topmost first.
 * Linear in the input: one pass over the lines, no regular expression that can backtrack.
 */

import { keyIdOf, knownName, knownNameAt } from "./field-names";
import type { KnownName } from "./field-names";
import { skipWhitespace, trimmedEnd } from "./whitespace";

export interface HeaderField {
  /** As written, e.g. "Authentication-Results". */
  name: string;
  /** Lower case, for look-ups. */
  key: string;
  /** Unfolded (line breaks removed, whitespace kept) and trimmed. */
  value: string;
  /** 0 = topmost field in the block. */
  position: number;
  /** The key's number, the same in every block (`KnownName.keyId`, field-names.ts); -1 if none. */
  readonly keyId: number;
  /**
   * The value as it stands in the block, line breaks and all, untrimmed (or the value, when
   * lines that are not part of it stand between its lines): for parsers to whom a line break is
   * whitespace, without making the unfolded copy.
   */
  readonly folded: string;
  /** `folded` as it stands in its text (the block's), for readers that read it in place. */
  readonly foldedSpan: TextSpan;
}

/** text[start, end). */
export interface TextSpan {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export interface HeaderBlock {
  fields: readonly HeaderField[];
  /** Lines that could not be read as fields, described for a person. */
  problems: readonly string[];
  /** Every field of that name, topmost first. */
  all(name: string): HeaderField[];
  /** The topmost field of that name. */
  first(name: string): HeaderField | undefined;
}

const MAX_PROBLEMS = 20;
/**
 * Real messages carry a few hundred fields at most; a block with more was built to hurt, and
 * reading a hundred thousand fields would spend the analysis on them. The rest is left unread,
 * and the block says so.
 */
export const MAX_FIELDS = 10_000;

export function parseHeaderBlock(raw: string): HeaderBlock {
  const fields: LazyField[] = [];
  let maxKeyId = -1;
  const problems: string[] = [];

  // The field whose continuation lines are being read.
  let current: LazyField | null = null;

  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const length = text.length;
  // Lines end at CRLF, LF or a lone CR. The next CR, LF and colon are looked up with indexOf
  // and remembered until the scan passes them, so each character is searched at most once.
  let nextCr = -1;
  let nextLf = -1;
  let nextColon = -1;
  let lineNumber = 0;
  let start = 0;
  // The line break after the current field's last line, while the line being read follows it
  // (NO_BREAK once a line that is not part of the field stood between).
  let breakAfterCurrent = NO_BREAK;
  while (start < length) {
    if (nextCr < start) nextCr = indexOrEnd(text, "\r", start);
    if (nextLf < start) nextLf = indexOrEnd(text, "\n", start);
    const end = Math.min(nextCr, nextLf);
    const lineStart = start;
    const lineBreak = lineBreakAt(text, end);
    start = lineBreak === CRLF ? end + 2 : end + 1;
    lineNumber++;

    if (end === lineStart) break; // the headers end at the first empty line
    if (lineNumber === 1 && text.startsWith("From ", lineStart)) continue; // mbox separator
    const first = text.charCodeAt(lineStart);
    if (first === 0x20 || first === 0x09) {
      if (current !== null) {
        current.addContinuation(lineStart, end, breakAfterCurrent);
        breakAfterCurrent = lineBreak;
      } else if (text.slice(lineStart, end).trim().length === 0) break;
      else note(problems, `Line ${lineNumber} continues a header that was never started.`);
      continue;
    }
    breakAfterCurrent = NO_BREAK;
    if (nextColon < lineStart) nextColon = indexOrEnd(text, ":", lineStart);
    const colon = nextColon < end ? nextColon : -1;
    const known =
      (colon > lineStart ? knownNameAt(text, lineStart, colon) : undefined) ??
      knownName(colon > lineStart ? text.slice(lineStart, colon).trimEnd() : "");
    if (known === null) {
      const line = text.slice(lineStart, end);
      note(problems, `Line ${lineNumber} is not a header field: "${excerpt(line)}".`);
      continue;
    }
    if (fields.length === MAX_FIELDS) {
      note(
        problems,
        `The headers have more than ${MAX_FIELDS.toLocaleString("en-US")} fields; those after line ${lineNumber - 1} were not read.`,
      );
      break;
    }
    current = new LazyField(known, fields.length, text, colon + 1, end);
    breakAfterCurrent = lineBreak;
    fields.push(current);
    if (known.keyId > maxKeyId) maxKeyId = known.keyId;
  }

  // A NUL byte belongs in no header; one stray in a value is read as it stands, and said.
  const nul = text.indexOf("\0");
  if (nul >= 0 && nul < start) noteNul(problems, text, nul, start);
  return new IndexedHeaderBlock(fields, problems, maxKeyId);
}

/** Names the line of the first NUL byte before `end`, and how many there are. */
function noteNul(problems: string[], text: string, first: number, end: number): void {
  let line = 1;
  for (let i = 0; i < first; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0a || (code === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) line++;
  }
  let count = 0;
  for (let at = first; at >= 0 && at < end; at = text.indexOf("\0", at + 1)) count++;
  note(
    problems,
    count === 1
      ? `Line ${line} contains a NUL byte, which no header may carry; the line was read as it stands.`
      : `The headers contain ${count} NUL bytes (the first on line ${line}), which no header may carry; the lines were read as they stand.`,
  );
}

/**
 * Fields by name, indexed in one pass when a name is first asked for. (The block reads at most
 * MAX_FIELDS fields, so even a block of distinct names built to hurt keeps the index small; a
 * scan of every field per name asked, as before, grew with names x fields.)
 */
class IndexedHeaderBlock implements HeaderBlock {
  /**
   * By key number (`KnownName.keyId`): a key's one field, or its fields when there are several
   * (most names stand once). Built when a name is first asked for.
   */
  #byKeyId: (HeaderField | HeaderField[] | undefined)[] | null = null;
  /** The same for the rare keys without a number (met once the name memo was full). */
  #byKey: Map<string, HeaderField | HeaderField[]> | null = null;

  constructor(
    readonly fields: readonly LazyField[],
    readonly problems: readonly string[],
    /** The largest `keyId` of the fields. */
    private readonly maxKeyId: number,
  ) {}

  all(name: string): HeaderField[] {
    const found = this.#withName(name);
    return found === undefined ? [] : Array.isArray(found) ? found.slice() : [found];
  }

  first(name: string): HeaderField | undefined {
    const found = this.#withName(name);
    return Array.isArray(found) ? found[0] : found;
  }

  #withName(name: string): HeaderField | HeaderField[] | undefined {
    const known = knownName(name);
    // A name that is no field name may still lower-case to a key ("\u212Aey" to "key").
    const key = known?.key ?? name.toLowerCase();
    const keyId = known !== null ? known.keyId : keyIdOf(key);
    const byKeyId = this.#byKeyId ?? this.#index();
    return keyId >= 0 ? byKeyId[keyId] : this.#byKey?.get(key);
  }

  #index(): (HeaderField | HeaderField[] | undefined)[] {
    const fields = this.fields;
    const byKeyId = new Array<HeaderField | HeaderField[] | undefined>(this.maxKeyId + 1);
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i] as LazyField;
      if (field.keyId < 0) {
        const byKey = (this.#byKey ??= new Map());
        byKey.set(field.key, withField(byKey.get(field.key), field));
      } else byKeyId[field.keyId] = withField(byKeyId[field.keyId], field);
    }
    this.#byKeyId = byKeyId;
    return byKeyId;
  }
}

/** The fields of a key with `field` added at the end. */
function withField(
  fields: HeaderField | HeaderField[] | undefined,
  field: HeaderField,
): HeaderField | HeaderField[] {
  if (fields === undefined) return field;
  if (!Array.isArray(fields)) return [fields, field];
  fields.push(field);
  return fields;
}

function note(problems: string[], problem: string): void {
  if (problems.length < MAX_PROBLEMS) problems.push(problem);
}

/**
 * A field whose value is unfolded and trimmed when first read: a block carries a hundred
 * fields or more (signatures, seals, Microsoft's diagnostics), and the analysis reads a few.
 */
class LazyField implements HeaderField {
  readonly #text: string;
  /** Where the value starts on the field's first line. */
  readonly #start: number;
  /** Where its last line ends: the value is text[start, end) without its line breaks. */
  #end: number;
  /**
   * [start, end) of each stretch of lines, once a line that is not part of the field stood
   * between two of its lines (a line that is not a header field); null while it is one stretch.
   */
  #stretches: number[] | null = null;
  /** Line breaks in the one stretch, and their kind (MIXED_BREAKS when not all alike). */
  #breaks = 0;
  #breakKind = NO_BREAK;
  #value: string | null = null;

  readonly name: string;
  readonly key: string;
  /** The key's number (`KnownName.keyId`). */
  readonly keyId: number;

  constructor(
    known: KnownName,
    readonly position: number,
    text: string,
    valueStart: number,
    valueEnd: number,
  ) {
    this.name = known.name;
    this.key = known.key;
    this.keyId = known.keyId;
    this.#text = text;
    this.#start = valueStart;
    this.#end = valueEnd;
  }

  /** Adds the line text[start, end), which `kind` (CRLF, LF or CR) parts from the field's last. */
  addContinuation(start: number, end: number, kind: number): void {
    if (this.#stretches !== null) {
      this.#stretches.push(start, end);
      return;
    }
    if (kind === NO_BREAK) {
      this.#stretches = [this.#start, this.#end, start, end];
      return;
    }
    this.#end = end;
    this.#breaks++;
    this.#breakKind =
      this.#breakKind === NO_BREAK || this.#breakKind === kind ? kind : MIXED_BREAKS;
  }

  get value(): string {
    if (this.#value === null) {
      const text = this.#text;
      const stretches = this.#stretches;
      if (stretches === null && this.#breaks === 0) {
        const from = skipWhitespace(text, this.#start, this.#end);
        this.#value = text.slice(from, trimmedEnd(text, from, this.#end));
      } else if (stretches === null) {
        const separator = BREAK_TEXT[this.#breakKind];
        const unfolded =
          separator === undefined
            ? withoutLineBreaks(text, this.#start, this.#end)
            : joinLines(text, this.#start, this.#end, separator, this.#breaks);
        this.#value = unfolded.trim();
      } else {
        let unfolded = "";
        for (let i = 0; i < stretches.length; i += 2) {
          unfolded += withoutLineBreaks(text, stretches[i] as number, stretches[i + 1] as number);
        }
        this.#value = unfolded.trim();
      }
    }
    return this.#value;
  }

  get folded(): string {
    return this.#stretches === null ? this.#text.slice(this.#start, this.#end) : this.value;
  }

  get foldedSpan(): TextSpan {
    if (this.#stretches === null) return { text: this.#text, start: this.#start, end: this.#end };
    const value = this.value;
    return { text: value, start: 0, end: value.length };
  }

  /** Serialised as the plain record the interface describes. */
  toJSON(): Omit<HeaderField, "folded" | "foldedSpan" | "keyId"> {
    return { name: this.name, key: this.key, value: this.value, position: this.position };
  }
}

const NO_BREAK = 0;
const CRLF = 1;
const LF = 2;
const CR = 3;
const MIXED_BREAKS = 4;
const BREAK_TEXT: readonly (string | undefined)[] = [undefined, "\r\n", "\n", "\r", undefined];

/** The line break that starts at text[at]: CRLF, a lone CR, LF, or NO_BREAK (the text's end). */
function lineBreakAt(text: string, at: number): number {
  const code = text.charCodeAt(at);
  if (code === 0x0d) return text.charCodeAt(at + 1) === 0x0a ? CRLF : CR;
  return code === 0x0a ? LF : NO_BREAK;
}

/**
 * text[from, to) without its `count` line breaks, all written as `separator`. Each is found with
 * indexOf, and no search runs past the last one: the field's breaks were counted as it was read.
 */
function joinLines(
  text: string,
  from: number,
  to: number,
  separator: string,
  count: number,
): string {
  let unfolded = "";
  let piece = from;
  for (let i = 0; i < count; i++) {
    const at = text.indexOf(separator, piece);
    unfolded += text.slice(piece, at);
    piece = at + separator.length;
  }
  return unfolded + text.slice(piece, to);
}

/**
 * text[from, to) without its CR and LF characters. Lines end at each of them, so within one
 * stretch of a field's lines every one is part of a line break, and this is the unfolded text.
 */
export function withoutLineBreaks(text: string, from: number, to: number): string {
  let unfolded = "";
  let piece = from;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0d || code === 0x0a) {
      unfolded += text.slice(piece, i);
      piece = i + 1;
    }
  }
  return piece === from ? text.slice(from, to) : unfolded + text.slice(piece, to);
}

/** The index of `search` at or after `from`, or the text's length when there is none. */
export function indexOrEnd(text: string, search: string, from: number): number {
  const index = text.indexOf(search, from);
  return index < 0 ? text.length : index;
}

function excerpt(line: string): string {
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}
