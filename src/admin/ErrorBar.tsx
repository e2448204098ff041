import { MessageBar, MessageBarBody } from "@fluentui/react-components";

/** A section's failed load or action, in the service's words; nothing when there is none. */
export function ErrorBar(props: { message: string | null }) {
  if (!props.message) return null;
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>{props.message}</MessageBarBody>
    </MessageBar>
  );
}
