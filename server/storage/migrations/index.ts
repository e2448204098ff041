import type { Migration } from "kysely";
import { reportsAndSenders } from "./0001-reports-and-senders";
import { dropUnusedReporterIndex } from "./0002-drop-unused-reporter-index";
import { evidencePerPerson } from "./0003-evidence-per-person";
import {
  proposalsApprovedEntryMigration,
  proposalsMigration,
  proposalsStaleIndexMigration,
} from "../../proposals/migration";
import { domainRegistrationsMigration } from "../../reputation/registrations";
import { sweepMigration } from "../../sweep/migration";
import { watchAlertsMigration, watchSendersMigration } from "../../watch/migration";

/**
 * Every migration of the service, run in order at open on SQLite and PostgreSQL alike.
 *
 * To add one: write `NNNN-what-it-does.ts` beside this file exporting a `Migration` whose `up`
 * uses only the Kysely schema builder with types both engines share (text, integer, ISO text for
 * instants), then append it below under the next number. Names sort as strings, so keep the
 * four-digit prefix. Never rename, reorder or edit a migration that has shipped: write a new one.
 * Feature areas may reserve ranges (proposals: 0100-0199) so parallel work does not collide.
 */
export const migrations: Readonly<Record<string, Migration>> = {
  "0001-reports-and-senders": reportsAndSenders,
  "0002-drop-unused-reporter-index": dropUnusedReporterIndex,
  "0003-evidence-per-person": evidencePerPerson,
  "0100-proposals": proposalsMigration,
  "0101-proposals-stale-index": proposalsStaleIndexMigration,
  "0102-proposals-approved-entry": proposalsApprovedEntryMigration,
  "0200-watch-senders": watchSendersMigration,
  "0201-watch-alerts": watchAlertsMigration,
  "0220-sweep": sweepMigration,
  "0240-domain-registrations": domainRegistrationsMigration,
};
