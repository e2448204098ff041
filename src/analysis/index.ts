// PROVISIONAL: helper "analysis verdict" replaces this with the real assembly in analyze.ts.
import type { AnalyzeOptions, HeaderAnalysis } from "./types";

export type * from "./types";
export { headerAnalysisSchema } from "./schema";

export function analyzeHeaders(_raw: string, _options: AnalyzeOptions = {}): HeaderAnalysis {
  return {
    schema: "vouch.analysis/1",
    message: {
      subject: null,
      messageId: null,
      date: null,
      from: null,
      replyTo: null,
      returnPath: null,
    },
    auth: { source: null, spf: null, dkim: [], dmarc: null, compauth: null, arc: null },
    antispam: {
      scl: null,
      bcl: null,
      pcl: null,
      sfv: null,
      cat: null,
      ipv: null,
      sfty: null,
      srv: null,
      dir: null,
      country: null,
      lang: null,
      connectingIp: null,
      helo: null,
      ptr: null,
      sfs: [],
      mailboxDelivery: null,
    },
    hops: [],
    verdict: { junked: null, findings: [] },
  };
}
