import {
  createApiClient,
  createDevTokenProvider,
  createReportQueue,
  fetchGraphHeaders,
  storedDevIdentity,
  type GraphTokenProvider,
  type RuntimeConfig,
  type TokenProvider,
} from "../api";
import type { MailHost } from "../office/host";
import type { ReportNotSpamDeps } from "./report-not-spam";
import { reportNotJunkToMicrosoft } from "./report-to-microsoft";
import { createSilentNaaTokens, queueAccount } from "./sign-in";

/** How long one call to the service may take; the command's own deadline is longer. */
const API_TIMEOUT_MS = 12_000;

/**
 * The command's real dependencies for one runtime configuration: the service client and the
 * retry queue the pane shares (same origin, same localStorage), and Graph where Entra ID is on.
 */
export function commandDeps(
  config: RuntimeConfig,
  host: MailHost,
  storage: Storage,
  log?: (message: string, detail?: unknown) => void,
): ReportNotSpamDeps {
  const baseUrl = config.apiBaseUrl;
  let tokens: TokenProvider;
  let graphRead: GraphTokenProvider | null = null;
  let graphWrite: GraphTokenProvider | null = null;
  if (config.auth === "dev") {
    tokens = createDevTokenProvider(storedDevIdentity(storage), { baseUrl });
  } else {
    const naa = createSilentNaaTokens({ clientId: config.clientId, graphScopes: ["Mail.Read"] });
    tokens = naa;
    graphRead = naa;
    // reportMessage moves the message, so it needs Mail.ReadWrite; asked only when enabled.
    graphWrite = createSilentNaaTokens({
      clientId: config.clientId,
      graphScopes: ["Mail.ReadWrite"],
    });
  }
  const api = createApiClient({ tokens, baseUrl, timeoutMs: API_TIMEOUT_MS });
  const queue = createReportQueue({
    storage,
    send: (request) => api.submitReport(request),
    account: queueAccount(tokens),
    // The command runs once and ends; the pane's queue does the retrying.
    window: null,
  });
  const write = graphWrite;
  const read = graphRead;
  return {
    host,
    signIn: tokens,
    queue,
    ...(read ? { graphHeaders: (restId: string) => fetchGraphHeaders(restId, read) } : {}),
    ...(write
      ? {
          reportToMicrosoftEnabled: async () => {
            const me = await api.me();
            return me.ok && me.value.reportToMicrosoft;
          },
          reportToMicrosoft: (restId: string) => reportNotJunkToMicrosoft(restId, write),
        }
      : {}),
    ...(log ? { log } : {}),
  };
}
