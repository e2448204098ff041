import "./first-paint.css";
import type { Remedy } from "../analysis/remedy";
import type { ItemMailbox, ThemeKind } from "../office/host";
import { firstLineOf } from "./first-line";
import type { Strings } from "./i18n";

/** What the first paint draws: the top of the pane for one analysed message. */
export interface FirstVerdict {
  remedy: Remedy;
  subject: string | null;
  mailbox: ItemMailbox;
  strings: Strings;
  theme: ThemeKind;
}

/** Forced colours are the system's to draw, which only Fluent's own styles follow. */
export function canPaintFirst(theme: ThemeKind): boolean {
  return theme !== "high-contrast";
}

/**
 * The pane's title, subject and verdict drawn with the DOM alone, before React and Fluent UI
 * have loaded: the same elements, words, roles and names as Pane.tsx and VerdictCard.tsx render
 * (first-paint.css gives them Fluent's look), so what the pane then renders over it shows the
 * same verdict in the same place. Returns the element it drew into `root`.
 */
export function paintFirstVerdict(root: HTMLElement, verdict: FirstVerdict): HTMLElement {
  const { remedy, strings: t } = verdict;
  const line = firstLineOf(remedy, t);
  const title =
    remedy.situation === "not-junked" || remedy.situation === "allowed"
      ? t.paneTitleNotJunked
      : t.paneTitle;

  const heading = element("h1", "vouch-first-title", title);
  heading.id = "vouch-first-title";
  const main = element("main", "vouch-first-main");
  main.setAttribute("aria-labelledby", heading.id);
  main.append(heading);
  if (verdict.mailbox.kind === "shared") {
    const note = element("p", "vouch-first-muted", t.sharedMailbox(verdict.mailbox.owner));
    note.dataset.testid = "shared-mailbox";
    main.append(note);
  }
  if (verdict.subject) {
    const subject = element("p", "vouch-first-muted", verdict.subject);
    subject.dataset.testid = "subject";
    main.append(subject);
  }
  main.append(verdictSection(line, remedy, t));

  const provider = element("div", "vouch-first");
  provider.lang = t.language;
  provider.dir = "ltr";
  provider.dataset.theme = verdict.theme;
  provider.dataset.firstPaint = "";
  provider.append(main);
  root.replaceChildren(provider);
  return provider;
}

/** Fluent's fontFamilyBase, as first-paint.css gives it (test/unit/first-paint-css.test.ts). */
export const FONT_FAMILY_BASE =
  '"Segoe UI", "Segoe UI Web (West European)", -apple-system, BlinkMacSystemFont, Roboto, "Helvetica Neue", sans-serif';

/** The weights and sizes the first paint draws text in (first-paint.css). */
const FIRST_PAINT_FONTS = ["600 20px", "400 12px", "600 14px", "400 14px"];

/**
 * Matches the first paint's fonts before it draws. Where Segoe UI is missing, the first use of a
 * font stack searches the system's fonts for each name in it, which made the frame that draws the
 * verdict several times slower (bench/coldopen). A canvas measures text in the same fonts through
 * the same font cache the page's layout uses, and needs neither the page's body nor its
 * stylesheet, so this can run while Office.js still loads.
 */
export function warmUpFonts(): void {
  const context = document.createElement("canvas").getContext("2d");
  if (!context) return;
  for (const font of FIRST_PAINT_FONTS) {
    context.font = `${font} ${FONT_FAMILY_BASE}`;
    context.measureText("Vouch");
  }
}

function verdictSection(
  line: ReturnType<typeof firstLineOf>,
  remedy: Remedy,
  t: Strings,
): HTMLElement {
  const section = element("section", "vouch-first-section");
  section.setAttribute("aria-labelledby", "vouch-first-verdict");
  section.dataset.testid = "verdict";
  section.dataset.situation = remedy.situation;
  if (remedy.threat) section.dataset.threat = remedy.threat;
  const hidden = element("h2", "vouch-first-hidden", t.verdict.heading);
  hidden.id = "vouch-first-verdict";

  const bar = element("div", "vouch-first-bar");
  bar.dataset.intent = line.intent;
  bar.setAttribute("role", "group");
  bar.setAttribute("aria-labelledby", "vouch-first-line");
  const body = element("div", "vouch-first-bar-body");
  const barTitle = element("span", "vouch-first-bar-title", line.title);
  barTitle.id = "vouch-first-line";
  barTitle.dataset.testid = "first-line-title";
  const text = element("p", "vouch-first-text", line.body);
  text.dataset.testid = "first-line-body";
  body.append(barTitle, text);
  bar.append(body, element("div", "vouch-first-bar-spacer"));
  section.append(hidden, bar);
  return section;
}

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
