import { authenticatedSender, type VouchedBy } from "../../src/analysis/identity";
import type { HeaderAnalysis } from "../../src/analysis/types";
import { canonicalDomain } from "./domain-name";
import { shownSafely } from "./unsafe-text";
import {
  UNVERIFIED_PREFIX,
  validateDomainName,
  validateIdentity,
  type IdentityRefusalCode,
} from "./validate";

export { UNVERIFIED_PREFIX };

export { isSharedMailDomain, MULTI_SERVICE_DOMAINS, SHARED_MAIL_DOMAINS } from "./shared-mail";

/**
 * The key a report counts towards. Proposals key on the authenticated sender identity, never on
 * the bare From line: an identity nothing vouches for is kept apart under "unverified:", so a
 * forged From can never add weight to the real sender's proposal. So is an identity that fails
 * validation (a look-alike, an IP literal, a bare public suffix…), however well it authenticates:
 * it can be shown and counted, never proposed or exported.
 */
export interface SenderKey {
  /** "contoso.com", "alice@gmail.com", "xn--bcher-kva.de" or "unverified:contoso.com". */
  key: string;
  kind: "domain" | "address";
  authenticated: boolean;
  via: VouchedBy | null;
  /**
   * Why the identity failed validation; null when it passed. Known at ingest only: a stored
   * report keeps it as its identity signal (identitySignal).
   */
  refusal?: { code: IdentityRefusalCode; message: string } | null;
}

/** The signal a report carries when its sender identity failed validation. */
export function identitySignal(code: IdentityRefusalCode): string {
  return `identity-${code}`;
}

/** signalsOf and the store both ask for the same analysis' key: validate it once. */
const remembered = new WeakMap<HeaderAnalysis, SenderKey | null>();

export function senderKeyOf(analysis: HeaderAnalysis): SenderKey | null {
  const known = remembered.get(analysis);
  if (known !== undefined) return known;
  const key = computeSenderKey(analysis);
  remembered.set(analysis, key);
  return key;
}

function computeSenderKey(analysis: HeaderAnalysis): SenderKey | null {
  const from = analysis.message.from;
  if (!from) return null;
  return senderKeyFor(from, authenticatedSender(analysis));
}

/**
 * The key of a From address, given what vouches for it: the same key a report of it counts
 * towards (the pane's reputation request names its sender this way, GET /api/v1/reputation).
 */
export function senderKeyFor(
  from: { address: string; domain: string },
  identity: { via: SenderKey["via"] } | null,
): SenderKey {
  const rawDomain = from.domain.toLowerCase();
  const rawAddress = from.address.toLowerCase();
  // The tenant's accepted and allowed domains are not known here; the rules check them at
  // assessment (identityRefusalFor). Well-known brands are checked now.
  const domain = validateDomainName(rawDomain);
  const kind = domain.ok && domain.freemail ? "address" : "domain";
  // A company domain was validated just now; only an address needs its local part checked.
  const verdict =
    kind === "address"
      ? validateIdentity(rawAddress)
      : domain.ok
        ? { ok: true as const, value: domain.ascii }
        : domain;
  if (!verdict.ok) {
    return {
      key: `${UNVERIFIED_PREFIX}${shownKeyOf(rawAddress, rawDomain, kind)}`,
      kind,
      authenticated: false,
      via: null,
      refusal: { code: verdict.code, message: verdict.message },
    };
  }
  if (!identity) {
    return {
      key: `${UNVERIFIED_PREFIX}${verdict.value}`,
      kind,
      authenticated: false,
      via: null,
      refusal: null,
    };
  }
  return { key: verdict.value, kind, authenticated: true, via: identity.via, refusal: null };
}

/**
 * What lands in the key of an identity that failed is safe to store and show: the canonical
 * A-labels when the name itself was readable (a look-alike, say), else the raw text with every
 * risky character escaped.
 */
function shownKeyOf(rawAddress: string, rawDomain: string, kind: "domain" | "address"): string {
  const canonical = canonicalDomain(rawDomain);
  const domain = canonical.ok ? canonical.ascii : shownSafely(rawDomain);
  if (kind === "domain") return domain;
  return `${shownSafely(rawAddress.slice(0, rawAddress.lastIndexOf("@")))}@${domain}`;
}
