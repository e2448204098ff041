import { Suspense, lazy, useDeferredValue, useEffect, useId, useMemo, useState } from "react";
import { Button, FluentProvider, Spinner, makeStyles, tokens } from "@fluentui/react-components";
import type { HeaderAnalysis } from "../analysis";
import type { MailHost } from "../office/host";
import type { VouchApi } from "../api/client";
import type { ReportQueue } from "../api/retry-queue";
import { stringsFor } from "./i18n";
import { StringsContext, useStrings } from "./strings-context";
import { fluentTheme, useHostTheme } from "./theme";
import { useMessage } from "./use-message";
import type { GraphFetcher, MessageState } from "./message-state";
import { useReport, type ColleagueState } from "./use-report";
import { remedyOf, type Remedy } from "../analysis/remedy";
import { FindingsSection, VerdictCard } from "./VerdictCard";
import { SenderSection } from "./SenderSection";
import { AuthSection } from "./AuthSection";
import { StampsSection } from "./StampsSection";
import { ColleaguesSection } from "./ColleaguesSection";
import { ReportSection, type NothingToReport } from "./ReportSection";
import { MissingHeaders } from "./MissingHeaders";
import { RescueStatus, SharedMailboxNote } from "./RescueStatus";
import type { MailGraph } from "../api/graph";
import type { ItemMailbox } from "../office/host";
import { useSectionStyles } from "./styles";
import { SectionBoundary } from "./SectionBoundary";
import { afterNextPaint } from "./perf";
import {
  reputationQueryOf,
  remedyWithLivePolicy,
  useReputation,
  type ReputationState,
} from "./use-reputation";

/**
 * A chunk loader that starts when its section first renders, a frame after the verdict (so the
 * verdict's own bytes go first on a slow network) and, should that fail, tries again the next
 * time it is asked instead of remembering the failure.
 */
function retrying<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () =>
    (pending ??= load().catch((error: unknown) => {
      pending = null;
      throw error;
    }));
}

const RouteSection = lazy(retrying(() => import("./RouteSection")));
const RawHeaders = lazy(retrying(() => import("./RawHeaders")));
const ReputationSection = lazy(retrying(() => import("./ReputationSection")));

export interface PaneServices {
  host: MailHost;
  /** Null when nobody is signed in: the pane still explains, but cannot report. */
  api: VouchApi | null;
  queue: ReportQueue | null;
  /** The Graph header fallback; null where Graph cannot be reached (harness, dev sign-in). */
  graph: GraphFetcher | null;
  /** Moves a message out of Junk after "Not spam"; absent: the pane says how to do it by hand. */
  rescue?: MailGraph["rescue"] | null;
  /**
   * Sign-in has not finished yet (the pane renders before it, main.ts): the report buttons
   * wait, and what colleagues and the service know shows as loading, not as signed out.
   */
  signingIn?: boolean;
}

export interface PaneProps extends PaneServices {
  /** Called once, right after the pane first painted an answer (or that there is none). */
  onShown?: () => void;
  /** The open item's state as start-up already read it (main.ts): shown without reading again. */
  initial?: MessageState;
}

const useStyles = makeStyles({
  provider: { minHeight: "100vh", boxSizing: "border-box", overflowX: "hidden" },
  main: {
    display: "flex",
    flexDirection: "column",
    paddingInline: tokens.spacingHorizontalM,
    paddingBlockEnd: tokens.spacingVerticalXXL,
    maxWidth: "720px",
    minWidth: 0,
  },
  title: {
    margin: 0,
    paddingBlock: tokens.spacingVerticalM,
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightBase500,
    fontWeight: tokens.fontWeightSemibold,
  },
  subject: { overflowWrap: "anywhere" },
});

/** The task pane: Fluent theme and strings from Office, then the message's explanation. */
export function Pane({ onShown, initial, ...services }: PaneProps) {
  const { host } = services;
  const strings = useMemo(() => stringsFor(host.displayLanguage), [host]);
  const theme = useHostTheme(host);
  const styles = useStyles();
  return (
    <FluentProvider
      theme={fluentTheme(theme)}
      className={styles.provider}
      lang={strings.language}
      data-theme={theme}
    >
      <StringsContext.Provider value={strings}>
        <PaneBody services={services} onShown={onShown} initial={initial} />
      </StringsContext.Provider>
    </FluentProvider>
  );
}

function PaneBody({
  services,
  onShown,
  initial,
}: {
  services: PaneServices;
  onShown?: () => void;
  initial?: MessageState;
}) {
  const t = useStrings();
  const styles = useStyles();
  const section = useSectionStyles();
  const titleId = useId();
  const state = useMessage(services.host, services.graph, initial);
  const shownOnce = state.phase !== "loading";
  useEffect(
    () => (shownOnce && onShown ? afterNextPaint(onShown) : undefined),
    [shownOnce, onShown],
  );
  const itemKey =
    state.phase === "no-item" ? null : (state.item.internetMessageId ?? state.item.itemId ?? "");
  // Headers pasted by hand belong to the item they were pasted for; another item forgets them.
  const [pasted, setPasted] = useState<{
    itemKey: string | null;
    raw: string;
    analysis: HeaderAnalysis;
  } | null>(null);
  const shown =
    state.phase === "ready"
      ? { raw: state.raw, analysis: state.analysis }
      : state.phase === "missing" && pasted?.itemKey === itemKey
        ? pasted
        : null;
  const shownAnalysis = shown?.analysis ?? null;
  const remedy = useMemo(() => (shownAnalysis ? remedyOf(shownAnalysis) : null), [shownAnalysis]);
  const title =
    remedy?.situation === "not-junked" || remedy?.situation === "allowed"
      ? t.paneTitleNotJunked
      : t.paneTitle;

  return (
    <main className={styles.main} aria-labelledby={titleId}>
      <h1 id={titleId} className={styles.title}>
        {title}
      </h1>
      {state.phase === "ready" || state.phase === "missing" ? (
        <SharedMailboxNote mailbox={state.mailbox} />
      ) : null}
      {state.phase !== "no-item" && state.item.subject ? (
        <p className={`${section.muted} ${styles.subject}`} data-testid="subject">
          {state.item.subject}
        </p>
      ) : null}
      {state.phase === "no-item" ? <p className={section.text}>{t.noItem}</p> : null}
      {state.phase === "loading" ? (
        <div role="status">
          <Spinner size="small" label={t.loading} />
        </div>
      ) : null}
      {state.phase === "missing" && !shown ? (
        <MissingHeaders
          office={state.office}
          tooFew={state.tooFew}
          graph={state.graph}
          mobile={services.host.mobile}
          onPasted={(raw, analysis) => setPasted({ itemKey, raw, analysis })}
        />
      ) : null}
      {state.phase === "missing" && shown ? (
        <div className={section.section} data-testid="pasted">
          <p className={section.muted}>{t.missing.pasted}</p>
          <div>
            <Button size="small" onClick={() => setPasted(null)}>
              {t.missing.pasteAgain}
            </Button>
          </div>
        </div>
      ) : null}
      {state.phase !== "no-item" && state.phase !== "loading" && shown && remedy ? (
        <MessageView
          key={itemKey ?? ""}
          services={services}
          remedy={remedy}
          analysis={shown.analysis}
          raw={shown.raw}
          internetMessageId={state.item.internetMessageId ?? shown.analysis.message.messageId}
          mailbox={state.mailbox}
        />
      ) : null}
    </main>
  );
}

function MessageView(props: {
  services: PaneServices;
  remedy: Remedy;
  analysis: HeaderAnalysis;
  raw: string;
  internetMessageId: string | null;
  mailbox: ItemMailbox;
}) {
  const { services, analysis, raw, internetMessageId, mailbox } = props;
  const t = useStrings();
  // The verdict paints first; the detail sections follow in a deferred render a frame later.
  const details = useDeferredValue<HeaderAnalysis | null>(analysis, null);
  // Asked once the verdict is on screen; the live DMARC policy may turn a failure into a threat.
  const reputationQuery = useMemo(
    () => reputationQueryOf(analysis, props.remedy, internetMessageId),
    [analysis, props.remedy, internetMessageId],
  );
  const reputation = useReputation(services.api, reputationQuery, details !== null);
  const remedy = useMemo(
    () =>
      remedyWithLivePolicy(
        analysis,
        props.remedy,
        reputation.phase === "ready" ? reputation.value : null,
      ),
    [analysis, props.remedy, reputation],
  );
  // MessageView is keyed by the item, so the id is read once per item.
  const restItemId = useMemo(() => services.host.restItemId(), [services.host]);
  const target = useMemo(() => ({ restItemId, mailbox }), [restItemId, mailbox]);
  const { report, colleagues, rescue, submit, retract, dismiss } = useReport(
    services,
    internetMessageId,
    raw,
    target,
  );
  const nothing: NothingToReport =
    remedy.situation === "threat"
      ? "threat"
      : remedy.situation === "not-junked" || remedy.situation === "allowed"
        ? "not-junked"
        : "other";
  const canReport = services.signingIn
    ? "signing-in"
    : !services.api
      ? "signed-out"
      : !internetMessageId
        ? "no-message-id"
        : "yes";
  const youReported = colleagues.phase === "ready" && colleagues.status?.youReported === true;
  // While sign-in runs, what needs it is on its way, not refused.
  const awaitingSignIn = services.signingIn === true;
  const colleaguesShown: ColleagueState =
    awaitingSignIn && colleagues.phase === "signed-out" ? { phase: "loading" } : colleagues;
  const reputationShown: ReputationState =
    awaitingSignIn && reputation.phase === "signed-out" ? { phase: "loading" } : reputation;

  return (
    <>
      <VerdictCard remedy={remedy} analysis={analysis} />
      <ReportSection
        report={report}
        offers={remedy.offers}
        nothing={nothing}
        canReport={canReport}
        youReported={youReported}
        onSubmit={(kind, comment) => void submit(kind, comment)}
        onRetract={() => void retract()}
        onDismiss={dismiss}
      />
      <RescueStatus rescue={rescue} />
      {details ? (
        <>
          <FindingsSection remedy={remedy} analysis={details} />
          <SenderSection analysis={details} />
          <AuthSection analysis={details} />
          <StampsSection analysis={details} />
          <SectionBoundary fallback={<p>{t.sectionFailed(t.route.heading)}</p>}>
            <Suspense fallback={<Spinner size="tiny" label={t.route.heading} />}>
              <RouteSection analysis={details} />
            </Suspense>
          </SectionBoundary>
        </>
      ) : null}
      <ColleaguesSection colleagues={colleaguesShown} />
      {details ? (
        <SectionBoundary fallback={<p>{t.sectionFailed(t.reputation.heading)}</p>}>
          <Suspense fallback={<Spinner size="tiny" label={t.reputation.heading} />}>
            <ReputationSection
              state={reputationShown}
              analysis={details}
              liveThreat={remedy !== props.remedy}
            />
          </Suspense>
        </SectionBoundary>
      ) : null}
      {details ? (
        <SectionBoundary fallback={<p>{t.sectionFailed(t.raw.heading)}</p>}>
          <Suspense fallback={null}>
            <RawHeaders raw={raw} />
          </Suspense>
        </SectionBoundary>
      ) : null}
    </>
  );
}
