import type { AnalyzeOptions } from "../../src/analysis";
import type { ReportFacts } from "../storage/facts";

/** The pool asks one of its threads to analyse one header block. */
export interface AnalysisRequest {
  id: number;
  headers: string;
  options: AnalyzeOptions;
}

/** The thread's answer to request `id`: what the store keeps of the analysis. */
export type AnalysisReply = { id: number; facts: ReportFacts } | { id: number; error: string };
