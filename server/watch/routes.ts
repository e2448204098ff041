import type { FastifyInstance } from "fastify";
import {
  WATCH_PATHS,
  addCriticalSenderSchema,
  alertListSchema,
  alertQuerySchema,
  alertSchema,
  channelInputSchema,
  channelListSchema,
  channelSchema,
  criticalSenderListSchema,
  criticalSenderSchema,
  entryParamsSchema,
  idParamsSchema,
  noteBodySchema,
  testResultSchema,
  trendQuerySchema,
  trendSchema,
  watchAuditSchema,
  type CriticalSenderDto,
} from "../../src/api/watch-contract";
import { callerOf } from "../auth/plugin";
import type { FeatureContext } from "../feature-context";
import { HttpError, parseOr400 } from "../http/errors";
import { adminRouteDocs } from "../http/openapi";
import { acknowledgeAlert, consoleUrlOf, listAlerts, recordCriticalReport } from "./alerts";
import type { AlertMessage } from "./alert-message";
import { createChannel, deleteChannel, listChannels, updateChannel } from "./channels";
import { Deliverer, enqueueForChannels } from "./outbox";
import { watchDb } from "./schema";
import {
  addCriticalSender,
  criticalSenderOf,
  listCriticalSenders,
  removeCriticalSender,
  restoreCatalogueEntry,
  WatchListError,
  type CriticalSenderView,
} from "./senders";
import { junkedPerSenderPerDay } from "../sweep/queries";
import { criticalTrend } from "./trend";

function dtoOf(view: CriticalSenderView): CriticalSenderDto {
  const { catalogue, ...rest } = view;
  return {
    ...rest,
    category: catalogue?.category ?? null,
    service: catalogue?.service ?? null,
    sources: catalogue ? [...catalogue.sources] : [],
  };
}

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof WatchListError) {
      throw new HttpError(error.status, error.code, error.message);
    }
    throw error;
  }
}

/**
 * The critical-service watch: raises an alert on the first report of a critical sender (in the
 * report's transaction, after the proposals' listener), delivers alerts from the outbox, and
 * the admin routes for the list, the channels, the alerts, the trend and the audit.
 */
export async function watchPlugin(app: FastifyInstance, context: FeatureContext): Promise<void> {
  const { config, store } = context;
  const clock = () => new Date();
  const deliverer = new Deliverer(store.db, {
    retry: config.watch.retry,
    policy: { allowPrivate: config.watch.allowPrivateTargets, timeoutMs: config.watch.timeoutMs },
    endpoints: {
      tokenUrlTemplate: config.watch.graphTokenUrlTemplate,
      graphBase: config.watch.graphBaseUrl,
    },
  });
  // Errors of the store only: delivery failures are recorded on the delivery, never thrown.
  const onError = (error: unknown) =>
    app.log.error(
      { reason: error instanceof Error ? error.message : "unknown" },
      "watch pass failed",
    );
  const kick = () => {
    setTimeout(() => deliverer.runOnce().catch(onError), 50).unref();
  };

  const detach = store.onAggregateChanged(async (trx, evidence, change) => {
    if (change.cause !== "recorded") return;
    const match = await criticalSenderOf(trx, evidence);
    if (!match) return;
    await recordCriticalReport(trx, evidence, change, match, {
      publicOrigin: config.publicOrigin,
      now: clock(),
    });
    kick();
  });
  app.addHook("onReady", async () => {
    deliverer.start(config.watch.pollMs, onError);
    // Deliveries a previous process left waiting go out now, not a poll later.
    kick();
  });
  app.addHook("onClose", async () => {
    detach();
    await deliverer.stop();
  });

  const admin = { preHandler: app.requireAdmin };
  const allowPrivate = config.watch.allowPrivateTargets;
  const doc = adminRouteDocs(context.openapi);

  const senderList = async (tenantId: string) => ({
    items: (await listCriticalSenders(store.db, tenantId)).map(dtoOf),
  });

  app.get(WATCH_PATHS.senders, admin, async (request) => senderList(callerOf(request).tenantId));
  doc({
    method: "get",
    path: WATCH_PATHS.senders,
    summary: "The critical senders: the catalogue (with its sources) and the tenant's own.",
    ok: criticalSenderListSchema,
  });

  app.post(WATCH_PATHS.senders, admin, async (request, reply) => {
    const user = callerOf(request);
    const body = parseOr400(addCriticalSenderSchema, request.body ?? {}, "body");
    const added = await guarded(() =>
      addCriticalSender(store.db, user.tenantId, body, user.userId, clock()),
    );
    return reply.code(201).send(dtoOf(added));
  });
  doc({
    method: "post",
    path: WATCH_PATHS.senders,
    summary: "Add one of the tenant's own critical senders (a domain or an address); audited.",
    body: addCriticalSenderSchema,
    ok: criticalSenderSchema,
    okStatus: 201,
  });

  app.post(`${WATCH_PATHS.senders}/:entryId/remove`, admin, async (request) => {
    const user = callerOf(request);
    const { entryId } = parseOr400(entryParamsSchema, request.params, "params");
    const { note } = parseOr400(noteBodySchema, request.body ?? {}, "body");
    await guarded(() =>
      removeCriticalSender(store.db, user.tenantId, entryId, user.userId, note, clock()),
    );
    return senderList(user.tenantId);
  });
  doc({
    method: "post",
    path: "/api/v1/watch/senders/{entryId}/remove",
    summary: "Take a sender off the list (a catalogue entry only for this tenant); audited.",
    params: entryParamsSchema,
    body: noteBodySchema,
    ok: criticalSenderListSchema,
  });

  app.post(`${WATCH_PATHS.senders}/:entryId/restore`, admin, async (request) => {
    const user = callerOf(request);
    const { entryId } = parseOr400(entryParamsSchema, request.params, "params");
    await guarded(() =>
      restoreCatalogueEntry(store.db, user.tenantId, entryId, user.userId, clock()),
    );
    return senderList(user.tenantId);
  });
  doc({
    method: "post",
    path: "/api/v1/watch/senders/{entryId}/restore",
    summary: "Put a catalogue entry the tenant took off back on its list; audited.",
    params: entryParamsSchema,
    ok: criticalSenderListSchema,
  });

  app.get(WATCH_PATHS.channels, admin, async (request) => ({
    items: await listChannels(store.db, callerOf(request).tenantId),
  }));
  doc({
    method: "get",
    path: WATCH_PATHS.channels,
    summary: "The tenant's alert channels with their last delivery; never a secret.",
    ok: channelListSchema,
  });

  app.post(WATCH_PATHS.channels, admin, async (request, reply) => {
    const user = callerOf(request);
    const body = parseOr400(channelInputSchema, request.body ?? {}, "body");
    const created = await guarded(() =>
      createChannel(store.db, user.tenantId, body, user.userId, clock(), allowPrivate),
    );
    return reply.code(201).send(created);
  });
  doc({
    method: "post",
    path: WATCH_PATHS.channels,
    summary:
      "Add an alert channel: a Teams Workflows webhook, Graph sendMail or a JSON webhook (https to public addresses only).",
    body: channelInputSchema,
    ok: channelSchema,
    okStatus: 201,
  });

  app.put(`${WATCH_PATHS.channels}/:id`, admin, async (request) => {
    const user = callerOf(request);
    const { id } = parseOr400(idParamsSchema, request.params, "params");
    const body = parseOr400(channelInputSchema, request.body ?? {}, "body");
    return guarded(() =>
      updateChannel(store.db, user.tenantId, id, body, user.userId, clock(), allowPrivate),
    );
  });
  doc({
    method: "put",
    path: "/api/v1/watch/channels/{id}",
    summary: "Change an alert channel; secrets left out keep their stored value.",
    params: idParamsSchema,
    body: channelInputSchema,
    ok: channelSchema,
  });

  app.delete(`${WATCH_PATHS.channels}/:id`, admin, async (request, reply) => {
    const user = callerOf(request);
    const { id } = parseOr400(idParamsSchema, request.params, "params");
    await guarded(() => deleteChannel(store.db, user.tenantId, id, user.userId, clock()));
    return reply.code(204).send();
  });
  doc({
    method: "delete",
    path: "/api/v1/watch/channels/{id}",
    summary: "Remove an alert channel; its waiting deliveries are shown failed.",
    params: idParamsSchema,
    ok: null,
    okStatus: 204,
  });

  app.post(`${WATCH_PATHS.channels}/:id/test`, admin, async (request) => {
    const user = callerOf(request);
    const { id } = parseOr400(idParamsSchema, request.params, "params");
    const now = clock();
    const message: AlertMessage = {
      kind: "test",
      alertId: null,
      senderKey: "github.com",
      label: "GitHub",
      authenticated: true,
      reporters: 1,
      reports: 1,
      firstReportAt: now.toISOString(),
      proposal: null,
      evidence: { junked: true, sfv: "SPM", scl: 5, cat: "SPM", dmarc: "pass", compauth: null },
      consoleUrl: consoleUrlOf(config.publicOrigin),
    };
    const queued = await enqueueForChannels(store.db, user.tenantId, null, message, now, id);
    if (queued === 0) throw new HttpError(404, "not-found", "No such enabled alert channel.");
    kick();
    return { queued };
  });
  doc({
    method: "post",
    path: "/api/v1/watch/channels/{id}/test",
    summary: "Queue a test alert for one channel; its last delivery shows the outcome.",
    params: idParamsSchema,
    ok: testResultSchema,
  });

  app.get(WATCH_PATHS.alerts, admin, async (request) => {
    const user = callerOf(request);
    const query = parseOr400(alertQuerySchema, request.query, "query");
    return { items: await listAlerts(store.db, user.tenantId, query) };
  });
  doc({
    method: "get",
    path: WATCH_PATHS.alerts,
    summary: "Alerts about critical senders: the open ones (the console's banner) or the latest.",
    query: alertQuerySchema,
    ok: alertListSchema,
  });

  app.post(`${WATCH_PATHS.alerts}/:id/acknowledge`, admin, async (request) => {
    const user = callerOf(request);
    const { id } = parseOr400(idParamsSchema, request.params, "params");
    return guarded(() => acknowledgeAlert(store.db, user.tenantId, id, user.userId, clock()));
  });
  doc({
    method: "post",
    path: "/api/v1/watch/alerts/{id}/acknowledge",
    summary:
      "Acknowledge an alert: the banner drops it; the sender's next report raises a new one.",
    params: idParamsSchema,
    ok: alertSchema,
  });

  app.get(WATCH_PATHS.trend, admin, async (request) => {
    const user = callerOf(request);
    const { days } = parseOr400(trendQuerySchema, request.query, "query");
    return criticalTrend(store.db, user.tenantId, {
      now: clock(),
      days,
      // What the Junk sweep saw, when it runs (never counted as reports).
      sightings: config.sweep ? junkedPerSenderPerDay : null,
    });
  });
  doc({
    method: "get",
    path: WATCH_PATHS.trend,
    summary: "Junked critical mail per sender per day: reports, and the Junk sweep's sightings.",
    query: trendQuerySchema,
    ok: trendSchema,
  });

  app.get(WATCH_PATHS.audit, admin, async (request) => {
    const tenantId = callerOf(request).tenantId;
    const rows = await watchDb(store.db)
      .selectFrom("watch_audit")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .orderBy("at", "desc")
      .orderBy("id", "desc")
      .limit(100)
      .execute();
    return {
      items: rows.map((row) => ({
        id: row.id,
        action: row.action,
        subject: row.subject,
        actor: row.actor,
        note: row.note,
        at: row.at,
      })),
    };
  });
  doc({
    method: "get",
    path: WATCH_PATHS.audit,
    summary: "Who changed the critical senders and the alert channels, newest first.",
    ok: watchAuditSchema,
  });
}
