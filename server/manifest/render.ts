import { createHash } from "node:crypto";
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
  toSemver(values.version);
  return {
    origin: normalizeOrigin(values.origin),
    id: values.id.toLowerCase(),
    version: values.version,
  };
}

function fill(template: string, values: ManifestValues, escape: (s: string) => string): string {
  return template.replace(
    /\{\{(origin|id|unifiedId|version|semver)\}\}/g,
    (_match, key: string) => {
      if (key === "semver") return escape(toSemver(values.version));
      if (key === "unifiedId") return escape(unifiedIdFor(values.id));
      return escape(values[key as keyof ManifestValues]);
    },
  );
}

function escapeXml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** How far the XML version's third and fourth parts go: PATCH = third * 100 + fourth. */
export const MAX_THIRD_PART = 999;
export const MAX_FOURTH_PART = 99;

/**
 * The unified manifest wants MAJOR.MINOR.PATCH with at most five digits a part and no
 * pre-release tag (docs/develop/convert-xml-to-json-manifest.md in office-js-docs-pr), while
 * the XML manifest has four parts. Dropping the fourth would give 1.0.0.1 and 1.0.0.0 the same
 * 1.0.0, and Integrated Apps only updates to a higher version; so the third and fourth parts
 * share PATCH (third * 100 + fourth), which keeps every order and every difference.
 */
export function toSemver(fourPart: string): string {
  const [major, minor, third, fourth] = fourPart.split(".").map(Number) as [
    number,
    number,
    number,
    number,
  ];
  if (third > MAX_THIRD_PART || fourth > MAX_FOURTH_PART) {
    throw new ManifestValueError(
      `the version's third part may go to ${MAX_THIRD_PART} and its fourth to ${MAX_FOURTH_PART}, so the unified manifest's PATCH (third × 100 + fourth) keeps them apart: ${fourPart}`,
    );
  }
  return `${major}.${minor}.${third * 100 + fourth}`;
}

/**
 * The unified manifest's own id. Microsoft asks for a GUID different from the XML add-in's when
 * both are kept (docs/concepts/duplicate-legacy-metaos-add-ins.md); deriving it (a name-based
 * UUID, RFC 9562 version 5 layout over SHA-1) keeps it stable per deployment without a second
 * setting, and the unified manifest hides the XML add-in by the XML id.
 */
export function unifiedIdFor(xmlId: string): string {
  const bytes = createHash("sha1").update(`vouch-unified-manifest:${xmlId.toLowerCase()}`).digest();
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
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
