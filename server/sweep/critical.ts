/**
 * Who counts as a critical sender is the watch's decision (server/watch/). Until its matcher
 * lands, this stand-in knows a handful of service senders so the sweep can be built and
 * tested; it is replaced by the watch's `isCriticalSender`, not extended.
 */
export interface CriticalMatch {
  /** The catalogue's or the admin's name for the sender ("Microsoft Azure"). */
  name: string;
}

/** Asked only about authenticated, validated sender keys ("microsoft.com"). */
export type CriticalSenderMatcher = (
  tenantId: string,
  senderKey: string,
) => Promise<CriticalMatch | null>;

const STAND_IN: ReadonlyMap<string, string> = new Map([
  // microsoft.com is a multi-service domain: its senders are keyed by address.
  ["azure-noreply@microsoft.com", "Microsoft Azure"],
  ["amazonaws.com", "Amazon Web Services"],
  ["github.com", "GitHub"],
]);

export const standInCriticalSender: CriticalSenderMatcher = async (_tenantId, senderKey) => {
  const name = STAND_IN.get(senderKey);
  return name ? { name } : null;
};
