/**
 * The gateway findings' words in English and German (spread into messages/en.ts and de.ts, so
 * the catalogue stays one typed object per language). Quoted header text is clipped like
 * every other finding's.
 */
import type { Language } from "../language";
import { clip } from "../messages/text";
import type { FindingParams, FindingText } from "../messages/types";
import type { GatewayPlacement, GatewayVendor } from "../types";
import { GATEWAY_PRODUCTS, gatewayVerdictWord } from "./meanings";

type GatewayTexts = {
  readonly [Id in "gateway-junked" | "gateway-in-front" | "gateway-stamps-ignored"]: FindingText<
    FindingParams[Id]
  >;
};

function product(vendor: GatewayVendor): string {
  return GATEWAY_PRODUCTS[vendor] ?? vendor;
}

function scored(score: number | null, threshold: number | null, language: Language): string {
  if (score === null) return "";
  const n = (value: number) => {
    const text = String(Math.round(value * 1000) / 1000);
    return language === "de" ? text.replace(".", ",") : text;
  };
  if (language === "de") {
    return threshold === null
      ? ` (Wert ${n(score)})`
      : ` (Wert ${n(score)}, Schwelle ${n(threshold)})`;
  }
  return threshold === null
    ? ` (score ${n(score)})`
    : ` (score ${n(score)}, threshold ${n(threshold)})`;
}

function rulesText(rules: readonly string[], language: Language): string {
  if (rules.length === 0) return "";
  const list = clip(rules.join(", "));
  return language === "de" ? ` Treffer: ${list}.` : ` Rules hit: ${list}.`;
}

const WHERE: Readonly<Record<Language, Readonly<Record<GatewayPlacement, string>>>> = {
  en: {
    receiving: "counted",
    "before-entry": "written before your organisation",
    unplaced: "not shown to be your gateway's",
  },
  de: {
    receiving: "gewertet",
    "before-entry": "vor Ihrer Organisation geschrieben",
    unplaced: "nicht nachweislich von Ihrem Gateway",
  },
};

function connector(vendor: GatewayVendor, host: string, ip: string | null): string {
  return `${product(vendor)} (${clip(host)}${ip ? `, ${clip(ip)}` : ""})`;
}

export const gatewayTextsEn: GatewayTexts = {
  "gateway-junked": {
    title: "Your organisation's email gateway, not Microsoft, marked this message as spam.",
    detail: ({ vendor, verdict, score, threshold, rules }) =>
      `${product(vendor)} stamped "${gatewayVerdictWord(verdict, "en")}"${scored(score, threshold, "en")} after the message reached your organisation, and Microsoft's own filter did not call it spam.${rulesText(rules, "en")} The fix is in ${product(vendor)}: an admin adds the sender to its permitted or safe senders there (Vouch can export that list), or adjusts the rule. An allow entry in Microsoft 365 does not change the gateway's verdict.`,
  },
  "gateway-in-front": {
    title: "A gateway in front of Microsoft 365 makes the sender's authentication fail here.",
    detail: ({ vendor, host, ip, arcSealer }) =>
      `The message reached Microsoft 365 from ${connector(vendor, host, ip)}, so Microsoft checked SPF and DMARC against the gateway's address instead of the sender's, and they failed. This is your organisation's mail routing, not the sender's fault, and no allow entry should paper over it. Microsoft's fix: turn on Enhanced Filtering for Connectors on the inbound connector from ${product(vendor)} (Set-InboundConnector -EFSkipLastIP $true, or -EFSkipIPs with the gateway's addresses)${arcSealer ? `, or add ${clip(arcSealer)} as a trusted ARC sealer (Set-ArcConfig -ArcTrustedSealers)` : ", or add the gateway's ARC signing domain as a trusted ARC sealer (Set-ArcConfig -ArcTrustedSealers)"}.`,
  },
  "gateway-stamps-ignored": {
    title: "Some gateway stamps were not counted: your organisation's gateway did not write them.",
    detail: ({ stamps }) =>
      `${stamps
        .map(
          (s) =>
            `${product(s.vendor)} "${gatewayVerdictWord(s.verdict, "en")}" (${WHERE.en[s.placement]})`,
        )
        .join(
          ", ",
        )}. Anyone can write such a stamp into a message, or it is the sender's own filter's; only stamps written after the message reached your organisation count.`,
  },
};

export const gatewayTextsDe: GatewayTexts = {
  "gateway-junked": {
    title:
      "Das E-Mail-Gateway Ihrer Organisation, nicht Microsoft, hat diese Nachricht als Spam markiert.",
    detail: ({ vendor, verdict, score, threshold, rules }) =>
      `${product(vendor)} hat „${gatewayVerdictWord(verdict, "de")}“${scored(score, threshold, "de")} gestempelt, nachdem die Nachricht Ihre Organisation erreicht hatte, und Microsofts eigener Filter hat sie nicht als Spam eingestuft.${rulesText(rules, "de")} Die Korrektur liegt in ${product(vendor)}: Ein Administrator trägt den Absender dort als zugelassenen oder sicheren Absender ein (Vouch kann diese Liste exportieren) oder passt die Regel an. Ein Zulassungseintrag in Microsoft 365 ändert das Urteil des Gateways nicht.`,
  },
  "gateway-in-front": {
    title:
      "Ein Gateway vor Microsoft 365 lässt die Authentifizierung des Absenders hier scheitern.",
    detail: ({ vendor, host, ip, arcSealer }) =>
      `Die Nachricht kam von ${connector(vendor, host, ip)} zu Microsoft 365, daher hat Microsoft SPF und DMARC gegen die Adresse des Gateways statt der des Absenders geprüft, und sie sind gescheitert. Das liegt am Mailrouting Ihrer Organisation, nicht am Absender, und kein Zulassungseintrag sollte es überdecken. Microsofts Lösung: die erweiterte Filterung für Connectors am eingehenden Connector von ${product(vendor)} einschalten (Set-InboundConnector -EFSkipLastIP $true oder -EFSkipIPs mit den Adressen des Gateways)${arcSealer ? ` oder ${clip(arcSealer)} als vertrauenswürdigen ARC-Versiegler eintragen (Set-ArcConfig -ArcTrustedSealers)` : " oder die ARC-Signaturdomäne des Gateways als vertrauenswürdigen ARC-Versiegler eintragen (Set-ArcConfig -ArcTrustedSealers)"}.`,
  },
  "gateway-stamps-ignored": {
    title:
      "Einige Gateway-Stempel wurden nicht gewertet: Das Gateway Ihrer Organisation hat sie nicht geschrieben.",
    detail: ({ stamps }) =>
      `${stamps
        .map(
          (s) =>
            `${product(s.vendor)} „${gatewayVerdictWord(s.verdict, "de")}“ (${WHERE.de[s.placement]})`,
        )
        .join(
          ", ",
        )}. Solche Stempel kann jeder in eine Nachricht schreiben, oder sie stammen vom eigenen Filter des Absenders; gewertet werden nur Stempel, die geschrieben wurden, nachdem die Nachricht Ihre Organisation erreicht hatte.`,
  },
};
