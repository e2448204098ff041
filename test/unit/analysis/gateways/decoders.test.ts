/**
 * Each vendor's decoder on stamps in the shape its documentation (or, where the vendor keeps it
 * in support articles, its widely published examples) gives; sources are named in each decoder
 * module and in docs/analysis-contract.md.
 */
import { describe, expect, it } from "vitest";
import { parseHeaderBlock } from "../../../../src/analysis/header-block";
import { decodeBarracuda } from "../../../../src/analysis/gateways/barracuda";
import { decodeCisco } from "../../../../src/analysis/gateways/cisco";
import { decodeMimecast } from "../../../../src/analysis/gateways/mimecast";
import {
  decodeProofpoint,
  proofpointRuleVerdict,
} from "../../../../src/analysis/gateways/proofpoint";
import { decodeSpamAssassin } from "../../../../src/analysis/gateways/spamassassin";
import { dashFields, decodeTrendMicro } from "../../../../src/analysis/gateways/trendmicro";
import { vendorOfHost } from "../../../../src/analysis/gateways/infrastructure";
import { keyValueWords, parseDecimal } from "../../../../src/analysis/gateways/words";

const fields = (...lines: string[]) => parseHeaderBlock(`${lines.join("\r\n")}\r\n\r\n`).fields;

describe("SpamAssassin", () => {
  it("reads X-Spam-Status with a folded test list", () => {
    expect(
      decodeSpamAssassin(
        fields(
          "X-Spam-Flag: YES",
          "X-Spam-Status: Yes, score=6.3 required=5.0 tests=HTML_MESSAGE,MIME_HTML_MOSTLY,",
          "\tMPART_ALT_DIFF,RDNS_NONE,SHORT_HELO_AND_INLINE_IMAGE,TVD_SPACE_RATIO",
          "\tautolearn=disabled version=3.2.5",
        ),
      ),
    ).toEqual({
      verdict: "spam",
      score: 6.3,
      threshold: 5,
      rules: [
        "HTML_MESSAGE",
        "MIME_HTML_MOSTLY",
        "MPART_ALT_DIFF",
        "RDNS_NONE",
        "SHORT_HELO_AND_INLINE_IMAGE",
        "TVD_SPACE_RATIO",
      ],
    });
  });

  it("reads a ham status, the old hits= form, and tests=none", () => {
    expect(
      decodeSpamAssassin(
        fields("X-Spam-Status: No, hits=-2.6 required=5.0 tests=none autolearn=ham"),
      ),
    ).toEqual({ verdict: "not-spam", score: -2.6, threshold: 5, rules: [] });
  });

  it("reads the flag or the score alone", () => {
    expect(decodeSpamAssassin(fields("X-Spam-Flag: YES"))?.verdict).toBe("spam");
    expect(decodeSpamAssassin(fields("X-Spam-Score: 3.1"))).toEqual({
      verdict: "unknown",
      score: 3.1,
      threshold: null,
      rules: [],
    });
    expect(decodeSpamAssassin(fields("X-Spam-Checker-Version: SpamAssassin 4.0.1"))).toBeNull();
  });
});

describe("Proofpoint", () => {
  it("reads X-Proofpoint-Spam-Details: the rule, the score and the classifiers above zero", () => {
    expect(
      decodeProofpoint(
        fields(
          "X-Proofpoint-Spam-Details: rule=notspam policy=default score=0 priorityscore=1501",
          " malwarescore=0 suspectscore=2 phishscore=0 bulkscore=0 spamscore=0 clxscore=1015",
          " lowpriorityscore=0 adultscore=0 impostorscore=0 mlxlogscore=999 mlxscore=0",
          " classifier=spam adjust=0 reason=mlx scancount=1 engine=8.19.0-2405170001",
          " definitions=main-2406070004",
        ),
      ),
    ).toEqual({
      verdict: "not-spam",
      score: 0,
      threshold: null,
      rules: ["rule=notspam", "suspectscore=2"],
      outbound: false,
    });
  });

  it("names the verdict of a rule by its most specific word", () => {
    expect(proofpointRuleVerdict("notspam")).toBe("not-spam");
    expect(proofpointRuleVerdict("outbound_notspam")).toBe("not-spam");
    expect(proofpointRuleVerdict("inbound_spam_definite")).toBe("spam");
    expect(proofpointRuleVerdict("phish")).toBe("phishing");
    expect(proofpointRuleVerdict("malware")).toBe("malware");
    expect(proofpointRuleVerdict("bulk")).toBe("bulk");
    expect(proofpointRuleVerdict("impostor")).toBe("impersonation");
    expect(proofpointRuleVerdict("whatever")).toBe("unknown");
  });

  it("marks an outbound rule, and reads the anti-virus stamp alone as a scan", () => {
    expect(
      decodeProofpoint(
        fields("X-Proofpoint-Spam-Details: rule=outbound_notspam policy=outbound score=0"),
      )?.outbound,
    ).toBe(true);
    expect(
      decodeProofpoint(
        fields(
          "X-Proofpoint-Virus-Version: vendor=nai engine=6000 definitions=9392 signatures=668685",
        ),
      ),
    ).toEqual({ verdict: "scanned", score: null, threshold: null, rules: [] });
    expect(decodeProofpoint(fields("X-Proofpoint-GUID: Qpd5cxPxialm"))).toBeNull();
  });
});

describe("Cisco Secure Email (IronPort)", () => {
  it("reads a scan, never a verdict: Cisco encodes its result for its own support", () => {
    expect(
      decodeCisco(
        fields(
          "X-IronPort-Anti-Spam-Filtered: true",
          "X-IronPort-Anti-Spam-Result: A0DdCADh5RpV/5RdJa1cgkNDUlwFtDiPCYI0hXcCgUhMAQEBAQE",
          `X-IronPort-AV: E=Sophos;i="5.11,502,1422939600"; d="scan'208,217";a="54"`,
        ),
      ),
    ).toEqual({ verdict: "scanned", score: null, threshold: null, rules: ["AV engine Sophos"] });
    expect(decodeCisco(fields("X-IronPort-RemoteIP: 192.0.2.1"))).toBeNull();
  });
});

describe("Mimecast", () => {
  it("reads the spam score, which states no threshold", () => {
    expect(decodeMimecast(fields("X-Mimecast-Spam-Score: 0.001"))).toEqual({
      verdict: "unknown",
      score: 0.001,
      threshold: null,
      rules: [],
    });
  });

  it("reads Impersonation Protect's detectors that fired", () => {
    expect(
      decodeMimecast(
        fields(
          "X-Mimecast-Spam-Score: 4",
          "X-Mimecast-Impersonation-Protect: Policy=Default Impersonation Protection Definition;",
          " Similar Internal Domain=false;Similar Monitored External Domain=false;Custom External",
          " Domain=false;Mimecast External Domain=false;Newly Observed Domain=true;Internal User",
          " Name=true;Reply-to Address Mismatch=false;Targeted Threat Dictionary=false",
        ),
      ),
    ).toEqual({
      verdict: "impersonation",
      score: 4,
      threshold: null,
      rules: ["Newly Observed Domain", "Internal User Name"],
    });
  });

  it("reads a bulk signature, and ignores stamps that are not verdicts", () => {
    expect(
      decodeMimecast(fields("X-Mimecast-Bulk-Signature: yes", "X-Mimecast-Spam-Score: 9"))?.verdict,
    ).toBe("bulk");
    expect(decodeMimecast(fields("X-Mimecast-Originator: redhat.com"))).toBeNull();
  });
});

describe("Barracuda", () => {
  const status = (score: string) =>
    `X-Barracuda-Spam-Status: Yes, SCORE=${score} using per-user scores of TAG_LEVEL=3.5 QUARANTINE_LEVEL=9.0 KILL_LEVEL=1000.0 tests=BSF_SC0_MISMATCH_TO, BSF_SC0_MV0951,`;

  it("reads a tagged message: Yes, above TAG_LEVEL, below QUARANTINE_LEVEL", () => {
    expect(
      decodeBarracuda(
        fields(
          "X-Barracuda-Spam-Score: 3.60",
          status("3.60"),
          " HTML_MESSAGE",
          "X-Barracuda-Spam-Flag: YES",
        ),
      ),
    ).toEqual({
      verdict: "suspect",
      score: 3.6,
      threshold: 3.5,
      rules: ["BSF_SC0_MISMATCH_TO", "BSF_SC0_MV0951", "HTML_MESSAGE"],
    });
  });

  it("reads a quarantined message and an allowed one", () => {
    expect(decodeBarracuda(fields(status("10.11"), " URLBL_BC"))).toMatchObject({
      verdict: "spam",
      score: 10.11,
      threshold: 9,
    });
    expect(
      decodeBarracuda(
        fields(
          "X-Barracuda-Spam-Status: No, SCORE=0.00 using per-user scores of TAG_LEVEL=3.5 QUARANTINE_LEVEL=8.0 KILL_LEVEL=1000.0 tests=",
        ),
      ),
    ).toEqual({ verdict: "not-spam", score: 0, threshold: 3.5, rules: [] });
  });
});

describe("Trend Micro", () => {
  it("reads X-TM-AS-Result in today's and the older order, negative scores included", () => {
    expect(decodeTrendMicro(fields("X-TM-AS-Result: No-10--14.460600-8.000000"))).toEqual({
      verdict: "not-spam",
      score: -14.4606,
      threshold: 8,
      rules: [],
    });
    expect(decodeTrendMicro(fields("X-TM-AS-Result: No--8.429700-4.000000-31"))).toMatchObject({
      score: -8.4297,
      threshold: 4,
    });
    expect(decodeTrendMicro(fields("X-TM-AS-Result: Yes-12.309100-8.000000-10"))).toMatchObject({
      verdict: "spam",
      score: 12.3091,
      threshold: 8,
    });
  });

  it("reads X-TMASE-Result as <TrendType>-<Spam Score>-<Spam Threshold>", () => {
    expect(dashFields("10--14.460600-8.000000")).toEqual({ answer: null, decimals: [-14.4606, 8] });
    expect(decodeTrendMicro(fields("X-TMASE-Result: 10-9.120000-8.000000"))).toMatchObject({
      verdict: "spam",
      score: 9.12,
      threshold: 8,
    });
  });

  it("reads the approved and blocked sender lists", () => {
    expect(
      decodeTrendMicro(fields("X-TM-AS-Result: Yes-9.1-8.0", "X-TM-AS-User-Approved-Sender: Yes")),
    ).toMatchObject({ verdict: "allowed", rules: ["user approved sender"] });
    expect(decodeTrendMicro(fields("X-TM-AS-User-Blocked-Sender: Yes"))?.verdict).toBe("blocked");
    expect(decodeTrendMicro(fields("X-TM-AS-Product-Ver: SMEX-14.0.0.3152"))).toBeNull();
  });
});

describe("hostile values", () => {
  it("bound rules, names and numbers and never throw", () => {
    const many = Array.from({ length: 500 }, (_, i) => `RULE_${i}`).join(",");
    const decoded = decodeSpamAssassin(
      fields(`X-Spam-Status: Yes, score=1e999 required=5 tests=${many}`),
    );
    expect(decoded?.rules).toHaveLength(50);
    expect(decoded?.score).toBeNull();
    const long = decodeSpamAssassin(
      fields(`X-Spam-Status: Yes, score=1 tests=${"A".repeat(5000)}`),
    );
    expect(long?.rules[0]!.length).toBeLessThanOrEqual(80);
    expect(parseDecimal("1.2.3")).toBeNull();
    expect(parseDecimal("--1")).toBeNull();
    expect(keyValueWords("=x ==y a=b").pairs.get("a")).toBe("b");
    expect(dashFields("-".repeat(10_000))).toEqual({ answer: null, decimals: [] });
  });
});

describe("the contract's bound on rules", () => {
  it("holds when a vendor's rules and its signatures together pass 50", async () => {
    const { analyzeHeaders, headerAnalysisSchema } = await import("../../../../src/analysis");
    const detectors = Array.from({ length: 60 }, (_, i) => `Detector ${i}=true`).join(";");
    const analysis = analyzeHeaders(
      [
        "X-Mimecast-Spam-Signature: sig-1",
        "X-Mimecast-Bulk-Signature: sig-2",
        `X-Mimecast-Impersonation-Protect: Policy=Default;${detectors}`,
        "From: a@b.example",
        "",
        "",
      ].join("\r\n"),
    );
    expect(analysis.gateways[0]!.rules).toHaveLength(50);
    expect(headerAnalysisSchema.safeParse(analysis).success).toBe(true);
  });
});

describe("infrastructure", () => {
  it("knows the gateways' host names and nothing that merely contains them", () => {
    expect(vendorOfHost("us-smtp-inbound-1.mimecast.com")).toBe("mimecast");
    expect(vendorOfHost("mx0a-00123401.pphosted.com.")).toBe("proofpoint");
    expect(vendorOfHost("mx1-us1.ppe-hosted.com")).toBe("proofpoint");
    expect(vendorOfHost("esa1.contoso.iphmx.com")).toBe("cisco");
    expect(vendorOfHost("d123.ess.barracudanetworks.com")).toBe("barracuda");
    expect(vendorOfHost("mx-in.tmes.trendmicro.eu")).toBe("trendmicro");
    expect(vendorOfHost("notmimecast.com")).toBeNull();
    expect(vendorOfHost("mimecast.com.evil.example")).toBeNull();
    expect(vendorOfHost(null)).toBeNull();
  });
});
