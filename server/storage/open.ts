import { chmodSync, closeSync, existsSync, openSync } from "node:fs";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { migrations } from "./migrations";
import { createReportStore } from "./reports";
import type { Database } from "./schema";
import { createSenderStore } from "./senders";
import { ImmediateSqliteDialect } from "./sqlite-dialect";
import { groupCommit, transactionPerCall } from "./transactions";
import { syncWalAfterCommit, type WalSync } from "./wal-sync";
import { startCheckpointer, type Checkpointer } from "./checkpointer";
import type { AggregateListener, OpenStoreOptions, Store, StoreDialect } from "./types";

/**
 * SQLite in WAL mode with `synchronous = NORMAL`: a commit writes the log without waiting for the
 * disk. Durable writes (the default) wait for the disk afterwards, off the event loop: see
 * wal-sync.ts.
 */
function openSqlite(options: OpenStoreOptions & { sqlitePath: string }): {
  db: Kysely<Database>;
  database: BetterSqlite3.Database;
} {
  if (options.sqlitePath !== ":memory:") ownerOnly(options.sqlitePath);
  const database = new BetterSqlite3(options.sqlitePath);
  database.pragma("journal_mode = WAL");
  // Deleted and overwritten content (raw headers after the purge or a retraction) is zeroed in
  // the database file instead of lingering in free space; see the README's "Security model"
  // for the write-ahead log.
  database.pragma("secure_delete = ON");
  // Each write of a group commit runs in its own savepoint, and SQLite keeps the pages a
  // savepoint may have to restore in a statement journal: a temporary file by default, written
  // page by page, which cost more system calls than the log itself. In memory it holds only the
  // pages one report touches.
  database.pragma("temp_store = MEMORY");
  database.pragma("synchronous = NORMAL");
  database.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
  database.pragma("foreign_keys = ON");
  return { db: new Kysely<Database>({ dialect: new ImmediateSqliteDialect(database) }), database };
}

/**
 * The database holds people's mail headers: readable by the service's user only. The file is
 * created 0600 before SQLite opens it, so its -wal and -shm files, which SQLite creates with
 * the database file's permissions, are 0600 from the start; files made earlier are tightened.
 */
function ownerOnly(path: string): void {
  closeSync(openSync(path, "a", 0o600));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    if (existsSync(file)) chmodSync(file, 0o600);
  }
}

function openPostgres(options: OpenStoreOptions & { databaseUrl: string }): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
  // An idle client losing its server emits "error" on the pool; unhandled, it would kill the
  // process. The next query fails with the cause instead, and ping() reports it.
  pool.on("error", () => {});
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Runs every migration not yet applied. Safe to call from several processes at once. */
export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...migrations }) },
    // Feature areas number their migrations in their own ranges (see migrations/index.ts).
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === "Error")?.migrationName;
    throw new Error(`storage migration ${failed ?? "(unknown)"} failed: ${String(error)}`, {
      cause: error,
    });
  }
}

/**
 * Opens the store: PostgreSQL when `databaseUrl` is given, else the SQLite file at `sqlitePath`,
 * and brings the schema up to date before returning.
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  let db: Kysely<Database>;
  let dialect: StoreDialect;
  let sqlite: BetterSqlite3.Database | null = null;
  if (options.databaseUrl) {
    db = openPostgres({ ...options, databaseUrl: options.databaseUrl });
    dialect = "postgres";
  } else if (options.sqlitePath) {
    ({ db, database: sqlite } = openSqlite({ ...options, sqlitePath: options.sqlitePath }));
    dialect = "sqlite";
  } else {
    throw new Error("openStore needs either databaseUrl (PostgreSQL) or sqlitePath (SQLite)");
  }

  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }

  const sqliteFile = sqlite && options.sqlitePath !== ":memory:" ? options.sqlitePath : undefined;
  let checkpointer: Checkpointer | null = null;
  let walSync: WalSync | null = null;
  if (sqlite && sqliteFile) {
    try {
      checkpointer = await startCheckpointer(sqlite, sqliteFile, {
        onError: options.onBackgroundError,
      });
    } catch (error) {
      await db.destroy();
      throw error;
    }
    if (options.durable !== false) walSync = syncWalAfterCommit(sqliteFile);
  }
  const listeners: AggregateListener[] = [];
  const writer =
    dialect === "sqlite"
      ? groupCommit(db, { afterCommit: walSync?.afterCommit })
      : transactionPerCall(db);
  return {
    dialect,
    db,
    reports: createReportStore({
      db,
      dialect,
      transact: writer.transact,
      listeners: () => [...listeners],
    }),
    senders: createSenderStore(db),
    write: writer.transact,
    onAggregateChanged(listener) {
      listeners.push(listener);
      return () => {
        const index = listeners.indexOf(listener);
        if (index >= 0) listeners.splice(index, 1);
      };
    },
    async ping() {
      await sql`select 1`.execute(db);
    },
    async close() {
      // Writes already accepted finish (and commit) before the connection goes.
      await writer.drain();
      await checkpointer?.stop();
      walSync?.close();
      await db.destroy();
    },
  };
}
