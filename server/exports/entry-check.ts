import { validateDomainName, validateIdentity } from "../identity/validate";
import type { ProposalEntry } from "../proposals/rules";

/**
 * The last gate before an entry is written into an export: whatever the store holds, only an
 * entry whose every value passes the sender identity validation (server/identity: UTS #46,
 * public suffixes, look-alikes, mixed scripts, never a whole free-mail or multi-service domain)
 * reaches a file, in its canonical form (lower case, A-labels), and a /24 only as a /24.
 */
export type EntryCheck = { ok: true; entry: ProposalEntry } | { ok: false; reason: string };

const IP24 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.0\/24$/;

function isIp24(value: string): boolean {
  const match = IP24.exec(value);
  return !!match && match.slice(1, 4).every((octet) => Number(octet) <= 255);
}

type Checked = { ok: true; value: string } | { ok: false; reason: string };

/** A domain or an address, as the entry's kind says, in its canonical form. */
function identity(value: string, kind: "domain" | "address", what: string): Checked {
  const verdict = validateIdentity(value);
  if (!verdict.ok) return { ok: false, reason: `${what}: ${verdict.message}` };
  if (verdict.kind !== kind) {
    const article = (k: string) => (k === "address" ? "an address" : "a domain");
    return {
      ok: false,
      reason: `${what} is stored as ${article(kind)} but is ${article(verdict.kind)}.`,
    };
  }
  return { ok: true, value: verdict.value };
}

function infrastructure(
  value: Extract<ProposalEntry, { type: "spoof" }>["sendingInfrastructure"],
): Checked {
  if (value.kind === "ip24") {
    return isIp24(value.value)
      ? { ok: true, value: value.value }
      : { ok: false, reason: "The sending infrastructure is not an IPv4 /24." };
  }
  // A PTR domain names the sender's infrastructure, not a sender: a multi-service domain
  // (protection.outlook.com) is a valid one, so only its form is checked.
  const verdict = validateDomainName(value.value);
  return verdict.ok
    ? { ok: true, value: verdict.ascii }
    : { ok: false, reason: `The sending infrastructure: ${verdict.message}` };
}

export function checkEntry(entry: ProposalEntry): EntryCheck {
  if (entry.type === "sender") {
    const what = entry.kind === "domain" ? "The sender domain" : "The sender address";
    const checked = identity(entry.value, entry.kind, what);
    return checked.ok ? { ok: true, entry: { ...entry, value: checked.value } } : checked;
  }
  const kind = entry.spoofedUser.includes("@") ? "address" : "domain";
  const user = identity(entry.spoofedUser, kind, `The spoofed ${kind}`);
  if (!user.ok) return user;
  const sending = infrastructure(entry.sendingInfrastructure);
  if (!sending.ok) return sending;
  return {
    ok: true,
    entry: {
      type: "spoof",
      spoofedUser: user.value,
      sendingInfrastructure: { kind: entry.sendingInfrastructure.kind, value: sending.value },
    },
  };
}
