/**
 * Die Befunde auf Deutsch, in der Sie-Form, mit den Begriffen der Aufgabenbereichs-Texte
 * (src/taskpane/i18n/de.ts): Junk-E-Mail, Absender, Administrator, Zulassungsliste. Technische
 * Kürzel (SPF, DKIM, DMARC, SCL, BCL, Stempel wie SFV:SPM) bleiben, wie Microsoft sie schreibt.
 */
import type { VouchedBy } from "../identity";
import {
  BCL_MEANINGS,
  CAT_MEANINGS,
  DMARC_ACTION_MEANINGS,
  IPV_MEANINGS,
  SFV_MEANINGS,
  compauthReasonMeaning,
  meaningOf,
} from "../meanings";
import { clip, durationParts } from "./text";
import type { AnalysisPart, FindingTexts, RuleGroup, StampEvidence } from "./types";
import { gatewayTextsDe } from "../gateways/texts";

/** Zitierter Kopfzeilentext, gekürzt, damit eine feindliche Kopfzeile den Bereich nicht flutet. */
function quote(value: string | null | undefined): string {
  return value ? `„${clip(value)}“` : "(unbekannt)";
}

function duration(seconds: number): string {
  const { hours, minutes, rest } = durationParts(seconds);
  if (hours > 0) return `${hours} h ${minutes} min`;
  if (minutes > 0) return `${minutes} min${rest > 0 ? ` ${rest} s` : ""}`;
  return `${rest} s`;
}

/** "den Stempel a" or "die Stempel a und b", as Microsoft set them. */
function stampsSet(codes: readonly (string | null)[]): string {
  const set = codes.filter((code): code is string => code !== null);
  return set.length === 1
    ? `Microsoft hat den Stempel ${set[0]} gesetzt`
    : `Microsoft hat die Stempel ${set.slice(0, -1).join(", ")} und ${set[set.length - 1]} gesetzt`;
}

function stamps(evidence: StampEvidence): string {
  return evidence.length > 0 ? evidence.join(", ") : "keine Antispam-Stempel";
}

function category(cat: string): string {
  return `Microsoft hat den Stempel CAT:${cat} gesetzt: ${meaningOf(CAT_MEANINGS, cat, "de") ?? "eine unbekannte Kategorie."}`;
}

function stamped(code: keyof typeof SFV_MEANINGS.en): string {
  return `Microsoft hat den Stempel SFV:${code} gesetzt: ${SFV_MEANINGS.de[code]}`;
}

const DO_NOT_ALLOW =
  "Setzen Sie diesen Absender auf keine Liste sicherer Absender. Wenn Sie sicher sind, dass die Nachricht echt ist, bitten Sie Ihren Administrator, sie an Microsoft zu übermitteln.";

const TRANSIENT_DNS =
  "Eine DNS-Abfrage ist vorübergehend fehlgeschlagen; das behebt sich meist von selbst.";

const VIA: Record<VouchedBy, (domain: string) => string> = {
  dmarc: (domain) => `DMARC wurde für ${quote(domain)} bestanden`,
  dkim: (domain) => `Eine passende DKIM-Signatur von ${quote(domain)} wurde bestätigt`,
  spf: (domain) => `SPF wurde für die passende Domäne ${quote(domain)} bestanden`,
  arc: (domain) =>
    `Das ARC-Siegel eines Weiterleiters, dem Ihre Organisation vertraut, hat die ursprünglichen Prüfungen für ${quote(domain)} bestätigt`,
};

function authenticatedBy(via: VouchedBy, domain: string): string {
  if (via === "dmarc") return `DMARC für ${quote(domain)} bestanden wurde`;
  if (via === "arc")
    return `ein vertrauenswürdiges ARC-Siegel die ursprüngliche Authentifizierung für ${quote(domain)} bestätigt hat`;
  return `eine passende ${via.toUpperCase()}-Prüfung für ${quote(domain)} bestanden wurde`;
}

const PARTS: Record<AnalysisPart, string> = {
  "header block": "Kopfzeilenblock",
  "message fields": "Nachrichtenfelder",
  subject: "Betreff",
  date: "Datum",
  from: "Von",
  "reply-to": "Antwort an",
  "return-path": "Return-Path",
  "authentication results": "Authentifizierungsergebnisse",
  "anti-spam stamps": "Antispam-Stempel",
  "received hops": "Received-Stationen",
  verdict: "Urteil",
  "sender identity": "Absenderidentität",
  gateways: "Gateways",
  findings: "Befunde",
};

const GROUPS: Record<RuleGroup, string> = {
  threats: "Bedrohungen",
  authentication: "Authentifizierung",
  "spam verdict": "Spamurteil",
  "forged headers": "gefälschte Kopfzeilen",
  "reply-to": "die Antwortadresse",
  hops: "Stationen",
  coverage: "Vollständigkeit",
  gateways: "Gateways",
};

export const de: FindingTexts = {
  "malware-verdict": {
    title:
      "Vertrauen Sie diesem Absender nicht: Microsoft hat in dieser Nachricht Schadsoftware gefunden.",
    detail: ({ cat }) => `${category(cat)} Öffnen Sie weder Anhänge noch Links. ${DO_NOT_ALLOW}`,
  },
  "phishing-verdict": {
    title:
      "Vertrauen Sie diesem Absender nicht: Microsoft hat diese Nachricht als Phishing erkannt.",
    detail: ({ cat }) =>
      `${category(cat)} Klicken Sie auf keine Links, öffnen Sie keine Anhänge und antworten Sie nicht mit irgendwelchen Angaben. ${DO_NOT_ALLOW}`,
  },
  "impersonation-domain": {
    title:
      "Vertrauen Sie diesem Absender nicht: Die Domäne des Absenders ahmt eine Ihnen bekannte Domäne nach.",
    detail: ({ safetyTip, category: dimp, fromDomain }) => {
      const why = stampsSet([
        safetyTip ? "SFTY:9.19 (Domänenimitation)" : null,
        dimp ? "CAT:DIMP" : null,
      ]);
      return `${why}: Die Von-Domäne ${quote(fromDomain)} sieht aus wie eine Domäne, die Ihre Organisation schützt oder mit der sie schreibt, ist aber eine andere. ${DO_NOT_ALLOW}`;
    },
  },
  "impersonation-user": {
    title:
      "Vertrauen Sie diesem Absender nicht: Der Absender gibt sich als eine Ihnen bekannte Person aus.",
    detail: ({ safetyTip, category: uimp }) => {
      const why = stampsSet([
        safetyTip ? "SFTY:9.20 (Benutzerimitation)" : null,
        uimp ? "CAT:UIMP" : null,
      ]);
      return `${why}: Der Name des Absenders ahmt eine Person nach, die Ihre Organisation schützt, aber die Adresse ist eine andere. ${DO_NOT_ALLOW}`;
    },
  },
  "impersonation-mailbox-intelligence": {
    title:
      "Vertrauen Sie diesem Absender nicht: Der Absender ahmt jemanden nach, mit dem Sie regelmäßig schreiben.",
    detail: ({ cat }) =>
      `${category(cat)} Die Postfachintelligenz hat festgestellt, dass der Absender einen Ihrer üblichen Kontakte nachahmt, und zwar von einer Adresse, die Sie bisher nicht verwendet haben. ${DO_NOT_ALLOW}`,
  },
  "impersonation-brand": {
    title: "Vertrauen Sie diesem Absender nicht: Die Nachricht ahmt eine bekannte Marke nach.",
    detail: ({ cat }) => `${category(cat)} ${DO_NOT_ALLOW}`,
  },
  "spoof-verdict": {
    title: "Vertrauen Sie diesem Absender nicht: Die Absenderadresse scheint gefälscht zu sein.",
    detail: ({ cat, fromDomain }) =>
      `${category(cat)} Die Von-Domäne ${quote(fromDomain)} hat die Prüfungen von Microsoft nicht bestanden, ob die Nachricht wirklich von dieser Domäne stammt. ${DO_NOT_ALLOW}`,
  },
  "intra-org-phishing": {
    title:
      "Vertrauen Sie diesem Absender nicht: Diese Phishing-Nachricht kam aus Ihrer eigenen Organisation, möglicherweise von einem gekaperten Konto.",
    detail: ({ cat }) =>
      `${category(cat)} Eine Phishing-Nachricht wurde aus Ihrer Organisation heraus gesendet. Informieren Sie Ihren Administrator: Das sendende Konto ist möglicherweise kompromittiert. ${DO_NOT_ALLOW}`,
  },
  "dmarc-fail": {
    title:
      "Die Domäne des Absenders verbürgt sich nicht für diese Nachricht (DMARC fehlgeschlagen).",
    detail: ({ domain, policy, action }) => {
      const actionMeaning = action ? meaningOf(DMARC_ACTION_MEANINGS, action, "de") : null;
      const actionText = action
        ? ` Die ausgeführte Aktion war „${action}“${actionMeaning ? `: ${actionMeaning}` : "."}`
        : "";
      const policyText = policy
        ? ` Die veröffentlichte Richtlinie der Domäne ist p=${policy}.`
        : "";
      return `Die vertrauenswürdige Authentication-Results-Kopfzeile meldet dmarc=fail für ${quote(domain)}: Weder SPF noch DKIM wurde für diese Domäne bestanden.${policyText}${actionText} Wenn es ein echter Absender ist, muss dessen IT dafür sorgen, dass SPF oder DKIM für seine Von-Domäne besteht; andernfalls ist die Absenderadresse möglicherweise gefälscht.`;
    },
  },
  "high-confidence-spam": {
    title: "Der Spamfilter von Microsoft hält diese Nachricht mit hoher Sicherheit für Spam.",
    detail: (params) =>
      `Belege: ${stamps(params.stamps)}. Strengere Richtlinien stellen solche E-Mails unter Quarantäne. Falls es ein Irrtum ist, kann Ihr Administrator die Nachricht an Microsoft übermitteln und den Absender in der Mandanten-Zulassungs-/Sperrliste zulassen.`,
  },
  "forged-auth-results": {
    title:
      "Vertrauen Sie den Angaben dieser Nachricht nicht: Eine Kopfzeile behauptet bestandene Prüfungen, die Ihr E-Mail-System nicht bestätigt hat.",
    detail: ({ claims, trusted }) => {
      const claimed = claims
        .map(
          (claim) =>
            `eine Authentication-Results-Kopfzeile von ${quote(claim.authservId ?? "einem unbenannten Server")} behauptet ${claim.methods.map((method) => `${method}=pass`).join(", ")}`,
        )
        .join("; ");
      const unconfirmed = trusted
        ? `die Authentication-Results-Kopfzeile, die Ihr E-Mail-System geschrieben hat${trusted.authservId ? ` (${trusted.authservId})` : ""}, bestätigt das nicht`
        : "keine Authentication-Results-Kopfzeile eines vertrauenswürdigen Servers bestätigt das";
      return `Unterhalb der vertrauenswürdigen Kopfzeile: ${claimed}; ${unconfirmed}. Jeder kann eine solche Kopfzeile in eine Nachricht schreiben; Vouch ignoriert sie. (Sie kann auch von einem Server stammen, der die Nachricht weitergeleitet hat, bevor sie unterwegs verändert wurde.)`;
    },
  },
  "reply-to-differs": {
    title:
      "Antworten auf diese Nachricht gingen an eine andere Organisation als die, von der sie angeblich stammt.",
    detail: ({ fromDomain, replyToDomain }) =>
      `Die Nachricht stammt von ${quote(fromDomain)}, aber ihre Antwortadresse (Reply-To) leitet Antworten an ${quote(replyToDomain)}. Newsletter und Ticketsysteme machen das, aber auch Betrüger, die die Antwort auf eine Zahlungsaufforderung abfangen wollen. Bevor Sie mit vertraulichen Angaben antworten, prüfen Sie, an welche Adresse Ihre Antwort geht.`,
  },
  "content-filter-spam-authenticated": {
    title:
      "Der Spamfilter von Microsoft hat diese Nachricht aussortiert, obwohl der Absender seine Identität nachgewiesen hat.",
    detail: ({ stamps: evidence, via, domain, compauth }) =>
      `Belege: ${stamps(evidence)}, während ${authenticatedBy(via, domain)}${compauth ? ` und compauth=${compauth} lautet` : ""}. Der Absender hat seine Identität nachgewiesen, und der Inhaltsfilter von Microsoft hat die Nachricht trotzdem als Spam eingestuft: ein klassischer Fehlalarm. Ihr Administrator kann sie an Microsoft übermitteln und den authentifizierten Absender zulassen.`,
  },
  "junk-by-user-settings": {
    title:
      "Der Spamfilter fand nichts, aber Ihre eigenen Junk-E-Mail-Einstellungen oder Regeln haben die Nachricht in den Junk-E-Mail-Ordner verschoben.",
    detail: ({ ofr }) =>
      `Der Filter von Microsoft hat den Stempel SFV:NSPM (kein Spam) gesetzt, dennoch hat das Postfach die Nachricht in den Junk-E-Mail-Ordner zugestellt (dest:J${ofr ? `, OFR:${ofr}` : ""}). Meist steht in Ihren Junk-E-Mail-Einstellungen „Nur E-Mails von Personen aus der Liste sicherer Absender vertrauen“, oder eine Ihrer eigenen Posteingangsregeln hat sie verschoben. Fügen Sie den Absender zur Liste sicherer Absender hinzu, oder ändern Sie diese Einstellung oder Regel.`,
  },
  "blocked-sender": {
    title: "Dieser Absender steht auf Ihrer eigenen Liste blockierter Absender.",
    detail: () =>
      `${stamped("BLK")} Falls das ein Versehen war, entfernen Sie den Absender in den Junk-E-Mail-Einstellungen von Outlook aus der Liste blockierter Absender.`,
  },
  "policy-blocked": {
    title: "Die Spamrichtlinie Ihrer Organisation blockiert diesen Absender.",
    detail: () =>
      `${stamped("SKB")} Nur Ihr Administrator kann den Absender oder die Domäne von der Sperrliste der Antispamrichtlinie entfernen.`,
  },
  "transport-rule-spam": {
    title: "Eine E-Mail-Regel Ihrer Organisation hat diese Nachricht als Spam markiert.",
    detail: (params) =>
      `${stamped("SKS")} Belege: ${stamps(params.stamps)}. Ihr Administrator kann die Nachrichtenflussregel finden, die die Spamstufe setzt, und sie ändern.`,
  },
  "asf-custom-spam": {
    title:
      "Ein zusätzlicher Spamfilter, den Ihr Administrator eingeschaltet hat, hat diese Nachricht als Spam markiert.",
    detail: ({ customSpam }) =>
      `X-CustomSpam: ${quote(customSpam)}. Eine Option des erweiterten Spamfilters (ASF) der Antispamrichtlinie hat angeschlagen. Microsoft empfiehlt, diese Optionen auszuschalten; was sie herausfiltern, kann Microsoft nicht als Irrtum gemeldet werden. Daher kann nur Ihr Administrator das beheben, indem er diese Option ausschaltet.`,
  },
  "bulk-bcl-high": {
    title: "Diese Nachricht wurde als Massenmail behandelt, etwa als Newsletter oder Werbung.",
    detail: ({ stamps: evidence, bcl }) =>
      `Belege: ${stamps(evidence)}. ${bcl !== null ? `BCL ${bcl}: ${meaningOf(BCL_MEANINGS, bcl, "de") ?? "eine Beschwerdestufe für Massenmail."} ` : ""}Antispamrichtlinien stufen Massenmail standardmäßig ab BCL 7 als Junk ein, mit der Standardvoreinstellung ab 6 und mit der strengen Voreinstellung ab 5. Wenn Sie diese E-Mails nicht möchten, können Sie sich abmelden; wenn viele Kollegen diesen Absender möchten, kann Ihr Administrator die Schwelle für Massenmail anheben oder den Absender zulassen.`,
  },
  "compauth-fail": {
    title:
      "Microsoft konnte nicht bestätigen, dass diese Nachricht wirklich von der Domäne des Absenders stammt.",
    detail: ({ reason, advice }) => {
      const meaning = compauthReasonMeaning(reason, "de");
      const next = {
        "admin-block":
          "Ihr Administrator hat einen Sperreintrag für diesen Absender und sendenden Server; nur der Administrator kann das ändern.",
        "own-domain":
          "Die Nachricht gibt vor, von der eigenen Domäne Ihrer Organisation zu stammen. Wenn ein Dienst, den Sie nutzen, im Namen Ihrer Domäne sendet, muss Ihr Administrator SPF/DKIM dafür einrichten oder einen Zulassungseintrag für gefälschte Absender anlegen; andernfalls ist die Nachricht gefälscht.",
        sender:
          "Wenn der Absender echt ist, sollte dessen IT SPF, DKIM und DMARC für seine Von-Domäne veröffentlichen und mit dieser Domäne signieren; Ihr Administrator kann auch Absender und sendenden Server als Paar zulassen (ein Eintrag für gefälschte Absender).",
      }[advice];
      return `compauth=fail reason=${reason ?? "(keiner)"}${meaning ? `: ${meaning}` : "."} ${next}`;
    },
  },
  "content-filter-spam": {
    title: "Der Spamfilter von Microsoft hat diese Nachricht als Spam eingestuft.",
    detail: ({ stamps: evidence, authenticated }) =>
      `Belege: ${stamps(evidence)}. ${authenticated ? "" : "Der Absender hat seine Identität nicht nachgewiesen; das macht ein Spamurteil wahrscheinlicher. "}Falls es ein Irrtum ist, kann Ihr Administrator die Nachricht an Microsoft übermitteln; ein Zulassungseintrag setzt einen authentifizierten Absender voraus.`,
  },
  "spf-fail": {
    title:
      "Der Server, der diese Nachricht gesendet hat, darf für die Domäne des Absenders keine E-Mails senden (SPF fehlgeschlagen).",
    detail: ({ domain }) =>
      `Die vertrauenswürdige Authentication-Results-Kopfzeile meldet spf=fail${domain ? ` für ${quote(domain)}` : ""}: Der sendende Server steht nicht im SPF-Eintrag der Domäne, und der Eintrag verlangt, solche E-Mails abzulehnen. Die IT des Absenders muss diesen Server in ihren SPF-Eintrag aufnehmen.`,
  },
  "spf-softfail": {
    title:
      "Laut der Domäne des Absenders darf der sendende Server wahrscheinlich nicht für sie senden (SPF-Softfail).",
    detail: ({ domain }) =>
      `Die vertrauenswürdige Authentication-Results-Kopfzeile meldet spf=softfail${domain ? ` für ${quote(domain)}` : ""}: Der sendende Server steht nicht im SPF-Eintrag der Domäne (~all). Die IT des Absenders sollte den Server, der diese Nachricht gesendet hat, in ihren SPF-Eintrag aufnehmen.`,
  },
  "spf-error": {
    title: "Der SPF-Eintrag des Absenders konnte nicht geprüft werden.",
    detail: ({ result, domain }) =>
      `Die vertrauenswürdige Authentication-Results-Kopfzeile meldet spf=${result}${domain ? ` für ${quote(domain)}` : ""}. ${result === "permerror" ? "Der SPF-Eintrag der Domäne ist fehlerhaft; die IT des Absenders muss ihn korrigieren." : TRANSIENT_DNS}`,
  },
  "dmarc-error": {
    title: "Der DMARC-Eintrag des Absenders konnte nicht geprüft werden.",
    detail: ({ result, domain }) =>
      `Die vertrauenswürdige Authentication-Results-Kopfzeile meldet dmarc=${result} für ${quote(domain)}. ${result === "permerror" ? "Der DMARC-Eintrag der Domäne ist fehlerhaft; die IT des Absenders muss ihn korrigieren." : TRANSIENT_DNS}`,
  },
  "dkim-fail": {
    title: "Die digitale Signatur der Nachricht ließ sich nicht bestätigen (DKIM fehlgeschlagen).",
    detail: ({ signatures, transient }) => {
      const results = signatures
        .map(
          (signature) =>
            `dkim=${signature.result}${signature.domain ? ` (d=${signature.domain})` : ""}`,
        )
        .join(", ");
      return `Die vertrauenswürdige Authentication-Results-Kopfzeile meldet ${results}. ${transient ? "Die Prüfung konnte nicht abgeschlossen werden (eine DNS-Abfrage hat zu lange gedauert oder ist fehlgeschlagen); das ist meist nur vorübergehend." : "Die Signatur passt nicht zur Nachricht: Die Nachricht wurde unterwegs verändert (zum Beispiel durch eine Weiterleitung oder eine angehängte Fußzeile), oder die Signatur ist gefälscht. Die IT des Absenders sollte ihre DKIM-Signierung prüfen."}`;
    },
  },
  "spf-not-aligned": {
    title:
      "Der sendende Server wurde (per SPF) für eine andere Domäne geprüft als die, von der die Nachricht stammt.",
    detail: ({ spfDomain, fromDomain }) =>
      `SPF wurde für ${quote(spfDomain)} bestanden, aber die Nachricht stammt von ${quote(fromDomain)}. Das ist bei E-Mails über einen Versanddienst normal, dann muss aber DKIM mit der Von-Domäne signiert sein, und das ist es nicht. Die IT des Absenders kann bei ihrem Versanddienst eine Rücklaufdomäne (Umschlagdomäne) unter ${quote(fromDomain)} verwenden.`,
  },
  "dkim-not-aligned": {
    title:
      "Die Nachricht ist digital signiert (DKIM), aber von einer anderen Domäne als der, von der sie stammt.",
    detail: ({ signers, fromDomain }) =>
      `Die Nachricht ist von ${signers.map(quote).join(", ")} signiert, stammt aber von ${quote(fromDomain)}. Die IT des Absenders sollte ihren Versanddienst mit ${quote(fromDomain)} signieren lassen (eine eigene DKIM-Domäne).`,
  },
  "slow-delivery": {
    title: "Diese Nachricht war ungewöhnlich lange unterwegs.",
    detail: ({ hop, from, by, seconds }) =>
      `Station ${hop} (von ${from ?? "einem unbenannten Server"} an ${by ?? "einen unbenannten Server"}) hat ${duration(seconds)} gedauert. Solche Verzögerungen entstehen, wenn ein Server die Nachricht zurückhält (Greylisting, ein ausgelasteter oder unerreichbarer Server), nicht durch den Spamfilter.`,
  },
  "no-authentication-results": {
    title: "Diese Nachricht trägt keine Authentifizierungsergebnisse Ihres E-Mail-Systems.",
    detail: (params) => {
      switch (params.case) {
        case "untrusted":
          return `Die Nachricht hat ${params.count === 1 ? "eine Authentication-Results-Kopfzeile" : `${params.count} Authentication-Results-Kopfzeilen`}, aber keine von einem als vertrauenswürdig eingestellten Server; daher sind SPF, DKIM und DMARC unbekannt.`;
        case "internal":
          return "Keine Authentication-Results-Kopfzeile: SPF, DKIM und DMARC sind unbekannt. Exchange hat diese Nachricht als innerhalb Ihrer Organisation gesendet gekennzeichnet, und solche E-Mails tragen normalerweise keine.";
        case "absent":
          return "Keine Authentication-Results-Kopfzeile: SPF, DKIM und DMARC sind unbekannt. E-Mails zwischen Postfächern derselben Organisation haben oft keine; E-Mails von außerhalb sollten eine haben.";
        case "sender-own":
          return "Die einzige Authentication-Results-Kopfzeile wurde beim Einliefern der Nachricht innerhalb der sendenden Organisation geschrieben; wie die Empfängerseite SPF, DKIM und DMARC geprüft hat, ist daher unbekannt.";
        case "empty":
          return `Die vertrauenswürdige Authentication-Results-Kopfzeile${params.authservId ? ` von ${quote(params.authservId)}` : ""} ${params.saysNone ? "meldet „none“: Es wurde nicht authentifiziert" : "enthält keine lesbaren Ergebnisse"}; daher sind SPF, DKIM und DMARC unbekannt.`;
      }
    },
  },
  "no-transport-headers": {
    title:
      "Outlook hat für diese Nachricht keine Zustellkopfzeilen geliefert, daher kann sie nicht ausgewertet werden.",
    detail: () =>
      "Der Kopfzeilentext enthält keine Received-, Authentication-Results- oder Antispam-Kopfzeilen. Outlook liefert für Nachrichten in „Gesendete Elemente“ und in manchen Versionen des neuen Outlook nichts oder nur den Betreff. Öffnen Sie die Nachricht aus dem Junk-E-Mail-Ordner oder dem Posteingang, oder fügen Sie ihre vollständigen Kopfzeilen ein.",
  },
  "unreadable-headers": {
    title: "Einige Kopfzeilen dieser Nachricht konnten nicht gelesen werden.",
    // The problem lines come from the parsers, which write them in English for the CLI and the logs.
    detail: ({ problems }) =>
      `Nicht lesbar war (Meldung des Parsers, englisch): ${problems.join(" ")} Der Rest wurde ausgewertet.`,
  },
  "analysis-incomplete": {
    title: "Ein Teil der Kopfzeilen dieser Nachricht konnte nicht ausgewertet werden.",
    detail: (params) =>
      params.case === "parts"
        ? `Diese Teile konnten nicht ausgewertet werden und bleiben leer: ${params.parts.map((part) => PARTS[part] ?? part).join(", ")}.`
        : `Die Regeln für ${GROUPS[params.group] ?? params.group} ließen sich auf diese Kopfzeilen nicht anwenden.`,
  },
  "dmarc-none": {
    title:
      "Die Domäne des Absenders veröffentlicht keine DMARC-Richtlinie; dadurch lassen sich ihre E-Mails leichter fälschen und werden eher aussortiert.",
    detail: ({ result, domain }) =>
      `Die vertrauenswürdige Authentication-Results-Kopfzeile meldet dmarc=${result}${result === "bestguesspass" ? " (bestguesspass: Mit einer Richtlinie der Domäne wäre die Prüfung bestanden)" : ""} für ${quote(domain)}. Die IT des Absenders kann einen DMARC-Eintrag veröffentlichen (_dmarc.${domain ?? "ihre-domäne"}) und SPF oder DKIM auf die Von-Domäne ausrichten.`,
  },
  "bulk-bcl-elevated": {
    title:
      "Diese Nachricht stammt von einem Massenmail-Absender, etwa einem Newsletter- oder Werbedienst.",
    detail: ({ bcl }) =>
      `BCL ${bcl}: ${meaningOf(BCL_MEANINGS, bcl, "de") ?? "Ein Massenmail-Absender."} Die Standardrichtlinie stuft Massenmail ab BCL 7 als Junk ein, die Standardvoreinstellung ab 6 und die strenge Voreinstellung ab 5.`,
  },
  "arc-override": {
    title:
      "Die Authentifizierung ist unterwegs fehlgeschlagen, aber ein Weiterleitungsdienst, dem Ihre Organisation vertraut, hat sich für die Nachricht verbürgt.",
    detail: ({ failures }) =>
      `compauth=pass reason=130: ${compauthReasonMeaning("130", "de")}${failures.length > 0 ? ` Beim Eingang: ${failures.join(", ")}.` : ""} Ein Weiterleiter (zum Beispiel eine Mailingliste oder ein Sicherheitsgateway) hat die Nachricht unterwegs verändert, und Ihr Administrator vertraut seinem ARC-Siegel. Diese Fehlschläge sind daher erwartet, und niemand muss etwas beheben.`,
  },
  "allowed-by-user": {
    title:
      "Dieser Absender steht auf Ihrer eigenen Liste sicherer Absender, daher wurde die Spamfilterung übersprungen.",
    detail: () => stamped("SFE"),
  },
  "safe-senders-rescued": {
    title: "Ihre Liste sicherer Absender hat diese Nachricht vor dem Junk-E-Mail-Ordner bewahrt.",
    detail: ({ stamps: evidence, ofr, personalList }) =>
      `${evidence.length > 0 ? `Der Filter von Microsoft hat sie als Spam eingestuft (${stamps(evidence)}), aber das` : "Das"} Postfach hat sie in den Posteingang zugestellt (dest:I${ofr ? `, OFR:${ofr}` : ""}${personalList ? ", pcwl:1" : ""}), weil der Absender auf Ihrer eigenen Liste sicherer Absender steht. Es ist nichts zu beheben; entfernen Sie den Absender aus der Liste sicherer Absender, wenn Sie ihm nicht mehr vertrauen.`,
  },
  "allowed-by-policy": {
    title:
      "Ihre Organisation lässt diesen Absender zu, daher wurde die Spamfilterung übersprungen.",
    detail: ({ sfv, ipAllowList }) =>
      [
        sfv ? stamped(sfv) : null,
        ipAllowList ? `Microsoft hat den Stempel IPV:CAL gesetzt: ${IPV_MEANINGS.de.CAL}` : null,
      ]
        .filter(Boolean)
        .join(" "),
  },
  "released-from-quarantine": {
    title: "Diese Nachricht wurde aus der Quarantäne freigegeben.",
    detail: () => stamped("SKQ"),
  },
  "first-contact": {
    title: "Sie erhalten nicht oft E-Mails von diesem Absender.",
    detail: () =>
      "Microsoft hat den Stempel SFTY:9.25 gesetzt (Sicherheitstipp für den Erstkontakt). Prüfen Sie kurz, ob der Absender der ist, den Sie erwarten.",
  },
  "sender-authenticated": {
    title: "Der Absender hat nachgewiesen, dass die Nachricht von seiner Domäne stammt.",
    detail: ({ via, domain, address }) =>
      `${VIA[via](domain)}, also ist die Absenderadresse ${quote(address)} echt. Das sagt, wer die Nachricht gesendet hat, nicht, dass ihr Inhalt sicher ist.`,
  },
  "sender-tenant-stamps-ignored": {
    title:
      "Die Nachricht trägt das eigene Spamurteil der sendenden Organisation; es wurde nicht beachtet.",
    detail: ({ headers }) =>
      `${headers.join(", ")} ${headers.length === 1 ? "enthält" : "enthalten"} das Urteil des eigenen Microsoft 365 der sendenden Organisation. Das sagt nichts darüber, wie Ihre Organisation die Nachricht gefiltert hat, und Vouch liest es nicht.`,
  },
  "sender-own-auth-results": {
    title:
      "Die eigene Authentication-Results-Kopfzeile der sendenden Organisation wurde nicht beachtet: Sie zeigt nicht, wie Ihr E-Mail-System die Nachricht geprüft hat.",
    detail: ({ authservIds }) =>
      `${authservIds.some((id) => id !== null) ? `Die Authentication-Results-Kopfzeile von ${authservIds.map((id) => quote(id)).join(", ")} wurde` : "Eine Authentication-Results-Kopfzeile wurde"} beim Einliefern der Nachricht innerhalb der sendenden Organisation geschrieben (unter ihr liegt nur der Einlieferungsschritt). Sie sagt nichts darüber, wie die Empfängerseite die Domäne des Absenders gesehen hat; ihre Ergebnisse werden daher nicht verwendet, und über die DMARC- oder DKIM-Einrichtung des Absenders folgt aus ihr nichts.`,
  },
  "clock-skew": {
    title:
      "Ein Server auf dem Weg hat eine falsche Uhrzeit, daher stimmen einige Zustellzeiten nicht.",
    detail: ({ hops }) =>
      `Einige Server haben frühere Zeiten gestempelt als der Server vor ihnen: ${hops
        .map(
          (hop) =>
            `Station ${hop.index} (${hop.by ?? "ein unbenannter Server"}, ${duration(hop.seconds)} früher als die Station davor)`,
        )
        .join(", ")}. Ihre Uhren gehen falsch; die angezeigten Verzögerungen sind Näherungswerte.`,
  },
  ...gatewayTextsDe,
};
