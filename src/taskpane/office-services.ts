import {
  createDevTokenProvider,
  createNaaTokenProvider,
  storedDevIdentity,
  type TokenProvider,
} from "../api/auth";
import { loadRuntimeConfig } from "../api/runtime-config";
import { signedInServices, type SignedInServices } from "./services";

/**
 * Sign-in inside Outlook, after the runtime config: NAA against Entra ID, or the development
 * issuer when the service runs with VOUCH_AUTH=dev (as the identity the harness last chose, the
 * same one the ribbon command uses).
 * Its own chunk: the API client, zod and MSAL load while Office.js starts.
 */
export async function officeServices(): Promise<SignedInServices | null> {
  const config = await loadRuntimeConfig();
  let tokens: TokenProvider | null = null;
  if (config?.auth === "entra") {
    tokens = createNaaTokenProvider({ clientId: config.clientId });
  } else if (config?.auth === "dev") {
    tokens = createDevTokenProvider(storedDevIdentity(localStorage), {
      baseUrl: config.apiBaseUrl,
    });
  }
  return tokens ? signedInServices(tokens, config?.apiBaseUrl ?? "") : null;
}
