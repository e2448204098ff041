import type { AnalyzeOptions, HeaderAnalysis } from "../../src/analysis";

/** The pool asks one of its threads to analyse one header block. */
export interface AnalysisRequest {
  id: number;
  headers: string;
  options: AnalyzeOptions;
}

/** The thread's answer to request `id`. */
export type AnalysisReply =
  { id: number; analysis: HeaderAnalysis } | { id: number; error: string };
