import { parse } from "tldts";
import { toASCII, toUnicode, type Tr46Options } from "tr46";
import { firstUnsafeCharacter } from "./unsafe-text";

/** Non-transitional UTS #46 with every check on: hyphens, bidi, joiners, STD3, DNS lengths. */
const UTS46: Tr46Options = {
  checkHyphens: true,
  checkBidi: true,
  checkJoiners: true,
  useSTD3ASCIIRules: true,
  verifyDNSLength: true,
  transitionalProcessing: false,
};

/** Longest input worth mapping: a 253-octet name, generously allowing for Unicode forms. */
const MAX_INPUT_LENGTH = 1024;
const MAX_NAME_LENGTH = 253;
const MAX_LABEL_LENGTH = 63;
const LDH_NAME = /^[a-z0-9-]+(?:\.[a-z0-9-]+)*$/;
/** What WHATWG URL parsing would read as an IPv4 part: decimal, 0x hex, octal. */
const NUMERIC_LABEL = /^(?:0x[0-9a-f]*|[0-9]+)$/;
const IPV6_LIKE = /^[0-9a-f:.]*:[0-9a-f:.]*$/i;

const PLAIN_ASCII_NAME = /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*$/;

/**
 * Whether UTS #46 would only lower-case this name: letters, digits and hyphens, no xn-- label
 * (tr46 decodes and checks those), no hyphen at a label's ends or in its third and fourth place
 * (CheckHyphens). Most senders are such names, and tr46 costs some 50 µs a name.
 */
function isPlainAsciiName(input: string): boolean {
  if (!PLAIN_ASCII_NAME.test(input)) return false;
  return input.split(".").every((label) => {
    const lower = label.toLowerCase();
    return (
      !lower.startsWith("xn--") &&
      !lower.startsWith("-") &&
      !lower.endsWith("-") &&
      lower.slice(2, 4) !== "--"
    );
  });
}

/** UTS #46 ToASCII with every check but lengths (checked after, so the message can say so). */
export function uts46ToAscii(input: string): string | null {
  if (isPlainAsciiName(input)) return input.toLowerCase();
  return toASCII(input, { ...UTS46, verifyDNSLength: false });
}

function uts46ToUnicode(ascii: string): { domain: string; error: boolean } {
  if (isPlainAsciiName(ascii)) return { domain: ascii, error: false };
  return toUnicode(ascii, UTS46);
}

/**
 * RFC 2606 §2: ".example" and ".test" are never delegated, so no real mail comes from them;
 * samples, tests and the demo do. They count as public suffixes, as an ICANN one would.
 */
const RESERVED_FOR_TESTING: ReadonlySet<string> = new Set(["example", "test"]);

export type DomainRefusalCode = "invalid-domain" | "ip-literal" | "public-suffix";

export interface CanonicalDomain {
  /** A-labels, lower case, no trailing dot: "xn--bcher-kva.de". */
  ascii: string;
  /** U-labels of the same name: "bücher.de". */
  unicode: string;
  /** The organisational (ICANN registrable) domain, A-labels: "contoso.co.uk". */
  registrable: string;
  /** Its U-label form. */
  registrableUnicode: string;
}

export type DomainResult =
  ({ ok: true } & CanonicalDomain) | { ok: false; code: DomainRefusalCode; message: string };

function refuse(code: DomainRefusalCode, message: string): DomainResult {
  return { ok: false, code, message };
}

/**
 * One domain name in its one canonical form, or why it cannot be an entry: UTS #46 (tr46,
 * non-transitional, STD3, DNS lengths), letters-digits-hyphens A-labels, no address literal,
 * and a registrable domain under the public suffix list (a bare suffix such as "co.uk" or a
 * private one such as "github.io" would allow everyone below it).
 */
export function canonicalDomain(input: string): DomainResult {
  if (typeof input !== "string" || input.length === 0) {
    return refuse("invalid-domain", "The domain is empty.");
  }
  if (input.length > MAX_INPUT_LENGTH) {
    return refuse("invalid-domain", `The domain is longer than ${MAX_NAME_LENGTH} characters.`);
  }
  if (input.startsWith("[") || input.endsWith("]")) {
    return refuse("ip-literal", "An address literal ([…]) is not a domain.");
  }
  if (IPV6_LIKE.test(input)) return refuse("ip-literal", "An IPv6 address is not a domain.");
  const unsafe = firstUnsafeCharacter(input);
  if (unsafe) return refuse("invalid-domain", `The domain contains the character ${unsafe}.`);
  if (input.endsWith(".")) {
    return refuse("invalid-domain", "The domain ends with a dot; write it without.");
  }
  const ascii = uts46ToAscii(input);
  if (ascii === null || !LDH_NAME.test(ascii)) {
    return refuse("invalid-domain", "The domain is not a valid (internationalised) domain name.");
  }
  const labels = ascii.split(".");
  if (ascii.length > MAX_NAME_LENGTH) {
    return refuse("invalid-domain", `The domain is longer than ${MAX_NAME_LENGTH} characters.`);
  }
  if (labels.some((label) => label.length > MAX_LABEL_LENGTH)) {
    return refuse(
      "invalid-domain",
      `A label of the domain is longer than ${MAX_LABEL_LENGTH} characters.`,
    );
  }
  if (NUMERIC_LABEL.test(labels[labels.length - 1]!)) {
    return refuse("ip-literal", "An IP address is not a domain.");
  }
  const { domain: unicode, error } = uts46ToUnicode(ascii);
  if (error) {
    return refuse("invalid-domain", "The domain is not a valid (internationalised) domain name.");
  }
  const withPrivate = parse(ascii, { allowPrivateDomains: true });
  const reserved = RESERVED_FOR_TESTING.has(labels[labels.length - 1]!);
  if (!withPrivate.isIcann && !withPrivate.isPrivate && !reserved) {
    return refuse("public-suffix", `${ascii} is not under a known public suffix.`);
  }
  if (withPrivate.domain === null || withPrivate.publicSuffix === ascii) {
    return refuse(
      "public-suffix",
      `${ascii} is a public suffix: an entry for it would allow everyone under it.`,
    );
  }
  const registrable = parse(ascii, { allowPrivateDomains: false }).domain ?? withPrivate.domain;
  return {
    ok: true,
    ascii,
    unicode,
    registrable,
    registrableUnicode: uts46ToUnicode(registrable).domain,
  };
}
