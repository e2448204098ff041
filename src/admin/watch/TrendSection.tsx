import { Badge, Text } from "@fluentui/react-components";
import { WATCH_PATHS, trendSchema, type TrendDto } from "../../api/watch-contract";
import type { AdminClient } from "../admin-client";
import { ScrollTable } from "../ScrollTable";
import { Section } from "../Section";
import { SafeText } from "../SafeText";
import { useStrings } from "../i18n";
import { useAdminStyles } from "../styles";
import { useResource } from "../use-resource";

const SHOWN_DAYS = 7;
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

function TrendTable(props: { trend: TrendDto }) {
  const t = useStrings();
  const styles = useAdminStyles();
  const days = props.trend.days.slice(-SHOWN_DAYS);
  return (
    <ScrollTable label={t.watch.trendTitle}>
      <thead>
        <tr>
          <th scope="col">{t.watch.label}</th>
          {days.map((day) => (
            <th scope="col" key={day} className={styles.number}>
              {day.slice(5)}
            </th>
          ))}
          <th scope="col" className={styles.number}>
            {t.watch.total}
          </th>
        </tr>
      </thead>
      <tbody>
        {props.trend.series.map((series) => {
          const seen = series.sightings?.slice(-SHOWN_DAYS) ?? null;
          return (
            <tr key={series.senderKey}>
              <th scope="row">
                {series.label}{" "}
                <Text block font="monospace" className={styles.small}>
                  <SafeText text={series.senderKey} identifier />
                </Text>
                {!series.authenticated && <Badge color="danger">{t.watch.unauthenticated}</Badge>}
              </th>
              {series.reports.slice(-SHOWN_DAYS).map((count, index) => (
                <td key={days[index]} className={styles.number}>
                  {count}
                  {seen ? ` / ${seen[index] ?? 0}` : ""}
                </td>
              ))}
              <td className={styles.number}>
                {t.watch.reportCount(sum(series.reports))}
                {series.sightings && (
                  <Text block>{t.watch.sightingCount(sum(series.sightings))}</Text>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </ScrollTable>
  );
}

/** Junked critical mail per sender and day: reports, and with the sweep, its sightings. */
export function TrendSection(props: { client: AdminClient }) {
  const t = useStrings();
  const styles = useAdminStyles();
  const { loaded: trend, error } = useResource(
    () => props.client.json(trendSchema, `${WATCH_PATHS.trend}?days=30`),
    [props.client],
  );
  return (
    <Section id="watch-trend" title={t.watch.trendTitle} intro={t.watch.trendIntro} error={error}>
      {trend.state === "ready" &&
        (trend.value.series.length === 0 ? (
          <Text>{t.watch.trendEmpty}</Text>
        ) : (
          <>
            <TrendTable trend={trend.value} />
            {trend.value.series.some((series) => series.sightings) && (
              <Text className={styles.small}>{t.watch.trendLegend}</Text>
            )}
          </>
        ))}
    </Section>
  );
}
