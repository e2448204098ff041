import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import { blockListOf, LOCAL_RANGES, SPECIAL_PURPOSE_RANGES } from "../net/ip-ranges";

/**
 * Posts to an address an admin typed in (a Teams Workflows or JSON webhook): the one place the
 * service makes such requests. Against server-side request forgery it refuses anything but
 * https, and any name that resolves to a loopback, private, link-local, shared, multicast or
 * reserved address; the address checked is the address connected to (the lookup is pinned), so
 * a name cannot resolve to a public address for the check and a private one for the request.
 * `allowPrivate` (VOUCH_WATCH_UNSAFE_PRIVATE_TARGETS, refused in production) lifts both checks,
 * for tests against local servers.
 *
 * Errors never carry the URL: a webhook URL is a secret (whoever has it can post to the channel).
 */
export interface OutboundPolicy {
  allowPrivate: boolean;
  timeoutMs: number;
}

export type OutboundErrorCode = "refused-target" | "timeout" | "network" | "http";

export class OutboundError extends Error {
  constructor(
    readonly code: OutboundErrorCode,
    message: string,
    readonly status: number | null = null,
    /** Seconds the other side asked us to wait (Retry-After), when it said. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = "OutboundError";
  }
}

const BLOCKED = blockListOf(LOCAL_RANGES, SPECIAL_PURPOSE_RANGES);

/** Whether an IP address is one no alert may be sent to (outside tests). */
export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return BLOCKED.check(address, "ipv4");
  if (family !== 6) return true;
  // An IPv4-mapped address (::ffff:10.0.0.1) is judged by the IPv4 address inside.
  return BLOCKED.check(address, "ipv6");
}

/** The URL an admin gave, if the service may ever post to it; else why not (without the URL). */
export function checkTargetUrl(raw: string, policy: Pick<OutboundPolicy, "allowPrivate">): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundError("refused-target", "not a URL");
  }
  if (url.username || url.password) {
    throw new OutboundError("refused-target", "the URL must not carry a user name or password");
  }
  if (url.protocol !== "https:" && !(policy.allowPrivate && url.protocol === "http:")) {
    throw new OutboundError("refused-target", "only https URLs are allowed");
  }
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (!policy.allowPrivate) {
    if (isIP(host) !== 0 && isBlockedAddress(host)) {
      throw new OutboundError("refused-target", "the URL points to a private or reserved address");
    }
    if (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".local")) {
      throw new OutboundError("refused-target", "the URL points to this machine's network");
    }
  }
  return url;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

type Resolver = (
  hostname: string,
  options: { all: true },
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/**
 * dns.lookup that answers only addresses the policy allows, in the shape the caller asked
 * (Node asks for all addresses when it may try several families). Exported for its test.
 */
export function guardedLookup(allowPrivate: boolean, resolve: Resolver = dnsLookup) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    resolve(hostname, { all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const allowed = allowPrivate
        ? addresses
        : addresses.filter((entry) => !isBlockedAddress(entry.address));
      if (allowed.length === 0 || allowed.length !== addresses.length) {
        const refusal = Object.assign(new Error("resolves to a private or reserved address"), {
          code: "EVOUCHBLOCKED",
        });
        return callback(refusal, []);
      }
      if (options.all) return callback(null, allowed);
      return callback(null, allowed[0]!.address, allowed[0]!.family);
    });
  };
}

function retryAfterOf(value: string | string[] | undefined): number | null {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return null;
  if (/^\d+$/.test(text.trim())) return Number(text.trim());
  const at = Date.parse(text);
  return Number.isFinite(at) ? Math.max(0, Math.round((at - Date.now()) / 1000)) : null;
}

const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * POSTs `body` and resolves with the status and (at most 64 KB of) the answer for a 2xx; throws
 * OutboundError for anything else.
 */
export function post(
  target: URL,
  body: string,
  headers: Record<string, string>,
  policy: OutboundPolicy,
): Promise<{ status: number; text: string }> {
  const url = checkTargetUrl(target.toString(), policy);
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: "POST",
        headers: { ...headers, "content-length": Buffer.byteLength(body).toString() },
        lookup: guardedLookup(policy.allowPrivate) as never,
        // A fresh connection per delivery: alerts are rare, and a kept-alive socket the other
        // side has just closed would fail the attempt for nothing (ECONNRESET).
        agent: false,
        timeout: policy.timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_ANSWER_BYTES) chunks.push(chunk);
        });
        response.on("error", () => reject(new OutboundError("network", "the answer broke off")));
        response.on("end", () => {
          const status = response.statusCode ?? 0;
          const text = Buffer.concat(chunks).toString("utf8");
          if (status >= 200 && status < 300) return resolve({ status, text });
          reject(
            new OutboundError(
              "http",
              `HTTP ${status}`,
              status,
              retryAfterOf(response.headers["retry-after"]),
            ),
          );
        });
      },
    );
    request.on("timeout", () => {
      request.destroy();
      reject(new OutboundError("timeout", `no answer within ${policy.timeoutMs} ms`));
    });
    request.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EVOUCHBLOCKED") {
        reject(new OutboundError("refused-target", "the name resolves to a private address"));
      } else {
        reject(new OutboundError("network", `network error (${error.code ?? "unknown"})`));
      }
    });
    request.end(body);
  });
}

/** Whether trying again later could help. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof OutboundError)) return true;
  if (error.code === "refused-target") return false;
  if (error.code !== "http") return true;
  const status = error.status ?? 0;
  return status === 408 || status === 425 || status === 429 || status >= 500;
}
