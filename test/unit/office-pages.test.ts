import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadConfig, type OfficeJsSource } from "../../server/config";
import {
  OFFICE_JS_PAGES,
  OFFICE_JS_URLS,
  installOfficePages,
  withOfficeJs,
} from "../../server/http/office-pages";
import { OFFICE_SCRIPT_SOURCES } from "../../server/http/security-headers";

/**
 * Issue 12 §4: the pages the manifest names load Office.js from Microsoft's CDN; the service
 * serves them with another cloud's CDN or its own copy (development, tests) instead.
 */

const PAGES = resolve(import.meta.dirname, "../../src/pages");
const CDN = OFFICE_JS_URLS.worldwide;

let webDir: string;
let app: FastifyInstance | null = null;
beforeAll(() => {
  webDir = mkdtempSync(join(tmpdir(), "vouch-office-pages-"));
  // What Vite builds: the source page with its module script rewritten, the classic one kept.
  for (const page of OFFICE_JS_PAGES) {
    writeFileSync(join(webDir, page), readFileSync(join(PAGES, page), "utf8"));
  }
});
afterAll(() => rmSync(webDir, { recursive: true, force: true }));
afterEach(async () => {
  await app?.close();
  app = null;
});

async function serve(officeJs: OfficeJsSource) {
  app = Fastify();
  installOfficePages(app, officeJs, webDir);
  await app.ready();
  return app;
}

describe("the source pages", () => {
  it("load Office.js from Microsoft's CDN, first, in every page that runs Office.js", () => {
    for (const page of OFFICE_JS_PAGES) {
      const html = readFileSync(join(PAGES, page), "utf8");
      expect(html, page).toContain(`<script src="${CDN}"></script>`);
      expect(html, page).not.toContain("/office-js/");
      expect(html.indexOf(CDN), page).toBeLessThan(html.indexOf('type="module"'));
    }
  });
});

describe("serving the Office pages", () => {
  it("swaps in the service's own copy with VOUCH_OFFICE_JS=local", async () => {
    const server = await serve("local");
    for (const page of OFFICE_JS_PAGES) {
      const response = await server.inject({ url: `/${page}` });
      expect(response.statusCode, page).toBe(200);
      expect(response.body).toContain('<script src="/office-js/office.js"></script>');
      expect(response.body).not.toContain("appsforoffice");
    }
  });

  it.each([
    ["gcc", "https://appsforoffice.gcc.cdn.office.net/appsforoffice/lib/1/hosted/office.js"],
    ["gcch", "https://appsforoffice.gcch.cdn.office.net/appsforoffice/lib/1/hosted/office.js"],
    ["dod", "https://appsforoffice.dod.cdn.office.net/appsforoffice/lib/1/hosted/office.js"],
    [
      "china",
      "https://appsforoffice.cdn.partner.office365.cn/appsforoffice/lib/1/hosted/office.js",
    ],
  ] as const)("swaps in the %s cloud's CDN, which the CSP allows", async (source, url) => {
    const response = await (await serve(source)).inject({ url: "/taskpane.html" });
    expect(response.body).toContain(`<script src="${url}"></script>`);
    expect(response.body).not.toContain(CDN);
    expect(OFFICE_SCRIPT_SOURCES).toContain(new URL(url).origin);
  });

  it("leaves the built pages to the static files with the worldwide CDN", async () => {
    const response = await (await serve("worldwide")).inject({ url: "/taskpane.html" });
    expect(response.statusCode).toBe(404);
    expect(withOfficeJs(`<script src="${CDN}"></script>`, "worldwide")).toContain(CDN);
  });
});

describe("VOUCH_OFFICE_JS", () => {
  const base = { NODE_ENV: "test", VOUCH_DATA_DIR: webDir };
  const entra = {
    VOUCH_AUTH: "entra",
    VOUCH_ENTRA_CLIENT_ID: "app",
    VOUCH_ENTRA_TENANTS: "0b6a4a7d-aaaa-4bbb-8ccc-1dddeeeeffff",
  };
  it("defaults to the local copy with the development issuer and to the CDN with Entra ID", () => {
    expect(loadConfig({ ...base, VOUCH_AUTH: "dev" }).officeJs).toBe("local");
    expect(loadConfig({ ...base, ...entra }).officeJs).toBe("worldwide");
    expect(loadConfig({ ...base, ...entra, VOUCH_OFFICE_JS: "gcch" }).officeJs).toBe("gcch");
    expect(() => loadConfig({ ...base, VOUCH_OFFICE_JS: "beta" })).toThrow(/VOUCH_OFFICE_JS/);
  });
});
