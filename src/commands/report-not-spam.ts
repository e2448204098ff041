import type {
  GraphHeadersResult,
  GraphMailbox,
  RescueOutcome,
  ReportQueue,
  ReportRequest,
} from "../api";
import type { HeadersResult, HostNotification, ItemMailbox, MailHost } from "../office/host";
import { analyzeHeaders } from "../analysis/analyze";
import { languageOf } from "../analysis/language";
import { remedyOf } from "../analysis/remedy";
import { notificationsFor, type Notifications } from "./messages";

/**
 * The "Not spam" ribbon button: read the headers, analyse them with the shared rule module
 * (src/analysis/remedy.ts) and stop there when it offers no "Not spam" (a threat, mail not in
 * Junk), sign in silently, post the report through the shared retry queue, tell the person what
 * happened, and always call event.completed() — on success, on error and after a deadline well
 * inside Outlook's five minutes.
 */

/** The part of Office.AddinCommands.Event the command needs. */
export interface CommandEvent {
  completed(): void;
}

/**
 * Silent sign-in only: a function command has no window for a popup. `account()` throws when the
 * person must sign in interactively; the queue then files the report under a placeholder account
 * until the pane signs them in (see sign-in.ts).
 */
export interface SilentSignIn {
  account(): Promise<string>;
}

export interface ReportNotSpamDeps {
  host: MailHost;
  signIn: SilentSignIn;
  queue: Pick<ReportQueue, "submit">;
  /** Headers from Graph when Office.js gives none usable; absent where Graph is not available. */
  graphHeaders?: (restItemId: string, mailbox: GraphMailbox) => Promise<GraphHeadersResult>;
  /** Whether the admin enabled telling Microsoft (read from the service). */
  reportToMicrosoftEnabled?: () => Promise<boolean>;
  /** Out of Junk after the report: reportMessage where enabled and allowed, else a move. */
  rescue?: (
    restItemId: string | null,
    mailbox: GraphMailbox,
    tellMicrosoft: boolean,
  ) => Promise<RescueOutcome>;
  /** The whole command's deadline. */
  timeoutMs?: number;
  /** How long a notification may take before the command gives up on it. */
  notifyTimeoutMs?: number;
  log?: (message: string, detail?: unknown) => void;
}

export const COMMAND_TIMEOUT_MS = 20_000;
export const NOTIFY_TIMEOUT_MS = 3_000;

/**
 * Shows a notification, giving up after `ms` (Outlook may never answer), and then completes
 * the event whatever happened: Outlook queues further clicks until completed() is called.
 */
export async function notifyAndComplete(
  host: Pick<MailHost, "notify">,
  notification: HostNotification,
  event: CommandEvent,
  options: { ms?: number; log?: (message: string, detail?: unknown) => void } = {},
): Promise<void> {
  try {
    await within(host.notify(notification), options.ms ?? NOTIFY_TIMEOUT_MS);
  } catch (error) {
    options.log?.("notification failed", error);
  } finally {
    event.completed();
  }
}

/** Where the command is, so a timeout can say truthfully whether the report was kept. */
type Stage = "reading" | "signing-in" | "sending" | "telling-microsoft";

class Deadline extends Error {}

export function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Deadline()), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** The notifications in the language Outlook shows. */
function notificationsOf(deps: ReportNotSpamDeps): Notifications {
  return notificationsFor(languageOf(deps.host.displayLanguage));
}

async function usableHeaders(
  deps: ReportNotSpamDeps,
  mailbox: ItemMailbox,
): Promise<{ text: string } | { problem: HostNotification }> {
  const { fixed } = notificationsOf(deps);
  const result: HeadersResult = await deps.host.readHeaders();
  if (result.kind === "ok") return { text: result.text };
  if (result.kind === "no-item") return { problem: fixed.noItem };
  // Empty, Subject-only, unsupported or failed: Graph may still have them.
  const restId = deps.host.restItemId();
  if (restId && deps.graphHeaders) {
    const fromGraph = await deps.graphHeaders(restId, mailbox);
    if (fromGraph.ok) return { text: fromGraph.text };
    deps.log?.("Graph header fallback failed", fromGraph);
  }
  return { problem: fixed.noHeaders };
}

async function run(deps: ReportNotSpamDeps, stage: { now: Stage }): Promise<HostNotification> {
  const say = notificationsOf(deps);
  stage.now = "reading";
  const item = deps.host.currentItem();
  if (!item) return say.fixed.noItem;
  if (!item.internetMessageId) return say.fixed.noMessageId;
  const mailbox = await deps.host.itemMailbox();
  const headers = await usableHeaders(deps, mailbox);
  if ("problem" in headers) return headers.problem;

  // The pane would show no "Not spam" for this message, so neither does the button: a threat is
  // never reported as wanted, and Microsoft is never told "not junk" (which moves it to the Inbox).
  const remedy = remedyOf(analyzeHeaders(headers.text));
  if (remedy.offers.notSpam === "hidden") return say.notReported(remedy);

  stage.now = "signing-in";
  let signedIn = true;
  try {
    await deps.signIn.account();
  } catch (error) {
    deps.log?.("silent sign-in failed", error);
    signedIn = false;
  }

  stage.now = "sending";
  const request: ReportRequest = {
    internetMessageId: item.internetMessageId,
    headers: headers.text,
    kind: "not-spam",
    // The service counts a shared mailbox as its own only once it has checked the claim.
    ...(mailbox.kind === "shared" ? { mailbox: mailbox.owner } : {}),
  };
  // The queue stores the report before its first try, so from here on it is never lost.
  const outcome = await deps.queue.submit(request);
  if (outcome.state === "failed") return say.refused(outcome.error);
  if (outcome.state === "queued") {
    if (!signedIn || outcome.error?.kind === "auth") return say.fixed.signInNeeded;
    return outcome.error ? say.fixed.savedWillRetry : say.fixed.savedSending;
  }

  stage.now = "telling-microsoft";
  const moved = await outOfJunk(deps, mailbox);
  return say.reported(outcome.response, moved);
}

/**
 * Best effort: the report to the admins already succeeded; this takes the message out of Junk
 * (and, where the admin enabled it, tells Microsoft on the way).
 */
async function outOfJunk(deps: ReportNotSpamDeps, mailbox: ItemMailbox): Promise<boolean> {
  if (!deps.rescue) return false;
  try {
    const tellMicrosoft = deps.reportToMicrosoftEnabled
      ? await deps.reportToMicrosoftEnabled().catch(() => false)
      : false;
    const result = await deps.rescue(deps.host.restItemId(), mailbox, tellMicrosoft);
    if (!result.moved) deps.log?.("moving out of Junk failed", result);
    return result.moved;
  } catch (error) {
    deps.log?.("moving out of Junk failed", error);
    return false;
  }
}

function timeoutMessage(stage: Stage, say: Notifications): HostNotification {
  switch (stage) {
    case "reading":
      return say.fixed.readingTimedOut;
    case "signing-in":
      return say.fixed.signInTimedOut;
    case "sending":
      return say.fixed.sendingTimedOut;
    case "telling-microsoft":
      return say.fixed.reportedMicrosoftSlow;
  }
}

export function createReportNotSpam(
  deps: ReportNotSpamDeps,
): (event: CommandEvent) => Promise<void> {
  const timeoutMs = deps.timeoutMs ?? COMMAND_TIMEOUT_MS;
  const notifyTimeoutMs = deps.notifyTimeoutMs ?? NOTIFY_TIMEOUT_MS;
  return async (event) => {
    const stage = { now: "reading" as Stage };
    let notification: HostNotification;
    try {
      notification = await within(run(deps, stage), timeoutMs);
    } catch (error) {
      if (error instanceof Deadline)
        notification = timeoutMessage(stage.now, notificationsOf(deps));
      else {
        deps.log?.("reportNotSpam failed", error);
        notification = notificationsOf(deps).unexpected(error);
      }
    }
    await notifyAndComplete(deps.host, notification, event, {
      ms: notifyTimeoutMs,
      ...(deps.log ? { log: deps.log } : {}),
    });
  };
}
