import type { AuthUser, TokenVerifier } from "./types";

/**
 * Remembers tokens that passed verification until they expire, so a client sending the same
 * access token with every request (the pane, the ribbon button) pays for the signature check
 * once. Only exact token strings hit; expiry is checked on every hit; failures are not cached.
 * Bounded: past `maxEntries` the oldest entry goes.
 */
export interface CachingVerifier extends TokenVerifier {
  /** Whether this exact token verified before and has not expired: no check needed. */
  knows(token: string): boolean;
}

export function cachingVerifier(
  inner: TokenVerifier,
  options: { maxEntries?: number; clock?: () => number } = {},
): CachingVerifier {
  const maxEntries = options.maxEntries ?? 10_000;
  const clock = options.clock ?? Date.now;
  const verified = new Map<string, { user: AuthUser; expiresAt: number }>();
  return {
    knows(token) {
      const hit = verified.get(token);
      return hit !== undefined && hit.expiresAt > clock();
    },
    async verify(token) {
      const hit = verified.get(token);
      if (hit && hit.expiresAt > clock()) return hit.user;
      if (hit) verified.delete(token);
      const user = await inner.verify(token);
      const expiresAt = expiryOf(token);
      if (expiresAt !== null) {
        if (verified.size >= maxEntries) {
          const oldest = verified.keys().next().value;
          if (oldest !== undefined) verified.delete(oldest);
        }
        verified.set(token, { user, expiresAt });
      }
      return user;
    },
  };
}

/** exp of a token that already verified, in ms; null when it has none (then it is not cached). */
function expiryOf(token: string): number | null {
  try {
    const payload = JSON.parse(
      Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8"),
    ) as {
      exp?: unknown;
    };
    return typeof payload.exp === "number" ? payload.exp * 1000 : null;
  } catch {
    return null;
  }
}
