import Fastify, { type FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { checkXmlText } from "../../scripts/manifest-check/index";
import type { FeatureContext } from "../../server/feature-context";
import { createManifestPlugin, optionsFromEnv } from "../../server/manifest/plugin";
import { DEFAULT_ADDIN_ID, unifiedIdFor } from "../../server/manifest/render";
import { startTestService } from "../support/service";

let app: FastifyInstance | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

/** The plugin reads only the config's origin settings from its context. */
function contextWith(publicOrigin: string): FeatureContext {
  const config = { publicOrigin, tls: { kind: "none" }, host: "127.0.0.1", port: 3000 };
  return { config } as unknown as FeatureContext;
}

async function serve(env: NodeJS.ProcessEnv, publicOrigin: string, trustProxy = false) {
  app = Fastify({ trustProxy });
  await app.register(async (scope) =>
    createManifestPlugin(optionsFromEnv(env))(scope, contextWith(publicOrigin)),
  );
  await app.ready();
  return app;
}

describe("GET /manifest.xml", () => {
  it("renders for the configured public origin, and the result passes the checks", async () => {
    const server = await serve({}, "https://vouch.example.org");
    const response = await server.inject({ url: "/manifest.xml" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^application\/xml/);
    expect(response.body).toContain(
      '<SourceLocation DefaultValue="https://vouch.example.org/taskpane.html"/>',
    );
    expect(response.body).not.toContain("localhost");
    expect(checkXmlText(response.body)).toEqual([]);
  });

  it("uses the request's own origin when no public origin is configured", async () => {
    const server = await serve({}, "http://localhost:3000", true);
    const response = await server.inject({
      url: "/manifest.xml",
      headers: { host: "mail-tools.example.net:8443", "x-forwarded-proto": "https" },
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("https://mail-tools.example.net:8443/commands.html");
  });

  it("refuses with a reason when the service is reached over plain HTTP", async () => {
    const server = await serve({}, "http://localhost:3000");
    const response = await server.inject({
      url: "/manifest.xml",
      headers: { host: "localhost:3000" },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({
      error: "manifest-unavailable",
      message: expect.stringMatching(/HTTPS/),
    });
  });

  it("takes the add-in id and version from VOUCH_ADDIN_ID and VOUCH_ADDIN_VERSION", async () => {
    const id = "0b7f5f0e-3c43-4a8e-9a51-6d3f7b2a1c44";
    const server = await serve(
      {
        VOUCH_ADDIN_ID: id,
        VOUCH_ADDIN_VERSION: "1.4.0.0",
      },
      "https://vouch.example.org",
    );
    const body = (await server.inject({ url: "/manifest.xml" })).body;
    expect(body).toContain(`<Id>${id}</Id>`);
    expect(body).toContain("<Version>1.4.0.0</Version>");
    expect(body).not.toContain(DEFAULT_ADDIN_ID);
  });
});

describe("GET /manifest.json", () => {
  it("serves the unified manifest for the same origin", async () => {
    const server = await serve({}, "https://vouch.example.org");
    const response = await server.inject({ url: "/manifest.json" });
    expect(response.statusCode).toBe(200);
    const manifest = response.json() as { validDomains: string[]; id: string };
    expect(manifest.validDomains).toEqual(["https://vouch.example.org"]);
    // Its own id (issue 12 §8): the XML add-in keeps DEFAULT_ADDIN_ID and is hidden by it.
    expect(manifest.id).toBe(unifiedIdFor(DEFAULT_ADDIN_ID));
  });
});

describe("in the real service", () => {
  it(
    "serves /manifest.xml for VOUCH_PUBLIC_ORIGIN through server/plugins.ts",
    { timeout: 60_000 },
    async () => {
      const service = await startTestService({ VOUCH_PUBLIC_ORIGIN: "https://vouch.example.org" });
      try {
        const response = await fetch(`${service.url}/manifest.xml`);
        expect(response.status).toBe(200);
        const xml = await response.text();
        expect(xml).toContain(
          '<bt:Url id="Commands.Url" DefaultValue="https://vouch.example.org/commands.html"/>',
        );
        expect(checkXmlText(xml)).toEqual([]);
      } finally {
        await service.close();
      }
    },
  );
});
