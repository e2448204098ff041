import { useId } from "react";
import { Spinner } from "@fluentui/react-components";
import { useStrings } from "./strings-context";
import { useSectionStyles } from "./styles";
import type { ColleagueState } from "./use-report";

/**
 * The service keeps an identity nothing vouches for apart under an `unverified:` key (see
 * server/proposals/sender-key.ts); that key is the admin's vocabulary, not the reader's.
 */
export function isUnverifiedSenderKey(sender: string): boolean {
  return sender.startsWith("unverified:");
}

/** How many colleagues vouched for this sender, and where its allowlist proposal stands. */
export function ColleaguesSection({ colleagues }: { colleagues: ColleagueState }) {
  const t = useStrings();
  const section = useSectionStyles();
  const headingId = useId();

  let body;
  switch (colleagues.phase) {
    case "signed-out":
      body = <p className={section.text}>{t.colleagues.signedOut}</p>;
      break;
    case "loading":
      body = <Spinner size="tiny" label={t.colleagues.loading} />;
      break;
    case "unavailable":
      body = <p className={section.text}>{t.colleagues.unavailable}</p>;
      break;
    case "ready": {
      const status = colleagues.status;
      body = (
        <>
          <p
            className={section.text}
            data-testid="colleague-count"
            data-count={status?.reporters ?? 0}
          >
            {t.colleagues.count(status?.reporters ?? 0)}
            {status?.youReported ? ` ${t.colleagues.youReported}` : ""}
          </p>
          {status?.sender ? (
            <p className={section.muted} data-testid="colleague-sender">
              {isUnverifiedSenderKey(status.sender)
                ? t.colleagues.unverifiedSender
                : t.colleagues.forSender(status.sender)}
            </p>
          ) : null}
          {/* The proposal's reason is written for the admin (settings, cmdlets) and in English
              only: the person sees the status in their language instead. */}
          <p className={section.muted} data-testid="proposal-status">
            {status?.proposal
              ? `${t.colleagues.proposal}: ${t.colleagues.status[status.proposal.status]}`
              : t.colleagues.noProposal}
          </p>
        </>
      );
      break;
    }
  }

  return (
    <section className={section.section} aria-labelledby={headingId} data-testid="colleagues">
      <h2 id={headingId} className={section.heading}>
        {t.colleagues.heading}
      </h2>
      {body}
    </section>
  );
}
