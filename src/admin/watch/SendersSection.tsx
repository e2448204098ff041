import { useState } from "react";
import { Badge, Button, Checkbox, Field, Input, Link, Text } from "@fluentui/react-components";
import {
  WATCH_PATHS,
  criticalSenderListSchema,
  criticalSenderSchema,
  type CriticalSenderDto,
} from "../../api/watch-contract";
import { postJson, type AdminClient } from "../admin-client";
import { ScrollTable } from "../ScrollTable";
import { Section } from "../Section";
import { useStrings } from "../i18n";
import { useAdminStyles } from "../styles";
import { useResource } from "../use-resource";

/** The critical senders: Vouch's catalogue with its sources, and the tenant's own additions. */
export function SendersSection(props: { client: AdminClient }) {
  const t = useStrings();
  const styles = useAdminStyles();
  const [identity, setIdentity] = useState("");
  const [label, setLabel] = useState("");
  const [subdomains, setSubdomains] = useState(false);
  const {
    loaded: list,
    act,
    error,
  } = useResource(
    () => props.client.json(criticalSenderListSchema, WATCH_PATHS.senders),
    [props.client],
  );
  const toggle = (entry: CriticalSenderDto) =>
    act(() =>
      props.client.json(
        criticalSenderListSchema,
        entry.active
          ? WATCH_PATHS.removeSender(entry.entryId)
          : WATCH_PATHS.restoreSender(entry.entryId),
        postJson(entry.active ? { note: "" } : {}),
      ),
    );
  return (
    <Section
      id="watch-senders"
      title={t.watch.sendersTitle}
      intro={t.watch.sendersIntro}
      error={error}
    >
      <Text as="h3" weight="semibold" id="watch-add-sender" className={styles.formHeading}>
        {t.watch.addTitle}
      </Text>
      <form
        aria-labelledby="watch-add-sender"
        className={styles.inlineForm}
        onSubmit={(event) => {
          event.preventDefault();
          void act(async () => {
            await props.client.json(
              criticalSenderSchema,
              WATCH_PATHS.senders,
              postJson({ identity, label, subdomains }),
            );
            setIdentity("");
            setLabel("");
          });
        }}
      >
        <Field label={t.watch.identity}>
          <Input value={identity} onChange={(_, data) => setIdentity(data.value)} required />
        </Field>
        <Field label={t.watch.label}>
          <Input value={label} onChange={(_, data) => setLabel(data.value)} required />
        </Field>
        <Checkbox
          label={t.watch.subdomains}
          checked={subdomains}
          onChange={(_, data) => setSubdomains(data.checked === true)}
        />
        <Button type="submit" appearance="primary">
          {t.watch.add}
        </Button>
      </form>
      {list.state === "ready" && (
        <ScrollTable label={t.watch.sendersTitle} stacked>
          <tbody>
            {list.value.items.map((entry) => (
              <tr key={entry.entryId}>
                <td>
                  <Badge
                    appearance="tint"
                    color={entry.source === "tenant" ? "brand" : "informative"}
                  >
                    {entry.source === "tenant" ? t.watch.own : t.watch.catalogue}
                  </Badge>
                </td>
                <td>{entry.label}</td>
                <td className={styles.breakable}>
                  <Text font="monospace">
                    {entry.subdomains ? `*.${entry.value}` : entry.value}
                  </Text>
                  {!entry.active && <Text> · {t.watch.off}</Text>}
                </td>
                <td>
                  <span className={styles.links}>
                    {entry.sources.map((source) => (
                      <Link key={source.url} href={source.url} target="_blank" rel="noreferrer">
                        {source.publisher === "provider" ? t.watch.source : t.watch.thirdParty}
                      </Link>
                    ))}
                  </span>
                </td>
                <td>
                  <Button
                    aria-label={`${entry.active ? t.watch.remove : t.watch.restore}: ${entry.label}`}
                    onClick={() => void toggle(entry)}
                  >
                    {entry.active ? t.watch.remove : t.watch.restore}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
    </Section>
  );
}
