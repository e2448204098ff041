import {
  PENDING_SIGN_IN_ACCOUNT,
  createEntraTokenProvider,
  type GraphTokenProvider,
  type NaaConfig,
  type TokenProvider,
} from "../api";
import type { MailHost } from "../office/host";

/**
 * Sign-in for the function command. It runs in a hidden page: no popup or dialog can be shown,
 * so every token is silent (nested app authentication where Outlook has it; without it there is
 * nothing to be silent with), and "interaction required" becomes a TokenError the command turns
 * into "Open Vouch to sign in".
 */

export const INTERACTION_REQUIRED_MESSAGE = "Open Vouch to sign in";

export function createSilentTokens(
  config: NaaConfig,
  host: Pick<MailHost, "supports">,
  origin: string,
): TokenProvider & GraphTokenProvider {
  return createEntraTokenProvider(config, {
    naa: host.supports("NestedAppAuth", "1.1"),
    openDialog: null,
    origin,
    interactive: false,
  });
}

/**
 * The queue's account: the signed-in person, or the placeholder when nobody could be (the pane
 * sends those under the account it signs in).
 */
export function queueAccount(tokens: Pick<TokenProvider, "account">): () => Promise<string> {
  return () => tokens.account().catch(() => PENDING_SIGN_IN_ACCOUNT);
}
