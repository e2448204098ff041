import type { onRequestAsyncHookHandler } from "fastify";
import type { AuthUser } from "./auth/types";

/**
 * What the service adds to Fastify's request and instance. Feature plugins (server/plugins.ts)
 * rely on these: `app.authenticate` and `app.requireAdmin` as a route's preHandler (or onRequest;
 * either way they run at onRequest, before the body is read: server/auth/plugin.ts), then
 * `request.user`.
 */
declare module "fastify" {
  interface FastifyRequest {
    /** Set by `authenticate`; null on routes that do not authenticate. */
    user: AuthUser | null;
    /** The error code the request was refused with, for metrics. */
    errorCode: string | null;
  }
  interface FastifyInstance {
    /** Validates the bearer token, sets request.user, applies the rate limits. */
    authenticate: onRequestAsyncHookHandler;
    /** authenticate, then 403 unless request.user.isAdmin. */
    requireAdmin: onRequestAsyncHookHandler;
  }
}

export {};
