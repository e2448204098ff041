import {
  classifyHeaderText,
  fitNotificationText,
  themeFromColors,
  type HeadersResult,
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

  return {
    kind: "office",
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
      const item = readItem();
      if (!item?.itemId || !supports("Mailbox", "1.3")) return null;
      try {
        return mailbox.convertToRestId(item.itemId, office.MailboxEnums.RestVersion.v2_0);
      } catch {
        return null;
      }
    },
  };
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
