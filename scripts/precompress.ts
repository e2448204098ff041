import { readFile, readdir, stat, writeFile } from "node:fs/promises";
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
    if (!COMPRESSIBLE.test(path)) continue;
    const content = await readFile(path);
    if (content.length < MIN_BYTES) continue;
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
    await Promise.all([writeFile(`${path}.br`, br), writeFile(`${path}.gz`, gz)]);
    result.files++;
    result.bytes += content.length;
    result.brotliBytes += br.length;
    result.gzipBytes += gz.length;
  }
  return result;
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

/** The Vite step: compresses the output directory once the bundle is written. */
export function precompressPlugin(): Plugin {
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
      const { files, bytes, brotliBytes } = await precompress(outDir);
      log(
        `precompressed ${files} files: ${(bytes / 1024).toFixed(0)} KB -> ${(brotliBytes / 1024).toFixed(0)} KB brotli`,
      );
    },
  };
}
