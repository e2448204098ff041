import { DOMAINS as FREE_MAIL_DOMAINS } from "free-email-domains-list";
import type { ProposalEntry } from "../proposals/rules";

/**
 * The last gate before an entry is written into an export: whatever the store holds, only an
 * entry whose every value is a well-formed ASCII domain, address or /24 reaches a file, and
 * never one that covers a whole free-mail domain (a sender allow or a spoofed pair on gmail.com
 * would let every one of its users through).
 */
export type EntryCheck = { ok: true } | { ok: false; code: EntryRefusalCode; reason: string };

export type EntryRefusalCode =
  "invalid-domain" | "invalid-address" | "invalid-infrastructure" | "freemail-domain";

/** RFC 1035 letter-digit-hyphen labels, ASCII only (a U-label arrives as its xn-- A-label). */
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
/** RFC 5322 dot-atom text of a local part (no quoted strings, no comments, no spaces). */
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const IP24 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.0\/24$/;

export function isAsciiDomain(value: string): boolean {
  if (value.length > 253 || value !== value.toLowerCase()) return false;
  const labels = value.split(".");
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return false;
  return /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/.test(labels[labels.length - 1]!);
}

export function isAsciiAddress(value: string): boolean {
  const at = value.lastIndexOf("@");
  if (at <= 0) return false;
  const local = value.slice(0, at);
  return local.length <= 64 && LOCAL_PART.test(local) && isAsciiDomain(value.slice(at + 1));
}

export function isFreeMailDomain(domain: string): boolean {
  return FREE_MAIL_DOMAINS.has(domain.toLowerCase());
}

function checkDomain(value: string, what: string): EntryCheck {
  if (!isAsciiDomain(value)) {
    return { ok: false, code: "invalid-domain", reason: `${what} is not a valid domain name.` };
  }
  if (isFreeMailDomain(value)) {
    return {
      ok: false,
      code: "freemail-domain",
      reason: `${what} is a free-mail domain; an entry for the whole domain would let every one of its users through.`,
    };
  }
  return { ok: true };
}

function checkAddress(value: string, what: string): EntryCheck {
  return isAsciiAddress(value)
    ? { ok: true }
    : { ok: false, code: "invalid-address", reason: `${what} is not a valid email address.` };
}

function checkIp24(value: string): boolean {
  const match = IP24.exec(value);
  return !!match && match.slice(1, 4).every((octet) => Number(octet) <= 255);
}

export function checkEntry(entry: ProposalEntry): EntryCheck {
  if (entry.type === "sender") {
    return entry.kind === "domain"
      ? checkDomain(entry.value, "The sender domain")
      : checkAddress(entry.value, "The sender address");
  }
  const user = entry.spoofedUser.includes("@")
    ? checkAddress(entry.spoofedUser, "The spoofed address")
    : checkDomain(entry.spoofedUser, "The spoofed domain");
  if (!user.ok) return user;
  const infrastructure = entry.sendingInfrastructure;
  const valid =
    infrastructure.kind === "ip24"
      ? checkIp24(infrastructure.value)
      : isAsciiDomain(infrastructure.value);
  return valid
    ? { ok: true }
    : {
        ok: false,
        code: "invalid-infrastructure",
        reason: "The sending infrastructure is neither a valid domain nor an IPv4 /24.",
      };
}
