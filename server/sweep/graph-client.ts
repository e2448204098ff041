import type { SweepConfig } from "../config";

/**
 * Microsoft Graph as the sweep uses it: an app-only token from Entra ID's token endpoint
 * (client credentials), then GETs that honour throttling. Graph answers 429 with Retry-After
 * when an app asks too much of one mailbox (Outlook allows 4 concurrent requests and 10,000
 * per 10 minutes per app and mailbox: learn.microsoft.com/graph/throttling-limits), and 503/504
 * with or without it when the service is busy; both are waited out and retried, a bounded
 * number of times, before the mailbox is left for the next round.
 */

export class GraphError extends Error {
  override readonly name = "GraphError";
  constructor(
    /** HTTP status; 0 when Graph could not be reached at all. */
    readonly status: number,
    /** Graph's error code ("ErrorAccessDenied"…), or ours: "malformed", "unreachable", "token". */
    readonly code: string,
    message: string,
    /** When throttled: how long Graph asked us to wait before trying again, in ms. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

export interface GraphClient {
  /** GET a Graph URL (absolute, on the configured Graph origin) and parse its JSON. */
  get(url: string, signal?: AbortSignal): Promise<unknown>;
  /** The same GET, answering the body's bytes unparsed (for an analysis thread to read). */
  getBytes(url: string, signal?: AbortSignal): Promise<Uint8Array>;
  /** Requests sent, retries included (for the benchmark and the tests). */
  readonly requests: number;
}

export interface GraphClientOptions {
  config: SweepConfig;
  /** Attempts per request on 429/503/504 and network failures. Default 4. */
  attempts?: number;
  /** Per request. Default 30 s. */
  timeoutMs?: number;
  /** A Retry-After longer than this is not waited for now: the mailbox waits for a later round. */
  longestWaitMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const RETRYABLE = new Set([429, 503, 504]);
const utf8 = new TextDecoder();
/** Renew the token this long before Entra ID says it expires. */
const TOKEN_MARGIN_MS = 5 * 60_000;

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Retry-After is either seconds or an HTTP date (RFC 9110 10.2.3). */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** Graph's error body is `{ error: { code, message } }`; anything else is described plainly. */
function graphErrorOf(status: number, text: string, retryAfter: number | null): GraphError {
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    const code = typeof body.error?.code === "string" ? body.error.code : `http-${status}`;
    const message =
      typeof body.error?.message === "string" ? body.error.message : `Graph answered ${status}`;
    return new GraphError(status, code, message.slice(0, 500), retryAfter);
  } catch {
    return new GraphError(status, `http-${status}`, `Graph answered ${status}`, retryAfter);
  }
}

export function createGraphClient(options: GraphClientOptions): GraphClient {
  const { config } = options;
  const attempts = options.attempts ?? 4;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const longestWaitMs = options.longestWaitMs ?? 5 * 60_000;
  const wait = options.sleep ?? sleep;
  const graphOrigin = new URL(config.graphUrl).origin;
  let token: { value: string; renewAt: number } | null = null;
  let pendingToken: Promise<string> | null = null;
  let requests = 0;

  async function fetchToken(): Promise<string> {
    const url = config.tokenUrl.replaceAll("{tid}", encodeURIComponent(config.tenantId));
    const body = new URLSearchParams({
      client_id: config.clientId,
      client_secret: config.clientSecret,
      scope: `${graphOrigin}/.default`,
      grant_type: "client_credentials",
    });
    let response: Response;
    try {
      response = await fetch(url, { method: "POST", body, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new GraphError(
        0,
        "token",
        `Entra ID's token endpoint did not answer: ${String(error)}`,
      );
    }
    const text = await response.text();
    let parsed: { access_token?: unknown; expires_in?: unknown; error_description?: unknown };
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      throw new GraphError(response.status, "token", "Entra ID's token answer is not JSON");
    }
    if (!response.ok || typeof parsed.access_token !== "string") {
      const why = typeof parsed.error_description === "string" ? parsed.error_description : "";
      throw new GraphError(
        response.status,
        "token",
        `Entra ID refused the sweep's token (${response.status}): ${why.split("\n")[0]?.slice(0, 300) ?? ""}`,
      );
    }
    const lifetime = typeof parsed.expires_in === "number" ? parsed.expires_in * 1000 : 3_600_000;
    token = {
      value: parsed.access_token,
      renewAt: Date.now() + Math.max(lifetime - TOKEN_MARGIN_MS, lifetime / 2),
    };
    return token.value;
  }

  function currentToken(): Promise<string> {
    if (token && Date.now() < token.renewAt) return Promise.resolve(token.value);
    pendingToken ??= fetchToken().finally(() => {
      pendingToken = null;
    });
    return pendingToken;
  }

  async function getBytes(url: string, signal?: AbortSignal): Promise<Uint8Array> {
    // A next or delta link that leads elsewhere would carry the token there: refused.
    if (new URL(url).origin !== graphOrigin) {
      throw new GraphError(0, "malformed", "Graph gave a link to another host; not followed");
    }
    let renewed = false;
    for (let attempt = 1; ; attempt++) {
      const bearer = await currentToken();
      let response: Response;
      let body: ArrayBuffer;
      // One controller per request, tied to the caller's signal only while the request runs:
      // AbortSignal.any over a round-long signal keeps every request's signal alive on Node 20.
      const controller = new AbortController();
      const abort = () => controller.abort(signal?.reason);
      const timer = setTimeout(
        () => controller.abort(new Error(`no answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
      signal?.addEventListener("abort", abort, { once: true });
      try {
        requests++;
        response = await fetch(url, {
          headers: {
            authorization: `Bearer ${bearer}`,
            accept: "application/json",
            prefer: `odata.maxpagesize=${config.pageSize}`,
          },
          signal: controller.signal,
        });
        body = await response.arrayBuffer();
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        if (attempt >= attempts) {
          throw new GraphError(0, "unreachable", `Graph did not answer: ${String(error)}`);
        }
        await wait(backoff(attempt), signal);
        continue;
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener("abort", abort);
      }
      if (response.ok) return new Uint8Array(body);
      const text = utf8.decode(body);
      if (response.status === 401 && !renewed) {
        // The token expired early or was revoked: one fresh token, then the error stands.
        renewed = true;
        token = null;
        continue;
      }
      const after = retryAfterMs(response.headers.get("retry-after"));
      if (RETRYABLE.has(response.status)) {
        const delay = after ?? backoff(attempt);
        if (attempt >= attempts || delay > longestWaitMs) {
          throw graphErrorOf(response.status, text, delay);
        }
        await wait(delay, signal);
        continue;
      }
      throw graphErrorOf(response.status, text, after);
    }
  }

  async function get(url: string, signal?: AbortSignal): Promise<unknown> {
    const body = await getBytes(url, signal);
    try {
      return JSON.parse(utf8.decode(body)) as unknown;
    } catch {
      throw new GraphError(200, "malformed", "Graph's answer is not JSON");
    }
  }

  return {
    get,
    getBytes,
    get requests() {
      return requests;
    },
  };
}

/** Without Retry-After: 1 s, 2 s, 4 s… at most 60 s. */
function backoff(attempt: number): number {
  return Math.min(60_000, 1000 * 2 ** (attempt - 1));
}
