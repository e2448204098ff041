import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProposalDto } from "../../src/api/admin-contract";
import { startTestService, type TestService } from "../support/service";
import {
  admin,
  approve,
  auditOf,
  decideAs,
  openProposal,
  person,
  proposalOf,
} from "./attack-support";
import { ApiClient } from "./proposals-client";

/**
 * A network client: another tenant's admin, a person who is not an admin, and bodies built to
 * break the decision route. Every one answers 4xx with a reason and changes nothing.
 */

let service: TestService;
let api: ApiClient;
let proposal: ProposalDto;
const T = "network-home";
beforeAll(async () => {
  service = await startTestService();
  api = new ApiClient(service);
  proposal = await openProposal(api, T, "billing@target.example", "target.example");
  await approve(api, T, proposal.id);
});
afterAll(async () => service?.close());

async function unchanged(): Promise<void> {
  const now = await proposalOf(api, T, "target.example");
  expect(now?.status).toBe("approved");
  const decisions = (await auditOf(api, T, proposal.id)).filter((entry) => entry.actor !== "vouch");
  expect(decisions.map((entry) => entry.action)).toEqual(["approve"]);
}

describe("a network client", () => {
  it("from another tenant finds nothing to read, export or decide", async () => {
    const stranger = admin("network-elsewhere");
    expect((await api.call(stranger, "GET", `/api/v1/proposals/${proposal.id}`)).status).toBe(404);
    expect(
      (await api.call(stranger, "GET", `/api/v1/proposals/${proposal.id}/export?format=json`))
        .status,
    ).toBe(404);
    const revoke = await decideAs(api, stranger, proposal.id, "revoke", {
      note: "mine now",
      confirm: true,
    });
    expect(revoke.status).toBe(404);
    await unchanged();
  });

  it("who is not an admin cannot decide", async () => {
    for (const action of ["approve", "reject", "revoke", "mark-applied"]) {
      const result = await decideAs(api, person(T, 0), proposal.id, action, {
        note: "let me",
        confirm: true,
      });
      expect(result.status).toBe(403);
    }
    await unchanged();
  });

  it("without a token is turned away", async () => {
    const result = await fetch(`${service.url}/api/v1/proposals/${proposal.id}/revoke`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ note: "x", confirm: true }),
    });
    expect(result.status).toBe(401);
    await unchanged();
  });

  it("gets 400 with a reason for malformed decision bodies", async () => {
    const bodies: unknown[] = [
      { note: 5, confirm: true },
      { note: "why", confirm: "yes" },
      { note: "why", confirm: true, status: "revoked" },
      { note: "x".repeat(1001), confirm: true },
      ["note", "why"],
      "revoke",
    ];
    for (const body of bodies) {
      const result = await api.call(
        admin(T),
        "POST",
        `/api/v1/proposals/${proposal.id}/revoke`,
        body,
      );
      expect(result.status, JSON.stringify(body)).toBe(400);
      const error = result.json() as { error: string; message: string };
      expect(error.message.length).toBeGreaterThan(0);
    }
    // A prototype key in the raw text (an object literal would drop it before sending).
    const raw = await fetch(`${service.url}/api/v1/proposals/${proposal.id}/revoke`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${await api.token(admin(T))}`,
      },
      body: '{"note":"why","confirm":true,"__proto__":{"admin":true}}',
    });
    expect(raw.status).toBe(400);
    await unchanged();
  });

  it("must give a note and a confirmation to reject or revoke", async () => {
    for (const action of ["revoke", "reject"]) {
      const noNote = await decideAs(api, admin(T), proposal.id, action, { confirm: true });
      expect(noNote.status).toBe(400);
      expect(noNote.body.error).toBe("note-required");
      const blank = await decideAs(api, admin(T), proposal.id, action, {
        note: "   ",
        confirm: true,
      });
      expect(blank.body.error).toBe("note-required");
      const unconfirmed = await decideAs(api, admin(T), proposal.id, action, { note: "why" });
      expect(unconfirmed.status).toBe(400);
      expect(unconfirmed.body.error).toBe("confirmation-required");
    }
    await unchanged();
  });

  it("names no action or proposal that does not exist", async () => {
    expect((await decideAs(api, admin(T), proposal.id, "delete", {})).status).toBe(404);
    expect((await decideAs(api, admin(T), "' or 1=1 --", "approve", {})).status).toBe(404);
    await unchanged();
  });
});
