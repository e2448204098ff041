import { Resolver } from "node:dns/promises";
import type { NotCheckedReason } from "../../src/api/reputation-contract";
import { blocklistQueryName } from "./addresses";
import { TtlCache, type Cached } from "./ttl-cache";

/**
 * The service's own DNS lookups for the live facts: Node's resolver (c-ares) with the servers
 * the admin configured (VOUCH_DNS_SERVERS; the system's otherwise), one try each, answers
 * cached. A and AAAA are kept for their records' TTLs (`ttl: true`); Node's resolver does not
 * give the TTL of TXT, MX or PTR answers, so those, and "no such record" answers, are kept
 * OTHER_TTL_MS (five minutes, shorter than almost every published TTL). A failure is kept
 * FAILURE_TTL_MS, so a resolver that is down costs one deadline per name, not one per request.
 */
export type DnsAnswer<R> =
  | { kind: "records"; records: R[] }
  /** NXDOMAIN or no record of the type: the name answers, with nothing. */
  | { kind: "none" }
  | { kind: "failed"; reason: NotCheckedReason };

export interface MxRecord {
  exchange: string;
  priority: number;
}

export interface DnsLookups {
  txt(name: string): Promise<DnsAnswer<string>>;
  mx(name: string): Promise<DnsAnswer<MxRecord>>;
  ptr(ip: string, family: 4 | 6): Promise<DnsAnswer<string>>;
  a(name: string): Promise<DnsAnswer<string>>;
  aaaa(name: string): Promise<DnsAnswer<string>>;
}

export interface DnsOptions {
  /** "1.1.1.1", "127.0.0.1:5300", "[::1]:53"; empty: the system's resolvers. */
  servers: readonly string[];
  /** How long one query may take, in ms. */
  timeoutMs: number;
  maxEntries?: number;
  clock?: () => number;
}

export const OTHER_TTL_MS = 300_000;
export const FAILURE_TTL_MS = 30_000;
/** A record's TTL is honoured between these bounds (a TTL of 0 would make every request wait). */
const MIN_TTL_MS = 30_000;
const MAX_TTL_MS = 86_400_000;

/** c-ares error codes (node:dns) to why the fact could not be established. */
export function reasonOf(error: unknown): NotCheckedReason | "none" {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case "ENOTFOUND":
    case "ENODATA":
      return "none";
    case "ETIMEOUT":
      return "timeout";
    case "EBADRESP":
    case "EFORMERR":
    case "EBADNAME":
    case "EBADFAMILY":
      return "malformed-answer";
    case "ESERVFAIL":
    case "EREFUSED":
    case "ENOTIMP":
      return "server-error";
    default:
      return "unreachable";
  }
}

function clampTtl(seconds: number): number {
  return Math.min(MAX_TTL_MS, Math.max(MIN_TTL_MS, seconds * 1000));
}

export function createDnsLookups(options: DnsOptions): DnsLookups {
  const resolver = new Resolver({ timeout: options.timeoutMs, tries: 1 });
  if (options.servers.length > 0) resolver.setServers([...options.servers]);
  const cache = new TtlCache<DnsAnswer<unknown>>(options.maxEntries ?? 20_000, options.clock);

  function cached<R>(
    key: string,
    query: () => Promise<{ records: R[]; ttlMs: number }>,
  ): Promise<DnsAnswer<R>> {
    const load = async (): Promise<Cached<DnsAnswer<unknown>>> => {
      try {
        const { records, ttlMs } = await query();
        if (records.length === 0) return { value: { kind: "none" }, ttlMs: OTHER_TTL_MS };
        return { value: { kind: "records", records }, ttlMs };
      } catch (error) {
        const reason = reasonOf(error);
        return reason === "none"
          ? { value: { kind: "none" }, ttlMs: OTHER_TTL_MS }
          : { value: { kind: "failed", reason }, ttlMs: FAILURE_TTL_MS };
      }
    };
    return cache.get(key, load) as Promise<DnsAnswer<R>>;
  }

  const address = (family: "A" | "AAAA") => (name: string) =>
    cached<string>(`${family} ${name}`, async () => {
      const records =
        family === "A"
          ? await resolver.resolve4(name, { ttl: true })
          : await resolver.resolve6(name, { ttl: true });
      const ttl = Math.min(...records.map((record) => record.ttl));
      return { records: records.map((record) => record.address), ttlMs: clampTtl(ttl) };
    });

  return {
    txt: (name) =>
      cached(`TXT ${name}`, async () => ({
        // A TXT record may come in several strings; they form one text (RFC 7208 §3.3).
        records: (await resolver.resolveTxt(name)).map((chunks) => chunks.join("")),
        ttlMs: OTHER_TTL_MS,
      })),
    mx: (name) =>
      cached(`MX ${name}`, async () => ({
        records: (await resolver.resolveMx(name)).map(({ exchange, priority }) => ({
          exchange,
          priority,
        })),
        ttlMs: OTHER_TTL_MS,
      })),
    // resolvePtr, not reverse(): reverse() reports a refused or unreachable server as
    // ENOTFOUND, which would read as "no reverse name" when nothing was checked.
    ptr: (ip, family) =>
      cached(`PTR ${ip}`, async () => ({
        records: await resolver.resolvePtr(
          blocklistQueryName(ip, family, family === 4 ? "in-addr.arpa" : "ip6.arpa"),
        ),
        ttlMs: OTHER_TTL_MS,
      })),
    a: address("A"),
    aaaa: address("AAAA"),
  };
}
