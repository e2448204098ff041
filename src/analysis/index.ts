/**
 * The public surface of the analysis engine: `analyzeHeaders(raw, { trustedAuthservIds })`
 * returns a `HeaderAnalysis` (docs/analysis-contract.md) and never throws. `auth.source.header` is the
 * trusted Authentication-Results value, unfolded, without its field name. Finding ids in
 * `FINDING_CATALOGUE` are an API (server/proposals reads them); their words come from
 * `./messages` in the language of `options.language` (English by default), and the meaning
 * tables give every stamp code its plain words in each language.
 */
export type * from "./types";
export { analyzeHeaders } from "./analyze";
export { headerAnalysisSchema } from "./schema";
export { authenticatedSender } from "./identity";
export {
  remedyOf,
  remedySignals,
  threatFindingIds,
  threatsOf,
  REMEDY_VERSION,
  THREAT_FINDINGS,
  THREAT_ORDER,
} from "./remedy";
export type { AllowKind, Offer, Remedy, Situation, ThreatKind } from "./remedy";
export type { AuthenticatedSender, VouchedBy } from "./identity";
export {
  FINDING_CATALOGUE,
  findingDefinition,
  SLOW_DELIVERY_SECONDS,
  BCL_DEFAULT_THRESHOLD,
} from "./findings";
export type { FindingDefinition, FindingId } from "./findings";
export * from "./meanings";
export { languageOf, LANGUAGES } from "./language";
export type { Language } from "./language";
export { isJunked } from "./antispam";
export { parseAuthenticationResults } from "./auth-results";
export type { ParsedAuthResults, AuthResultEntry, AuthProperty } from "./auth-results";
export { organizationalDomain, isAligned } from "./alignment";
