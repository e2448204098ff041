import type { HeaderAnalysis } from "../../src/analysis/types";
import { authenticatedSender } from "../../src/analysis/identity";

/**
 * What one report contributes to its sender's aggregate: the analysis finding ids plus the
 * authentication signals below. The aggregate keeps a count per signal over the sender's active
 * (not retracted) reports, so a retraction subtracts exactly what its report added.
 */
export type Signal = string;

export const AUTH_SIGNALS = {
  dmarcPass: "auth-dmarc-pass",
  dkimAlignedPass: "auth-dkim-aligned-pass",
  spfAlignedPass: "auth-spf-aligned-pass",
  junked: "verdict-junked",
} as const;

export function signalsOf(analysis: HeaderAnalysis): Signal[] {
  const signals = new Set<Signal>(analysis.verdict.findings.map((finding) => finding.id));
  const { dmarc, dkim, spf } = analysis.auth;
  if (dmarc?.result === "pass") signals.add(AUTH_SIGNALS.dmarcPass);
  if (dkim.some((signature) => signature.result === "pass" && signature.aligned === true)) {
    signals.add(AUTH_SIGNALS.dkimAlignedPass);
  }
  if (spf?.result === "pass" && spf.aligned === true) signals.add(AUTH_SIGNALS.spfAlignedPass);
  if (analysis.verdict.junked === true) signals.add(AUTH_SIGNALS.junked);
  return [...signals].sort();
}

export { authenticatedSender };

/** One sender's evidence in one tenant, over its active reports. Kept current at ingest. */
export interface SenderEvidence {
  tenantId: string;
  senderKey: string;
  kind: "domain" | "address";
  authenticated: boolean;
  /** Distinct people who vouched. */
  reporters: number;
  /** Distinct mailboxes the reported messages sat in. */
  mailboxes: number;
  reports: number;
  notSpam: number;
  trustedSender: number;
  /** Count of active reports carrying each signal (finding ids and AUTH_SIGNALS). */
  signals: Record<Signal, number>;
  /** ISO 8601. */
  firstSeen: string;
  lastSeen: string;
}
