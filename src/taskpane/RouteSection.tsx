import { useId } from "react";
import { Badge } from "@fluentui/react-components";
import type { HeaderAnalysis } from "../analysis";
import { SLOW_DELIVERY_SECONDS } from "../analysis/findings";
import { useStrings } from "./strings-context";
import { useSectionStyles } from "./styles";

/** The Received hops, oldest first, with the slow hop marked. Loaded lazily. */
export default function RouteSection({ analysis }: { analysis: HeaderAnalysis }) {
  const t = useStrings();
  const section = useSectionStyles();
  const headingId = useId();
  const time = new Intl.DateTimeFormat(t.language, { dateStyle: "short", timeStyle: "medium" });
  // A date that named no zone was read as if UTC: show its clock as written, never converted.
  const asWritten = new Intl.DateTimeFormat(t.language, {
    dateStyle: "short",
    timeStyle: "medium",
    timeZone: "UTC",
  });
  const when = (date: string, zoneKnown: boolean | null | undefined) =>
    zoneKnown === false
      ? `${asWritten.format(new Date(date))} (${t.route.zoneUnknown})`
      : time.format(new Date(date));

  return (
    <section className={section.section} aria-labelledby={headingId} data-testid="route">
      <h2 id={headingId} className={section.heading}>
        {t.route.heading}
      </h2>
      {analysis.hops.length === 0 ? (
        <p className={section.text}>{t.route.none}</p>
      ) : (
        <ol className={section.list}>
          {analysis.hops.map((hop) => {
            const slow = hop.delaySeconds !== null && hop.delaySeconds >= SLOW_DELIVERY_SECONDS;
            return (
              <li key={hop.index} data-slow={slow || undefined}>
                <div className={section.text}>
                  <strong>{t.route.hop(hop.index)}</strong>
                  {slow ? (
                    <>
                      {" "}
                      <Badge appearance="filled" color="warning" shape="rounded">
                        {t.route.slow}
                      </Badge>
                    </>
                  ) : null}
                </div>
                <p className={section.muted}>
                  {t.route.from}:{" "}
                  <span className={section.code}>{hop.from ?? t.route.unknown}</span>
                  {hop.fromIp ? (
                    <>
                      {" "}
                      ({t.route.ip} <span className={section.code}>{hop.fromIp}</span>)
                    </>
                  ) : null}
                </p>
                <p className={section.muted}>
                  {t.route.by}: <span className={section.code}>{hop.by ?? t.route.unknown}</span>
                </p>
                <p className={section.muted}>
                  {t.route.time}: {hop.date ? when(hop.date, hop.dateZoneKnown) : t.route.unknown}
                  {hop.delaySeconds !== null
                    ? ` · ${t.route.delay}: ${t.route.seconds(hop.delaySeconds)}`
                    : ""}
                </p>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
