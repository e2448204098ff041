import "./first-paint.css";
import { element } from "./first-paint";
import type { Strings } from "./i18n";

/**
 * When the React pane's code could not be loaded (offline, a failed chunk): says so, below the
 * verdict the first paint drew if there is one, with a button that loads the page again.
 */
export function paintPaneFailed(root: HTMLElement, t: Strings): void {
  const section = element("div", "vouch-first-section");
  section.dataset.testid = "pane-failed";
  const message = element("p", "vouch-first-text", t.paneFailed);
  message.setAttribute("role", "alert");
  const retry = element("button", "vouch-first-button", t.paneRetry);
  retry.type = "button";
  retry.addEventListener("click", () => location.reload());
  section.append(message, retry);

  const main = root.querySelector("main");
  if (main) {
    main.append(section);
    return;
  }
  const provider = element("div", "vouch-first");
  provider.lang = t.language;
  const wrapper = element("main", "vouch-first-main");
  wrapper.append(section);
  provider.append(wrapper);
  root.replaceChildren(provider);
}
