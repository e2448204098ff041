import { useEffect, useRef, useState } from "react";
import {
  Badge,
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Spinner,
  Text,
  Textarea,
} from "@fluentui/react-components";
import {
  CONFIRMED_ACTIONS,
  type AdminProposalStatus,
  type DecisionActionDto,
  type ExportFormatDto,
  type ProposalDetail,
} from "../api/admin-contract";
import { saveFile, type AdminClient, type DownloadedFile } from "./admin-client";
import { auditNote } from "./AuditView";
import { ConfirmDecisionDialog } from "./ConfirmDecisionDialog";
import { Evidence } from "./Evidence";
import { useStrings } from "./i18n";
import { STATUS_COLORS } from "./labels";
import { SafeText, ShownText } from "./SafeText";
import { useAdminStyles } from "./styles";
import { useLoad } from "./use-load";
import {
  auditActionWord,
  causeLabel,
  dateOnly,
  dateTime,
  describeEntry,
  reasonOf,
  refusalText,
  statusWord,
} from "./words";

/** Which decisions the console offers from each status (server/proposals/lifecycle.ts decides). */
const ACTIONS: Record<DecisionActionDto, { from: AdminProposalStatus[]; primary?: boolean }> = {
  approve: { from: ["open", "expired", "revoked", "needs-review"], primary: true },
  reject: { from: ["open", "approved", "needs-review"] },
  "mark-applied": { from: ["approved", "needs-review"] },
  revoke: { from: ["approved", "applied", "needs-review"] },
};

/** Reject and revoke take back what people asked for: a note and a confirmation first. */
const CONFIRMED: ReadonlySet<DecisionActionDto> = new Set(CONFIRMED_ACTIONS);

/** Statuses whose approved entry is in the tenant's list, or on its way in. */
const STANDING: ReadonlySet<AdminProposalStatus> = new Set(["approved", "applied", "needs-review"]);

const EXPORTABLE: ReadonlySet<AdminProposalStatus> = new Set([...STANDING, "revoked", "expired"]);

/** Whether the proposal has an export: an approved entry standing, or one to take back out. */
function exportable(proposal: ProposalDetail): boolean {
  if (proposal.status === "rejected") return proposal.approved !== null;
  return EXPORTABLE.has(proposal.status) && (proposal.approved ?? proposal.entry) !== null;
}

/** Taken-back entries export as their removal script (and as data), never as a rule. */
function exportFormatsFor(status: AdminProposalStatus): ExportFormatDto[] {
  const all: ExportFormatDto[] = [
    "powershell",
    "transport-rule",
    "csv",
    "json",
    "mimecast",
    "proofpoint",
  ];
  // A rule and a gateway's permitted list can only add an entry; taking one back is by hand.
  const addOnly = new Set<ExportFormatDto>(["transport-rule", "mimecast", "proofpoint"]);
  return STANDING.has(status) ? all : all.filter((format) => !addOnly.has(format));
}

/** A revoked proposal may be approved again only once people reported after the revocation. */
function offered(action: DecisionActionDto, proposal: ProposalDetail): boolean {
  if (!ACTIONS[action].from.includes(proposal.status)) return false;
  if (action === "approve" && proposal.status === "revoked") {
    return proposal.decision !== null && proposal.lastSeen > proposal.decision.at;
  }
  if (action === "approve" && proposal.status !== "needs-review") {
    return proposal.outcome === "open" && proposal.entry !== null;
  }
  return true;
}

type Message = { intent: "success" | "error"; text: string };

export function ProposalDetailView(props: {
  client: AdminClient;
  id: string;
  onBack: () => void;
  onChanged: () => void;
}) {
  const styles = useAdminStyles();
  const t = useStrings();
  const [detail, reload] = useLoad(() => props.client.proposal(props.id), [props.client, props.id]);
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const [confirming, setConfirming] = useState<DecisionActionDto | null>(null);
  const [removal, setRemoval] = useState<DownloadedFile | "export" | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  // Choosing a proposal moves focus to its detail, so keyboard and screen reader users land on
  // what they chose (WCAG 2.4.3); once per proposal, not on every reload after a decision.
  const ready = detail.state === "ready";
  useEffect(() => {
    if (ready) heading.current?.focus();
  }, [ready]);

  const act = async (action: DecisionActionDto, text: string) => {
    if (detail.state !== "ready") return;
    const before = detail.value.status;
    setBusy(true);
    setMessage(null);
    try {
      const result = await props.client.decide(props.id, action, text);
      setMessage({ intent: "success", text: t.detail.decided(t.status[result.status]) });
      setNote("");
      setConfirming(null);
      const script = result.removal;
      const tookBack = CONFIRMED.has(action) && STANDING.has(before);
      // The service answers the removal script of an approved entry it took back; the
      // proposal's PowerShell export gives the same script should an answer lack it.
      setRemoval(
        !tookBack
          ? null
          : script
            ? {
                fileName: script.fileName,
                blob: new Blob([script.body], { type: script.contentType }),
              }
            : "export",
      );
      reload();
      props.onChanged();
    } catch (error) {
      setMessage({ intent: "error", text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  const download = async (file: () => Promise<DownloadedFile>) => {
    try {
      saveFile(await file());
    } catch (error) {
      setMessage({ intent: "error", text: error instanceof Error ? error.message : String(error) });
    }
  };

  if (detail.state !== "ready") {
    return (
      <section className={styles.card} aria-label={t.detail.loading}>
        <div className={styles.actions}>
          <Button appearance="subtle" onClick={props.onBack}>
            {t.detail.back}
          </Button>
        </div>
        {detail.state === "loading" && <Spinner label={t.detail.loading} />}
        {detail.state === "error" && <Text role="alert">{detail.message}</Text>}
      </section>
    );
  }

  const proposal = detail.value;
  const reviewEntry = proposal.audit.find((entry) => entry.toStatus === "needs-review");
  return (
    <section className={styles.card} aria-labelledby="detail-heading">
      <div className={styles.actions}>
        <Button appearance="subtle" onClick={props.onBack}>
          {t.detail.back}
        </Button>
      </div>
      <div>
        <h2 id="detail-heading" ref={heading} tabIndex={-1} className={styles.detailHeading}>
          <SafeText text={proposal.senderKey} identifier />
        </h2>
        <div className={styles.meta}>
          <Badge appearance="filled" color={STATUS_COLORS[proposal.status]}>
            {t.status[proposal.status]}
          </Badge>
          <Text className={styles.breakable}>
            <ShownText shown={describeEntry(t, proposal.entry)} />
          </Text>
        </div>
      </div>

      {proposal.status === "needs-review" && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t.detail.needsReviewTitle}</MessageBarTitle>{" "}
            {t.detail.needsReviewBody}
            {reviewEntry ? (
              <span className={styles.reviewChange}>
                {t.detail.whatChanged} ({dateTime(t.language, reviewEntry.at)}):{" "}
                <SafeText text={reviewEntry.note} />
              </span>
            ) : (
              proposal.review && (
                <span className={styles.reviewChange}>
                  {t.detail.whatChanged} ({dateTime(t.language, proposal.review.at)}):{" "}
                  <SafeText text={proposal.review.changes.join("; ")} />
                </span>
              )
            )}
          </MessageBarBody>
        </MessageBar>
      )}

      {proposal.approved && STANDING.has(proposal.status) && (
        <div className={styles.approvedEntry}>
          <Text weight="semibold">{t.entry.approvedHeading}</Text>
          <Text className={styles.breakable}>
            <ShownText shown={describeEntry(t, proposal.approved.entry)} /> ·{" "}
            {t.detail.decidedBy(
              t.status.approved,
              proposal.approved.by,
              dateTime(t.language, proposal.approved.at),
            )}
          </Text>
        </div>
      )}
      <Field label={t.proposals.strength(proposal.strength)}>
        <ProgressBar value={proposal.strength / 100} thickness="large" />
      </Field>
      <Text className={styles.breakable}>{reasonOf(t, proposal)}</Text>
      {proposal.refusals.map((refusal) => (
        <MessageBar key={refusal.code} intent="error" layout="multiline">
          <MessageBarBody>
            {refusalText(t, refusal.code, refusal.message)} (
            {t.detail.refusalReports(refusal.reports)})
          </MessageBarBody>
        </MessageBar>
      ))}
      {proposal.insights.map((insight) => (
        <MessageBar key={insight.cause} intent="info" layout="multiline">
          <MessageBarBody>
            <strong>{causeLabel(t, insight.cause)}:</strong>{" "}
            {t.causeSettings[insight.cause] ?? insight.setting}
            {insight.commands && insight.commands.length > 0 && (
              <pre className={styles.breakable}>{insight.commands.join("\n")}</pre>
            )}
          </MessageBarBody>
        </MessageBar>
      ))}
      {proposal.warnings.map((warning) => (
        <MessageBar key={warning.code + warning.message} intent="warning" layout="multiline">
          <MessageBarBody>{t.warning(warning.code, warning.message)}</MessageBarBody>
        </MessageBar>
      ))}
      {proposal.decision && (
        <Text className={styles.breakable}>
          {t.detail.decidedBy(
            // A needs-review proposal's last decision was its approval.
            t.status[proposal.status === "needs-review" ? "approved" : proposal.status],
            proposal.decision.by,
            dateTime(t.language, proposal.decision.at),
          )}
          {proposal.decision.note ? (
            <>
              : “<SafeText text={proposal.decision.note} />”
            </>
          ) : null}
          {proposal.expiresAt
            ? ` · ${t.detail.expires(dateOnly(t.language, proposal.expiresAt))}`
            : ""}
        </Text>
      )}
      <Evidence proposal={proposal} />

      <Field label={t.detail.note}>
        <Textarea
          value={note}
          onChange={(_, data) => setNote(data.value)}
          maxLength={1000}
          resize="vertical"
        />
      </Field>
      <div className={styles.actions}>
        {(Object.keys(ACTIONS) as DecisionActionDto[])
          .filter((action) => offered(action, proposal))
          .map((action) => (
            <Button
              key={action}
              appearance={ACTIONS[action].primary ? "primary" : "secondary"}
              disabled={busy}
              onClick={() =>
                CONFIRMED.has(action) ? setConfirming(action) : void act(action, note.trim())
              }
            >
              {t.actions[action]}
            </Button>
          ))}
      </div>
      {confirming && (
        <ConfirmDecisionDialog
          action={confirming as "reject" | "revoke"}
          senderKey={proposal.senderKey}
          takesBackApproved={STANDING.has(proposal.status)}
          initialNote={note}
          busy={busy}
          error={message?.intent === "error" ? message.text : null}
          onCancel={() => {
            setConfirming(null);
            setMessage(null);
          }}
          onConfirm={(text) => void act(confirming, text)}
        />
      )}
      {message && (
        <MessageBar intent={message.intent} role="status">
          <MessageBarBody className={styles.breakable}>{message.text}</MessageBarBody>
        </MessageBar>
      )}
      {removal && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t.removal.title}</MessageBarTitle> {t.removal.body}
            <div className={styles.messageAction}>
              <Button
                appearance="primary"
                onClick={() =>
                  void download(() =>
                    removal === "export"
                      ? props.client.exportOne(props.id, "powershell")
                      : Promise.resolve(removal),
                  )
                }
              >
                {t.removal.download}
              </Button>
            </div>
          </MessageBarBody>
        </MessageBar>
      )}
      {exportable(proposal) && (
        <div>
          <Text weight="semibold">{t.detail.download}</Text>
          <div className={styles.actions}>
            {exportFormatsFor(proposal.status).map((format) => (
              <Button
                key={format}
                onClick={() => void download(() => props.client.exportOne(props.id, format))}
              >
                {t.exports[format]}
              </Button>
            ))}
          </div>
        </div>
      )}
      {proposal.audit.length > 0 && (
        <div>
          <Text weight="semibold">{t.detail.history}</Text>
          <ul className={styles.list}>
            {proposal.audit.map((entry) => (
              <li key={entry.id} className={styles.small}>
                {dateTime(t.language, entry.at)} · {entry.actor} ·{" "}
                {auditActionWord(t, entry.action)}
                {entry.toStatus ? ` → ${statusWord(t, entry.toStatus)}` : ""}
                {auditNote(t, entry).map((line, index) => (
                  <span key={index}>
                    : <SafeText text={line} />
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
