import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { Config } from "./config";

export interface TlsMaterial {
  key: Buffer;
  cert: Buffer;
  /** Where the certificate came from, in words, for the start banner. */
  source: string;
}

/** Where office-addin-dev-certs installs its localhost certificate (trusted by Office). */
export const OFFICE_DEV_CERT_DIR = join(homedir(), ".office-addin-dev-certs");

/**
 * The certificate the service listens with: VOUCH_TLS_CERT/VOUCH_TLS_KEY when given; else the
 * office-addin-dev-certs pair when installed (`npx office-addin-dev-certs install` makes Office
 * trust it); else a self-signed localhost certificate generated once into the data folder with
 * the openssl command (browsers and Office will warn about it until it is trusted).
 */
export function resolveTls(config: Config): TlsMaterial | null {
  const tls = config.tls;
  if (tls.kind === "none") return null;
  if (tls.kind === "files") {
    return {
      key: readFileSync(tls.keyPath),
      cert: readFileSync(tls.certPath),
      source: `certificate ${tls.certPath} (VOUCH_TLS_CERT)`,
    };
  }
  const officeCert = join(OFFICE_DEV_CERT_DIR, "localhost.crt");
  const officeKey = join(OFFICE_DEV_CERT_DIR, "localhost.key");
  if (existsSync(officeCert) && existsSync(officeKey)) {
    return {
      key: readFileSync(officeKey),
      cert: readFileSync(officeCert),
      source: `office-addin-dev-certs certificate ${officeCert}`,
    };
  }
  const dir = join(config.dataDir, "tls");
  const cert = join(dir, "localhost.crt");
  const key = join(dir, "localhost.key");
  let source = `self-signed localhost certificate ${cert}`;
  if (!existsSync(cert) || !existsSync(key)) {
    mkdirSync(dir, { recursive: true });
    generateSelfSigned(cert, key);
    source = `self-signed localhost certificate, generated now: ${cert}`;
  }
  return {
    key: readFileSync(key),
    cert: readFileSync(cert),
    source: `${source} (not trusted by Office: run "npx office-addin-dev-certs install" for a trusted one)`,
  };
}

function generateSelfSigned(certPath: string, keyPath: string): void {
  try {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-sha256",
        "-days",
        "365",
        "-subj",
        "/CN=localhost",
        "-addext",
        "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1",
        "-keyout",
        keyPath,
        "-out",
        certPath,
      ],
      { stdio: "pipe" },
    );
  } catch (error) {
    throw new Error(
      `could not generate a development certificate with openssl (${String(error)}); ` +
        "install openssl, give VOUCH_TLS_CERT and VOUCH_TLS_KEY, or set VOUCH_HTTP=1",
      { cause: error },
    );
  }
}
