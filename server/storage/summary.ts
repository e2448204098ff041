import type { HeaderAnalysis } from "../../src/analysis/types";
import type { ReportSummary } from "./types";

/**
 * The part of an analysis worth keeping once the raw headers are purged: verdict stamps,
 * authentication results and finding ids. Deliberately built field by field so that nothing
 * about recipients (To, Cc, delivery addresses) can ride along if the analysis grows.
 */
export function summarize(analysis: HeaderAnalysis): ReportSummary {
  const { antispam, auth, verdict } = analysis;
  return {
    junked: verdict.junked,
    sfv: antispam.sfv,
    scl: antispam.scl,
    bcl: antispam.bcl,
    cat: antispam.cat,
    sfty: antispam.sfty,
    compauth: auth.compauth ? { result: auth.compauth.result, reason: auth.compauth.reason } : null,
    dmarc: auth.dmarc ? auth.dmarc.result : null,
    spf: auth.spf ? { result: auth.spf.result, aligned: auth.spf.aligned } : null,
    dkim: auth.dkim.map((signature) => ({
      result: signature.result,
      domain: signature.domain,
      aligned: signature.aligned,
    })),
    findings: verdict.findings.map((finding) => finding.id),
  };
}
