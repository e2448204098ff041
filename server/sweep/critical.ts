import type { Kysely } from "kysely";
import type { Database } from "../storage/schema";
import { isCriticalSender } from "../watch";

/** What the sweep keeps of a critical-sender match. */
export interface CriticalMatch {
  /** The catalogue's or the admin's name for the sender ("Microsoft Azure"). */
  name: string;
  /** The watch's entry: a catalogue id, or "own:<id>" for the tenant's own. */
  entryId: string;
}

/** Asked only about authenticated, validated sender keys ("azure-noreply@microsoft.com"). */
export type CriticalSenderMatcher = (
  tenantId: string,
  senderKey: string,
) => Promise<CriticalMatch | null>;

/**
 * Who counts as a critical sender is the watch's decision (server/watch/: Vouch's catalogue and
 * the tenant's own list). A match on a forged From ("unverified:…") never counts here: the
 * sweep only asks about authenticated keys, and refuses an unauthenticated match besides.
 */
export function watchCriticalSenders(db: Kysely<Database>): CriticalSenderMatcher {
  return async (tenantId, senderKey) => {
    const match = await isCriticalSender(db, tenantId, senderKey);
    return match?.authenticated ? { name: match.label, entryId: match.entryId } : null;
  };
}

/**
 * The same answers, remembered for one round: a Junk folder holds the same few senders many
 * times over, and the list does not change within minutes. At most `limit` keys are kept.
 */
export function rememberedFor(
  matcher: CriticalSenderMatcher,
  limit = 10_000,
): CriticalSenderMatcher {
  const known = new Map<string, Promise<CriticalMatch | null>>();
  return (tenantId, senderKey) => {
    const key = `${tenantId}\u0000${senderKey}`;
    let answer = known.get(key);
    if (!answer) {
      if (known.size >= limit) known.clear();
      answer = matcher(tenantId, senderKey);
      // A failed look-up is asked again next time, not remembered.
      answer.catch(() => known.delete(key));
      known.set(key, answer);
    }
    return answer;
  };
}
