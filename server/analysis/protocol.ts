import type { AnalyzeOptions } from "../../src/analysis";
import type { PageFacts, PageOptions } from "../sweep/page-facts";
import type { ReportFacts } from "../storage/facts";

/** The pool asks one of its threads to analyse one header block. */
export interface AnalysisRequest {
  id: number;
  headers: string;
  options: AnalyzeOptions;
}

/** The pool asks one of its threads to read one Junk sweep delta page (its body transferred). */
export interface PageRequest {
  id: number;
  page: Uint8Array;
  options: PageOptions;
}

export type ThreadRequest = AnalysisRequest | PageRequest;

/** The thread's answer to request `id`: what the store keeps of the analysis, or of the page. */
export type AnalysisReply =
  | { id: number; facts: ReportFacts }
  | { id: number; page: PageFacts }
  | { id: number; error: string };
