import { sql } from "kysely";
import type { Store } from "../storage";
import { recordCriticalSighting, type CriticalSighting } from "../watch";
import {
  sweepDb,
  type MailboxState,
  type SweepDb,
  type SweepMailboxesTable,
  type SweepTables,
} from "./schema";

/** A message of an authenticated sender seen in Junk, as the sweep keeps it. */
export interface SightingInput {
  mailboxKey: string;
  messageKey: string;
  senderKey: string;
  /** The watch's entry and name of a critical sender, and what the alert shows of the verdict. */
  critical: { name: string; entryId: string; evidence: CriticalSighting["evidence"] } | null;
  verdict: Record<string, unknown>;
  receivedAt: string;
}

export interface PageResult {
  /** Sightings new to the store (a page read again adds none). */
  added: number;
}

export type MailboxRow = Pick<
  SweepMailboxesTable,
  "user_id" | "address" | "state" | "next_link" | "delta_link" | "retry_at"
>;

/** The sweep's writes, each one transaction of the store (group commit on SQLite). */
export class SweepRepository {
  readonly db: SweepDb;
  /** Tenant, sender and day already alerted (bounded; the watch's alert id is the real guard). */
  private readonly alerted = new Set<string>();

  constructor(private readonly store: Store) {
    this.db = sweepDb(store.db);
  }

  private write<T>(work: (db: SweepDb) => Promise<T>): Promise<T> {
    return this.store.write((trx) => work(trx.withTables<SweepTables>()));
  }

  /** The group's members as one listing page found them; a member back in the group restarts. */
  upsertMembers(
    tenantId: string,
    members: { userId: string; address: string | null }[],
    round: string,
  ): Promise<void> {
    if (members.length === 0) return Promise.resolve();
    const now = new Date().toISOString();
    return this.write(async (db) => {
      await db
        .insertInto("sweep_mailboxes")
        .values(
          members.map((member) => ({
            tenant_id: tenantId,
            user_id: member.userId,
            address: member.address,
            state: "pending" as const,
            seen_round: round,
            updated_at: now,
          })),
        )
        .onConflict((conflict) =>
          conflict.columns(["tenant_id", "user_id"]).doUpdateSet({
            address: sql`excluded.address`,
            seen_round: sql`excluded.seen_round`,
            state: sql`case when sweep_mailboxes.state = 'left-group' then 'pending' else sweep_mailboxes.state end`,
          }),
        )
        .execute();
    });
  }

  /** Members the round's listing did not see have left the group: no longer read. */
  markLeft(tenantId: string, round: string): Promise<void> {
    return this.write(async (db) => {
      await db
        .updateTable("sweep_mailboxes")
        .set({ state: "left-group", message: null, updated_at: new Date().toISOString() })
        .where("tenant_id", "=", tenantId)
        .where("seen_round", "<>", round)
        .where("state", "<>", "left-group")
        .execute();
    });
  }

  /** Mailboxes still in the group, by user id after `after`: the round walks them in pages. */
  mailboxesAfter(tenantId: string, after: string, limit: number): Promise<MailboxRow[]> {
    return this.db
      .selectFrom("sweep_mailboxes")
      .select(["user_id", "address", "state", "next_link", "delta_link", "retry_at"])
      .where("tenant_id", "=", tenantId)
      .where("state", "<>", "left-group")
      .where("user_id", ">", after)
      .orderBy("user_id")
      .limit(limit)
      .execute();
  }

  /**
   * One delta page, in one transaction: its sightings (each new one also counted in its day),
   * the mailbox's counters and where to continue. Stored together, so a restart resumes after
   * the last page stored and a page is never half counted.
   */
  async recordPage(
    tenantId: string,
    userId: string,
    page: {
      sightings: SightingInput[];
      messages: number;
      next: string | null;
      delta: string | null;
      /** What the admin should know of this read though it went well (a restart after 410). */
      note: string | null;
      /** For the console link in the alerts of critical senders (VOUCH_PUBLIC_ORIGIN). */
      publicOrigin: string;
    },
  ): Promise<PageResult> {
    const now = new Date().toISOString();
    const alerted: string[] = [];
    const result = await this.write(async (db) => {
      // One statement for the page's sightings, one for their days: a page is one round trip
      // each, not two per message. RETURNING names only the rows new to the store.
      const inserted = page.sightings.length
        ? await db
            .insertInto("sweep_sightings")
            .values(
              page.sightings.map((sighting) => ({
                tenant_id: tenantId,
                mailbox_key: sighting.mailboxKey,
                message_key: sighting.messageKey,
                sender_key: sighting.senderKey,
                critical: sighting.critical ? 1 : 0,
                critical_name: sighting.critical?.name ?? null,
                verdict: JSON.stringify(sighting.verdict),
                received_at: sighting.receivedAt,
                day: sighting.receivedAt.slice(0, 10),
                created_at: now,
              })),
            )
            .onConflict((conflict) =>
              conflict.columns(["tenant_id", "mailbox_key", "message_key"]).doNothing(),
            )
            .returning(["sender_key", "day", "critical"])
            .execute()
        : [];
      const days = new Map<
        string,
        { sender_key: string; day: string; n: number; critical: number }
      >();
      for (const row of inserted) {
        const key = `${row.sender_key}\u0000${row.day}`;
        const known = days.get(key);
        if (known) {
          known.n++;
          known.critical = Math.max(known.critical, Number(row.critical));
        } else {
          days.set(key, { ...row, n: 1, critical: Number(row.critical) });
        }
      }
      if (days.size > 0) {
        await db
          .insertInto("sweep_daily")
          .values(
            [...days.values()].map((day) => ({
              tenant_id: tenantId,
              sender_key: day.sender_key,
              day: day.day,
              messages: day.n,
              critical: day.critical,
            })),
          )
          .onConflict((conflict) =>
            conflict.columns(["tenant_id", "sender_key", "day"]).doUpdateSet({
              messages: sql`sweep_daily.messages + excluded.messages`,
              critical: sql`case when excluded.critical > sweep_daily.critical then excluded.critical else sweep_daily.critical end`,
            }),
          )
          .execute();
      }
      for (const day of days.values()) {
        const key = `${tenantId}\u0000${day.sender_key}\u0000${day.day}`;
        if (day.critical !== 1 || this.alerted.has(key)) continue;
        await this.alertCritical(db, tenantId, day, page.sightings, page.publicOrigin);
        alerted.push(key);
      }
      const added = inserted.length;
      await db
        .updateTable("sweep_mailboxes")
        .set({
          state: "ok",
          message: page.note,
          retry_at: null,
          next_link: page.next,
          ...(page.delta ? { delta_link: page.delta, last_success_at: now } : {}),
          messages: sql`messages + ${page.messages}`,
          sightings: sql`sightings + ${added}`,
          last_swept_at: now,
          updated_at: now,
        })
        .where("tenant_id", "=", tenantId)
        .where("user_id", "=", userId)
        .execute();
      return { added };
    });
    // Only once committed: a page rolled back alerts again when it is read again.
    if (this.alerted.size + alerted.length > 10_000) this.alerted.clear();
    for (const key of alerted) this.alerted.add(key);
    return result;
  }

  /**
   * A critical sender's first sighting of a day alerts admins through the watch (once per sender
   * and day: the watch's alert id says so; the set only saves asking again in this process).
   */
  private async alertCritical(
    db: SweepDb,
    tenantId: string,
    day: { sender_key: string; day: string },
    sightings: SightingInput[],
    publicOrigin: string,
  ): Promise<void> {
    const first = sightings.find(
      (sighting) =>
        sighting.senderKey === day.sender_key &&
        sighting.receivedAt.startsWith(day.day) &&
        sighting.critical,
    );
    if (!first?.critical) return;
    const seen = await db
      .selectFrom("sweep_sightings")
      .select((eb) => eb.fn.count<number>("mailbox_key").distinct().as("n"))
      .where("tenant_id", "=", tenantId)
      .where("sender_key", "=", day.sender_key)
      .where("day", "=", day.day)
      .executeTakeFirstOrThrow();
    await recordCriticalSighting(
      db,
      {
        tenantId,
        senderKey: day.sender_key,
        match: { entryId: first.critical.entryId, label: first.critical.name },
        day: day.day,
        mailboxes: Number(seen.n),
        receivedAt: first.receivedAt,
        evidence: first.critical.evidence,
      },
      { publicOrigin, now: new Date() },
    );
  }

  /** A mailbox that could not be read this time; its links stay unless `forgetLinks`. */
  setMailboxState(
    tenantId: string,
    userId: string,
    state: MailboxState,
    message: string | null,
    options: { retryAt?: string | null; forgetLinks?: boolean } = {},
  ): Promise<void> {
    const now = new Date().toISOString();
    return this.write(async (db) => {
      await db
        .updateTable("sweep_mailboxes")
        .set({
          state,
          message: message?.slice(0, 500) ?? null,
          retry_at: options.retryAt ?? null,
          ...(options.forgetLinks ? { next_link: null, delta_link: null } : {}),
          last_swept_at: now,
          updated_at: now,
        })
        .where("tenant_id", "=", tenantId)
        .where("user_id", "=", userId)
        .execute();
    });
  }

  /**
   * Takes the tenant's round for `owner` until `until`, unless another process holds it: with
   * several service processes on one PostgreSQL, one sweeps and the others skip the round.
   */
  takeRound(
    tenantId: string,
    owner: string,
    until: Date,
    options: { renew?: boolean } = {},
  ): Promise<boolean> {
    const now = new Date().toISOString();
    if (options.renew) {
      // Only extends a lease this owner still holds; the round's counters stay as they are.
      return this.write(async (db) => {
        const renewed = await db
          .updateTable("sweep_tenant")
          .set({ lease_until: until.toISOString(), updated_at: now })
          .where("tenant_id", "=", tenantId)
          .where("lease_owner", "=", owner)
          .executeTakeFirst();
        return Number(renewed.numUpdatedRows) > 0;
      });
    }
    return this.write(async (db) => {
      await db
        .insertInto("sweep_tenant")
        .values({ tenant_id: tenantId, state: "idle", updated_at: now })
        .onConflict((conflict) => conflict.column("tenant_id").doNothing())
        .execute();
      const taken = await db
        .updateTable("sweep_tenant")
        .set({
          lease_owner: owner,
          lease_until: until.toISOString(),
          state: "running",
          message: null,
          round_started_at: now,
          round_finished_at: null,
          round_messages: 0,
          round_sightings: 0,
          updated_at: now,
        })
        .where("tenant_id", "=", tenantId)
        .where((eb) =>
          eb.or([
            eb("lease_owner", "is", null),
            eb("lease_owner", "=", owner),
            eb("lease_until", "<", now),
          ]),
        )
        .executeTakeFirst();
      return Number(taken.numUpdatedRows) > 0;
    });
  }

  finishRound(
    tenantId: string,
    owner: string,
    outcome: { state: "ok" | "error"; message: string | null; messages: number; sightings: number },
  ): Promise<void> {
    const now = new Date().toISOString();
    return this.write(async (db) => {
      await db
        .updateTable("sweep_tenant")
        .set({
          state: outcome.state,
          message: outcome.message?.slice(0, 500) ?? null,
          round_finished_at: now,
          round_messages: outcome.messages,
          round_sightings: outcome.sightings,
          lease_owner: null,
          lease_until: null,
          updated_at: now,
        })
        .where("tenant_id", "=", tenantId)
        .where("lease_owner", "=", owner)
        .execute();
    });
  }

  /** Drops sightings stored before `olderThan` (the daily counts stay); returns how many. */
  purgeSightings(olderThan: Date): Promise<number> {
    return this.write(async (db) => {
      const result = await db
        .deleteFrom("sweep_sightings")
        .where("created_at", "<", olderThan.toISOString())
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    });
  }
}
