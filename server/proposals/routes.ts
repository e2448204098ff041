import type { FastifyInstance, FastifyReply } from "fastify";
import {
  ADMIN_PATHS,
  CONFIRMED_ACTIONS,
  auditPageSchema,
  auditQuerySchema,
  decisionActionSchema,
  decisionBodySchema,
  decisionResultSchema,
  exportAllQuerySchema,
  exportQuerySchema,
  idParamsSchema,
  insightsResponseSchema,
  proposalDetailSchema,
  proposalListQuerySchema,
  proposalPageSchema,
  statsQuerySchema,
  statsResponseSchema,
  tenantSettingsDtoSchema,
  tenantSettingsPatchSchema,
} from "../../src/api/admin-contract";
import { callerOf } from "../auth/plugin";
import { ExportError, type ExportFile } from "../exports";
import type { FeatureContext } from "../feature-context";
import { HttpError, parseOr400 } from "../http/errors";
import { adminRouteDocs } from "../http/openapi";
import { ProposalError, ProposalService, attachProposals } from "./service";
import { withDefaults } from "./settings";

function asHttp(error: unknown): never {
  if (error instanceof ProposalError) throw new HttpError(error.status, error.code, error.message);
  if (error instanceof ExportError) {
    const status = error.code === "over-limit" || error.code === "cannot-express" ? 422 : 409;
    throw new HttpError(status, error.code, error.message);
  }
  throw error;
}

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    return asHttp(error);
  }
}

function sendFile(reply: FastifyReply, file: ExportFile): FastifyReply {
  return reply
    .header("content-type", file.contentType)
    .header("content-disposition", `attachment; filename="${file.fileName}"`)
    .send(file.body);
}

/**
 * The admin API: proposals, decisions, exports, insights, audit, stats, settings. Every route
 * is admin only and scoped to the caller's tenant. Also keeps proposal rows current as reports
 * arrive (the aggregate listener) and answers the pane's proposal lookup.
 */
export async function proposalsPlugin(
  app: FastifyInstance,
  context: FeatureContext,
): Promise<void> {
  const service = new ProposalService(context.store);
  const detach = attachProposals(context.store, undefined, service.settingsCache);
  app.addHook("onClose", async () => detach());
  context.proposals.lookup = (tenantId, senderKey) => service.lookup(tenantId, senderKey);
  context.proposals.reportToMicrosoft = async (tenantId) =>
    (await service.settings(tenantId)).reportToMicrosoft;

  const admin = { preHandler: app.requireAdmin };
  const doc = adminRouteDocs(context.openapi);

  app.get(ADMIN_PATHS.proposals, admin, async (request) => {
    const user = callerOf(request);
    const query = parseOr400(proposalListQuerySchema, request.query, "query");
    return service.list(user.tenantId, query);
  });
  doc({
    method: "get",
    path: ADMIN_PATHS.proposals,
    summary: "Proposals ranked by strength, optionally of one status, a page at a time.",
    query: proposalListQuerySchema,
    ok: proposalPageSchema,
  });

  // Before /:id so that "export" is not taken for an id.
  app.get(`${ADMIN_PATHS.proposals}/export`, admin, async (request, reply) => {
    const user = callerOf(request);
    const query = parseOr400(exportAllQuerySchema, request.query, "query");
    const file = await guarded(() => service.exportMany(user.tenantId, query.format, query.scope));
    return sendFile(reply, file);
  });
  doc({
    method: "get",
    path: `${ADMIN_PATHS.proposals}/export`,
    summary: "Every approved proposal (or the removal of revoked ones) as one export.",
    query: exportAllQuerySchema,
    ok: null,
  });

  app.get(`${ADMIN_PATHS.proposals}/:id`, admin, async (request) => {
    const user = callerOf(request);
    const { id } = parseOr400(idParamsSchema, request.params, "params");
    return guarded(() => service.detail(user.tenantId, id));
  });
  doc({
    method: "get",
    path: `${ADMIN_PATHS.proposals}/{id}`,
    summary: "One proposal with its evidence and its audit trail.",
    params: idParamsSchema,
    ok: proposalDetailSchema,
  });

  app.post(`${ADMIN_PATHS.proposals}/:id/:action`, admin, async (request) => {
    const user = callerOf(request);
    const params = request.params as { id?: unknown; action?: unknown };
    const { id } = parseOr400(idParamsSchema, { id: params.id }, "params");
    const action = decisionActionSchema.safeParse(params.action);
    if (!action.success) {
      throw new HttpError(
        404,
        "not-found",
        `no such action: use ${decisionActionSchema.options.join(", ")}`,
      );
    }
    const body = parseOr400(decisionBodySchema, request.body ?? {}, "body");
    return guarded(() => service.decide(user.tenantId, id, action.data, user.userId, body));
  });
  for (const action of decisionActionSchema.options) {
    doc({
      method: "post",
      path: `${ADMIN_PATHS.proposals}/{id}/${action}`,
      summary: CONFIRMED_ACTIONS.includes(action)
        ? `${action} a proposal: needs a note (kept in the audit log) and confirm: true; answers the removal script of an approved entry it takes back.`
        : `${action} a proposal, with a note kept in the audit log.`,
      params: idParamsSchema,
      body: decisionBodySchema,
      ok: decisionResultSchema,
    });
  }

  app.get(`${ADMIN_PATHS.proposals}/:id/export`, admin, async (request, reply) => {
    const user = callerOf(request);
    const { id } = parseOr400(idParamsSchema, request.params, "params");
    const query = parseOr400(exportQuerySchema, request.query, "query");
    const file = await guarded(() => service.exportOne(user.tenantId, id, query.format));
    return sendFile(reply, file);
  });
  doc({
    method: "get",
    path: `${ADMIN_PATHS.proposals}/{id}/export`,
    summary: "One proposal as PowerShell, a mail flow rule, CSV or JSON.",
    params: idParamsSchema,
    query: exportQuerySchema,
    ok: null,
  });

  app.get(ADMIN_PATHS.insights, admin, async (request) => {
    return service.insights(callerOf(request).tenantId);
  });
  doc({
    method: "get",
    path: ADMIN_PATHS.insights,
    summary: "Causes an allow cannot fix, with the setting to look at.",
    ok: insightsResponseSchema,
  });

  app.get(ADMIN_PATHS.audit, admin, async (request) => {
    const user = callerOf(request);
    const query = parseOr400(auditQuerySchema, request.query, "query");
    return service.audit(user.tenantId, query);
  });
  doc({
    method: "get",
    path: ADMIN_PATHS.audit,
    summary: "The append-only log of decisions and lifecycle changes, newest first.",
    query: auditQuerySchema,
    ok: auditPageSchema,
  });

  app.get(ADMIN_PATHS.stats, admin, async (request) => {
    const user = callerOf(request);
    const query = parseOr400(statsQuerySchema, request.query, "query");
    return service.stats(user.tenantId, query.days);
  });
  doc({
    method: "get",
    path: ADMIN_PATHS.stats,
    summary: "Reports per day, the top senders and proposals per status.",
    query: statsQuerySchema,
    ok: statsResponseSchema,
  });

  app.get(ADMIN_PATHS.settings, admin, async (request) => {
    return service.settings(callerOf(request).tenantId);
  });
  app.put(ADMIN_PATHS.settings, admin, async (request) => {
    const user = callerOf(request);
    const patch = parseOr400(tenantSettingsPatchSchema, request.body ?? {}, "body");
    const current = await service.settings(user.tenantId);
    const next = withDefaults({ ...current, ...patch });
    return service.updateSettings(user.tenantId, next, user.userId);
  });
  doc({
    method: "get",
    path: ADMIN_PATHS.settings,
    summary: "The tenant's proposal rule settings.",
    ok: tenantSettingsDtoSchema,
  });
  doc({
    method: "put",
    path: ADMIN_PATHS.settings,
    summary: "Change the tenant's proposal rule settings; every sender is re-assessed.",
    body: tenantSettingsPatchSchema,
    ok: tenantSettingsDtoSchema,
  });
}
