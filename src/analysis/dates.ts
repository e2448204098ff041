/**
 * Dates as mail writes them, read token by token (never `Date.parse`, whose behaviour on free
 * text differs between engines): RFC 5322 with or without the weekday, obsolete zones, 2- and
 * 3-digit years, asctime and date(1) orders, ISO 8601 with fractional seconds, and stray
 * comments such as "(PDT)". Linear in the input.
 */
import { digitsAt, isDigits } from "./digits";
import { withoutLineBreaks } from "./header-block";
import { isWhitespace, skipWhitespace, trimmedEnd } from "./whitespace";

/** An RFC 5322 / obsolete / ISO 8601 date as ISO 8601 UTC, or null when it cannot be read. */
export function parseDate(text: string): string | null {
  const instant = parseDateMillis(text);
  return instant === null ? null : isoUtc(instant);
}

const MS_PER_DAY = 86_400_000;
/** A 400-year era: the calendar repeats after this many days. */
const DAYS_PER_ERA = 146_097;
/** Days from -0400-03-01 to 9999-12-31: the range isoUtc computes itself. */
const LAST_SHIFTED_DAY = 3_652_364 + DAYS_PER_ERA;

/**
 * `new Date(millis).toISOString()` for the years 0 to 9999, computed without a Date object (that
 * allocation and call were a measurable share of the analysis); other instants go to Date.
 * The calendar arithmetic is H. Hinnant's civil_from_days (proleptic Gregorian), counted from an
 * era before year 0 so that every value below is a non-negative int32: each division is then
 * an integer one (`quotient`). As doubles, the divisions and remainders were most of its time.
 * A message's dates mostly fall on one day, so the last day's date is remembered.
 */
export function isoUtc(millis: number): string {
  const days = Math.floor(millis / MS_PER_DAY);
  if (days !== LAST_DAY.days) {
    const shifted = days + 719_468 + DAYS_PER_ERA; // days since -0400-03-01
    if (!(shifted >= 0 && shifted <= LAST_SHIFTED_DAY)) return new Date(millis).toISOString();
    const era = quotient(shifted, DAYS_PER_ERA);
    const dayOfEra = shifted - era * DAYS_PER_ERA;
    const yearOfEra = quotient(
      dayOfEra -
        quotient(dayOfEra, 1460) +
        quotient(dayOfEra, 36_524) -
        quotient(dayOfEra, 146_096),
      365,
    );
    const dayOfYear =
      dayOfEra - (365 * yearOfEra + quotient(yearOfEra, 4) - quotient(yearOfEra, 100));
    const monthFromMarch = quotient(5 * dayOfYear + 2, 153);
    const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
    const year = yearOfEra + (era - 1) * 400 + (month <= 2 ? 1 : 0);
    if (year < 0) return new Date(millis).toISOString();
    LAST_DAY.days = days;
    LAST_DAY.year = year;
    LAST_DAY.month = month;
    LAST_DAY.day = dayOfYear - quotient(153 * monthFromMarch + 2, 5) + 1;
  }
  const { year, month, day } = LAST_DAY;
  const msOfDay = millis - days * MS_PER_DAY;
  const secondOfDay = quotient(msOfDay, 1000);
  const millisecond = msOfDay - secondOfDay * 1000;
  const hour = quotient(secondOfDay, 3600);
  const minute = quotient(secondOfDay - hour * 3600, 60);
  const second = secondOfDay - hour * 3600 - minute * 60;
  const century = quotient(year, 100);
  const yearOfCentury = year - century * 100;
  const hundredsOfMs = quotient(millisecond, 100);
  const restOfMs = millisecond - hundredsOfMs * 100;
  // One string from its character codes: no intermediate strings to allocate and join.
  return String.fromCharCode(
    TENS[century] as number,
    ONES[century] as number,
    TENS[yearOfCentury] as number,
    ONES[yearOfCentury] as number,
    0x2d, // -
    TENS[month] as number,
    ONES[month] as number,
    0x2d,
    TENS[day] as number,
    ONES[day] as number,
    0x54, // T
    TENS[hour] as number,
    ONES[hour] as number,
    0x3a, // :
    TENS[minute] as number,
    ONES[minute] as number,
    0x3a,
    TENS[second] as number,
    ONES[second] as number,
    0x2e, // .
    0x30 + hundredsOfMs,
    TENS[restOfMs] as number,
    ONES[restOfMs] as number,
    0x5a, // Z
  );
}

/** The day isoUtc last computed (days since 1970-01-01) and its date. */
const LAST_DAY = { days: Number.NaN, year: 0, month: 0, day: 0 };

/** Math.floor(dividend / divisor) for a non-negative int32 dividend and a positive divisor. */
function quotient(dividend: number, divisor: number): number {
  return (dividend / divisor) | 0;
}

/** The character codes of the tens and the ones digit of 0 to 99. */
const TENS = Uint8Array.from({ length: 100 }, (_, value) => 0x30 + quotient(value, 10));
const ONES = Uint8Array.from({ length: 100 }, (_, value) => 0x30 + (value % 10));

/** Longer text is read only up to this length. */
const MAX_DATE_LENGTH = 400;

/**
 * `readDate` of text[from, to) without its line breaks (a Received value's date, as it stands
 * in the block): the common RFC 5322 form is read in place, anything else through `readDate`.
 */
export function readDateIn(text: string, from: number, to: number): ReadDate | null {
  if (to - from <= MAX_DATE_LENGTH) {
    const start = skipWhitespace(text, from, to);
    const end = trimmedEnd(text, start, to);
    const parts = readCommonRfc(text, start, beforeTrailingComment(text, start, end));
    if (parts !== null) {
      const millis = toMillis(parts);
      return millis === null ? null : { millis, zoneKnown: true };
    }
  }
  return readDate(withoutLineBreaks(text, from, to));
}

/** The same, as milliseconds since the epoch; null when the text is not a readable date. */
export function parseDateMillis(text: string): number | null {
  return readDate(text)?.millis ?? null;
}

export interface ReadDate {
  millis: number;
  /**
   * False when the text names no zone, or only one nobody can place ("MEZ", "CEST"): the clock
   * was then read as if it were UTC (RFC 5322 §4.3's -0000), which may be hours off.
   */
  zoneKnown: boolean;
}

/** The instant a date names, and whether its zone was known; null when it cannot be read. */
export function readDate(text: string): ReadDate | null {
  if (typeof text !== "string" || text.length === 0) return null;
  const { plain, commentZone } = stripComments(
    text.length > MAX_DATE_LENGTH ? text.slice(0, MAX_DATE_LENGTH) : text,
  );
  const trimmed = plain.trim();
  if (trimmed.length === 0) return null;
  const parts = isIsoStart(trimmed)
    ? readIso(trimmed)
    : (readCommonRfc(trimmed) ?? readRfc(trimmed));
  if (!parts) return null;
  let zoneKnown = parts.offsetMinutes !== null && parts.zoneNamedOnly !== true;
  if (parts.offsetMinutes === null || parts.zoneNamedOnly === true) {
    if (commentZone !== null) zoneKnown = true;
    parts.offsetMinutes = commentZone ?? parts.offsetMinutes ?? 0;
  }
  const millis = toMillis(parts);
  return millis === null ? null : { millis, zoneKnown };
}

interface DateParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** East of UTC; null when the text names no zone (read as -0000, i.e. UTC). */
  offsetMinutes: number | null;
  /** The zone was a name nobody can place ("CEST"), read as -0000. */
  zoneNamedOnly?: boolean;
}

/**
 * Obsolete zones of RFC 5322 §4.3, plus UTC. Military letters and other names are "unknown",
 * which the RFC says to read as -0000.
 */
const NAMED_ZONES: Record<string, number> = {
  UT: 0,
  UTC: 0,
  GMT: 0,
  Z: 0,
  EST: -5 * 60,
  EDT: -4 * 60,
  CST: -6 * 60,
  CDT: -5 * 60,
  MST: -7 * 60,
  MDT: -6 * 60,
  PST: -8 * 60,
  PDT: -7 * 60,
};

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
/** In NAME_BY_CODE: a weekday's name (a month's is its number, 1 to 12). */
const WEEKDAY = 13;
/**
 * The same names by their `threeLetters` code, to recognise them in place with one read (a
 * search of a list of codes was a fifth of reading a date).
 */
const NAME_BY_CODE = (() => {
  const table = new Uint8Array(32 * 32 * 32);
  MONTHS.forEach((month, index) => (table[threeLetters(month, 0)] = index + 1));
  for (const weekday of WEEKDAYS) table[threeLetters(weekday, 0)] = WEEKDAY;
  return table;
})();

/**
 * The three ASCII letters at `at`, lower-cased and packed into one number below 32 ** 3; 0 when
 * they are not three ASCII letters. (No other character lower-cases to a letter of a month or
 * weekday name.)
 */
function threeLetters(text: string, at: number): number {
  let packed = 0;
  for (let i = at; i < at + 3; i++) {
    const lower = text.charCodeAt(i) | 0x20;
    if (lower < 0x61 || lower > 0x7a) return 0;
    packed = packed * 32 + (lower - 0x60);
  }
  return packed;
}

/** Removes (nested) comments; remembers a zone name written alone in one, e.g. "(UTC)". */
function stripComments(text: string): { plain: string; commentZone: number | null } {
  if (text.indexOf("(") < 0) return { plain: text, commentZone: null };
  // Built by concatenation, not an array joined: a block with thousands of hops reads as many
  // dates, and the arrays were a tenth of what it allocated.
  let plain = "";
  let commentZone: number | null = null;
  let depth = 0;
  let plainStart = 0;
  let commentStart = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x28) {
      if (depth === 0) {
        plain += `${text.slice(plainStart, i)} `;
        commentStart = i + 1;
      }
      depth++;
    } else if (code === 0x29 && depth > 0) {
      depth--;
      if (depth === 0) {
        plainStart = i + 1;
        if (commentZone === null) {
          const zone = NAMED_ZONES[text.slice(commentStart, i).trim().toUpperCase()];
          if (zone !== undefined) commentZone = zone;
        }
      }
    }
  }
  if (depth === 0) plain += text.slice(plainStart);
  return { plain, commentZone };
}

function isIsoStart(text: string): boolean {
  return isDigits(text, 0, 4) && text[4] === "-";
}

/** YYYY-MM-DD[(T| )hh:mm[:ss[.fraction]]][ ][Z|±hh[:]mm|±hh|UTC|GMT] */
function readIso(text: string): DateParts | null {
  if (!isDigits(text, 5, 2) || text[7] !== "-" || !isDigits(text, 8, 2)) return null;
  const parts: DateParts = {
    year: Number(text.slice(0, 4)),
    month: Number(text.slice(5, 7)),
    day: Number(text.slice(8, 10)),
    hour: 0,
    minute: 0,
    second: 0,
    millisecond: 0,
    offsetMinutes: null,
  };
  let rest = text.slice(10);
  if (rest.length === 0) return parts;
  if (rest[0] !== "T" && rest[0] !== "t" && rest[0] !== " ") return null;
  rest = rest.slice(1).trimStart();
  const time = readTime(rest);
  if (!time) return null;
  parts.hour = time.hour;
  parts.minute = time.minute;
  parts.second = time.second;
  parts.millisecond = time.millisecond;
  const zoneText = rest.slice(time.length).trim();
  if (zoneText.length > 0) {
    const zone = readZone(zoneCore(zoneText.split(/\s/)[0] as string), true);
    if (zone === null) return null;
    parts.offsetMinutes = zone;
  }
  return parts;
}

interface TimeOfDay {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Characters read. */
  length: number;
}

/** h:mm[:ss[.fraction]] at the start of the text. */
function readTime(text: string): TimeOfDay | null {
  const hourDigits = digitRun(text, 0, 2);
  if (hourDigits === 0 || text[hourDigits] !== ":") return null;
  const hour = Number(text.slice(0, hourDigits));
  let i = hourDigits + 1;
  if (digitRun(text, i, 2) !== 2) return null;
  const minute = Number(text.slice(i, i + 2));
  i += 2;
  let second = 0;
  let millisecond = 0;
  if (text[i] === ":" && digitRun(text, i + 1, 2) === 2) {
    second = Number(text.slice(i + 1, i + 3));
    i += 3;
    if ((text[i] === "." || text[i] === ",") && digitRun(text, i + 1, 1) === 1) {
      const fractionStart = i + 1;
      i = fractionStart + digitRun(text, fractionStart, text.length);
      millisecond = Number(
        text.slice(fractionStart, Math.min(i, fractionStart + 3)).padEnd(3, "0"),
      );
    }
  }
  return { hour, minute, second, millisecond, length: i };
}

/** How many digits (at most `max`) stand at `from`. */
function digitRun(text: string, from: number, max: number): number {
  let i = from;
  while (i < text.length && i - from < max) {
    const code = text.charCodeAt(i);
    if (code < 0x30 || code > 0x39) break;
    i++;
  }
  return i - from;
}

/**
 * The zone a token begins with, without trailing junk ("+0000." -> "+0000", "GMT," -> "GMT"):
 * a sign and the digits and colons after it, or a run of letters.
 */
function zoneCore(token: string): string {
  const first = token.charCodeAt(0);
  const signed = first === 0x2b || first === 0x2d;
  let end = signed ? 1 : 0;
  while (end < token.length) {
    const code = token.charCodeAt(end);
    const fits = signed
      ? (code >= 0x30 && code <= 0x39) || code === 0x3a
      : (code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a;
    if (!fits) break;
    end++;
  }
  return end === token.length || end === 0 ? token : token.slice(0, end);
}

/**
 * A zone token: ±hhmm, ±hh:mm (and ±hh in ISO), a named obsolete zone, or a military letter
 * (unknown, so -0000). Null for anything else; the caller decides about other names.
 */
function readZone(token: string, iso: boolean): number | null {
  const sign = token[0];
  if (sign === "+" || sign === "-") {
    const digits = token.slice(1).replace(":", "");
    if (!isDigits(digits, 0, digits.length)) return null;
    let hours: number;
    let minutes = 0;
    if (digits.length === 4) {
      hours = Number(digits.slice(0, 2));
      minutes = Number(digits.slice(2));
    } else if (iso && digits.length === 2) {
      hours = Number(digits);
    } else {
      return null;
    }
    if (hours > 23 || minutes > 59) return null;
    const total = hours * 60 + minutes;
    return sign === "-" ? -total : total;
  }
  const name = token.toUpperCase();
  const named = NAMED_ZONES[name];
  if (named !== undefined) return named;
  if (name.length === 1 && name >= "A" && name <= "Z" && name !== "J") return 0;
  return null;
}

/**
 * Where text[from, end) ends without one trailing comment holding no other parenthesis, as in
 * "+0100 (CET)", and the whitespace before it; `end` when there is none. `readDate` strips such a
 * comment whole, and a numeric zone before it wins over any zone it names.
 */
function beforeTrailingComment(text: string, from: number, end: number): number {
  if (end <= from || text.charCodeAt(end - 1) !== 0x29 /* ) */) return end;
  // Back to its "(" by hand: lastIndexOf would search on through the whole block before it.
  for (let i = end - 2; i >= from; i--) {
    const code = text.charCodeAt(i);
    if (code === 0x28 /* ( */) return trimmedEnd(text, from, i);
    if (code === 0x29) return end;
  }
  return end;
}

/**
 * The one shape nearly every MTA writes, "Thu, 19 Nov 2026 06:00:56 +0000" (the weekday
 * optional), read by position. Null for any other shape, or a zone no clock has, which
 * readRfc then reads (to the same result where both apply).
 */
function readCommonRfc(text: string, from = 0, to = text.length): DateParts | null {
  let at = from;
  if (text.charCodeAt(from + 3) === 0x2c && text.charCodeAt(from + 4) === 0x20) {
    if (NAME_BY_CODE[threeLetters(text, from)] !== WEEKDAY) return null;
    at = from + 5;
  }
  const dayDigits = text.charCodeAt(at + 1) === 0x20 ? 1 : 2;
  // From the space after the day: " Mmm YYYY hh:mm:ss +hhmm", 24 characters. (Every character
  // is checked, so reading in place never reads past `to` once this length holds.)
  const p = at + dayDigits;
  if (to !== p + 24 || !hasCommonRfcSeparators(text, p)) return null;
  const name = NAME_BY_CODE[threeLetters(text, p + 1)] as number;
  const month = name === WEEKDAY ? 0 : name;
  const sign = text.charCodeAt(p + 19);
  const day = digitsAt(text, at, dayDigits);
  const year = digitsAt(text, p + 5, 4);
  const hour = digitsAt(text, p + 10, 2);
  const minute = digitsAt(text, p + 13, 2);
  const second = digitsAt(text, p + 16, 2);
  const zoneHours = digitsAt(text, p + 20, 2);
  const zoneMinutes = digitsAt(text, p + 22, 2);
  if (month === 0 || (sign !== 0x2b && sign !== 0x2d)) return null;
  if (day < 0 || year < 0 || hour < 0 || minute < 0 || second < 0) return null;
  if (zoneHours < 0 || zoneMinutes < 0 || zoneHours > 23 || zoneMinutes > 59) return null;
  const zone = zoneHours * 60 + zoneMinutes;
  return {
    year,
    month,
    day,
    hour,
    minute,
    second,
    millisecond: 0,
    offsetMinutes: sign === 0x2d ? -zone : zone,
  };
}

/** The spaces and colons of " Mmm YYYY hh:mm:ss +hhmm" from `p`. */
function hasCommonRfcSeparators(text: string, p: number): boolean {
  return (
    text.charCodeAt(p) === 0x20 &&
    text.charCodeAt(p + 4) === 0x20 &&
    text.charCodeAt(p + 9) === 0x20 &&
    text.charCodeAt(p + 12) === 0x3a &&
    text.charCodeAt(p + 15) === 0x3a &&
    text.charCodeAt(p + 18) === 0x20
  );
}

/**
 * RFC 5322 and the older orders mail still carries: "[Wkd,] d Mon yy[yy] hh:mm[:ss] zone",
 * asctime "Wkd Mon d hh:mm:ss yyyy [zone]" and date(1) "Wkd Mon d hh:mm:ss ZONE yyyy".
 */
function readRfc(text: string): DateParts | null {
  let day: number | null = null;
  let month: number | null = null;
  let year: number | null = null;
  let time: TimeOfDay | null = null;
  let zone: number | null = null;
  let zoneNamedOnly = false;
  let start = nextTokenStart(text, 0);
  while (start < text.length) {
    const end = tokenEnd(text, start);
    const token = text.slice(start, end);
    start = nextTokenStart(text, end);
    if (day !== null && month !== null && year !== null && time !== null && zone !== null) break;
    const first = token.charCodeAt(0);
    const isDigit = first >= 0x30 && first <= 0x39;
    if (isDigit && token.indexOf(":") > 0) {
      if (time === null) {
        const read = readTime(token);
        if (read && read.length === token.length) time = read;
      }
      continue;
    }
    if (isDigit) {
      if (!isDigits(token, 0, token.length)) continue;
      if (day === null && token.length <= 2 && (month === null || year === null)) {
        day = Number(token);
      } else if (year === null && token.length >= 2 && token.length <= 4) {
        year = widenYear(token);
      }
      continue;
    }
    if (token[0] === "+" || token[0] === "-") {
      if (zone === null && time !== null && token.length >= 3) {
        zone = readZone(zoneCore(token), false);
        if (zone === null) return null; // "+2500": a zone, but not a possible one
      }
      continue;
    }
    const lower = token.toLowerCase();
    const monthIndex = lower.length >= 3 ? MONTHS.indexOf(lower.slice(0, 3)) : -1;
    if (monthIndex >= 0 && month === null && isMonthName(lower)) {
      month = monthIndex + 1;
      continue;
    }
    if (WEEKDAYS.indexOf(lower.slice(0, 3)) >= 0 && lower.length <= 9) continue;
    if (zone === null && time !== null) {
      const core = zoneCore(token);
      const named = readZone(core, false);
      if (named !== null) zone = named;
      else if (isUnknownZoneName(core)) {
        zone = 0;
        zoneNamedOnly = true;
      }
    }
  }
  if (day === null || month === null || year === null || time === null) return null;
  return { year, month, day, ...time, offsetMinutes: zone, zoneNamedOnly };
}

/**
 * The tokens of readRfc are the runs between whitespace and commas: what
 * `text.split(/[\s,]+/)` yields, without the regular expression and the array.
 */
function nextTokenStart(text: string, from: number): number {
  let i = from;
  while (i < text.length && isSeparator(text.charCodeAt(i))) i++;
  return i;
}

function tokenEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && !isSeparator(text.charCodeAt(i))) i++;
  return i;
}

/** A comma, or what `\s` matches in a regular expression. */
function isSeparator(code: number): boolean {
  return code === 0x2c || isWhitespace(code);
}

const FULL_MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

function isMonthName(lower: string): boolean {
  return lower.length === 3 || FULL_MONTHS.indexOf(lower) >= 0 || lower === "sept";
}

/** "CEST", "MEZ": an alphabetic zone RFC 5322 tells us to read as -0000. */
function isUnknownZoneName(token: string): boolean {
  if (token.length < 3 || token.length > 5) return false;
  for (let i = 0; i < token.length; i++) {
    const code = token.charCodeAt(i);
    if (code < 0x41 || code > 0x5a) return false;
  }
  return true;
}

/** RFC 5322 §4.3: 2-digit years below 50 are 20xx, others 19xx; 3-digit years add 1900. */
function widenYear(digits: string): number {
  const value = Number(digits);
  if (digits.length === 2) return value < 50 ? 2000 + value : 1900 + value;
  if (digits.length === 3) return 1900 + value;
  return value;
}

function toMillis(parts: DateParts): number | null {
  const { year, month, day, hour, minute, second, millisecond } = parts;
  if (year < 1000 || year > 9999 || month < 1 || month > 12) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 60) return null;
  // Date.UTC, by arithmetic (the fields are checked integers, so nothing overflows).
  const local =
    daysFromCivil(year, month, day) * MS_PER_DAY +
    ((hour * 60 + minute) * 60 + second) * 1000 +
    millisecond;
  const instant = local - (parts.offsetMinutes ?? 0) * 60_000;
  return Number.isFinite(instant) ? instant : null;
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date of the year 1 or later (H. Hinnant's
 * days_from_civil); every value is then a non-negative int32, divided by `quotient`.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const marchBasedYear = month <= 2 ? year - 1 : year;
  const era = quotient(marchBasedYear, 400);
  const yearOfEra = marchBasedYear - era * 400;
  const dayOfYear = quotient(153 * (month > 2 ? month - 3 : month + 9) + 2, 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + quotient(yearOfEra, 4) - quotient(yearOfEra, 100) + dayOfYear;
  return era * DAYS_PER_ERA + dayOfEra - 719_468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
