import type { Kysely, Migration } from "kysely";

/** The Junk sweep's mailboxes, sightings, daily counts and per-tenant round (schema.ts). */
export const sweepMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("sweep_mailboxes")
      .addColumn("tenant_id", "text", (c) => c.notNull())
      .addColumn("user_id", "text", (c) => c.notNull())
      .addColumn("address", "text")
      .addColumn("state", "text", (c) => c.notNull())
      .addColumn("message", "text")
      .addColumn("next_link", "text")
      .addColumn("delta_link", "text")
      .addColumn("seen_round", "text", (c) => c.notNull())
      .addColumn("messages", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("sightings", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("retry_at", "text")
      .addColumn("last_swept_at", "text")
      .addColumn("last_success_at", "text")
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("sweep_mailboxes_pk", ["tenant_id", "user_id"])
      .execute();
    await db.schema
      .createIndex("sweep_mailboxes_by_state")
      .on("sweep_mailboxes")
      .columns(["tenant_id", "state", "user_id"])
      .execute();

    await db.schema
      .createTable("sweep_sightings")
      .addColumn("tenant_id", "text", (c) => c.notNull())
      .addColumn("mailbox_key", "text", (c) => c.notNull())
      .addColumn("message_key", "text", (c) => c.notNull())
      .addColumn("sender_key", "text", (c) => c.notNull())
      .addColumn("critical", "integer", (c) => c.notNull())
      .addColumn("critical_name", "text")
      .addColumn("verdict", "text", (c) => c.notNull())
      .addColumn("received_at", "text", (c) => c.notNull())
      .addColumn("day", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("sweep_sightings_pk", ["tenant_id", "mailbox_key", "message_key"])
      .execute();
    await db.schema
      .createIndex("sweep_sightings_by_sender")
      .on("sweep_sightings")
      .columns(["tenant_id", "sender_key", "mailbox_key"])
      .execute();
    await db.schema
      .createIndex("sweep_sightings_by_age")
      .on("sweep_sightings")
      .columns(["created_at"])
      .execute();

    await db.schema
      .createTable("sweep_daily")
      .addColumn("tenant_id", "text", (c) => c.notNull())
      .addColumn("sender_key", "text", (c) => c.notNull())
      .addColumn("day", "text", (c) => c.notNull())
      .addColumn("messages", "integer", (c) => c.notNull())
      .addColumn("critical", "integer", (c) => c.notNull())
      .addPrimaryKeyConstraint("sweep_daily_pk", ["tenant_id", "sender_key", "day"])
      .execute();
    await db.schema
      .createIndex("sweep_daily_by_day")
      .on("sweep_daily")
      .columns(["tenant_id", "day"])
      .execute();

    await db.schema
      .createTable("sweep_tenant")
      .addColumn("tenant_id", "text", (c) => c.primaryKey())
      .addColumn("state", "text", (c) => c.notNull())
      .addColumn("message", "text")
      .addColumn("round_started_at", "text")
      .addColumn("round_finished_at", "text")
      .addColumn("round_messages", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("round_sightings", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("lease_owner", "text")
      .addColumn("lease_until", "text")
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
  },

  async down(db: Kysely<unknown>) {
    for (const table of ["sweep_tenant", "sweep_daily", "sweep_sightings", "sweep_mailboxes"]) {
      await db.schema.dropTable(table).execute();
    }
  },
};
