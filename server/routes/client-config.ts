import type { FastifyInstance } from "fastify";
import {
  RUNTIME_CONFIG_PATH,
  runtimeConfigSchema,
  type RuntimeConfig,
} from "../../src/api/runtime-config";
import type { FeatureContext } from "../feature-context";

/**
 * GET /api/v1/client-config: what the pane and the ribbon command need before anyone has signed
 * in — which sign-in to use and the API's client id (NAA asks for api://{clientId}/...).
 * Public on purpose: it holds nothing a signed-out page may not know.
 */
export async function clientConfigRoutes(
  app: FastifyInstance,
  context: FeatureContext,
): Promise<void> {
  const { auth } = context.config;
  const authority = auth.mode === "entra" ? authorityFor(auth.issuerTemplate, auth.tenants) : null;
  const body: RuntimeConfig = {
    auth: auth.mode,
    clientId: auth.clientId,
    apiBaseUrl: "",
    ...(authority ? { authority } : {}),
  };
  app.get(RUNTIME_CONFIG_PATH, async () => body);

  context.openapi.add({
    method: "get",
    path: RUNTIME_CONFIG_PATH,
    summary: "Sign-in settings for the pages: dev or entra, and the API's client id.",
    auth: false,
    responses: { 200: { description: "The settings.", schema: runtimeConfigSchema } },
  });
}

/**
 * Where the pages sign in: the accepted tenant's own authority when there is one tenant (a
 * single-tenant registration cannot use "common"), else "organizations" (work and school
 * accounts, which are all the service accepts). The host is the issuer's, so a sovereign
 * cloud's VOUCH_ENTRA_ISSUER (login.microsoftonline.us, ...) moves sign-in there too.
 */
export function authorityFor(
  issuerTemplate: string,
  tenants: ReadonlySet<string> | null,
): string | null {
  let origin: string;
  try {
    origin = new URL(issuerTemplate.replace("{tid}", "tenant")).origin;
  } catch {
    return null;
  }
  const only = tenants && tenants.size === 1 ? [...tenants][0] : null;
  return `${origin}/${only ?? "organizations"}`;
}
