import type { Finding, FixableBy } from "../analysis";

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
export function groupFindings(
  findings: readonly Finding[],
  threatIds: ReadonlySet<string>,
): {
  threats: Finding[];
  groups: FindingGroup[];
} {
  const threats = findings.filter((finding) => threatIds.has(finding.id));
  const rest = findings.filter((finding) => !threatIds.has(finding.id));
  const groups = GROUP_ORDER.map((key) => ({
    key,
    findings: rest.filter((finding) => (finding.fixableBy ?? "none") === key),
  })).filter((group) => group.findings.length > 0);
  return { threats, groups };
}
