/**
 * Microsoft's filter categories (CAT) and verdict sources (SFV) grouped by what they mean for a
 * person: the findings and the remedy rules read the same groups, so they cannot drift apart.
 * Codes: ../shared/reference/platform-facts.md §4 (anti-spam message headers).
 */

export const PHISHING_CATS: ReadonlySet<string> = new Set(["PHSH"]);
export const HIGH_CONFIDENCE_PHISHING_CATS: ReadonlySet<string> = new Set(["HPHSH", "HPHISH"]);
export const MALWARE_CATS: ReadonlySet<string> = new Set(["MALW", "AMP", "FTBP", "SAP"]);
export const IMPERSONATION_CATS: ReadonlySet<string> = new Set(["DIMP", "UIMP", "GIMP", "BIMP"]);
/** Safety tips for domain (9.19) and user (9.20) impersonation. */
export const IMPERSONATION_SAFETY_TIPS: ReadonlySet<string> = new Set(["9.19", "9.20"]);

export const THREAT_CATS: ReadonlySet<string> = new Set([
  ...PHISHING_CATS,
  ...HIGH_CONFIDENCE_PHISHING_CATS,
  ...MALWARE_CATS,
  ...IMPERSONATION_CATS,
  "SPOOF",
  "INTOS",
]);

/** Marked as spam before content filtering: a block list or a mail flow rule decided. */
export const SPAM_MARKED_BEFORE_FILTERING: ReadonlySet<string> = new Set(["SKS", "SKB", "BLK"]);
/** Filtering skipped: a safe sender, an allow, or a release. */
export const FILTERING_SKIPPED: ReadonlySet<string> = new Set(["SFE", "SKA", "SKN", "SKI", "SKQ"]);
