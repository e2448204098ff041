import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

/** Import boundaries from DESIGN.md: each folder may import only what its row allows. */
const boundary = (from, forbidden) => ({
  files: [`${from}/**/*.{ts,tsx}`],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: forbidden.map((group) => ({
          group: [group],
          message: `${from} may not import ${group}`,
        })),
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ["node_modules", "dist", "data", "coverage", "test-results", "bench/results"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    files: ["src/**/*.tsx"],
    plugins: { "react-hooks": reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  boundary("src/analysis", [
    "react",
    "react-dom",
    "@fluentui/*",
    "node:*",
    "fs",
    "path",
    "**/office/**",
    "**/api/**",
    "**/server/**",
    "**/taskpane/**",
  ]),
  boundary("src/office", [
    "react",
    "@fluentui/*",
    "node:*",
    "**/server/**",
    "**/taskpane/**",
    "**/api/**",
  ]),
  boundary("src/api", ["react", "@fluentui/*", "node:*", "**/server/**", "**/taskpane/**"]),
  boundary("src/commands", ["react", "@fluentui/*", "node:*", "**/server/**", "**/taskpane/**"]),
  boundary("src/taskpane", ["node:*", "**/server/**", "**/admin/**"]),
  boundary("src/admin", ["node:*", "**/server/**", "**/taskpane/**", "**/office/**"]),
  boundary("server", [
    "react",
    "react-dom",
    "@fluentui/*",
    "**/taskpane/**",
    "**/admin/**",
    "**/office/**",
    "**/commands/**",
  ]),
  // The sender identity sits below storage and proposals: both import it, it imports neither.
  boundary("server/identity", [
    "react",
    "react-dom",
    "@fluentui/*",
    "**/taskpane/**",
    "**/admin/**",
    "**/office/**",
    "**/commands/**",
    "**/storage/**",
    "**/proposals/**",
    "**/exports/**",
  ]),
);
