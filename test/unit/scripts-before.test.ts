import { describe, expect, it } from "vitest";
import { moveModuleTagsBefore } from "../../scripts/scripts-before";

const OFFICE_JS = /<script src="[^"]*\/office\.js"><\/script>/;

/** The task pane's head as Vite writes it: its module and preloads after Office.js. */
const BUILT = `<!doctype html>
<html lang="en">
  <head>
    <title>Vouch</title>
    <!-- Office.js -->
    <script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>
    <style>html,body{margin:0;padding:0}</style>
    <script async type="module" crossorigin src="/static/taskpane-A.js"></script>
    <link rel="modulepreload" crossorigin href="/static/pane-start-B.js">
    <link rel="stylesheet" crossorigin href="/static/pane-start-C.css">
    <link rel="modulepreload" crossorigin href="/static/analysis-D.js">
  </head>
  <body><div id="root"></div></body>
</html>
`;

const position = (html: string, text: string) => {
  const at = html.indexOf(text);
  expect(at, text).toBeGreaterThanOrEqual(0);
  return at;
};

describe("moveModuleTagsBefore", () => {
  const moved = moveModuleTagsBefore(BUILT, OFFICE_JS);
  const officeJs = position(moved, "/office.js");

  it("puts the module script and every modulepreload ahead of Office.js, in their order", () => {
    const script = position(moved, "taskpane-A.js");
    const paneStart = position(moved, "pane-start-B.js");
    const analysis = position(moved, "analysis-D.js");
    expect(script).toBeLessThan(paneStart);
    expect(paneStart).toBeLessThan(analysis);
    expect(analysis).toBeLessThan(officeJs);
  });

  it("leaves the stylesheet after Office.js, where it cannot hold that script back", () => {
    expect(position(moved, "pane-start-C.css")).toBeGreaterThan(officeJs);
  });

  it("moves each tag once, at the indentation of the line it goes ahead of", () => {
    expect(moved.match(/<script async type="module"/g)).toHaveLength(1);
    expect(moved.match(/rel="modulepreload"/g)).toHaveLength(2);
    expect(moved).toContain(
      `    <!-- Office.js -->\n    <script async type="module" crossorigin src="/static/taskpane-A.js"></script>\n`,
    );
    expect(moveModuleTagsBefore(moved, OFFICE_JS)).toBe(moved);
  });

  it("fails the build when the page has no Office.js to go ahead of", () => {
    expect(() => moveModuleTagsBefore(BUILT.replace(OFFICE_JS, ""), OFFICE_JS)).toThrow(
      /no tag like/,
    );
  });
});
