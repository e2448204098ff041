import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportResponseSchema } from "../../src/api/contract";
import { sampleHeaders } from "../support/samples";
import { call, startTestService, type TestService } from "../support/service";

/**
 * Issue 12 §2: a report names the shared mailbox the message sits in, and the service counts it
 * as a mailbox of its own only after Graph confirms, on the reporter's behalf, that the message
 * is there. Entra ID's token endpoint and Graph are a local node:http fake (the edge); the
 * service, its store and the counting are real.
 */

const SHARED = "finance@contoso.com";
const SECRET = "obo-secret";

interface Seen {
  exchanges: URLSearchParams[];
  lookups: { mailbox: string; filter: string | null; auth: string | undefined }[];
}
const seen: Seen = { exchanges: [], lookups: [] };
/** Message ids Graph holds in the shared mailbox. */
const inShared = new Set<string>();

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((done) => {
    let text = "";
    request.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
    request.on("end", () => done(text));
  });
}

let fake: Server;
let fakeUrl: string;
let service: TestService;

beforeAll(async () => {
  fake = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://fake");
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    if (request.method === "POST" && url.pathname.endsWith("/oauth2/v2.0/token")) {
      const form = new URLSearchParams(await readBody(request));
      seen.exchanges.push(form);
      if (form.get("client_secret") !== SECRET || !form.get("assertion")) {
        return json(401, { error: "invalid_client" });
      }
      return json(200, { access_token: "graph-obo-token", token_type: "Bearer" });
    }
    const match = /^\/v1\.0\/users\/([^/]+)\/messages$/.exec(url.pathname);
    if (request.method === "GET" && match) {
      const mailbox = decodeURIComponent(match[1]!);
      const filter = url.searchParams.get("$filter");
      seen.lookups.push({ mailbox, filter, auth: request.headers.authorization });
      if (request.headers.authorization !== "Bearer graph-obo-token") return json(401, {});
      // Graph answers 403 for a mailbox the person cannot open.
      if (mailbox !== SHARED) return json(403, { error: { code: "ErrorAccessDenied" } });
      const id = /internetMessageId eq '(.*)'$/.exec(filter ?? "")?.[1]?.replace(/''/g, "'");
      return json(200, { value: id && inShared.has(id) ? [{ id: "AAMk1" }] : [] });
    }
    json(404, {});
  });
  await new Promise<void>((done) => fake.listen(0, "127.0.0.1", done));
  fakeUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
  service = await startTestService({
    VOUCH_MAILBOX_CHECK_SECRET: SECRET,
    VOUCH_ENTRA_TOKEN_URL: `${fakeUrl}/{tid}/oauth2/v2.0/token`,
    VOUCH_GRAPH_URL: `${fakeUrl}/v1.0`,
  });
});
afterAll(async () => {
  await service?.close();
  await new Promise((done) => fake?.close(done));
});

/** The Azure notice under another Message-ID: another message from the same sender. */
function message(n: string): { id: string; headers: string } {
  const id = `<shared-check-${n}@notice.example>`;
  const headers = sampleHeaders("azure-service-notice").headers.replace(
    /^Message-ID:.*$/im,
    `Message-ID: ${id}`,
  );
  return { id, headers };
}

async function report(token: string, n: string, mailbox?: string) {
  const { id, headers } = message(n);
  const answer = await call(`${service.url}/api/v1/reports`, {
    token,
    body: { internetMessageId: id, headers, kind: "not-spam", ...(mailbox ? { mailbox } : {}) },
  });
  expect(answer.status, JSON.stringify(answer.json)).toBe(201);
  return reportResponseSchema.parse(answer.json);
}

describe("a shared mailbox named in a report", () => {
  it("counts as its own mailbox once Graph confirms the message is there", async () => {
    const token = await service.token({ tenant: "t-verified", user: "alice" });
    inShared.add(message("a1").id);
    const first = await report(token, "a1", SHARED);
    expect(first.sender.mailboxes).toBe(1);
    // The same person, now in her own mailbox: a second mailbox.
    const second = await report(token, "a2");
    expect(second.sender.reporters).toBe(1);
    expect(second.sender.mailboxes).toBe(2);

    const exchange = seen.exchanges.at(-1)!;
    expect(exchange.get("grant_type")).toBe("urn:ietf:params:oauth:grant-type:jwt-bearer");
    expect(exchange.get("requested_token_use")).toBe("on_behalf_of");
    expect(exchange.get("assertion")).toBe(token);
    expect(exchange.get("scope")).toBe(`${fakeUrl}/Mail.Read.Shared`);
    expect(seen.lookups.at(-1)).toEqual({
      mailbox: SHARED,
      filter: `internetMessageId eq '${message("a1").id}'`,
      auth: "Bearer graph-obo-token",
    });
  });

  it("never counts a claim Graph does not confirm: another's mailbox, or a message not in it", async () => {
    const token = await service.token({ tenant: "t-claims", user: "mallory" });
    const denied = await report(token, "m1", "ceo@contoso.com");
    expect(denied.sender.mailboxes).toBe(1);
    const absent = await report(token, "m2", SHARED);
    const own = await report(token, "m3");
    // Three reports, one person, one mailbox: the claims counted as her own.
    expect(absent.sender.mailboxes).toBe(1);
    expect(own.sender.mailboxes).toBe(1);
    expect(own.sender.reporters).toBe(1);
  });
});

describe("without VOUCH_MAILBOX_CHECK_SECRET", () => {
  it("asks nobody and counts the named mailbox as the reporter's own", async () => {
    const plain = await startTestService();
    try {
      const before = seen.exchanges.length;
      const token = await plain.token({ tenant: "t-plain", user: "alice" });
      inShared.add(message("p1").id);
      const { id, headers } = message("p1");
      const answer = await call(`${plain.url}/api/v1/reports`, {
        token,
        body: { internetMessageId: id, headers, kind: "not-spam", mailbox: SHARED },
      });
      const first = reportResponseSchema.parse(answer.json);
      expect(first.sender.mailboxes).toBe(1);
      const second = message("p2");
      const own = reportResponseSchema.parse(
        (
          await call(`${plain.url}/api/v1/reports`, {
            token,
            body: { internetMessageId: second.id, headers: second.headers, kind: "not-spam" },
          })
        ).json,
      );
      expect(own.sender.mailboxes).toBe(1);
      expect(seen.exchanges.length).toBe(before);
    } finally {
      await plain.close();
    }
  });
});
