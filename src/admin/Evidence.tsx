import {
  Badge,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from "@fluentui/react-components";
import type { ProposalDetail } from "../api/admin-contract";
import { useStrings, type AdminStrings } from "./i18n";
import { SafeText } from "./SafeText";
import { useAdminStyles } from "./styles";
import { dateOnly, signalWord } from "./words";

type Sample = ProposalDetail["evidence"]["samples"][number];

/** One report's verdict and authentication, in words. */
function sampleLine(t: AdminStrings, sample: Sample): string {
  const { stamps } = t;
  const result = (code: string) => stamps.results[code] ?? code;
  const sfv = sample.sfv?.toLowerCase();
  const cat = sample.cat?.toLowerCase();
  return [
    sfv && stamps.spamVerdict(stamps.verdicts[sfv] ?? sample.sfv ?? ""),
    sample.scl !== null && stamps.scl(sample.scl),
    sample.bcl !== null && stamps.bcl(sample.bcl),
    cat && stamps.category(stamps.categories[cat] ?? sample.cat ?? ""),
    sample.dmarc && stamps.dmarc(result(sample.dmarc)),
    sample.compauth && stamps.compauth(result(sample.compauth.result)),
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

/** What people reported about the sender: counts, signals in words, and their comments. */
export function Evidence(props: { proposal: ProposalDetail }) {
  const styles = useAdminStyles();
  const t = useStrings();
  const { proposal } = props;
  const { evidence } = proposal;
  const facts = t.detail.facts;
  return (
    <>
      <dl className={styles.facts}>
        <Fact label={facts.people} value={proposal.reporters} />
        <Fact label={facts.mailboxes} value={proposal.mailboxes} />
        <Fact label={facts.reports} value={proposal.reports} />
        <Fact label={facts.trustedSender} value={evidence.trustedSender} />
        <Fact label={facts.dmarcPass} value={evidence.auth.dmarcPass} />
        <Fact label={facts.dkimAlignedPass} value={evidence.auth.dkimAlignedPass} />
        <Fact label={facts.spfAlignedPass} value={evidence.auth.spfAlignedPass} />
        <Fact label={facts.firstSeen} value={dateOnly(t.language, proposal.firstSeen)} />
        <Fact label={facts.lastSeen} value={dateOnly(t.language, proposal.lastSeen)} />
      </dl>
      {evidence.signals.length > 0 && (
        <div>
          <Text weight="semibold" as="h3" className={styles.subheading}>
            {t.detail.signalsHeading}
          </Text>
          <ul className={styles.badges}>
            {evidence.signals.slice(0, 16).map((signal) => (
              <li key={signal.signal}>
                <Badge appearance="outline" color="informative" title={signal.signal}>
                  {t.detail.signalCount(signalWord(t, signal.signal), signal.reports)}
                </Badge>
              </li>
            ))}
          </ul>
        </div>
      )}
      {evidence.infrastructures.length > 0 && (
        <Text className={styles.breakable}>
          {t.detail.sentFrom}:{" "}
          {evidence.infrastructures.map((item, index) => (
            <span key={`${item.kind}:${item.value}`}>
              {index > 0 && ", "}
              <SafeText text={t.detail.sentFromItem(item.value, item.reports)} identifier />
            </span>
          ))}
        </Text>
      )}
      {evidence.samples.length > 0 && (
        <div className={styles.tableWrap}>
          <Table size="small" aria-label={t.detail.latestReports}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell style={{ width: "8.5em" }}>{t.detail.reported}</TableHeaderCell>
                <TableHeaderCell>{t.detail.comment}</TableHeaderCell>
                <TableHeaderCell>{t.detail.verdict}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {evidence.samples.map((sample, index) => (
                <TableRow key={`${sample.createdAt}-${index}`}>
                  <TableCell>
                    {dateOnly(t.language, sample.createdAt)}
                    <br />
                    <span className={styles.small}>{t.detail.kind[sample.kind]}</span>
                  </TableCell>
                  <TableCell className={styles.comment}>
                    {sample.comment ? (
                      <SafeText text={sample.comment} />
                    ) : (
                      <span className={styles.small}>{t.detail.noComment}</span>
                    )}
                  </TableCell>
                  <TableCell style={{ overflowWrap: "break-word" }}>
                    {sampleLine(t, sample)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </>
  );
}
