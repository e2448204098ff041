/**
 * A gateway verdict in plain words, in each language of the analysis: the product, what it
 * decided, its score against its threshold where the stamp states them, and whether the
 * verdict counts. Sources per vendor: the decoder modules beside this one.
 */
import type { Language } from "../language";
import type { GatewayPlacement, GatewayVendor, GatewayVerdictKind } from "../types";

export const GATEWAY_PRODUCTS: Readonly<Record<GatewayVendor, string>> = {
  spamassassin: "SpamAssassin",
  proofpoint: "Proofpoint",
  cisco: "Cisco Secure Email (IronPort)",
  mimecast: "Mimecast",
  barracuda: "Barracuda",
  trendmicro: "Trend Micro",
};

type Texts = Readonly<Record<GatewayVerdictKind, string>>;

const VERDICTS: Readonly<Record<Language, Texts>> = {
  en: {
    spam: "marked the message as spam.",
    suspect: "marked the message as suspected spam (tagged, not blocked).",
    bulk: "classified the message as bulk mail.",
    phishing: "identified the message as phishing.",
    malware: "found malware in the message.",
    impersonation: "flagged the message as impersonation.",
    blocked: "blocked the sender by a block list.",
    allowed: "let the sender through by an allow list.",
    "not-spam": "decided the message is not spam.",
    scanned:
      "scanned the message; its verdict is encoded for the vendor's support and cannot be read from the headers.",
    unknown: "scored the message; the stamp does not say what it decided.",
  },
  de: {
    spam: "hat die Nachricht als Spam markiert.",
    suspect: "hat die Nachricht als spamverdächtig markiert (gekennzeichnet, nicht blockiert).",
    bulk: "hat die Nachricht als Massenmail eingestuft.",
    phishing: "hat die Nachricht als Phishing erkannt.",
    malware: "hat Schadsoftware in der Nachricht gefunden.",
    impersonation: "hat die Nachricht als Identitätsvortäuschung markiert.",
    blocked: "hat den Absender über eine Sperrliste blockiert.",
    allowed: "hat den Absender über eine Zulassungsliste durchgelassen.",
    "not-spam": "hat entschieden, dass die Nachricht kein Spam ist.",
    scanned:
      "hat die Nachricht geprüft; das Ergebnis ist für den Support des Herstellers verschlüsselt und lässt sich aus den Kopfzeilen nicht lesen.",
    unknown: "hat die Nachricht bewertet; der Stempel sagt nicht, was er entschieden hat.",
  },
};

const PLACEMENTS: Readonly<Record<Language, Readonly<Record<GatewayPlacement, string>>>> = {
  en: {
    receiving: "Your organisation's gateway wrote this after the message reached it.",
    "before-entry":
      "Written before the message reached your organisation (the sender's own filter, or forged): not counted.",
    unplaced:
      "The route does not show that your organisation's own gateway wrote this: not counted.",
  },
  de: {
    receiving:
      "Das Gateway Ihrer Organisation hat dies geschrieben, nachdem die Nachricht dort ankam.",
    "before-entry":
      "Geschrieben, bevor die Nachricht Ihre Organisation erreichte (der eigene Filter des Absenders oder gefälscht): nicht gewertet.",
    unplaced:
      "Der Weg der Nachricht zeigt nicht, dass das Gateway Ihrer Organisation dies geschrieben hat: nicht gewertet.",
  },
};

/** Mimecast's score has no threshold in the stamp; its documented scale is the one fact to add. */
const NOTES: Readonly<Record<Language, Partial<Record<GatewayVendor, string>>>> = {
  en: {
    mimecast:
      "A higher Mimecast spam score means more spam characteristics; 28 or more is rejected outright.",
  },
  de: {
    mimecast:
      "Ein höherer Mimecast-Spamwert bedeutet mehr Spam-Merkmale; ab 28 wird die Nachricht sofort abgewiesen.",
  },
};

function number(value: number, language: Language): string {
  const text = String(Math.round(value * 1000) / 1000);
  return language === "de" ? text.replace(".", ",") : text;
}

function scoreText(score: number | null, threshold: number | null, language: Language): string {
  if (score === null) return "";
  const s = number(score, language);
  if (threshold === null) return language === "de" ? ` Wert ${s}.` : ` Score ${s}.`;
  const t = number(threshold, language);
  return language === "de"
    ? ` Wert ${s} bei Schwelle ${t}.`
    : ` Score ${s} against a threshold of ${t}.`;
}

export function gatewayMeaning(
  vendor: GatewayVendor,
  verdict: GatewayVerdictKind,
  score: number | null,
  threshold: number | null,
  placement: GatewayPlacement,
  language: Language,
): string {
  const texts = language === "de" ? "de" : "en";
  const note = NOTES[texts][vendor];
  return [
    `${GATEWAY_PRODUCTS[vendor]} ${VERDICTS[texts][verdict]}${scoreText(score, threshold, texts)}`,
    note && score !== null ? note : null,
    PLACEMENTS[texts][placement],
  ]
    .filter((part): part is string => part !== null)
    .join(" ");
}

/** Verdicts that, from the organisation's own gateway, can explain a message in Junk. */
export const JUNK_VERDICTS: ReadonlySet<GatewayVerdictKind> = new Set([
  "spam",
  "suspect",
  "bulk",
  "phishing",
  "malware",
  "impersonation",
  "blocked",
]);

/** The verdict word alone, for the pane's and the CLI's short lines. */
export function gatewayVerdictWord(verdict: GatewayVerdictKind, language: Language): string {
  return VERDICT_WORDS[language === "de" ? "de" : "en"][verdict];
}

const VERDICT_WORDS: Readonly<Record<Language, Texts>> = {
  en: {
    spam: "spam",
    suspect: "suspected spam",
    bulk: "bulk",
    phishing: "phishing",
    malware: "malware",
    impersonation: "impersonation",
    blocked: "blocked sender",
    allowed: "allowed sender",
    "not-spam": "not spam",
    scanned: "scanned",
    unknown: "scored",
  },
  de: {
    spam: "Spam",
    suspect: "Spamverdacht",
    bulk: "Massenmail",
    phishing: "Phishing",
    malware: "Schadsoftware",
    impersonation: "Identitätsvortäuschung",
    blocked: "gesperrter Absender",
    allowed: "zugelassener Absender",
    "not-spam": "kein Spam",
    scanned: "geprüft",
    unknown: "bewertet",
  },
};
