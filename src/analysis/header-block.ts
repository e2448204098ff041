/**
 * Splits a raw header block (or a whole .eml) into unfolded fields, topmost first.
 * Linear in the input: one pass over the lines, no regular expression that can backtrack.
 */

export interface HeaderField {
  /** As written, e.g. "Authentication-Results". */
  name: string;
  /** Lower case, for look-ups. */
  key: string;
  /** Unfolded (line breaks removed, whitespace kept) and trimmed. */
  value: string;
  /** 0 = topmost field in the block. */
  position: number;
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

export function parseHeaderBlock(raw: string): HeaderBlock {
  const fields: HeaderField[] = [];
  const problems: string[] = [];
  const note = (problem: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push(problem);
  };

  // The field being read: its name and its value so far (continuation lines appended as is).
  let pendingName: string | null = null;
  let pendingValue = "";
  const flush = () => {
    if (pendingName === null) return;
    fields.push({
      name: pendingName,
      key: pendingName.toLowerCase(),
      value: pendingValue.trim(),
      position: fields.length,
    });
    pendingName = null;
  };

  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const length = text.length;
  // Lines end at CRLF, LF or a lone CR. The next CR, LF and colon are looked up with indexOf
  // and remembered until the scan passes them, so each character is searched at most once.
  let nextCr = -1;
  let nextLf = -1;
  let nextColon = -1;
  let lineNumber = 0;
  let start = 0;
  while (start < length) {
    if (nextCr < start) nextCr = indexOrEnd(text, "\r", start);
    if (nextLf < start) nextLf = indexOrEnd(text, "\n", start);
    const end = Math.min(nextCr, nextLf);
    const lineStart = start;
    start = end === nextCr && text.charCodeAt(end + 1) === 0x0a ? end + 2 : end + 1;
    lineNumber++;

    if (end === lineStart) break; // the headers end at the first empty line
    if (lineNumber === 1 && text.startsWith("From ", lineStart)) continue; // mbox separator
    const first = text.charCodeAt(lineStart);
    if (first === 0x20 || first === 0x09) {
      if (pendingName !== null) pendingValue += text.slice(lineStart, end);
      else if (text.slice(lineStart, end).trim().length === 0) break;
      else note(`Line ${lineNumber} continues a header that was never started.`);
      continue;
    }
    if (nextColon < lineStart) nextColon = indexOrEnd(text, ":", lineStart);
    const colon = nextColon < end ? nextColon : -1;
    const name = colon > lineStart ? text.slice(lineStart, colon).trimEnd() : "";
    if (!isFieldName(name)) {
      note(`Line ${lineNumber} is not a header field: "${excerpt(text.slice(lineStart, end))}".`);
      continue;
    }
    flush();
    pendingName = name;
    pendingValue = text.slice(colon + 1, end);
  }
  flush();

  const byKey = new Map<string, HeaderField[]>();
  for (const field of fields) {
    const list = byKey.get(field.key);
    if (list) list.push(field);
    else byKey.set(field.key, [field]);
  }
  return {
    fields,
    problems,
    all: (name) => byKey.get(name.toLowerCase())?.slice() ?? [],
    first: (name) => byKey.get(name.toLowerCase())?.[0],
  };
}

/** The index of `search` at or after `from`, or the text's length when there is none. */
function indexOrEnd(text: string, search: string, from: number): number {
  const index = text.indexOf(search, from);
  return index < 0 ? text.length : index;
}

/** RFC 5322 field names: printable US-ASCII except colon, at least one character. */
function isFieldName(name: string): boolean {
  if (name.length === 0 || name.length > 200) return false;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code < 33 || code > 126) return false;
  }
  return true;
}

function excerpt(line: string): string {
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}
