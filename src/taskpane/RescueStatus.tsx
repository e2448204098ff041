import type { ItemMailbox } from "../office/host";
import { useStrings } from "./strings-context";
import { useSectionStyles } from "./styles";
import type { RescueState } from "./use-report";

/** What became of the message after "Not spam": out of Junk, or how to move it by hand. */
export function RescueStatus(props: { rescue: RescueState }) {
  const t = useStrings();
  const section = useSectionStyles();
  const { rescue } = props;
  if (rescue.phase === "idle") return null;
  const text =
    rescue.phase === "moving"
      ? t.rescue.moving
      : rescue.phase === "moved"
        ? rescue.via === "report-to-microsoft"
          ? t.rescue.movedAndReported
          : t.rescue.moved
        : rescue.shared
          ? t.rescue.manualShared
          : t.rescue.manual;
  return (
    <p className={section.text} aria-live="polite" data-testid="rescue-status">
      {text}
    </p>
  );
}

/** Says whose mailbox the message is in when it is not the person's own. */
export function SharedMailboxNote(props: { mailbox: ItemMailbox }) {
  const t = useStrings();
  const section = useSectionStyles();
  if (props.mailbox.kind !== "shared") return null;
  return (
    <p className={section.muted} data-testid="shared-mailbox">
      {t.sharedMailbox(props.mailbox.owner)}
    </p>
  );
}
