import type { Remedy } from "../analysis/remedy";
import type { Strings } from "./i18n";

export type FirstLineIntent = "error" | "warning" | "success" | "info";

export interface FirstLine {
  intent: FirstLineIntent;
  title: string;
  body: string;
}

/**
 * The pane's first line for one message: what it is and what to do, in one or two sentences,
 * read off the shared rule module's answer so it agrees with the buttons and the service.
 */
export function firstLineOf(remedy: Remedy, t: Strings): FirstLine {
  const lines = t.firstLine;
  if (remedy.situation === "threat" || remedy.threat !== null) {
    const kind = remedy.threat ? `${lines.threat[remedy.threat]} ` : "";
    return { intent: "error", title: lines.threatTitle, body: `${kind}${lines.threatAdvice}` };
  }
  const { situation } = remedy;
  const title = lines.title[situation];
  switch (situation) {
    case "not-junked":
      return {
        intent: "success",
        title,
        body: remedy.offers.trustedSender
          ? lines.next["not-junked"].trusted
          : lines.next["not-junked"].plain,
      };
    case "allowed":
      return { intent: "success", title, body: lines.next.allowed };
    case "user-settings":
    case "policy":
    case "gateway":
    case "filtered":
      return { intent: "warning", title, body: lines.next[situation] };
    case "bulk":
    case "unauthenticated":
      return { intent: "warning", title, body: lines.next[situation][remedy.allow] };
    case "unknown":
      return { intent: "info", title, body: lines.next.unknown[remedy.allow] };
  }
}
