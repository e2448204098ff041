import { isIPv4, isIPv6 } from "node:net";
import type { DmarcPolicy } from "../../src/api/reputation-contract";

/**
 * What a published DMARC or SPF record says, read from its text. Pure and total: a record that
 * does not parse is reported as such, never thrown.
 */

export interface DmarcRecord {
  policy: DmarcPolicy | null;
  subdomainPolicy: DmarcPolicy | null;
}

const POLICIES: ReadonlySet<string> = new Set(["none", "quarantine", "reject"]);

/** Whether a TXT string is a DMARC record at all (RFC 7489 §6.6.3: starts with v=DMARC1). */
export function isDmarcRecord(text: string): boolean {
  return /^v\s*=\s*DMARC1\s*(;|$)/i.test(text.trim());
}

/** The tags of a DMARC record; null when p= is missing or not one of the three policies. */
export function parseDmarc(text: string): DmarcRecord | null {
  const tags = new Map<string, string>();
  for (const part of text.split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    tags.set(
      part.slice(0, eq).trim().toLowerCase(),
      part
        .slice(eq + 1)
        .trim()
        .toLowerCase(),
    );
  }
  const policy = tags.get("p");
  if (policy === undefined || !POLICIES.has(policy)) return null;
  const sp = tags.get("sp");
  return {
    policy: policy as DmarcPolicy,
    subdomainPolicy: sp !== undefined && POLICIES.has(sp) ? (sp as DmarcPolicy) : null,
  };
}

/** Whether a TXT string is an SPF record (RFC 7208 §4.5: "v=spf1" then a space or the end). */
export function isSpfRecord(text: string): boolean {
  return /^v=spf1( |$)/i.test(text);
}

export type SpfCheck =
  { valid: true } | { valid: false; problem: "syntax" | "too-many-lookups"; detail: string | null };

/** RFC 7208 §4.6.4: at most ten terms that cause DNS lookups. */
export const SPF_MAX_LOOKUPS = 10;

const DOMAIN_SPEC = /^[\x21-\x7e]+$/;
const MODIFIER_NAME = /^[a-z][a-z0-9._-]*$/i;

function cidrOk(text: string | undefined, max: number): boolean {
  return text === undefined || (/^\d{1,3}$/.test(text) && Number(text) <= max);
}

/** "a", "a:host", "a/24", "a:host/24//64", the same for mx (RFC 7208 §5.3, dual-cidr-length). */
function addressMechanismOk(rest: string): boolean {
  const slash = rest.indexOf("/");
  const spec = slash < 0 ? rest : rest.slice(0, slash);
  const cidrs = slash < 0 ? "" : rest.slice(slash);
  if (spec !== "" && !(spec.startsWith(":") && DOMAIN_SPEC.test(spec.slice(1)))) return false;
  const match = /^(?:\/(\d{1,3}))?(?:\/\/(\d{1,3}))?$/.exec(cidrs);
  return match !== null && cidrOk(match[1], 32) && cidrOk(match[2], 128);
}

function termOk(term: string): { ok: boolean; lookup: boolean } {
  const eq = term.indexOf("=");
  const colon = term.indexOf(":");
  if (eq > 0 && (colon < 0 || eq < colon)) {
    const name = term.slice(0, eq);
    const value = term.slice(eq + 1);
    if (!MODIFIER_NAME.test(name)) return { ok: false, lookup: false };
    const lower = name.toLowerCase();
    if (lower === "redirect" || lower === "exp") {
      return { ok: DOMAIN_SPEC.test(value), lookup: lower === "redirect" };
    }
    return { ok: true, lookup: false };
  }
  const bare = /^[+\-~?]/.test(term) ? term.slice(1) : term;
  const lower = bare.toLowerCase();
  const name = /^[a-z0-9]+/.exec(lower)?.[0] ?? "";
  const rest = bare.slice(name.length);
  switch (name) {
    case "all":
      return { ok: rest === "", lookup: false };
    case "include":
    case "exists":
      return { ok: rest.startsWith(":") && DOMAIN_SPEC.test(rest.slice(1)), lookup: true };
    case "a":
    case "mx":
      return { ok: addressMechanismOk(rest), lookup: true };
    case "ptr":
      return {
        ok: rest === "" || (rest.startsWith(":") && DOMAIN_SPEC.test(rest.slice(1))),
        lookup: true,
      };
    case "ip4": {
      const [ip, cidr, extra] = rest.slice(1).split("/");
      return {
        ok: rest.startsWith(":") && isIPv4(ip ?? "") && cidrOk(cidr, 32) && extra === undefined,
        lookup: false,
      };
    }
    case "ip6": {
      const [ip, cidr, extra] = rest.slice(1).split("/");
      return {
        ok: rest.startsWith(":") && isIPv6(ip ?? "") && cidrOk(cidr, 128) && extra === undefined,
        lookup: false,
      };
    }
    default:
      return { ok: false, lookup: false };
  }
}

/**
 * The record's syntax (RFC 7208 §12) and its own count of DNS-querying terms. Not an
 * evaluation: includes are not followed, macros are not expanded.
 */
export function checkSpf(text: string): SpfCheck {
  const terms = text
    .split(" ")
    .slice(1)
    .filter((term) => term !== "");
  let lookups = 0;
  for (const term of terms) {
    const { ok, lookup } = termOk(term);
    if (!ok) return { valid: false, problem: "syntax", detail: term.slice(0, 100) };
    if (lookup) lookups += 1;
  }
  if (lookups > SPF_MAX_LOOKUPS) {
    return { valid: false, problem: "too-many-lookups", detail: String(lookups) };
  }
  return { valid: true };
}
