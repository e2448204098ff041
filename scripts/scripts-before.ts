import type { Plugin } from "vite";

/**
 * Moves a page's module script and its `<link rel="modulepreload">`s ahead of a parser-blocking
 * script (Office.js). Vite writes them at the end of `<head>`, after it; there the browser only
 * prepares the pane's module once Office.js has been fetched and run, so the module starts as
 * Office.js finishes. Ahead of it, the module (async) runs as soon as it has arrived, in the time
 * the parser spends waiting for Office.js. Stylesheets stay where they are: one ahead of a
 * parser-blocking script would hold that script back until it had loaded.
 */
export interface ScriptsBeforeOptions {
  /** The page's file name as Vite builds it, e.g. "taskpane.html". */
  page: string;
  /** The tag of the script to go ahead of. */
  before: RegExp;
}

const MODULE_TAGS =
  /[ \t]*(?:<script\b[^>]*\btype="module"[^>]*><\/script>|<link\b[^>]*\brel="modulepreload"[^>]*>)\n?/g;

/** The page with its module tags moved ahead of `before`; throws when the page has no such tag. */
export function moveModuleTagsBefore(html: string, before: RegExp): string {
  if (!before.test(html)) throw new Error(`scripts-before: the page has no tag like ${before}`);
  const tags = html.match(MODULE_TAGS) ?? [];
  if (tags.length === 0) return html;
  const rest = html.replace(MODULE_TAGS, "");
  const anchor = rest.search(before);
  const lineStart = rest.lastIndexOf("\n", anchor) + 1;
  const indent = rest.slice(lineStart, anchor).match(/^[ \t]*/)?.[0] ?? "";
  const moved = tags.map((tag) => `${indent}${tag.trim()}\n`).join("");
  return rest.slice(0, lineStart) + moved + rest.slice(lineStart);
}

export function scriptsBeforePlugin(options: ScriptsBeforeOptions): Plugin {
  return {
    name: "vouch:scripts-before",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(html, context) {
        if (!context.filename.endsWith(`/${options.page}`)) return html;
        return moveModuleTagsBefore(html, options.before);
      },
    },
  };
}
