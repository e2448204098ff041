import { useState } from "react";
import {
  Badge,
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Spinner,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Textarea,
} from "@fluentui/react-components";
import type { DecisionActionDto, ExportFormatDto, ProposalDetail } from "../api/admin-contract";
import { saveFile, type AdminClient } from "./admin-client";
import {
  CAUSE_LABELS,
  dateTime,
  describeEntry,
  EXPORT_LABELS,
  shortDate,
  STATUS_COLORS,
  STATUS_LABELS,
} from "./labels";
import { useAdminStyles } from "./styles";
import { useLoad } from "./use-load";

const ACTIONS: Record<DecisionActionDto, { label: string; from: string[]; primary?: boolean }> = {
  approve: { label: "Approve", from: ["open", "expired"], primary: true },
  reject: { label: "Reject", from: ["open", "approved"] },
  "mark-applied": { label: "Mark applied", from: ["approved"] },
  revoke: { label: "Revoke", from: ["approved", "applied"] },
};

const EXPORTABLE = new Set(["approved", "applied", "revoked", "expired"]);

/** Revoked and expired entries export as their removal script (and as data), never as a rule. */
function exportFormatsFor(status: string): ExportFormatDto[] {
  const all = Object.keys(EXPORT_LABELS) as ExportFormatDto[];
  return status === "revoked" || status === "expired"
    ? all.filter((format) => format !== "transport-rule")
    : all;
}

function sampleLine(sample: ProposalDetail["evidence"]["samples"][number]): string {
  return [
    sample.sfv && `SFV:${sample.sfv}`,
    sample.scl !== null && `SCL ${sample.scl}`,
    sample.cat && `CAT:${sample.cat}`,
    sample.dmarc && `dmarc=${sample.dmarc}`,
    sample.compauth && `compauth=${sample.compauth.result} ${sample.compauth.reason ?? ""}`.trim(),
  ]
    .filter(Boolean)
    .join(" · ");
}

function Fact(props: { label: string; value: string | number }) {
  const styles = useAdminStyles();
  return (
    <div className={styles.fact}>
      <dt className={styles.factLabel}>{props.label}</dt>
      <dd className={styles.factValue}>{props.value}</dd>
    </div>
  );
}

function Evidence(props: { proposal: ProposalDetail }) {
  const styles = useAdminStyles();
  const { proposal } = props;
  const { evidence } = proposal;
  return (
    <>
      <dl className={styles.facts}>
        <Fact label="People" value={proposal.reporters} />
        <Fact label="Mailboxes" value={proposal.mailboxes} />
        <Fact label="Reports" value={proposal.reports} />
        <Fact label="Trusted sender" value={evidence.trustedSender} />
        <Fact label="DMARC pass" value={evidence.auth.dmarcPass} />
        <Fact label="Aligned DKIM pass" value={evidence.auth.dkimAlignedPass} />
        <Fact label="Aligned SPF pass" value={evidence.auth.spfAlignedPass} />
        <Fact label="First seen" value={shortDate(proposal.firstSeen)} />
        <Fact label="Last seen" value={shortDate(proposal.lastSeen)} />
      </dl>
      {evidence.signals.length > 0 && (
        <div>
          <Text weight="semibold">Verdicts and findings seen</Text>
          <div className={styles.actions}>
            {evidence.signals.slice(0, 16).map((signal) => (
              <Badge key={signal.signal} appearance="outline" color="informative">
                {signal.signal} × {signal.reports}
              </Badge>
            ))}
          </div>
        </div>
      )}
      {evidence.infrastructures.length > 0 && (
        <Text className={styles.breakable}>
          Sent from:{" "}
          {evidence.infrastructures.map((item) => `${item.value} (${item.reports})`).join(", ")}
        </Text>
      )}
      {evidence.samples.length > 0 && (
        <div className={styles.tableWrap}>
          <Table size="small" aria-label="Latest reports">
            <TableHeader>
              <TableRow>
                <TableHeaderCell style={{ width: "8.5em" }}>Reported</TableHeaderCell>
                <TableHeaderCell>Verdict and authentication</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {evidence.samples.map((sample, index) => (
                <TableRow key={`${sample.createdAt}-${index}`}>
                  <TableCell>
                    {shortDate(sample.createdAt)}
                    <br />
                    <span className={styles.small}>
                      {sample.kind === "trusted-sender" ? "Trusted sender" : "Not spam"}
                    </span>
                  </TableCell>
                  <TableCell style={{ overflowWrap: "break-word" }}>{sampleLine(sample)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </>
  );
}

export function ProposalDetailView(props: {
  client: AdminClient;
  id: string;
  onBack: () => void;
  onChanged: () => void;
}) {
  const styles = useAdminStyles();
  const [detail, reload] = useLoad(() => props.client.proposal(props.id), [props.client, props.id]);
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ intent: "success" | "error"; text: string } | null>(
    null,
  );

  const act = async (action: DecisionActionDto) => {
    setBusy(true);
    setMessage(null);
    try {
      const result = await props.client.decide(props.id, action, note.trim());
      setMessage({ intent: "success", text: `${STATUS_LABELS[result.status]}.` });
      setNote("");
      reload();
      props.onChanged();
    } catch (error) {
      setMessage({ intent: "error", text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  const download = async (format: ExportFormatDto) => {
    setMessage(null);
    try {
      saveFile(await props.client.exportOne(props.id, format));
    } catch (error) {
      setMessage({ intent: "error", text: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <section className={styles.card} aria-labelledby="detail-heading">
      <div className={styles.actions}>
        <Button appearance="subtle" onClick={props.onBack}>
          ← Back to the list
        </Button>
      </div>
      {detail.state === "loading" && <Spinner label="Loading the evidence…" />}
      {detail.state === "error" && <Text role="alert">{detail.message}</Text>}
      {detail.state === "ready" && (
        <>
          <div>
            <Subtitle2 as="h2" id="detail-heading" className={styles.breakable}>
              {detail.value.senderKey}
            </Subtitle2>
            <div className={styles.meta}>
              <Badge appearance="filled" color={STATUS_COLORS[detail.value.status]}>
                {STATUS_LABELS[detail.value.status]}
              </Badge>
              <Text>{describeEntry(detail.value.entry)}</Text>
            </div>
          </div>
          <Field label={`Strength ${detail.value.strength} of 100`}>
            <ProgressBar value={detail.value.strength / 100} thickness="large" />
          </Field>
          <Text className={styles.breakable}>{detail.value.reason}</Text>
          {detail.value.refusals.map((refusal) => (
            <MessageBar key={refusal.code} intent="error">
              <MessageBarBody>
                {refusal.message} ({refusal.reports} report{refusal.reports === 1 ? "" : "s"})
              </MessageBarBody>
            </MessageBar>
          ))}
          {detail.value.insights.map((insight) => (
            <MessageBar key={insight.cause} intent="info">
              <MessageBarBody>
                <strong>{CAUSE_LABELS[insight.cause] ?? insight.cause}:</strong> {insight.setting}
              </MessageBarBody>
            </MessageBar>
          ))}
          {detail.value.warnings.map((warning) => (
            <MessageBar key={warning.message} intent="warning">
              <MessageBarBody>{warning.message}</MessageBarBody>
            </MessageBar>
          ))}
          {detail.value.decision && (
            <Text className={styles.breakable}>
              {STATUS_LABELS[detail.value.status]} by {detail.value.decision.by} on{" "}
              {dateTime(detail.value.decision.at)}
              {detail.value.decision.note ? `: “${detail.value.decision.note}”` : ""}
              {detail.value.expiresAt
                ? ` · expires ${shortDate(detail.value.expiresAt)} unless people report again`
                : ""}
            </Text>
          )}
          <Evidence proposal={detail.value} />

          <Field label="Note for the audit log (why)">
            <Textarea
              value={note}
              onChange={(_, data) => setNote(data.value)}
              maxLength={1000}
              resize="vertical"
            />
          </Field>
          <div className={styles.actions}>
            {(Object.keys(ACTIONS) as DecisionActionDto[])
              .filter((action) => ACTIONS[action].from.includes(detail.value.status))
              .map((action) => (
                <Button
                  key={action}
                  appearance={ACTIONS[action].primary ? "primary" : "secondary"}
                  disabled={busy}
                  onClick={() => void act(action)}
                >
                  {ACTIONS[action].label}
                </Button>
              ))}
          </div>
          {message && (
            <MessageBar intent={message.intent} role="status">
              <MessageBarBody className={styles.breakable}>{message.text}</MessageBarBody>
            </MessageBar>
          )}
          {EXPORTABLE.has(detail.value.status) && detail.value.entry && (
            <div>
              <Text weight="semibold">Download</Text>
              <div className={styles.actions}>
                {exportFormatsFor(detail.value.status).map((format) => (
                  <Button key={format} onClick={() => void download(format)}>
                    {EXPORT_LABELS[format]}
                  </Button>
                ))}
              </div>
            </div>
          )}
          {detail.value.audit.length > 0 && (
            <div>
              <Text weight="semibold">History</Text>
              <ul className={styles.list}>
                {detail.value.audit.map((entry) => (
                  <li key={entry.id} className={styles.small}>
                    {dateTime(entry.at)} · {entry.actor} · {entry.action}
                    {entry.toStatus ? ` → ${entry.toStatus}` : ""}
                    {entry.note ? `: ${entry.note}` : ""}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
    </section>
  );
}
