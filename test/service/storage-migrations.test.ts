import BetterSqlite3 from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import { afterEach, expect, it } from "vitest";
import {
  migrations,
  openStore,
  type Database,
  type RecordReportInput,
  type SenderEvidence,
} from "../../server/storage";
import { reportFactsOf } from "../../server/storage/facts";
import { expectedEvidence } from "../support/expected-evidence";
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

/** The tables as they were before 0003. */
interface DatabaseBefore0003 {
  reports: Omit<Database["reports"], "mailbox_key">;
  sender_aggregates: Omit<Database["sender_aggregates"], "trusted_sender_people">;
  sender_reporters: Omit<Database["sender_reporters"], "trusted_sender_reports">;
  sender_mailboxes: Database["sender_mailboxes"];
  sender_signals: Omit<Database["sender_signals"], "reporters">;
}

/** A database at the schema before 0003, as the service left it: 0003 is yet to run. */
async function databaseBefore0003(target: TestDatabase): Promise<Kysely<DatabaseBefore0003>> {
  const db: Kysely<DatabaseBefore0003> =
    target.engine === "postgres"
      ? new Kysely({
          dialect: new PostgresDialect({
            pool: new pg.Pool({ connectionString: target.storeOptions.databaseUrl, max: 1 }),
          }),
        })
      : new Kysely({
          dialect: new SqliteDialect({
            database: new BetterSqlite3(target.storeOptions.sqlitePath!),
          }),
        });
  const before = Object.fromEntries(
    Object.entries(migrations).filter(([name]) => name !== "0003-evidence-per-person"),
  );
  const { error } = await new Migrator({
    db,
    provider: { getMigrations: async () => before },
    allowUnorderedMigrations: true,
  }).migrateToLatest();
  if (error) throw error;
  return db;
}

it("0003 rebuilds the counters per person from the active reports of an existing database", async () => {
  database = await createTestDatabase({ migrated: false });
  const old = await databaseBefore0003(database);
  const at = (day: number) => new Date(Date.UTC(2026, 0, day));
  const junked = { from: "news@contoso.com", dmarc: "pass", findings: ["scl-junk", "__proto__"] };
  const plain = { from: "news@contoso.com", dmarc: "pass" };
  type Sketch = {
    who: string;
    day: number;
    sketch: Parameters<typeof analysisFor>[0];
    mailbox: string | null;
    kind?: "not-spam" | "trusted-sender";
    retracted?: boolean;
  };
  const sketches: Sketch[] = [
    ...[1, 2, 3, 4].map((day) => ({ who: "alice", day, sketch: junked, mailbox: `m${day}@x` })),
    { who: "bob", day: 5, sketch: plain, mailbox: "m1@x", kind: "trusted-sender" as const },
    { who: "bob", day: 6, sketch: junked, mailbox: null, kind: "trusted-sender" as const },
    { who: "carol", day: 7, sketch: junked, mailbox: null, retracted: true },
    { who: "dave", day: 8, sketch: { from: "x@gmail.com", dmarc: "pass" }, mailbox: null },
  ];
  const inputs = sketches.map(({ who, day, sketch, mailbox, kind, retracted }) => ({
    tenantId: "t",
    reporterId: who,
    internetMessageId: `<${who}-${day}>`,
    kind: kind ?? "not-spam",
    mailbox,
    rawHeaders: "From: news@contoso.com\r\n",
    analysis: analysisFor(sketch),
    now: at(day),
    retracted,
  }));

  // The rows and counters as the store before 0003 wrote them: signals per report, mailboxes
  // as claimed.
  type Counts = Map<string, number>;
  const bump = (counts: Counts, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  const reporters: Counts = new Map();
  const mailboxes: Counts = new Map();
  const signals: Counts = new Map();
  const senders = new Map<string, { kind: "domain" | "address"; reports: RecordReportInput[] }>();
  for (const [index, input] of inputs.entries()) {
    const facts = reportFactsOf(input.analysis!);
    const mailbox = input.mailbox ?? input.reporterId;
    await old
      .insertInto("reports")
      .values({
        id: `r${index}`,
        tenant_id: "t",
        reporter_id: input.reporterId,
        internet_message_id: input.internetMessageId,
        kind: input.kind,
        comment: null,
        mailbox,
        sender_key: facts.sender!.key,
        sender_kind: facts.sender!.kind,
        sender_authenticated: 1,
        sender_via: facts.sender!.via,
        from_domain: facts.fromDomain,
        summary: JSON.stringify(facts.summary),
        signals: JSON.stringify(facts.signals),
        raw_headers: input.rawHeaders,
        created_at: input.now!.toISOString(),
        retracted_at: input.retracted ? at(20).toISOString() : null,
      })
      .execute();
    if (input.retracted) continue;
    const sender = facts.sender!.key;
    bump(reporters, `${sender}\n${input.reporterId}`);
    bump(mailboxes, `${sender}\n${mailbox}`);
    for (const signal of facts.signals) bump(signals, `${sender}\n${signal}`);
    const group = senders.get(sender) ?? { kind: facts.sender!.kind, reports: [] };
    group.reports.push(input);
    senders.set(sender, group);
  }
  const rows = (counts: Counts) =>
    [...counts].map(([key, active_reports]) => {
      const [sender_key = "", value = ""] = key.split("\n");
      return { tenant_id: "t", sender_key, value, active_reports };
    });
  await old
    .insertInto("sender_reporters")
    .values(rows(reporters).map(({ value, ...row }) => ({ ...row, reporter_id: value })))
    .execute();
  await old
    .insertInto("sender_mailboxes")
    .values(rows(mailboxes).map(({ value, ...row }) => ({ ...row, mailbox: value })))
    .execute();
  await old
    .insertInto("sender_signals")
    .values(rows(signals).map(({ value, ...row }) => ({ ...row, signal: value })))
    .execute();
  for (const [sender, { kind, reports }] of senders) {
    const of = (key: string, counts: Counts) =>
      [...counts].filter(([entry]) => entry.startsWith(`${key}\n`)).length;
    const times = reports.map((input) => input.now!.toISOString()).sort();
    await old
      .insertInto("sender_aggregates")
      .values({
        tenant_id: "t",
        sender_key: sender,
        kind,
        authenticated: 1,
        reporters: of(sender, reporters),
        mailboxes: of(sender, mailboxes),
        reports: reports.length,
        not_spam: reports.filter((input) => input.kind === "not-spam").length,
        trusted_sender: reports.filter((input) => input.kind === "trusted-sender").length,
        first_seen: times[0]!,
        last_seen: times.at(-1)!,
      })
      .execute();
  }
  await old.destroy();

  const store = await openStore({ ...database.storeOptions, durable: false });
  try {
    const plainRecords = (items: SenderEvidence[]) =>
      items.map((item) => ({
        ...item,
        signals: { ...item.signals },
        signalPeople: { ...item.signalPeople },
      }));
    const listed = async () => plainRecords((await store.senders.list("t", { limit: 50 })).items);
    const active = inputs.filter((input) => !input.retracted);
    const expected = plainRecords(expectedEvidence("t", active));
    expect(await listed()).toEqual(
      expect.arrayContaining(expected.map((item) => expect.objectContaining(item))),
    );
    const contoso = expected.find((item) => item.senderKey === "contoso.com")!;
    // Alice's four mailboxes and Bob's claim of one of them count as Alice and Bob.
    expect(contoso).toMatchObject({
      reporters: 2,
      mailboxes: 2,
      reports: 6,
      trustedSenderPeople: 1,
    });
    expect(contoso.signalPeople["scl-junk"]).toBe(2);

    // The rebuilt per-person counters carry on exactly: Alice's reports leave one by one.
    for (const day of [1, 2, 3, 4]) {
      const found = await store.reports.findByMessage("t", "alice", `<alice-${day}>`);
      await store.reports.retract("t", "alice", found!.id, { windowMs: 3650 * 86_400_000 });
    }
    // Carol's retracted report counts again when she reports the message anew.
    const again = await store.reports.record({ ...inputs[6]!, now: at(21) });
    expect(again.outcome).toBe("created");
    const now = [
      ...active.filter((input) => input.reporterId !== "alice"),
      { ...inputs[6]!, now: at(21) },
    ];
    expect(await listed()).toEqual(
      expect.arrayContaining(
        plainRecords(expectedEvidence("t", now)).map((item) => expect.objectContaining(item)),
      ),
    );
  } finally {
    await store.close();
  }
});
