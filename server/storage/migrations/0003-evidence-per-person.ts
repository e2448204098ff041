import { PostgresAdapter, sql, type Kysely, type Migration } from "kysely";
import { MAILBOX_KEY_PREFIX } from "../mailbox-key";

/**
 * Evidence per distinct person, never per report (issue 10): a count of people per signal and
 * per trusted-sender kind beside the report counts, and mailboxes that count a claimed mailbox
 * as the reporter's own (mailbox-key.ts). Every new counter is rebuilt from the active reports,
 * so existing data reads as if it had been recorded this way.
 */
export const evidencePerPerson: Migration = {
  async up(db: Kysely<unknown>) {
    const active = sql`retracted_at is null and sender_key is not null`;

    // Nothing was verified before: every report counts as its reporter's own mailbox.
    await db.schema
      .alterTable("reports")
      .addColumn("mailbox_key", "text", (c) => c.notNull().defaultTo(""))
      .execute();
    await sql`update reports set mailbox_key = ${MAILBOX_KEY_PREFIX.own} || reporter_id`.execute(
      db,
    );
    await sql`delete from sender_mailboxes`.execute(db);
    await sql`
      insert into sender_mailboxes (tenant_id, sender_key, mailbox, active_reports)
      select tenant_id, sender_key, mailbox_key, count(*) from reports where ${active}
      group by tenant_id, sender_key, mailbox_key`.execute(db);
    await sql`
      update sender_aggregates set mailboxes = (
        select count(*) from sender_mailboxes m
        where m.tenant_id = sender_aggregates.tenant_id
          and m.sender_key = sender_aggregates.sender_key and m.active_reports > 0)`.execute(db);

    await db.schema
      .alterTable("sender_reporters")
      .addColumn("trusted_sender_reports", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
    await sql`
      update sender_reporters set trusted_sender_reports = (
        select count(*) from reports r
        where r.tenant_id = sender_reporters.tenant_id
          and r.reporter_id = sender_reporters.reporter_id
          and r.sender_key = sender_reporters.sender_key
          and r.retracted_at is null and r.kind = 'trusted-sender')`.execute(db);
    await db.schema
      .alterTable("sender_aggregates")
      .addColumn("trusted_sender_people", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
    await sql`
      update sender_aggregates set trusted_sender_people = (
        select count(*) from sender_reporters p
        where p.tenant_id = sender_aggregates.tenant_id
          and p.sender_key = sender_aggregates.sender_key
          and p.trusted_sender_reports > 0)`.execute(db);

    // Keyed reporter before signal: one report's rows sit together in the index.
    await db.schema
      .createTable("sender_signal_reporters")
      .addColumn("tenant_id", "text", (c) => c.notNull())
      .addColumn("sender_key", "text", (c) => c.notNull())
      .addColumn("reporter_id", "text", (c) => c.notNull())
      .addColumn("signal", "text", (c) => c.notNull())
      .addColumn("active_reports", "integer", (c) => c.notNull())
      .addPrimaryKeyConstraint("sender_signal_reporters_pk", [
        "tenant_id",
        "sender_key",
        "reporter_id",
        "signal",
      ])
      .execute();
    // A report's signals are a JSON array of strings; each engine has its own way to unnest one.
    const signalsOfReport =
      db.getExecutor().adapter instanceof PostgresAdapter
        ? sql`cross join lateral jsonb_array_elements_text(r.signals::jsonb) as s(value)`
        : sql`cross join json_each(r.signals) as s`;
    await sql`
      insert into sender_signal_reporters
        (tenant_id, sender_key, reporter_id, signal, active_reports)
      select r.tenant_id, r.sender_key, r.reporter_id, s.value, count(*)
      from reports r ${signalsOfReport}
      where r.retracted_at is null and r.sender_key is not null
      group by r.tenant_id, r.sender_key, r.reporter_id, s.value`.execute(db);

    await db.schema
      .alterTable("sender_signals")
      .addColumn("reporters", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
    // Both counts of every signal, from the per-person rows just built from the reports.
    await sql`delete from sender_signals`.execute(db);
    await sql`
      insert into sender_signals (tenant_id, sender_key, signal, active_reports, reporters)
      select tenant_id, sender_key, signal, sum(active_reports), count(*)
      from sender_signal_reporters
      group by tenant_id, sender_key, signal`.execute(db);
  },

  async down(db: Kysely<unknown>) {
    await db.schema.alterTable("sender_signals").dropColumn("reporters").execute();
    await db.schema.dropTable("sender_signal_reporters").execute();
    await db.schema.alterTable("sender_aggregates").dropColumn("trusted_sender_people").execute();
    await db.schema.alterTable("sender_reporters").dropColumn("trusted_sender_reports").execute();
    // Back to counting the mailboxes as claimed.
    await sql`delete from sender_mailboxes`.execute(db);
    await sql`
      insert into sender_mailboxes (tenant_id, sender_key, mailbox, active_reports)
      select tenant_id, sender_key, mailbox, count(*) from reports
      where retracted_at is null and sender_key is not null
      group by tenant_id, sender_key, mailbox`.execute(db);
    await sql`
      update sender_aggregates set mailboxes = (
        select count(*) from sender_mailboxes m
        where m.tenant_id = sender_aggregates.tenant_id
          and m.sender_key = sender_aggregates.sender_key and m.active_reports > 0)`.execute(db);
    await db.schema.alterTable("reports").dropColumn("mailbox_key").execute();
  },
};
