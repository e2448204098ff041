import type { AdminStrings } from "./index";

const plural = (count: number, one: string, many: string) =>
  `${count.toLocaleString("de-DE")} ${count === 1 ? one : many}`;

/** Die Konsole auf Deutsch: jeder Schlüssel von en.ts, sonst schlägt die Typprüfung fehl. */
export const de: AdminStrings = {
  language: "de",
  languageName: "Deutsch",
  languageLabel: "Sprache",

  app: {
    title: "Vouch-Konsole",
    signOut: "Abmelden",
    signingIn: "Anmeldung läuft…",
    sections: "Bereiche der Konsole",
    tabs: {
      proposals: "Vorschläge",
      insights: "Hinweise",
      audit: "Protokoll",
      activity: "Aktivität",
      settings: "Einstellungen",
    },
    notAdminTitle: "Sie sind kein Administrator von Vouch",
    notAdminBody:
      "Die Konsole ist für die Personen, die über Vorschläge für die Zulassungsliste entscheiden. Bitten Sie Ihren Microsoft 365-Administrator um die Rolle Vouch.Admin; Ihre Meldungen aus Outlook zählen trotzdem.",
    signedInAs: (user, tenant) => `${user} · ${tenant}`,
  },

  signIn: {
    heading: "Bei der Vouch-Konsole anmelden",
    intro:
      "Anmeldung für die Entwicklung: Wählen Sie, wer Sie sind. Im Betrieb meldet Microsoft Entra ID Sie an.",
    identity: "Identität",
    presets: {
      contosoAdmin: "Contoso-Administrator",
      contosoPerson: "Contoso-Person (kein Administrator)",
    },
    someoneElse: "Jemand anderes",
    tenant: "Mandant",
    user: "Benutzer",
    adminRole: "Mit der Vouch-Administratorrolle anmelden",
    submit: "Anmelden",
    failed: "Die Anmeldung ist fehlgeschlagen.",
  },

  common: {
    loading: "Wird geladen…",
    unreadable: "Der Dienst hat eine unlesbare Antwort gegeben.",
    serviceAnswered: (status) => `Der Dienst hat mit ${status} geantwortet.`,
    cancel: "Abbrechen",
    previous: "Zurück",
    next: "Weiter",
  },

  status: {
    collecting: "Sammelt",
    open: "Offen",
    refused: "Verweigert",
    insight: "Hinweis",
    approved: "Genehmigt",
    "needs-review": "Zu prüfen",
    rejected: "Abgelehnt",
    applied: "Eingetragen",
    expired: "Abgelaufen",
    revoked: "Widerrufen",
  },

  proposals: {
    heading: "Vorschläge, die stärksten zuerst",
    listLabel: "Vorschläge",
    statusFilter: "Status",
    all: "Alle",
    exportAll: "Alle genehmigten exportieren",
    loading: "Vorschläge werden geladen…",
    count: (total) => plural(total, "Absender", "Absender"),
    empty:
      "Hier gibt es noch keinen Vorschlag: Vorschläge entstehen, wenn Personen Nachrichten melden.",
    choose: "Wählen Sie einen Vorschlag, um die Belege zu sehen und zu entscheiden.",
    needsReviewHeading: "Bitte erneut prüfen",
    needsReviewCount: (count) =>
      count === 1
        ? "1 genehmigter Absender, dessen Belege sich geändert haben: bitte erneut entscheiden"
        : `${plural(count, "", "genehmigte Absender")}, deren Belege sich geändert haben: bitte erneut entscheiden`,
    strength: (value) => `Stärke ${value} von 100`,
    strengthShort: (value) => `Stärke ${value}`,
  },

  reason: {
    collecting: (people, needPeople, mailboxes, needMailboxes) =>
      `Bisher ${people} von ${needPeople} Personen und ${mailboxes} von ${needMailboxes} Postfächern`,
    stale: (people) =>
      `${plural(people, "Person hat", "Personen haben")} sich verbürgt, aber nicht kürzlich genug`,
    open: (people, mailboxes) =>
      `${plural(people, "Person", "Personen")} in ${plural(mailboxes, "Postfach", "Postfächern")} ${people === 1 ? "hat" : "haben"} sich verbürgt`,
    refused: (refusal) => `Verweigert: ${refusal}`,
    insight: (cause) => `Eine Zulassung würde nicht helfen: ${cause}`,
  },

  entry: {
    none: "Kein Zulassungseintrag",
    domain: (value) => `Die Domäne ${value} zulassen`,
    address: (value) => `Die Adresse ${value} zulassen`,
    spoof: (user, infrastructure) => `${user} zulassen, gesendet von ${infrastructure}`,
    approvedHeading: "Der genehmigte Eintrag (wird so exportiert, bis Sie erneut entscheiden)",
  },

  detail: {
    back: "← Zurück zur Liste",
    loading: "Die Belege werden geladen…",
    decidedBy: (status, by, at) => `${status} von ${by} am ${at}`,
    expires: (date) => `läuft am ${date} ab, wenn niemand erneut meldet`,
    facts: {
      people: "Personen",
      mailboxes: "Postfächer",
      reports: "Meldungen",
      trustedSender: "Meldungen „Vertrauenswürdiger Absender“",
      dmarcPass: "DMARC bestanden",
      dkimAlignedPass: "Ausgerichtetes DKIM bestanden",
      spfAlignedPass: "Ausgerichtetes SPF bestanden",
      firstSeen: "Zuerst gesehen",
      lastSeen: "Zuletzt gesehen",
    },
    signalsHeading: "Gesehene Urteile und Befunde",
    signalCount: (word, reports) => `${word}: ${plural(reports, "Meldung", "Meldungen")}`,
    sentFrom: "Gesendet von",
    sentFromItem: (value, reports) => `${value} (${plural(reports, "Meldung", "Meldungen")})`,
    latestReports: "Neueste Meldungen",
    reported: "Gemeldet",
    verdict: "Urteil und Authentifizierung",
    comment: "Kommentar",
    noComment: "Kein Kommentar",
    kind: { "not-spam": "Kein Spam", "trusted-sender": "Vertrauenswürdiger Absender" },
    refusalReports: (reports) => plural(reports, "Meldung", "Meldungen"),
    note: "Notiz für das Protokoll (warum)",
    download: "Herunterladen",
    history: "Verlauf",
    decided: (status) => `${status}.`,
    needsReviewTitle: "Die Belege haben sich seit der Genehmigung geändert",
    needsReviewBody:
      "Der genehmigte Eintrag bleibt genau wie entschieden, exportierbar und entfernbar, bis Sie erneut entscheiden: behalten (genehmigen) oder zurücknehmen (ablehnen oder widerrufen) und das Entfernungsskript ausführen.",
    whatChanged: "Was sich geändert hat",
  },

  actions: {
    approve: "Genehmigen",
    reject: "Ablehnen",
    "mark-applied": "Als eingetragen markieren",
    revoke: "Widerrufen",
  },

  confirm: {
    rejectTitle: (sender) => `${sender} ablehnen?`,
    revokeTitle: (sender) => `${sender} widerrufen?`,
    rejectBody:
      "Personen haben um diesen Absender gebeten. Schreiben Sie, warum Sie ablehnen: Das Protokoll behält Ihre Notiz, und die Meldenden sehen die Entscheidung.",
    revokeBody:
      "Damit nehmen Sie eine genehmigte Zulassung zurück. Schreiben Sie, warum: Das Protokoll behält Ihre Notiz. Führen Sie danach das Entfernungsskript aus, damit der Eintrag die Tenant Allow/Block List verlässt.",
    takesBackApproved:
      "Dieser Vorschlag war genehmigt: Sein Eintrag steht vielleicht schon in der Tenant Allow/Block List. Sie erhalten das Entfernungsskript.",
    noteLabel: "Warum (Pflichtfeld, bleibt im Protokoll)",
    noteMissing: "Schreiben Sie zuerst eine Notiz.",
    confirmReject: "Ablehnen",
    confirmRevoke: "Widerrufen",
  },

  removal: {
    title: "Den Eintrag aus der Tenant Allow/Block List entfernen",
    body: "Führen Sie dieses PowerShell-Skript in Exchange Online aus, um das Genehmigte zu entfernen.",
    download: "Entfernungsskript herunterladen",
  },

  exports: {
    powershell: "PowerShell (Tenant Allow/Block List)",
    "transport-rule": "Nachrichtenflussregel (PowerShell)",
    csv: "CSV",
    json: "JSON",
    mimecast: "Mimecast: zugelassene Absender (API-Anfrage)",
    proofpoint: "Proofpoint: Liste sicherer Absender",
  },

  escaped: {
    badge: "Versteckte oder täuschende Zeichen",
    explanation:
      "Dieser Text enthält Zeichen, die andere Zeichen umordnen, verstecken oder nachahmen. Sie werden maskiert angezeigt, zum Beispiel \\u202E.",
  },

  refusals: {
    phishing:
      "Microsoft hat die Nachricht als Phishing eingestuft: Eine Zulassung ließe den nächsten Angriff durch.",
    "high-confidence-phishing":
      "Microsoft hat die Nachricht mit hoher Sicherheit als Phishing eingestuft; kein Zulassungseintrag setzt das außer Kraft, und keiner sollte es.",
    malware:
      "Microsoft hat Schadsoftware gefunden: Nur eine Administrator-Übermittlung der Nachricht kann das aufheben.",
    impersonation:
      "Microsoft hat einen Identitätswechsel erkannt: Wenn der Absender echt ist, tragen Sie ihn als vertrauenswürdigen Absender in der Antiphishing-Richtlinie ein, nicht in der Zulassungsliste.",
    spoof:
      "Microsoft hat den Absender als gefälscht erkannt: Eine Absenderzulassung kann und soll das nicht außer Kraft setzen.",
    "authentication-failed":
      "Die eigene Authentifizierung des Absenders ist fehlgeschlagen (DMARC fehlgeschlagen oder gefälschte Ergebnisse): Der Von-Zeile ist nicht zu trauen.",
    "unverified-identity":
      "Nichts (DMARC, ausgerichtetes DKIM oder ausgerichtetes SPF) verbürgt sich für die Von-Zeile, und keine einzelne sendende Infrastruktur sticht hervor.",
    "look-alike":
      "Die Domäne des Absenders ahmt eine andere Domäne nach (ein Doppelgänger): niemals zulassen.",
    "mixed-script":
      "Der Name des Absenders mischt Alphabete (zum Beispiel lateinisch und kyrillisch), um einen anderen nachzuahmen: niemals zulassen.",
    "invalid-identity":
      "Domäne oder Adresse des Absenders ist ungültig (zum Beispiel mit versteckten Zeichen): Sie kann nie ein Zulassungseintrag werden.",
    "invalid-address": "Die Adresse des Absenders ist keine gültige Adresse.",
    "freemail-roll-up":
      "Noch eine zugelassene Adresse bei diesem Freemail-Dienst, und Microsoft fasst sie zu einer Zulassung der ganzen Domäne zusammen, also für alle dort.",
    "invalid-domain": "Die Domäne des Absenders ist kein gültiger Domänenname.",
    "public-suffix":
      "Der Absender ist ein öffentliches Suffix (wie co.uk): Eine Zulassung gälte für alle darunter.",
    "freemail-domain":
      "Die Domäne des Absenders gehört zu einem kostenlosen E-Mail-Dienst: Eine Zulassung ließe alle mit einer Adresse dort zu.",
    "young-domain":
      "Die Domäne des Absenders wurde vor weniger als 30 Tagen registriert (eigene RDAP-Prüfung des Dienstes): Neue Domänen sind das Werkzeug von Phishing-Kampagnen, darum lässt Vouch sie nie zu.",
  },
  refusalShort: {
    phishing: "Phishing",
    "high-confidence-phishing": "Phishing mit hoher Sicherheit",
    malware: "Schadsoftware",
    impersonation: "Identitätswechsel",
    spoof: "gefälschter Absender",
    "authentication-failed": "fehlgeschlagene Authentifizierung",
    "unverified-identity": "nichts verbürgt sich für den Absender",
    "look-alike": "Doppelgänger-Domäne",
    "mixed-script": "gemischte Alphabete",
    "invalid-identity": "ungültiger Absender",
    "invalid-address": "ungültige Adresse",
    "freemail-roll-up": "Freemail-Zusammenfassung",
    "invalid-domain": "ungültige Domäne",
    "public-suffix": "öffentliches Suffix",
    "freemail-domain": "Freemail-Domäne",
    "young-domain": "Domäne jünger als 30 Tage",
  },
  refusalFallback: (code) => `verweigert (${code})`,

  warning: (code, message) =>
    ({
      "roll-up":
        "Mehrere Adressen dieser Domäne sind vorgeschlagen oder zugelassen; ab 7 Adressen fasst Microsoft sie zu einer Zulassung der ganzen Domäne zusammen.",
      "spoof-entries-never-expire":
        "Microsoft lässt Einträge für gefälschte Absender nie ablaufen: Vouch lässt den Vorschlag ablaufen, wenn der Absender still wird; entfernen Sie den Eintrag dann.",
      "minor-cause":
        "Einige Meldungen zeigen zusätzlich eine Ursache, die eine Zulassung nicht behebt; siehe Hinweise.",
      "critical-fast-track":
        "Einer Ihrer kritischen Absender: eröffnet bei der ersten authentifizierten Meldung, ohne auf weitere Personen zu warten.",
    })[code] ?? message,

  causes: {
    "user-junk-settings": "Eigene Junk-E-Mail-Einstellungen der Personen",
    "user-blocked-senders": "Blockierte Absender der Personen",
    "policy-blocked": "Von einer Richtlinie oder einem Listeneintrag blockiert",
    "bulk-threshold": "Massenmail-Schwellenwert (BCL)",
    "advanced-spam-filter": "Option des erweiterten Spamfilters",
    "transport-rule": "Eine Nachrichtenflussregel",
    "own-domain": "Ihre eigene Domäne",
    "gateway-in-front": "Ein Gateway vor Microsoft 365",
  },
  causeSettings: {
    "user-junk-settings":
      "Die eigenen Junk-E-Mail-Einstellungen der Personen (nur sichere Listen oder ihre Regeln) haben sie verschoben: Prüfen Sie Get-MailboxJunkEmailConfiguration, nicht die Zulassungsliste.",
    "user-blocked-senders":
      "Der Absender steht in der eigenen Liste blockierter Absender der Personen: Sie entfernen ihn in den Junk-E-Mail-Optionen von Outlook.",
    "policy-blocked":
      "Die blockierten Absender oder Domänen einer Antispam-Richtlinie oder ein Sperreintrag der Tenant Allow/Block List führen ihn auf: Entfernen Sie diesen Eintrag, statt eine Zulassung hinzuzufügen.",
    "bulk-threshold":
      "Die Massenmail-Beschwerdestufe (BCL) hat den Schwellenwert der Antispam-Richtlinie erreicht: Prüfen Sie BulkThreshold in der Richtlinie, bevor Sie einen einzelnen Newsletter zulassen.",
    "advanced-spam-filter":
      "Eine Option des erweiterten Spamfilters (X-CustomSpam) hat sie markiert: Microsoft empfiehlt, ASF-Optionen auszuschalten.",
    "transport-rule":
      "Eine Nachrichtenflussregel hat die Spamstufe gesetzt (SFV:SKS): Prüfen Sie die Transportregeln des Mandanten.",
    "own-domain":
      "Sie kommt von einer Ihrer eigenen Domänen: Reparieren Sie SPF, DKIM und DMARC für den Dienst, der in Ihrem Namen sendet, oder fügen Sie einen internen Eintrag für gefälschte Absender hinzu; lassen Sie nie Ihre eigene Domäne zu.",
    "gateway-in-front":
      "Ein Gateway eines Drittanbieters vor Exchange Online übergibt die Mail, daher prüft Microsoft SPF und DMARC gegen die IP des Gateways, und sie scheitern: Schalten Sie die erweiterte Filterung für Connectors am eingehenden Connector ein (Set-InboundConnector -EFSkipLastIP $true) oder tragen Sie das Gateway als vertrauenswürdigen ARC-Versiegler ein (Set-ArcConfig -ArcTrustedSealers); lassen Sie den Absender nie zu.",
  },

  insights: {
    loading: "Hinweise werden geladen…",
    none: "Noch kein Hinweis: Nichts bisher Gemeldete deutet auf eine Einstellung.",
    counts: (reports, senders) =>
      `${plural(reports, "Meldung", "Meldungen")} zu ${plural(senders, "Absender", "Absendern")}`,
    topSender: (sender, reports) => `${sender} (${plural(reports, "Meldung", "Meldungen")})`,
    campaignsHeading: "Sicherheit: Personen verbürgen sich für einen verweigerten Doppelgänger",
    campaignTitle: (people) =>
      `${plural(people, "Person hat", "Personen haben")} sich für einen Absender verbürgt, den Vouch verweigert hat`,
    campaignBody: (refusal) =>
      `Verweigert wegen: ${refusal}. Wenn so viele Personen ihm trauen, erreicht eine Kampagne Ihre Organisation: Warnen Sie die Personen, Nachrichten dieses Absenders nicht zu trauen, und prüfen Sie, wer geantwortet oder gezahlt hat.`,
    campaignMeta: (reports, lastSeen) =>
      `${plural(reports, "Meldung", "Meldungen")}, die neueste am ${lastSeen}`,
    openProposal: "Belege zeigen",
  },

  audit: {
    heading: "Protokoll, das Neueste zuerst",
    tableLabel: "Protokoll",
    loading: "Das Protokoll wird geladen…",
    empty: "Noch nichts entschieden.",
    when: "Wann",
    who: "Wer",
    sender: "Absender",
    what: "Was",
    why: "Warum",
    settingsSender: "Einstellungen",
    transition: (from, to) => `${from} → ${to}`,
    actions: {
      approve: "Genehmigt",
      reject: "Abgelehnt",
      revoke: "Widerrufen",
      "mark-applied": "Als eingetragen markiert",
      assess: "Neu bewertet",
      review: "Zur Prüfung gestellt",
      expire: "Abgelaufen",
      reopen: "Wieder geöffnet",
      export: "Exportiert",
      settings: "Einstellungen geändert",
    },
    expireNote: "Keine Meldung innerhalb der Ablaufzeit: Entfernen Sie den Eintrag aus der Liste.",
    settingChange: (setting, from, to) => `${setting}: ${from} → ${to}`,
  },

  activity: {
    loading: "Aktivität wird geladen…",
    perDay: "Meldungen pro Tag",
    perDayTotal: (total) => `${plural(total, "Meldung", "Meldungen")} in den letzten 30 Tagen`,
    legend: "Meldungen",
    topSenders: "Am häufigsten gemeldete Absender",
    none: "Noch keine Meldungen.",
  },

  settings: {
    heading: "Einstellungen",
    intro:
      "Wie viele Personen sich verbürgen müssen, bevor ein Vorschlag öffnet, wie lange Einträge leben, Ihre eigenen Domänen und Ihr Plan. Jede Änderung bleibt im Protokoll, und jeder Absender wird nach den neuen Einstellungen neu bewertet.",
    loading: "Die Einstellungen werden geladen…",
    minReporters: "Personen, die sich verbürgen müssen",
    minReportersHint: "Verschiedene Personen, bevor ein Vorschlag öffnet (mindestens 2).",
    minMailboxes: "Postfächer",
    minMailboxesHint: "Verschiedene Postfächer, in denen die gemeldeten Nachrichten lagen.",
    windowDays: "Aktuell innerhalb von (Tagen)",
    windowDaysHint: "So aktuell muss die neueste Meldung sein, damit ein Vorschlag öffnet.",
    expiryDays: "Einträge leben (Tage)",
    expiryDaysHint:
      "Ein genehmigter Eintrag läuft so viele Tage nach der letzten Meldung des Absenders ab.",
    acceptedDomains: "Ihre eigenen (akzeptierten) Domänen",
    acceptedDomainsHint: "Eine pro Zeile. Nachrichten von dort erhalten Rat, nie eine Zulassung.",
    plan: "Microsoft 365-Plan",
    planHint: "Bestimmt die Grenzen der Tenant Allow/Block List, die die Exporte einhalten.",
    plans: {
      eop: "Exchange Online Protection (500 Zulassungseinträge)",
      "mdo-p1": "Defender für Office 365 Plan 1 (1.000)",
      "mdo-p2": "Defender für Office 365 Plan 2 (5.000)",
    },
    reportToMicrosoft: "Auch Microsoft melden",
    reportToMicrosoftHint:
      "Die Schaltfläche im Menüband meldet die Nachricht auch an Microsoft als kein Junk (sie sendet die Nachricht an Microsoft).",
    save: "Einstellungen speichern",
    saving: "Wird gespeichert…",
    saved: "Gespeichert. Die Änderung steht im Protokoll.",
    unchanged: "Nichts geändert.",
    invalidNumber: (min, max) => `Eine ganze Zahl von ${min} bis ${max}.`,
    names: {
      minReporters: "Personen, die sich verbürgen müssen",
      minMailboxes: "Postfächer",
      windowDays: "Aktuell innerhalb von (Tagen)",
      expiryDays: "Einträge leben (Tage)",
      acceptedDomains: "Akzeptierte Domänen",
      tablPlan: "Plan",
      reportToMicrosoft: "Microsoft melden",
    },
    on: "an",
    off: "aus",
    none: "keine",
  },

  findings: {
    "malware-verdict": "Urteil: Schadsoftware",
    "phishing-verdict": "Urteil: Phishing",
    "impersonation-domain": "Identitätswechsel einer Domäne",
    "impersonation-user": "Identitätswechsel einer Person",
    "impersonation-mailbox-intelligence": "Identitätswechsel (Postfachintelligenz)",
    "impersonation-brand": "Identitätswechsel einer Marke",
    "spoof-verdict": "Urteil: gefälscht",
    "intra-org-phishing": "Phishing aus der eigenen Organisation",
    "dmarc-fail": "DMARC fehlgeschlagen",
    "high-confidence-spam": "Spam mit hoher Sicherheit",
    "forged-auth-results": "Gefälschte Authentifizierungsergebnisse",
    "content-filter-spam-authenticated": "Spamfilter, Absender authentifiziert",
    "junk-by-user-settings": "Von den eigenen Einstellungen der Person verschoben",
    "policy-blocked": "Von einer Richtlinie blockiert",
    "transport-rule-spam": "Von einer Nachrichtenflussregel als Spam markiert",
    "asf-custom-spam": "Option des erweiterten Spamfilters",
    "bulk-bcl-high": "Hohe Massenmail-Stufe",
    "compauth-fail": "Zusammengesetzte Authentifizierung fehlgeschlagen",
    "content-filter-spam": "Urteil des Spamfilters",
    "spf-fail": "SPF fehlgeschlagen",
    "spf-softfail": "SPF weich fehlgeschlagen",
    "dkim-fail": "DKIM fehlgeschlagen",
    "spf-not-aligned": "SPF nicht ausgerichtet",
    "dkim-not-aligned": "DKIM nicht ausgerichtet",
    "no-authentication-results": "Keine Authentifizierungsergebnisse",
    "no-transport-headers": "Keine Transport-Kopfzeilen",
    "unreadable-headers": "Kopfzeilen teilweise unlesbar",
    "analysis-incomplete": "Analyse unvollständig",
    "dmarc-none": "Keine DMARC-Richtlinie",
    "bulk-bcl-elevated": "Erhöhte Massenmail-Stufe",
    "arc-override": "ARC hat einen Fehlschlag aufgehoben",
    "allowed-by-user": "Von der Person zugelassen",
    "safe-senders-rescued": "Von der Liste sicherer Absender der Person gerettet",
    "allowed-by-policy": "Von einer Richtlinie zugelassen",
    "sender-authenticated": "Absender authentifiziert",
    "sender-tenant-stamps-ignored": "Eigene Stempel des Absenders ignoriert",
    "sender-own-auth-results": "Eigene Authentifizierungsergebnisse des Absenders ignoriert",
    "blocked-sender": "Bei den blockierten Absendern der Person",
    "spf-error": "SPF konnte nicht geprüft werden",
    "dmarc-error": "DMARC konnte nicht geprüft werden",
    "slow-delivery": "Langsame Zustellung",
    "released-from-quarantine": "Aus der Quarantäne freigegeben",
    "first-contact": "Erste Nachricht dieses Absenders",
    "reply-to-differs": "Antworten gehen an eine andere Domäne",
    "clock-skew": "Uhrzeitabweichung",
    "gateway-junked": "Das Gateway der Organisation hat sie als Spam markiert",
    "gateway-in-front": "Ein Gateway vor Microsoft 365 lässt die Authentifizierung scheitern",
    "gateway-stamps-ignored": "Gateway-Stempel nicht gewertet",
  },
  stamps: {
    junked: "In Junk-E-Mail verschoben",
    forgedClaimUnvouched: "Gefälschte Bestanden-Angabe, nichts verbürgt sich",
    category: (word) => `Kategorie: ${word}`,
    spamVerdict: (word) => `Spamfilter: ${word}`,
    folder: (word) => `Zugestellt in: ${word}`,
    compauth: (word) => `Zusammengesetzte Authentifizierung: ${word}`,
    compauthReason: (code) => `Grund der zusammengesetzten Authentifizierung ${code}`,
    dmarc: (word) => `DMARC: ${word}`,
    safety: (code) => `Sicherheitstipp ${code}`,
    scl: (value) => `Spamvertrauensstufe ${value}`,
    bcl: (value) => `Massenmail-Stufe ${value}`,
    situation: (word) => `Lage: ${word}`,
    threat: (word) => `Bedrohung: ${word}`,
    allow: (word) => `Würde helfen: ${word}`,
    situations: {
      threat: "eine Bedrohung",
      "not-junked": "nicht im Junk-E-Mail-Ordner",
      allowed: "bereits zugelassen",
      "user-settings": "eigene Einstellungen der Person",
      policy: "Konfiguration der Organisation",
      gateway: "ein Gateway vor Exchange Online",
      bulk: "Massenmail",
      unauthenticated: "nichts belegt den Absender",
      filtered: "Spamfilter, Absender belegt",
      unknown: "unbekannt",
    },
    threats: {
      malware: "Schadsoftware",
      "high-confidence-phishing": "Phishing mit hoher Sicherheit",
      phishing: "Phishing",
      "intra-org-phishing": "internes Phishing",
      impersonation: "Identitätswechsel",
      spoof: "Fälschung",
      "forged-authentication": "gefälschte Authentifizierung",
      "dmarc-reject": "DMARC-Ablehnung durch den Domäneninhaber",
    },
    allows: {
      sender: "eine Absenderzulassung",
      "spoof-pair": "ein Eintrag für gefälschte Absender",
      none: "keine Zulassung",
    },
    unknown: (raw) => `Anderes Signal (${raw})`,
    categories: {
      amp: "Antischadsoftware-Richtlinie",
      bimp: "Identitätswechsel einer Marke",
      bulk: "Massenmail",
      dimp: "Identitätswechsel einer Domäne",
      ftbp: "blockierter Dateityp",
      gimp: "Identitätswechsel (Postfachintelligenz)",
      hphsh: "Phishing mit hoher Sicherheit",
      hphish: "Phishing mit hoher Sicherheit",
      hspm: "Spam mit hoher Sicherheit",
      intos: "internes Phishing",
      malw: "Schadsoftware",
      none: "keine",
      ospm: "ausgehender Spam",
      phsh: "Phishing",
      sap: "Sichere Anlagen",
      spm: "Spam",
      spoof: "Fälschung",
      uimp: "Identitätswechsel einer Person",
    },
    verdicts: {
      blk: "bei den blockierten Absendern der Person",
      nspm: "kein Spam",
      sfe: "bei den sicheren Absendern der Person",
      ska: "von einer Richtlinie zugelassen",
      skb: "von einer Richtlinie blockiert",
      ski: "übersprungen",
      skn: "kein Spam laut Nachrichtenflussregel",
      skq: "aus der Quarantäne freigegeben",
      sks: "Spam laut Nachrichtenflussregel",
      spm: "Spam",
    },
    folders: { i: "Posteingang", j: "Junk-E-Mail", c: "ein eigener Ordner" },
    results: {
      pass: "bestanden",
      fail: "fehlgeschlagen",
      softpass: "weich bestanden",
      softfail: "weich fehlgeschlagen",
      none: "keines",
      bestguesspass: "vermutlich bestanden",
      temperror: "vorübergehender Fehler",
      permerror: "dauerhafter Fehler",
    },
  },

  watch: {
    tab: "Kritische Absender",
    bannerTitle: (count: number) =>
      count === 1
        ? "Ein kritischer Absender ist im Junk-E-Mail-Ordner gelandet"
        : `${count} kritische Absender sind im Junk-E-Mail-Ordner gelandet`,
    bannerAuthenticated: (label: string, people: number) =>
      `${label}: authentifizierte E-Mail, gemeldet von ${people === 1 ? "1 Person" : `${people} Personen`}; der Vorschlag wurde sofort eröffnet.`,
    bannerForged: (label: string, people: number) =>
      `${label} wird in einer E-Mail genannt, die nichts authentifiziert (gefälscht, oder die Authentifizierung des Absenders ist defekt), gemeldet von ${people === 1 ? "1 Person" : `${people} Personen`}. Nichts wurde zugelassen.`,
    acknowledge: "Zur Kenntnis genommen",
    openProposal: "Vorschlag öffnen",
    sendersTitle: "Kritische Absender",
    sendersIntro:
      "Die erste Meldung eines dieser Absender alarmiert Sie sofort und eröffnet seinen Vorschlag, wenn seine Authentifizierung bestanden hat. Der Katalog von Vouch nennt zu jedem Eintrag die öffentliche Quelle.",
    catalogue: "Katalog",
    own: "Eigene",
    off: "Für diese Organisation ausgeschaltet",
    source: "Quelle",
    thirdParty: "Seite eines Dritten",
    remove: "Entfernen",
    restore: "Wiederherstellen",
    addTitle: "Absender hinzufügen (Lieferant, Bank, Prüfer)",
    identity: "Domäne oder Adresse",
    label: "Name",
    subdomains: "Auch ihre Subdomänen",
    add: "Hinzufügen",
    channelsTitle: "Alarmkanäle",
    channelsIntro:
      "Wohin Alarme außer diesem Banner gehen. Webhook-URLs und Geheimnisse bleiben im Dienst und werden nie wieder angezeigt.",
    kinds: {
      teams: "Teams (Workflows-Webhook)",
      "graph-mail": "E-Mail (Microsoft Graph)",
      webhook: "JSON-Webhook",
    } as Record<string, string>,
    name: "Name",
    url: "Webhook-URL",
    secret: "Signaturgeheimnis (optional, ab 16 Zeichen)",
    directoryId: "Verzeichnis-ID (Mandant)",
    clientId: "Anwendungs-ID (Client)",
    clientSecret: "Geheimer Clientschlüssel",
    from: "Sendendes Postfach",
    to: "Empfänger (durch Kommas getrennt)",
    alertLanguage: "Sprache der Alarme",
    addChannelTitle: "Kanal hinzufügen",
    addChannel: "Kanal hinzufügen",
    test: "Test senden",
    delete: "Löschen",
    lastDelivery: "Letzte Zustellung",
    states: {
      delivered: "zugestellt",
      retrying: "neuer Versuch folgt",
      failed: "fehlgeschlagen",
    } as Record<string, string>,
    never: "noch keine",
    pending: (count: number) => (count === 1 ? "1 wartet" : `${count} warten`),
    trendTitle: "Kritische E-Mail im Junk-E-Mail-Ordner pro Tag",
    trendIntro:
      "Meldungen pro Absender und Tag in den letzten 30 Tagen; mit dem Junk-Durchlauf auch, was er im Junk-E-Mail-Ordner fand (nie als Meldung gezählt).",
    trendEmpty:
      "In den letzten 30 Tagen wurde kein kritischer Absender im Junk-E-Mail-Ordner gemeldet.",
    reportCount: (count: number) => (count === 1 ? "1 Meldung" : `${count} Meldungen`),
    sightingCount: (count: number) => `${count} im Junk gesehen`,
    trendLegend: "Je Tag: Meldungen / vom Junk-Durchlauf im Junk gesehen.",
    kind: "Art",
    actions: "Aktionen",
    unauthenticated: "nicht authentifiziert",
    total: "Summe",
  },
  sweep: {
    tab: "Junk-Durchlauf",
    title: "Junk-Durchlauf",
    intro:
      "Mit dem optionalen Junk-Durchlauf liest Vouch die Junk-E-Mail-Ordner der Postfächer einer Gruppe selbst und zeigt die Absender, die es dort findet. Was es findet, sind Sichtungen: Sie stehen neben den Bürgschaften und zählen nie als eine.",
    off: "Der Junk-Durchlauf ist für diese Organisation ausgeschaltet.",
    offHow:
      "Zum Einschalten registrieren Sie eine App, deren Mail.Read auf eine E-Mail-aktivierte Gruppe beschränkt ist, und starten den Dienst mit VOUCH_SWEEP=1 und den IDs der App (Einrichtung in docs/sweep.md).",
    on: "Der Junk-Durchlauf ist eingeschaltet.",
    rounds: {
      idle: "Er hat noch keine Runde gedreht.",
      running: "Eine Runde liest gerade die Junk-E-Mail-Ordner.",
      ok: "Die letzte Runde verlief ohne Fehler.",
      error: "Die letzte Runde ist fehlgeschlagen.",
    } as Record<string, string>,
    roundFailedWhat:
      "Prüfen Sie den geheimen Clientschlüssel und die Berechtigungen der App in Entra ID; die nächste Runde versucht es erneut.",
    lastRound: (at: string, messages: number, sightings: number) =>
      `Letzte Runde beendet ${at}: ${messages === 1 ? "1 Nachricht" : `${messages} Nachrichten`} gelesen, ${sightings === 1 ? "1 Sichtung" : `${sightings} Sichtungen`} behalten.`,
    every: (minutes: number) =>
      minutes === 1 ? "Jede Minute läuft eine Runde." : `Alle ${minutes} Minuten läuft eine Runde.`,
    runNow: "Jetzt eine Runde starten",
    alreadyRunning: "Es läuft bereits eine Runde; sie läuft weiter.",
    mailboxesTitle: "Postfächer",
    mailboxesIntro:
      "Die Mitglieder der Gruppe des Durchlaufs und wie das Lesen ihres Junk-E-Mail-Ordners verlief, zuerst die, die Sie brauchen.",
    noMailboxes: "Noch kein Postfach aufgeführt: Die erste Runde liest die Mitglieder der Gruppe.",
    moreMailboxes: (shown: number) => `Die ersten ${shown} Postfächer werden gezeigt.`,
    mailbox: "Postfach",
    state: "Zustand",
    todo: "Was zu tun ist",
    lastRead: "Zuletzt gelesen",
    neverRead: "noch nicht",
    mailboxStates: {
      pending: "Noch nicht gelesen",
      ok: "Gelesen",
      "out-of-scope": "Außerhalb des Bereichs der App (403)",
      "not-found": "Kein Postfach (404)",
      throttled: "Von Microsoft gedrosselt",
      error: "Nicht lesbar",
      "left-group": "Hat die Gruppe verlassen",
    } as Record<string, string>,
    mailboxTodo: {
      pending: "Nichts: Die nächste Runde liest es.",
      ok: "Nichts.",
      "out-of-scope":
        "Nehmen Sie das Postfach in den Zugriffsbereich der App auf (Verwaltungsbereich oder Anwendungszugriffsrichtlinie, docs/sweep.md Schritt 3) oder aus der Gruppe heraus.",
      "not-found": "Das Mitglied hat kein Exchange-Online-Postfach: Nehmen Sie es aus der Gruppe.",
      throttled:
        "Nichts: Der Durchlauf macht dort weiter, wo er stand, sobald Microsofts Wartezeit vorbei ist.",
      error:
        "Zunächst nichts: Die nächste Runde versucht es ab derselben Seite erneut. Scheitert es weiter, sagt das Detail, warum.",
      "left-group": "Nichts: Es wird nicht mehr gelesen.",
    } as Record<string, string>,
    retryAt: (at: string) => `Wartet bis ${at}.`,
    counts: (state: string, count: number) => `${state}: ${count}`,
    sightingsTitle: "Im Junk gesehen",
    sightingsIntro: (many: number) =>
      `Absender, die der Durchlauf in Junk-E-Mail-Ordnern fand: kritische Absender ab dem ersten Postfach und authentifizierte Absender, die in mindestens ${many} Postfächern im Junk landeten.`,
    notVouches:
      "Das sind Sichtungen, keine Bürgschaften: Sie zählen nie für einen Vorschlag. Das tun nur die Meldungen von Personen.",
    noSightings:
      "Der Durchlauf hat keinen kritischen oder vielfach aussortierten Absender im Junk gefunden.",
    sender: "Absender",
    seenInJunk: "Im Junk gesehen",
    vouchesColumn: "Bürgschaften (Meldungen von Personen)",
    reasons: {
      critical: "Kritischer Absender",
      "many-mailboxes": "In vielen Postfächern im Junk",
      seen: "Gesehen",
    } as Record<string, string>,
    seen: (mailboxes: number, messages: number) =>
      `${mailboxes === 1 ? "1 Postfach" : `${mailboxes} Postfächer`}, ${messages === 1 ? "1 Nachricht" : `${messages} Nachrichten`}`,
    seenBetween: (first: string, last: string) =>
      first === last ? `am ${first}` : `vom ${first} bis ${last}`,
    vouches: (people: number, mailboxes: number) =>
      people === 0
        ? "Noch niemand hat sich verbürgt"
        : `${people === 1 ? "1 Person" : `${people} Personen`} in ${mailboxes === 1 ? "1 Postfach" : `${mailboxes} Postfächern`}`,
    openProposal: "Vorschlag öffnen",
  },
};
