import type { HeaderAnalysis } from "../../src/analysis/types";
import { authenticatedSender } from "../../src/analysis/identity";
import { remedyOf, remedySignals } from "../../src/analysis/remedy";
import { gatewaySignalsOf } from "../../src/analysis/gateways/signals";
import { infrastructureOf, infrastructureSignal } from "./infrastructure";
import { identitySignal, senderKeyOf } from "./sender-key";

/**
 * What one report contributes to its sender's aggregate: the analysis finding ids, the
 * authentication signals below, Microsoft's stamps, the shared rule module's answer
 * (`situation-<s>`, `threat-<kind>`, `allow-<kind>`, src/analysis/remedy.ts), and
 * "identity-<code>" when the sender identity failed validation (validate.ts). The aggregate
 * keeps a count per signal over the sender's active (not retracted) reports, so a retraction
 * subtracts exactly what its report added.
 */
export type Signal = string;

export const AUTH_SIGNALS = {
  dmarcPass: "auth-dmarc-pass",
  dkimAlignedPass: "auth-dkim-aligned-pass",
  spfAlignedPass: "auth-spf-aligned-pass",
  junked: "verdict-junked",
  /**
   * A lower Authentication-Results claims a pass the trusted one does not give, AND nothing in
   * the trusted one vouches for the From line. A forwarder's own spf=pass below the receiving
   * side's verdict on mail whose DMARC passed is ordinary forwarding, not a reason to refuse.
   */
  forgedClaimUnvouched: "auth-forged-claim-unvouched",
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
  if (signals.has("forged-auth-results") && authenticatedSender(analysis) === null) {
    signals.add(AUTH_SIGNALS.forgedClaimUnvouched);
  }
  for (const signal of stampSignalsOf(analysis)) signals.add(signal);
  // The shared rule module's answer, so the rules count exactly what the pane told the person.
  for (const signal of remedySignals(remedyOf(analysis))) signals.add(signal);
  const refusal = senderKeyOf(analysis)?.refusal;
  if (refusal) signals.add(identitySignal(refusal.code));
  return [...signals].sort();
}

/**
 * Microsoft's own stamps, counted as signals too, so the rules do not depend on how the analysis
 * words its findings: "cat-phsh", "sfty-9.19", "sfv-nspm", "dest-j", "compauth-fail",
 * "compauth-reason-001", "dmarc-fail", and the sending infrastructure ("infra-ptr:vendor.net",
 * "infra-ip24:203.0.113.0/24") a spoofed-sender entry needs.
 */
export function stampSignalsOf(analysis: HeaderAnalysis): Signal[] {
  const signals: Signal[] = [];
  const token = (value: string) =>
    value
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9.]+/g, "-");
  const { cat, sfty, sfv, mailboxDelivery } = analysis.antispam;
  if (cat) signals.push(`cat-${token(cat)}`);
  if (sfty) signals.push(`sfty-${token(sfty)}`);
  if (sfv) signals.push(`sfv-${token(sfv)}`);
  if (mailboxDelivery?.dest) signals.push(`dest-${token(mailboxDelivery.dest)}`);
  const { compauth, dmarc } = analysis.auth;
  if (compauth) {
    signals.push(`compauth-${token(compauth.result)}`);
    if (compauth.reason) signals.push(`compauth-reason-${token(compauth.reason)}`);
  }
  if (dmarc) signals.push(`dmarc-${token(dmarc.result)}`);
  const infrastructure = infrastructureOf(analysis);
  if (infrastructure) signals.push(infrastructureSignal(infrastructure));
  // The gateway in front of Exchange Online (src/analysis/gateways), for the insight's fix.
  signals.push(...gatewaySignalsOf(analysis));
  return signals;
}

export { authenticatedSender };

/**
 * One sender's evidence in one tenant, over its active (not retracted) reports; kept current at
 * ingest. Evidence is weighed per distinct person, never per report (one person may report
 * fifteen messages of a sender, and weighs one): rules read `reporters` (the denominator of
 * every share), `mailboxes`, `signalPeople` and `trustedSenderPeople`, so a share is
 * people-with-signal / people. `reports`, `notSpam`, `trustedSender` and `signals` count
 * reports: how busy the sender is, for display, exports and per-report checks, never weight.
 * The store always gives the per-person counts; they are optional only so that evidence written
 * by hand (rule tests) may leave them out, and the rules then fall back to reports.
 */
export interface SenderEvidence {
  tenantId: string;
  senderKey: string;
  kind: "domain" | "address";
  authenticated: boolean;
  /** Distinct people with an active report: the denominator of every share. */
  reporters: number;
  /**
   * Distinct mailboxes: each person's own, plus the shared mailboxes whose access was verified;
   * never more than `reporters` while no mailbox is verified.
   */
  mailboxes: number;
  /** Active reports (activity, not weight). */
  reports: number;
  /** Active not-spam reports (activity, not weight). */
  notSpam: number;
  /** Active trusted-sender reports (activity, not weight). */
  trustedSender: number;
  /** Distinct people with an active trusted-sender report. */
  trustedSenderPeople?: number;
  /** Active reports carrying each signal (finding ids and AUTH_SIGNALS): activity, not weight. */
  signals: Record<Signal, number>;
  /**
   * Distinct people with an active report carrying each signal; the same keys as `signals`,
   * each at most `reporters`.
   */
  signalPeople?: Record<Signal, number>;
  /** ISO 8601. */
  firstSeen: string;
  lastSeen: string;
}
