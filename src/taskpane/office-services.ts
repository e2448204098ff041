import {
  createDevTokenProvider,
  storedDevIdentity,
  type GraphTokenProvider,
  type TokenProvider,
} from "../api/auth";
import { DIALOG_SIZE, createEntraTokenProvider } from "../api/dialog-auth";
import { loadRuntimeConfig } from "../api/runtime-config";
import type { MailHost } from "../office/host";
import { signedInServices, type SignedInServices } from "./services";

/**
 * Sign-in inside Outlook, after the runtime config: Entra ID through nested app authentication
 * where Outlook has it (NestedAppAuth 1.1), else through the sign-in dialog; or the development
 * issuer when the service runs with VOUCH_AUTH=dev (as the identity the harness last chose, the
 * same one the ribbon command uses).
 * Its own chunk: the API client, zod and MSAL load while Office.js starts.
 */
export async function officeServices(host: MailHost): Promise<SignedInServices | null> {
  const config = await loadRuntimeConfig();
  let tokens: (TokenProvider & Partial<GraphTokenProvider>) | null = null;
  if (config?.auth === "entra") {
    tokens = createEntraTokenProvider(
      { clientId: config.clientId, ...(config.authority ? { authority: config.authority } : {}) },
      {
        naa: host.supports("NestedAppAuth", "1.1"),
        openDialog: (url) => host.openDialog(url, DIALOG_SIZE),
        origin: location.origin,
        interactive: true,
      },
    );
  } else if (config?.auth === "dev") {
    tokens = createDevTokenProvider(storedDevIdentity(localStorage), {
      baseUrl: config.apiBaseUrl,
    });
  }
  return tokens ? signedInServices(tokens, config?.apiBaseUrl ?? "") : null;
}
