import { useId } from "react";
import {
  AUTH_AS_MEANINGS,
  BCL_MEANINGS,
  CAT_MEANINGS,
  IPV_MEANINGS,
  PCL_MEANINGS,
  SCL_MEANINGS,
  SFTY_MEANINGS,
  SFV_MEANINGS,
  SRV_MEANINGS,
  STAMP_LABELS,
  meaningOf,
  type MeaningTable,
} from "../analysis/meanings";
import { languageOf } from "../analysis/language";
import {
  GATEWAY_PRODUCTS,
  gatewayMeaning,
  gatewayVerdictWord,
} from "../analysis/gateways/meanings";
import type { AntispamStamps, HeaderAnalysis } from "../analysis";
import { useStrings } from "./strings-context";
import { useSectionStyles } from "./styles";
import { Row, SectionTable } from "./Rows";
import { MailboxDeliveryRow } from "./MailboxDeliveryRow";

type StampKey =
  | "scl"
  | "bcl"
  | "pcl"
  | "sfv"
  | "cat"
  | "sfty"
  | "srv"
  | "ipv"
  | "country"
  | "connectingIp"
  | "authAs";

const STAMPS: readonly { key: StampKey; table: MeaningTable | null }[] = [
  { key: "scl", table: SCL_MEANINGS },
  { key: "bcl", table: BCL_MEANINGS },
  { key: "pcl", table: PCL_MEANINGS },
  { key: "sfv", table: SFV_MEANINGS },
  { key: "cat", table: CAT_MEANINGS },
  { key: "sfty", table: SFTY_MEANINGS },
  { key: "srv", table: SRV_MEANINGS },
  { key: "ipv", table: IPV_MEANINGS },
  { key: "country", table: null },
  { key: "connectingIp", table: null },
  { key: "authAs", table: AUTH_AS_MEANINGS },
];

function valueOf(stamps: AntispamStamps, key: StampKey): string | null {
  const value = stamps[key];
  return value === null ? null : String(value);
}

/** Microsoft's anti-spam stamps that are present, each with its meaning. */
export function StampsSection({ analysis }: { analysis: HeaderAnalysis }) {
  const t = useStrings();
  const section = useSectionStyles();
  const headingId = useId();
  const language = languageOf(t.language);
  const rows = STAMPS.flatMap(({ key, table }) => {
    const value = valueOf(analysis.antispam, key);
    return value === null
      ? []
      : [{ key, value, meaning: table ? meaningOf(table, value, language) : null }];
  });

  // Older analyses (stored or cached) may lack the fields added in issue 13.
  const delivery = analysis.antispam.mailboxDelivery ?? null;
  const latency = analysis.antispam.endToEndLatencySeconds ?? null;
  const seconds = new Intl.NumberFormat(t.language, { maximumFractionDigits: 1 });
  const gateways = analysis.gateways ?? [];
  const inFront = analysis.gatewayInFront ?? null;
  const empty = rows.length === 0 && !delivery && latency === null;

  return (
    <section className={section.section} aria-labelledby={headingId} data-testid="stamps">
      <h2 id={headingId} className={section.heading}>
        {t.stamps.heading}
      </h2>
      {empty ? (
        gateways.length === 0 && !inFront ? (
          <p className={section.text}>{t.stamps.none}</p>
        ) : null
      ) : (
        <SectionTable labelledBy={headingId} columns={[t.stamps.code, t.stamps.value]}>
          {delivery ? <MailboxDeliveryRow delivery={delivery} /> : null}
          {rows.map((row) => (
            <Row key={row.key} label={t.stamps.labels[row.key]}>
              <span className={section.code}>{row.value}</span>
              {row.meaning ? <p className={section.muted}>{row.meaning}</p> : null}
            </Row>
          ))}
          {latency !== null ? (
            <Row label={t.stamps.labels.latency}>
              <span className={section.code}>{seconds.format(latency)} s</span>
              <p className={section.muted}>
                {STAMP_LABELS[language].endToEndLatency(seconds.format(latency))}
              </p>
            </Row>
          ) : null}
        </SectionTable>
      )}
      {(gateways.length > 0 || inFront) && (
        <div data-testid="gateways">
          <h3 className={section.heading}>{t.stamps.gateways}</h3>
          {inFront && (
            <p className={section.text}>
              {t.stamps.gatewayInFront(GATEWAY_PRODUCTS[inFront.vendor], inFront.host)}
            </p>
          )}
          <ul>
            {gateways.map((gateway, index) => (
              <li key={`${gateway.vendor}-${index}`}>
                <span className={section.code}>
                  {GATEWAY_PRODUCTS[gateway.vendor]}:{" "}
                  {gatewayVerdictWord(gateway.verdict, language)}
                </span>
                <p className={gateway.counted ? section.text : section.muted}>
                  {gatewayMeaning(
                    gateway.vendor,
                    gateway.verdict,
                    gateway.score,
                    gateway.threshold,
                    gateway.placement,
                    language,
                  )}
                </p>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
