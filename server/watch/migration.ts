import type { Kysely, Migration } from "kysely";

/** The tenant's own critical senders, its catalogue opt-outs and the watch's audit log. */
export const watchSendersMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("watch_senders")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("tenant_id", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("value", "text", (c) => c.notNull())
      .addColumn("subdomains", "integer", (c) => c.notNull())
      .addColumn("label", "text", (c) => c.notNull())
      .addColumn("note", "text", (c) => c.notNull())
      .addColumn("added_by", "text", (c) => c.notNull())
      .addColumn("added_at", "text", (c) => c.notNull())
      // Each report looks its sender up by (tenant, value IN candidates).
      .addUniqueConstraint("watch_senders_one_per_value", ["tenant_id", "value"])
      .execute();
    await db.schema
      .createTable("watch_catalogue_off")
      .addColumn("tenant_id", "text", (c) => c.notNull())
      .addColumn("entry_id", "text", (c) => c.notNull())
      .addColumn("removed_by", "text", (c) => c.notNull())
      .addColumn("removed_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("watch_catalogue_off_pk", ["tenant_id", "entry_id"])
      .execute();
    await db.schema
      .createTable("watch_audit")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("tenant_id", "text", (c) => c.notNull())
      .addColumn("action", "text", (c) => c.notNull())
      .addColumn("subject", "text", (c) => c.notNull())
      .addColumn("actor", "text", (c) => c.notNull())
      .addColumn("note", "text", (c) => c.notNull())
      .addColumn("at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("watch_audit_by_time")
      .on("watch_audit")
      .columns(["tenant_id", "at", "id"])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of ["watch_audit", "watch_catalogue_off", "watch_senders"]) {
      await db.schema.dropTable(table).execute();
    }
  },
};

/** Alerts, the tenant's alert channels and the outbox of deliveries. */
export const watchAlertsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("watch_alerts")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("tenant_id", "text", (c) => c.notNull())
      .addColumn("sender_key", "text", (c) => c.notNull())
      .addColumn("open_key", "text")
      .addColumn("entry_id", "text", (c) => c.notNull())
      .addColumn("label", "text", (c) => c.notNull())
      .addColumn("authenticated", "integer", (c) => c.notNull())
      .addColumn("proposal_id", "text")
      .addColumn("proposal_status", "text")
      .addColumn("reporters", "integer", (c) => c.notNull())
      .addColumn("reports", "integer", (c) => c.notNull())
      .addColumn("evidence", "text", (c) => c.notNull())
      .addColumn("first_report_at", "text", (c) => c.notNull())
      .addColumn("last_report_at", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("acknowledged_by", "text")
      .addColumn("acknowledged_at", "text")
      // NULLs are distinct in both engines: any number of acknowledged alerts, one open per key.
      .addUniqueConstraint("watch_alerts_one_open", ["tenant_id", "open_key"])
      .execute();
    await db.schema
      .createIndex("watch_alerts_by_time")
      .on("watch_alerts")
      .columns(["tenant_id", "created_at", "id"])
      .execute();
    await db.schema
      .createTable("watch_channels")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("tenant_id", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("language", "text", (c) => c.notNull())
      .addColumn("enabled", "integer", (c) => c.notNull())
      .addColumn("config", "text", (c) => c.notNull())
      .addColumn("created_by", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addColumn("last_state", "text")
      .addColumn("last_at", "text")
      .addColumn("last_error", "text")
      .execute();
    await db.schema
      .createIndex("watch_channels_by_tenant")
      .on("watch_channels")
      .columns(["tenant_id", "created_at"])
      .execute();
    await db.schema
      .createTable("watch_outbox")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("tenant_id", "text", (c) => c.notNull())
      .addColumn("channel_id", "text", (c) => c.notNull())
      .addColumn("alert_id", "text")
      .addColumn("payload", "text", (c) => c.notNull())
      .addColumn("state", "text", (c) => c.notNull())
      .addColumn("attempts", "integer", (c) => c.notNull())
      .addColumn("next_attempt_at", "text", (c) => c.notNull())
      .addColumn("last_error", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("delivered_at", "text")
      .execute();
    // The deliverer's question: which pending deliveries are due (any tenant).
    await db.schema
      .createIndex("watch_outbox_due")
      .on("watch_outbox")
      .columns(["state", "next_attempt_at"])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of ["watch_outbox", "watch_channels", "watch_alerts"]) {
      await db.schema.dropTable(table).execute();
    }
  },
};
