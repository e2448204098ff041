import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestService, type TestService } from "../support/service";
import {
  admin,
  allowScript,
  approve,
  approvedPart,
  auditOf,
  decideAs,
  list,
  message,
  openProposal,
  person,
  proposalOf,
  report,
} from "./attack-support";
import { ApiClient } from "./proposals-client";

/**
 * A hostile sender controls every header it writes: Authentication-Results of its own, the
 * From line, its domain's look, the display name; and it can send a phishing message after its
 * sender was approved. Issue 10 §2, §3, §5, through the real service on both engines.
 */

let service: TestService;
let api: ApiClient;
beforeAll(async () => {
  service = await startTestService();
  api = new ApiClient(service);
});
afterAll(async () => service?.close());

/** The sender's own Authentication-Results, claiming every pass, below the tenant's. */
function forgedResults(headers: string, domain: string): string {
  return headers.replace(
    "\r\nFrom: ",
    `\r\nAuthentication-Results: mx.${domain}; spf=pass smtp.mailfrom=${domain}; dkim=pass header.d=${domain}; dmarc=pass header.from=${domain}\r\nFrom: `,
  );
}

describe("a hostile sender", () => {
  it("cannot make a forged From count for the real sender, nor become a sender allow", async () => {
    const tenant = "attack-forged";
    for (let index = 0; index < 5; index++) {
      const messageId = `<forged-${index}@bank.example>`;
      const headers = forgedResults(
        message({ from: "ceo@bank.example", messageId, dmarc: "fail", dkim: "fail", spf: "fail" }),
        "bank.example",
      );
      await api.report(person(tenant, index), headers, messageId);
    }
    expect(await proposalOf(api, tenant, "bank.example")).toBeUndefined();
    const forged = await proposalOf(api, tenant, "unverified:bank.example");
    expect(forged?.status).toBe("refused");
    expect(forged?.entry).toBeNull();
    expect(forged?.refusals.map((r) => r.code)).toContain("authentication-failed");
  });

  it("without SPF, DKIM or DMARC gets no sender allow; a pair says exactly what is true", async () => {
    const tenant = "attack-unauthenticated";
    const pair = await openProposal(
      api,
      tenant,
      "billing@legacy.example",
      "unverified:legacy.example",
      3,
      { dmarc: "none", dkim: "none", spf: "softfail", ptr: "out.mailer.example" },
    );
    expect(pair.entry).toEqual({
      type: "spoof",
      spoofedUser: "legacy.example",
      sendingInfrastructure: { kind: "ptr", value: "mailer.example" },
    });
    expect(pair.reason).toContain("no SPF, DKIM or DMARC passed");
    expect(pair.reason).toContain("compauth reason 001");
    expect(pair.reason).not.toContain("only for lack of DMARC");
    // The same three people vouching for an authenticated sender: 25 authentication points more.
    const authenticated = await openProposal(
      api,
      tenant,
      "billing@modern.example",
      "modern.example",
    );
    expect(authenticated.strength - pair.strength).toBe(25);
    expect(
      (await list(api, tenant)).some(
        (p) => p.entry?.type === "sender" && p.senderKey.startsWith("unverified:"),
      ),
    ).toBe(false);
  });

  it("with a look-alike domain gets a refusal naming it, even when DMARC passes", async () => {
    const tenant = "attack-lookalike";
    for (const [index, from] of ["billing@paypa1.com", "billing@p\u0430ypal.com"].entries()) {
      for (let person_ = 0; person_ < 3; person_++) {
        await report(api, person(tenant, person_), {
          from,
          messageId: `<look-${index}-${person_}@lookalike.example>`,
        });
      }
    }
    const items = await list(api, tenant);
    expect(items).toHaveLength(2);
    for (const item of items) {
      expect(item.status).toBe("refused");
      expect(item.entry).toBeNull();
      expect(item.refusals.map((r) => r.code)).toEqual(
        expect.arrayContaining([expect.stringMatching(/^(look-alike|mixed-script)$/)]),
      );
    }
  });

  it("puts no bidirectional control of a display name into a key, a reason or an export", async () => {
    const tenant = "attack-bidi";
    for (let index = 0; index < 3; index++) {
      const messageId = `<bidi-${index}@vendor-bidi.example>`;
      const headers = message({ from: "billing@vendor-bidi.example", messageId }).replace(
        'From: "Sender" <',
        'From: "\u202Eelpmaxe.knab\u202C Billing" <',
      );
      await api.report(person(tenant, index), headers, messageId);
    }
    const proposal = (await proposalOf(api, tenant, "vendor-bidi.example"))!;
    expect(proposal.status).toBe("open");
    await approve(api, tenant, proposal.id);
    const script = await allowScript(api, tenant, proposal.id);
    for (const text of [script, JSON.stringify(await list(api, tenant))]) {
      expect(text).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    }
  });

  it("sends phishing after approval: the proposal goes to review, the approved entry stays", async () => {
    const tenant = "attack-phish";
    const open = await openProposal(
      api,
      tenant,
      "notices@trusted-vendor.example",
      "trusted-vendor.example",
    );
    const approved = await approve(api, tenant, open.id);
    const before = await allowScript(api, tenant, open.id);

    await report(api, person(tenant, 7), {
      from: "notices@trusted-vendor.example",
      messageId: "<phish-1@trusted-vendor.example>",
      cat: "PHSH",
      scl: 9,
      sfv: "SPM",
    });
    const review = (await proposalOf(api, tenant, "trusted-vendor.example"))!;
    expect(review.status).toBe("needs-review");
    expect(review.review?.changes).toEqual(["a report from 1 person carries a phishing verdict"]);
    expect(approvedPart(review)).toEqual(approvedPart(approved));
    expect(await allowScript(api, tenant, open.id)).toBe(before);
    // The console lists it first, ahead of stronger proposals.
    await openProposal(api, tenant, "news@bigger.example", "bigger.example", 6);
    expect((await list(api, tenant))[0]?.id).toBe(open.id);
    const audit = await auditOf(api, tenant, open.id);
    expect(audit[0]).toMatchObject({
      action: "review",
      fromStatus: "approved",
      toStatus: "needs-review",
      actor: "vouch",
    });
    expect(audit[0]?.note).toContain("a report from 1 person carries a phishing verdict");

    // The admin keeps it: the same entry, and what turned so far no longer counts as new.
    const kept = await decideAs(api, admin(tenant), open.id, "approve", {
      note: "checked the message: a test by the vendor",
    });
    expect(kept.body.status).toBe("approved");
    expect(approvedPart(kept.body)).toEqual(approvedPart(approved));
    await report(api, person(tenant, 9), {
      from: "notices@trusted-vendor.example",
      messageId: "<fine-2@trusted-vendor.example>",
    });
    // The same person's second phishing report weighs nothing new: one person, still one.
    await report(api, person(tenant, 7), {
      from: "notices@trusted-vendor.example",
      messageId: "<phish-2@trusted-vendor.example>",
      cat: "PHSH",
    });
    expect((await proposalOf(api, tenant, "trusted-vendor.example"))?.status).toBe("approved");
    // A second person with a threat turns it again.
    await report(api, person(tenant, 8), {
      from: "notices@trusted-vendor.example",
      messageId: "<phish-3@trusted-vendor.example>",
      cat: "PHSH",
    });
    const again = (await proposalOf(api, tenant, "trusted-vendor.example"))!;
    expect(again.status).toBe("needs-review");
    expect(approvedPart(again)).toEqual(approvedPart(approved));

    const revoked = await decideAs(api, admin(tenant), open.id, "revoke", {
      note: "phishing from their account",
      confirm: true,
    });
    expect(revoked.body.status).toBe("revoked");
    expect(revoked.body.removal?.body).toContain("trusted-vendor.example");
  });

  it("moves its sending infrastructure after approval: review names the change", async () => {
    const tenant = "attack-infra";
    const open = await openProposal(api, tenant, "billing@moving.example", "moving.example", 3, {
      ptr: "out.firstmailer.example",
    });
    const approved = await approve(api, tenant, open.id);
    for (let index = 3; index < 7; index++) {
      await report(api, person(tenant, index), {
        from: "billing@moving.example",
        messageId: `<moved-${index}@moving.example>`,
        ptr: "relay.othermailer.example",
        ip: "198.51.100.7",
      });
    }
    const review = (await proposalOf(api, tenant, "moving.example"))!;
    expect(review.status).toBe("needs-review");
    expect(review.review?.changes).toEqual([
      "dominant sending infrastructure changed from firstmailer.example to othermailer.example",
    ]);
    expect(approvedPart(review)).toEqual(approvedPart(approved));
  });
});
