/**
 * DMARC identifier alignment, relaxed mode (RFC 7489 §3.1): two domains align when they share
 * an organisational domain. The organisational domain comes from the public suffix list
 * (tldts, ICANN section, as most DMARC verifiers do); for a suffix the list does not know, the
 * last two labels stand in.
 */
import { getDomain } from "tldts";
import { ownCopy } from "./own-copy";

/** A domain as compared: lower case, no trailing dot, no surrounding brackets or spaces. */
export function normalizeDomain(domain: string | null | undefined): string | null {
  if (domain === null || domain === undefined) return null;
  if (isNormalized(domain)) return domain;
  let text = domain.trim().toLowerCase();
  if (text.startsWith("[") && text.endsWith("]")) text = text.slice(1, -1);
  while (text.endsWith(".")) text = text.slice(0, -1);
  return text.length > 0 ? text : null;
}

/** Already as compared: lower-case ASCII letters, digits, "-", "_" and dots, not ending in one. */
function isNormalized(domain: string): boolean {
  if (domain.length === 0 || domain.charCodeAt(domain.length - 1) === 0x2e) return false;
  for (let i = 0; i < domain.length; i++) {
    const code = domain.charCodeAt(i);
    const isLowerOrDigit = (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
    if (!isLowerOrDigit && code !== 0x2d && code !== 0x2e && code !== 0x5f) return false;
  }
  return true;
}

/** The domain part of `local@domain`, or the value itself when it has no "@". */
export function domainOfIdentity(identity: string | null | undefined): string | null {
  if (identity === null || identity === undefined) return null;
  let text = identity.trim();
  // A bracketed address, or the null sender "<>" (which has no domain).
  if (text.startsWith("<") && text.endsWith(">")) text = text.slice(1, -1);
  const at = text.lastIndexOf("@");
  return normalizeDomain(at >= 0 ? text.slice(at + 1) : text);
}

/**
 * Organisational domains already looked up, by normalised domain. The service reads every report
 * of an organisation, and its mail comes from the same few hundred domains; the public suffix
 * look-up is most of a domain's alignment check. Bounded: emptied when full.
 */
const ORGANIZATIONAL_DOMAINS = new Map<string, string | null>();
const MAX_REMEMBERED_DOMAINS = 1000;
/** The longest name DNS allows; anything longer is looked up each time. */
const MAX_DOMAIN_LENGTH = 253;

/** The organisational domain, e.g. "mail.example.co.uk" -> "example.co.uk". */
export function organizationalDomain(domain: string | null | undefined): string | null {
  const normalized = normalizeDomain(domain);
  if (normalized === null) return null;
  const remembered = ORGANIZATIONAL_DOMAINS.get(normalized);
  if (remembered !== undefined) return remembered;
  const found = lookUpOrganizationalDomain(normalized);
  if (normalized.length <= MAX_DOMAIN_LENGTH) {
    if (ORGANIZATIONAL_DOMAINS.size >= MAX_REMEMBERED_DOMAINS) ORGANIZATIONAL_DOMAINS.clear();
    ORGANIZATIONAL_DOMAINS.set(ownCopy(normalized), found === null ? null : ownCopy(found));
  }
  return found;
}

function lookUpOrganizationalDomain(normalized: string): string | null {
  const fromList = getDomain(normalized);
  if (fromList) return fromList;
  const labels = normalized.split(".").filter((label) => label.length > 0);
  if (labels.length <= 2) return labels.join(".") || null;
  return labels.slice(-2).join(".");
}

/** Relaxed alignment of an authenticated domain with the From domain; null when either is unknown. */
export function isAligned(
  authenticatedDomain: string | null | undefined,
  fromDomain: string | null | undefined,
): boolean | null {
  return alignmentWith(fromDomain)(authenticatedDomain);
}

/**
 * `isAligned(domain, fromDomain)` for several domains against one From domain, whose
 * organisational domain (a public suffix list look-up) is then found once.
 */
export function alignmentWith(
  fromDomain: string | null | undefined,
): (authenticatedDomain: string | null | undefined) => boolean | null {
  const b = normalizeDomain(fromDomain);
  let orgB: string | null | undefined;
  return (authenticatedDomain) => {
    const a = normalizeDomain(authenticatedDomain);
    if (a === null || b === null) return null;
    if (a === b) return true;
    const orgA = organizationalDomain(a);
    if (orgB === undefined) orgB = organizationalDomain(b);
    if (orgA === null || orgB === null) return false;
    return orgA === orgB;
  };
}
