/**
 * The task pane's weight and speed.
 *
 *   node bin/run-ts.mjs bench/taskpane.ts [--rounds N] [--no-build]
 *
 * 1. Initial JavaScript per page of dist/web (the entry and every chunk its HTML loads before
 *    anything is lazily requested), raw and gzip. Target for the task pane: <= 150 KB gzip.
 * 2. Time from headers in hand to the verdict painted, in Chromium, from the pane's own
 *    performance marks (`vouch:headers` when the header text arrives, `vouch:verdict-painted`
 *    after the frame that shows the verdict), over every sample, several rounds, in the harness
 *    served by the real service. Target: within 50 ms (median and p95 printed).
 */
import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { loadavg } from "node:os";
import { build } from "vite";
import { launchChromium } from "../test/support/browser";
import { startTestService } from "../test/support/service";

const ROOT = resolve(import.meta.dirname, "..");
const WEB = join(ROOT, "dist/web");
const INITIAL_JS_TARGET_KB = 150;
const PAINT_TARGET_MS = 50;
const MEASURE = "vouch:headers-to-verdict";

const argument = (name: string) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
};
const rounds = Number(argument("--rounds") ?? 5);

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The JS a page loads up front: its module script and the chunks it preloads. */
function initialScripts(html: string): string[] {
  const urls = new Set<string>();
  for (const match of html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g))
    urls.add(match[1]!);
  for (const match of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g))
    urls.add(match[1]!);
  return [...urls].filter((url) => url.startsWith("/static/") && url.endsWith(".js"));
}

function measureBundles(): { page: string; raw: number; gzip: number; files: number }[] {
  const pages = readdirSync(WEB).filter((name) => name.endsWith(".html"));
  return pages.map((page) => {
    const scripts = initialScripts(readFileSync(join(WEB, page), "utf8"));
    let raw = 0;
    let gzip = 0;
    for (const url of scripts) {
      const content = readFileSync(join(WEB, url));
      raw += content.length;
      gzip += gzipSync(content).length;
    }
    return { page, raw, gzip, files: scripts.length };
  });
}

function lazyChunks(): { name: string; gzip: number }[] {
  const dir = join(WEB, "static");
  return readdirSync(dir)
    .filter((name) => name.endsWith(".js"))
    .map((name) => ({ name, gzip: gzipSync(readFileSync(join(dir, name))).length }))
    .sort((a, b) => b.gzip - a.gzip)
    .slice(0, 6);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

async function measurePaint(): Promise<{ perSample: Map<string, number[]>; all: number[] }> {
  const catalog = JSON.parse(readFileSync(join(ROOT, "samples/catalog.json"), "utf8")) as {
    id: string;
  }[];
  const service = await startTestService();
  const browser = await launchChromium();
  const perSample = new Map<string, number[]>();
  try {
    const context = await browser.newContext({ viewport: { width: 900, height: 1200 } });
    const page = await context.newPage();
    await page.goto(`${service.url}/harness.html?user=alice&sample=${catalog[0]!.id}`);
    await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, MEASURE);
    let current = catalog[0]!.id;
    for (let round = 0; round < rounds; round++) {
      for (const { id } of catalog) {
        await page.evaluate((name) => performance.clearMeasures(name), MEASURE);
        // Pick another message first so the same one is read afresh.
        const other = catalog.find((entry) => entry.id !== id && entry.id !== current)!.id;
        await page.selectOption("select >> nth=0", other);
        await page.waitForFunction(
          (name) => performance.getEntriesByName(name).length > 0,
          MEASURE,
        );
        await page.evaluate((name) => performance.clearMeasures(name), MEASURE);
        await page.selectOption("select >> nth=0", id);
        await page.waitForFunction(
          (name) => performance.getEntriesByName(name).length > 0,
          MEASURE,
        );
        const duration = await page.evaluate(
          (name) => performance.getEntriesByName(name).at(-1)!.duration,
          MEASURE,
        );
        perSample.set(id, [...(perSample.get(id) ?? []), duration]);
        current = id;
      }
    }
    await context.close();
  } finally {
    await browser.close();
    await service.close();
  }
  const all = [...perSample.values()].flat().sort((a, b) => a - b);
  return { perSample, all };
}

async function main(): Promise<void> {
  if (!process.argv.includes("--no-build")) await build({ logLevel: "warn" });

  console.log("Initial JavaScript per page (dist/web; module entry + preloaded chunks)");
  console.log("page                raw         gzip       files  target");
  for (const row of measureBundles()) {
    const target =
      row.page === "taskpane.html"
        ? `<= ${INITIAL_JS_TARGET_KB} KB gzip: ${row.gzip / 1024 <= INITIAL_JS_TARGET_KB ? "met" : "MISSED"}`
        : "";
    console.log(
      `${row.page.padEnd(18)}  ${kb(row.raw).padStart(10)}  ${kb(row.gzip).padStart(10)}  ${String(row.files).padStart(5)}  ${target}`,
    );
  }
  console.log("(Office.js itself, from /office-js/, is Microsoft's and not counted.)");
  console.log("Largest chunks, gzip (not in the initial set: requested after start or on demand):");
  for (const chunk of lazyChunks()) console.log(`  ${chunk.name.padEnd(44)} ${kb(chunk.gzip)}`);

  console.log(`\nHeaders in hand -> verdict painted, Chromium, ${rounds} rounds over the samples`);
  const { perSample, all } = await measurePaint();
  for (const [id, values] of perSample) {
    const sorted = [...values].sort((a, b) => a - b);
    console.log(`  ${id.padEnd(26)} median ${percentile(sorted, 50).toFixed(1).padStart(6)} ms`);
  }
  const median = percentile(all, 50);
  const p95 = percentile(all, 95);
  console.log(
    `  all (${all.length})${" ".repeat(19 - String(all.length).length)} median ${median.toFixed(1).padStart(6)} ms, p95 ${p95.toFixed(1)} ms` +
      `  target <= ${PAINT_TARGET_MS} ms: ${p95 <= PAINT_TARGET_MS ? "met (p95)" : median <= PAINT_TARGET_MS ? "met (median), p95 over" : "MISSED"}`,
  );
  console.log(
    `  load average during the run: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(" ")} (2 shared cores)`,
  );
}

await main();
