import { readFileSync } from "node:fs";
import { join } from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { errorBodySchema } from "../src/api/contract";
import { openDevIssuer, type DevIssuer } from "./auth/dev-issuer";
import { cachingVerifier } from "./auth/cache";
import { createEntraVerifier } from "./auth/entra";
import { installAuth } from "./auth/plugin";
import type { Config } from "./config";
import type { FeatureContext } from "./feature-context";
import "./fastify-types";
import { installErrorHandlers } from "./http/errors";
import { installJsonBodyParser } from "./http/json-body";
import { loggerOptions, OneLinePerRequest, requestId } from "./http/logging";
import { installMetrics, Metrics } from "./http/metrics";
import { OpenApiRegistry } from "./http/openapi";
import { createAnonymousLimiter, createRateLimiter } from "./http/rate-limit";
import { installSecurityHeaders } from "./http/security-headers";
import { serverTimeouts } from "./http/timeouts";
import { installStatic, REPO_ROOT } from "./http/static";
import { installOfficePages } from "./http/office-pages";
import { featurePlugins } from "./plugins";
import { analysisPool, inlineAnalyzer } from "./analysis/pool";
import { benchFloorRoute } from "./routes/bench-floor";
import { devTokenRoute } from "./routes/dev-token";
import { healthRoutes } from "./routes/health";
import { meRoutes } from "./routes/me";
import { clientConfigRoutes } from "./routes/client-config";
import { reportRoutes } from "./routes/reports";
import { senderRoutes } from "./routes/senders";
import type { Store } from "./storage";

export interface BuildOptions {
  /** TLS key and certificate; plain HTTP without. */
  https?: { key: string | Buffer; cert: string | Buffer } | null;
  /** Static folder override (tests of the "not built" page). */
  webDir?: string;
  /** Where log lines go instead of stdout (tests that read the logs). */
  logStream?: { write(line: string): void };
}

export interface VouchApp {
  app: FastifyInstance;
  context: FeatureContext;
}

const VERSION = (
  JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string }
).version;

/**
 * The whole service as a Fastify instance, not yet listening: error shape, logs, metrics, auth,
 * the API v1 routes, the OpenAPI document, the static pages, then the feature plugins of
 * server/plugins.ts. The store is opened (and migrated) by the caller, who also closes it.
 */
export async function buildService(
  config: Config,
  store: Store,
  options: BuildOptions = {},
): Promise<VouchApp> {
  const timeouts = serverTimeouts(config);
  const app = Fastify({
    logger: loggerOptions(config.logLevel, options.logStream, { pretty: !config.production }),
    genReqId: requestId,
    requestIdHeader: false,
    logController: new OneLinePerRequest(),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    requestTimeout: timeouts.requestTimeout,
    http: timeouts,
    ...(options.https ? { https: { ...timeouts, ...options.https } } : {}),
  }) as unknown as FastifyInstance;

  // JSON only: text/plain would otherwise reach the handlers as a string and fail as a 400.
  app.removeContentTypeParser("text/plain");
  installJsonBodyParser(app);
  installErrorHandlers(app);
  const metrics = new Metrics();
  installMetrics(app, metrics, config);
  await installSecurityHeaders(app, {
    https: Boolean(options.https),
    extraFrameAncestors: config.extraFrameAncestors,
  });
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
    if (request.url.startsWith("/api/") || request.url.startsWith("/dev/")) {
      reply.header("cache-control", "no-store");
    }
  });

  const devIssuer: DevIssuer | null =
    config.auth.mode === "dev" ? await openDevIssuer(config.dataDir, config.auth) : null;
  const verifier = cachingVerifier(
    devIssuer ? devIssuer.verifier : createEntraVerifier(config.auth),
  );
  const anonymous = createAnonymousLimiter(config.rateLimitAnonymous);
  installAuth(app, verifier, {
    perCaller: createRateLimiter(config.rateLimitUser, config.rateLimitTenant),
    anonymous,
  });

  const openapi = new OpenApiRegistry();
  const analyzer =
    config.analysisThreads > 0
      ? analysisPool(config.analysisThreads, { onError: (message) => app.log.error(message) })
      : inlineAnalyzer();
  app.addHook("onClose", () => analyzer.close());
  const context: FeatureContext = {
    config,
    store,
    analyzer,
    metrics,
    openapi,
    proposals: { lookup: null, reportToMicrosoft: null },
    devIssuer,
  };

  await healthRoutes(app, context);
  await devTokenRoute(app, context, anonymous);
  await reportRoutes(app, context);
  await senderRoutes(app, context);
  await meRoutes(app, context);
  await clientConfigRoutes(app, context);
  await benchFloorRoute(app, context);
  app.get("/api/openapi.json", async () =>
    openapi.document({ version: VERSION, serverUrl: config.publicOrigin }, errorBodySchema),
  );
  await installStatic(app, {
    samples: config.auth.mode === "dev",
    ...(options.webDir ? { webDir: options.webDir } : {}),
  });
  installOfficePages(app, config.officeJs, options.webDir);

  for (const plugin of featurePlugins) {
    await app.register(async (scope) => plugin(scope, context));
  }
  return { app, context };
}

/** buildService without the context, for callers that only need the Fastify instance. */
export async function buildApp(
  config: Config,
  store: Store,
  options: BuildOptions = {},
): Promise<FastifyInstance> {
  return (await buildService(config, store, options)).app;
}
