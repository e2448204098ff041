/**
 * What each code in Microsoft's anti-spam stamps and in Authentication-Results means, in plain
 * words, in every language of `Language`. The task pane shows every code with its meaning beside
 * it, so these tables are public. Sources: ../shared/reference/platform-facts.md §4 (Microsoft's
 * message header reference); the German follows Microsoft's German Defender documentation where
 * it names a thing (Liste sicherer Absender, Nachrichtenflussregel, IP-Zulassungsliste).
 */
import type { Language } from "./language";

/** One table of codes and their meanings, the same codes in every language. */
export type MeaningTable = Readonly<Record<Language, Readonly<Record<string, string>>>>;

/** A table whose German must name exactly the codes of its English: a gap fails the type-check. */
function table<const Code extends string>(
  en: Readonly<Record<Code, string>>,
  de: NoInfer<Readonly<Record<Code, string>>>,
): MeaningTable & { readonly en: Readonly<Record<Code, string>> } {
  return { en, de };
}

/** X-Forefront-Antispam-Report SFV: the spam filtering verdict. */
export const SFV_MEANINGS = table(
  {
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
  },
  {
    BLK: "Der Absender steht auf der eigenen Liste blockierter Absender des Empfängers, daher wurde die Nachricht ohne weitere Filterung blockiert.",
    NSPM: "Der Spamfilter hat entschieden, dass die Nachricht kein Spam ist.",
    SFE: "Der Absender steht auf der eigenen Liste sicherer Absender des Empfängers, daher wurde die Spamfilterung übersprungen.",
    SKA: "Der Absender steht auf einer Zulassungsliste der Antispamrichtlinie Ihrer Organisation, daher wurde die Spamfilterung übersprungen.",
    SKB: "Der Absender steht auf einer Sperrliste der Antispamrichtlinie Ihrer Organisation, daher wurde die Nachricht als Spam markiert.",
    SKI: "Die Spamfilterung wurde aus einem anderen Grund übersprungen (zum Beispiel bei E-Mails innerhalb der Organisation oder wegen der IP-Zulassungsliste).",
    SKN: "Eine Nachrichtenflussregel Ihrer Organisation hat die Nachricht vor der Filterung als „kein Spam“ markiert.",
    SKQ: "Die Nachricht wurde aus der Quarantäne freigegeben.",
    SKS: "Eine Nachrichtenflussregel Ihrer Organisation hat die Nachricht vor der Filterung als Spam markiert.",
    SPM: "Der Spamfilter hat entschieden, dass die Nachricht Spam ist.",
  },
);

/** X-Forefront-Antispam-Report CAT: the protection that decided the outcome. */
export const CAT_MEANINGS = table(
  {
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
  },
  {
    AMP: "Antischadsoftware-Richtlinie.",
    BIMP: "Markenimitation: Die Nachricht ahmt eine bekannte Marke nach.",
    BULK: "Massenmail (Newsletter, Werbung).",
    DIMP: "Domänenimitation: Die Domäne des Absenders ahmt eine Ihnen bekannte Domäne nach.",
    FTBP: "Der Dateitypfilter des Schadsoftwareschutzes (eine gesperrte Art von Anhang).",
    GIMP: "Imitation laut Postfachintelligenz: Der Absender ahmt jemanden nach, mit dem Sie schreiben.",
    HPHSH: "Phishing mit hoher Wahrscheinlichkeit.",
    HPHISH: "Phishing mit hoher Wahrscheinlichkeit.",
    HSPM: "Spam mit hoher Wahrscheinlichkeit.",
    INTOS: "Phishing, das aus Ihrer Organisation heraus gesendet wurde.",
    MALW: "Schadsoftware.",
    NONE: "Keine Schutzkategorie angewendet.",
    OSPM: "Ausgehender Spam.",
    PHSH: "Phishing.",
    SAP: "Sichere Anlagen hat einen schädlichen Anhang gefunden.",
    SPM: "Spam.",
    SPOOF:
      "Spoofing: Die Absenderadresse ist gefälscht (dazu zählt auch die Durchsetzung von DMARC).",
    UIMP: "Benutzerimitation: Der Absender ahmt eine Ihnen bekannte Person nach.",
  },
);

/** SCL: spam confidence level, -1 to 9 (the organisation header allows up to 10). */
export const SCL_MEANINGS = table(
  {
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
  },
  {
    "-1": "Die Spamfilterung wurde übersprungen (sicherer Absender, IP-Zulassungsliste oder Nachrichtenflussregel); zugestellt in den Posteingang.",
    "0": "Kein Spam; zugestellt in den Posteingang.",
    "1": "Kein Spam; zugestellt in den Posteingang.",
    "2": "Wird vom Microsoft-Filter nicht verwendet.",
    "3": "Wird vom Microsoft-Filter nicht verwendet.",
    "4": "Wird vom Microsoft-Filter nicht verwendet.",
    "5": "Spam; landet standardmäßig im Junk-E-Mail-Ordner.",
    "6": "Spam; landet standardmäßig im Junk-E-Mail-Ordner.",
    "7": "Spam mit hoher Wahrscheinlichkeit; landet im Junk-E-Mail-Ordner oder in der Quarantäne.",
    "8": "Spam mit hoher Wahrscheinlichkeit; landet im Junk-E-Mail-Ordner oder in der Quarantäne.",
    "9": "Spam mit hoher Wahrscheinlichkeit; landet im Junk-E-Mail-Ordner oder in der Quarantäne.",
    "10": "Außerhalb des von Microsoft dokumentierten Bereichs.",
  },
);

/** BCL: bulk complaint level, 0 to 9. */
export const BCL_MEANINGS = table(
  {
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
  },
  {
    "0": "Kein Massenmail-Absender.",
    "1": "Ein Massenmail-Absender, über den sich wenige beschweren.",
    "2": "Ein Massenmail-Absender, über den sich wenige beschweren.",
    "3": "Ein Massenmail-Absender, über den sich wenige beschweren.",
    "4": "Ein Massenmail-Absender mit gemischten Beschwerden.",
    "5": "Ein Massenmail-Absender mit gemischten Beschwerden (mit der strengen Voreinstellung, Schwelle 5, als Junk eingestuft).",
    "6": "Ein Massenmail-Absender mit gemischten Beschwerden (mit der Standardvoreinstellung, Schwelle 6, als Junk eingestuft).",
    "7": "Ein Massenmail-Absender mit gemischten Beschwerden (mit der Standardrichtlinie, Schwelle 7, als Junk eingestuft).",
    "8": "Ein Massenmail-Absender, über den sich viele beschweren.",
    "9": "Ein Massenmail-Absender, über den sich viele beschweren.",
  },
);

/** SFTY: safety tip / phishing sub-verdict. */
export const SFTY_MEANINGS = table(
  {
    "9.19": "Domain impersonation: the sender's domain imitates a protected domain.",
    "9.20": "User impersonation: the sender imitates a protected person.",
    "9.25": "First contact: the recipient does not often get mail from this sender.",
  },
  {
    "9.19": "Domänenimitation: Die Domäne des Absenders ahmt eine geschützte Domäne nach.",
    "9.20": "Benutzerimitation: Der Absender ahmt eine geschützte Person nach.",
    "9.25": "Erstkontakt: Der Empfänger erhält selten E-Mails von diesem Absender.",
  },
);

/** SRV: bulk classification. */
export const SRV_MEANINGS = table(
  {
    BULK: "Classified as bulk mail because its bulk complaint level reached the policy's threshold.",
  },
  {
    BULK: "Als Massenmail eingestuft, weil die Beschwerdestufe (BCL) die Schwelle der Richtlinie erreicht hat.",
  },
);

/** IPV: IP verdict of the connection filter. */
export const IPV_MEANINGS = table(
  {
    CAL: "The connecting server is on the organisation's IP Allow List, so spam filtering was skipped.",
    NLI: "The connecting server's IP address is not on any reputation list.",
  },
  {
    CAL: "Der verbindende Server steht auf der IP-Zulassungsliste Ihrer Organisation, daher wurde die Spamfilterung übersprungen.",
    NLI: "Die IP-Adresse des verbindenden Servers steht auf keiner Reputationsliste.",
  },
);

/** DIR: direction of the message. */
export const DIR_MEANINGS = table(
  {
    INB: "Inbound: from outside the organisation.",
    OUT: "Outbound: to outside the organisation.",
    INT: "Internal: within the organisation.",
  },
  {
    INB: "Eingehend: von außerhalb der Organisation.",
    OUT: "Ausgehend: an Empfänger außerhalb der Organisation.",
    INT: "Intern: innerhalb der Organisation.",
  },
);

/** X-Microsoft-Antispam-Mailbox-Delivery dest: the folder the mailbox put the message in. */
export const MAILBOX_DEST_MEANINGS = table(
  {
    I: "The Inbox.",
    J: "The Junk Email folder.",
    C: "A custom folder (for example by an inbox rule).",
  },
  {
    I: "Der Posteingang.",
    J: "Der Junk-E-Mail-Ordner.",
    C: "Ein eigener Ordner (zum Beispiel durch eine Posteingangsregel).",
  },
);

/**
 * X-Microsoft-Antispam-Mailbox-Delivery OFR: why the mailbox chose the folder. Microsoft does
 * not document these; the meanings are what the values are observed to go with.
 */
export const OFR_MEANINGS = table(
  {
    TrustedSenderList:
      "The sender is on the recipient's Safe Senders list, so the mailbox delivered it to the Inbox.",
    SpamFilterAuthJ:
      "Microsoft's spam filter, not Outlook's own junk filter, had the mailbox put it in Junk.",
    CustomRules: "One of the recipient's own inbox rules chose the folder.",
    ExclusiveSettings:
      "The recipient's own junk settings chose the folder (for example, trusting only the Safe Senders list).",
  },
  {
    TrustedSenderList:
      "Der Absender steht auf der Liste sicherer Absender des Empfängers, daher hat das Postfach die Nachricht in den Posteingang zugestellt.",
    SpamFilterAuthJ:
      "Der Spamfilter von Microsoft, nicht der eigene Junk-E-Mail-Filter von Outlook, hat das Postfach die Nachricht in den Junk-E-Mail-Ordner legen lassen.",
    CustomRules: "Eine eigene Posteingangsregel des Empfängers hat den Ordner bestimmt.",
    ExclusiveSettings:
      "Die eigenen Junk-E-Mail-Einstellungen des Empfängers haben den Ordner bestimmt (zum Beispiel: nur der Liste sicherer Absender vertrauen).",
  },
);

/** Mailbox delivery RF: the folder the message was routed to (undocumented, observed). */
export const RF_MEANINGS = table(
  { JunkEmail: "Routed to the Junk Email folder." },
  { JunkEmail: "In den Junk-E-Mail-Ordner geleitet." },
);

/** Mailbox delivery wl: an allow (safe) list let the message through (undocumented, observed). */
export const WL_MEANINGS = table(
  {
    "0": "No allow list let it through.",
    "1": "An allow list (a safe sender or an allow entry) let it through.",
  },
  {
    "0": "Keine Zulassungsliste hat die Nachricht durchgelassen.",
    "1": "Eine Zulassungsliste (ein sicherer Absender oder ein Zulassungseintrag) hat die Nachricht durchgelassen.",
  },
);

/** Mailbox delivery pcwl: the recipient's personal safe list matched (undocumented, observed). */
export const PCWL_MEANINGS = table(
  {
    "0": "The recipient's personal safe list did not match the sender.",
    "1": "The recipient's personal safe list (Safe Senders or contacts) matched the sender.",
  },
  {
    "0": "Die persönliche Liste sicherer Absender des Empfängers passte nicht zum Absender.",
    "1": "Die persönliche Liste sicherer Absender des Empfängers (sichere Absender oder Kontakte) passte zum Absender.",
  },
);

/**
 * PCL, the phishing confidence level (X-Microsoft-Antispam PCL: or X-MS-Exchange-Organization-PCL).
 * Microsoft's only definition is on-premises Exchange 2013's: 1-3 neutral, 4-8 suspicious; the
 * cloud documentation no longer describes it, so nothing is decided on it.
 */
export const PCL_MEANINGS = table(
  {
    "1": "Neutral: the content is probably not phishing.",
    "2": "Neutral: the content is probably not phishing.",
    "3": "Neutral: the content is probably not phishing.",
    "4": "Suspicious: the content may be phishing.",
    "5": "Suspicious: the content may be phishing.",
    "6": "Suspicious: the content may be phishing.",
    "7": "Suspicious: the content may be phishing.",
    "8": "Suspicious: the content may be phishing.",
  },
  {
    "1": "Neutral: Der Inhalt ist wahrscheinlich kein Phishing.",
    "2": "Neutral: Der Inhalt ist wahrscheinlich kein Phishing.",
    "3": "Neutral: Der Inhalt ist wahrscheinlich kein Phishing.",
    "4": "Verdächtig: Der Inhalt könnte Phishing sein.",
    "5": "Verdächtig: Der Inhalt könnte Phishing sein.",
    "6": "Verdächtig: Der Inhalt könnte Phishing sein.",
    "7": "Verdächtig: Der Inhalt könnte Phishing sein.",
    "8": "Verdächtig: Der Inhalt könnte Phishing sein.",
  },
);

/**
 * X-MS-Exchange-Organization-AuthAs: how Exchange authenticated the message as it came in
 * (observed values, matching Exchange's transport authentication sources).
 */
export const AUTH_AS_MEANINGS = table(
  {
    Anonymous: "Received from the internet without authentication.",
    Internal:
      "Sent from inside the organisation (an authenticated mailbox or one of its own servers).",
    Partner: "Received over a connector the organisation set up for a partner.",
  },
  {
    Anonymous: "Ohne Authentifizierung aus dem Internet empfangen.",
    Internal:
      "Innerhalb der Organisation gesendet (von einem angemeldeten Postfach oder einem ihrer eigenen Server).",
    Partner:
      "Über einen Connector empfangen, den die Organisation für einen Partner eingerichtet hat.",
  },
);

/** Words for the stamps that have no code table, in each language. */
export const STAMP_LABELS = {
  en: {
    endToEndLatency: (seconds: string) =>
      `Exchange took ${seconds} s from accepting the message to delivering it to the mailbox.`,
    receivedSpf:
      "The receiving server's own SPF check (Received-SPF); shown, not used for the verdict.",
    original:
      "What a server said before the message was forwarded (Authentication-Results-Original); shown, never trusted.",
  },
  de: {
    endToEndLatency: (seconds: string) =>
      `Exchange brauchte ${seconds} s von der Annahme der Nachricht bis zur Zustellung ins Postfach.`,
    receivedSpf:
      "Die eigene SPF-Prüfung des empfangenden Servers (Received-SPF); angezeigt, nicht für das Urteil verwendet.",
    original:
      "Was ein Server sagte, bevor die Nachricht weitergeleitet wurde (Authentication-Results-Original); angezeigt, nie vertraut.",
  },
} as const satisfies Record<
  Language,
  { endToEndLatency: (seconds: string) => string; receivedSpf: string; original: string }
>;

/** compauth result values. */
export const COMPAUTH_RESULT_MEANINGS = table(
  {
    pass: "Microsoft's composite authentication confirmed the sender's domain.",
    fail: "Microsoft's composite authentication could not confirm the sender's domain.",
    softpass: "Microsoft's composite authentication soft-passed the sender's domain.",
    none: "Microsoft's composite authentication did not check the sender's domain.",
  },
  {
    pass: "Die zusammengesetzte Authentifizierung von Microsoft hat die Domäne des Absenders bestätigt.",
    fail: "Die zusammengesetzte Authentifizierung von Microsoft konnte die Domäne des Absenders nicht bestätigen.",
    softpass:
      "Die zusammengesetzte Authentifizierung von Microsoft hat die Domäne des Absenders mit Vorbehalt bestätigt.",
    none: "Die zusammengesetzte Authentifizierung von Microsoft hat die Domäne des Absenders nicht geprüft.",
  },
);

/** compauth reason codes that Microsoft documents exactly. */
export const COMPAUTH_REASON_MEANINGS = table(
  {
    "000":
      "Explicit failure: the sender's domain publishes a DMARC policy of quarantine or reject, and the message failed DMARC.",
    "001":
      "Implicit failure: the sender's domain has no or weak email authentication (no records, SPF ~all or ?all, or DMARC p=none), and nothing else vouched for the message.",
    "002":
      "The organisation's admin explicitly prohibits this sender and sending server from sending as this domain.",
    "010":
      "The message failed DMARC with quarantine or reject, and the From domain is one of the organisation's own domains.",
    "130":
      "Passed because a trusted ARC sealer vouched for the message, overriding a DMARC failure.",
  },
  {
    "000":
      "Ausdrücklicher Fehlschlag: Die Domäne des Absenders veröffentlicht eine DMARC-Richtlinie „quarantine“ oder „reject“, und die Nachricht hat DMARC nicht bestanden.",
    "001":
      "Impliziter Fehlschlag: Die Domäne des Absenders hat keine oder nur eine schwache E-Mail-Authentifizierung (keine Einträge, SPF ~all oder ?all, oder DMARC p=none), und nichts anderes hat sich für die Nachricht verbürgt.",
    "002":
      "Der Administrator Ihrer Organisation verbietet diesem Absender und sendenden Server ausdrücklich, im Namen dieser Domäne zu senden.",
    "010":
      "Die Nachricht hat DMARC mit „quarantine“ oder „reject“ nicht bestanden, und die Von-Domäne ist eine der eigenen Domänen Ihrer Organisation.",
    "130":
      "Bestanden, weil ein vertrauenswürdiger ARC-Versiegler sich für die Nachricht verbürgt hat; das hebt einen DMARC-Fehlschlag auf.",
  },
);

/**
 * compauth reason families by hundreds digit (1xx/7xx pass, 2xx soft pass, 3xx not checked,
 * 4xx/9xx bypassed, 6xx implicit failure for one of the organisation's own domains, 0xx failed).
 */
const COMPAUTH_REASON_FAMILIES = table(
  {
    "1": "Passed: the sender's domain was confirmed.",
    "7": "Passed: the sender's domain was confirmed.",
    "2": "Soft-passed: weak (implicit) authentication of the sender's domain.",
    "3": "Not checked.",
    "4": "Composite authentication was bypassed.",
    "9": "Composite authentication was bypassed.",
    "6": "Implicit failure, and the From domain is one of the organisation's own domains.",
    "0": "Failed.",
  },
  {
    "1": "Bestanden: Die Domäne des Absenders wurde bestätigt.",
    "7": "Bestanden: Die Domäne des Absenders wurde bestätigt.",
    "2": "Mit Vorbehalt bestanden: schwache (implizite) Authentifizierung der Domäne des Absenders.",
    "3": "Nicht geprüft.",
    "4": "Die zusammengesetzte Authentifizierung wurde umgangen.",
    "9": "Die zusammengesetzte Authentifizierung wurde umgangen.",
    "6": "Impliziter Fehlschlag, und die Von-Domäne ist eine der eigenen Domänen Ihrer Organisation.",
    "0": "Fehlgeschlagen.",
  },
);

/** The meaning of a compauth reason code: the exact code when documented, else its family. */
export function compauthReasonMeaning(
  reason: string | null,
  language: Language = "en",
): string | null {
  if (reason === null) return null;
  return (
    COMPAUTH_REASON_MEANINGS[language][reason] ??
    COMPAUTH_REASON_FAMILIES[language][reason.charAt(0)] ??
    null
  );
}

/** Reason families that only repeat what the result already says (1xx/7xx pass, 2xx soft pass, 3xx none). */
const REASON_FAMILY_OF_RESULT: Readonly<Record<string, readonly string[]>> = {
  pass: ["1", "7"],
  softpass: ["2"],
  none: ["3"],
};

const UNKNOWN_COMPAUTH_RESULT: Record<Language, (result: string) => string> = {
  en: (result) => `Microsoft's composite authentication returned "${result}".`,
  de: (result) => `Die zusammengesetzte Authentifizierung von Microsoft ergab „${result}“.`,
};

const WITH_REASON_CODE: Record<Language, (base: string, reason: string) => string> = {
  en: (base, reason) => `${base.slice(0, -1)} (reason ${reason}).`,
  de: (base, reason) => `${base.slice(0, -1)} (Grund ${reason}).`,
};

/** The plain meaning of a compauth result with its reason, for `auth.compauth.meaning`. */
export function compauthMeaning(
  result: string,
  reason: string | null,
  language: Language = "en",
): string {
  const lower = result.toLowerCase();
  const base =
    COMPAUTH_RESULT_MEANINGS[language][lower] ?? UNKNOWN_COMPAUTH_RESULT[language](result);
  if (reason === null) return base;
  const exact = COMPAUTH_REASON_MEANINGS[language][reason];
  if (exact) return `${base} ${exact}`;
  const withCode = WITH_REASON_CODE[language](base, reason);
  if (REASON_FAMILY_OF_RESULT[lower]?.includes(reason.charAt(0))) return withCode;
  const family = COMPAUTH_REASON_FAMILIES[language][reason.charAt(0)];
  return family ? `${base} ${family}` : withCode;
}

/** DMARC action= values written by Exchange Online (and p= policies, which share the words). */
export const DMARC_ACTION_MEANINGS = table(
  {
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
  },
  {
    none: "Wegen DMARC wurde nichts unternommen.",
    oreject:
      "Die Richtlinie des Absenders verlangt Abweisen, aber Microsoft 365 hat die Nachricht stattdessen als Spam zugestellt (Abweisen übersteuert).",
    "o.reject":
      "Die Richtlinie des Absenders verlangt Abweisen, aber Microsoft 365 hat die Nachricht stattdessen als Spam zugestellt (Abweisen übersteuert).",
    "pct.quarantine":
      "Die Nachricht hat DMARC unter einer Quarantäne-Richtlinie nicht bestanden, aber der Stichprobenanteil der Richtlinie hat sie nicht angewendet.",
    "pct.reject":
      "Die Nachricht hat DMARC unter einer Abweisungsrichtlinie nicht bestanden, aber der Stichprobenanteil der Richtlinie hat sie nicht angewendet.",
    permerror:
      "DMARC konnte nicht ausgewertet werden: Der DMARC-Eintrag des Absenders ist fehlerhaft.",
    temperror: "DMARC konnte wegen eines vorübergehenden DNS-Fehlers nicht ausgewertet werden.",
    quarantine: "Die DMARC-Richtlinie des Absenders verlangt Quarantäne, und das wurde angewendet.",
    reject: "Die DMARC-Richtlinie des Absenders verlangt, die Nachricht abzuweisen.",
  },
);

export const SPF_RESULT_MEANINGS = table(
  {
    pass: "The sending server is allowed to send for the envelope sender's domain.",
    fail: "The sending server is not allowed to send for the envelope sender's domain, and the domain says to fail such mail (-all).",
    softfail:
      "The sending server is probably not allowed to send for the envelope sender's domain (the domain says ~all).",
    neutral: "The envelope sender's domain makes no statement about this server (?all).",
    none: "The envelope sender's domain publishes no SPF record.",
    temperror: "SPF could not be checked because of a temporary DNS error.",
    permerror: "SPF could not be checked: the domain's SPF record is broken.",
    policy: "SPF passed, but the receiver's local policy did not accept the result.",
  },
  {
    pass: "Der sendende Server darf für die Domäne des Umschlagabsenders senden.",
    fail: "Der sendende Server darf nicht für die Domäne des Umschlagabsenders senden, und die Domäne verlangt, solche E-Mails abzulehnen (-all).",
    softfail:
      "Der sendende Server darf wahrscheinlich nicht für die Domäne des Umschlagabsenders senden (die Domäne gibt ~all an).",
    neutral: "Die Domäne des Umschlagabsenders macht zu diesem Server keine Aussage (?all).",
    none: "Die Domäne des Umschlagabsenders veröffentlicht keinen SPF-Eintrag.",
    temperror: "SPF konnte wegen eines vorübergehenden DNS-Fehlers nicht geprüft werden.",
    permerror: "SPF konnte nicht geprüft werden: Der SPF-Eintrag der Domäne ist fehlerhaft.",
    policy:
      "SPF wurde bestanden, aber die lokale Richtlinie des Empfängers hat das Ergebnis nicht akzeptiert.",
  },
);

export const DKIM_RESULT_MEANINGS = table(
  {
    pass: "The message carries a valid signature of the signing domain.",
    fail: "The message's signature did not verify (the message changed on the way, or the signature is forged).",
    none: "The message is not signed.",
    neutral: "A signature was present but could not be evaluated.",
    policy: "A signature verified, but the receiver's local policy did not accept it.",
    temperror: "The signature could not be checked because of a temporary DNS error.",
    permerror: "The signature could not be checked: it or its key is broken.",
    timeout: "The signature could not be checked in time (a DNS look-up timed out).",
  },
  {
    pass: "Die Nachricht trägt eine gültige Signatur der signierenden Domäne.",
    fail: "Die Signatur der Nachricht ließ sich nicht bestätigen (die Nachricht wurde unterwegs verändert, oder die Signatur ist gefälscht).",
    none: "Die Nachricht ist nicht signiert.",
    neutral: "Eine Signatur war vorhanden, konnte aber nicht ausgewertet werden.",
    policy:
      "Eine Signatur wurde bestätigt, aber die lokale Richtlinie des Empfängers hat sie nicht akzeptiert.",
    temperror: "Die Signatur konnte wegen eines vorübergehenden DNS-Fehlers nicht geprüft werden.",
    permerror: "Die Signatur konnte nicht geprüft werden: Sie oder ihr Schlüssel ist fehlerhaft.",
    timeout:
      "Die Signatur konnte nicht rechtzeitig geprüft werden (eine DNS-Abfrage hat zu lange gedauert).",
  },
);

export const DMARC_RESULT_MEANINGS = table(
  {
    pass: "The sender's domain vouches for this message: SPF or DKIM passed for the From domain.",
    fail: "The sender's domain does not vouch for this message: neither SPF nor DKIM passed for the From domain.",
    bestguesspass:
      "The From domain publishes no DMARC policy, but the message would have passed if it did.",
    none: "The From domain publishes no DMARC policy.",
    temperror: "DMARC could not be checked because of a temporary DNS error.",
    permerror: "DMARC could not be checked: the domain's DMARC record is broken.",
  },
  {
    pass: "Die Domäne des Absenders verbürgt sich für diese Nachricht: SPF oder DKIM wurde für die Von-Domäne bestanden.",
    fail: "Die Domäne des Absenders verbürgt sich nicht für diese Nachricht: Weder SPF noch DKIM wurde für die Von-Domäne bestanden.",
    bestguesspass:
      "Die Von-Domäne veröffentlicht keine DMARC-Richtlinie, aber die Nachricht hätte bestanden, wenn sie eine hätte.",
    none: "Die Von-Domäne veröffentlicht keine DMARC-Richtlinie.",
    temperror: "DMARC konnte wegen eines vorübergehenden DNS-Fehlers nicht geprüft werden.",
    permerror: "DMARC konnte nicht geprüft werden: Der DMARC-Eintrag der Domäne ist fehlerhaft.",
  },
);

export const ARC_RESULT_MEANINGS = table(
  {
    pass: "The chain of forwarding servers (ARC) is intact.",
    fail: "The chain of forwarding servers (ARC) is broken.",
    none: "No forwarding server sealed the message (no ARC).",
  },
  {
    pass: "Die Kette der weiterleitenden Server (ARC) ist intakt.",
    fail: "Die Kette der weiterleitenden Server (ARC) ist unterbrochen.",
    none: "Kein weiterleitender Server hat die Nachricht versiegelt (kein ARC).",
  },
);

/**
 * A table's meaning for a code in a language (English by default), or null when unknown.
 * Codes are looked up as the table spells them, then in upper and in lower case.
 */
export function meaningOf(
  meanings: MeaningTable,
  code: string | number | null,
  language: Language = "en",
): string | null {
  if (code === null) return null;
  const key = String(code);
  const texts = meanings[language];
  return texts[key] ?? texts[key.toUpperCase()] ?? texts[key.toLowerCase()] ?? null;
}
