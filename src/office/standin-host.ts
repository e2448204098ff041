import {
  classifyHeaderText,
  fitNotificationText,
  versionAtLeast,
  type HeadersResult,
  type HostNotification,
  type ItemSnapshot,
  type MailHost,
  type ThemeKind,
} from "./host";

/** One message as the stand-in holds it: what Office would say about the item, and its headers. */
export interface StandinItem {
  snapshot: ItemSnapshot;
  /** The raw header block getAllInternetHeadersAsync would return. */
  headers: string;
  /** The id Graph would know the message by; null to make the Graph fallback impossible. */
  restId?: string | null;
}

/** Ways the stand-in can misbehave like real clients do. */
export type HeadersQuirk = "none" | "empty" | "subject-only" | "unsupported" | "error";

export interface StandinOptions {
  displayLanguage?: string;
  theme?: ThemeKind;
  /** Requirement sets and the highest version the stand-in claims; default Mailbox 1.14. */
  requirementSets?: Record<string, string>;
}

export interface StandinHost extends MailHost {
  readonly kind: "standin";
  /** Selects an item (or nothing) and fires ItemChanged, as a pinned pane sees it. */
  setItem(item: StandinItem | null): void;
  setTheme(theme: ThemeKind): void;
  setDisplayLanguage(language: string): void;
  setHeadersQuirk(quirk: HeadersQuirk): void;
  /** Every notification shown, oldest first. */
  readonly notifications: readonly HostNotification[];
}

/** An in-browser stand-in for Outlook with the same interface as the Office.js host. */
export function createStandinHost(options: StandinOptions = {}): StandinHost {
  let item: StandinItem | null = null;
  let theme: ThemeKind = options.theme ?? "light";
  let displayLanguage = options.displayLanguage ?? "en-US";
  let quirk: HeadersQuirk = "none";
  const requirementSets = options.requirementSets ?? { Mailbox: "1.14" };
  const notifications: HostNotification[] = [];
  const itemListeners = new Set<(item: ItemSnapshot | null) => void>();
  const themeListeners = new Set<(theme: ThemeKind) => void>();

  const supports = (set: string, version: string): boolean => {
    const have = requirementSets[set];
    return have !== undefined && versionAtLeast(have, version);
  };

  const readHeaders = async (): Promise<HeadersResult> => {
    if (!item) return { kind: "no-item" };
    if (quirk === "unsupported" || !supports("Mailbox", "1.8")) return { kind: "unsupported" };
    if (quirk === "error") return { kind: "error", message: "The stand-in was told to fail." };
    if (quirk === "empty") return classifyHeaderText("");
    if (quirk === "subject-only") {
      return classifyHeaderText(`Subject: ${item.snapshot.subject ?? ""}\r\n`);
    }
    return classifyHeaderText(item.headers);
  };

  return {
    kind: "standin",
    get displayLanguage() {
      return displayLanguage;
    },
    get notifications() {
      return notifications;
    },
    currentItem: () => item?.snapshot ?? null,
    readHeaders,
    onItemChanged(listener) {
      itemListeners.add(listener);
      return () => itemListeners.delete(listener);
    },
    async notify(notification) {
      notifications.push({ kind: notification.kind, text: fitNotificationText(notification.text) });
    },
    supports,
    theme: () => theme,
    onThemeChanged(listener) {
      themeListeners.add(listener);
      return () => themeListeners.delete(listener);
    },
    restItemId: () => (item ? (item.restId ?? null) : null),
    setItem(next) {
      item = next;
      for (const listener of itemListeners) listener(next?.snapshot ?? null);
    },
    setTheme(next) {
      theme = next;
      for (const listener of themeListeners) listener(next);
    },
    setDisplayLanguage(language) {
      displayLanguage = language;
    },
    setHeadersQuirk(next) {
      quirk = next;
    },
  };
}
