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
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { openDevIssuer } from "../../server/auth/dev-issuer";
import { loadConfig, type Config } from "../../server/config";
import type { FeatureContext } from "../../server/feature-context";
import { startService } from "../../server/start";
import type { Store } from "../../server/storage";
import { openTestStore, type TestDatabase } from "./test-store";

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

const BASE_ENV: Record<string, string> = {
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
    const service = await startService(config, testStore.store);
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

/** A development token signed with the key pair in `dataDir`, as a child service would accept. */
export async function tokenFor(dataDir: string, who: TokenRequest): Promise<string> {
  const config = loadConfig({ ...BASE_ENV, VOUCH_DATA_DIR: dataDir });
  const issuer = await openDevIssuer(config.dataDir, config.auth);
  return (await issuer.sign(who)).accessToken;
}

export interface ServiceProcess {
  url: string;
  child: ChildProcess;
  /** Everything it wrote so far, stdout and stderr. */
  output(): string;
  /** Sends the signal and waits for the process to end; resolves with its exit code or signal. */
  kill(signal?: NodeJS.Signals): Promise<number | NodeJS.Signals | null>;
  /** SIGTERM: the graceful stop. */
  stop(): Promise<number | NodeJS.Signals | null>;
}

const VOUCH_BIN = resolve(import.meta.dirname, "../../bin/vouch.mjs");
const RUNNING = /Vouch is running at (\S+)/;

/** `vouch serve` in a child process with BASE_ENV + `env`; resolves once it listens. */
export function spawnService(
  env: Record<string, string>,
  options: { timeoutMs?: number } = {},
): Promise<ServiceProcess> {
  const child = spawn(process.execPath, [VOUCH_BIN, "serve"], {
    env: { ...process.env, ...BASE_ENV, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<number | NodeJS.Signals | null>((done) =>
    child.once("exit", (code, signal) => done(signal ?? code)),
  );
  return new Promise((resolveStart, rejectStart) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      rejectStart(new Error(`vouch serve did not start in time:\n${output}`));
    }, options.timeoutMs ?? 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = RUNNING.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        const kill = async (signal: NodeJS.Signals = "SIGKILL") => {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return exited;
        };
        resolveStart({
          url: match[1],
          child,
          output: () => output,
          kill,
          stop: () => kill("SIGTERM"),
        });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    void exited.then((how) => {
      clearTimeout(timer);
      rejectStart(new Error(`vouch serve ended (${String(how)}) before listening:\n${output}`));
    });
  });
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
