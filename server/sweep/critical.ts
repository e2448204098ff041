import type { Kysely } from "kysely";
import type { Database } from "../storage/schema";
import { isCriticalSender } from "../watch";

/** What the sweep keeps of a critical-sender match. */
export interface CriticalMatch {
  /** The catalogue's or the admin's name for the sender ("Microsoft Azure"). */
  name: string;
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
    return match?.authenticated ? { name: match.label } : null;
  };
}
