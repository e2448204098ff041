import { createRoot } from "react-dom/client";
import { createOfficeHost } from "../office/office-host";
import { Pane } from "./Pane";
import { OutsideOutlook } from "./OutsideOutlook";

/**
 * The task pane's entry: inside Outlook, the Office.js host and a signed-in API; anywhere
 * else, a pointer to Outlook or the harness.
 */
async function start(root: HTMLElement): Promise<void> {
  const reactRoot = createRoot(root);
  const outside = () => reactRoot.render(<OutsideOutlook language={navigator.language} />);
  if (typeof Office === "undefined") return outside();
  // Requested now, so it downloads while Office.js starts.
  const signIn = import("./office-services");
  const info = await Office.onReady();
  if (info.host !== Office.HostType.Outlook || !Office.context.mailbox) return outside();

  const host = createOfficeHost();
  document.documentElement.lang = host.displayLanguage;
  const services = await (await signIn).officeServices(host).catch(() => null);
  reactRoot.render(
    <Pane
      host={host}
      api={services?.api ?? null}
      queue={services?.queue ?? null}
      graph={services?.graph ?? null}
      rescue={services?.rescue ?? null}
    />,
  );
}

const root = document.getElementById("root");
if (root) void start(root);
