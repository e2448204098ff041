import { mkdir, readFile, readdir, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import type { Plugin } from "vite";

/**
 * Brotli and gzip copies beside each built page and asset (`x.js.br`, `x.js.gz`), made once at
 * build time at the highest levels, so the service sends them as they are (`@fastify/static`
 * with `preCompressed`) and never compresses per request.
 */
const COMPRESSIBLE = /\.(?:html|js|mjs|css|json|svg|txt|xml)$/; // not .map: only developer tools ask
/** Below this a compressed copy saves less than the headers of a response. */
const MIN_BYTES = 1024;

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

export interface PrecompressResult {
  files: number;
  bytes: number;
  brotliBytes: number;
  gzipBytes: number;
}

/** Writes the compressed copies of every compressible file under `dir`; returns the totals. */
export async function precompress(dir: string): Promise<PrecompressResult> {
  const result: PrecompressResult = { files: 0, bytes: 0, brotliBytes: 0, gzipBytes: 0 };
  for (const path of await filesUnder(dir)) {
    if (COMPRESSIBLE.test(path)) await compressFile(path, path, result);
  }
  return result;
}

/**
 * The Office.js files a page loads outside Outlook (the harness, tests and benchmarks run on the
 * service's copy of @microsoft/office-js, VOUCH_OFFICE_JS=local), compressed into `outDir` as
 * Microsoft's CDN sends them compressed; the copy itself stays where it is.
 */
export const OFFICE_JS_FILES = ["office.js", "o15apptofilemappingtable.js"];

export async function precompressOfficeJs(
  sourceDir: string,
  outDir: string,
): Promise<PrecompressResult> {
  const result: PrecompressResult = { files: 0, bytes: 0, brotliBytes: 0, gzipBytes: 0 };
  await mkdir(outDir, { recursive: true });
  for (const name of OFFICE_JS_FILES) {
    await compressFile(join(sourceDir, name), join(outDir, name), result).catch(() => undefined);
  }
  return result;
}

async function compressFile(path: string, target: string, result: PrecompressResult) {
  const content = await readFile(path);
  if (content.length < MIN_BYTES) return;
  const [br, gz] = await Promise.all([
    brotli(content, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      },
    }),
    gzipAsync(content, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  await Promise.all([writeFile(`${target}.br`, br), writeFile(`${target}.gz`, gz)]);
  result.files++;
  result.bytes += content.length;
  result.brotliBytes += br.length;
  result.gzipBytes += gz.length;
}

async function filesUnder(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await filesUnder(path)));
    else if (entry.isFile() && (await stat(path)).size > 0) files.push(path);
  }
  return files;
}

/**
 * The Vite step: compresses the output directory once the bundle is written, and the local
 * Office.js files into `officeJs.outDir`.
 */
export function precompressPlugin(officeJs: { sourceDir: string; outDir: string }): Plugin {
  let outDir = "";
  let log: (message: string) => void = () => undefined;
  return {
    name: "vouch-precompress",
    apply: "build",
    configResolved(config) {
      outDir = config.build.outDir;
      log = (message) => config.logger.info(message);
    },
    async closeBundle() {
      await precompressOfficeJs(officeJs.sourceDir, officeJs.outDir);
      const { files, bytes, brotliBytes } = await precompress(outDir);
      log(
        `precompressed ${files} files: ${(bytes / 1024).toFixed(0)} KB -> ${(brotliBytes / 1024).toFixed(0)} KB brotli`,
      );
    },
  };
}
