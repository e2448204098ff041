/**
 * Local stand-ins for the places alerts go, on loopback (node:http): a Teams Workflows or JSON
 * webhook (records each request, answers as told), and Microsoft's token endpoint plus Graph's
 * sendMail (the documented shapes: client-credentials token, 202 Accepted).
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export interface Answer {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

export interface FakeTarget {
  /** http://127.0.0.1:PORT */
  url: string;
  requests: RecordedRequest[];
  /** How to answer the next requests; gets the request and how many came before it. */
  answer: (request: RecordedRequest, index: number) => Answer;
  /** Resolves once `count` requests arrived. */
  received(count: number, timeoutMs?: number): Promise<RecordedRequest[]>;
  close(): Promise<void>;
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    });
  });
}

export async function startFakeTarget(
  answer: FakeTarget["answer"] = () => ({ status: 202 }),
): Promise<FakeTarget> {
  const waiters: { count: number; resolve: () => void }[] = [];
  const target: FakeTarget = {
    url: "",
    requests: [],
    answer,
    async received(count, timeoutMs = 10_000) {
      if (target.requests.length >= count) return target.requests.slice(0, count);
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${target.requests.length} of ${count} requests arrived`)),
          timeoutMs,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
      return target.requests.slice(0, count);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const recorded: RecordedRequest = {
        method: request.method ?? "",
        path: request.url ?? "",
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      const index = target.requests.length;
      target.requests.push(recorded);
      const reply = target.answer(recorded, index);
      response.writeHead(reply.status, reply.headers ?? {});
      response.end(reply.body ?? "");
      for (const waiter of waiters.filter((each) => target.requests.length >= each.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    });
  });
  server.keepAliveTimeout = 100;
  target.url = await listen(server);
  return target;
}

export const FAKE_GRAPH_TOKEN = "fake-graph-token-1";

/**
 * The Microsoft identity platform's token endpoint and Graph's sendMail in one server:
 * POST /{tenant}/oauth2/v2.0/token (client_credentials) answers a bearer token;
 * POST /v1.0/users/{from}/sendMail answers 202 with that token, 401 without it.
 */
export function startFakeGraph(): Promise<FakeTarget> {
  return startFakeTarget((request) => {
    if (/^\/[^/]+\/oauth2\/v2\.0\/token$/.test(request.path)) {
      const form = new URLSearchParams(request.body);
      if (form.get("grant_type") !== "client_credentials" || !form.get("client_secret")) {
        return { status: 400, body: JSON.stringify({ error: "invalid_request" }) };
      }
      return {
        status: 200,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          token_type: "Bearer",
          expires_in: 3599,
          access_token: FAKE_GRAPH_TOKEN,
        }),
      };
    }
    if (/^\/v1\.0\/users\/[^/]+\/sendMail$/.test(request.path)) {
      if (request.headers.authorization !== `Bearer ${FAKE_GRAPH_TOKEN}`) return { status: 401 };
      return { status: 202 };
    }
    return { status: 404 };
  });
}
