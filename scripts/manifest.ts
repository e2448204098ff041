/**
 * Writes Vouch's manifest for one deployment.
 *
 *   node bin/run-ts.mjs scripts/manifest.ts                       # manifest.xml for https://localhost:3000
 *   node bin/run-ts.mjs scripts/manifest.ts --origin https://vouch.example.org [--id GUID | --new-id]
 *                                           [--version 1.2.3.4] [--out FILE]
 *   node bin/run-ts.mjs scripts/manifest.ts --unified [--origin ...]   # dist/manifest.json + app package
 */
import { randomUUID } from "node:crypto";
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import yazl from "yazl";
import {
  ASSETS_DIR,
  DEFAULT_ADDIN_ID,
  DEFAULT_ADDIN_VERSION,
  DEFAULT_ORIGIN,
  REPO_ROOT,
  ManifestValueError,
  renderUnifiedManifest,
  renderXmlManifest,
  validateValues,
  type ManifestValues,
} from "../server/manifest/render";
import { UNIFIED_COLOR_FILE, UNIFIED_OUTLINE_FILE } from "./icons";

export const APP_PACKAGE_NAME = "vouch-app-package.zip";

/** Zips manifest.json with its two icons, as Integrated Apps and the Teams admin center take it. */
export async function writeAppPackage(manifestJson: string, zipPath: string): Promise<void> {
  const zip = new yazl.ZipFile();
  // A fixed date keeps the package byte-identical across runs.
  const mtime = new Date("2026-01-01T00:00:00Z");
  zip.addBuffer(Buffer.from(manifestJson), "manifest.json", { mtime });
  for (const icon of [UNIFIED_COLOR_FILE, UNIFIED_OUTLINE_FILE]) {
    zip.addBuffer(readFileSync(join(ASSETS_DIR, icon)), icon, { mtime });
  }
  mkdirSync(dirname(zipPath), { recursive: true });
  await new Promise<void>((done, fail) => {
    const out = createWriteStream(zipPath);
    out.on("close", done);
    out.on("error", fail);
    zip.outputStream.pipe(out);
    zip.end();
  });
}

export interface ManifestCommand {
  values: ManifestValues;
  unified: boolean;
  out: string;
}

export function parseManifestArgs(argv: string[]): ManifestCommand {
  const { values } = parseArgs({
    args: argv,
    options: {
      origin: { type: "string", default: DEFAULT_ORIGIN },
      id: { type: "string" },
      "new-id": { type: "boolean", default: false },
      version: { type: "string", default: DEFAULT_ADDIN_VERSION },
      out: { type: "string" },
      unified: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.id && values["new-id"])
    throw new ManifestValueError("give --id or --new-id, not both");
  const checked = validateValues({
    origin: values.origin,
    id: values["new-id"] ? randomUUID() : (values.id ?? DEFAULT_ADDIN_ID),
    version: values.version,
  });
  const unified = values.unified;
  // The committed manifest.xml is the localhost one; other origins go to dist/ unless told.
  const defaultOut = unified
    ? "dist/manifest.json"
    : checked.origin === DEFAULT_ORIGIN
      ? "manifest.xml"
      : "dist/manifest.xml";
  return { values: checked, unified, out: resolve(values.out ?? join(REPO_ROOT, defaultOut)) };
}

export async function runManifestCommand(command: ManifestCommand): Promise<string[]> {
  mkdirSync(dirname(command.out), { recursive: true });
  if (!command.unified) {
    writeFileSync(command.out, renderXmlManifest(command.values));
    return [command.out];
  }
  const json = renderUnifiedManifest(command.values);
  writeFileSync(command.out, json);
  const zipPath = join(dirname(command.out), APP_PACKAGE_NAME);
  await writeAppPackage(json, zipPath);
  return [command.out, zipPath];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const command = parseManifestArgs(process.argv.slice(2));
    const written = await runManifestCommand(command);
    const { origin, id, version } = command.values;
    for (const file of written) console.log(`wrote ${relative(process.cwd(), file) || file}`);
    console.log(`origin ${origin}, id ${id}, version ${version}`);
    console.log(
      "check it: node bin/run-ts.mjs scripts/manifest-check.ts " +
        (command.unified ? "--unified " : "") +
        relative(process.cwd(), command.out),
    );
  } catch (error) {
    console.error(`manifest: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  }
}
