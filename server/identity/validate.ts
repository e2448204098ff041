import { canonicalDomain, type CanonicalDomain, type DomainRefusalCode } from "./domain-name";
import { lookAlikeOf, type LookAlikeCode, type LookAlikeReferences } from "./look-alike";
import { isSharedMailDomain } from "./shared-mail";
import { firstUnsafeCharacter } from "./unsafe-text";

/** The sender key of an identity nothing vouches for, or one that failed validation. */
export const UNVERIFIED_PREFIX = "unverified:";

/** Why an identity cannot become an entry. */
export type IdentityRefusalCode =
  | DomainRefusalCode
  | LookAlikeCode
  | "invalid-address"
  /** A whole-domain entry for a free-mail or multi-service domain: only its addresses may be. */
  | "freemail-domain";

export const IDENTITY_REFUSAL_CODES: readonly IdentityRefusalCode[] = [
  "invalid-domain",
  "invalid-address",
  "ip-literal",
  "public-suffix",
  "mixed-script",
  "look-alike",
  "freemail-domain",
];

/** The tenant's side of the look-alike checks; without it only well-known brands are compared. */
export type IdentityContext = LookAlikeReferences;

export type IdentityRefusal = { ok: false; code: IdentityRefusalCode; message: string };

export type IdentityVerdict =
  | {
      ok: true;
      /** Canonical: lower case, A-labels, no trailing dot ("xn--bcher-kva.de", "a@gmail.com"). */
      value: string;
      kind: "domain" | "address";
      /** A free-mail or multi-service domain: its addresses may be entries, the domain never. */
      freemail: boolean;
      /** The same identity in U-labels, for people to read ("bücher.de"). */
      display: string;
    }
  | IdentityRefusal;

export type DomainVerdict = ({ ok: true; freemail: boolean } & CanonicalDomain) | IdentityRefusal;

/** A domain's canonical form and its look-alike checks, whether or not it may stand alone. */
export function validateDomainName(value: string, context: IdentityContext = {}): DomainVerdict {
  const domain = canonicalDomain(value);
  if (!domain.ok) return domain;
  const lookAlike = lookAlikeOf(domain, context);
  if (lookAlike) return { ok: false, ...lookAlike };
  return { ...domain, freemail: isSharedMailDomain(domain.ascii) };
}

const MAX_LOCAL_PART = 64;
const MAX_ADDRESS = 254;
/**
 * Dot-atom letters that need no quoting anywhere an entry goes. Microsoft's Tenant Allow/Block
 * List wants other special characters URL-encoded (platform facts §5.1): refusing them is safer
 * than encoding. A "+" stays (RFC 5322 atext, common in sending addresses); exports write it
 * as %2B for that list.
 */
const SAFE_LOCAL_PART = /^[a-z0-9_+-]+(?:\.[a-z0-9_+-]+)*$/;

function refuseAddress(message: string): IdentityRefusal {
  return { ok: false, code: "invalid-address", message };
}

function validateAddress(value: string, context: IdentityContext): IdentityVerdict {
  if (value.length > 4 * MAX_ADDRESS) return refuseAddress("The address is too long.");
  const at = value.indexOf("@");
  if (at !== value.lastIndexOf("@")) return refuseAddress("The address has more than one @.");
  const local = value.slice(0, at).toLowerCase();
  const unsafe = firstUnsafeCharacter(local);
  if (unsafe) return refuseAddress(`The address contains the character ${unsafe}.`);
  if (local.length === 0 || local.length > MAX_LOCAL_PART || !SAFE_LOCAL_PART.test(local)) {
    return refuseAddress(
      "The part before @ may hold only letters a-z, digits and . _ + - (no leading, trailing or double dot), at most 64 of them.",
    );
  }
  const domain = validateDomainName(value.slice(at + 1), context);
  if (!domain.ok) return domain;
  const address = `${local}@${domain.ascii}`;
  if (address.length > MAX_ADDRESS) return refuseAddress("The address is too long.");
  return {
    ok: true,
    value: address,
    kind: "address",
    freemail: domain.freemail,
    display: `${local}@${domain.unicode}`,
  };
}

/**
 * The one gate every identity passes before it can become an entry: a domain ("contoso.com")
 * or an address ("alice@gmail.com") in, its canonical form or the reason it cannot be one out.
 * Total: never throws, whatever the input.
 */
export function validateIdentity(value: string, context: IdentityContext = {}): IdentityVerdict {
  if (typeof value !== "string") {
    return { ok: false, code: "invalid-domain", message: "The identity is not text." };
  }
  if (value.includes("@")) return validateAddress(value, context);
  const domain = validateDomainName(value, context);
  if (!domain.ok) return domain;
  if (domain.freemail) {
    return {
      ok: false,
      code: "freemail-domain",
      message: `${domain.ascii} is a free-mail or multi-service domain: allow single addresses, never the whole domain.`,
    };
  }
  return {
    ok: true,
    value: domain.ascii,
    kind: "domain",
    freemail: false,
    display: domain.unicode,
  };
}

/**
 * The tenant's half of the validation, for the proposal rules at assessment: the identity of a
 * sender key ("contoso.com", "alice@gmail.com", "unverified:…") checked against the tenant's
 * accepted domains and the domains it already allowed. Null when it may become an entry.
 */
export function identityRefusalFor(
  senderKey: string,
  context: IdentityContext,
): { code: IdentityRefusalCode; message: string } | null {
  const value = senderKey.startsWith(UNVERIFIED_PREFIX)
    ? senderKey.slice(UNVERIFIED_PREFIX.length)
    : senderKey;
  const verdict = validateIdentity(value, context);
  return verdict.ok ? null : { code: verdict.code, message: verdict.message };
}

/** The proposal rules' refusal for an identity refusal: look-alikes have their own. */
export function refusalKindOf(code: IdentityRefusalCode): "look-alike" | "invalid-identity" {
  return code === "look-alike" || code === "mixed-script" ? "look-alike" : "invalid-identity";
}
