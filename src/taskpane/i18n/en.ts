import type { FixableBy } from "../../analysis";
import type { AllowKind, Situation, ThreatKind } from "../../analysis/remedy";
import type {
  ProposalStatus as ProposalStatusName,
  ReportKind as ReportKindName,
} from "../../api/contract";

/** Every string the pane shows, in English. Other languages must provide every key (Strings). */
export const en = {
  language: "en",
  appName: "Vouch",
  paneTitle: "Why is this in Junk?",
  paneTitleNotJunked: "About this message",
  loading: "Reading the message headers…",
  noItem: "Select a message to see why it landed where it did.",
  openFromOutlook:
    "Vouch runs inside Outlook. Open this pane from Outlook's ribbon, or use the dev harness to try it without Outlook.",
  openHarness: "Open the dev harness",

  sectionFailed: (section: string): string =>
    `The ${section} section could not be loaded. Reopen the pane when you are online.`,
  /** Under a verdict already shown, when the rest of the pane (its code) could not be loaded. */
  paneFailed: "The rest of this pane could not be loaded. Check your connection and try again.",
  paneRetry: "Try again",

  /**
   * The first line: one or two plain sentences per situation (src/analysis/remedy.ts). Where an
   * allow decides what the admin can do, the second sentence depends on which allow would help,
   * so the pane never promises what the service's rules refuse.
   */
  firstLine: {
    threatTitle: "Do not trust this message.",
    threat: {
      malware: "Microsoft found malware in it.",
      "high-confidence-phishing": "Microsoft is highly confident that it is phishing.",
      phishing: "Microsoft judged it to be phishing.",
      "intra-org-phishing":
        "It is phishing sent from inside your organisation, possibly from a hijacked account.",
      impersonation: "The sender imitates a domain, person or brand you know.",
      spoof: "The sender's address appears to be forged.",
      "forged-authentication":
        "It claims to have passed security checks that your mail system did not confirm, and nothing proves who sent it.",
      "dmarc-reject": "The domain in the sender's address says it did not send this message.",
    } satisfies Record<ThreatKind, string>,
    threatAdvice:
      "Do not open its links or attachments and do not reply. Report it with Outlook's Report button > Report phishing, then delete it.",
    title: {
      "not-junked": "This message was not sent to Junk.",
      allowed: "This message was let through on purpose.",
      "user-settings": "Your own Junk settings put this message here, not the spam filter.",
      policy: "Your organisation's own mail settings put this message in Junk.",
      gateway: "Your organisation's email gateway kept Microsoft from checking who sent this.",
      bulk: "This is bulk mail, such as a newsletter, and it was filtered as such.",
      unauthenticated: "The spam filter junked this message, and nothing proves who sent it.",
      filtered: "This looks like a genuine message that the spam filter got wrong.",
      unknown: "The headers do not say whether the filter sent this to Junk.",
    } satisfies Record<Exclude<Situation, "threat">, string>,
    next: {
      "not-junked": {
        trusted:
          "There is nothing to rescue. If you want all of this sender's mail, you can still mark it as a trusted sender.",
        plain: "There is nothing to rescue and nothing to report.",
      },
      allowed:
        "Your admin or your own Safe Senders list allows this sender, so there is nothing to report.",
      "user-settings":
        "To get this sender's mail in your Inbox, add it to Safe Senders (or remove it from Blocked Senders) in Outlook's Junk settings, and check your rules. Your admin cannot change this for you.",
      policy:
        "Only your admin can change that setting; allowing the sender would not help. Press Not spam to tell your admin it was wanted.",
      gateway:
        "Microsoft checked the gateway's address instead of the sender's, so authentication failed and the message was flagged as forged. That flag may be wrong, but nothing proves the sender either: be careful with its links and attachments. Only your admin can fix this (Enhanced Filtering for Connectors); allowing the sender would not help.",
      bulk: {
        sender:
          "If you want it, press Not spam: your admin can allow this sender. If you do not, unsubscribe.",
        "spoof-pair":
          "If you want it, press Not spam: your admin can let it through, but only from the server that sent it. If you do not, unsubscribe.",
        none: "Nothing proves who sent it, so your admin cannot safely allow it. If you do not want it, unsubscribe.",
      },
      unauthenticated: {
        sender: "If you expected it, press Not spam: your admin can allow this sender.",
        "spoof-pair":
          "If you expected it, press Not spam: your admin can let this sender through, but only from the server that sent it. The lasting fix is the sender's: their IT must set up email authentication.",
        none: "Allowing it would not be safe, so only the sender can fix this: their IT must set up email authentication. If you know them, tell them.",
      },
      filtered:
        "The sender proved who they are. Press Not spam below: your admin sees the report and can allow this sender. Until then, move the message to your Inbox yourself.",
      unknown: {
        sender:
          "If it is wanted, press Not spam: your admin sees the report and can allow this sender.",
        "spoof-pair":
          "If it is wanted, press Not spam: your admin can let it through, but only from the server that sent it.",
        none: "Nothing proves who sent it, so allowing it would not be safe. If it is wanted, Not spam still tells your admin.",
      },
    } satisfies Record<Exclude<Situation, "threat">, string | Record<string, string>>,
  },

  verdict: {
    heading: "Verdict",
    findingsHeading: "What the headers show",
    evidence: "What else the headers show",
    noFindings: "Nothing in the headers explains a problem with this message.",
    groups: {
      user: "What you can do",
      admin: "What your admin can do",
      sender: "What the sender must fix",
      none: "Other findings",
    } satisfies Record<FixableBy | "none", string>,
    advice: {
      user: "Check your Junk settings and Safe Senders list in Outlook.",
      admin: {
        sender:
          "Report it with the buttons above: your admin sees the reports and can allow this sender.",
        "spoof-pair":
          "Report it with the buttons above: your admin can allow this sender, but only together with the server that sent it.",
        none: "Your admin can change the setting behind this; allowing the sender would not help.",
      } satisfies Record<AllowKind, string>,
      sender: "Tell the sender: only their mail administrator can fix this.",
      senderBehindGateway:
        "These failures may come from your organisation's gateway, not from the sender: your admin's fix above comes first.",
      none: "",
    },
    severity: { error: "Problem", warning: "Warning", info: "Note" },
  },

  sender: {
    heading: "Sender",
    from: "From",
    noFrom: "The message has no readable From line.",
    vouchedBy: (domain: string, via: string) => `Authenticated as ${domain} (by ${via}).`,
    notVouched: "Nothing proves this message really comes from the address in From.",
    spfDomain: "SPF domain",
    dkimDomain: "DKIM signer",
    aligned: "matches From",
    notAligned: "differs from From",
  },

  auth: {
    heading: "Authentication",
    check: "Check",
    result: "Result and meaning",
    none: "Your mail system left no authentication results on this message.",
    spf: "SPF",
    dkim: "DKIM",
    dkimNone: "No DKIM signature was checked.",
    dmarc: "DMARC",
    arc: "ARC",
    compauth: "Composite authentication",
    domain: "Domain",
    selector: "Selector",
    policy: "Policy",
    action: "Action",
    reason: "Reason",
    trustedSource: (authserv: string) => `Results written by ${authserv}.`,
    trustedSourceMicrosoft: "Results written by Microsoft 365.",
    unknownCode: "No description for this code.",
    receivedSpf: "Received-SPF",
    clientIp: "Client IP",
    receiver: "Checked by",
    original: "Before forwarding",
    originalBy: (authserv: string) => `Written by ${authserv}.`,
  },

  stamps: {
    heading: "Spam filter stamps",
    none: "The message carries no Microsoft spam filter stamps.",
    code: "Stamp",
    value: "Value and meaning",
    labels: {
      scl: "SCL (spam confidence)",
      bcl: "BCL (bulk complaints)",
      pcl: "PCL (phishing confidence)",
      sfv: "SFV (filter verdict)",
      cat: "CAT (category)",
      sfty: "SFTY (safety tip)",
      srv: "SRV (bulk)",
      ipv: "IPV (IP reputation)",
      country: "Country of the sending server",
      connectingIp: "Connecting IP address",
      authAs: "How Exchange authenticated it",
      delivery: "Where the mailbox put it",
      latency: "Time to deliver",
    },
    deliveryUnknown: "The mailbox did not name the folder.",
    gateways: "Email gateways",
    gatewayInFront: (product: string, host: string) =>
      `${product} handed this message to Microsoft 365 (${host}).`,
  },

  route: {
    heading: "Route",
    none: "The message has no Received headers.",
    hop: (index: number) => `Hop ${index}`,
    from: "From",
    by: "By",
    ip: "IP",
    time: "Time",
    delay: "Delay",
    slow: "slow",
    unknown: "unknown",
    zoneUnknown: "time zone unknown",
    seconds: (s: number) =>
      s < 60 ? `${s} s` : s < 3600 ? `${Math.round(s / 60)} min` : `${(s / 3600).toFixed(1)} h`,
  },

  colleagues: {
    heading: "Colleagues",
    loading: "Asking the service…",
    unavailable: "The service could not be reached, so colleagues' reports are not shown.",
    signedOut: "Sign in to see what colleagues reported.",
    count: (n: number): string =>
      n === 0
        ? "Nobody in your organisation has vouched for this sender yet."
        : n === 1
          ? "1 person in your organisation vouched for this sender."
          : `${n} people in your organisation vouched for this sender.`,
    forSender: (sender: string) => `Reports count towards ${sender}.`,
    unverifiedSender:
      "Nothing proves who sent this, so reports about it are counted apart and cannot lead to an allow.",
    youReported: "You are one of them.",
    noProposal: "No allowlist proposal yet.",
    proposal: "Allowlist proposal",
    status: {
      collecting: "collecting reports",
      open: "waiting for your admin",
      approved: "approved by your admin",
      "needs-review": "approved by your admin, who is now checking new evidence",
      rejected: "rejected by your admin",
      applied: "applied: this sender is allowed",
      expired: "expired",
      revoked: "revoked by your admin",
      refused: "refused: this sender cannot be allowed",
      insight: "an allowlist would not help: your admin has advice instead",
    } satisfies Record<ProposalStatusName, string>,
  },

  raw: {
    heading: "Raw headers",
    show: "Show the raw headers",
    copy: "Copy headers",
    copied: "Headers copied.",
    copyFailed: "Could not copy. Select the text and copy it yourself.",
  },

  report: {
    heading: "Report",
    intro: "Tell your admin this message is wanted. Reports from colleagues add up.",
    introTrustedOnly: "Tell your admin you want all mail from this sender.",
    notSpamExplained:
      "Not spam: this one message was wanted. Your admin sees the report; nothing else changes for now.",
    trustedSenderExplained:
      "Trusted sender: you want all mail from this sender. When enough colleagues agree, your admin can allow it for everyone.",
    comment: "Comment (optional)",
    notSpam: "Not spam",
    trustedSender: "Trusted sender",
    nothing: {
      threat:
        "There is no Not spam or Trusted sender button here: Vouch never reports a dangerous message as wanted.",
      "not-junked": "There is nothing to report: this message was not sent to Junk.",
      other: "Reporting this message would not help; the advice above says what does.",
    } satisfies Record<"threat" | "not-junked" | "other", string>,
    noMessageId: "This message has no Internet message id, so it cannot be reported.",
    signedOut: "Sign in to report.",
    signingIn: "Signing in…",
    sending: "Sending your report…",
    sent: (kind: ReportKindName): string =>
      kind === "not-spam"
        ? "Reported as not spam. Thank you."
        : "Reported as a trusted sender. Thank you.",
    duplicate: "You had already reported this message; it counts once.",
    queued:
      "You are offline or the service is busy. Your report is saved and will be sent automatically.",
    failed: (message: string) => `The report was refused: ${message}`,
    dismiss: "Dismiss",
    retract: "Retract report",
    retractUntil: (time: string) => `You can retract it until ${time}.`,
    retracting: "Retracting…",
    retracted: "Your report was retracted.",
    retractFailed: "The report could not be retracted.",
    alreadyReported: "You have already vouched for this sender.",
  },

  missing: {
    heading: "No headers to analyse",
    empty:
      "Outlook returned no delivery headers for this message. This happens for messages in Sent Items.",
    subjectOnly:
      "This version of Outlook returned only the Subject line, not the delivery headers.",
    unsupported: "This version of Outlook cannot read message headers (it lacks Mailbox 1.8).",
    unsupportedMobile:
      "Outlook on phones and tablets cannot read message headers itself, so Vouch asks Microsoft Graph for them.",
    error: (message: string) => `Outlook could not read the headers: ${message}`,
    tooFew: "The headers Outlook returned are too few to explain anything.",
    graphTried: "Vouch also tried Microsoft Graph:",
    graphOk: "Microsoft Graph supplied the headers instead.",
    graphNotTried:
      "Vouch could not fall back to Microsoft Graph here: that needs Outlook's sign-in and the message's id.",
    howTo: "You can copy the headers from Outlook yourself and paste them here:",
    howToSteps: [
      "Outlook on the web and the new Outlook: open the message, choose … (More actions) > View > View message details.",
      "Classic Outlook for Windows: open the message in its own window, then File > Properties; the headers are under Internet headers.",
      "Outlook for Mac: right-click the message and choose View source.",
    ],
    pasteLabel: "Message headers",
    pasteHint: "Vouch reads them on this device; nothing is sent until you report.",
    analyse: "Explain these headers",
    pasteEmpty: "Paste the headers first.",
    pasteTooFew:
      "These lines are too few to explain anything. Copy the whole header block, from the first Received line to the end.",
    pasted: "Explained from the headers you pasted.",
    pasteAgain: "Paste other headers",
    graph: {
      "no-token": "it could not get permission to read your mail.",
      "not-found": "Graph does not know this message.",
      "no-headers": "Graph has no headers for this message either.",
      failed: "the request to Graph failed.",
    },
  },
  /** The reputation section (ReputationSection.tsx), painted after the verdict. */
  reputation: {
    heading: "Sender reputation",
    loading: "Checking the sender…",
    signedOut: "Sign in to see what your organisation and the service know about this sender.",
    unavailable: "The service could not be reached, so nothing was checked.",
    notChecked: (why: string) => `Not checked: ${why}.`,
    why: {
      timeout: "no answer in time",
      unreachable: "the service could not reach the server that knows",
      "malformed-answer": "the answer was malformed",
      "server-error": "the server answered with an error",
      "no-input": "the headers do not name it",
      "invalid-input": "the headers do not give a valid domain or address",
      "not-public": "a private address, which no public list knows",
      "not-found": "the registry does not know this domain",
    },
    organisation: {
      heading: "In your organisation",
      nobody: "Nobody in your organisation has vouched for this sender yet.",
      firstSeen: (date: string) => `First reported on ${date}.`,
      vouched: (people: number, mailboxes: number): string =>
        `${people === 1 ? "1 colleague" : `${people} colleagues`} vouched for it, in ${mailboxes === 1 ? "1 mailbox" : `${mailboxes} mailboxes`}.`,
      proposal: (status: string) => `Allowlist proposal: ${status}.`,
      decisions: {
        approve: (date: string) => `An admin approved allowing it on ${date}.`,
        reject: (date: string) => `An admin rejected allowing it on ${date}.`,
        "mark-applied": (date: string) => `An admin applied the allow entry on ${date}.`,
        revoke: (date: string) => `An admin took the allow entry back on ${date}.`,
      },
      because: "Why:",
      reasons: {
        phishing: "Microsoft judged its mail to be phishing",
        "high-confidence-phishing": "Microsoft is highly confident its mail is phishing",
        malware: "Microsoft found malware in its mail",
        impersonation: "it imitates someone you know",
        spoof: "its address appears to be forged",
        "authentication-failed": "its own authentication failed",
        "look-alike": "its domain imitates another domain",
        "invalid-identity": "its address is not one an allowlist can hold",
        "freemail-roll-up": "too many addresses at this free-mail service are already allowed",
        "young-domain": "its domain was registered less than 30 days ago",
        "unverified-identity": "nothing proves who sent it",
        "user-junk-settings": "people's own Junk settings moved it",
        "user-blocked-senders": "it is on people's own Blocked Senders lists",
        "policy-blocked": "your organisation blocks it on purpose",
        "bulk-threshold": "it is bulk mail above your organisation's threshold",
        "advanced-spam-filter": "an advanced spam filter option marked it",
        "transport-rule": "one of your organisation's mail rules marked it",
        "own-domain": "it comes from one of your organisation's own domains",
      },
      otherReason: "another reason your admin can see",
    },
    microsoft: {
      heading: "Microsoft's signals",
      ipv: "IP reputation (IPV)",
      ipvNone: "Not stamped: Microsoft recorded no reputation list for the sending server.",
      bcl: "Bulk level (BCL)",
      bclNone: "Not stamped: Microsoft did not rate it as bulk mail.",
      bclJunked: (bcl: number) =>
        `${bcl} of 9: at or above your organisation's bulk threshold, so it was filtered as bulk (the default threshold is 7).`,
      bclBelow: (bcl: number) =>
        `${bcl} of 9: below your organisation's bulk threshold, so bulk was not why it was filtered (the default threshold is 7).`,
      firstContact: "First-contact safety tip",
      firstContactShown:
        "Shown: the recipient does not often get mail from this sender. That alone is not a reason to distrust it.",
      firstContactNotShown: "Not shown.",
      pcl: "Phishing confidence (PCL)",
      pclNone: "Not stamped.",
      pclLow: (pcl: number) => `${pcl} of 8: the content is not likely phishing.`,
      pclHigh: (pcl: number) => `${pcl} of 8: the content is likely phishing.`,
    },
    live: {
      heading: "Live facts, checked by the service",
      checkedAt: (time: string) => `Checked at ${time}.`,
      dmarc: "DMARC policy",
      dmarcPolicy: {
        none: "p=none: the domain asks receivers only to report failures.",
        quarantine: "p=quarantine: the domain asks receivers to junk mail that fails.",
        reject: "p=reject: the domain asks receivers to refuse mail that fails.",
      },
      dmarcAt: (domain: string) => `Published at ${domain}.`,
      dmarcNone: "The domain publishes no DMARC record.",
      dmarcInvalid: "The domain's DMARC record is not valid.",
      dmarcMultiple: "The domain publishes more than one DMARC record, so none applies.",
      dmarcRejectThreat:
        "DMARC failed for this message and the domain publishes p=reject: the domain's owner says it did not send it.",
      spf: "SPF record",
      spfValid: "Present and valid.",
      spfNone: "The domain publishes no SPF record.",
      spfMultiple: "The domain publishes more than one SPF record, which makes SPF fail.",
      spfSyntax: (term: string) => `Present, but "${term}" is not valid SPF.`,
      spfLookups: (count: string) =>
        `Present, but it needs ${count} DNS lookups; SPF allows 10, so it fails.`,
      mx: "Mail servers (MX)",
      mxPresent: (hosts: string) => `Present: ${hosts}.`,
      mxNone: "The domain names no mail servers.",
      mxNull: "The domain says it receives no mail at all (null MX).",
      age: "Domain age",
      ageDays: (domain: string, days: number, date: string) =>
        `${domain} was registered on ${date}, ${days === 1 ? "1 day" : `${days} days`} ago.`,
      ageYoung:
        "Younger than 30 days: new domains are what phishing campaigns use, and Vouch never allows one.",
      ageUnknown: (domain: string) => `The registry gives no registration date for ${domain}.`,
      reverse: "Sending server's name",
      reverseConfirmed: (name: string) => `${name}, and that name points back to the same address.`,
      reverseUnconfirmed: (name: string) =>
        `${name}, but that name does not point back to the same address.`,
      reverseNone: "The sending address has no name (no reverse DNS).",
      blocklist: (zone: string) => `Blocklist ${zone}`,
      listed: (codes: string) => `Listed (${codes}).`,
      notListed: "Not listed.",
    },
  },

  rescue: {
    moving: "Moving the message out of Junk…",
    moved: "Moved to the Inbox.",
    movedAndReported: "Moved to the Inbox, and Microsoft was told it is not junk.",
    manual:
      "Vouch could not move it for you. To get it out of Junk, select the message and choose Report > Not junk, or move it to your Inbox.",
    manualShared:
      "Vouch could not move it for you. To get it out of this mailbox's Junk folder, move the message to its Inbox.",
  },

  sharedMailbox: (owner: string) => `In the mailbox of ${owner} (shared with you).`,
};
