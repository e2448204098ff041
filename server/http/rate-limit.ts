import type { RateLimit } from "../config";
import type { AuthUser } from "../auth/types";
import { HttpError } from "./errors";

/**
 * Fixed-window counters per user and per tenant, in this process's memory. Several service
 * processes each apply the limits on their own (a deployment behind a balancer divides them).
 * Windows are aligned to the clock, so a counter is one number per key and window.
 */
export interface RateLimiter {
  /** Counts one request; throws a 429 with Retry-After when a limit is spent. */
  check(user: AuthUser): void;
}

class WindowCounter {
  private window = -1;
  private counts = new Map<string, number>();
  constructor(private readonly limit: RateLimit) {}

  /** Counts one request; seconds until the window ends when over the limit, else null. */
  hit(key: string, now: number): number | null {
    const window = this.roll(now);
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    return count <= this.limit.max ? null : this.wait(window, now);
  }

  /** Like hit, without counting: whether this key already spent the window's allowance. */
  spent(key: string, now: number): number | null {
    const window = this.roll(now);
    return (this.counts.get(key) ?? 0) < this.limit.max ? null : this.wait(window, now);
  }

  private roll(now: number): number {
    const window = Math.floor(now / this.limit.windowMs);
    if (window !== this.window) {
      this.window = window;
      this.counts = new Map();
    }
    return window;
  }

  private wait(window: number, now: number): number {
    return Math.max(1, Math.ceil(((window + 1) * this.limit.windowMs - now) / 1000));
  }
}

export function createRateLimiter(
  perUser: RateLimit | null,
  perTenant: RateLimit | null,
  clock: () => number = Date.now,
): RateLimiter {
  const users = perUser ? new WindowCounter(perUser) : null;
  const tenants = perTenant ? new WindowCounter(perTenant) : null;
  return {
    check(user) {
      const now = clock();
      const userWait = users?.hit(`${user.tenantId}\u0000${user.userId}`, now) ?? null;
      if (userWait !== null) {
        throw new HttpError(
          429,
          "rate-limited-user",
          "too many requests from you; try again later",
          {
            "retry-after": String(userWait),
          },
        );
      }
      const tenantWait = tenants?.hit(user.tenantId, now) ?? null;
      if (tenantWait !== null) {
        throw new HttpError(
          429,
          "rate-limited-tenant",
          "too many requests from your organisation; try again later",
          { "retry-after": String(tenantWait) },
        );
      }
    },
  };
}

/**
 * Callers without a valid token, per client address (request.ip, which honours
 * VOUCH_TRUST_PROXY): refused sign-ins and calls that need no token but cost something
 * (POST /dev/token). Once an address spent its allowance, its requests are answered 429 before
 * their token is checked, so a flood of made-up tokens costs no signature checks or key fetches.
 */
export interface AnonymousLimiter {
  /** Throws 429 when this address already spent the window's allowance; counts nothing. */
  refuseIfSpent(address: string): void;
  /** Counts one refused sign-in or anonymous call. */
  count(address: string): void;
  /** Counts one anonymous call and throws 429 when it is over the allowance. */
  hit(address: string): void;
}

function anonymousLimited(wait: number): HttpError {
  return new HttpError(
    429,
    "rate-limited-address",
    "too many requests without a valid sign-in from your address; try again later",
    { "retry-after": String(wait) },
  );
}

export function createAnonymousLimiter(
  limit: RateLimit | null,
  clock: () => number = Date.now,
): AnonymousLimiter {
  const counter = limit ? new WindowCounter(limit) : null;
  return {
    refuseIfSpent(address) {
      const wait = counter?.spent(address, clock()) ?? null;
      if (wait !== null) throw anonymousLimited(wait);
    },
    count(address) {
      counter?.hit(address, clock());
    },
    hit(address) {
      const wait = counter?.hit(address, clock()) ?? null;
      if (wait !== null) throw anonymousLimited(wait);
    },
  };
}
