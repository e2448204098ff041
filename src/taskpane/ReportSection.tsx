import { useEffect, useId, useRef, useState } from "react";
import { Button, Field, Spinner, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import type { ReportKind } from "../api/contract";
import { useStrings } from "./strings-context";
import { useSectionStyles } from "./styles";
import { useRetractable, type ReportState } from "./use-report";

const useStyles = makeStyles({
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  status: { minHeight: tokens.lineHeightBase300 },
});

/** Which report buttons the message deserves (the shared rule module's `offers`). */
export interface ReportOffers {
  notSpam: "primary" | "secondary" | "hidden";
  trustedSender: boolean;
}

/** Why no button is offered, when none is: said where the buttons would be. */
export type NothingToReport = "threat" | "not-junked" | "other";

export interface ReportSectionProps {
  report: ReportState;
  offers: ReportOffers;
  /** Only read when neither button is offered. */
  nothing: NothingToReport;
  /** "signing-in": the pane shows before sign-in has finished (main.ts). */
  canReport: "yes" | "signing-in" | "signed-out" | "no-message-id";
  youReported: boolean;
  onSubmit: (kind: ReportKind, comment: string) => void;
  onRetract: () => void;
  onDismiss: () => void;
}

/** The two report buttons, an optional comment, and what became of the report. */
export function ReportSection(props: ReportSectionProps) {
  const { report, offers, canReport } = props;
  const t = useStrings();
  const styles = useStyles();
  const section = useSectionStyles();
  const headingId = useId();
  const [comment, setComment] = useState("");
  const sentResponse = report.phase === "sent" ? report.response : null;
  const retractable = useRetractable(sentResponse);
  const busy = report.phase === "sending" || report.phase === "retracting";
  const done = report.phase === "sent" || report.phase === "queued";
  const offered = offers.notSpam !== "hidden" || offers.trustedSender;

  // After the person's own click the buttons go away: focus moves to what became of the report,
  // not to the page body. A report the queue delivers later does not steal focus.
  const statusRef = useRef<HTMLParagraphElement>(null);
  const previousPhase = useRef(report.phase);
  useEffect(() => {
    const before = previousPhase.current;
    previousPhase.current = report.phase;
    if ((before === "sending" || before === "retracting") && report.phase !== before) {
      statusRef.current?.focus();
    }
  }, [report.phase]);

  const statusText = (() => {
    switch (report.phase) {
      case "idle":
        return props.youReported ? t.report.alreadyReported : "";
      case "sending":
        return t.report.sending;
      case "sent":
        return report.response.outcome === "duplicate"
          ? t.report.duplicate
          : t.report.sent(report.response.kind);
      case "queued":
        return t.report.queued;
      case "failed":
        return t.report.failed(report.message);
      case "retracting":
        return t.report.retracting;
      case "retracted":
        return t.report.retracted;
      case "retract-failed":
        return t.report.retractFailed;
    }
  })();

  return (
    <section className={section.section} aria-labelledby={headingId} data-testid="report">
      <h2 id={headingId} className={section.heading}>
        {t.report.heading}
      </h2>
      {!offered ? (
        <p className={section.text} data-testid="nothing-to-report">
          {t.report.nothing[props.nothing]}
        </p>
      ) : null}
      {offered && canReport === "signing-in" ? (
        <Spinner size="tiny" label={t.report.signingIn} data-testid="signing-in" />
      ) : null}
      {offered && canReport === "signed-out" ? (
        <p className={section.text}>{t.report.signedOut}</p>
      ) : null}
      {offered && canReport === "no-message-id" ? (
        <p className={section.text}>{t.report.noMessageId}</p>
      ) : null}
      {offered && canReport === "yes" && !done ? (
        <>
          <p className={section.muted}>
            {offers.notSpam === "hidden" ? t.report.introTrustedOnly : t.report.intro}
          </p>
          <Field label={t.report.comment}>
            <Textarea
              value={comment}
              onChange={(_, data) => setComment(data.value.slice(0, 2000))}
              resize="vertical"
              disabled={busy}
            />
          </Field>
          <div className={styles.buttons}>
            {offers.notSpam !== "hidden" ? (
              <Button
                appearance={offers.notSpam === "primary" ? "primary" : "secondary"}
                disabled={busy}
                onClick={() => props.onSubmit("not-spam", comment)}
              >
                {t.report.notSpam}
              </Button>
            ) : null}
            {offers.trustedSender ? (
              <Button disabled={busy} onClick={() => props.onSubmit("trusted-sender", comment)}>
                {t.report.trustedSender}
              </Button>
            ) : null}
          </div>
          <ul className={section.list} data-testid="report-explained">
            {offers.notSpam !== "hidden" ? (
              <li className={section.muted}>{t.report.notSpamExplained}</li>
            ) : null}
            {offers.trustedSender ? (
              <li className={section.muted}>{t.report.trustedSenderExplained}</li>
            ) : null}
          </ul>
        </>
      ) : null}
      <p
        className={`${section.text} ${styles.status}`}
        role="status"
        aria-live="polite"
        data-testid="report-status"
        ref={statusRef}
        tabIndex={-1}
      >
        {statusText}
      </p>
      {sentResponse && retractable && sentResponse.retractableUntil ? (
        <>
          <p className={section.muted}>
            {t.report.retractUntil(
              new Intl.DateTimeFormat(t.language, { timeStyle: "short" }).format(
                new Date(sentResponse.retractableUntil),
              ),
            )}
          </p>
          <div className={styles.buttons}>
            <Button onClick={props.onRetract}>{t.report.retract}</Button>
          </div>
        </>
      ) : null}
      {report.phase === "failed" ? (
        <div className={styles.buttons}>
          <Button onClick={props.onDismiss}>{t.report.dismiss}</Button>
        </div>
      ) : null}
    </section>
  );
}
