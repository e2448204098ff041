import { SPF_RESULT_MEANINGS, STAMP_LABELS, meaningOf } from "../analysis/meanings";
import { languageOf } from "../analysis/language";
import type { ReceivedSpf } from "../analysis";
import { useStrings } from "./strings-context";
import { useSectionStyles } from "./styles";
import { ResultBadge } from "./ResultBadge";
import { Detail, Row } from "./Rows";

/** Received-SPF, beside the SPF result it restates: the receiving server's own check, shown only. */
export function ReceivedSpfRow({ spf }: { spf: ReceivedSpf }) {
  const t = useStrings();
  const section = useSectionStyles();
  const language = languageOf(t.language);
  return (
    <Row label={t.auth.receivedSpf}>
      <ResultBadge result={spf.result} />
      <p className={section.text}>
        {meaningOf(SPF_RESULT_MEANINGS, spf.result, language) ?? t.auth.unknownCode}
      </p>
      {spf.domain ? <Detail name={t.auth.domain} value={spf.domain} /> : null}
      {spf.clientIp ? <Detail name={t.auth.clientIp} value={spf.clientIp} /> : null}
      {spf.receiver ? <Detail name={t.auth.receiver} value={spf.receiver} /> : null}
      <p className={section.muted}>{STAMP_LABELS[language].receivedSpf}</p>
    </Row>
  );
}
