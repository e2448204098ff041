import type { FastifyInstance, FastifyRequest } from "fastify";
import { devTokenRequestSchema, devTokenResponseSchema } from "../../src/api/contract";
import type { FeatureContext } from "../feature-context";
import { parseOr400 } from "../http/errors";
import type { AnonymousLimiter } from "../http/rate-limit";

/**
 * POST /dev/token: the development sign-in of the harness and the admin console. Registered
 * only with VOUCH_AUTH=dev, which production refuses, so it never exists beside Entra ID.
 * Anyone may call it, so every call counts against the caller's address (VOUCH_RATE_LIMIT_ANONYMOUS),
 * before the body is read.
 */
export async function devTokenRoute(
  app: FastifyInstance,
  context: FeatureContext,
  limiter: AnonymousLimiter,
): Promise<void> {
  const issuer = context.devIssuer;
  if (!issuer) return;
  const limit = async (request: FastifyRequest) => limiter.hit(request.ip);
  app.post("/dev/token", { onRequest: limit }, async (request) => {
    const body = parseOr400(devTokenRequestSchema, request.body, "body");
    return issuer.sign(body);
  });
  context.openapi.add({
    method: "post",
    path: "/dev/token",
    summary: "Development only: a token from the development issuer.",
    auth: false,
    body: devTokenRequestSchema,
    responses: { 200: { description: "An access token.", schema: devTokenResponseSchema } },
  });
}
