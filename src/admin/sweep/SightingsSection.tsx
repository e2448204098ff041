import { Badge, Button, Text } from "@fluentui/react-components";
import { SWEEP_PATHS, sightingsPageSchema, type SeenInJunkDto } from "../../api/sweep-contract";
import type { AdminClient } from "../admin-client";
import { ScrollTable } from "../ScrollTable";
import { Section } from "../Section";
import { useStrings } from "../i18n";
import { STATUS_COLORS } from "../labels";
import { SafeText } from "../SafeText";
import { useAdminStyles } from "../styles";
import { useResource } from "../use-resource";
import { dateOnly, statusWord } from "../words";

// The service sorts critical senders first too; the view does not rely on it.
const criticalFirst = (a: SeenInJunkDto, b: SeenInJunkDto) =>
  Number(b.reason === "critical") - Number(a.reason === "critical");

function SightingRow(props: { item: SeenInJunkDto; onShowProposal: (id: string) => void }) {
  const t = useStrings();
  const styles = useAdminStyles();
  const { item } = props;
  return (
    <tr>
      <th scope="row">
        {item.critical && (
          <Text block weight="semibold">
            {item.critical.name}
          </Text>
        )}
        <SafeText text={item.senderKey} identifier />
        <Text block>
          <Badge
            appearance="tint"
            color={item.reason === "critical" ? "danger" : "warning"}
            className={styles.wrapBadge}
          >
            {t.sweep.reasons[item.reason] ?? item.reason}
          </Badge>
        </Text>
      </th>
      <td data-label={t.sweep.seenInJunk}>
        {t.sweep.seen(item.mailboxes, item.messages)}
        <Text block className={styles.small}>
          {t.sweep.seenBetween(
            dateOnly(t.language, item.firstSeen),
            dateOnly(t.language, item.lastSeen),
          )}
        </Text>
      </td>
      <td data-label={t.sweep.vouchesColumn}>
        {t.sweep.vouches(item.vouches.reporters, item.vouches.mailboxes)}
        {item.proposal && (
          <div className={styles.actions}>
            <Badge appearance="tint" color={STATUS_COLORS[item.proposal.status]}>
              {statusWord(t, item.proposal.status)}
            </Badge>
            <Button size="small" onClick={() => props.onShowProposal(item.proposal!.id)}>
              {t.sweep.openProposal}
            </Button>
          </div>
        )}
      </td>
    </tr>
  );
}

/** Senders the sweep saw in Junk, beside (never counted as) people's vouches. */
export function SightingsSection(props: {
  client: AdminClient;
  round: string | null;
  onShowProposal: (id: string) => void;
}) {
  const t = useStrings();
  const { loaded, error } = useResource(
    () => props.client.json(sightingsPageSchema, `${SWEEP_PATHS.sightings}?limit=100`),
    [props.client, props.round],
  );
  return (
    <Section
      id="sweep-sightings"
      title={t.sweep.sightingsTitle}
      intro={loaded.state === "ready" && t.sweep.sightingsIntro(loaded.value.manyMailboxes)}
      error={error}
    >
      <Text weight="semibold">{t.sweep.notVouches}</Text>
      {loaded.state === "ready" &&
        (loaded.value.items.length === 0 ? (
          <Text>{t.sweep.noSightings}</Text>
        ) : (
          <ScrollTable label={t.sweep.sightingsTitle} stacked>
            <thead>
              <tr>
                <th scope="col">{t.sweep.sender}</th>
                <th scope="col">{t.sweep.seenInJunk}</th>
                <th scope="col">{t.sweep.vouchesColumn}</th>
              </tr>
            </thead>
            <tbody>
              {[...loaded.value.items].sort(criticalFirst).map((item) => (
                <SightingRow
                  key={item.senderKey}
                  item={item}
                  onShowProposal={props.onShowProposal}
                />
              ))}
            </tbody>
          </ScrollTable>
        ))}
    </Section>
  );
}
