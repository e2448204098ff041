import { Badge } from "@fluentui/react-components";
import { escapeForDisplay, type Shown } from "./escape";
import { useStrings } from "./i18n";

/** The warning beside text that had characters escaped. */
export function EscapedBadge() {
  const t = useStrings();
  return (
    <Badge appearance="tint" color="warning" shape="rounded" title={t.escaped.explanation}>
      {t.escaped.badge}
    </Badge>
  );
}

/** Already escaped text, isolated from its surroundings, with the warning when it needs one. */
export function ShownText(props: { shown: Shown; className?: string }) {
  return (
    <>
      <bdi className={props.className}>{props.shown.text}</bdi>
      {props.shown.escaped && (
        <>
          {" "}
          <EscapedBadge />
        </>
      )}
    </>
  );
}

/**
 * Text from outside (sender keys, names, comments, notes) as the console shows it: bidi,
 * zero-width and other invisible characters escaped, and in identifiers look-alike letters too.
 */
export function SafeText(props: { text: string; identifier?: boolean; className?: string }) {
  return (
    <ShownText
      shown={escapeForDisplay(props.text, props.identifier ?? false)}
      {...(props.className ? { className: props.className } : {})}
    />
  );
}
