import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";

const SAMPLES = resolve(import.meta.dirname, "../../samples");

/** A sample's header block (the .eml up to its first empty line) and the Message-ID it names. */
export function sampleHeaders(id: string): { headers: string; messageId: string } {
  const eml = readFileSync(join(SAMPLES, `${id}.eml`), "utf8");
  const headers = eml.split(/\r?\n\r?\n/)[0] ?? "";
  const messageId = /^Message-ID:\s*(.+)$/im.exec(headers)?.[1]?.trim() ?? "";
  return { headers, messageId };
}
