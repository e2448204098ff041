import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import {
  ConfigError,
  loadConfig,
  parseDuration,
  SETTING_NAMES,
  trustedAuthservFor,
} from "../../server/config";
import { call, spawnService, tokenFor } from "../support/service";

/** Settings: every one from the environment, every bad one named, production refuses dev auth. */

const ROOT = resolve(import.meta.dirname, "../..");
const VOUCH = join(ROOT, "bin/vouch.mjs");

function refusal(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

function run(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [VOUCH, ...args], { env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("exit", (code) => done({ code, stdout, stderr }));
  });
}

describe("loadConfig", () => {
  it("has the documented defaults", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      host: "127.0.0.1",
      port: 3000,
      tls: { kind: "development" },
      database: { kind: "sqlite" },
      durableWrites: true,
      retractWindowMs: 600_000,
      retentionDays: 30,
      maxHeaderBytes: 262_144,
      rateLimitUser: { max: 60, windowMs: 60_000 },
      rateLimitTenant: { max: 6000, windowMs: 60_000 },
      publicOrigin: "https://localhost:3000",
      logLevel: "info",
      benchFloor: false,
    });
    expect(config.auth).toMatchObject({
      mode: "dev",
      requiredScope: "Reports.Submit",
      adminRole: "Vouch.Admin",
    });
    expect(config.dataDir).toBe(resolve("data"));
  });

  it("names the setting that is wrong", () => {
    const cases: [Record<string, string>, string][] = [
      [{ PORT: "http" }, "PORT"],
      [{ PORT: "70000" }, "PORT"],
      [{ VOUCH_HTTP: "maybe" }, "VOUCH_HTTP"],
      [{ VOUCH_AUTH: "none" }, "VOUCH_AUTH"],
      [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
      [{ VOUCH_RETRACT_WINDOW: "soon" }, "VOUCH_RETRACT_WINDOW"],
      [{ VOUCH_RETENTION_DAYS: "0" }, "VOUCH_RETENTION_DAYS"],
      [{ VOUCH_MAX_HEADER_BYTES: "big" }, "VOUCH_MAX_HEADER_BYTES"],
      [{ VOUCH_RATE_LIMIT_USER: "fast" }, "VOUCH_RATE_LIMIT_USER"],
      [{ VOUCH_RATE_LIMIT_TENANT: "10/never" }, "VOUCH_RATE_LIMIT_TENANT"],
      [{ VOUCH_ADMINS: "just-an-oid" }, "VOUCH_ADMINS"],
      [{ VOUCH_TRUSTED_AUTHSERV: ":x" }, "VOUCH_TRUSTED_AUTHSERV"],
      [{ VOUCH_PUBLIC_ORIGIN: "localhost:3000" }, "VOUCH_PUBLIC_ORIGIN"],
      [{ VOUCH_PUBLIC_ORIGIN: "https://vouch.example/path" }, "VOUCH_PUBLIC_ORIGIN"],
      [{ VOUCH_ENTRA_JWKS_URL: "https://login.example/keys" }, "VOUCH_ENTRA_JWKS_URL"],
      [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
      [{ VOUCH_TLS_CERT: "cert.pem" }, "VOUCH_TLS_KEY"],
      [{ VOUCH_REQUIRED_SCOPE: "a b" }, "VOUCH_REQUIRED_SCOPE"],
      [{ VOUCH_AUTH: "entra", VOUCH_ENTRA_TENANTS: "t1" }, "VOUCH_ENTRA_CLIENT_ID"],
      [{ VOUCH_AUTH: "entra", VOUCH_ENTRA_CLIENT_ID: "c1" }, "VOUCH_ENTRA_TENANTS"],
    ];
    for (const [env, setting] of cases) {
      const error = refusal(env);
      expect(error.setting, JSON.stringify(env)).toBe(setting);
      expect(error.message.startsWith(`${setting}: `)).toBe(true);
    }
  });

  it("refuses the development issuer in production, and defaults production to Entra ID", () => {
    const error = refusal({ NODE_ENV: "production", VOUCH_AUTH: "dev" });
    expect(error.setting).toBe("VOUCH_AUTH");
    expect(error.message).toMatch(/production/);
    expect(refusal({ NODE_ENV: "production" }).setting).toBe("VOUCH_ENTRA_CLIENT_ID");
    const production = loadConfig({
      NODE_ENV: "production",
      VOUCH_ENTRA_CLIENT_ID: "c1",
      VOUCH_ENTRA_TENANTS: "t1, t2",
    });
    expect(production.auth.mode).toBe("entra");
    expect([...(production.auth.tenants ?? [])]).toEqual(["t1", "t2"]);
  });

  it("reads durations, sizes, limits and per-tenant lists", () => {
    expect(parseDuration("10m")).toBe(600_000);
    expect(parseDuration("10 min")).toBe(600_000);
    expect(parseDuration("90")).toBe(90_000);
    expect(parseDuration("2h")).toBe(7_200_000);
    expect(parseDuration("1 week")).toBeNull();
    const config = loadConfig({
      VOUCH_MAX_HEADER_BYTES: "64KB",
      VOUCH_RATE_LIMIT_USER: "off",
      VOUCH_RATE_LIMIT_TENANT: "100/10s",
      VOUCH_ADMINS: "t1:o1, t1:o2,t2:o3",
      VOUCH_TRUSTED_AUTHSERV: "t1:mx.contoso.com,*:protection.outlook.com",
      VOUCH_HTTP: "1",
      PORT: "8080",
    });
    expect(config.maxHeaderBytes).toBe(65_536);
    expect(config.rateLimitUser).toBeNull();
    expect(config.rateLimitTenant).toEqual({ max: 100, windowMs: 10_000 });
    expect([...(config.auth.admins.get("t1") ?? [])]).toEqual(["o1", "o2"]);
    expect(trustedAuthservFor(config, "t1")).toEqual(["mx.contoso.com"]);
    expect(trustedAuthservFor(config, "t9")).toEqual(["protection.outlook.com"]);
    expect(config.publicOrigin).toBe("http://localhost:8080");
  });

  it("matches .env.example: every setting listed, every listed value accepted", () => {
    const example = readFileSync(join(ROOT, ".env.example"), "utf8");
    const env: Record<string, string> = {};
    for (const line of example.split("\n")) {
      const match = /^([A-Z_]+)=(.*)$/.exec(line);
      if (match?.[1]) env[match[1]] = match[2] ?? "";
    }
    expect(Object.keys(env).sort()).toEqual([...SETTING_NAMES].sort());
    expect(() => loadConfig(env)).not.toThrow();
  });
});

describe("vouch serve and vouch token", () => {
  it("stops at start with a message naming a bad setting", async () => {
    const result = await run(["serve"], {
      VOUCH_HTTP: "1",
      PORT: "0",
      VOUCH_RETENTION_DAYS: "forever",
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/VOUCH_RETENTION_DAYS/);
  }, 60_000);

  it("refuses to start with the development issuer when NODE_ENV=production", async () => {
    const result = await run(["serve"], {
      NODE_ENV: "production",
      VOUCH_AUTH: "dev",
      VOUCH_HTTP: "1",
      PORT: "0",
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/VOUCH_AUTH/);
  }, 60_000);

  it("prints a token the service accepts, and serves HTTPS with a self-signed certificate", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "vouch-cli-"));
    const service = await spawnService({ VOUCH_DATA_DIR: dataDir, VOUCH_HTTP: "0", HOME: dataDir });
    try {
      expect(service.url).toMatch(/^https:\/\//);
      expect(service.output()).toMatch(
        /certificate\s+self-signed localhost certificate, generated now/,
      );
      expect(service.output()).toMatch(/harness\.html/);
      const printed = await run(["token", "--tenant", "contoso", "--user", "alice", "--admin"], {
        VOUCH_DATA_DIR: dataDir,
      });
      expect(printed.code).toBe(0);
      const token = printed.stdout.trim();
      expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      // The self-signed certificate is not trusted by Node: check the same token over plain HTTP
      // on a second process of the same data folder, and the TLS one with its own check off.
      const { request } = await import("node:https");
      const status = await new Promise<number>((done, fail) => {
        const req = request(`${service.url}/api/v1/me`, {
          headers: { authorization: `Bearer ${token}` },
          rejectUnauthorized: false,
        });
        req.on("response", (response) => {
          response.resume();
          done(response.statusCode ?? 0);
        });
        req.on("error", fail);
        req.end();
      });
      expect(status).toBe(200);
      const same = await tokenFor(dataDir, { tenant: "contoso", user: "bob" });
      const plain = await spawnService({ VOUCH_DATA_DIR: dataDir });
      try {
        expect((await call(`${plain.url}/api/v1/me`, { token: same })).json).toMatchObject({
          userId: "bob",
        });
        expect((await call(`${plain.url}/api/v1/me`, { token })).json).toMatchObject({
          isAdmin: true,
        });
      } finally {
        await plain.stop();
      }
      expect(await service.stop()).toBe(0);
    } finally {
      await service.kill();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});
