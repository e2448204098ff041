import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ConfigError, loadConfig, type Config } from "../config";
import type { RunningService } from "../start";

const REPO_ROOT = resolve(import.meta.dirname, "../..");
const WEB_DIR = join(REPO_ROOT, "dist/web");

/**
 * `vouch serve`: reads the settings, opens the store (running its migrations), listens, prints
 * where everything is, and runs until SIGTERM or SIGINT, finishing requests in flight.
 * The first line of output is always "Vouch is running at <url>" (tests wait for it).
 */
export async function serveCommand(args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    process.stdout.write(
      "usage: vouch serve\n\nEvery setting is an environment variable; see .env.example.\n",
    );
    return 0;
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`vouch serve: bad setting ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  // Loaded only once the settings are good: a bad setting is reported without the whole service.
  const { startService, stopOnSignals } = await import("../start");
  let service: RunningService;
  try {
    service = await startService(config);
  } catch (error) {
    process.stderr.write(`vouch serve: could not start: ${(error as Error).message}\n`);
    return 1;
  }
  process.stdout.write(banner(config, service));
  await new Promise<void>((resolve) => stopOnSignals(service, resolve));
  return 0;
}

function banner(config: Config, service: RunningService): string {
  // With PORT=0 only the listening address knows the port.
  const origin = config.port === 0 ? service.url : config.publicOrigin;
  const manifest = manifestLine(origin);
  const storage =
    config.database.kind === "postgres"
      ? "PostgreSQL (DATABASE_URL)"
      : `SQLite ${config.database.path}${config.durableWrites ? "" : " (durable writes OFF)"}`;
  const auth =
    config.auth.mode === "dev"
      ? "development issuer (tokens: vouch token --tenant T --user U [--admin]); not for production"
      : `Microsoft Entra ID, client ${config.auth.clientId}, ${config.auth.tenants?.size ?? 0} tenant(s)`;
  const lines = [
    `Vouch is running at ${service.url}`,
    `  task pane      ${origin}/taskpane.html`,
    `  dev harness    ${origin}/harness.html`,
    `  admin console  ${origin}/admin.html`,
    `  API            ${origin}/api/v1  (OpenAPI: ${origin}/api/openapi.json)`,
    `  manifest       ${manifest}`,
    `  certificate    ${service.certificate}`,
    `  storage        ${storage}`,
    `  sign-in        ${auth}`,
  ];
  if (!existsSync(WEB_DIR)) {
    lines.push(
      "  note           the web pages are not built: run npm run build (pages answer 503)",
    );
  }
  return `${lines.join("\n")}\n`;
}

/**
 * ./manifest.xml is rendered for one origin (https://localhost:3000 as committed): name it only
 * when it points at this service, else the manifest this service renders for its own origin.
 */
export function manifestLine(origin: string): string {
  const file = join(REPO_ROOT, "manifest.xml");
  const served = `${origin}/manifest.xml`;
  if (!origin.startsWith("https://")) {
    return "none over plain HTTP: Outlook needs HTTPS (set VOUCH_PUBLIC_ORIGIN to the https:// origin a proxy serves)";
  }
  if (existsSync(file) && readFileSync(file, "utf8").includes(`${origin}/`)) {
    return `${file}; served at ${served}`;
  }
  return `${served} (for this origin; ./manifest.xml is for another one: npm run manifest -- --origin ${origin} writes one)`;
}
