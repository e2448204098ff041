import { sql } from "kysely";
import { afterEach, expect, it } from "vitest";
import { migrations, openStore } from "../../server/storage";
import { analysisFor, createTestDatabase, type TestDatabase } from "../support/test-store";

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.drop();
  database = undefined;
});

it("runs every migration once, and reopening keeps the data", async () => {
  database = await createTestDatabase({ migrated: false });
  const first = await openStore({ ...database.storeOptions, durable: false });
  const { report } = await first.reports.record({
    tenantId: "t",
    reporterId: "alice",
    internetMessageId: "<m1>",
    kind: "trusted-sender",
    rawHeaders: "From: bob@contoso.com\r\n",
    analysis: analysisFor({ from: "bob@contoso.com", dmarc: "pass" }),
  });
  await first.close();

  for (let reopen = 0; reopen < 2; reopen++) {
    const again = await openStore({ ...database.storeOptions, durable: false });
    try {
      const applied = await again.db
        .withTables<{ kysely_migration: { name: string } }>()
        .selectFrom("kysely_migration")
        .select("name")
        .orderBy("name")
        .execute();
      expect(applied.map((row) => row.name)).toEqual(Object.keys(migrations).sort());
      expect(await again.reports.get("t", report.id)).toEqual(report);
      expect(await again.senders.evidence("t", "contoso.com")).toMatchObject({
        reports: 1,
        trustedSender: 1,
      });
      await again.ping();
    } finally {
      await again.close();
    }
  }
});

it("lets several processes open a fresh database at the same time", async () => {
  database = await createTestDatabase({ migrated: false });
  // SQLite is one process per file; PostgreSQL is where several processes share a database.
  const count = database.engine === "postgres" ? 3 : 1;
  const stores = await Promise.all(
    Array.from({ length: count }, () => openStore({ ...database!.storeOptions })),
  );
  try {
    for (const store of stores) await store.ping();
    const tables = await stores[0]!.db.introspection.getTables();
    expect(tables.map((table) => table.name)).toEqual(
      expect.arrayContaining(["reports", "sender_aggregates", "sender_reporters"]),
    );
  } finally {
    await Promise.all(stores.map((store) => store.close()));
  }
});

it("reports a store it cannot reach", async () => {
  database = await createTestDatabase({ migrated: false });
  const bad =
    database.engine === "postgres"
      ? { databaseUrl: "postgres://nobody@127.0.0.1:1/none" }
      : { sqlitePath: "/nonexistent-dir/vouch.sqlite" };
  await expect(openStore(bad)).rejects.toThrow();
});

it("finishes the writes it accepted before closing", async () => {
  database = await createTestDatabase();
  const store = await openStore({ ...database.storeOptions });
  const writes = Array.from({ length: 50 }, (_, index) =>
    store.reports.record({
      tenantId: "t",
      reporterId: `user-${index}`,
      internetMessageId: "<m1>",
      kind: "not-spam",
      rawHeaders: "From: bob@contoso.com\r\n",
      analysis: analysisFor({ from: "bob@contoso.com", dmarc: "pass" }),
    }),
  );
  await store.close();
  const results = await Promise.all(writes);
  expect(results.every((result) => result.outcome === "created")).toBe(true);

  const reopened = await openStore({ ...database.storeOptions });
  try {
    expect(await reopened.senders.evidence("t", "contoso.com")).toMatchObject({
      reports: 50,
      reporters: 50,
    });
  } finally {
    await reopened.close();
  }
});

it("opens with the settings its guarantees rest on", async () => {
  database = await createTestDatabase();
  const durable = await openStore({ ...database.storeOptions });
  const fast = await openStore({ ...database.storeOptions, durable: false });
  try {
    expect(durable.dialect).toBe(database.engine);
    const value = async (store: typeof durable, query: string) => {
      const { rows } = await sql.raw<Record<string, unknown>>(query).execute(store.db);
      return Object.values(rows[0] ?? {})[0];
    };
    if (database.engine === "sqlite") {
      expect(await value(durable, "pragma journal_mode")).toBe("wal");
      // NORMAL: COMMIT does not wait for the disk; durable writes fsync the log afterwards, off
      // the event loop (wal-sync.ts), and a checkpoint thread replaces automatic checkpoints.
      expect(await value(durable, "pragma synchronous")).toBe(1);
      expect(await value(fast, "pragma synchronous")).toBe(1);
      expect(await value(durable, "pragma wal_autocheckpoint")).toBe(0);
      // Savepoint journals in memory: as temporary files they cost a system call per page.
      expect(await value(durable, "pragma temp_store")).toBe(2);
      expect(await value(durable, "pragma foreign_keys")).toBe(1);
      expect(await value(durable, "pragma busy_timeout")).toBe(5000);
    } else {
      // The aggregate locking is written for READ COMMITTED, PostgreSQL's default.
      expect(await value(durable, "show transaction_isolation")).toBe("read committed");
    }
  } finally {
    await fast.close();
    await durable.close();
  }
});
