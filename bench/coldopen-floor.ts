import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * The floor under the cold open: a page that loads the same office.js from the same service and,
 * once Office is ready, paints one line of text and sets the verdict mark. No pane can paint its
 * verdict sooner on the stand-in Outlook; what the pane takes beyond it is its own.
 */
const FLOOR_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Floor</title>
    <script src="/office-js/office.js"></script>
    <script defer src="/static/floor.js"></script>
  </head>
  <body><div id="root"></div></body>
</html>
`;

// An external script: the service's Content-Security-Policy allows no inline script.
const FLOOR_SCRIPT = `Office.onReady().then(function () {
  document.getElementById("root").textContent = "Office is ready";
  requestAnimationFrame(function () {
    var channel = new MessageChannel();
    channel.port1.onmessage = function () {
      performance.mark("vouch:headers");
      performance.mark("vouch:verdict-painted");
    };
    channel.port2.postMessage(null);
  });
});
`;

export const FLOOR_PAGE_NAME = "floor.html";

/** A folder the service can serve as its pages: the floor page and its script. */
export function writeFloorPages(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "vouch-coldopen-floor-"));
  mkdirSync(join(dir, "static"));
  writeFileSync(join(dir, FLOOR_PAGE_NAME), FLOOR_PAGE);
  writeFileSync(join(dir, "static", "floor.js"), FLOOR_SCRIPT);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
