import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../storage/schema";
import type { AlertLanguage, AlertMessage } from "./alert-message";
import { parseStoredConfig } from "./channels";
import { deliver, TokenCache, type DeliveryContext, type GraphEndpoints } from "./deliver";
import { isTransient, OutboundError, type OutboundPolicy } from "./outbound";
import { watchDb, type WatchDb } from "./schema";

export interface RetryPolicy {
  /** The wait after the first failure; doubles with each further one. */
  baseMs: number;
  /** The longest wait between attempts. */
  maxMs: number;
  /** Attempts before a delivery is given up as failed. */
  maxAttempts: number;
}

/** The wait before attempt `attempt + 1` after `attempt` failures (1-based), Retry-After honoured. */
export function backoffMs(policy: RetryPolicy, attempt: number, retryAfterSeconds: number | null) {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const asked = retryAfterSeconds === null ? 0 : Math.min(policy.maxMs, retryAfterSeconds * 1000);
  return Math.max(exponential, asked);
}

/**
 * Queues one message for each enabled channel of the tenant, through the caller's handle: in a
 * report's transaction the deliveries commit with the alert or not at all.
 */
export async function enqueueForChannels(
  db: Kysely<Database>,
  tenantId: string,
  alertId: string | null,
  message: AlertMessage,
  now: Date,
  onlyChannel: string | null = null,
): Promise<number> {
  const watch = watchDb(db);
  let query = watch
    .selectFrom("watch_channels")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("enabled", "=", 1);
  if (onlyChannel) query = query.where("id", "=", onlyChannel);
  const channels = await query.execute();
  if (channels.length === 0) return 0;
  const stamp = now.toISOString();
  await watch
    .insertInto("watch_outbox")
    .values(
      channels.map((channel) => ({
        id: randomUUID(),
        tenant_id: tenantId,
        channel_id: channel.id,
        alert_id: alertId,
        payload: JSON.stringify(message),
        state: "pending",
        attempts: 0,
        next_attempt_at: stamp,
        last_error: null,
        created_at: stamp,
        delivered_at: null,
      })),
    )
    .execute();
  return channels.length;
}

export interface DelivererOptions {
  retry: RetryPolicy;
  policy: OutboundPolicy;
  endpoints: GraphEndpoints;
  clock?: () => Date;
  /** How long a claimed delivery stays claimed: another process takes it over after. */
  leaseMs?: number;
  batch?: number;
}

/**
 * Works through the outbox: claims due deliveries (optimistically, so several service processes
 * on one PostgreSQL never send one twice within a lease), sends each, and records the outcome
 * on the delivery and on its channel (the console's "last delivery"). A transient failure waits
 * for its backoff; a permanent one, or the last attempt, fails visibly.
 */
export class Deliverer {
  private readonly db: WatchDb;
  private readonly clock: () => Date;
  private readonly tokens = new TokenCache();
  private running: Promise<number> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    db: Kysely<Database>,
    private readonly options: DelivererOptions,
  ) {
    this.db = watchDb(db);
    this.clock = options.clock ?? (() => new Date());
  }

  /** Polls every `intervalMs` until stop(); the timer never keeps the process alive. */
  start(intervalMs: number, onError: (error: unknown) => void): void {
    this.timer = setInterval(() => {
      this.runOnce().catch(onError);
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => 0);
  }

  /** One pass over the due deliveries; resolves with how many it attempted. */
  runOnce(): Promise<number> {
    if (this.running) return this.running;
    this.running = this.pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async pass(): Promise<number> {
    const now = this.clock();
    const due = await this.db
      .selectFrom("watch_outbox")
      .select(["id", "next_attempt_at"])
      .where("state", "=", "pending")
      .where("next_attempt_at", "<=", now.toISOString())
      .orderBy("next_attempt_at")
      .limit(this.options.batch ?? 20)
      .execute();
    let attempted = 0;
    for (const row of due) {
      const lease = new Date(now.getTime() + (this.options.leaseMs ?? 60_000)).toISOString();
      const claimed = await this.db
        .updateTable("watch_outbox")
        .set({ next_attempt_at: lease })
        .where("id", "=", row.id)
        .where("state", "=", "pending")
        .where("next_attempt_at", "=", row.next_attempt_at)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) continue;
      attempted += 1;
      await this.attempt(row.id);
    }
    return attempted;
  }

  private context(): DeliveryContext {
    return {
      policy: this.options.policy,
      endpoints: this.options.endpoints,
      tokens: this.tokens,
      now: this.clock,
    };
  }

  private async attempt(id: string): Promise<void> {
    const row = await this.db
      .selectFrom("watch_outbox")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    const channel = await this.db
      .selectFrom("watch_channels")
      .selectAll()
      .where("tenant_id", "=", row.tenant_id)
      .where("id", "=", row.channel_id)
      .executeTakeFirst();
    const attempts = Number(row.attempts) + 1;
    if (!channel || Number(channel.enabled) !== 1) {
      const reason = channel ? "the channel is turned off" : "the channel was removed";
      await this.finish(id, row.tenant_id, row.channel_id, attempts, { failed: reason });
      return;
    }
    try {
      await deliver(
        channel.id,
        parseStoredConfig(channel),
        (channel.language === "de" ? "de" : "en") as AlertLanguage,
        JSON.parse(row.payload) as AlertMessage,
        this.context(),
      );
      await this.finish(id, row.tenant_id, channel.id, attempts, { delivered: true });
    } catch (error) {
      const reason = error instanceof OutboundError ? error.message : "delivery failed";
      const retryAfter = error instanceof OutboundError ? error.retryAfterSeconds : null;
      if (isTransient(error) && attempts < this.options.retry.maxAttempts) {
        const wait = backoffMs(this.options.retry, attempts, retryAfter);
        await this.finish(id, row.tenant_id, channel.id, attempts, { retryInMs: wait, reason });
      } else {
        await this.finish(id, row.tenant_id, channel.id, attempts, { failed: reason });
      }
    }
  }

  private async finish(
    id: string,
    tenantId: string,
    channelId: string,
    attempts: number,
    outcome: { delivered: true } | { retryInMs: number; reason: string } | { failed: string },
  ): Promise<void> {
    const now = this.clock();
    const stamp = now.toISOString();
    const [delivery, channelState] =
      "delivered" in outcome
        ? [
            { state: "delivered", delivered_at: stamp, last_error: null },
            { last_state: "delivered", last_error: null },
          ]
        : "retryInMs" in outcome
          ? [
              {
                state: "pending",
                next_attempt_at: new Date(now.getTime() + outcome.retryInMs).toISOString(),
                last_error: outcome.reason,
              },
              { last_state: "retrying", last_error: `${outcome.reason} (attempt ${attempts})` },
            ]
          : [
              { state: "failed", last_error: outcome.failed },
              { last_state: "failed", last_error: `${outcome.failed} (attempt ${attempts})` },
            ];
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable("watch_outbox")
        .set({ ...delivery, attempts })
        .where("id", "=", id)
        .execute();
      await trx
        .updateTable("watch_channels")
        .set({ ...channelState, last_at: stamp })
        .where("tenant_id", "=", tenantId)
        .where("id", "=", channelId)
        .execute();
    });
  }
}
