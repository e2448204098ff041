import { z } from "zod";
import type { GraphTokenProvider } from "./auth";

export const GRAPH_BASE_URL = "https://graph.microsoft.com/v1.0";

/**
 * Whose mailbox a Graph call is about: the signed-in person's (/me) or a shared or delegated
 * mailbox they can open (/users/{owner}), which takes the ".Shared" permissions
 * (Graph docs: outlook-share-messages-folders).
 */
export type GraphMailbox = { kind: "own" } | { kind: "shared"; owner: string };

/** Delegated Graph permissions, least privilege per call. */
export const GRAPH_SCOPES = {
  read: { own: ["Mail.Read"], shared: ["Mail.Read.Shared"] },
  write: { own: ["Mail.ReadWrite"], shared: ["Mail.ReadWrite.Shared"] },
} as const;

export function graphScopes(access: "read" | "write", mailbox: GraphMailbox): string[] {
  return [...GRAPH_SCOPES[access][mailbox.kind]];
}

/** /me/messages/{id} or /users/{owner}/messages/{id}. */
export function messagePath(restItemId: string, mailbox: GraphMailbox): string {
  const root = mailbox.kind === "own" ? "/me" : `/users/${encodeURIComponent(mailbox.owner)}`;
  return `${root}/messages/${encodeURIComponent(restItemId)}`;
}

const headersResponseSchema = z.object({
  internetMessageHeaders: z
    .array(z.object({ name: z.string(), value: z.string() }))
    .nullable()
    .optional(),
});

export type GraphHeadersResult =
  | { ok: true; text: string; source: "headers" | "mime" }
  | { ok: false; reason: "no-token" | "not-found" | "no-headers" | "failed"; message: string };

export type GraphActionResult =
  | { ok: true }
  | { ok: false; reason: "no-token" | "not-found" | "forbidden" | "failed"; message: string };

export interface GraphOptions {
  fetch?: typeof fetch;
  baseUrl?: string;
  signal?: AbortSignal;
}

/** At most this much of the raw message is read to find its header block. */
export const MIME_HEADER_LIMIT_BYTES = 1024 * 1024;

type Call = { ok: true; response: Response } | { ok: false; result: GraphActionResult };

async function call(
  path: string,
  scopes: string[],
  tokens: GraphTokenProvider,
  options: GraphOptions,
  init: RequestInit = {},
): Promise<Call> {
  let token: string;
  try {
    token = await tokens.getGraphToken(scopes);
  } catch (error) {
    return { ok: false, result: { ok: false, reason: "no-token", message: String(error) } };
  }
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(`${options.baseUrl ?? GRAPH_BASE_URL}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) },
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    return { ok: false, result: { ok: false, reason: "failed", message: String(error) } };
  }
  if (response.ok) return { ok: true, response };
  const reason =
    response.status === 404 ? "not-found" : response.status === 403 ? "forbidden" : "failed";
  return { ok: false, result: { ok: false, reason, message: `HTTP ${response.status}` } };
}

/**
 * The header block at the start of a raw message: everything before the first empty line
 * (RFC 5322 §2.1). Reads the body only until then, or MIME_HEADER_LIMIT_BYTES.
 */
export async function headerBlockOf(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return headerBlockOfText(await response.text());
  const decoder = new TextDecoder("utf-8");
  let text = "";
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (value) {
      bytes += value.byteLength;
      text += decoder.decode(value, { stream: true });
    }
    const end = blankLine(text);
    if (end >= 0 || done || bytes >= MIME_HEADER_LIMIT_BYTES) {
      // Not awaited: some streams settle their cancel only once fully drained.
      if (!done) void reader.cancel().catch(() => undefined);
      return end >= 0 ? text.slice(0, end) : "";
    }
  }
}

function headerBlockOfText(text: string): string {
  const end = blankLine(text);
  return end >= 0 ? text.slice(0, end) : "";
}

function blankLine(text: string): number {
  const crlf = text.indexOf("\r\n\r\n");
  const lf = text.indexOf("\n\n");
  if (crlf < 0) return lf;
  if (lf < 0) return crlf;
  return Math.min(crlf, lf);
}

/**
 * The fallback when Office.js gives no usable headers (mobile, Sent Items, some new-Outlook
 * builds): the message's internetMessageHeaders from Microsoft Graph, rebuilt into a header
 * block; when Graph has none either, the header block of the raw MIME (`$value`, Graph docs:
 * outlook-get-mime-message), which still holds what the message carried.
 */
export async function fetchGraphHeaders(
  restItemId: string,
  tokens: GraphTokenProvider,
  options: GraphOptions & { mailbox?: GraphMailbox } = {},
): Promise<GraphHeadersResult> {
  const mailbox = options.mailbox ?? { kind: "own" };
  const scopes = graphScopes("read", mailbox);
  const path = messagePath(restItemId, mailbox);
  const listed = await call(`${path}?$select=internetMessageHeaders`, scopes, tokens, options);
  if (!listed.ok) return headersFailure(listed.result);
  const body = headersResponseSchema.safeParse(await listed.response.json().catch(() => null));
  const headers = body.success ? (body.data.internetMessageHeaders ?? []) : [];
  if (headers.length > 0) {
    const text = headers.map(({ name, value }) => `${name}: ${value}`).join("\r\n");
    return { ok: true, text, source: "headers" };
  }
  const raw = await call(`${path}/$value`, scopes, tokens, options);
  if (!raw.ok) return headersFailure(raw.result);
  const block = await headerBlockOf(raw.response).catch(() => "");
  if (block.trim() === "") return { ok: false, reason: "no-headers", message: "none" };
  return { ok: true, text: block, source: "mime" };
}

function headersFailure(result: GraphActionResult): GraphHeadersResult {
  if (result.ok) return { ok: false, reason: "failed", message: "unexpected" };
  const reason = result.reason === "forbidden" ? "failed" : result.reason;
  return { ok: false, reason, message: result.message };
}

/**
 * Moves the message to the Inbox of the mailbox it is in, as Outlook's own "Not junk" does:
 * POST .../messages/{id}/move with the well-known folder name "inbox" (Graph: message-move).
 */
export async function moveToInbox(
  restItemId: string,
  tokens: GraphTokenProvider,
  options: GraphOptions & { mailbox?: GraphMailbox } = {},
): Promise<GraphActionResult> {
  const mailbox = options.mailbox ?? { kind: "own" };
  const result = await call(
    `${messagePath(restItemId, mailbox)}/move`,
    graphScopes("write", mailbox),
    tokens,
    options,
    {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ destinationId: "inbox" }),
    },
  );
  return result.ok ? { ok: true } : result.result;
}

/**
 * Tells Microsoft the message is not junk and moves it to the Inbox, as Outlook's Report button
 * does: POST /me/messages/{id}/reportMessage, ReportAction "notJunk" (Graph v1.0, delegated
 * Mail.ReadWrite; the global service only, not US Government L4/L5 or 21Vianet). Its
 * permissions name no ".Shared" variant, so it is only ever asked for the person's own mailbox.
 */
export async function reportNotJunk(
  restItemId: string,
  tokens: GraphTokenProvider,
  options: GraphOptions = {},
): Promise<GraphActionResult> {
  const result = await call(
    `${messagePath(restItemId, { kind: "own" })}/reportMessage`,
    graphScopes("write", { kind: "own" }),
    tokens,
    options,
    {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ IsMessageMoveRequested: true, ReportAction: "notJunk" }),
    },
  );
  return result.ok ? { ok: true } : result.result;
}

/** How a "Not spam" took the message out of Junk, or why it did not. */
export type RescueOutcome =
  | { moved: true; via: "report-to-microsoft" | "move" }
  | { moved: false; reason: "no-item-id" | "failed"; detail: string };

/**
 * After a "Not spam" report: out of Junk, the way the tenant allows. Where the admin turned on
 * telling Microsoft and the item is the person's own, reportMessage moves it as it reports;
 * otherwise (or should that fail) a plain move to the Inbox of the mailbox it is in. Either
 * needs the write permission consented; without it the caller says how to move it by hand.
 */
export async function rescueFromJunk(
  restItemId: string | null,
  mailbox: GraphMailbox,
  tokens: GraphTokenProvider,
  options: GraphOptions & { tellMicrosoft: boolean },
): Promise<RescueOutcome> {
  if (!restItemId) return { moved: false, reason: "no-item-id", detail: "no REST id" };
  let detail = "";
  if (options.tellMicrosoft && mailbox.kind === "own") {
    const reported = await reportNotJunk(restItemId, tokens, options);
    if (reported.ok) return { moved: true, via: "report-to-microsoft" };
    detail = `reportMessage: ${reported.message}; `;
  }
  const moved = await moveToInbox(restItemId, tokens, { ...options, mailbox });
  if (moved.ok) return { moved: true, via: "move" };
  return { moved: false, reason: "failed", detail: `${detail}move: ${moved.message}` };
}

/** The Graph calls the pane and the ribbon command make, bound to one token provider. */
export interface MailGraph {
  headers(restItemId: string, mailbox: GraphMailbox): Promise<GraphHeadersResult>;
  rescue(
    restItemId: string | null,
    mailbox: GraphMailbox,
    tellMicrosoft: boolean,
  ): Promise<RescueOutcome>;
}

export function createMailGraph(tokens: GraphTokenProvider, options: GraphOptions = {}): MailGraph {
  return {
    headers: (restItemId, mailbox) =>
      fetchGraphHeaders(restItemId, tokens, { ...options, mailbox }),
    rescue: (restItemId, mailbox, tellMicrosoft) =>
      rescueFromJunk(restItemId, mailbox, tokens, { ...options, tellMicrosoft }),
  };
}
