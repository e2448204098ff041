import { useId, useLayoutEffect } from "react";
import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { Finding, HeaderAnalysis } from "../analysis";
import { useStrings } from "./strings-context";
import { useSectionStyles } from "./styles";
import { groupFindings, isThreat } from "./verdict";
import { markVerdictPaintedAfterFrame } from "./perf";

const useStyles = makeStyles({
  group: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  finding: { overflowWrap: "anywhere" },
  findingTitle: { fontWeight: tokens.fontWeightSemibold },
});

function FindingItem({ finding, withDetail = true }: { finding: Finding; withDetail?: boolean }) {
  const t = useStrings();
  const styles = useStyles();
  const section = useSectionStyles();
  return (
    <li className={styles.finding} data-finding={finding.id}>
      <span className={section.visuallyHidden}>{t.verdict.severity[finding.severity]}: </span>
      <span className={styles.findingTitle}>{finding.title}</span>
      {withDetail && finding.detail ? <p className={section.muted}>{finding.detail}</p> : null}
    </li>
  );
}

/** Junked or not, and why, grouped by who can fix it; threats first and unmistakable. */
export function VerdictCard({ analysis }: { analysis: HeaderAnalysis }) {
  const t = useStrings();
  const styles = useStyles();
  const section = useSectionStyles();
  const headingId = useId();
  const { threats, groups } = groupFindings(analysis.verdict.findings);
  const threat = isThreat(analysis);
  const junked = analysis.verdict.junked;
  const junkedText =
    junked === true ? t.verdict.junked : junked === false ? t.verdict.notJunked : t.verdict.unknown;

  useLayoutEffect(() => markVerdictPaintedAfterFrame(), [analysis]);

  return (
    <section className={section.section} aria-labelledby={headingId} data-testid="verdict">
      <h2 id={headingId} className={section.heading}>
        {t.verdict.heading}
      </h2>
      <MessageBar
        intent={threat ? "error" : junked ? "warning" : junked === false ? "success" : "info"}
        layout="multiline"
      >
        <MessageBarBody>
          <MessageBarTitle>{threat ? t.verdict.threat : junkedText}</MessageBarTitle>
          {threat ? <p className={section.text}>{junkedText}</p> : null}
        </MessageBarBody>
      </MessageBar>
      {threats.length > 0 ? (
        <ul className={section.list} aria-label={t.verdict.threat}>
          {threats.map((finding) => (
            <FindingItem key={finding.id} finding={finding} />
          ))}
        </ul>
      ) : null}
      {groups.length === 0 && threats.length === 0 ? (
        <p className={section.text}>{t.verdict.noFindings}</p>
      ) : null}
      {threat && groups.length > 0 ? (
        // Under a threat nothing is the sender's setup problem and nothing is for anyone to
        // allow: the other findings are evidence, without the advice their details carry.
        <div className={styles.group} data-group="evidence">
          <h3 className={section.subheading}>{t.verdict.evidence}</h3>
          <ul className={section.list}>
            {groups.flatMap((group) =>
              group.findings.map((finding) => (
                <FindingItem key={finding.id} finding={finding} withDetail={false} />
              )),
            )}
          </ul>
        </div>
      ) : null}
      {threat
        ? null
        : groups.map((group) => (
            <div key={group.key} className={styles.group} data-group={group.key}>
              <h3 className={section.subheading}>{t.verdict.groups[group.key]}</h3>
              <ul className={section.list}>
                {group.findings.map((finding) => (
                  <FindingItem key={finding.id} finding={finding} />
                ))}
              </ul>
              {t.verdict.advice[group.key] ? (
                <p className={section.muted}>{t.verdict.advice[group.key]}</p>
              ) : null}
            </div>
          ))}
    </section>
  );
}
