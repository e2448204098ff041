import type { ApprovedEntryDto } from "../../src/api/admin-contract";
import { AUTH_SIGNALS, type SenderEvidence } from "../identity/evidence";
import { dominantInfrastructure, type Assessment, type RefusalCode } from "./rules";

/**
 * When an approved entry needs an admin again. The approved entry itself never changes: the
 * rules only compare the evidence now with the evidence when an admin last decided (the
 * baseline) and name what turned. Counts are distinct people, never reports.
 */
export interface ReviewBaseline {
  /** People behind each refusal when the admin decided (a refusal they already saw). */
  refusals: Partial<Record<RefusalCode, number>>;
  /** The dominant sending infrastructure then, e.g. "vendor.net" or "203.0.113.0/24". */
  infrastructure: string | null;
  /** The evidence an entry was approved on, which its exports keep showing. */
  evidence?: ApprovedEvidence;
}

/** The evidence an approval rested on, as exports and the console show it. */
export type ApprovedEvidence = NonNullable<ApprovedEntryDto["evidence"]>;

export function approvedEvidenceOf(evidence: SenderEvidence): ApprovedEvidence {
  const { signals } = evidence;
  return {
    reporters: evidence.reporters,
    mailboxes: evidence.mailboxes,
    reports: evidence.reports,
    notSpam: evidence.notSpam,
    trustedSender: evidence.trustedSender,
    dmarcPass: signals[AUTH_SIGNALS.dmarcPass] ?? 0,
    dkimAlignedPass: signals[AUTH_SIGNALS.dkimAlignedPass] ?? 0,
    spfAlignedPass: signals[AUTH_SIGNALS.spfAlignedPass] ?? 0,
    firstSeen: evidence.firstSeen,
    lastSeen: evidence.lastSeen,
  };
}

const THREAT_WORDS: Partial<Record<RefusalCode, string>> = {
  malware: "a malware verdict",
  "high-confidence-phishing": "a high-confidence phishing verdict",
  phishing: "a phishing verdict",
  impersonation: "an impersonation verdict",
  spoof: "a spoof verdict",
  "authentication-failed": "failed authentication (DMARC fail or forged results)",
};

export function baselineOf(evidence: SenderEvidence, assessment: Assessment): ReviewBaseline {
  const refusals: Partial<Record<RefusalCode, number>> = {};
  for (const refusal of assessment.refusals) refusals[refusal.code] = refusal.people;
  return {
    refusals,
    infrastructure: dominantInfrastructure(evidence)?.infrastructure.value ?? null,
  };
}

function people(count: number): string {
  return count === 1 ? "1 person" : `${count} people`;
}

/** What turned since the baseline, one line each; empty while the evidence still holds. */
export function reviewChanges(
  baseline: ReviewBaseline,
  evidence: SenderEvidence,
  assessment: Assessment,
): string[] {
  const changes: string[] = [];
  for (const refusal of assessment.refusals) {
    const before = baseline.refusals[refusal.code] ?? 0;
    if (refusal.people <= before) continue;
    const threat = THREAT_WORDS[refusal.code];
    const added = refusal.people - before;
    changes.push(
      threat
        ? `${added === 1 ? "a report from 1 person carries" : `reports from ${people(added)} carry`} ${threat}`
        : `refused: ${refusal.code}`,
    );
  }
  const dominant = dominantInfrastructure(evidence);
  if (
    baseline.infrastructure !== null &&
    dominant !== null &&
    dominant.infrastructure.value !== baseline.infrastructure
  ) {
    changes.push(
      `dominant sending infrastructure changed from ${baseline.infrastructure} to ${dominant.infrastructure.value}`,
    );
  }
  return changes;
}
