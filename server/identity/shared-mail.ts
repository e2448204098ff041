// The list alone, without the package's e-mail syntax check (validator), which Vouch does not use.
import { DOMAINS as FREE_EMAIL_DOMAINS } from "free-email-domains-list/build/src/constants";
import { getDomain } from "tldts";

/**
 * Domains where one address says nothing about the others: free mail and shared platforms.
 * For these the narrowest entry is the address, never the domain. The maintained list
 * (free-email-domains-list, ~96,000 domains with their country variants) is the bulk; these
 * are the ones that must never depend on it.
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

/**
 * Free-mail providers that run one domain per country (yahoo.co.uk, hotmail.fr, gmx.at): their
 * name under any public suffix is address-only, including a country the list has not caught up
 * with. Treating one company domain of the same name as address-only only narrows its entries.
 */
const FREEMAIL_FAMILIES: ReadonlySet<string> = new Set([
  "gmail",
  "googlemail",
  "yahoo",
  "ymail",
  "rocketmail",
  "hotmail",
  "outlook",
  "windowslive",
  "msn",
  "aol",
  "gmx",
  "yandex",
  "icloud",
  "protonmail",
  "tutanota",
  "zoho",
]);

/** RFC 2606 §3 reserves these for documentation; the free-mail list carries them anyway. */
const RESERVED_EXAMPLES: ReadonlySet<string> = new Set([
  "example.com",
  "example.net",
  "example.org",
]);

/** Whether only addresses of this domain (lower-case A-labels) may ever be entries. */
export function isSharedMailDomain(domain: string): boolean {
  const name = domain.toLowerCase();
  // Every tenant's initial domain is a subdomain of onmicrosoft.com.
  if (name === "onmicrosoft.com" || name.endsWith(".onmicrosoft.com")) return true;
  const registrable = getDomain(name, { allowPrivateDomains: false }) ?? name;
  for (const candidate of [name, registrable]) {
    if (SHARED_MAIL_DOMAINS.has(candidate) || MULTI_SERVICE_DOMAINS.has(candidate)) return true;
    if (FREE_EMAIL_DOMAINS.has(candidate) && !RESERVED_EXAMPLES.has(candidate)) return true;
  }
  const family = registrable.split(".")[0] ?? "";
  return FREEMAIL_FAMILIES.has(family);
}
