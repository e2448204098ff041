import {
  classifyHeaderText,
  fitNotificationText,
  restIdOf,
  themeFromColors,
  type DialogOutcome,
  type HeadersResult,
  type ItemMailbox,
  type HostNotification,
  type ItemSnapshot,
  type MailHost,
  type ThemeKind,
  type Unsubscribe,
} from "./host";

/** The icon resid the manifest declares for informational notifications. */
export const NOTIFICATION_ICON = "Icon.16";
/** One key, replaced each time, so the pane never hits Outlook's 5-notifications limit. */
const NOTIFICATION_KEY = "vouch";

type OfficeApi = typeof Office;

/** The Office.js implementation of MailHost: thin, every async call promisified. */
export function createOfficeHost(office: OfficeApi = Office, win: Window = window): MailHost {
  const mailbox = office.context.mailbox;
  const readItem = (): Office.MessageRead | null =>
    (mailbox.item as Office.MessageRead | null | undefined) ?? null;

  const supports = (set: string, version: string): boolean =>
    office.context.requirements.isSetSupported(set, version);

  const forcedColors = () => win.matchMedia?.("(forced-colors: active)").matches ?? false;
  const theme = (): ThemeKind => {
    const officeTheme = supports("Mailbox", "1.14") ? office.context.officeTheme : undefined;
    return themeFromColors(officeTheme?.bodyBackgroundColor, forcedColors());
  };

  const itemChanged = mailboxEvent(office, office.EventType.ItemChanged);
  const themeChanged = mailboxEvent(office, office.EventType.OfficeThemeChanged);

  const mobile = isMobile(office);

  return {
    kind: "office",
    mobile,
    displayLanguage: office.context.displayLanguage || "en-US",
    currentItem: () => snapshot(readItem()),
    readHeaders: () => readHeaders(office, readItem(), supports("Mailbox", "1.8")),
    onItemChanged(listener) {
      return itemChanged.add(() => listener(snapshot(readItem())));
    },
    notify: (notification) => notify(office, readItem(), notification),
    supports,
    theme,
    onThemeChanged(listener) {
      const emit = () => listener(theme());
      const unsubscribeOffice = supports("Mailbox", "1.14") ? themeChanged.add(emit) : () => {};
      const query = win.matchMedia?.("(forced-colors: active)");
      query?.addEventListener("change", emit);
      return () => {
        unsubscribeOffice();
        query?.removeEventListener("change", emit);
      };
    },
    restItemId() {
      const convert =
        supports("Mailbox", "1.3") && typeof mailbox.convertToRestId === "function"
          ? (id: string) => mailbox.convertToRestId(id, office.MailboxEnums.RestVersion.v2_0)
          : null;
      return restIdOf(readItem()?.itemId || null, mobile, convert);
    },
    itemMailbox: () => itemMailbox(office, readItem(), supports("Mailbox", "1.8")),
    openDialog: (url, size) => openDialog(office, url, size),
  };
}

/** Outlook on iOS or Android (Office.context.mailbox.diagnostics.hostName, or the platform). */
function isMobile(office: OfficeApi): boolean {
  const hostName = office.context.mailbox?.diagnostics?.hostName;
  if (hostName === "OutlookIOS" || hostName === "OutlookAndroid") return true;
  const platform = office.context.platform as unknown;
  const types = office.PlatformType as { iOS?: unknown; Android?: unknown } | undefined;
  if (platform === undefined || !types) return false;
  return platform === types.iOS || platform === types.Android;
}

/** Office may never answer getSharedPropertiesAsync on an item it cannot place. */
const SHARED_PROPERTIES_TIMEOUT_MS = 3_000;

/**
 * getSharedPropertiesAsync (Mailbox 1.8) fails, or is absent, when the item is not in a shared
 * folder or mailbox (office-js-docs-pr docs/outlook/delegate-access.md); the owner being the
 * signed-in person is the person's own mailbox too.
 */
function itemMailbox(
  office: OfficeApi,
  item: Office.MessageRead | null,
  hasMailbox18: boolean,
): Promise<ItemMailbox> {
  const own: ItemMailbox = { kind: "own" };
  if (!item || !hasMailbox18 || typeof item.getSharedPropertiesAsync !== "function") {
    return Promise.resolve(own);
  }
  const me = office.context.mailbox.userProfile?.emailAddress?.toLowerCase() ?? null;
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(own), SHARED_PROPERTIES_TIMEOUT_MS);
    try {
      item.getSharedPropertiesAsync((result) => {
        clearTimeout(timer);
        const owner =
          result.status === office.AsyncResultStatus.Succeeded ? result.value?.owner : "";
        if (!owner || owner.toLowerCase() === me) resolve(own);
        else
          resolve({
            kind: "shared",
            owner,
            permissions: Number(result.value.delegatePermissions) || 0,
          });
      });
    } catch {
      clearTimeout(timer);
      resolve(own);
    }
  });
}

/**
 * The Office dialog API: the first message the dialog sends, or its closing (event 12006), ends
 * it. Sign-in pages cannot be framed, so the dialog is a window of its own (displayInIframe
 * false, the default).
 */
function openDialog(
  office: OfficeApi,
  url: string,
  size: { widthPercent: number; heightPercent: number },
): Promise<DialogOutcome> {
  return new Promise((resolve) => {
    const ui = office.context.ui;
    if (!ui || typeof ui.displayDialogAsync !== "function") {
      resolve({ kind: "error", message: "This Outlook cannot open dialogs." });
      return;
    }
    ui.displayDialogAsync(
      url,
      { width: size.widthPercent, height: size.heightPercent, displayInIframe: false },
      (result) => {
        if (result.status !== office.AsyncResultStatus.Succeeded) {
          resolve({ kind: "error", message: result.error?.message ?? "the dialog did not open" });
          return;
        }
        const dialog = result.value;
        let done = false;
        const finish = (outcome: DialogOutcome) => {
          if (done) return;
          done = true;
          try {
            dialog.close();
          } catch {
            // Already closed by the person.
          }
          resolve(outcome);
        };
        dialog.addEventHandler(office.EventType.DialogMessageReceived, (arg) => {
          const message = "message" in arg ? String(arg.message) : "";
          finish({ kind: "message", message });
        });
        dialog.addEventHandler(office.EventType.DialogEventReceived, (arg) => {
          const code = "error" in arg ? Number(arg.error) : 0;
          finish(
            code === 12006 ? { kind: "closed" } : { kind: "error", message: `dialog ${code}` },
          );
        });
      },
    );
  });
}

/**
 * Mailbox.removeHandlerAsync removes every handler of an event type, so each type gets one
 * Office-level handler, registered on first use, that fans out to our listeners.
 */
function mailboxEvent(office: OfficeApi, type: Office.EventType) {
  const listeners = new Set<() => void>();
  let registered = false;
  return {
    add(listener: () => void): Unsubscribe {
      listeners.add(listener);
      if (!registered) {
        registered = true;
        office.context.mailbox.addHandlerAsync(type, () => {
          for (const each of listeners) each();
        });
      }
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

function snapshot(item: Office.MessageRead | null): ItemSnapshot | null {
  if (!item) return null;
  return {
    internetMessageId: item.internetMessageId || null,
    itemId: item.itemId || null,
    subject: item.subject ?? null,
    from: item.from
      ? { address: item.from.emailAddress, name: item.from.displayName || null }
      : null,
  };
}

function readHeaders(
  office: OfficeApi,
  item: Office.MessageRead | null,
  hasMailbox18: boolean,
): Promise<HeadersResult> {
  if (!item) return Promise.resolve({ kind: "no-item" });
  if (!hasMailbox18 || typeof item.getAllInternetHeadersAsync !== "function") {
    return Promise.resolve({ kind: "unsupported" });
  }
  return new Promise((resolve) => {
    item.getAllInternetHeadersAsync((result) => {
      if (result.status === office.AsyncResultStatus.Succeeded) {
        resolve(classifyHeaderText(result.value ?? ""));
      } else {
        resolve({ kind: "error", message: result.error?.message ?? "unknown error" });
      }
    });
  });
}

function notify(
  office: OfficeApi,
  item: Office.MessageRead | null,
  notification: HostNotification,
): Promise<void> {
  if (!item) return Promise.resolve();
  const message = fitNotificationText(notification.text);
  const details: Office.NotificationMessageDetails =
    notification.kind === "info"
      ? {
          type: office.MailboxEnums.ItemNotificationMessageType.InformationalMessage,
          message,
          icon: NOTIFICATION_ICON,
          persistent: false,
        }
      : { type: office.MailboxEnums.ItemNotificationMessageType.ErrorMessage, message };
  return new Promise((resolve, reject) => {
    item.notificationMessages.replaceAsync(NOTIFICATION_KEY, details, (result) => {
      if (result.status === office.AsyncResultStatus.Succeeded) resolve();
      else reject(new Error(result.error?.message ?? "notification failed"));
    });
  });
}
