/**
 * What a report counts as in its sender's distinct mailbox count. The mailbox a report names is
 * a claim, not proof: anyone can name a hundred mailboxes, and mailboxes must never outnumber
 * the people behind them. So a claimed mailbox counts as the reporter's own (one per person),
 * and only a mailbox the route verified (the reporter's access to a shared or delegated mailbox)
 * counts as itself. The prefixes keep the two kinds of key from ever meeting.
 */
const OWN = "reporter:";
const VERIFIED = "mailbox:";

/** `mailbox`: normalised (normalizeMailbox); `verified`: the route proved the reporter's access. */
export function mailboxKeyOf(reporterId: string, mailbox: string, verified: boolean): string {
  return verified && mailbox !== reporterId ? `${VERIFIED}${mailbox}` : `${OWN}${reporterId}`;
}

export function isVerifiedMailboxKey(key: string): boolean {
  return key.startsWith(VERIFIED);
}

/** The same keys in SQL, for rebuilding the counters from stored reports (migrations). */
export const MAILBOX_KEY_PREFIX = { own: OWN, verified: VERIFIED } as const;
