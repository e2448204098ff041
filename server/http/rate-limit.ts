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

  /** Seconds until the window ends when over the limit, else null. */
  hit(key: string, now: number): number | null {
    const window = Math.floor(now / this.limit.windowMs);
    if (window !== this.window) {
      this.window = window;
      this.counts = new Map();
    }
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    if (count <= this.limit.max) return null;
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
