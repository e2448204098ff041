/**
 * A bounded cache of lookups, each kept for the time its answer says (a DNS record's TTL, an
 * RDAP answer's chosen lifetime). Concurrent requests for one key share one lookup, and a
 * lookup that outlives the caller's deadline still lands here, so the next request finds it.
 * Past `maxEntries` the oldest entry goes.
 */
export interface Cached<T> {
  value: T;
  /** How long the value may be reused, in ms; 0 keeps it out of the cache. */
  ttlMs: number;
}

export class TtlCache<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>();
  private readonly pending = new Map<string, Promise<T>>();

  constructor(
    private readonly maxEntries = 10_000,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The cached value while fresh, else undefined. */
  peek(key: string): T | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.expiresAt > this.clock()) return hit.value;
    this.entries.delete(key);
    return undefined;
  }

  /** The cached value, or the one lookup in flight for the key, or a new lookup. */
  get(key: string, load: () => Promise<Cached<T>>): Promise<T> {
    const hit = this.peek(key);
    if (hit !== undefined) return Promise.resolve(hit);
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const started = load().then(
      ({ value, ttlMs }) => {
        this.pending.delete(key);
        if (ttlMs > 0) this.set(key, value, ttlMs);
        return value;
      },
      (error: unknown) => {
        this.pending.delete(key);
        throw error;
      },
    );
    this.pending.set(key, started);
    return started;
  }

  set(key: string, value: T, ttlMs: number): void {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { value, expiresAt: this.clock() + ttlMs });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
