import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, DEV_SIGNIN_ON_NETWORK, loadConfig } from "../../server/config";
import { prepareDataDir } from "../../server/start";
import { openStore } from "../../server/storage";
import { call, startTestService, type TestService } from "../support/service";
import { exchangeHeaders } from "../support/service-headers";
import { testEngine } from "../support/test-store";

/**
 * Issue 10 §6: the development sign-in stays on this machine unless asked loudly, NODE_ENV is
 * read in any letter case, the data stays the service user's, and raw headers are really gone
 * after a retraction and the purge.
 */

function refusal(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe("the development sign-in", () => {
  it("refuses a HOST other machines can reach, and a proxy in front", () => {
    for (const host of ["0.0.0.0", "::", "192.168.1.20", "vouch.contoso.example"]) {
      const error = refusal({ HOST: host });
      expect(error.setting, host).toBe("HOST");
      expect(error.message, host).toContain(DEV_SIGNIN_ON_NETWORK);
    }
    expect(refusal({ VOUCH_TRUST_PROXY: "1" }).setting).toBe("VOUCH_TRUST_PROXY");
    for (const host of ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost", "LOCALHOST"]) {
      expect(loadConfig({ HOST: host }).auth.mode, host).toBe("dev");
    }
  });

  it("starts on the network only with the loudly named opt-in", () => {
    const config = loadConfig({ HOST: "0.0.0.0", [DEV_SIGNIN_ON_NETWORK]: "1" });
    expect(config.auth.mode).toBe("dev");
    // Entra ID needs no opt-in to listen anywhere.
    const entra = loadConfig({
      HOST: "0.0.0.0",
      VOUCH_AUTH: "entra",
      VOUCH_ENTRA_CLIENT_ID: "c1",
      VOUCH_ENTRA_TENANTS: "t1",
    });
    expect(entra.auth.mode).toBe("entra");
  });

  it("reads NODE_ENV in any letter case: Production is production", () => {
    for (const nodeEnv of ["Production", "PRODUCTION", " production "]) {
      const error = refusal({ NODE_ENV: nodeEnv, VOUCH_AUTH: "dev" });
      expect(error.setting, nodeEnv).toBe("VOUCH_AUTH");
      expect(refusal({ NODE_ENV: nodeEnv }).setting, nodeEnv).toBe("VOUCH_ENTRA_CLIENT_ID");
    }
    expect(loadConfig({ NODE_ENV: "Development" }).production).toBe(false);
  });
});

describe("the data folder", () => {
  it("is the service user's only: folder 0700, database files 0600, also when they existed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "vouch-perm-"));
    try {
      const dataDir = join(dir, "data");
      prepareDataDir(dataDir);
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      const path = join(dataDir, "vouch.sqlite");
      const store = await openStore({ sqlitePath: path });
      await store.ping();
      for (const file of [path, `${path}-wal`, `${path}-shm`]) {
        expect(statSync(file).mode & 0o777, file).toBe(0o600);
      }
      await store.close();

      const { chmodSync } = await import("node:fs");
      chmodSync(dataDir, 0o755);
      chmodSync(path, 0o644);
      prepareDataDir(dataDir);
      const again = await openStore({ sqlitePath: path });
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("raw headers", () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ VOUCH_RETRACT_WINDOW: "1h" });
  });
  afterAll(() => service?.close());

  /** SQLite: the database file's bytes, after copying the write-ahead log into it. */
  function sqliteFileText(): string {
    const path = join(service.config.dataDir, "vouch.sqlite");
    const reader = new BetterSqlite3(path);
    try {
      reader.pragma("wal_checkpoint(TRUNCATE)");
    } finally {
      reader.close();
    }
    return readFileSync(path).toString("latin1");
  }

  it("are gone, not just hidden, once a report is retracted", async () => {
    const marker = `RETRACTED-MARKER-${Date.now()}`;
    const token = await service.token({ tenant: "contoso", user: "alice" });
    const internetMessageId = `<retract-${Date.now()}@northwind.example>`;
    const headers = exchangeHeaders({
      from: "billing@northwind.example",
      messageId: internetMessageId,
      subject: marker,
      minBytes: 12_000,
    });
    const made = await call(`${service.url}/api/v1/reports`, {
      token,
      body: { internetMessageId, headers, kind: "not-spam" },
    });
    expect(made.status).toBe(201);
    const id = (made.json as { id: string }).id;
    expect(await service.store.reports.rawHeaders("contoso", id)).toContain(marker);
    if (testEngine() === "sqlite") expect(sqliteFileText()).toContain(marker);

    const retracted = await call(`${service.url}/api/v1/reports/${id}`, {
      token,
      method: "DELETE",
    });
    expect(retracted.status).toBe(204);
    expect(await service.store.reports.rawHeaders("contoso", id)).toBeNull();
    if (testEngine() === "sqlite") {
      // secure_delete: the freed pages and cells are zeroed, not left for a file reader.
      expect(sqliteFileText()).not.toContain(marker);
    } else {
      const { rows } = await sql<{ n: number | string }>`
        select count(*) as n from reports where raw_headers like ${`%${marker}%`}`.execute(
        service.store.db,
      );
      expect(Number(rows[0]?.n)).toBe(0);
    }
  });

  it("are gone from the file after the purge", async () => {
    const marker = `PURGED-MARKER-${Date.now()}`;
    const recorded = await service.store.reports.record({
      tenantId: "contoso",
      reporterId: "old-reporter",
      internetMessageId: `<purge-${Date.now()}@northwind.example>`,
      kind: "not-spam",
      comment: null,
      mailbox: null,
      rawHeaders: exchangeHeaders({
        from: "billing@northwind.example",
        messageId: "<purge@northwind.example>",
        subject: marker,
        minBytes: 12_000,
      }),
      analysis: (await import("../../src/analysis")).analyzeHeaders(
        exchangeHeaders({
          from: "billing@northwind.example",
          messageId: "<purge@northwind.example>",
        }),
      ),
      now: new Date(Date.now() - 40 * 86_400_000),
    });
    if (testEngine() === "sqlite") expect(sqliteFileText()).toContain(marker);
    expect(
      await service.store.reports.purgeHeaders(new Date(Date.now() - 30 * 86_400_000)),
    ).toBeGreaterThan(0);
    expect(await service.store.reports.rawHeaders("contoso", recorded.report.id)).toBeNull();
    if (testEngine() === "sqlite") expect(sqliteFileText()).not.toContain(marker);
  });
});

describe("the command line", () => {
  it("vouch token says so when the data folder had no key and it made a new one", async () => {
    const { spawnSync } = await import("node:child_process");
    const dir = mkdtempSync(join(tmpdir(), "vouch-token-"));
    try {
      const run = () =>
        spawnSync(
          process.execPath,
          [
            join(import.meta.dirname, "../../bin/vouch.mjs"),
            "token",
            "--tenant",
            "t",
            "--user",
            "u",
          ],
          { env: { ...process.env, VOUCH_DATA_DIR: dir, NODE_ENV: "test" }, encoding: "utf8" },
        );
      const first = run();
      expect(first.status).toBe(0);
      expect(first.stdout.split(".")).toHaveLength(3);
      expect(first.stderr).toContain("a new one was made");
      expect(first.stderr).toContain("VOUCH_DATA_DIR");
      const second = run();
      expect(second.status).toBe(0);
      expect(second.stderr).toBe("");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("names the manifest of its own origin when PORT is not the committed manifest's", async () => {
    const { manifestLine } = await import("../../server/cli/serve");
    // manifest.xml as committed is rendered for https://localhost:3000.
    expect(manifestLine("https://localhost:3000")).toMatch(
      /\/manifest\.xml; served at https:\/\/localhost:3000\/manifest\.xml$/,
    );
    expect(manifestLine("https://localhost:3443")).toBe(
      "https://localhost:3443/manifest.xml (for this origin; ./manifest.xml is for another one: npm run manifest -- --origin https://localhost:3443 writes one)",
    );
    expect(manifestLine("http://127.0.0.1:5000")).toMatch(/^none over plain HTTP/);
  });
});
