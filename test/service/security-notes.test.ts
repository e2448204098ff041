import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProposalDto, ProposalPage } from "../../src/api/admin-contract";
import {
  reportDetailSchema,
  reportResponseSchema,
  senderStatusSchema,
} from "../../src/api/contract";
import { startTestService, type TestService } from "../support/service";
import { exchangeHeaders } from "../support/service-headers";
import { ApiClient, type Who } from "./proposals-client";

/**
 * Decision notes belong to admins (issue 10 §6): whatever an admin writes when approving,
 * rejecting or revoking stays in the admin console and the audit log. No answer a reporter
 * gets (the report's answer, the report, the sender's status) carries it.
 */

const T = "contoso";
const ADMIN: Who = { tenant: T, user: "admin", admin: true };
const NOTE = "NOTE-MARKER: HR says their boss hates this sender";

let service: TestService;
let api: ApiClient;
beforeAll(async () => {
  service = await startTestService();
  api = new ApiClient(service);
});
afterAll(async () => service?.close());

const headersOf = (from: string, messageId: string) =>
  exchangeHeaders({ from, messageId, dmarc: "pass" });

async function proposalOf(senderKey: string): Promise<ProposalDto> {
  const page = (await api.call(ADMIN, "GET", "/api/v1/proposals?limit=200")).json() as ProposalPage;
  const found = page.items.find((item) => item.senderKey === senderKey);
  if (!found) throw new Error(`no proposal for ${senderKey}`);
  return found;
}

describe("a reporter's answers never carry the admin's decision note", () => {
  for (const [action, expected] of [
    ["reject", "rejected"],
    ["approve", "approved"],
  ] as const) {
    it(`after ${action}: the status, the rules' reason, and no note`, async () => {
      const sender = `${action}.northwind.example`;
      const messageId = `<notes-${action}@${sender}>`;
      const headers = headersOf(`billing@${sender}`, messageId);
      await api.crowd(T, headers, messageId, 3);
      const open = await proposalOf(sender);
      expect(open.status).toBe("open");

      const decided = await api.call(ADMIN, "POST", `/api/v1/proposals/${open.id}/${action}`, {
        note: NOTE,
        confirm: true,
      });
      expect(decided.status, decided.text).toBe(200);
      // The admin sees the note.
      expect((decided.json() as ProposalDto).decision?.note).toBe(NOTE);
      expect((await proposalOf(sender)).decision?.note).toBe(NOTE);

      // A reporter, through every answer that shows a sender's proposal.
      const reporter: Who = { tenant: T, user: "person0" };
      const again = await api.call(reporter, "POST", "/api/v1/reports", {
        internetMessageId: messageId,
        headers,
        kind: "not-spam",
      });
      const reported = reportResponseSchema.parse(again.json());
      const detail = await api.call(reporter, "GET", `/api/v1/reports/${reported.id}`);
      const bySender = await api.call(
        reporter,
        "GET",
        `/api/v1/senders/status?sender=${encodeURIComponent(sender)}`,
      );
      const byMessage = await api.call(
        reporter,
        "GET",
        `/api/v1/senders/status?internetMessageId=${encodeURIComponent(messageId)}`,
      );
      const proposals = [
        reported.sender.proposal,
        reportDetailSchema.parse(detail.json()).sender.proposal,
        senderStatusSchema.parse(bySender.json()).proposal,
        senderStatusSchema.parse(byMessage.json()).proposal,
      ];
      const { reason } = await proposalOf(sender);
      for (const proposal of proposals) {
        expect(proposal).toEqual({ id: open.id, status: expected, reason });
      }
      // Someone new reports the decided sender: their first answer shows the status only too.
      const newcomer: Who = { tenant: T, user: "newcomer" };
      const freshId = `<notes-${action}-2@${sender}>`;
      const fresh = await api.call(newcomer, "POST", "/api/v1/reports", {
        internetMessageId: freshId,
        headers: headersOf(`billing@${sender}`, freshId),
        kind: "not-spam",
      });
      expect(reportResponseSchema.parse(fresh.json()).sender.proposal).toEqual({
        id: open.id,
        status: expected,
        reason: (await proposalOf(sender)).reason,
      });
      for (const answer of [again, detail, bySender, byMessage, fresh]) {
        expect(answer.text).not.toContain("NOTE-MARKER");
      }
    });
  }
});
