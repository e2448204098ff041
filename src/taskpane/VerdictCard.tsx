import { useId, useLayoutEffect } from "react";
import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { Finding, HeaderAnalysis } from "../analysis";
import { threatFindingIds, type Remedy } from "../analysis/remedy";
import { useStrings } from "./strings-context";
import { useSectionStyles } from "./styles";
import { groupFindings } from "./verdict";
import { firstLineOf } from "./first-line";
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

/** The first line: what this message is and what to do, above everything else. */
export function VerdictCard({ remedy, analysis }: { remedy: Remedy; analysis: HeaderAnalysis }) {
  const t = useStrings();
  const section = useSectionStyles();
  const headingId = useId();
  const line = firstLineOf(remedy, t);

  useLayoutEffect(() => markVerdictPaintedAfterFrame(), [analysis]);

  return (
    <section
      className={section.section}
      aria-labelledby={headingId}
      data-testid="verdict"
      data-situation={remedy.situation}
      data-threat={remedy.threat ?? undefined}
    >
      <h2 id={headingId} className={section.visuallyHidden}>
        {t.verdict.heading}
      </h2>
      <MessageBar intent={line.intent} layout="multiline" icon={null}>
        <MessageBarBody>
          <MessageBarTitle data-testid="first-line-title">{line.title}</MessageBarTitle>
          <p className={section.text} data-testid="first-line-body">
            {line.body}
          </p>
        </MessageBarBody>
      </MessageBar>
    </section>
  );
}

/**
 * Why, for the curious: the threats apart and unmistakable; otherwise the findings grouped by
 * who can fix them, with advice that follows the rule module's answer on what an allow can do.
 */
export function FindingsSection({
  remedy,
  analysis,
}: {
  remedy: Remedy;
  analysis: HeaderAnalysis;
}) {
  const t = useStrings();
  const styles = useStyles();
  const section = useSectionStyles();
  const headingId = useId();
  const { threats, groups } = groupFindings(analysis.verdict.findings, threatFindingIds(remedy));
  const threat = remedy.threat !== null;
  const advice = (key: (typeof groups)[number]["key"]): string =>
    key === "admin"
      ? t.verdict.advice.admin[remedy.allow]
      : key === "sender" && remedy.situation === "gateway"
        ? t.verdict.advice.senderBehindGateway
        : t.verdict.advice[key];

  return (
    <section className={section.section} aria-labelledby={headingId} data-testid="findings">
      <h2 id={headingId} className={section.heading}>
        {t.verdict.findingsHeading}
      </h2>
      {threats.length > 0 ? (
        <ul className={section.list} aria-label={t.firstLine.threatTitle} data-group="threat">
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
              {advice(group.key) ? <p className={section.muted}>{advice(group.key)}</p> : null}
            </div>
          ))}
    </section>
  );
}
