import { createRoot } from "react-dom/client";
import type { MailHost } from "../office/host";
import type { MessageState } from "./message-state";
import { OutsideOutlook } from "./OutsideOutlook";
import { Pane } from "./Pane";
import type { SignedInServices } from "./services";

export interface PaneStart {
  host: MailHost;
  /** The open item as start-up read it (main.ts), or undefined to read it here. */
  initial?: MessageState;
  /** Starts sign-in once, or returns the sign-in already under way. */
  signIn: () => Promise<SignedInServices | null>;
}

/**
 * The React pane over whatever start-up drew in `root` (React replaces it in one commit). Until
 * sign-in has finished the report buttons say "signing in"; sign-in is started at the latest
 * once the pane has shown its first answer.
 */
export function mountPane(root: HTMLElement, start: PaneStart): void {
  const reactRoot = createRoot(root);
  const render = (services: SignedInServices | null, signingIn: boolean) =>
    reactRoot.render(
      <Pane
        host={start.host}
        initial={start.initial}
        api={services?.api ?? null}
        queue={services?.queue ?? null}
        graph={services?.graph ?? null}
        rescue={services?.rescue ?? null}
        signingIn={signingIn}
        onShown={() => {
          void start.signIn().then((signedIn) => render(signedIn, false));
        }}
      />,
    );
  render(null, true);
}

/** Outside Outlook: a pointer to Outlook or the harness. */
export function mountOutside(root: HTMLElement): void {
  createRoot(root).render(<OutsideOutlook language={navigator.language} />);
}
