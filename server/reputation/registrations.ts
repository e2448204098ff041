import type { Kysely, Migration } from "kysely";
import type { Database } from "../storage/schema";

/**
 * When each registrable domain was registered, as the service's own RDAP lookups found it
 * (never as headers claim: a sender writes its headers, not the registry's answer). The rules
 * read it at assessment (server/proposals/repository.ts → RulesContext.domainAge) to refuse a
 * domain younger than YOUNG_DOMAIN_DAYS. One row per domain, shared by every tenant: it is a
 * public fact about a public name, and no tenant's data.
 */
export interface DomainRegistrationsTable {
  /** The registrable domain, A-labels, lower case. */
  domain: string;
  /** ISO 8601 UTC; null when the registry gives no registration date. */
  registered_at: string | null;
  checked_at: string;
}

export type RegistrationTables = { domain_registrations: DomainRegistrationsTable };
type RegistrationDb = Kysely<Database & RegistrationTables>;

function tables(db: Kysely<Database>): RegistrationDb {
  return db.withTables<RegistrationTables>();
}

export const domainRegistrationsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("domain_registrations")
      .addColumn("domain", "text", (c) => c.primaryKey())
      .addColumn("registered_at", "text")
      .addColumn("checked_at", "text", (c) => c.notNull())
      .execute();
  },
};

/** The recorded registration date of a registrable domain; undefined when never checked. */
export async function registrationOf(
  db: Kysely<Database>,
  domain: string,
): Promise<{ registeredAt: string | null } | undefined> {
  const row = await tables(db)
    .selectFrom("domain_registrations")
    .select("registered_at")
    .where("domain", "=", domain)
    .executeTakeFirst();
  return row ? { registeredAt: row.registered_at } : undefined;
}

export async function recordRegistration(
  db: Kysely<Database>,
  domain: string,
  registeredAt: string | null,
  at: Date,
): Promise<void> {
  const checked_at = at.toISOString();
  await tables(db)
    .insertInto("domain_registrations")
    .values({ domain, registered_at: registeredAt, checked_at })
    .onConflict((conflict) =>
      conflict.column("domain").doUpdateSet({ registered_at: registeredAt, checked_at }),
    )
    .execute();
}
