import {
  Spinner,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from "@fluentui/react-components";
import type { AdminClient } from "./admin-client";
import { dateTime } from "./labels";
import { useAdminStyles } from "./styles";
import { useLoad } from "./use-load";

/** The append-only log: who did what to which proposal, when and why. */
export function AuditView(props: { client: AdminClient }) {
  const styles = useAdminStyles();
  const [audit] = useLoad(() => props.client.audit(200), [props.client]);
  return (
    <section className={styles.card} aria-labelledby="audit-heading">
      <Subtitle2 as="h2" id="audit-heading">
        Audit log, newest first
      </Subtitle2>
      {audit.state === "loading" && <Spinner label="Loading the audit log…" />}
      {audit.state === "error" && <Text role="alert">{audit.message}</Text>}
      {audit.state === "ready" &&
        (audit.value.items.length === 0 ? (
          <Text>Nothing decided yet.</Text>
        ) : (
          <div className={styles.tableWrap}>
            <Table size="small" aria-label="Audit log">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>When</TableHeaderCell>
                  <TableHeaderCell>Who</TableHeaderCell>
                  <TableHeaderCell>Sender</TableHeaderCell>
                  <TableHeaderCell>What</TableHeaderCell>
                  <TableHeaderCell>Why</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {audit.value.items.map((entry) => (
                  <TableRow key={entry.id}>
                    <TableCell>{dateTime(entry.at)}</TableCell>
                    <TableCell className={styles.breakable}>{entry.actor}</TableCell>
                    <TableCell className={styles.breakable}>{entry.senderKey}</TableCell>
                    <TableCell>
                      {entry.action}
                      {entry.fromStatus && entry.toStatus
                        ? ` (${entry.fromStatus} → ${entry.toStatus})`
                        : ""}
                    </TableCell>
                    <TableCell className={styles.breakable}>{entry.note}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        ))}
    </section>
  );
}
