import { analyzeHeaders, type AnalyzeOptions } from "../../src/analysis";
import { reportFactsOf, type ReportFacts } from "../storage/facts";
import { deltaMessageOf, deltaPageSchema, shapeProblem } from "./graph-shapes";
import { readableHeaderBlock } from "./header-block";

/** One message row of a delta page, its headers already analysed. */
export interface PageRow {
  id: string;
  internetMessageId: string | null;
  receivedDateTime: string | null;
  /**
   * "missing": the row came without headers (fetch the message); "unreadable": its headers are
   * empty or larger than the service reads; "analysed": `facts` holds what the store would keep.
   */
  headers: "analysed" | "missing" | "unreadable";
  facts: ReportFacts | null;
}

/** A delta page as the sweep needs it: a few hundred bytes per message, no header text. */
export type PageFacts =
  | {
      ok: true;
      rows: PageRow[];
      /** Rows without an id or with headers not shaped `[{name, value}]`. */
      malformedRows: number;
      next: string | null;
      delta: string | null;
    }
  | { ok: false; problem: string };

export interface PageOptions {
  analyze: AnalyzeOptions;
  maxHeaderBytes: number;
}

const utf8 = new TextDecoder();

/**
 * Reads one delta page's body (Graph's JSON, as received) into its rows' facts. It runs on an
 * analysis thread (server/analysis/pool.ts): a page carries about 12 KB of headers per message,
 * and parsing it, joining the header blocks and analysing them there leaves the event loop
 * only the bytes to hand over and the small facts to store. Before, the parsed pages and header
 * strings lived on the main thread until their transaction committed, long enough to be promoted
 * and to grow its heap through a round. Removed rows are left out.
 */
export function pageFactsOf(body: Uint8Array, options: PageOptions): PageFacts {
  let raw: unknown;
  try {
    raw = JSON.parse(utf8.decode(body));
  } catch {
    return { ok: false, problem: "Graph's answer is not JSON" };
  }
  const page = deltaPageSchema.safeParse(raw);
  if (!page.success) return { ok: false, problem: `a delta page: ${shapeProblem(page.error)}` };
  const rows: PageRow[] = [];
  let malformedRows = 0;
  for (const value of page.data.value) {
    const row = deltaMessageOf(value);
    if (!row) {
      malformedRows++;
      continue;
    }
    if (row.removed) continue;
    const { id, internetMessageId, receivedDateTime, internetMessageHeaders } = row;
    const block = internetMessageHeaders
      ? readableHeaderBlock(internetMessageHeaders, options.maxHeaderBytes)
      : null;
    rows.push({
      id,
      internetMessageId,
      receivedDateTime,
      headers: !internetMessageHeaders ? "missing" : block ? "analysed" : "unreadable",
      facts: block ? reportFactsOf(analyzeHeaders(block, options.analyze)) : null,
    });
  }
  return {
    ok: true,
    rows,
    malformedRows,
    next: page.data["@odata.nextLink"] ?? null,
    delta: page.data["@odata.deltaLink"] ?? null,
  };
}
