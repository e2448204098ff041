import {
  classifyHeaderText,
  fitNotificationText,
  restIdOf,
  versionAtLeast,
  type DialogOutcome,
  type HeadersResult,
  type ItemMailbox,
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
  /**
   * The id Graph would know the message by (what convertToRestId gives); null to make the
   * Graph fallback impossible. On a mobile stand-in the snapshot's itemId is already this id.
   */
  restId?: string | null;
  /** A shared or delegated mailbox's item, as getSharedPropertiesAsync describes it. */
  shared?: { owner: string; permissions: number };
}

/** Ways the stand-in can misbehave like real clients do. */
export type HeadersQuirk = "none" | "empty" | "subject-only" | "unsupported" | "error";

export interface StandinOptions {
  displayLanguage?: string;
  theme?: ThemeKind;
  /**
   * Requirement sets and the highest version the stand-in claims; default Mailbox 1.14 and
   * NestedAppAuth 1.1 (MOBILE_REQUIREMENT_SETS for a phone).
   */
  requirementSets?: Record<string, string>;
  /** Outlook on iOS or Android: itemId is already a REST id, and no convertToRestId. */
  mobile?: boolean;
  /** Answers an opened dialog, as the page in it would (messageParent) or the person (closing). */
  dialog?: (url: string) => Promise<DialogOutcome>;
}

/**
 * Outlook on iOS and Android: Mailbox 1.5 with a listed few later APIs, none of them
 * getAllInternetHeadersAsync in read mode or getSharedPropertiesAsync
 * (office-js-docs-pr docs/outlook/outlook-mobile-apis.md); nested app authentication from
 * build 4.2433.0 (NestedAppAuth requirement sets).
 */
export const MOBILE_REQUIREMENT_SETS: Readonly<Record<string, string>> = {
  Mailbox: "1.5",
  NestedAppAuth: "1.1",
};

/** A client without nested app authentication, e.g. an older build: Mailbox 1.14 only. */
export const NO_NAA_REQUIREMENT_SETS: Readonly<Record<string, string>> = { Mailbox: "1.14" };

export interface StandinHost extends MailHost {
  readonly kind: "standin";
  /** Selects an item (or nothing) and fires ItemChanged, as a pinned pane sees it. */
  setItem(item: StandinItem | null): void;
  setTheme(theme: ThemeKind): void;
  setDisplayLanguage(language: string): void;
  setHeadersQuirk(quirk: HeadersQuirk): void;
  /** Every notification shown, oldest first. */
  readonly notifications: readonly HostNotification[];
  /** Every dialog URL opened, oldest first. */
  readonly dialogs: readonly string[];
}

/** An in-browser stand-in for Outlook with the same interface as the Office.js host. */
export function createStandinHost(options: StandinOptions = {}): StandinHost {
  let item: StandinItem | null = null;
  let theme: ThemeKind = options.theme ?? "light";
  let displayLanguage = options.displayLanguage ?? "en-US";
  let quirk: HeadersQuirk = "none";
  const mobile = options.mobile ?? false;
  const requirementSets =
    options.requirementSets ??
    (mobile ? { ...MOBILE_REQUIREMENT_SETS } : { Mailbox: "1.14", NestedAppAuth: "1.1" });
  const notifications: HostNotification[] = [];
  const dialogs: string[] = [];
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
    mobile,
    get dialogs() {
      return dialogs;
    },
    restItemId: () => {
      if (!item) return null;
      const restId = item.restId ?? null;
      // Only the mobile clients lack convertToRestId (Mailbox 1.3).
      const convert = supports("Mailbox", "1.3") ? () => restId : null;
      return restIdOf(item.snapshot.itemId, mobile, convert);
    },
    async itemMailbox(): Promise<ItemMailbox> {
      if (!item?.shared || !supports("Mailbox", "1.8")) return { kind: "own" };
      return { kind: "shared", ...item.shared };
    },
    async openDialog(url) {
      dialogs.push(url);
      return options.dialog ? options.dialog(url) : { kind: "closed" };
    },
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
