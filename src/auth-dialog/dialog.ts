import type { NaaConfig } from "../api/auth";
import { allowedScopeGroups, type AuthDialogResult } from "../api/dialog-auth";

/**
 * The sign-in dialog's logic, the fallback where Outlook has no nested app authentication: MSAL's
 * redirect sign-in in the dialog's own window (Entra ID cannot be framed), then one token per
 * scope group Vouch uses, sent to the pane with messageParent, as Microsoft's NAA samples do
 * (Office-Add-in-samples, Samples/auth/*: fallbackauthdialog). The scope groups come in the
 * address; only those Vouch asks for are accepted, and they survive the redirect in
 * sessionStorage (the dialog is one window, so its session storage is its own).
 */

interface DialogTokenResult {
  accessToken: string;
  account: { homeAccountId: string } | null;
  expiresOn: Date | null;
}

/** The part of MSAL's standard client the dialog uses: lets tests stand in for Entra ID. */
export interface DialogMsal {
  handleRedirectPromise(): Promise<DialogTokenResult | null>;
  loginRedirect(request: { scopes: string[] }): Promise<void>;
  acquireTokenSilent(request: { scopes: string[]; account: unknown }): Promise<DialogTokenResult>;
}

export const PENDING_SCOPES_KEY = "vouch:auth-dialog-scopes";
/** When Entra ID gives no expiry, assume its shortest default token lifetime. */
const DEFAULT_LIFETIME_MS = 60 * 60_000;

export interface DialogRun {
  msal: DialogMsal;
  config: NaaConfig | null;
  /** location.search of the dialog page. */
  search: string;
  storage: Pick<Storage, "getItem" | "setItem" | "removeItem">;
  send: (message: string) => void;
  now?: () => number;
}

export async function runAuthDialog(run: DialogRun): Promise<void> {
  const now = run.now ?? Date.now;
  const fail = (message: string) =>
    run.send(JSON.stringify({ status: "failure", message } satisfies AuthDialogResult));
  if (!run.config) return fail("Vouch's sign-in is not configured on this server.");
  try {
    const response = await run.msal.handleRedirectPromise();
    if (!response) {
      let requested: unknown = null;
      try {
        requested = JSON.parse(new URLSearchParams(run.search).get("scopes") ?? "null");
      } catch {
        // Refused below.
      }
      const groups = allowedScopeGroups(run.config, requested);
      if (!groups) return fail("The sign-in window was asked for permissions Vouch does not use.");
      run.storage.setItem(PENDING_SCOPES_KEY, JSON.stringify(groups));
      // Leaves the page; Entra ID sends the browser back here with the answer.
      await run.msal.loginRedirect({ scopes: groups[0]! });
      return;
    }
    const stored = run.storage.getItem(PENDING_SCOPES_KEY);
    run.storage.removeItem(PENDING_SCOPES_KEY);
    const groups = allowedScopeGroups(run.config, stored ? JSON.parse(stored) : null);
    if (!groups || !response.account) return fail("The sign-in lost its request; try again.");
    const expiry = (result: DialogTokenResult) =>
      result.expiresOn?.getTime() ?? now() + DEFAULT_LIFETIME_MS;
    const tokens = [
      { scopes: groups[0]!, accessToken: response.accessToken, expiresOn: expiry(response) },
    ];
    for (const scopes of groups.slice(1)) {
      // Best effort: a permission nobody consented to yet is simply not handed back.
      try {
        const result = await run.msal.acquireTokenSilent({ scopes, account: response.account });
        tokens.push({ scopes, accessToken: result.accessToken, expiresOn: expiry(result) });
      } catch {
        // The pane asks again, with this group first, when it needs it.
      }
    }
    run.send(
      JSON.stringify({
        status: "success",
        account: response.account.homeAccountId,
        tokens,
      } satisfies AuthDialogResult),
    );
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}
