/**
 * A stand-in analysis thread for the pool's failure tests: it ends itself on headers that
 * contain "X-End-Thread", answers an error on "X-Fail", and otherwise answers like the real one.
 */
import { parentPort } from "node:worker_threads";
import { analyzeHeaders } from "../../src/analysis";
import type { AnalysisRequest } from "../../server/analysis/protocol";
import { reportFactsOf } from "../../server/storage/facts";

parentPort?.on("message", ({ id, headers, options }: AnalysisRequest) => {
  if (headers.includes("X-End-Thread")) process.exit(3);
  if (headers.includes("X-Fail")) parentPort?.postMessage({ id, error: "told to fail" });
  else parentPort?.postMessage({ id, facts: reportFactsOf(analyzeHeaders(headers, options)) });
});
