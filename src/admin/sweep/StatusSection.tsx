import { useEffect, useState } from "react";
import {
  Badge,
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
} from "@fluentui/react-components";
import { SWEEP_PATHS, sweepRunResultSchema, type SweepStatusDto } from "../../api/sweep-contract";
import { postJson, type AdminClient } from "../admin-client";
import { useStrings } from "../i18n";
import { Section } from "../Section";
import { useAdminStyles } from "../styles";
import type { Resource } from "../use-resource";
import { dateTime } from "../words";
import { MAILBOX_ORDER, MAILBOX_COLORS } from "./mailbox-states";

/** While a round runs, how often the status is asked again. */
const FOLLOW_MS = 2_000;

function RoundState(props: { status: SweepStatusDto }) {
  const t = useStrings();
  const { status } = props;
  const finished =
    status.roundFinishedAt &&
    t.sweep.lastRound(
      dateTime(t.language, status.roundFinishedAt),
      status.roundMessages,
      status.roundSightings,
    );
  if (status.state === "error") {
    return (
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{t.sweep.rounds.error}</MessageBarTitle>
          {status.message} {t.sweep.roundFailedWhat}
        </MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <MessageBar intent={status.state === "ok" ? "success" : "info"} layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{t.sweep.on}</MessageBarTitle>
        {t.sweep.rounds[status.state] ?? status.state} {finished}
      </MessageBarBody>
    </MessageBar>
  );
}

/**
 * Asks for the status again while a round runs, and after "run now" until that round finished
 * (the service answers the request before the round has marked itself running).
 */
function useFollowRound(status: Resource<SweepStatusDto>) {
  const { loaded, reload } = status;
  const [before, setBefore] = useState<string | null | undefined>(undefined);
  const finishedAt = loaded.state === "ready" ? loaded.value.roundFinishedAt : undefined;
  const running = loaded.state === "ready" && loaded.value.state === "running";
  const waiting = before !== undefined && finishedAt === before;
  useEffect(() => {
    if (!running && !waiting) return;
    const timer = setTimeout(reload, FOLLOW_MS);
    return () => clearTimeout(timer);
  }, [loaded, running, waiting, reload]);
  return {
    busy: running || waiting,
    follow: () => setBefore(finishedAt ?? null),
    stop: () => setBefore(undefined),
  };
}

/** Whether the sweep is configured and running, its last round, and mailboxes per state. */
export function StatusSection(props: { client: AdminClient; status: Resource<SweepStatusDto> }) {
  const t = useStrings();
  const styles = useAdminStyles();
  const { loaded, act, error } = props.status;
  const { busy, follow, stop } = useFollowRound(props.status);
  return (
    <Section id="sweep-status" title={t.sweep.title} intro={t.sweep.intro} error={error}>
      {loaded.state === "ready" && !loaded.value.enabled && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t.sweep.off}</MessageBarTitle>
            {t.sweep.offHow}
          </MessageBarBody>
        </MessageBar>
      )}
      {loaded.state === "ready" && loaded.value.enabled && (
        <>
          <RoundState status={loaded.value} />
          {loaded.value.intervalMs !== null && (
            <Text>{t.sweep.every(Math.round(loaded.value.intervalMs / 60_000))}</Text>
          )}
          <ul className={styles.badges} aria-label={t.sweep.mailboxesTitle}>
            {MAILBOX_ORDER.filter((state) => loaded.value.mailboxes[state]).map((state) => (
              <li key={state}>
                <Badge appearance="tint" color={MAILBOX_COLORS[state]}>
                  {t.sweep.counts(
                    t.sweep.mailboxStates[state] ?? state,
                    loaded.value.mailboxes[state]!,
                  )}
                </Badge>
              </li>
            ))}
          </ul>
          <div className={styles.actions}>
            <Button
              appearance="primary"
              disabled={busy}
              onClick={() => {
                follow();
                void act(() =>
                  props.client.json(sweepRunResultSchema, SWEEP_PATHS.run, postJson()),
                ).then((started) => started || stop());
              }}
            >
              {t.sweep.runNow}
            </Button>
          </div>
        </>
      )}
    </Section>
  );
}
