import { isIP } from "node:net";
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { z } from "zod";

/**
 * Every setting of the service, read from environment variables and validated here. A bad
 * setting stops the start with a message that names it (ConfigError). `.env.example` lists the
 * same settings with their defaults; keep the two in step.
 */

export type AuthMode = "dev" | "entra";
export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";

export interface RateLimit {
  max: number;
  windowMs: number;
}

export type TlsSetting =
  { kind: "none" } | { kind: "files"; certPath: string; keyPath: string } | { kind: "development" };

export type DatabaseSetting = { kind: "sqlite"; path: string } | { kind: "postgres"; url: string };

export interface AuthConfig {
  mode: AuthMode;
  /** The API's application (client) id: the audience of the tokens it accepts. */
  clientId: string;
  /** Tenant ids whose tokens are accepted; null accepts any (development issuer only). */
  tenants: ReadonlySet<string> | null;
  requiredScope: string;
  adminRole: string;
  /** Per tenant id, the object ids of users who are admins without the app role. */
  admins: ReadonlyMap<string, ReadonlySet<string>>;
  /** `{tid}` is replaced by the token's tenant id. */
  jwksUrlTemplate: string;
  issuerTemplate: string;
  /** After fetching a key set, how long before an unknown key id may trigger another fetch. */
  jwksCooldownMs: number;
  clockToleranceSeconds: number;
}

/** The opt-in Junk sweep (server/sweep/, docs/sweep.md); null while VOUCH_SWEEP is off. */
export interface SweepConfig {
  /** The Entra tenant whose mailboxes are swept; sightings belong to this tenant. */
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Object id of the mail-enabled group whose members' Junk Email folders are read. */
  groupId: string;
  intervalMs: number;
  /** How long after the service starts the first round waits. */
  startDelayMs: number;
  /** Microsoft Graph's base, e.g. https://graph.microsoft.com/v1.0 */
  graphUrl: string;
  /** The token endpoint; `{tid}` is replaced by tenantId. */
  tokenUrl: string;
  /** Mailboxes swept side by side. */
  concurrency: number;
  /** Messages per delta page asked for (Prefer: odata.maxpagesize). */
  pageSize: number;
  /** An authenticated sender junked in at least this many mailboxes is shown as seen in Junk. */
  manyMailboxes: number;
}

export interface Config {
  nodeEnv: string;
  /** NODE_ENV is "production", in any letter case. */
  production: boolean;
  host: string;
  port: number;
  tls: TlsSetting;
  trustProxy: boolean;
  dataDir: string;
  database: DatabaseSetting;
  durableWrites: boolean;
  /** Worker threads that analyse report headers; 0 analyses on the event loop. */
  analysisThreads: number;
  auth: AuthConfig;
  retractWindowMs: number;
  retentionDays: number;
  purgeIntervalMs: number;
  maxHeaderBytes: number;
  /** The whole JSON body may be larger than the headers it carries (escaping, other fields). */
  bodyLimitBytes: number;
  rateLimitUser: RateLimit | null;
  rateLimitTenant: RateLimit | null;
  /** Per client address: refused sign-ins and POST /dev/token (the caller is unknown there). */
  rateLimitAnonymous: RateLimit | null;
  /** How long a client may take to send a whole request, headers and body. */
  requestTimeoutMs: number;
  /** How long a client may take to send the request headers (at most requestTimeoutMs). */
  headersTimeoutMs: number;
  /** Origins besides Outlook's own that may frame the task pane (on-premises OWA, other clouds). */
  extraFrameAncestors: readonly string[];
  /** Per tenant id; "*" applies to every tenant without its own entry. */
  trustedAuthserv: ReadonlyMap<string, readonly string[]>;
  publicOrigin: string;
  logLevel: LogLevel;
  /** Registers the no-auth, no-analysis insert route that bench/ingest measures as the floor. */
  benchFloor: boolean;
  /** Where the Office pages load Office.js from (VOUCH_OFFICE_JS; server/http/office-pages.ts). */
  officeJs: OfficeJsSource;
  /** Checking a shared-mailbox claim through Graph on the reporter's behalf; null: never verified. */
  mailboxCheck: MailboxCheckConfig | null;
  sweep: SweepConfig | null;
  /** The live reputation facts (server/reputation). */
  reputation: ReputationConfig;
  /** The critical-service watch's alert deliveries (server/watch). */
  watch: WatchConfig;
}

export interface ReputationConfig {
  /** DNS servers ("1.1.1.1", "127.0.0.1:5300", "[::1]:53"); empty: the system's. */
  dnsServers: readonly string[];
  /** DNS blocklist zones to ask about the sending IP; none by default (their terms of use bind). */
  dnsBlocklists: readonly string[];
  /** IANA's RDAP bootstrap file for DNS (RFC 9224). */
  rdapBootstrapUrl: string;
  /** Each live fact's deadline, in ms: past it the fact says "not checked". */
  factTimeoutMs: number;
}

export interface WatchConfig {
  retry: { baseMs: number; maxMs: number; maxAttempts: number };
  /** How often the outbox is looked at for due deliveries. */
  pollMs: number;
  /** How long one delivery may take. */
  timeoutMs: number;
  /** Tests only: lets alerts go to http:// and private addresses (local fakes). */
  allowPrivateTargets: boolean;
  /** Entra ID's token endpoint ({tid}) and Graph, as for the mailbox check (VOUCH_GRAPH_URL). */
  graphTokenUrlTemplate: string;
  graphBaseUrl: string;
}

/** Microsoft's CDN per cloud, or this service's copy of @microsoft/office-js (development, tests). */
export type OfficeJsSource = "local" | "worldwide" | "gcc" | "gcch" | "dod" | "china";

export interface MailboxCheckConfig {
  /** The API's confidential-client secret for the on-behalf-of exchange. */
  clientSecret: string;
  /** `{tid}` is replaced by the reporter's tenant id. */
  tokenUrlTemplate: string;
  graphBaseUrl: string;
}

export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    problem: string,
  ) {
    super(`${setting}: ${problem}`);
    this.name = "ConfigError";
  }
}

export const DEFAULT_ENTRA_JWKS_URL = "https://login.microsoftonline.com/{tid}/discovery/v2.0/keys";
export const DEFAULT_ENTRA_ISSUER = "https://login.microsoftonline.com/{tid}/v2.0";
export const DEFAULT_ENTRA_TOKEN_URL = "https://login.microsoftonline.com/{tid}/oauth2/v2.0/token";
export const DEFAULT_GRAPH_URL = "https://graph.microsoft.com/v1.0";
export const DEFAULT_SWEEP_TOKEN_URL = "https://login.microsoftonline.com/{tid}/oauth2/v2.0/token";
/** Audience of development tokens when VOUCH_ENTRA_CLIENT_ID is not set. */
export const DEV_CLIENT_ID = "vouch-dev-api";
/**
 * The opt-in that lets the development sign-in listen beyond this machine. Its name says what it
 * does: with it, anyone who reaches the port can sign in as anyone, admins included.
 */
export const DEV_SIGNIN_ON_NETWORK = "VOUCH_UNSAFE_DEV_SIGNIN_ON_NETWORK";

/** Whether HOST only accepts connections from this machine. */
export function isLoopbackHost(host: string): boolean {
  const name = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "");
  return (
    name === "localhost" ||
    name === "::1" ||
    name === "::ffff:127.0.0.1" ||
    /^127(\.\d{1,3}){3}$/.test(name)
  );
}

const DURATION_UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  sec: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** "10m", "10 min", "90s", "2h", "1d"; a bare number is seconds. */
export function parseDuration(text: string): number | null {
  const match = /^(\d+)\s*(ms|s|sec|m|min|h|d)?$/.exec(text.trim());
  if (!match) return null;
  const unit = DURATION_UNITS[match[2] ?? "s"];
  return unit === undefined ? null : Number(match[1]) * unit;
}

const flag = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off"])
  .transform((value) => ["1", "true", "yes", "on"].includes(value));

const duration = z.string().transform((value, ctx) => {
  const ms = parseDuration(value);
  if (ms === null || ms <= 0) {
    ctx.addIssue({ code: "custom", message: `"${value}" is not a duration like 10m, 90s, 2h` });
    return z.NEVER;
  }
  return ms;
});

/** Sizes in bytes: "262144", "256KB", "256 KiB", "1MB" (KB = 1024 bytes). */
const size = z.string().transform((value, ctx) => {
  const match = /^(\d+)\s*(b|kb|kib|k|mb|mib|m)?$/i.exec(value.trim());
  if (!match || Number(match[1]) <= 0) {
    ctx.addIssue({ code: "custom", message: `"${value}" is not a size like 262144 or 256KB` });
    return z.NEVER;
  }
  const unit = (match[2] ?? "b").toLowerCase();
  const factor = unit.startsWith("m") ? 1024 * 1024 : unit.startsWith("k") ? 1024 : 1;
  return Number(match[1]) * factor;
});

const positiveInt = z
  .string()
  .regex(/^\d+$/, "must be a whole number")
  .transform(Number)
  .refine((n) => n > 0, "must be at least 1");

const threadCount = z
  .string()
  .regex(/^\d+$/, "must be a whole number (0 analyses on the main thread)")
  .transform(Number)
  .refine((n) => n <= 64, "must be at most 64");

/** One analysis thread per core beside the main thread, at least one, at most four. */
const DEFAULT_ANALYSIS_THREADS = Math.max(1, Math.min(4, availableParallelism() - 1));

/** "60/1m": at most 60 requests per minute; "off" disables the limit. */
const rateLimit = z.string().transform((value, ctx): RateLimit | null => {
  if (["off", "0", "none"].includes(value.trim().toLowerCase())) return null;
  const [max, window = "1m"] = value.split("/");
  const windowMs = parseDuration(window);
  if (!max || !/^\d+$/.test(max.trim()) || Number(max) <= 0 || windowMs === null || !windowMs) {
    ctx.addIssue({ code: "custom", message: `"${value}" is not a limit like 60/1m or off` });
    return z.NEVER;
  }
  return { max: Number(max), windowMs };
});

/** "tid:value,tid:value" → tid → values. */
function perTenantList(value: string, ctx: z.RefinementCtx): Map<string, string[]> | never {
  const map = new Map<string, string[]>();
  for (const entry of value.split(",").map((part) => part.trim())) {
    if (!entry) continue;
    const colon = entry.indexOf(":");
    const tenant = entry.slice(0, colon).trim();
    const item = entry.slice(colon + 1).trim();
    if (colon <= 0 || !tenant || !item) {
      ctx.addIssue({ code: "custom", message: `"${entry}" is not tenant:value` });
      return z.NEVER;
    }
    map.set(tenant, [...(map.get(tenant) ?? []), item]);
  }
  return map;
}

const tenantList = z.string().transform((value) =>
  value
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean),
);

const origin = z.string().transform((value, ctx) => {
  try {
    const url = new URL(value);
    if (!["http:", "https:"].includes(url.protocol) || url.pathname !== "/" || url.search) {
      throw new Error("not an origin");
    }
    return url.origin;
  } catch {
    ctx.addIssue({ code: "custom", message: `"${value}" is not an origin like https://host:3000` });
    return z.NEVER;
  }
});

/** "https://host" or "https://*.host" (a CSP source for frame-ancestors), comma-separated. */
const frameAncestorList = z.string().transform((value, ctx) => {
  const origins = value
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  for (const entry of origins) {
    if (!/^https:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/i.test(entry)) {
      ctx.addIssue({
        code: "custom",
        message: `"${entry}" is not an origin like https://mail.contoso.com or https://*.contoso.com`,
      });
      return z.NEVER;
    }
  }
  return origins;
});

const template = z
  .string()
  .refine((value) => value.includes("{tid}"), "must contain {tid}")
  .refine((value) => /^https?:\/\//.test(value), "must be an http(s) URL");

/** "1.1.1.1", "2606:4700::1111", "127.0.0.1:5300", "[::1]:5300", comma-separated. */
const dnsServerList = z.string().transform((value, ctx) => {
  const servers = value
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  for (const server of servers) {
    const match = /^\[([^\]]+)\](?::(\d{1,5}))?$|^([^:]+)(?::(\d{1,5}))?$/.exec(server);
    const host = match?.[1] ?? match?.[3] ?? server;
    const port = Number(match?.[2] ?? match?.[4] ?? "53");
    if (!isIP(host) || port < 1 || port > 65535) {
      ctx.addIssue({
        code: "custom",
        message: `"${server}" is not a DNS server address like 1.1.1.1, 127.0.0.1:5300 or [::1]:53`,
      });
      return z.NEVER;
    }
  }
  return servers;
});

/** DNS zones, comma-separated: "zen.spamhaus.org,bl.spamcop.net". */
const zoneList = z.string().transform((value, ctx) => {
  const zones = value
    .split(",")
    .map((part) => part.trim().toLowerCase().replace(/\.$/, ""))
    .filter(Boolean);
  for (const zone of zones) {
    if (
      !/^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)+$/.test(
        zone,
      )
    ) {
      ctx.addIssue({
        code: "custom",
        message: `"${zone}" is not a DNS zone like zen.spamhaus.org`,
      });
      return z.NEVER;
    }
  }
  return zones;
});

const httpUrl = z.string().refine((value) => {
  try {
    return ["http:", "https:"].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}, "must be an http(s) URL");

/** Each setting: its env var and the schema that turns the text into a value. */
const settings = {
  NODE_ENV: z.string().default("development"),
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z
    .string()
    .regex(/^\d+$/, "must be a port number")
    .transform(Number)
    .refine((n) => n <= 65535, "must be at most 65535")
    .default(3000),
  VOUCH_HTTP: flag.default(false),
  VOUCH_TLS_CERT: z.string().min(1).optional(),
  VOUCH_TLS_KEY: z.string().min(1).optional(),
  VOUCH_TRUST_PROXY: flag.default(false),
  VOUCH_DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  VOUCH_DURABLE_WRITES: flag.default(true),
  VOUCH_ANALYSIS_THREADS: threadCount.default(DEFAULT_ANALYSIS_THREADS),
  VOUCH_AUTH: z.enum(["dev", "entra"]).optional(),
  VOUCH_ENTRA_CLIENT_ID: z.string().min(1).optional(),
  VOUCH_ENTRA_TENANTS: tenantList.optional(),
  VOUCH_ENTRA_JWKS_URL: template.default(DEFAULT_ENTRA_JWKS_URL),
  VOUCH_ENTRA_ISSUER: template.default(DEFAULT_ENTRA_ISSUER),
  VOUCH_ENTRA_JWKS_COOLDOWN: duration.default(30_000),
  VOUCH_CLOCK_TOLERANCE: duration.default(60_000),
  VOUCH_REQUIRED_SCOPE: z
    .string()
    .regex(/^\S+$/, "must be one scope name without spaces")
    .default("Reports.Submit"),
  VOUCH_ADMIN_ROLE: z.string().regex(/^\S+$/, "must be one role name").default("Vouch.Admin"),
  VOUCH_ADMINS: z.string().transform(perTenantList).optional(),
  VOUCH_RETRACT_WINDOW: duration.default(10 * 60_000),
  VOUCH_RETENTION_DAYS: positiveInt.default(30),
  VOUCH_PURGE_INTERVAL: duration.default(60 * 60_000),
  VOUCH_MAX_HEADER_BYTES: size.default(256 * 1024),
  VOUCH_RATE_LIMIT_USER: rateLimit.default({ max: 60, windowMs: 60_000 }),
  VOUCH_RATE_LIMIT_TENANT: rateLimit.default({ max: 6000, windowMs: 60_000 }),
  VOUCH_RATE_LIMIT_ANONYMOUS: rateLimit.default({ max: 60, windowMs: 60_000 }),
  VOUCH_REQUEST_TIMEOUT: duration.default(30_000),
  VOUCH_FRAME_ANCESTORS: frameAncestorList.optional(),
  [DEV_SIGNIN_ON_NETWORK]: flag.default(false),
  VOUCH_TRUSTED_AUTHSERV: z.string().transform(perTenantList).optional(),
  VOUCH_PUBLIC_ORIGIN: origin.optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  VOUCH_BENCH_FLOOR: flag.default(false),
  VOUCH_WATCH_RETRY_BASE: duration.default(30_000),
  VOUCH_WATCH_RETRY_MAX: duration.default(3_600_000),
  VOUCH_WATCH_MAX_ATTEMPTS: positiveInt.default(8),
  VOUCH_WATCH_POLL: duration.default(5_000),
  VOUCH_WATCH_TIMEOUT: duration.default(10_000),
  VOUCH_WATCH_UNSAFE_PRIVATE_TARGETS: flag.default(false),
  VOUCH_OFFICE_JS: z.enum(["local", "worldwide", "gcc", "gcch", "dod", "china"]).optional(),
  VOUCH_MAILBOX_CHECK_SECRET: z.string().min(1).optional(),
  VOUCH_ENTRA_TOKEN_URL: template.default(DEFAULT_ENTRA_TOKEN_URL),
  VOUCH_GRAPH_URL: z
    .string()
    .regex(/^https?:\/\/\S+[^/]$/, "must be an http(s) URL without a trailing slash")
    .default(DEFAULT_GRAPH_URL),
  VOUCH_SWEEP: flag.default(false),
  VOUCH_SWEEP_TENANT_ID: z
    .string()
    .regex(/^[\w.-]+$/, "must be a tenant id")
    .optional(),
  VOUCH_SWEEP_CLIENT_ID: z
    .string()
    .regex(/^[\w.-]+$/, "must be an application id")
    .optional(),
  VOUCH_SWEEP_CLIENT_SECRET: z.string().min(1).optional(),
  VOUCH_SWEEP_GROUP_ID: z
    .string()
    .regex(/^[\w.-]+$/, "must be a group object id")
    .optional(),
  VOUCH_SWEEP_INTERVAL: duration.default(15 * 60_000),
  VOUCH_SWEEP_START_DELAY: duration.default(30_000),
  VOUCH_SWEEP_GRAPH_URL: z
    .string()
    .regex(/^https?:\/\/[^/?#]+(\/[^?#]*)?$/, "must be an http(s) URL without query")
    .transform((value) => value.replace(/\/+$/, ""))
    .default("https://graph.microsoft.com/v1.0"),
  VOUCH_SWEEP_TOKEN_URL: template.default(DEFAULT_SWEEP_TOKEN_URL),
  VOUCH_SWEEP_CONCURRENCY: positiveInt.refine((n) => n <= 64, "must be at most 64").default(4),
  VOUCH_SWEEP_PAGE_SIZE: positiveInt.refine((n) => n <= 1000, "must be at most 1000").default(50),
  VOUCH_SWEEP_MANY_MAILBOXES: positiveInt.default(5),
  VOUCH_DNS_SERVERS: dnsServerList.optional(),
  VOUCH_DNS_BLOCKLISTS: zoneList.optional(),
  VOUCH_RDAP_BOOTSTRAP_URL: httpUrl.default("https://data.iana.org/rdap/dns.json"),
  VOUCH_LIVE_FACT_TIMEOUT: duration
    .refine((ms) => ms <= 2000, "must be at most 2s: the pane's reputation answer waits no longer")
    .default(1800),
};

export const SETTING_NAMES = Object.keys(settings) as (keyof typeof settings)[];

type Parsed = { [K in keyof typeof settings]: z.output<(typeof settings)[K]> };

function parseSettings(env: Record<string, string | undefined>): Parsed {
  const parsed: Partial<Record<string, unknown>> = {};
  for (const name of SETTING_NAMES) {
    const raw = env[name];
    // An empty variable (NAME= in a .env file) means "not set".
    const result = settings[name].safeParse(raw === "" ? undefined : raw);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new ConfigError(name, issue?.message ?? "invalid value");
    }
    parsed[name] = result.data;
  }
  return parsed as Parsed;
}

/** Reads and checks every setting; throws ConfigError naming the first bad one. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const s = parseSettings(env);
  // "Production" or "PRODUCTION" is production too: a typo in case must not turn on dev sign-in.
  const production = s.NODE_ENV.trim().toLowerCase() === "production";
  const authMode: AuthMode = s.VOUCH_AUTH ?? (production ? "entra" : "dev");
  if (production && authMode === "dev") {
    throw new ConfigError(
      "VOUCH_AUTH",
      "the development issuer is refused when NODE_ENV=production; use VOUCH_AUTH=entra",
    );
  }
  if (authMode === "dev" && !s[DEV_SIGNIN_ON_NETWORK]) {
    // The development issuer signs anyone in as anyone: it stays on this machine unless asked.
    if (!isLoopbackHost(s.HOST)) {
      throw new ConfigError(
        "HOST",
        `${s.HOST} is reachable from other machines, and the development sign-in lets anyone sign in as anyone; listen on 127.0.0.1, use VOUCH_AUTH=entra, or set ${DEV_SIGNIN_ON_NETWORK}=1 if you mean it`,
      );
    }
    if (s.VOUCH_TRUST_PROXY) {
      throw new ConfigError(
        "VOUCH_TRUST_PROXY",
        `a proxy makes the development sign-in reachable from other machines; use VOUCH_AUTH=entra, or set ${DEV_SIGNIN_ON_NETWORK}=1 if you mean it`,
      );
    }
  }
  if (authMode === "entra" && !s.VOUCH_ENTRA_CLIENT_ID) {
    throw new ConfigError("VOUCH_ENTRA_CLIENT_ID", "is required with VOUCH_AUTH=entra");
  }
  if (authMode === "entra" && (!s.VOUCH_ENTRA_TENANTS || s.VOUCH_ENTRA_TENANTS.length === 0)) {
    throw new ConfigError(
      "VOUCH_ENTRA_TENANTS",
      "is required with VOUCH_AUTH=entra: the tenant ids allowed to use this service",
    );
  }
  if (production && s.VOUCH_WATCH_UNSAFE_PRIVATE_TARGETS) {
    throw new ConfigError(
      "VOUCH_WATCH_UNSAFE_PRIVATE_TARGETS",
      "alerts to http:// and private addresses are for tests only and refused when NODE_ENV=production",
    );
  }
  if (Boolean(s.VOUCH_TLS_CERT) !== Boolean(s.VOUCH_TLS_KEY)) {
    const missing = s.VOUCH_TLS_CERT ? "VOUCH_TLS_KEY" : "VOUCH_TLS_CERT";
    throw new ConfigError(missing, "VOUCH_TLS_CERT and VOUCH_TLS_KEY go together");
  }

  const sweep = sweepConfigOf(s);
  if (sweep && authMode === "entra" && !s.VOUCH_ENTRA_TENANTS?.includes(sweep.tenantId)) {
    // Its sightings belong to that tenant: no admin could ever see them otherwise.
    throw new ConfigError("VOUCH_SWEEP_TENANT_ID", "must be one of VOUCH_ENTRA_TENANTS");
  }

  const dataDir = resolve(s.VOUCH_DATA_DIR);
  const tls: TlsSetting = s.VOUCH_HTTP
    ? { kind: "none" }
    : s.VOUCH_TLS_CERT && s.VOUCH_TLS_KEY
      ? { kind: "files", certPath: resolve(s.VOUCH_TLS_CERT), keyPath: resolve(s.VOUCH_TLS_KEY) }
      : { kind: "development" };
  const scheme = tls.kind === "none" ? "http" : "https";
  const displayHost = ["127.0.0.1", "0.0.0.0", "::", "::1"].includes(s.HOST) ? "localhost" : s.HOST;

  const admins = new Map<string, Set<string>>();
  for (const [tenant, oids] of s.VOUCH_ADMINS ?? []) admins.set(tenant, new Set(oids));

  return {
    nodeEnv: s.NODE_ENV,
    production,
    host: s.HOST,
    port: s.PORT,
    tls,
    trustProxy: s.VOUCH_TRUST_PROXY,
    dataDir,
    database: s.DATABASE_URL
      ? { kind: "postgres", url: s.DATABASE_URL }
      : { kind: "sqlite", path: resolve(dataDir, "vouch.sqlite") },
    durableWrites: s.VOUCH_DURABLE_WRITES,
    analysisThreads: s.VOUCH_ANALYSIS_THREADS,
    auth: {
      mode: authMode,
      clientId: s.VOUCH_ENTRA_CLIENT_ID ?? DEV_CLIENT_ID,
      tenants: s.VOUCH_ENTRA_TENANTS?.length ? new Set(s.VOUCH_ENTRA_TENANTS) : null,
      requiredScope: s.VOUCH_REQUIRED_SCOPE,
      adminRole: s.VOUCH_ADMIN_ROLE,
      admins,
      jwksUrlTemplate: s.VOUCH_ENTRA_JWKS_URL,
      issuerTemplate: s.VOUCH_ENTRA_ISSUER,
      jwksCooldownMs: s.VOUCH_ENTRA_JWKS_COOLDOWN,
      clockToleranceSeconds: Math.round(s.VOUCH_CLOCK_TOLERANCE / 1000),
    },
    retractWindowMs: s.VOUCH_RETRACT_WINDOW,
    retentionDays: s.VOUCH_RETENTION_DAYS,
    purgeIntervalMs: s.VOUCH_PURGE_INTERVAL,
    maxHeaderBytes: s.VOUCH_MAX_HEADER_BYTES,
    // JSON escaping can at worst double the headers (\r\n, quotes); the other fields are small.
    bodyLimitBytes: s.VOUCH_MAX_HEADER_BYTES * 2 + 64 * 1024,
    rateLimitUser: s.VOUCH_RATE_LIMIT_USER,
    rateLimitTenant: s.VOUCH_RATE_LIMIT_TENANT,
    rateLimitAnonymous: s.VOUCH_RATE_LIMIT_ANONYMOUS,
    requestTimeoutMs: s.VOUCH_REQUEST_TIMEOUT,
    // Node refuses a headers timeout longer than the request timeout.
    headersTimeoutMs: Math.min(10_000, s.VOUCH_REQUEST_TIMEOUT),
    extraFrameAncestors: s.VOUCH_FRAME_ANCESTORS ?? [],
    trustedAuthserv: s.VOUCH_TRUSTED_AUTHSERV ?? new Map(),
    publicOrigin: s.VOUCH_PUBLIC_ORIGIN ?? `${scheme}://${displayHost}:${s.PORT}`,
    logLevel: s.LOG_LEVEL,
    benchFloor: s.VOUCH_BENCH_FLOOR,
    watch: {
      retry: {
        baseMs: s.VOUCH_WATCH_RETRY_BASE,
        maxMs: Math.max(s.VOUCH_WATCH_RETRY_BASE, s.VOUCH_WATCH_RETRY_MAX),
        maxAttempts: s.VOUCH_WATCH_MAX_ATTEMPTS,
      },
      pollMs: s.VOUCH_WATCH_POLL,
      timeoutMs: s.VOUCH_WATCH_TIMEOUT,
      allowPrivateTargets: s.VOUCH_WATCH_UNSAFE_PRIVATE_TARGETS,
      graphTokenUrlTemplate: s.VOUCH_ENTRA_TOKEN_URL,
      graphBaseUrl: s.VOUCH_GRAPH_URL,
    },
    // Microsoft supports the npm copy of Office.js only for development and debugging.
    officeJs: s.VOUCH_OFFICE_JS ?? (authMode === "dev" ? "local" : "worldwide"),
    mailboxCheck: s.VOUCH_MAILBOX_CHECK_SECRET
      ? {
          clientSecret: s.VOUCH_MAILBOX_CHECK_SECRET,
          tokenUrlTemplate: s.VOUCH_ENTRA_TOKEN_URL,
          graphBaseUrl: s.VOUCH_GRAPH_URL,
        }
      : null,
    reputation: {
      dnsServers: s.VOUCH_DNS_SERVERS ?? [],
      dnsBlocklists: s.VOUCH_DNS_BLOCKLISTS ?? [],
      rdapBootstrapUrl: s.VOUCH_RDAP_BOOTSTRAP_URL,
      factTimeoutMs: s.VOUCH_LIVE_FACT_TIMEOUT,
    },
    sweep,
  };
}

/** The sweep's settings when VOUCH_SWEEP is on: all four identities are then required. */
function sweepConfigOf(s: Parsed): SweepConfig | null {
  if (!s.VOUCH_SWEEP) return null;
  const required = {
    VOUCH_SWEEP_TENANT_ID: s.VOUCH_SWEEP_TENANT_ID,
    VOUCH_SWEEP_CLIENT_ID: s.VOUCH_SWEEP_CLIENT_ID,
    VOUCH_SWEEP_CLIENT_SECRET: s.VOUCH_SWEEP_CLIENT_SECRET,
    VOUCH_SWEEP_GROUP_ID: s.VOUCH_SWEEP_GROUP_ID,
  };
  for (const [name, value] of Object.entries(required)) {
    if (!value) throw new ConfigError(name, "is required with VOUCH_SWEEP=1 (see docs/sweep.md)");
  }
  return {
    tenantId: s.VOUCH_SWEEP_TENANT_ID as string,
    clientId: s.VOUCH_SWEEP_CLIENT_ID as string,
    clientSecret: s.VOUCH_SWEEP_CLIENT_SECRET as string,
    groupId: s.VOUCH_SWEEP_GROUP_ID as string,
    intervalMs: s.VOUCH_SWEEP_INTERVAL,
    startDelayMs: s.VOUCH_SWEEP_START_DELAY,
    graphUrl: s.VOUCH_SWEEP_GRAPH_URL,
    tokenUrl: s.VOUCH_SWEEP_TOKEN_URL,
    concurrency: s.VOUCH_SWEEP_CONCURRENCY,
    pageSize: s.VOUCH_SWEEP_PAGE_SIZE,
    manyMailboxes: s.VOUCH_SWEEP_MANY_MAILBOXES,
  };
}

/** The authserv-ids whose Authentication-Results the service trusts for this tenant. */
export function trustedAuthservFor(config: Config, tenantId: string): readonly string[] {
  return config.trustedAuthserv.get(tenantId) ?? config.trustedAuthserv.get("*") ?? [];
}
