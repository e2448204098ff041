import { afterEach, describe, expect, it, vi } from "vitest";
import { createCommandEntry } from "../../src/commands/entry";
import { MESSAGES } from "../../src/commands/messages";
import type { MailHost } from "../../src/office/host";
import { createStandinHost } from "../../src/office/standin-host";

/**
 * Issue 12 §7: the function command completes on every path within its deadline, "not
 * configured" included, even when Outlook never answers the notification.
 */

afterEach(() => vi.useRealTimers());

const fakeEvent = () => ({ completed: vi.fn() });

/** A stand-in Outlook whose notification call never returns (it happens on busy clients). */
function silentHost(): MailHost & { shown: string[] } {
  const host = createStandinHost();
  const shown: string[] = [];
  return Object.assign(Object.create(host) as MailHost, {
    shown,
    notify: (notification: { text: string }) => {
      shown.push(notification.text);
      return new Promise<void>(() => {});
    },
  });
}

const noDeps = () => {
  throw new Error("must not be asked for the command's dependencies");
};

describe("the function command's entry", () => {
  it("completes 'not configured' although the notification never returns", async () => {
    vi.useFakeTimers();
    const host = silentHost();
    const event = fakeEvent();
    const run = createCommandEntry({
      host: () => host,
      config: async () => null,
      deps: noDeps,
      notifyTimeoutMs: 3_000,
    });
    const done = run(event);
    await vi.advanceTimersByTimeAsync(2_999);
    expect(event.completed).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await done;
    expect(host.shown).toEqual([MESSAGES.notConfigured.text]);
    expect(event.completed).toHaveBeenCalledTimes(1);
  });

  it("says 'not configured' after the configuration's deadline when the service never answers", async () => {
    vi.useFakeTimers();
    const host = silentHost();
    const event = fakeEvent();
    const run = createCommandEntry({
      host: () => host,
      config: () => new Promise(() => {}),
      deps: noDeps,
      configTimeoutMs: 5_000,
      notifyTimeoutMs: 3_000,
    });
    const done = run(event);
    await vi.advanceTimersByTimeAsync(8_000);
    await done;
    expect(host.shown).toEqual([MESSAGES.notConfigured.text]);
    expect(event.completed).toHaveBeenCalledTimes(1);
  });

  it("says it in German when Outlook speaks German", async () => {
    const host = createStandinHost({ displayLanguage: "de-DE" });
    const event = fakeEvent();
    await createCommandEntry({ host: () => host, config: async () => null, deps: noDeps })(event);
    expect(host.notifications.map((n) => n.text)).toEqual([
      "Vouch ist auf diesem Server noch nicht eingerichtet. Bitten Sie Ihren Administrator, die Einrichtung abzuschließen.",
    ]);
    expect(event.completed).toHaveBeenCalledTimes(1);
  });

  it("completes when Office has no item to give a host for, or the configuration fails", async () => {
    const broken = fakeEvent();
    await createCommandEntry({
      host: () => {
        throw new Error("Office.context is undefined");
      },
      config: async () => null,
      deps: noDeps,
    })(broken);
    expect(broken.completed).toHaveBeenCalledTimes(1);

    const host = createStandinHost();
    const rejected = fakeEvent();
    await createCommandEntry({
      host: () => host,
      config: () => Promise.reject(new Error("offline")),
      deps: noDeps,
    })(rejected);
    expect(host.notifications.map((n) => n.text)).toEqual([MESSAGES.notConfigured.text]);
    expect(rejected.completed).toHaveBeenCalledTimes(1);
  });

  it("completes when building the command's dependencies throws", async () => {
    const event = fakeEvent();
    await createCommandEntry({
      host: () => createStandinHost(),
      config: async () => ({ auth: "dev", clientId: "vouch-dev", apiBaseUrl: "" }),
      deps: () => {
        throw new Error("localStorage is blocked");
      },
    })(event);
    expect(event.completed).toHaveBeenCalledTimes(1);
  });
});
