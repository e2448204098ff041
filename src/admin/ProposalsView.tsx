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
import { ProposalDetailView } from "./ProposalDetailView";
import { EXPORT_LABELS, STATUS_COLORS, STATUS_LABELS } from "./labels";
import { useAdminStyles } from "./styles";
import { useLoad } from "./use-load";

const PAGE = 50;

function ProposalRow(props: { proposal: ProposalDto; selected: boolean; onSelect: () => void }) {
  const styles = useAdminStyles();
  const { proposal } = props;
  return (
    <li>
      <button
        type="button"
        className={mergeClasses(styles.row, props.selected && styles.rowSelected)}
        aria-current={props.selected ? "true" : undefined}
        onClick={props.onSelect}
      >
        <span className={styles.sender}>{proposal.senderKey}</span>
        <span className={styles.meta}>
          <Badge appearance="tint" color={STATUS_COLORS[proposal.status]}>
            {STATUS_LABELS[proposal.status]}
          </Badge>
          <Text weight="semibold" aria-label={`strength ${proposal.strength} of 100`}>
            {proposal.strength}
          </Text>
        </span>
        <span className={styles.reason} title={proposal.reason}>
          {proposal.reason}
        </span>
      </button>
    </li>
  );
}

export function ProposalsView(props: { client: AdminClient }) {
  const styles = useAdminStyles();
  const [status, setStatus] = useState<AdminProposalStatus | "all">("all");
  const [offset, setOffset] = useState(0);
  const [selected, setSelected] = useState<string | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const [page, reload] = useLoad(
    () => props.client.proposals({ ...(status === "all" ? {} : { status }), limit: PAGE, offset }),
    [props.client, status, offset],
  );

  const exportAll = async (format: ExportFormatDto) => {
    setExportError(null);
    try {
      saveFile(await props.client.exportAll(format));
    } catch (error) {
      setExportError(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <div className={styles.split}>
      <section
        className={mergeClasses(styles.card, selected !== null && styles.hideWhenNarrow)}
        aria-labelledby="proposals-heading"
      >
        <Subtitle2 as="h2" id="proposals-heading">
          Proposals, strongest first
        </Subtitle2>
        <div className={styles.actions}>
          <Field label="Status">
            <Dropdown
              value={status === "all" ? "All" : STATUS_LABELS[status]}
              selectedOptions={[status]}
              onOptionSelect={(_, data) => {
                setStatus((data.optionValue ?? "all") as AdminProposalStatus | "all");
                setOffset(0);
              }}
            >
              <Option value="all">All</Option>
              {adminProposalStatusSchema.options.map((value) => (
                <Option key={value} value={value}>
                  {STATUS_LABELS[value]}
                </Option>
              ))}
            </Dropdown>
          </Field>
          <Menu>
            <MenuTrigger disableButtonEnhancement>
              <Button style={{ alignSelf: "flex-end" }}>Export all approved</Button>
            </MenuTrigger>
            <MenuPopover>
              <MenuList>
                {(Object.keys(EXPORT_LABELS) as ExportFormatDto[]).map((format) => (
                  <MenuItem key={format} onClick={() => void exportAll(format)}>
                    {EXPORT_LABELS[format]}
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
        {page.state === "loading" && <Spinner label="Loading proposals…" />}
        {page.state === "error" && <Text role="alert">{page.message}</Text>}
        {page.state === "ready" && (
          <>
            <Text className={styles.small}>
              {page.value.total} sender{page.value.total === 1 ? "" : "s"}
            </Text>
            {page.value.items.length === 0 ? (
              <Text>No proposal here yet: they appear as people report.</Text>
            ) : (
              <ul className={styles.list} aria-label="Proposals">
                {page.value.items.map((proposal) => (
                  <ProposalRow
                    key={proposal.id}
                    proposal={proposal}
                    selected={proposal.id === selected}
                    onSelect={() => setSelected(proposal.id)}
                  />
                ))}
              </ul>
            )}
            <div className={styles.actions}>
              <Button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                Previous
              </Button>
              <Button
                disabled={page.value.nextOffset === null}
                onClick={() => setOffset(page.value.nextOffset ?? offset)}
              >
                Next
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
          onBack={() => setSelected(null)}
          onChanged={reload}
        />
      ) : (
        <section className={mergeClasses(styles.card, styles.hideWhenNarrow)}>
          <Text>Choose a proposal to see its evidence and decide.</Text>
        </section>
      )}
    </div>
  );
}
