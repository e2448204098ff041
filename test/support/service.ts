/**
 * The REAL service for tests, two ways.
 *
 * In process (API and browser tests):
 *
 *   const service = await startTestService();              // or startTestService({ VOUCH_...: "..." })
 *   afterAll(() => service.close());
 *   const token = await service.token({ tenant: "contoso", user: "alice", admin: false });
 *   await fetch(`${service.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
 *   service.store                                            // the Store, to check what was kept
 *
 * It listens on 127.0.0.1 and a free port, plain HTTP, with the development issuer, on a fresh
 * database from openTestStore() (SQLite or PostgreSQL after VOUCH_TEST_DB), LOG_LEVEL=silent and
 * no rate limits unless `overrides` (environment variables, as in .env.example) say otherwise.
 * Pages are served from dist/web as built (the browser project builds them first).
 *
 * As a child process (fault tests, benchmarks): `spawnService(env)` runs `vouch serve` and
 * resolves once it prints its URL; `kill("SIGKILL")` and `stop()` end it. `tokenFor(dataDir,
 * ...)` signs with the key pair the child uses (the same VOUCH_DATA_DIR).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig, type Config } from "../../server/config";
import type { FeatureContext } from "../../server/feature-context";
import { startService } from "../../server/start";
import type { Store } from "../../server/storage";
import { openTestStore, type TestDatabase } from "./test-store";

export { spawnService, tokenFor, type ServiceProcess } from "./service-process";

export interface TokenRequest {
  tenant: string;
  user: string;
  admin?: boolean;
}

export interface TestService {
  /** http://127.0.0.1:PORT, no trailing slash. */
  url: string;
  /** A development access token for this person. */
  token(who: TokenRequest): Promise<string>;
  /** The store the service writes to: check what was (not) kept. */
  store: Store;
  config: Config;
  /** The feature context the service built (openapi registry, proposals hook, metrics). */
  context: FeatureContext;
  database: TestDatabase;
  close(): Promise<void>;
}

export const BASE_ENV: Record<string, string> = {
  NODE_ENV: "test",
  HOST: "127.0.0.1",
  PORT: "0",
  VOUCH_HTTP: "1",
  VOUCH_AUTH: "dev",
  LOG_LEVEL: "silent",
  VOUCH_RATE_LIMIT_USER: "off",
  VOUCH_RATE_LIMIT_TENANT: "off",
};

export async function startTestService(
  overrides: Record<string, string> = {},
  options: { webDir?: string } = {},
): Promise<TestService> {
  const testStore = await openTestStore();
  // SQLite keeps its file in a data folder of its own; give PostgreSQL runs one for the keys.
  const dataDir =
    testStore.database.env.VOUCH_DATA_DIR ?? mkdtempSync(join(tmpdir(), "vouch-service-"));
  try {
    const config = loadConfig({
      ...BASE_ENV,
      VOUCH_DATA_DIR: dataDir,
      ...testStore.database.env,
      ...overrides,
    });
    const service = await startService(config, testStore.store, options);
    return {
      url: service.url,
      store: testStore.store,
      config,
      context: service.context,
      database: testStore.database,
      async token(who) {
        const issuer = service.context.devIssuer;
        if (!issuer) throw new Error("token() needs VOUCH_AUTH=dev");
        return (await issuer.sign(who)).accessToken;
      },
      async close() {
        await service.stop();
        await testStore.cleanup();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await testStore.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

export interface CallOptions {
  method?: string;
  token?: string;
  /** Sent as JSON unless it is a string (then as is). */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  headers: Headers;
  /** Parsed JSON when the answer is JSON, else null. */
  json: unknown;
  text: string;
}

/** One HTTP call to a test service, with the answer read whole. */
export async function call(url: string, options: CallOptions = {}): Promise<CallResult> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const response = await fetch(url, {
    method: options.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    ...(body !== undefined ? { body } : {}),
  });
  const text = await response.text();
  const isJson = response.headers.get("content-type")?.includes("json") ?? false;
  return {
    status: response.status,
    headers: response.headers,
    json: isJson ? JSON.parse(text) : null,
    text,
  };
}
