/**
 * A gateway in front of Exchange Online is an insight with Microsoft's fix, never an allow:
 * from the analysis of a report through its signals to the rules' assessment.
 */
import { describe, expect, it } from "vitest";
import { analyzeHeaders } from "../../src/analysis";
import type { SenderEvidence } from "../../server/identity/evidence";
import { signalsOf } from "../../server/identity/evidence";
import { gatewayCommands } from "../../server/proposals/gateway-insight";
import { assess, type RulesContext } from "../../server/proposals/rules";
import { DEFAULT_SETTINGS } from "../../server/proposals/settings";
import { block, intoGateway, mimecastInFront, SENDER } from "./analysis/gateways/fixtures";

const context: RulesContext = { settings: DEFAULT_SETTINGS, now: new Date("2026-12-04T10:00:00Z") };

const REPORT = block(
  ...mimecastInFront("SPOOF"),
  "ARC-Seal: i=1; a=rsa-sha256; t=1764752402; cv=none; d=mimecast.com; s=201903; b=Zm9v",
  "X-Mimecast-Spam-Score: 1",
  ...intoGateway("relay.mimecast.com"),
  ...SENDER,
);

function evidenceOf(
  signals: string[],
  people: number,
  overrides: Partial<SenderEvidence> = {},
): SenderEvidence {
  const counts = Object.fromEntries(signals.map((name) => [name, people]));
  return {
    tenantId: "t1",
    senderKey: "unverified:supplier.example",
    kind: "domain",
    authenticated: false,
    reporters: people,
    mailboxes: people,
    reports: people,
    notSpam: people,
    trustedSender: 0,
    signals: counts,
    signalPeople: counts,
    firstSeen: "2026-12-01T09:00:00Z",
    lastSeen: "2026-12-03T09:00:00Z",
    ...overrides,
  };
}

describe("the gateway insight", () => {
  const signals = signalsOf(analyzeHeaders(REPORT));

  it("rides on the report's signals: the finding, the vendor and its ARC sealer", () => {
    expect(signals).toEqual(
      expect.arrayContaining([
        "gateway-in-front",
        "gateway-front-mimecast",
        "gateway-sealer-mimecast.com",
      ]),
    );
  });

  it("turns the authentication refusals into an insight with Microsoft's fix and its PowerShell", () => {
    const result = assess(evidenceOf(signals, 4), context);
    expect(result.outcome).toBe("insight");
    expect(result.entry).toBeNull();
    expect(result.insights[0]).toMatchObject({ cause: "gateway-in-front", reports: 4 });
    expect(result.insights[0]!.setting).toContain("Mimecast in front of Exchange Online");
    const commands = result.insights[0]!.commands!.join("\n");
    expect(commands).toContain(
      "Set-InboundConnector -Identity '<your inbound connector from Mimecast>' -EFSkipLastIP $true",
    );
    expect(commands).toContain("Get-ArcConfig | Select-Object -ExpandProperty ArcTrustedSealers");
    expect(commands).toContain(
      "Set-ArcConfig -Identity Default -ArcTrustedSealers (@($sealers) + 'mimecast.com')",
    );
    expect(result.reason).toContain("An allow would not fix it.");
  });

  it("is never an allow, even for a sender whose own DKIM passed", () => {
    const result = assess(
      evidenceOf([...signals, "auth-dkim-aligned-pass"], 4, {
        senderKey: "supplier.example",
        authenticated: true,
      }),
      context,
    );
    expect(result.outcome).toBe("insight");
    expect(result.entry).toBeNull();
  });

  it("carries the shared rule module's answer: the gateway's situation, no threat", () => {
    expect(signals).toEqual(expect.arrayContaining(["situation-gateway", "allow-none"]));
    expect(signals.filter((signal) => signal.startsWith("threat-"))).toEqual([]);
  });

  it("refuses a forged gateway as a spoof: Microsoft's PTR names the sender's own server", () => {
    const forged = signalsOf(
      analyzeHeaders(REPORT.replace(/PTR:[^;]+;/, "PTR:host66.cheap-vps.example;")),
    );
    expect(forged).toEqual(expect.arrayContaining(["situation-threat", "threat-spoof"]));
    expect(forged).not.toContain("gateway-in-front");
    const result = assess(evidenceOf(forged, 4), context);
    expect(result.outcome).toBe("refused");
    expect(result.refusals.map((refusal) => refusal.code)).toContain("spoof");
    expect(result.insights).toEqual([]);
  });

  it("leaves a threat refused: phishing is not the gateway's doing", () => {
    const result = assess(
      evidenceOf([...signals, "threat-phishing", "phishing-verdict"], 4),
      context,
    );
    expect(result.outcome).toBe("refused");
    expect(result.refusals[0]!.code).toBe("phishing");
  });

  it("needs half the people: one report through the gateway does not decide for five", () => {
    const evidence = evidenceOf(["auth-dmarc-pass", "verdict-junked", "cat-spm"], 5, {
      senderKey: "supplier.example",
      authenticated: true,
    });
    evidence.signals["gateway-in-front"] = 1;
    evidence.signalPeople!["gateway-in-front"] = 1;
    expect(assess(evidence, context).outcome).not.toBe("insight");
  });

  it("writes only checked literals into its PowerShell", () => {
    const hostile = assess(
      evidenceOf(
        [
          "gateway-in-front",
          "gateway-front-evil'vendor",
          "gateway-sealer-x');Remove-Mailbox -Identity *;('",
        ],
        2,
      ),
      context,
    );
    const commands = hostile.insights[0]!.commands!.join("\n");
    expect(commands).not.toContain("Remove-Mailbox");
    expect(commands).toContain("(@($sealers) + '<ARC-Seal d= domain of the gateway>')");
    // Every single-quoted literal closes on the same line it opened: no value broke out of one.
    for (const line of hostile.insights[0]!.commands!) {
      if (!line.startsWith("#")) expect((line.match(/'/g) ?? []).length % 2).toBe(0);
    }
    expect(gatewayCommands({ vendor: null, sealer: null })[1]).toBe(
      "Set-InboundConnector -Identity '<your inbound connector from the gateway>' -EFSkipLastIP $true",
    );
  });
});
