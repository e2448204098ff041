import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { API_PREFIX, meResponseSchema, type MeResponse } from "../../src/api/contract";
import { callerOf } from "../auth/plugin";
import type { FeatureContext } from "../feature-context";

/** GET /api/v1/me for the pane and the console; GET /api/v1/admin/ping, the smallest admin route. */
export async function meRoutes(app: FastifyInstance, context: FeatureContext): Promise<void> {
  app.get(`${API_PREFIX}/me`, { preHandler: app.authenticate }, async (request) => {
    const user = callerOf(request);
    const reportToMicrosoft = context.proposals.reportToMicrosoft;
    const me: MeResponse = {
      tenantId: user.tenantId,
      userId: user.userId,
      isAdmin: user.isAdmin,
      reportToMicrosoft: reportToMicrosoft ? await reportToMicrosoft(user.tenantId) : false,
    };
    return me;
  });
  app.get(`${API_PREFIX}/admin/ping`, { preHandler: app.requireAdmin }, async () => ({ ok: true }));

  context.openapi.add({
    method: "get",
    path: `${API_PREFIX}/me`,
    summary: "Who the caller is, as the token says, and whether they are an admin.",
    responses: { 200: { description: "The caller.", schema: meResponseSchema } },
  });
  context.openapi.add({
    method: "get",
    path: `${API_PREFIX}/admin/ping`,
    summary: "Answers only admins: lets the console check the role.",
    adminOnly: true,
    responses: { 200: { description: "An admin.", schema: z.object({ ok: z.literal(true) }) } },
  });
}
