/**
 * The assembly: raw header text -> `HeaderAnalysis` (docs/analysis-contract.md). Each part runs on
 * its own; a part that fails yields its empty form plus an `analysis-incomplete` finding, so
 * the function never throws.
 *
 * `auth.source.header` is the trusted Authentication-Results value as it stands in the block,
 * unfolded and trimmed, without the field name (always "Authentication-Results").
 */
import { parseMailbox, parseReturnPath } from "./addresses";
import { emptyStamps, isJunked, parseAntispam } from "./antispam";
import type { AntispamExtras } from "./antispam";
import {
  attributeOf,
  dkimSignatureDomainAndSelector,
  firstResultOf,
  parseAuthenticationResults,
  propertyOf,
  resultsOf,
} from "./auth-results";
import type { AuthResultEntry, ParsedAuthResults } from "./auth-results";
import { alignmentWith, domainOfIdentity, normalizeDomain } from "./alignment";
import { parseDate } from "./dates";
import { decodeEncodedWords } from "./encoded-words";
import { deriveFindings } from "./findings";
import { readGateways } from "./gateways";
import { parseHeaderBlock } from "./header-block";
import type { HeaderBlock, HeaderField } from "./header-block";
import { authenticatedSender } from "./identity";
import type { Language } from "./language";
import { compauthMeaning } from "./meanings";
import type { AnalysisPart } from "./messages/types";
import { buildHops } from "./received";
import { readReceivedSpf } from "./received-spf";
import { chooseTrustedAuth } from "./trusted-auth";
import type { TrustedAuth } from "./trusted-auth";
import type {
  AnalyzeOptions,
  AntispamStamps,
  AuthSummary,
  DkimResult,
  DmarcResult,
  HeaderAnalysis,
  Hop,
  MessageFields,
  OriginalAuth,
} from "./types";

const EMPTY_MESSAGE: MessageFields = {
  subject: null,
  messageId: null,
  date: null,
  from: null,
  replyTo: null,
  returnPath: null,
};

function emptyAuth(): AuthSummary {
  return {
    source: null,
    spf: null,
    dkim: [],
    dmarc: null,
    compauth: null,
    arc: null,
    receivedSpf: null,
    original: null,
  };
}

/** Runs one part; on failure records its name and returns the fallback. */
function attempt<T>(
  name: AnalysisPart,
  failed: AnalysisPart[],
  run: () => T,
  fallback: () => T,
): T {
  try {
    return run();
  } catch {
    failed.push(name);
    return fallback();
  }
}

function nonEmpty(value: string | undefined): string | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  return trimmed.length > 0 ? trimmed : null;
}

/** The topmost field's value, trimmed; null when absent or empty. */
function field(block: HeaderBlock, name: string): string | null {
  return nonEmpty(block.first(name)?.value);
}

function readMessage(block: HeaderBlock, failed: AnalysisPart[]): MessageFields {
  return {
    subject: readPart("subject", field(block, "Subject"), decodeEncodedWords, failed),
    messageId: field(block, "Message-ID"),
    date: readPart("date", field(block, "Date"), parseDate, failed),
    from: readPart("from", field(block, "From"), parseMailbox, failed),
    replyTo: readPart("reply-to", field(block, "Reply-To"), parseMailbox, failed),
    returnPath: readPart("return-path", field(block, "Return-Path"), parseReturnPath, failed),
  };
}

/** `read(value)`, or null when the field is absent; on failure records the part's name. */
function readPart<T>(
  name: AnalysisPart,
  value: string | null,
  read: (value: string) => T | null,
  failed: AnalysisPart[],
): T | null {
  if (value === null) return null;
  try {
    return read(value);
  } catch {
    failed.push(name);
    return null;
  }
}

/** The DMARC policy: `p=` / `policy.published-domain-policy` / `policy.dmarc`, or `p=` in the comment. */
function dmarcPolicy(entry: AuthResultEntry): string | null {
  const explicit =
    attributeOf(entry, "p") ??
    propertyOf(entry, "policy.published-domain-policy") ??
    propertyOf(entry, "policy.dmarc") ??
    propertyOf(entry, "policy.p");
  if (explicit) return explicit.toLowerCase();
  return entry.comment ? policyInComment(entry.comment) : null;
}

/** Google writes `dmarc=pass (p=NONE sp=NONE dis=NONE)`: the word after "p=" in the comment. */
function policyInComment(comment: string): string | null {
  const words = comment.split(" ");
  for (const word of words) {
    if (word.length > 2 && (word.startsWith("p=") || word.startsWith("P="))) {
      return word.slice(2).toLowerCase();
    }
  }
  return null;
}

/** DKIM-Signature selectors by signing domain, to name the selector Exchange Online leaves out. */
function selectorsByDomain(block: HeaderBlock): Map<string, Set<string>> {
  const selectors = new Map<string, Set<string>>();
  for (const field of block.all("DKIM-Signature").slice(0, 50)) {
    // Folded: the tags are read with line breaks as whitespace, so the long b= needs no copy.
    const { domain, selector } = dkimSignatureDomainAndSelector(field.folded);
    const normalized = normalizeDomain(domain);
    if (normalized === null || selector === null) continue;
    const set = selectors.get(normalized) ?? new Set<string>();
    set.add(selector);
    selectors.set(normalized, set);
  }
  return selectors;
}

/**
 * The selector of a DKIM result: header.s when the Authentication-Results names it, else the
 * s= of the message's DKIM-Signature for that domain when there is exactly one such selector.
 */
function selectorFor(
  entry: AuthResultEntry,
  domain: string | null,
  selectors: () => Map<string, Set<string>>,
): string | null {
  const named = propertyOf(entry, "header.s");
  if (named) return named;
  if (domain === null) return null;
  const candidates = selectors().get(domain);
  return candidates && candidates.size === 1 ? ([...candidates][0] ?? null) : null;
}

function readAuth(
  trustedAuth: TrustedAuth,
  fromDomain: string | null,
  block: HeaderBlock,
  language: Language,
): AuthSummary {
  const auth = emptyAuth();
  auth.arc = trustedAuth.arc ? { result: trustedAuth.arc.result } : null;
  auth.receivedSpf = readReceivedSpf(field(block, "Received-SPF"));
  auth.original = readOriginal(block.first("Authentication-Results-Original"), block, language);
  const trusted = trustedAuth.trusted;
  if (!trusted || !trustedAuth.verdict) return auth;
  auth.source = {
    header: trusted.value,
    authservId: trusted.parsed.authservId,
    headers: trustedAuth.group.map((header) => header.value),
  };
  Object.assign(auth, readResults(trustedAuth.verdict, fromDomain, block, language));
  return auth;
}

/** Topmost Authentication-Results-Original, read like a verdict but only shown. */
function readOriginal(
  original: HeaderField | undefined,
  block: HeaderBlock,
  language: Language,
): OriginalAuth | null {
  if (!original || original.value.trim().length === 0) return null;
  const parsed = parseAuthenticationResults(original.value.slice(0, MAX_ORIGINAL_LENGTH));
  if (parsed.results.length === 0) return null;
  return {
    header: original.value,
    authservId: parsed.authservId,
    ...readResults(parsed, null, block, language),
  };
}

/** Longer than any real Authentication-Results; the rest of a longer one is not read. */
const MAX_ORIGINAL_LENGTH = 16 * 1024;

type Results = Pick<AuthSummary, "spf" | "dkim" | "dmarc" | "compauth">;

/** spf, dkim, dmarc and compauth of one server's results, aligned with the From domain. */
function readResults(
  parsed: ParsedAuthResults,
  fromDomain: string | null,
  block: HeaderBlock,
  language: Language,
): Results {
  const auth: Results = { spf: null, dkim: [], dmarc: null, compauth: null };

  const dmarcEntry = firstResultOf(parsed, "dmarc");
  const dmarc: DmarcResult | null = dmarcEntry
    ? {
        result: dmarcEntry.result,
        domain: normalizeDomain(propertyOf(dmarcEntry, "header.from")),
        action: attributeOf(dmarcEntry, "action")?.toLowerCase() ?? null,
        policy: dmarcPolicy(dmarcEntry),
      }
    : null;
  auth.dmarc = dmarc;
  const aligned = alignmentWith(dmarc?.domain ?? fromDomain);

  const spfEntry = firstResultOf(parsed, "spf");
  if (spfEntry) {
    const domain =
      domainOfIdentity(propertyOf(spfEntry, "smtp.mailfrom")) ??
      domainOfIdentity(propertyOf(spfEntry, "smtp.helo"));
    auth.spf = { result: spfEntry.result, domain, aligned: aligned(domain) };
  }

  // The signatures are read only when a result does not name its selector.
  let selectors: Map<string, Set<string>> | null = null;
  const selectorsOf = () => (selectors ??= selectorsByDomain(block));
  auth.dkim = resultsOf(parsed, "dkim").map((entry): DkimResult => {
    const signingDomain =
      propertyOf(entry, "header.d") ?? domainOfIdentity(propertyOf(entry, "header.i"));
    // Exchange Online writes `header.d=none` for an unsigned message.
    const domain =
      signingDomain === null || signingDomain.toLowerCase() === "none"
        ? null
        : normalizeDomain(signingDomain);
    return {
      result: entry.result,
      domain,
      selector: selectorFor(entry, domain, selectorsOf),
      aligned: aligned(domain),
    };
  });

  const compauthEntry = firstResultOf(parsed, "compauth");
  if (compauthEntry) {
    const reason = compauthEntry.reason?.trim() || null;
    auth.compauth = {
      result: compauthEntry.result,
      reason,
      meaning: compauthMeaning(compauthEntry.result, reason, language),
    };
  }
  return auth;
}

/** Received, Authentication-Results or Microsoft's stamps: what a delivered message carries. */
function hasTransportHeaders(block: HeaderBlock): boolean {
  return block.fields.some(
    (field) =>
      field.key === "received" ||
      field.key === "authentication-results" ||
      field.key === "arc-authentication-results" ||
      field.key === "x-forefront-antispam-report" ||
      field.key === "x-microsoft-antispam" ||
      field.key.startsWith("x-ms-exchange-"),
  );
}

export function analyzeHeaders(raw: string, options: AnalyzeOptions = {}): HeaderAnalysis {
  const failed: AnalysisPart[] = [];
  const language = options.language ?? "en";
  const text = typeof raw === "string" ? raw : "";
  const block = attempt(
    "header block",
    failed,
    () => parseHeaderBlock(text),
    () => parseHeaderBlock(""),
  );

  const message = attempt(
    "message fields",
    failed,
    () => readMessage(block, failed),
    () => ({
      ...EMPTY_MESSAGE,
    }),
  );
  const fromDomain = message.from ? normalizeDomain(message.from.domain) : null;

  const trustedAuth = attempt(
    "authentication results",
    failed,
    () => chooseTrustedAuth(block, options.trustedAuthservIds ?? []),
    () => null,
  );
  const auth = trustedAuth
    ? attempt(
        "authentication results",
        failed,
        () => readAuth(trustedAuth, fromDomain, block, language),
        emptyAuth,
      )
    : emptyAuth();

  const antispam = attempt(
    "anti-spam stamps",
    failed,
    () => parseAntispam(block),
    () => ({ stamps: emptyStamps(), extras: null as AntispamExtras | null }),
  );
  const stamps: AntispamStamps = antispam.stamps;

  const hops = attempt(
    "received hops",
    failed,
    // Where they stand in the block: the Received parser reads line breaks as spaces, so
    // thousands of hops need no copies for the collector to carry, and it reads the block's
    // text itself (a character read from a slice costs more than one from its text).
    () => buildHops(block.all("Received").map((field) => field.foldedSpan)),
    (): Hop[] => [],
  );

  const gateways = attempt(
    "gateways",
    failed,
    () =>
      readGateways({
        block,
        hops,
        stamps,
        auth,
        trustedAuthservIds: options.trustedAuthservIds ?? [],
        language,
      }),
    () => ({ gateways: [], gatewayInFront: null }),
  );

  const junked = attempt(
    "verdict",
    failed,
    () => isJunked(stamps),
    () => null,
  );

  const analysis: HeaderAnalysis = {
    schema: "vouch.analysis/1",
    message,
    auth,
    antispam: stamps,
    hops,
    verdict: { junked, findings: [] },
    gateways: gateways.gateways,
    gatewayInFront: gateways.gatewayInFront,
  };

  const authenticated = attempt(
    "sender identity",
    failed,
    () => authenticatedSender(analysis),
    () => null,
  );
  const valueProblems = [
    ...(trustedAuth?.verdict?.problems.map((problem) => `Authentication-Results: ${problem}`) ??
      []),
    ...(antispam.extras?.problems ?? []),
  ];
  analysis.verdict.findings = attempt(
    "findings",
    failed,
    () =>
      deriveFindings(
        {
          noTransportHeaders: !hasTransportHeaders(block),
          headerProblems: block.problems,
          valueProblems,
          failedParts: failed.length === 0 ? [] : [...new Set(failed)],
          auth,
          trustedAuth,
          stamps,
          extras: antispam.extras,
          hops,
          fromDomain,
          replyToDomain: message.replyTo ? normalizeDomain(message.replyTo.domain) : null,
          authenticated,
          junked,
          gateways: gateways.gateways,
          gatewayInFront: gateways.gatewayInFront,
        },
        language,
      ),
    () => [],
  );
  return analysis;
}
