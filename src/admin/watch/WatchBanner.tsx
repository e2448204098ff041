import { useEffect } from "react";
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Text,
} from "@fluentui/react-components";
import { WATCH_PATHS, alertListSchema, alertSchema, type AlertDto } from "../../api/watch-contract";
import { postJson, type AdminClient } from "../admin-client";
import { useStrings } from "../i18n";
import { SafeText } from "../SafeText";
import { useResource } from "../use-resource";

const ALERT_POLL_MS = 30_000;

/** The banner above every view while a critical sender's alert is unacknowledged. */
export function WatchBanner(props: { client: AdminClient; onShowProposal: (id: string) => void }) {
  const t = useStrings();
  const {
    loaded: alerts,
    act,
    reload,
  } = useResource(
    () => props.client.json(alertListSchema, `${WATCH_PATHS.alerts}?open=true`),
    [props.client],
  );
  // An alert is news: an open console shows a new one without being reloaded.
  useEffect(() => {
    const timer = setInterval(reload, ALERT_POLL_MS);
    return () => clearInterval(timer);
  }, [reload]);
  if (alerts.state !== "ready" || alerts.value.items.length === 0) return null;
  const acknowledge = (alert: AlertDto) =>
    act(() => props.client.json(alertSchema, WATCH_PATHS.acknowledge(alert.id), postJson()));
  return (
    <section aria-label={t.watch.bannerTitle(alerts.value.items.length)}>
      {alerts.value.items.map((alert) => (
        <MessageBar
          key={alert.id}
          intent={alert.authenticated ? "warning" : "error"}
          layout="multiline"
        >
          <MessageBarBody>
            <MessageBarTitle>{t.watch.bannerTitle(alerts.value.items.length)}</MessageBarTitle>
            {alert.authenticated
              ? t.watch.bannerAuthenticated(alert.label, alert.reporters)
              : t.watch.bannerForged(alert.label, alert.reporters)}{" "}
            <Text font="monospace">
              <SafeText text={alert.senderKey} identifier />
            </Text>
          </MessageBarBody>
          <MessageBarActions>
            {alert.proposal && (
              <Button onClick={() => props.onShowProposal(alert.proposal!.id)}>
                {t.watch.openProposal}
              </Button>
            )}
            <Button onClick={() => void acknowledge(alert)}>{t.watch.acknowledge}</Button>
          </MessageBarActions>
        </MessageBar>
      ))}
    </section>
  );
}
