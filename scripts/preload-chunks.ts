import type { HtmlTagDescriptor, Plugin, Rollup } from "vite";

/**
 * `<link rel="modulepreload">` in a page for the chunks of modules its code imports dynamically,
 * and for what those chunks import. Vite preloads only a page's static imports; a dynamic
 * import is fetched once the module that asks for it has run, so the task pane's analysis
 * engine, which the verdict waits for, would otherwise start downloading only after the pane's
 * own chunks have arrived and run. With the link, the browser fetches it with them.
 */
export interface PreloadChunksOptions {
  /** The page's file name as Vite builds it, e.g. "taskpane.html". */
  page: string;
  /** Absolute paths of the modules whose chunks the page needs early. */
  modules: string[];
}

export function preloadChunksPlugin(options: PreloadChunksOptions): Plugin {
  return {
    name: "vouch:preload-chunks",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(html, context) {
        if (!context.bundle || !context.filename.endsWith(`/${options.page}`)) return html;
        const chunks = Object.values(context.bundle).filter(
          (output): output is Rollup.OutputChunk => output.type === "chunk",
        );
        const files = new Set<string>();
        for (const module of options.modules) {
          const chunk = chunks.find((candidate) => candidate.moduleIds.includes(module));
          if (!chunk) throw new Error(`preload-chunks: no chunk holds ${module}`);
          withStaticImports(chunk.fileName, context.bundle, files);
        }
        const tags: HtmlTagDescriptor[] = [...files]
          .filter((file) => !html.includes(`/${file}"`))
          .map((file) => ({
            tag: "link",
            attrs: { rel: "modulepreload", crossorigin: true, href: `/${file}` },
            injectTo: "head",
          }));
        return { html, tags };
      },
    },
  };
}

/** A chunk and every chunk it imports statically, transitively. */
function withStaticImports(file: string, bundle: Rollup.OutputBundle, into: Set<string>): void {
  if (into.has(file)) return;
  into.add(file);
  const output = bundle[file];
  if (output?.type !== "chunk") return;
  for (const imported of output.imports) withStaticImports(imported, bundle, into);
}
