import type { MailboxCheckConfig } from "../config";

/**
 * Whether a reporter really reads the shared or delegated mailbox a report names. The pane only
 * names it (getSharedPropertiesAsync is the client's word), so the service asks Graph itself, on
 * the reporter's behalf: the OAuth 2.0 on-behalf-of exchange turns the reporter's token for
 * Vouch into a Graph token with delegated Mail.Read.Shared, and Graph answers whether the message
 * is in that mailbox (Graph docs: outlook-share-messages-folders; Entra ID docs:
 * v2-oauth2-on-behalf-of-flow). Graph enforces the reporter's own mailbox permissions, so a
 * mailbox they cannot open, or a message not in it, is never confirmed. Any failure is "not
 * confirmed": the report then counts as the reporter's own mailbox (storage/mailbox-key.ts).
 */

export interface MailboxClaim {
  tenantId: string;
  /** The reporter's access token for Vouch, as it came in the Authorization header. */
  assertion: string;
  mailbox: string;
  internetMessageId: string;
}

export type MailboxCheck = (claim: MailboxClaim) => Promise<boolean>;

export const MAILBOX_CHECK_TIMEOUT_MS = 5_000;

/** An OData string literal: single quotes doubled. */
const odataString = (value: string) => `'${value.replace(/'/g, "''")}'`;

export function createMailboxCheck(
  config: MailboxCheckConfig | null,
  clientId: string,
  options: { fetch?: typeof fetch; timeoutMs?: number } = {},
): MailboxCheck {
  if (!config) return async () => false;
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? MAILBOX_CHECK_TIMEOUT_MS;
  const graphOrigin = new URL(config.graphBaseUrl).origin;
  return async (claim) => {
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      const exchange = await doFetch(
        config.tokenUrlTemplate.replace("{tid}", encodeURIComponent(claim.tenantId)),
        {
          method: "POST",
          signal,
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({
            grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
            client_id: clientId,
            client_secret: config.clientSecret,
            assertion: claim.assertion,
            scope: `${graphOrigin}/Mail.Read.Shared`,
            requested_token_use: "on_behalf_of",
          }),
        },
      );
      if (!exchange.ok) return false;
      const token = ((await exchange.json()) as { access_token?: unknown }).access_token;
      if (typeof token !== "string" || token === "") return false;
      const query = new URLSearchParams({
        $filter: `internetMessageId eq ${odataString(claim.internetMessageId)}`,
        $select: "id",
        $top: "1",
      });
      const found = await doFetch(
        `${config.graphBaseUrl}/users/${encodeURIComponent(claim.mailbox)}/messages?${query}`,
        { signal, headers: { authorization: `Bearer ${token}` } },
      );
      if (!found.ok) return false;
      const body = (await found.json()) as { value?: unknown };
      return Array.isArray(body.value) && body.value.length > 0;
    } catch {
      return false;
    }
  };
}
