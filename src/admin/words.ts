import type { ProposalDto, ProposalEntryDto } from "../api/admin-contract";
import { escapeForDisplay, type Shown } from "./escape";
import type { AdminStrings } from "./i18n";

/**
 * Machine values in the reader's words: the service counts signals such as "cat-spm",
 * "dest-j" or "compauth-reason-000" (server/identity/evidence.ts), and codes for refusals,
 * causes and audit actions; the console never shows those ids as such.
 */
export function signalWord(t: AdminStrings, signal: string): string {
  const finding = (t.findings as Record<string, string>)[signal];
  if (finding) return finding;
  const { stamps } = t;
  if (signal === "verdict-junked") return stamps.junked;
  if (signal === "auth-forged-claim-unvouched") return stamps.forgedClaimUnvouched;
  const [prefix, ...rest] = signal.split("-");
  const value = rest.join("-");
  const result = (code: string) => stamps.results[code] ?? code;
  switch (prefix) {
    case "cat":
      return stamps.category(stamps.categories[value] ?? value.toUpperCase());
    case "sfv":
      return stamps.spamVerdict(stamps.verdicts[value] ?? value.toUpperCase());
    case "dest":
      return stamps.folder(stamps.folders[value] ?? value.toUpperCase());
    case "sfty":
      return stamps.safety(value);
    case "situation":
      return stamps.situation(stamps.situations[value] ?? value);
    case "threat":
      return stamps.threat(stamps.threats[value] ?? value);
    case "allow":
      return stamps.allow(stamps.allows[value] ?? value);
    case "dmarc":
      return stamps.dmarc(result(value));
    case "compauth":
      return value.startsWith("reason-")
        ? stamps.compauthReason(value.slice("reason-".length))
        : stamps.compauth(result(value));
    default:
      return stamps.unknown(signal);
  }
}

export function refusalText(t: AdminStrings, code: string, serverMessage: string): string {
  return t.refusals[code] ?? serverMessage;
}

export function refusalShort(t: AdminStrings, code: string): string {
  return t.refusalShort[code] ?? t.refusalFallback(code);
}

export function causeLabel(t: AdminStrings, cause: string): string {
  return t.causes[cause] ?? cause;
}

export function auditActionWord(t: AdminStrings, action: string): string {
  return t.audit.actions[action] ?? action;
}

export function statusWord(t: AdminStrings, status: string): string {
  return (t.status as Record<string, string>)[status] ?? status;
}

/** The allow a proposal would add, as one sentence, its values escaped for display. */
export function describeEntry(t: AdminStrings, entry: ProposalEntryDto | null): Shown {
  if (!entry) return { text: t.entry.none, escaped: false };
  if (entry.type === "sender") {
    const value = escapeForDisplay(entry.value, true);
    const text = entry.kind === "domain" ? t.entry.domain(value.text) : t.entry.address(value.text);
    return { text, escaped: value.escaped };
  }
  const user = escapeForDisplay(entry.spoofedUser, true);
  const infrastructure = escapeForDisplay(entry.sendingInfrastructure.value, true);
  return {
    text: t.entry.spoof(user.text, infrastructure.text),
    escaped: user.escaped || infrastructure.escaped,
  };
}

/** The one-line reason, built from the proposal's numbers so it reads in the reader's language. */
export function reasonOf(t: AdminStrings, proposal: ProposalDto): string {
  const { progress } = proposal;
  switch (proposal.outcome) {
    case "refused": {
      const lead = proposal.refusals[0];
      return t.reason.refused(lead ? refusalShort(t, lead.code) : statusWord(t, "refused"));
    }
    case "insight": {
      const lead = proposal.insights[0];
      return t.reason.insight(lead ? causeLabel(t, lead.cause) : statusWord(t, "insight"));
    }
    case "collecting": {
      const enough =
        progress.reporters.have >= progress.reporters.need &&
        progress.mailboxes.have >= progress.mailboxes.need;
      return enough && !progress.fresh
        ? t.reason.stale(proposal.reporters)
        : t.reason.collecting(
            progress.reporters.have,
            progress.reporters.need,
            progress.mailboxes.have,
            progress.mailboxes.need,
          );
    }
    case "open":
      return t.reason.open(proposal.reporters, proposal.mailboxes);
  }
}

export function dateOnly(language: string, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language === "de" ? "de-DE" : "en-GB", {
    dateStyle: "medium",
    timeZone: "UTC",
  }).format(date);
}

export function dateTime(language: string, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${new Intl.DateTimeFormat(language === "de" ? "de-DE" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  }).format(date)} UTC`;
}
