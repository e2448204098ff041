import type { Strings } from "./index";

/** Deutsch. Die Befunde und Code-Bedeutungen der Analyse kommen auf Deutsch aus src/analysis (messages, meanings). */
export const de: Strings = {
  language: "de",
  appName: "Vouch",
  paneTitle: "Warum ist das im Junk-E-Mail-Ordner?",
  paneTitleNotJunked: "Zu dieser Nachricht",
  loading: "Die Kopfzeilen der Nachricht werden gelesen…",
  noItem: "Wählen Sie eine Nachricht aus, um zu sehen, warum sie dort gelandet ist.",
  openFromOutlook:
    "Vouch läuft in Outlook. Öffnen Sie diesen Bereich über das Menüband von Outlook, oder probieren Sie es ohne Outlook im Entwicklungs-Harness aus.",
  openHarness: "Entwicklungs-Harness öffnen",

  sectionFailed: (section) =>
    `Der Abschnitt „${section}“ konnte nicht geladen werden. Öffnen Sie den Bereich erneut, wenn Sie online sind.`,
  paneFailed:
    "Der Rest dieses Bereichs konnte nicht geladen werden. Prüfen Sie Ihre Verbindung, und versuchen Sie es erneut.",
  paneRetry: "Erneut versuchen",

  firstLine: {
    threatTitle: "Vertrauen Sie dieser Nachricht nicht.",
    threat: {
      malware: "Microsoft hat darin Schadsoftware gefunden.",
      "high-confidence-phishing":
        "Microsoft ist sich sehr sicher, dass es sich um Phishing handelt.",
      phishing: "Microsoft hat sie als Phishing eingestuft.",
      "intra-org-phishing":
        "Es ist Phishing aus Ihrer eigenen Organisation, möglicherweise von einem übernommenen Konto.",
      impersonation:
        "Der Absender gibt sich als eine Domäne, Person oder Marke aus, die Sie kennen.",
      spoof: "Die Absenderadresse scheint gefälscht zu sein.",
      "forged-authentication":
        "Sie behauptet, Sicherheitsprüfungen bestanden zu haben, die Ihr E-Mail-System nicht bestätigt hat, und nichts belegt, wer sie gesendet hat.",
      "dmarc-reject":
        "Die Domäne in der Absenderadresse erklärt, dass sie diese Nachricht nicht gesendet hat.",
    },
    threatAdvice:
      "Öffnen Sie keine Links oder Anhänge und antworten Sie nicht. Melden Sie sie über die Outlook-Schaltfläche „Melden“ > „Phishing melden“ und löschen Sie sie dann.",
    title: {
      "not-junked": "Diese Nachricht wurde nicht in den Junk-E-Mail-Ordner verschoben.",
      allowed: "Diese Nachricht wurde bewusst durchgelassen.",
      "user-settings":
        "Ihre eigenen Junk-E-Mail-Einstellungen haben diese Nachricht hierher verschoben, nicht der Spamfilter.",
      policy:
        "Die E-Mail-Einstellungen Ihrer Organisation haben diese Nachricht in den Junk-E-Mail-Ordner verschoben.",
      gateway:
        "Das E-Mail-Gateway Ihrer Organisation hat Microsoft daran gehindert zu prüfen, wer diese Nachricht gesendet hat.",
      bulk: "Das ist Massenmail, etwa ein Newsletter, und wurde als solche aussortiert.",
      unauthenticated:
        "Der Spamfilter hat diese Nachricht aussortiert, und nichts belegt, wer sie gesendet hat.",
      filtered:
        "Das sieht nach einer echten Nachricht aus, die der Spamfilter falsch eingestuft hat.",
      unknown:
        "Die Kopfzeilen sagen nicht, ob der Filter diese Nachricht in den Junk-E-Mail-Ordner verschoben hat.",
    },
    next: {
      "not-junked": {
        trusted:
          "Es gibt nichts zu retten. Wenn Sie alle E-Mails dieses Absenders erhalten möchten, können Sie ihn trotzdem als vertrauenswürdig melden.",
        plain: "Es gibt nichts zu retten und nichts zu melden.",
      },
      allowed:
        "Ihr Administrator oder Ihre eigene Liste sicherer Absender lässt diesen Absender zu, daher gibt es nichts zu melden.",
      "user-settings":
        "Damit die E-Mails dieses Absenders im Posteingang landen, fügen Sie ihn in den Junk-E-Mail-Optionen von Outlook zu den sicheren Absendern hinzu (oder entfernen Sie ihn aus den blockierten Absendern) und prüfen Sie Ihre Regeln. Ihr Administrator kann das nicht für Sie ändern.",
      policy:
        "Nur Ihr Administrator kann diese Einstellung ändern; den Absender zuzulassen, würde nicht helfen. Klicken Sie auf „Kein Spam“, um ihm zu sagen, dass die Nachricht erwünscht war.",
      gateway:
        "Microsoft hat die Adresse des Gateways statt der des Absenders geprüft, daher schlug die Authentifizierung fehl und die Nachricht wurde als gefälscht markiert. Das kann falsch sein, aber nichts belegt den Absender: Gehen Sie vorsichtig mit Links und Anhängen um. Nur Ihr Administrator kann das beheben (erweiterte Filterung für Connectors); den Absender zuzulassen, würde nicht helfen.",
      bulk: {
        sender:
          "Wenn Sie sie erhalten möchten, klicken Sie auf „Kein Spam“: Ihr Administrator kann diesen Absender zulassen. Wenn nicht, melden Sie sich vom Newsletter ab.",
        "spoof-pair":
          "Wenn Sie sie erhalten möchten, klicken Sie auf „Kein Spam“: Ihr Administrator kann sie durchlassen, aber nur von dem Server, der sie gesendet hat. Wenn nicht, melden Sie sich vom Newsletter ab.",
        none: "Nichts belegt, wer sie gesendet hat, daher kann Ihr Administrator sie nicht gefahrlos zulassen. Wenn Sie sie nicht möchten, melden Sie sich vom Newsletter ab.",
      },
      unauthenticated: {
        sender:
          "Wenn Sie sie erwartet haben, klicken Sie auf „Kein Spam“: Ihr Administrator kann diesen Absender zulassen.",
        "spoof-pair":
          "Wenn Sie sie erwartet haben, klicken Sie auf „Kein Spam“: Ihr Administrator kann diesen Absender durchlassen, aber nur von dem Server, der sie gesendet hat. Dauerhaft beheben kann es nur der Absender: Seine IT muss die E-Mail-Authentifizierung einrichten.",
        none: "Die Nachricht zuzulassen, wäre nicht sicher; beheben kann das nur der Absender: Seine IT muss die E-Mail-Authentifizierung einrichten. Wenn Sie ihn kennen, sagen Sie es ihm.",
      },
      filtered:
        "Der Absender hat nachgewiesen, wer er ist. Klicken Sie unten auf „Kein Spam“: Ihr Administrator sieht die Meldung und kann diesen Absender zulassen. Verschieben Sie die Nachricht bis dahin selbst in den Posteingang.",
      unknown: {
        sender:
          "Wenn sie erwünscht ist, klicken Sie auf „Kein Spam“: Ihr Administrator sieht die Meldung und kann diesen Absender zulassen.",
        "spoof-pair":
          "Wenn sie erwünscht ist, klicken Sie auf „Kein Spam“: Ihr Administrator kann sie durchlassen, aber nur von dem Server, der sie gesendet hat.",
        none: "Nichts belegt, wer sie gesendet hat, daher wäre eine Zulassung nicht sicher. Wenn sie erwünscht ist, informiert „Kein Spam“ trotzdem Ihren Administrator.",
      },
    },
  },

  verdict: {
    heading: "Urteil",
    findingsHeading: "Was die Kopfzeilen zeigen",
    evidence: "Was die Kopfzeilen außerdem zeigen",
    noFindings: "Nichts in den Kopfzeilen deutet auf ein Problem mit dieser Nachricht hin.",
    groups: {
      user: "Was Sie tun können",
      admin: "Was Ihr Administrator tun kann",
      sender: "Was der Absender beheben muss",
      none: "Weitere Befunde",
    },
    advice: {
      user: "Prüfen Sie Ihre Junk-E-Mail-Einstellungen und die Liste sicherer Absender in Outlook.",
      admin: {
        sender:
          "Melden Sie die Nachricht mit den Schaltflächen oben: Ihr Administrator sieht die Meldungen und kann diesen Absender zulassen.",
        "spoof-pair":
          "Melden Sie die Nachricht mit den Schaltflächen oben: Ihr Administrator kann diesen Absender zulassen, aber nur zusammen mit dem Server, der sie gesendet hat.",
        none: "Ihr Administrator kann die Einstellung ändern, die dahintersteht; den Absender zuzulassen, würde nicht helfen.",
      },
      sender: "Sagen Sie es dem Absender: Nur dessen E-Mail-Administrator kann das beheben.",
      senderBehindGateway:
        "Diese Fehler können vom Gateway Ihrer Organisation kommen, nicht vom Absender: Die Lösung Ihres Administrators oben geht vor.",
      none: "",
    },
    severity: { error: "Problem", warning: "Warnung", info: "Hinweis" },
  },

  sender: {
    heading: "Absender",
    from: "Von",
    noFrom: "Die Nachricht hat keine lesbare Von-Zeile.",
    vouchedBy: (domain, via) => `Authentifiziert als ${domain} (durch ${via}).`,
    notVouched: "Nichts belegt, dass diese Nachricht wirklich von der Adresse unter „Von“ stammt.",
    spfDomain: "SPF-Domäne",
    dkimDomain: "DKIM-Signierer",
    aligned: "passt zu „Von“",
    notAligned: "weicht von „Von“ ab",
  },

  auth: {
    heading: "Authentifizierung",
    check: "Prüfung",
    result: "Ergebnis und Bedeutung",
    none: "Ihr E-Mail-System hat keine Authentifizierungsergebnisse an dieser Nachricht hinterlassen.",
    spf: "SPF",
    dkim: "DKIM",
    dkimNone: "Es wurde keine DKIM-Signatur geprüft.",
    dmarc: "DMARC",
    arc: "ARC",
    compauth: "Zusammengesetzte Authentifizierung",
    domain: "Domäne",
    selector: "Selektor",
    policy: "Richtlinie",
    action: "Aktion",
    reason: "Grund",
    trustedSource: (authserv) => `Ergebnisse geschrieben von ${authserv}.`,
    trustedSourceMicrosoft: "Ergebnisse geschrieben von Microsoft 365.",
    unknownCode: "Für diesen Code gibt es keine Beschreibung.",
    receivedSpf: "Received-SPF",
    clientIp: "Client-IP",
    receiver: "Geprüft von",
    original: "Vor der Weiterleitung",
    originalBy: (authserv) => `Geschrieben von ${authserv}.`,
  },

  stamps: {
    heading: "Stempel des Spamfilters",
    none: "Die Nachricht trägt keine Stempel des Microsoft-Spamfilters.",
    code: "Stempel",
    value: "Wert und Bedeutung",
    labels: {
      // A soft hyphen, so the narrow pane breaks the compound at a syllable.
      scl: "SCL (Spam\u00ADwahrscheinlichkeit)",
      bcl: "BCL (Beschwerden über Massenmail)",
      pcl: "PCL (Phishing\u00ADwahrscheinlichkeit)",
      sfv: "SFV (Filterurteil)",
      cat: "CAT (Kategorie)",
      sfty: "SFTY (Sicherheitstipp)",
      srv: "SRV (Massenmail)",
      ipv: "IPV (IP-Reputation)",
      country: "Land des sendenden Servers",
      connectingIp: "Verbindende IP-Adresse",
      authAs: "Wie Exchange sie authentifiziert hat",
      delivery: "Wohin das Postfach sie gelegt hat",
      latency: "Zustelldauer",
    },
    deliveryUnknown: "Das Postfach hat den Ordner nicht genannt.",
    gateways: "E-Mail-Gateways",
    gatewayInFront: (product: string, host: string) =>
      `${product} hat diese Nachricht an Microsoft 365 übergeben (${host}).`,
  },

  route: {
    heading: "Weg",
    none: "Die Nachricht hat keine Received-Kopfzeilen.",
    hop: (index) => `Station ${index}`,
    from: "Von",
    by: "Durch",
    ip: "IP",
    time: "Zeit",
    delay: "Verzögerung",
    slow: "langsam",
    unknown: "unbekannt",
    zoneUnknown: "Zeitzone unbekannt",
    seconds: (s) =>
      s < 60
        ? `${s} s`
        : s < 3600
          ? `${Math.round(s / 60)} min`
          : `${(s / 3600).toFixed(1).replace(".", ",")} h`,
  },

  colleagues: {
    heading: "Kollegen",
    loading: "Der Dienst wird gefragt…",
    unavailable:
      "Der Dienst war nicht erreichbar, daher werden die Meldungen der Kollegen nicht angezeigt.",
    signedOut: "Melden Sie sich an, um die Meldungen der Kollegen zu sehen.",
    count: (n) =>
      n === 0
        ? "Noch niemand in Ihrer Organisation hat sich für diesen Absender verbürgt."
        : n === 1
          ? "1 Person in Ihrer Organisation hat sich für diesen Absender verbürgt."
          : `${n} Personen in Ihrer Organisation haben sich für diesen Absender verbürgt.`,
    forSender: (sender) => `Die Meldungen zählen für ${sender}.`,
    unverifiedSender:
      "Nichts belegt, wer diese Nachricht gesendet hat. Meldungen dazu werden daher getrennt gezählt und können nicht zu einer Zulassung führen.",
    youReported: "Sie sind eine davon.",
    noProposal: "Noch kein Vorschlag für die Zulassungsliste.",
    proposal: "Vorschlag für die Zulassungsliste",
    status: {
      collecting: "sammelt Meldungen",
      open: "wartet auf Ihren Administrator",
      approved: "von Ihrem Administrator genehmigt",
      "needs-review": "von Ihrem Administrator genehmigt, der neue Hinweise gerade prüft",
      rejected: "von Ihrem Administrator abgelehnt",
      applied: "angewendet: dieser Absender ist zugelassen",
      expired: "abgelaufen",
      revoked: "von Ihrem Administrator widerrufen",
      refused: "verweigert: dieser Absender kann nicht zugelassen werden",
      insight: "eine Zulassung hilft hier nicht: Ihr Administrator hat stattdessen einen Hinweis",
    },
  },

  raw: {
    heading: "Rohe Kopfzeilen",
    show: "Rohe Kopfzeilen anzeigen",
    copy: "Kopfzeilen kopieren",
    copied: "Kopfzeilen kopiert.",
    copyFailed: "Kopieren nicht möglich. Markieren Sie den Text und kopieren Sie ihn selbst.",
  },

  report: {
    heading: "Melden",
    intro:
      "Sagen Sie Ihrem Administrator, dass diese Nachricht erwünscht ist. Meldungen von Kollegen werden zusammengezählt.",
    introTrustedOnly:
      "Sagen Sie Ihrem Administrator, dass Sie alle E-Mails dieses Absenders erhalten möchten.",
    notSpamExplained:
      "Kein Spam: Diese eine Nachricht war erwünscht. Ihr Administrator sieht die Meldung; sonst ändert sich vorerst nichts.",
    trustedSenderExplained:
      "Vertrauenswürdiger Absender: Sie möchten alle E-Mails dieses Absenders erhalten. Wenn genug Kollegen zustimmen, kann Ihr Administrator ihn für alle zulassen.",
    comment: "Kommentar (optional)",
    notSpam: "Kein Spam",
    trustedSender: "Vertrauenswürdiger Absender",
    nothing: {
      threat:
        "Hier gibt es keine Schaltfläche „Kein Spam“ oder „Vertrauenswürdiger Absender“: Vouch meldet eine gefährliche Nachricht nie als erwünscht.",
      "not-junked":
        "Es gibt nichts zu melden: Diese Nachricht wurde nicht in den Junk-E-Mail-Ordner verschoben.",
      other: "Eine Meldung würde hier nicht helfen; was stattdessen hilft, steht oben.",
    },
    noMessageId:
      "Diese Nachricht hat keine Internet-Nachrichten-ID und kann daher nicht gemeldet werden.",
    signedOut: "Melden Sie sich an, um zu melden.",
    signingIn: "Anmeldung läuft…",
    sending: "Ihre Meldung wird gesendet…",
    sent: (kind) =>
      kind === "not-spam"
        ? "Als „kein Spam“ gemeldet. Vielen Dank."
        : "Als vertrauenswürdiger Absender gemeldet. Vielen Dank.",
    duplicate: "Sie hatten diese Nachricht bereits gemeldet; sie zählt einmal.",
    queued:
      "Sie sind offline oder der Dienst ist ausgelastet. Ihre Meldung ist gespeichert und wird automatisch gesendet.",
    failed: (message) => `Die Meldung wurde abgelehnt: ${message}`,
    dismiss: "Schließen",
    retract: "Meldung zurückziehen",
    retractUntil: (time) => `Sie können sie bis ${time} zurückziehen.`,
    retracting: "Wird zurückgezogen…",
    retracted: "Ihre Meldung wurde zurückgezogen.",
    retractFailed: "Die Meldung konnte nicht zurückgezogen werden.",
    alreadyReported: "Sie haben sich bereits für diesen Absender verbürgt.",
  },

  missing: {
    heading: "Keine Kopfzeilen zum Auswerten",
    empty:
      "Outlook hat für diese Nachricht keine Zustellkopfzeilen geliefert. Das passiert bei Nachrichten in „Gesendete Elemente“.",
    subjectOnly:
      "Diese Outlook-Version hat nur die Betreffzeile geliefert, nicht die Zustellkopfzeilen.",
    unsupported: "Diese Outlook-Version kann keine Kopfzeilen lesen (ihr fehlt Mailbox 1.8).",
    unsupportedMobile:
      "Outlook auf Smartphones und Tablets kann die Kopfzeilen nicht selbst lesen, daher fragt Vouch Microsoft Graph danach.",
    error: (message) => `Outlook konnte die Kopfzeilen nicht lesen: ${message}`,
    tooFew: "Die von Outlook gelieferten Kopfzeilen reichen nicht aus, um etwas zu erklären.",
    graphTried: "Vouch hat es auch über Microsoft Graph versucht:",
    graphOk: "Microsoft Graph hat die Kopfzeilen stattdessen geliefert.",
    graphNotTried:
      "Vouch konnte hier nicht auf Microsoft Graph ausweichen: Dafür sind die Anmeldung über Outlook und die ID der Nachricht nötig.",
    howTo: "Sie können die Kopfzeilen selbst aus Outlook kopieren und hier einfügen:",
    howToSteps: [
      "Outlook im Web und das neue Outlook: Öffnen Sie die Nachricht und wählen Sie … (Weitere Aktionen) > Anzeigen > Nachrichtendetails anzeigen.",
      "Klassisches Outlook für Windows: Öffnen Sie die Nachricht in einem eigenen Fenster und wählen Sie Datei > Eigenschaften; die Kopfzeilen stehen unter „Internetkopfzeilen“.",
      "Outlook für Mac: Klicken Sie mit der rechten Maustaste auf die Nachricht und wählen Sie „Quelle anzeigen“.",
    ],
    pasteLabel: "Kopfzeilen der Nachricht",
    pasteHint: "Vouch wertet sie auf diesem Gerät aus; gesendet wird erst, wenn Sie melden.",
    analyse: "Diese Kopfzeilen erklären",
    pasteEmpty: "Fügen Sie zuerst die Kopfzeilen ein.",
    pasteTooFew:
      "Diese Zeilen reichen nicht aus, um etwas zu erklären. Kopieren Sie den ganzen Kopfzeilenblock, von der ersten Received-Zeile bis zum Ende.",
    pasted: "Erklärt anhand der Kopfzeilen, die Sie eingefügt haben.",
    pasteAgain: "Andere Kopfzeilen einfügen",
    graph: {
      "no-token": "es konnte keine Berechtigung zum Lesen Ihrer E-Mails erhalten.",
      "not-found": "Graph kennt diese Nachricht nicht.",
      "no-headers": "Auch Graph hat keine Kopfzeilen für diese Nachricht.",
      failed: "die Anfrage an Graph ist fehlgeschlagen.",
    },
  },
  /** Der Reputationsabschnitt (ReputationSection.tsx), nach dem Urteil gezeichnet. */
  reputation: {
    heading: "Ruf des Absenders",
    loading: "Der Absender wird geprüft…",
    signedOut:
      "Melden Sie sich an, um zu sehen, was Ihre Organisation und der Dienst über diesen Absender wissen.",
    unavailable: "Der Dienst war nicht erreichbar, daher wurde nichts geprüft.",
    notChecked: (why: string) => `Nicht geprüft: ${why}.`,
    why: {
      timeout: "keine Antwort in der Zeit",
      unreachable: "der Dienst erreichte den zuständigen Server nicht",
      "malformed-answer": "die Antwort war fehlerhaft",
      "server-error": "der Server antwortete mit einem Fehler",
      "no-input": "die Kopfzeilen nennen es nicht",
      "invalid-input": "die Kopfzeilen enthalten keine gültige Domäne oder Adresse",
      "not-public": "eine private Adresse, die keine öffentliche Liste kennt",
      "not-found": "die Registrierungsstelle kennt diese Domäne nicht",
    },
    organisation: {
      heading: "In Ihrer Organisation",
      nobody: "Niemand in Ihrer Organisation hat sich bisher für diesen Absender verbürgt.",
      firstSeen: (date: string) => `Zum ersten Mal gemeldet am ${date}.`,
      vouched: (people: number, mailboxes: number): string =>
        `${people === 1 ? "1 Kollege oder Kollegin hat" : `${people} Kolleginnen und Kollegen haben`} sich dafür verbürgt, in ${mailboxes === 1 ? "1 Postfach" : `${mailboxes} Postfächern`}.`,
      proposal: (status: string) => `Vorschlag für die Zulassungsliste: ${status}.`,
      decisions: {
        approve: (date: string) => `Ein Administrator hat die Zulassung am ${date} genehmigt.`,
        reject: (date: string) => `Ein Administrator hat die Zulassung am ${date} abgelehnt.`,
        "mark-applied": (date: string) =>
          `Ein Administrator hat den Zulassungseintrag am ${date} angewendet.`,
        revoke: (date: string) =>
          `Ein Administrator hat den Zulassungseintrag am ${date} zurückgenommen.`,
      },
      because: "Warum:",
      reasons: {
        phishing: "Microsoft hat seine Nachrichten als Phishing eingestuft",
        "high-confidence-phishing":
          "Microsoft hält seine Nachrichten mit hoher Sicherheit für Phishing",
        malware: "Microsoft hat Schadsoftware in seinen Nachrichten gefunden",
        impersonation: "er gibt sich als jemand aus, den Sie kennen",
        spoof: "seine Adresse scheint gefälscht zu sein",
        "authentication-failed": "seine eigene Authentifizierung ist fehlgeschlagen",
        "look-alike": "seine Domäne ahmt eine andere Domäne nach",
        "invalid-identity": "seine Adresse kann nicht auf eine Zulassungsliste",
        "freemail-roll-up": "bei diesem Freemail-Dienst sind schon zu viele Adressen zugelassen",
        "young-domain": "seine Domäne wurde vor weniger als 30 Tagen registriert",
        "unverified-identity": "nichts beweist, wer sie gesendet hat",
        "user-junk-settings":
          "die eigenen Junk-E-Mail-Einstellungen der Personen haben sie verschoben",
        "user-blocked-senders": "er steht auf den eigenen Listen blockierter Absender",
        "policy-blocked": "Ihre Organisation blockiert ihn absichtlich",
        "bulk-threshold": "es ist Massenmail über der Schwelle Ihrer Organisation",
        "advanced-spam-filter": "eine erweiterte Spamfilter-Option hat sie markiert",
        "transport-rule": "eine Nachrichtenflussregel Ihrer Organisation hat sie markiert",
        "own-domain": "sie kommt von einer eigenen Domäne Ihrer Organisation",
      },
      otherReason: "ein anderer Grund, den Ihr Administrator sieht",
    },
    microsoft: {
      heading: "Signale von Microsoft",
      ipv: "IP-Reputation (IPV)",
      ipvNone:
        "Nicht gestempelt: Microsoft hat keine Reputationsliste für den sendenden Server vermerkt.",
      bcl: "Massenmail-Stufe (BCL)",
      bclNone: "Nicht gestempelt: Microsoft hat sie nicht als Massenmail bewertet.",
      bclJunked: (bcl: number) =>
        `${bcl} von 9: auf oder über der Massenmail-Schwelle Ihrer Organisation, daher als Massenmail gefiltert (die Standardschwelle ist 7).`,
      bclBelow: (bcl: number) =>
        `${bcl} von 9: unter der Massenmail-Schwelle Ihrer Organisation, Massenmail war also nicht der Grund (die Standardschwelle ist 7).`,
      firstContact: "Sicherheitstipp beim Erstkontakt",
      firstContactShown:
        "Angezeigt: Der Empfänger erhält selten E-Mails von diesem Absender. Das allein ist kein Grund zum Misstrauen.",
      firstContactNotShown: "Nicht angezeigt.",
      pcl: "Phishing-Wahrscheinlichkeit (PCL)",
      pclNone: "Nicht gestempelt.",
      pclLow: (pcl: number) => `${pcl} von 8: Der Inhalt ist wahrscheinlich kein Phishing.`,
      pclHigh: (pcl: number) => `${pcl} von 8: Der Inhalt ist wahrscheinlich Phishing.`,
    },
    live: {
      heading: "Aktuelle Fakten, vom Dienst geprüft",
      checkedAt: (time: string) => `Geprüft um ${time}.`,
      dmarc: "DMARC-Richtlinie",
      dmarcPolicy: {
        none: "p=none: Die Domäne bittet Empfänger nur, Fehlschläge zu melden.",
        quarantine:
          "p=quarantine: Die Domäne bittet Empfänger, fehlschlagende Nachrichten als Junk einzustufen.",
        reject: "p=reject: Die Domäne bittet Empfänger, fehlschlagende Nachrichten abzuweisen.",
      },
      dmarcAt: (domain: string) => `Veröffentlicht bei ${domain}.`,
      dmarcNone: "Die Domäne veröffentlicht keinen DMARC-Eintrag.",
      dmarcInvalid: "Der DMARC-Eintrag der Domäne ist ungültig.",
      dmarcMultiple: "Die Domäne veröffentlicht mehr als einen DMARC-Eintrag, daher gilt keiner.",
      dmarcRejectThreat:
        "DMARC ist für diese Nachricht fehlgeschlagen, und die Domäne veröffentlicht p=reject: Der Inhaber der Domäne sagt, dass er sie nicht gesendet hat.",
      spf: "SPF-Eintrag",
      spfValid: "Vorhanden und gültig.",
      spfNone: "Die Domäne veröffentlicht keinen SPF-Eintrag.",
      spfMultiple: "Die Domäne veröffentlicht mehr als einen SPF-Eintrag, daher schlägt SPF fehl.",
      spfSyntax: (term: string) => `Vorhanden, aber „${term}“ ist kein gültiges SPF.`,
      spfLookups: (count: string) =>
        `Vorhanden, braucht aber ${count} DNS-Abfragen; SPF erlaubt 10, daher schlägt es fehl.`,
      mx: "Mailserver (MX)",
      mxPresent: (hosts: string) => `Vorhanden: ${hosts}.`,
      mxNone: "Die Domäne nennt keine Mailserver.",
      mxNull: "Die Domäne sagt, dass sie überhaupt keine E-Mails empfängt (Null-MX).",
      age: "Alter der Domäne",
      ageDays: (domain: string, days: number, date: string) =>
        `${domain} wurde am ${date} registriert, vor ${days === 1 ? "1 Tag" : `${days} Tagen`}.`,
      ageYoung:
        "Jünger als 30 Tage: Neue Domänen sind das Werkzeug von Phishing-Kampagnen, und Vouch lässt sie nie zu.",
      ageUnknown: (domain: string) =>
        `Die Registrierungsstelle nennt kein Registrierungsdatum für ${domain}.`,
      reverse: "Name des sendenden Servers",
      reverseConfirmed: (name: string) =>
        `${name}, und dieser Name verweist auf dieselbe Adresse zurück.`,
      reverseUnconfirmed: (name: string) =>
        `${name}, aber dieser Name verweist nicht auf dieselbe Adresse zurück.`,
      reverseNone: "Die sendende Adresse hat keinen Namen (kein Reverse-DNS).",
      blocklist: (zone: string) => `Sperrliste ${zone}`,
      listed: (codes: string) => `Gelistet (${codes}).`,
      notListed: "Nicht gelistet.",
    },
  },

  rescue: {
    moving: "Die Nachricht wird aus dem Junk-E-Mail-Ordner verschoben…",
    moved: "In den Posteingang verschoben.",
    movedAndReported:
      "In den Posteingang verschoben, und Microsoft wurde mitgeteilt, dass sie kein Junk ist.",
    manual:
      "Vouch konnte sie nicht für Sie verschieben. Melden Sie die Nachricht in Outlook als „kein Junk“, oder verschieben Sie sie in Ihren Posteingang.",
    manualShared:
      "Vouch konnte sie nicht für Sie verschieben. Verschieben Sie die Nachricht aus dem Junk-E-Mail-Ordner dieses Postfachs in seinen Posteingang.",
  },

  sharedMailbox: (owner: string) => `Im Postfach von ${owner} (für Sie freigegeben).`,
};
