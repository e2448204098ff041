/**
 * Which Authentication-Results header to believe (docs/analysis-contract.md, "Which
 * Authentication-Results to trust"). A sender can write any Authentication-Results it likes;
 * receiving servers add theirs on top, so the topmost header is the receiving side's:
 * - trusted authserv-ids configured: the topmost header whose authserv-id is one of them, or
 *   that has none at all (Exchange Online writes none);
 * - none configured: the topmost header, whatever its authserv-id.
 * The headers just below the trusted one with the same authserv-id, up to the next Received
 * header or another authserv-id, are the same server's verdict (kernel.org's and ProtonMail's
 * servers write one header per method) and are read with it. A header written by the sending
 * organisation's own server as the message was submitted (`senderOwn`, see `isSenderOwn`) is
 * never the recipient's verdict, whatever else is trusted.
 * Every other Authentication-Results header is left out, and reported when it claims a pass
 * the trusted ones do not. `Authentication-Results-Original` is never trusted: it is a copy
 * some gateways keep of an upstream verdict.
 */
import { hasSenderOutboundReport } from "./antispam";
import { firstResultOf, parseAuthenticationResults } from "./auth-results";
import type { ParsedAuthResults } from "./auth-results";
import type { HeaderBlock, HeaderField } from "./header-block";
import { parseReceived } from "./received";

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
  /** The topmost trusted header. */
  trusted: AuthHeader | null;
  /** The trusted header and the same server's headers read with it, topmost first. */
  group: AuthHeader[];
  /** The results of `group` together, topmost first (null when nothing is trusted). */
  verdict: ParsedAuthResults | null;
  /** Every other Authentication-Results header, topmost first (not `senderOwn`). */
  untrusted: AuthHeader[];
  /** Headers the sending organisation's own server wrote at submission, topmost first. */
  senderOwn: AuthHeader[];
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
  return parsed.results.some((entry) => entry.method === method && entry.result === "pass");
}

export function chooseTrustedAuth(
  block: HeaderBlock,
  trustedAuthservIds: readonly string[] = [],
): TrustedAuth {
  const ids = trustedAuthservIds.filter((id) => id.trim().length > 0);
  const headers = readAuthHeaders(block, "Authentication-Results");
  const received = headers.length > 0 ? block.all("Received") : [];
  const senderOwn = headers.filter((header) => isSenderOwn(header, received, block));
  const candidates =
    senderOwn.length === 0 ? headers : headers.filter((header) => !senderOwn.includes(header));
  const trusted = candidates.find((header) => isTrustedId(header.parsed.authservId, ids)) ?? null;
  const group = trusted ? sameServerGroup(trusted, candidates, received) : [];
  const verdict = group.length === 0 ? null : mergedResults(group);
  const untrusted = candidates.filter((header) => !group.includes(header));

  const unconfirmedClaims: UnconfirmedClaim[] = [];
  for (const header of untrusted) {
    const methods = CLAIM_METHODS.filter(
      (method) => passes(header.parsed, method) && !passes(verdict, method),
    );
    if (methods.length > 0) unconfirmedClaims.push({ header, methods: [...methods] });
  }

  return {
    trusted,
    group,
    verdict,
    untrusted,
    senderOwn,
    unconfirmedClaims,
    arc: arcVerdict(block, verdict, ids),
    originalCopies: block.all("Authentication-Results-Original").length,
  };
}

/**
 * The trusted header and the headers right below it that name the same authserv-id, up to
 * the next Received header (another hop) or a header naming another server. Exchange
 * Online's headers name no server and are never grouped.
 */
function sameServerGroup(
  trusted: AuthHeader,
  candidates: readonly AuthHeader[],
  received: readonly HeaderField[],
): AuthHeader[] {
  const id = trusted.parsed.authservId;
  if (id === null) return [trusted];
  const nextReceived = received.find((field) => field.position > trusted.position);
  const end = nextReceived ? nextReceived.position : Number.POSITIVE_INFINITY;
  const group = [trusted];
  for (const header of candidates) {
    if (header.position <= trusted.position) continue;
    if (header.position > end || header.parsed.authservId !== id) break;
    group.push(header);
  }
  return group;
}

function mergedResults(group: readonly AuthHeader[]): ParsedAuthResults {
  const [first] = group as [AuthHeader, ...AuthHeader[]];
  if (group.length === 1) return first.parsed;
  return {
    ...first.parsed,
    noResults: group.every((header) => header.parsed.noResults),
    results: group.flatMap((header) => header.parsed.results),
    strays: group.flatMap((header) => header.parsed.strays),
    problems: group.flatMap((header) => header.parsed.problems),
  };
}

/** At most this many Received headers below a header that the sender's server wrote. */
const MAX_SUBMISSION_HOPS = 2;

/**
 * Whether a header was written inside the sending organisation as the message was submitted,
 * so that it cannot be the recipient's verdict:
 * - one or two Received headers lie below it, and each is a submission hop; or
 * - it is in Exchange Online's dialect (no authserv-id), no Received header lies below it, some
 *   lie above, and the Forefront report beside it is the sending organisation's outbound one:
 *   the sender's Exchange Online stamps its own mail so at submission, while the recipient's
 *   lies above the hop that brought the message in.
 * Below a recipient's own header lies at least the hop into the recipient, never a submission.
 */
function isSenderOwn(
  header: AuthHeader,
  received: readonly HeaderField[],
  block: HeaderBlock,
): boolean {
  let below = 0;
  for (const field of received) if (field.position > header.position) below++;
  if (below === 0) {
    return (
      header.parsed.authservId === null && received.length > 0 && hasSenderOutboundReport(block)
    );
  }
  if (below > MAX_SUBMISSION_HOPS) return false;
  return received.every(
    // Folded: the hints hold no whitespace, so they match as in the unfolded value, and the
    // Received parser reads line breaks as spaces; the value need not be unfolded for this.
    (field) => field.position < header.position || isSubmissionHop(field.folded),
  );
}

/**
 * `with` words that name a submission by a person (RFC 3848's authenticated SMTP and LMTP,
 * Exchange's MAPI and HTTPS from Outlook and Outlook on the web).
 */
const SUBMISSION_PROTOCOLS = new Set([
  "esmtpa",
  "esmtpsa",
  "utf8smtpa",
  "utf8smtpsa",
  "lmtpa",
  "lmtpsa",
  "mapi",
  "https",
  "http",
]);
const LOOPBACK = new Set(["localhost", "127.0.0.1", "::1"]);

/**
 * Text a submission hop's value holds, in any letter case; a hop holding none is not read
 * further. Searched in place, not in a lower-cased copy: without the u flag, /i folds ASCII
 * letters only. "map\u0130" keeps what the lower-cased copy found: "\u0130" lower-cases to "i"
 * and a combining dot, and no other character lower-cases to a letter of these hints.
 */
const SUBMISSION_HINTS = /mapi|map\u0130|http|smtpa|smtpsa|lmtpa|localhost|127\.0\.0\.1|::1/i;

function isSubmissionHop(value: string): boolean {
  if (!SUBMISSION_HINTS.test(value)) return false;
  const hop = parseReceived(value);
  const protocol = hop.with?.split(" ")[0]?.toLowerCase() ?? null;
  if (protocol !== null && SUBMISSION_PROTOCOLS.has(protocol)) return true;
  const from = hop.fromIp ?? hop.from?.toLowerCase() ?? null;
  return from !== null && LOOPBACK.has(from);
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
  verdict: ParsedAuthResults | null,
  ids: readonly string[],
): ArcVerdict | null {
  const own = verdict ? firstResultOf(verdict, "arc") : undefined;
  if (own && own.result.length > 0) {
    return { result: own.result, from: "authentication-results", instance: null };
  }
  let best: { result: string; instance: number } | null = null;
  for (const header of readAuthHeaders(block, "ARC-Authentication-Results")) {
    const { instance, authservId } = header.parsed;
    if (instance === null) continue;
    if (ids.length > 0 && (authservId === null || !isTrustedId(authservId, ids))) continue;
    const entry = firstResultOf(header.parsed, "arc");
    if (!entry || entry.result.length === 0) continue;
    if (best === null || instance > best.instance) best = { result: entry.result, instance };
  }
  return best
    ? { result: best.result, from: "arc-authentication-results", instance: best.instance }
    : null;
}
