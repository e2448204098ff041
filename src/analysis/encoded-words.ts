/**
 * RFC 2047 encoded words (`=?charset?B|Q?text?=`) in header values, decoded with the platform's
 * TextDecoder so the same code runs in browsers, Node and the function-command runtime.
 * One left-to-right pass; each candidate word is scanned at most once, so the work is linear.
 */

import { hexValue } from "./digits";

/** One encoded word as found in the text: [start, end) and its decoded bytes. */
export interface EncodedWordMatch {
  start: number;
  end: number;
  /** Lower case, RFC 2231 language suffix (`*en`) removed. */
  charset: string;
  bytes: Uint8Array;
}

const MAX_CHARSET_LENGTH = 60;

/**
 * Decodes every well-formed encoded word; adjacent encoded words separated only by whitespace
 * are joined without that whitespace (RFC 2047 §6.2), and their bytes are decoded together so a
 * multi-byte character split across two words survives. Malformed words, unknown charsets and
 * everything else stay exactly as written.
 */
export function decodeEncodedWords(text: string): string {
  if (text.indexOf("=?") < 0) return text;
  const out: string[] = [];
  let copied = 0; // text before this index is already in `out`
  let search = 0;
  let run: { charset: string; chunks: Uint8Array[]; start: number; end: number } | null = null;

  let decodedEnd = -1; // end of the last encoded word that was decoded
  const flushRun = () => {
    if (!run) return;
    const decoded = decodeBytes(run.charset, concat(run.chunks));
    out.push(decoded ?? text.slice(run.start, run.end));
    if (decoded !== null) decodedEnd = run.end;
    copied = run.end;
    run = null;
  };

  while (search < text.length) {
    const at = text.indexOf("=?", search);
    if (at < 0) break;
    const match = matchEncodedWord(text, at);
    if (!match) {
      search = at + 1;
      continue;
    }
    const joinsRun =
      run !== null &&
      run.charset === match.charset &&
      isWhitespaceOnly(text, run.end, match.start) &&
      decoderFor(match.charset) !== null;
    if (joinsRun && run) {
      run.chunks.push(match.bytes);
      run.end = match.end;
    } else {
      flushRun();
      // Whitespace between two decoded encoded words disappears even when their charsets differ.
      const joinsPrevious =
        decodedEnd === copied &&
        isWhitespaceOnly(text, copied, match.start) &&
        decoderFor(match.charset) !== null;
      if (!joinsPrevious && copied < match.start) out.push(text.slice(copied, match.start));
      run = { charset: match.charset, chunks: [match.bytes], start: match.start, end: match.end };
    }
    search = match.end;
  }
  flushRun();
  if (copied < text.length) out.push(text.slice(copied));
  return out.join("");
}

/**
 * The encoded word starting at `start` (which must point at "=?"), or null when the text there
 * is not a well-formed one. Used by the address tokenizer too, to keep such a word in one piece.
 */
export function matchEncodedWord(text: string, start: number): EncodedWordMatch | null {
  if (text.charCodeAt(start) !== 0x3d || text.charCodeAt(start + 1) !== 0x3f) return null;
  let i = start + 2;
  const charsetStart = i;
  while (i < text.length && i - charsetStart <= MAX_CHARSET_LENGTH && isTokenChar(text, i)) i++;
  if (i === charsetStart || text.charCodeAt(i) !== 0x3f) return null;
  const rawCharset = text.slice(charsetStart, i);
  const encoding = text.charCodeAt(i + 1) | 0x20; // lower case
  if ((encoding !== 0x62 && encoding !== 0x71) || text.charCodeAt(i + 2) !== 0x3f) return null;
  const textStart = i + 3;
  const isQ = encoding === 0x71;
  let j = textStart;
  while (j < text.length) {
    const code = text.charCodeAt(j);
    // Sloppy mailers leave spaces in Q-encoded text ("=?utf-8?Q?Gr=C3=BC=C3=9Fe aus Köln?=");
    // such a word still ends at its "?=", which the scan (stopping at the next "?") checks below.
    if (isQ && (code === 0x20 || code === 0x09)) {
      j++;
      continue;
    }
    if (code === 0x3f || code <= 0x20 || code === 0x7f) break;
    j++;
  }
  if (text.charCodeAt(j) !== 0x3f || text.charCodeAt(j + 1) !== 0x3d) return null;
  const encoded = text.slice(textStart, j);
  const bytes = encoding === 0x62 ? decodeBase64(encoded) : decodeQ(encoded);
  if (!bytes) return null;
  const star = rawCharset.indexOf("*");
  const charset = (star >= 0 ? rawCharset.slice(0, star) : rawCharset).toLowerCase();
  if (charset.length === 0) return null;
  return { start, end: j + 2, charset, bytes };
}

/**
 * RFC 2047 token: printable ASCII except space and especials. The dot, an especial, is allowed
 * because registered charset names contain it (ANSI_X3.4-1968).
 */
function isTokenChar(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code <= 0x20 || code >= 0x7f) return false;
  return !CHARSET_STOPS.has(code);
}

const CHARSET_STOPS = new Set(Array.from('()<>@,;:"/[]?=', (char) => char.charCodeAt(0)));

function isWhitespaceOnly(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code !== 0x20 && code !== 0x09 && code !== 0x0d && code !== 0x0a) return false;
  }
  return true;
}

const BASE64_VALUES = (() => {
  const table = new Int8Array(128).fill(-1);
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
})();

/**
 * Base64 with, without or with too much padding ("SGk===", which some mailers write); null on
 * any character outside the alphabet.
 */
function decodeBase64(encoded: string): Uint8Array | null {
  let end = encoded.length;
  while (end > 0 && encoded.charCodeAt(end - 1) === 0x3d) end--;
  const bytes = new Uint8Array(Math.floor((end * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let length = 0;
  for (let i = 0; i < end; i++) {
    const code = encoded.charCodeAt(i);
    const value = code < 128 ? (BASE64_VALUES[code] as number) : -1;
    if (value < 0) return null;
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[length++] = (buffer >> bits) & 0xff;
    }
  }
  return bytes.subarray(0, length);
}

/** Q encoding: "_" is a space, "=XX" a byte; a stray "=" stays as it is. */
function decodeQ(encoded: string): Uint8Array {
  const bytes = new Uint8Array(encoded.length);
  let length = 0;
  for (let i = 0; i < encoded.length; i++) {
    const code = encoded.charCodeAt(i);
    if (code === 0x5f) {
      bytes[length++] = 0x20;
    } else if (code === 0x3d) {
      const high = hexValue(encoded.charCodeAt(i + 1));
      const low = hexValue(encoded.charCodeAt(i + 2));
      if (high >= 0 && low >= 0) {
        bytes[length++] = (high << 4) | low;
        i += 2;
      } else {
        bytes[length++] = code;
      }
    } else {
      bytes[length++] = code & 0xff;
    }
  }
  return bytes.subarray(0, length);
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  let total = 0;
  for (const chunk of chunks) total += chunk.length;
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  return joined;
}

/** Charset names mail uses that the WHATWG Encoding Standard spells differently. */
const CHARSET_ALIASES: Record<string, string> = {
  "us-ascii": "windows-1252",
  ascii: "windows-1252",
  "ansi_x3.4-1968": "windows-1252",
  cp1250: "windows-1250",
  cp1251: "windows-1251",
  cp1252: "windows-1252",
  cp1253: "windows-1253",
  cp1254: "windows-1254",
  cp1255: "windows-1255",
  cp1256: "windows-1256",
  cp1257: "windows-1257",
  cp1258: "windows-1258",
  cp932: "shift_jis",
  ms932: "shift_jis",
  "x-sjis": "shift_jis",
  cp936: "gbk",
  cp949: "euc-kr",
  cp950: "big5",
  "iso8859-1": "iso-8859-1",
  "iso8859-15": "iso-8859-15",
  "utf-16": "utf-16le",
};

const decoders = new Map<string, TextDecoder | null>();

/** A cached decoder for a mail charset name, or null when the platform does not know it. */
function decoderFor(charset: string): TextDecoder | null {
  const cached = decoders.get(charset);
  if (cached !== undefined) return cached;
  let decoder: TextDecoder | null;
  try {
    decoder = new TextDecoder(CHARSET_ALIASES[charset] ?? charset);
  } catch {
    decoder = null; // RangeError: unknown label
  }
  if (decoders.size < 200) decoders.set(charset, decoder);
  return decoder;
}

function decodeBytes(charset: string, bytes: Uint8Array): string | null {
  const decoder = decoderFor(charset);
  if (!decoder) return null;
  // Node's TextDecoder reads windows-1252 as ISO-8859-1 (0x80-0x9F become C1 controls, not
  // curly quotes and the euro sign); browsers do not. Decode it here so both agree.
  return decoder.encoding === "windows-1252" ? decodeWindows1252(bytes) : decoder.decode(bytes);
}

/** 0x80-0x9F of windows-1252 (WHATWG index); 0 marks the five unassigned bytes. */
const WINDOWS_1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152,
  0, 0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161,
  0x203a, 0x0153, 0, 0x017e, 0x0178,
];

function decodeWindows1252(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) {
    const mapped = byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_HIGH[byte - 0x80] || byte : byte;
    out += String.fromCharCode(mapped);
  }
  return out;
}
