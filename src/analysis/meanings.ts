/**
 * What each code in Microsoft's anti-spam stamps and in Authentication-Results means, in plain
 * words. The task pane shows every code with its meaning beside it, so these tables are public.
 * Sources: ../shared/reference/platform-facts.md §4 (Microsoft's message header reference).
 */

export type MeaningTable = Readonly<Record<string, string>>;

/** X-Forefront-Antispam-Report SFV: the spam filtering verdict. */
export const SFV_MEANINGS: MeaningTable = {
  BLK: "The sender is on the recipient's own Blocked Senders list, so the message was blocked without further filtering.",
  NSPM: "The spam filter decided the message is not spam.",
  SFE: "The sender is on the recipient's own Safe Senders list, so spam filtering was skipped.",
  SKA: "The sender is on an allowed list of the organisation's anti-spam policy, so spam filtering was skipped.",
  SKB: "The sender is on a blocked list of the organisation's anti-spam policy, so the message was marked as spam.",
  SKI: "Spam filtering was skipped for another reason (for example mail inside the organisation or the IP Allow List).",
  SKN: "A mail flow rule of the organisation marked the message as not spam before filtering.",
  SKQ: "The message was released from quarantine.",
  SKS: "A mail flow rule of the organisation marked the message as spam before filtering.",
  SPM: "The spam filter decided the message is spam.",
};

/** X-Forefront-Antispam-Report CAT: the protection that decided the outcome. */
export const CAT_MEANINGS: MeaningTable = {
  AMP: "Anti-malware policy.",
  BIMP: "Brand impersonation: the message imitates a well-known brand.",
  BULK: "Bulk mail (newsletters, marketing).",
  DIMP: "Domain impersonation: the sender's domain imitates a domain you know.",
  FTBP: "The anti-malware file type filter (a blocked kind of attachment).",
  GIMP: "Mailbox intelligence impersonation: the sender imitates someone you correspond with.",
  HPHSH: "High-confidence phishing.",
  HPHISH: "High-confidence phishing.",
  HSPM: "High-confidence spam.",
  INTOS: "Phishing sent from inside the organisation.",
  MALW: "Malware.",
  NONE: "No protection category applied.",
  OSPM: "Outbound spam.",
  PHSH: "Phishing.",
  SAP: "Safe Attachments found a malicious attachment.",
  SPM: "Spam.",
  SPOOF: "Spoofing: the sender's address is forged (this includes DMARC enforcement).",
  UIMP: "User impersonation: the sender imitates a person you know.",
};

/** SCL: spam confidence level, -1 to 9 (the organisation header allows up to 10). */
export const SCL_MEANINGS: MeaningTable = {
  "-1": "Spam filtering was skipped (a safe sender, the IP Allow List or a mail flow rule); delivered to the Inbox.",
  "0": "Not spam; delivered to the Inbox.",
  "1": "Not spam; delivered to the Inbox.",
  "2": "Not used by Microsoft's filter.",
  "3": "Not used by Microsoft's filter.",
  "4": "Not used by Microsoft's filter.",
  "5": "Spam; goes to Junk by default.",
  "6": "Spam; goes to Junk by default.",
  "7": "High-confidence spam; goes to Junk or quarantine.",
  "8": "High-confidence spam; goes to Junk or quarantine.",
  "9": "High-confidence spam; goes to Junk or quarantine.",
  "10": "Outside Microsoft's documented range.",
};

/** BCL: bulk complaint level, 0 to 9. */
export const BCL_MEANINGS: MeaningTable = {
  "0": "Not from a bulk sender.",
  "1": "A bulk sender that few people complain about.",
  "2": "A bulk sender that few people complain about.",
  "3": "A bulk sender that few people complain about.",
  "4": "A bulk sender with mixed complaints.",
  "5": "A bulk sender with mixed complaints (junked under the Strict preset, threshold 5).",
  "6": "A bulk sender with mixed complaints (junked under the Standard preset, threshold 6).",
  "7": "A bulk sender with mixed complaints (junked under the default policy, threshold 7).",
  "8": "A bulk sender that many people complain about.",
  "9": "A bulk sender that many people complain about.",
};

/** SFTY: safety tip / phishing sub-verdict. */
export const SFTY_MEANINGS: MeaningTable = {
  "9.19": "Domain impersonation: the sender's domain imitates a protected domain.",
  "9.20": "User impersonation: the sender imitates a protected person.",
  "9.25": "First contact: the recipient does not often get mail from this sender.",
};

/** SRV: bulk classification. */
export const SRV_MEANINGS: MeaningTable = {
  BULK: "Classified as bulk mail because its bulk complaint level reached the policy's threshold.",
};

/** IPV: IP verdict of the connection filter. */
export const IPV_MEANINGS: MeaningTable = {
  CAL: "The connecting server is on the organisation's IP Allow List, so spam filtering was skipped.",
  NLI: "The connecting server's IP address is not on any reputation list.",
};

/** DIR: direction of the message. */
export const DIR_MEANINGS: MeaningTable = {
  INB: "Inbound: from outside the organisation.",
  OUT: "Outbound: to outside the organisation.",
  INT: "Internal: within the organisation.",
};

/** X-Microsoft-Antispam-Mailbox-Delivery dest: the folder the mailbox put the message in. */
export const MAILBOX_DEST_MEANINGS: MeaningTable = {
  I: "The Inbox.",
  J: "The Junk Email folder.",
  C: "A custom folder (for example by an inbox rule).",
};

/** compauth result values. */
export const COMPAUTH_RESULT_MEANINGS: MeaningTable = {
  pass: "Microsoft's composite authentication confirmed the sender's domain.",
  fail: "Microsoft's composite authentication could not confirm the sender's domain.",
  softpass: "Microsoft's composite authentication soft-passed the sender's domain.",
  none: "Microsoft's composite authentication did not check the sender's domain.",
};

/** compauth reason codes that Microsoft documents exactly. */
export const COMPAUTH_REASON_MEANINGS: MeaningTable = {
  "000":
    "Explicit failure: the sender's domain publishes a DMARC policy of quarantine or reject, and the message failed DMARC.",
  "001":
    "Implicit failure: the sender's domain has no or weak email authentication (no records, SPF ~all or ?all, or DMARC p=none), and nothing else vouched for the message.",
  "002":
    "The organisation's admin explicitly prohibits this sender and sending server from sending as this domain.",
  "010":
    "The message failed DMARC with quarantine or reject, and the From domain is one of the organisation's own domains.",
  "130": "Passed because a trusted ARC sealer vouched for the message, overriding a DMARC failure.",
};

/**
 * The meaning of a compauth reason code: the exact code when documented, else its hundreds
 * digit (1xx pass, 2xx soft pass, 3xx not checked, 4xx/9xx bypassed, 6xx implicit failure
 * for one of the organisation's own domains, 7xx pass).
 */
export function compauthReasonMeaning(reason: string | null): string | null {
  if (reason === null) return null;
  const exact = COMPAUTH_REASON_MEANINGS[reason];
  if (exact) return exact;
  switch (reason.charAt(0)) {
    case "1":
    case "7":
      return "Passed: the sender's domain was confirmed.";
    case "2":
      return "Soft-passed: weak (implicit) authentication of the sender's domain.";
    case "3":
      return "Not checked.";
    case "4":
    case "9":
      return "Composite authentication was bypassed.";
    case "6":
      return "Implicit failure, and the From domain is one of the organisation's own domains.";
    case "0":
      return "Failed.";
    default:
      return null;
  }
}

/** Reason families that only repeat what the result already says (1xx/7xx pass, 2xx soft pass, 3xx none). */
const REASON_FAMILY_OF_RESULT: Readonly<Record<string, readonly string[]>> = {
  pass: ["1", "7"],
  softpass: ["2"],
  none: ["3"],
};

/** The plain meaning of a compauth result with its reason, for `auth.compauth.meaning`. */
export function compauthMeaning(result: string, reason: string | null): string {
  const lower = result.toLowerCase();
  const base =
    COMPAUTH_RESULT_MEANINGS[lower] ?? `Microsoft's composite authentication returned "${result}".`;
  if (reason === null) return base;
  const exact = COMPAUTH_REASON_MEANINGS[reason];
  if (exact) return `${base} ${exact}`;
  const withCode = `${base.slice(0, -1)} (reason ${reason}).`;
  if (REASON_FAMILY_OF_RESULT[lower]?.includes(reason.charAt(0))) return withCode;
  const family = compauthReasonMeaning(reason);
  return family ? `${base} ${family}` : withCode;
}

/** DMARC action= values written by Exchange Online. */
export const DMARC_ACTION_MEANINGS: MeaningTable = {
  none: "No action was taken because of DMARC.",
  oreject:
    "The sender's policy says reject, but Microsoft 365 delivered the message as spam instead (override reject).",
  "o.reject":
    "The sender's policy says reject, but Microsoft 365 delivered the message as spam instead (override reject).",
  "pct.quarantine":
    "The message failed DMARC under a quarantine policy, but the policy's sampling percentage chose not to apply it.",
  "pct.reject":
    "The message failed DMARC under a reject policy, but the policy's sampling percentage chose not to apply it.",
  permerror: "DMARC could not be evaluated: the sender's DMARC record is broken.",
  temperror: "DMARC could not be evaluated because of a temporary DNS error.",
  quarantine: "The sender's DMARC policy asked for quarantine, and it was applied.",
  reject: "The sender's DMARC policy asked for rejection.",
};

export const SPF_RESULT_MEANINGS: MeaningTable = {
  pass: "The sending server is allowed to send for the envelope sender's domain.",
  fail: "The sending server is not allowed to send for the envelope sender's domain, and the domain says to fail such mail (-all).",
  softfail:
    "The sending server is probably not allowed to send for the envelope sender's domain (the domain says ~all).",
  neutral: "The envelope sender's domain makes no statement about this server (?all).",
  none: "The envelope sender's domain publishes no SPF record.",
  temperror: "SPF could not be checked because of a temporary DNS error.",
  permerror: "SPF could not be checked: the domain's SPF record is broken.",
  policy: "SPF passed, but the receiver's local policy did not accept the result.",
};

export const DKIM_RESULT_MEANINGS: MeaningTable = {
  pass: "The message carries a valid signature of the signing domain.",
  fail: "The message's signature did not verify (the message changed on the way, or the signature is forged).",
  none: "The message is not signed.",
  neutral: "A signature was present but could not be evaluated.",
  policy: "A signature verified, but the receiver's local policy did not accept it.",
  temperror: "The signature could not be checked because of a temporary DNS error.",
  permerror: "The signature could not be checked: it or its key is broken.",
  timeout: "The signature could not be checked in time (a DNS look-up timed out).",
};

export const DMARC_RESULT_MEANINGS: MeaningTable = {
  pass: "The sender's domain vouches for this message: SPF or DKIM passed for the From domain.",
  fail: "The sender's domain does not vouch for this message: neither SPF nor DKIM passed for the From domain.",
  bestguesspass:
    "The From domain publishes no DMARC policy, but the message would have passed if it did.",
  none: "The From domain publishes no DMARC policy.",
  temperror: "DMARC could not be checked because of a temporary DNS error.",
  permerror: "DMARC could not be checked: the domain's DMARC record is broken.",
};

export const ARC_RESULT_MEANINGS: MeaningTable = {
  pass: "The chain of forwarding servers (ARC) is intact.",
  fail: "The chain of forwarding servers (ARC) is broken.",
  none: "No forwarding server sealed the message (no ARC).",
};

/** A table's meaning for a code, or null when unknown. Codes are looked up as the table spells them. */
export function meaningOf(table: MeaningTable, code: string | number | null): string | null {
  if (code === null) return null;
  const key = String(code);
  return table[key] ?? table[key.toUpperCase()] ?? table[key.toLowerCase()] ?? null;
}
