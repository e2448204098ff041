/**
 * Microsoft's anti-spam stamps: X-Forefront-Antispam-Report, X-Microsoft-Antispam,
 * X-MS-Exchange-Organization-SCL, X-Microsoft-Antispam-Mailbox-Delivery, X-CustomSpam and
 * X-MS-Exchange-Organization-AuthAs. The `-Untrusted` copies (carried over from a sending
 * Microsoft 365 tenant) are never read as this tenant's verdict; only their presence is noted.
 * Field meanings: ../shared/reference/platform-facts.md §4.
 */
import type { HeaderBlock } from "./header-block";
import type { AntispamStamps, MailboxDelivery } from "./types";
import { skipWhitespace, trimmedEnd } from "./whitespace";

export interface AntispamExtras {
  /** X-CustomSpam: the advanced spam filter option that matched. */
  customSpam: string | null;
  /** Forefront `ARC:` field as written. */
  arcField: string | null;
  /** Mailbox delivery `OFR:` (the folder decision's reason) and `RF:`. */
  ofr: string | null;
  rf: string | null;
  /** X-MS-Exchange-Organization-AuthAs: Anonymous, Internal, Partner... */
  authAs: string | null;
  /** `-Untrusted` headers present, by name. */
  untrustedCopies: string[];
  /** Forefront fields this parser does not model (internal diagnostics per Microsoft). */
  unknownFields: string[];
  /** Pieces of the stamps that could not be read. */
  problems: string[];
}

export interface ParsedAntispam {
  stamps: AntispamStamps;
  extras: AntispamExtras;
}

const MAX_PROBLEMS = 10;
/** Real stamps are under 2 KB; past this a header is an attack and the rest is not read. */
export const MAX_STAMP_LENGTH = 16 * 1024;

/** Splits `KEY:value;KEY:value` at ";" and at the first ":" of each piece (CIP may be IPv6). */
export function parseStampPairs(
  fullValue: string,
  problems: string[],
  headerName: string,
): Map<string, string> {
  const pairs = new Map<string, string>();
  let value = fullValue;
  if (value.length > MAX_STAMP_LENGTH) {
    if (problems.length < MAX_PROBLEMS)
      problems.push(
        `${headerName} is ${value.length} characters long; only the first ${MAX_STAMP_LENGTH} were read.`,
      );
    value = value.slice(0, MAX_STAMP_LENGTH);
  }
  // Each piece between semicolons is trimmed by index; only keys and values are cut out.
  let start = 0;
  while (start <= value.length) {
    const semicolon = value.indexOf(";", start);
    const end = semicolon < 0 ? value.length : semicolon;
    const pieceStart = skipWhitespace(value, start, end);
    const pieceEnd = trimmedEnd(value, pieceStart, end);
    start = end + 1;
    if (pieceStart === pieceEnd) continue;
    const colon = value.indexOf(":", pieceStart);
    if (colon <= pieceStart || colon >= pieceEnd) {
      if (problems.length < MAX_PROBLEMS) {
        const piece = value.slice(pieceStart, pieceEnd);
        problems.push(`${headerName}: "${shorten(piece)}" is not a KEY:value pair.`);
      }
      continue;
    }
    const key = value.slice(pieceStart, trimmedEnd(value, pieceStart, colon)).toUpperCase();
    if (!pairs.has(key)) {
      pairs.set(key, value.slice(skipWhitespace(value, colon + 1, pieceEnd), pieceEnd));
    }
  }
  return pairs;
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** An integer, or null when the text is not one (e.g. SCL:-1 reads as -1, SCL:x as null). */
export function parseInteger(text: string | undefined | null): number | null {
  if (text === undefined || text === null) return null;
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > 6) return null;
  let start = 0;
  if (trimmed.charCodeAt(0) === 0x2d /* - */ || trimmed.charCodeAt(0) === 0x2b /* + */) start = 1;
  if (start === trimmed.length) return null;
  for (let i = start; i < trimmed.length; i++) {
    const code = trimmed.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return null;
  }
  return Number.parseInt(trimmed, 10);
}

function textOrNull(text: string | undefined): string | null {
  if (text === undefined) return null;
  const trimmed = text.trim();
  return trimmed.length > 0 ? trimmed : null;
}

function codeOrNull(text: string | undefined): string | null {
  const value = textOrNull(text);
  return value === null ? null : value.toUpperCase();
}

/** The rule ids of `SFS:(13230040)(4636009)...`, in order; text outside parentheses is ignored. */
export function parseSfsList(text: string | undefined): string[] {
  if (!text) return [];
  const ids: string[] = [];
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x28) start = i + 1;
    else if (code === 0x29 && start >= 0) {
      const id = text.slice(start, i).trim();
      if (id.length > 0) ids.push(id);
      start = -1;
    }
  }
  return ids;
}

const FOREFRONT_FIELDS = new Set([
  "ARC",
  "CAT",
  "CIP",
  "CTRY",
  "DIR",
  "H",
  "IPV",
  "LANG",
  "PTR",
  "SCL",
  "SFS",
  "SFTY",
  "SFV",
  "SRV",
]);

export function parseMailboxDelivery(value: string, problems: string[]): MailboxDelivery {
  return mailboxDeliveryOf(
    parseStampPairs(value, problems, "X-Microsoft-Antispam-Mailbox-Delivery"),
  );
}

function mailboxDeliveryOf(pairs: Map<string, string>): MailboxDelivery {
  return {
    dest: codeOrNull(pairs.get("DEST")),
    ucf: parseInteger(pairs.get("UCF")),
    jmr: parseInteger(pairs.get("JMR")),
    auth: parseInteger(pairs.get("AUTH")),
  };
}

export function parseAntispam(block: HeaderBlock): ParsedAntispam {
  const problems: string[] = [];
  const forefrontValue = block.first("X-Forefront-Antispam-Report")?.value;
  const forefront = forefrontValue
    ? parseStampPairs(forefrontValue, problems, "X-Forefront-Antispam-Report")
    : new Map<string, string>();
  const antispamValue = block.first("X-Microsoft-Antispam")?.value;
  const antispam = antispamValue
    ? parseStampPairs(antispamValue, problems, "X-Microsoft-Antispam")
    : new Map<string, string>();
  const orgScl = parseInteger(block.first("X-MS-Exchange-Organization-SCL")?.value);
  const deliveryValue = block.first("X-Microsoft-Antispam-Mailbox-Delivery")?.value;
  const deliveryPairs = deliveryValue
    ? parseStampPairs(deliveryValue, problems, "X-Microsoft-Antispam-Mailbox-Delivery")
    : null;

  const stamps: AntispamStamps = {
    // The organisation header is written by this tenant's transport and wins when present.
    scl: orgScl ?? parseInteger(forefront.get("SCL")),
    bcl: parseInteger(antispam.get("BCL")),
    pcl: parseInteger(antispam.get("PCL")),
    sfv: codeOrNull(forefront.get("SFV")),
    cat: codeOrNull(forefront.get("CAT")),
    ipv: codeOrNull(forefront.get("IPV")),
    sfty: textOrNull(forefront.get("SFTY")),
    srv: codeOrNull(forefront.get("SRV")),
    dir: codeOrNull(forefront.get("DIR")),
    country: codeOrNull(forefront.get("CTRY")),
    lang: textOrNull(forefront.get("LANG"))?.toLowerCase() ?? null,
    connectingIp: textOrNull(forefront.get("CIP")),
    helo: textOrNull(forefront.get("H")),
    ptr: textOrNull(forefront.get("PTR")),
    sfs: parseSfsList(forefront.get("SFS")),
    mailboxDelivery: deliveryPairs ? mailboxDeliveryOf(deliveryPairs) : null,
  };

  const extras: AntispamExtras = {
    customSpam: textOrNull(block.first("X-CustomSpam")?.value),
    arcField: textOrNull(forefront.get("ARC")),
    ofr: textOrNull(deliveryPairs?.get("OFR")),
    rf: textOrNull(deliveryPairs?.get("RF")),
    authAs: textOrNull(block.first("X-MS-Exchange-Organization-AuthAs")?.value),
    untrustedCopies: untrustedCopiesIn(block),
    unknownFields: [...forefront.keys()].filter((key) => !FOREFRONT_FIELDS.has(key)),
    problems,
  };
  return { stamps, extras };
}

/** The names of the `-Untrusted` headers present, each once, topmost first. */
function untrustedCopiesIn(block: HeaderBlock): string[] {
  const names = new Set<string>();
  for (const field of block.fields) {
    if (field.key.endsWith("-untrusted")) names.add(field.name);
  }
  return [...names];
}

/** Values of SFV that mean filtering was skipped or the sender was allowed. */
const SKIPPED_OR_ALLOWED = new Set(["SFE", "SKA", "SKN", "SKI", "SKQ"]);
/** Values of SFV that mean the message was marked as spam or blocked. */
const MARKED_SPAM = new Set(["SPM", "SKS", "SKB", "BLK"]);

/**
 * Did the filter send the message to Junk?
 * - true: the mailbox put it in Junk (dest:J); or SFV says spam or blocked (SPM, SKS, SKB, BLK);
 *   or SCL is 5 or more, unless SFV says filtering was skipped or the sender allowed (SFE, SKA,
 *   SKN, SKI, SKQ) and the mailbox put it in the Inbox (dest:I).
 * - false: the mailbox put it in the Inbox (dest:I); or SFV says not spam or skipped/allowed
 *   (NSPM, SFE, SKA, SKN, SKI, SKQ) with an SCL under 5 or none, and no dest:J.
 * - null: the headers do not say.
 */
export function isJunked(stamps: AntispamStamps): boolean | null {
  const dest = stamps.mailboxDelivery?.dest ?? null;
  const sfv = stamps.sfv;
  const scl = stamps.scl;
  if (dest === "J") return true;
  if (sfv !== null && MARKED_SPAM.has(sfv)) return true;
  if (scl !== null && scl >= 5) {
    const allowedIntoInbox = sfv !== null && SKIPPED_OR_ALLOWED.has(sfv) && dest === "I";
    if (!allowedIntoInbox) return true;
  }
  if (dest === "I") return false;
  if (sfv !== null && (sfv === "NSPM" || SKIPPED_OR_ALLOWED.has(sfv)) && (scl === null || scl < 5))
    return false;
  return null;
}

export function emptyStamps(): AntispamStamps {
  return {
    scl: null,
    bcl: null,
    pcl: null,
    sfv: null,
    cat: null,
    ipv: null,
    sfty: null,
    srv: null,
    dir: null,
    country: null,
    lang: null,
    connectingIp: null,
    helo: null,
    ptr: null,
    sfs: [],
    mailboxDelivery: null,
  };
}
