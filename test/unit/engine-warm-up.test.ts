import { describe, expect, it } from "vitest";
import { analyzeHeaders } from "../../src/analysis/analyze";
import { LANGUAGES } from "../../src/analysis/language";
import { remedyOf } from "../../src/analysis/remedy";
import { WARM_UP_HEADERS, warmUpEngine } from "../../src/taskpane/engine-warm-up";
import { sampleHeaders } from "../support/samples";

/**
 * The pane's warm-up message must keep taking the engine through what a typical junked message
 * does (src/taskpane/engine-warm-up.ts); a message the engine could not read, or one that skipped
 * authentication or the filter's stamps, would leave that code cold for the real one.
 */
describe("the engine's warm-up message", () => {
  const analysis = analyzeHeaders(WARM_UP_HEADERS);

  it("is read whole: every part, no problems", () => {
    const ids = analysis.verdict.findings.map((finding) => finding.id);
    expect(ids).not.toContain("unreadable-headers");
    expect(ids).not.toContain("analysis-incomplete");
    expect(analysis.hops).toHaveLength(2);
    expect(analysis.message.subject).toBe("Notice – November");
    expect(analysis.message.from?.domain).toBe("example.org");
  });

  it("carries every authentication result and the filter's stamps", () => {
    const { spf, dkim, dmarc, compauth, receivedSpf } = analysis.auth;
    expect([spf?.result, dkim[0]?.result, dmarc?.result, compauth?.result]).toEqual([
      "pass",
      "pass",
      "pass",
      "pass",
    ]);
    expect(receivedSpf?.result).toBe("pass");
    expect([analysis.antispam.scl, analysis.antispam.sfv, analysis.antispam.bcl]).toEqual([
      5,
      "SPM",
      0,
    ]);
  });

  it("is junked by the filter and gets a remedy, as the messages people open are", () => {
    expect(analysis.verdict.junked).toBe(true);
    expect(remedyOf(analysis).situation).toBe("filtered");
  });

  it.each(LANGUAGES)("leaves no trace (%s): a message reads the same after it", (language) => {
    const { headers } = sampleHeaders("vendor-invoice-compauth");
    const before = JSON.stringify(analyzeHeaders(headers, { language }));
    warmUpEngine(language);
    expect(JSON.stringify(analyzeHeaders(headers, { language }))).toBe(before);
  });
});
