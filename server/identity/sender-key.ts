import { authenticatedSender, type VouchedBy } from "../../src/analysis/identity";
import type { HeaderAnalysis } from "../../src/analysis/types";

/**
 * The key a report counts towards. Proposals key on the authenticated sender identity, never on
 * the bare From line: an identity nothing vouches for is kept apart under "unverified:", so a
 * forged From can never add weight to the real sender's proposal.
 */
export interface SenderKey {
  /** "contoso.com", "alice@gmail.com" or "unverified:contoso.com". */
  key: string;
  kind: "domain" | "address";
  authenticated: boolean;
  via: VouchedBy | null;
}

/**
 * Domains where one address says nothing about the others: free mail and shared platforms.
 * For these the narrowest entry is the address, never the domain.
 */
export const SHARED_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  "gmail.com",
  "googlemail.com",
  "outlook.com",
  "hotmail.com",
  "live.com",
  "msn.com",
  "yahoo.com",
  "ymail.com",
  "aol.com",
  "icloud.com",
  "me.com",
  "mac.com",
  "proton.me",
  "protonmail.com",
  "pm.me",
  "gmx.com",
  "gmx.net",
  "gmx.de",
  "web.de",
  "mail.com",
  "yandex.com",
  "yandex.ru",
  "zoho.com",
  "qq.com",
  "163.com",
  "126.com",
  "mail.ru",
  "fastmail.com",
  "hey.com",
  "tutanota.com",
  "onmicrosoft.com",
]);

/**
 * Large organisations whose one domain carries many unrelated services (and which Microsoft
 * warns against allowing whole): one service's notices vouch only for that address.
 */
export const MULTI_SERVICE_DOMAINS: ReadonlySet<string> = new Set([
  "microsoft.com",
  "google.com",
  "amazon.com",
  "apple.com",
  "paypal.com",
  "linkedin.com",
  "facebook.com",
]);

export function isSharedMailDomain(domain: string): boolean {
  const lower = domain.toLowerCase();
  if (SHARED_MAIL_DOMAINS.has(lower) || MULTI_SERVICE_DOMAINS.has(lower)) return true;
  // Every tenant's initial domain is a subdomain of onmicrosoft.com.
  return lower.endsWith(".onmicrosoft.com");
}

export function senderKeyOf(analysis: HeaderAnalysis): SenderKey | null {
  const from = analysis.message.from;
  if (!from) return null;
  const identity = authenticatedSender(analysis);
  const domain = from.domain.toLowerCase();
  const kind = isSharedMailDomain(domain) ? "address" : "domain";
  const value = kind === "address" ? from.address.toLowerCase() : domain;
  if (!identity) return { key: `unverified:${value}`, kind, authenticated: false, via: null };
  return { key: value, kind, authenticated: true, via: identity.via };
}
