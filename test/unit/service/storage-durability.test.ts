import BetterSqlite3 from "better-sqlite3";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Kysely, sql } from "kysely";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { startCheckpointer, type Checkpointer } from "../../../server/storage/checkpointer";
import type { Database } from "../../../server/storage/schema";
import { ImmediateSqliteDialect } from "../../../server/storage/sqlite-dialect";
import { groupCommit } from "../../../server/storage/transactions";
import { syncWalAfterCommit } from "../../../server/storage/wal-sync";

let dir: string;
let path: string;
let writer: BetterSqlite3.Database;
let db: Kysely<Database>;
const cleanups: (() => Promise<void> | void)[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "vouch-durability-"));
  path = join(dir, "test.sqlite");
  writer = new BetterSqlite3(path);
  writer.pragma("journal_mode = WAL");
  writer.pragma("synchronous = NORMAL");
  db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect(writer) });
  await sql`create table notes (id integer primary key, body text not null)`.execute(db);
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const insertNote = (body: string) => async (trx: Kysely<Database>) => {
  await sql`insert into notes (body) values (${body})`.execute(trx);
  return body;
};

function countNotes(): number {
  const reader = new BetterSqlite3(path, { readonly: true });
  try {
    return (reader.prepare("select count(*) as n from notes").get() as { n: number }).n;
  } finally {
    reader.close();
  }
}

it("acknowledges a batch only once its commit is on the disk", async () => {
  let release!: () => void;
  const afterCommit = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
  const writes = groupCommit(db, { afterCommit });
  let acknowledged = 0;
  const calls = ["a", "b", "c"].map((body) =>
    writes.transact(insertNote(body)).then((value) => {
      acknowledged++;
      return value;
    }),
  );
  await vi.waitFor(() => expect(afterCommit).toHaveBeenCalledTimes(1));
  expect(countNotes()).toBe(3); // committed together...
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(acknowledged).toBe(0); // ...but nobody told so before the sync
  release();
  await expect(Promise.all(calls)).resolves.toEqual(["a", "b", "c"]);
});

it("fails every call of the batch when the disk sync fails, and drain waits for the sync", async () => {
  const failure = new Error("EIO: the disk said no");
  const writes = groupCommit(db, { afterCommit: () => Promise.reject(failure) });
  const results = await Promise.allSettled([
    writes.transact(insertNote("a")),
    writes.transact(insertNote("b")),
  ]);
  expect(results).toEqual([
    { status: "rejected", reason: failure },
    { status: "rejected", reason: failure },
  ]);

  let synced = false;
  const slow = groupCommit(db, {
    afterCommit: () =>
      new Promise<void>((resolve) =>
        setTimeout(() => {
          synced = true;
          resolve();
        }, 50),
      ),
  });
  void slow.transact(insertNote("c"));
  await slow.drain();
  expect(synced).toBe(true);
});

it("syncs the log for every caller, sharing syncs between callers, until closed", async () => {
  await sql`insert into notes (body) values ('x')`.execute(db);
  const sync = syncWalAfterCommit(path);
  await expect(
    Promise.all(Array.from({ length: 50 }, () => sync.afterCommit())),
  ).resolves.toHaveLength(50);
  sync.close();
  await expect(sync.afterCommit()).rejects.toThrow(/closed/);
});

it("refuses to start on a database without a write-ahead log", () => {
  expect(() => syncWalAfterCommit(join(dir, "missing.sqlite"))).toThrow(/ENOENT/);
});

it("checkpoints on its own thread while the writer's automatic checkpoints are off", async () => {
  const checkpointer = await startCheckpointer(writer, path, { intervalMs: 20 });
  cleanups.push(() => checkpointer.stop());
  expect(writer.pragma("wal_autocheckpoint", { simple: true })).toBe(0);
  const before = statSync(path).size;
  const body = "x".repeat(2000);
  for (let index = 0; index < 300; index++) {
    await sql`insert into notes (body) values (${body})`.execute(db);
  }
  // Only a checkpoint moves pages from the log into the database file.
  await vi.waitFor(() => expect(statSync(path).size).toBeGreaterThan(before + 300 * 2000), {
    timeout: 5000,
  });
});

it("keeps the log short: a fully copied log starts over", async () => {
  const checkpointer = await startCheckpointer(writer, path, {
    intervalMs: 20,
    restartAboveFrames: 20,
  });
  cleanups.push(() => checkpointer.stop());
  const logFrames = () =>
    (writer.pragma("wal_checkpoint(PASSIVE)") as { log: number }[])[0]?.log ?? -1;
  const body = "w".repeat(3000);
  writer.transaction(() => {
    const insert = writer.prepare("insert into notes (body) values (?)");
    for (let index = 0; index < 150; index++) insert.run(body);
  })();
  expect(logFrames()).toBeGreaterThan(150);
  await vi.waitFor(
    () => {
      writer.prepare("insert into notes (body) values ('small')").run();
      expect(logFrames()).toBeLessThan(20);
    },
    { timeout: 5000, interval: 30 },
  );
  expect(writer.pragma("wal_autocheckpoint", { simple: true })).toBe(0);
});

it("lets the writer checkpoint by itself while the log is too long, and when the thread ends", async () => {
  let checkpointer: Checkpointer | null = await startCheckpointer(writer, path, {
    intervalMs: 20,
    restartAboveFrames: 1_000_000,
    limitFrames: 50,
  });
  cleanups.push(() => checkpointer?.stop());
  const autocheckpoint = () => writer.pragma("wal_autocheckpoint", { simple: true });
  // One long transaction: the log outgrows the limit before any checkpoint can shorten it.
  const body = "y".repeat(3000);
  writer.transaction(() => {
    for (let index = 0; index < 200; index++)
      writer.prepare("insert into notes (body) values (?)").run(body);
  })();
  await vi.waitFor(() => expect(autocheckpoint()).toBe(1000), { timeout: 5000 });
  // Small writes let the log restart from its beginning: short again, the thread takes over.
  await vi.waitFor(
    () => {
      writer.prepare("insert into notes (body) values ('z')").run();
      expect(autocheckpoint()).toBe(0);
    },
    { timeout: 5000, interval: 30 },
  );
  await checkpointer.stop();
  checkpointer = null;
  expect(autocheckpoint()).toBe(1000);
});
