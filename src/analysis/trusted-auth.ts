/**
 * Which Authentication-Results header to believe (docs/analysis-contract.md, "Which
 * Authentication-Results to trust"). A sender can write any Authentication-Results it likes;
 * receiving servers add theirs on top, so the topmost header is the receiving side's:
 * - trusted authserv-ids configured: the topmost header whose authserv-id is one of them, or
 *   that has none at all (Exchange Online writes none);
 * - none configured: the topmost header, whatever its authserv-id.
 * Every other Authentication-Results header is left out, and reported when it claims a pass
 * the trusted one does not. `Authentication-Results-Original` is never trusted: it is a copy
 * some gateways keep of an upstream verdict.
 */
import { parseAuthenticationResults, resultsOf } from "./auth-results";
import type { ParsedAuthResults } from "./auth-results";
import type { HeaderBlock } from "./header-block";

export interface AuthHeader {
  /** The header name as written. */
  name: string;
  /** The unfolded value. */
  value: string;
  /** 0 = topmost field of the block. */
  position: number;
  parsed: ParsedAuthResults;
}

/** A pass that an untrusted header claims and the trusted header does not confirm. */
export interface UnconfirmedClaim {
  header: AuthHeader;
  /** Methods among spf, dkim, dmarc, compauth that the untrusted header says passed. */
  methods: string[];
}

export interface ArcVerdict {
  result: string;
  /** Where it came from: the trusted Authentication-Results, or an ARC-Authentication-Results of instance N. */
  from: "authentication-results" | "arc-authentication-results";
  instance: number | null;
}

export interface TrustedAuth {
  trusted: AuthHeader | null;
  /** Every other Authentication-Results header, topmost first. */
  untrusted: AuthHeader[];
  unconfirmedClaims: UnconfirmedClaim[];
  arc: ArcVerdict | null;
  /** Authentication-Results-Original headers present (never trusted, counted for findings). */
  originalCopies: number;
}

const CLAIM_METHODS = ["spf", "dkim", "dmarc", "compauth"] as const;

/** More headers of one kind than any real message carries; the rest are not read. */
export const MAX_AUTH_HEADERS = 50;

function readAuthHeaders(block: HeaderBlock, name: string): AuthHeader[] {
  return block
    .all(name)
    .slice(0, MAX_AUTH_HEADERS)
    .map((field) => ({
      name: field.name,
      value: field.value,
      position: field.position,
      parsed: parseAuthenticationResults(field.value),
    }));
}

function isTrustedId(authservId: string | null, trustedIds: readonly string[]): boolean {
  if (trustedIds.length === 0) return true;
  if (authservId === null) return true;
  const id = authservId.toLowerCase();
  return trustedIds.some((trustedId) => trustedId.trim().toLowerCase() === id);
}

function passes(parsed: ParsedAuthResults | null, method: string): boolean {
  if (!parsed) return false;
  return resultsOf(parsed, method).some((entry) => entry.result === "pass");
}

export function chooseTrustedAuth(
  block: HeaderBlock,
  trustedAuthservIds: readonly string[] = [],
): TrustedAuth {
  const ids = trustedAuthservIds.filter((id) => id.trim().length > 0);
  const headers = readAuthHeaders(block, "Authentication-Results");
  const trusted = headers.find((header) => isTrustedId(header.parsed.authservId, ids)) ?? null;
  const untrusted = headers.filter((header) => header !== trusted);

  const unconfirmedClaims: UnconfirmedClaim[] = [];
  for (const header of untrusted) {
    const methods = CLAIM_METHODS.filter(
      (method) => passes(header.parsed, method) && !passes(trusted?.parsed ?? null, method),
    );
    if (methods.length > 0) unconfirmedClaims.push({ header, methods: [...methods] });
  }

  return {
    trusted,
    untrusted,
    unconfirmedClaims,
    arc: arcVerdict(block, trusted, ids),
    originalCopies: block.all("Authentication-Results-Original").length,
  };
}

/**
 * ARC: the trusted Authentication-Results' own `arc=` result when it has one. Otherwise the
 * `arc=` of the ARC-Authentication-Results with the highest instance: that is the newest seal,
 * written by the last intermediary (often the receiving tenant's own front end, which seals as
 * it receives). With trusted authserv-ids configured, only ARC-Authentication-Results from those
 * ids count, as for Authentication-Results. The seals' signatures are not verified here.
 */
function arcVerdict(
  block: HeaderBlock,
  trusted: AuthHeader | null,
  ids: readonly string[],
): ArcVerdict | null {
  const own = trusted ? resultsOf(trusted.parsed, "arc")[0] : undefined;
  if (own && own.result.length > 0) {
    return { result: own.result, from: "authentication-results", instance: null };
  }
  let best: { result: string; instance: number } | null = null;
  for (const header of readAuthHeaders(block, "ARC-Authentication-Results")) {
    const { instance, authservId } = header.parsed;
    if (instance === null) continue;
    if (ids.length > 0 && (authservId === null || !isTrustedId(authservId, ids))) continue;
    const entry = resultsOf(header.parsed, "arc")[0];
    if (!entry || entry.result.length === 0) continue;
    if (best === null || instance > best.instance) best = { result: entry.result, instance };
  }
  return best
    ? { result: best.result, from: "arc-authentication-results", instance: best.instance }
    : null;
}
