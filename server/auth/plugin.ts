import type { FastifyInstance, FastifyRequest } from "fastify";
import { HttpError } from "../http/errors";
import type { RateLimiter } from "../http/rate-limit";
import { AuthError, type AuthUser, type TokenVerifier } from "./types";

/** "Authorization: Bearer <token>" → the token; anything else is a 401. */
export function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (!header) throw new AuthError("missing-token", "sign in: no bearer token was sent");
  const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header);
  if (!match?.[1])
    throw new AuthError("malformed-token", "the Authorization header is not Bearer <token>");
  return match[1];
}

/**
 * Decorates the instance with the `authenticate` and `requireAdmin` preHandlers. Rate limits
 * apply after authentication, per user and per tenant, since the caller is only known then.
 */
export function installAuth(
  app: FastifyInstance,
  verifier: TokenVerifier,
  limiter: RateLimiter,
): void {
  app.decorateRequest("user", null);
  const authenticate = async (request: FastifyRequest): Promise<void> => {
    const user: AuthUser = await verifier.verify(bearerToken(request));
    request.user = user;
    limiter.check(user);
  };
  app.decorate("authenticate", authenticate);
  app.decorate("requireAdmin", async (request: FastifyRequest) => {
    await authenticate(request);
    if (!request.user?.isAdmin) {
      throw new HttpError(403, "admin-only", "this needs the Vouch admin role");
    }
  });
}

/** For handlers behind `authenticate`: the caller, never null there. */
export function callerOf(request: FastifyRequest): AuthUser {
  if (!request.user) throw new AuthError("missing-token", "sign in: no bearer token was sent");
  return request.user;
}
