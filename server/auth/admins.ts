import type { AuthConfig } from "../config";

/** VOUCH_ADMINS: users who are admins of their tenant without the app role. */
export function isConfiguredAdmin(auth: AuthConfig, tenantId: string, userId: string): boolean {
  return auth.admins.get(tenantId)?.has(userId) ?? false;
}
