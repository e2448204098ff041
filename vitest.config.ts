import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

/**
 * One run, five projects: pure units, React components in jsdom, the service on SQLite and on a
 * real PostgreSQL (a private cluster the setup starts and stops), and the browser tests in
 * Chromium against the real service and the built pages.
 *
 * Two files at a time, browser files included: vitest's default on two cores is one worker, and
 * much of a file's time is spent waiting on something else (Chromium, PostgreSQL, a service
 * process), so the second core sat idle. Every file starts its own service, database and
 * browser, so no two files share state.
 */
export default defineConfig({
  plugins: [react()],
  test: {
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        // Pure modules without mocks or globals: a worker keeps what it imported across files,
        // which halves the project's time (most of it was importing the same engine again).
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          environment: "node",
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: "dom",
          include: ["test/dom/**/*.test.{ts,tsx}"],
          environment: "jsdom",
          setupFiles: ["test/support/dom-setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "service-sqlite",
          include: ["test/service/**/*.test.ts"],
          environment: "node",
          env: { VOUCH_TEST_DB: "sqlite" },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "service-postgres",
          include: ["test/service/**/*.test.ts"],
          environment: "node",
          env: { VOUCH_TEST_DB: "postgres" },
          globalSetup: ["test/support/postgres-cluster.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          environment: "node",
          globalSetup: ["test/support/build-web.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
