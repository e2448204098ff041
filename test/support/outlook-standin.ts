/**
 * Outlook's side of the pane, which we do not own, as script source to run right after the real
 * office.js: appended to it (browser tests), or run when its script element has loaded
 * (`outlookStandInInitScript`, the cold-open benchmark, which must not touch the network).
 * `window.__selectItem(i)` selects another item (null for none), as a pinned pane sees it.
 */
export interface StandInOptions {
  /** Office.context.displayLanguage; "en-US" unless said. */
  displayLanguage?: string;
  /** Office's theme body colour; dark ("#1f1f1f") unless said. */
  bodyBackgroundColor?: string;
}

export function outlookStandIn(
  items: { headers: string; messageId: string; subject: string }[],
  options: StandInOptions = {},
): string {
  return `
;(function () {
  var items = ${JSON.stringify(items)};
  var handlers = {};
  function item(i) {
    var it = items[i];
    return {
      itemId: "EWS-" + i,
      internetMessageId: it.messageId,
      subject: it.subject,
      from: { emailAddress: "someone@example.com", displayName: "Someone" },
      getAllInternetHeadersAsync: function (cb) {
        setTimeout(function () { cb({ status: "succeeded", value: it.headers }); }, 5);
      },
      notificationMessages: { replaceAsync: function (k, d, cb) { cb && cb({ status: "succeeded" }); } },
    };
  }
  function install() {
    // Outlook's own event names: office.js outside Outlook does not define them.
    Office.EventType.ItemChanged = Office.EventType.ItemChanged || "olkItemSelectedChanged";
    Office.EventType.OfficeThemeChanged = Office.EventType.OfficeThemeChanged || "officeThemeChanged";
    Office.MailboxEnums = Office.MailboxEnums || {};
    Office.MailboxEnums.RestVersion = { v2_0: "v2.0" };
    Office.context.displayLanguage = ${JSON.stringify(options.displayLanguage ?? "en-US")};
    Office.context.requirements = {
      isSetSupported: function (set, version) { return set === "Mailbox" && Number(version.split(".")[1]) <= 14; },
    };
    Office.context.officeTheme = { bodyBackgroundColor: ${JSON.stringify(options.bodyBackgroundColor ?? "#1f1f1f")} };
    Office.context.mailbox = {
      item: item(0),
      userProfile: { emailAddress: "dana@example.com" },
      addHandlerAsync: function (type, handler) { handlers[type] = handler; },
      removeHandlerAsync: function () {},
      convertToRestId: function (id) { return "rest-" + id; },
    };
  }
  window.__selectItem = function (i) {
    Office.context.mailbox.item = i === null ? null : item(i);
    var handler = handlers[Office.EventType.ItemChanged];
    if (handler) handler({ type: "olkItemSelectedChanged" });
  };
  // Outside Outlook the real onReady reports no host: install Outlook's side once it has run.
  var info = { host: Office.HostType.Outlook, platform: Office.PlatformType.OfficeOnline };
  var ready = Office.onReady().then(function () { install(); return info; });
  Office.onReady = function (callback) {
    return ready.then(function (value) { if (callback) callback(value); return value; });
  };
})();
`;
}

/**
 * An init script (Playwright `addInitScript`) that runs the stand-in as soon as the page's
 * office.js has run, before the pane's module script. The source is pasted, not evaluated: the
 * pages' CSP allows no eval.
 */
export function outlookStandInInitScript(
  items: { headers: string; messageId: string; subject: string }[],
  options: StandInOptions = {},
): string {
  return `document.addEventListener("load", function (event) {
  var script = event.target;
  if (!(script instanceof HTMLScriptElement) || !/\\/office\\.js(\\?|$)/.test(script.src)) return;
  if (typeof Office === "undefined" || window.__outlookStandIn) return;
  window.__outlookStandIn = true;
  ${outlookStandIn(items, options)}
}, true);`;
}
