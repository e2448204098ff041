/**
 * The attack suite's shared moves: messages shaped like Exchange Online's, a sender's proposal
 * brought to approval through the real API, and reads of what an admin and an export see.
 */
import { expect } from "vitest";
import type {
  AuditPage,
  DecisionResultDto,
  ProposalDto,
  ProposalPage,
} from "../../src/api/admin-contract";
import { exchangeHeaders, type HeaderSketch } from "../support/service-headers";
import type { ApiClient, Who } from "./proposals-client";

export type Sketch = Partial<HeaderSketch> & { from: string; messageId: string };

/** A message as the tenant's Exchange Online stamped it; `ptr` moves its sending server. */
export function message(sketch: Sketch & { ptr?: string; ip?: string }): string {
  const { ptr, ip, ...rest } = sketch;
  let headers = exchangeHeaders({ dmarc: "pass", ...rest });
  const domain = sketch.from.slice(sketch.from.lastIndexOf("@") + 1).toLowerCase();
  if (ptr) headers = headers.replace(`PTR:mail.${domain}`, `PTR:${ptr}`);
  if (ip) headers = headers.replaceAll("203.0.113.25", ip);
  return headers;
}

export const admin = (tenant: string): Who => ({ tenant, user: "admin", admin: true });
export const person = (tenant: string, index: number): Who => ({ tenant, user: `person${index}` });

export async function report(
  api: ApiClient,
  who: Who,
  sketch: Sketch & { ptr?: string; ip?: string },
) {
  return api.report(who, message(sketch), sketch.messageId);
}

export async function proposalOf(
  api: ApiClient,
  tenant: string,
  senderKey: string,
): Promise<ProposalDto | undefined> {
  const result = await api.call(admin(tenant), "GET", "/api/v1/proposals?limit=200");
  expect(result.status).toBe(200);
  return (result.json() as ProposalPage).items.find((item) => item.senderKey === senderKey);
}

export async function list(api: ApiClient, tenant: string): Promise<ProposalDto[]> {
  const result = await api.call(admin(tenant), "GET", "/api/v1/proposals?limit=200");
  return (result.json() as ProposalPage).items;
}

export async function decideAs(
  api: ApiClient,
  who: Who,
  id: string,
  action: string,
  body: unknown = {},
): Promise<{ status: number; body: DecisionResultDto & { error?: string; message?: string } }> {
  const result = await api.call(who, "POST", `/api/v1/proposals/${id}/${action}`, body);
  return { status: result.status, body: result.json() as DecisionResultDto };
}

/** `people` distinct people report one message each of `from`; returns the open proposal. */
export async function openProposal(
  api: ApiClient,
  tenant: string,
  from: string,
  senderKey: string,
  people = 3,
  sketch: Partial<Sketch> & { ptr?: string } = {},
): Promise<ProposalDto> {
  for (let index = 0; index < people; index++) {
    await report(api, person(tenant, index), {
      from,
      messageId: `<open-${index}@${senderKey.replace(/[^a-z0-9.]/g, "")}>`,
      ...sketch,
    });
  }
  const proposal = await proposalOf(api, tenant, senderKey);
  expect(proposal?.status).toBe("open");
  return proposal!;
}

export async function approve(api: ApiClient, tenant: string, id: string): Promise<ProposalDto> {
  const result = await decideAs(api, admin(tenant), id, "approve", { note: "checked" });
  expect(result.status).toBe(200);
  expect(result.body.status).toBe("approved");
  return result.body;
}

/** The allow script's commands (its comments name the time and the status), to compare two exports. */
export async function allowScript(api: ApiClient, tenant: string, id: string): Promise<string> {
  const result = await api.call(
    admin(tenant),
    "GET",
    `/api/v1/proposals/${id}/export?format=powershell`,
  );
  expect(result.status).toBe(200);
  return result.text
    .split("\r\n")
    .filter((line) => !line.startsWith("#"))
    .join("\r\n");
}

export async function auditOf(api: ApiClient, tenant: string, id: string) {
  const result = await api.call(admin(tenant), "GET", `/api/v1/audit?proposalId=${id}`);
  return (result.json() as AuditPage).items;
}

/** What was approved, as the admin sees it: must never move until an admin decides again. */
export function approvedPart(proposal: ProposalDto | undefined) {
  return proposal?.approved
    ? {
        entry: proposal.approved.entry,
        strength: proposal.approved.strength,
        reason: proposal.approved.reason,
      }
    : null;
}
