/**
 * The one interface the pane and the ribbon command use to talk to Outlook. Two implementations:
 * `office-host.ts` over Office.js, and `standin-host.ts`, an in-browser stand-in the harness and
 * the tests drive. Nothing here depends on either.
 */

export interface MailAddress {
  address: string;
  name: string | null;
}

/** What the host says about the open item, before any header is read. */
export interface ItemSnapshot {
  /** With the angle brackets; null on freshly sent items in Sent Items. */
  internetMessageId: string | null;
  /** EWS-format id (Office.js); use `restItemId()` for Graph. */
  itemId: string | null;
  subject: string | null;
  from: MailAddress | null;
}

/**
 * The outcome of reading the item's internet headers:
 * - `ok`: a usable header block;
 * - `empty`: the call succeeded with "" (Sent Items, OfficeDev/office-js#4773);
 * - `subject-only`: only a Subject line came back (some new-Outlook builds, #4109);
 * - `unsupported`: the client lacks Mailbox 1.8;
 * - `no-item`: nothing is selected (a pinned pane between items);
 * - `error`: the call failed.
 */
export type HeadersResult =
  | { kind: "ok"; text: string }
  | { kind: "empty" }
  | { kind: "subject-only"; text: string }
  | { kind: "unsupported" }
  | { kind: "no-item" }
  | { kind: "error"; message: string };

/**
 * Whose mailbox the open item is in. `shared`: a shared or delegated mailbox
 * (getSharedPropertiesAsync, Mailbox 1.8; shared mailboxes 1.13), reached through Graph at
 * /users/{owner}. `permissions` is Office's DelegatePermissions bitmask (1 read, 2 write, ...).
 */
export type ItemMailbox = { kind: "own" } | { kind: "shared"; owner: string; permissions: number };

/** What an Office dialog (displayDialogAsync) ended with. */
export type DialogOutcome =
  { kind: "message"; message: string } | { kind: "closed" } | { kind: "error"; message: string };

export type NotificationKind = "info" | "error";

export interface HostNotification {
  kind: NotificationKind;
  /** At most 150 characters; longer text is shortened with an ellipsis. */
  text: string;
}

export type ThemeKind = "light" | "dark" | "high-contrast";

export type Unsubscribe = () => void;

export interface MailHost {
  /** "office" inside Outlook, "standin" in the harness and tests. */
  readonly kind: "office" | "standin";
  /** BCP 47 tag of Office's display language, e.g. "en-US", "de-DE". */
  readonly displayLanguage: string;
  currentItem(): ItemSnapshot | null;
  readHeaders(): Promise<HeadersResult>;
  /** Fires when a pinned pane moves to another item; null when nothing is selected. */
  onItemChanged(listener: (item: ItemSnapshot | null) => void): Unsubscribe;
  /** Shows a notification on the item (the infobar in Outlook). */
  notify(notification: HostNotification): Promise<void>;
  /** Whether a requirement set is available, e.g. supports("Mailbox", "1.8"). */
  supports(set: string, version: string): boolean;
  theme(): ThemeKind;
  onThemeChanged(listener: (theme: ThemeKind) => void): Unsubscribe;
  /** The item's id in the REST/Graph format, or null when it cannot be converted. */
  restItemId(): string | null;
  /** Outlook on iOS or Android: Mailbox 1.5 and a listed few later APIs. */
  readonly mobile: boolean;
  /** The mailbox the open item is in; "own" when nothing is selected or Office cannot tell. */
  itemMailbox(): Promise<ItemMailbox>;
  /**
   * Opens `url` (same origin, HTTPS) in an Office dialog and resolves with its first message
   * (messageParent), or when it is closed or fails; the dialog is closed either way.
   */
  openDialog(
    url: string,
    size: { widthPercent: number; heightPercent: number },
  ): Promise<DialogOutcome>;
}

/**
 * The REST/Graph id of an item: Outlook on iOS and Android already gives a REST-formatted
 * itemId and has no convertToRestId; the other clients give an EWS id that must be converted
 * (office-js-docs-pr docs/outlook/use-rest-api.md, "Get the item ID").
 */
export function restIdOf(
  itemId: string | null,
  mobile: boolean,
  convert: ((ewsId: string) => string | null) | null,
): string | null {
  if (!itemId) return null;
  if (mobile) return itemId;
  try {
    return convert ? convert(itemId) : null;
  } catch {
    return null;
  }
}

export const NOTIFICATION_MAX_CHARS = 150;

/** Office refuses notifications over 150 characters (ArgumentOutOfRange): shorten them. */
export function fitNotificationText(text: string): string {
  const chars = Array.from(text.trim());
  if (chars.length <= NOTIFICATION_MAX_CHARS) return chars.join("");
  return chars.slice(0, NOTIFICATION_MAX_CHARS - 1).join("") + "…";
}

const HEADER_NAME = /^([!-9;-~]+):/;

/** Sorts a successful getAllInternetHeadersAsync value into ok / empty / subject-only. */
export function classifyHeaderText(text: string): HeadersResult {
  if (text.trim() === "") return { kind: "empty" };
  const names = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const match = HEADER_NAME.exec(line);
    if (match?.[1]) names.add(match[1].toLowerCase());
  }
  if (names.size === 0 || [...names].every((name) => name === "subject")) {
    return { kind: "subject-only", text };
  }
  return { kind: "ok", text };
}

/** Whether a header block is usable for an analysis (something more than a Subject). */
export function isUsableHeaders(result: HeadersResult): result is { kind: "ok"; text: string } {
  return result.kind === "ok";
}

/** Office's theme colours → light, dark or high contrast. */
export function themeFromColors(background: string | undefined, forcedColors: boolean): ThemeKind {
  if (forcedColors) return "high-contrast";
  const luminance = relativeLuminance(background);
  if (luminance === null) return "light";
  return luminance < 0.3 ? "dark" : "light";
}

function relativeLuminance(hex: string | undefined): number | null {
  const match = /^#?([0-9a-f]{6})$/i.exec(hex?.trim() ?? "");
  if (!match?.[1]) return null;
  const value = Number.parseInt(match[1], 16);
  const channel = (shift: number) => {
    const c = ((value >> shift) & 0xff) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0);
}

/** Compares dotted version numbers: "1.10" > "1.8". */
export function versionAtLeast(have: string, want: string): boolean {
  const a = have.split(".").map(Number);
  const b = want.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}
