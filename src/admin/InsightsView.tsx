import { Spinner, Subtitle2, Text } from "@fluentui/react-components";
import type { AdminClient } from "./admin-client";
import { CAUSE_LABELS } from "./labels";
import { useAdminStyles } from "./styles";
import { useLoad } from "./use-load";

/** Causes an allow cannot fix, tenant-wide, with the setting to look at. */
export function InsightsView(props: { client: AdminClient }) {
  const styles = useAdminStyles();
  const [insights] = useLoad(() => props.client.insights(), [props.client]);
  if (insights.state === "loading") return <Spinner label="Loading insights…" />;
  if (insights.state === "error") return <Text role="alert">{insights.message}</Text>;
  if (insights.value.items.length === 0) {
    return (
      <section className={styles.card}>
        <Text>No insight yet: nothing reported so far points at a setting.</Text>
      </section>
    );
  }
  return (
    <>
      {insights.value.items.map((item) => (
        <section
          key={item.cause}
          className={styles.card}
          aria-label={CAUSE_LABELS[item.cause] ?? item.cause}
        >
          <Subtitle2 as="h2">{CAUSE_LABELS[item.cause] ?? item.cause}</Subtitle2>
          <Text>{item.setting}</Text>
          <Text className={styles.small}>
            {item.reports} report{item.reports === 1 ? "" : "s"} about {item.senders} sender
            {item.senders === 1 ? "" : "s"}
          </Text>
          <ul>
            {item.topSenders.map((sender) => (
              <li key={sender.senderKey} className={styles.breakable}>
                {sender.senderKey} ({sender.reports})
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
