import { sql, type Kysely } from "kysely";
import type {
  SeenInJunkDto,
  SweepMailboxDto,
  SweepMailboxState,
  SweepStatusDto,
} from "../../src/api/sweep-contract";
import type { ProposalStatus } from "../../src/api/contract";
import type { ProposalTables } from "../proposals/schema";
import type { Database } from "../storage/schema";
import { sweepDb, type SweepDb } from "./schema";

/**
 * What the sweep found, read back: the admin API's answers and the watch's trend. Every query
 * is scoped to one tenant.
 */

export interface JunkedPerDay {
  senderKey: string;
  day: string;
  messages: number;
  /** The sender was critical when (one of) its messages of that day was seen. */
  critical: boolean;
}

/**
 * Junked mail per sender per day (YYYY-MM-DD, UTC, by when Exchange received it), from the
 * sweep's daily counts, which outlive the sightings' retention. For the watch's console trend:
 * `from`/`to` are days inclusive; `senderKeys` limits to those senders (the watch's critical
 * list), `criticalOnly` to senders critical when seen.
 */
export async function junkedPerSenderPerDay(
  db: Kysely<Database>,
  tenantId: string,
  options: { from: string; to: string; senderKeys?: readonly string[]; criticalOnly?: boolean },
): Promise<JunkedPerDay[]> {
  if (options.senderKeys && options.senderKeys.length === 0) return [];
  let query = sweepDb(db)
    .selectFrom("sweep_daily")
    .select(["sender_key", "day", "messages", "critical"])
    .where("tenant_id", "=", tenantId)
    .where("day", ">=", options.from)
    .where("day", "<=", options.to);
  if (options.senderKeys) query = query.where("sender_key", "in", [...options.senderKeys]);
  if (options.criticalOnly) query = query.where("critical", "=", 1);
  const rows = await query.orderBy("day").orderBy("sender_key").execute();
  return rows.map((row) => ({
    senderKey: row.sender_key,
    day: row.day,
    messages: Number(row.messages),
    critical: Number(row.critical) === 1,
  }));
}

export async function sweepStatus(
  db: Kysely<Database>,
  tenantId: string,
): Promise<Omit<SweepStatusDto, "enabled" | "intervalMs">> {
  const sweep = sweepDb(db);
  const tenant = await sweep
    .selectFrom("sweep_tenant")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .executeTakeFirst();
  const states = await sweep
    .selectFrom("sweep_mailboxes")
    .select(["state", sql<number>`count(*)`.as("n")])
    .where("tenant_id", "=", tenantId)
    .groupBy("state")
    .execute();
  return {
    state: tenant?.state ?? "idle",
    message: tenant?.message ?? null,
    roundStartedAt: tenant?.round_started_at ?? null,
    roundFinishedAt: tenant?.round_finished_at ?? null,
    roundMessages: Number(tenant?.round_messages ?? 0),
    roundSightings: Number(tenant?.round_sightings ?? 0),
    mailboxes: Object.fromEntries(states.map((row) => [row.state, Number(row.n)])),
  };
}

export async function listMailboxes(
  db: Kysely<Database>,
  tenantId: string,
  options: { state?: SweepMailboxState; limit: number; offset: number },
): Promise<{ items: SweepMailboxDto[]; nextOffset: number | null }> {
  let query = sweepDb(db)
    .selectFrom("sweep_mailboxes")
    .selectAll()
    .where("tenant_id", "=", tenantId);
  if (options.state) query = query.where("state", "=", options.state);
  const rows = await query
    .orderBy("user_id")
    .limit(options.limit + 1)
    .offset(options.offset)
    .execute();
  return {
    items: rows.slice(0, options.limit).map((row) => ({
      userId: row.user_id,
      address: row.address,
      state: row.state,
      message: row.message,
      messages: Number(row.messages),
      sightings: Number(row.sightings),
      retryAt: row.retry_at,
      lastSweptAt: row.last_swept_at,
      lastSuccessAt: row.last_success_at,
    })),
    nextOffset: rows.length > options.limit ? options.offset + options.limit : null,
  };
}

function seenQuery(db: SweepDb, tenantId: string) {
  return db
    .selectFrom("sweep_sightings")
    .select([
      "sender_key",
      sql<number>`count(distinct mailbox_key)`.as("mailboxes"),
      sql<number>`count(*)`.as("messages"),
      sql<number>`max(critical)`.as("critical"),
      sql<string | null>`max(critical_name)`.as("critical_name"),
      sql<string>`min(received_at)`.as("first_seen"),
      sql<string>`max(received_at)`.as("last_seen"),
    ])
    .where("tenant_id", "=", tenantId)
    .groupBy("sender_key");
}

/**
 * Senders seen in Junk worth an admin's look: critical senders from the first mailbox, other
 * authenticated senders once junked in `manyMailboxes` mailboxes. Critical first, then by
 * mailboxes. Each comes with the vouches and proposal it stands beside (read, never written).
 */
export async function seenInJunk(
  db: Kysely<Database>,
  tenantId: string,
  options: { manyMailboxes: number; limit: number; offset: number; senderKey?: string },
): Promise<{ items: SeenInJunkDto[]; nextOffset: number | null }> {
  const sweep = sweepDb(db);
  // One sender (beside its proposal) is shown whatever its count; the list only those that qualify.
  const query = options.senderKey
    ? seenQuery(sweep, tenantId).where("sender_key", "=", options.senderKey)
    : seenQuery(sweep, tenantId).having((eb) =>
        eb.or([
          eb(sql`max(critical)`, "=", 1),
          eb(sql`count(distinct mailbox_key)`, ">=", options.manyMailboxes),
        ]),
      );
  const rows = await query
    .orderBy(sql`max(critical)`, "desc")
    .orderBy(sql`count(distinct mailbox_key)`, "desc")
    .orderBy("sender_key")
    .limit(options.limit + 1)
    .offset(options.offset)
    .execute();
  const page = rows.slice(0, options.limit);
  const keys = page.map((row) => row.sender_key);
  const vouches = new Map<string, { reporters: number; mailboxes: number }>();
  const proposals = new Map<string, { id: string; status: ProposalStatus }>();
  if (keys.length > 0) {
    const aggregates = await db
      .selectFrom("sender_aggregates")
      .select(["sender_key", "reporters", "mailboxes"])
      .where("tenant_id", "=", tenantId)
      .where("sender_key", "in", keys)
      .execute();
    for (const row of aggregates) {
      vouches.set(row.sender_key, { reporters: row.reporters, mailboxes: row.mailboxes });
    }
    const found = await db
      .withTables<ProposalTables>()
      .selectFrom("proposals")
      .select(["id", "sender_key", "status"])
      .where("tenant_id", "=", tenantId)
      .where("sender_key", "in", keys)
      .execute();
    for (const row of found) {
      proposals.set(row.sender_key, { id: row.id, status: row.status as ProposalStatus });
    }
  }
  return {
    items: page.map((row) => {
      const critical = Number(row.critical) === 1;
      const many = Number(row.mailboxes) >= options.manyMailboxes;
      return {
        senderKey: row.sender_key,
        reason: critical ? "critical" : many ? "many-mailboxes" : "seen",
        critical: critical ? { name: row.critical_name ?? row.sender_key } : null,
        mailboxes: Number(row.mailboxes),
        messages: Number(row.messages),
        firstSeen: row.first_seen,
        lastSeen: row.last_seen,
        vouches: vouches.get(row.sender_key) ?? { reporters: 0, mailboxes: 0 },
        proposal: proposals.get(row.sender_key) ?? null,
      };
    }),
    nextOffset: rows.length > options.limit ? options.offset + options.limit : null,
  };
}
