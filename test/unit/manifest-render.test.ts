import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkUnifiedFile, checkXmlFile } from "../../scripts/manifest-check/index";
import { readPngSize } from "../../scripts/manifest-check/png";
import { colorMark, render } from "../../scripts/icons";
import { parseManifestArgs, runManifestCommand } from "../../scripts/manifest";
import {
  DEFAULT_ADDIN_ID,
  ManifestValueError,
  normalizeOrigin,
  renderXmlManifest,
} from "../../server/manifest/render";

const ROOT = resolve(import.meta.dirname, "../..");
const ASSETS = join(ROOT, "assets");
const SLOW = { timeout: 60_000 };

let out: string;
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), "vouch-manifest-render-"));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("origins", () => {
  it("keeps scheme, host and port and drops a trailing slash", () => {
    expect(normalizeOrigin("https://Vouch.Example.org:8443/")).toBe(
      "https://vouch.example.org:8443",
    );
  });

  it.each([
    ["http://vouch.example.org", /only over HTTPS/],
    ["https://vouch.example.org/vouch", /origin only/],
    ["vouch.example.org", /not a URL/],
  ])("refuses %s", (origin, message) => {
    expect(() => normalizeOrigin(origin)).toThrow(message);
  });
});

describe("scripts/manifest.ts", () => {
  it(
    "writes a manifest for another origin in which every URL is on that origin",
    SLOW,
    async () => {
      const file = join(out, "example.xml");
      const command = parseManifestArgs([
        "--origin",
        "https://vouch.example.org",
        "--version",
        "1.2.3.4",
        "--out",
        file,
      ]);
      await runManifestCommand(command);
      const xml = readFileSync(file, "utf8");
      const urls = [...xml.matchAll(/DefaultValue="(https?:[^"]+)"/g)].map((m) => m[1]!);
      expect(urls.length).toBeGreaterThan(15);
      for (const url of urls) expect(url.startsWith("https://vouch.example.org/")).toBe(true);
      expect(xml).toContain("<Version>1.2.3.4</Version>");
      expect(xml).toContain(`<Id>${DEFAULT_ADDIN_ID}</Id>`);
      expect(await checkXmlFile(file)).toEqual([]);
    },
  );

  it("gives a fresh GUID with --new-id and keeps a given --id", () => {
    const fresh = parseManifestArgs(["--new-id", "--out", join(out, "a.xml")]).values.id;
    expect(fresh).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(fresh).not.toBe(DEFAULT_ADDIN_ID);
    const given = "6f1c0a52-0d7e-4b8a-9a43-2f3d1e5c7b90";
    expect(parseManifestArgs(["--id", given]).values.id).toBe(given);
  });

  it("refuses a version that is not four-part, an id that is not a GUID, and both --id and --new-id", () => {
    expect(() => parseManifestArgs(["--version", "1.2.3"])).toThrow(ManifestValueError);
    expect(() => parseManifestArgs(["--id", "vouch"])).toThrow(/GUID/);
    expect(() => parseManifestArgs(["--id", DEFAULT_ADDIN_ID, "--new-id"])).toThrow(/not both/);
  });

  it("writes only to dist/ by default for an origin other than localhost", () => {
    expect(parseManifestArgs(["--origin", "https://vouch.example.org"]).out).toBe(
      join(ROOT, "dist/manifest.xml"),
    );
    expect(parseManifestArgs([]).out).toBe(join(ROOT, "manifest.xml"));
  });

  it("escapes what it substitutes, so a value cannot break the XML", () => {
    const xml = renderXmlManifest(
      { origin: "https://localhost:3000", id: DEFAULT_ADDIN_ID, version: "1.0.0.0" },
      '<Url DefaultValue="{{origin}}/?a=1&amp;b=2"/>',
    );
    expect(xml).toBe('<Url DefaultValue="https://localhost:3000/?a=1&amp;b=2"/>');
  });

  it(
    "writes the unified manifest and an app package holding it and its two icons",
    SLOW,
    async () => {
      const file = join(out, "unified", "manifest.json");
      await runManifestCommand(
        parseManifestArgs([
          "--unified",
          "--origin",
          "https://vouch.example.org",
          "--version",
          "2.1.0.0",
          "--out",
          file,
        ]),
      );
      const manifest = JSON.parse(readFileSync(file, "utf8")) as {
        version: string;
        extensions: unknown[];
      };
      expect(manifest.version).toBe("2.1.0");
      expect(JSON.stringify(manifest)).not.toContain("localhost");
      expect(await checkUnifiedFile(file)).toEqual([]);

      const zip = readFileSync(join(out, "unified", "vouch-app-package.zip"));
      expect(zip.subarray(0, 4).toString("latin1")).toBe("PK\u0003\u0004");
      const names = centralDirectoryNames(zip);
      expect(names.sort()).toEqual(["icon-color-192.png", "icon-outline-32.png", "manifest.json"]);
    },
  );
});

/** File names from a zip's central directory (stored or deflated, no zip64). */
function centralDirectoryNames(zip: Buffer): string[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const nameLength = zip.readUInt16LE(offset + 28);
    const extra = zip.readUInt16LE(offset + 30);
    const comment = zip.readUInt16LE(offset + 32);
    names.push(zip.subarray(offset + 46, offset + 46 + nameLength).toString("utf8"));
    offset += 46 + nameLength + extra + comment;
  }
  return names;
}

describe("the committed icons", () => {
  const files = readdirSync(ASSETS).filter((name) => name.endsWith(".png"));

  it("include every size the manifests name", () => {
    for (const size of [16, 20, 24, 25, 32, 40, 48, 50, 64, 75, 80, 96, 128, 144]) {
      expect(files).toContain(`icon-${size}.png`);
    }
    expect(files).toContain("icon-color-192.png");
    expect(files).toContain("icon-outline-32.png");
  });

  it("are as large as their names say", () => {
    for (const name of files) {
      const size = Number(/-(\d+)\.png$/.exec(name)?.[1]);
      expect(readPngSize(join(ASSETS, name)), name).toEqual({ width: size, height: size });
    }
  });

  it("have a transparent background and anti-aliased edges", () => {
    const png = PNG.sync.read(readFileSync(join(ASSETS, "icon-80.png")));
    const alphas = new Set<number>();
    for (let i = 3; i < png.data.length; i += 4) alphas.add(png.data[i]!);
    expect(png.data[3]).toBe(0); // the top-left corner
    expect(alphas.has(0) && alphas.has(255)).toBe(true);
    // Partial coverage at the edges: many intermediate alpha values, not a hard mask.
    expect([...alphas].filter((a) => a > 0 && a < 255).length).toBeGreaterThan(20);
  });

  it("are what scripts/icons.ts draws today (no stale artwork)", () => {
    for (const size of [16, 32, 80]) {
      const committed = PNG.sync.read(readFileSync(join(ASSETS, `icon-${size}.png`)));
      expect(
        Buffer.compare(committed.data, render(colorMark(size), size).data),
        `icon-${size}.png`,
      ).toBe(0);
    }
  });
});
