import { z } from "zod";
import type { NotCheckedReason } from "../../src/api/reputation-contract";
import { TtlCache, type Cached } from "./ttl-cache";

/**
 * When a registrable domain was registered, from its registry's RDAP service (RFC 9083 §4.5,
 * the "registration" event), found through IANA's bootstrap file for DNS (RFC 9224):
 * `{"services": [[["com", "net"], ["https://rdap.verisign.com/com/v1/"]], ...]}`.
 * The bootstrap is fetched once a day; a registration date is kept a day (it does not change
 * while the domain stays registered), "not found" an hour, a failure a minute.
 */
export const DEFAULT_RDAP_BOOTSTRAP_URL = "https://data.iana.org/rdap/dns.json";

export type Registration =
  { kind: "found"; registeredAt: string | null } | { kind: "failed"; reason: NotCheckedReason };

export interface RdapOptions {
  bootstrapUrl: string;
  /** How long one HTTP request may take, in ms. */
  timeoutMs: number;
  clock?: () => number;
}

export interface Rdap {
  registration(domain: string): Promise<Registration>;
}

const DAY_MS = 86_400_000;
const NOT_FOUND_TTL_MS = 3_600_000;
const FAILURE_TTL_MS = 60_000;
/** Registry answers are a few kilobytes; a larger one is not an answer to read. */
const MAX_BODY_BYTES = 1_048_576;

const bootstrapSchema = z.object({
  services: z.array(z.tuple([z.array(z.string()), z.array(z.string())]).rest(z.unknown())),
});

const domainSchema = z.object({
  events: z
    .array(z.object({ eventAction: z.string(), eventDate: z.string().optional() }).loose())
    .optional(),
});

type Fetched =
  | { kind: "json"; body: unknown }
  | { kind: "status"; status: number }
  | { kind: "failed"; reason: NotCheckedReason };

function failureReason(error: unknown): NotCheckedReason {
  const name = (error as { name?: unknown } | null)?.name;
  return name === "TimeoutError" || name === "AbortError" ? "timeout" : "unreachable";
}

async function getJson(url: string, timeoutMs: number): Promise<Fetched> {
  try {
    const response = await fetch(url, {
      headers: { accept: "application/rdap+json, application/json" },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) {
      await response.body?.cancel();
      return { kind: "status", status: response.status };
    }
    const length = Number(response.headers.get("content-length") ?? "0");
    if (length > MAX_BODY_BYTES) {
      await response.body?.cancel();
      return { kind: "failed", reason: "malformed-answer" };
    }
    const text = await response.text();
    if (text.length > MAX_BODY_BYTES) return { kind: "failed", reason: "malformed-answer" };
    try {
      return { kind: "json", body: JSON.parse(text) as unknown };
    } catch {
      return { kind: "failed", reason: "malformed-answer" };
    }
  } catch (error) {
    return { kind: "failed", reason: failureReason(error) };
  }
}

/** The RDAP base URL for a domain: the entry matching most of its trailing labels. */
export function rdapBaseFor(services: [string[], string[]][], domain: string): string | null {
  const labels = domain.toLowerCase().split(".");
  for (let start = 0; start < labels.length; start++) {
    const suffix = labels.slice(start).join(".");
    const service = services.find(([names]) => names.some((name) => name.toLowerCase() === suffix));
    if (!service) continue;
    const urls = service[1];
    const base = urls.find((url) => url.startsWith("https://")) ?? urls[0];
    if (base) return base.endsWith("/") ? base : `${base}/`;
  }
  return null;
}

/** The registration event's date as ISO 8601 UTC, or null when there is none that parses. */
export function registrationDateOf(body: unknown): string | null | undefined {
  const parsed = domainSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const event = parsed.data.events?.find(
    (item) => item.eventAction.toLowerCase() === "registration",
  );
  const at = event?.eventDate ? Date.parse(event.eventDate) : Number.NaN;
  return Number.isFinite(at) ? new Date(at).toISOString() : null;
}

export function createRdap(options: RdapOptions): Rdap {
  const clock = options.clock ?? Date.now;
  const bootstrap = new TtlCache<[string[], string[]][] | NotCheckedReason>(1, clock);
  const registrations = new TtlCache<Registration>(20_000, clock);

  const services = () =>
    bootstrap.get("dns", async (): Promise<Cached<[string[], string[]][] | NotCheckedReason>> => {
      const fetched = await getJson(options.bootstrapUrl, options.timeoutMs);
      if (fetched.kind === "failed") return { value: fetched.reason, ttlMs: FAILURE_TTL_MS };
      if (fetched.kind === "status") return { value: "server-error", ttlMs: FAILURE_TTL_MS };
      const parsed = bootstrapSchema.safeParse(fetched.body);
      if (!parsed.success) return { value: "malformed-answer", ttlMs: FAILURE_TTL_MS };
      return {
        value: parsed.data.services.map(([names, urls]) => [names, urls] as [string[], string[]]),
        ttlMs: DAY_MS,
      };
    });

  async function lookUp(domain: string): Promise<Cached<Registration>> {
    const known = await services();
    if (typeof known === "string") {
      return { value: { kind: "failed", reason: known }, ttlMs: 0 };
    }
    const base = rdapBaseFor(known, domain);
    if (!base) return { value: { kind: "failed", reason: "not-found" }, ttlMs: NOT_FOUND_TTL_MS };
    const fetched = await getJson(`${base}domain/${encodeURIComponent(domain)}`, options.timeoutMs);
    if (fetched.kind === "failed") {
      return { value: { kind: "failed", reason: fetched.reason }, ttlMs: FAILURE_TTL_MS };
    }
    if (fetched.kind === "status") {
      return fetched.status === 404
        ? { value: { kind: "failed", reason: "not-found" }, ttlMs: NOT_FOUND_TTL_MS }
        : { value: { kind: "failed", reason: "server-error" }, ttlMs: FAILURE_TTL_MS };
    }
    const registeredAt = registrationDateOf(fetched.body);
    if (registeredAt === undefined) {
      return { value: { kind: "failed", reason: "malformed-answer" }, ttlMs: FAILURE_TTL_MS };
    }
    return { value: { kind: "found", registeredAt }, ttlMs: DAY_MS };
  }

  return {
    registration: (domain) => registrations.get(domain.toLowerCase(), () => lookUp(domain)),
  };
}
