import type { ReactNode } from "react";
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
import type { AuthSummary } from "../analysis";
import { useStrings } from "./strings-context";
import { useSectionStyles } from "./styles";
import { ResultBadge } from "./ResultBadge";
import { Detail, Row } from "./Rows";

/** The results one Authentication-Results verdict holds (the trusted one, or the original). */
export type AuthResults = Pick<AuthSummary, "spf" | "dkim" | "dmarc" | "compauth"> & {
  arc?: AuthSummary["arc"];
};

/**
 * SPF, each DKIM signature, DMARC, ARC and compauth as table rows, every code with its meaning
 * beside it; `afterSpf` stands right below SPF (Received-SPF, beside the SPF it restates).
 */
export function AuthResultRows({
  results,
  afterSpf = null,
}: {
  results: AuthResults;
  afterSpf?: ReactNode;
}) {
  const t = useStrings();
  const section = useSectionStyles();
  const { spf, dkim, dmarc, arc, compauth } = results;
  const language = languageOf(t.language);
  const meaning = (table: MeaningTable, code: string) =>
    meaningOf(table, code, language) ?? t.auth.unknownCode;

  return (
    <>
      {spf ? (
        <Row label={t.auth.spf}>
          <ResultBadge result={spf.result} />
          <p className={section.text}>{meaning(SPF_RESULT_MEANINGS, spf.result)}</p>
          {spf.domain ? <Detail name={t.auth.domain} value={spf.domain} /> : null}
        </Row>
      ) : null}
      {afterSpf}
      {dkim.length === 0 ? (
        <Row label={t.auth.dkim}>
          <p className={section.text}>{t.auth.dkimNone}</p>
        </Row>
      ) : (
        dkim.map((signature, index) => (
          <Row key={index} label={dkim.length > 1 ? `${t.auth.dkim} ${index + 1}` : t.auth.dkim}>
            <ResultBadge result={signature.result} />
            <p className={section.text}>{meaning(DKIM_RESULT_MEANINGS, signature.result)}</p>
            {signature.domain ? <Detail name={t.auth.domain} value={signature.domain} /> : null}
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
          <p className={section.text}>{meaning(COMPAUTH_RESULT_MEANINGS, compauth.result)}</p>
          {compauth.reason ? (
            <Detail
              name={t.auth.reason}
              value={compauth.reason}
              meaning={compauthReasonMeaning(compauth.reason, language) ?? t.auth.unknownCode}
            />
          ) : null}
        </Row>
      ) : null}
    </>
  );
}
