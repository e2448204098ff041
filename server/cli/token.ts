import { parseArgs } from "node:util";
import { openDevIssuer } from "../auth/dev-issuer";
import { ConfigError, loadConfig } from "../config";

const USAGE = `usage: vouch token --tenant TENANT --user USER [--admin] [--json]

Prints an access token from the development issuer whose key pair lives in VOUCH_DATA_DIR
(default ./data: use the service's), valid for an hour. Only with VOUCH_AUTH=dev (the default
outside production). Says so on stderr when that folder had no key and a new one was made.
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
    if (issuer.created) {
      // Each data folder has its own key: a token from a new one is refused by a service
      // running on another folder, which would otherwise look like a sign-in bug.
      process.stderr.write(
        `vouch token: no development key was in ${config.dataDir}, so a new one was made (${issuer.keyFile}).\n` +
          "  A service already running on another VOUCH_DATA_DIR refuses this token: run vouch token\n" +
          "  with the same VOUCH_DATA_DIR as the service (default ./data).\n",
      );
    }
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
