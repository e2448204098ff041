import type { Config } from "../config";

/**
 * How long a client may take to send a request, as Node's HTTP server options (Fastify passes
 * `http` to http.createServer and `https` to https.createServer, which takes the same ones).
 * Fastify's own default request timeout is none at all, so a client could trickle a body for
 * ever, holding its connection and the part of the body already read.
 *
 * Node checks these timeouts every `connectionsCheckingInterval` (30 s by default), so a 2 s
 * timeout would only bite up to 30 s later: the interval follows the shorter timeout.
 */
export interface ServerTimeouts {
  requestTimeout: number;
  headersTimeout: number;
  connectionsCheckingInterval: number;
  /** TLS: a handshake gets no longer than the headers (Node's default is 120 s). */
  handshakeTimeout: number;
}

export function serverTimeouts(config: Config): ServerTimeouts {
  const shorter = Math.min(config.requestTimeoutMs, config.headersTimeoutMs);
  return {
    requestTimeout: config.requestTimeoutMs,
    headersTimeout: config.headersTimeoutMs,
    connectionsCheckingInterval: Math.max(100, Math.min(5_000, Math.floor(shorter / 4))),
    handshakeTimeout: config.headersTimeoutMs,
  };
}
