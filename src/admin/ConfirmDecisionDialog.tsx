import { useState } from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  MessageBar,
  MessageBarBody,
  Text,
  Textarea,
} from "@fluentui/react-components";
import { escapeForDisplay } from "./escape";
import { useStrings } from "./i18n";

/**
 * Reject and revoke ask first: a note is required (the audit log keeps it, and the service
 * refuses the decision without one) and the admin confirms in this dialog.
 */
export function ConfirmDecisionDialog(props: {
  action: "reject" | "revoke";
  senderKey: string;
  takesBackApproved: boolean;
  initialNote: string;
  busy: boolean;
  /** The service's answer when it refused the decision. */
  error: string | null;
  onCancel: () => void;
  onConfirm: (note: string) => void;
}) {
  const t = useStrings();
  const [note, setNote] = useState(props.initialNote);
  const [tried, setTried] = useState(false);
  const sender = escapeForDisplay(props.senderKey, true).text;
  const revoke = props.action === "revoke";
  const missing = note.trim() === "";
  const confirm = () => {
    setTried(true);
    if (!missing) props.onConfirm(note.trim());
  };
  return (
    <Dialog
      open
      modalType="alert"
      onOpenChange={(_, data) => {
        if (!data.open) props.onCancel();
      }}
    >
      <DialogSurface>
        <DialogBody>
          <DialogTitle>
            {revoke ? t.confirm.revokeTitle(sender) : t.confirm.rejectTitle(sender)}
          </DialogTitle>
          <DialogContent style={{ display: "flex", flexDirection: "column", gap: 12 }}>
            <Text>{revoke ? t.confirm.revokeBody : t.confirm.rejectBody}</Text>
            {props.takesBackApproved && !revoke && <Text>{t.confirm.takesBackApproved}</Text>}
            <Field
              label={t.confirm.noteLabel}
              required
              validationState={tried && missing ? "error" : "none"}
              validationMessage={tried && missing ? t.confirm.noteMissing : undefined}
            >
              <Textarea
                value={note}
                onChange={(_, data) => setNote(data.value)}
                maxLength={1000}
                resize="vertical"
              />
            </Field>
            {props.error && (
              <MessageBar intent="error" role="alert">
                <MessageBarBody>{props.error}</MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={props.onCancel} disabled={props.busy}>
              {t.common.cancel}
            </Button>
            <Button
              appearance="primary"
              onClick={confirm}
              disabled={props.busy || (tried && missing)}
            >
              {revoke ? t.confirm.confirmRevoke : t.confirm.confirmReject}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
