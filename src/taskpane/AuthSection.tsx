import { useId } from "react";
import type { HeaderAnalysis } from "../analysis";
import { useStrings } from "./strings-context";
import { useSectionStyles } from "./styles";
import { AuthResultRows } from "./AuthResultRows";
import { ReceivedSpfRow } from "./ReceivedSpfRow";
import { OriginalAuth } from "./OriginalAuth";
import { SectionTable } from "./Rows";

/**
 * The trusted authentication results, every code with its meaning beside it; Received-SPF beside
 * SPF, and what the message said before a forwarder below, both shown and never the verdict.
 */
export function AuthSection({ analysis }: { analysis: HeaderAnalysis }) {
  const t = useStrings();
  const section = useSectionStyles();
  const headingId = useId();
  const { source } = analysis.auth;
  // Older analyses (stored or cached) may lack the fields added in issue 13.
  const receivedSpf = analysis.auth.receivedSpf ?? null;
  const original = analysis.auth.original ?? null;

  return (
    <section className={section.section} aria-labelledby={headingId} data-testid="auth">
      <h2 id={headingId} className={section.heading}>
        {t.auth.heading}
      </h2>
      {source === null ? (
        <p className={section.text}>{t.auth.none}</p>
      ) : (
        <p className={section.muted}>
          {source.authservId
            ? t.auth.trustedSource(source.authservId)
            : t.auth.trustedSourceMicrosoft}
        </p>
      )}
      {source !== null || receivedSpf !== null ? (
        <SectionTable labelledBy={headingId} columns={[t.auth.check, t.auth.result]}>
          {source !== null ? (
            <AuthResultRows
              results={analysis.auth}
              afterSpf={receivedSpf ? <ReceivedSpfRow spf={receivedSpf} /> : null}
            />
          ) : receivedSpf ? (
            <ReceivedSpfRow spf={receivedSpf} />
          ) : null}
        </SectionTable>
      ) : null}
      {original ? <OriginalAuth original={original} /> : null}
    </section>
  );
}
