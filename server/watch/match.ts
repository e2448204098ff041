import { UNVERIFIED_PREFIX } from "../identity/validate";
import type { CriticalIdentity } from "./catalogue";

/** One critical sender, from the catalogue or the tenant's own list. */
export interface CriticalEntry {
  /** The catalogue id, or "own:<id>" for a tenant's own entry. */
  entryId: string;
  source: "catalogue" | "tenant";
  /** Who it is, for people: the provider ("GitHub") or the admin's label ("Contoso Bank"). */
  label: string;
  identity: CriticalIdentity;
}

export interface CriticalMatch extends CriticalEntry {
  /**
   * Whether the sender key is an authenticated identity. False: the From line names a critical
   * sender but nothing vouches for it (a forgery, or a real notice whose authentication broke):
   * worth telling admins, never a reason to fast-track an allow.
   */
  authenticated: boolean;
}

function domainOf(value: string): string {
  const at = value.lastIndexOf("@");
  return at >= 0 ? value.slice(at + 1) : value;
}

/** Whether a sender key's identity (without "unverified:") is this critical identity. */
export function identityMatches(value: string, identity: CriticalIdentity): boolean {
  if (identity.kind === "address") return value === identity.value;
  const domain = domainOf(value);
  // A domain entry covers every address at it: at a multi-service domain the sender key is the
  // address (microsoft.com, google.com), and the allow a fast-track opens stays that address.
  return (
    domain === identity.value || (identity.subdomains && domain.endsWith(`.${identity.value}`))
  );
}

/** The sender key's identity and whether something vouched for it. */
export function identityOfKey(senderKey: string): { value: string; authenticated: boolean } {
  return senderKey.startsWith(UNVERIFIED_PREFIX)
    ? { value: senderKey.slice(UNVERIFIED_PREFIX.length), authenticated: false }
    : { value: senderKey, authenticated: true };
}

/**
 * The critical entry a sender key (server/identity/sender-key.ts) matches, or null. The key is
 * built from the authenticated From only: a forged From arrives as "unverified:…" and matches
 * with `authenticated: false`, so no caller can mistake it for the real sender. The tenant's own
 * entries win over the catalogue, an address over a domain.
 */
export function criticalMatchOf(
  senderKey: string,
  entries: readonly CriticalEntry[],
): CriticalMatch | null {
  const { value, authenticated } = identityOfKey(senderKey.toLowerCase());
  let best: CriticalEntry | null = null;
  for (const entry of entries) {
    if (!identityMatches(value, entry.identity)) continue;
    if (!best || rank(entry) > rank(best)) best = entry;
  }
  return best ? { ...best, authenticated } : null;
}

function rank(entry: CriticalEntry): number {
  return (entry.source === "tenant" ? 2 : 0) + (entry.identity.kind === "address" ? 1 : 0);
}

/**
 * The stored identities that could match a sender key: the key itself, the domain of an address
 * key, and each parent domain (for entries that cover subdomains). Lets the store look a sender
 * up by its index instead of reading the tenant's whole list on every report.
 */
export function candidateValues(senderKey: string): string[] {
  const { value } = identityOfKey(senderKey.toLowerCase());
  const values = new Set<string>([value]);
  let domain = domainOf(value);
  values.add(domain);
  for (let dot = domain.indexOf("."); dot >= 0; dot = domain.indexOf(".")) {
    domain = domain.slice(dot + 1);
    if (domain.includes(".")) values.add(domain);
  }
  return [...values];
}
