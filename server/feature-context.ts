import type { FastifyInstance } from "fastify";
import type { Analyzer } from "./analysis/pool";
import type { ProposalStatus } from "../src/api/contract";
import type { DevIssuer } from "./auth/dev-issuer";
import type { Config } from "./config";
import type { Metrics } from "./http/metrics";
import type { OpenApiRegistry } from "./http/openapi";
import type { Store } from "./storage";

/** The proposal a sender's status shows, in one line. */
export interface ProposalSummary {
  id: string;
  status: ProposalStatus;
  reason: string | null;
}

export type ProposalLookup = (
  tenantId: string,
  senderKey: string,
) => Promise<ProposalSummary | null>;

/**
 * What every feature plugin (server/plugins.ts) is given besides its Fastify scope:
 *
 * - `config`, `store`: the service's settings and its open store (migrations already ran).
 * - `app.authenticate` / `app.requireAdmin` on the scope: name them as a route's preHandler; they
 *   validate the bearer token (and the admin role) before the body is read, apply the rate
 *   limits and set `request.user = { tenantId, userId, isAdmin }`. Use `callerOf(request)`
 *   (server/auth/plugin.ts) in handlers.
 * - Errors: throw `HttpError(status, code, message)` (server/http/errors.ts) or use
 *   `parseOr400(schema, value, "body")`; the service answers `{error, message}`.
 * - `openapi.add({...})`: describe each route with its zod schemas for /api/openapi.json.
 * - `proposals.lookup`: set it to let GET /api/v1/senders/status and report answers show the
 *   sender's proposal (null until set); `proposals.reportToMicrosoft`: the tenant's switch that
 *   GET /api/v1/me passes to the ribbon button.
 */
export interface FeatureContext {
  config: Config;
  store: Store;
  /** Analyses report headers (worker threads, see server/analysis/pool.ts). */
  analyzer: Analyzer;
  metrics: Metrics;
  openapi: OpenApiRegistry;
  proposals: {
    lookup: ProposalLookup | null;
    /** The tenant's "also tell Microsoft" switch, for GET /api/v1/me (false until set). */
    reportToMicrosoft: ((tenantId: string) => Promise<boolean>) | null;
  };
  /** Present only with VOUCH_AUTH=dev. */
  devIssuer: DevIssuer | null;
}

export type FeaturePlugin = (app: FastifyInstance, context: FeatureContext) => Promise<void>;
