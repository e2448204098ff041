import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { de } from "../../src/taskpane/i18n/de";
import { en } from "../../src/taskpane/i18n/en";
import { axeViolations } from "../support/axe";
import { launchChromium, SCREENSHOT_DIR } from "../support/browser";
import { outlookStandInInitScript, type StandInOptions } from "../support/outlook-standin";
import { sampleHeaders } from "../support/samples";
import { startTestService, type TestService } from "../support/service";

/**
 * taskpane.html's start-up (src/taskpane/main.ts) on the stand-in Outlook: the verdict drawn
 * without React first (first-paint.ts), then the React pane over it, then sign-in.
 */

const PANE_CHUNK = /\/static\/mount-pane-[^/]*\.js$/;
const ANALYSIS_CHUNK = /\/static\/analysis-[^/]*\.js$/;

let service: TestService;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  service = await startTestService();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await service?.close();
});

interface Opened {
  page: Page;
  context: BrowserContext;
  errors: string[];
}

async function openPane(
  sample: string,
  options: StandInOptions & { route?: (page: Page) => Promise<unknown> } = {},
): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: 360, height: 900 } });
  await context.addInitScript({
    content:
      `try { localStorage.setItem("vouch:dev-identity", ${JSON.stringify(
        JSON.stringify({ tenant: "first-paint", user: "erin" }),
      )}); } catch (e) {}\n` +
      outlookStandInInitScript(
        [{ ...sampleHeaders(sample), subject: `Sample ${sample}` }],
        options,
      ),
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  await options.route?.(page);
  await page.goto(`${service.url}/taskpane.html`);
  return { page, context, errors };
}

/** Holds the React pane's chunk back until `release` is called. */
function holdPaneChunk() {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const route = (page: Page) =>
    page.route(PANE_CHUNK, async (route) => {
      await released;
      await route.continue();
    });
  return { route, release };
}

/** Where and how the top of the pane is drawn: boxes, words, colours and fonts. */
function topOfPane(page: Page) {
  return page.evaluate(() => {
    const parts: Record<string, string> = {
      main: "main",
      title: "main > h1",
      subject: "[data-testid=subject]",
      verdict: "[data-testid=verdict]",
      bar: "[data-testid=verdict] [role=group]",
      lineTitle: "[data-testid=first-line-title]",
      lineBody: "[data-testid=first-line-body]",
    };
    const styles = [
      "color",
      "backgroundColor",
      "borderTopColor",
      "borderBottomColor",
      "borderBottomWidth",
      "borderRadius",
      "fontFamily",
      "fontSize",
      "fontWeight",
      "lineHeight",
      "paddingTop",
      "paddingLeft",
      "paddingRight",
      "paddingBottom",
    ] as const;
    const out: Record<string, unknown> = {};
    for (const [name, selector] of Object.entries(parts)) {
      const element = document.querySelector(selector);
      if (!element) {
        out[name] = null;
        continue;
      }
      const box = element.getBoundingClientRect();
      const computed = getComputedStyle(element);
      const labelledBy = element.getAttribute("aria-labelledby");
      // The React pane's main goes on below the verdict: only where it starts is compared.
      const whole = name !== "main";
      out[name] = {
        tag: element.tagName,
        role: element.getAttribute("role"),
        name: labelledBy ? document.getElementById(labelledBy)?.textContent : null,
        text: whole ? element.textContent : null,
        box: [box.x, box.y, box.width, whole ? box.height : 0].map(Math.round),
        style: styles.map((property) => computed[property]),
        situation: (element as HTMLElement).dataset.situation ?? null,
      };
    }
    out.pageBackground = getComputedStyle(
      document.querySelector("main")!.parentElement!,
    ).backgroundColor;
    out.lang = document.querySelector("main")!.parentElement!.getAttribute("lang");
    return out;
  });
}

const firstPaint = (page: Page) => page.locator("[data-first-paint] [data-testid=verdict]");

describe("the first paint", () => {
  const cases = [
    { sample: "vendor-invoice-compauth", lang: "en-US", theme: "light", background: "#ffffff" },
    { sample: "phishing-impersonation", lang: "de-DE", theme: "dark", background: "#1f1f1f" },
    { sample: "azure-service-notice", lang: "de-DE", theme: "light", background: "#ffffff" },
    { sample: "bulk-newsletter", lang: "en-US", theme: "dark", background: "#1f1f1f" },
  ];
  it.each(cases)(
    "draws $sample ($lang, $theme) as the React pane then does, in the same place",
    async ({ sample, lang, theme, background }) => {
      const hold = holdPaneChunk();
      const { page, context, errors } = await openPane(sample, {
        displayLanguage: lang,
        bodyBackgroundColor: background,
        route: hold.route,
      });
      await firstPaint(page).waitFor();
      const drawnFirst = await topOfPane(page);
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({
        path: join(SCREENSHOT_DIR, `taskpane-first-paint-${lang}-${theme}-${sample}.png`),
      });
      // The mark means the verdict is on screen, already before React.
      expect(
        await page.evaluate(
          () => performance.getEntriesByName("vouch:verdict-painted", "mark").length,
        ),
      ).toBe(1);

      hold.release();
      await page.getByTestId("report").waitFor();
      expect(await page.locator("[data-first-paint]").count()).toBe(0);
      expect(await page.locator(`[data-theme=${theme}]`).count()).toBeGreaterThan(0);
      const drawnByReact = await topOfPane(page);
      expect(drawnFirst).toEqual(drawnByReact);
      expect(drawnFirst.lang).toBe(lang.slice(0, 2));
      await page.screenshot({
        path: join(SCREENSHOT_DIR, `taskpane-react-${lang}-${theme}-${sample}.png`),
      });
      expect(errors).toEqual([]);
      await context.close();
    },
  );

  it("leaves forced colours to the React pane", async () => {
    const context = await browser.newContext({
      viewport: { width: 360, height: 900 },
      forcedColors: "active",
    });
    await context.addInitScript({
      content: outlookStandInInitScript([
        { ...sampleHeaders("vendor-invoice-compauth"), subject: "Invoice" },
      ]),
    });
    const page = await context.newPage();
    await page.goto(`${service.url}/taskpane.html`);
    await page.getByTestId("report").waitFor();
    expect(await page.locator("[data-theme=high-contrast]").count()).toBeGreaterThan(0);
    expect(await page.locator("[data-first-paint]").count()).toBe(0);
    await context.close();
  });
});

describe("start-up order", () => {
  it("runs the pane's module ahead of Office.js, which it waits for before calling Office", async () => {
    // Held, the React pane cannot replace the first paint before the locator has seen it.
    const hold = holdPaneChunk();
    const { page, context, errors } = await openPane("vendor-invoice-compauth", {
      route: hold.route,
    });
    await firstPaint(page).waitFor();
    hold.release();
    const scripts = await page.evaluate(() =>
      [...document.head.querySelectorAll("script")].map((script) =>
        script.type === "module" ? "module" : new URL(script.src).pathname,
      ),
    );
    expect(scripts.slice(0, 2)).toEqual(["module", "/office-js/office.js"]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("starts sign-in and the React pane only once the verdict is on screen", async () => {
    const { page, context, errors } = await openPane("vendor-invoice-compauth");
    // Signed in: the report buttons no longer wait.
    await page.getByRole("button", { name: "Not spam" }).waitFor();
    const order = await page.evaluate(() => {
      const verdict = performance.getEntriesByName("vouch:verdict-painted", "mark")[0]!.startTime;
      const started = (pattern: RegExp) =>
        performance
          .getEntriesByType("resource")
          .filter((entry) => pattern.test(new URL(entry.name).pathname))
          .map((entry) => entry.startTime - verdict);
      return {
        config: started(/^\/api\/v1\/client-config$/),
        signIn: started(/^\/static\/office-services-/),
        pane: started(/^\/static\/mount-pane-/),
        analysis: started(/^\/static\/analysis-/),
      };
    });
    for (const list of [order.config, order.signIn, order.pane]) {
      expect(list.length).toBe(1);
      expect(list[0]).toBeGreaterThanOrEqual(0);
    }
    expect(order.analysis[0]).toBeLessThan(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("failed chunks", () => {
  it.each([
    { lang: "en-US", strings: en },
    { lang: "de-DE", strings: de },
  ])("keeps the verdict and says the rest could not load ($lang)", async ({ lang, strings }) => {
    const { page, context } = await openPane("vendor-invoice-compauth", {
      displayLanguage: lang,
      route: (page) => page.route(PANE_CHUNK, (route) => route.abort()),
    });
    const failed = page.getByTestId("pane-failed");
    await failed.waitFor();
    expect(await failed.getByRole("alert").textContent()).toBe(strings.paneFailed);
    expect(await failed.getByRole("button").textContent()).toBe(strings.paneRetry);
    expect(await page.getByTestId("first-line-title").count()).toBe(1);
    await page.screenshot({ path: join(SCREENSHOT_DIR, `taskpane-pane-failed-${lang}.png`) });
    await context.close();
  });

  it("says the pane could not load when the analysis engine cannot", async () => {
    const { page, context, errors } = await openPane("vendor-invoice-compauth", {
      displayLanguage: "de-DE",
      route: (page) => page.route(ANALYSIS_CHUNK, (route) => route.abort()),
    });
    const failed = page.getByTestId("pane-failed");
    await failed.waitFor();
    expect(await failed.getByRole("alert").textContent()).toBe(de.paneFailed);
    expect(await page.getByTestId("verdict").count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
