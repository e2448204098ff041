import { loadRuntimeConfig } from "../api";
import { createOfficeHost } from "../office/office-host";
import { languageOf } from "../analysis/language";
import { notificationsFor } from "./messages";
import { createReportNotSpam, type CommandEvent } from "./report-not-spam";
import { commandDeps } from "./wiring";

/**
 * The function file's script (commands.html). Outlook loads the page hidden, waits for
 * Office.onReady, and calls the function the manifest's <FunctionName> names.
 */

const CONFIG_TIMEOUT_MS = 5_000;

const log = (message: string, detail?: unknown) => console.warn(`[vouch] ${message}`, detail ?? "");

async function configWithin(ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  try {
    return await Promise.race([loadRuntimeConfig(document, fetch), late]);
  } finally {
    clearTimeout(timer);
  }
}

export async function reportNotSpam(event: CommandEvent): Promise<void> {
  try {
    const host = createOfficeHost(Office, window);
    const config = await configWithin(CONFIG_TIMEOUT_MS);
    if (!config) {
      await host
        .notify(notificationsFor(languageOf(host.displayLanguage)).fixed.notConfigured)
        .catch((error: unknown) => log("notification failed", error));
      event.completed();
      return;
    }
    // createReportNotSpam calls event.completed() on every path of its own.
    await createReportNotSpam(commandDeps(config, host, window.localStorage, log))(event);
  } catch (error) {
    log("reportNotSpam could not start", error);
    event.completed();
  }
}

Office.onReady(() => {
  Office.actions.associate("reportNotSpam", reportNotSpam);
});
