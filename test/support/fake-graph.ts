/**
 * A local fake of the Microsoft Graph and Entra ID endpoints the Junk sweep calls, on
 * node:http and a free loopback port, shaped after Microsoft's documentation:
 *
 * - POST /{tenant}/oauth2/v2.0/token: client credentials (learn.microsoft.com/entra/identity-
 *   platform/v2-oauth2-client-creds-grant-flow) → { token_type, expires_in, access_token }.
 * - GET /v1.0/groups/{id}/members: the group's members of every type (each with its
 *   @odata.type), paged with @odata.nextLink ($top, default 100).
 * - GET /v1.0/users/{id}/mailFolders/junkemail/messages/delta: the Junk folder's messages as a
 *   delta round (learn.microsoft.com/graph/api/message-delta): pages of `Prefer:
 *   odata.maxpagesize` rows (default 10) linked by @odata.nextLink, the last with
 *   @odata.deltaLink; that link later answers only the messages added since.
 * - GET /v1.0/users/{id}/messages/{id}: one message's internetMessageHeaders.
 *
 * Faults: `outOfScope` users answer 403 ErrorAccessDenied as an application access policy or
 * RBAC scope does; `inject()` answers the next matching requests with any status, headers and
 * body (429 with Retry-After, 503, a body that is not JSON, a page of the wrong shape); tokens
 * can be revoked (401); a delta link can be expired (410). Every request is logged.
 *
 *   const graph = await startFakeGraph({ members: [{ id: "u1", mail: "a@contoso.com" }] });
 *   graph.setMessages("u1", [fakeMessage("azure-service-notice", { id: "m1" })]);
 *   env: graph.env   // VOUCH_SWEEP_* pointing at the fake
 *   await graph.close();
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeMember {
  id: string;
  mail?: string | null;
  userPrincipalName?: string;
  /** Default "#microsoft.graph.user". */
  type?: string;
}

export interface FakeMessage {
  id: string;
  internetMessageId: string;
  receivedDateTime: string;
  headers: { name: string; value: string }[];
}

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  at: number;
  status: number;
}

export interface Fault {
  /** Substring of the path (and query) the fault applies to. */
  match: string;
  times: number;
  status: number;
  headers?: Record<string, string>;
  body: string;
}

export interface FakeGraphOptions {
  tenantId?: string;
  clientId?: string;
  clientSecret?: string;
  groupId?: string;
  members?: FakeMember[];
  /** Messages of a mailbox with none set: generated on each request, never kept (benchmark). */
  generate?: (userId: string) => FakeMessage[];
  /** Keep the request log (default true; the benchmark's would only grow). */
  logRequests?: boolean;
}

export interface FakeGraph {
  /** http://127.0.0.1:PORT */
  origin: string;
  tenantId: string;
  groupId: string;
  /** The VOUCH_SWEEP_* settings that point the service at this fake. */
  env: Record<string, string>;
  members: FakeMember[];
  outOfScope: Set<string>;
  /** Users whose delta rows come without headers (the sweep then GETs each message). */
  headersOnlyByMessage: Set<string>;
  setMessages(userId: string, messages: FakeMessage[]): void;
  addMessages(userId: string, messages: FakeMessage[]): void;
  inject(fault: Fault): void;
  /** Tokens issued so far answer 401 from now on. */
  revokeTokens(): void;
  /** Delta links issued so far for this user answer 410 from now on. */
  expireDeltaLinks(userId: string): void;
  requests: FakeRequest[];
  /** The most requests to one user's mailbox in flight at once, per user id. */
  mostConcurrent: Map<string, number>;
  tokensIssued: number;
  close(): Promise<void>;
}

interface DeltaState {
  user: string;
  from: number;
  to: number;
  at: number;
  generation: number;
}

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
function decode<T>(value: string | null): T | null {
  if (!value) return null;
  try {
    return JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as T;
  } catch {
    return null;
  }
}

function send(
  response: ServerResponse,
  status: number,
  body: string | object,
  headers: Record<string, string> = {},
) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(text);
}

const graphError = (code: string, message: string) => ({ error: { code, message } });

/** A header block (as in samples/*.eml) as Graph's [{name, value}], folding removed. */
export function headersOf(block: string): { name: string; value: string }[] {
  const fields: { name: string; value: string }[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && fields.length > 0) {
      const last = fields[fields.length - 1] as { name: string; value: string };
      last.value += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    fields.push({ name: line.slice(0, colon), value: line.slice(colon + 1).trim() });
  }
  return fields;
}

export async function startFakeGraph(options: FakeGraphOptions = {}): Promise<FakeGraph> {
  const tenantId = options.tenantId ?? "contoso";
  const clientId = options.clientId ?? "sweep-app";
  const clientSecret = options.clientSecret ?? "sweep-secret";
  const groupId = options.groupId ?? "junk-sweep-group";
  const mailboxes = new Map<string, FakeMessage[]>();
  const tokens = new Set<string>();
  const expired = new Map<string, number>();
  const faults: Fault[] = [];
  let tokenCount = 0;

  const fake: FakeGraph = {
    origin: "",
    tenantId,
    groupId,
    env: {},
    members: options.members ?? [],
    outOfScope: new Set(),
    headersOnlyByMessage: new Set(),
    setMessages: (userId, messages) => void mailboxes.set(userId, [...messages]),
    addMessages: (userId, messages) =>
      void mailboxes.set(userId, [...(mailboxes.get(userId) ?? []), ...messages]),
    inject: (fault) => void faults.push({ ...fault }),
    revokeTokens: () => tokens.clear(),
    expireDeltaLinks: (userId) => void expired.set(userId, (expired.get(userId) ?? 0) + 1),
    requests: [],
    mostConcurrent: new Map(),
    get tokensIssued() {
      return tokenCount;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const messagesOf = (userId: string) => mailboxes.get(userId) ?? options.generate?.(userId) ?? [];

  function pageSize(request: IncomingMessage): number {
    const prefer = String(request.headers.prefer ?? "");
    const match = /odata\.maxpagesize=(\d+)/.exec(prefer);
    return match ? Math.max(1, Number(match[1])) : 10;
  }

  function token(request: IncomingMessage, body: string, response: ServerResponse, tid: string) {
    const form = new URLSearchParams(body);
    if (
      request.method !== "POST" ||
      tid !== tenantId ||
      form.get("grant_type") !== "client_credentials" ||
      form.get("client_id") !== clientId ||
      form.get("client_secret") !== clientSecret ||
      !form.get("scope")?.endsWith("/.default")
    ) {
      return send(response, 401, {
        error: "invalid_client",
        error_description: "AADSTS7000215: Invalid client secret provided.",
      });
    }
    tokenCount++;
    const value = `fake-token-${tokenCount}-${Math.random().toString(36).slice(2)}`;
    tokens.add(value);
    return send(response, 200, { token_type: "Bearer", expires_in: 3599, access_token: value });
  }

  function members(url: URL, response: ServerResponse) {
    const top = Number(url.searchParams.get("$top") ?? 100);
    const skip = Number(url.searchParams.get("$skiptoken") ?? 0);
    const all = fake.members;
    const value = all.slice(skip, skip + top).map((member) => ({
      "@odata.type": member.type ?? "#microsoft.graph.user",
      id: member.id,
      mail: member.mail ?? null,
      userPrincipalName: member.userPrincipalName ?? member.mail ?? `${member.id}@contoso.test`,
    }));
    const next = new URL(url);
    next.searchParams.set("$skiptoken", String(skip + top));
    return send(response, 200, {
      "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#directoryObjects",
      value,
      ...(skip + top < all.length ? { "@odata.nextLink": next.toString() } : {}),
    });
  }

  function delta(request: IncomingMessage, url: URL, userId: string, response: ServerResponse) {
    const messages = messagesOf(userId);
    const generation = expired.get(userId) ?? 0;
    const skip = decode<DeltaState>(url.searchParams.get("$skiptoken"));
    const deltaToken = decode<DeltaState>(url.searchParams.get("$deltatoken"));
    if ((skip && skip.user !== userId) || (deltaToken && deltaToken.user !== userId)) {
      return send(
        response,
        400,
        graphError("ErrorInvalidUrlQuery", "The state token is not valid"),
      );
    }
    if (deltaToken && deltaToken.generation !== generation) {
      return send(response, 410, graphError("SyncStateNotFound", "The sync state is expired"));
    }
    const state: DeltaState = skip ?? {
      user: userId,
      from: deltaToken?.to ?? 0,
      to: messages.length,
      at: deltaToken?.to ?? 0,
      generation,
    };
    const size = pageSize(request);
    const end = Math.min(state.to, state.at + size);
    const withHeaders = !fake.headersOnlyByMessage.has(userId);
    const value = messages.slice(state.at, end).map((message) => ({
      "@odata.type": "#microsoft.graph.message",
      "@odata.etag": `W/"${message.id}"`,
      id: message.id,
      internetMessageId: message.internetMessageId,
      receivedDateTime: message.receivedDateTime,
      ...(withHeaders ? { internetMessageHeaders: message.headers } : {}),
    }));
    const link = new URL(
      `${fake.origin}/v1.0/users/${userId}/mailFolders/junkemail/messages/delta`,
    );
    const body: Record<string, unknown> = {
      "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#Collection(message)",
      value,
    };
    if (end < state.to) {
      link.searchParams.set("$skiptoken", encode({ ...state, at: end }));
      body["@odata.nextLink"] = link.toString();
    } else {
      link.searchParams.set("$deltatoken", encode({ ...state, at: state.to }));
      body["@odata.deltaLink"] = link.toString();
    }
    return send(response, 200, body, { "preference-applied": `odata.maxpagesize=${size}` });
  }

  function message(userId: string, messageId: string, response: ServerResponse) {
    const found = messagesOf(userId).find((each) => each.id === messageId);
    if (!found) return send(response, 404, graphError("ErrorItemNotFound", "Item not found"));
    return send(response, 200, {
      id: found.id,
      internetMessageId: found.internetMessageId,
      internetMessageHeaders: found.headers,
    });
  }

  function route(request: IncomingMessage, body: string, response: ServerResponse): void {
    const url = new URL(request.url ?? "/", fake.origin);
    const path = url.pathname;
    const faultIndex = faults.findIndex((fault) => `${path}${url.search}`.includes(fault.match));
    const fault = faults[faultIndex];
    if (fault) {
      if (--fault.times <= 0) faults.splice(faultIndex, 1);
      return send(response, fault.status, fault.body, fault.headers);
    }
    const tokenPath = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(path);
    if (tokenPath) return token(request, body, response, decodeURIComponent(tokenPath[1] ?? ""));
    const bearer = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ""))?.[1];
    if (!bearer || !tokens.has(bearer)) {
      return send(
        response,
        401,
        graphError("InvalidAuthenticationToken", "Access token has expired or is not yet valid."),
      );
    }
    const groupPath = /^\/v1\.0\/groups\/([^/]+)\/members$/.exec(path);
    if (groupPath) {
      if (decodeURIComponent(groupPath[1] ?? "") !== groupId) {
        return send(response, 404, graphError("Request_ResourceNotFound", "No such group"));
      }
      return members(url, response);
    }
    const userPath = /^\/v1\.0\/users\/([^/]+)\/(.+)$/.exec(path);
    if (userPath) {
      const userId = decodeURIComponent(userPath[1] ?? "");
      const rest = userPath[2] ?? "";
      if (!fake.members.some((member) => member.id === userId) && !mailboxes.has(userId)) {
        return send(response, 404, graphError("ErrorInvalidUser", "The requested user is invalid"));
      }
      if (fake.outOfScope.has(userId)) {
        return send(
          response,
          403,
          graphError("ErrorAccessDenied", "Access is denied. Check credentials and try again."),
        );
      }
      if (rest === "mailFolders/junkemail/messages/delta") {
        return delta(request, url, userId, response);
      }
      const messagePath = /^messages\/([^/]+)$/.exec(rest);
      if (messagePath) return message(userId, decodeURIComponent(messagePath[1] ?? ""), response);
    }
    return send(response, 400, graphError("BadRequest", `Unsupported request ${path}`));
  }

  const inFlight = new Map<string, number>();
  const server = createServer((request, response) => {
    const user = /^\/v1\.0\/users\/([^/?]+)/.exec(request.url ?? "")?.[1];
    if (user) {
      const now = (inFlight.get(user) ?? 0) + 1;
      inFlight.set(user, now);
      fake.mostConcurrent.set(user, Math.max(now, fake.mostConcurrent.get(user) ?? 0));
      response.once("close", () => inFlight.set(user, (inFlight.get(user) ?? 1) - 1));
    }
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const url = new URL(request.url ?? "/", fake.origin);
      route(request, Buffer.concat(chunks).toString("utf8"), response);
      if (options.logRequests !== false && fake.requests.length < 100_000) {
        fake.requests.push({
          method: request.method ?? "GET",
          path: url.pathname,
          query: url.searchParams,
          at: Date.now(),
          status: response.statusCode,
        });
      }
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  fake.origin = `http://127.0.0.1:${port}`;
  fake.env = {
    VOUCH_SWEEP: "1",
    VOUCH_SWEEP_TENANT_ID: tenantId,
    VOUCH_SWEEP_CLIENT_ID: clientId,
    VOUCH_SWEEP_CLIENT_SECRET: clientSecret,
    VOUCH_SWEEP_GROUP_ID: groupId,
    VOUCH_SWEEP_GRAPH_URL: `${fake.origin}/v1.0`,
    VOUCH_SWEEP_TOKEN_URL: `${fake.origin}/{tid}/oauth2/v2.0/token`,
    VOUCH_SWEEP_START_DELAY: "1h",
    VOUCH_SWEEP_INTERVAL: "1h",
  };
  return fake;
}
