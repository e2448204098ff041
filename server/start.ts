import { chmodSync, mkdirSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import { buildService, type BuildOptions } from "./app";
import type { Config } from "./config";
import type { FeatureContext } from "./feature-context";
import { startHeaderPurge } from "./retention";
import { openStore, type Store } from "./storage";
import { resolveTls } from "./tls";

export interface RunningService {
  app: FastifyInstance;
  context: FeatureContext;
  store: Store;
  /** http(s)://host:port the service listens on. */
  url: string;
  /** Where the certificate came from, or "plain HTTP". */
  certificate: string;
  /** Stops accepting, finishes requests in flight, closes the store it opened. Idempotent. */
  stop(): Promise<void>;
}

/**
 * The data folder holds the database, the development issuer's private key and the TLS key:
 * the service's user only (0700), also when it already existed.
 */
export function prepareDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
}

export function openConfiguredStore(config: Config): Promise<Store> {
  return config.database.kind === "postgres"
    ? openStore({ databaseUrl: config.database.url })
    : openStore({ sqlitePath: config.database.path, durable: config.durableWrites });
}

/**
 * Opens the store (running migrations), builds the service and listens. `given` lets tests hand
 * in a store they opened themselves; they keep owning it (stop() leaves it open). `webDir` serves
 * other pages than the build's (the cold-open benchmark's floor page).
 */
export async function startService(
  config: Config,
  given?: Store,
  options: Pick<BuildOptions, "webDir"> = {},
): Promise<RunningService> {
  prepareDataDir(config.dataDir);
  const tls = resolveTls(config);
  const store = given ?? (await openConfiguredStore(config));
  let app: FastifyInstance;
  let context: FeatureContext;
  try {
    ({ app, context } = await buildService(config, store, { ...options, https: tls }));
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    if (!given) await store.close();
    throw error;
  }
  const stopPurge = startHeaderPurge(store, {
    retentionDays: config.retentionDays,
    intervalMs: config.purgeIntervalMs,
    log: app.log,
  });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  let stopping: Promise<void> | null = null;
  return {
    app,
    context,
    store,
    url: `${tls ? "https" : "http"}://${host}:${port}`,
    certificate: tls ? tls.source : "plain HTTP (VOUCH_HTTP=1)",
    stop() {
      stopping ??= (async () => {
        stopPurge();
        try {
          await app.close();
        } finally {
          if (!given) await store.close();
        }
      })();
      return stopping;
    },
  };
}

/** Stops the service on SIGTERM and SIGINT, letting requests in flight finish first. */
export function stopOnSignals(service: RunningService, onStopped: () => void): void {
  const handler = (signal: NodeJS.Signals) => {
    service.app.log.info({ signal }, "stopping");
    void service
      .stop()
      .catch((error: unknown) => service.app.log.error({ err: error }, "stop failed"))
      .finally(onStopped);
  };
  process.once("SIGTERM", handler);
  process.once("SIGINT", handler);
}
