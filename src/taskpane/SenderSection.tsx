import { useId } from "react";
import type { HeaderAnalysis } from "../analysis";
import { authenticatedSender } from "../analysis/identity";
import { useStrings } from "./strings-context";
import { useSectionStyles } from "./styles";
import { ResultBadge } from "./ResultBadge";

/** The From line next to the identity the authentication actually vouches for. */
export function SenderSection({ analysis }: { analysis: HeaderAnalysis }) {
  const t = useStrings();
  const section = useSectionStyles();
  const headingId = useId();
  const from = analysis.message.from;
  const vouched = authenticatedSender(analysis);
  const { spf, dkim } = analysis.auth;

  return (
    <section className={section.section} aria-labelledby={headingId} data-testid="sender">
      <h2 id={headingId} className={section.heading}>
        {t.sender.heading}
      </h2>
      {from ? (
        <p className={section.text}>
          <strong>{t.sender.from}: </strong>
          {from.name ? `${from.name} ` : ""}
          <span className={section.code}>&lt;{from.address}&gt;</span>
        </p>
      ) : (
        <p className={section.text}>{t.sender.noFrom}</p>
      )}
      <p className={section.text} data-testid="vouched">
        {vouched
          ? t.sender.vouchedBy(vouched.domain, vouched.via.toUpperCase())
          : t.sender.notVouched}
      </p>
      <table className={section.table}>
        <tbody>
          {spf ? (
            <tr>
              <th scope="row" className={section.rowHeader}>
                {t.sender.spfDomain}
              </th>
              <td className={section.cell}>
                <ResultBadge result={spf.result} /> {spf.domain ?? "—"}
                {spf.aligned !== null
                  ? ` (${spf.aligned ? t.sender.aligned : t.sender.notAligned})`
                  : ""}
              </td>
            </tr>
          ) : null}
          {dkim.map((signature, index) => (
            <tr key={index}>
              <th scope="row" className={section.rowHeader}>
                {t.sender.dkimDomain}
              </th>
              <td className={section.cell}>
                <ResultBadge result={signature.result} /> {signature.domain ?? "—"}
                {signature.aligned !== null
                  ? ` (${signature.aligned ? t.sender.aligned : t.sender.notAligned})`
                  : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
