import { useState } from "react";
import {
  Badge,
  Button,
  Checkbox,
  Field,
  Input,
  Link,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Text,
  Title3,
} from "@fluentui/react-components";
import {
  WATCH_PATHS,
  alertListSchema,
  alertSchema,
  channelListSchema,
  channelSchema,
  criticalSenderListSchema,
  criticalSenderSchema,
  testResultSchema,
  trendSchema,
  type AlertDto,
  type ChannelKindDto,
} from "../api/watch-contract";
import type { AdminClient } from "./admin-client";
import { useStrings } from "./i18n";
import { useAdminStyles } from "./styles";
import { useLoad } from "./use-load";

const post = (body: unknown = {}): RequestInit => ({ method: "POST", body: JSON.stringify(body) });

/** The banner above every view while a critical sender's alert is unacknowledged. */
export function WatchBanner(props: { client: AdminClient; onShowProposal: (id: string) => void }) {
  const t = useStrings();
  const [version, setVersion] = useState(0);
  const [alerts] = useLoad(
    () => props.client.json(alertListSchema, `${WATCH_PATHS.alerts}?open=true`),
    [props.client, version],
  );
  if (alerts.state !== "ready" || alerts.value.items.length === 0) return null;
  const acknowledge = async (alert: AlertDto) => {
    await props.client.json(alertSchema, WATCH_PATHS.acknowledge(alert.id), post());
    setVersion((value) => value + 1);
  };
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
            <Text font="monospace">{alert.senderKey}</Text>
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

function SendersSection(props: { client: AdminClient }) {
  const t = useStrings();
  const styles = useAdminStyles();
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [identity, setIdentity] = useState("");
  const [label, setLabel] = useState("");
  const [subdomains, setSubdomains] = useState(false);
  const [list] = useLoad(
    () => props.client.json(criticalSenderListSchema, WATCH_PATHS.senders),
    [props.client, version],
  );
  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      setVersion((value) => value + 1);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  return (
    <section className={styles.card} aria-labelledby="watch-senders">
      <Title3 as="h2" id="watch-senders">
        {t.watch.sendersTitle}
      </Title3>
      <Text>{t.watch.sendersIntro}</Text>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <form
        aria-label={t.watch.addTitle}
        onSubmit={(event) => {
          event.preventDefault();
          void act(async () => {
            await props.client.json(
              criticalSenderSchema,
              WATCH_PATHS.senders,
              post({ identity, label, subdomains }),
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
        <table aria-label={t.watch.sendersTitle}>
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
                <td>
                  <Text font="monospace">
                    {entry.subdomains ? `*.${entry.value}` : entry.value}
                  </Text>
                  {!entry.active && <Text> · {t.watch.off}</Text>}
                </td>
                <td>
                  {entry.sources.map((source) => (
                    <Link key={source.url} href={source.url} target="_blank" rel="noreferrer">
                      {source.publisher === "provider" ? t.watch.source : t.watch.thirdParty}
                    </Link>
                  ))}
                </td>
                <td>
                  {entry.active ? (
                    <Button
                      onClick={() =>
                        void act(() =>
                          props.client.json(
                            criticalSenderListSchema,
                            WATCH_PATHS.removeSender(entry.entryId),
                            post({ note: "" }),
                          ),
                        )
                      }
                    >
                      {t.watch.remove}
                    </Button>
                  ) : (
                    <Button
                      onClick={() =>
                        void act(() =>
                          props.client.json(
                            criticalSenderListSchema,
                            WATCH_PATHS.restoreSender(entry.entryId),
                            post(),
                          ),
                        )
                      }
                    >
                      {t.watch.restore}
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ChannelsSection(props: { client: AdminClient }) {
  const t = useStrings();
  const styles = useAdminStyles();
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [kind, setKind] = useState<ChannelKindDto>("teams");
  const [fields, setFields] = useState<Record<string, string>>({});
  const [language, setLanguage] = useState<"en" | "de">("en");
  const [list] = useLoad(
    () => props.client.json(channelListSchema, WATCH_PATHS.channels),
    [props.client, version],
  );
  const field = (name: string, text: string, type = "text") => (
    <Field label={text} key={name}>
      <Input
        type={type as "text"}
        value={fields[name] ?? ""}
        onChange={(_, data) => setFields((all) => ({ ...all, [name]: data.value }))}
      />
    </Field>
  );
  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      setVersion((value) => value + 1);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  const config = (): Record<string, unknown> =>
    kind === "graph-mail"
      ? {
          directoryId: fields.directoryId,
          clientId: fields.clientId,
          clientSecret: fields.clientSecret,
          from: fields.from,
          to: (fields.to ?? "")
            .split(",")
            .map((each) => each.trim())
            .filter(Boolean),
        }
      : kind === "webhook"
        ? { url: fields.url, secret: fields.secret || null }
        : { url: fields.url };
  return (
    <section className={styles.card} aria-labelledby="watch-channels">
      <Title3 as="h2" id="watch-channels">
        {t.watch.channelsTitle}
      </Title3>
      <Text>{t.watch.channelsIntro}</Text>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {list.state === "ready" && (
        <table aria-label={t.watch.channelsTitle}>
          <tbody>
            {list.value.items.map((channel) => (
              <tr key={channel.id}>
                <td>{channel.name}</td>
                <td>{t.watch.kinds[channel.kind] ?? channel.kind}</td>
                <td>
                  <Text font="monospace">{channel.target}</Text>
                </td>
                <td>
                  {t.watch.lastDelivery}:{" "}
                  {channel.lastState
                    ? `${t.watch.states[channel.lastState] ?? channel.lastState} (${channel.lastAt ?? ""})`
                    : t.watch.never}
                  {channel.lastError && <Text> · {channel.lastError}</Text>}
                  {channel.pending > 0 && <Text> · {t.watch.pending(channel.pending)}</Text>}
                </td>
                <td>
                  <Button
                    onClick={() =>
                      void act(() =>
                        props.client.json(
                          testResultSchema,
                          WATCH_PATHS.testChannel(channel.id),
                          post(),
                        ),
                      )
                    }
                  >
                    {t.watch.test}
                  </Button>
                  <Button
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
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        aria-label={t.watch.addChannel}
        onSubmit={(event) => {
          event.preventDefault();
          void act(async () => {
            await props.client.json(
              channelSchema,
              WATCH_PATHS.channels,
              post({ kind, name: fields.name ?? "", language, enabled: true, config: config() }),
            );
            setFields({});
          });
        }}
      >
        <Field label={t.watch.channelsTitle}>
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
    </section>
  );
}

function TrendSection(props: { client: AdminClient }) {
  const t = useStrings();
  const styles = useAdminStyles();
  const [trend] = useLoad(
    () => props.client.json(trendSchema, `${WATCH_PATHS.trend}?days=30`),
    [props.client],
  );
  return (
    <section className={styles.card} aria-labelledby="watch-trend">
      <Title3 as="h2" id="watch-trend">
        {t.watch.trendTitle}
      </Title3>
      <Text>{t.watch.trendIntro}</Text>
      {trend.state === "ready" &&
        (trend.value.series.length === 0 ? (
          <Text>{t.watch.trendEmpty}</Text>
        ) : (
          <table aria-label={t.watch.trendTitle}>
            <thead>
              <tr>
                <th scope="col">{t.watch.label}</th>
                {trend.value.days.slice(-7).map((day) => (
                  <th scope="col" key={day}>
                    {day.slice(5)}
                  </th>
                ))}
                <th scope="col">{t.watch.total}</th>
              </tr>
            </thead>
            <tbody>
              {trend.value.series.map((series) => {
                const seen = series.sightings ?? series.reports.map(() => 0);
                const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
                return (
                  <tr key={series.senderKey}>
                    <th scope="row">
                      {series.label} <Text font="monospace">{series.senderKey}</Text>
                      {!series.authenticated && (
                        <Badge color="danger">{t.watch.unauthenticated}</Badge>
                      )}
                    </th>
                    {series.reports.slice(-7).map((count, index) => (
                      <td key={index}>
                        {count}
                        {series.sightings ? ` / ${seen.slice(-7)[index]}` : ""}
                      </td>
                    ))}
                    <td>
                      {sum(series.reports)} {t.watch.reports}
                      {series.sightings ? ` · ${sum(seen)} ${t.watch.sightings}` : ""}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ))}
    </section>
  );
}

/** The critical-service watch: the list, the alert channels and the trend. */
export function WatchView(props: { client: AdminClient }) {
  return (
    <>
      <SendersSection client={props.client} />
      <ChannelsSection client={props.client} />
      <TrendSection client={props.client} />
    </>
  );
}
