import { devTokenResponseSchema } from "./contract";

/** Gives the bearer token for the Vouch service, and says whose it is. */
export interface TokenProvider {
  /** A stable key of the signed-in person; queued reports are sent only under it. */
  account(): Promise<string>;
  getToken(options?: { forceRefresh?: boolean }): Promise<string>;
}

/** Gives a token for Microsoft Graph (Mail.Read), used for the header fallback. */
export interface GraphTokenProvider {
  getGraphToken(): Promise<string>;
}

export class TokenError extends Error {
  constructor(
    message: string,
    readonly interactionRequired = false,
  ) {
    super(message);
    this.name = "TokenError";
  }
}

export interface NaaConfig {
  clientId: string;
  /** Defaults to `api://{clientId}/Reports.Submit`. */
  apiScope?: string;
  authority?: string;
  graphScopes?: readonly string[];
}

/** Only the part of MSAL's client the provider uses: lets tests stand in for Entra ID. */
export interface NestableClient {
  acquireTokenSilent(request: {
    scopes: string[];
    account?: unknown;
    forceRefresh?: boolean;
  }): Promise<{ accessToken: string; account: { homeAccountId: string } | null }>;
  acquireTokenPopup(request: {
    scopes: string[];
  }): Promise<{ accessToken: string; account: { homeAccountId: string } | null }>;
  getActiveAccount(): { homeAccountId: string } | null;
  getAllAccounts(): { homeAccountId: string }[];
  setActiveAccount(account: never): void;
}

export type NestableClientFactory = (config: NaaConfig) => Promise<NestableClient>;

/** MSAL is loaded only when a token is first needed, so it stays out of the initial bundle. */
const loadMsal: NestableClientFactory = async (config) => {
  const msal = await import("@azure/msal-browser");
  const client = await msal.createNestablePublicClientApplication({
    auth: {
      clientId: config.clientId,
      authority: config.authority ?? "https://login.microsoftonline.com/common",
    },
  });
  return client as unknown as NestableClient;
};

const isInteractionRequired = async (error: unknown): Promise<boolean> => {
  if (error instanceof TokenError) return error.interactionRequired;
  const msal = await import("@azure/msal-browser");
  return error instanceof msal.InteractionRequiredAuthError;
};

/**
 * Nested app authentication: silent first, a popup when Entra ID wants an interaction.
 * `isInteractionRequiredError` is injectable so tests need not load MSAL.
 */
export function createNaaTokenProvider(
  config: NaaConfig,
  factory: NestableClientFactory = loadMsal,
  isInteractionRequiredError: (error: unknown) => Promise<boolean> = isInteractionRequired,
): TokenProvider & GraphTokenProvider {
  const apiScope = config.apiScope ?? `api://${config.clientId}/Reports.Submit`;
  const graphScopes = [...(config.graphScopes ?? ["Mail.Read"])];
  let clientPromise: Promise<NestableClient> | null = null;
  const client = () => (clientPromise ??= factory(config));

  const acquire = async (scopes: string[], forceRefresh = false) => {
    const pca = await client();
    const account = pca.getActiveAccount() ?? pca.getAllAccounts()[0];
    try {
      const result = await pca.acquireTokenSilent({ scopes, account, forceRefresh });
      if (result.account) pca.setActiveAccount(result.account as never);
      return result;
    } catch (error) {
      if (!(await isInteractionRequiredError(error))) throw error;
      const result = await pca.acquireTokenPopup({ scopes });
      if (result.account) pca.setActiveAccount(result.account as never);
      return result;
    }
  };

  return {
    async account() {
      const pca = await client();
      const known = pca.getActiveAccount() ?? pca.getAllAccounts()[0];
      if (known) return known.homeAccountId;
      const result = await acquire([apiScope]);
      return result.account?.homeAccountId ?? "unknown";
    },
    async getToken(options) {
      return (await acquire([apiScope], options?.forceRefresh)).accessToken;
    },
    async getGraphToken() {
      return (await acquire(graphScopes)).accessToken;
    },
  };
}

export interface DevIdentity {
  tenant: string;
  user: string;
  admin?: boolean;
}

/** Refresh a minute before expiry, so a token never dies in flight. */
const EXPIRY_MARGIN_MS = 60_000;

/** Development sign-in: `POST /dev/token` on the service (VOUCH_AUTH=dev only). */
export function createDevTokenProvider(
  identity: DevIdentity,
  options: { baseUrl?: string; fetch?: typeof fetch; now?: () => number } = {},
): TokenProvider {
  const baseUrl = options.baseUrl ?? "";
  const now = options.now ?? Date.now;
  let cached: { token: string; expiresAt: number } | null = null;
  return {
    account: async () => `dev:${identity.tenant}/${identity.user}`,
    async getToken(tokenOptions) {
      if (cached && !tokenOptions?.forceRefresh && cached.expiresAt - EXPIRY_MARGIN_MS > now()) {
        return cached.token;
      }
      const doFetch = options.fetch ?? fetch;
      let response: Response;
      try {
        response = await doFetch(`${baseUrl}/dev/token`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(identity),
        });
      } catch (error) {
        throw new TokenError(`Development sign-in unreachable: ${String(error)}`);
      }
      if (!response.ok) throw new TokenError(`Development sign-in refused (${response.status})`);
      const body = devTokenResponseSchema.safeParse(await response.json().catch(() => null));
      if (!body.success) throw new TokenError("Development sign-in gave an unreadable answer");
      cached = { token: body.data.accessToken, expiresAt: Date.parse(body.data.expiresAt) };
      return cached.token;
    },
  };
}

/** Where the harness records whom it signed in as, so the ribbon command signs in alike. */
export const DEV_IDENTITY_STORAGE_KEY = "vouch:dev-identity";
export const DEFAULT_DEV_IDENTITY: DevIdentity = { tenant: "dev-tenant", user: "dev-user" };

/** The development identity the harness chose (VOUCH_AUTH=dev only), else the default one. */
export function storedDevIdentity(storage: Pick<Storage, "getItem"> | null): DevIdentity {
  try {
    const stored = JSON.parse(storage?.getItem(DEV_IDENTITY_STORAGE_KEY) ?? "null") as unknown;
    if (stored && typeof stored === "object") {
      const { tenant, user } = stored as Partial<DevIdentity>;
      if (typeof tenant === "string" && tenant && typeof user === "string" && user) {
        return { tenant, user };
      }
    }
  } catch {
    // A malformed entry is the same as none.
  }
  return DEFAULT_DEV_IDENTITY;
}
