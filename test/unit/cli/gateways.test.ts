/** `vouch analyze`'s readable report names the gateway verdicts and the gateway in front. */
import { describe, expect, it } from "vitest";
import { analyzeHeaders } from "../../../src/analysis";
import { renderReport } from "../../../cli/analyze-report";
import {
  block,
  intoGateway,
  MIMECAST_HOST,
  MIMECAST_IP,
  mimecastInFront,
  SENDER,
} from "../analysis/gateways/fixtures";

describe("the report's gateway section", () => {
  it("prints the gateway in front, each verdict in plain words, and the rules hit", () => {
    const wrapped = renderReport(
      analyzeHeaders(
        block(
          ...mimecastInFront("SPM"),
          "X-Mimecast-Spam-Score: 3",
          ...intoGateway("relay.mimecast.com"),
          "X-Spam-Status: Yes, score=6.1 required=5.0 tests=BAYES_99,RDNS_NONE",
          ...SENDER,
        ),
      ),
      { color: false },
    );
    // Long lines wrap at 100 columns with an indent: read them as one.
    const report = wrapped.replace(/\n +/g, " ");
    expect(report).toContain("Email gateways");
    expect(report).toContain(
      `In front: Mimecast handed the message to Microsoft 365 (${MIMECAST_HOST}, ${MIMECAST_IP}); Microsoft's authentication failed on the gateway's address.`,
    );
    expect(report).toContain("Mimecast: scored - Mimecast scored the message");
    expect(report).toMatch(
      /SpamAssassin: spam - SpamAssassin marked the message as spam\. Score 6\.1 against a threshold of 5\./,
    );
    expect(report).toContain("rules: BAYES_99, RDNS_NONE");
  });

  it("advises the admin's fix for a spoof verdict the gateway explains, and keeps a forged one a threat", () => {
    const read = (headers: string) =>
      renderReport(analyzeHeaders(headers), { color: false }).replace(/\n +/g, " ");
    const artefact = read(
      block(...mimecastInFront("SPOOF"), ...intoGateway("relay.mimecast.com"), ...SENDER),
    );
    expect(artefact).not.toContain("DO NOT TRUST");
    expect(artefact).toContain("Enhanced Filtering for Connectors");
    expect(artefact).toContain("No allow entry.");
    // The same stamps, but Microsoft's PTR names the sender's own server: not the gateway's doing.
    const forged = read(
      block(
        ...mimecastInFront("SPOOF").map((line) =>
          line.startsWith("X-Forefront")
            ? line.replace(`PTR:${MIMECAST_HOST}`, "PTR:vps.example")
            : line,
        ),
        ...intoGateway("relay.mimecast.com"),
        ...SENDER,
      ),
    );
    expect(forged).toContain("DO NOT TRUST: the sender's address appears to be forged");
  });

  it("prints nothing of gateways when there are none", () => {
    expect(renderReport(analyzeHeaders(block(...SENDER)), { color: false })).not.toContain(
      "Email gateways",
    );
  });
});
