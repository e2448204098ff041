import {
  TokenError,
  createNaaTokenProvider,
  type DevIdentity,
  type GraphTokenProvider,
  type NaaConfig,
  type NestableClient,
  type TokenProvider,
} from "../api";

/**
 * Sign-in for the function command. It runs in a hidden page: no popup can be shown, so every
 * token is silent, and "interaction required" becomes a TokenError the command turns into
 * "Open Vouch to sign in".
 */

/**
 * The queue account of a report filed before anyone could be signed in silently. The pane,
 * once it has signed the person in, sends these under their real account.
 */
export const PENDING_SIGN_IN_ACCOUNT = "vouch:pending-sign-in";

export const INTERACTION_REQUIRED_MESSAGE = "Open Vouch to sign in";

/** MSAL's nestable client with the popup replaced by a refusal. */
async function silentOnlyClient(config: NaaConfig): Promise<NestableClient> {
  const msal = await import("@azure/msal-browser");
  const client = await msal.createNestablePublicClientApplication({
    auth: {
      clientId: config.clientId,
      authority: config.authority ?? "https://login.microsoftonline.com/common",
    },
  });
  return {
    acquireTokenSilent: (request) => client.acquireTokenSilent(request as never),
    acquireTokenPopup: async () => {
      throw new TokenError(INTERACTION_REQUIRED_MESSAGE, true);
    },
    getActiveAccount: () => client.getActiveAccount(),
    getAllAccounts: () => client.getAllAccounts(),
    setActiveAccount: (account) => client.setActiveAccount(account),
  };
}

export function createSilentNaaTokens(config: NaaConfig): TokenProvider & GraphTokenProvider {
  return createNaaTokenProvider(config, silentOnlyClient);
}

/** The queue's account: the signed-in person, or the placeholder when nobody could be. */
export function queueAccount(tokens: Pick<TokenProvider, "account">): () => Promise<string> {
  return () => tokens.account().catch(() => PENDING_SIGN_IN_ACCOUNT);
}

export const DEV_IDENTITY_STORAGE_KEY = "vouch:dev-identity";
const DEFAULT_DEV_IDENTITY: DevIdentity = { tenant: "dev-tenant", user: "dev-user" };

/** Development sign-in (VOUCH_AUTH=dev): the identity the harness chose, else a default. */
export function devIdentity(storage: Pick<Storage, "getItem"> | null): DevIdentity {
  try {
    const stored = JSON.parse(storage?.getItem(DEV_IDENTITY_STORAGE_KEY) ?? "null") as unknown;
    if (stored && typeof stored === "object") {
      const { tenant, user } = stored as Partial<DevIdentity>;
      if (typeof tenant === "string" && tenant && typeof user === "string" && user)
        return { tenant, user };
    }
  } catch {
    // A malformed entry is the same as none.
  }
  return DEFAULT_DEV_IDENTITY;
}
