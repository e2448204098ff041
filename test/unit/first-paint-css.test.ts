import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";
import { describe, expect, it } from "vitest";
import { FONT_FAMILY_BASE } from "../../src/taskpane/first-paint";

/**
 * The first paint (src/taskpane/first-paint.css) draws the verdict before Fluent UI has loaded,
 * with Fluent's token names as custom properties: each must hold the value Fluent's theme gives
 * it, or the React pane would repaint the verdict in other colours or sizes when it takes over.
 */
const CSS = readFileSync(
  resolve(import.meta.dirname, "../../src/taskpane/first-paint.css"),
  "utf8",
);

function customProperties(selector: string): Map<string, string> {
  const start = CSS.indexOf(`${selector} {`);
  expect(start).toBeGreaterThanOrEqual(0);
  const block = CSS.slice(start, CSS.indexOf("}", start));
  const properties = new Map<string, string>();
  for (const match of block.matchAll(/--([A-Za-z0-9]+):\s*([^;]+);/g)) {
    // Prettier wraps long values over lines; CSS reads any run of white space as one space.
    properties.set(match[1]!, match[2]!.replace(/\s+/g, " ").trim());
  }
  return properties;
}

/** CSS quotes font names either way (Prettier writes double quotes, Fluent single ones). */
const tokenValue = (theme: Theme, name: string) =>
  String(theme[name as keyof Theme]).replaceAll("'", '"');

function expectTheme(properties: Map<string, string>, theme: Theme): void {
  for (const [name, value] of properties) {
    expect(name in theme, `${name} is a Fluent token`).toBe(true);
    expect(value, name).toBe(tokenValue(theme, name));
  }
}

describe("first-paint.css", () => {
  it("holds webLightTheme's values (the default block)", () => {
    const light = customProperties(".vouch-first");
    expect(light.size).toBeGreaterThan(20);
    expectTheme(light, webLightTheme);
  });

  it("holds webDarkTheme's values where dark differs", () => {
    const dark = customProperties('.vouch-first[data-theme="dark"]');
    expect(dark.size).toBeGreaterThan(5);
    expectTheme(dark, webDarkTheme);
    // What dark does not override must be the same in both themes.
    for (const [name, value] of customProperties(".vouch-first")) {
      if (!dark.has(name)) expect(tokenValue(webDarkTheme, name), name).toBe(value);
    }
  });

  it("uses only properties it defines", () => {
    const defined = customProperties(".vouch-first");
    for (const match of CSS.matchAll(/var\(--([A-Za-z0-9]+)\)/g)) {
      expect(defined.has(match[1]!), match[1]).toBe(true);
    }
  });

  it("names the font stack that first-paint.ts warms up before it draws", () => {
    expect(customProperties(".vouch-first").get("fontFamilyBase")).toBe(FONT_FAMILY_BASE);
  });
});
