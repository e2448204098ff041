/**
 * The oracle of the storage model tests: each sender's evidence recomputed from scratch from
 * the reports that are still active, written independently of the store's counters. People are
 * counted as sets of reporter ids; a mailbox counts as itself only when verified (and not the
 * reporter's own), else as its reporter's own mailbox.
 */
import { signalsOf } from "../../server/identity/evidence";
import { senderKeyOf } from "../../server/identity/sender-key";
import type { RecordReportInput, SenderEvidence } from "../../server/storage";

/** Per sender, sorted by sender key. Every input must carry its analysis and its `now`. */
export function expectedEvidence(
  tenantId: string,
  active: readonly RecordReportInput[],
): SenderEvidence[] {
  const groups = new Map<string, RecordReportInput[]>();
  for (const input of active) {
    const key = senderKeyOf(input.analysis!)!.key;
    groups.set(key, [...(groups.get(key) ?? []), input]);
  }
  return [...groups.entries()]
    .map(([key, inputs]): SenderEvidence => {
      const sender = senderKeyOf(inputs[0]!.analysis!)!;
      const signals: Record<string, number> = Object.create(null);
      const peopleBySignal = new Map<string, Set<string>>();
      for (const input of inputs) {
        for (const signal of signalsOf(input.analysis!)) {
          signals[signal] = (signals[signal] ?? 0) + 1;
          peopleBySignal.set(
            signal,
            new Set([...(peopleBySignal.get(signal) ?? []), input.reporterId]),
          );
        }
      }
      const signalPeople: Record<string, number> = Object.create(null);
      for (const [signal, people] of peopleBySignal) signalPeople[signal] = people.size;
      const mailboxOf = (input: RecordReportInput) => {
        const claimed = input.mailbox?.trim().toLowerCase() || input.reporterId;
        return input.mailboxVerified === true && claimed !== input.reporterId
          ? `verified ${claimed}`
          : `own ${input.reporterId}`;
      };
      const trusted = inputs.filter((input) => input.kind === "trusted-sender");
      const times = inputs.map((input) => input.now!.toISOString()).sort();
      return {
        tenantId,
        senderKey: key,
        kind: sender.kind,
        authenticated: sender.authenticated,
        reporters: new Set(inputs.map((input) => input.reporterId)).size,
        mailboxes: new Set(inputs.map(mailboxOf)).size,
        reports: inputs.length,
        notSpam: inputs.filter((input) => input.kind === "not-spam").length,
        trustedSender: trusted.length,
        trustedSenderPeople: new Set(trusted.map((input) => input.reporterId)).size,
        signals,
        signalPeople,
        firstSeen: times[0]!,
        lastSeen: times.at(-1)!,
      };
    })
    .sort((a, b) => a.senderKey.localeCompare(b.senderKey));
}
