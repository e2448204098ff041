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
