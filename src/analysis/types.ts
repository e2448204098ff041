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

export interface AuthSummary {
  source: AuthSource | null;
  spf: SpfResult | null;
  dkim: DkimResult[];
  dmarc: DmarcResult | null;
  compauth: CompauthResult | null;
  arc: ArcResult | null;
}

export interface MailboxDelivery {
  dest: string | null;
  ucf: number | null;
  jmr: number | null;
  auth: number | null;
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
  /** Since the previous hop; null for the first; negative under clock skew. */
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

export interface HeaderAnalysis {
  schema: "vouch.analysis/1";
  message: MessageFields;
  auth: AuthSummary;
  antispam: AntispamStamps;
  hops: Hop[];
  verdict: Verdict;
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
