/** Who is calling, as the validated access token says. The user key is tenant id + object id. */
export interface AuthUser {
  tenantId: string;
  /** The token's `oid`: stable per person and tenant (never the UPN, which can change). */
  userId: string;
  isAdmin: boolean;
}

/**
 * Why a token was refused. Everything about a token's authenticity or validity is a 401; an
 * authentic token that lacks the required scope is a 403 (RFC 6750 "insufficient_scope").
 */
export type AuthFailure =
  | "missing-token"
  | "malformed-token"
  | "algorithm-not-allowed"
  | "bad-signature"
  | "unknown-key"
  | "wrong-issuer"
  | "wrong-audience"
  | "expired"
  | "not-yet-valid"
  | "tenant-not-allowed"
  | "missing-claim"
  | "missing-scope"
  /** The issuer's key set could not be fetched: our problem, not the caller's (503). */
  | "keys-unavailable";

export class AuthError extends Error {
  readonly statusCode: 401 | 403 | 503;
  constructor(
    readonly reason: AuthFailure,
    message: string,
  ) {
    super(message);
    this.name = "AuthError";
    this.statusCode = reason === "missing-scope" ? 403 : reason === "keys-unavailable" ? 503 : 401;
  }
}

export interface TokenVerifier {
  /** Resolves to the caller, or rejects with AuthError. */
  verify(token: string): Promise<AuthUser>;
}
