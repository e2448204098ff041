import { sql, type Kysely, type Migration } from "kysely";

/** Reports and the per-sender aggregates kept current as they arrive. */
export const reportsAndSenders: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("reports")
      .addColumn("id", "text", (column) => column.primaryKey())
      .addColumn("tenant_id", "text", (column) => column.notNull())
      .addColumn("reporter_id", "text", (column) => column.notNull())
      .addColumn("internet_message_id", "text", (column) => column.notNull())
      .addColumn("kind", "text", (column) => column.notNull())
      .addColumn("comment", "text")
      .addColumn("mailbox", "text", (column) => column.notNull())
      .addColumn("sender_key", "text")
      .addColumn("sender_kind", "text")
      .addColumn("sender_authenticated", "integer", (column) => column.notNull())
      .addColumn("sender_via", "text")
      .addColumn("from_domain", "text")
      .addColumn("summary", "text", (column) => column.notNull())
      .addColumn("signals", "text", (column) => column.notNull())
      .addColumn("raw_headers", "text")
      .addColumn("created_at", "text", (column) => column.notNull())
      .addColumn("retracted_at", "text")
      .addUniqueConstraint("reports_once_per_reporter_and_message", [
        "tenant_id",
        "reporter_id",
        "internet_message_id",
      ])
      .execute();
    await db.schema
      .createIndex("reports_by_message")
      .on("reports")
      .columns(["tenant_id", "internet_message_id"])
      .execute();
    // first_seen / last_seen are recomputed from here when a retraction removes an end point.
    await db.schema
      .createIndex("reports_by_sender")
      .on("reports")
      .columns(["tenant_id", "sender_key", "created_at"])
      .execute();
    await db.schema
      .createIndex("reports_by_reporter")
      .on("reports")
      .columns(["tenant_id", "reporter_id", "created_at"])
      .execute();
    // Only the reports still holding raw headers: what the purge looks for.
    await db.schema
      .createIndex("reports_with_headers_by_age")
      .on("reports")
      .column("created_at")
      .where(sql.ref("raw_headers"), "is not", null)
      .execute();

    await db.schema
      .createTable("sender_aggregates")
      .addColumn("tenant_id", "text", (column) => column.notNull())
      .addColumn("sender_key", "text", (column) => column.notNull())
      .addColumn("kind", "text", (column) => column.notNull())
      .addColumn("authenticated", "integer", (column) => column.notNull())
      .addColumn("reporters", "integer", (column) => column.notNull())
      .addColumn("mailboxes", "integer", (column) => column.notNull())
      .addColumn("reports", "integer", (column) => column.notNull())
      .addColumn("not_spam", "integer", (column) => column.notNull())
      .addColumn("trusted_sender", "integer", (column) => column.notNull())
      .addColumn("first_seen", "text", (column) => column.notNull())
      .addColumn("last_seen", "text", (column) => column.notNull())
      .addPrimaryKeyConstraint("sender_aggregates_pk", ["tenant_id", "sender_key"])
      .execute();
    for (const column of ["reporters", "reports", "last_seen"] as const) {
      await db.schema
        .createIndex(`sender_aggregates_by_${column}`)
        .on("sender_aggregates")
        .columns(["tenant_id", column, "sender_key"])
        .execute();
    }

    const counter = (table: string, column: string, primaryKey: string) =>
      db.schema
        .createTable(table)
        .addColumn("tenant_id", "text", (c) => c.notNull())
        .addColumn("sender_key", "text", (c) => c.notNull())
        .addColumn(column, "text", (c) => c.notNull())
        .addColumn("active_reports", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint(primaryKey, ["tenant_id", "sender_key", column])
        .execute();
    await counter("sender_reporters", "reporter_id", "sender_reporters_pk");
    await counter("sender_mailboxes", "mailbox", "sender_mailboxes_pk");
    await counter("sender_signals", "signal", "sender_signals_pk");
  },

  async down(db: Kysely<unknown>) {
    for (const table of [
      "sender_signals",
      "sender_mailboxes",
      "sender_reporters",
      "sender_aggregates",
      "reports",
    ]) {
      await db.schema.dropTable(table).execute();
    }
  },
};
