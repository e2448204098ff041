import BetterSqlite3 from "better-sqlite3";
import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
  type CompiledQuery,
} from "kysely";
import { afterEach, expect, it } from "vitest";
import { timeOrderedUuid } from "../../../server/storage/ids";
import { prepareQuery, type QueryRunner } from "../../../server/storage/prepared";
import { ImmediateSqliteDialect } from "../../../server/storage/sqlite-dialect";

interface Tables {
  counters: { name: string; value: number; note: string | null };
}

let db: Kysely<Tables> | null = null;
afterEach(async () => {
  await db?.destroy();
  db = null;
});

async function memoryDb(): Promise<Kysely<Tables>> {
  db = new Kysely<Tables>({ dialect: new ImmediateSqliteDialect(new BetterSqlite3(":memory:")) });
  await sql`create table counters (name text primary key, value integer not null, note text)`.execute(
    db,
  );
  return db;
}

it("runs a query compiled once with the values of each call", async () => {
  const db = await memoryDb();
  const bump = prepareQuery<{ name: string; step: number; note: string | null }, { value: number }>(
    ["name", "step", "note"],
    (v) =>
      db
        .insertInto("counters")
        .values({ name: v.name, value: v.step, note: v.note })
        .onConflict((conflict) =>
          conflict
            .column("name")
            .doUpdateSet((eb) => ({ value: eb("counters.value", "+", v.step) })),
        )
        .returning("value"),
  );
  expect((await bump.run(db, { name: "a", step: 2, note: null })).rows).toEqual([{ value: 2 }]);
  expect((await bump.run(db, { name: "a", step: 3, note: "x" })).rows).toEqual([{ value: 5 }]);
  expect((await bump.run(db, { name: "b", step: 7, note: "y" })).rows).toEqual([{ value: 7 }]);
  const rows = await db.selectFrom("counters").selectAll().orderBy("name").execute();
  expect(rows).toEqual([
    { name: "a", value: 5, note: null },
    { name: "b", value: 7, note: "y" },
  ]);
});

it("keeps the constants of the query where they were", async () => {
  const db = await memoryDb();
  await db.insertInto("counters").values({ name: "a", value: 1, note: "kept" }).execute();
  const find = prepareQuery<{ name: string }, { value: number }>(["name"], (v) =>
    db.selectFrom("counters").select("value").where("name", "=", v.name).where("note", "=", "kept"),
  );
  expect((await find.run(db, { name: "a" })).rows).toEqual([{ value: 1 }]);
});

it("runs the SQL of the dialect it was built on, with the values in their places", async () => {
  const postgres = new Kysely<Tables>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (kysely) => new PostgresIntrospector(kysely),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  const find = prepareQuery<{ name: string; least: number }, unknown>(["name", "least"], (v) =>
    postgres
      .selectFrom("counters")
      .selectAll()
      .where("value", ">=", v.least)
      .where("note", "=", "x")
      .where("name", "=", v.name),
  );
  const seen: CompiledQuery[] = [];
  const recorder: QueryRunner = {
    executeQuery: async <R>(query: CompiledQuery<R>) => {
      seen.push(query);
      return { rows: [] as R[] };
    },
  };
  await find.run(recorder, { name: "a", least: 3 });
  await find.run(recorder, { name: "b", least: 4 });
  expect(seen.map((query) => [query.sql, query.parameters])).toEqual([
    ['select * from "counters" where "value" >= $1 and "note" = $2 and "name" = $3', [3, "x", "a"]],
    ['select * from "counters" where "value" >= $1 and "note" = $2 and "name" = $3', [4, "x", "b"]],
  ]);
  await postgres.destroy();
});

it("refuses a value that would be frozen into the SQL text, or never used", async () => {
  const db = await memoryDb();
  expect(() =>
    prepareQuery<{ column: string }, unknown>(["column"], (v) =>
      db.selectFrom("counters").select(sql.ref(v.column).as("x")),
    ),
  ).toThrow(/written into the SQL text/);
  expect(() =>
    prepareQuery<{ name: string; unused: number }, unknown>(["name", "unused"], (v) =>
      db.selectFrom("counters").selectAll().where("name", "=", v.name),
    ),
  ).toThrow(/unused never reached the query/);
});

it("makes version 7 UUIDs that sort by the time they were made", () => {
  const ids = [0, 1, 1000, Date.UTC(2026, 10, 28), Date.UTC(2100, 0, 1)].map((at) =>
    timeOrderedUuid(at),
  );
  for (const id of ids) {
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  }
  expect([...ids].sort()).toEqual(ids);
  expect(timeOrderedUuid(Date.UTC(2026, 10, 28)).slice(0, 13)).toBe(
    Date.UTC(2026, 10, 28)
      .toString(16)
      .padStart(12, "0")
      .replace(/^(.{8})/, "$1-"),
  );
  expect(new Set(Array.from({ length: 1000 }, () => timeOrderedUuid(5))).size).toBe(1000);
});
