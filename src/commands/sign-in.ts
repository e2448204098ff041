import {
  PENDING_SIGN_IN_ACCOUNT,
  TokenError,
  createNaaTokenProvider,
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

/**
 * The queue's account: the signed-in person, or the placeholder when nobody could be (the pane
 * sends those under the account it signs in).
 */
export function queueAccount(tokens: Pick<TokenProvider, "account">): () => Promise<string> {
  return () => tokens.account().catch(() => PENDING_SIGN_IN_ACCOUNT);
}
