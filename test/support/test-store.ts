/**
 * A fresh, empty database for one test, on the engine of the current project
 * (`VOUCH_TEST_DB=sqlite|postgres`, set by vitest.config.ts).
 *
 *   const { store, cleanup } = await openTestStore();      // a Store on a new database
 *   afterEach(() => cleanup());
 *
 *   const database = await createTestDatabase();            // just the database, e.g. to start
 *   spawn("node", [...], { env: { ...process.env, ...database.env } }); // a service process on it
 *   await database.drop();
 *
 * SQLite: a new temporary directory holding `vouch.sqlite` (the file name the service uses in
 * VOUCH_DATA_DIR). PostgreSQL: `CREATE DATABASE vouch_test_<random>` on the run's private
 * cluster (see postgres-cluster.ts), dropped again by `drop()`.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { openStore, type OpenStoreOptions, type Store } from "../../server/storage";
import type { HeaderAnalysis } from "../../src/analysis/types";
import { emptyStamps } from "../../src/analysis/antispam";

export type TestEngine = "sqlite" | "postgres";

export function testEngine(): TestEngine {
  const engine = process.env.VOUCH_TEST_DB ?? "sqlite";
  if (engine !== "sqlite" && engine !== "postgres") {
    throw new Error(`VOUCH_TEST_DB must be "sqlite" or "postgres", not ${JSON.stringify(engine)}`);
  }
  return engine;
}

export interface TestDatabase {
  engine: TestEngine;
  /** Pass to openStore (add durable, poolSize... as needed). */
  storeOptions: OpenStoreOptions;
  /** What a separately started service needs: VOUCH_DATA_DIR for SQLite, DATABASE_URL else. */
  env: Record<string, string>;
  /** Removes the database (close every store on it first). */
  drop(): Promise<void>;
}

async function onMaintenanceDatabase(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export interface CreateTestDatabaseOptions {
  /**
   * PostgreSQL: start from a copy of the run's migrated template (default, fast) or from an
   * empty database (false), for tests of the migrations themselves. SQLite starts empty always;
   * openStore migrates it in a few milliseconds.
   */
  migrated?: boolean;
}

export async function createTestDatabase(
  options: CreateTestDatabaseOptions = {},
): Promise<TestDatabase> {
  if (testEngine() === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "vouch-test-"));
    return {
      engine: "sqlite",
      storeOptions: { sqlitePath: join(dir, "vouch.sqlite") },
      env: { VOUCH_DATA_DIR: dir },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `vouch_test_${randomBytes(8).toString("hex")}`;
  const template = options.migrated === false ? "template0" : inject("migratedTemplate");
  await onMaintenanceDatabase(`CREATE DATABASE ${name} TEMPLATE ${template} STRATEGY FILE_COPY`);
  const url = new URL(inject("databaseUrl"));
  url.pathname = `/${name}`;
  return {
    engine: "postgres",
    storeOptions: { databaseUrl: url.toString() },
    env: { DATABASE_URL: url.toString() },
    drop: () => onMaintenanceDatabase(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

export interface TestStore {
  store: Store;
  database: TestDatabase;
  /** Opens another Store on the same database: a second service process, as far as it can tell. */
  openAnother(options?: Partial<OpenStoreOptions>): Promise<Store>;
  /** Closes every store opened here and drops the database. */
  cleanup(): Promise<void>;
}

/**
 * A Store on a fresh database. SQLite stores default to `durable: false` to spare the shared
 * disk; pass `{ durable: true }` where durability is what the test is about.
 */
export async function openTestStore(options: Partial<OpenStoreOptions> = {}): Promise<TestStore> {
  const database = await createTestDatabase();
  const opened: Store[] = [];
  const open = async (extra: Partial<OpenStoreOptions>) => {
    const store = await openStore({ durable: false, ...database.storeOptions, ...extra });
    opened.push(store);
    return store;
  };
  try {
    const store = await open(options);
    return {
      store,
      database,
      openAnother: (extra = {}) => open({ ...options, ...extra }),
      async cleanup() {
        await Promise.all(opened.map((each) => each.close()));
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}

export interface AnalysisSketch {
  /** The From address; none: a message without From. */
  from?: string;
  /** The DMARC result for the From domain; "pass" makes the sender authenticated. */
  dmarc?: string;
  findings?: string[];
  junked?: boolean;
  scl?: number;
}

/**
 * A HeaderAnalysis with just the fields storage tests vary, for tests of the store below the
 * analysis engine (the HTTP tests send real headers instead).
 */
export function analysisFor(sketch: AnalysisSketch = {}): HeaderAnalysis {
  const from = sketch.from
    ? {
        address: sketch.from,
        name: null,
        domain: sketch.from.slice(sketch.from.lastIndexOf("@") + 1).toLowerCase(),
      }
    : null;
  return {
    schema: "vouch.analysis/1",
    message: { subject: null, messageId: null, date: null, from, replyTo: null, returnPath: null },
    auth: {
      source: null,
      spf: null,
      dkim: [],
      dmarc: sketch.dmarc
        ? { result: sketch.dmarc, domain: from?.domain ?? null, action: null, policy: null }
        : null,
      compauth: null,
      arc: null,
      receivedSpf: null,
      original: null,
    },
    antispam: { ...emptyStamps(), scl: sketch.scl ?? null },
    hops: [],
    verdict: {
      junked: sketch.junked ?? null,
      findings: (sketch.findings ?? []).map((id) => ({
        id,
        severity: "info",
        title: id,
        detail: id,
        fixableBy: null,
      })),
    },
    gateways: [],
    gatewayInFront: null,
  };
}
