import type { ApiError, ReportResponse } from "../api";
import type { HostNotification } from "../office/host";
import type { Remedy, ThreatKind } from "../analysis/remedy";

/**
 * Every notification the "Not spam" button can show. Outlook refuses more than 150 characters,
 * so the variable parts are shortened here and the host cuts anything longer still.
 */

const MAX_SENDER_CHARS = 48;

function shortSender(sender: string | null): string {
  if (!sender) return "this sender";
  return sender.length <= MAX_SENDER_CHARS ? sender : `${sender.slice(0, MAX_SENDER_CHARS - 1)}…`;
}

const info = (text: string): HostNotification => ({ kind: "info", text });
const error = (text: string): HostNotification => ({ kind: "error", text });

function colleagues(response: ReportResponse): string {
  const others = Math.max(0, response.sender.reporters - 1);
  const who = shortSender(response.sender.sender);
  if (others === 0) return `You are the first to vouch for ${who}.`;
  return `You and ${others} colleague${others === 1 ? "" : "s"} vouched for ${who}.`;
}

export function reportedMessage(response: ReportResponse, movedToInbox: boolean): HostNotification {
  const moved = movedToInbox ? " Moved to your Inbox." : "";
  if (response.outcome === "duplicate") {
    const others = Math.max(0, response.sender.reporters - 1);
    const tally = others === 0 ? "" : ` ${others} colleague${others === 1 ? "" : "s"} vouched too.`;
    return info(`You already reported this message.${tally}${moved}`);
  }
  return info(`Reported as not spam. ${colleagues(response)}${moved}`);
}

export const MESSAGES = {
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

/** A final refusal from the service (a 4xx other than 408/429): say why, keep it short. */
export function refusedMessage(apiError: ApiError): HostNotification {
  if (apiError.kind === "http") {
    return error(`Vouch did not accept this report (${apiError.status}): ${apiError.message}`);
  }
  if (apiError.kind === "invalid-response") {
    return error(
      "Vouch's service gave an answer this version cannot read. Open Vouch to check the report.",
    );
  }
  return error(`Vouch did not accept this report: ${apiError.kind}.`);
}

export function unexpectedMessage(cause: unknown): HostNotification {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return error(`Vouch ran into a problem: ${detail.slice(0, 80)}. Open Vouch to try again.`);
}

/** Why a threat was not reported, in a few words (the notification holds 150 characters). */
const THREAT_REASONS: Record<ThreatKind, string> = {
  malware: "Microsoft found malware in it",
  "high-confidence-phishing": "Microsoft is sure it is phishing",
  phishing: "Microsoft judged it to be phishing",
  "intra-org-phishing": "it is phishing from inside your organisation",
  impersonation: "the sender imitates someone you know",
  spoof: "the sender's address looks forged",
  "forged-authentication": "it fakes its own security checks",
  "dmarc-reject": "the sender's domain says it did not send it",
};

/** The button reported nothing, because the rule module offers no "Not spam": say why. */
export function notReportedMessage(remedy: Remedy): HostNotification {
  if (remedy.threat) {
    return error(
      `Not reported: ${THREAT_REASONS[remedy.threat]}. Do not trust it; use Outlook's Report > Report phishing.`,
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
}
