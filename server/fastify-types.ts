import type { preHandlerAsyncHookHandler } from "fastify";
import type { AuthUser } from "./auth/types";

/**
 * What the service adds to Fastify's request and instance. Feature plugins (server/plugins.ts)
 * rely on these: `app.authenticate` and `app.requireAdmin` as preHandlers, then `request.user`.
 */
declare module "fastify" {
  interface FastifyRequest {
    /** Set by `authenticate`; null on routes that do not authenticate. */
    user: AuthUser | null;
    /** The error code the request was refused with, for metrics. */
    errorCode: string | null;
  }
  interface FastifyInstance {
    /** preHandler: validates the bearer token, sets request.user, applies the rate limits. */
    authenticate: preHandlerAsyncHookHandler;
    /** preHandler: authenticate, then 403 unless request.user.isAdmin. */
    requireAdmin: preHandlerAsyncHookHandler;
  }
}

export {};
