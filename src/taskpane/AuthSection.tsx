import { useId, type ReactNode } from "react";
import {
  ARC_RESULT_MEANINGS,
  COMPAUTH_RESULT_MEANINGS,
  DKIM_RESULT_MEANINGS,
  DMARC_ACTION_MEANINGS,
  DMARC_RESULT_MEANINGS,
  SPF_RESULT_MEANINGS,
  compauthReasonMeaning,
  meaningOf,
  type MeaningTable,
} from "../analysis/meanings";
import { languageOf } from "../analysis/language";
import type { HeaderAnalysis } from "../analysis";
import { useStrings } from "./strings-context";
import { useSectionStyles } from "./styles";
import { ResultBadge } from "./ResultBadge";

function Row({ label, children }: { label: ReactNode; children: ReactNode }) {
  const section = useSectionStyles();
  return (
    <tr>
      <th scope="row" className={section.rowHeader}>
        {label}
      </th>
      <td className={section.cell}>{children}</td>
    </tr>
  );
}

/** One line "Name: value — meaning" inside a result cell. */
function Detail({
  name,
  value,
  meaning,
}: {
  name: string;
  value: string;
  meaning?: string | null;
}) {
  const section = useSectionStyles();
  return (
    <p className={section.muted}>
      {name}: <span className={section.code}>{value}</span>
      {meaning ? ` — ${meaning}` : ""}
    </p>
  );
}

/** SPF, each DKIM signature, DMARC, ARC and compauth, every code with its meaning beside it. */
export function AuthSection({ analysis }: { analysis: HeaderAnalysis }) {
  const t = useStrings();
  const section = useSectionStyles();
  const headingId = useId();
  const { source, spf, dkim, dmarc, arc, compauth } = analysis.auth;
  const language = languageOf(t.language);
  const meaning = (table: MeaningTable, code: string) =>
    meaningOf(table, code, language) ?? t.auth.unknownCode;

  return (
    <section className={section.section} aria-labelledby={headingId} data-testid="auth">
      <h2 id={headingId} className={section.heading}>
        {t.auth.heading}
      </h2>
      {source === null ? (
        <p className={section.text}>{t.auth.none}</p>
      ) : (
        <>
          <p className={section.muted}>
            {source.authservId
              ? t.auth.trustedSource(source.authservId)
              : t.auth.trustedSourceMicrosoft}
          </p>
          <table className={section.table} aria-labelledby={headingId}>
            <thead className={section.visuallyHidden}>
              <tr>
                <th scope="col">{t.auth.check}</th>
                <th scope="col">{t.auth.result}</th>
              </tr>
            </thead>
            <tbody>
              {spf ? (
                <Row label={t.auth.spf}>
                  <ResultBadge result={spf.result} />
                  <p className={section.text}>{meaning(SPF_RESULT_MEANINGS, spf.result)}</p>
                  {spf.domain ? <Detail name={t.auth.domain} value={spf.domain} /> : null}
                </Row>
              ) : null}
              {dkim.length === 0 ? (
                <Row label={t.auth.dkim}>
                  <p className={section.text}>{t.auth.dkimNone}</p>
                </Row>
              ) : (
                dkim.map((signature, index) => (
                  <Row
                    key={index}
                    label={dkim.length > 1 ? `${t.auth.dkim} ${index + 1}` : t.auth.dkim}
                  >
                    <ResultBadge result={signature.result} />
                    <p className={section.text}>
                      {meaning(DKIM_RESULT_MEANINGS, signature.result)}
                    </p>
                    {signature.domain ? (
                      <Detail name={t.auth.domain} value={signature.domain} />
                    ) : null}
                    {signature.selector ? (
                      <Detail name={t.auth.selector} value={signature.selector} />
                    ) : null}
                  </Row>
                ))
              )}
              {dmarc ? (
                <Row label={t.auth.dmarc}>
                  <ResultBadge result={dmarc.result} />
                  <p className={section.text}>{meaning(DMARC_RESULT_MEANINGS, dmarc.result)}</p>
                  {dmarc.domain ? <Detail name={t.auth.domain} value={dmarc.domain} /> : null}
                  {dmarc.policy ? (
                    <Detail
                      name={t.auth.policy}
                      value={dmarc.policy}
                      meaning={meaningOf(DMARC_ACTION_MEANINGS, dmarc.policy, language)}
                    />
                  ) : null}
                  {dmarc.action ? (
                    <Detail
                      name={t.auth.action}
                      value={dmarc.action}
                      meaning={meaning(DMARC_ACTION_MEANINGS, dmarc.action)}
                    />
                  ) : null}
                </Row>
              ) : null}
              {arc ? (
                <Row label={t.auth.arc}>
                  <ResultBadge result={arc.result} />
                  <p className={section.text}>{meaning(ARC_RESULT_MEANINGS, arc.result)}</p>
                </Row>
              ) : null}
              {compauth ? (
                <Row label={t.auth.compauth}>
                  <ResultBadge result={compauth.result} />
                  <p className={section.text}>
                    {meaning(COMPAUTH_RESULT_MEANINGS, compauth.result)}
                  </p>
                  {compauth.reason ? (
                    <Detail
                      name={t.auth.reason}
                      value={compauth.reason}
                      meaning={
                        compauthReasonMeaning(compauth.reason, language) ?? t.auth.unknownCode
                      }
                    />
                  ) : null}
                </Row>
              ) : null}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
