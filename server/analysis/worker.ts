/**
 * An analysis thread of the pool (pool.ts): analyses the headers it is sent and answers with
 * what the store keeps of the analysis, or with the reason it could not.
 */
import { parentPort } from "node:worker_threads";
import { analyzeHeaders } from "../../src/analysis";
import { reportFactsOf } from "../storage/facts";
import type { AnalysisReply, AnalysisRequest } from "./protocol";

parentPort?.on("message", ({ id, headers, options }: AnalysisRequest) => {
  let reply: AnalysisReply;
  try {
    reply = { id, facts: reportFactsOf(analyzeHeaders(headers, options)) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
