import type { FastifyInstance } from "fastify";
import { quietLevel } from "../http/logging";
import { z } from "zod";
import type { FeatureContext } from "../feature-context";

/** /healthz: the process answers. /readyz: and its database answers too. */
export async function healthRoutes(app: FastifyInstance, context: FeatureContext): Promise<void> {
  app.get("/healthz", { logLevel: quietLevel(context.config.logLevel) }, async () => ({
    status: "ok",
  }));
  app.get("/readyz", { logLevel: quietLevel(context.config.logLevel) }, async (request, reply) => {
    try {
      await context.store.ping();
      return { status: "ready", database: context.store.dialect };
    } catch (error) {
      request.log.warn({ err: error }, "database not reachable");
      request.errorCode = "database-unreachable";
      return reply
        .code(503)
        .send({ error: "database-unreachable", message: "the database does not answer" });
    }
  });
  const status = z.object({ status: z.string() });
  context.openapi.add({
    method: "get",
    path: "/healthz",
    summary: "Liveness.",
    auth: false,
    responses: { 200: { description: "Running.", schema: status } },
  });
  context.openapi.add({
    method: "get",
    path: "/readyz",
    summary: "Readiness: the database answers.",
    auth: false,
    responses: {
      200: { description: "Ready.", schema: status },
      503: { description: "The database does not answer.", schema: null },
    },
  });
}
