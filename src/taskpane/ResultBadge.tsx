import { Badge } from "@fluentui/react-components";

type BadgeColor = "success" | "danger" | "warning" | "informative";

export function resultColor(result: string): BadgeColor {
  switch (result.toLowerCase()) {
    case "pass":
      return "success";
    case "fail":
    case "permerror":
    case "softfail":
    case "hardfail":
      return "danger";
    case "none":
    case "neutral":
    case "bestguesspass":
      return "informative";
    default:
      return "warning";
  }
}

/** A pass / fail badge; the word itself is the label, so colour is never the only cue. */
export function ResultBadge({ result }: { result: string }) {
  return (
    <Badge appearance="filled" color={resultColor(result)} shape="rounded">
      {result}
    </Badge>
  );
}
