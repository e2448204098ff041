import type {
  FastifyInstance,
  FastifyRequest,
  onRequestAsyncHookHandler,
  RouteOptions,
} from "fastify";
import { HttpError } from "../http/errors";
import type { AnonymousLimiter, RateLimiter } from "../http/rate-limit";
import type { CachingVerifier } from "./cache";
import { AuthError, type AuthUser } from "./types";

/** "Authorization: Bearer <token>" → the token; anything else is a 401. */
export function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (!header) throw new AuthError("missing-token", "sign in: no bearer token was sent");
  const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header);
  if (!match?.[1])
    throw new AuthError("malformed-token", "the Authorization header is not Bearer <token>");
  return match[1];
}

export interface AuthLimits {
  /** Per user and per tenant, once the caller is known. */
  perCaller: RateLimiter;
  /** Per client address, for refused sign-ins. */
  anonymous: AnonymousLimiter;
}

/**
 * Decorates the instance with the `authenticate` and `requireAdmin` hooks. Rate limits apply
 * after authentication, per user and per tenant, since the caller is only known then; refused
 * sign-ins count against the client's address, and an address that spent its allowance is
 * refused before its token is checked (unless the token is one already verified).
 *
 * Both hooks run at onRequest, before Fastify reads the body: a caller without a valid token
 * never gets a byte of its body read or buffered. Routes may name them as `onRequest` or, as
 * most do, as `preHandler`: an onRoute hook moves them to onRequest either way.
 */
export function installAuth(
  app: FastifyInstance,
  verifier: CachingVerifier,
  limits: AuthLimits,
): void {
  app.decorateRequest("user", null);
  const authenticate = async (request: FastifyRequest): Promise<void> => {
    let user: AuthUser;
    try {
      const token = bearerToken(request);
      if (!verifier.knows(token)) limits.anonymous.refuseIfSpent(request.ip);
      user = await verifier.verify(token);
    } catch (error) {
      // A refused sign-in counts against the address; the one over the allowance gets a 429.
      if (error instanceof AuthError && error.statusCode === 401) limits.anonymous.hit(request.ip);
      throw error;
    }
    request.user = user;
    limits.perCaller.check(user);
  };
  const requireAdmin = async (request: FastifyRequest): Promise<void> => {
    await authenticate(request);
    if (!request.user?.isAdmin) {
      throw new HttpError(403, "admin-only", "this needs the Vouch admin role");
    }
  };
  app.decorate("authenticate", authenticate);
  app.decorate("requireAdmin", requireAdmin);
  app.addHook("onRoute", (route) => moveAuthToOnRequest(route, [authenticate, requireAdmin]));
}

/** Takes the auth hooks out of a route's preHandler list and runs them first at onRequest. */
function moveAuthToOnRequest(route: RouteOptions, hooks: readonly unknown[]): void {
  const pre = route.preHandler;
  const list = pre === undefined ? [] : Array.isArray(pre) ? pre : [pre];
  const auth = list.filter((hook) => hooks.includes(hook));
  if (auth.length === 0) return;
  route.preHandler = list.filter((hook) => !hooks.includes(hook));
  const existing =
    route.onRequest === undefined
      ? []
      : Array.isArray(route.onRequest)
        ? route.onRequest
        : [route.onRequest];
  route.onRequest = [...(auth as onRequestAsyncHookHandler[]), ...existing];
}

/** For handlers behind `authenticate`: the caller, never null there. */
export function callerOf(request: FastifyRequest): AuthUser {
  if (!request.user) throw new AuthError("missing-token", "sign in: no bearer token was sent");
  return request.user;
}
