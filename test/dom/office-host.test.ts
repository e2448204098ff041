import { describe, expect, it } from "vitest";
import {
  classifyHeaderText,
  fitNotificationText,
  themeFromColors,
  versionAtLeast,
} from "../../src/office/host";
import { createOfficeHost } from "../../src/office/office-host";
import { createStandinHost } from "../../src/office/standin-host";

/** A minimal Office.js double: Outlook itself is the edge we do not own. */
function fakeOffice(options: { headers?: string; fail?: boolean; sets?: Record<string, string> }) {
  const handlers = new Map<string, () => void>();
  const notifications: { key: string; details: Office.NotificationMessageDetails }[] = [];
  const item = {
    itemId: "AAMkEWS",
    internetMessageId: "<m1@contoso.com>",
    subject: "Invoice",
    from: { emailAddress: "billing@contoso.com", displayName: "Contoso Billing" },
    getAllInternetHeadersAsync(callback: (result: unknown) => void) {
      callback(
        options.fail
          ? { status: "failed", error: { message: "boom" } }
          : { status: "succeeded", value: options.headers ?? "" },
      );
    },
    notificationMessages: {
      replaceAsync(
        key: string,
        details: Office.NotificationMessageDetails,
        cb: (r: unknown) => void,
      ) {
        notifications.push({ key, details });
        cb({ status: "succeeded" });
      },
    },
  };
  const sets = options.sets ?? { Mailbox: "1.14" };
  const mailbox = {
    item: item as unknown,
    addHandlerAsync(type: string, handler: () => void) {
      handlers.set(type, handler);
    },
    removeHandlerAsync() {},
    convertToRestId: (id: string) => `rest:${id}`,
  };
  const office = {
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    EventType: { ItemChanged: "olkItemSelectedChanged", OfficeThemeChanged: "officeThemeChanged" },
    MailboxEnums: {
      RestVersion: { v2_0: "v2.0" },
      ItemNotificationMessageType: {
        InformationalMessage: "informationalMessage",
        ErrorMessage: "errorMessage",
      },
    },
    context: {
      mailbox,
      displayLanguage: "de-DE",
      officeTheme: { bodyBackgroundColor: "#1f1f1f" },
      requirements: {
        isSetSupported: (set: string, version: string) =>
          sets[set] !== undefined && versionAtLeast(sets[set], version),
      },
    },
  };
  const win = {
    matchMedia: () => ({ matches: false, addEventListener() {}, removeEventListener() {} }),
  };
  return {
    host: createOfficeHost(office as unknown as typeof Office, win as unknown as Window),
    mailbox,
    handlers,
    notifications,
  };
}

describe("Office.js host", () => {
  it("reads the item, its headers, language, theme and REST id", async () => {
    const { host } = fakeOffice({ headers: "Received: from a\r\nFrom: b@c.d\r\nSubject: x\r\n" });
    expect(host.currentItem()).toEqual({
      internetMessageId: "<m1@contoso.com>",
      itemId: "AAMkEWS",
      subject: "Invoice",
      from: { address: "billing@contoso.com", name: "Contoso Billing" },
    });
    expect((await host.readHeaders()).kind).toBe("ok");
    expect(host.displayLanguage).toBe("de-DE");
    expect(host.theme()).toBe("dark");
    expect(host.restItemId()).toBe("rest:AAMkEWS");
  });

  it("tells Sent Items' empty string, subject-only, failures and old clients apart", async () => {
    expect((await fakeOffice({ headers: "" }).host.readHeaders()).kind).toBe("empty");
    expect((await fakeOffice({ headers: "Subject: hi\r\n" }).host.readHeaders()).kind).toBe(
      "subject-only",
    );
    expect(await fakeOffice({ fail: true }).host.readHeaders()).toEqual({
      kind: "error",
      message: "boom",
    });
    const old = fakeOffice({ headers: "From: a@b.c", sets: { Mailbox: "1.5" } });
    expect((await old.host.readHeaders()).kind).toBe("unsupported");
  });

  it("follows a pinned pane to the next item, and to none", () => {
    const { host, mailbox, handlers } = fakeOffice({ headers: "" });
    const seen: (string | null)[] = [];
    host.onItemChanged((item) => seen.push(item?.internetMessageId ?? null));
    mailbox.item = null;
    handlers.get("olkItemSelectedChanged")?.();
    expect(seen).toEqual([null]);
  });

  it("shows informational notifications with the icon and errors without", async () => {
    const { host, notifications } = fakeOffice({ headers: "" });
    await host.notify({ kind: "info", text: "x".repeat(200) });
    await host.notify({ kind: "error", text: "failed" });
    expect(notifications[0]?.details).toMatchObject({ icon: "Icon.16", persistent: false });
    expect(notifications[0]?.details.message).toHaveLength(150);
    expect(notifications[1]?.details).not.toHaveProperty("icon");
  });
});

describe("host helpers", () => {
  it("classifies header text", () => {
    expect(classifyHeaderText("  \r\n").kind).toBe("empty");
    expect(classifyHeaderText("Subject: only\r\n").kind).toBe("subject-only");
    expect(classifyHeaderText("Subject: a\r\nReceived: b\r\n").kind).toBe("ok");
  });
  it("maps Office colours and forced colours to a theme", () => {
    expect(themeFromColors("#FFFFFF", false)).toBe("light");
    expect(themeFromColors("#262626", false)).toBe("dark");
    expect(themeFromColors("#FFFFFF", true)).toBe("high-contrast");
  });
  it("fits notifications in 150 characters", () => {
    expect(fitNotificationText("short")).toBe("short");
    expect(Array.from(fitNotificationText("ä".repeat(151)))).toHaveLength(150);
  });
});

describe("stand-in host", () => {
  it("fires ItemChanged and records notifications", async () => {
    const host = createStandinHost();
    const seen: (string | null)[] = [];
    host.onItemChanged((item) => seen.push(item?.subject ?? null));
    host.setItem({
      snapshot: { internetMessageId: "<a@b>", itemId: "1", subject: "One", from: null },
      headers: "From: a@b.c\r\nSubject: One\r\n",
    });
    host.setItem(null);
    expect(seen).toEqual(["One", null]);
    expect((await host.readHeaders()).kind).toBe("no-item");
    await host.notify({ kind: "info", text: "thanks" });
    expect(host.notifications).toEqual([{ kind: "info", text: "thanks" }]);
  });
});
