import type { FastifyInstance } from "fastify";
import { API_PREFIX } from "../../src/api/contract";
import { reputationQuerySchema, reputationResponseSchema } from "../../src/api/reputation-contract";
import { callerOf } from "../auth/plugin";
import type { FeatureContext } from "../feature-context";
import { parseOr400 } from "../http/errors";
import type { VouchedBy } from "../../src/analysis/identity";
import { senderKeyFor } from "../identity/sender-key";
import { ProposalService } from "../proposals/service";
import { createReputationChecker } from "./checker";

export const REPUTATION_PATH = `${API_PREFIX}/reputation`;

/** The key a report of mail from this address would count towards (sender-key.ts). */
function senderKeyOfAddress(address: string, via: VouchedBy | null): string | null {
  const at = address.lastIndexOf("@");
  if (at <= 0 || at === address.length - 1) return null;
  return senderKeyFor({ address, domain: address.slice(at + 1) }, via ? { via } : null).key;
}

/**
 * senderKeyOfAddress, remembered: the identity checks behind it (UTS #46, the look-alike
 * skeletons) were a third of the cached answer's time, and a pane asks about the same few
 * senders over and over. The key depends on nothing but its input, never on the tenant.
 */
function rememberedSenderKeys(limit = 10_000) {
  const known = new Map<string, string | null>();
  return (address: string, via: VouchedBy | null): string | null => {
    const key = `${via ?? ""}\u0000${address}`;
    let answer = known.get(key);
    if (answer === undefined) {
      if (known.size >= limit) known.clear();
      answer = senderKeyOfAddress(address, via);
      known.set(key, answer);
    }
    return answer;
  };
}

/**
 * GET /api/v1/reputation: the pane's reputation section (issue 14 §1). Authenticated like the
 * pane's other reads, scoped to the caller's tenant; answers within VOUCH_LIVE_FACT_TIMEOUT
 * with each fact checked or "not checked". Also checks each reported sender's domain age in
 * the background, for the rules (checker.ts).
 */
export async function reputationPlugin(
  app: FastifyInstance,
  context: FeatureContext,
): Promise<void> {
  const { store } = context;
  const checker = createReputationChecker({
    config: context.config.reputation,
    store,
    proposals: new ProposalService(store),
    onError: (error) => app.log.warn({ err: error }, "reputation check failed"),
  });
  const detach = store.onAggregateChanged(async (_trx, evidence, change) => {
    checker.forget(evidence.tenantId, evidence.senderKey);
    if (change.cause === "recorded") {
      checker.checkSenderLater(evidence.tenantId, evidence.senderKey);
    }
  });
  const senderKeyOf = rememberedSenderKeys();
  app.addHook("onClose", async () => {
    detach();
    await checker.idle();
  });

  app.get(REPUTATION_PATH, { preHandler: app.authenticate }, async (request) => {
    const user = callerOf(request);
    const query = parseOr400(reputationQuerySchema, request.query, "query");
    const senderKey =
      query.sender !== undefined
        ? query.sender.trim().toLowerCase()
        : query.from !== undefined
          ? senderKeyOf(query.from, query.vouchedBy ?? null)
          : query.internetMessageId !== undefined
            ? await store.senders.keyOfMessage(user.tenantId, query.internetMessageId)
            : null;
    return checker.answer(user.tenantId, query, senderKey);
  });
  context.openapi.add({
    method: "get",
    path: REPUTATION_PATH,
    summary:
      "The sender's reputation: the organisation's reports and decisions, and live DNS and RDAP facts, each checked or not checked.",
    query: reputationQuerySchema,
    responses: {
      200: { description: "The reputation facts.", schema: reputationResponseSchema },
      400: { description: "A malformed query.", schema: null },
      401: { description: "No valid token.", schema: null },
    },
  });
}
