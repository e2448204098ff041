import type { RuntimeConfig } from "../api";
import { languageOf } from "../analysis/language";
import type { MailHost } from "../office/host";
import { notificationsFor } from "./messages";
import {
  createReportNotSpam,
  notifyAndComplete,
  within,
  type CommandEvent,
  type ReportNotSpamDeps,
} from "./report-not-spam";

/**
 * What the function file does when the button is clicked, before the command proper: build the
 * host, read the runtime configuration within a deadline, and say "not configured" when there is
 * none. Every path ends in event.completed(), each wait with a deadline of its own.
 */
export interface CommandStart {
  host: () => MailHost;
  config: () => Promise<RuntimeConfig | null>;
  deps: (config: RuntimeConfig, host: MailHost) => ReportNotSpamDeps;
  configTimeoutMs?: number;
  notifyTimeoutMs?: number;
  log?: (message: string, detail?: unknown) => void;
}

export const CONFIG_TIMEOUT_MS = 5_000;

export function createCommandEntry(start: CommandStart): (event: CommandEvent) => Promise<void> {
  const log = start.log;
  return async (event) => {
    let host: MailHost;
    let config: RuntimeConfig | null;
    try {
      host = start.host();
      config = await within(start.config(), start.configTimeoutMs ?? CONFIG_TIMEOUT_MS).catch(
        (error: unknown) => {
          log?.("runtime configuration unavailable", error);
          return null;
        },
      );
    } catch (error) {
      log?.("reportNotSpam could not start", error);
      event.completed();
      return;
    }
    if (!config) {
      const notConfigured = notificationsFor(languageOf(host.displayLanguage)).fixed.notConfigured;
      await notifyAndComplete(host, notConfigured, event, {
        ...(start.notifyTimeoutMs !== undefined ? { ms: start.notifyTimeoutMs } : {}),
        ...(log ? { log } : {}),
      });
      return;
    }
    try {
      // createReportNotSpam calls event.completed() on every path of its own.
      await createReportNotSpam({
        ...start.deps(config, host),
        ...(start.notifyTimeoutMs !== undefined ? { notifyTimeoutMs: start.notifyTimeoutMs } : {}),
      })(event);
    } catch (error) {
      log?.("reportNotSpam could not start", error);
      event.completed();
    }
  };
}
