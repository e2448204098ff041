import { z } from "zod";
import { analyzeHeaders } from "../analysis";
import type { StandinItem } from "../office/standin-host";

export const sampleSchema = z.object({
  id: z.string(),
  file: z.string().optional(),
  title: z.string().optional(),
  story: z.string().optional(),
});
export type Sample = z.infer<typeof sampleSchema>;

const catalogSchema = z.union([
  z.array(sampleSchema),
  z.object({ samples: z.array(sampleSchema) }),
]);

/** The samples the service serves in development at /samples/. */
export async function loadCatalog(base = "/samples/"): Promise<Sample[]> {
  const response = await fetch(`${base}catalog.json`);
  if (!response.ok) throw new Error(`catalog.json: HTTP ${response.status}`);
  const parsed = catalogSchema.parse(await response.json());
  return Array.isArray(parsed) ? parsed : parsed.samples;
}

/** The header block of an .eml: everything up to the first empty line. */
export function headerBlockOf(eml: string): string {
  const end = eml.search(/\r?\n\r?\n/);
  return end === -1 ? eml : eml.slice(0, end);
}

/**
 * One sample as Outlook would present it: the item's fields as Office.js reports them (read
 * from the headers here, as Exchange would) and the header block getAllInternetHeadersAsync gives.
 */
export async function loadSampleItem(sample: Sample, base = "/samples/"): Promise<StandinItem> {
  const response = await fetch(`${base}${encodeURIComponent(sample.file ?? `${sample.id}.eml`)}`);
  if (!response.ok) throw new Error(`${sample.id}: HTTP ${response.status}`);
  const headers = headerBlockOf(await response.text());
  const message = analyzeHeaders(headers).message;
  return {
    headers,
    restId: null,
    snapshot: {
      internetMessageId: message.messageId ?? `<${sample.id}@harness.vouch.invalid>`,
      itemId: `harness-${sample.id}`,
      subject: message.subject,
      from: message.from ? { address: message.from.address, name: message.from.name } : null,
    },
  };
}
