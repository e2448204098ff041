import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestService, type TestService } from "../support/service";
import {
  allowScript,
  approve,
  approvedPart,
  message,
  openProposal,
  proposalOf,
  report,
} from "./attack-support";
import { ApiClient, type Who } from "./proposals-client";

/**
 * An insider: one person with many reports, many claimed mailboxes, retractions and re-reports,
 * or a few accounts each below the thresholds; and a forged threat after an approval. Issue 10
 * §2 and §3, through the real service on both engines (default thresholds: 3 people in 2
 * mailboxes).
 */

let service: TestService;
let api: ApiClient;
beforeAll(async () => {
  service = await startTestService();
  api = new ApiClient(service);
});
afterAll(async () => service?.close());

describe("an insider", () => {
  it("weighs one person, however many messages they report", async () => {
    const tenant = "insider-many";
    const mallory: Who = { tenant, user: "mallory" };
    for (let index = 0; index < 15; index++) {
      await report(api, mallory, {
        from: "deals@shady.example",
        messageId: `<m-${index}@shady.example>`,
      });
    }
    const proposal = await proposalOf(api, tenant, "shady.example");
    expect(proposal?.status).toBe("collecting");
    expect(proposal?.reporters).toBe(1);
    expect(proposal?.reports).toBe(15);
    expect(proposal?.reason).toContain("1 of 3 people");
  });

  it("cannot open a proposal by naming many mailboxes", async () => {
    const tenant = "insider-mailboxes";
    const mallory: Who = { tenant, user: "mallory" };
    for (let index = 0; index < 6; index++) {
      const messageId = `<mb-${index}@shady.example>`;
      await api.report(mallory, message({ from: "deals@shady.example", messageId }), messageId, {
        mailbox: `shared${index}@contoso.example`,
      });
    }
    const proposal = await proposalOf(api, tenant, "shady.example");
    expect(proposal?.status).not.toBe("open");
    expect(proposal?.reporters).toBe(1);
  });

  it("counts once however often a report is retracted and made again", async () => {
    const tenant = "insider-retract";
    const mallory: Who = { tenant, user: "mallory" };
    const messageId = "<again@shady.example>";
    const headers = message({ from: "deals@shady.example", messageId });
    for (let round = 0; round < 4; round++) {
      const id = await api.report(mallory, headers, messageId);
      const proposal = (await proposalOf(api, tenant, "shady.example"))!;
      expect(proposal.reporters).toBeLessThanOrEqual(1);
      expect(proposal.reports).toBeLessThanOrEqual(1);
      expect(proposal.status).toBe("collecting");
      expect((await api.call(mallory, "DELETE", `/api/v1/reports/${id}`)).status).toBe(204);
    }
    expect(await proposalOf(api, tenant, "shady.example")).toMatchObject({ reports: 0 });
  });

  it("opens nothing with two accounts, each below the thresholds, however busy", async () => {
    const tenant = "insider-accounts";
    for (const user of ["mallory", "mallory.alt"]) {
      for (let index = 0; index < 5; index++) {
        const messageId = `<${user}-${index}@shady.example>`;
        await api.report(
          { tenant, user },
          message({ from: "deals@shady.example", messageId }),
          messageId,
          { mailbox: `${user}-${index}@contoso.example`, kind: "trusted-sender" },
        );
      }
    }
    const proposal = await proposalOf(api, tenant, "shady.example");
    expect(proposal?.status).toBe("collecting");
    expect(proposal?.reporters).toBe(2);
  });

  it("moves an approved entry to review with a forged threat, and never removes it", async () => {
    const tenant = "insider-threat";
    const open = await openProposal(api, tenant, "hr@partner.example", "partner.example");
    const approved = await approve(api, tenant, open.id);
    const before = await allowScript(api, tenant, open.id);
    // Headers the insider wrote: the tenant's stamps saying malware.
    await report(
      api,
      { tenant, user: "mallory" },
      {
        from: "hr@partner.example",
        messageId: "<forged-threat@partner.example>",
        cat: "MALW",
        scl: 9,
      },
    );
    const after = (await proposalOf(api, tenant, "partner.example"))!;
    expect(after.status).toBe("needs-review");
    expect(after.review?.changes).toEqual(["a report from 1 person carries a malware verdict"]);
    expect(approvedPart(after)).toEqual(approvedPart(approved));
    expect(await allowScript(api, tenant, open.id)).toBe(before);
    const all = await api.call(
      { tenant, user: "admin", admin: true },
      "GET",
      "/api/v1/proposals/export?format=powershell",
    );
    expect(all.text).toContain("'partner.example'");
  });
});
