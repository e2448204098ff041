import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditPage, InsightsResponse } from "../../src/api/admin-contract";
import { startTestService, type TestService } from "../support/service";
import { ApiClient, sampleHeaders, type Who } from "./proposals-client";

/**
 * What the console needs of the service beyond decisions: the campaign insight (a refused
 * look-alike many people vouched for) and settings changes in the audit log.
 */
let service: TestService;
let api: ApiClient;

const ADMIN: Who = { tenant: "contoso", user: "admin", admin: true };

beforeAll(async () => {
  service = await startTestService();
  api = new ApiClient(service);
});
afterAll(async () => service?.close());

async function insights(who: Who = ADMIN): Promise<InsightsResponse> {
  const result = await api.call(who, "GET", "/api/v1/insights");
  expect(result.status).toBe(200);
  return result.json() as InsightsResponse;
}

describe("the campaign insight", () => {
  it("names a refused impersonation once as many people vouch as would open a proposal", async () => {
    const phish = sampleHeaders("phishing-impersonation");
    await api.crowd("contoso", phish, "<phish-1@fabrikarn.example>", 2);
    expect((await insights()).campaigns).toEqual([]);

    await api.crowd("contoso", phish, "<phish-1@fabrikarn.example>", 2, 2);
    const [campaign, ...rest] = (await insights()).campaigns;
    expect(rest).toEqual([]);
    expect(campaign?.senderKey).toContain("fabrikarn.example");
    expect(campaign?.refusal).toBe("impersonation");
    expect(campaign?.reporters).toBe(4);

    // Another tenant's admin sees nothing of it.
    const other = await insights({ tenant: "fabrikam", user: "admin", admin: true });
    expect(other.campaigns).toEqual([]);
  });

  it("does not call a refused sender a campaign below the tenant's bar of people", async () => {
    const raised = await api.call(ADMIN, "PUT", "/api/v1/settings", { minReporters: 5 });
    expect(raised.status).toBe(200);
    expect((await insights()).campaigns).toEqual([]);
    await api.call(ADMIN, "PUT", "/api/v1/settings", { minReporters: 3 });
    expect((await insights()).campaigns).toHaveLength(1);
  });
});

describe("settings changes in the audit log", () => {
  it("records who changed which setting from what to what, and nothing for no change", async () => {
    const before = (await api.call(ADMIN, "GET", "/api/v1/audit?limit=500")).json() as AuditPage;
    const changed = await api.call(ADMIN, "PUT", "/api/v1/settings", {
      tablPlan: "mdo-p1",
      acceptedDomains: ["contoso.example"],
    });
    expect(changed.status).toBe(200);
    await api.call(ADMIN, "PUT", "/api/v1/settings", { tablPlan: "mdo-p1" });

    const after = (await api.call(ADMIN, "GET", "/api/v1/audit?limit=500")).json() as AuditPage;
    expect(after.items.length).toBe(before.items.length + 1);
    const entry = after.items[0]!;
    expect(entry.action).toBe("settings");
    expect(entry.actor).toBe("admin");
    expect(JSON.parse(entry.note)).toEqual({
      acceptedDomains: { from: [], to: ["contoso.example"] },
      tablPlan: { from: "eop", to: "mdo-p1" },
    });
  });
});
