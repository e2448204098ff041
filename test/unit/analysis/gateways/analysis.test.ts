import { describe, expect, it } from "vitest";
import { analyzeHeaders, headerAnalysisSchema } from "../../../../src/analysis";
import type { HeaderAnalysis } from "../../../../src/analysis";
import {
  AUTH_FAILED_AT_GATEWAY,
  AUTH_PASSED,
  block,
  forefront,
  intoGateway,
  microsoftEdge,
  MIMECAST_HOST,
  MIMECAST_IP,
  mimecastInFront,
  SENDER,
} from "./fixtures";

const ids = (analysis: HeaderAnalysis) => analysis.verdict.findings.map((f) => f.id);

/** Mimecast in front: EOP sees Mimecast's IP, so SPF and DMARC fail there. */
const MIMECAST_IN_FRONT = block(
  ...mimecastInFront("SPOOF"),
  "ARC-Seal: i=1; a=rsa-sha256; t=1764752402; cv=none; d=mimecast.com; s=201903; b=Zm9v",
  "X-Mimecast-Spam-Score: 2",
  "X-Mimecast-Impersonation-Protect: Policy=Default Impersonation Protection Definition;",
  " Similar Internal Domain=false;Similar Monitored External Domain=false;Newly Observed",
  " Domain=false;Reply-to Address Mismatch=false",
  "X-Mimecast-MFC-PROC-ID: aBcD_1764752402",
  ...intoGateway("relay.mimecast.com"),
  ...SENDER,
);

describe("gateway in front of Exchange Online", () => {
  it("is read from Microsoft's PTR, with the gateway's ARC sealer, and becomes an admin finding", () => {
    const analysis = analyzeHeaders(MIMECAST_IN_FRONT);
    expect(headerAnalysisSchema.parse(analysis)).toEqual(analysis);
    expect(analysis.gatewayInFront).toEqual({
      vendor: "mimecast",
      host: MIMECAST_HOST,
      ip: MIMECAST_IP,
      authFailed: true,
      enhancedFiltering: false,
      arcSealer: "mimecast.com",
    });
    const finding = analysis.verdict.findings.find((f) => f.id === "gateway-in-front");
    expect(finding?.fixableBy).toBe("admin");
    expect(finding?.detail).toContain("Set-InboundConnector -EFSkipLastIP $true");
    expect(finding?.detail).toContain("add mimecast.com as a trusted ARC sealer");
  });

  it("counts the gateway's own stamps, written after the message reached it", () => {
    const analysis = analyzeHeaders(MIMECAST_IN_FRONT);
    expect(analysis.gateways).toHaveLength(1);
    expect(analysis.gateways[0]).toMatchObject({
      vendor: "mimecast",
      verdict: "unknown",
      score: 2,
      threshold: null,
      rules: [],
      placement: "receiving",
      counted: true,
    });
    expect(analysis.gateways[0]!.headers).toEqual([
      "X-Mimecast-Spam-Score",
      "X-Mimecast-Impersonation-Protect",
      "X-Mimecast-MFC-PROC-ID",
    ]);
    expect(analysis.gateways[0]!.meaning).toContain("28 or more is rejected outright");
  });

  it("says nothing of the gateway when Enhanced Filtering already skips it", () => {
    const original = "198.51.100.7";
    const analysis = analyzeHeaders(
      block(
        ...microsoftEdge(
          MIMECAST_HOST,
          MIMECAST_IP,
          AUTH_PASSED(original),
          forefront(
            original,
            "mail.supplier.example",
            MIMECAST_HOST,
            "SCL:1;SRV:;SFV:NSPM;CAT:NONE;",
          ),
          [`X-MS-Exchange-SkipListedInternetSender: ip=[${original}];domain=mail.supplier.example`],
        ),
        "X-Mimecast-Spam-Score: 0",
        ...intoGateway("relay.mimecast.com"),
        ...SENDER,
      ),
    );
    expect(analysis.gatewayInFront).toMatchObject({
      vendor: "mimecast",
      ip: MIMECAST_IP,
      enhancedFiltering: true,
      authFailed: false,
    });
    expect(ids(analysis)).not.toContain("gateway-in-front");
    expect(analysis.gateways[0]?.counted).toBe(true);
  });

  it("does not take a HELO name for a gateway: anyone can say it", () => {
    const attacker = "203.0.113.66";
    const analysis = analyzeHeaders(
      block(
        ...microsoftEdge(
          "mx1.mimecast.com",
          attacker,
          AUTH_FAILED_AT_GATEWAY(attacker),
          forefront(
            attacker,
            "host66.cheap-vps.example",
            "mx1.mimecast.com",
            "SCL:5;SRV:;SFV:SPM;CAT:SPOOF;",
          ),
        ),
        "X-Mimecast-Spam-Score: 0",
        ...SENDER,
      ),
    );
    expect(analysis.gatewayInFront).toBeNull();
    expect(ids(analysis)).not.toContain("gateway-in-front");
    expect(analysis.gateways[0]).toMatchObject({ vendor: "mimecast", counted: false });
  });
});

describe("forged gateway stamps", () => {
  it("does not count a clean stamp the sender wrote below the gateway's entry hop", () => {
    const analysis = analyzeHeaders(
      block(
        ...mimecastInFront("SPM"),
        "X-Mimecast-Spam-Score: 19",
        ...intoGateway("relay.mimecast.com"),
        // The sender's own additions: a "clean" verdict from every vendor it could think of.
        "X-Mimecast-Spam-Score: 0",
        "X-Spam-Status: No, score=-9.9 required=5.0 tests=ALL_TRUSTED,USER_IN_WELCOMELIST",
        "X-Spam-Flag: NO",
        "X-Proofpoint-Spam-Details: rule=notspam policy=default score=0 spamscore=0 phishscore=0",
        ...SENDER,
      ),
    );
    const counted = analysis.gateways.filter((g) => g.counted);
    expect(counted).toEqual([expect.objectContaining({ vendor: "mimecast", score: 19 })]);
    const forged = analysis.gateways.filter((g) => !g.counted);
    expect(forged.map((g) => [g.vendor, g.verdict, g.placement])).toEqual([
      ["mimecast", "unknown", "before-entry"],
      ["spamassassin", "not-spam", "before-entry"],
      ["proofpoint", "not-spam", "before-entry"],
    ]);
    expect(ids(analysis)).toContain("gateway-stamps-ignored");
    expect(forged[1]!.meaning).toContain("not counted");
  });

  it("does not count a stamp on mail that reached Microsoft directly", () => {
    const sender = "198.51.100.7";
    const analysis = analyzeHeaders(
      block(
        ...microsoftEdge(
          "mail.supplier.example",
          sender,
          AUTH_FAILED_AT_GATEWAY(sender),
          forefront(
            sender,
            "mail.supplier.example",
            "mail.supplier.example",
            "SCL:6;SRV:;SFV:SPM;CAT:SPM;",
          ),
        ),
        "X-Proofpoint-Spam-Details: rule=notspam policy=default score=0 priorityscore=1501",
        " spamscore=0 classifier=spam adjust=0 reason=mlx scancount=1",
        "X-Spam-Flag: NO",
        ...SENDER,
      ),
    );
    expect(analysis.gatewayInFront).toBeNull();
    expect(analysis.gateways.every((g) => !g.counted && g.placement === "unplaced")).toBe(true);
    expect(ids(analysis)).toContain("gateway-stamps-ignored");
    expect(ids(analysis)).not.toContain("gateway-junked");
  });
});

describe("a gateway that junked the message", () => {
  const PP_IP = "148.163.158.5";
  const PP_HOST = "mx0b-00123401.pphosted.com";
  const proofpointBlock = (details: string) =>
    block(
      ...microsoftEdge(
        PP_HOST,
        PP_IP,
        AUTH_FAILED_AT_GATEWAY(PP_IP),
        forefront(PP_IP, PP_HOST, PP_HOST, "SCL:6;SRV:;SFV:SKS;CAT:NONE;"),
      ),
      "X-Microsoft-Antispam-Mailbox-Delivery: ucf:0;jmr:0;auth:0;dest:J;OFR:SpamFilterAuthJ;",
      `X-Proofpoint-Spam-Details: ${details}`,
      "X-Proofpoint-Virus-Version: vendor=baseguard",
      " engine=ICAP:2.0.293,Aquarius:18.0.1039,Hydra:6.0.680,FMLib:17.12.28.16",
      " definitions=2026-12-03_01,2026-12-02_01,2026-11-20_01",
      "Received: from pps.filterd (m0127361.ppops.net [127.0.0.1]) by mx0b-00123401.pphosted.com",
      " (8.18.1.2/8.18.1.2) with SMTP id 5B38xAbc012345; Thu, 3 Dec 2026 09:00:04 GMT",
      "Received: from mail.supplier.example (mail.supplier.example [198.51.100.7]) by",
      " mx0b-00123401.pphosted.com with ESMTP id 4b9xyz; Thu, 03 Dec 2026 09:00:03 +0000",
      // The sending organisation's own outbound Proofpoint, further back.
      "X-Proofpoint-Spam-Details: rule=outbound_notspam policy=outbound score=0 spamscore=0",
      "Received: from exch01.supplier.example (exch01.supplier.example [10.0.0.5]) by",
      " mx0a-00999901.pphosted.com with ESMTP id 4a1abc; Thu, 03 Dec 2026 09:00:01 +0000",
      ...SENDER,
    );

  it("says the fix is in the gateway when its verdict, not Microsoft's, junked it", () => {
    const analysis = analyzeHeaders(
      proofpointBlock(
        "rule=inbound_spam policy=inbound score=92 spamscore=92 phishscore=0 bulkscore=10 classifier=spam adjust=0 reason=mlx",
      ),
    );
    expect(analysis.verdict.junked).toBe(true);
    expect(analysis.gatewayInFront?.vendor).toBe("proofpoint");
    const counted = analysis.gateways.filter((g) => g.counted);
    expect(counted).toEqual([
      expect.objectContaining({
        vendor: "proofpoint",
        verdict: "spam",
        score: 92,
        rules: ["rule=inbound_spam", "spamscore=92", "bulkscore=10"],
      }),
    ]);
    const finding = analysis.verdict.findings.find((f) => f.id === "gateway-junked");
    expect(finding).toMatchObject({ severity: "warning", fixableBy: "admin" });
    expect(finding?.detail).toContain("The fix is in Proofpoint");
    expect(finding?.detail).toContain("score 92");
  });

  it("never counts the sending organisation's outbound verdict as the recipient's", () => {
    const analysis = analyzeHeaders(
      proofpointBlock("rule=notspam policy=default score=0 spamscore=0 phishscore=0"),
    );
    const outbound = analysis.gateways.find((g) => g.rules.includes("rule=outbound_notspam"));
    expect(outbound).toMatchObject({ placement: "before-entry", counted: false });
    expect(ids(analysis)).not.toContain("gateway-junked");
  });

  it("gives the finding in German", () => {
    const analysis = analyzeHeaders(
      proofpointBlock("rule=inbound_spam policy=inbound score=92 spamscore=92"),
      { language: "de" },
    );
    const finding = analysis.verdict.findings.find((f) => f.id === "gateway-junked");
    expect(finding?.title).toContain("nicht Microsoft");
    expect(analysis.gateways.find((g) => g.counted)?.meaning).toContain(
      "hat die Nachricht als Spam markiert",
    );
  });
});

describe("an organisation's own filter in front, trusted by its authserv-id", () => {
  const onPremises = block(
    ...microsoftEdge(
      "mx.contoso.example",
      "192.0.2.25",
      AUTH_FAILED_AT_GATEWAY("192.0.2.25"),
      forefront(
        "192.0.2.25",
        "mx.contoso.example",
        "mx.contoso.example",
        "SCL:6;SRV:;SFV:SKS;CAT:NONE;",
      ),
    ),
    "X-Spam-Flag: YES",
    "X-Spam-Status: Yes, score=7.4 required=5.0 tests=BAYES_99,HTML_MESSAGE,",
    "\tRDNS_NONE autolearn=disabled version=4.0.1",
    "Authentication-Results: mx.contoso.example; spf=pass smtp.mailfrom=supplier.example",
    "Received: from mail.supplier.example (mail.supplier.example [198.51.100.7]) by",
    " mx.contoso.example (Postfix) with ESMTPS id 4QabC; Thu, 03 Dec 2026 09:00:02 +0000",
    ...SENDER,
  );

  it("counts SpamAssassin's verdict only when the tenant trusts the server that wrote it", () => {
    const untrusted = analyzeHeaders(onPremises);
    expect(untrusted.gateways[0]).toMatchObject({ placement: "unplaced", counted: false });
    const trusted = analyzeHeaders(onPremises, { trustedAuthservIds: ["mx.contoso.example"] });
    expect(trusted.gateways[0]).toMatchObject({
      vendor: "spamassassin",
      verdict: "spam",
      score: 7.4,
      threshold: 5,
      rules: ["BAYES_99", "HTML_MESSAGE", "RDNS_NONE"],
      placement: "receiving",
      counted: true,
    });
    expect(trusted.verdict.findings.map((f) => f.id)).toContain("gateway-junked");
  });
});

describe("messages without gateways", () => {
  it("have no gateway entries and no gateway in front", () => {
    const analysis = analyzeHeaders(block(...SENDER));
    expect(analysis.gateways).toEqual([]);
    expect(analysis.gatewayInFront).toBeNull();
  });
});
