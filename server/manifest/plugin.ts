import type { FastifyInstance, FastifyRequest } from "fastify";
import type { FeatureContext, FeaturePlugin } from "../feature-context";
import {
  DEFAULT_ADDIN_ID,
  DEFAULT_ADDIN_VERSION,
  ManifestValueError,
  normalizeOrigin,
  renderUnifiedManifest,
  renderXmlManifest,
  type ManifestValues,
} from "./render";

/**
 * GET /manifest.xml and /manifest.json: the add-in's manifests rendered for the origin this
 * service is reached at, so an admin can download exactly the file that matches the deployment.
 */

export interface ManifestPluginOptions {
  /** The configured public origin, or null to use each request's own origin. */
  configuredOrigin: (context: FeatureContext) => string | null;
  id: string;
  version: string;
}

/**
 * The origin config.publicOrigin falls back to when VOUCH_PUBLIC_ORIGIN is unset (mirrors
 * server/config.ts). Only an origin the operator set beats the one the browser actually used.
 */
function derivedPublicOrigin(config: FeatureContext["config"]): string {
  const scheme = config.tls.kind === "none" ? "http" : "https";
  const host = ["127.0.0.1", "0.0.0.0", "::", "::1"].includes(config.host)
    ? "localhost"
    : config.host;
  return `${scheme}://${host}:${config.port}`;
}

/** What the service uses: VOUCH_PUBLIC_ORIGIN (via config), VOUCH_ADDIN_ID and VOUCH_ADDIN_VERSION. */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): ManifestPluginOptions {
  return {
    configuredOrigin: ({ config }) =>
      config.publicOrigin === derivedPublicOrigin(config) ? null : config.publicOrigin,
    id: env.VOUCH_ADDIN_ID || DEFAULT_ADDIN_ID,
    version: env.VOUCH_ADDIN_VERSION || DEFAULT_ADDIN_VERSION,
  };
}

function requestOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

export function createManifestPlugin(options: ManifestPluginOptions): FeaturePlugin {
  return async (app: FastifyInstance, context: FeatureContext) => {
    const valuesFor = (request: FastifyRequest): ManifestValues | string => {
      const origin = options.configuredOrigin(context) ?? requestOrigin(request);
      try {
        return { origin: normalizeOrigin(origin), id: options.id, version: options.version };
      } catch (error) {
        if (error instanceof ManifestValueError) return error.message;
        throw error;
      }
    };
    const refuse = (message: string) => ({
      error: "manifest-unavailable",
      message: `${message}. Outlook needs HTTPS: run the service with HTTPS, or set VOUCH_PUBLIC_ORIGIN to the https:// origin users reach it at.`,
    });

    app.get("/manifest.xml", async (request, reply) => {
      const values = valuesFor(request);
      if (typeof values === "string") return reply.code(409).send(refuse(values));
      return reply
        .header("cache-control", "no-cache")
        .header("content-disposition", 'inline; filename="manifest.xml"')
        .type("application/xml; charset=utf-8")
        .send(renderXmlManifest(values));
    });
    app.get("/manifest.json", async (request, reply) => {
      const values = valuesFor(request);
      if (typeof values === "string") return reply.code(409).send(refuse(values));
      return reply
        .header("cache-control", "no-cache")
        .type("application/json; charset=utf-8")
        .send(renderUnifiedManifest(values));
    });
  };
}

/** The plugin server/plugins.ts registers; reads the environment when the service starts. */
export const manifestPlugin: FeaturePlugin = (app, context) =>
  createManifestPlugin(optionsFromEnv())(app, context);
