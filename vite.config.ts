import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { resolve } from "node:path";
import { precompressPlugin } from "./scripts/precompress.ts";
import { preloadChunksPlugin } from "./scripts/preload-chunks.ts";
import { scriptsBeforePlugin } from "./scripts/scripts-before.ts";

const pages = resolve(import.meta.dirname, "src/pages");

/** What src/taskpane/main.ts imports to paint the verdict, React aside (shared with the pane). */
const PANE_START =
  /\/src\/taskpane\/(?:first-paint|pane-failed|message-state|perf|first-line)\.ts$|\/src\/taskpane\/first-paint\.css|\/src\/taskpane\/i18n\//;
/**
 * The analysis engine with its public suffix list, and the Office.js adapter (the ribbon command
 * needs all of it too). Not the barrel and the zod schema, which the API client shares with the
 * sign-in chunk: in this chunk they would pull that chunk in before the verdict.
 */
const ANALYSIS = (id: string) =>
  /\/src\/analysis\/|\/node_modules\/tldts|\/src\/office\/(?:office-host|host)\.ts$|\/src\/taskpane\/engine(?:-warm-up)?\.ts$/.test(
    id,
  ) && !/\/src\/analysis\/(?:schema|index)\.ts$/.test(id);

/**
 * The browser parts: one HTML page per entry, built into dist/web and served by the service.
 * Icons are not bundled: the service serves assets/ as it is, so manifest URLs stay stable.
 */
export default defineConfig({
  root: pages,
  base: "/",
  publicDir: false,
  plugins: [
    react(),
    // The verdict waits for the analysis engine: fetched with the pane's own chunks.
    preloadChunksPlugin({
      page: "taskpane.html",
      modules: [resolve(import.meta.dirname, "src/taskpane/engine.ts")],
    }),
    // The pane's module runs while the parser waits for Office.js, not after it.
    scriptsBeforePlugin({
      page: "taskpane.html",
      before: /<script src="[^"]*\/office\.js"><\/script>/,
    }),
    precompressPlugin({
      sourceDir: resolve(import.meta.dirname, "node_modules/@microsoft/office-js/dist"),
      outDir: resolve(import.meta.dirname, "dist/office-js"),
    }),
  ],
  build: {
    outDir: resolve(import.meta.dirname, "dist/web"),
    emptyOutDir: true,
    assetsDir: "static",
    sourcemap: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Few requests before the verdict: each one the page issues costs the renderer time
          // on a slow CPU before office.js may run (bench/coldopen). The pane's start-up is one
          // chunk; the analysis engine with the Office.js adapter (which the ribbon command
          // needs as well) another.
          groups: [
            {
              name: "pane-start",
              test: PANE_START,
              priority: 2,
              includeDependenciesRecursively: false,
            },
            {
              name: "analysis",
              test: ANALYSIS,
              priority: 1,
              includeDependenciesRecursively: false,
            },
          ],
        },
      },
      input: {
        taskpane: resolve(pages, "taskpane.html"),
        commands: resolve(pages, "commands.html"),
        harness: resolve(pages, "harness.html"),
        admin: resolve(pages, "admin.html"),
        // The sign-in dialog where nested app authentication is missing (src/auth-dialog).
        "auth-dialog": resolve(pages, "auth-dialog.html"),
      },
    },
  },
});
