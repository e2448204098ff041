import type { FastifyInstance } from "fastify";
import { devTokenRequestSchema, devTokenResponseSchema } from "../../src/api/contract";
import type { FeatureContext } from "../feature-context";
import { parseOr400 } from "../http/errors";

/**
 * POST /dev/token: the development sign-in of the harness and the admin console. Registered
 * only with VOUCH_AUTH=dev, which production refuses, so it never exists beside Entra ID.
 */
export async function devTokenRoute(app: FastifyInstance, context: FeatureContext): Promise<void> {
  const issuer = context.devIssuer;
  if (!issuer) return;
  app.post("/dev/token", async (request) => {
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
