import type { MailHost } from "../office/host";
import { canPaintFirst, paintFirstVerdict, warmUpFonts } from "./first-paint";
import { stringsFor } from "./i18n";
import {
  failedState,
  loadAnalyzer,
  loadMessage,
  type Engine,
  type MessageState,
} from "./message-state";
import { paintPaneFailed } from "./pane-failed";
import { markVerdictPainted, nextPaint } from "./perf";
import type { SignedInServices } from "./services";

/**
 * The task pane's entry, without React: inside Outlook, the verdict first, then the rest.
 *
 * 1. This module is an async script ahead of Office.js (taskpane.html, scripts/scripts-before.ts):
 *    it runs as soon as it has arrived, while Office.js still loads, and starts the analysis
 *    engine (whose chunk the page preloads, vite.config.ts), so that evaluates in the gaps
 *    Office.js leaves. In those gaps it also warms up what the verdict will need: the engine
 *    runs once on a small message, and the first paint's fonts are matched. Office.js is a
 *    parser-blocking script, so once the document is parsed it has run; Office.onReady, then
 *    the item's headers, are read as soon as Office is ready.
 * 2. The verdict is drawn with the DOM alone (first-paint.ts), without waiting for React and
 *    Fluent UI, whose code is most of what the pane evaluates.
 * 3. Only then do the React pane (mount-pane.tsx, given the state already read) and sign-in (the
 *    runtime config, MSAL, the token) load; the report buttons say "signing in" until it is done.
 *
 * Where the first paint cannot draw the answer (headers missing, forced colours, no item), the
 * React pane renders it as before and sign-in starts once it has.
 */
async function start(root: HTMLElement): Promise<void> {
  if (typeof Office === "undefined") return mountOutside(root);
  const info = await Office.onReady();
  officeReady = true;
  if (info.host !== Office.HostType.Outlook || !Office.context.mailbox) return mountOutside(root);

  let engine: Engine;
  try {
    engine = await loadAnalyzer();
  } catch {
    return paintPaneFailed(root, stringsFor(Office.context.displayLanguage || navigator.language));
  }
  const host = engine.createOfficeHost();
  document.documentElement.lang = host.displayLanguage;
  const initial = await readFirstItem(host);
  const signIn = once(() => signInTo(host));
  const painted = await paintFirst(root, host, initial, engine);
  if (painted) void signIn();
  try {
    const { mountPane } = await import("./mount-pane");
    mountPane(root, { host, initial, signIn });
  } catch {
    paintPaneFailed(root, stringsFor(host.displayLanguage));
  }
}

/** Set once Office.js is ready: from then on a warm-up would only hold the verdict back. */
let officeReady = false;

/** Resolves once the parser is done, and with it Office.js, which blocks it. */
function documentParsed(): Promise<void> {
  if (document.readyState !== "loading") return Promise.resolve();
  return new Promise((resolve) =>
    document.addEventListener("DOMContentLoaded", () => resolve(), { once: true }),
  );
}

/** The open item read and analysed as the React pane would (message-state.ts). */
async function readFirstItem(host: MailHost): Promise<MessageState> {
  const item = host.currentItem();
  if (!item) return { phase: "no-item" };
  // No Graph fallback yet: it comes with sign-in, after the first answer (use-message.ts).
  return loadMessage(host, item, null).catch((error: unknown) => failedState(item, error));
}

/** Draws the verdict without React where it can; true once it is on screen. */
async function paintFirst(
  root: HTMLElement,
  host: MailHost,
  state: MessageState,
  engine: Engine,
): Promise<boolean> {
  const theme = host.theme();
  if (state.phase !== "ready" || !canPaintFirst(theme)) return false;
  paintFirstVerdict(root, {
    remedy: engine.remedyOf(state.analysis),
    subject: state.item.subject,
    mailbox: state.mailbox,
    strings: stringsFor(host.displayLanguage),
    theme,
  });
  await nextPaint();
  markVerdictPainted();
  return true;
}

async function mountOutside(root: HTMLElement): Promise<void> {
  try {
    (await import("./mount-pane")).mountOutside(root);
  } catch {
    paintPaneFailed(root, stringsFor(navigator.language));
  }
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

function once<T>(run: () => T): () => T {
  let result: { value: T } | null = null;
  return () => (result ??= { value: run() }).value;
}

void loadAnalyzer().then(
  (engine) => {
    if (!officeReady) engine.warmUpEngine(engine.languageOf(navigator.language));
  },
  () => undefined,
);
// Right away, not in an idle callback (Chromium runs none while a page loads) or a later task
// (under load, those ran after Office was ready).
warmUpFonts();
// Async and ahead of Office.js, this module runs before the parser has reached #root.
void documentParsed().then(() => {
  const root = document.getElementById("root");
  if (root) void start(root);
});
