import { useId, useState, type FormEvent } from "react";
import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { HeaderAnalysis } from "../analysis";
import { languageOf } from "../analysis/language";
import type { HeadersResult } from "../office/host";
import { useStrings } from "./strings-context";
import { useSectionStyles } from "./styles";
import { isTooFew, loadAnalyzer, type GraphAttempt } from "./message-state";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  paste: { fontFamily: tokens.fontFamilyMonospace },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

/** A header block is at most a few hundred kilobytes; a paste beyond this is not headers. */
const MAX_PASTE_CHARS = 1_000_000;

/** Pasted text up to the first empty line: people often copy the whole source, body included. */
export function headerBlockOf(pasted: string): string {
  const text = pasted.replace(/^\s+/, "");
  const end = /\r?\n[ \t]*\r?\n/.exec(text);
  return end ? text.slice(0, end.index) : text;
}

/**
 * Says plainly why there is nothing to analyse and what Graph said when it was asked, then how
 * to copy the headers from Outlook by hand, with a box that explains pasted headers locally.
 */
export function MissingHeaders(props: {
  office: HeadersResult;
  tooFew: boolean;
  graph: GraphAttempt;
  /** Outlook on a phone: headers come only through Graph there. */
  mobile?: boolean;
  onPasted: (raw: string, analysis: HeaderAnalysis) => void;
}) {
  const t = useStrings();
  const section = useSectionStyles();
  const styles = useStyles();
  const headingId = useId();
  const howToId = useId();
  const { office, tooFew, graph } = props;
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const why = (() => {
    if (tooFew) return t.missing.tooFew;
    switch (office.kind) {
      case "empty":
        return t.missing.empty;
      case "subject-only":
        return t.missing.subjectOnly;
      case "unsupported":
        return props.mobile ? t.missing.unsupportedMobile : t.missing.unsupported;
      case "error":
        return t.missing.error(office.message);
      default:
        return t.missing.tooFew;
    }
  })();
  const graphText = !graph.tried
    ? t.missing.graphNotTried
    : `${t.missing.graphTried} ${graph.result.ok ? t.missing.graphOk : t.missing.graph[graph.result.reason]}`;

  const explain = async (event: FormEvent) => {
    event.preventDefault();
    const raw = headerBlockOf(text);
    if (raw.trim() === "") {
      setProblem(t.missing.pasteEmpty);
      return;
    }
    setBusy(true);
    try {
      const { analyzeHeaders } = await loadAnalyzer();
      const analysis = analyzeHeaders(raw, { language: languageOf(t.language) });
      if (isTooFew(analysis)) setProblem(t.missing.pasteTooFew);
      else props.onPasted(raw, analysis);
    } catch (error) {
      setProblem(t.sectionFailed(t.missing.pasteLabel));
      console.warn("[vouch] the analysis could not be loaded", error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={section.section} aria-labelledby={headingId} data-testid="missing">
      <h2 id={headingId} className={section.heading}>
        {t.missing.heading}
      </h2>
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{why}</MessageBarTitle>
        </MessageBarBody>
      </MessageBar>
      <p className={section.text}>{graphText}</p>
      <p id={howToId} className={section.text}>
        {t.missing.howTo}
      </p>
      <ul className={section.list} aria-labelledby={howToId}>
        {t.missing.howToSteps.map((step) => (
          <li key={step} className={section.text}>
            {step}
          </li>
        ))}
      </ul>
      <form className={styles.form} onSubmit={(event) => void explain(event)} data-testid="paste">
        <Field
          label={t.missing.pasteLabel}
          hint={t.missing.pasteHint}
          validationMessage={problem ?? undefined}
          validationState={problem ? "error" : "none"}
        >
          <Textarea
            className={styles.paste}
            value={text}
            rows={6}
            resize="vertical"
            spellCheck={false}
            onChange={(_, data) => {
              setText(data.value.slice(0, MAX_PASTE_CHARS));
              setProblem(null);
            }}
          />
        </Field>
        <div className={styles.buttons}>
          <Button type="submit" appearance="primary" disabled={busy}>
            {t.missing.analyse}
          </Button>
        </div>
      </form>
    </section>
  );
}
