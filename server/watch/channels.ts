import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { validateIdentity } from "../identity/validate";
import type { Database } from "../storage/schema";
import type { AlertLanguage } from "./alert-message";
import { checkTargetUrl, OutboundError } from "./outbound";
import { appendWatchAudit, watchDb, type WatchChannelsTable, type WatchDb } from "./schema";
import { WatchListError } from "./senders";

export type ChannelKind = "teams" | "graph-mail" | "webhook";

export interface TeamsConfig {
  /** The Workflows trigger's URL: a secret (it carries the signature that lets anyone post). */
  url: string;
}

export interface WebhookConfig {
  url: string;
  /** HMAC-SHA256 key for X-Vouch-Signature; null sends unsigned. */
  secret: string | null;
}

/**
 * Mail through Microsoft Graph `POST /users/{from}/sendMail` with an application permission
 * (Mail.Send, best limited to the sending mailbox by an application access policy or RBAC for
 * Applications), signed in with the client-credentials grant.
 */
export interface GraphMailConfig {
  /** The Entra directory (tenant) id or its verified domain, for the token endpoint. */
  directoryId: string;
  clientId: string;
  clientSecret: string;
  /** The mailbox that sends (user principal name or address). */
  from: string;
  to: string[];
}

export type ChannelConfig =
  | { kind: "teams"; config: TeamsConfig }
  | { kind: "webhook"; config: WebhookConfig }
  | { kind: "graph-mail"; config: GraphMailConfig };

export interface ChannelInput {
  kind: ChannelKind;
  name: string;
  language: AlertLanguage;
  enabled: boolean;
  /** The kind's settings; on an update, secrets left out keep their stored value. */
  config: Record<string, unknown>;
}

/** A channel as the console sees it: never a secret, never a whole webhook URL. */
export interface ChannelView {
  id: string;
  kind: ChannelKind;
  name: string;
  language: AlertLanguage;
  enabled: boolean;
  /** Where it goes, without secrets: "https://host/…" or "from → to, to". */
  target: string;
  lastState: "delivered" | "retrying" | "failed" | null;
  lastAt: string | null;
  lastError: string | null;
  /** Deliveries still waiting (due now or after a backoff). */
  pending: number;
  createdAt: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_RECIPIENTS = 20;

function text(value: unknown, field: string, max = 2048): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new WatchListError(400, "invalid-channel", `${field} is required.`);
  }
  if (value.length > max) {
    throw new WatchListError(400, "invalid-channel", `${field} is too long.`);
  }
  return value.trim();
}

function address(value: unknown, field: string): string {
  const verdict = validateIdentity(text(value, field, 320));
  if (!verdict.ok || verdict.kind !== "address") {
    throw new WatchListError(400, "invalid-channel", `${field} must be an e-mail address.`);
  }
  return verdict.value;
}

function targetUrl(value: unknown, allowPrivate: boolean): string {
  const raw = text(value, "The URL", 4096);
  try {
    return checkTargetUrl(raw, { allowPrivate }).toString();
  } catch (error) {
    const reason = error instanceof OutboundError ? error.message : "invalid URL";
    throw new WatchListError(400, "refused-target", `The URL is refused: ${reason}.`);
  }
}

/**
 * The stored settings of a channel from what an admin sent; `previous` supplies the secrets an
 * update left out. Every URL passes the outbound policy now, and again at each delivery.
 */
export function channelConfigOf(
  kind: ChannelKind,
  input: Record<string, unknown>,
  previous: ChannelConfig | null,
  allowPrivate: boolean,
): ChannelConfig {
  const kept = previous && previous.kind === kind ? previous.config : null;
  if (kind === "teams") {
    const url = input.url ?? (kept as TeamsConfig | null)?.url;
    return { kind, config: { url: targetUrl(url, allowPrivate) } };
  }
  if (kind === "webhook") {
    const url = input.url ?? (kept as WebhookConfig | null)?.url;
    const secret =
      input.secret === undefined
        ? ((kept as WebhookConfig | null)?.secret ?? null)
        : input.secret === null || input.secret === ""
          ? null
          : text(input.secret, "The signing secret", 512);
    if (secret !== null && secret.length < 16) {
      throw new WatchListError(
        400,
        "invalid-channel",
        "The signing secret needs 16 characters or more.",
      );
    }
    return { kind, config: { url: targetUrl(url, allowPrivate), secret } };
  }
  const graph = kept as GraphMailConfig | null;
  const directoryId = text(
    input.directoryId ?? graph?.directoryId,
    "The directory (tenant) id",
    255,
  );
  if (!GUID.test(directoryId) && !validateIdentity(directoryId).ok) {
    throw new WatchListError(
      400,
      "invalid-channel",
      "The directory id must be a GUID or a domain.",
    );
  }
  const clientId = text(input.clientId ?? graph?.clientId, "The application (client) id", 64);
  if (!GUID.test(clientId)) {
    throw new WatchListError(400, "invalid-channel", "The application id must be a GUID.");
  }
  const clientSecret = text(input.clientSecret ?? graph?.clientSecret, "The client secret", 1024);
  const toInput = input.to ?? graph?.to;
  if (!Array.isArray(toInput) || toInput.length === 0 || toInput.length > MAX_RECIPIENTS) {
    throw new WatchListError(400, "invalid-channel", `Name 1 to ${MAX_RECIPIENTS} recipients.`);
  }
  return {
    kind,
    config: {
      directoryId,
      clientId,
      clientSecret,
      from: address(input.from ?? graph?.from, "The sending mailbox"),
      to: toInput.map((each, index) => address(each, `Recipient ${index + 1}`)),
    },
  };
}

/** Where a channel goes, safe to show: a URL's origin only, or the mail's addresses. */
export function targetOf(channel: ChannelConfig): string {
  if (channel.kind === "graph-mail") {
    return `${channel.config.from} → ${channel.config.to.join(", ")}`;
  }
  return `${new URL(channel.config.url).origin}/…`;
}

export function parseStoredConfig(row: Pick<WatchChannelsTable, "kind" | "config">): ChannelConfig {
  return { kind: row.kind as ChannelKind, config: JSON.parse(row.config) } as ChannelConfig;
}

async function pendingPerChannel(db: WatchDb, tenantId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("watch_outbox")
    .select(["channel_id", db.fn.countAll<string | number>().as("n")])
    .where("tenant_id", "=", tenantId)
    .where("state", "=", "pending")
    .groupBy("channel_id")
    .execute();
  return new Map(rows.map((row) => [row.channel_id, Number(row.n)]));
}

function viewOf(row: WatchChannelsTable, pending: number): ChannelView {
  return {
    id: row.id,
    kind: row.kind as ChannelKind,
    name: row.name,
    language: row.language === "de" ? "de" : "en",
    enabled: Number(row.enabled) === 1,
    target: targetOf(parseStoredConfig(row)),
    lastState: row.last_state as ChannelView["lastState"],
    lastAt: row.last_at,
    lastError: row.last_error,
    pending,
    createdAt: row.created_at,
  };
}

export async function listChannels(db: Kysely<Database>, tenantId: string): Promise<ChannelView[]> {
  const watch = watchDb(db);
  const [rows, pending] = await Promise.all([
    watch
      .selectFrom("watch_channels")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .orderBy("created_at")
      .orderBy("id")
      .execute(),
    pendingPerChannel(watch, tenantId),
  ]);
  return rows.map((row) => viewOf(row, pending.get(row.id) ?? 0));
}

function checkedName(name: string): string {
  return text(name, "The name", 120);
}

export async function createChannel(
  db: Kysely<Database>,
  tenantId: string,
  input: ChannelInput,
  actor: string,
  now: Date,
  allowPrivate: boolean,
): Promise<ChannelView> {
  const channel = channelConfigOf(input.kind, input.config, null, allowPrivate);
  const stamp = now.toISOString();
  const row: WatchChannelsTable = {
    id: randomUUID(),
    tenant_id: tenantId,
    kind: input.kind,
    name: checkedName(input.name),
    language: input.language,
    enabled: input.enabled ? 1 : 0,
    config: JSON.stringify(channel.config),
    created_by: actor,
    created_at: stamp,
    updated_at: stamp,
    last_state: null,
    last_at: null,
    last_error: null,
  };
  await watchDb(db)
    .transaction()
    .execute(async (trx) => {
      await trx.insertInto("watch_channels").values(row).execute();
      await appendWatchAudit(
        trx,
        { tenantId, action: "channel-add", subject: row.name, actor, note: "" },
        now,
      );
    });
  return viewOf(row, 0);
}

async function channelRow(db: WatchDb, tenantId: string, id: string): Promise<WatchChannelsTable> {
  const row = await db
    .selectFrom("watch_channels")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw new WatchListError(404, "not-found", "No such alert channel.");
  return row;
}

export async function updateChannel(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
  input: ChannelInput,
  actor: string,
  now: Date,
  allowPrivate: boolean,
): Promise<ChannelView> {
  const watch = watchDb(db);
  const before = await channelRow(watch, tenantId, id);
  const channel = channelConfigOf(
    input.kind,
    input.config,
    parseStoredConfig(before),
    allowPrivate,
  );
  const changes = {
    kind: input.kind,
    name: checkedName(input.name),
    language: input.language,
    enabled: input.enabled ? 1 : 0,
    config: JSON.stringify(channel.config),
    updated_at: now.toISOString(),
  };
  await watch.transaction().execute(async (trx) => {
    await trx
      .updateTable("watch_channels")
      .set(changes)
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .execute();
    await appendWatchAudit(
      trx,
      { tenantId, action: "channel-change", subject: changes.name, actor, note: "" },
      now,
    );
  });
  const pending = await pendingPerChannel(watch, tenantId);
  return viewOf({ ...before, ...changes }, pending.get(id) ?? 0);
}

export async function deleteChannel(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
  actor: string,
  now: Date,
): Promise<void> {
  const watch = watchDb(db);
  const before = await channelRow(watch, tenantId, id);
  await watch.transaction().execute(async (trx) => {
    await trx
      .deleteFrom("watch_channels")
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .execute();
    // Its waiting deliveries have nowhere to go: they fail, visibly, rather than vanish.
    await trx
      .updateTable("watch_outbox")
      .set({ state: "failed", last_error: "the channel was removed" })
      .where("tenant_id", "=", tenantId)
      .where("channel_id", "=", id)
      .where("state", "=", "pending")
      .execute();
    await appendWatchAudit(
      trx,
      { tenantId, action: "channel-remove", subject: before.name, actor, note: "" },
      now,
    );
  });
}
