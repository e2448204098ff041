/**
 * An analysis thread of the pool (pool.ts): analyses the headers (or the Junk sweep's delta page)
 * it is sent and answers with what the store keeps of it, or with the reason it could not.
 */
import { parentPort } from "node:worker_threads";
import { analyzeHeaders } from "../../src/analysis";
import { reportFactsOf } from "../storage/facts";
import { pageFactsOf } from "../sweep/page-facts";
import type { AnalysisReply, ThreadRequest } from "./protocol";

parentPort?.on("message", (request: ThreadRequest) => {
  const { id } = request;
  let reply: AnalysisReply;
  try {
    reply =
      "page" in request
        ? { id, page: pageFactsOf(request.page, request.options) }
        : { id, facts: reportFactsOf(analyzeHeaders(request.headers, request.options)) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
