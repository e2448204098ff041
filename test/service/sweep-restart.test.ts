/**
 * The sweep resumes after a restart from what it stored: a second process on the same
 * database (SQLite file or PostgreSQL) continues a mailbox at the page the first one stopped
 * at, and nothing is read from the start again or counted twice.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { inlineAnalyzer } from "../../server/analysis/pool";
import { loadConfig } from "../../server/config";
import type { Store } from "../../server/storage";
import { watchCriticalSenders } from "../../server/sweep/critical";
import { createGraphClient } from "../../server/sweep/graph-client";
import { SweepRepository } from "../../server/sweep/repository";
import { SweepRunner } from "../../server/sweep/runner";
import { sweepDb } from "../../server/sweep/schema";
import { startFakeGraph, type FakeGraph } from "../support/fake-graph";
import { fakeMessages } from "../support/fake-graph-messages";
import { BASE_ENV } from "../support/service";
import { openTestStore, type TestStore } from "../support/test-store";

let graph: FakeGraph | undefined;
let testStore: TestStore | undefined;
const dirs: string[] = [];

afterEach(async () => {
  await testStore?.cleanup();
  await graph?.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function runnerOn(store: Store, fake: FakeGraph): SweepRunner {
  const dataDir = mkdtempSync(join(tmpdir(), "vouch-sweep-"));
  dirs.push(dataDir);
  const config = loadConfig({
    ...BASE_ENV,
    VOUCH_DATA_DIR: dataDir,
    ...fake.env,
    VOUCH_SWEEP_PAGE_SIZE: "2",
  });
  const sweep = config.sweep!;
  return new SweepRunner({
    config,
    sweep,
    repo: new SweepRepository(store),
    graph: createGraphClient({ config: sweep }),
    analyzer: inlineAnalyzer(),
    isCritical: watchCriticalSenders(store.db),
  });
}

const initialRequests = (fake: FakeGraph, userId: string) =>
  fake.requests.filter(
    (request) =>
      request.path === `/v1.0/users/${userId}/mailFolders/junkemail/messages/delta` &&
      !request.query.has("$skiptoken") &&
      !request.query.has("$deltatoken"),
  );

describe("resuming after a restart", () => {
  it("continues a mailbox at the stored next link in a new process, counting each message once", async () => {
    graph = await startFakeGraph({
      tenantId: "contoso",
      members: [
        { id: "r1", mail: "r1@contoso.test" },
        { id: "r2", mail: "r2@contoso.test" },
      ],
    });
    graph.setMessages("r1", fakeMessages("asf-image-links", "r1", 6));
    graph.setMessages("r2", fakeMessages("bulk-newsletter", "r2", 1));
    testStore = await openTestStore();

    // The first process reads r1's first page, then Graph fails it for good on the second.
    graph.inject({
      match: "/users/r1/mailFolders/junkemail/messages/delta?%24skiptoken",
      times: 1,
      status: 500,
      body: JSON.stringify({ error: { code: "InternalServerError", message: "boom" } }),
    });
    const first = runnerOn(testStore.store, graph);
    expect(await first.runRound()).toMatchObject({ state: "ok", messages: 3, sightings: 3 });
    await first.stop();
    await testStore.store.close();

    // A new process on the same database.
    const again = await testStore.openAnother();
    const state = await sweepDb(again.db)
      .selectFrom("sweep_mailboxes")
      .select(["user_id", "state", "next_link", "delta_link", "messages"])
      .where("user_id", "=", "r1")
      .executeTakeFirstOrThrow();
    expect(state).toMatchObject({ state: "error", messages: 2, delta_link: null });
    expect(state.next_link).toContain("%24skiptoken");

    const second = runnerOn(again, graph);
    expect(await second.runRound()).toMatchObject({ state: "ok", messages: 4, sightings: 4 });
    expect(initialRequests(graph, "r1")).toHaveLength(1);

    // And a third round from the delta links reads nothing old again.
    graph.addMessages("r1", fakeMessages("blocked-sender", "r1-new", 1));
    expect(await second.runRound()).toMatchObject({ messages: 1, sightings: 1 });
    await second.stop();
    const kept = await sweepDb(again.db)
      .selectFrom("sweep_sightings")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(kept.n)).toBe(8);
    expect(initialRequests(graph, "r1")).toHaveLength(1);
  });

  it("lets one process sweep a tenant at a time", async () => {
    graph = await startFakeGraph({ tenantId: "contoso", members: [{ id: "s1" }] });
    graph.setMessages("s1", fakeMessages("asf-image-links", "s1", 1));
    testStore = await openTestStore();
    const other = await testStore.openAnother();
    const one = runnerOn(testStore.store, graph);
    const two = runnerOn(other, graph);
    const repo = new SweepRepository(other);
    // The other process holds the round (its lease is in the store).
    expect(await repo.takeRound("contoso", "other-process", new Date(Date.now() + 60_000))).toBe(
      true,
    );
    expect(await one.runRound()).toMatchObject({ ran: false });
    await repo.finishRound("contoso", "other-process", {
      state: "ok",
      message: null,
      messages: 0,
      sightings: 0,
    });
    expect(await two.runRound()).toMatchObject({ ran: true, sightings: 1 });
    await one.stop();
    await two.stop();
  });

  it("purges sightings past the retention and keeps the daily counts", async () => {
    graph = await startFakeGraph({ tenantId: "contoso", members: [{ id: "p1" }] });
    graph.setMessages("p1", fakeMessages("asf-image-links", "p1", 2));
    testStore = await openTestStore();
    const runner = runnerOn(testStore.store, graph);
    await runner.runRound();
    await runner.stop();
    const repo = new SweepRepository(testStore.store);
    expect(await repo.purgeSightings(new Date(Date.now() - 60_000))).toBe(0);
    expect(await repo.purgeSightings(new Date(Date.now() + 60_000))).toBe(2);
    const daily = await sweepDb(testStore.store.db).selectFrom("sweep_daily").selectAll().execute();
    expect(daily.map((row) => [row.sender_key, Number(row.messages)])).toEqual([
      ["travel.example.com", 2],
    ]);
  });
});
