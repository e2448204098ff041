import { useState } from "react";
import { Badge, Button, Field, Input, Select, Text } from "@fluentui/react-components";
import {
  WATCH_PATHS,
  channelListSchema,
  channelSchema,
  testResultSchema,
  type ChannelDto,
  type ChannelKindDto,
} from "../../api/watch-contract";
import { postJson, type AdminClient } from "../admin-client";
import { ScrollTable } from "../ScrollTable";
import { Section } from "../Section";
import { useStrings } from "../i18n";
import type { BadgeColor } from "../labels";
import { useAdminStyles } from "../styles";
import { useResource } from "../use-resource";
import { dateTime } from "../words";

const DELIVERY_COLORS: Record<NonNullable<ChannelDto["lastState"]>, BadgeColor> = {
  delivered: "success",
  retrying: "warning",
  failed: "danger",
};

/** The channel's own settings, from the form's fields, as the API takes them. */
function configOf(kind: ChannelKindDto, fields: Record<string, string>): Record<string, unknown> {
  if (kind === "graph-mail") {
    return {
      directoryId: fields.directoryId,
      clientId: fields.clientId,
      clientSecret: fields.clientSecret,
      from: fields.from,
      to: (fields.to ?? "")
        .split(",")
        .map((each) => each.trim())
        .filter(Boolean),
    };
  }
  return kind === "webhook"
    ? { url: fields.url, secret: fields.secret || null }
    : { url: fields.url };
}

function Delivery(props: { channel: ChannelDto }) {
  const t = useStrings();
  const { channel } = props;
  if (!channel.lastState) return <Text>{t.watch.never}</Text>;
  return (
    <>
      <Badge appearance="filled" color={DELIVERY_COLORS[channel.lastState]}>
        {t.watch.states[channel.lastState] ?? channel.lastState}
      </Badge>{" "}
      {channel.lastAt && <Text>{dateTime(t.language, channel.lastAt)}</Text>}
      {channel.lastError && <Text block>{channel.lastError}</Text>}
      {channel.pending > 0 && <Text block>{t.watch.pending(channel.pending)}</Text>}
    </>
  );
}

/** Where alerts go besides the banner, and how their last delivery went. */
export function ChannelsSection(props: { client: AdminClient }) {
  const t = useStrings();
  const styles = useAdminStyles();
  const [kind, setKind] = useState<ChannelKindDto>("teams");
  const [fields, setFields] = useState<Record<string, string>>({});
  const [language, setLanguage] = useState<"en" | "de">("en");
  const {
    loaded: list,
    act,
    error,
  } = useResource(() => props.client.json(channelListSchema, WATCH_PATHS.channels), [props.client]);
  const field = (name: string, text: string, type: "text" | "password" = "text") => (
    <Field label={text} key={name}>
      <Input
        type={type}
        value={fields[name] ?? ""}
        onChange={(_, data) => setFields((all) => ({ ...all, [name]: data.value }))}
      />
    </Field>
  );
  return (
    <Section
      id="watch-channels"
      title={t.watch.channelsTitle}
      intro={t.watch.channelsIntro}
      error={error}
    >
      {list.state === "ready" && list.value.items.length > 0 && (
        <ScrollTable label={t.watch.channelsTitle} stacked>
          <thead>
            <tr>
              <th scope="col">{t.watch.name}</th>
              <th scope="col">{t.watch.kind}</th>
              <th scope="col">{t.watch.lastDelivery}</th>
              <th scope="col">
                <span className={styles.visuallyHidden}>{t.watch.actions}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.value.items.map((channel) => (
              <tr key={channel.id}>
                <th scope="row">
                  {channel.name}
                  <Text block font="monospace" className={styles.small}>
                    {channel.target}
                  </Text>
                </th>
                <td data-label={t.watch.kind}>{t.watch.kinds[channel.kind] ?? channel.kind}</td>
                <td data-label={t.watch.lastDelivery}>
                  <Delivery channel={channel} />
                </td>
                <td>
                  <div className={styles.actions}>
                    <Button
                      aria-label={`${t.watch.test}: ${channel.name}`}
                      onClick={() =>
                        void act(() =>
                          props.client.json(
                            testResultSchema,
                            WATCH_PATHS.testChannel(channel.id),
                            postJson(),
                          ),
                        )
                      }
                    >
                      {t.watch.test}
                    </Button>
                    <Button
                      aria-label={`${t.watch.delete}: ${channel.name}`}
                      onClick={() =>
                        void act(() =>
                          props.client.json(channelListSchema, WATCH_PATHS.channel(channel.id), {
                            method: "DELETE",
                          }),
                        )
                      }
                    >
                      {t.watch.delete}
                    </Button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      <Text as="h3" weight="semibold" id="watch-add-channel" className={styles.formHeading}>
        {t.watch.addChannelTitle}
      </Text>
      <form
        aria-labelledby="watch-add-channel"
        className={styles.inlineForm}
        onSubmit={(event) => {
          event.preventDefault();
          void act(async () => {
            await props.client.json(
              channelSchema,
              WATCH_PATHS.channels,
              postJson({
                kind,
                name: fields.name ?? "",
                language,
                enabled: true,
                config: configOf(kind, fields),
              }),
            );
            setFields({});
          });
        }}
      >
        <Field label={t.watch.kind}>
          <Select value={kind} onChange={(_, data) => setKind(data.value as ChannelKindDto)}>
            {(["teams", "graph-mail", "webhook"] as const).map((each) => (
              <option key={each} value={each}>
                {t.watch.kinds[each]}
              </option>
            ))}
          </Select>
        </Field>
        {field("name", t.watch.name)}
        {kind !== "graph-mail" && field("url", t.watch.url, "password")}
        {kind === "webhook" && field("secret", t.watch.secret, "password")}
        {kind === "graph-mail" && [
          field("directoryId", t.watch.directoryId),
          field("clientId", t.watch.clientId),
          field("clientSecret", t.watch.clientSecret, "password"),
          field("from", t.watch.from),
          field("to", t.watch.to),
        ]}
        <Field label={t.watch.alertLanguage}>
          <Select value={language} onChange={(_, data) => setLanguage(data.value as "en" | "de")}>
            <option value="en">English</option>
            <option value="de">Deutsch</option>
          </Select>
        </Field>
        <Button type="submit" appearance="primary">
          {t.watch.addChannel}
        </Button>
      </form>
    </Section>
  );
}
