import { z } from "zod";
import {
  TokenError,
  apiScopeOf,
  createNaaTokenProvider,
  type GraphTokenProvider,
  type NaaConfig,
  type NestableClient,
  type NestableClientFactory,
  type TokenProvider,
  nestableClientFor,
} from "./auth";
import { GRAPH_SCOPES } from "./graph";

/**
 * Sign-in where nested app authentication is missing (older builds; Outlook.com and Gmail
 * accounts): Microsoft's fallback is the Office dialog API, a page of the add-in's own that
 * runs MSAL's redirect sign-in and sends the result back with messageParent
 * (office-js-docs-pr docs/develop/enable-nested-app-authentication-in-your-add-in.md, "Have a
 * fallback when NAA isn't supported"; docs/develop/auth-with-office-dialog-api.md). The page is
 * /auth-dialog.html (src/auth-dialog), registered as an SPA redirect URI (docs/deploy.md).
 */

export const AUTH_DIALOG_PATH = "/auth-dialog.html";
export const DIALOG_SIZE = { widthPercent: 40, heightPercent: 60 };

/** What an Office dialog ended with (the host's DialogOutcome). */
export type DialogAnswer =
  { kind: "message"; message: string } | { kind: "closed" } | { kind: "error"; message: string };

export type DialogOpener = (url: string) => Promise<DialogAnswer>;

/** What the dialog page sends back: a token per scope group it could get, or why none. */
export const authDialogResultSchema = z.discriminatedUnion("status", [
  z.object({
    status: z.literal("success"),
    account: z.string().min(1),
    tokens: z.array(
      z.object({
        scopes: z.array(z.string()),
        accessToken: z.string().min(1),
        /** Milliseconds since the epoch. */
        expiresOn: z.number(),
      }),
    ),
  }),
  z.object({ status: z.literal("failure"), message: z.string() }),
]);
export type AuthDialogResult = z.infer<typeof authDialogResultSchema>;

/** The scope groups one sign-in asks for: one resource each, as Entra ID issues tokens. */
export function scopeGroupsFor(config: NaaConfig): string[][] {
  return [
    [apiScopeOf(config)],
    ...[GRAPH_SCOPES.read, GRAPH_SCOPES.write].flatMap((access) => [
      [...access.own],
      [...access.shared],
    ]),
  ];
}

/** Only the scopes Vouch asks for may be requested through the dialog page's address. */
export function allowedScopeGroups(config: NaaConfig, requested: unknown): string[][] | null {
  const allowed = new Set(scopeGroupsFor(config).map((group) => group.join(" ")));
  if (!Array.isArray(requested) || requested.length === 0) return null;
  const groups: string[][] = [];
  for (const group of requested) {
    if (!Array.isArray(group) || !group.every((scope) => typeof scope === "string")) return null;
    if (!allowed.has(group.join(" "))) return null;
    groups.push(group as string[]);
  }
  return groups;
}

/** Refresh a minute before expiry, so a token never dies in flight. */
const EXPIRY_MARGIN_MS = 60_000;

/**
 * Tokens through the sign-in dialog, kept in memory for this page: the dialog's MSAL cache is
 * not the pane's (browsers partition storage of framed pages). One dialog at a time; it asks
 * for the group wanted first and every other group Vouch uses, so one sign-in serves all.
 * `interactive: false` (the ribbon command's hidden page) never opens one.
 */
export function createDialogTokenProvider(
  config: NaaConfig,
  open: DialogOpener,
  options: { origin: string; interactive: boolean; now?: () => number },
): TokenProvider & GraphTokenProvider {
  const now = options.now ?? Date.now;
  const tokens = new Map<string, { token: string; expiresOn: number }>();
  const keyOf = (scopes: readonly string[]) => [...scopes].sort().join(" ");
  let account: string | null = null;
  let pending: Promise<void> | null = null;

  const signIn = (first: readonly string[]) =>
    (pending ??= (async () => {
      const others = scopeGroupsFor(config).filter((group) => keyOf(group) !== keyOf(first));
      const url = `${options.origin}${AUTH_DIALOG_PATH}?scopes=${encodeURIComponent(
        JSON.stringify([[...first], ...others]),
      )}`;
      const answer = await open(url);
      if (answer.kind === "closed") throw new TokenError("Sign-in was cancelled.", true);
      if (answer.kind === "error") throw new TokenError(`Sign-in failed: ${answer.message}`);
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(answer.message);
      } catch {
        // Unreadable is handled below.
      }
      const result = authDialogResultSchema.safeParse(parsed);
      if (!result.success) throw new TokenError("The sign-in window gave an unreadable answer.");
      if (result.data.status === "failure") {
        throw new TokenError(`Sign-in failed: ${result.data.message}`);
      }
      account = result.data.account;
      for (const each of result.data.tokens) {
        tokens.set(keyOf(each.scopes), { token: each.accessToken, expiresOn: each.expiresOn });
      }
    })().finally(() => {
      pending = null;
    }));

  const acquire = async (scopes: readonly string[], forceRefresh = false): Promise<string> => {
    const cached = tokens.get(keyOf(scopes));
    if (cached && !forceRefresh && cached.expiresOn - EXPIRY_MARGIN_MS > now()) {
      return cached.token;
    }
    if (!options.interactive) throw new TokenError("Open Vouch to sign in", true);
    await signIn(scopes);
    const fresh = tokens.get(keyOf(scopes));
    if (!fresh) throw new TokenError(`Sign-in gave no token for ${scopes.join(" ")}`, true);
    return fresh.token;
  };

  const apiScope = apiScopeOf(config);
  return {
    async account() {
      if (account) return account;
      await acquire([apiScope]);
      return account ?? "unknown";
    },
    getToken: (tokenOptions) => acquire([apiScope], tokenOptions?.forceRefresh),
    getGraphToken: (scopes) => acquire(scopes),
  };
}

/** What the page knows about where it runs. */
export interface SignInEnvironment {
  /** Office.context.requirements.isSetSupported("NestedAppAuth", "1.1"). */
  naa: boolean;
  openDialog: DialogOpener | null;
  origin: string;
  /** False in the ribbon command's hidden page: no popup, no dialog. */
  interactive: boolean;
}

/** A client whose interaction is refused: the command turns that into "Open Vouch to sign in". */
function silentOnly(factory: NestableClientFactory): NestableClientFactory {
  return async (config) => {
    const client = await factory(config);
    return {
      acquireTokenSilent: (request) => client.acquireTokenSilent(request),
      acquireTokenPopup: async () => {
        throw new TokenError("Open Vouch to sign in", true);
      },
      getActiveAccount: () => client.getActiveAccount(),
      getAllAccounts: () => client.getAllAccounts(),
    } satisfies NestableClient;
  };
}

/** Entra ID sign-in: nested app authentication where Outlook has it, else the dialog. */
export function createEntraTokenProvider(
  config: NaaConfig,
  environment: SignInEnvironment,
  factory?: NestableClientFactory,
  isInteractionRequiredError?: (error: unknown) => Promise<boolean>,
): TokenProvider & GraphTokenProvider {
  if (environment.naa) {
    const base = factory ?? nestableClientFor;
    const chosen = environment.interactive ? base : silentOnly(base);
    return createNaaTokenProvider(config, chosen, isInteractionRequiredError);
  }
  const open: DialogOpener =
    environment.openDialog ?? (async () => ({ kind: "error", message: "no dialog here" }));
  return createDialogTokenProvider(config, open, {
    origin: environment.origin,
    interactive: environment.interactive && environment.openDialog !== null,
  });
}
