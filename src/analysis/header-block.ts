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

  let pending: { name: string; parts: string[] } | null = null;
  const flush = () => {
    if (!pending) return;
    const value = pending.parts.join("").trim();
    fields.push({
      name: pending.name,
      key: pending.name.toLowerCase(),
      value,
      position: fields.length,
    });
    pending = null;
  };

  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  let lineNumber = 0;
  for (const line of splitLines(text)) {
    lineNumber++;
    if (line.length === 0) break; // the headers end at the first empty line
    if (lineNumber === 1 && line.startsWith("From ")) continue; // mbox separator
    const first = line.charCodeAt(0);
    if (first === 0x20 || first === 0x09) {
      if (pending) pending.parts.push(line);
      else if (line.trim().length === 0) break;
      else note(`Line ${lineNumber} continues a header that was never started.`);
      continue;
    }
    const colon = line.indexOf(":");
    const name = colon > 0 ? line.slice(0, colon).trimEnd() : "";
    if (!isFieldName(name)) {
      note(`Line ${lineNumber} is not a header field: "${excerpt(line)}".`);
      continue;
    }
    flush();
    pending = { name, parts: [line.slice(colon + 1)] };
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

/** Splits on CRLF, LF or a lone CR, lazily. */
export function* splitLines(text: string): Generator<string> {
  let start = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0a || code === 0x0d) {
      yield text.slice(start, i);
      if (code === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
      start = i + 1;
    }
  }
  if (start < length) yield text.slice(start);
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
