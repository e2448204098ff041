import { readFileSync } from "node:fs";
import { resolve } from "node:path";

/**
 * One template per manifest format, rendered for one deployment: the origin that serves the
 * pages and icons, the add-in's id and its version. The script (scripts/manifest.ts), the checks
 * and the service's /manifest.xml route all render through here, so they cannot disagree.
 */

export const REPO_ROOT = resolve(import.meta.dirname, "../..");
export const XML_TEMPLATE_PATH = resolve(REPO_ROOT, "manifest/template.xml");
export const UNIFIED_TEMPLATE_PATH = resolve(REPO_ROOT, "manifest/manifest.json");
export const ASSETS_DIR = resolve(REPO_ROOT, "assets");

/** The add-in's identity for local sideloading; a deployment may pass its own (`--id`). */
export const DEFAULT_ADDIN_ID = "d174551d-7ff8-4361-821b-3d03364fdd83";
export const DEFAULT_ADDIN_VERSION = "1.0.0.0";
export const DEFAULT_ORIGIN = "https://localhost:3000";

export interface ManifestValues {
  /** Scheme, host and port only, e.g. "https://vouch.example.org". */
  origin: string;
  id: string;
  /** Four-part numeric, e.g. "1.0.0.0". */
  version: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FOUR_PART_VERSION = /^\d{1,5}\.\d{1,5}\.\d{1,5}\.\d{1,5}$/;

export class ManifestValueError extends Error {}

/** Reduces a URL to its origin and insists on HTTPS: Outlook loads add-ins only over HTTPS. */
export function normalizeOrigin(input: string): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new ManifestValueError(`not a URL: ${input}`);
  }
  if (url.protocol !== "https:") {
    throw new ManifestValueError(
      `Outlook loads add-ins only over HTTPS, not ${url.protocol} (${input})`,
    );
  }
  if (url.pathname !== "/" || url.search || url.hash || url.username || url.password) {
    throw new ManifestValueError(`give the origin only (scheme, host, port), not a path: ${input}`);
  }
  return url.origin;
}

export function validateValues(values: ManifestValues): ManifestValues {
  if (!GUID.test(values.id)) throw new ManifestValueError(`the id must be a GUID: ${values.id}`);
  if (!FOUR_PART_VERSION.test(values.version)) {
    throw new ManifestValueError(
      `the version must have four numeric parts, e.g. 1.2.0.0: ${values.version}`,
    );
  }
  return {
    origin: normalizeOrigin(values.origin),
    id: values.id.toLowerCase(),
    version: values.version,
  };
}

function fill(template: string, values: ManifestValues, escape: (s: string) => string): string {
  return template.replace(/\{\{(origin|id|version|semver)\}\}/g, (_match, key: string) => {
    if (key === "semver") return escape(toSemver(values.version));
    return escape(values[key as keyof ManifestValues]);
  });
}

function escapeXml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** The unified manifest wants MAJOR.MINOR.PATCH; the XML one a fourth part that it ignores here. */
export function toSemver(fourPart: string): string {
  return fourPart.split(".").slice(0, 3).join(".");
}

export function renderXmlManifest(values: ManifestValues, template?: string): string {
  const checked = validateValues(values);
  return fill(template ?? readFileSync(XML_TEMPLATE_PATH, "utf8"), checked, escapeXml);
}

/** The unified manifest (manifest.json) as text, for the same deployment. */
export function renderUnifiedManifest(values: ManifestValues, template?: string): string {
  const checked = validateValues(values);
  const text = fill(
    template ?? readFileSync(UNIFIED_TEMPLATE_PATH, "utf8"),
    checked,
    // Inside a JSON string: escape what JSON would.
    (s) => JSON.stringify(s).slice(1, -1),
  );
  return `${JSON.stringify(JSON.parse(text), null, 2)}\n`;
}

export function defaultValues(origin = DEFAULT_ORIGIN): ManifestValues {
  return { origin, id: DEFAULT_ADDIN_ID, version: DEFAULT_ADDIN_VERSION };
}
