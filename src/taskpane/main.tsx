import { createRoot } from "react-dom/client";
import { createOfficeHost } from "../office/office-host";
import type { MailHost } from "../office/host";
import { Pane } from "./Pane";
import { OutsideOutlook } from "./OutsideOutlook";
import type { SignedInServices } from "./services";

/**
 * The task pane's entry: inside Outlook, the Office.js host and a signed-in API; anywhere
 * else, a pointer to Outlook or the harness.
 *
 * The verdict needs only Office.js and the analysis engine, so the pane renders as soon as
 * Office is ready; sign-in (the runtime config, MSAL, the token) starts once the pane has shown
 * its first answer, so that its download and start-up do not compete with the verdict's, and
 * the report buttons say "signing in" until it is done.
 */
async function start(root: HTMLElement): Promise<void> {
  const reactRoot = createRoot(root);
  const outside = () => reactRoot.render(<OutsideOutlook language={navigator.language} />);
  if (typeof Office === "undefined") return outside();
  const info = await Office.onReady();
  if (info.host !== Office.HostType.Outlook || !Office.context.mailbox) return outside();

  const host = createOfficeHost();
  document.documentElement.lang = host.displayLanguage;
  let signIn: Promise<void> | null = null;
  const render = (services: SignedInServices | null, signingIn: boolean) =>
    reactRoot.render(
      <Pane
        host={host}
        api={services?.api ?? null}
        queue={services?.queue ?? null}
        graph={services?.graph ?? null}
        rescue={services?.rescue ?? null}
        signingIn={signingIn}
        onShown={() => {
          signIn ??= signInTo(host).then((signedIn) => render(signedIn, false));
        }}
      />,
    );
  render(null, true);
}

/** The signed-in services, or null when sign-in is not possible or fails (the pane explains). */
async function signInTo(host: MailHost): Promise<SignedInServices | null> {
  try {
    const { officeServices } = await import("./office-services");
    return await officeServices(host);
  } catch {
    return null;
  }
}

const root = document.getElementById("root");
if (root) void start(root);
