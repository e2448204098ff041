import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { quietLevel } from "../http/logging";
import { sql } from "kysely";
import type { FeatureContext } from "../feature-context";

/**
 * POST /bench/floor, only with VOUCH_BENCH_FLOOR=1: what this server and database can do at
 * best. It takes the same JSON body as a report and inserts one fixed row in its own table,
 * with no auth and no analysis, as durably as a report (the store's own group commit); bench/ingest compares the report route with it. The table is
 * created here, outside the migrations, because it exists only for the benchmark.
 */
export async function benchFloorRoute(
  app: FastifyInstance,
  context: FeatureContext,
): Promise<void> {
  if (!context.config.benchFloor) return;
  const db = context.store.db;
  await sql`create table if not exists bench_floor (id text primary key, kind text not null, created_at text not null)`.execute(
    db,
  );
  app.post(
    "/bench/floor",
    { logLevel: quietLevel(context.config.logLevel) },
    async (_request, reply) => {
      await context.store.write((trx) =>
        sql`insert into bench_floor (id, kind, created_at) values (${randomUUID()}, ${"not-spam"}, ${new Date().toISOString()})`.execute(
          trx,
        ),
      );
      return reply.code(201).send({ ok: true });
    },
  );
}
