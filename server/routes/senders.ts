import type { FastifyInstance } from "fastify";
import {
  API_PREFIX,
  senderStatusQuerySchema,
  senderStatusSchema,
  type SenderStatus,
} from "../../src/api/contract";
import { callerOf } from "../auth/plugin";
import type { FeatureContext } from "../feature-context";
import { parseOr400 } from "../http/errors";
import { NO_SENDER, senderStatusOf } from "./sender-status";

/**
 * GET /api/v1/senders/status?internetMessageId=... | ?sender=...: what the pane shows under
 * "colleagues". A message or sender nobody in the tenant reported yet is a status too (zero
 * counts, sender null for an unknown message), not a 404.
 */
export async function senderRoutes(app: FastifyInstance, context: FeatureContext): Promise<void> {
  const { store } = context;
  app.get(`${API_PREFIX}/senders/status`, { preHandler: app.authenticate }, async (request) => {
    const user = callerOf(request);
    const query = parseOr400(senderStatusQuerySchema, request.query, "query");
    const key =
      query.sender !== undefined
        ? query.sender.trim().toLowerCase()
        : await store.senders.keyOfMessage(user.tenantId, query.internetMessageId ?? "");
    if (key === null) return NO_SENDER;
    const counts = await store.senders.status(user.tenantId, key, user.userId);
    const status: SenderStatus = counts
      ? await senderStatusOf(context, user.tenantId, counts)
      : { ...NO_SENDER, sender: key };
    return status;
  });
  context.openapi.add({
    method: "get",
    path: `${API_PREFIX}/senders/status`,
    summary: "How many colleagues vouched for a sender, and its proposal.",
    query: senderStatusQuerySchema,
    responses: { 200: { description: "The sender's status.", schema: senderStatusSchema } },
  });
}
