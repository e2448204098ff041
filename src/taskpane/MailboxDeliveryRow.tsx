import {
  MAILBOX_DEST_MEANINGS,
  OFR_MEANINGS,
  PCWL_MEANINGS,
  RF_MEANINGS,
  WL_MEANINGS,
  meaningOf,
  type MeaningTable,
} from "../analysis/meanings";
import { languageOf } from "../analysis/language";
import type { MailboxDelivery } from "../analysis";
import { useStrings } from "./strings-context";
import { useSectionStyles } from "./styles";
import { Detail, Row } from "./Rows";

/** The mailbox's reasons beside its folder, as X-Microsoft-Antispam-Mailbox-Delivery names them. */
const REASONS: readonly { key: "ofr" | "rf" | "wl" | "pcwl"; code: string; table: MeaningTable }[] =
  [
    { key: "ofr", code: "OFR", table: OFR_MEANINGS },
    { key: "rf", code: "RF", table: RF_MEANINGS },
    { key: "wl", code: "wl", table: WL_MEANINGS },
    { key: "pcwl", code: "pcwl", table: PCWL_MEANINGS },
  ];

/**
 * Where the mailbox put the message (dest: Inbox, Junk, a folder) and why (OFR, RF, wl, pcwl):
 * the final folder decision, after the spam filter's stamps.
 */
export function MailboxDeliveryRow({ delivery }: { delivery: MailboxDelivery }) {
  const t = useStrings();
  const section = useSectionStyles();
  const language = languageOf(t.language);
  const folder = delivery.dest ? meaningOf(MAILBOX_DEST_MEANINGS, delivery.dest, language) : null;
  return (
    <Row label={t.stamps.labels.delivery}>
      {delivery.dest ? (
        <>
          <span className={section.code}>dest:{delivery.dest}</span>
          <p className={section.text}>{folder ?? t.auth.unknownCode}</p>
        </>
      ) : (
        <p className={section.text}>{t.stamps.deliveryUnknown}</p>
      )}
      <div className={section.stack}>
        {REASONS.flatMap(({ key, code, table }) => {
          const value = delivery[key];
          if (value === null || value === undefined) return [];
          const text = String(value);
          return [
            <Detail
              key={key}
              name={code}
              value={text}
              meaning={meaningOf(table, text, language) ?? t.auth.unknownCode}
            />,
          ];
        })}
      </div>
    </Row>
  );
}
