/**
 * The findings in English: the analysis's default language, and what the CLI and the service
 * keep. Titles are one plain sentence for a person who is not an email expert; details quote
 * the evidence. Parameter types: ./types.ts.
 */
import type { VouchedBy } from "../identity";
import {
  CAT_MEANINGS,
  DMARC_ACTION_MEANINGS,
  BCL_MEANINGS,
  IPV_MEANINGS,
  SFV_MEANINGS,
  compauthReasonMeaning,
  meaningOf,
} from "../meanings";
import { clip, durationParts } from "./text";
import type { FindingTexts, StampEvidence } from "./types";
import { gatewayTextsEn } from "../gateways/texts";

/** Header text quoted into a detail, cut short so a hostile header cannot flood the pane. */
function quote(value: string | null | undefined): string {
  return value ? `"${clip(value)}"` : "(none)";
}

function duration(seconds: number): string {
  const { hours, minutes, rest } = durationParts(seconds);
  if (hours > 0) return `${hours} h ${minutes} min`;
  if (minutes > 0) return `${minutes} min${rest > 0 ? ` ${rest} s` : ""}`;
  return `${rest} s`;
}

function stamps(evidence: StampEvidence): string {
  return evidence.length > 0 ? evidence.join(", ") : "no anti-spam stamps";
}

function category(cat: string): string {
  return `Microsoft stamped CAT:${cat}: ${meaningOf(CAT_MEANINGS, cat) ?? "an unknown category."}`;
}

function stamped(code: keyof typeof SFV_MEANINGS.en): string {
  return `Microsoft stamped SFV:${code}: ${SFV_MEANINGS.en[code]}`;
}

const DO_NOT_ALLOW =
  "Do not add this sender to any safe list. If you are sure the message is genuine, ask your admin to submit it to Microsoft.";

const TRANSIENT_DNS = "A DNS look-up failed for the moment; this usually passes by itself.";

const VIA: Record<VouchedBy, string> = {
  dmarc: "DMARC passed",
  dkim: "an aligned DKIM signature verified",
  spf: "SPF passed for an aligned domain",
  arc: "a forwarder's ARC seal that your organisation trusts carried the original checks",
};

function authenticatedBy(via: VouchedBy): string {
  if (via === "dmarc") return "DMARC passed";
  if (via === "arc") return "a trusted ARC seal vouched for the original authentication";
  return `an aligned ${via.toUpperCase()} check passed`;
}

export const en: FindingTexts = {
  "malware-verdict": {
    title: "Do not trust this sender: Microsoft found malware in this message.",
    detail: ({ cat }) => `${category(cat)} Do not open its attachments or links. ${DO_NOT_ALLOW}`,
  },
  "phishing-verdict": {
    title: "Do not trust this sender: Microsoft identified this message as phishing.",
    detail: ({ cat }) =>
      `${category(cat)} Do not click its links, open its attachments or reply with any information. ${DO_NOT_ALLOW}`,
  },
  "impersonation-domain": {
    title: "Do not trust this sender: the sender's domain imitates a domain you know.",
    detail: ({ safetyTip, category, fromDomain }) => {
      const why = [
        safetyTip ? "SFTY:9.19 (domain impersonation)" : null,
        category ? "CAT:DIMP" : null,
      ]
        .filter(Boolean)
        .join(" and ");
      return `Microsoft stamped ${why}: the From domain ${quote(fromDomain)} looks like a domain your organisation protects or corresponds with, but is a different one. ${DO_NOT_ALLOW}`;
    },
  },
  "impersonation-user": {
    title: "Do not trust this sender: the sender is pretending to be a person you know.",
    detail: ({ safetyTip, category }) => {
      const why = [
        safetyTip ? "SFTY:9.20 (user impersonation)" : null,
        category ? "CAT:UIMP" : null,
      ]
        .filter(Boolean)
        .join(" and ");
      return `Microsoft stamped ${why}: the sender's name imitates a person your organisation protects, but the address is a different one. ${DO_NOT_ALLOW}`;
    },
  },
  "impersonation-mailbox-intelligence": {
    title: "Do not trust this sender: the sender imitates someone you regularly write to.",
    detail: ({ cat }) =>
      `${category(cat)} Mailbox intelligence found that the sender imitates one of your usual contacts from an address you have not used before. ${DO_NOT_ALLOW}`,
  },
  "impersonation-brand": {
    title: "Do not trust this sender: the message imitates a well-known brand.",
    detail: ({ cat }) => `${category(cat)} ${DO_NOT_ALLOW}`,
  },
  "spoof-verdict": {
    title: "Do not trust this sender: the sender's address appears to be forged.",
    detail: ({ cat, fromDomain }) =>
      `${category(cat)} The From domain ${quote(fromDomain)} failed Microsoft's checks that the message really comes from that domain. ${DO_NOT_ALLOW}`,
  },
  "intra-org-phishing": {
    title:
      "Do not trust this sender: this phishing message came from inside your organisation, possibly from a hijacked account.",
    detail: ({ cat }) =>
      `${category(cat)} A phishing message was sent from inside your organisation. Tell your admin: the sending account may be compromised. ${DO_NOT_ALLOW}`,
  },
  "dmarc-fail": {
    title: "The sender's domain does not vouch for this message (DMARC failed).",
    detail: ({ domain, policy, action }) => {
      const actionMeaning = action ? meaningOf(DMARC_ACTION_MEANINGS, action) : null;
      const actionText = action
        ? ` The action taken was "${action}"${actionMeaning ? `: ${actionMeaning}` : "."}`
        : "";
      const policyText = policy ? ` The domain's published policy is p=${policy}.` : "";
      return `The trusted Authentication-Results says dmarc=fail for ${quote(domain)}: neither SPF nor DKIM passed for that domain.${policyText}${actionText} If this is a real sender, its IT must make SPF or DKIM pass for its From domain; otherwise the From address may be forged.`;
    },
  },
  "high-confidence-spam": {
    title: "Microsoft's spam filter is highly confident that this message is spam.",
    detail: (params) =>
      `Evidence: ${stamps(params.stamps)}. Stricter policies quarantine such mail. If it is a mistake, your admin can submit it to Microsoft and allow the sender in the Tenant Allow/Block List.`,
  },
  "forged-auth-results": {
    title:
      "Do not trust this message's own claims: a header says security checks passed, but your mail system did not confirm it.",
    detail: ({ claims, trusted }) => {
      const claimed = claims
        .map(
          (claim) =>
            `an Authentication-Results from ${quote(claim.authservId ?? "no named server")} claims ${claim.methods.map((method) => `${method}=pass`).join(", ")}`,
        )
        .join("; ");
      const unconfirmed = trusted
        ? `the Authentication-Results your mail system wrote${trusted.authservId ? ` (${trusted.authservId})` : ""} does not confirm it`
        : "no Authentication-Results from a trusted server confirms it";
      return `Below the trusted header, ${claimed}; ${unconfirmed}. Anyone can write such a header into a message; Vouch ignores it. (A server that forwarded the message may also have written it, before the message was changed on the way.)`;
    },
  },
  "reply-to-differs": {
    title:
      "Replies to this message would go to a different organisation than the one it claims to be from.",
    detail: ({ fromDomain, replyToDomain }) =>
      `The message is from ${quote(fromDomain)}, but its Reply-To sends answers to ${quote(replyToDomain)}. Newsletters and ticket systems do this, and so do fraudsters who want the answer to a payment request. Before you answer with anything sensitive, check the address your reply goes to.`,
  },
  "content-filter-spam-authenticated": {
    title: "Microsoft's spam filter junked this message although the sender proved who they are.",
    detail: ({ stamps: evidence, via, domain, compauth }) =>
      `Evidence: ${stamps(evidence)}, while ${authenticatedBy(via)} for ${quote(domain)}${compauth ? ` and compauth=${compauth}` : ""}. The sender proved who they are, and Microsoft's content filter still called it spam: a classic false positive. Your admin can submit it to Microsoft and allow the authenticated sender.`,
  },
  "junk-by-user-settings": {
    title:
      "The spam filter found nothing wrong, but your own Junk settings or rules moved this message to Junk.",
    detail: ({ ofr }) =>
      `Microsoft's filter stamped SFV:NSPM (not spam), yet the mailbox delivered it to Junk (dest:J${ofr ? `, OFR:${ofr}` : ""}). Usually your Junk settings say "only trust mail from my Safe Senders list", or one of your own inbox rules moved it. Add the sender to Safe Senders or change that setting or rule.`,
  },
  "blocked-sender": {
    title: "This sender is on your own Blocked Senders list.",
    detail: () =>
      `${stamped("BLK")} If this was a mistake, remove the sender from Blocked Senders in Outlook's Junk settings.`,
  },
  "policy-blocked": {
    title: "Your organisation's spam policy blocks this sender.",
    detail: () =>
      `${stamped("SKB")} Only your admin can remove the sender or domain from the anti-spam policy's blocked list.`,
  },
  "transport-rule-spam": {
    title: "A mail rule of your organisation marked this message as spam.",
    detail: (params) =>
      `${stamped("SKS")} Evidence: ${stamps(params.stamps)}. Your admin can find the mail flow rule that sets the spam level and change it.`,
  },
  "asf-custom-spam": {
    title: "An optional extra spam filter that your admin turned on marked this message as spam.",
    detail: ({ customSpam }) =>
      `X-CustomSpam: ${quote(customSpam)}. An advanced spam filter (ASF) option of the anti-spam policy matched. Microsoft recommends turning these options off; messages they filter cannot be reported to Microsoft as mistakes, so only your admin can fix this, by turning that option off.`,
  },
  "bulk-bcl-high": {
    title: "This message was treated as bulk mail, such as a newsletter or marketing.",
    detail: ({ stamps: evidence, bcl }) =>
      `Evidence: ${stamps(evidence)}. ${bcl !== null ? `BCL ${bcl}: ${meaningOf(BCL_MEANINGS, bcl) ?? "a bulk complaint level"} ` : ""}Anti-spam policies junk bulk mail at BCL 7 by default, at 6 under the Standard preset and at 5 under Strict. You can unsubscribe if you don't want it; if many people want this sender, your admin can raise the bulk threshold or allow the sender.`,
  },
  "compauth-fail": {
    title: "Microsoft could not confirm that this message really comes from the sender's domain.",
    detail: ({ reason, advice }) => {
      const meaning = compauthReasonMeaning(reason);
      const next = {
        "admin-block":
          "Your admin has a block entry for this sender and sending server; only the admin can change it.",
        "own-domain":
          "The message claims to come from your own organisation's domain. If a service you use sends as your domain, your admin must set up SPF/DKIM for it or a spoofed-sender allow entry; otherwise it is forged.",
        sender:
          "If the sender is genuine, its IT should publish SPF, DKIM and DMARC for its From domain and sign with that domain; your admin can also allow the sender and sending server as a pair (a spoofed-sender entry).",
      }[advice];
      return `compauth=fail reason=${reason ?? "(none)"}${meaning ? `: ${meaning}` : "."} ${next}`;
    },
  },
  "content-filter-spam": {
    title: "Microsoft's spam filter decided that this message is spam.",
    detail: ({ stamps: evidence, authenticated }) =>
      `Evidence: ${stamps(evidence)}. ${authenticated ? "" : "The sender did not prove who they are, which makes a spam verdict more likely. "}If it is a mistake, your admin can submit it to Microsoft; an allow entry needs an authenticated sender.`,
  },
  "spf-fail": {
    title:
      "The server that sent this message is not allowed to send mail for the sender's domain (SPF failed).",
    detail: ({ domain }) =>
      `The trusted Authentication-Results says spf=fail${domain ? ` for ${quote(domain)}` : ""}: the sending server is not in the domain's SPF record, and the record says to fail such mail. The sender's IT must add this server to its SPF record.`,
  },
  "spf-softfail": {
    title:
      "The sender's domain says the sending server is probably not allowed to send for it (SPF soft fail).",
    detail: ({ domain }) =>
      `The trusted Authentication-Results says spf=softfail${domain ? ` for ${quote(domain)}` : ""}: the sending server is not in the domain's SPF record (~all). The sender's IT should add the server that sent this message to its SPF record.`,
  },
  "spf-error": {
    title: "The sender's SPF record could not be checked.",
    detail: ({ result, domain }) =>
      `The trusted Authentication-Results says spf=${result}${domain ? ` for ${quote(domain)}` : ""}. ${result === "permerror" ? "The domain's SPF record is broken; the sender's IT must fix it." : TRANSIENT_DNS}`,
  },
  "dmarc-error": {
    title: "The sender's DMARC record could not be checked.",
    detail: ({ result, domain }) =>
      `The trusted Authentication-Results says dmarc=${result} for ${quote(domain)}. ${result === "permerror" ? "The domain's DMARC record is broken; the sender's IT must fix it." : TRANSIENT_DNS}`,
  },
  "dkim-fail": {
    title: "The message's digital signature did not verify (DKIM failed).",
    detail: ({ signatures, transient }) => {
      const list = signatures
        .map(
          (signature) =>
            `dkim=${signature.result}${signature.domain ? ` (d=${signature.domain})` : ""}`,
        )
        .join(", ");
      return `The trusted Authentication-Results says ${list}. ${transient ? "The check could not finish (a DNS look-up timed out or failed); this is usually temporary." : "The signature does not match the message: it was changed on the way (for example by a forwarder or a footer) or the signature is forged. The sender's IT should check its DKIM signing."}`;
    },
  },
  "spf-not-aligned": {
    title:
      "The sending server was checked (SPF) for a different domain than the one the message is from.",
    detail: ({ spfDomain, fromDomain }) =>
      `SPF passed for ${quote(spfDomain)}, but the message is from ${quote(fromDomain)}. This is normal for mail sent through a mailing service, but then DKIM must be signed with the From domain, and it is not. The sender's IT can use a bounce (envelope) domain under ${quote(fromDomain)} at its mailing service.`,
  },
  "dkim-not-aligned": {
    title:
      "The message is digitally signed (DKIM), but by a different domain than the one it is from.",
    detail: ({ signers, fromDomain }) =>
      `The message is signed by ${signers.map(quote).join(", ")}, but it is from ${quote(fromDomain)}. The sender's IT should have its mailing service sign with ${quote(fromDomain)} (a custom DKIM domain).`,
  },
  "slow-delivery": {
    title: "This message took unusually long to arrive.",
    detail: ({ hop, from, by, seconds }) =>
      `Hop ${hop} (${from ?? "an unnamed server"} to ${by ?? "an unnamed server"}) took ${duration(seconds)}. Delays like this come from a server queueing the message (greylisting, a busy or unreachable server), not from the spam filter.`,
  },
  "no-authentication-results": {
    title: "This message carries no authentication results from your mail system.",
    detail: (params) => {
      switch (params.case) {
        case "untrusted":
          return `The message has ${params.count} Authentication-Results header(s), but none from a server configured as trusted, so SPF, DKIM and DMARC are unknown.`;
        case "internal":
          return "No Authentication-Results header: SPF, DKIM and DMARC are unknown. Exchange marked this message as sent from inside your organisation, and such mail normally carries none.";
        case "absent":
          return "No Authentication-Results header: SPF, DKIM and DMARC are unknown. Mail between mailboxes of one organisation often has none; mail from outside should have one.";
        case "sender-own":
          return "The only Authentication-Results header was written inside the sending organisation as the message was submitted, so how the receiving side checked SPF, DKIM and DMARC is unknown.";
        case "empty":
          return `The trusted Authentication-Results${params.authservId ? ` from ${quote(params.authservId)}` : ""} ${params.saysNone ? 'says "none": no authentication was done' : "holds no results that could be read"}, so SPF, DKIM and DMARC are unknown.`;
      }
    },
  },
  "no-transport-headers": {
    title: "Outlook gave no delivery headers for this message, so it cannot be analysed.",
    detail: () =>
      "The header text holds no Received, Authentication-Results or anti-spam headers. Outlook returns nothing or only the subject for messages in Sent Items and in some versions of the new Outlook. Open the message from the Junk or Inbox folder, or paste its full headers.",
  },
  "unreadable-headers": {
    title: "Some of this message's header lines could not be read.",
    detail: ({ problems }) =>
      `What could not be read: ${problems.join(" ")} The rest was analysed.`,
  },
  "analysis-incomplete": {
    title: "Part of this message's headers could not be analysed.",
    detail: (params) =>
      params.case === "parts"
        ? `These parts could not be analysed and are left empty: ${params.parts.join(", ")}.`
        : `The ${params.group} rules could not be applied to these headers.`,
  },
  "dmarc-none": {
    title:
      "The sender's domain publishes no DMARC policy, which makes its mail easier to forge and more likely to be filtered.",
    detail: ({ result, domain }) =>
      `The trusted Authentication-Results says dmarc=${result}${result === "bestguesspass" ? " (bestguesspass: it would have passed if the domain had a policy)" : ""} for ${quote(domain)}. The sender's IT can publish a DMARC record (_dmarc.${domain ?? "their-domain"}) and align SPF or DKIM with the From domain.`,
  },
  "bulk-bcl-elevated": {
    title: "This message comes from a bulk sender, such as a newsletter or marketing service.",
    detail: ({ bcl }) =>
      `BCL ${bcl}: ${meaningOf(BCL_MEANINGS, bcl) ?? "a bulk sender"} The default policy junks bulk mail from BCL 7, the Standard preset from 6 and Strict from 5.`,
  },
  "arc-override": {
    title:
      "Authentication failed on the way, but a forwarding service your organisation trusts vouched for the message.",
    detail: ({ failures }) =>
      `compauth=pass reason=130: ${compauthReasonMeaning("130")}${failures.length > 0 ? ` On arrival: ${failures.join(", ")}.` : ""} A forwarder (for example a mailing list or a security gateway) changed the message on the way, and your admin trusts its ARC seal, so these failures are expected and nobody needs to fix them.`,
  },
  "allowed-by-user": {
    title: "This sender is on your own Safe Senders list, so spam filtering was skipped.",
    detail: () => stamped("SFE"),
  },
  "safe-senders-rescued": {
    title: "Your Safe Senders list kept this message out of Junk.",
    detail: ({ stamps: evidence, ofr, personalList }) =>
      `${evidence.length > 0 ? `Microsoft's filter judged it spam (${stamps(evidence)}), but the` : "The"} mailbox delivered it to the Inbox (dest:I${ofr ? `, OFR:${ofr}` : ""}${personalList ? ", pcwl:1" : ""}) because the sender is on your own Safe Senders list. Nothing needs fixing; remove the sender from Safe Senders if you no longer trust them.`,
  },
  "allowed-by-policy": {
    title: "Your organisation allows this sender, so spam filtering was skipped.",
    detail: ({ sfv, ipAllowList }) =>
      [
        sfv ? stamped(sfv) : null,
        ipAllowList ? `Microsoft stamped IPV:CAL: ${IPV_MEANINGS.en.CAL}` : null,
      ]
        .filter(Boolean)
        .join(" "),
  },
  "released-from-quarantine": {
    title: "This message was released from quarantine.",
    detail: () => stamped("SKQ"),
  },
  "first-contact": {
    title: "You don't often get email from this sender.",
    detail: () =>
      "Microsoft stamped SFTY:9.25 (first contact safety tip). Take a moment to check that the sender is who you expect.",
  },
  "sender-authenticated": {
    title: "The sender proved that this message comes from their domain.",
    detail: ({ via, domain, address }) =>
      `${VIA[via]} for ${quote(domain)}, so the From address ${quote(address)} is genuine. This says who sent the message, not that its content is safe.`,
  },
  "sender-tenant-stamps-ignored": {
    title: "The message carries the sending organisation's own spam verdict, which was ignored.",
    detail: ({ headers }) =>
      `${headers.join(", ")} carry the verdict of the sending organisation's own Microsoft 365. They say nothing about how your organisation filtered the message, and Vouch does not read them.`,
  },
  "sender-own-auth-results": {
    title:
      "The sending organisation's own Authentication-Results header was left out: it is not how your mail system checked the message.",
    detail: ({ authservIds }) =>
      `${authservIds.some((id) => id !== null) ? `The Authentication-Results from ${authservIds.map((id) => quote(id)).join(", ")} was` : "An Authentication-Results header was"} written inside the sending organisation as the message was submitted (only its submission hop lies below it). It says nothing about the sender's domain as the receiving side saw it, so its results are not used, and nothing about the sender's DMARC or DKIM setup follows from it.`,
  },
  "clock-skew": {
    title: "A server on the way has a wrong clock, so some delivery times are off.",
    detail: ({ hops }) =>
      `Some servers stamped times earlier than the server before them: ${hops
        .map(
          (hop) =>
            `hop ${hop.index} (${hop.by ?? "an unnamed server"}, ${duration(hop.seconds)} earlier than the hop before)`,
        )
        .join(", ")}. Their clocks are off; the delays shown are approximate.`,
  },
  ...gatewayTextsEn,
};
