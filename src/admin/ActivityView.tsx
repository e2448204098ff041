import { HorizontalBarChart, VerticalBarChart } from "@fluentui/react-charts";
import { Spinner, Subtitle2, Text, tokens } from "@fluentui/react-components";
import type { AdminClient } from "./admin-client";
import { escapeForDisplay } from "./escape";
import { useStrings } from "./i18n";
import { useAdminStyles } from "./styles";
import { useLoad } from "./use-load";
import { useElementWidth } from "./use-element-width";
import { dateOnly } from "./words";

/** Reports per day over the last 30 days and the most reported senders. */
export function ActivityView(props: { client: AdminClient }) {
  const styles = useAdminStyles();
  const t = useStrings();
  const [stats] = useLoad(() => props.client.stats(30), [props.client]);
  const [perDayRef, perDayWidth] = useElementWidth<HTMLDivElement>();
  if (stats.state === "loading") return <Spinner label={t.activity.loading} />;
  if (stats.state === "error") return <Text role="alert">{stats.message}</Text>;
  const { reportsPerDay, topSenders } = stats.value;
  const total = reportsPerDay.reduce((sum, day) => sum + day.reports, 0);
  const most = Math.max(1, ...topSenders.map((sender) => sender.reports));
  return (
    <div className={styles.charts}>
      <section className={styles.card} aria-labelledby="per-day-heading">
        <Subtitle2 as="h2" id="per-day-heading">
          {t.activity.perDay}
        </Subtitle2>
        <Text className={styles.small}>{t.activity.perDayTotal(total)}</Text>
        <div ref={perDayRef} style={{ minWidth: 0 }}>
          {perDayWidth > 0 && (
            <VerticalBarChart
              chartTitle={t.activity.perDay}
              width={perDayWidth}
              height={260}
              hideLegend
              barWidth="auto"
              useSingleColor
              colors={[tokens.colorBrandBackground]}
              data={reportsPerDay.map((day) => ({
                x:
                  t.language === "de"
                    ? `${day.day.slice(8, 10)}.${day.day.slice(5, 7)}.`
                    : day.day.slice(5),
                y: day.reports,
                legend: t.activity.legend,
                xAxisCalloutData: dateOnly(t.language, day.day),
              }))}
            />
          )}
        </div>
      </section>
      <section className={styles.card} aria-labelledby="top-senders-heading">
        <Subtitle2 as="h2" id="top-senders-heading">
          {t.activity.topSenders}
        </Subtitle2>
        {topSenders.length === 0 ? (
          <Text>{t.activity.none}</Text>
        ) : (
          <HorizontalBarChart
            chartDataMode="fraction"
            data={topSenders.map((sender) => ({
              chartTitle: escapeForDisplay(sender.senderKey, true).text,
              chartData: [
                {
                  legend: escapeForDisplay(sender.senderKey, true).text,
                  horizontalBarChartdata: { x: sender.reports, total: most },
                  color: tokens.colorBrandBackground,
                },
              ],
            }))}
          />
        )}
      </section>
    </div>
  );
}
