import { useState } from "react";
import {
  Badge,
  Button,
  Dropdown,
  Field,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Option,
  Spinner,
  Subtitle2,
  Text,
  mergeClasses,
} from "@fluentui/react-components";
import {
  adminProposalStatusSchema,
  type AdminProposalStatus,
  type ExportFormatDto,
  type ProposalDto,
} from "../api/admin-contract";
import { saveFile, type AdminClient } from "./admin-client";
import { useStrings } from "./i18n";
import { ProposalDetailView } from "./ProposalDetailView";
import { STATUS_COLORS } from "./labels";
import { SafeText } from "./SafeText";
import { useAdminStyles } from "./styles";
import { useLoad } from "./use-load";
import { reasonOf } from "./words";

const PAGE = 50;
/** Approved entries whose evidence turned: the console lists them before everything else. */
const REVIEW_FIRST = 200;

function ProposalRow(props: { proposal: ProposalDto; selected: boolean; onSelect: () => void }) {
  const styles = useAdminStyles();
  const t = useStrings();
  const { proposal } = props;
  const reason = reasonOf(t, proposal);
  return (
    <li>
      <button
        type="button"
        className={mergeClasses(styles.row, props.selected && styles.rowSelected)}
        aria-current={props.selected ? "true" : undefined}
        onClick={props.onSelect}
      >
        <span className={styles.sender}>
          <SafeText text={proposal.senderKey} identifier />
        </span>
        <span className={styles.meta}>
          <Badge appearance="tint" color={STATUS_COLORS[proposal.status]}>
            {t.status[proposal.status]}
          </Badge>
          <Text weight="semibold" className={styles.noWrap}>
            {t.proposals.strengthShort(proposal.strength)}
          </Text>
        </span>
        <span className={styles.reason} title={reason}>
          {reason}
        </span>
      </button>
    </li>
  );
}

export function ProposalsView(props: {
  client: AdminClient;
  selected: string | null;
  onSelect: (id: string | null) => void;
}) {
  const styles = useAdminStyles();
  const t = useStrings();
  const { selected, onSelect } = props;
  const [status, setStatus] = useState<AdminProposalStatus | "all">("all");
  const [offset, setOffset] = useState(0);
  const [exportError, setExportError] = useState<string | null>(null);
  const [page, reload] = useLoad(
    () => props.client.proposals({ ...(status === "all" ? {} : { status }), limit: PAGE, offset }),
    [props.client, status, offset],
  );
  const reviewFirst = status === "all";
  const [review, reloadReview] = useLoad(
    () =>
      reviewFirst
        ? props.client.proposals({ status: "needs-review", limit: REVIEW_FIRST })
        : Promise.resolve(null),
    [props.client, reviewFirst],
  );
  const changed = () => {
    reload();
    reloadReview();
  };

  const exportAll = async (format: ExportFormatDto) => {
    setExportError(null);
    try {
      saveFile(await props.client.exportAll(format));
    } catch (error) {
      setExportError(error instanceof Error ? error.message : String(error));
    }
  };

  const needsReview = review.state === "ready" && review.value ? review.value.items : [];
  const reviewIds = new Set(needsReview.map((proposal) => proposal.id));
  const row = (proposal: ProposalDto) => (
    <ProposalRow
      key={proposal.id}
      proposal={proposal}
      selected={proposal.id === selected}
      onSelect={() => onSelect(proposal.id)}
    />
  );

  return (
    <div className={styles.split}>
      <section
        className={mergeClasses(styles.card, selected !== null && styles.hideWhenNarrow)}
        aria-labelledby="proposals-heading"
      >
        <Subtitle2 as="h2" id="proposals-heading">
          {t.proposals.heading}
        </Subtitle2>
        <div className={styles.actions}>
          <Field label={t.proposals.statusFilter}>
            <Dropdown
              value={status === "all" ? t.proposals.all : t.status[status]}
              selectedOptions={[status]}
              onOptionSelect={(_, data) => {
                setStatus((data.optionValue ?? "all") as AdminProposalStatus | "all");
                setOffset(0);
              }}
            >
              <Option value="all">{t.proposals.all}</Option>
              {adminProposalStatusSchema.options.map((value) => (
                <Option key={value} value={value}>
                  {t.status[value]}
                </Option>
              ))}
            </Dropdown>
          </Field>
          <Menu>
            <MenuTrigger disableButtonEnhancement>
              <Button style={{ alignSelf: "flex-end" }}>{t.proposals.exportAll}</Button>
            </MenuTrigger>
            <MenuPopover>
              <MenuList>
                {(Object.keys(t.exports) as ExportFormatDto[]).map((format) => (
                  <MenuItem key={format} onClick={() => void exportAll(format)}>
                    {t.exports[format]}
                  </MenuItem>
                ))}
              </MenuList>
            </MenuPopover>
          </Menu>
        </div>
        {exportError && (
          <Text role="alert" className={styles.breakable}>
            {exportError}
          </Text>
        )}
        {needsReview.length > 0 && offset === 0 && (
          <div className={styles.reviewGroup}>
            <Subtitle2 as="h3" id="review-heading">
              {t.proposals.needsReviewHeading}
            </Subtitle2>
            <Text className={styles.small}>{t.proposals.needsReviewCount(needsReview.length)}</Text>
            <ul className={styles.list} aria-labelledby="review-heading">
              {needsReview.map(row)}
            </ul>
          </div>
        )}
        {page.state === "loading" && <Spinner label={t.proposals.loading} />}
        {page.state === "error" && <Text role="alert">{page.message}</Text>}
        {page.state === "ready" && (
          <>
            <Text className={styles.small}>{t.proposals.count(page.value.total)}</Text>
            {page.value.items.length === 0 ? (
              <Text>{t.proposals.empty}</Text>
            ) : (
              <ul className={styles.list} aria-label={t.proposals.listLabel}>
                {page.value.items.filter((proposal) => !reviewIds.has(proposal.id)).map(row)}
              </ul>
            )}
            <div className={styles.actions}>
              <Button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                {t.common.previous}
              </Button>
              <Button
                disabled={page.value.nextOffset === null}
                onClick={() => setOffset(page.value.nextOffset ?? offset)}
              >
                {t.common.next}
              </Button>
            </div>
          </>
        )}
      </section>
      {selected ? (
        <ProposalDetailView
          key={selected}
          client={props.client}
          id={selected}
          onBack={() => onSelect(null)}
          onChanged={changed}
        />
      ) : (
        <section className={mergeClasses(styles.card, styles.hideWhenNarrow)}>
          <Text>{t.proposals.choose}</Text>
        </section>
      )}
    </div>
  );
}
