import { sql, type Kysely, type Migration } from "kysely";

/** Proposals, their append-only audit log, per-tenant settings and reports per day. */
export const proposalsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("proposals")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("tenant_id", "text", (c) => c.notNull())
      .addColumn("sender_key", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("outcome", "text", (c) => c.notNull())
      .addColumn("strength", "integer", (c) => c.notNull())
      .addColumn("reason", "text", (c) => c.notNull())
      .addColumn("entry", "text")
      .addColumn("entry_kind", "text")
      .addColumn("entry_domain", "text")
      .addColumn("assessment", "text", (c) => c.notNull())
      .addColumn("rules_version", "text", (c) => c.notNull())
      .addColumn("reporters", "integer", (c) => c.notNull())
      .addColumn("mailboxes", "integer", (c) => c.notNull())
      .addColumn("reports", "integer", (c) => c.notNull())
      .addColumn("first_seen", "text", (c) => c.notNull())
      .addColumn("last_seen", "text", (c) => c.notNull())
      .addColumn("decided_by", "text")
      .addColumn("decided_at", "text")
      .addColumn("decision_note", "text")
      .addColumn("expires_at", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addUniqueConstraint("proposals_one_per_sender", ["tenant_id", "sender_key"])
      .execute();
    // The console's list: by strength, optionally within one status.
    await db.schema
      .createIndex("proposals_by_strength")
      .on("proposals")
      .columns(["tenant_id", "strength", "id"])
      .execute();
    await db.schema
      .createIndex("proposals_by_status_strength")
      .on("proposals")
      .columns(["tenant_id", "status", "strength", "id"])
      .execute();
    await db.schema
      .createIndex("proposals_by_entry_domain")
      .on("proposals")
      .columns(["tenant_id", "entry_domain", "entry_kind"])
      .execute();
    await db.schema
      .createIndex("proposals_by_expiry")
      .on("proposals")
      .columns(["tenant_id", "expires_at"])
      .execute();

    await db.schema
      .createTable("proposal_audit")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("tenant_id", "text", (c) => c.notNull())
      .addColumn("proposal_id", "text", (c) => c.notNull())
      .addColumn("sender_key", "text", (c) => c.notNull())
      .addColumn("action", "text", (c) => c.notNull())
      .addColumn("from_status", "text")
      .addColumn("to_status", "text")
      .addColumn("actor", "text", (c) => c.notNull())
      .addColumn("note", "text", (c) => c.notNull())
      .addColumn("at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("proposal_audit_by_time")
      .on("proposal_audit")
      .columns(["tenant_id", "at", "id"])
      .execute();
    await db.schema
      .createIndex("proposal_audit_by_proposal")
      .on("proposal_audit")
      .columns(["tenant_id", "proposal_id", "at"])
      .execute();

    await db.schema
      .createTable("tenant_settings")
      .addColumn("tenant_id", "text", (c) => c.primaryKey())
      .addColumn("settings", "text", (c) => c.notNull())
      .addColumn("updated_by", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("reports_per_day")
      .addColumn("tenant_id", "text", (c) => c.notNull())
      .addColumn("day", "text", (c) => c.notNull())
      .addColumn("reports", "integer", (c) => c.notNull())
      .addPrimaryKeyConstraint("reports_per_day_pk", ["tenant_id", "day"])
      .execute();
  },

  async down(db: Kysely<unknown>) {
    for (const table of ["reports_per_day", "tenant_settings", "proposal_audit", "proposals"]) {
      await db.schema.dropTable(table).execute();
    }
  },
};

/** The sweep's "open and gone quiet" lookup, without scanning every open proposal. */
export const proposalsStaleIndexMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex("proposals_by_status_last_seen")
      .on("proposals")
      .columns(["tenant_id", "status", "last_seen"])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex("proposals_by_status_last_seen").execute();
  },
};

/**
 * What an admin approved, in columns of its own that re-assessment never writes (issue 10 §2):
 * the entry, strength, reason and rules version as approved, who approved and when, the evidence
 * baseline a review compares against, the open review, and `attention` (1 while needs-review),
 * which puts needs-review first in the console's list through its own index.
 */
export const proposalsApprovedEntryMigration: Migration = {
  async up(db: Kysely<unknown>) {
    for (const column of [
      "approved_entry",
      "approved_reason",
      "approved_rules_version",
      "approved_by",
      "approved_at",
      "approved_baseline",
      "review",
    ]) {
      await db.schema.alterTable("proposals").addColumn(column, "text").execute();
    }
    await db.schema.alterTable("proposals").addColumn("approved_strength", "integer").execute();
    await db.schema
      .alterTable("proposals")
      .addColumn("attention", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
    // Entries decided before this migration were approved as their row stands now.
    await sql`update proposals set approved_entry = entry, approved_strength = strength,
      approved_reason = reason, approved_rules_version = rules_version,
      approved_by = decided_by, approved_at = decided_at
      where entry is not null and decided_at is not null
        and status in ('approved', 'applied', 'revoked', 'expired')`.execute(db);
    await db.schema
      .createIndex("proposals_by_attention_strength")
      .on("proposals")
      .columns(["tenant_id", "attention", "strength", "id"])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex("proposals_by_attention_strength").execute();
    for (const column of [
      "attention",
      "approved_strength",
      "review",
      "approved_baseline",
      "approved_at",
      "approved_by",
      "approved_rules_version",
      "approved_reason",
      "approved_entry",
    ]) {
      await db.schema.alterTable("proposals").dropColumn(column).execute();
    }
  },
};
