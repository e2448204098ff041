import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  SignJWT,
  type CryptoKey,
  type JWK,
} from "jose";
import type { AuthConfig } from "../config";
import { createTokenVerifier } from "./verify";
import type { TokenVerifier } from "./types";
import { isConfiguredAdmin } from "./admins";

/**
 * The development issuer: stands in for Entra ID locally and in tests. Its ES256 key pair lives
 * in the data folder (created on first use); its tokens have the shape of Entra v2 access tokens
 * (iss per tenant, aud, scp, tid, oid, roles, iat, nbf, exp), so the same validation rules apply.
 * The service refuses to start with it when NODE_ENV=production (server/config.ts).
 */
export const DEV_ALGORITHM = "ES256";
export const DEV_TOKEN_LIFETIME_SECONDS = 3600;
const KEY_FILE = "dev-issuer-key.json";

export function devIssuerFor(tenantId: string): string {
  return `https://vouch.dev.local/${tenantId}/v2.0`;
}

export interface DevTokenRequest {
  tenant: string;
  user: string;
  admin?: boolean;
}

export interface DevIssuer {
  sign(request: DevTokenRequest): Promise<{ accessToken: string; expiresAt: string }>;
  verifier: TokenVerifier;
  /** The public key set, for anyone who wants to check a development token themselves. */
  publicJwks: { keys: JWK[] };
  /** Where the key pair lives, and whether this call made it (no key was there before). */
  keyFile: string;
  created: boolean;
}

interface KeyFile {
  privateJwk: JWK;
  publicJwk: JWK;
}

async function loadOrCreateKeys(dataDir: string): Promise<{ keys: KeyFile; created: boolean }> {
  const path = join(dataDir, KEY_FILE);
  try {
    return { keys: JSON.parse(readFileSync(path, "utf8")) as KeyFile, created: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const { privateKey, publicKey } = await generateKeyPair(DEV_ALGORITHM, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const keys: KeyFile = {
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: DEV_ALGORITHM },
    publicJwk: { ...publicJwk, kid, alg: DEV_ALGORITHM, use: "sig" },
  };
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    // "wx": when two processes start on one data folder, the first key written wins.
    writeFileSync(path, JSON.stringify(keys), { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return { keys: JSON.parse(readFileSync(path, "utf8")) as KeyFile, created: false };
  }
  return { keys, created: true };
}

export async function openDevIssuer(dataDir: string, auth: AuthConfig): Promise<DevIssuer> {
  const { keys, created } = await loadOrCreateKeys(dataDir);
  const privateKey = (await importJWK(keys.privateJwk, DEV_ALGORITHM)) as CryptoKey;
  const publicJwks = { keys: [keys.publicJwk] };
  const keySet = createLocalJWKSet(publicJwks);

  const verifier = createTokenVerifier({
    keysFor: () => keySet,
    issuerFor: devIssuerFor,
    audiences: [auth.clientId, `api://${auth.clientId}`],
    tenants: auth.tenants,
    algorithms: [DEV_ALGORITHM],
    requiredScope: auth.requiredScope,
    clockToleranceSeconds: auth.clockToleranceSeconds,
    isAdmin: (tenantId, userId, roles) =>
      roles.includes(auth.adminRole) || isConfiguredAdmin(auth, tenantId, userId),
  });

  return {
    verifier,
    publicJwks,
    keyFile: join(dataDir, KEY_FILE),
    created,
    async sign({ tenant, user, admin }) {
      const now = Math.floor(Date.now() / 1000);
      const exp = now + DEV_TOKEN_LIFETIME_SECONDS;
      const accessToken = await new SignJWT({
        tid: tenant,
        oid: user,
        scp: auth.requiredScope,
        roles: admin ? [auth.adminRole] : [],
        ver: "2.0",
        name: user,
      })
        .setProtectedHeader({ alg: DEV_ALGORITHM, typ: "JWT", kid: keys.publicJwk.kid })
        .setIssuer(devIssuerFor(tenant))
        .setAudience(auth.clientId)
        .setSubject(`${tenant}:${user}`)
        .setIssuedAt(now)
        .setNotBefore(now)
        .setExpirationTime(exp)
        .sign(privateKey);
      return { accessToken, expiresAt: new Date(exp * 1000).toISOString() };
    },
  };
}
