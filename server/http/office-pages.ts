import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import type { OfficeJsSource } from "../config";
import { WEB_DIR } from "./static";

/**
 * Where the Office pages load Office.js from. Microsoft supports its CDN for add-ins in use and
 * the npm copy (@microsoft/office-js) only for development and debugging
 * (office-js-docs-pr docs/develop/referencing-the-javascript-api-for-office-library-from-its-cdn.md);
 * sovereign clouds have CDNs of their own (docs/publish/government-cloud-guidance.md,
 * docs/includes/21Vianet-cdn.md). The pages are built with the worldwide CDN; with any other
 * source the service serves them with that script instead, so one build serves every cloud and
 * the harness, tests and benchmarks (VOUCH_OFFICE_JS=local, the default with the development
 * issuer) run offline on the copy the service serves at /office-js/.
 */

export const OFFICE_JS_URLS: Readonly<Record<OfficeJsSource, string>> = {
  worldwide: "https://appsforoffice.microsoft.com/lib/1/hosted/office.js",
  gcc: "https://appsforoffice.gcc.cdn.office.net/appsforoffice/lib/1/hosted/office.js",
  gcch: "https://appsforoffice.gcch.cdn.office.net/appsforoffice/lib/1/hosted/office.js",
  dod: "https://appsforoffice.dod.cdn.office.net/appsforoffice/lib/1/hosted/office.js",
  china: "https://appsforoffice.cdn.partner.office365.cn/appsforoffice/lib/1/hosted/office.js",
  local: "/office-js/office.js",
};

/** The pages that load Office.js: the two the manifest names, and the sign-in dialog. */
export const OFFICE_JS_PAGES = ["taskpane.html", "commands.html", "auth-dialog.html"] as const;

const BUILT_WITH = `<script src="${OFFICE_JS_URLS.worldwide}"></script>`;

/** The page with its Office.js script taken from `source`; the page unchanged if it has none. */
export function withOfficeJs(html: string, source: OfficeJsSource): string {
  return html.replace(BUILT_WITH, `<script src="${OFFICE_JS_URLS[source]}"></script>`);
}

/**
 * Serves the Office pages with the configured Office.js, from the folder the static files come
 * from. Installed right after them (server/app.ts), and only when the source is not the
 * worldwide CDN the build carries; these exact paths win over @fastify/static's wildcard. A page
 * that was not built is left to the static files' "not built" answer.
 */
export function installOfficePages(
  app: FastifyInstance,
  source: OfficeJsSource,
  webDir: string = WEB_DIR,
): void {
  if (source === "worldwide") return;
  for (const page of OFFICE_JS_PAGES) {
    const file = join(webDir, page);
    if (!existsSync(file)) continue;
    app.get(`/${page}`, async (_request, reply) =>
      reply
        .header("cache-control", "no-cache")
        .type("text/html; charset=utf-8")
        .send(withOfficeJs(await readFile(file, "utf8"), source)),
    );
  }
}
