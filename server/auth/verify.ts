import { decodeJwt, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import { AuthError, type AuthUser, type TokenVerifier } from "./types";

/**
 * The one set of rules every accepted token passes, for Entra ID and for the development issuer
 * alike: a tenant on the allow-list, the key set of that tenant, the issuer of that tenant, the
 * audience, exp and nbf with a small tolerance, an allowed algorithm, the required scope.
 */
export interface TokenRules {
  /** Key set per tenant (Entra publishes keys per tenant; the dev issuer has one pair). */
  keysFor(tenantId: string): JWTVerifyGetKey;
  issuerFor(tenantId: string): string;
  audiences: string[];
  /** Null accepts every tenant (development only). */
  tenants: ReadonlySet<string> | null;
  algorithms: string[];
  requiredScope: string;
  clockToleranceSeconds: number;
  isAdmin(tenantId: string, userId: string, roles: readonly string[]): boolean;
}

const TENANT_ID = /^[A-Za-z0-9._-]{1,100}$/;

export function createTokenVerifier(rules: TokenRules): TokenVerifier {
  return {
    async verify(token) {
      const tenantId = unverifiedTenant(token);
      if (rules.tenants && !rules.tenants.has(tenantId)) {
        throw new AuthError("tenant-not-allowed", "this tenant is not allowed to use the service");
      }
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, rules.keysFor(tenantId), {
          issuer: rules.issuerFor(tenantId),
          audience: rules.audiences,
          algorithms: rules.algorithms,
          clockTolerance: rules.clockToleranceSeconds,
          requiredClaims: ["exp", "tid", "oid"],
        }));
      } catch (error) {
        throw toAuthError(error);
      }
      const userId = payload.oid;
      if (typeof userId !== "string" || !TENANT_ID.test(userId) || payload.tid !== tenantId) {
        throw new AuthError("missing-claim", "the token has no usable tid/oid");
      }
      const scopes = typeof payload.scp === "string" ? payload.scp.split(" ") : [];
      if (!scopes.includes(rules.requiredScope)) {
        throw new AuthError("missing-scope", `the token lacks the scope ${rules.requiredScope}`);
      }
      const roles = Array.isArray(payload.roles)
        ? payload.roles.filter((role): role is string => typeof role === "string")
        : [];
      const user: AuthUser = {
        tenantId,
        userId,
        isAdmin: rules.isAdmin(tenantId, userId, roles),
      };
      return user;
    },
  };
}

function unverifiedTenant(token: string): string {
  let claims: JWTPayload;
  try {
    claims = decodeJwt(token);
  } catch {
    throw new AuthError("malformed-token", "the bearer token is not a JWT");
  }
  const tid = claims.tid;
  if (typeof tid !== "string" || !TENANT_ID.test(tid)) {
    throw new AuthError("missing-claim", "the token has no usable tid");
  }
  return tid;
}

function toAuthError(error: unknown): AuthError {
  if (error instanceof errors.JWTExpired) return new AuthError("expired", "the token has expired");
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case "iss":
        return new AuthError("wrong-issuer", "the token's issuer is not accepted");
      case "aud":
        return new AuthError("wrong-audience", "the token is not meant for this service");
      case "nbf":
        return new AuthError("not-yet-valid", "the token is not valid yet");
      default:
        return new AuthError("missing-claim", `the token's ${error.claim} claim is not acceptable`);
    }
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return new AuthError("algorithm-not-allowed", "the token's signing algorithm is not accepted");
  }
  if (
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys
  ) {
    return new AuthError("unknown-key", "the token was not signed by a known key");
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new AuthError("bad-signature", "the token's signature does not verify");
  }
  if (error instanceof errors.JWTInvalid || error instanceof errors.JWSInvalid) {
    return new AuthError("malformed-token", "the bearer token is not a valid JWT");
  }
  // The key set could not be fetched or read (timeout, network, bad JSON): a refusal, never an
  // acceptance, but a retryable one.
  return new AuthError("keys-unavailable", "the token's signing keys could not be fetched");
}
