import type { ReportSummary } from "../storage/types";

/** What an alert says, fixed when it is raised and kept in the outbox row until delivered. */
export interface AlertMessage {
  /**
   * "test": an admin's test of a channel; nothing was reported. "seen-in-junk": the Junk sweep
   * found the sender's mail in Junk; nobody reported it and it counts as no vouch.
   */
  kind: "critical-sender" | "seen-in-junk" | "test";
  alertId: string | null;
  senderKey: string;
  label: string;
  /** False: the From named a critical sender that nothing vouched for (forged or broken). */
  authenticated: boolean;
  reporters: number;
  reports: number;
  firstReportAt: string;
  proposal: { id: string; status: string } | null;
  evidence: Pick<ReportSummary, "junked" | "sfv" | "scl" | "cat" | "dmarc" | "compauth">;
  /** The console, where the admin acts. */
  consoleUrl: string;
  /** "seen-in-junk" only: the day (UTC) and in how many swept mailboxes its mail was found. */
  seenInJunk?: { day: string; mailboxes: number };
}

export type AlertLanguage = "en" | "de";

/** Sweep alerts' ids start so (sightings.ts): the console tells them from reports' alerts. */
export const SWEEP_ALERT_PREFIX = "seen-in-junk-";

interface AlertTexts {
  title(message: AlertMessage): string;
  lead(message: AlertMessage): string;
  sender: string;
  authentication: string;
  authenticated: string;
  unauthenticated: string;
  reportedBy(people: number): string;
  seenInJunk(mailboxes: number): string;
  firstReport: string;
  filter: string;
  proposal: string;
  noProposal: string;
  open: string;
}

const EN: AlertTexts = {
  title: (m) =>
    m.kind === "test"
      ? "Vouch: test alert"
      : m.kind === "seen-in-junk"
        ? `Vouch: the Junk sweep found mail from ${m.label} in Junk`
        : m.authenticated
          ? `Vouch: mail from ${m.label} landed in Junk`
          : `Vouch: unauthenticated mail naming ${m.label} in Junk`,
  lead: (m) =>
    m.kind === "test"
      ? "This is a test of this alert channel. Nothing was reported."
      : m.kind === "seen-in-junk"
        ? `The Junk sweep found authenticated mail from ${m.label}, one of your critical senders, in Junk. Nobody reported it yet, and a sighting is not a vouch: nothing was proposed or allowed. Check the sender in the console.`
        : m.authenticated
          ? `A colleague found authenticated mail from ${m.label}, one of your critical senders, in Junk. Its proposal was opened at once; review it in the console.`
          : `A colleague found mail in Junk whose From names ${m.label}, but no SPF, DKIM or DMARC pass vouches for it: it may be forged (phishing), or the sender's authentication broke. Nothing was allowed.`,
  sender: "Sender",
  authentication: "Authentication",
  authenticated: "passed",
  unauthenticated: "not authenticated",
  reportedBy: (people) => (people === 1 ? "1 person" : `${people} people`),
  seenInJunk: (mailboxes) =>
    mailboxes === 1 ? "Seen in Junk in 1 mailbox" : `Seen in Junk in ${mailboxes} mailboxes`,
  firstReport: "First report",
  filter: "Filter verdict",
  proposal: "Proposal",
  noProposal: "none",
  open: "Open the Vouch console",
};

const DE: AlertTexts = {
  title: (m) =>
    m.kind === "test"
      ? "Vouch: Testalarm"
      : m.kind === "seen-in-junk"
        ? `Vouch: Die Junk-Durchsicht hat E-Mail von ${m.label} im Junk-E-Mail-Ordner gefunden`
        : m.authenticated
          ? `Vouch: E-Mail von ${m.label} im Junk-E-Mail-Ordner`
          : `Vouch: nicht authentifizierte E-Mail im Namen von ${m.label} im Junk-E-Mail-Ordner`,
  lead: (m) =>
    m.kind === "test"
      ? "Dies ist ein Test dieses Alarmkanals. Es wurde nichts gemeldet."
      : m.kind === "seen-in-junk"
        ? `Die Junk-Durchsicht hat authentifizierte E-Mail von ${m.label}, einem Ihrer kritischen Absender, im Junk-E-Mail-Ordner gefunden. Niemand hat sie bisher gemeldet, und ein Fund ist keine Bestätigung: Es wurde nichts vorgeschlagen oder zugelassen. Prüfen Sie den Absender in der Konsole.`
        : m.authenticated
          ? `Eine Kollegin oder ein Kollege hat authentifizierte E-Mail von ${m.label}, einem Ihrer kritischen Absender, im Junk-E-Mail-Ordner gefunden. Der Vorschlag wurde sofort eröffnet; prüfen Sie ihn in der Konsole.`
          : `Eine Kollegin oder ein Kollege hat im Junk-E-Mail-Ordner eine E-Mail gefunden, deren Absender ${m.label} nennt, die aber kein SPF-, DKIM- oder DMARC-Ergebnis bestätigt: Sie kann gefälscht sein (Phishing), oder die Authentifizierung des Absenders ist defekt. Nichts wurde zugelassen.`,
  sender: "Absender",
  authentication: "Authentifizierung",
  authenticated: "bestanden",
  unauthenticated: "nicht authentifiziert",
  reportedBy: (people) => (people === 1 ? "1 Person" : `${people} Personen`),
  seenInJunk: (mailboxes) =>
    mailboxes === 1
      ? "Im Junk-E-Mail-Ordner von 1 Postfach gefunden"
      : `Im Junk-E-Mail-Ordner von ${mailboxes} Postfächern gefunden`,
  firstReport: "Erste Meldung",
  filter: "Filterurteil",
  proposal: "Vorschlag",
  noProposal: "keiner",
  open: "Vouch-Konsole öffnen",
};

export function alertTexts(language: AlertLanguage): AlertTexts {
  return language === "de" ? DE : EN;
}

/** The alert as label/value lines, in the channel's language. */
export function alertFacts(message: AlertMessage, language: AlertLanguage): [string, string][] {
  const t = alertTexts(language);
  const verdict = [
    message.evidence.sfv ? `SFV:${message.evidence.sfv}` : null,
    message.evidence.scl !== null ? `SCL ${message.evidence.scl}` : null,
    message.evidence.cat ? `CAT:${message.evidence.cat}` : null,
  ].filter((part): part is string => part !== null);
  return [
    [t.sender, `${message.label} (${message.senderKey})`],
    [t.authentication, message.authenticated ? t.authenticated : t.unauthenticated],
    message.seenInJunk
      ? [t.seenInJunk(message.seenInJunk.mailboxes), message.firstReportAt]
      : [t.reportedBy(message.reporters), message.firstReportAt],
    [t.filter, verdict.join(", ") || "-"],
    [
      t.proposal,
      message.proposal ? `${message.proposal.status} (${message.proposal.id})` : t.noProposal,
    ],
  ];
}

/**
 * Microsoft Teams Workflows, "Post to a channel when a webhook request is received": the request
 * body is a message whose attachments carry an Adaptive Card (contentType
 * application/vnd.microsoft.card.adaptive); the flow posts the first attachment's card.
 * Source: https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook
 * ("Send Adaptive Cards using an Incoming Webhook") and the Workflows template's trigger. Card
 * version 1.4: what Teams renders on every client.
 */
export function teamsPayload(message: AlertMessage, language: AlertLanguage): unknown {
  const t = alertTexts(language);
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          body: [
            {
              type: "TextBlock",
              text: t.title(message),
              weight: "Bolder",
              size: "Medium",
              wrap: true,
              color: message.authenticated ? "Default" : "Attention",
            },
            { type: "TextBlock", text: t.lead(message), wrap: true },
            {
              type: "FactSet",
              facts: alertFacts(message, language).map(([title, value]) => ({ title, value })),
            },
          ],
          actions: [{ type: "Action.OpenUrl", title: t.open, url: message.consoleUrl }],
        },
      },
    ],
  };
}

function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

/** The e-mail Graph sends: subject and an HTML body with everything escaped. */
export function mailContent(
  message: AlertMessage,
  language: AlertLanguage,
): { subject: string; html: string } {
  const t = alertTexts(language);
  const rows = alertFacts(message, language)
    .map(
      ([label, value]) =>
        `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`,
    )
    .join("");
  return {
    subject: t.title(message),
    html: `<p>${escapeHtml(t.lead(message))}</p><table>${rows}</table><p><a href="${escapeHtml(message.consoleUrl)}">${escapeHtml(t.open)}</a></p>`,
  };
}

/** The generic JSON webhook's body: versioned, the same fields as the message. */
export function webhookPayload(message: AlertMessage, language: AlertLanguage): unknown {
  return {
    type: `vouch.watch.${message.kind}`,
    version: 1,
    title: alertTexts(language).title(message),
    alert: message,
  };
}
