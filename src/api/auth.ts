import { devTokenResponseSchema } from "./contract";

/** Gives the bearer token for the Vouch service, and says whose it is. */
export interface TokenProvider {
  /** A stable key of the signed-in person; queued reports are sent only under it. */
  account(): Promise<string>;
  getToken(options?: { forceRefresh?: boolean }): Promise<string>;
}

/** Gives a token for Microsoft Graph with the delegated permissions a call needs. */
export interface GraphTokenProvider {
  getGraphToken(scopes: readonly string[]): Promise<string>;
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
  /**
   * The Entra ID authority; the service names the tenant's own for a single-tenant deployment
   * (runtime-config.ts). Defaults to "common", as Microsoft's NAA samples do.
   */
  authority?: string;
}

export const DEFAULT_AUTHORITY = "https://login.microsoftonline.com/common";
export const apiScopeOf = (config: NaaConfig) =>
  config.apiScope ?? `api://${config.clientId}/Reports.Submit`;

interface TokenResult {
  accessToken: string;
  account: { homeAccountId: string } | null;
}

/**
 * Only the part of MSAL's client the provider uses: lets tests stand in for Entra ID. No
 * setActiveAccount: nested app authentication does not support it
 * (office-js-docs-pr docs/develop/enable-nested-app-authentication-in-your-add-in.md), so the
 * provider remembers the account itself.
 */
export interface NestableClient {
  acquireTokenSilent(request: {
    scopes: string[];
    account?: unknown;
    forceRefresh?: boolean;
  }): Promise<TokenResult>;
  acquireTokenPopup(request: { scopes: string[] }): Promise<TokenResult>;
  getActiveAccount(): { homeAccountId: string } | null;
  getAllAccounts(): { homeAccountId: string }[];
}

export type NestableClientFactory = (config: NaaConfig) => Promise<NestableClient>;

/** One MSAL client per runtime (page) and registration, whoever asks for it. */
const runtimeClients = new Map<string, Promise<NestableClient>>();

/** MSAL is loaded only when a token is first needed, so it stays out of the initial bundle. */
export const nestableClientFor: NestableClientFactory = (config) => {
  const authority = config.authority ?? DEFAULT_AUTHORITY;
  const key = `${config.clientId} ${authority}`;
  let client = runtimeClients.get(key);
  if (!client) {
    client = import("@azure/msal-browser").then(
      (msal) =>
        msal.createNestablePublicClientApplication({
          auth: { clientId: config.clientId, authority },
        }) as unknown as Promise<NestableClient>,
    );
    // A failed start is not remembered: the next request tries again.
    client.catch(() => runtimeClients.delete(key));
    runtimeClients.set(key, client);
  }
  return client;
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
  factory: NestableClientFactory = nestableClientFor,
  isInteractionRequiredError: (error: unknown) => Promise<boolean> = isInteractionRequired,
): TokenProvider & GraphTokenProvider {
  const apiScope = apiScopeOf(config);
  let clientPromise: Promise<NestableClient> | null = null;
  const client = () => (clientPromise ??= factory(config));
  let signedIn: { homeAccountId: string } | null = null;
  const known = (pca: NestableClient) =>
    signedIn ?? pca.getActiveAccount() ?? pca.getAllAccounts()[0] ?? null;

  const acquire = async (scopes: string[], forceRefresh = false) => {
    const pca = await client();
    const account = known(pca) ?? undefined;
    let result: TokenResult;
    try {
      result = await pca.acquireTokenSilent({ scopes, account, forceRefresh });
    } catch (error) {
      if (!(await isInteractionRequiredError(error))) throw error;
      result = await pca.acquireTokenPopup({ scopes });
    }
    if (result.account) signedIn = result.account;
    return result;
  };

  return {
    async account() {
      const account = known(await client());
      if (account) return account.homeAccountId;
      const result = await acquire([apiScope]);
      return result.account?.homeAccountId ?? "unknown";
    },
    async getToken(options) {
      return (await acquire([apiScope], options?.forceRefresh)).accessToken;
    },
    async getGraphToken(scopes) {
      return (await acquire([...scopes])).accessToken;
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
