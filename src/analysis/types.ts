/**
 * The analysis object, `vouch.analysis/1`, exactly as docs/analysis-contract.md spells it.
 * Other tools read these names and values: change nothing here without changing the contract.
 */
import type { Language } from "./language";

/** Lower case, as the header spells it; unknown results pass through as written. */
export type AuthResult =
  | "pass"
  | "fail"
  | "softfail"
  | "neutral"
  | "none"
  | "temperror"
  | "permerror"
  | "policy"
  | "bestguesspass"
  | "timeout"
  | (string & {});

export interface Address {
  address: string;
  name: string | null;
  /** Lower case. */
  domain: string;
}

export interface MessageFields {
  subject: string | null;
  messageId: string | null;
  date: string | null;
  from: Address | null;
  replyTo: Address | null;
  returnPath: string | null;
}

export interface AuthSource {
  header: string;
  authservId: string | null;
  /**
   * Every Authentication-Results value read as this server's verdict, topmost first (`header`
   * is the first): a server such as kernel.org's or ProtonMail's writes one header per method.
   */
  headers: string[];
}

export interface SpfResult {
  result: AuthResult;
  domain: string | null;
  aligned: boolean | null;
}

export interface DkimResult {
  result: AuthResult;
  domain: string | null;
  selector: string | null;
  aligned: boolean | null;
}

export interface DmarcResult {
  result: AuthResult;
  domain: string | null;
  action: string | null;
  policy: string | null;
}

export interface CompauthResult {
  result: string;
  reason: string | null;
  meaning: string;
}

export interface ArcResult {
  result: AuthResult;
}

/** The topmost Received-SPF header (RFC 7208 §9.1): read and shown, never the verdict. */
export interface ReceivedSpf {
  result: AuthResult;
  /**
   * The envelope-from's domain; without one, the domain the comment says was checked ("domain
   * of X designates ..."); else the HELO name's. Lower case.
   */
  domain: string | null;
  clientIp: string | null;
  receiver: string | null;
}

/**
 * The topmost Authentication-Results-Original: what a server before a forwarder (or a gateway
 * that renamed it) said. Read and shown, never trusted; alignment is against its own header.from.
 */
export interface OriginalAuth {
  header: string;
  authservId: string | null;
  spf: SpfResult | null;
  dkim: DkimResult[];
  dmarc: DmarcResult | null;
  compauth: CompauthResult | null;
}

export interface AuthSummary {
  source: AuthSource | null;
  spf: SpfResult | null;
  dkim: DkimResult[];
  dmarc: DmarcResult | null;
  compauth: CompauthResult | null;
  arc: ArcResult | null;
  receivedSpf: ReceivedSpf | null;
  original: OriginalAuth | null;
}

export interface MailboxDelivery {
  dest: string | null;
  ucf: number | null;
  jmr: number | null;
  auth: number | null;
  /** `OFR:` the reason of the folder decision, as written (e.g. "TrustedSenderList"). */
  ofr: string | null;
  /** `RF:` the folder it was routed to, as written (e.g. "JunkEmail"). */
  rf: string | null;
  /** `wl:` 1 when an allow (safe) list let it through. */
  wl: number | null;
  /** `pcwl:` 1 when the recipient's own (personal) safe list matched. */
  pcwl: number | null;
}

export interface AntispamStamps {
  scl: number | null;
  bcl: number | null;
  pcl: number | null;
  sfv: string | null;
  cat: string | null;
  ipv: string | null;
  sfty: string | null;
  srv: string | null;
  dir: string | null;
  country: string | null;
  lang: string | null;
  connectingIp: string | null;
  helo: string | null;
  ptr: string | null;
  sfs: string[];
  mailboxDelivery: MailboxDelivery | null;
  /** X-MS-Exchange-Organization-AuthAs: Anonymous, Internal, Partner... as written. */
  authAs: string | null;
  /** X-MS-Exchange-Transport-EndToEndLatency in seconds (Exchange's TimeSpan). */
  endToEndLatencySeconds: number | null;
}

export interface Hop {
  /** 1 = oldest. */
  index: number;
  from: string | null;
  fromIp: string | null;
  by: string | null;
  with: string | null;
  id: string | null;
  /** ISO 8601 UTC. */
  date: string | null;
  /**
   * Whether the date named its zone: false when it did not (or named one nobody can place,
   * such as "MEZ"), and `date` then reads the clock as if it were UTC; null without a date.
   */
  dateZoneKnown: boolean | null;
  /**
   * Since the previous hop; null for the first, and when either date's zone is unknown;
   * negative under clock skew.
   */
  delaySeconds: number | null;
}

export type Severity = "info" | "warning" | "error";
export type FixableBy = "user" | "admin" | "sender";

export interface Finding {
  /** Stable kebab-case id, e.g. "dmarc-fail". */
  id: string;
  severity: Severity;
  /** One plain sentence. */
  title: string;
  detail: string;
  fixableBy: FixableBy | null;
}

export interface Verdict {
  junked: boolean | null;
  findings: Finding[];
}

/** The third-party gateways whose verdict stamps the analysis reads (src/analysis/gateways). */
export type GatewayVendor =
  "spamassassin" | "proofpoint" | "cisco" | "mimecast" | "barracuda" | "trendmicro";

/** What a gateway's stamp says of the message, in the contract's words. */
export type GatewayVerdictKind =
  | "spam"
  | "suspect"
  | "bulk"
  | "phishing"
  | "malware"
  | "impersonation"
  | "blocked"
  | "allowed"
  | "not-spam"
  /** Scanned, but the stamp does not say the outcome in a readable form (Cisco's encoded result). */
  | "scanned"
  | "unknown";

/**
 * Where a stamp sits against the hop that entered the receiving organisation: "receiving"
 * (written after it, by the organisation's own gateway), "before-entry" (written before the
 * message reached the organisation: the sender's own filter, or forged), "unplaced" (the
 * route does not show where the organisation begins).
 */
export type GatewayPlacement = "receiving" | "before-entry" | "unplaced";

export interface GatewayVerdict {
  vendor: GatewayVendor;
  /** The stamps read, by name as written, topmost first. */
  headers: string[];
  verdict: GatewayVerdictKind;
  score: number | null;
  /** The score at which the gateway acts, when the stamp states it. */
  threshold: number | null;
  /** Rules, tests or detections hit, as the gateway names them (at most 50). */
  rules: string[];
  /** The verdict in plain words, in the analysis's language. */
  meaning: string;
  placement: GatewayPlacement;
  /** True only for placement "receiving": the receiving organisation's own gateway wrote it. */
  counted: boolean;
}

/** A gateway in front of Exchange Online: the hop into Microsoft 365 came from its infrastructure. */
export interface GatewayInFront {
  vendor: GatewayVendor;
  /** The host that handed the message to Microsoft 365 (Microsoft's PTR, else the hop's name). */
  host: string;
  /** The connecting IP Microsoft saw (CIP), when stamped. */
  ip: string | null;
  /** Microsoft's SPF, DMARC or composite authentication failed. */
  authFailed: boolean;
  /** Microsoft says it skipped the gateway (Enhanced Filtering for Connectors). */
  enhancedFiltering: boolean;
  /** The gateway's ARC-Seal signing domain (d=), when it sealed the message. */
  arcSealer: string | null;
}

export interface HeaderAnalysis {
  schema: "vouch.analysis/1";
  message: MessageFields;
  auth: AuthSummary;
  antispam: AntispamStamps;
  hops: Hop[];
  verdict: Verdict;
  /** Third-party gateways' verdict stamps, topmost first (docs/analysis-contract.md, "Gateways"). */
  gateways: GatewayVerdict[];
  gatewayInFront: GatewayInFront | null;
}

export interface AnalyzeOptions {
  /**
   * authserv-ids whose Authentication-Results may be trusted (per tenant in the service,
   * `--trust-authserv` on the command line). Empty: trust the topmost header.
   */
  trustedAuthservIds?: readonly string[];
  /**
   * The language of the findings' titles and details and of `auth.compauth.meaning` (the pane
   * passes Office's display language); English when absent. Everything else is language-free.
   */
  language?: Language;
}
