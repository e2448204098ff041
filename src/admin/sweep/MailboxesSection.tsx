import { Badge, Text } from "@fluentui/react-components";
import {
  SWEEP_PATHS,
  sweepMailboxPageSchema,
  type SweepMailboxDto,
} from "../../api/sweep-contract";
import type { AdminClient } from "../admin-client";
import { ScrollTable } from "../ScrollTable";
import { Section } from "../Section";
import { useStrings } from "../i18n";
import { useAdminStyles } from "../styles";
import { useResource } from "../use-resource";
import { dateTime } from "../words";
import { MAILBOX_COLORS, MAILBOX_ORDER } from "./mailbox-states";

const PAGE = 200;

const byAttention = (a: SweepMailboxDto, b: SweepMailboxDto) =>
  MAILBOX_ORDER.indexOf(a.state) - MAILBOX_ORDER.indexOf(b.state);

function MailboxRow(props: { mailbox: SweepMailboxDto }) {
  const t = useStrings();
  const styles = useAdminStyles();
  const { mailbox } = props;
  const read = mailbox.lastSuccessAt ?? mailbox.lastSweptAt;
  return (
    <tr>
      <th scope="row">{mailbox.address ?? mailbox.userId}</th>
      <td data-label={t.sweep.state}>
        <Badge appearance="tint" color={MAILBOX_COLORS[mailbox.state]} className={styles.wrapBadge}>
          {t.sweep.mailboxStates[mailbox.state] ?? mailbox.state}
        </Badge>
      </td>
      <td data-label={t.sweep.todo}>
        {t.sweep.mailboxTodo[mailbox.state]}
        {mailbox.state === "throttled" && mailbox.retryAt && (
          <> {t.sweep.retryAt(dateTime(t.language, mailbox.retryAt))}</>
        )}
        {mailbox.state !== "ok" && mailbox.message && (
          <Text block className={`${styles.small} ${styles.breakable}`}>
            {mailbox.message}
          </Text>
        )}
      </td>
      <td data-label={t.sweep.lastRead}>{read ? dateTime(t.language, read) : t.sweep.neverRead}</td>
    </tr>
  );
}

/** The sweep group's mailboxes, those that need the admin first, with what to do about each. */
export function MailboxesSection(props: { client: AdminClient; round: string | null }) {
  const t = useStrings();
  const styles = useAdminStyles();
  const { loaded, error } = useResource(
    () => props.client.json(sweepMailboxPageSchema, `${SWEEP_PATHS.mailboxes}?limit=${PAGE}`),
    [props.client, props.round],
  );
  return (
    <Section
      id="sweep-mailboxes"
      title={t.sweep.mailboxesTitle}
      intro={t.sweep.mailboxesIntro}
      error={error}
    >
      {loaded.state === "ready" &&
        (loaded.value.items.length === 0 ? (
          <Text>{t.sweep.noMailboxes}</Text>
        ) : (
          <ScrollTable label={t.sweep.mailboxesTitle} stacked>
            <thead>
              <tr>
                <th scope="col">{t.sweep.mailbox}</th>
                <th scope="col">{t.sweep.state}</th>
                <th scope="col">{t.sweep.todo}</th>
                <th scope="col">{t.sweep.lastRead}</th>
              </tr>
            </thead>
            <tbody>
              {[...loaded.value.items].sort(byAttention).map((mailbox) => (
                <MailboxRow key={mailbox.userId} mailbox={mailbox} />
              ))}
            </tbody>
          </ScrollTable>
        ))}
      {loaded.state === "ready" && loaded.value.nextOffset !== null && (
        <Text className={styles.small}>{t.sweep.moreMailboxes(PAGE)}</Text>
      )}
    </Section>
  );
}
