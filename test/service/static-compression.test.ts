import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { precompress } from "../../scripts/precompress";
import { startTestService, type TestService } from "../support/service";

/**
 * The built pages as the service sends them: the build's Brotli and gzip copies chosen by the
 * client's Accept-Encoding, Vary on it, pages revalidated and hashed bundles immutable, and the
 * file itself when a copy is missing. A web folder of its own, compressed by the build step.
 */
let service: TestService;
let app: FastifyInstance;
let webDir: string;

const page = `<!doctype html><html><head><title>Vouch</title></head><body>${"<p>Vouch explains.</p>".repeat(200)}</body></html>`;
const bundle = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `word-${i}`))};\n`;
const gzipOnly = `export const gzipOnly = ${JSON.stringify("g".repeat(3000))};\n`;
const plain = `export const plain = ${JSON.stringify("p".repeat(3000))};\n`;
const tiny = "export const tiny = 1;\n";

beforeAll(async () => {
  webDir = mkdtempSync(join(tmpdir(), "vouch-web-"));
  mkdirSync(join(webDir, "static"));
  writeFileSync(join(webDir, "admin.html"), page);
  writeFileSync(join(webDir, "static/main-AbC123.js"), bundle);
  writeFileSync(join(webDir, "static/gzip-only-DeF456.js"), gzipOnly);
  writeFileSync(join(webDir, "static/tiny-GhI789.js"), tiny);
  const result = await precompress(webDir);
  expect(result.files).toBe(3); // the tiny file is not worth a copy
  expect(result.brotliBytes).toBeLessThan(result.bytes);
  unlinkSync(join(webDir, "static/gzip-only-DeF456.js.br"));
  // Written after the build step: no copies at all.
  writeFileSync(join(webDir, "static/plain-JkL012.js"), plain);

  service = await startTestService();
  const { buildService } = await import("../../server/app");
  ({ app } = await buildService(service.config, service.store, { webDir }));
});

afterAll(async () => {
  await app?.close();
  await service?.close();
  rmSync(webDir, { recursive: true, force: true });
});

async function get(url: string, acceptEncoding?: string) {
  const answer = await app.inject({
    method: "GET",
    url,
    headers: acceptEncoding === undefined ? {} : { "accept-encoding": acceptEncoding },
  });
  const encoding = answer.headers["content-encoding"];
  const body =
    encoding === "br"
      ? brotliDecompressSync(answer.rawPayload).toString("utf8")
      : encoding === "gzip"
        ? gunzipSync(answer.rawPayload).toString("utf8")
        : answer.body;
  return { answer, encoding, body, vary: String(answer.headers.vary ?? "").toLowerCase() };
}

describe("precompressed pages and bundles", () => {
  it("sends Brotli to a client that prefers it, gzip to one that only takes gzip", async () => {
    for (const [url, content] of [
      ["/admin.html", page],
      ["/static/main-AbC123.js", bundle],
    ] as const) {
      const br = await get(url, "gzip, deflate, br");
      expect(br.answer.statusCode, url).toBe(200);
      expect(br.encoding, url).toBe("br");
      expect(br.body, url).toBe(content);
      expect(br.answer.rawPayload.length, url).toBeLessThan(content.length / 2);

      const gz = await get(url, "gzip");
      expect(gz.encoding, url).toBe("gzip");
      expect(gz.body, url).toBe(content);
    }
    const quality = await get("/static/main-AbC123.js", "br;q=0.1, gzip;q=1");
    expect(quality.encoding).toBe("gzip");
  });

  it("sends the file itself to a client that accepts no encoding, or none we have", async () => {
    for (const acceptEncoding of [undefined, "identity", "zstd"]) {
      const answer = await get("/static/main-AbC123.js", acceptEncoding);
      expect(answer.answer.statusCode, acceptEncoding).toBe(200);
      expect(answer.encoding, acceptEncoding).toBeUndefined();
      expect(answer.body, acceptEncoding).toBe(bundle);
    }
  });

  it("keeps the content type of the file, not of its copy", async () => {
    expect((await get("/static/main-AbC123.js", "br")).answer.headers["content-type"]).toMatch(
      /javascript/,
    );
    expect((await get("/admin.html", "gzip")).answer.headers["content-type"]).toMatch(/text\/html/);
  });

  it("says Vary: Accept-Encoding on every answer chosen by it, fallbacks included", async () => {
    for (const [url, acceptEncoding] of [
      ["/admin.html", "br"],
      ["/admin.html", undefined],
      ["/static/main-AbC123.js", "gzip"],
      ["/static/plain-JkL012.js", "br, gzip"],
    ] as const) {
      const { vary } = await get(url, acceptEncoding);
      expect(vary.split(/\s*,\s*/), `${url} ${acceptEncoding}`).toContain("accept-encoding");
    }
  });

  it("falls back when a copy is missing: to gzip without the .br, to the file without either", async () => {
    const gzipFallback = await get("/static/gzip-only-DeF456.js", "br, gzip");
    expect(gzipFallback.answer.statusCode).toBe(200);
    expect(gzipFallback.encoding).toBe("gzip");
    expect(gzipFallback.body).toBe(gzipOnly);

    const brOnlyClient = await get("/static/gzip-only-DeF456.js", "br");
    expect(brOnlyClient.encoding).toBeUndefined();
    expect(brOnlyClient.body).toBe(gzipOnly);

    for (const url of ["/static/plain-JkL012.js", "/static/tiny-GhI789.js"]) {
      const identity = await get(url, "br, gzip");
      expect(identity.answer.statusCode, url).toBe(200);
      expect(identity.encoding, url).toBeUndefined();
      expect(identity.body, url).toBe(url.includes("plain") ? plain : tiny);
    }

    const missing = await get("/static/no-such-file.js", "br, gzip");
    expect(missing.answer.statusCode).toBe(404);
  });

  it("revalidates pages and keeps hashed bundles immutable, compressed or not", async () => {
    for (const acceptEncoding of ["br", "gzip", undefined]) {
      const html = await get("/admin.html", acceptEncoding);
      expect(html.answer.headers["cache-control"], acceptEncoding).toBe("no-cache");
      const js = await get("/static/main-AbC123.js", acceptEncoding);
      expect(js.answer.headers["cache-control"], acceptEncoding).toBe(
        "public, max-age=31536000, immutable",
      );
    }
  });
});

describe("the local Office.js (harness, tests, benchmarks)", () => {
  it("is sent compressed from the build's copies, and as it is without them", async () => {
    const { default: Fastify } = await import("fastify");
    const { installStatic } = await import("../../server/http/static");
    const { precompressOfficeJs } = await import("../../scripts/precompress");
    const officeDir = join(webDir, "office-js-copy");
    const compressedDir = join(webDir, "office-js-compressed");
    mkdirSync(officeDir);
    const officeJs = `var Office = {}; ${"/* Microsoft's library */ ".repeat(200)}`;
    writeFileSync(join(officeDir, "office.js"), officeJs);
    writeFileSync(join(officeDir, "outlook-web-16.01.js"), officeJs);
    await precompressOfficeJs(officeDir, compressedDir);

    for (const compressed of [true, false]) {
      const bare = Fastify();
      await installStatic(bare, {
        samples: false,
        webDir,
        officeJs: { dir: officeDir, compressedDir: compressed ? compressedDir : "/nonexistent" },
      });
      try {
        const br = await bare.inject({
          url: "/office-js/office.js",
          headers: { "accept-encoding": "br" },
        });
        expect(br.statusCode).toBe(200);
        expect(br.headers["content-encoding"]).toBe(compressed ? "br" : undefined);
        const body = compressed ? brotliDecompressSync(br.rawPayload).toString("utf8") : br.body;
        expect(body).toBe(officeJs);
        expect(br.headers["content-type"]).toMatch(/javascript/);
        // A file the build did not compress comes from the copy itself.
        const other = await bare.inject({
          url: "/office-js/outlook-web-16.01.js",
          headers: { "accept-encoding": "br, gzip" },
        });
        expect(other.statusCode).toBe(200);
        expect(other.headers["content-encoding"]).toBeUndefined();
        expect(other.body).toBe(officeJs);
      } finally {
        await bare.close();
      }
    }
  });
});
