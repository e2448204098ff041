import { SWEEP_PATHS, sweepStatusSchema } from "../api/sweep-contract";
import type { AdminClient } from "./admin-client";
import { MailboxesSection } from "./sweep/MailboxesSection";
import { SightingsSection } from "./sweep/SightingsSection";
import { StatusSection } from "./sweep/StatusSection";
import { useResource } from "./use-resource";

/**
 * The opt-in Junk sweep (docs/sweep.md): whether it runs, its mailboxes' states, and the senders
 * it saw in Junk. The lists load again whenever a round finishes.
 */
export function SweepView(props: { client: AdminClient; onShowProposal: (id: string) => void }) {
  const status = useResource(
    () => props.client.json(sweepStatusSchema, SWEEP_PATHS.status),
    [props.client],
  );
  const value = status.loaded.state === "ready" ? status.loaded.value : null;
  // Off and never ran: nothing but how to turn it on.
  const shown = value !== null && (value.enabled || Object.keys(value.mailboxes).length > 0);
  const round = value?.roundFinishedAt ?? null;
  return (
    <>
      <StatusSection client={props.client} status={status} />
      {shown && (
        <>
          <SightingsSection
            client={props.client}
            round={round}
            onShowProposal={props.onShowProposal}
          />
          <MailboxesSection client={props.client} round={round} />
        </>
      )}
    </>
  );
}
