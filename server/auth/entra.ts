import { createRemoteJWKSet, type JWTVerifyGetKey } from "jose";
import type { AuthConfig } from "../config";
import { isConfiguredAdmin } from "./admins";
import type { TokenVerifier } from "./types";
import { createTokenVerifier } from "./verify";

/**
 * Microsoft Entra ID access tokens (v2), as nested app authentication obtains them in the pane.
 * Keys come from the tenant's published key set; jose caches it and fetches it again when a
 * token names a key id it does not know (Entra rolls its keys), at most once per cooldown.
 */
export const ENTRA_ALGORITHMS = ["RS256"];

export function fillTenant(template: string, tenantId: string): string {
  return template.replaceAll("{tid}", encodeURIComponent(tenantId));
}

export function createEntraVerifier(auth: AuthConfig): TokenVerifier {
  // Only tenants on the allow-list ever reach keysFor, so this map stays bounded.
  const keySets = new Map<string, JWTVerifyGetKey>();
  const keysFor = (tenantId: string): JWTVerifyGetKey => {
    let keys = keySets.get(tenantId);
    if (!keys) {
      keys = createRemoteJWKSet(new URL(fillTenant(auth.jwksUrlTemplate, tenantId)), {
        timeoutDuration: 5000,
        cooldownDuration: auth.jwksCooldownMs,
        cacheMaxAge: 24 * 3600_000,
      });
      keySets.set(tenantId, keys);
    }
    return keys;
  };
  return createTokenVerifier({
    keysFor,
    issuerFor: (tenantId) => fillTenant(auth.issuerTemplate, tenantId),
    audiences: [auth.clientId, `api://${auth.clientId}`],
    tenants: auth.tenants,
    algorithms: ENTRA_ALGORITHMS,
    requiredScope: auth.requiredScope,
    clockToleranceSeconds: auth.clockToleranceSeconds,
    isAdmin: (tenantId, userId, roles) =>
      roles.includes(auth.adminRole) || isConfiguredAdmin(auth, tenantId, userId),
  });
}
