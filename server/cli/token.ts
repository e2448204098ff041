import { parseArgs } from "node:util";
import { openDevIssuer } from "../auth/dev-issuer";
import { ConfigError, loadConfig } from "../config";

const USAGE = `usage: vouch token --tenant TENANT --user USER [--admin] [--json]

Prints an access token from the development issuer whose key pair lives in VOUCH_DATA_DIR,
valid for an hour. Only with VOUCH_AUTH=dev (the default outside production).
`;

/** `vouch token`: a development access token for scripts, curl and tests. */
export async function tokenCommand(args: string[]): Promise<number> {
  let values: { tenant?: string; user?: string; admin?: boolean; json?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        tenant: { type: "string" },
        user: { type: "string" },
        admin: { type: "boolean" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`vouch token: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (!values.tenant || !values.user) {
    process.stderr.write(`vouch token: --tenant and --user are required\n${USAGE}`);
    return 2;
  }
  try {
    const config = loadConfig();
    if (config.auth.mode !== "dev") {
      process.stderr.write("vouch token: only with VOUCH_AUTH=dev (the development issuer)\n");
      return 1;
    }
    const issuer = await openDevIssuer(config.dataDir, config.auth);
    const token = await issuer.sign({
      tenant: values.tenant,
      user: values.user,
      admin: values.admin ?? false,
    });
    process.stdout.write(values.json ? `${JSON.stringify(token)}\n` : `${token.accessToken}\n`);
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`vouch token: bad setting ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
