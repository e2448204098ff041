/**
 * The oracle of the storage model tests: each sender's evidence recomputed from scratch from
 * the reports that are still active, written independently of the store's counters.
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
      for (const input of inputs) {
        for (const signal of signalsOf(input.analysis!)) {
          signals[signal] = (signals[signal] ?? 0) + 1;
        }
      }
      const times = inputs.map((input) => input.now!.toISOString()).sort();
      return {
        tenantId,
        senderKey: key,
        kind: sender.kind,
        authenticated: sender.authenticated,
        reporters: new Set(inputs.map((input) => input.reporterId)).size,
        mailboxes: new Set(
          inputs.map((input) => input.mailbox?.trim().toLowerCase() || input.reporterId),
        ).size,
        reports: inputs.length,
        notSpam: inputs.filter((input) => input.kind === "not-spam").length,
        trustedSender: inputs.filter((input) => input.kind === "trusted-sender").length,
        signals,
        firstSeen: times[0]!,
        lastSeen: times.at(-1)!,
      };
    })
    .sort((a, b) => a.senderKey.localeCompare(b.senderKey));
}
