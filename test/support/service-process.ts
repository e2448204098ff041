/**
 * `vouch serve` as a child process, for fault tests and benchmarks (no vitest inside, so
 * bench/ can use it too). Resolves once the service prints "Vouch is running at <url>".
 */
import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import { openDevIssuer } from "../../server/auth/dev-issuer";
import { loadConfig } from "../../server/config";

/** Plain HTTP on 127.0.0.1, a free port, development sign-in, no rate limits. */
export const CHILD_BASE_ENV: Record<string, string> = {
  NODE_ENV: "test",
  HOST: "127.0.0.1",
  PORT: "0",
  VOUCH_HTTP: "1",
  VOUCH_AUTH: "dev",
  LOG_LEVEL: "warn",
  VOUCH_RATE_LIMIT_USER: "off",
  VOUCH_RATE_LIMIT_TENANT: "off",
};

export interface ServiceProcess {
  url: string;
  child: ChildProcess;
  /** Everything it wrote so far, stdout and stderr. */
  output(): string;
  /** Sends the signal and waits for the process to end; resolves with its exit code or signal. */
  kill(signal?: NodeJS.Signals): Promise<number | NodeJS.Signals | null>;
  /** SIGTERM: the graceful stop. */
  stop(): Promise<number | NodeJS.Signals | null>;
}

const VOUCH_BIN = resolve(import.meta.dirname, "../../bin/vouch.mjs");
const RUNNING = /Vouch is running at (\S+)/;

/** `vouch serve` in a child process with CHILD_BASE_ENV + `env`; resolves once it listens. */
export function spawnService(
  env: Record<string, string>,
  options: { timeoutMs?: number; nodeArgs?: string[] } = {},
): Promise<ServiceProcess> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), VOUCH_BIN, "serve"], {
    env: { ...process.env, ...CHILD_BASE_ENV, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<number | NodeJS.Signals | null>((done) =>
    child.once("exit", (code, signal) => done(signal ?? code)),
  );
  return new Promise((resolveStart, rejectStart) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      rejectStart(new Error(`vouch serve did not start in time:\n${output}`));
    }, options.timeoutMs ?? 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = RUNNING.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        const kill = async (signal: NodeJS.Signals = "SIGKILL") => {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return exited;
        };
        resolveStart({
          url: match[1],
          child,
          output: () => output,
          kill,
          stop: () => kill("SIGTERM"),
        });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    void exited.then((how) => {
      clearTimeout(timer);
      rejectStart(new Error(`vouch serve ended (${String(how)}) before listening:\n${output}`));
    });
  });
}

/** A development token signed with the key pair in `dataDir`, as a child service would accept. */
export async function tokenFor(
  dataDir: string,
  who: { tenant: string; user: string; admin?: boolean },
): Promise<string> {
  const config = loadConfig({ ...CHILD_BASE_ENV, VOUCH_DATA_DIR: dataDir });
  const issuer = await openDevIssuer(config.dataDir, config.auth);
  return (await issuer.sign(who)).accessToken;
}
