import type { Language } from "../analysis/language";
import type { Remedy, ThreatKind } from "../analysis/remedy";
import type { ApiError, ReportResponse } from "../api";
import type { HostNotification } from "../office/host";

/**
 * Every notification the "Not spam" button can show, in every language of `Language`. Outlook
 * refuses more than 150 characters, so the variable parts are shortened here and the host cuts
 * anything longer still.
 */

const MAX_SENDER_CHARS = 48;

const info = (text: string): HostNotification => ({ kind: "info", text });
const error = (text: string): HostNotification => ({ kind: "error", text });

function shortSender(sender: string | null): string | null {
  if (!sender) return null;
  return sender.length <= MAX_SENDER_CHARS ? sender : `${sender.slice(0, MAX_SENDER_CHARS - 1)}…`;
}

/** Colleagues who vouched besides the person, never negative. */
function othersOf(response: ReportResponse): number {
  return Math.max(0, response.sender.reporters - 1);
}

const FIXED_EN = {
  savedWillRetry: error(
    "Vouch could not reach its service. Your report is saved and will be sent automatically; open Vouch to check on it.",
  ),
  savedSending: info(
    "Your report is saved and Vouch is sending it. Open Vouch to see how it went.",
  ),
  signInNeeded: error(
    "Open Vouch to sign in. Your report is saved and will be sent once you have signed in.",
  ),
  signInTimedOut: error(
    "Vouch could not sign you in in time. Open Vouch to sign in and report this message.",
  ),
  noItem: error("Select a message first, then choose Not spam."),
  noMessageId: error("This message has no Internet message ID yet, so Vouch cannot report it."),
  noHeaders: error(
    "Outlook did not give Vouch this message's headers, so it cannot be reported from here. Open Vouch for other options.",
  ),
  readingTimedOut: error("Reading the message took too long. Try again, or open Vouch."),
  sendingTimedOut: error(
    "Vouch is taking too long to answer. Your report is saved and will be retried; open Vouch to check on it.",
  ),
  reportedMicrosoftSlow: info(
    "Reported as not spam to your IT team. Telling Microsoft took too long; use Outlook's Report button if it stays in Junk.",
  ),
  notConfigured: error(
    "Vouch is not set up on this server yet. Ask your admin to finish its configuration.",
  ),
} as const;

export type FixedNotification = keyof typeof FIXED_EN;

/** One language's notifications: the fixed ones, and those built from an answer or an error. */
export interface Notifications {
  readonly fixed: Readonly<Record<FixedNotification, HostNotification>>;
  reported(response: ReportResponse, movedToInbox: boolean): HostNotification;
  /** A final refusal from the service (a 4xx other than 408/429): say why, keep it short. */
  refused(apiError: ApiError): HostNotification;
  unexpected(cause: unknown): HostNotification;
  /** The button reported nothing, because the rule module offers no "Not spam": say why. */
  notReported(remedy: Remedy): HostNotification;
}

const detailOf = (cause: unknown) =>
  (cause instanceof Error ? cause.message : String(cause)).slice(0, 80);

/** Why a threat was not reported, in a few words (the notification holds 150 characters). */
const THREAT_REASONS: Readonly<Record<Language, Readonly<Record<ThreatKind, string>>>> = {
  en: {
    malware: "Microsoft found malware in it",
    "high-confidence-phishing": "Microsoft is sure it is phishing",
    phishing: "Microsoft judged it to be phishing",
    "intra-org-phishing": "it is phishing from inside your organisation",
    impersonation: "the sender imitates someone you know",
    spoof: "the sender's address looks forged",
    "forged-authentication": "it fakes its own security checks",
    "dmarc-reject": "the sender's domain says it did not send it",
  },
  de: {
    malware: "Microsoft hat darin Schadsoftware gefunden",
    "high-confidence-phishing": "Microsoft ist sicher, dass es Phishing ist",
    phishing: "Microsoft stuft sie als Phishing ein",
    "intra-org-phishing": "es ist Phishing aus Ihrer eigenen Organisation",
    impersonation: "der Absender ahmt jemanden nach, den Sie kennen",
    spoof: "die Absenderadresse wirkt gefälscht",
    "forged-authentication": "sie fälscht ihre eigenen Sicherheitsprüfungen",
    "dmarc-reject": "die Domäne des Absenders bestreitet, sie gesendet zu haben",
  },
};

const en: Notifications = {
  fixed: FIXED_EN,
  reported: (response, movedToInbox) => {
    const moved = movedToInbox ? " Moved to your Inbox." : "";
    const others = othersOf(response);
    const colleagues = (n: number) => `${n} colleague${n === 1 ? "" : "s"}`;
    if (response.outcome === "duplicate") {
      const tally = others === 0 ? "" : ` ${colleagues(others)} vouched too.`;
      return info(`You already reported this message.${tally}${moved}`);
    }
    const who = shortSender(response.sender.sender) ?? "this sender";
    const vouched =
      others === 0
        ? `You are the first to vouch for ${who}.`
        : `You and ${colleagues(others)} vouched for ${who}.`;
    return info(`Reported as not spam. ${vouched}${moved}`);
  },
  refused: (apiError) => {
    if (apiError.kind === "http") {
      return error(`Vouch did not accept this report (${apiError.status}): ${apiError.message}`);
    }
    if (apiError.kind === "invalid-response") {
      return error(
        "Vouch's service gave an answer this version cannot read. Open Vouch to check the report.",
      );
    }
    return error(`Vouch did not accept this report: ${apiError.kind}.`);
  },
  unexpected: (cause) => {
    return error(`Vouch ran into a problem: ${detailOf(cause)}. Open Vouch to try again.`);
  },
  notReported: (remedy) => {
    if (remedy.threat) {
      return error(
        `Not reported: ${THREAT_REASONS.en[remedy.threat]}. Do not trust it; use Outlook's Report > Report phishing.`,
      );
    }
    switch (remedy.situation) {
      case "not-junked":
        return info("Not reported: this message is not in Junk, so there is nothing to rescue.");
      case "allowed":
        return info("Not reported: this sender is already allowed, so there is nothing to rescue.");
      default:
        return info("Not reported: a report would not help this message. Open Vouch to see why.");
    }
  },
};

const de: Notifications = {
  fixed: {
    savedWillRetry: error(
      "Vouch erreicht seinen Dienst nicht. Ihre Meldung ist gespeichert und wird automatisch gesendet; öffnen Sie Vouch, um sie zu prüfen.",
    ),
    savedSending: info(
      "Ihre Meldung ist gespeichert und wird gesendet. Öffnen Sie Vouch, um zu sehen, wie es ausging.",
    ),
    signInNeeded: error(
      "Öffnen Sie Vouch, um sich anzumelden. Ihre Meldung ist gespeichert und wird nach der Anmeldung gesendet.",
    ),
    signInTimedOut: error(
      "Die Anmeldung hat zu lange gedauert. Öffnen Sie Vouch, um sich anzumelden und diese Nachricht zu melden.",
    ),
    noItem: error("Wählen Sie zuerst eine Nachricht aus, dann „Kein Spam“."),
    noMessageId: error(
      "Diese Nachricht hat noch keine Internet-Nachrichten-ID, daher kann Vouch sie nicht melden.",
    ),
    noHeaders: error(
      "Outlook hat Vouch die Kopfzeilen dieser Nachricht nicht gegeben, daher geht die Meldung hier nicht. Öffnen Sie Vouch.",
    ),
    readingTimedOut: error(
      "Das Lesen der Nachricht hat zu lange gedauert. Versuchen Sie es erneut, oder öffnen Sie Vouch.",
    ),
    sendingTimedOut: error(
      "Vouch antwortet nicht rechtzeitig. Ihre Meldung ist gespeichert und wird erneut gesendet; öffnen Sie Vouch, um sie zu prüfen.",
    ),
    reportedMicrosoftSlow: info(
      "Ihrer IT als „kein Spam“ gemeldet. Microsoft antwortete nicht rechtzeitig; nutzen Sie „Melden“ in Outlook, falls sie im Junk bleibt.",
    ),
    notConfigured: error(
      "Vouch ist auf diesem Server noch nicht eingerichtet. Bitten Sie Ihren Administrator, die Einrichtung abzuschließen.",
    ),
  },
  reported: (response, movedToInbox) => {
    const moved = movedToInbox ? " Jetzt im Posteingang." : "";
    const others = othersOf(response);
    const colleagues = (n: number) => `${n} ${n === 1 ? "Kollege" : "Kollegen"}`;
    if (response.outcome === "duplicate") {
      const tally =
        others === 0
          ? ""
          : ` ${colleagues(others)} ${others === 1 ? "hat" : "haben"} sich ebenfalls verbürgt.`;
      return info(`Sie hatten diese Nachricht bereits gemeldet.${tally}${moved}`);
    }
    const who = shortSender(response.sender.sender) ?? "diesen Absender";
    const vouched =
      others === 0
        ? `Vor Ihnen hat sich noch niemand für ${who} verbürgt.`
        : `Sie und ${colleagues(others)} haben sich für ${who} verbürgt.`;
    return info(`Als „kein Spam“ gemeldet. ${vouched}${moved}`);
  },
  refused: (apiError) => {
    if (apiError.kind === "http") {
      return error(
        `Vouch hat diese Meldung nicht angenommen (${apiError.status}): ${apiError.message}`,
      );
    }
    if (apiError.kind === "invalid-response") {
      return error(
        "Der Dienst von Vouch hat eine Antwort gegeben, die diese Version nicht lesen kann. Öffnen Sie Vouch, um die Meldung zu prüfen.",
      );
    }
    return error(`Vouch hat diese Meldung nicht angenommen: ${apiError.kind}.`);
  },
  unexpected: (cause) => {
    return error(
      `Bei Vouch ist ein Problem aufgetreten: ${detailOf(cause)}. Öffnen Sie Vouch, um es erneut zu versuchen.`,
    );
  },
  notReported: (remedy) => {
    if (remedy.threat) {
      return error(
        `Nicht gemeldet: ${THREAT_REASONS.de[remedy.threat]}. Vertrauen Sie ihr nicht; melden Sie sie in Outlook als Phishing.`,
      );
    }
    switch (remedy.situation) {
      case "not-junked":
        return info(
          "Nicht gemeldet: Diese Nachricht ist nicht im Junk-E-Mail-Ordner, es gibt nichts zu retten.",
        );
      case "allowed":
        return info(
          "Nicht gemeldet: Dieser Absender ist bereits zugelassen, es gibt nichts zu retten.",
        );
      default:
        return info(
          "Nicht gemeldet: Eine Meldung würde bei dieser Nachricht nicht helfen. Öffnen Sie Vouch, um zu sehen, warum.",
        );
    }
  },
};

const NOTIFICATIONS: Readonly<Record<Language, Notifications>> = { en, de };

export function notificationsFor(language: Language): Notifications {
  return NOTIFICATIONS[language] ?? en;
}

/** The English notifications, as the tests and the CLI-like callers name them. */
export const MESSAGES = en.fixed;
export const reportedMessage = en.reported;
export const refusedMessage = en.refused;
export const unexpectedMessage = en.unexpected;
export const notReportedMessage = en.notReported;
