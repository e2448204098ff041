import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  AuditPage,
  DecisionResultDto,
  InsightsResponse,
  ProposalDetail,
  ProposalDto,
  ProposalPage,
  StatsResponse,
} from "../../src/api/admin-contract";
import type { SenderStatus } from "../../src/api/contract";
import { ProposalService } from "../../server/proposals/service";
import { analyzeHeaders } from "../../src/analysis";
import { exchangeHeaders } from "../support/service-headers";
import { startTestService, type TestService } from "../support/service";
import { ApiClient, sampleHeaders, type Who } from "./proposals-client";

let service: TestService;
let api: ApiClient;

const T = "contoso";
const ADMIN: Who = { tenant: T, user: "admin", admin: true };
const OTHER_ADMIN: Who = { tenant: "fabrikam", user: "admin", admin: true };
const PERSON: Who = { tenant: T, user: "person0" };

beforeAll(async () => {
  service = await startTestService();
  api = new ApiClient(service);
});
afterAll(async () => service?.close());

async function proposals(who: Who = ADMIN, query = "limit=200"): Promise<ProposalPage> {
  const result = await api.call(who, "GET", `/api/v1/proposals?${query}`);
  expect(result.status).toBe(200);
  return result.json() as ProposalPage;
}

async function proposalOf(senderKey: string, who: Who = ADMIN): Promise<ProposalDto | undefined> {
  return (await proposals(who)).items.find((item) => item.senderKey === senderKey);
}

async function detail(id: string, who: Who = ADMIN): Promise<ProposalDetail> {
  const result = await api.call(who, "GET", `/api/v1/proposals/${id}`);
  expect(result.status).toBe(200);
  return result.json() as ProposalDetail;
}

function authenticated(
  from: string,
  messageId: string,
  extra: Parameters<typeof exchangeHeaders>[0] extends infer S ? Partial<S> : never = {},
) {
  return exchangeHeaders({ from, messageId, dmarc: "pass", ...extra });
}

describe("the opening rule through the API", () => {
  it("collects with 2 people and opens at the 3rd, keyed on the authenticated address", async () => {
    // Azure's notices are a critical sender, which opens on the first report
    // (watch-alerts.test.ts): this tenant takes it off its list to see the ordinary rule.
    const off = await api.call(ADMIN, "POST", "/api/v1/watch/senders/azure-notices/remove", {
      note: "test of the ordinary rule",
    });
    expect(off.status).toBe(200);
    const azure = sampleHeaders("azure-service-notice");
    await api.crowd(T, azure, "<azure-1@microsoft.com>", 2);
    const before = await proposalOf("azure-noreply@microsoft.com");
    expect(before?.status).toBe("collecting");
    expect(before?.reason).toContain("2 of 3 people");

    await api.crowd(T, azure, "<azure-1@microsoft.com>", 1, 2);
    const after = await proposalOf("azure-noreply@microsoft.com");
    expect(after?.status).toBe("open");
    expect(after?.entry).toEqual({
      type: "sender",
      kind: "address",
      value: "azure-noreply@microsoft.com",
    });
    expect(after?.strength).toBeGreaterThan(0);
    expect(after?.reason).toMatch(/^3 people in 3 mailboxes vouched; DMARC passed for 3 of 3 /);

    const full = await detail(after!.id);
    expect(full.reporters).toBe(3);
    expect(full.mailboxes).toBe(3);
    expect(full.evidence.auth.dmarcPass).toBe(3);
    expect(full.evidence.samples).toHaveLength(3);
    expect(full.evidence.samples[0]?.sfv).toBe("SPM");
    expect(full.evidence.signals.map((s) => s.signal)).toContain(
      "content-filter-spam-authenticated",
    );
    expect(full.evidence.infrastructures[0]).toMatchObject({ kind: "ptr", reports: 3 });
  });

  it("stays collecting while 2 people name any number of mailboxes, none of them verified", async () => {
    const headers = authenticated("news@alpha.example", "<alpha-1@alpha.example>");
    for (const [user, mailbox] of [
      ["a1", "shared@contoso.example"],
      ["a1", "other@contoso.example"],
      ["a2", "third@contoso.example"],
    ] as const) {
      const id = `<alpha-${mailbox}@alpha.example>`;
      await api.report({ tenant: T, user }, headers, id, { mailbox });
    }
    const alpha = await proposalOf("alpha.example");
    expect(alpha?.status).toBe("collecting");
    expect(alpha?.mailboxes).toBe(2);
    expect(alpha?.reason).toContain("2 of 3 people");
    await api.report({ tenant: T, user: "a3" }, headers, "<alpha-1@alpha.example>", {
      mailbox: "shared@contoso.example",
    });
    expect(await proposalOf("alpha.example")).toMatchObject({ status: "open", mailboxes: 3 });
  });

  it("goes back to collecting when a report is retracted below the line", async () => {
    const headers = authenticated("hi@beta.example", "<beta-1@beta.example>");
    await api.crowd(T, headers, "<beta-1@beta.example>", 2, 10);
    const third = await api.report(
      { tenant: T, user: "person12" },
      headers,
      "<beta-1@beta.example>",
    );
    expect((await proposalOf("beta.example"))?.status).toBe("open");
    const retracted = await api.call(
      { tenant: T, user: "person12" },
      "DELETE",
      `/api/v1/reports/${third}`,
    );
    expect(retracted.status).toBe(204);
    expect((await proposalOf("beta.example"))?.status).toBe("collecting");
  });
});

describe("the 30-day window", () => {
  it("does not count people whose only report is older than the window", async () => {
    const headers = authenticated("hi@epsilon.example", "<eps-1@epsilon.example>");
    const analysis = analyzeHeaders(headers);
    const record = (user: string, daysAgo: number) =>
      service.store.reports.record({
        tenantId: T,
        reporterId: user,
        internetMessageId: `<eps-${user}@epsilon.example>`,
        kind: "not-spam",
        rawHeaders: headers,
        analysis,
        now: new Date(Date.now() - daysAgo * 86_400_000),
      });
    await record("old1", 40);
    await record("old2", 35);
    await record("new1", 2);
    await record("new2", 1);
    const before = await proposalOf("epsilon.example");
    expect(before?.reporters).toBe(4);
    expect(before?.status).toBe("collecting");
    expect(before?.reason).toContain("2 of 3 people within 30 days");
    await record("new3", 0);
    expect((await proposalOf("epsilon.example"))?.status).toBe("open");
  });
});

describe("refusals", () => {
  it("never yields a sender allow for the phishing sample, even from 50 people", async () => {
    await api.crowd(T, sampleHeaders("phishing-impersonation"), "<phish-1@fabrikarn.example>", 50);
    const phish = await proposalOf("unverified:fabrikarn.example");
    expect(phish?.status).toBe("refused");
    expect(phish?.entry).toBeNull();
    expect(phish?.reporters).toBe(50);
    expect(phish?.refusals.map((r) => r.code)).toContain("impersonation");
    expect(phish?.refusals.map((r) => r.code)).toContain("authentication-failed");
    const approve = await api.call(ADMIN, "POST", `/api/v1/proposals/${phish!.id}/approve`, {
      note: "looks fine to me",
    });
    expect(approve.status).toBe(409);
    const exported = await api.call(
      ADMIN,
      "GET",
      `/api/v1/proposals/${phish!.id}/export?format=powershell`,
    );
    expect(exported.status).toBe(409);
  });

  it("never yields a proposal for a forged From, nor adds to the real sender", async () => {
    await api.crowd(
      T,
      sampleHeaders("forged-auth-results"),
      "<forged-1@woodgrovebank.example>",
      10,
    );
    const forged = await proposalOf("unverified:woodgrovebank.example");
    expect(forged?.status).toBe("refused");
    expect(forged?.entry).toBeNull();
    expect(forged?.refusals[0]?.code).toBe("authentication-failed");
    expect(await proposalOf("woodgrovebank.example")).toBeUndefined();
  });
});

describe("spoofed-sender pair and insights", () => {
  it("proposes the vendor as a spoofed-sender pair with its sending infrastructure", async () => {
    await api.crowd(T, sampleHeaders("vendor-invoice-compauth"), "<inv-1@northwind.example>", 4);
    const vendor = await proposalOf("unverified:northwind.example");
    expect(vendor?.status).toBe("open");
    expect(vendor?.entry).toEqual({
      type: "spoof",
      spoofedUser: "northwind.example",
      sendingInfrastructure: { kind: "ptr", value: "example.net" },
    });
    const approved = await api.call(ADMIN, "POST", `/api/v1/proposals/${vendor!.id}/approve`, {
      note: "Northwind's invoices via their mailer",
    });
    expect(approved.status).toBe(200);
    const ps = await api.call(
      ADMIN,
      "GET",
      `/api/v1/proposals/${vendor!.id}/export?format=powershell`,
    );
    expect(ps.text).toContain(
      "Add-VouchSpoofAllow -Proposal '" +
        vendor!.id +
        "' -SpoofedUser 'northwind.example' -Infrastructure 'example.net'",
    );
    // A PTR-only pair cannot be a mail flow rule: the service says so instead of guessing.
    const rule = await api.call(
      ADMIN,
      "GET",
      `/api/v1/proposals/${vendor!.id}/export?format=transport-rule`,
    );
    expect(rule.status).toBe(422);
    expect((rule.json() as { error: string; message: string }).error).toBe("cannot-express");
    expect((rule.json() as { message: string }).message).toContain("PTR domain");
  });

  it("turns junk by the users' own settings into an insight that names the setting", async () => {
    await api.crowd(T, sampleHeaders("user-settings-nspm"), "<reply-1@fabrikam.example>", 3);
    const partner = await proposalOf("fabrikam.example");
    expect(partner?.status).toBe("insight");
    expect(partner?.entry).toBeNull();
    const insights = (await api.call(ADMIN, "GET", "/api/v1/insights")).json() as InsightsResponse;
    const mine = insights.items.find((item) => item.cause === "user-junk-settings");
    expect(mine?.senders).toBe(1);
    expect(mine?.topSenders[0]?.senderKey).toBe("fabrikam.example");
    expect(mine?.setting).toContain("Get-MailboxJunkEmailConfiguration");
    const pane = await api.call(PERSON, "GET", "/api/v1/senders/status?sender=fabrikam.example");
    const proposal = (pane.json() as SenderStatus).proposal;
    expect(proposal?.status).toBe("insight");
    expect(proposal?.reason).toBeTruthy();
  });

  it("allows authenticated bulk with a threshold warning; a blocked sender is an insight", async () => {
    // Microsoft: a Tenant Allow/Block List sender allow overrides bulk verdicts.
    await api.crowd(T, sampleHeaders("bulk-newsletter"), "<news-1@news.example.org>", 3);
    await api.crowd(T, sampleHeaders("blocked-sender"), "<ev-1@litware.example>", 3);
    const news = await proposalOf("news.example.org");
    expect(news?.entry).toMatchObject({ type: "sender", value: "news.example.org" });
    expect(news?.warnings.map((w) => w.code)).toContain("bulk");
    expect((await proposalOf("litware.example"))?.insights[0]?.cause).toBe("user-blocked-senders");
  });

  it("warns when a fifth address of one domain would approach Microsoft's roll-up", async () => {
    for (let index = 0; index < 5; index++) {
      const from = `friend${index}@gmail.com`;
      const id = `<g-${index}@gmail.com>`;
      await api.crowd(T, authenticated(from, id), id, 3, 20);
    }
    const fifth = await proposalOf("friend4@gmail.com");
    expect(fifth?.status).toBe("open");
    expect(fifth?.warnings[0]?.code).toBe("roll-up");
    const first = await proposalOf("friend0@gmail.com");
    expect(first?.warnings.map((w) => w.code)).not.toContain("roll-up");
  });
});

describe("lifecycle, audit and exports", () => {
  it("approves with a note, exports PowerShell, marks applied, revokes, all in the audit log", async () => {
    const azure = (await proposalOf("azure-noreply@microsoft.com"))!;
    const approved = await api.call(ADMIN, "POST", `/api/v1/proposals/${azure.id}/approve`, {
      note: "Azure's notices; O'Brien checked",
    });
    expect(approved.status).toBe(200);
    const body = approved.json() as ProposalDto;
    expect(body.status).toBe("approved");
    expect(body.decision).toMatchObject({
      by: expect.stringContaining("admin"),
      note: "Azure's notices; O'Brien checked",
    });
    expect(Date.parse(body.expiresAt!)).toBeGreaterThan(Date.now() + 44 * 86_400_000);

    const ps = await api.call(
      ADMIN,
      "GET",
      `/api/v1/proposals/${azure.id}/export?format=powershell`,
    );
    expect(ps.status).toBe(200);
    expect(ps.headers.get("content-disposition")).toMatch(/attachment; filename="vouch-.*\.ps1"/);
    expect(ps.text).toContain("Connect-ExchangeOnline");
    expect(ps.text).toContain(
      `Add-VouchSenderAllow -Proposal '${azure.id}' -Entry 'azure-noreply@microsoft.com' -Notes 'Vouch `,
    );
    expect(ps.text).toContain("Azure''s notices; O''Brien checked");

    const rule = await api.call(
      ADMIN,
      "GET",
      `/api/v1/proposals/${azure.id}/export?format=transport-rule`,
    );
    expect(rule.text).toContain(
      "    FromAddressMatchesPatterns = '^azure-noreply@microsoft\\.com$'\r\n    HeaderContainsMessageHeader = 'Authentication-Results'\r\n    HeaderContainsWords = 'dmarc=pass'\r\n",
    );
    expect(rule.text).toContain("    ExceptIfHeaderContainsWords = 'dmarc=fail',");
    const csv = await api.call(ADMIN, "GET", `/api/v1/proposals/${azure.id}/export?format=csv`);
    expect(csv.text.split("\r\n")[1]).toContain("azure-noreply@microsoft.com");
    const json = await api.call(ADMIN, "GET", `/api/v1/proposals/${azure.id}/export?format=json`);
    expect((json.json() as { proposals: { id: string }[] }).proposals[0]?.id).toBe(azure.id);
    // The gateways' own lists (docs/exports.md, "Gateways").
    const mimecast = await api.call(
      ADMIN,
      "GET",
      `/api/v1/proposals/${azure.id}/export?format=mimecast`,
    );
    expect(mimecast.status).toBe(200);
    expect(mimecast.headers.get("content-disposition")).toMatch(
      /filename="vouch-.*-mimecast\.json"/,
    );
    const request = (mimecast.json() as { request: { data: { emailAddress?: string }[] } }).request;
    expect(request.data.map((member) => member.emailAddress)).toEqual([
      "azure-noreply@microsoft.com",
    ]);
    const proofpoint = await api.call(
      ADMIN,
      "GET",
      `/api/v1/proposals/${azure.id}/export?format=proofpoint`,
    );
    expect(proofpoint.status).toBe(200);
    expect(proofpoint.text.trimEnd().split("\r\n").at(-1)).toBe("azure-noreply@microsoft.com");

    const all = await api.call(ADMIN, "GET", "/api/v1/proposals/export?format=powershell");
    expect(all.status).toBe(200);
    expect(all.text).toContain("'azure-noreply@microsoft.com'");
    expect(all.text).not.toContain("fabrikarn");

    expect(
      (await api.call(ADMIN, "POST", `/api/v1/proposals/${azure.id}/mark-applied`, {})).status,
    ).toBe(200);
    const unconfirmed = await api.call(ADMIN, "POST", `/api/v1/proposals/${azure.id}/revoke`, {
      note: "Microsoft fixed the verdict",
    });
    expect(unconfirmed.status).toBe(400);
    expect((unconfirmed.json() as { error: string }).error).toBe("confirmation-required");
    const revoked = await api.call(ADMIN, "POST", `/api/v1/proposals/${azure.id}/revoke`, {
      note: "Microsoft fixed the verdict",
      confirm: true,
    });
    const revokedBody = revoked.json() as DecisionResultDto;
    expect(revokedBody.status).toBe("revoked");
    expect(revokedBody.approved?.entry).toEqual(body.approved?.entry);
    expect(revokedBody.removal?.body).toContain(
      `Remove-VouchSenderAllow -Proposal '${azure.id}' -Entry 'azure-noreply@microsoft.com'`,
    );
    const removal = await api.call(
      ADMIN,
      "GET",
      `/api/v1/proposals/${azure.id}/export?format=powershell`,
    );
    expect(removal.text).toContain(
      `Remove-VouchSenderAllow -Proposal '${azure.id}' -Entry 'azure-noreply@microsoft.com'`,
    );
    // Revoked: approved again only once reports arrive after the revocation.
    const again = await api.call(ADMIN, "POST", `/api/v1/proposals/${azure.id}/approve`, {});
    expect(again.status).toBe(409);
    expect((again.json() as { error: string }).error).toBe("no-fresh-evidence");

    const audit = (
      await api.call(ADMIN, "GET", `/api/v1/audit?proposalId=${azure.id}`)
    ).json() as AuditPage;
    const decisions = audit.items.filter((entry) => entry.actor !== "vouch");
    expect(decisions.map((entry) => [entry.action, entry.fromStatus, entry.toStatus])).toEqual([
      ["revoke", "applied", "revoked"],
      ["mark-applied", "approved", "applied"],
      ["approve", "open", "approved"],
    ]);
    expect(decisions[0]?.note).toBe("Microsoft fixed the verdict");
    // The rules' own step (collecting -> open) is in the log too, by "vouch".
    expect(audit.items.some((entry) => entry.actor === "vouch" && entry.toStatus === "open")).toBe(
      true,
    );
  });

  it("rejects an open proposal; the pane sees the status, never the admin's note", async () => {
    const alpha = (await proposalOf("alpha.example"))!;
    const rejected = await api.call(ADMIN, "POST", `/api/v1/proposals/${alpha.id}/reject`, {
      note: "Newsletter nobody needs",
      confirm: true,
    });
    expect((rejected.json() as DecisionResultDto).status).toBe("rejected");
    // Never approved: nothing to remove.
    expect((rejected.json() as DecisionResultDto).removal).toBeNull();
    const pane = await api.call(PERSON, "GET", "/api/v1/senders/status?sender=alpha.example");
    expect((pane.json() as SenderStatus).proposal).toEqual({
      id: alpha.id,
      status: "rejected",
      reason: alpha.reason,
    });
    expect(pane.text).not.toContain("Newsletter nobody needs");
  });

  it("expires an approved entry 45 days after the last report, with an audit entry", async () => {
    // A tenant of its own: looking from the future also sends its quiet open proposals back.
    const tenant = "woodgrove";
    const admin = { tenant, user: "boss", admin: true };
    const headers = authenticated("notices@delta.example", "<delta-1@delta.example>");
    await api.crowd(tenant, headers, "<delta-1@delta.example>", 3);
    const delta = (await proposalOf("delta.example", admin))!;
    const approved = (
      await api.call(admin, "POST", `/api/v1/proposals/${delta.id}/approve`, { note: "ok" })
    ).json() as ProposalDto;
    // A new report renews the entry: it lives 45 days after the sender's last report.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await api.crowd(tenant, headers, "<delta-2@delta.example>", 1, 7);
    const renewed = (await proposalOf("delta.example", admin))!;
    expect(renewed.status).toBe("approved");
    expect(Date.parse(renewed.expiresAt!)).toBeGreaterThan(Date.parse(approved.expiresAt!));
    const day = 86_400_000;
    const sooner = new ProposalService(service.store, () => new Date(Date.now() + 44 * day));
    expect((await sooner.get(tenant, delta.id)).status).toBe("approved");
    const later = new ProposalService(service.store, () => new Date(Date.now() + 46 * day));
    expect((await later.get(tenant, delta.id)).status).toBe("expired");
    const audit = await later.audit(tenant, { proposalId: delta.id, limit: 10, offset: 0 });
    expect(audit.items[0]).toMatchObject({ action: "expire", toStatus: "expired", actor: "vouch" });
    // Fresh reports reopen it: evidence renews what time expired.
    await api.crowd(tenant, headers, "<delta-1@delta.example>", 1, 3);
    expect((await proposalOf("delta.example", admin))?.status).toBe("open");
  });

  it("lists by strength, filters by status and pages", async () => {
    const all = await proposals(ADMIN, "limit=200");
    const strengths = all.items.map((item) => item.strength);
    expect(strengths).toEqual([...strengths].sort((a, b) => b - a));
    const open = await proposals(ADMIN, "status=open&limit=2");
    expect(open.items.every((item) => item.status === "open")).toBe(true);
    expect(open.items).toHaveLength(2);
    expect(open.nextOffset).toBe(2);
    const next = await proposals(ADMIN, "status=open&limit=2&offset=2");
    expect(next.items[0]?.id).not.toBe(open.items[0]?.id);
  });

  it("counts reports per day and the top senders for the chart", async () => {
    const week = (await api.call(ADMIN, "GET", "/api/v1/stats?days=7")).json() as StatsResponse;
    expect(week.reportsPerDay).toHaveLength(7);
    expect(week.reportsPerDay.at(-1)?.day).toBe(new Date().toISOString().slice(0, 10));
    // Over 60 days every active report is on its day (some were made 35 and 40 days ago).
    const stats = (await api.call(ADMIN, "GET", "/api/v1/stats?days=60")).json() as StatsResponse;
    const total = stats.reportsPerDay.reduce((sum, day) => sum + day.reports, 0);
    const senders = await service.store.senders.list(T, { limit: 500 });
    expect(total).toBe(senders.items.reduce((sum, item) => sum + item.reports, 0));
    expect(stats.topSenders[0]?.senderKey).toBe("unverified:fabrikarn.example");
    expect(stats.byStatus.refused).toBeGreaterThanOrEqual(2);
  });
});

describe("settings", () => {
  it("re-assesses senders when the tenant raises the threshold", async () => {
    const tenant = "tailspin";
    const admin = { tenant, user: "boss", admin: true };
    const headers = authenticated("hello@gamma.example", "<gamma-1@gamma.example>");
    await api.crowd(tenant, headers, "<gamma-1@gamma.example>", 3);
    expect((await proposalOf("gamma.example", admin))?.status).toBe("open");
    const put = await api.call(admin, "PUT", "/api/v1/settings", { minReporters: 4 });
    expect(put.status).toBe(200);
    expect((await proposalOf("gamma.example", admin))?.status).toBe("collecting");
    const bad = await api.call(admin, "PUT", "/api/v1/settings", { minReporters: 1 });
    expect(bad.status).toBe(400);
    expect((bad.json() as { message: string }).message).toContain("minReporters");
  });

  it("passes the admin's 'also tell Microsoft' switch to the ribbon button through /me", async () => {
    const tenant = "wingtip";
    const admin = { tenant, user: "boss", admin: true };
    const me = async () => (await api.call({ tenant, user: "ann" }, "GET", "/api/v1/me")).json();
    expect(await me()).toMatchObject({ reportToMicrosoft: false });
    const put = await api.call(admin, "PUT", "/api/v1/settings", { reportToMicrosoft: true });
    expect(put.status).toBe(200);
    expect(await me()).toMatchObject({ reportToMicrosoft: true });
    expect(await me()).not.toHaveProperty("minReporters");
  });
});

describe("who may see what", () => {
  it("gives a non-admin 403 on every admin route", async () => {
    const id = (await proposalOf("friend0@gmail.com"))!.id;
    for (const [method, path] of [
      ["GET", "/api/v1/proposals"],
      ["GET", `/api/v1/proposals/${id}`],
      ["POST", `/api/v1/proposals/${id}/approve`],
      ["GET", `/api/v1/proposals/${id}/export?format=csv`],
      ["GET", "/api/v1/proposals/export?format=powershell"],
      ["GET", "/api/v1/insights"],
      ["GET", "/api/v1/audit"],
      ["GET", "/api/v1/stats"],
      ["GET", "/api/v1/settings"],
    ] as const) {
      const result = await api.call(PERSON, method, path, method === "POST" ? {} : undefined);
      expect(result.status, `${method} ${path}`).toBe(403);
    }
    expect((await proposalOf("friend0@gmail.com"))!.status).toBe("open");
  });

  it("keeps tenants apart: another tenant's admin sees nothing and can touch nothing", async () => {
    const id = (await proposalOf("friend0@gmail.com"))!.id;
    expect((await proposals(OTHER_ADMIN)).items).toEqual([]);
    expect((await api.call(OTHER_ADMIN, "GET", `/api/v1/proposals/${id}`)).status).toBe(404);
    expect(
      (await api.call(OTHER_ADMIN, "POST", `/api/v1/proposals/${id}/approve`, {})).status,
    ).toBe(404);
    expect(
      (await api.call(OTHER_ADMIN, "GET", `/api/v1/proposals/${id}/export?format=json`)).status,
    ).toBe(404);
    const audit = (await api.call(OTHER_ADMIN, "GET", "/api/v1/audit")).json() as AuditPage;
    expect(audit.items).toEqual([]);
    const stats = (await api.call(OTHER_ADMIN, "GET", "/api/v1/stats")).json() as StatsResponse;
    expect(stats.topSenders).toEqual([]);
    expect(stats.reportsPerDay.every((day) => day.reports === 0)).toBe(true);
    expect(
      ((await api.call(OTHER_ADMIN, "GET", "/api/v1/insights")).json() as InsightsResponse).items,
    ).toEqual([]);
  });

  it("answers bad input with a clear 4xx", async () => {
    const id = (await proposalOf("friend0@gmail.com"))!.id;
    const cases: [string, string, unknown, number, RegExp][] = [
      ["GET", "/api/v1/proposals?status=maybe", undefined, 400, /status/],
      ["GET", "/api/v1/proposals?limit=0", undefined, 400, /limit/],
      ["GET", `/api/v1/proposals/${id}/export?format=exe`, undefined, 400, /format/],
      ["GET", "/api/v1/proposals/export", undefined, 400, /format/],
      ["POST", `/api/v1/proposals/${id}/delete`, {}, 404, /no such action/],
      ["POST", `/api/v1/proposals/${id}/approve`, { note: "x".repeat(1001) }, 400, /note/],
      [
        "POST",
        `/api/v1/proposals/${id}/approve`,
        { note: "ok", admin: true },
        400,
        /unknown field/,
      ],
      ["GET", "/api/v1/proposals/does-not-exist", undefined, 404, /does not exist/],
    ];
    for (const [method, path, body, status, message] of cases) {
      const result = await api.call(ADMIN, method, path, body);
      expect(result.status, `${method} ${path}`).toBe(status);
      expect((result.json() as { message: string }).message).toMatch(message);
    }
  });
});
