import { AUTH_DIALOG_PATH } from "../api/dialog-auth";
import { loadRuntimeConfig } from "../api/runtime-config";
import { runAuthDialog, type DialogMsal } from "./dialog";

/** The sign-in dialog page (auth-dialog.html), opened by the pane with displayDialogAsync. */
async function start(): Promise<void> {
  await Office.onReady();
  const config = await loadRuntimeConfig();
  const send = (message: string) => Office.context.ui.messageParent(message);
  if (config?.auth !== "entra") {
    await runAuthDialog({
      msal: null as never,
      config: null,
      search: "",
      storage: sessionStorage,
      send,
    });
    return;
  }
  const msal = await import("@azure/msal-browser");
  const client = await msal.createStandardPublicClientApplication({
    auth: {
      clientId: config.clientId,
      authority: config.authority ?? "https://login.microsoftonline.com/organizations",
      // Registered as a single-page-application redirect URI (docs/deploy.md).
      redirectUri: `${location.origin}${AUTH_DIALOG_PATH}`,
    },
    cache: { cacheLocation: "sessionStorage" },
  });
  await runAuthDialog({
    msal: client as unknown as DialogMsal,
    config: { clientId: config.clientId },
    search: location.search,
    storage: sessionStorage,
    send,
  });
}

void start();
