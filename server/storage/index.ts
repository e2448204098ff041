/**
 * Storage of the service: reports and the per-sender aggregates kept exact as they arrive, over
 * SQLite (default) or PostgreSQL through Kysely. Every method takes the tenant id first.
 */
export { openStore, migrateToLatest } from "./open";
export { migrations } from "./migrations";
export { summarize } from "./summary";
export { StoreInputError } from "./types";
export type * from "./types";
export type * from "./schema";
