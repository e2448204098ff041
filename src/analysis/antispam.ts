/**
 * Microsoft's anti-spam stamps: X-Forefront-Antispam-Report, X-Microsoft-Antispam,
 * X-MS-Exchange-Organization-SCL and -PCL, X-Microsoft-Antispam-Mailbox-Delivery, X-CustomSpam,
 * X-MS-Exchange-Organization-AuthAs and X-MS-Exchange-Transport-EndToEndLatency. The
 * `-Untrusted` copies (carried over from a sending Microsoft 365 tenant) and a sending
 * organisation's own outbound report (see `isSenderOutbound`) are never read as this
 * recipient's verdict; only their presence is noted.
 * Field meanings: ../shared/reference/platform-facts.md §4.
 */
import { digitsAt } from "./digits";
import { KeyMemo } from "./field-names";
import type { HeaderBlock } from "./header-block";
import { upperCase } from "./letter-case";
import {
  isForefrontKeyNumber,
  KNOWN_STAMP_KEY_COUNT,
  stampKey,
  STAMP_KEY_NUMBER,
  stampKeyNumberAt,
} from "./stamp-keys";
import type { StampKey } from "./stamp-keys";
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

/**
 * A stamp's pairs: the first value of each key the engine reads (stamp-keys.ts), in the key's
 * numbered slot, and which other keys it writes. A map of every pair, grown pair by pair, was a
 * fifth of reading a stamp.
 */
export class StampPairs {
  readonly #known = new Array<string | undefined>(KNOWN_STAMP_KEY_COUNT);
  /** Keys the engine does not read; made when one is met (typical stamps write none). */
  #otherKeys: Set<string> | null = null;
  /** The keys that are not Forefront fields the engine models, in their order, each once. */
  readonly #unmodelled: string[] = [];

  /** The value of a known key, or undefined when the stamp has none. */
  get(key: StampKey): string | undefined {
    return this.#known[STAMP_KEY_NUMBER[key]];
  }

  /** The keys of the stamp that are not among the Forefront fields the engine models. */
  unmodelledKeys(): string[] {
    return this.#unmodelled.slice();
  }

  /** Adds the pair unless the key has a value already (the first one counts). */
  addKnown(number: number, value: string): void {
    if (this.#known[number] !== undefined) return;
    this.#known[number] = value;
    if (!isForefrontKeyNumber(number)) this.#unmodelled.push(stampKey(number));
  }

  /** Notes a key the engine does not read (upper case). */
  addOther(key: string): void {
    const others = (this.#otherKeys ??= new Set<string>());
    if (others.has(key)) return;
    others.add(key);
    this.#unmodelled.push(key);
  }
}

/** Splits `KEY:value;KEY:value` at ";" and at the first ":" of each piece (CIP may be IPv6). */
export function parseStampPairs(
  fullValue: string,
  problems: string[],
  headerName: string,
): StampPairs {
  const pairs = new StampPairs();
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
    const keyEnd = trimmedEnd(value, pieceStart, colon);
    const number = stampKeyNumberAt(value, pieceStart, keyEnd);
    if (number >= 0) {
      pairs.addKnown(number, value.slice(skipWhitespace(value, colon + 1, pieceEnd), pieceEnd));
    } else pairs.addOther(upperCase(value.slice(pieceStart, keyEnd)));
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
  return value === null ? null : upperCase(value);
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
      const from = skipWhitespace(text, start, i);
      const to = trimmedEnd(text, from, i);
      if (to > from) ids.push(text.slice(from, to));
      start = -1;
    }
  }
  return ids;
}

export function parseMailboxDelivery(value: string, problems: string[]): MailboxDelivery {
  return mailboxDeliveryOf(
    parseStampPairs(value, problems, "X-Microsoft-Antispam-Mailbox-Delivery"),
  );
}

function mailboxDeliveryOf(pairs: StampPairs): MailboxDelivery {
  return {
    dest: codeOrNull(pairs.get("DEST")),
    ucf: parseInteger(pairs.get("UCF")),
    jmr: parseInteger(pairs.get("JMR")),
    auth: parseInteger(pairs.get("AUTH")),
    ofr: textOrNull(pairs.get("OFR")),
    rf: textOrNull(pairs.get("RF")),
    wl: parseInteger(pairs.get("WL")),
    pcwl: parseInteger(pairs.get("PCWL")),
  };
}

/**
 * Exchange's TimeSpan as X-MS-Exchange-Transport-EndToEndLatency writes it, `[d.]hh:mm:ss[.f]`
 * (e.g. "00:00:02.1934717", "1.02:03:04"), in seconds; null for anything else.
 */
export function parseTimeSpan(text: string | undefined | null): number | null {
  if (typeof text !== "string") return null;
  const value = text.trim();
  if (value.length === 0 || value.length > 40) return null;
  // Read by index: [days.]hours:minutes:seconds[.fraction].
  const firstColon = value.indexOf(":");
  if (firstColon < 0) return null;
  const dot = value.indexOf(".");
  const hasDays = dot >= 0 && dot < firstColon;
  const days = hasDays ? unsignedIn(value, 0, dot) : 0;
  const hours = unsignedIn(value, hasDays ? dot + 1 : 0, firstColon);
  const secondColon = value.indexOf(":", firstColon + 1);
  if (secondColon < 0) return null;
  const minutes = unsignedIn(value, firstColon + 1, secondColon);
  const fractionAt = value.indexOf(".", secondColon + 1);
  const seconds = unsignedIn(value, secondColon + 1, fractionAt < 0 ? value.length : fractionAt);
  const hasFraction = fractionAt >= 0 && fractionAt < value.length - 1;
  if (days === null || hours === null || minutes === null || seconds === null) return null;
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  if (hasFraction && unsignedIn(value, fractionAt + 1, value.length) === null) return null;
  const fractionSeconds = hasFraction
    ? Number(`0.${value.slice(fractionAt + 1, fractionAt + 8)}`)
    : 0;
  const total = ((days * 24 + hours) * 60 + minutes) * 60 + seconds + fractionSeconds;
  return Math.round(total * 1000) / 1000;
}

/** text[from, to) as a number when it is one to nine decimal digits; null otherwise. */
function unsignedIn(text: string, from: number, to: number): number | null {
  if (to <= from || to - from > 9) return null;
  const value = digitsAt(text, from, to - from);
  return value < 0 ? null : value;
}

/** The connecting IP Exchange Online stamps on mail submitted inside the organisation. */
const SUBMITTED_INSIDE = "255.255.255.255";

/**
 * Whether the Forefront report is the sending organisation's own, stamped on its way out: its
 * direction says outbound, or it names no connecting server (CIP:255.255.255.255, a submission
 * from a mailbox) without saying it was internal, and no `X-MS-Exchange-Organization-` header
 * is present (Exchange strips those when mail leaves an organisation, so in a recipient's
 * mailbox on Microsoft 365 they are the recipient's own). A list archive or a recipient on
 * another system keeps such stamps as they left the sender; they are not the recipient's verdict.
 */
/** Whether the block's X-Forefront-Antispam-Report is the sending organisation's own. */
export function hasSenderOutboundReport(block: HeaderBlock): boolean {
  const value = block.first("X-Forefront-Antispam-Report")?.value;
  if (value === undefined) return false;
  // Either stamp that can make it outbound must be there before the report is read.
  if (!value.includes(SUBMITTED_INSIDE) && !value.toUpperCase().includes("DIR:OUT")) return false;
  return isSenderOutbound(parseStampPairs(value, [], ""), block);
}

function isSenderOutbound(forefront: StampPairs, block: HeaderBlock): boolean {
  const dir = codeOrNull(forefront.get("DIR"));
  if (dir === "OUT") return true;
  if (dir !== null || textOrNull(forefront.get("CIP")) !== SUBMITTED_INSIDE) return false;
  return !block.fields.some((field) => field.key.startsWith("x-ms-exchange-organization-"));
}

export function parseAntispam(block: HeaderBlock): ParsedAntispam {
  const problems: string[] = [];
  const forefrontValue = block.first("X-Forefront-Antispam-Report")?.value;
  let forefront = forefrontValue
    ? parseStampPairs(forefrontValue, problems, "X-Forefront-Antispam-Report")
    : new StampPairs();
  const antispamValue = block.first("X-Microsoft-Antispam")?.value;
  let antispam = antispamValue
    ? parseStampPairs(antispamValue, problems, "X-Microsoft-Antispam")
    : new StampPairs();
  const senderOutbound: string[] = [];
  if (forefrontValue && isSenderOutbound(forefront, block)) {
    // The sending organisation's verdict on its own mail, not this recipient's: not read.
    senderOutbound.push("X-Forefront-Antispam-Report");
    if (antispamValue) senderOutbound.push("X-Microsoft-Antispam");
    forefront = new StampPairs();
    antispam = new StampPairs();
  }
  const orgScl = parseInteger(block.first("X-MS-Exchange-Organization-SCL")?.value);
  const orgPcl = parseInteger(block.first("X-MS-Exchange-Organization-PCL")?.value);
  const authAs = textOrNull(block.first("X-MS-Exchange-Organization-AuthAs")?.value);
  const deliveryValue = block.first("X-Microsoft-Antispam-Mailbox-Delivery")?.value;
  const deliveryPairs = deliveryValue
    ? parseStampPairs(deliveryValue, problems, "X-Microsoft-Antispam-Mailbox-Delivery")
    : null;

  const stamps: AntispamStamps = {
    // The organisation header is written by this tenant's transport and wins when present.
    scl: orgScl ?? parseInteger(forefront.get("SCL")),
    bcl: parseInteger(antispam.get("BCL")),
    // As for SCL, the organisation header (on-premises Exchange's stamp) wins when present.
    pcl: orgPcl ?? parseInteger(antispam.get("PCL")),
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
    authAs,
    endToEndLatencySeconds: parseTimeSpan(
      block.first("X-MS-Exchange-Transport-EndToEndLatency")?.value,
    ),
  };

  const extras: AntispamExtras = {
    customSpam: textOrNull(block.first("X-CustomSpam")?.value),
    arcField: textOrNull(forefront.get("ARC")),
    ofr: stamps.mailboxDelivery?.ofr ?? null,
    rf: stamps.mailboxDelivery?.rf ?? null,
    authAs,
    untrustedCopies: untrustedCopiesIn(block).concat(senderOutbound),
    unknownFields: forefront.unmodelledKeys(),
    problems,
  };
  return { stamps, extras };
}

const IS_UNTRUSTED_COPY = new KeyMemo((key) => key.endsWith("-untrusted"));

/** The names of the `-Untrusted` headers present, each once, topmost first. */
function untrustedCopiesIn(block: HeaderBlock): string[] {
  let names: Set<string> | null = null;
  for (const field of block.fields) {
    if (IS_UNTRUSTED_COPY.of(field)) (names ??= new Set<string>()).add(field.name);
  }
  return names === null ? [] : [...names];
}

/** Values of SFV that mean filtering was skipped or the sender was allowed. */
const SKIPPED_OR_ALLOWED = new Set(["SFE", "SKA", "SKN", "SKI", "SKQ"]);
/** Values of SFV that mean the message was marked as spam or blocked. */
const MARKED_SPAM = new Set(["SPM", "SKS", "SKB", "BLK"]);

/**
 * Did the filter send the message to Junk?
 * - the mailbox's own stamp decides when there is one: dest:J is true, dest:I is false whatever
 *   SFV and SCL say (a Safe Senders entry or an allow rescued it);
 * - otherwise true when SFV says spam or blocked (SPM, SKS, SKB, BLK) or SCL is 5 or more;
 * - false when SFV says not spam or skipped/allowed (NSPM, SFE, SKA, SKN, SKI, SKQ) with an SCL
 *   under 5 or none;
 * - null: the headers do not say.
 */
export function isJunked(stamps: AntispamStamps): boolean | null {
  const dest = stamps.mailboxDelivery?.dest ?? null;
  const sfv = stamps.sfv;
  const scl = stamps.scl;
  // The mailbox's folder decision comes last and is final: a safe sender can rescue a message
  // the filter called spam (dest:I, OFR:TrustedSenderList), and personal rules can junk one it
  // passed.
  if (dest === "J") return true;
  if (dest === "I") return false;
  if (sfv !== null && MARKED_SPAM.has(sfv)) return true;
  if (scl !== null && scl >= 5) return true;
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
    authAs: null,
    endToEndLatencySeconds: null,
  };
}
