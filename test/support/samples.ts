import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseHeaderBlock } from "../../src/analysis/header-block";
import type { HeaderField } from "../../src/analysis/header-block";

const SAMPLES = resolve(import.meta.dirname, "../../samples");

/** A sample's header block (the .eml up to its first empty line) and the Message-ID it names. */
export function sampleHeaders(id: string): { headers: string; messageId: string } {
  const eml = readFileSync(join(SAMPLES, `${id}.eml`), "utf8");
  const headers = eml.split(/\r?\n\r?\n/)[0] ?? "";
  const messageId = /^Message-ID:\s*(.+)$/im.exec(headers)?.[1]?.trim() ?? "";
  return { headers, messageId };
}

/** Every sample's fields of these names, sample by sample, each sample's in the names' order. */
export function sampleFields(...names: string[]): HeaderField[] {
  return readdirSync(SAMPLES)
    .filter((name) => name.endsWith(".eml"))
    .flatMap((file) => {
      const block = parseHeaderBlock(readFileSync(join(SAMPLES, file), "utf8"));
      return names.flatMap((name) => block.all(name));
    });
}
