import type { FastifyInstance } from "fastify";
import {
  SWEEP_PATHS,
  sightingsPageSchema,
  sightingsQuerySchema,
  seenInJunkSchema,
  sweepMailboxPageSchema,
  sweepMailboxQuerySchema,
  sweepRunResultSchema,
  sweepSenderParamsSchema,
  sweepStatusSchema,
  sweepTrendQuerySchema,
  sweepTrendSchema,
} from "../../src/api/sweep-contract";
import { callerOf } from "../auth/plugin";
import type { FeatureContext } from "../feature-context";
import { HttpError, notFound, parseOr400 } from "../http/errors";
import { adminRouteDocs } from "../http/openapi";
import type { Store } from "../storage";
import { watchCriticalSenders } from "./critical";
import { createGraphClient } from "./graph-client";
import { junkedPerSenderPerDay, listMailboxes, seenInJunk, sweepStatus } from "./queries";
import { SweepRepository } from "./repository";
import { startSightingPurge } from "./retention";
import { SweepRunner } from "./runner";

const runners = new WeakMap<Store, SweepRunner>();

/** The running sweep of a service's store, if VOUCH_SWEEP is on (tests start rounds with it). */
export function sweepRunnerOf(store: Store): SweepRunner | undefined {
  return runners.get(store);
}

const DAY_MS = 86_400_000;

/**
 * The opt-in Junk sweep: with VOUCH_SWEEP on, rounds every VOUCH_SWEEP_INTERVAL from the
 * service's start; always, the purge of sightings past the retention and the admin API.
 */
export async function sweepPlugin(app: FastifyInstance, context: FeatureContext): Promise<void> {
  const { config, store } = context;
  const repo = new SweepRepository(store);
  const sweep = config.sweep;
  let runner: SweepRunner | null = null;
  if (sweep) {
    runner = new SweepRunner(
      {
        config,
        sweep,
        repo,
        graph: createGraphClient({ config: sweep }),
        analyzer: context.analyzer,
        isCritical: watchCriticalSenders(store.db),
      },
      app.log,
    );
    runners.set(store, runner);
    const started = runner;
    app.addHook("onReady", async () => started.start(sweep.startDelayMs));
  }
  let stopPurge: (() => void) | null = null;
  app.addHook("onReady", async () => {
    stopPurge = startSightingPurge(repo, {
      retentionDays: config.retentionDays,
      intervalMs: config.purgeIntervalMs,
      log: app.log,
    });
  });
  // Before the analysis pool closes (its onClose hook was added first and runs last).
  app.addHook("onClose", async () => {
    stopPurge?.();
    await runner?.stop();
    runners.delete(store);
  });

  const admin = { preHandler: app.requireAdmin };
  const enabledFor = (tenantId: string) => sweep !== null && sweep.tenantId === tenantId;
  const doc = adminRouteDocs(context.openapi, [400, 401, 403]);

  app.get(SWEEP_PATHS.status, admin, async (request) => {
    const { tenantId } = callerOf(request);
    const enabled = enabledFor(tenantId);
    return {
      enabled,
      intervalMs: enabled && sweep ? sweep.intervalMs : null,
      ...(await sweepStatus(store.db, tenantId)),
    };
  });
  doc({
    method: "get",
    path: SWEEP_PATHS.status,
    summary: "The Junk sweep: on or off, the last round, mailboxes per state.",
    ok: sweepStatusSchema,
  });

  app.post(SWEEP_PATHS.run, admin, async (request, reply) => {
    const { tenantId } = callerOf(request);
    if (!runner || !enabledFor(tenantId)) {
      throw new HttpError(409, "sweep-off", "the Junk sweep is not configured for this tenant");
    }
    const started = !runner.busy;
    runner.runRound().catch((error: unknown) => app.log.error({ err: error }, "sweep round"));
    return reply.code(202).send({ started });
  });
  doc({
    method: "post",
    path: SWEEP_PATHS.run,
    summary: "Start a sweep round now (answers at once; GET the status to follow it).",
    ok: sweepRunResultSchema,
    okStatus: 202,
  });

  app.get(SWEEP_PATHS.mailboxes, admin, async (request) => {
    const { tenantId } = callerOf(request);
    const query = parseOr400(sweepMailboxQuerySchema, request.query, "query");
    return listMailboxes(store.db, tenantId, query);
  });
  doc({
    method: "get",
    path: SWEEP_PATHS.mailboxes,
    summary:
      "The swept mailboxes and their state (out of scope, throttled, ...), a page at a time.",
    query: sweepMailboxQuerySchema,
    ok: sweepMailboxPageSchema,
  });

  const manyMailboxes = sweep?.manyMailboxes ?? 5;
  app.get(SWEEP_PATHS.sightings, admin, async (request) => {
    const { tenantId } = callerOf(request);
    const query = parseOr400(sightingsQuerySchema, request.query, "query");
    return {
      ...(await seenInJunk(store.db, tenantId, { ...query, manyMailboxes })),
      manyMailboxes,
    };
  });
  doc({
    method: "get",
    path: SWEEP_PATHS.sightings,
    summary:
      "Senders seen in Junk (critical, or junked in many mailboxes) beside their vouches; never vouches.",
    query: sightingsQuerySchema,
    ok: sightingsPageSchema,
  });

  app.get(`${SWEEP_PATHS.sightings}/:senderKey`, admin, async (request) => {
    const { tenantId } = callerOf(request);
    const { senderKey } = parseOr400(sweepSenderParamsSchema, request.params, "params");
    const found = await seenInJunk(store.db, tenantId, {
      manyMailboxes,
      limit: 1,
      offset: 0,
      senderKey,
    });
    const item = found.items[0];
    if (!item) throw notFound(`no sighting of ${senderKey}`);
    return item;
  });
  doc({
    method: "get",
    path: `${SWEEP_PATHS.sightings}/{senderKey}`,
    summary: "One sender's seen-in-Junk evidence, for its proposal.",
    params: sweepSenderParamsSchema,
    ok: seenInJunkSchema,
  });

  app.get(SWEEP_PATHS.trend, admin, async (request) => {
    const { tenantId } = callerOf(request);
    const query = parseOr400(sweepTrendQuerySchema, request.query, "query");
    const to = new Date();
    const from = new Date(to.getTime() - (query.days - 1) * DAY_MS);
    const items = await junkedPerSenderPerDay(store.db, tenantId, {
      from: from.toISOString().slice(0, 10),
      to: to.toISOString().slice(0, 10),
      criticalOnly: query.critical,
      ...(query.sender ? { senderKeys: [query.sender] } : {}),
    });
    return { items };
  });
  doc({
    method: "get",
    path: SWEEP_PATHS.trend,
    summary: "Junked mail per sender per day, as the sweep saw it.",
    query: sweepTrendQuerySchema,
    ok: sweepTrendSchema,
  });
}
