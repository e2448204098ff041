import type { Kysely, Migration } from "kysely";

/**
 * No query reads reports by (tenant, reporter, time): a reporter's own lookups go through the
 * unique (tenant, reporter, message id) index. The index only cost every report a write to a
 * page of its own.
 */
export const dropUnusedReporterIndex: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.dropIndex("reports_by_reporter").execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema
      .createIndex("reports_by_reporter")
      .on("reports")
      .columns(["tenant_id", "reporter_id", "created_at"])
      .execute();
  },
};
