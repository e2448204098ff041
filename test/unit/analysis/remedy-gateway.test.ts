/**
 * A gateway in front of Exchange Online can explain Microsoft's spoof verdict (remedy-gateway.ts):
 * then the admin's fix is named, never an allow. Only Microsoft's own stamps and the route into
 * Microsoft decide it; gateway stamps a sender wrote, or a HELO name, decide nothing.
 */
import { describe, expect, it } from "vitest";
import { analyzeHeaders } from "../../../src/analysis/analyze";
import { remedyOf, remedySignals } from "../../../src/analysis/remedy";
import {
  AUTH_FAILED_AT_GATEWAY,
  block,
  forefront,
  intoGateway,
  microsoftEdge,
  MIMECAST_HOST,
  MIMECAST_IP,
  mimecastInFront,
  SENDER,
} from "./gateways/fixtures";

const MIMECAST_SEAL =
  "ARC-Seal: i=1; a=rsa-sha256; t=1764752402; cv=none; d=mimecast.com; s=201903; b=Zm9v";

/** The remedy for Microsoft's `edge` over `below` (what the route brought), over Mimecast's hop. */
const remedyFor = (edge: readonly string[], ...below: string[]) =>
  remedyOf(
    analyzeHeaders(block(...edge, ...below, ...intoGateway("relay.mimecast.com"), ...SENDER)),
  );

/** Microsoft's edge with CAT:SPOOF and `extra` Forefront codes, receiving from `host` (`ip`). */
const spoofedFrom = (
  host: string,
  ip: string,
  { ptr = host, auth = AUTH_FAILED_AT_GATEWAY(ip), extra = "", skipListed = [] as string[] } = {},
) =>
  microsoftEdge(
    host,
    ip,
    auth,
    forefront(ip, ptr, host, `SCL:5;SRV:;SFV:SPM;CAT:SPOOF;${extra}`),
    skipListed,
  );

const behindMimecast = (options: Parameters<typeof spoofedFrom>[2] = {}) =>
  spoofedFrom(MIMECAST_HOST, MIMECAST_IP, options);

describe("a gateway in front explains the spoof verdict", () => {
  it("names the admin's fix instead of a threat, and never invites an allow", () => {
    const answer = remedyFor(mimecastInFront("SPOOF"), MIMECAST_SEAL, "X-Mimecast-Spam-Score: 2");
    expect(answer).toMatchObject({
      situation: "gateway",
      threat: null,
      threats: [],
      fixableBy: "admin",
      allow: "none",
      offers: { notSpam: "secondary", trustedSender: false },
      identity: null,
    });
    expect(remedySignals(answer).sort()).toEqual(["allow-none", "situation-gateway"]);
  });

  it("keeps a DMARC failure under p=reject with it: routing fails DMARC too", () => {
    const auth = AUTH_FAILED_AT_GATEWAY(MIMECAST_IP)
      .replace("dmarc=fail action=none", "dmarc=fail (p=reject sp=reject pct=100) action=oreject")
      .replace("reason=001", "reason=000");
    expect(remedyFor(behindMimecast({ auth }))).toMatchObject({
      situation: "gateway",
      allow: "none",
      threat: null,
    });
  });
});

describe("what a gateway does not explain stays a threat", () => {
  it("forged gateway stamps and a gateway's HELO from the sender's own server", () => {
    const answer = remedyFor(
      spoofedFrom("eu-smtp-inbound-1.mimecast.com", "203.0.113.66", {
        ptr: "host66.cheap-vps.example",
      }),
      // Everything below Microsoft's edge is the sender's to write.
      "X-Mimecast-Spam-Score: 0",
      MIMECAST_SEAL,
    );
    expect(answer).toMatchObject({ situation: "threat", threat: "spoof", allow: "none" });
    expect(answer.offers).toEqual({ notSpam: "hidden", trustedSender: false });
  });

  it("Enhanced Filtering on: Microsoft judged the original sender, so its spoof verdict is its own", () => {
    const original = "198.51.100.7";
    const answer = remedyFor(
      microsoftEdge(
        MIMECAST_HOST,
        MIMECAST_IP,
        AUTH_FAILED_AT_GATEWAY(original),
        forefront(original, "mail.supplier.example", MIMECAST_HOST, "SCL:5;SFV:SPM;CAT:SPOOF;"),
        [`X-MS-Exchange-SkipListedInternetSender: ip=[${original}];domain=mail.supplier.example`],
      ),
    );
    expect(answer.threat).toBe("spoof");
  });

  it("a spoof of the organisation's own domain (compauth 010) or a pair the admin blocked (002)", () => {
    for (const reason of ["010", "002"]) {
      const auth = AUTH_FAILED_AT_GATEWAY(MIMECAST_IP).replace("reason=001", `reason=${reason}`);
      expect(remedyFor(behindMimecast({ auth })).threat, reason).toBe("spoof");
    }
  });

  it("Microsoft's SPF passed: the gateway's address did not cause the failure", () => {
    const auth = AUTH_FAILED_AT_GATEWAY(MIMECAST_IP).replace("spf=fail", "spf=pass");
    expect(remedyFor(behindMimecast({ auth })).threat).toBe("spoof");
  });

  it("the gateway itself, which saw the real sender, flagged impersonation", () => {
    const answer = remedyFor(
      mimecastInFront("SPOOF"),
      MIMECAST_SEAL,
      "X-Mimecast-Impersonation-Protect: Policy=Default Impersonation Protection Definition;",
      " Similar Internal Domain=true;Similar Monitored External Domain=false;Newly Observed",
      " Domain=true;Reply-to Address Mismatch=true",
    );
    expect(answer.situation).toBe("threat");
    expect(answer.threat).toBe("spoof");
  });

  it("a threat on the content is never the route's doing", () => {
    const answer = remedyFor(behindMimecast({ extra: "SFTY:9.20;" }));
    expect(answer).toMatchObject({ situation: "threat", threat: "impersonation" });
    expect(answer.threats).toEqual(["impersonation", "spoof"]);
  });
});
