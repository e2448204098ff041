import type { z } from "zod";
import {
  API_PREFIX,
  errorBodySchema,
  meResponseSchema,
  reportResponseSchema,
  senderStatusSchema,
  type MeResponse,
  type ReportRequest,
  type ReportResponse,
  type SenderStatus,
} from "./contract";
import {
  reputationResponseSchema,
  type ReputationQuery,
  type ReputationResponse,
} from "./reputation-contract";
import type { TokenProvider } from "./auth";

/** Why a call did not give what was asked; every failure is one of these, nothing throws. */
export type ApiError =
  | { kind: "offline" }
  | { kind: "network"; message: string }
  | { kind: "timeout" }
  | { kind: "auth"; message: string }
  | { kind: "http"; status: number; code: string; message: string; retryAfterMs: number | null }
  | { kind: "invalid-response"; message: string };

export type ApiResult<T> = { ok: true; status: number; value: T } | { ok: false; error: ApiError };

/** Offline, network trouble, 408, 429 and 5xx are worth retrying; any other answer is final. */
export function isRetryable(error: ApiError): boolean {
  switch (error.kind) {
    case "offline":
    case "network":
    case "timeout":
      return true;
    case "http":
      return error.status === 408 || error.status === 429 || error.status >= 500;
    case "auth":
    case "invalid-response":
      return false;
  }
}

export type SenderQuery = { internetMessageId: string } | { sender: string };

export interface VouchApi {
  submitReport(request: ReportRequest): Promise<ApiResult<ReportResponse>>;
  retractReport(id: string): Promise<ApiResult<null>>;
  senderStatus(query: SenderQuery): Promise<ApiResult<SenderStatus>>;
  me(): Promise<ApiResult<MeResponse>>;
  /** The sender's reputation facts (the pane asks after painting the verdict). */
  reputation(query: ReputationQuery): Promise<ApiResult<ReputationResponse>>;
}

export interface ApiClientOptions {
  tokens: TokenProvider;
  /** Origin of the service; "" for the page's own origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Whether the browser believes it is online. */
  isOnline?: () => boolean;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/** The typed client of the service's API v1. */
export function createApiClient(options: ApiClientOptions): VouchApi {
  const baseUrl = options.baseUrl ?? "";
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const isOnline = options.isOnline ?? (() => globalThis.navigator?.onLine ?? true);

  async function call<T>(
    method: string,
    path: string,
    schema: z.ZodType<T> | null,
    body?: unknown,
  ): Promise<ApiResult<T>> {
    if (!isOnline()) return { ok: false, error: { kind: "offline" } };
    const attempt = async (forceRefresh: boolean): Promise<ApiResult<T>> => {
      let token: string;
      try {
        token = await options.tokens.getToken({ forceRefresh });
      } catch (error) {
        return { ok: false, error: { kind: "auth", message: messageOf(error) } };
      }
      const headers: Record<string, string> = { authorization: `Bearer ${token}` };
      if (body !== undefined) headers["content-type"] = "application/json";
      let response: Response;
      try {
        const doFetch = options.fetch ?? globalThis.fetch;
        response = await doFetch(`${baseUrl}${API_PREFIX}${path}`, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        if (error instanceof DOMException && error.name === "TimeoutError") {
          return { ok: false, error: { kind: "timeout" } };
        }
        if (!isOnline()) return { ok: false, error: { kind: "offline" } };
        return { ok: false, error: { kind: "network", message: messageOf(error) } };
      }
      return readResponse(response, schema);
    };
    const first = await attempt(false);
    // An expired or revoked token: one more try with a fresh one.
    if (!first.ok && first.error.kind === "http" && first.error.status === 401) {
      return attempt(true);
    }
    return first;
  }

  return {
    submitReport: (request) => call("POST", "/reports", reportResponseSchema, request),
    retractReport: (id) => call("DELETE", `/reports/${encodeURIComponent(id)}`, null),
    senderStatus(query) {
      const params = new URLSearchParams(
        "internetMessageId" in query
          ? { internetMessageId: query.internetMessageId }
          : { sender: query.sender },
      );
      return call("GET", `/senders/status?${params}`, senderStatusSchema);
    },
    me: () => call("GET", "/me", meResponseSchema),
    reputation(query) {
      const params = new URLSearchParams(
        Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined),
      );
      return call("GET", `/reputation?${params}`, reputationResponseSchema);
    },
  };
}

async function readResponse<T>(
  response: Response,
  schema: z.ZodType<T> | null,
): Promise<ApiResult<T>> {
  const text = await response.text().catch(() => "");
  const json = parseJson(text);
  if (!response.ok) {
    const body = errorBodySchema.safeParse(json);
    return {
      ok: false,
      error: {
        kind: "http",
        status: response.status,
        code: body.success ? body.data.error : `http-${response.status}`,
        message: body.success ? body.data.message : response.statusText || text.slice(0, 200),
        retryAfterMs: retryAfterMs(response.headers.get("retry-after")),
      },
    };
  }
  if (schema === null) return { ok: true, status: response.status, value: (json ?? null) as T };
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, error: { kind: "invalid-response", message: parsed.error.message } };
  }
  return { ok: true, status: response.status, value: parsed.data };
}

function parseJson(text: string): unknown {
  if (text === "") return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Retry-After in seconds or as an HTTP date. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
