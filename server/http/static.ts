import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply } from "fastify";

/** The folders the service serves as they are, relative to the repository root. */
export const REPO_ROOT = resolve(import.meta.dirname, "../..");
export const WEB_DIR = join(REPO_ROOT, "dist/web");
export const ASSETS_DIR = join(REPO_ROOT, "assets");
export const OFFICE_JS_DIR = join(REPO_ROOT, "node_modules/@microsoft/office-js/dist");
/** Brotli and gzip copies of the Office.js files pages load offline (written by the build). */
export const OFFICE_JS_COMPRESSED_DIR = join(REPO_ROOT, "dist/office-js");
export const SAMPLES_DIR = join(REPO_ROOT, "samples");

/** Icons: Office caches them and shows a default icon when told not to; never no-cache. */
const ICON_CACHE = "public, max-age=604800";
/** Vite's bundles carry a content hash in their names. */
const BUNDLE_CACHE = "public, max-age=31536000, immutable";
/** Pages keep their names across releases: revalidated on every load (ETag), so a deploy shows. */
const PAGE_CACHE = "no-cache";

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Vouch: pages not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto">
<h1>The Vouch web pages have not been built</h1>
<p>The service is running, but <code>dist/web</code> does not exist yet. Build the task pane,
harness and admin console with <code>npm run build</code> (or start with <code>npm start</code>,
which builds first), then reload this page.</p>
</body></html>
`;

export interface StaticOptions {
  /** Serve samples/ at /samples/ (the harness reads catalog.json and the .eml files). */
  samples: boolean;
  webDir?: string;
  /** Office.js as served at /office-js/: the copy, and the build's compressed copies of it. */
  officeJs?: { dir: string; compressedDir: string };
}

export async function installStatic(app: FastifyInstance, options: StaticOptions): Promise<void> {
  const webDir = options.webDir ?? WEB_DIR;
  if (existsSync(webDir)) {
    await app.register(fastifyStatic, {
      root: webDir,
      prefix: "/",
      index: false,
      wildcard: true,
      cacheControl: false,
      // The build writes x.br and x.gz beside each file (scripts/precompress.ts): sent by the
      // client's Accept-Encoding, with Vary: Accept-Encoding, and the file itself when a copy
      // is missing or the client accepts neither.
      preCompressed: true,
      setHeaders: (reply: FastifyReply, path: string) => {
        reply.header("cache-control", path.includes("/static/") ? BUNDLE_CACHE : PAGE_CACHE);
      },
    });
  } else {
    const notBuilt = async (_request: unknown, reply: FastifyReply) =>
      reply
        .code(503)
        .header("cache-control", "no-store")
        .type("text/html; charset=utf-8")
        .send(NOT_BUILT_PAGE);
    app.get("/:page.html", notBuilt);
    app.get("/static/*", notBuilt);
  }
  app.get("/", async (_request, reply) =>
    reply.redirect(options.samples ? "/harness.html" : "/admin.html"),
  );

  // Browsers ask every page's origin for /favicon.ico; a PNG there is accepted by all of them.
  const favicon = join(ASSETS_DIR, "icon-32.png");
  if (existsSync(favicon)) {
    const png = readFileSync(favicon);
    app.get("/favicon.ico", async (_request, reply) =>
      reply.type("image/png").header("cache-control", ICON_CACHE).send(png),
    );
  }
  if (existsSync(ASSETS_DIR)) {
    await app.register(fastifyStatic, {
      root: ASSETS_DIR,
      prefix: "/assets/",
      decorateReply: false,
      cacheControl: false,
      setHeaders: (reply: FastifyReply) => {
        reply.header("cache-control", ICON_CACHE);
      },
    });
  }
  const officeJs = options.officeJs ?? {
    dir: OFFICE_JS_DIR,
    compressedDir: OFFICE_JS_COMPRESSED_DIR,
  };
  if (existsSync(officeJs.dir)) {
    // The compressed copies first (only .br and .gz there), then the copy itself.
    const compressed = existsSync(officeJs.compressedDir);
    await app.register(fastifyStatic, {
      root: compressed ? [officeJs.compressedDir, officeJs.dir] : officeJs.dir,
      prefix: "/office-js/",
      decorateReply: false,
      preCompressed: compressed,
      maxAge: "1d",
    });
  }
  if (options.samples && existsSync(SAMPLES_DIR)) {
    await app.register(fastifyStatic, {
      root: SAMPLES_DIR,
      prefix: "/samples/",
      decorateReply: false,
      cacheControl: false,
      setHeaders: (reply: FastifyReply, path: string) => {
        reply.header("cache-control", "no-cache");
        if (path.endsWith(".eml")) reply.header("content-type", "message/rfc822");
      },
    });
  }
}
