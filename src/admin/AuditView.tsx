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
import type { AuditEntryDto } from "../api/admin-contract";
import type { AdminClient } from "./admin-client";
import { useStrings, type AdminStrings } from "./i18n";
import { SafeText } from "./SafeText";
import { useAdminStyles } from "./styles";
import { useLoad } from "./use-load";
import { auditActionWord, dateTime, statusWord } from "./words";

function settingValue(t: AdminStrings, key: string, value: unknown): string {
  if (typeof value === "boolean") return value ? t.settings.on : t.settings.off;
  if (Array.isArray(value)) return value.length === 0 ? t.settings.none : value.join(", ");
  if (key === "tablPlan" && typeof value === "string") {
    return (t.settings.plans as Record<string, string>)[value] ?? value;
  }
  return String(value);
}

/**
 * What an entry's "why" says, in the reader's words where the service wrote it. A settings entry's note is the JSON of what changed (server/proposals/service.ts,
 * settingsChanges): one line per setting in the reader's words; any other note as written.
 */
export function auditNote(t: AdminStrings, entry: AuditEntryDto): string[] {
  // The rules' own entries carry the rules' English reason: the transition says the same.
  if (entry.action === "assess" || entry.action === "reopen") return [];
  if (entry.action === "expire") return [t.audit.expireNote];
  if (entry.action !== "settings") return entry.note ? [entry.note] : [];
  try {
    const changes = JSON.parse(entry.note) as Record<string, { from: unknown; to: unknown }>;
    return Object.entries(changes).map(([key, change]) =>
      t.audit.settingChange(
        t.settings.names[key] ?? key,
        settingValue(t, key, change.from),
        settingValue(t, key, change.to),
      ),
    );
  } catch {
    return [entry.note];
  }
}

/** The append-only log: who did what to which proposal or setting, when and why. */
export function AuditView(props: { client: AdminClient }) {
  const styles = useAdminStyles();
  const t = useStrings();
  const [audit] = useLoad(() => props.client.audit(200), [props.client]);
  return (
    <section className={styles.card} aria-labelledby="audit-heading">
      <Subtitle2 as="h2" id="audit-heading">
        {t.audit.heading}
      </Subtitle2>
      {audit.state === "loading" && <Spinner label={t.audit.loading} />}
      {audit.state === "error" && <Text role="alert">{audit.message}</Text>}
      {audit.state === "ready" &&
        (audit.value.items.length === 0 ? (
          <Text>{t.audit.empty}</Text>
        ) : (
          <div className={styles.tableWrap}>
            <Table size="small" aria-label={t.audit.tableLabel}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{t.audit.when}</TableHeaderCell>
                  <TableHeaderCell>{t.audit.who}</TableHeaderCell>
                  <TableHeaderCell>{t.audit.sender}</TableHeaderCell>
                  <TableHeaderCell>{t.audit.what}</TableHeaderCell>
                  <TableHeaderCell>{t.audit.why}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {audit.value.items.map((entry) => (
                  <TableRow key={entry.id}>
                    <TableCell>{dateTime(t.language, entry.at)}</TableCell>
                    <TableCell className={styles.breakable}>
                      <SafeText text={entry.actor} />
                    </TableCell>
                    <TableCell className={styles.breakable}>
                      {entry.action === "settings" ? (
                        t.audit.settingsSender
                      ) : (
                        <SafeText text={entry.senderKey} identifier />
                      )}
                    </TableCell>
                    <TableCell>
                      {auditActionWord(t, entry.action)}
                      {entry.fromStatus && entry.toStatus
                        ? ` (${t.audit.transition(
                            statusWord(t, entry.fromStatus),
                            statusWord(t, entry.toStatus),
                          )})`
                        : ""}
                    </TableCell>
                    <TableCell className={styles.breakable}>
                      {auditNote(t, entry).map((line, index) => (
                        <div key={index}>
                          <SafeText text={line} />
                        </div>
                      ))}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        ))}
    </section>
  );
}
