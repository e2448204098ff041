import {
  createApiClient,
  createDevTokenProvider,
  createMailGraph,
  createReportQueue,
  storedDevIdentity,
  type RuntimeConfig,
  type TokenProvider,
} from "../api";
import type { MailHost } from "../office/host";
import type { ReportNotSpamDeps } from "./report-not-spam";
import { createSilentTokens, queueAccount } from "./sign-in";

/** How long one call to the service may take; the command's own deadline is longer. */
const API_TIMEOUT_MS = 12_000;

/**
 * The command's real dependencies for one runtime configuration: the service client and the
 * retry queue the pane shares (same origin, same localStorage), and Graph where Entra ID is on.
 * One token provider (one MSAL client) serves the service and every Graph permission.
 */
export function commandDeps(
  config: RuntimeConfig,
  host: MailHost,
  storage: Storage,
  log?: (message: string, detail?: unknown) => void,
  origin: string = globalThis.location?.origin ?? "",
): ReportNotSpamDeps {
  const baseUrl = config.apiBaseUrl;
  let tokens: TokenProvider;
  let deps: Partial<ReportNotSpamDeps> = {};
  const api = () => createApiClient({ tokens, baseUrl, timeoutMs: API_TIMEOUT_MS });
  if (config.auth === "dev") {
    tokens = createDevTokenProvider(storedDevIdentity(storage), { baseUrl });
  } else {
    const entra = createSilentTokens(
      { clientId: config.clientId, ...(config.authority ? { authority: config.authority } : {}) },
      host,
      origin,
    );
    tokens = entra;
    const graph = createMailGraph(entra);
    deps = {
      graphHeaders: graph.headers,
      rescue: graph.rescue,
      reportToMicrosoftEnabled: async () => {
        const me = await client.me();
        return me.ok && me.value.reportToMicrosoft;
      },
    };
  }
  const client = api();
  const queue = createReportQueue({
    storage,
    send: (request) => client.submitReport(request),
    account: queueAccount(tokens),
    // The command runs once and ends; the pane's queue does the retrying.
    window: null,
  });
  return { host, signIn: tokens, queue, ...deps, ...(log ? { log } : {}) };
}
