import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { resolve } from "node:path";
import { precompressPlugin } from "./scripts/precompress.ts";
import { preloadChunksPlugin } from "./scripts/preload-chunks.ts";

const pages = resolve(import.meta.dirname, "src/pages");

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
      modules: [resolve(import.meta.dirname, "src/analysis/analyze.ts")],
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
    rollupOptions: {
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
