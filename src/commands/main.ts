import { loadRuntimeConfig } from "../api";
import { createOfficeHost } from "../office/office-host";
import { createCommandEntry } from "./entry";
import { commandDeps } from "./wiring";

/**
 * The function file's script (commands.html). Outlook loads the page hidden, waits for
 * Office.onReady, and calls the function the manifest's <FunctionName> names.
 */

const log = (message: string, detail?: unknown) => console.warn(`[vouch] ${message}`, detail ?? "");

export const reportNotSpam = createCommandEntry({
  host: () => createOfficeHost(Office, window),
  config: () => loadRuntimeConfig(document, fetch),
  deps: (config, host) => commandDeps(config, host, window.localStorage, log),
  log,
});

Office.onReady(() => {
  Office.actions.associate("reportNotSpam", reportNotSpam);
});
