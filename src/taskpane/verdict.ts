import type { Finding, FixableBy, HeaderAnalysis } from "../analysis";

/** Findings that mean "do not trust this sender": the pane offers no Trusted-sender button. */
export const THREAT_FINDING_IDS: ReadonlySet<string> = new Set([
  "malware-verdict",
  "phishing-verdict",
  "impersonation-domain",
  "impersonation-user",
  "impersonation-mailbox-intelligence",
  "impersonation-brand",
  "spoof-verdict",
  "intra-org-phishing",
]);

/** Filter categories that are threats even when no finding names them. */
const THREAT_CATEGORIES: ReadonlySet<string> = new Set([
  "PHSH",
  "HPHSH",
  "HPHISH",
  "SPOOF",
  "MALW",
  "AMP",
  "SAP",
  "DIMP",
  "UIMP",
  "GIMP",
  "BIMP",
  "INTOS",
]);

export function isThreat(analysis: HeaderAnalysis): boolean {
  const category = analysis.antispam.cat?.toUpperCase();
  return (
    analysis.verdict.findings.some((finding) => THREAT_FINDING_IDS.has(finding.id)) ||
    (category !== undefined && THREAT_CATEGORIES.has(category))
  );
}

export type FindingGroupKey = FixableBy | "none";

export interface FindingGroup {
  key: FindingGroupKey;
  findings: Finding[];
}

/** Who can fix it, in the order a person acts on it: you first, then your admin, then the sender. */
export const GROUP_ORDER: readonly FindingGroupKey[] = ["user", "admin", "sender", "none"];

/**
 * Splits findings into the threats (shown apart, above everything) and the rest grouped by who
 * can fix them. Within a group the engine's order (severity, then importance) is kept.
 */
export function groupFindings(findings: readonly Finding[]): {
  threats: Finding[];
  groups: FindingGroup[];
} {
  const threats = findings.filter((finding) => THREAT_FINDING_IDS.has(finding.id));
  const rest = findings.filter((finding) => !THREAT_FINDING_IDS.has(finding.id));
  const groups = GROUP_ORDER.map((key) => ({
    key,
    findings: rest.filter((finding) => (finding.fixableBy ?? "none") === key),
  })).filter((group) => group.findings.length > 0);
  return { threats, groups };
}
