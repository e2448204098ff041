import { createHmac } from "node:crypto";
import {
  mailContent,
  teamsPayload,
  webhookPayload,
  type AlertLanguage,
  type AlertMessage,
} from "./alert-message";
import type { ChannelConfig, GraphMailConfig } from "./channels";
import { OutboundError, post, type OutboundPolicy } from "./outbound";

/** Where Microsoft's endpoints are (the service's VOUCH_ENTRA_TOKEN_URL and VOUCH_GRAPH_URL). */
export interface GraphEndpoints {
  /** https://login.microsoftonline.com/{tid}/oauth2/v2.0/token */
  tokenUrlTemplate: string;
  /** https://graph.microsoft.com/v1.0 */
  graphBase: string;
}

export interface DeliveryContext {
  policy: OutboundPolicy;
  endpoints: GraphEndpoints;
  tokens: TokenCache;
  now: () => Date;
}

/** Graph tokens per channel until shortly before they expire: one sign-in, many alerts. */
export class TokenCache {
  private readonly tokens = new Map<string, { token: string; until: number }>();

  get(key: string, now: number): string | null {
    const entry = this.tokens.get(key);
    return entry && entry.until > now ? entry.token : null;
  }

  set(key: string, token: string, until: number): void {
    this.tokens.set(key, { token, until });
  }

  forget(key: string): void {
    this.tokens.delete(key);
  }
}

const JSON_HEADERS = { "content-type": "application/json", "user-agent": "Vouch" };

/**
 * The generic webhook's signature: HMAC-SHA256 over "<timestamp>.<body>" with the channel's
 * secret, sent as X-Vouch-Signature: v1=<hex> beside X-Vouch-Timestamp (unix seconds), so a
 * receiver can check the sender and refuse replays of old bodies.
 */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

async function graphToken(
  channelId: string,
  config: GraphMailConfig,
  context: DeliveryContext,
): Promise<string> {
  const key = `${channelId}:${config.directoryId}:${config.clientId}`;
  const now = context.now().getTime();
  const cached = context.tokens.get(key, now);
  if (cached) return cached;
  // Client credentials (RFC 6749 §4.4) against the Microsoft identity platform v2.0 endpoint.
  const url = new URL(
    context.endpoints.tokenUrlTemplate.replace("{tid}", encodeURIComponent(config.directoryId)),
  );
  const form = new URLSearchParams({
    client_id: config.clientId,
    client_secret: config.clientSecret,
    scope: `${new URL(context.endpoints.graphBase).origin}/.default`,
    grant_type: "client_credentials",
  }).toString();
  const answer = await post(
    url,
    form,
    { "content-type": "application/x-www-form-urlencoded" },
    context.policy,
  );
  let parsed: { access_token?: unknown; expires_in?: unknown };
  try {
    parsed = JSON.parse(answer.text) as typeof parsed;
  } catch {
    throw new OutboundError("http", "the token endpoint answered no JSON", answer.status);
  }
  if (typeof parsed.access_token !== "string") {
    throw new OutboundError("http", "the token endpoint answered no access token", answer.status);
  }
  const seconds = typeof parsed.expires_in === "number" ? parsed.expires_in : 3599;
  context.tokens.set(key, parsed.access_token, now + Math.max(0, seconds - 120) * 1000);
  return parsed.access_token;
}

async function sendMail(
  channelId: string,
  config: GraphMailConfig,
  message: AlertMessage,
  language: AlertLanguage,
  context: DeliveryContext,
): Promise<void> {
  const token = await graphToken(channelId, config, context);
  const { subject, html } = mailContent(message, language);
  // POST /users/{id | userPrincipalName}/sendMail answers 202 Accepted.
  // https://learn.microsoft.com/en-us/graph/api/user-sendmail
  const url = new URL(
    `${context.endpoints.graphBase.replace(/\/$/, "")}/users/${encodeURIComponent(config.from)}/sendMail`,
  );
  const body = JSON.stringify({
    message: {
      subject,
      body: { contentType: "HTML", content: html },
      toRecipients: config.to.map((address) => ({ emailAddress: { address } })),
    },
    saveToSentItems: false,
  });
  try {
    await post(url, body, { ...JSON_HEADERS, authorization: `Bearer ${token}` }, context.policy);
  } catch (error) {
    // A token revoked or expired early: sign in afresh on the next attempt.
    if (error instanceof OutboundError && error.status === 401) {
      context.tokens.forget(`${channelId}:${config.directoryId}:${config.clientId}`);
      throw new OutboundError("http", "Graph refused the token (401); signing in again", 503);
    }
    throw error;
  }
}

/** Delivers one alert through one channel; throws OutboundError (without secrets) on failure. */
export async function deliver(
  channelId: string,
  channel: ChannelConfig,
  language: AlertLanguage,
  message: AlertMessage,
  context: DeliveryContext,
): Promise<void> {
  if (channel.kind === "graph-mail") {
    await sendMail(channelId, channel.config, message, language, context);
    return;
  }
  if (channel.kind === "teams") {
    const body = JSON.stringify(teamsPayload(message, language));
    await post(new URL(channel.config.url), body, JSON_HEADERS, context.policy);
    return;
  }
  const body = JSON.stringify(webhookPayload(message, language));
  const headers: Record<string, string> = { ...JSON_HEADERS };
  if (channel.config.secret) {
    const timestamp = Math.floor(context.now().getTime() / 1000);
    headers["x-vouch-timestamp"] = String(timestamp);
    headers["x-vouch-signature"] = webhookSignature(channel.config.secret, timestamp, body);
  }
  await post(new URL(channel.config.url), body, headers, context.policy);
}
