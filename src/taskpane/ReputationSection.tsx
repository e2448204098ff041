import { useId, type ReactNode } from "react";
import { Spinner } from "@fluentui/react-components";
import type { HeaderAnalysis } from "../analysis";
import { IPV_MEANINGS, meaningOf } from "../analysis/meanings";
import { languageOf } from "../analysis/language";
import type { NotChecked, OrganisationFact, ReputationResponse } from "../api/reputation-contract";
import { useStrings } from "./strings-context";
import { useSectionStyles } from "./styles";
import type { ReputationState } from "./use-reputation";
import type { Strings } from "./i18n";

type T = Strings["reputation"];

/** Microsoft phishing confidence: 0-3 not likely phishing, 4-8 likely (Microsoft's PCL table). */
const PCL_LIKELY = 4;

function Row({ label, children, id }: { label: string; children: ReactNode; id: string }) {
  const section = useSectionStyles();
  return (
    <tr data-fact={id}>
      <th scope="row" className={section.rowHeader}>
        {label}
      </th>
      <td className={section.cell}>{children}</td>
    </tr>
  );
}

function Facts({ heading, children, id }: { heading: string; children: ReactNode; id: string }) {
  const section = useSectionStyles();
  const headingId = useId();
  return (
    <div data-testid={`reputation-${id}`}>
      <h3 id={headingId} className={section.subheading}>
        {heading}
      </h3>
      <table className={section.table} aria-labelledby={headingId}>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

function notChecked(t: T, fact: NotChecked): ReactNode {
  return <span data-state="not-checked">{t.notChecked(t.why[fact.reason])}</span>;
}

function dateOf(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(iso),
  );
}

function reasonText(t: T, code: string): string {
  return (t.organisation.reasons as Record<string, string>)[code] ?? t.organisation.otherReason;
}

function Organisation({ fact, language }: { fact: OrganisationFact | null; language: string }) {
  const t = useStrings().reputation;
  const colleagues = useStrings().colleagues;
  const section = useSectionStyles();
  const headingId = useId();
  let body: ReactNode;
  if (fact === null) body = <p className={section.muted}>{t.notChecked(t.why.unreachable)}</p>;
  else if (fact.state === "not-checked")
    body = <p className={section.muted}>{notChecked(t, fact)}</p>;
  else if (fact.firstSeen === null) body = <p className={section.text}>{t.organisation.nobody}</p>;
  else {
    const reasons = [...new Set(fact.reasons)].map((code) => reasonText(t, code));
    body = (
      <>
        <p className={section.text}>
          {t.organisation.vouched(fact.reporters, fact.mailboxes)}{" "}
          {t.organisation.firstSeen(dateOf(fact.firstSeen, language))}
        </p>
        {fact.proposal ? (
          <p className={section.text}>
            {t.organisation.proposal(colleagues.status[fact.proposal])}
          </p>
        ) : null}
        {fact.decisions.length > 0 ? (
          <ul className={section.list}>
            {fact.decisions.map((decision) => (
              <li key={`${decision.action}-${decision.at}`} data-decision={decision.action}>
                {t.organisation.decisions[decision.action](dateOf(decision.at, language))}
              </li>
            ))}
          </ul>
        ) : null}
        {reasons.length > 0 ? (
          <p className={section.muted} data-testid="reputation-reasons">
            {t.organisation.because} {reasons.join("; ")}.
          </p>
        ) : null}
      </>
    );
  }
  return (
    <div data-testid="reputation-organisation">
      <h3 id={headingId} className={section.subheading}>
        {t.organisation.heading}
      </h3>
      {body}
    </div>
  );
}

function MicrosoftSignals({ analysis }: { analysis: HeaderAnalysis }) {
  const strings = useStrings();
  const t = strings.reputation.microsoft;
  const { ipv, bcl, pcl, sfty, cat, srv } = analysis.antispam;
  const junkedAsBulk = cat?.toUpperCase() === "BULK" || srv?.toUpperCase() === "BULK";
  const firstContact =
    sfty === "9.25" || analysis.verdict.findings.some((finding) => finding.id === "first-contact");
  return (
    <Facts heading={t.heading} id="microsoft">
      <Row label={t.ipv} id="ipv">
        {ipv === null
          ? t.ipvNone
          : `${ipv}: ${meaningOf(IPV_MEANINGS, ipv, languageOf(strings.language)) ?? ""}`}
      </Row>
      <Row label={t.bcl} id="bcl">
        {bcl === null ? t.bclNone : junkedAsBulk ? t.bclJunked(bcl) : t.bclBelow(bcl)}
      </Row>
      <Row label={t.firstContact} id="first-contact">
        {firstContact ? t.firstContactShown : t.firstContactNotShown}
      </Row>
      <Row label={t.pcl} id="pcl">
        {pcl === null ? t.pclNone : pcl >= PCL_LIKELY ? t.pclHigh(pcl) : t.pclLow(pcl)}
      </Row>
    </Facts>
  );
}

function LiveFacts({
  value,
  language,
  liveThreat,
}: {
  value: ReputationResponse | null;
  language: string;
  liveThreat: boolean;
}) {
  const t = useStrings().reputation;
  const l = t.live;
  const section = useSectionStyles();
  const unreachable: NotChecked = { state: "not-checked", reason: "unreachable" };
  const live = value?.live;
  const dmarc = live?.dmarc ?? unreachable;
  const spf = live?.spf ?? unreachable;
  const mx = live?.mx ?? unreachable;
  const age = live?.domainAge ?? unreachable;
  const reverse = live?.reverseDns ?? unreachable;
  return (
    <>
      <Facts heading={l.heading} id="live">
        <Row label={l.dmarc} id="dmarc">
          {dmarc.state === "not-checked"
            ? notChecked(t, dmarc)
            : dmarc.problem === "multiple-records"
              ? l.dmarcMultiple
              : dmarc.problem === "invalid-record"
                ? l.dmarcInvalid
                : dmarc.policy === null || dmarc.domain === null
                  ? l.dmarcNone
                  : `${l.dmarcPolicy[dmarc.policy]} ${l.dmarcAt(dmarc.domain)}`}
        </Row>
        <Row label={l.spf} id="spf">
          {spf.state === "not-checked"
            ? notChecked(t, spf)
            : spf.record === null
              ? l.spfNone
              : spf.valid
                ? l.spfValid
                : spf.problem === "multiple-records"
                  ? l.spfMultiple
                  : spf.problem === "too-many-lookups"
                    ? l.spfLookups(spf.detail ?? "")
                    : l.spfSyntax(spf.detail ?? "")}
        </Row>
        <Row label={l.mx} id="mx">
          {mx.state === "not-checked"
            ? notChecked(t, mx)
            : mx.nullMx
              ? l.mxNull
              : mx.present
                ? l.mxPresent(mx.hosts.join(", "))
                : l.mxNone}
        </Row>
        <Row label={l.age} id="domain-age">
          {age.state === "not-checked" ? (
            notChecked(t, age)
          ) : age.registeredAt === null || age.ageDays === null ? (
            l.ageUnknown(age.domain)
          ) : (
            <>
              {l.ageDays(age.domain, age.ageDays, dateOf(age.registeredAt, language))}
              {age.ageDays < 30 ? <strong> {l.ageYoung}</strong> : null}
            </>
          )}
        </Row>
        <Row label={l.reverse} id="reverse-dns">
          {reverse.state === "not-checked"
            ? notChecked(t, reverse)
            : reverse.name === null
              ? l.reverseNone
              : reverse.confirmed
                ? l.reverseConfirmed(reverse.name)
                : l.reverseUnconfirmed(reverse.name)}
        </Row>
        {(live?.blocklists ?? []).map(({ zone, result }) => (
          <Row key={zone} label={l.blocklist(zone)} id={`blocklist-${zone}`}>
            {result.state === "not-checked"
              ? notChecked(t, result)
              : result.listed
                ? l.listed(result.codes.join(", "))
                : l.notListed}
          </Row>
        ))}
      </Facts>
      {liveThreat ? (
        <p className={section.text} data-testid="reputation-dmarc-threat">
          <strong>{l.dmarcRejectThreat}</strong>
        </p>
      ) : null}
      {value ? (
        <p className={section.muted}>
          {l.checkedAt(
            new Intl.DateTimeFormat(language, { timeStyle: "short" }).format(
              new Date(value.checkedAt),
            ),
          )}
        </p>
      ) : null}
    </>
  );
}

/**
 * The sender's reputation, below the verdict: the organisation's reports and decisions,
 * Microsoft's own signals (read from the headers), and the facts the service checked live.
 * Every fact the service could not establish says "not checked" and why.
 */
export default function ReputationSection({
  state,
  analysis,
  liveThreat,
}: {
  state: ReputationState;
  analysis: HeaderAnalysis;
  /** The live DMARC policy turned this message's DMARC failure into a threat. */
  liveThreat: boolean;
}) {
  const strings = useStrings();
  const t = strings.reputation;
  const section = useSectionStyles();
  const headingId = useId();
  const value = state.phase === "ready" ? state.value : null;
  return (
    <section
      className={section.section}
      aria-labelledby={headingId}
      data-testid="reputation"
      data-phase={state.phase}
    >
      <h2 id={headingId} className={section.heading}>
        {t.heading}
      </h2>
      {state.phase === "loading" ? <Spinner size="tiny" label={t.loading} /> : null}
      {state.phase === "signed-out" ? <p className={section.text}>{t.signedOut}</p> : null}
      {state.phase === "unavailable" ? <p className={section.text}>{t.unavailable}</p> : null}
      {state.phase === "ready" || state.phase === "unavailable" ? (
        <Organisation fact={value?.organisation ?? null} language={strings.language} />
      ) : null}
      <MicrosoftSignals analysis={analysis} />
      {state.phase === "ready" || state.phase === "unavailable" ? (
        <LiveFacts value={value} language={strings.language} liveThreat={liveThreat} />
      ) : null}
    </section>
  );
}
