// The service's code as one esbuild bundle (the CLI, and an entry per worker thread), so neither
// the service nor each of its threads carries tsx's compiler and loader: an analysis thread
// took about 110 MB through tsx and 56 MB from the bundle (issue 14, docs/sweep.md).
//
// It can never be stale: its folder is named by a hash of every file under server/, src/ and
// cli/ (all of the project the bundle may contain) with package.json, package-lock.json (the
// few files it takes from node_modules), tsconfig.json, this file and esbuild's version. Any
// change there names a new folder, built at the next start (well under a second); a build that
// read a file outside them is refused. Folders not used for a day are removed. Stack traces
// name the bundle's files; NODE_OPTIONS=--enable-source-maps maps them to the sources.
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
} from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(import.meta.dirname, "..");
const SOURCES = ["server", "src", "cli"];
const SETTINGS = ["package.json", "package-lock.json", "tsconfig.json", "bin/service-bundle.mjs"];
const CACHE = join(ROOT, "node_modules/.cache/vouch");
const UNUSED_MS = 24 * 3600_000;

/** The bundle's entries: its file name (in the bundle's folder) → the source module. */
const ENTRIES = {
  main: "cli/main.ts",
  "analysis-worker": "server/analysis/worker.ts",
  "checkpoint-worker": "server/storage/checkpoint-worker.ts",
};

function filesUnder(dir) {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
    .sort();
}

function fingerprint(esbuildVersion) {
  const hash = createHash("sha256").update(`esbuild ${esbuildVersion}\0`);
  for (const file of [...SETTINGS, ...SOURCES.flatMap(filesUnder)]) {
    hash
      .update(`${file}\0`)
      .update(readFileSync(join(ROOT, file)))
      .update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

/**
 * The code keeps reasoning in source locations (the repository's root from
 * import.meta.dirname, a worker module next to its pool), so each project module's
 * import.meta.url and import.meta.dirname are its source file's, not the bundle's.
 */
const sourceLocations = {
  name: "source-locations",
  setup(build) {
    build.onLoad({ filter: /\.tsx?$/ }, (args) => {
      if (args.path.includes("/node_modules/")) return undefined;
      const text = readFileSync(args.path, "utf8")
        .replaceAll("import.meta.dirname", JSON.stringify(resolve(args.path, "..")))
        .replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href));
      return { contents: text, loader: args.path.endsWith(".tsx") ? "tsx" : "ts" };
    });
  },
};

/**
 * Packages stay in node_modules and load as Node loads them, except what only a bundler can
 * import (a JSON file, a deep path without its extension): that is bundled.
 */
const packagesAsNodeLoadsThem = {
  name: "packages-as-node-loads-them",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.endsWith(".json")) return undefined;
      let url;
      try {
        url = new URL(import.meta.resolve(args.path));
      } catch {
        return undefined;
      }
      // import.meta.resolve answers a path without checking that a file is there.
      if (url.protocol === "file:" && !existsSync(fileURLToPath(url))) return undefined;
      return { path: args.path, external: true };
    });
  },
};

async function build(esbuild, dir) {
  const staging = `${dir}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  // The worker threads' modules, by their source URL: spawnWorker (server/workers/spawn.ts)
  // starts the bundled entry instead of the source through tsx.
  const workers = Object.fromEntries(
    Object.entries(ENTRIES)
      .filter(([name]) => name !== "main")
      .map(([name, source]) => [
        pathToFileURL(join(ROOT, source)).href,
        pathToFileURL(join(dir, `${name}.js`)).href,
      ]),
  );
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: Object.entries(ENTRIES).map(([out, source]) => ({ in: source, out })),
    outdir: staging,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    sourcemap: "linked",
    metafile: true,
    logLevel: "warning",
    define: { VOUCH_BUNDLED_WORKERS: JSON.stringify(workers) },
    plugins: [packagesAsNodeLoadsThem, sourceLocations],
  });
  const outside = Object.keys(result.metafile.inputs).filter(
    (input) =>
      !input.startsWith("<define:") &&
      !input.startsWith("node_modules/") &&
      !SOURCES.some((source) => input.startsWith(`${source}/`)),
  );
  if (outside.length > 0) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(
      `the service bundle read files its fingerprint does not cover: ${outside.join(", ")} (bin/service-bundle.mjs SOURCES)`,
    );
  }
  try {
    renameSync(staging, dir);
  } catch (error) {
    // Another process started at the same moment built the same folder first: use that one.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(join(dir, "main.js"))) throw error;
  }
}

function removeUnused(keep) {
  for (const name of readdirSync(CACHE)) {
    const path = join(CACHE, name);
    if (path !== keep && Date.now() - statSync(path).mtimeMs > UNUSED_MS) {
      rmSync(path, { recursive: true, force: true });
    }
  }
}

/** The bundle's folder for the code as it is now, built first if there is none yet. */
export async function serviceBundle() {
  const esbuildVersion = JSON.parse(
    readFileSync(join(ROOT, "node_modules/esbuild/package.json"), "utf8"),
  ).version;
  const dir = join(CACHE, fingerprint(esbuildVersion));
  if (existsSync(join(dir, "main.js"))) {
    try {
      const now = new Date();
      utimesSync(dir, now, now);
    } catch {
      // A read-only install (its bundle built by `npm run build`) cannot mark it used: no matter.
    }
    return dir;
  }
  try {
    mkdirSync(CACHE, { recursive: true });
  } catch (error) {
    throw new Error(
      `vouch: cannot write its bundle to ${CACHE} (${error.code ?? error.message}): run npm run build where it can be written, or make it writable`,
      { cause: error },
    );
  }
  const esbuild = await import("esbuild");
  try {
    await build(esbuild, dir);
  } finally {
    // esbuild's build service is a child process; the service does not need it any more.
    await esbuild.stop();
  }
  removeUnused(dir);
  return dir;
}

// `node bin/service-bundle.mjs` (part of `npm run build`): builds the bundle ahead of the first
// start, for installs whose node_modules the service cannot write.
if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  console.log(`service bundle: ${relative(ROOT, await serviceBundle())}`);
}
