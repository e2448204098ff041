import { useId } from "react";
import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import type { HeadersResult } from "../office/host";
import { useStrings } from "./strings-context";
import { useSectionStyles } from "./styles";
import type { GraphAttempt } from "./use-message";

/** Says plainly why there is nothing to analyse, and what Graph said when it was asked. */
export function MissingHeaders(props: {
  office: HeadersResult;
  tooFew: boolean;
  graph: GraphAttempt;
}) {
  const t = useStrings();
  const section = useSectionStyles();
  const headingId = useId();
  const { office, tooFew, graph } = props;

  const why = (() => {
    if (tooFew) return t.missing.tooFew;
    switch (office.kind) {
      case "empty":
        return t.missing.empty;
      case "subject-only":
        return t.missing.subjectOnly;
      case "unsupported":
        return t.missing.unsupported;
      case "error":
        return t.missing.error(office.message);
      default:
        return t.missing.tooFew;
    }
  })();
  const graphText = !graph.tried
    ? t.missing.graphNotTried
    : `${t.missing.graphTried} ${graph.result.ok ? t.missing.graphOk : t.missing.graph[graph.result.reason]}`;

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
    </section>
  );
}
