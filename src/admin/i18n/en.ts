import type { FindingId } from "../../analysis/findings";
import type { AdminProposalStatus, ExportFormatDto } from "../../api/admin-contract";

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/**
 * Every string the console shows, in English. German (de.ts) must provide every key: the type
 * `AdminStrings` is this object's shape, so a missing key fails the type-check.
 */
export const en = {
  language: "en",
  languageName: "English",
  languageLabel: "Language",

  app: {
    title: "Vouch console",
    signOut: "Sign out",
    signingIn: "Signing in…",
    sections: "Console sections",
    tabs: {
      proposals: "Proposals",
      insights: "Insights",
      audit: "Audit log",
      activity: "Activity",
      settings: "Settings",
    },
    notAdminTitle: "You are not an admin of Vouch",
    notAdminBody:
      "The console is for the people who decide on allow-list proposals. Ask your Microsoft 365 admin for the Vouch.Admin role; your reports from Outlook still count.",
    signedInAs: (user: string, tenant: string) => `${user} · ${tenant}`,
  },

  signIn: {
    heading: "Sign in to the Vouch console",
    intro: "Development sign-in: pick who you are. Production uses Microsoft Entra ID.",
    identity: "Identity",
    presets: {
      contosoAdmin: "Contoso admin",
      contosoPerson: "Contoso person (not an admin)",
    },
    someoneElse: "Someone else",
    tenant: "Tenant",
    user: "User",
    adminRole: "Sign in with the Vouch admin role",
    submit: "Sign in",
    failed: "Sign-in failed.",
  },

  common: {
    loading: "Loading…",
    unreadable: "The service gave an unreadable answer.",
    serviceAnswered: (status: number) => `The service answered ${status}.`,
    cancel: "Cancel",
    previous: "Previous",
    next: "Next",
  },

  status: {
    collecting: "Collecting",
    open: "Open",
    refused: "Refused",
    insight: "Insight",
    approved: "Approved",
    "needs-review": "Needs review",
    rejected: "Rejected",
    applied: "Applied",
    expired: "Expired",
    revoked: "Revoked",
  } satisfies Record<AdminProposalStatus, string>,

  proposals: {
    heading: "Proposals, strongest first",
    listLabel: "Proposals",
    statusFilter: "Status",
    all: "All",
    exportAll: "Export all approved",
    loading: "Loading proposals…",
    count: (total: number) => plural(total, "sender", "senders"),
    empty: "No proposal here yet: they appear as people report.",
    choose: "Choose a proposal to see its evidence and decide.",
    needsReviewHeading: "Needs your review",
    needsReviewCount: (count: number) =>
      `${plural(count, "approved sender", "approved senders")} whose evidence turned: decide again`,
    strength: (value: number) => `Strength ${value} of 100`,
    strengthShort: (value: number) => `Strength ${value}`,
  },

  reason: {
    collecting: (people: number, needPeople: number, mailboxes: number, needMailboxes: number) =>
      `${people} of ${needPeople} people and ${mailboxes} of ${needMailboxes} mailboxes so far`,
    stale: (people: number) =>
      `${plural(people, "person", "people")} vouched, but not recently enough`,
    open: (people: number, mailboxes: number) =>
      `${plural(people, "person", "people")} in ${plural(mailboxes, "mailbox", "mailboxes")} vouched`,
    refused: (refusal: string) => `Refused: ${refusal}`,
    insight: (cause: string) => `An allow would not help: ${cause}`,
  },

  entry: {
    none: "No allow entry",
    domain: (value: string) => `Allow the domain ${value}`,
    address: (value: string) => `Allow the address ${value}`,
    spoof: (user: string, infrastructure: string) => `Allow ${user} sent from ${infrastructure}`,
    approvedHeading: "The approved entry (exported as approved until you decide again)",
  },

  detail: {
    back: "← Back to the list",
    loading: "Loading the evidence…",
    decidedBy: (status: string, by: string, at: string) => `${status} by ${by} on ${at}`,
    expires: (date: string) => `expires ${date} unless people report again`,
    facts: {
      people: "People",
      mailboxes: "Mailboxes",
      reports: "Reports",
      trustedSender: "“Trusted sender” reports",
      dmarcPass: "DMARC pass",
      dkimAlignedPass: "Aligned DKIM pass",
      spfAlignedPass: "Aligned SPF pass",
      firstSeen: "First seen",
      lastSeen: "Last seen",
    },
    signalsHeading: "Verdicts and findings seen",
    signalCount: (word: string, reports: number) =>
      `${word}: ${plural(reports, "report", "reports")}`,
    sentFrom: "Sent from",
    sentFromItem: (value: string, reports: number) =>
      `${value} (${plural(reports, "report", "reports")})`,
    latestReports: "Latest reports",
    reported: "Reported",
    verdict: "Verdict and authentication",
    comment: "Comment",
    noComment: "No comment",
    kind: { "not-spam": "Not spam", "trusted-sender": "Trusted sender" },
    refusalReports: (reports: number) => plural(reports, "report", "reports"),
    note: "Note for the audit log (why)",
    download: "Download",
    history: "History",
    decided: (status: string) => `${status}.`,
    needsReviewTitle: "The evidence turned since this was approved",
    needsReviewBody:
      "The approved entry stays exactly as decided, exportable and removable, until you decide again: keep it (approve), or take it back (reject or revoke) and run the removal script.",
    whatChanged: "What changed",
  },

  actions: {
    approve: "Approve",
    reject: "Reject",
    "mark-applied": "Mark applied",
    revoke: "Revoke",
  },

  confirm: {
    rejectTitle: (sender: string) => `Reject ${sender}?`,
    revokeTitle: (sender: string) => `Revoke ${sender}?`,
    rejectBody:
      "People asked for this sender. Say why you reject it: the audit log keeps your note, and the reporters see the decision.",
    revokeBody:
      "This takes back an allow that was approved. Say why: the audit log keeps your note. Afterwards, run the removal script so the entry leaves the Tenant Allow/Block List.",
    takesBackApproved:
      "This proposal was approved: its entry may already be in the Tenant Allow/Block List. You will be offered the removal script.",
    noteLabel: "Why (required, kept in the audit log)",
    noteMissing: "Write a note first.",
    confirmReject: "Reject",
    confirmRevoke: "Revoke",
  },

  removal: {
    title: "Take the entry out of the Tenant Allow/Block List",
    body: "Run this PowerShell script in Exchange Online to remove what was approved.",
    download: "Download the removal script",
  },

  exports: {
    powershell: "PowerShell (Tenant Allow/Block List)",
    "transport-rule": "Mail flow rule (PowerShell)",
    csv: "CSV",
    json: "JSON",
    mimecast: "Mimecast permitted senders (API request)",
    proofpoint: "Proofpoint safe sender list",
  } satisfies Record<ExportFormatDto, string>,

  escaped: {
    badge: "Hidden or look-alike characters",
    explanation:
      "This text contains characters that reorder, hide or imitate other characters. They are shown escaped, for example \\u202E.",
  },

  refusals: {
    phishing: "Microsoft judged it phishing: an allow would let the next attack through.",
    "high-confidence-phishing":
      "Microsoft judged it high-confidence phishing; no allow entry overrides that, and none should.",
    malware: "Microsoft found malware: only an admin submission of the message can clear it.",
    impersonation:
      "Microsoft flagged impersonation: if it is genuine, add it to the anti-phishing policy's trusted senders, not the allow list.",
    spoof: "Microsoft flagged it as spoofed: a sender allow cannot and should not override that.",
    "authentication-failed":
      "The sender's own authentication failed (DMARC fail or forged results): the From line cannot be trusted.",
    "unverified-identity":
      "Nothing (DMARC, aligned DKIM or aligned SPF) vouches for the From line, and no single sending infrastructure stands out.",
    "look-alike": "The sender's domain imitates another domain (a look-alike): never allow it.",
    "mixed-script":
      "The sender's name mixes alphabets (for example Latin and Cyrillic) to imitate another: never allow it.",
    "invalid-identity":
      "The sender's domain or address is not valid (for example it carries hidden characters): it can never be an allow entry.",
    "invalid-address": "The sender's address is not a valid address.",
    "freemail-roll-up":
      "One more allowed address at this free-mail domain and Microsoft would roll them into an allow for the whole domain, and everyone there.",
    "invalid-domain": "The sender's domain is not a valid domain name.",
    "public-suffix":
      "The sender is a public suffix (like co.uk): an allow would cover everyone under it.",
    "freemail-domain":
      "The sender's domain is a free mail service: allowing it would allow everyone with an address there.",
    "young-domain":
      "The sender's domain was registered less than 30 days ago (the service's own RDAP check): new domains are what phishing campaigns use, so Vouch never allows one.",
  } as Record<string, string>,
  refusalShort: {
    phishing: "phishing",
    "high-confidence-phishing": "high-confidence phishing",
    malware: "malware",
    impersonation: "impersonation",
    spoof: "spoofed sender",
    "authentication-failed": "failed authentication",
    "unverified-identity": "nothing vouches for the sender",
    "look-alike": "look-alike domain",
    "mixed-script": "mixed alphabets",
    "invalid-identity": "invalid sender",
    "invalid-address": "invalid address",
    "freemail-roll-up": "free-mail roll-up",
    "invalid-domain": "invalid domain",
    "public-suffix": "public suffix",
    "freemail-domain": "free mail domain",
    "young-domain": "domain younger than 30 days",
  } as Record<string, string>,
  refusalFallback: (code: string) => `refused (${code})`,

  /** Warnings: the service's own English words, which are more precise than any by code. */
  warning: (_code: string, message: string) => message,

  causes: {
    "user-junk-settings": "People's own junk settings",
    "user-blocked-senders": "People's blocked senders",
    "policy-blocked": "Blocked by a policy or list entry",
    "bulk-threshold": "Bulk threshold (BCL)",
    "advanced-spam-filter": "Advanced Spam Filter option",
    "transport-rule": "A mail flow rule",
    "own-domain": "Your own domain",
    "gateway-in-front": "A gateway in front of Microsoft 365",
  } as Record<string, string>,
  causeSettings: {
    "user-junk-settings":
      "The people's own junk e-mail settings (Safe Lists Only or their rules) moved it: check Get-MailboxJunkEmailConfiguration, not the allow list.",
    "user-blocked-senders":
      "The sender is on the people's own Blocked Senders list: they remove it in Outlook's junk e-mail options.",
    "policy-blocked":
      "An anti-spam policy's blocked senders/domains or a Tenant Allow/Block List block entry lists it: remove that entry instead of adding an allow.",
    "bulk-threshold":
      "The bulk complaint level (BCL) reached the anti-spam policy's bulk threshold: review BulkThreshold in the policy before allowing one newsletter.",
    "advanced-spam-filter":
      "An Advanced Spam Filter option (X-CustomSpam) marked it: Microsoft recommends turning ASF options off.",
    "transport-rule":
      "A mail flow rule set the spam level (SFV:SKS): review the tenant's transport rules.",
    "own-domain":
      "It comes from one of your own domains: fix SPF, DKIM and DMARC for the service sending as you, or add an internal spoofed-sender entry; never allow your own domain.",
    "gateway-in-front":
      "A third-party gateway in front of Exchange Online hands the mail over, so Microsoft checks SPF and DMARC against the gateway's IP and they fail: turn on Enhanced Filtering for Connectors on its inbound connector (Set-InboundConnector -EFSkipLastIP $true), or add the gateway as a trusted ARC sealer (Set-ArcConfig -ArcTrustedSealers); never allow the sender.",
  } as Record<string, string>,

  insights: {
    loading: "Loading insights…",
    none: "No insight yet: nothing reported so far points at a setting.",
    counts: (reports: number, senders: number) =>
      `${plural(reports, "report", "reports")} about ${plural(senders, "sender", "senders")}`,
    topSender: (sender: string, reports: number) =>
      `${sender} (${plural(reports, "report", "reports")})`,
    campaignsHeading: "Security: people are vouching for a refused look-alike",
    campaignTitle: (people: number) =>
      `${plural(people, "person", "people")} vouched for a sender Vouch refused`,
    campaignBody: (refusal: string) =>
      `Refused as ${refusal}. So many people trusting it means a campaign is reaching your organisation: warn people not to trust mail from this sender, and check who replied or paid.`,
    campaignMeta: (reports: number, lastSeen: string) =>
      `${plural(reports, "report", "reports")}, the latest on ${lastSeen}`,
    openProposal: "Show the evidence",
  },

  audit: {
    heading: "Audit log, newest first",
    tableLabel: "Audit log",
    loading: "Loading the audit log…",
    empty: "Nothing decided yet.",
    when: "When",
    who: "Who",
    sender: "Sender",
    what: "What",
    why: "Why",
    settingsSender: "Settings",
    transition: (from: string, to: string) => `${from} → ${to}`,
    actions: {
      approve: "Approved",
      reject: "Rejected",
      revoke: "Revoked",
      "mark-applied": "Marked applied",
      assess: "Re-assessed",
      review: "Sent to review",
      expire: "Expired",
      reopen: "Reopened",
      export: "Exported",
      settings: "Settings changed",
    } as Record<string, string>,
    expireNote: "No report within the expiry time: remove the entry from the list.",
    settingChange: (setting: string, from: string, to: string) => `${setting}: ${from} → ${to}`,
  },

  activity: {
    loading: "Loading activity…",
    perDay: "Reports per day",
    perDayTotal: (total: number) => `${plural(total, "report", "reports")} in the last 30 days`,
    legend: "Reports",
    topSenders: "Most reported senders",
    none: "No reports yet.",
  },

  settings: {
    heading: "Settings",
    intro:
      "How many people must vouch before a proposal opens, how long entries live, your own domains and your plan. Every change is kept in the audit log, and every sender is re-assessed under the new settings.",
    loading: "Loading the settings…",
    minReporters: "People who must vouch",
    minReportersHint: "Distinct people before a proposal opens (at least 2).",
    minMailboxes: "Mailboxes",
    minMailboxesHint: "Distinct mailboxes the reported messages sat in.",
    windowDays: "Recent within (days)",
    windowDaysHint: "The latest report must be this recent for a proposal to open.",
    expiryDays: "Entries live (days)",
    expiryDaysHint: "An approved entry expires this many days after the sender's last report.",
    acceptedDomains: "Your own (accepted) domains",
    acceptedDomainsHint: "One per line. Mail from them gets advice, never an allow.",
    plan: "Microsoft 365 plan",
    planHint: "Decides the Tenant Allow/Block List limits the exports respect.",
    plans: {
      eop: "Exchange Online Protection (500 allow entries)",
      "mdo-p1": "Defender for Office 365 Plan 1 (1,000)",
      "mdo-p2": "Defender for Office 365 Plan 2 (5,000)",
    },
    reportToMicrosoft: "Also tell Microsoft",
    reportToMicrosoftHint:
      "The ribbon button also reports the message to Microsoft as not junk (it sends the message to Microsoft).",
    save: "Save settings",
    saving: "Saving…",
    saved: "Saved. The change is in the audit log.",
    unchanged: "Nothing changed.",
    invalidNumber: (min: number, max: number) => `A whole number from ${min} to ${max}.`,
    names: {
      minReporters: "People who must vouch",
      minMailboxes: "Mailboxes",
      windowDays: "Recent within (days)",
      expiryDays: "Entries live (days)",
      acceptedDomains: "Accepted domains",
      tablPlan: "Plan",
      reportToMicrosoft: "Tell Microsoft",
    } as Record<string, string>,
    on: "on",
    off: "off",
    none: "none",
  },

  /** Words for the signals the service counts (finding ids and Microsoft's stamps). */
  findings: {
    "malware-verdict": "Malware verdict",
    "phishing-verdict": "Phishing verdict",
    "impersonation-domain": "Domain impersonation",
    "impersonation-user": "User impersonation",
    "impersonation-mailbox-intelligence": "Mailbox intelligence impersonation",
    "impersonation-brand": "Brand impersonation",
    "spoof-verdict": "Spoof verdict",
    "intra-org-phishing": "Phishing from inside the organisation",
    "dmarc-fail": "DMARC failed",
    "high-confidence-spam": "High-confidence spam",
    "forged-auth-results": "Forged authentication results",
    "content-filter-spam-authenticated": "Spam filter, sender authenticated",
    "junk-by-user-settings": "Junked by the person's own settings",
    "policy-blocked": "Blocked by a policy",
    "transport-rule-spam": "Marked spam by a mail flow rule",
    "asf-custom-spam": "Advanced Spam Filter option",
    "bulk-bcl-high": "High bulk level",
    "compauth-fail": "Composite authentication failed",
    "content-filter-spam": "Spam filter verdict",
    "spf-fail": "SPF failed",
    "spf-softfail": "SPF soft fail",
    "dkim-fail": "DKIM failed",
    "spf-not-aligned": "SPF not aligned",
    "dkim-not-aligned": "DKIM not aligned",
    "no-authentication-results": "No authentication results",
    "no-transport-headers": "No transport headers",
    "unreadable-headers": "Headers partly unreadable",
    "analysis-incomplete": "Analysis incomplete",
    "dmarc-none": "No DMARC policy",
    "bulk-bcl-elevated": "Elevated bulk level",
    "arc-override": "ARC overrode a failure",
    "allowed-by-user": "Allowed by the person",
    "safe-senders-rescued": "Rescued by the person's Safe Senders",
    "allowed-by-policy": "Allowed by a policy",
    "sender-authenticated": "Sender authenticated",
    "sender-tenant-stamps-ignored": "Sender's own stamps ignored",
    "sender-own-auth-results": "Sender's own authentication results ignored",
    "blocked-sender": "On the person's blocked senders",
    "spf-error": "SPF could not be checked",
    "dmarc-error": "DMARC could not be checked",
    "slow-delivery": "Slow delivery",
    "released-from-quarantine": "Released from quarantine",
    "first-contact": "First message from this sender",
    "reply-to-differs": "Replies go to another domain",
    "clock-skew": "Clock skew",
    "gateway-junked": "The organisation's gateway marked it as spam",
    "gateway-in-front": "A gateway in front of Microsoft 365 breaks authentication",
    "gateway-stamps-ignored": "Gateway stamps not counted",
  } satisfies Record<FindingId, string>,
  stamps: {
    junked: "Sent to Junk",
    forgedClaimUnvouched: "Forged pass claim, nothing vouches",
    category: (word: string) => `Category: ${word}`,
    spamVerdict: (word: string) => `Spam filter: ${word}`,
    folder: (word: string) => `Delivered to: ${word}`,
    compauth: (word: string) => `Composite authentication: ${word}`,
    compauthReason: (code: string) => `Composite authentication reason ${code}`,
    dmarc: (word: string) => `DMARC: ${word}`,
    safety: (code: string) => `Safety tip ${code}`,
    scl: (value: number) => `Spam confidence ${value}`,
    bcl: (value: number) => `Bulk level ${value}`,
    situation: (word: string) => `Situation: ${word}`,
    threat: (word: string) => `Threat: ${word}`,
    allow: (word: string) => `Would help: ${word}`,
    situations: {
      threat: "a threat",
      "not-junked": "not in Junk",
      allowed: "already allowed",
      "user-settings": "the person's own settings",
      policy: "the organisation's configuration",
      gateway: "a gateway in front of Exchange Online",
      bulk: "bulk mail",
      unauthenticated: "nothing proves the sender",
      filtered: "the spam filter, sender proven",
      unknown: "unknown",
    } as Record<string, string>,
    threats: {
      malware: "malware",
      "high-confidence-phishing": "high-confidence phishing",
      phishing: "phishing",
      "intra-org-phishing": "internal phishing",
      impersonation: "impersonation",
      spoof: "spoofing",
      "forged-authentication": "forged authentication",
      "dmarc-reject": "DMARC reject by the domain's owner",
    } as Record<string, string>,
    allows: {
      sender: "a sender allow",
      "spoof-pair": "a spoofed-sender entry",
      none: "no allow",
    } as Record<string, string>,
    unknown: (raw: string) => `Other signal (${raw})`,
    categories: {
      amp: "anti-malware policy",
      bimp: "brand impersonation",
      bulk: "bulk",
      dimp: "domain impersonation",
      ftbp: "blocked file type",
      gimp: "mailbox intelligence impersonation",
      hphsh: "high-confidence phishing",
      hphish: "high-confidence phishing",
      hspm: "high-confidence spam",
      intos: "internal phishing",
      malw: "malware",
      none: "none",
      ospm: "outbound spam",
      phsh: "phishing",
      sap: "Safe Attachments",
      spm: "spam",
      spoof: "spoofing",
      uimp: "user impersonation",
    } as Record<string, string>,
    verdicts: {
      blk: "on the person's blocked senders",
      nspm: "not spam",
      sfe: "on the person's safe senders",
      ska: "allowed by policy",
      skb: "blocked by policy",
      ski: "skipped",
      skn: "not spam by a mail flow rule",
      skq: "released from quarantine",
      sks: "spam by a mail flow rule",
      spm: "spam",
    } as Record<string, string>,
    folders: { i: "Inbox", j: "Junk Email", c: "a custom folder" } as Record<string, string>,
    results: {
      pass: "pass",
      fail: "fail",
      softpass: "soft pass",
      softfail: "soft fail",
      none: "none",
      bestguesspass: "best-guess pass",
      temperror: "temporary error",
      permerror: "permanent error",
    } as Record<string, string>,
  },

  watch: {
    tab: "Critical senders",
    bannerTitle: (count: number) =>
      count === 1 ? "A critical sender landed in Junk" : `${count} critical senders landed in Junk`,
    bannerAuthenticated: (label: string, people: number) =>
      `${label}: authenticated mail reported by ${people === 1 ? "1 person" : `${people} people`}; its proposal opened at once.`,
    bannerForged: (label: string, people: number) =>
      `${label} named in mail that nothing authenticates (forged, or the sender's authentication broke), reported by ${people === 1 ? "1 person" : `${people} people`}. Nothing was allowed.`,
    acknowledge: "Acknowledge",
    openProposal: "Open the proposal",
    sendersTitle: "Critical senders",
    sendersIntro:
      "The first report of one of these senders alerts you at once and opens its proposal, if its authentication passed. Vouch's catalogue names the public page behind each entry.",
    catalogue: "Catalogue",
    own: "Your own",
    off: "Off for this organisation",
    source: "Source",
    thirdParty: "third-party page",
    remove: "Remove",
    restore: "Restore",
    addTitle: "Add a sender (vendor, bank, auditor)",
    identity: "Domain or address",
    label: "Name",
    subdomains: "Also its subdomains",
    add: "Add",
    channelsTitle: "Alert channels",
    channelsIntro:
      "Where alerts go besides this banner. Webhook URLs and secrets are kept on the service and never shown again.",
    kinds: {
      teams: "Teams (Workflows webhook)",
      "graph-mail": "E-mail (Microsoft Graph)",
      webhook: "JSON webhook",
    } as Record<string, string>,
    name: "Name",
    url: "Webhook URL",
    secret: "Signing secret (optional, 16+ characters)",
    directoryId: "Directory (tenant) id",
    clientId: "Application (client) id",
    clientSecret: "Client secret",
    from: "Sending mailbox",
    to: "Recipients (comma-separated)",
    alertLanguage: "Alert language",
    addChannelTitle: "Add a channel",
    addChannel: "Add channel",
    test: "Send a test",
    delete: "Delete",
    lastDelivery: "Last delivery",
    states: { delivered: "delivered", retrying: "retrying", failed: "failed" } as Record<
      string,
      string
    >,
    never: "none yet",
    pending: (count: number) => (count === 1 ? "1 waiting" : `${count} waiting`),
    trendTitle: "Junked critical mail per day",
    trendIntro:
      "Reports per sender and day over the last 30 days; with the Junk sweep, what it found in Junk (never counted as reports).",
    trendEmpty: "No critical sender was reported in Junk in the last 30 days.",
    reportCount: (count: number) => (count === 1 ? "1 report" : `${count} reports`),
    sightingCount: (count: number) => `${count} seen in Junk`,
    trendLegend: "Each day: reports / seen in Junk by the sweep.",
    kind: "Kind",
    actions: "Actions",
    unauthenticated: "not authenticated",
    total: "Total",
  },
  sweep: {
    tab: "Junk sweep",
    title: "Junk sweep",
    intro:
      "With the opt-in Junk sweep, Vouch reads the Junk Email folders of one group's mailboxes itself and shows the senders it finds there. What it finds are sightings: shown beside the vouches, never counted as one.",
    off: "The Junk sweep is off for this organisation.",
    offHow:
      "To turn it on, register an app whose Mail.Read is restricted to one mail-enabled group, and start the service with VOUCH_SWEEP=1 and the app's ids (the setup in docs/sweep.md).",
    on: "The Junk sweep is on.",
    rounds: {
      idle: "It has not run a round yet.",
      running: "A round is reading Junk folders now.",
      ok: "The last round went well.",
      error: "The last round failed.",
    } as Record<string, string>,
    roundFailedWhat:
      "Check the sweep app's client secret and permissions in Entra ID; the next round tries again.",
    lastRound: (at: string, messages: number, sightings: number) =>
      `Last round finished ${at}: ${messages === 1 ? "1 message" : `${messages} messages`} read, ${sightings === 1 ? "1 sighting" : `${sightings} sightings`} kept.`,
    every: (minutes: number) =>
      minutes === 1 ? "A round runs every minute." : `A round runs every ${minutes} minutes.`,
    runNow: "Run a round now",
    alreadyRunning: "A round is already running; it goes on.",
    mailboxesTitle: "Mailboxes",
    mailboxesIntro:
      "The members of the sweep group and how reading their Junk folder went, those that need you first.",
    noMailboxes: "No mailbox listed yet: the first round lists the group's members.",
    moreMailboxes: (shown: number) => `The first ${shown} mailboxes are shown.`,
    mailbox: "Mailbox",
    state: "State",
    todo: "What to do",
    lastRead: "Last read",
    neverRead: "not yet",
    mailboxStates: {
      pending: "Not read yet",
      ok: "Read",
      "out-of-scope": "Outside the app's scope (403)",
      "not-found": "No mailbox (404)",
      throttled: "Throttled by Microsoft",
      error: "Could not be read",
      "left-group": "Left the group",
    } as Record<string, string>,
    mailboxTodo: {
      pending: "Nothing: the next round reads it.",
      ok: "Nothing.",
      "out-of-scope":
        "Add the mailbox to the app's access scope (management scope or application access policy, docs/sweep.md step 3), or take it out of the sweep group.",
      "not-found": "The member has no Exchange Online mailbox: take it out of the group.",
      throttled: "Nothing: the sweep continues where it stopped once Microsoft's wait is over.",
      error:
        "Nothing at first: the next round retries from the same page. If it keeps failing, the detail says why.",
      "left-group": "Nothing: it is not read any more.",
    } as Record<string, string>,
    retryAt: (at: string) => `Waits until ${at}.`,
    counts: (state: string, count: number) => `${state}: ${count}`,
    sightingsTitle: "Seen in Junk",
    sightingsIntro: (many: number) =>
      `Senders the sweep found in Junk folders: critical senders from the first mailbox, and authenticated senders junked in at least ${many} mailboxes.`,
    notVouches:
      "These are sightings, not vouches: they never count towards a proposal. Only people's reports do.",
    noSightings: "The sweep has not found a critical or widely junked sender in Junk.",
    sender: "Sender",
    seenInJunk: "Seen in Junk",
    vouchesColumn: "Vouches (people's reports)",
    reasons: {
      critical: "Critical sender",
      "many-mailboxes": "Junked in many mailboxes",
      seen: "Seen",
    } as Record<string, string>,
    seen: (mailboxes: number, messages: number) =>
      `${mailboxes === 1 ? "1 mailbox" : `${mailboxes} mailboxes`}, ${messages === 1 ? "1 message" : `${messages} messages`}`,
    seenBetween: (first: string, last: string) =>
      first === last ? `on ${first}` : `from ${first} to ${last}`,
    vouches: (people: number, mailboxes: number) =>
      people === 0
        ? "Nobody vouched yet"
        : `${people === 1 ? "1 person" : `${people} people`} in ${mailboxes === 1 ? "1 mailbox" : `${mailboxes} mailboxes`}`,
    openProposal: "Open the proposal",
  },
};
