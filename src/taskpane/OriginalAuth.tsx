import { useId } from "react";
import { STAMP_LABELS } from "../analysis/meanings";
import { languageOf } from "../analysis/language";
import type { OriginalAuth as Original } from "../analysis";
import { useStrings } from "./strings-context";
import { useSectionStyles } from "./styles";
import { AuthResultRows } from "./AuthResultRows";
import { SectionTable } from "./Rows";

/** Authentication-Results-Original: what a server said before a forwarder; shown, never trusted. */
export function OriginalAuth({ original }: { original: Original }) {
  const t = useStrings();
  const section = useSectionStyles();
  const headingId = useId();
  const language = languageOf(t.language);
  return (
    <div data-testid="auth-original">
      <h3 id={headingId} className={section.subheading}>
        {t.auth.original}
      </h3>
      <p className={section.muted}>
        {original.authservId ? `${t.auth.originalBy(original.authservId)} ` : ""}
        {STAMP_LABELS[language].original}
      </p>
      <SectionTable labelledBy={headingId} columns={[t.auth.check, t.auth.result]}>
        <AuthResultRows results={original} />
      </SectionTable>
    </div>
  );
}
