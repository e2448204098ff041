import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { AppManifestUtils } from "@microsoft/app-manifest";
import { readPngSize } from "./png";
import { PNG } from "pngjs";
import { associatedFunctionNames, type Problem } from "./rules";

/**
 * Checks the unified manifest (manifest.json) offline: against the JSON schema that
 * office-addin-manifest's own dependency, @microsoft/app-manifest, ships for the manifest's
 * $schema (the validator `office-addin-manifest validate manifest.json` runs), plus the rules a
 * schema cannot say: icons, one HTTPS origin, buttons that point at real actions.
 */

const SCHEMA_HOST = "https://developer.microsoft.com/";

/** The bundled copy of a developer.microsoft.com schema, or null when the package has none. */
export function bundledSchemaPath(schemaUrl: string): string | null {
  if (!schemaUrl.startsWith(`${SCHEMA_HOST}json-schemas/`)) return null;
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve("@microsoft/app-manifest/package.json"));
  const file = join(packageDir, "build", schemaUrl.slice(SCHEMA_HOST.length).replace(/#$/, ""));
  return existsSync(file) ? file : null;
}

interface UnifiedOptions {
  /** Folder holding the icons the manifest names by relative path (the app package's root). */
  iconsDir: string;
  /** Folder the /assets/ URLs are served from. */
  assetsDir: string;
  commandsDir: string;
}

const problem = (message: string): Problem => ({ rule: "unified", message });

type Json = Record<string, unknown>;

function* strings(value: unknown, path = ""): Generator<{ path: string; value: string }> {
  if (typeof value === "string") yield { path, value };
  else if (Array.isArray(value))
    for (const [i, v] of value.entries()) yield* strings(v, `${path}/${i}`);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) yield* strings(v, `${path}/${k}`);
  }
}

function isOutlineOnly(file: string): boolean {
  const png = PNG.sync.read(readFileSync(file));
  for (let i = 0; i < png.data.length; i += 4) {
    const alpha = png.data[i + 3]!;
    if (alpha > 0 && (png.data[i]! < 250 || png.data[i + 1]! < 250 || png.data[i + 2]! < 250))
      return false;
  }
  return true;
}

export async function checkUnifiedManifest(
  text: string,
  options: UnifiedOptions,
): Promise<Problem[]> {
  let manifest: Json;
  try {
    manifest = JSON.parse(text) as Json;
  } catch (error) {
    return [problem(`manifest.json is not JSON: ${(error as Error).message}`)];
  }
  const problems: Problem[] = [];
  const schemaUrl = typeof manifest.$schema === "string" ? manifest.$schema : "";
  const schemaFile = bundledSchemaPath(schemaUrl);
  if (!schemaFile) {
    problems.push(
      problem(
        `no bundled schema for $schema "${schemaUrl}"; use one of @microsoft/app-manifest's json-schemas/teams versions`,
      ),
    );
  } else {
    const schema = JSON.parse(
      readFileSync(schemaFile, "utf8").replace(/\\a/g, "\\u0007").replace(/\\v/g, "\\u000b"),
    );
    const errors = await AppManifestUtils.validateAgainstSchema(manifest as never, schema);
    for (const error of errors) problems.push(problem(`schema: ${error.trim()}`));
  }

  const icons = (manifest.icons ?? {}) as Json;
  for (const [key, size] of [
    ["color", 192],
    ["outline", 32],
  ] as const) {
    const name = icons[key];
    if (typeof name !== "string") continue;
    const file = join(options.iconsDir, name);
    const actual = existsSync(file) ? readPngSize(file) : null;
    if (!actual)
      problems.push(
        problem(`icons.${key}: ${name} is missing or not a PNG in ${options.iconsDir}`),
      );
    else if (actual.width !== size || actual.height !== size) {
      problems.push(
        problem(
          `icons.${key}: ${name} is ${actual.width}x${actual.height}, expected ${size}x${size}`,
        ),
      );
    } else if (key === "outline" && !isOutlineOnly(file)) {
      problems.push(problem(`icons.outline: ${name} must be white on transparent`));
    }
  }

  const origins = new Set<string>();
  for (const { path, value } of strings(manifest)) {
    if (!/^[a-z]+:\/\//i.test(value) || path === "/$schema") continue;
    const url = new URL(value);
    if (url.protocol !== "https:") problems.push(problem(`${path}: ${value} is not HTTPS`));
    origins.add(url.origin);
    if (
      url.pathname.startsWith("/assets/") &&
      /\/icons\/\d+\/url$|\/(icon|highResolutionIcon)\/url$/.test(path)
    ) {
      const file = join(options.assetsDir, url.pathname.slice("/assets/".length));
      if (!existsSync(file)) problems.push(problem(`${path}: ${value} has no file ${file}`));
    }
  }
  if (origins.size > 1)
    problems.push(
      problem(`URLs point at ${origins.size} origins, expected one: ${[...origins].join(", ")}`),
    );

  const extensions = (manifest.extensions ?? []) as Json[];
  const actions = new Map<string, string>();
  for (const extension of extensions) {
    for (const runtime of (extension.runtimes ?? []) as Json[]) {
      for (const action of (runtime.actions ?? []) as Json[])
        actions.set(String(action.id), String(action.type));
    }
  }
  const associated = associatedFunctionNames(options.commandsDir);
  for (const [id, type] of actions) {
    if (type === "executeFunction" && !associated.has(id)) {
      problems.push(problem(`action "${id}" runs a function that src/commands never associates`));
    }
  }
  for (const { path, value } of strings(extensions)) {
    if (path.endsWith("/actionId") && !actions.has(value)) {
      problems.push(problem(`extensions${path}: "${value}" is not the id of any runtime action`));
    }
  }
  problems.push(...supertipProblems(extensions), ...hideProblems(manifest));
  if (
    typeof manifest.version !== "string" ||
    !/^\d{1,5}\.\d{1,5}\.\d{1,5}$/.test(manifest.version)
  ) {
    problems.push(problem(`version "${String(manifest.version)}" must be MAJOR.MINOR.PATCH`));
  }
  return problems;
}

/** Microsoft's limits for a supertip (docs/develop/create-addin-commands-unified-manifest.md). */
export const SUPERTIP_TITLE_MAX = 64;
export const SUPERTIP_DESCRIPTION_MAX = 128;

/** The bundled schema allows 250 characters; the documented limit is 128. */
function supertipProblems(extensions: Json[]): Problem[] {
  const problems: Problem[] = [];
  for (const { path, value } of strings(extensions)) {
    const max = path.endsWith("/supertip/description")
      ? SUPERTIP_DESCRIPTION_MAX
      : path.endsWith("/supertip/title")
        ? SUPERTIP_TITLE_MAX
        : null;
    const length = Array.from(value).length;
    if (max !== null && length > max) {
      problems.push(problem(`extensions${path}: ${length} characters, at most ${max}`));
    }
  }
  return problems;
}

/** The XML add-in ids this unified manifest hides (extensions[].alternates[].hide). */
export function hiddenAddinIds(manifest: Json): string[] {
  const ids: string[] = [];
  for (const extension of (manifest.extensions ?? []) as Json[]) {
    for (const alternate of (extension.alternates ?? []) as Json[]) {
      const hide = (alternate.hide ?? {}) as Json;
      for (const kind of ["customOfficeAddin", "storeOfficeAddin"]) {
        const id = ((hide[kind] ?? {}) as Json).officeAddinId;
        if (typeof id === "string") ids.push(id.toLowerCase());
      }
    }
  }
  return ids;
}

/** A unified manifest that hides an add-in must not carry that add-in's own id. */
function hideProblems(manifest: Json): Problem[] {
  const id = typeof manifest.id === "string" ? manifest.id.toLowerCase() : "";
  return hiddenAddinIds(manifest).includes(id)
    ? [
        problem(
          `id ${id} hides itself: the unified manifest needs its own id, not the XML add-in's`,
        ),
      ]
    : [];
}
