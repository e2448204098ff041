import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterEach, expect, it } from "vitest";
import { openStore, type OpenStoreOptions, type RecordReportInput } from "../../server/storage";
import { analysisFor, createTestDatabase, type TestDatabase } from "../support/test-store";

/**
 * Two operating-system processes writing one database at once: on SQLite they meet at the file
 * lock (BEGIN IMMEDIATE + busy_timeout), on PostgreSQL at the row locks. Every report either
 * process got an answer for must be stored once, and the aggregates must be exact.
 */

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");

/** The child: records every input of a JSON file concurrently and prints the outcomes. */
const CHILD = `
import { readFileSync } from "node:fs";
import { openStore } from "./server/storage/index.ts";
const { options, inputs } = JSON.parse(readFileSync(process.argv[1], "utf8"));
const store = await openStore(options);
const results = await Promise.all(
  inputs.map((input) => store.reports.record({ ...input, now: new Date(input.now) })),
);
await store.close();
console.log(JSON.stringify(results.map((result) => [result.outcome, result.report.id])));
`;

let database: TestDatabase | undefined;
let dir: string | undefined;
afterEach(async () => {
  await database?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function recordInChild(options: OpenStoreOptions, inputs: RecordReportInput[], name: string) {
  const file = join(dir!, `${name}.json`);
  writeFileSync(file, JSON.stringify({ options, inputs }));
  const { stdout } = await run(
    process.execPath,
    ["--import", "tsx", "--input-type=module", "-e", CHILD, file],
    { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as [outcome: "created" | "duplicate", id: string][];
}

it("keeps aggregates exact with two processes writing at once", async () => {
  database = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), "vouch-procs-"));
  // Migrate once first: the children then race on reports, not on creating the schema.
  await (await openStore({ ...database.storeOptions })).close();

  const inputFor = (user: number, message: number): RecordReportInput => ({
    tenantId: "t",
    reporterId: `user-${user}`,
    internetMessageId: `<m${message}>`,
    kind: message % 3 === 0 ? "trusted-sender" : "not-spam",
    rawHeaders: `From: news@s${message % 3}.example\r\n`,
    analysis: analysisFor({ from: `news@s${message % 3}.example`, dmarc: "pass" }),
    now: new Date(Date.UTC(2026, 0, 1 + (message % 20))),
  });
  // Each child reports every (user, message) pair of a 10 x 15 grid, in its own order: every
  // pair is raced by both processes, and exactly one of them may create it.
  const grid = Array.from({ length: 10 }, (_, user) =>
    Array.from({ length: 15 }, (_, message) => inputFor(user, message)),
  ).flat();
  const [one, two] = await Promise.all([
    recordInChild(database.storeOptions, grid, "one"),
    recordInChild(database.storeOptions, [...grid].reverse(), "two"),
  ]);

  const created = [...one, ...two].filter(([outcome]) => outcome === "created");
  expect(created).toHaveLength(grid.length);
  const idsOne = one.map(([, id]) => id);
  const idsTwo = two.map(([, id]) => id).reverse();
  expect(idsOne).toEqual(idsTwo);

  const store = await openStore({ ...database.storeOptions });
  try {
    for (let sender = 0; sender < 3; sender++) {
      expect(await store.senders.evidence("t", `s${sender}.example`)).toMatchObject({
        reports: 50,
        reporters: 10,
        mailboxes: 10,
        notSpam: sender === 0 ? 0 : 50,
        trustedSender: sender === 0 ? 50 : 0,
        firstSeen: new Date(Date.UTC(2026, 0, 1 + sender)).toISOString(),
        lastSeen: new Date(Date.UTC(2026, 0, 1 + 12 + sender)).toISOString(),
      });
    }
  } finally {
    await store.close();
  }
}, 120_000);
